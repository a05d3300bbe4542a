/*
 * cmpxchg_double: one atomic compare-and-exchange of two adjacent 64-bit words, for
 * SLUB's (freelist, counters) pair. The cortex-a57 is ARMv8.0, without LSE's CASP, and we
 * build with -mno-outline-atomics (no libgcc helper picks CASP at run time), so the pair
 * is exchanged by an LDXP/STLXP loop, as Linux's arm64 LL/SC cmpxchg_double.
 */
#ifndef _ASM_CMPXCHG_H
#define _ASM_CMPXCHG_H

#include <linux/types.h>
#include <linux/bug.h>

/*
 * Stores (@n1, @n2) at @p if it holds (@o1, @o2); true if it did. @p must be 16-byte
 * aligned (LDXP faults otherwise). A full barrier when it stores (STLXP then DMB ISH),
 * none when it fails: the caller retries with what it reads again.
 */
static inline bool arm64_cmpxchg_double(unsigned long *p, unsigned long o1, unsigned long o2,
					unsigned long n1, unsigned long n2)
{
	unsigned long lo, hi;
	unsigned int failed;
	bool stored;

	__asm__ __volatile__(
	"1:	ldxp	%[lo], %[hi], %[mem]\n"
	"	cmp	%[lo], %[o1]\n"
	"	ccmp	%[hi], %[o2], #0, eq\n"
	"	b.ne	2f\n"
	"	stlxp	%w[failed], %[n1], %[n2], %[mem]\n"
	"	cbnz	%w[failed], 1b\n"
	"	dmb	ish\n"
	"2:	cset	%w[stored], eq\n"
	: [lo] "=&r" (lo), [hi] "=&r" (hi), [failed] "=&r" (failed), [stored] "=r" (stored),
	  [mem] "+Q" (*(__uint128_t *)p)
	: [o1] "r" (o1), [o2] "r" (o2), [n1] "r" (n1), [n2] "r" (n2)
	: "cc", "memory");
	return stored;
}
#define __cmpxchg_double	arm64_cmpxchg_double

/*
 * cmpxchg_double - if *@p1 == @o1 and *@p2 == @o2, store @n1 and @n2, atomically
 * @p1, @p2: adjacent unsigned-long-sized words, @p1 16-byte aligned
 * Return: true if the words held the old values and now hold the new ones.
 */
#define cmpxchg_double(p1, p2, o1, o2, n1, n2) ({					\
	_Static_assert(sizeof(*(p1)) == 8 && sizeof(*(p2)) == 8, "two 64-bit words");	\
	BUG_ON((unsigned long *)(p2) != (unsigned long *)(p1) + 1);			\
	__cmpxchg_double((unsigned long *)(p1), (unsigned long)(o1), (unsigned long)(o2),	\
			 (unsigned long)(n1), (unsigned long)(n2));				\
})

#endif
