/*
 * What a thread group shares: signal_struct (group-wide pending signals, exit state,
 * job control ids, resource limits and the accounting of reaped children) and
 * sighand_struct (the signal actions and the siglock), as Linux's sched/signal.h.
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <uapi/linux/resource.h>

/*
 * siglock protects every task's pending and blocked sets in the group, the group's
 * shared_pending and flags, and action[]. count: the tasks sharing it (atomic).
 */
struct sighand_struct {
	int count;
	spinlock_t siglock;
	struct k_sigaction action[_NSIG];
};

#define SIGNAL_STOP_STOPPED	0x00000001	/* job control stop in effect */
#define SIGNAL_STOP_CONTINUED	0x00000002	/* SIGCONT since WCONTINUED reap */
#define SIGNAL_GROUP_EXIT	0x00000004	/* group exit in progress */
#define SIGNAL_CLD_STOPPED	0x00000010	/* to tell the parent */
#define SIGNAL_CLD_CONTINUED	0x00000020
#define SIGNAL_UNKILLABLE	0x00000040	/* init: only signals it handles */

struct tty_struct;

/*
 * An ITIMER_PROF or ITIMER_VIRTUAL timer (it[CPUCLOCK_PROF], it[CPUCLOCK_VIRT]): absolute
 * expiry on the group's clock, and reload (ns).
 */
struct cpu_itimer {
	u64 expires;
	u64 incr;
};

/*
 * The group's tick-accounted cpu time, summed as the ticks come (atomic), for the cpu
 * itimers to compare against without walking the threads. Linux starts it on demand;
 * here it always runs, from the group's creation.
 */
struct thread_group_cputimer {
	u64 utime;
	u64 stime;
};

/*
 * The thread group's shared state. Under sighand->siglock: shared_pending, flags,
 * group_exit_code, group_stop_count, group_exec_task, notify_count. Under tasklist_lock:
 * nr_threads, pgrp, session, the c* sums of reaped children. thread_head: changed under
 * both, so either lock lets a reader walk it. live: threads not yet in do_exit (atomic).
 * sigcnt: references (atomic; the last frees it).
 */
struct signal_struct {
	int sigcnt;
	int live;
	int nr_threads;
	struct list_head thread_head;
	struct wait_queue_head wait_chldexit;	/* wait4/waitid sleep here */
	struct task_struct *curr_target;	/* last thread given a group signal */
	struct sigpending shared_pending;
	int group_exit_code;
	int notify_count;
	struct task_struct *group_exec_task;	/* exec killing the other threads */
	int group_stop_count;
	unsigned int flags;			/* SIGNAL_* */
	pid_t pgrp;
	pid_t session;
	int leader;				/* session leader */
	unsigned int is_child_subreaper;	/* orphaned descendants come here (prctl) */
	struct tty_struct *tty;			/* controlling tty, NULL if none */
	/*
	 * ITIMER_REAL: real_timer fires at real_expires (monotonic ns) and sends SIGALRM to
	 * real_timer_task, the group leader (exec's de_thread moves it to the new leader);
	 * dequeue_signal re-arms it by it_real_incr, as Linux. it[]: ITIMER_PROF and
	 * ITIMER_VIRTUAL, checked by the tick. All under siglock.
	 */
	struct timer_list real_timer;
	struct task_struct *real_timer_task;
	u64 real_expires;
	u64 it_real_incr;
	struct cpu_itimer it[2];
	struct thread_group_cputimer cputimer;
	struct prev_cputime prev_cputime;	/* thread_group_cputime_adjusted's */
	u64 utime, stime;			/* of dead threads, ticks in ns */
	unsigned long long sum_sched_runtime;	/* of dead threads, exact ns */
	u64 cutime, cstime;			/* of reaped children, adjusted ns */
	unsigned long nvcsw, nivcsw, cnvcsw, cnivcsw;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	unsigned long maxrss, cmaxrss;		/* KiB */
	struct rlimit rlim[RLIM_NLIMITS];
	/*
	 * OOM: oom_score_adj (-1000 never killed .. 1000 first killed; inherited at fork,
	 * set with set_oom_score_adj); oom_score_adj_min, the floor a write without privilege
	 * may not go below; oom_mm: the mm of this group once it was chosen as an OOM victim
	 * (a mm_count reference, set once, mm/oom_kill.c).
	 */
	short oom_score_adj;
	short oom_score_adj_min;
	struct mm_struct *oom_mm;
};

