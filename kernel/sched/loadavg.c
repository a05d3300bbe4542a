/*
 * The global load average (Linux's kernel/sched/loadavg.c): each cpu folds its change
 * in runnable tasks into calc_load_tasks at its first tick after the sample time; the
 * cpu keeping jiffies, LOAD_FREQ after the last sample, decays avenrun towards it.
 * There is no uninterruptible-task count here, so the load is the runnable tasks.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include "sched.h"

/* Fixed-point averages; written by calc_global_load only, read anywhere. */
static unsigned long avenrun[3];
/* Sum of every cpu's last folded count (atomic). */
static long calc_load_tasks;
/* jiffies of the next sample (read by every cpu's tick, written by calc_global_load). */
static unsigned long calc_load_update;

void get_avenrun(unsigned long *loads, unsigned long offset, int shift)
{
	for (int i = 0; i < 3; i++)
		loads[i] = (READ_ONCE(avenrun[i]) + offset) << shift;
}

unsigned int nr_running(void)
{
	unsigned int sum = 0;
	int cpu;

	for_each_online_cpu(cpu)
		sum += READ_ONCE(cpu_rq(cpu)->nr_running);
	return sum;
}

/* a1 = a0 * e + a * (1 - e), rounded up while the load grows (Linux's calc_load). */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/* This cpu's runnable count into calc_load_tasks, once per sample period. rq->lock held. */
void calc_global_load_tick(struct rq *this_rq)
{
	long nr_active, delta;

	if (time_before(jiffies, this_rq->calc_load_update))
		return;
	nr_active = (long)this_rq->nr_running;
	delta = nr_active - this_rq->calc_load_active;
	this_rq->calc_load_active = nr_active;
	if (delta)
		__atomic_fetch_add(&calc_load_tasks, delta, __ATOMIC_RELAXED);
	this_rq->calc_load_update += LOAD_FREQ;
}

void calc_global_load(void)
{
	unsigned long sample_window = READ_ONCE(calc_load_update);
	long active;

	/* Ten ticks after the sample time, so every cpu's tick has folded its count. */
	if (time_before(jiffies, sample_window + 10))
		return;
	active = __atomic_load_n(&calc_load_tasks, __ATOMIC_RELAXED);
	active = active > 0 ? active * FIXED_1 : 0;
	WRITE_ONCE(avenrun[0], calc_load(avenrun[0], EXP_1, (unsigned long)active));
	WRITE_ONCE(avenrun[1], calc_load(avenrun[1], EXP_5, (unsigned long)active));
	WRITE_ONCE(avenrun[2], calc_load(avenrun[2], EXP_15, (unsigned long)active));
	WRITE_ONCE(calc_load_update, sample_window + LOAD_FREQ);
}

/* Every cpu samples at the same jiffies: LOAD_FREQ from boot (sched_init). */
void calc_load_init_rq(struct rq *rq)
{
	rq->calc_load_update = calc_load_update = jiffies + LOAD_FREQ;
	rq->calc_load_active = 0;
}
