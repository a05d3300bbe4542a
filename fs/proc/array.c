/*
 * /proc/PID/stat, status and statm (Linux's fs/proc/array.c), field for field in
 * Linux 6.1's order and format. Fields for mechanisms this kernel lacks (namespaces,
 * seccomp, capabilities beyond root's, NUMA balancing) print what Linux prints when
 * they are configured out.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/cred.h>
#include <linux/signal.h>
#include <linux/cpumask.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/tty.h>
#include <linux/time.h>
#include "internal.h"

#define USER_HZ 100
#define nsec_to_clock_t(ns)	((u64)(ns) / (NSEC_PER_SEC / USER_HZ))

static const char * const task_state_array[] = {
	"R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)",
	"t (tracing stop)", "X (dead)", "Z (zombie)", "P (parked)", "I (idle)",
};

/* Linux's task_state_index: which of task_state_array the task is in. */
static unsigned int task_state_index(struct task_struct *tsk)
{
	unsigned int state = READ_ONCE(tsk->__state);

	if (tsk->exit_state == EXIT_ZOMBIE)
		return 6;
	if (tsk->exit_state == EXIT_DEAD)
		return 5;
	if ((state & __TASK_STOPPED))
		return 3;
	/* No TASK_NOLOAD here, so no "I (idle)": an uninterruptible sleep is D. */
	if (state & TASK_UNINTERRUPTIBLE)
		return 2;
	if (state & TASK_INTERRUPTIBLE)
		return 1;
	return 0;
}

static const char *get_task_state(struct task_struct *tsk)
{
	return task_state_array[task_state_index(tsk)];
}

/* Name: the comm, with Linux's escapes of \n and \\ for status. */
static void proc_task_name(struct seq_file *m, struct task_struct *p, bool escape)
{
	char tcomm[TASK_COMM_LEN];

	task_lock(p);
	memcpy(tcomm, p->comm, sizeof(tcomm));
	task_unlock(p);
	tcomm[TASK_COMM_LEN - 1] = '\0';
	if (!escape) {
		seq_puts(m, tcomm);
		return;
	}
	for (const char *c = tcomm; *c; c++) {
		if (*c == '\n')
			seq_puts(m, "\\n");
		else if (*c == '\\')
			seq_puts(m, "\\\\");
		else
			seq_putc(m, *c);
	}
}

static void task_state(struct seq_file *m, struct task_struct *p)
{
	const struct cred *cred = p->cred;
	unsigned int max_fds = 0;
	pid_t ppid;
	int umask = -1;

	ppid = 0;	/* released: no parent any more */
	if (lock_task_signal(p)) {
		ppid = p->real_parent->tgid;
		unlock_task_signal();
	}
	task_lock(p);
	if (p->fs)
		umask = p->fs->umask;
	if (p->files)
		max_fds = p->files->fdt->max_fds;
	task_unlock(p);
	if (umask >= 0)
		seq_printf(m, "Umask:\t%#04o\n", umask);
	seq_puts(m, "State:\t");
	seq_puts(m, get_task_state(p));
	seq_put_decimal_ull(m, "\nTgid:\t", (unsigned long long)p->tgid);
	/* No NUMA balancing: no numa group. */
	seq_put_decimal_ull(m, "\nNgid:\t", 0);
	seq_put_decimal_ull(m, "\nPid:\t", (unsigned long long)p->pid);
	seq_put_decimal_ull(m, "\nPPid:\t", (unsigned long long)ppid);
	/* No ptrace: never traced. */
	seq_put_decimal_ull(m, "\nTracerPid:\t", 0);
	seq_put_decimal_ull(m, "\nUid:\t", cred->uid);
	seq_put_decimal_ull(m, "\t", cred->euid);
	seq_put_decimal_ull(m, "\t", cred->suid);
	seq_put_decimal_ull(m, "\t", cred->fsuid);
	seq_put_decimal_ull(m, "\nGid:\t", cred->gid);
	seq_put_decimal_ull(m, "\t", cred->egid);
	seq_put_decimal_ull(m, "\t", cred->sgid);
	seq_put_decimal_ull(m, "\t", cred->fsgid);
	seq_put_decimal_ull(m, "\nFDSize:\t", max_fds);
	/* No supplementary groups; Linux's trailing space stays. */
	seq_puts(m, "\nGroups:\t ");
	/* No pid namespaces (CONFIG_PID_NS off): no NStgid, NSpid, NSpgid, NSsid lines. */
	seq_putc(m, '\n');
}

