/*
 * The cpu-time clocks and the process itimers (Linux's kernel/time/posix-cpu-timers.c):
 * a cpu clock id names a thread's or a process's PROF, VIRT or SCHED time, read from the
 * tick-accounted utime/stime and the exact sum_exec_runtime. ITIMER_PROF,
 * ITIMER_VIRTUAL and RLIMIT_CPU expire against the group's tick sums in
 * signal->cputimer, which each tick checks for the running task's group.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/posix-timers.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

/*
 * The task a cpu clock names, tasklist_lock held; NULL if none the caller may read: its
 * own thread or process (pid 0), a thread of its group, any process (Linux's
 * pid_for_clock). gettime: the caller's thread id also names its process.
 */
static struct task_struct *cpu_clock_task(clockid_t clock, bool gettime)
{
	pid_t upid = CPUCLOCK_PID(clock);
	struct task_struct *p;

	if (CPUCLOCK_WHICH(clock) >= CPUCLOCK_MAX)
		return NULL;
	if (!upid)
		return CPUCLOCK_PERTHREAD(clock) ? current : current->group_leader;
	p = find_task_by_pid_locked(upid);
	if (!p)
		return NULL;
	if (CPUCLOCK_PERTHREAD(clock))
		return p->tgid == current->tgid ? p : NULL;
	if (gettime && p == current)
		return current->group_leader;
	return p->pid == p->tgid ? p : NULL;
}

/* tasklist_lock held: what the clock reads for p (a thread, or p's whole group). */
static u64 cpu_clock_sample(clockid_t clock, struct task_struct *p)
{
	struct task_cputime ct;

	if (CPUCLOCK_PERTHREAD(clock)) {
		ct.utime = p->utime;
		ct.stime = p->stime;
		ct.sum_exec_runtime = task_sched_runtime(p);
	} else {
		thread_group_cputime(p, &ct);
	}
	switch (CPUCLOCK_WHICH(clock)) {
	case CPUCLOCK_PROF:
		return ct.utime + ct.stime;
	case CPUCLOCK_VIRT:
		return ct.utime;
	}
	return ct.sum_exec_runtime;
}

int posix_cpu_clock_get(clockid_t clock, u64 *ns)
{
	struct task_struct *p;
	int ret = -EINVAL;

	spin_lock(&tasklist_lock);
	p = cpu_clock_task(clock, true);
	if (p) {
		*ns = cpu_clock_sample(clock, p);
		ret = 0;
	}
	spin_unlock(&tasklist_lock);
	return ret;
}

int posix_cpu_clock_getres(clockid_t clock, u64 *ns)
{
	bool valid;

	spin_lock(&tasklist_lock);
	valid = cpu_clock_task(clock, false) != NULL;
	spin_unlock(&tasklist_lock);
	if (!valid)
		return -EINVAL;
	*ns = CPUCLOCK_WHICH(clock) == CPUCLOCK_SCHED ? 1 : TICK_NSEC;
	return 0;
}

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

/* siglock held: signo to the group once time (ns) reached limit. */
static bool check_rlimit(struct task_struct *tsk, u64 time, u64 limit, int signo)
{
	if (time < limit)
		return false;
	__group_send_sig_locked(signo, SEND_SIG_PRIV, tsk);
	return true;
}

/*
 * siglock held: RLIMIT_CPU (seconds of user + system time): SIGKILL at the hard limit;
 * SIGXCPU at the soft one, which then moves a second on to send the next, as Linux.
 */
static void check_rlimit_cpu(struct task_struct *tsk, u64 ptime)
{
	struct signal_struct *sig = tsk->signal;
	unsigned long soft = sig->rlim[RLIMIT_CPU].rlim_cur, hard = sig->rlim[RLIMIT_CPU].rlim_max;

	if (soft == RLIM_INFINITY)
		return;
	if (hard != RLIM_INFINITY && check_rlimit(tsk, ptime, (u64)hard * NSEC_PER_SEC, SIGKILL))
		return;
	if (check_rlimit(tsk, ptime, (u64)soft * NSEC_PER_SEC, SIGXCPU))
		sig->rlim[RLIMIT_CPU].rlim_cur = soft + 1;
}

void run_posix_cpu_timers(void)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig;
	u64 ptime;

	/* Released tasks may have lost their signal struct; kernel threads have no itimers. */
	if (tsk->exit_state || (tsk->flags & PF_KTHREAD))
		return;
	sig = tsk->signal;
	if (!READ_ONCE(sig->it[CPUCLOCK_PROF].expires) && !READ_ONCE(sig->it[CPUCLOCK_VIRT].expires) &&
	    READ_ONCE(sig->rlim[RLIMIT_CPU].rlim_cur) == RLIM_INFINITY)
		return;
	spin_lock(&tsk->sighand->siglock);
	ptime = cpu_clock_sample_group(CPUCLOCK_PROF, tsk);
	check_cpu_itimer(tsk, &sig->it[CPUCLOCK_PROF], ptime, SIGPROF);
	check_cpu_itimer(tsk, &sig->it[CPUCLOCK_VIRT], cpu_clock_sample_group(CPUCLOCK_VIRT, tsk),
			 SIGVTALRM);
	check_rlimit_cpu(tsk, ptime);
	spin_unlock(&tsk->sighand->siglock);
}
