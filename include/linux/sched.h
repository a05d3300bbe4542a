/*
 * Tasks and the scheduler's API: struct task_struct, the task states, schedule() and the
 * wake-up functions, and the hooks for bringing a cpu into the scheduler.
 *
 * How a secondary cpu enters the scheduler (for the SMP bring-up):
 *   1. The boot cpu, before starting cpu N: idle = fork_idle(N). That is a task with its
 *      own THREAD_SIZE stack (idle->stack), set up by init_idle(idle, N) as rq->idle of
 *      cpu N, preempt_count 1, pid 0, named "swapper/N".
 *   2. Cpu N, first thing after the MMU is on: SP_EL0 = idle (so current works),
 *      sp = idle->stack + THREAD_SIZE, then C code (secondary_start_kernel).
 *   3. With its interrupt controller and timer set up, cpu N marks itself online
 *      (set_cpu_online) and calls cpu_startup_entry(), which never returns. From then on
 *      try_to_wake_up may place tasks there, and scheduler_tick runs from its tick;
 *      the reschedule IPI handler must call scheduler_ipi().
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/cpumask.h>
#include <linux/spinlock.h>
#include <asm/thread_info.h>
#include <asm/current.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <uapi/linux/sched.h>
#include <linux/signal.h>
#include <linux/restart_block.h>

struct fs_struct;
struct files_struct;
struct mempolicy;

/* Task states (task->__state). TASK_NORMAL: the states wake_up() wakes. */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define __TASK_STOPPED		0x0004
#define EXIT_DEAD		0x0010
#define EXIT_ZOMBIE		0x0020
#define TASK_DEAD		0x0080
#define TASK_WAKEKILL		0x0100
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_WAKING		0x0200
#define TASK_NEW		0x0800
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task->flags */
#define PF_IDLE			0x00000002	/* the per-cpu idle task */
#define PF_EXITING		0x00000004	/* in do_exit */
#define PF_FORKNOEXEC		0x00000040	/* forked but did not exec */
#define PF_SIGNALED		0x00000400	/* killed by a signal */
#define PF_WQ_WORKER		0x00000020	/* a workqueue worker (kworker) */
#define PF_KSWAPD		0x00020000	/* a node's kswapd (mm/vmscan.c) */
#define PF_KTHREAD		0x00200000	/* made by kthread_create */
#define PF_NO_SETAFFINITY	0x04000000	/* bound by kthread_bind */

#define TASK_COMM_LEN		16
#define MAX_NICE		19
#define MIN_NICE		-20
#define NICE_WIDTH		(MAX_NICE - MIN_NICE + 1)
#define MAX_RT_PRIO		100
#define DEFAULT_PRIO		(MAX_RT_PRIO + NICE_WIDTH / 2)
#define NICE_TO_PRIO(nice)	((nice) + DEFAULT_PRIO)
#define PRIO_TO_NICE(prio)	((prio) - DEFAULT_PRIO)

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

/* The weight of an entity, and 2^32 / weight to divide by it with a multiply. */
struct load_weight {
	unsigned long weight;
	u32 inv_weight;
};

/*
 * A task as CFS sees it. All fields are protected by the lock of the rq the task is on
 * (vruntime is also written by ttwu for a sleeping task it migrates, under p->pi_lock).
 */
struct sched_entity {
	struct load_weight load;
	struct rb_node run_node;	/* in cfs_rq->tasks_timeline while queued and not curr */
	unsigned int on_rq;		/* queued on a cfs_rq (running or waiting) */
	u64 exec_start;			/* rq clock when it last started running, ns */
	u64 sum_exec_runtime;		/* total cpu time, ns */
	u64 prev_sum_exec_runtime;	/* sum_exec_runtime when it was last picked */
	u64 vruntime;			/* weighted runtime, ns; the rbtree key */
};

/*
 * A task's or group's cpu time split as cputime_adjust last reported it (ns), so the
 * reported utime and stime never go backwards. lock: both fields.
 */
struct prev_cputime {
	u64 utime;
	u64 stime;
	raw_spinlock_t lock;
};

/* A sample of cpu time, ns: tick-accounted user and system time, and the exact total. */
struct task_cputime {
	u64 stime;
	u64 utime;
	unsigned long long sum_exec_runtime;
};

/* The callee-saved registers cpu_switch_to keeps for a task that is not running. */
struct cpu_context {
	unsigned long x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
	unsigned long fp;
	unsigned long sp;
	unsigned long pc;
};

/* The FP/SIMD registers of a user task (uapi user_fpsimd_state's layout). */
struct user_fpsimd_state {
	__uint128_t vregs[32];
	u32 fpsr;
	u32 fpcr;
	u32 __reserved[2];
};

