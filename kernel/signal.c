/*
 * Signals, Linux's way (kernel/signal.c): a signal is made pending on a thread (tkill,
 * faults) or on its thread group (kill), with its siginfo queued beside the pending bit;
 * complete_signal picks a thread that does not block it and wakes it; on its way back to
 * user space that thread runs get_signal, which dequeues, applies the default action
 * (ignore, stop, terminate the group) or hands a caught signal to the architecture's
 * frame builder (arch/arm64/kernel/signal.c).
 *
 * Locks: sighand->siglock (irq-safe) guards pending and blocked sets and the actions;
 * tasklist_lock (taken outside siglock) guards the walk over tasks for kill(-pgrp).
 * kill_pgrp and friends must not be called from hard interrupt context.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/syscalls.h>
#include <linux/jiffies.h>
#include <linux/time.h>
#include <uapi/linux/time_types.h>
#include <asm/uaccess.h>

/* The siginfo of a queued signal; SEND_SIG_NOINFO/PRIV stand for a user or kernel kill. */
static void fill_siginfo(kernel_siginfo_t *to, int sig, kernel_siginfo_t *info)
{
	memset(to, 0, sizeof(*to));
	to->si_signo = sig;
	if (info == SEND_SIG_NOINFO) {
		to->si_code = SI_USER;
		to->si_pid = current->tgid;
		to->si_uid = current->cred->uid;
	} else if (info == SEND_SIG_PRIV) {
		to->si_code = SI_KERNEL;
	} else {
		*to = *info;
	}
}

static bool sig_handler_ignored(void __user *handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* Whether t would drop sig at once: ignored and not blocked (blocked ones stay queued). */
static bool sig_ignored(struct task_struct *t, int sig, bool force)
{
	void __user *handler = t->sighand->action[sig - 1].sa.sa_handler;

	/* SIGKILL and SIGSTOP never reach init, even from the kernel (Linux's global init). */
	if (t->tgid == 1 && sig_kernel_only(sig))
		return true;
	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	/* init ignores what it has no handler for, unless the kernel forces it. */
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL && !force &&
	    !sig_kernel_only(sig))
		return true;
	return sig_handler_ignored(handler, sig);
}

/* Wakes t to look at its signals: from an interruptible sleep, or killable if fatal. */
void signal_wake_up(struct task_struct *t, bool fatal)
{
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	if (!try_to_wake_up(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0), 0))
		kick_process(t);
}

static bool has_pending_signals(const sigset_t *signal, const sigset_t *blocked)
{
	return signal->sig[0] & ~blocked->sig[0];
}

/* Under siglock: TIF_SIGPENDING of t from its own and the group's unblocked signals. */
static bool recalc_sigpending_tsk(struct task_struct *t)
{
	if (has_pending_signals(&t->pending.signal, &t->blocked) ||
	    has_pending_signals(&t->signal->shared_pending.signal, &t->blocked) ||
	    (t->signal->flags & SIGNAL_GROUP_EXIT) || t->signal->group_stop_count) {
		set_tsk_thread_flag(t, TIF_SIGPENDING);
		return true;
	}
	return false;
}

void recalc_sigpending(void)
{
	if (!recalc_sigpending_tsk(current))
		clear_thread_flag(TIF_SIGPENDING);
}

static void flush_sigqueue_mask(sigset_t *mask, struct sigpending *s)
{
	struct sigqueue *q, *n;

	sigandnsets(&s->signal, &s->signal, mask);
	list_for_each_entry_safe(q, n, &s->list, list)
		if (sigismember(mask, q->info.si_signo)) {
			list_del(&q->list);
			kfree(q);
		}
}

static void flush_sigqueue(struct sigpending *s)
{
	sigset_t all;

	sigfillset(&all);
	flush_sigqueue_mask(&all, s);
}

