/*
 * How system calls are defined: SYSCALL_DEFINEn(name, type1, arg1, ...) makes, as on
 * Linux arm64, the entry point `long __arm64_sys_<name>(const struct pt_regs *regs)` that
 * sys_call_table (arch/arm64/kernel/sys.c) points at, and a static
 * `__do_sys_<name>(type1 arg1, ...)` whose body follows the macro. The wrapper takes the
 * arguments from x0..x5 of the saved user registers, so no C code ever trusts a register
 * it was not given. Every number has a weak -ENOSYS default in kernel/sys_ni.c; a
 * SYSCALL_DEFINE anywhere in the kernel overrides it at link time.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/ptrace.h>

/* Argument i of type t named a: as a parameter, and as taken from the saved registers. */
#define __SC_DECL(i, t, a)	t a
#define __SC_REG(i, t, a)	(t)regs->regs[i]

#define __SC_MAP0(m, ...)	void
#define __SC_MAP1(m, t1, a1)	m(0, t1, a1)
#define __SC_MAP2(m, t1, a1, t2, a2)	__SC_MAP1(m, t1, a1), m(1, t2, a2)
#define __SC_MAP3(m, t1, a1, t2, a2, t3, a3)	__SC_MAP2(m, t1, a1, t2, a2), m(2, t3, a3)
#define __SC_MAP4(m, t1, a1, t2, a2, t3, a3, t4, a4)	\
	__SC_MAP3(m, t1, a1, t2, a2, t3, a3), m(3, t4, a4)
#define __SC_MAP5(m, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)	\
	__SC_MAP4(m, t1, a1, t2, a2, t3, a3, t4, a4), m(4, t5, a5)
#define __SC_MAP6(m, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)	\
	__SC_MAP5(m, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), m(5, t6, a6)

#define __SYSCALL_DEFINEx(x, name, ...)						\
	long __arm64_sys_##name(const struct pt_regs *regs);			\
	static long __do_sys_##name(__SC_MAP##x(__SC_DECL, __VA_ARGS__));	\
	long __arm64_sys_##name(const struct pt_regs *regs)			\
	{									\
		return __do_sys_##name(__SC_MAP##x(__SC_REG, __VA_ARGS__));	\
	}									\
	static long __do_sys_##name(__SC_MAP##x(__SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE0(name)							\
	long __arm64_sys_##name(const struct pt_regs *regs);			\
	static long __do_sys_##name(void);					\
	long __arm64_sys_##name(const struct pt_regs *regs)			\
	{									\
		return __do_sys_##name();					\
	}									\
	static long __do_sys_##name(void)
#define SYSCALL_DEFINE1(name, ...)	__SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...)	__SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...)	__SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...)	__SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...)	__SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...)	__SYSCALL_DEFINEx(6, name, __VA_ARGS__)

typedef long (*syscall_fn_t)(const struct pt_regs *regs);

/* arch/arm64/kernel/sys.c: indexed by the number in x8; holes hold __arm64_sys_ni_syscall. */
extern const syscall_fn_t sys_call_table[];
/* kernel/sys_ni.c: -ENOSYS, logged once per number with the caller's name and pid. */
long __arm64_sys_ni_syscall(const struct pt_regs *regs);

#endif
