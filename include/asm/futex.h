/*
 * The futex word's atomic operations on user memory (Linux's arch/arm64/include/asm/
 * futex.h): an exclusive load/store loop on the user address, with user access opened
 * privileged (the exclusives have no unprivileged form, so PAN is lifted for them) and a
 * fault recovered through the exception table.
 */
#ifndef _ASM_FUTEX_H
#define _ASM_FUTEX_H

#include <linux/types.h>
#include <linux/errno.h>
#include <asm/uaccess.h>

/* Store-exclusive failures tolerated before giving up with -EAGAIN (another cpu is busy). */
#define FUTEX_MAX_LOOPS	128

/*
 * futex_atomic_cmpxchg_inatomic - *uaddr = newval if it holds oldval, atomically
 * *uval gets what *uaddr held. Return: 0, -EFAULT on a bad address, -EAGAIN when the
 * exclusive store kept failing (the caller retries).
 */
static inline int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval,
						u32 newval)
{
	unsigned int loops = FUTEX_MAX_LOOPS;
	int ret = 0;
	u32 val, tmp;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	uaccess_enable_privileged();
	__asm__ __volatile__(
	"1:	ldxr	%w1, %2\n"
	"	sub	%w3, %w1, %w5\n"
	"	cbnz	%w3, 4f\n"
	"2:	stlxr	%w3, %w6, %2\n"
	"	cbz	%w3, 3f\n"
	"	subs	%w4, %w4, #1\n"
	"	b.ne	1b\n"
	"	mov	%w0, %w7\n"
	"	b	4f\n"
	"3:	dmb	ish\n"
	"4:\n"
	"	.pushsection .text.fixup, \"ax\"\n"
	"5:	mov	%w0, %w8\n"
	"	b	4b\n"
	"	.popsection\n"
	_ASM_EXTABLE(1b, 5b)
	_ASM_EXTABLE(2b, 5b)
	: "+r" (ret), "=&r" (val), "+Q" (*uaddr), "=&r" (tmp), "+r" (loops)
	: "r" (oldval), "r" (newval), "r" (-EAGAIN), "r" (-EFAULT)
	: "memory", "cc");
	uaccess_disable_privileged();
	if (!ret)
		*uval = val;
	return ret;
}

#endif
