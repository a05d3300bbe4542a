/*
 * Ending tasks and reaping them (Linux's kernel/exit.c). do_exit releases what the task
 * holds (address space, files), hands its children to a reaper, and leaves a zombie
 * whose exit status the parent collects with wait4/waitid; release_task then unlinks and
 * frees it. Threads, and children of a parent that does not wait (a kernel thread, or
 * SIGCHLD ignored), are reaped at once (autoreap). When init itself ends, the kernel
 * panics as Linux does.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>
#include <uapi/linux/resource.h>
#include <linux/cred.h>
#include <linux/time.h>
#include <linux/wait.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <asm/uaccess.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

void put_signal_struct(struct signal_struct *sig);

/* Clock ticks per second of the user ABI (times, siginfo's utime/stime). */
#define USER_HZ		100

/* The task whose death is the system's: pid 1 once it runs init. */
static bool is_global_init(struct task_struct *tsk)
{
	return tsk->tgid == 1;
}

/* Under tasklist_lock: unlinks p; its group's shared parts go with the last thread. */
static bool __unhash_task(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	list_del_init(&p->tasks);
	/* Signal senders walk the threads under siglock alone (complete_signal). */
	spin_lock_irq(&p->sighand->siglock);
	list_del_init(&p->thread_node);
	spin_unlock_irq(&p->sighand->siglock);
	nr_threads--;
	sig->nr_threads--;
	sig->utime += p->utime;
	sig->stime += p->stime;
	sig->sum_sched_runtime += task_sched_runtime(p);
	sig->nvcsw += p->nvcsw;
	sig->nivcsw += p->nivcsw;
	sig->min_flt += p->min_flt;
	sig->maj_flt += p->maj_flt;
	if (sig->curr_target == p)
		sig->curr_target = NULL;
	if (thread_group_leader(p))
		list_del_init(&p->sibling);
	return sig->nr_threads == 0;
}

/*
 * Drops p's place in the task lists. If p was the last non-leader thread of a group
 * whose leader is a zombie already, the leader's parent may reap it now: notify it, and
 * release the leader too when nobody will wait.
 */
void release_task(struct task_struct *p)
{
	struct task_struct *leader;
	bool last, reap_leader = false;

	spin_lock(&tasklist_lock);
	last = __unhash_task(p);
	leader = p->group_leader;
	if (leader != p && leader->exit_state == EXIT_ZOMBIE && leader->signal->nr_threads == 1) {
		reap_leader = do_notify_parent(leader, leader->exit_signal);
		if (reap_leader)
			leader->exit_state = EXIT_DEAD;
	}
	spin_unlock(&tasklist_lock);
	flush_sigqueue_task(p);
	if (last) {
		flush_sigqueue_shared(p->signal);
		put_signal_struct(p->signal);
	} else {
		__atomic_fetch_sub(&p->signal->sigcnt, 1, __ATOMIC_RELAXED);
	}
	__cleanup_sighand(p->sighand);
	put_task_struct(p);
	if (reap_leader)
		release_task(leader);
}

static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (!(t->flags & PF_EXITING))
			return t;
	return NULL;
}

/*
 * Who takes over the dying task's children, tasklist_lock held: a live thread of its
 * group, else the nearest ancestor that made itself a child subreaper and still has a
 * live thread, else init (Linux's find_new_reaper).
 */
static struct task_struct *find_new_reaper(struct task_struct *father)
{
	struct task_struct *reaper = find_alive_thread(father), *thread;

	if (reaper)
		return reaper;
	for (reaper = father->real_parent; reaper != &init_task && reaper->tgid != 1;
	     reaper = reaper->real_parent) {
		if (!reaper->signal->is_child_subreaper)
			continue;
		thread = find_alive_thread(reaper);
		if (thread)
			return thread;
	}
	return find_task_by_pid_locked(1);
}

/* Under tasklist_lock: children to the reaper; zombies among them are reported to it. */
static void forget_original_parent(struct task_struct *father, struct list_head *dead)
{
	struct task_struct *p, *n, *reaper;

	if (list_empty(&father->children))
		return;
	reaper = find_new_reaper(father);
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		struct task_struct *t;

		for_each_thread(p, t) {
			t->real_parent = reaper;
			t->parent = reaper;
			/* Linux's rule: the parent thread's death, not its process's, sends it. */
			if (t->pdeath_signal)
				group_send_sig_info(t->pdeath_signal, SEND_SIG_NOINFO, t);
		}
		list_move_tail(&p->sibling, &reaper->children);
		/* No signal of a former parent's choosing reaches init (Linux's reparent_leader). */
		if (reaper->tgid != father->tgid)
			p->exit_signal = SIGCHLD;
		/* A zombie whose new parent will not wait is released now. */
		if (p->exit_state == EXIT_ZOMBIE && thread_group_empty(p) &&
		    do_notify_parent(p, p->exit_signal)) {
			p->exit_state = EXIT_DEAD;
			list_add(&p->ptrace_entry, dead);
		}
	}
}

