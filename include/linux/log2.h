/* Base-2 logarithms and powers of two of unsigned longs (Linux's log2.h, the part we use). */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <linux/bitops.h>

/* The largest power of two not above n; n must not be 0. */
/* log2 of n rounded down (n > 0), as Linux's ilog2. */
static inline int ilog2(unsigned long n)
{
	return 63 - __builtin_clzl(n);
}

static inline unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (fls_long(n) - 1);
}

/* The smallest power of two not below n; n must be 1 .. the top bit of a long. */
static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n == 1 ? 1 : 1UL << fls_long(n - 1);
}

/* log2 of n rounded down; n must not be 0. */
#define ilog2(n)	(fls_long(n) - 1)

#endif