static inline int signal_pending(struct task_struct *p)
{
	return test_ti_thread_flag(task_thread_info(p), TIF_SIGPENDING);
}

static inline bool __fatal_signal_pending(struct task_struct *p)
{
	return sigismember(&p->pending.signal, SIGKILL);
}

static inline bool fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && __fatal_signal_pending(p);
}

static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & TASK_INTERRUPTIBLE) && !(state & TASK_WAKEKILL))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

static inline void set_tsk_thread_flag(struct task_struct *t, int flag)
{
	set_ti_thread_flag(task_thread_info(t), flag);
}

static inline void clear_tsk_thread_flag(struct task_struct *t, int flag)
{
	clear_ti_thread_flag(task_thread_info(t), flag);
}

static inline bool thread_group_leader(struct task_struct *p)
{
	return p->exit_signal >= 0;
}

static inline bool thread_group_empty(struct task_struct *p)
{
	return p->signal->nr_threads == 1;
}

#define for_each_thread(p, t)	\
	list_for_each_entry(t, &(p)->signal->thread_head, thread_node)

static inline unsigned long task_rlimit(const struct task_struct *t, unsigned int limit)
{
	return READ_ONCE(t->signal->rlim[limit].rlim_cur);
}

static inline unsigned long rlimit(unsigned int limit)
{
	return task_rlimit(current, limit);
}

static inline bool on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

static inline int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/* kernel/sched/cputime.c */
/* The tick's charge of TICK_NSEC to p: user or system time (the idle task: neither). */
void account_process_tick(struct task_struct *p, int user_tick);
/* tsk's group's times: dead threads and live ones, raw ticks and exact totals. tasklist_lock held. */
void thread_group_cputime(struct task_struct *tsk, struct task_cputime *times);
/* The same scaled so utime + stime is the exact total, never going backwards; tasklist_lock held. */
void thread_group_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st);
/* One thread's, likewise (no lock needed). */
void task_cputime_adjusted(struct task_struct *p, u64 *ut, u64 *st);
static inline void prev_cputime_init(struct prev_cputime *prev)
{
	prev->utime = prev->stime = 0;
	raw_spin_lock_init(&prev->lock);
}

/* kernel/time/itimer.c and posix-cpu-timers.c */
/* The tick on current's cpu: ITIMER_PROF and ITIMER_VIRTUAL expiries, RLIMIT_CPU. Irqs off. */
void run_posix_cpu_timers(void);
/* A new group's itimers, all disarmed; leader gets the real timer's SIGALRM. */
void itimers_init(struct signal_struct *sig, struct task_struct *leader);
/* The group is dead: its real timer is stopped (do_exit, before the signal struct goes). */
void exit_itimers(struct signal_struct *sig);
/* exec made tsk the leader: SIGALRM goes to it from now on (de_thread). */
void itimer_change_leader(struct signal_struct *sig, struct task_struct *tsk);
/* dequeue_signal took SIGALRM: reload an interval real timer. siglock held. */
void itimer_rearm_real(struct signal_struct *sig);

/* kernel/exit.c */
void __noreturn do_group_exit(int exit_code);
/* kernel/fork.c: drops a reference to shared signal handlers; a copy of current's. */
void __cleanup_sighand(struct sighand_struct *sighand);
struct sighand_struct *dup_sighand(void);
/* kernel/exit.c: unlinks and frees a reaped (or autoreaped) task. */
void release_task(struct task_struct *p);
/* kernel/signal.c */
void zap_other_threads(struct task_struct *p);
int __group_send_sig_locked(int sig, kernel_siginfo_t *info, struct task_struct *p);
void flush_sigqueue_task(struct task_struct *t);
void flush_sigqueue_shared(struct signal_struct *sig);
/* Signals every process of group pgrp (the tty's ^C); not from hard interrupt context. */
int kill_pgrp(pid_t pgrp, int sig, int priv);
void signal_wake_up(struct task_struct *t, bool fatal);

#endif