/*
 * do_notify_parent - tell tsk's parent that tsk's group is gone (tasklist_lock held)
 * Return: true if tsk should be released now (the parent ignores SIGCHLD, says
 * SA_NOCLDWAIT, or is a kernel thread that never waits).
 */
bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	struct sighand_struct *psig = parent->sighand;
	kernel_siginfo_t info;
	unsigned long flags;
	bool autoreap = false;
	int code = tsk->exit_code;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_pid = tsk->tgid;
	info.si_uid = tsk->cred->uid;
	info.si_utime = (long)(tsk->utime + tsk->signal->utime) / (NSEC_PER_SEC / USER_HZ);
	info.si_stime = (long)(tsk->stime + tsk->signal->stime) / (NSEC_PER_SEC / USER_HZ);
	info.si_status = code & 0x7f;
	if (code & 0x80)
		info.si_code = CLD_DUMPED;
	else if (code & 0x7f)
		info.si_code = CLD_KILLED;
	else {
		info.si_code = CLD_EXITED;
		info.si_status = code >> 8;
	}
	spin_lock_irqsave(&psig->siglock, flags);
	if (parent->flags & PF_KTHREAD) {
		autoreap = true;
	} else if (sig == SIGCHLD && (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN ||
		   (psig->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN)
			sig = 0;
	}
	if (valid_signal(sig) && sig && !(parent->flags & PF_KTHREAD))
		__group_send_sig_locked(sig, &info, parent);
	spin_unlock_irqrestore(&psig->siglock, flags);
	/* Linux's __wake_up_parent: this task exits, its cpu is the parent's to take. */
	__wake_up_sync_key(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE, NULL);
	return autoreap;
}

static void exit_notify(struct task_struct *tsk)
{
	struct task_struct *p, *n;
	bool autoreap;
	LIST_HEAD(dead);

	spin_lock(&tasklist_lock);
	forget_original_parent(tsk, &dead);
	tsk->exit_state = EXIT_ZOMBIE;
	/* A leader with live threads stays a zombie; release_task of the last reports it. */
	if (thread_group_leader(tsk))
		autoreap = thread_group_empty(tsk) && do_notify_parent(tsk, tsk->exit_signal);
	else
		autoreap = true;
	if (autoreap)
		tsk->exit_state = EXIT_DEAD;
	spin_unlock(&tasklist_lock);
	list_for_each_entry_safe(p, n, &dead, ptrace_entry) {
		list_del_init(&p->ptrace_entry);
		release_task(p);
	}
	if (autoreap)
		release_task(tsk);
}

/* Detaches the address space; the task runs on it lazily until it is switched away. */
static void exit_mm(void)
{
	struct mm_struct *mm = current->mm;

	if (!mm)
		return;
	exit_mm_release(current, mm);
	mmap_read_lock(mm);
	mmgrab(mm);
	task_lock(current);
	current->mm = NULL;
	task_unlock(current);
	mmap_read_unlock(mm);
	mmput(mm);
}

void __noreturn do_exit(long code)
{
	struct task_struct *tsk = current;
	bool group_dead;

	WARN_ON(irqs_disabled() || in_atomic());
	tsk->flags |= PF_EXITING;
	group_dead = __atomic_sub_fetch(&tsk->signal->live, 1, __ATOMIC_ACQ_REL) == 0;
	if (group_dead && is_global_init(tsk))
		panic("Attempted to kill init! exitcode=0x%08x\n",
		      tsk->signal->group_exit_code ?: (int)code);
	tsk->exit_code = (int)code;
	if (group_dead)
		exit_itimers(tsk->signal);
	exit_mm();
	exit_files(tsk);
	exit_fs(tsk);
	exit_notify(tsk);
	do_task_dead();
}

/*
 * Ends the whole thread group: the first caller's code wins, the others are killed.
 * A thread killed by another's exec (de_thread) ends alone, leaving the exec to go on.
 */
void __noreturn do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else if (READ_ONCE(sig->group_exec_task)) {
		exit_code = 0;
	} else if (!thread_group_empty(current)) {
		spin_lock_irq(&current->sighand->siglock);
		if (sig->flags & SIGNAL_GROUP_EXIT) {
			exit_code = sig->group_exit_code;
		} else if (sig->group_exec_task) {
			exit_code = 0;
		} else {
			sig->group_exit_code = exit_code;
			sig->flags = SIGNAL_GROUP_EXIT;
			zap_other_threads(current);
		}
		spin_unlock_irq(&current->sighand->siglock);
	}
	do_exit(exit_code);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/* ---- wait4 and waitid ------------------------------------------------------------ */