/*
 * uw: the user-visible state the kernel keeps for a task while it is not on a cpu:
 * TPIDR_EL0 and the FP/SIMD registers (saved and loaded eagerly by __switch_to).
 * fault_address/fault_code: the last fault's FAR and ESR, for the signal frame.
 */
struct thread_struct {
	struct cpu_context cpu_context;
	struct {
		unsigned long tp_value;
		struct user_fpsimd_state fpsimd_state;
	} uw;
	unsigned long fault_address;
	unsigned long fault_code;
};

/*
 * A task. Locking, as in Linux:
 *  - p->pi_lock serialises wake-ups of p (try_to_wake_up) and affinity changes;
 *  - the lock of task_rq(p) protects on_rq, se, and (with pi_lock) the task's cpu:
 *    a task's cpu changes only while it is not running, under pi_lock for a waking task
 *    or under both rq locks for a queued one (load balancing);
 *  - __state is written by the task itself (set_current_state) or by a waker holding
 *    pi_lock; on_cpu by the scheduler of the task's cpu under its rq lock;
 *  - tasks (the task list) and nr_threads under tasklist_lock;
 *  - usage counts references: 1 for the live task, 1 per get_task_struct.
 */
struct blk_plug;

struct task_struct {
	struct thread_info thread_info;		/* must be first: current_thread_info() */
	struct thread_struct thread;		/* at THREAD_CPU_CONTEXT */
	volatile unsigned int __state;
	unsigned int flags;			/* PF_* */
	void *stack;				/* THREAD_SIZE, THREAD_SIZE-aligned */
	int usage;				/* atomic */
	int on_cpu;				/* running on its cpu (or switching away) */
	int on_rq;				/* TASK_ON_RQ_QUEUED while on a run queue */
	int static_prio;			/* NICE_TO_PRIO(nice) */
	struct sched_entity se;
	struct cpumask cpus_mask;		/* where the task may run */
	int nr_cpus_allowed;
	raw_spinlock_t pi_lock;
	pid_t pid;
	int exit_code;
	char comm[TASK_COMM_LEN];
	struct list_head tasks;			/* on init_task.tasks, under tasklist_lock */
	void *worker_private;			/* struct kthread of a kthread */
	int pref_node_fork;			/* node for what kernel_thread makes */
	void *journal_info;			/* the open jbd2 handle (fs/jbd2), the task's own */
	unsigned in_page_owner:1;		/* in page_owner's save_stack: no recursion */
	/* balance_dirty_pages: pages dirtied since the last look, the count that makes the
	 * next look, and when the last pause ended (jiffies; 0: none). The task's own. */
	int nr_dirtied;
	int nr_dirtied_pause;
	unsigned long dirty_paused_when;
	/*
	 * task_lock (alloc_lock): fs, files and mm are changed under it (by the task
	 * itself), so another task (/proc, the OOM killer) can take a reference to them
	 * under it.
	 */
	spinlock_t alloc_lock;
	struct fs_struct *fs;			/* root and cwd; their contents under fs->lock */
	struct files_struct *files;		/* open fds; changed only by the task itself */
	/*
	 * The task's NUMA memory policy (NULL: default_policy), a reference; replaced only
	 * by the task itself (set_mempolicy), under alloc_lock so others may take a
	 * reference to it. il_prev: the node its last interleaved allocation went to.
	 */
	struct mempolicy *mempolicy;
	short il_prev;
	/*
	 * mm: the user address space, NULL for kernel threads. active_mm: the one whose
	 * tables this task runs on (a kernel thread borrows its predecessor's, holding a
	 * mm_count reference). mm is written only by the task itself (exec, exit), under
	 * alloc_lock (task_lock), which others hold to use it (find_lock_task_mm);
	 * active_mm by the scheduler of its cpu (context_switch).
	 */
	struct mm_struct *mm;
	struct mm_struct *active_mm;

	/*
	 * Process relations, under tasklist_lock: pid (the thread id) and tgid (the
	 * group's), real_parent (who forked us, or the reaper after its death) and parent
	 * (who gets SIGCHLD and reaps; the same without ptrace), children and sibling, the
	 * group leader and the group's thread list (thread_node on signal->thread_head).
	 */
	pid_t tgid;
	int exit_state;				/* EXIT_ZOMBIE, EXIT_DEAD */
	int exit_signal;			/* to the parent at group exit; -1: a thread */
	struct task_struct *real_parent;
	struct task_struct *parent;
	struct list_head children;
	struct list_head sibling;
	struct task_struct *group_leader;
	struct list_head thread_node;
	struct list_head ptrace_entry;		/* exit_notify's list of children to release */
	struct completion *vfork_done;		/* completed when a vfork child execs or exits */
	int __user *set_child_tid;
	int __user *clear_child_tid;		/* zeroed and futex-woken at exit */
	struct cred *cred;

