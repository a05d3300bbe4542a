/*
 * The process cpu-time itimers (the itimer part of Linux's kernel/time/posix-cpu-timers.c):
 * ITIMER_PROF and ITIMER_VIRTUAL expire against the group's tick-accounted cpu time,
 * summed per tick in signal->cputimer, and each tick checks the running task's group.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

u64 cpu_clock_sample_group(unsigned int clkid, struct task_struct *tsk)
{
	struct thread_group_cputimer *cputimer = &tsk->signal->cputimer;
	u64 utime = __atomic_load_n(&cputimer->utime, __ATOMIC_RELAXED);

	if (clkid == CPUCLOCK_VIRT)
		return utime;
	return utime + __atomic_load_n(&cputimer->stime, __ATOMIC_RELAXED);
}

void set_process_cpu_timer(struct task_struct *tsk, unsigned int clkid, u64 *newval, u64 *oldval)
{
	u64 now = cpu_clock_sample_group(clkid, tsk);

	if (*oldval) {
		/* Already due: it fires at the next tick. */
		if (*oldval <= now)
			*oldval = TICK_NSEC;
		else
			*oldval -= now;
	}
	if (*newval)
		*newval += now;
}

/* siglock held: signo to the group if it expired at cur_time, reloading an interval. */
static void check_cpu_itimer(struct task_struct *tsk, struct cpu_itimer *it, u64 cur_time,
			     int signo)
{
	if (!it->expires || cur_time < it->expires)
		return;
	if (it->incr)
		it->expires += it->incr;
	else
		it->expires = 0;
	__group_send_sig_locked(signo, SEND_SIG_PRIV, tsk);
}

void run_posix_cpu_timers(void)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig;

	/* Released tasks may have lost their signal struct; kernel threads have no itimers. */
	if (tsk->exit_state || (tsk->flags & PF_KTHREAD))
		return;
	sig = tsk->signal;
	if (!READ_ONCE(sig->it[CPUCLOCK_PROF].expires) && !READ_ONCE(sig->it[CPUCLOCK_VIRT].expires))
		return;
	spin_lock(&tsk->sighand->siglock);
	check_cpu_itimer(tsk, &sig->it[CPUCLOCK_PROF], cpu_clock_sample_group(CPUCLOCK_PROF, tsk),
			 SIGPROF);
	check_cpu_itimer(tsk, &sig->it[CPUCLOCK_VIRT], cpu_clock_sample_group(CPUCLOCK_VIRT, tsk),
			 SIGVTALRM);
	spin_unlock(&tsk->sighand->siglock);
}