struct wait_opts {
	int wo_type;			/* P_ALL, P_PID, P_PGID */
	pid_t wo_pid;
	int wo_flags;
	kernel_siginfo_t *wo_info;	/* waitid's result, or NULL */
	int wo_stat;			/* wait4's status */
	struct rusage *wo_rusage;
};

static bool eligible_child(struct wait_opts *wo, struct task_struct *p)
{
	if (wo->wo_type == P_PID && p->tgid != wo->wo_pid)
		return false;
	if (wo->wo_type == P_PGID && p->signal->pgrp != wo->wo_pid)
		return false;
	/* __WCLONE: only children that signal something else than SIGCHLD at exit. */
	if (!(wo->wo_flags & __WALL) && ((p->exit_signal != SIGCHLD) ^ !!(wo->wo_flags & __WCLONE)))
		return false;
	return true;
}

static void fill_rusage_times(struct rusage *r, u64 utime, u64 stime)
{
	r->ru_utime.tv_sec = utime / NSEC_PER_SEC;
	r->ru_utime.tv_usec = utime % NSEC_PER_SEC / NSEC_PER_USEC;
	r->ru_stime.tv_sec = stime / NSEC_PER_SEC;
	r->ru_stime.tv_usec = stime % NSEC_PER_SEC / NSEC_PER_USEC;
}

/*
 * A child's whole group and its reaped children (Linux's RUSAGE_BOTH), as wait4 reports
 * it, with the group's adjusted times tgutime and tgstime; tasklist_lock held.
 */
static void child_rusage(struct task_struct *p, struct rusage *r, u64 tgutime, u64 tgstime)
{
	struct signal_struct *sig = p->signal;

	memset(r, 0, sizeof(*r));
	fill_rusage_times(r, tgutime + sig->cutime, tgstime + sig->cstime);
	r->ru_nvcsw = p->nvcsw + sig->nvcsw + sig->cnvcsw;
	r->ru_nivcsw = p->nivcsw + sig->nivcsw + sig->cnivcsw;
	r->ru_minflt = p->min_flt + sig->min_flt + sig->cmin_flt;
	r->ru_majflt = p->maj_flt + sig->maj_flt + sig->cmaj_flt;
	r->ru_maxrss = max(sig->maxrss, sig->cmaxrss);
}

/* tasklist_lock held on entry, dropped on return: reaps zombie p (unless WNOWAIT). */
static pid_t wait_task_zombie(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *psig = current->signal, *sig = p->signal;
	int status = (sig->flags & SIGNAL_GROUP_EXIT) ? sig->group_exit_code : p->exit_code;
	pid_t pid = p->tgid;
	u64 tgutime, tgstime;

	/* Once, so what wait4 reports is what the parent's children times grow by. */
	thread_group_cputime_adjusted(p, &tgutime, &tgstime);
	if (wo->wo_rusage)
		child_rusage(p, wo->wo_rusage, tgutime, tgstime);
	if (!(wo->wo_flags & WNOWAIT)) {
		p->exit_state = EXIT_DEAD;
		psig->cutime += tgutime + sig->cutime;
		psig->cstime += tgstime + sig->cstime;
		psig->cnvcsw += p->nvcsw + sig->nvcsw + sig->cnvcsw;
		psig->cnivcsw += p->nivcsw + sig->nivcsw + sig->cnivcsw;
		psig->cmin_flt += p->min_flt + sig->min_flt + sig->cmin_flt;
		psig->cmaj_flt += p->maj_flt + sig->maj_flt + sig->cmaj_flt;
		psig->cmaxrss = max(psig->cmaxrss, max(sig->maxrss, sig->cmaxrss));
	}
	spin_unlock(&tasklist_lock);
	wo->wo_stat = status;
	if (wo->wo_info) {
		kernel_siginfo_t *info = wo->wo_info;

		info->si_signo = SIGCHLD;
		info->si_pid = pid;
		info->si_uid = p->cred->uid;
		info->si_code = (status & 0x7f) ? ((status & 0x80) ? CLD_DUMPED : CLD_KILLED) :
			CLD_EXITED;
		info->si_status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff;
	}
	if (!(wo->wo_flags & WNOWAIT))
		release_task(p);
	return pid;
}