void flush_signals(struct task_struct *t)
{
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	clear_tsk_thread_flag(t, TIF_SIGPENDING);
	flush_sigqueue(&t->pending);
	flush_sigqueue(&t->signal->shared_pending);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/*
 * Job control side effects of sending, under siglock: a stop signal cancels pending
 * SIGCONTs and a SIGCONT cancels pending stops and resumes a stopped group. Returns
 * false when sig is to be dropped.
 */
static bool prepare_signal(int sig, struct task_struct *p, bool force)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;
	sigset_t flush;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return sig == SIGKILL;
	sigemptyset(&flush);
	if (sig_kernel_stop(sig)) {
		sigaddset(&flush, SIGCONT);
		flush_sigqueue_mask(&flush, &signal->shared_pending);
		for_each_thread(p, t)
			flush_sigqueue_mask(&flush, &t->pending);
	} else if (sig == SIGCONT) {
		flush.sig[0] = SIG_KERNEL_STOP_MASK;
		flush_sigqueue_mask(&flush, &signal->shared_pending);
		for_each_thread(p, t) {
			flush_sigqueue_mask(&flush, &t->pending);
			try_to_wake_up(t, __TASK_STOPPED, 0);
		}
		if (signal->flags & SIGNAL_STOP_STOPPED)
			signal->flags = SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED;
		signal->group_stop_count = 0;
	}
	return !sig_ignored(p, sig, force);
}

/* A stopped thread takes nothing but SIGKILL; the others take what they do not block. */
static bool wants_signal(int sig, struct task_struct *p)
{
	if (sigismember(&p->blocked, sig) || (p->flags & PF_EXITING))
		return false;
	if (sig == SIGKILL)
		return true;
	if (READ_ONCE(p->__state) & __TASK_STOPPED)
		return false;
	return p == current || !signal_pending(p);
}

/* The default action of sig kills p's group (core dumping ones included). */
static bool sig_fatal(struct task_struct *p, int sig)
{
	return !sig_kernel_ignore(sig) && !sig_kernel_stop(sig) &&
	       p->sighand->action[sig - 1].sa.sa_handler == SIG_DFL;
}

/* Under siglock: the thread of p's group to take a group signal; NULL if none wants it now. */
static struct task_struct *pick_signal_target(int sig, struct task_struct *p, bool shared)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (wants_signal(sig, p))
		return p;
	/* One thread, which will see the signal before it runs in user space again. */
	if (!shared || thread_group_empty(p))
		return NULL;
	t = signal->curr_target ? signal->curr_target : p;
	while (!wants_signal(sig, t)) {
		t = list_next_entry(t, thread_node);
		if (&t->thread_node == &signal->thread_head)
			t = list_first_entry(&signal->thread_head, struct task_struct, thread_node);
		if (t == (signal->curr_target ? signal->curr_target : p))
			return NULL;
	}
	signal->curr_target = t;
	return t;
}

/*
 * Under siglock, sig just made pending on p (or its group): find a thread to take it
 * and wake it. A fatal signal with no handler, that the chosen thread is not waiting
 * for in sigtimedwait, starts the whole group's death at once, as Linux's: every
 * thread gets SIGKILL, so none runs on in user space after the signal came. Core
 * dumping signals are left to get_signal (do_coredump's place in Linux).
 */
static void complete_signal(int sig, struct task_struct *p, bool shared)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = pick_signal_target(sig, p, shared);

	if (!t)
		return;
	if (sig_fatal(p, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) &&
	    !sigismember(&t->real_blocked, sig) && !sig_kernel_coredump(sig)) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		for_each_thread(p, t) {
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* Under siglock: makes sig pending on t (shared: on its group), with its siginfo. */
static int __send_signal_locked(int sig, kernel_siginfo_t *info, struct task_struct *t,
				bool shared, bool force)
{
	struct sigpending *pending = shared ? &t->signal->shared_pending : &t->pending;
	struct sigqueue *q;

	if (!prepare_signal(sig, t, force))
		return 0;
	/* Standard signals are not queued twice; real-time ones are. */
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;
	q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (q) {
		fill_siginfo(&q->info, sig, info);
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN && info != SEND_SIG_NOINFO && info != SEND_SIG_PRIV) {
		return -EAGAIN;
	}
	sigaddset(&pending->signal, sig);
	complete_signal(sig, t, shared);
	return 0;
}

static int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p,
			    bool shared)
{
	unsigned long flags;
	int ret;

	if (!p->sighand)
		return -ESRCH;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	ret = __send_signal_locked(sig, info, p, shared, false);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	if (!valid_signal(sig))
		return -EINVAL;
	return do_send_sig_info(sig, info, p, false);
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	return send_sig_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, p);
}

int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (!sig)
		return 0;
	return do_send_sig_info(sig, info, p, true);
}

