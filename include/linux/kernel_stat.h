/*
 * Per-cpu time accounting (Linux's kernel_stat.h): each tick's TICK_NSEC goes to one
 * bucket of the cpu it lands on (user, nice, system, idle, ...); /proc/stat and
 * /proc/uptime read them.
 */
#ifndef _LINUX_KERNEL_STAT_H
#define _LINUX_KERNEL_STAT_H

#include <linux/types.h>
#include <linux/percpu.h>

enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

/* ns per bucket; written by the cpu's own tick (irqs off), read anywhere. */
struct kernel_cpustat {
	u64 cpustat[NR_STATS];
};

DECLARE_PER_CPU(struct kernel_cpustat, kernel_cpustat);
#define kcpustat_cpu(cpu)	per_cpu(kernel_cpustat, cpu)

#endif
