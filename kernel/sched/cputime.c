/*
 * Cpu time accounting, user against system (Linux's kernel/sched/cputime.c, tick based):
 * each tick charges TICK_NSEC to the interrupted task, as user time if the tick came
 * from user mode, else as system time (the idle task gets neither). The exact total is
 * the scheduler's se.sum_exec_runtime; what times(), getrusage() and wait4 report is that
 * total split in the ratio of the ticks (cputime_adjust), never going backwards. The
 * same ticks go to the cpu's kernel_cpustat buckets (user, nice, system, idle) that
 * /proc/stat and /proc/uptime show.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/jiffies.h>
#include <linux/kernel_stat.h>
#include "sched.h"

/* Each cpu's buckets, ns; written by its own tick (irqs off), read by /proc anywhere. */
DEFINE_PER_CPU(struct kernel_cpustat, kernel_cpustat);

static void account_cpustat(enum cpu_usage_stat index, u64 cputime)
{
	u64 *cpustat = this_cpu_ptr(&kernel_cpustat)->cpustat;

	WRITE_ONCE(cpustat[index], cpustat[index] + cputime);
}

/* The group sums feed the cpu itimers; a released task's signal struct may be gone. */
static void account_group_time(struct task_struct *p, u64 *sum, u64 cputime)
{
	if (p->exit_state)
		return;
	__atomic_fetch_add(sum, cputime, __ATOMIC_RELAXED);
}

static void account_user_time(struct task_struct *p, u64 cputime)
{
	p->utime += cputime;
	account_cpustat(task_nice(p) > 0 ? CPUTIME_NICE : CPUTIME_USER, cputime);
	account_group_time(p, &p->signal->cputimer.utime, cputime);
}

static void account_system_time(struct task_struct *p, u64 cputime)
{
	p->stime += cputime;
	account_cpustat(CPUTIME_SYSTEM, cputime);
	account_group_time(p, &p->signal->cputimer.stime, cputime);
}

void account_process_tick(struct task_struct *p, int user_tick)
{
	if (user_tick)
		account_user_time(p, TICK_NSEC);
	else if (p != this_rq()->idle)
		account_system_time(p, TICK_NSEC);
	else
		account_cpustat(CPUTIME_IDLE, TICK_NSEC);	/* no iowait accounting here */
}

/*
 * stime * rtime / total without 128-bit division (Linux's scale_stime before
 * mul_u64_u64_div_u64): shift bits out of the factors, balancing them first, until the
 * product of two 32-bit numbers and a 32-bit divisor remain.
 */
static u64 scale_stime(u64 stime, u64 rtime, u64 total)
{
	for (;;) {
		if (stime > rtime)
			swap(rtime, stime);
		if (total >> 32)
			goto drop_precision;
		if (!(rtime >> 32))
			break;
		if (stime >> 31)
			goto drop_precision;
		stime <<= 1;
		rtime >>= 1;
		continue;
drop_precision:
		rtime >>= 1;
		total >>= 1;
	}
	return (u64)(u32)stime * (u32)rtime / (u32)total;
}

/*
 * Splits curr's exact total in the ratio of its user and system ticks, and keeps both
 * parts from going below what was reported before (prev). Linux's cputime_adjust.
 */
static void cputime_adjust(struct task_cputime *curr, struct prev_cputime *prev, u64 *ut, u64 *st)
{
	u64 rtime, stime, utime;
	unsigned long flags;

	raw_spin_lock_irqsave(&prev->lock, flags);
	rtime = curr->sum_exec_runtime;
	/* Ticks may run ahead of the exact clock: the last report stands until it catches up. */
	if (prev->stime + prev->utime >= rtime)
		goto out;
	stime = curr->stime;
	utime = curr->utime;
	if (stime == 0) {
		utime = rtime;
		goto update;
	}
	if (utime == 0) {
		stime = rtime;
		goto update;
	}
	stime = scale_stime(stime, rtime, stime + utime);
update:
	if (stime < prev->stime)
		stime = prev->stime;
	utime = rtime - stime;
	if (utime < prev->utime) {
		utime = prev->utime;
		stime = rtime - utime;
	}
	prev->stime = stime;
	prev->utime = utime;
out:
	*ut = prev->utime;
	*st = prev->stime;
	raw_spin_unlock_irqrestore(&prev->lock, flags);
}

void task_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st)
{
	struct task_cputime cputime = {
		.utime = p->utime,
		.stime = p->stime,
		.sum_exec_runtime = task_sched_runtime(p),
	};

	cputime_adjust(&cputime, &p->prev_cputime, ut, st);
}

void thread_group_cputime(struct task_struct *tsk, struct task_cputime *times)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *t;

	times->utime = sig->utime;
	times->stime = sig->stime;
	times->sum_exec_runtime = sig->sum_sched_runtime;
	for_each_thread(tsk, t) {
		times->utime += t->utime;
		times->stime += t->stime;
		times->sum_exec_runtime += task_sched_runtime(t);
	}
}

void thread_group_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st)
{
	struct task_cputime cputime;

	thread_group_cputime(p, &cputime);
	cputime_adjust(&cputime, &p->signal->prev_cputime, ut, st);
}