/*
 * A signal the task caused and cannot go on without handling (a fault): unblocked, and
 * if ignored reset to the default action, so it cannot loop on the faulting instruction.
 */
static int force_sig_info(kernel_siginfo_t *info)
{
	struct task_struct *t = current;
	struct k_sigaction *action = &t->sighand->action[info->si_signo - 1];
	int sig = info->si_signo;
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (action->sa.sa_handler == SIG_IGN || sigismember(&t->blocked, sig)) {
		sigdelset(&t->blocked, sig);
		if (action->sa.sa_handler == SIG_IGN)
			action->sa.sa_handler = SIG_DFL;
	}
	/* Even init dies of a fault it has no handler for. */
	if (action->sa.sa_handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	ret = __send_signal_locked(sig, info, t, false, true);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return ret;
}

int force_sig_fault(int sig, int code, void __user *addr)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.si_addr = addr;
	return force_sig_info(&info);
}

void force_sig(int sig)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	force_sig_info(&info);
}

#define SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
			  sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

/* Under siglock: the first unblocked signal of pending, with its siginfo; 0 if none. */
static int __dequeue_signal(struct sigpending *pending, sigset_t *mask, kernel_siginfo_t *info)
{
	unsigned long x = pending->signal.sig[0] & ~mask->sig[0];
	struct sigqueue *q, *first = NULL;
	bool more = false;
	int sig;

	if (!x)
		return 0;
	/* Synchronous (fault) signals first, as Linux does, then the lowest number. */
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	sig = __builtin_ctzl(x) + 1;
	list_for_each_entry(q, &pending->list, list)
		if (q->info.si_signo == sig) {
			if (first) {
				more = true;
				break;
			}
			first = q;
		}
	if (!more)
		sigdelset(&pending->signal, sig);
	if (first) {
		*info = first->info;
		list_del(&first->list);
		kfree(first);
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
	return sig;
}

static int dequeue_signal(struct task_struct *t, sigset_t *mask, kernel_siginfo_t *info)
{
	int sig = __dequeue_signal(&t->pending, mask, info);

	if (!sig) {
		sig = __dequeue_signal(&t->signal->shared_pending, mask, info);
		/*
		 * An interval real timer is reloaded when its SIGALRM is taken, not when it
		 * fires, as Linux: a process that does not keep up gets one, not a flood.
		 */
		if (sig == SIGALRM)
			itimer_rearm_real(t->signal);
	}
	recalc_sigpending();
	return sig;
}

/* Tells the parent that p's group stopped or continued (SIGCHLD, CLD_*), siglock not held. */
static void do_notify_parent_cldstop(struct task_struct *p, int why)
{
	struct task_struct *parent;
	kernel_siginfo_t info;
	unsigned long flags;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info.si_pid = p->tgid;
	info.si_uid = p->cred->uid;
	info.si_status = why == CLD_CONTINUED ? SIGCONT : p->signal->group_exit_code & 0x7f;
	spin_lock(&tasklist_lock);
	parent = p->group_leader->real_parent;
	spin_lock_irqsave(&parent->sighand->siglock, flags);
	if (!(parent->sighand->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDSTOP))
		__send_signal_locked(SIGCHLD, &info, parent, true, false);
	spin_unlock_irqrestore(&parent->sighand->siglock, flags);
	spin_unlock(&tasklist_lock);
	__wake_up(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE, 0, NULL);
}

/*
 * Under siglock, which it drops: stop the whole group for signr (every thread stops on
 * its way to user space), tell the parent once, and sleep until SIGCONT or SIGKILL.
 */
static void do_signal_stop(int signr)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *t;
	bool notify = false;

	if (!sig->group_stop_count && !(sig->flags & SIGNAL_STOP_STOPPED)) {
		sig->group_exit_code = signr;
		sig->group_stop_count = 0;
		for_each_thread(current, t)
			if (!(t->flags & PF_EXITING)) {
				sig->group_stop_count++;
				if (t != current)
					signal_wake_up(t, false);
			}
	}
	if (sig->group_stop_count && --sig->group_stop_count == 0) {
		sig->flags = SIGNAL_STOP_STOPPED;
		notify = true;
	}
	set_current_state(TASK_STOPPED);
	spin_unlock_irq(&current->sighand->siglock);
	if (notify)
		do_notify_parent_cldstop(current, CLD_STOPPED);
	schedule();
}

