/*
 * /proc/stat (Linux's fs/proc/stat.c): each cpu's time by bucket in USER_HZ ticks, the
 * interrupt counts, context switches, boot time, forks and runnable tasks.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/time.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/kernel_stat.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include "internal.h"

#define USER_HZ 100
#define nsec_to_clock_t(ns)	((u64)(ns) / (NSEC_PER_SEC / USER_HZ))
/* Linux's softirq kinds: HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED,
 * HRTIMER, RCU. This kernel runs no softirqs, so each count is 0. */
#define NR_SOFTIRQS 10

/* user nice system idle iowait irq softirq steal guest guest_nice, as Linux prints them. */
static void show_cpu_times(struct seq_file *p, const u64 *cpustat)
{
	static const enum cpu_usage_stat order[NR_STATS] = {
		CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM, CPUTIME_IDLE, CPUTIME_IOWAIT,
		CPUTIME_IRQ, CPUTIME_SOFTIRQ, CPUTIME_STEAL, CPUTIME_GUEST, CPUTIME_GUEST_NICE,
	};

	for (int i = 0; i < NR_STATS; i++)
		seq_put_decimal_ull(p, " ", nsec_to_clock_t(cpustat[order[i]]));
	seq_putc(p, '\n');
}

/* Seconds since the epoch at boot: the real-time clock now less the time since boot. */
static u64 boot_time_seconds(void)
{
	struct timespec64 boottime;

	getboottime64(&boottime);
	return (u64)boottime.tv_sec;
}

static unsigned int kstat_irqs_usr(unsigned int irq)
{
	unsigned int sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += kstat_irqs_cpu(irq, cpu);
	return sum;
}

static int show_stat(struct seq_file *p, void *v)
{
	u64 sum[NR_STATS] = { 0 }, cpustat[NR_STATS], ctxt = 0, irqs = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		for (int i = 0; i < NR_STATS; i++)
			sum[i] += READ_ONCE(kcpustat_cpu(cpu).cpustat[i]);
		ctxt += nr_context_switches_cpu(cpu);
	}
	for (unsigned int irq = 1; irq < NR_IRQS; irq++)
		irqs += kstat_irqs_usr(irq);
	seq_puts(p, "cpu ");
	show_cpu_times(p, sum);
	for_each_online_cpu(cpu) {
		for (int i = 0; i < NR_STATS; i++)
			cpustat[i] = READ_ONCE(kcpustat_cpu(cpu).cpustat[i]);
		seq_printf(p, "cpu%d", cpu);
		show_cpu_times(p, cpustat);
	}
	seq_put_decimal_ull(p, "intr ", irqs);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		seq_put_decimal_ull(p, " ", irq ? kstat_irqs_usr(irq) : 0);
	seq_printf(p, "\nctxt %llu\nbtime %llu\nprocesses %lu\nprocs_running %u\nprocs_blocked %u\n",
		   (unsigned long long)ctxt, (unsigned long long)boot_time_seconds(),
		   READ_ONCE(total_forks), nr_running(), 0U);
	seq_put_decimal_ull(p, "softirq ", 0);
	for (int i = 0; i < NR_SOFTIRQS; i++)
		seq_put_decimal_ull(p, " ", 0);
	seq_putc(p, '\n');
	return 0;
}

/* /proc/uptime: seconds since boot and the idle seconds of all cpus together. */
static int uptime_proc_show(struct seq_file *m, void *v)
{
	u64 uptime = ktime_get_ns(), idle = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		idle += READ_ONCE(kcpustat_cpu(cpu).cpustat[CPUTIME_IDLE]);
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", uptime / NSEC_PER_SEC,
		   uptime % NSEC_PER_SEC / (NSEC_PER_SEC / 100), idle / NSEC_PER_SEC,
		   idle % NSEC_PER_SEC / (NSEC_PER_SEC / 100));
	return 0;
}

/* /proc/loadavg: the three averages, runnable/all tasks, the last pid given out. */
static int loadavg_proc_show(struct seq_file *m, void *v)
{
	unsigned long avnrun[3];

	get_avenrun(avnrun, FIXED_1 / 200, 0);
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n",
		   LOAD_INT(avnrun[0]), LOAD_FRAC(avnrun[0]), LOAD_INT(avnrun[1]),
		   LOAD_FRAC(avnrun[1]), LOAD_INT(avnrun[2]), LOAD_FRAC(avnrun[2]),
		   nr_running(), READ_ONCE(nr_threads), READ_ONCE(last_pid));
	return 0;
}

/* /proc/softirqs: per cpu and kind; no softirqs run here, so every count is 0. */
static int show_softirqs(struct seq_file *p, void *v)
{
	static const char * const softirq_to_name[NR_SOFTIRQS] = {
		"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED",
		"HRTIMER", "RCU",
	};
	int cpu;

	seq_puts(p, "                    ");
	for_each_possible_cpu(cpu)
		seq_printf(p, "CPU%-8d", cpu);
	seq_putc(p, '\n');
	for (int i = 0; i < NR_SOFTIRQS; i++) {
		seq_printf(p, "%12s:", softirq_to_name[i]);
		for_each_possible_cpu(cpu)
			seq_printf(p, " %10u", 0U);
		seq_putc(p, '\n');
	}
	return 0;
}

static int version_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, linux_banner);
	return 0;
}

static int cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, saved_command_line);
	seq_putc(m, '\n');
	return 0;
}

static int __init proc_stat_init(void)
{
	proc_create_single("stat", 0, NULL, show_stat);
	proc_create_single("uptime", 0, NULL, uptime_proc_show);
	proc_create_single("loadavg", 0, NULL, loadavg_proc_show);
	proc_create_single("softirqs", 0, NULL, show_softirqs);
	proc_create_single("version", 0, NULL, version_proc_show);
	proc_create_single("cmdline", 0, NULL, cmdline_proc_show);
	proc_create_single("interrupts", 0, NULL, show_interrupts);
	return 0;
}
late_initcall(proc_stat_init);
