/*
 * Timers and sleeping for a time (Linux's kernel/time/timer.c): each cpu has a timer
 * base with the timers armed on it, and its tick runs those that expired. A short list
 * scanned every tick stands in for Linux's timer wheel: few timers are armed at once here.
 * schedule_timeout and msleep sleep on such a timer.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/timer.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/sched/debug.h>

/*
 * Per cpu. lock (irqs off) protects pending and running_timer; a timer's flags name the
 * base whose lock protects it. running_timer: the timer whose callback runs right now,
 * so del_timer_sync can wait for it, and so a running timer is not moved to another base.
 */
struct timer_base {
	raw_spinlock_t lock;
	struct list_head pending;
	struct timer_list *running_timer;
};

static DEFINE_PER_CPU(struct timer_base, timer_bases);

static struct timer_base *get_timer_base(u32 tflags)
{
	return per_cpu_ptr(&timer_bases, tflags & TIMER_CPUMASK);
}

void __init init_timers(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct timer_base *base = per_cpu_ptr(&timer_bases, cpu);

		raw_spin_lock_init(&base->lock);
		INIT_LIST_HEAD(&base->pending);
	}
}

void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *), unsigned int flags)
{
	timer->entry.next = NULL;
	timer->entry.prev = NULL;
	timer->function = fn;
	timer->flags = (flags & ~TIMER_CPUMASK) | smp_processor_id();
}

/* Locks the base timer is on, waiting while it migrates between bases. */
static struct timer_base *lock_timer_base(struct timer_list *timer, unsigned long *flags)
{
	for (;;) {
		u32 tf = READ_ONCE(timer->flags);
		struct timer_base *base;

		if (!(tf & TIMER_MIGRATING)) {
			base = get_timer_base(tf);
			raw_spin_lock_irqsave(&base->lock, *flags);
			if (READ_ONCE(timer->flags) == tf)
				return base;
			raw_spin_unlock_irqrestore(&base->lock, *flags);
		}
		cpu_relax();
	}
}

static int detach_if_pending(struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	list_del(&timer->entry);
	WRITE_ONCE(timer->entry.next, NULL);
	return 1;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct timer_base *base, *new_base;
	unsigned long flags;
	int ret;

	base = lock_timer_base(timer, &flags);
	ret = detach_if_pending(timer);
	new_base = get_timer_base(smp_processor_id());
	if (base != new_base && base->running_timer != timer) {
		/* Move to this cpu: flagged migrating so nobody locks the old base for it. */
		WRITE_ONCE(timer->flags, timer->flags | TIMER_MIGRATING);
		raw_spin_unlock(&base->lock);
		base = new_base;
		raw_spin_lock(&base->lock);
		WRITE_ONCE(timer->flags, (timer->flags & ~(TIMER_CPUMASK | TIMER_MIGRATING)) |
			   smp_processor_id());
	}
	timer->expires = expires;
	list_add_tail(&timer->entry, &base->pending);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

void add_timer(struct timer_list *timer)
{
	BUG_ON(timer_pending(timer));
	mod_timer(timer, timer->expires);
}

int del_timer(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int ret;

	base = lock_timer_base(timer, &flags);
	ret = detach_if_pending(timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/* -1 while the callback runs, else what del_timer returns. */
int try_to_del_timer_sync(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int ret = -1;

	base = lock_timer_base(timer, &flags);
	if (base->running_timer != timer)
		ret = detach_if_pending(timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

int del_timer_sync(struct timer_list *timer)
{
	int ret;

	WARN_ON(in_interrupt());
	while ((ret = try_to_del_timer_sync(timer)) < 0)
		cpu_relax();
	return ret;
}

/* The first expired timer of base, detached, or NULL. */
static struct timer_list *next_expired_timer(struct timer_base *base)
{
	struct timer_list *timer;

	list_for_each_entry(timer, &base->pending, entry) {
		if (time_after_eq(jiffies, timer->expires)) {
			detach_if_pending(timer);
			return timer;
		}
	}
	return NULL;
}

void run_local_timers(void)
{
	struct timer_base *base = get_timer_base(smp_processor_id());
	struct timer_list *timer;

	raw_spin_lock(&base->lock);
	while ((timer = next_expired_timer(base))) {
		base->running_timer = timer;
		raw_spin_unlock(&base->lock);
		timer->function(timer);
		raw_spin_lock(&base->lock);
		base->running_timer = NULL;
	}
	raw_spin_unlock(&base->lock);
}

void update_process_times(int user_tick)
{
	account_process_tick(current, user_tick);
	run_local_timers();
	scheduler_tick();
	run_posix_cpu_timers();
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *timeout = from_timer(timeout, t, timer);

	wake_up_process(timeout->task);
}

/*
 * schedule_timeout - sleep until timeout jiffies have passed, or a wake-up
 * The caller sets its sleeping state first (TASK_RUNNING: no sleep, only a reschedule).
 * Return: the jiffies left, 0 when the time ran out. Context: may sleep.
 */
long __sched schedule_timeout(long timeout)
{
	struct process_timer timer;
	unsigned long expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("schedule_timeout: wrong timeout value %lx\n", timeout);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = timeout + jiffies;
	timer.task = current;
	timer_setup(&timer.timer, process_timeout, 0);
	mod_timer(&timer.timer, expire);
	schedule();
	del_timer_sync(&timer.timer);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

long __sched schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long __sched schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/* One jiffy more than asked: the first tick may come right after we armed the timer. */
void msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;

	might_sleep();
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
