/*
 * The default of every system call: a weak alias of __arm64_sys_ni_syscall for each
 * number in the table (COND_SYSCALL), which a SYSCALL_DEFINE elsewhere replaces at link
 * time. What is left answers -ENOSYS and says once per number who asked, so a reader of
 * the log sees what a program wanted.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <uapi/asm-generic/unistd.h>

/* One bit per number already reported, and one for all numbers past the table (atomic). */
static unsigned long ni_reported[BITS_TO_LONGS(__NR_syscalls + 1)];

long __arm64_sys_ni_syscall(const struct pt_regs *regs)
{
	unsigned long nr = (unsigned long)regs->syscallno;
	unsigned long bit = nr < __NR_syscalls ? nr : __NR_syscalls;
	unsigned long mask = 1UL << (bit % BITS_PER_LONG);

	if (!(__atomic_fetch_or(&ni_reported[bit / BITS_PER_LONG], mask, __ATOMIC_RELAXED) & mask))
		pr_info("%s[%d]: system call %ld not implemented\n", current->comm,
			current->pid, (long)regs->syscallno);
	return -ENOSYS;
}

/* The weak default of sys_<name>'s entry point. */
#define __COND_SYSCALL(sym)						\
	long __arm64_##sym(const struct pt_regs *regs)			\
		__attribute__((__weak__, __alias__("__arm64_sys_ni_syscall")))
#define COND_SYSCALL(name)	__COND_SYSCALL(sys_##name)

/* COND_SYSCALL for every number of the table. */
#define __SYSCALL(nr, sym)	__COND_SYSCALL(sym);
#include <uapi/asm-generic/unistd.h>
