/* Bit searches on words (Linux's bitops.h); the compiler's builtins become clz/rbit. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

/* The position of the most significant set bit, counting from 1; 0 for 0. */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls_long(unsigned long x)
{
	return x ? 64 - __builtin_clzl(x) : 0;
}

/* The position of the least significant set bit, from 0; undefined for 0, as Linux's. */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* A 32-bit word rotated left by shift bits (0-31). */
static inline unsigned int rol32(unsigned int word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}
#endif