/* The continued report, once, by the first thread of a resumed group to see it. */
static void report_continued(void)
{
	struct signal_struct *sig = current->signal;

	if (!(sig->flags & SIGNAL_CLD_CONTINUED))
		return;
	sig->flags &= ~SIGNAL_CLD_CONTINUED;
	spin_unlock_irq(&current->sighand->siglock);
	do_notify_parent_cldstop(current, CLD_CONTINUED);
	spin_lock_irq(&current->sighand->siglock);
}

bool get_signal(struct ksignal *ksig)
{
	struct sighand_struct *sighand = current->sighand;
	struct signal_struct *signal = current->signal;
	int signr;

relock:
	spin_lock_irq(&sighand->siglock);
	report_continued();
	for (;;) {
		struct k_sigaction *ka;

		if (signal->flags & SIGNAL_GROUP_EXIT) {
			signr = SIGKILL;
			sigdelset(&current->pending.signal, SIGKILL);
			recalc_sigpending();
			goto fatal;
		}
		if (signal->group_stop_count) {
			do_signal_stop(0);
			goto relock;
		}
		signr = dequeue_signal(current, &current->blocked, &ksig->info);
		if (!signr)
			break;
		ka = &sighand->action[signr - 1];
		if (ka->sa.sa_handler == SIG_IGN)
			continue;
		if (ka->sa.sa_handler != SIG_DFL) {
			ksig->ka = *ka;
			if (ka->sa.sa_flags & SA_RESETHAND)
				ka->sa.sa_handler = SIG_DFL;
			break;
		}
		if (sig_kernel_ignore(signr))
			continue;
		if ((signal->flags & SIGNAL_UNKILLABLE) && !sig_kernel_only(signr))
			continue;
		if (sig_kernel_stop(signr)) {
			do_signal_stop(signr);
			goto relock;
		}
		goto fatal;
	}
	spin_unlock_irq(&sighand->siglock);
	ksig->sig = signr;
	return signr > 0;

fatal:
	spin_unlock_irq(&sighand->siglock);
	current->flags |= PF_SIGNALED;
	/* Core dumps are not written: the status says killed by signr, as with no core. */
	do_group_exit(signr);
}

/* Blocks the handler's mask (and the signal itself unless SA_NODEFER) after delivery. */
void signal_setup_done(int failed, struct ksignal *ksig, int stepping)
{
	sigset_t blocked;

	if (failed) {
		force_sig(SIGSEGV);
		return;
	}
	sigorsets(&blocked, &current->blocked, &ksig->ka.sa.sa_mask);
	if (!(ksig->ka.sa.sa_flags & SA_NODEFER))
		sigaddset(&blocked, ksig->sig);
	set_current_blocked(&blocked);
	if (current->sas_ss_flags & SS_AUTODISARM) {
		current->sas_ss_sp = 0;
		current->sas_ss_size = 0;
	}
}

/* SIGKILL and SIGSTOP can never be blocked. */
void set_current_blocked(sigset_t *newset)
{
	sigdelsetmask(newset, SIG_KERNEL_ONLY_MASK);
	spin_lock_irq(&current->sighand->siglock);
	current->blocked = *newset;
	recalc_sigpending();
	spin_unlock_irq(&current->sighand->siglock);
}

/* exec: caught signals go back to their default action; ignored ones stay ignored. */
void flush_signal_handlers(struct task_struct *t, int force_default)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (force_default || ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
}

/* Under siglock: SIGKILL to every other thread of p's group (exit_group, exec). */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	p->signal->group_stop_count = 0;
	for_each_thread(p, t) {
		if (t == p || t->exit_state)
			continue;
		sigaddset(&t->pending.signal, SIGKILL);
		signal_wake_up(t, true);
	}
}

/* Linux's do_sigaltstack: the stack cannot change while the task is running on it. */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	struct task_struct *t = current;
	unsigned int mode;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void __user *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | t->sas_ss_flags;
	}
	if (!ss)
		return 0;
	if (on_sig_stack(sp))
		return -EPERM;
	mode = ss->ss_flags & ~SS_FLAG_BITS;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
	} else {
		if (ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		t->sas_ss_sp = (unsigned long)ss->ss_sp;
		t->sas_ss_size = ss->ss_size;
	}
	t->sas_ss_flags = ss->ss_flags & SS_FLAG_BITS;
	return 0;
}