static void render_sigset_t(struct seq_file *m, const char *header, sigset_t *set)
{
	int i = _NSIG;

	seq_puts(m, header);
	do {
		int x = 0;

		i -= 4;
		if (sigismember(set, i + 1))
			x |= 1;
		if (sigismember(set, i + 2))
			x |= 2;
		if (sigismember(set, i + 3))
			x |= 4;
		if (sigismember(set, i + 4))
			x |= 8;
		seq_putc(m, "0123456789abcdef"[x]);
	} while (i >= 4);
	seq_putc(m, '\n');
}

static void collect_sigign_sigcatch(struct task_struct *p, sigset_t *sigign,
				    sigset_t *sigcatch)
{
	struct k_sigaction *k = p->sighand->action;

	for (int i = 1; i <= _NSIG; ++i, ++k) {
		if (k->sa.sa_handler == SIG_IGN)
			sigaddset(sigign, i);
		else if (k->sa.sa_handler != SIG_DFL)
			sigaddset(sigcatch, i);
	}
}

/*
 * SigQ's first number: Linux counts the queued signals of the task's user; without
 * per-user counts here, those queued to this process (its thread and shared queues).
 */
static unsigned int queued_signals(struct task_struct *p)
{
	struct list_head *pos;
	unsigned int n = 0;

	list_for_each(pos, &p->pending.list)
		n++;
	list_for_each(pos, &p->signal->shared_pending.list)
		n++;
	return n;
}

static void task_sig(struct seq_file *m, struct task_struct *p)
{
	sigset_t pending, shpending, blocked, ignored, caught;
	unsigned int num_threads = 0, qsize = 0;
	unsigned long qlim = 0;

	sigemptyset(&pending);
	sigemptyset(&shpending);
	sigemptyset(&blocked);
	sigemptyset(&ignored);
	sigemptyset(&caught);
	if (lock_task_signal(p)) {
		spin_lock_irq(&p->sighand->siglock);
		pending = p->pending.signal;
		shpending = p->signal->shared_pending.signal;
		blocked = p->blocked;
		collect_sigign_sigcatch(p, &ignored, &caught);
		num_threads = (unsigned int)p->signal->nr_threads;
		qsize = queued_signals(p);
		qlim = task_rlimit(p, RLIMIT_SIGPENDING);
		spin_unlock_irq(&p->sighand->siglock);
		unlock_task_signal();
	}
	seq_put_decimal_ull(m, "Threads:\t", num_threads);
	seq_put_decimal_ull(m, "\nSigQ:\t", qsize);
	seq_put_decimal_ull(m, "/", qlim);
	render_sigset_t(m, "\nSigPnd:\t", &pending);
	render_sigset_t(m, "ShdPnd:\t", &shpending);
	render_sigset_t(m, "SigBlk:\t", &blocked);
	render_sigset_t(m, "SigIgn:\t", &ignored);
	render_sigset_t(m, "SigCgt:\t", &caught);
}

/*
 * No capabilities here: root (euid 0) may do everything, as with Linux 6.1's full set
 * (CAP_LAST_CAP 40), anyone else nothing.
 */
static void task_cap(struct seq_file *m, struct task_struct *p)
{
	unsigned long long full = p->cred->euid ? 0 : (1ULL << 41) - 1;

	seq_printf(m, "CapInh:\t%016llx\n", 0ULL);
	seq_printf(m, "CapPrm:\t%016llx\n", full);
	seq_printf(m, "CapEff:\t%016llx\n", full);
	seq_printf(m, "CapBnd:\t%016llx\n", (1ULL << 41) - 1);
	seq_printf(m, "CapAmb:\t%016llx\n", 0ULL);
}

/*
 * No seccomp (its lines are configured out) and no speculation controls: Linux's
 * generic arch_prctl_spec_ctrl_get answers -EINVAL, printed as below.
 */
static void task_seccomp(struct seq_file *m, struct task_struct *p)
{
	seq_put_decimal_ull(m, "NoNewPrivs:\t", 0);
	seq_puts(m, "\nSpeculation_Store_Bypass:\tunknown");
	seq_puts(m, "\nSpeculationIndirectBranch:\tunsupported\n");
}

static void task_cpus_allowed(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "Cpus_allowed:\t%*pb\n", nr_cpu_ids, task->cpus_mask.bits);
	seq_printf(m, "Cpus_allowed_list:\t%*pbl\n", nr_cpu_ids,
		   task->cpus_mask.bits);
}

