/*
 * Bitmaps as arrays of unsigned long, bit n in word n / BITS_PER_LONG: the non-atomic
 * set/clear/test and the find_* searches of Linux's bitmap.h and find.h (same names and
 * return conventions: a search that finds nothing returns @size).
 */
#ifndef _LINUX_BITMAP_H
#define _LINUX_BITMAP_H

#include <linux/types.h>
#include <linux/kernel.h>

#define BITS_PER_LONG		64
#define BITS_TO_LONGS(nr)	DIV_ROUND_UP(nr, BITS_PER_LONG)
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return addr[BIT_WORD(nr)] & BIT_MASK(nr);
}

static inline void __set_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

/*
 * The atomic forms (Linux's asm/bitops/atomic.h and lock.h): set_bit and clear_bit are
 * relaxed, the test_and_ ones fully ordered; test_and_set_bit_lock and clear_bit_unlock
 * order like a lock's acquire and release.
 */
static inline void set_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void change_bit(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline bool test_and_set_bit(unsigned long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

static inline bool test_and_set_bit_lock(unsigned long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_ACQUIRE) &
	       BIT_MASK(nr);
}

static inline void clear_bit_unlock(unsigned long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/* Sets bits [start, start + nr). */
static inline void bitmap_set(unsigned long *map, unsigned long start, unsigned long nr)
{
	for (unsigned long i = start; i < start + nr; i++)
		__set_bit(i, map);
}

/* Clears bits [start, start + nr). */
static inline void bitmap_clear(unsigned long *map, unsigned long start, unsigned long nr)
{
	for (unsigned long i = start; i < start + nr; i++)
		__clear_bit(i, map);
}

/* The whole map, a word at a time (the bits past @nbits in its last word too). */
static inline void bitmap_zero(unsigned long *map, unsigned long nbits)
{
	for (unsigned long i = 0; i < BITS_TO_LONGS(nbits); i++)
		map[i] = 0;
}

/*
 * The first bit at or after @offset below @size that is set, when @invert is 0, or clear,
 * when @invert is ~0UL; @size if none. One word at a time.
 */
static inline unsigned long _find_next_bit(const unsigned long *addr, unsigned long size,
					   unsigned long offset, unsigned long invert)
{
	unsigned long word;

	if (offset >= size)
		return size;
	word = (addr[BIT_WORD(offset)] ^ invert) & (~0UL << (offset % BITS_PER_LONG));
	offset = ALIGN_DOWN(offset, BITS_PER_LONG);
	while (!word) {
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		word = addr[BIT_WORD(offset)] ^ invert;
	}
	return min(offset + __builtin_ctzl(word), size);
}

static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return _find_next_bit(addr, size, offset, 0);
}

static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	return _find_next_bit(addr, size, offset, ~0UL);
}

/* The last set bit below @size, or @size if none is set. */
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long idx = size;

	while (idx) {
		unsigned long word = addr[BIT_WORD(idx - 1)];
		unsigned int used = (idx - 1) % BITS_PER_LONG + 1;

		if (used < BITS_PER_LONG)
			word &= (1UL << used) - 1;
		if (word)
			return ALIGN_DOWN(idx - 1, BITS_PER_LONG) + 63 - __builtin_clzl(word);
		idx = ALIGN_DOWN(idx - 1, BITS_PER_LONG);
	}
	return size;
}

#endif