int restore_altstack(const stack_t __user *uss)
{
	stack_t new;

	if (copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	/* A frame may hold the stack it was set up on: not an error (Linux ignores it too). */
	do_sigaltstack(&new, NULL, current_pt_regs()->sp);
	return 0;
}

int __save_altstack(stack_t __user *uss, unsigned long sp)
{
	struct task_struct *t = current;

	return put_user((void __user *)t->sas_ss_sp, &uss->ss_sp) |
	       put_user((int)(t->sas_ss_flags | sas_ss_flags(sp)), &uss->ss_flags) |
	       put_user(t->sas_ss_size, &uss->ss_size);
}

SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
{
	stack_t new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, current_pt_regs()->sp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

/* Changes sig's action; drops now-ignored pending instances, as POSIX asks. */
static int do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact)
{
	struct task_struct *p = current, *t;
	struct k_sigaction *k;
	sigset_t mask;

	if (!valid_signal(sig) || sig < 1 || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &p->sighand->action[sig - 1];
	spin_lock_irq(&p->sighand->siglock);
	if (oact)
		*oact = *k;
	if (act) {
		sigdelsetmask(&act->sa.sa_mask, SIG_KERNEL_ONLY_MASK);
		*k = *act;
		if (sig_handler_ignored(k->sa.sa_handler, sig)) {
			sigemptyset(&mask);
			sigaddset(&mask, sig);
			flush_sigqueue_mask(&mask, &p->signal->shared_pending);
			for_each_thread(p, t)
				flush_sigqueue_mask(&mask, &t->pending);
		}
	}
	spin_unlock_irq(&p->sighand->siglock);
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction __user *, act,
		struct sigaction __user *, oact, size_t, sigsetsize)
{
	struct k_sigaction new_sa, old_sa;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new_sa.sa, act, sizeof(new_sa.sa)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new_sa : NULL, oact ? &old_sa : NULL);
	if (!ret && oact && copy_to_user(oact, &old_sa.sa, sizeof(old_sa.sa)))
		return -EFAULT;
	return ret;
}

static int sigprocmask(int how, sigset_t *set, sigset_t *oldset)
{
	sigset_t newset;

	if (oldset)
		*oldset = current->blocked;
	switch (how) {
	case SIG_BLOCK:
		sigorsets(&newset, &current->blocked, set);
		break;
	case SIG_UNBLOCK:
		sigandnsets(&newset, &current->blocked, set);
		break;
	case SIG_SETMASK:
		newset = *set;
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(&newset);
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, sigset_t __user *, nset, sigset_t __user *, oset,
		size_t, sigsetsize)
{
	sigset_t old = current->blocked, new;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new, nset, sizeof(new)))
			return -EFAULT;
		err = sigprocmask(how, &new, NULL);
		if (err)
			return err;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t pending;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	spin_lock_irq(&current->sighand->siglock);
	sigorsets(&pending, &current->pending.signal, &current->signal->shared_pending.signal);
	spin_unlock_irq(&current->sighand->siglock);
	pending.sig[0] &= current->blocked.sig[0];
	return copy_to_user(uset, &pending, sigsetsize) ? -EFAULT : 0;
}

/* Sleeps with the given mask until a signal is delivered; the old mask is back after it. */
SYSCALL_DEFINE2(rt_sigsuspend, sigset_t __user *, unewset, size_t, sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&newset);
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	current->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

/* Waits for one of *which (blocked by the caller) and dequeues it without a handler. */
SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t __user *, uthese, kernel_siginfo_t __user *, uinfo,
		const struct __kernel_timespec __user *, uts, size_t, sigsetsize)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;
	struct __kernel_timespec ts;
	kernel_siginfo_t info;
	sigset_t these, mask;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		timeout = timespec_to_jiffies_ceil(&ts);
	}
	sigdelsetmask(&these, SIG_KERNEL_ONLY_MASK);
	mask.sig[0] = ~these.sig[0];
	spin_lock_irq(&current->sighand->siglock);
	sig = dequeue_signal(current, &mask, &info);
	if (!sig && timeout) {
		current->real_blocked = current->blocked;
		sigandnsets(&current->blocked, &current->blocked, &these);
		recalc_sigpending();
		spin_unlock_irq(&current->sighand->siglock);
		/* Until a signal (the awaited ones are unblocked now) or the end of the wait. */
		while (timeout && !signal_pending(current))
			timeout = schedule_timeout_interruptible(timeout);
		spin_lock_irq(&current->sighand->siglock);
		current->blocked = current->real_blocked;
		sigemptyset(&current->real_blocked);
		sig = dequeue_signal(current, &mask, &info);
	}
	spin_unlock_irq(&current->sighand->siglock);
	if (!sig)
		return timeout ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