/* tasklist_lock held, dropped when it reports: a stopped or continued child. */
static pid_t wait_task_stopped_continued(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	int why, status;
	pid_t pid = p->tgid;

	spin_lock_irq(&p->sighand->siglock);
	if ((wo->wo_flags & WSTOPPED) && (sig->flags & SIGNAL_STOP_STOPPED) && sig->group_exit_code) {
		why = CLD_STOPPED;
		status = sig->group_exit_code;
		if (!(wo->wo_flags & WNOWAIT))
			sig->group_exit_code = 0;
		wo->wo_stat = (status << 8) | 0x7f;
	} else if ((wo->wo_flags & WCONTINUED) && (sig->flags & SIGNAL_STOP_CONTINUED)) {
		why = CLD_CONTINUED;
		status = SIGCONT;
		if (!(wo->wo_flags & WNOWAIT))
			sig->flags &= ~SIGNAL_STOP_CONTINUED;
		wo->wo_stat = 0xffff;
	} else {
		spin_unlock_irq(&p->sighand->siglock);
		return 0;
	}
	spin_unlock_irq(&p->sighand->siglock);
	if (wo->wo_rusage) {
		u64 tgutime, tgstime;

		thread_group_cputime_adjusted(p, &tgutime, &tgstime);
		child_rusage(p, wo->wo_rusage, tgutime, tgstime);
	}
	spin_unlock(&tasklist_lock);
	if (wo->wo_info) {
		wo->wo_info->si_signo = SIGCHLD;
		wo->wo_info->si_pid = pid;
		wo->wo_info->si_uid = p->cred->uid;
		wo->wo_info->si_code = why;
		wo->wo_info->si_status = status;
	}
	return pid;
}

/*
 * tasklist_lock held: looks at the children of current's thread group (of current only
 * with __WNOTHREAD). Returns a pid (lock dropped), 0 (children, none ready) or -ECHILD.
 */
static pid_t do_wait_scan(struct wait_opts *wo)
{
	struct task_struct *t, *p;
	bool found = false;
	pid_t ret;

	for_each_thread(current, t) {
		if ((wo->wo_flags & __WNOTHREAD) && t != current)
			continue;
		list_for_each_entry(p, &t->children, sibling) {
			if (!eligible_child(wo, p) || p->exit_state == EXIT_DEAD)
				continue;
			found = true;
			if (p->exit_state == EXIT_ZOMBIE && thread_group_empty(p)) {
				if (wo->wo_flags & WEXITED)
					return wait_task_zombie(wo, p);
				continue;
			}
			ret = wait_task_stopped_continued(wo, p);
			if (ret)
				return ret;
		}
	}
	return found ? 0 : -ECHILD;
}

static long do_wait(struct wait_opts *wo)
{
	DEFINE_WAIT(wait);
	long ret;

	for (;;) {
		prepare_to_wait(&current->signal->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		spin_lock(&tasklist_lock);
		ret = do_wait_scan(wo);
		if (ret <= 0)
			spin_unlock(&tasklist_lock);
		if (ret || (wo->wo_flags & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->signal->wait_chldexit, &wait);
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, upid, int __user *, stat_addr, int, options,
		struct rusage __user *, ru)
{
	struct wait_opts wo = { .wo_flags = options | WEXITED };
	struct rusage r;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (upid == -1) {
		wo.wo_type = P_ALL;
	} else if (upid < 0) {
		wo.wo_type = P_PGID;
		wo.wo_pid = -upid;
	} else if (upid == 0) {
		wo.wo_type = P_PGID;
		wo.wo_pid = current->signal->pgrp;
	} else {
		wo.wo_type = P_PID;
		wo.wo_pid = upid;
	}
	wo.wo_rusage = ru ? &r : NULL;
	ret = do_wait(&wo);
	if (ret > 0 && stat_addr && put_user(wo.wo_stat, stat_addr))
		return -EFAULT;
	if (ret > 0 && ru && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, kernel_siginfo_t __user *, infop,
		int, options, struct rusage __user *, ru)
{
	struct wait_opts wo = { .wo_flags = options };
	kernel_siginfo_t info;
	struct rusage r;
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		break;
	case P_PID:
	case P_PGID:
		if (upid < 0 || (which == P_PID && upid == 0))
			return -EINVAL;
		wo.wo_pid = (which == P_PGID && upid == 0) ? current->signal->pgrp : upid;
		break;
	default:
		return -EINVAL;
	}
	wo.wo_type = which;
	memset(&info, 0, sizeof(info));
	wo.wo_info = &info;
	wo.wo_rusage = ru ? &r : NULL;
	ret = do_wait(&wo);
	if (ret < 0)
		return ret;
	if (ru && ret > 0 && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	/* WNOHANG with nothing ready: a zeroed siginfo, as Linux. */
	if (infop && copy_to_user(infop, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}
