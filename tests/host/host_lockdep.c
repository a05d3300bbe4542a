/*
 * What the lock validator (kernel/locking/lockdep.c) needs from a host test besides
 * current (ktest.c): dump_stack, at the end of its reports. Weak: a suite's own wins.
 */
#include <linux/kernel.h>
#include <asm/stacktrace.h>

__weak void dump_stack(void)
{
	printk("Call trace: (host test: no unwinder)\n");
}
