/*
 * Tick-based cpu time accounting (Linux's kernel/sched/cputime.c without
 * VIRT_CPU_ACCOUNTING): each tick charges TICK_NSEC to the bucket of what it
 * interrupted, for /proc/stat's cpu lines and /proc/uptime's idle time.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/kernel_stat.h>
#include <linux/sched.h>
#include "sched.h"

DEFINE_PER_CPU(struct kernel_cpustat, kernel_cpustat);

void account_process_tick(struct task_struct *p, int user_tick)
{
	u64 *cpustat = this_cpu_ptr(&kernel_cpustat)->cpustat;
	enum cpu_usage_stat index;

	if (user_tick)
		index = task_nice(p) > 0 ? CPUTIME_NICE : CPUTIME_USER;
	else if (p == this_rq()->idle)
		index = CPUTIME_IDLE;	/* no iowait accounting: idle time is all idle */
	else
		index = CPUTIME_SYSTEM;
	WRITE_ONCE(cpustat[index], cpustat[index] + TICK_NSEC);
}
