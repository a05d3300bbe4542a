/*
 * What the lock validator (kernel/locking/lockdep.c) needs from a host test: the held
 * locks of the one thread a test runs on, and dump_stack for the end of its reports.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <asm/stacktrace.h>

struct lockdep_task host_lockdep_task;

void dump_stack(void)
{
	printk("Call trace: (host test: no unwinder)\n");
}