/* cpuset's lines: every task may use every node with memory (no cpusets to narrow it). */
static void cpuset_task_status_allowed(struct seq_file *m, struct task_struct *task)
{
	unsigned long mems = node_states[N_MEMORY].bits[0];

	seq_printf(m, "Mems_allowed:\t%*pb\n", MAX_NUMNODES, &mems);
	seq_printf(m, "Mems_allowed_list:\t%*pbl\n", MAX_NUMNODES, &mems);
}

int proc_pid_status(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);

	seq_puts(m, "Name:\t");
	proc_task_name(m, task, true);
	seq_putc(m, '\n');
	task_state(m, task);
	if (mm) {
		task_mem(m, mm);
		/* No core dumps are written here; no THP. */
		seq_puts(m, "CoreDumping:\t0\nTHP_enabled:\t0\n");
		mmput(mm);
	}
	task_sig(m, task);
	task_cap(m, task);
	task_seccomp(m, task);
	task_cpus_allowed(m, task);
	cpuset_task_status_allowed(m, task);
	seq_put_decimal_ull(m, "voluntary_ctxt_switches:\t", task->nvcsw);
	seq_put_decimal_ull(m, "\nnonvoluntary_ctxt_switches:\t", task->nivcsw);
	seq_putc(m, '\n');
	return 0;
}

/* What stat shows of the task's thread group, copied while it is pinned. */
struct task_stat_sig {
	pid_t ppid, pgrp, session, tty_pgrp;
	unsigned int tty_nr;
	int nr_threads;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt, rsslim;
	u64 utime, stime, cutime, cstime;		/* ns */
	sigset_t sigign, sigcatch;
};

/*
 * The group's counters (whole: the live threads plus the dead ones' sums, and the reaped
 * children's), or the thread's own; false once the task is released.
 */
static bool task_stat_signal(struct task_struct *task, bool whole, struct task_stat_sig *ts)
{
	struct signal_struct *sig = task->signal;
	struct task_struct *t;

	memset(ts, 0, sizeof(*ts));
	if (!lock_task_signal(task))
		return false;
	ts->ppid = task->real_parent->tgid;
	ts->pgrp = sig->pgrp;
	ts->session = sig->session;
	ts->tty_pgrp = sig->tty ? sig->tty->pgrp : -1;
	ts->tty_nr = sig->tty ? new_encode_dev(tty_devnum(sig->tty)) : 0;
	ts->nr_threads = sig->nr_threads;
	ts->rsslim = task_rlimit(task, RLIMIT_RSS);
	spin_lock_irq(&task->sighand->siglock);
	collect_sigign_sigcatch(task, &ts->sigign, &ts->sigcatch);
	spin_unlock_irq(&task->sighand->siglock);
	/* Linux's split of the exact runtime in the ratio of the user and system ticks. */
	if (whole)
		thread_group_cputime_adjusted(task, &ts->utime, &ts->stime);
	else
		task_cputime_adjusted(task, &ts->utime, &ts->stime);
	if (whole) {
		ts->min_flt = sig->min_flt;
		ts->maj_flt = sig->maj_flt;
		ts->cmin_flt = sig->cmin_flt;
		ts->cmaj_flt = sig->cmaj_flt;
		ts->cutime = sig->cutime;
		ts->cstime = sig->cstime;
	}
	for_each_thread(task, t) {
		if (!whole && t != task)
			continue;
		ts->min_flt += t->min_flt;
		ts->maj_flt += t->maj_flt;
	}
	unlock_task_signal();
	return true;
}

static void do_task_stat_mm(struct seq_file *m, struct mm_struct *mm)
{
	if (!mm) {
		seq_puts(m, " 0 0 0 0 0 0 0");
		return;
	}
	seq_put_decimal_ull(m, " ", mm->start_data);
	seq_put_decimal_ull(m, " ", mm->end_data);
	seq_put_decimal_ull(m, " ", mm->start_brk);
	seq_put_decimal_ull(m, " ", mm->arg_start);
	seq_put_decimal_ull(m, " ", mm->arg_end);
	seq_put_decimal_ull(m, " ", mm->env_start);
	seq_put_decimal_ull(m, " ", mm->env_end);
}