	/* Signals: pending and blocked under sighand->siglock; sas_* only by the task. */
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	sigset_t blocked;
	sigset_t real_blocked;			/* blocked before rt_sigtimedwait */
	sigset_t saved_sigmask;			/* restored after rt_sigsuspend's handler */
	bool restore_sigmask;
	struct sigpending pending;
	unsigned long sas_ss_sp;
	size_t sas_ss_size;
	unsigned int sas_ss_flags;
	int pdeath_signal;			/* sent when the parent thread dies (prctl) */
	unsigned long atomic_flags;		/* PFA_*, atomic; inherited by fork */
	void __user *robust_list;		/* set_robust_list's head, walked at exit */
	struct restart_block restart_block;	/* what restart_syscall resumes */
	struct blk_plug *plug;			/* its block I/O plug, only the task's own */

	/*
	 * Accounting, by the task itself (faults, switches) or its cpu's tick: utime and
	 * stime are whole ticks (ns) charged to user or system mode by account_process_tick;
	 * reports scale them to the exact se.sum_exec_runtime (cputime_adjust).
	 */
	u64 utime, stime;
	struct prev_cputime prev_cputime;
	u64 start_time;				/* monotonic ns at fork */
	unsigned long nvcsw, nivcsw;
	unsigned long min_flt, maj_flt;
#ifdef CONFIG_PROVE_LOCKING
	struct lockdep_task lockdep;		/* the locks it holds (linux/lockdep.h) */
#endif
};

_Static_assert(__builtin_offsetof(struct task_struct, thread.cpu_context) == THREAD_CPU_CONTEXT,
	       "cpu_switch_to's offset of cpu_context");
_Static_assert(__builtin_offsetof(struct task_struct, thread_info.flags) == TSK_TI_FLAGS &&
	       __builtin_offsetof(struct task_struct, thread_info.ttbr0) == TSK_TI_TTBR0,
	       "entry.S's offsets in thread_info");

/* task->atomic_flags */
#define PFA_NO_NEW_PRIVS	0	/* exec may not grant privileges (prctl), for ever */

static inline bool task_no_new_privs(struct task_struct *p)
{
	return __atomic_load_n(&p->atomic_flags, __ATOMIC_RELAXED) & (1UL << PFA_NO_NEW_PRIVS);
}

static inline void task_set_no_new_privs(struct task_struct *p)
{
	__atomic_fetch_or(&p->atomic_flags, 1UL << PFA_NO_NEW_PRIVS, __ATOMIC_RELAXED);
}

extern struct task_struct init_task;

/* Live tasks, idle tasks excluded (under tasklist_lock). */
extern int nr_threads;
/* kernel.pid_max and kernel.threads-max (Linux's threads.h limits). */
#define PID_MAX_DEFAULT		0x8000
#define PID_MAX_LIMIT		(4 * 1024 * 1024)
#define RESERVED_PIDS		300
#define MIN_THREADS		20
#define MAX_THREADS		0x3fffffff	/* FUTEX_TID_MASK */
extern int pid_max;
extern int max_threads;
/* Sets max_threads from the memory (start_kernel, after the pcp lists). */
void fork_init(void);
/* The last pid given out (under tasklist_lock), and the forks since boot. */
extern int last_pid;
extern unsigned long total_forks;
extern spinlock_t tasklist_lock;
/* task_structs allocated and not yet freed, idle tasks included (for leak checks). */
int nr_task_structs(void);

#define task_thread_info(p)	(&(p)->thread_info)
#define task_cpu(p)		(READ_ONCE(task_thread_info(p)->cpu))
#define task_is_running(p)	(READ_ONCE((p)->__state) == TASK_RUNNING)
#define task_nice(p)		PRIO_TO_NICE((p)->static_prio)
#define is_idle_task(p)		(!!((p)->flags & PF_IDLE))

/*
 * set_current_state - the state a task announces before checking its sleep condition.
 * The full barrier orders the store before the condition's load, pairing with the
 * waker's barrier in try_to_wake_up, so no wake-up between the two is lost.
 */
#define __set_current_state(state)	WRITE_ONCE(current->__state, (state))
#define set_current_state(state) do {					\
	WRITE_ONCE(current->__state, (state));				\
	__atomic_thread_fence(__ATOMIC_SEQ_CST);			\
} while (0)

static inline void set_tsk_need_resched(struct task_struct *p)
{
	set_ti_thread_flag(task_thread_info(p), TIF_NEED_RESCHED);
}

static inline void clear_tsk_need_resched(struct task_struct *p)
{
	clear_ti_thread_flag(task_thread_info(p), TIF_NEED_RESCHED);
}

static inline bool test_tsk_need_resched(struct task_struct *p)
{
	return test_ti_thread_flag(task_thread_info(p), TIF_NEED_RESCHED);
}

/* Pins p->mm, p->files and p->fs against the task's exit and exec (Linux's sched/task.h). */
static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

