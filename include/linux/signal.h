/* Signal sets and the kernel's signal API (kernel/signal.c), with the uapi numbers and siginfo. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/types.h>
#include <linux/list.h>
#include <uapi/asm-generic/signal.h>
#include <uapi/asm-generic/siginfo.h>

struct task_struct;
struct pt_regs;

#define sigmask(sig)	(1UL << ((sig) - 1))
#define valid_signal(sig)	((sig) >= 0 && (sig) <= _NSIG)

static inline void sigaddset(sigset_t *set, int sig)	{ set->sig[0] |= sigmask(sig); }
static inline void sigdelset(sigset_t *set, int sig)	{ set->sig[0] &= ~sigmask(sig); }
static inline bool sigismember(const sigset_t *set, int sig) { return set->sig[0] & sigmask(sig); }
static inline void sigemptyset(sigset_t *set)		{ set->sig[0] = 0; }
static inline void sigfillset(sigset_t *set)		{ set->sig[0] = ~0UL; }
static inline bool sigisemptyset(const sigset_t *set)	{ return !set->sig[0]; }
static inline void sigaddsetmask(sigset_t *set, unsigned long m) { set->sig[0] |= m; }
static inline void sigdelsetmask(sigset_t *set, unsigned long m) { set->sig[0] &= ~m; }
static inline void sigorsets(sigset_t *r, const sigset_t *a, const sigset_t *b)
{
	r->sig[0] = a->sig[0] | b->sig[0];
}
static inline void sigandnsets(sigset_t *r, const sigset_t *a, const sigset_t *b)
{
	r->sig[0] = a->sig[0] & ~b->sig[0];
}

/* Signals that cannot be caught, blocked or ignored. */
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_KERNEL_STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
	sigmask(SIGABRT) | sigmask(SIGFPE) | sigmask(SIGSEGV) | sigmask(SIGBUS) | \
	sigmask(SIGSYS) | sigmask(SIGXCPU) | sigmask(SIGXFSZ))
#define SIG_KERNEL_IGNORE_MASK	(sigmask(SIGCONT) | sigmask(SIGCHLD) | sigmask(SIGWINCH) | sigmask(SIGURG))
#define sig_kernel_only(sig)	((sig) < SIGRTMIN && (sigmask(sig) & SIG_KERNEL_ONLY_MASK))
#define sig_kernel_stop(sig)	((sig) < SIGRTMIN && (sigmask(sig) & SIG_KERNEL_STOP_MASK))
#define sig_kernel_coredump(sig) ((sig) < SIGRTMIN && (sigmask(sig) & SIG_KERNEL_COREDUMP_MASK))
#define sig_kernel_ignore(sig)	((sig) < SIGRTMIN && (sigmask(sig) & SIG_KERNEL_IGNORE_MASK))

/* Pending signals: the set, and the queued siginfo of each (struct sigqueue). */
struct sigpending {
	struct list_head list;
	sigset_t signal;
};

struct sigqueue {
	struct list_head list;
	kernel_siginfo_t info;
};

struct k_sigaction {
	struct sigaction sa;
};

/* A signal get_signal chose to deliver to a handler. */
struct ksignal {
	struct k_sigaction ka;
	kernel_siginfo_t info;
	int sig;
};

#define SEND_SIG_NOINFO	((kernel_siginfo_t *)0)
#define SEND_SIG_PRIV	((kernel_siginfo_t *)1)

/* kernel/signal.c */
int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
int send_sig(int sig, struct task_struct *p, int priv);
/* Sends sig to p's thread group (kill semantics); Context: any, takes p's siglock. */
int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
/* A synchronous fault signal to current: unblocked and, if ignored, reset to default. */
int force_sig_fault(int sig, int code, void __user *addr);
void force_sig(int sig);
/* Picks the next signal to act on; true with *ksig filled for a handler. May not return. */
bool get_signal(struct ksignal *ksig);
/* After a handler's frame is set up: block the handler's mask. */
void signal_setup_done(int failed, struct ksignal *ksig, int stepping);
void set_current_blocked(sigset_t *newset);
void flush_signals(struct task_struct *t);
void flush_signal_handlers(struct task_struct *t, int force_default);
void recalc_sigpending(void);
bool do_notify_parent(struct task_struct *tsk, int sig);
int restore_altstack(const stack_t __user *uss);
int __save_altstack(stack_t __user *uss, unsigned long sp);
void ignore_signals(struct task_struct *t);
void signals_init(void);

/* arch/arm64/kernel/signal.c: delivers pending signals on the way back to user space. */
void do_signal(struct pt_regs *regs);

#endif
