/* The kernel's freestanding string and memory routines (Linux's lib/string.c): memcpy and
 * friends for every file and for the calls GCC itself emits, plus strsep. In host tests
 * libc provides these names; lib/string_helpers.c holds what libc does not have. */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>

/*
 * Bulk copies and fills go a word at a time once the destination is aligned (and, for
 * copies, the source is aligned the same way). We never make unaligned word accesses:
 * they fault on Device memory and before the MMU is on.
 */
#define WORD_SIZE	sizeof(unsigned long)
#define WORD_MASK	(WORD_SIZE - 1)

/* A word that may alias any object, so word loops over char buffers stay well defined. */
typedef unsigned long __attribute__((__may_alias__)) word_t;

/*
 * Compilers recognise copy and fill loops and replace them with calls to memcpy, memmove
 * or memset (GCC's -ftree-loop-distribute-patterns; GCC 12 holds back under -ffreestanding,
 * clang does not); inside those very functions the call would recurse. An empty asm that
 * claims to change the cursor hides the pattern and costs no instruction.
 */
#define hide_cursor(p)	__asm__("" : "+r"(p))

static inline bool same_word_offset(const void *a, const void *b)
{
	return (((uintptr_t)a ^ (uintptr_t)b) & WORD_MASK) == 0;
}

static inline bool word_aligned(const void *p)
{
	return ((uintptr_t)p & WORD_MASK) == 0;
}

/*
 * Copies n bytes upwards, lowest address first. Each step reads its bytes before it
 * writes them, so this is also a correct memmove when dst is below src.
 */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= WORD_SIZE && same_word_offset(d, s)) {
		for (; !word_aligned(d); n--) {
			*d++ = *s++;
			hide_cursor(d);
		}
		for (; n >= 4 * WORD_SIZE; n -= 4 * WORD_SIZE) {
			unsigned long w0 = ((const word_t *)s)[0], w1 = ((const word_t *)s)[1];
			unsigned long w2 = ((const word_t *)s)[2], w3 = ((const word_t *)s)[3];

			((word_t *)d)[0] = w0;
			((word_t *)d)[1] = w1;
			((word_t *)d)[2] = w2;
			((word_t *)d)[3] = w3;
			d += 4 * WORD_SIZE;
			s += 4 * WORD_SIZE;
			hide_cursor(d);
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
			hide_cursor(d);
		}
	}
	for (; n; n--) {
		*d++ = *s++;
		hide_cursor(d);
	}
}

/* Copies n bytes downwards, highest address first: memmove when dst is above src. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if (n >= WORD_SIZE && same_word_offset(d, s)) {
		for (; !word_aligned(d); n--) {
			*--d = *--s;
			hide_cursor(d);
		}
		for (; n >= 4 * WORD_SIZE; n -= 4 * WORD_SIZE) {
			unsigned long w3 = ((const word_t *)s)[-1], w2 = ((const word_t *)s)[-2];
			unsigned long w1 = ((const word_t *)s)[-3], w0 = ((const word_t *)s)[-4];

			((word_t *)d)[-1] = w3;
			((word_t *)d)[-2] = w2;
			((word_t *)d)[-3] = w1;
			((word_t *)d)[-4] = w0;
			d -= 4 * WORD_SIZE;
			s -= 4 * WORD_SIZE;
			hide_cursor(d);
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			d -= WORD_SIZE;
			s -= WORD_SIZE;
			*(word_t *)d = *(const word_t *)s;
			hide_cursor(d);
		}
	}
	for (; n; n--) {
		*--d = *--s;
		hide_cursor(d);
	}
}

/* Copies n bytes from src to dst, which must not overlap; returns dst. */
void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

/* Copies n bytes from src to dst, which may overlap; returns dst. */
void *memmove(void *dst, const void *src, size_t n)
{
	/* dst below src, or the ranges apart: an upward copy reads each byte in time. */
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return dst;
}

/* Fills n bytes at s with the byte c; returns s. */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	unsigned long pattern = (unsigned char)c * (~0UL / 0xff);

	if (n >= WORD_SIZE) {
		for (; !word_aligned(p); n--) {
			*p++ = (unsigned char)c;
			hide_cursor(p);
		}
		for (; n >= 4 * WORD_SIZE; n -= 4 * WORD_SIZE) {
			((word_t *)p)[0] = pattern;
			((word_t *)p)[1] = pattern;
			((word_t *)p)[2] = pattern;
			((word_t *)p)[3] = pattern;
			p += 4 * WORD_SIZE;
			hide_cursor(p);
		}
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)p = pattern;
			p += WORD_SIZE;
			hide_cursor(p);
		}
	}
	for (; n; n--) {
		*p++ = (unsigned char)c;
		hide_cursor(p);
	}
	return s;
}

/* Compares n bytes as unsigned chars; returns <0, 0 or >0 like the first difference. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	if (n >= WORD_SIZE && same_word_offset(p, q)) {
		for (; !word_aligned(p); n--, p++, q++)
			if (*p != *q)
				return *p - *q;
		/* Skip equal words; the byte loop below finds the difference in the first other. */
		for (; n >= WORD_SIZE; n -= WORD_SIZE, p += WORD_SIZE, q += WORD_SIZE)
			if (*(const word_t *)p != *(const word_t *)q)
				break;
	}
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

/* Returns the first of the n bytes at s equal to (unsigned char)c, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* Returns the length of s, without its NUL. */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* Returns the length of s, but at most maxlen; reads no byte past s[maxlen - 1]. */
size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

/* Compares as unsigned chars; returns -1, 0 or 1 (Linux's values). */
int strcmp(const char *a, const char *b)
{
	unsigned char c1, c2;

	do {
		c1 = *a++;
		c2 = *b++;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
	} while (c1);
	return 0;
}

/* Compares at most n characters as unsigned chars; returns -1, 0 or 1. */
int strncmp(const char *a, const char *b, size_t n)
{
	unsigned char c1, c2;

	for (; n; n--) {
		c1 = *a++;
		c2 = *b++;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
		if (!c1)
			break;
	}
	return 0;
}

/* Returns the first c in s (the terminator itself when c is 0), or NULL. */
char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

/* Returns the last c in s (the terminator itself when c is 0), or NULL. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/* Returns the first occurrence of needle in haystack (haystack when needle is ""), or NULL. */
char *strstr(const char *haystack, const char *needle)
{
	size_t hlen, nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	for (hlen = strlen(haystack); hlen >= nlen; hlen--, haystack++)
		if (!memcmp(haystack, needle, nlen))
			return (char *)haystack;
	return NULL;
}

/*
 * Splits *s at the first character in delim: writes a NUL there, moves *s past it (to NULL
 * when none is left) and returns the token it started with; NULL when *s was NULL.
 */
char *strsep(char **s, const char *delim)
{
	char *start = *s, *end;

	if (!start)
		return NULL;
	for (end = start; *end && !strchr(delim, *end); end++)
		;
	if (*end) {
		*end = '\0';
		*s = end + 1;
	} else {
		*s = NULL;
	}
	return start;
}