static inline void get_task_struct(struct task_struct *p)
{
	__atomic_fetch_add(&p->usage, 1, __ATOMIC_RELAXED);
}

/* Drops a reference; the last frees the task (kernel/fork.c). */
void __put_task_struct(struct task_struct *p);
static inline void put_task_struct(struct task_struct *p)
{
	if (__atomic_sub_fetch(&p->usage, 1, __ATOMIC_ACQ_REL) == 0)
		__put_task_struct(p);
}

/* kernel/sched/core.c */
/* Sets up the run queues and makes the boot task cpu 0's idle; start_kernel, after mm_init. */
void sched_init(void);
/* Switches to the best runnable task; returns when current is picked again. May sleep. */
void schedule(void);
/* schedule() for a caller that has preemption disabled once (and keeps it disabled). */
void schedule_preempt_disabled(void);
/* Sleeps until timeout jiffies passed or a wake-up; returns the jiffies left (0: timed out). */
long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);
/* The same, woken early by a signal too. */
long schedule_timeout_interruptible(long timeout);
/* Called at irq exit with irqs off when the interrupted kernel code may be preempted. */
void preempt_schedule_irq(void);
/* Wakes p if its state is in state; true when it was woken. Any context. */
int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags);
int wake_up_process(struct task_struct *p);
/* Interrupts p's cpu if p runs there, so p re-checks its thread flags. */
void kick_process(struct task_struct *p);
/* Scheduler fields of a task copy_process makes, and its first wake-up. */
void sched_fork(struct task_struct *p);
void wake_up_new_task(struct task_struct *p);
/* ret_from_fork's first call: finishes the switch to the new task. */
void schedule_tail(struct task_struct *prev);
/* From the tick on every cpu, irqs off: accounting, preemption, periodic balance. */
void scheduler_tick(void);
/* From the reschedule IPI: the interrupted task is rescheduled at irq exit if needed. */
void scheduler_ipi(void);
void set_user_nice(struct task_struct *p, long nice);
/* Restricts p to new_mask: p asleep, or runnable on a cpu of new_mask (else -EBUSY). */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask);
/* Waits until p is off its cpu and off the run queue in state match_state. May sleep. */
bool wait_task_inactive(struct task_struct *p, unsigned int match_state);
/* Prepares idle as cpu's idle task (pid 0, "swapper/cpu", PF_IDLE, bound to cpu). */
void init_idle(struct task_struct *idle, int cpu);
/* p's cpu time so far, ns, the running stretch included. */
u64 task_sched_runtime(struct task_struct *p);
/* Total context switches on cpu so far. */
u64 nr_context_switches_cpu(int cpu);
/* Ends the current task: never returns (the task is freed once switched away from). */
void __noreturn do_task_dead(void);

/* kernel/sched/idle.c: the idle loop of the calling cpu; never returns. */
void __noreturn cpu_startup_entry(void);

/* The user registers of a task, at the top of its kernel stack (entry.S). */
#define task_pt_regs(p)		((struct pt_regs *)((unsigned long)(p)->stack + THREAD_SIZE) - 1)
#define current_pt_regs()	task_pt_regs(current)

/*
 * What kernel_clone is asked for: clone's flags and pointers, or (fn set) a kernel
 * thread running fn(fn_arg).
 */
struct kernel_clone_args {
	u64 flags;
	int __user *pidfd;
	int __user *child_tid;
	int __user *parent_tid;
	const char *name;
	int exit_signal;
	unsigned long stack;
	unsigned long stack_size;
	unsigned long tls;
	int (*fn)(void *);
	void *fn_arg;
};

/* kernel/fork.c */
/* An idle task for a secondary cpu, with its stack, ready to be rq->idle of cpu. */
struct task_struct *fork_idle(int cpu);
/*
 * Starts a kernel thread running fn(arg); returns its pid or -errno. fn must not return
 * unless it made the thread a user task (kernel_execve): the return goes to user space.
 */
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags);
/* The live task with pid nr, or NULL (no reference taken). */
struct task_struct *find_task_by_vpid(pid_t nr);
/* The same with tasklist_lock held. */
struct task_struct *find_task_by_pid_locked(pid_t nr);
/* The common path of fork, clone, clone3 and kernel_thread; the child's pid or -errno. */
pid_t kernel_clone(struct kernel_clone_args *args);
struct mm_struct;
/* exit and exec: the robust futexes, CLONE_CHILD_CLEARTID and the vfork parent's wake-up. */
void exit_mm_release(struct task_struct *tsk, struct mm_struct *mm);
void exec_mm_release(struct task_struct *tsk, struct mm_struct *mm);
/* Ends current with code; never returns. */
void __noreturn do_exit(long code);

/* arch/arm64/kernel/process.c */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args);
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

#endif
