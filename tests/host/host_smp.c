/*
 * Host stand-in for the cross-cpu calls of arch/arm64/kernel/smp.c: a host test is one
 * simulated cpu (smp_processor_id() is 0), so "every cpu" is this one.
 */
#include <linux/smp.h>

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	(void)wait;
	func(info);
}
