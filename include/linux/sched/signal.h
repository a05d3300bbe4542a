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
 * The thread group's shared state. Under sighand->siglock: shared_pending, flags,
 * group_exit_code, group_stop_count, group_exec_task, notify_count. Under tasklist_lock:
 * thread_head, nr_threads, pgrp, session, the c* sums of reaped children. live: threads
 * not yet in do_exit (atomic). sigcnt: references (atomic; the last frees it).
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
	struct tty_struct *tty;			/* controlling tty, NULL if none */
	u64 utime, stime;			/* of dead threads, ns */
	u64 cutime, cstime;			/* of reaped children, ns */
	unsigned long nvcsw, nivcsw, cnvcsw, cnivcsw;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	unsigned long maxrss, cmaxrss;		/* KiB */
	struct rlimit rlim[RLIM_NLIMITS];
	/* The OOM killer's bias (/proc/PID/oom_score_adj), and the floor without privilege. */
	short oom_score_adj;
	short oom_score_adj_min;
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
