/*
 * Interval timers (Linux's kernel/time/itimer.c): getitimer and setitimer for
 * ITIMER_REAL (SIGALRM after wall-clock time), ITIMER_VIRTUAL (SIGVTALRM after user cpu
 * time) and ITIMER_PROF (SIGPROF after user and system cpu time), one of each per thread
 * group. glibc's alarm() is setitimer(ITIMER_REAL) on arm64, which has no alarm call.
 * The real timer is a timer_list (jiffies) armed a tick late rather than early; the
 * remaining time is read from its exact end, real_expires. The cpu timers are checked by
 * the tick (posix-cpu-timers.c).
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/posix-timers.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/timer.h>
#include <uapi/linux/time_types.h>
#include <asm/uaccess.h>

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

/* A timer's value and reload, ns. */
struct itimer_ns {
	u64 value;
	u64 interval;
};

/* siglock held: arms the real timer for real_expires, never a tick early. */
static void real_timer_arm(struct signal_struct *sig)
{
	s64 left = (s64)(sig->real_expires - ktime_get());
	u64 ticks = left > 0 ? ((u64)left + TICK_NSEC - 1) / TICK_NSEC : 0;

	mod_timer(&sig->real_timer, jiffies + min_t(u64, ticks, LONG_MAX / 2) + 1);
}

/*
 * From the tick, irqs off: SIGALRM to the group; dequeue_signal reloads an interval.
 * The timer runs by jiffies, which a tick held up (a vCPU the host did not run) brings
 * forward in a jump: when that lands it before real_expires by the clock, it waits
 * again rather than deliver early (Linux's hrtimer never fires before its time).
 * set_real_itimer waits for this function to end, so under siglock the timer is ours.
 */
static void it_real_fn(struct timer_list *timer)
{
	struct signal_struct *sig = from_timer(sig, timer, real_timer);
	struct task_struct *tsk = sig->real_timer_task;
	unsigned long flags;
	bool early;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	early = (s64)(sig->real_expires - ktime_get()) > 0;
	if (early)
		real_timer_arm(sig);
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	if (!early)
		group_send_sig_info(SIGALRM, SEND_SIG_PRIV, tsk);
}

void itimers_init(struct signal_struct *sig, struct task_struct *leader)
{
	timer_setup(&sig->real_timer, it_real_fn, 0);
	sig->real_timer_task = leader;
}

void exit_itimers(struct signal_struct *sig)
{
	del_timer_sync(&sig->real_timer);
}

void itimer_change_leader(struct signal_struct *sig, struct task_struct *tsk)
{
	/* Stopped, so no it_real_fn still holds the old leader, then started again. */
	int pending = del_timer_sync(&sig->real_timer);

	sig->real_timer_task = tsk;
	if (pending)
		add_timer(&sig->real_timer);
}

void itimer_rearm_real(struct signal_struct *sig)
{
	u64 now, incr = sig->it_real_incr;

	if (timer_pending(&sig->real_timer) || !incr)
		return;
	/* Linux's hrtimer_forward: whole intervals past now, the missed ones dropped. */
	now = ktime_get();
	if (now >= sig->real_expires)
		sig->real_expires += ((now - sig->real_expires) / incr + 1) * incr;
	real_timer_arm(sig);
}

/* siglock held: what is left of the real timer; 1us when it is due but not yet run. */
static u64 itimer_get_remtime(struct signal_struct *sig)
{
	s64 rem;

	if (!timer_pending(&sig->real_timer))
		return 0;
	rem = (s64)(sig->real_expires - ktime_get());
	return rem > 0 ? (u64)rem : NSEC_PER_USEC;
}

static void get_cpu_itimer(struct task_struct *tsk, unsigned int clock_id, struct itimer_ns *out)
{
	struct cpu_itimer *it = &tsk->signal->it[clock_id];
	u64 val, now;

	spin_lock_irq(&tsk->sighand->siglock);
	val = it->expires;
	out->interval = it->incr;
	if (val) {
		now = cpu_clock_sample_group(clock_id, tsk);
		/* Due at the next tick. */
		val = val < now ? TICK_NSEC : val - now;
	}
	spin_unlock_irq(&tsk->sighand->siglock);
	out->value = val;
}

static int do_getitimer(int which, struct itimer_ns *value)
{
	struct task_struct *tsk = current;

	switch (which) {
	case ITIMER_REAL:
		spin_lock_irq(&tsk->sighand->siglock);
		value->value = itimer_get_remtime(tsk->signal);
		value->interval = tsk->signal->it_real_incr;
		spin_unlock_irq(&tsk->sighand->siglock);
		return 0;
	case ITIMER_VIRTUAL:
		get_cpu_itimer(tsk, CPUCLOCK_VIRT, value);
		return 0;
	case ITIMER_PROF:
		get_cpu_itimer(tsk, CPUCLOCK_PROF, value);
		return 0;
	}
	return -EINVAL;
}

