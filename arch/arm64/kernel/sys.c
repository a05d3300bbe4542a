/*
 * arm64's system call table: one entry per asm-generic number (x8), every hole and every
 * number nobody implements ending in __arm64_sys_ni_syscall (-ENOSYS).
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>

#define __SYSCALL(nr, sym)	long __arm64_##sym(const struct pt_regs *);
#include <uapi/asm-generic/unistd.h>
#undef __SYSCALL

/* The range default first, then each entry over it: overriding is the point here. */
#pragma GCC diagnostic ignored "-Woverride-init"
#define __SYSCALL(nr, sym)	[nr] = __arm64_##sym,
const syscall_fn_t sys_call_table[__NR_syscalls] = {
	[0 ... __NR_syscalls - 1] = __arm64_sys_ni_syscall,
#include <uapi/asm-generic/unistd.h>
};
#undef __SYSCALL