static void prepare_kill_siginfo(int sig, kernel_siginfo_t *info, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->si_pid = current->tgid;
	info->si_uid = current->cred->uid;
}

/* Kernel threads take no signals from user space; sending to one succeeds and does nothing. */
static int kill_task(int sig, kernel_siginfo_t *info, struct task_struct *p, bool group)
{
	if (p->flags & PF_KTHREAD || !sig)
		return 0;
	return do_send_sig_info(sig, info, p, group);
}

/* kill(-pgrp) and kill(-1): every process matched; ESRCH when none was. */
static int kill_matching(int sig, kernel_siginfo_t *info, pid_t pgrp, bool all)
{
	struct task_struct *p;
	int ret = -ESRCH, err;

	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p != p->group_leader || p->exit_state || (p->flags & PF_KTHREAD))
			continue;
		if (all ? (p->tgid == 1 || p->tgid == current->tgid) : p->signal->pgrp != pgrp)
			continue;
		err = kill_task(sig, info, p, true);
		if (ret)
			ret = err;
	}
	spin_unlock(&tasklist_lock);
	return ret;
}

int kill_pgrp(pid_t pgrp, int sig, int priv)
{
	return kill_matching(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, pgrp, false);
}

static int kill_pid_info(int sig, kernel_siginfo_t *info, pid_t pid)
{
	struct task_struct *p;
	int ret = -ESRCH;

	spin_lock(&tasklist_lock);
	p = find_task_by_pid_locked(pid);
	if (p && !p->exit_state)
		ret = kill_task(sig, info, p->group_leader, true);
	spin_unlock(&tasklist_lock);
	return ret;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	kernel_siginfo_t info;

	if (!valid_signal(sig))
		return -EINVAL;
	prepare_kill_siginfo(sig, &info, SI_USER);
	if (pid > 0)
		return kill_pid_info(sig, &info, pid);
	if (pid == -1)
		return kill_matching(sig, &info, 0, true);
	return kill_matching(sig, &info, pid ? -pid : current->signal->pgrp, false);
}

/* One thread: tid, which must belong to group tgid unless tgid is <= 0 (tkill). */
static int do_tkill(pid_t tgid, pid_t pid, int sig)
{
	kernel_siginfo_t info;
	struct task_struct *p;
	int ret = -ESRCH;

	if (pid <= 0 || !valid_signal(sig))
		return -EINVAL;
	prepare_kill_siginfo(sig, &info, SI_TKILL);
	spin_lock(&tasklist_lock);
	p = find_task_by_pid_locked(pid);
	if (p && !p->exit_state && (tgid <= 0 || p->tgid == tgid))
		ret = kill_task(sig, &info, p, false);
	spin_unlock(&tasklist_lock);
	return ret;
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	return do_tkill(0, pid, sig);
}

/* Only SI_QUEUE-style codes may be forged by user space (negative, not SI_TKILL). */
SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig, kernel_siginfo_t __user *, uinfo)
{
	kernel_siginfo_t info;

	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && current->tgid != pid)
		return -EPERM;
	if (!valid_signal(sig))
		return -EINVAL;
	info.si_signo = sig;
	return kill_pid_info(sig, &info, pid);
}

/* Under siglock: sig to p's thread group (the parent's SIGCHLD from exit). */
int __group_send_sig_locked(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	return __send_signal_locked(sig, info, p, true, false);
}

/* release_task: what is still queued for a reaped thread, and for its whole group. */
void flush_sigqueue_task(struct task_struct *t)
{
	flush_sigqueue(&t->pending);
}

void flush_sigqueue_shared(struct signal_struct *sig)
{
	flush_sigqueue(&sig->shared_pending);
}

/* Re-entered instead of a call that returned -ERESTART_RESTARTBLOCK and had no handler run. */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *restart = &current->restart_block;

	return restart->fn(restart);
}

long do_no_restart_syscall(struct restart_block *param)
{
	return -EINTR;
}