static void set_cpu_itimer(struct task_struct *tsk, unsigned int clock_id,
			   const struct itimer_ns *value, struct itimer_ns *ovalue)
{
	struct cpu_itimer *it = &tsk->signal->it[clock_id];
	u64 oval, nval = value->value, ointerval;

	spin_lock_irq(&tsk->sighand->siglock);
	oval = it->expires;
	ointerval = it->incr;
	if (oval || nval) {
		/* The tick that is running now counts only in part: one more, as Linux. */
		if (nval > 0)
			nval += TICK_NSEC;
		set_process_cpu_timer(tsk, clock_id, &nval, &oval);
	}
	it->expires = nval;
	it->incr = value->interval;
	spin_unlock_irq(&tsk->sighand->siglock);
	if (ovalue) {
		ovalue->value = oval;
		ovalue->interval = ointerval;
	}
}

static void set_real_itimer(struct task_struct *tsk, const struct itimer_ns *value,
			    struct itimer_ns *ovalue)
{
	struct signal_struct *sig = tsk->signal;

again:
	spin_lock_irq(&tsk->sighand->siglock);
	if (ovalue) {
		ovalue->value = itimer_get_remtime(sig);
		ovalue->interval = sig->it_real_incr;
	}
	/* it_real_fn takes siglock: it cannot be waited for while we hold it. */
	if (try_to_del_timer_sync(&sig->real_timer) < 0) {
		spin_unlock_irq(&tsk->sighand->siglock);
		cpu_relax();
		goto again;
	}
	sig->it_real_incr = value->value ? value->interval : 0;
	if (value->value) {
		sig->real_expires = ktime_get() + value->value;
		real_timer_arm(sig);
	}
	spin_unlock_irq(&tsk->sighand->siglock);
}

static int do_setitimer(int which, const struct itimer_ns *value, struct itimer_ns *ovalue)
{
	switch (which) {
	case ITIMER_REAL:
		set_real_itimer(current, value, ovalue);
		return 0;
	case ITIMER_VIRTUAL:
		set_cpu_itimer(current, CPUCLOCK_VIRT, value, ovalue);
		return 0;
	case ITIMER_PROF:
		set_cpu_itimer(current, CPUCLOCK_PROF, value, ovalue);
		return 0;
	}
	return -EINVAL;
}

static int put_itimerval(struct __kernel_old_itimerval __user *o, const struct itimer_ns *i)
{
	struct __kernel_old_itimerval v = {
		.it_interval = { i->interval / NSEC_PER_SEC, i->interval % NSEC_PER_SEC / NSEC_PER_USEC },
		.it_value = { i->value / NSEC_PER_SEC, i->value % NSEC_PER_SEC / NSEC_PER_USEC },
	};

	return copy_to_user(o, &v, sizeof(v)) ? -EFAULT : 0;
}

static bool timeval_valid(const struct __kernel_old_timeval *t)
{
	return t->tv_sec >= 0 && (unsigned long)t->tv_usec < USEC_PER_SEC;
}

static u64 timeval_to_ns(const struct __kernel_old_timeval *t)
{
	if ((u64)t->tv_sec >= (u64)LLONG_MAX / NSEC_PER_SEC)
		return LLONG_MAX;
	return t->tv_sec * NSEC_PER_SEC + t->tv_usec * NSEC_PER_USEC;
}

static int get_itimerval(struct itimer_ns *o, const struct __kernel_old_itimerval __user *i)
{
	struct __kernel_old_itimerval v;

	if (copy_from_user(&v, i, sizeof(v)))
		return -EFAULT;
	if (!timeval_valid(&v.it_value) || !timeval_valid(&v.it_interval))
		return -EINVAL;
	o->value = timeval_to_ns(&v.it_value);
	o->interval = timeval_to_ns(&v.it_interval);
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct __kernel_old_itimerval __user *, value)
{
	struct itimer_ns get_buffer;
	int error = do_getitimer(which, &get_buffer);

	if (!error && put_itimerval(value, &get_buffer))
		error = -EFAULT;
	return error;
}

/* A NULL new value disarms, as Linux still allows (with a warning, once). */
SYSCALL_DEFINE3(setitimer, int, which, struct __kernel_old_itimerval __user *, value,
		struct __kernel_old_itimerval __user *, ovalue)
{
	struct itimer_ns set_buffer = { 0, 0 }, get_buffer;
	static bool warned;
	int error;

	if (value) {
		error = get_itimerval(&set_buffer, value);
		if (error)
			return error;
	} else if (!__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED)) {
		pr_warn("%s calls setitimer() with new_value NULL pointer. Misfeature support will be removed\n",
			current->comm);
	}
	error = do_setitimer(which, &set_buffer, ovalue ? &get_buffer : NULL);
	if (error || !ovalue)
		return error;
	return put_itimerval(ovalue, &get_buffer);
}
