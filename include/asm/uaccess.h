/*
 * Reaching user memory from the kernel, and only this way: every helper checks that
 * the range lies below TASK_SIZE (access_ok), opens user access for the length of one
 * routine (uaccess_enable: with software PAN, the task's TTBR0; with hardware PAN
 * nothing, since the unprivileged LDTR/STTR these routines use are checked as EL0
 * accesses), and recovers from a fault through the exception table. Results as Linux:
 * copy_{from,to}_user and clear_user return the bytes NOT copied; get_user/put_user 0 or
 * -EFAULT; strncpy_from_user the length copied or -EFAULT; strnlen_user the length with
 * the NUL, 0 on a fault, or more than n if no NUL came within n.
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/extable.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>
#include <asm/irqflags.h>

/*
 * Which PAN the cpus use (arch/arm64/kernel/cpufeature.c). Software PAN exists only in a
 * kernel built with CONFIG_ARM64_SW_TTBR0_PAN (as in Linux, off by default there; on in
 * our debug builds, off in `make bench`): without it a cpu lacking PAN leaves the task's
 * tables in TTBR0 while the kernel runs, and nothing stops a stray kernel access to user
 * memory.
 */
extern u64 arm64_use_hw_pan;
#ifdef CONFIG_ARM64_SW_TTBR0_PAN
extern u64 arm64_sw_ttbr0_pan;

static inline bool system_uses_ttbr0_pan(void)
{
	return arm64_sw_ttbr0_pan;
}

/* Installs or removes the task's user table in TTBR0 (no-ops with hardware PAN). */
void uaccess_ttbr0_enable(void);
void uaccess_ttbr0_disable(void);
#else
static inline bool system_uses_ttbr0_pan(void)
{
	return false;
}

static inline void uaccess_ttbr0_enable(void)
{
}

static inline void uaccess_ttbr0_disable(void)
{
}
#endif

static inline bool __access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr;

	return addr <= TASK_SIZE && size <= TASK_SIZE - addr;
}
#define access_ok(ptr, size)	__access_ok((ptr), (size))

#define uaccess_enable()	uaccess_ttbr0_enable()
#define uaccess_disable()	uaccess_ttbr0_disable()

/*
 * For the privileged exclusives of the futex operations, which PAN would stop: user
 * access opened with PAN cleared as well.
 */
void uaccess_enable_privileged(void);
void uaccess_disable_privileged(void);

/* One unprivileged load or store; err becomes -EFAULT (and a load's x 0) on a fault. */
#define __get_user_asm(load, reg, x, addr, err)				\
	__asm__ __volatile__(						\
	"1:	" load "	" reg "1, [%2]\n"				\
	"2:\n"								\
	"	.pushsection .text.fixup, \"ax\"\n"			\
	"3:	mov	%w0, %3\n"					\
	"	mov	%1, #0\n"					\
	"	b	2b\n"						\
	"	.popsection\n"						\
	_ASM_EXTABLE(1b, 3b)						\
	: "+r" (err), "=&r" (x)						\
	: "r" (addr), "i" (-EFAULT))

#define __put_user_asm(store, reg, x, addr, err)			\
	__asm__ __volatile__(						\
	"1:	" store "	" reg "1, [%2]\n"			\
	"2:\n"								\
	"	.pushsection .text.fixup, \"ax\"\n"			\
	"3:	mov	%w0, %3\n"					\
	"	b	2b\n"						\
	"	.popsection\n"						\
	_ASM_EXTABLE(1b, 3b)						\
	: "+r" (err)							\
	: "rZ" (x), "r" (addr), "i" (-EFAULT))

/* With user access already open and the range checked (the unsafe_ forms of Linux). */
#define __raw_get_user(x, ptr, err) do {				\
	unsigned long __gu_val;						\
	switch (sizeof(*(ptr))) {					\
	case 1: __get_user_asm("ldtrb", "%w", __gu_val, (ptr), (err)); break; \
	case 2: __get_user_asm("ldtrh", "%w", __gu_val, (ptr), (err)); break; \
	case 4: __get_user_asm("ldtr", "%w", __gu_val, (ptr), (err)); break; \
	case 8: __get_user_asm("ldtr", "%x", __gu_val, (ptr), (err)); break; \
	default: __get_user_bad();					\
	}								\
	(x) = (__typeof__(*(ptr)))__gu_val;				\
} while (0)

#define __raw_put_user(x, ptr, err) do {				\
	__typeof__(*(ptr)) __pu_val = (x);				\
	switch (sizeof(*(ptr))) {					\
	case 1: __put_user_asm("sttrb", "%w", __pu_val, (ptr), (err)); break; \
	case 2: __put_user_asm("sttrh", "%w", __pu_val, (ptr), (err)); break; \
	case 4: __put_user_asm("sttr", "%w", __pu_val, (ptr), (err)); break; \
	case 8: __put_user_asm("sttr", "%x", __pu_val, (ptr), (err)); break; \
	default: __put_user_bad();					\
	}								\
} while (0)

/* Link errors for a size no single instruction moves. */
void __get_user_bad(void);
void __put_user_bad(void);

#define get_user(x, ptr) ({						\
	__typeof__(*(ptr)) __user *__gu_p = (ptr);			\
	int __gu_err = 0;						\
	if (access_ok(__gu_p, sizeof(*__gu_p))) {			\
		uaccess_enable();					\
		__raw_get_user((x), __gu_p, __gu_err);			\
		uaccess_disable();					\
	} else {							\
		(x) = (__typeof__(*(ptr)))0;				\
		__gu_err = -EFAULT;					\
	}								\
	__gu_err;							\
})

#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __user *__pu_p = (ptr);			\
	int __pu_err = 0;						\
	if (access_ok(__pu_p, sizeof(*__pu_p))) {			\
		uaccess_enable();					\
		__raw_put_user((x), __pu_p, __pu_err);			\
		uaccess_disable();					\
	} else {							\
		__pu_err = -EFAULT;					\
	}								\
	__pu_err;							\
})

/* arch/arm64/lib/copy_user.S: bytes not copied, exact to the faulting byte. */
unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __arch_copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __arch_clear_user(void __user *to, unsigned long n);

/* Bytes not copied; the uncopied tail of the kernel buffer is zeroed, as Linux does. */
static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n)) {
		uaccess_enable();
		left = __arch_copy_from_user(to, from, n);
		uaccess_disable();
	}
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	uaccess_enable();
	n = __arch_copy_to_user(to, from, n);
	uaccess_disable();
	return n;
}

static inline unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	uaccess_enable();
	n = __arch_clear_user(to, n);
	uaccess_disable();
	return n;
}

/* lib/strncpy_from_user.c */
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);

/* arch/arm64/kernel/cpufeature.c: PAN on this cpu if it has it (SCTLR_EL1.SPAN clear, PSTATE.PAN set). */
void cpu_enable_pan(void);

#endif
