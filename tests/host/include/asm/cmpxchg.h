/*
 * Host build of include/asm/cmpxchg.h: a host test is one thread (see asm/spinlock.h),
 * so the pair is compared and stored plainly; the 16-byte alignment that LDXP needs on
 * the machine is checked, so a misplaced pair fails here first.
 */
#ifndef _HOST_ASM_CMPXCHG_H
#define _HOST_ASM_CMPXCHG_H

#include_next <asm/cmpxchg.h>

static inline bool host_cmpxchg_double(unsigned long *p, unsigned long o1, unsigned long o2,
				       unsigned long n1, unsigned long n2)
{
	BUG_ON((unsigned long)p & 15);
	if (p[0] != o1 || p[1] != o2)
		return false;
	p[0] = n1;
	p[1] = n2;
	return true;
}
#undef __cmpxchg_double
#define __cmpxchg_double	host_cmpxchg_double

#endif