/* stat's fields from start_time to the signal masks: memory, then the obsolete signals. */
static void do_task_stat_mem_sig(struct seq_file *m, struct task_struct *task,
				 struct mm_struct *mm, const struct task_stat_sig *ts)
{
	seq_put_decimal_ull(m, " ", 0);
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(task->start_time));
	seq_put_decimal_ull(m, " ", mm ? mm->total_vm * PAGE_SIZE : 0);
	seq_put_decimal_ull(m, " ", mm ? get_mm_rss(mm) : 0);
	seq_put_decimal_ull(m, " ", ts->rsslim);
	seq_put_decimal_ull(m, " ", mm ? mm->start_code : 0);
	seq_put_decimal_ull(m, " ", mm ? mm->end_code : 0);
	seq_put_decimal_ull(m, " ", mm ? mm->start_stack : 0);
	/* esp and eip: Linux shows them only for a task dumping core. */
	seq_puts(m, " 0 0");
	seq_put_decimal_ull(m, " ", task->pending.signal.sig[0] & 0x7fffffffUL);
	seq_put_decimal_ull(m, " ", task->blocked.sig[0] & 0x7fffffffUL);
	seq_put_decimal_ull(m, " ", ts->sigign.sig[0] & 0x7fffffffUL);
	seq_put_decimal_ull(m, " ", ts->sigcatch.sig[0] & 0x7fffffffUL);
}

static int do_task_stat(struct seq_file *m, struct task_struct *task, bool whole)
{
	struct task_stat_sig ts;
	struct mm_struct *mm;

	if (!task_stat_signal(task, whole, &ts))
		return -ESRCH;
	mm = get_task_mm(task);
	seq_put_decimal_ull(m, "", (unsigned long long)task->pid);
	seq_puts(m, " (");
	proc_task_name(m, task, false);
	seq_puts(m, ") ");
	seq_putc(m, get_task_state(task)[0]);
	seq_put_decimal_ll(m, " ", ts.ppid);
	seq_put_decimal_ll(m, " ", ts.pgrp);
	seq_put_decimal_ll(m, " ", ts.session);
	seq_put_decimal_ll(m, " ", ts.tty_nr);
	seq_put_decimal_ll(m, " ", ts.tty_pgrp);
	seq_put_decimal_ull(m, " ", task->flags);
	seq_put_decimal_ull(m, " ", ts.min_flt);
	seq_put_decimal_ull(m, " ", ts.cmin_flt);
	seq_put_decimal_ull(m, " ", ts.maj_flt);
	seq_put_decimal_ull(m, " ", ts.cmaj_flt);
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(ts.utime));
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(ts.stime));
	seq_put_decimal_ll(m, " ", (long long)nsec_to_clock_t(ts.cutime));
	seq_put_decimal_ll(m, " ", (long long)nsec_to_clock_t(ts.cstime));
	seq_put_decimal_ll(m, " ", task->static_prio - MAX_RT_PRIO);
	seq_put_decimal_ll(m, " ", task_nice(task));
	seq_put_decimal_ll(m, " ", ts.nr_threads);
	do_task_stat_mem_sig(m, task, mm, &ts);
	/*
	 * wchan: 1 for a task that is not running, as Linux 5.16 on (a process of several
	 * threads: 0, no one state), then nswap and cnswap.
	 */
	seq_puts(m, (!whole || ts.nr_threads < 2) && READ_ONCE(task->__state) != TASK_RUNNING ?
		 " 1 0 0" : " 0 0 0");
	seq_put_decimal_ll(m, " ", task->exit_signal);
	seq_put_decimal_ll(m, " ", task_cpu(task));
	/* rt_priority, policy (SCHED_NORMAL), delayacct, guest times: none here. */
	seq_puts(m, " 0 0 0 0 0");
	do_task_stat_mm(m, mm);
	seq_put_decimal_ll(m, " ", task->exit_code);
	seq_putc(m, '\n');
	if (mm)
		mmput(mm);
	return 0;
}

int proc_pid_stat(struct seq_file *m, struct task_struct *task)
{
	return do_task_stat(m, task, true);
}

int proc_tid_stat(struct seq_file *m, struct task_struct *task)
{
	return do_task_stat(m, task, false);
}

int proc_pid_statm(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	unsigned long size, resident = 0, shared = 0, text = 0, data = 0;

	if (!mm) {
		seq_write(m, "0 0 0 0 0 0 0\n", 14);
		return 0;
	}
	size = task_statm(mm, &shared, &text, &data, &resident);
	mmput(mm);
	seq_put_decimal_ull(m, "", size);
	seq_put_decimal_ull(m, " ", resident);
	seq_put_decimal_ull(m, " ", shared);
	seq_put_decimal_ull(m, " ", text);
	seq_put_decimal_ull(m, " ", 0);
	seq_put_decimal_ull(m, " ", data);
	seq_put_decimal_ull(m, " ", 0);
	seq_putc(m, '\n');
	return 0;
}
