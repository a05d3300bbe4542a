/*
 * init_task: the boot cpu's first task, which start_kernel runs as and which ends as its
 * idle; with it the thread-group state every task inherits from it through kernel_thread
 * (init_signals with the default resource limits, init_sighand with every action
 * SIG_DFL, root's credentials).
 */
#include <linux/kernel.h>
#include <linux/numa.h>
#include <linux/sched.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/mm_types.h>
#include <asm/page-def.h>

extern u8 init_stack[THREAD_SIZE];

/* Linux's INIT_RLIMITS (include/asm-generic/resource.h). */
#define _STK_LIM		(8UL * 1024 * 1024)
#define MLOCK_LIMIT		(8UL * 1024 * 1024)
#define INR_OPEN_CUR		1024
#define INR_OPEN_MAX		4096
#define MQ_BYTES_MAX		819200

struct signal_struct init_signals = {
	.sigcnt		= 1,
	.live		= 1,
	.nr_threads	= 1,
	.thread_head	= LIST_HEAD_INIT(init_task.thread_node),
	.wait_chldexit	= __WAIT_QUEUE_HEAD_INITIALIZER(init_signals.wait_chldexit),
	.shared_pending	= { .list = LIST_HEAD_INIT(init_signals.shared_pending.list) },
	.prev_cputime	= { .lock = __RAW_SPIN_LOCK_UNLOCKED(init_signals.prev_cputime.lock) },
	.rlim = {
		[RLIMIT_CPU]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_FSIZE]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_DATA]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_STACK]		= { _STK_LIM, RLIM_INFINITY },
		[RLIMIT_CORE]		= { 0, RLIM_INFINITY },
		[RLIMIT_RSS]		= { RLIM_INFINITY, RLIM_INFINITY },
		/* NPROC and SIGPENDING: max_threads / 2, set by fork_init. */
		[RLIMIT_NPROC]		= { 0, 0 },
		[RLIMIT_NOFILE]		= { INR_OPEN_CUR, INR_OPEN_MAX },
		[RLIMIT_MEMLOCK]	= { MLOCK_LIMIT, MLOCK_LIMIT },
		[RLIMIT_AS]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_LOCKS]		= { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_SIGPENDING]	= { 0, 0 },
		[RLIMIT_MSGQUEUE]	= { MQ_BYTES_MAX, MQ_BYTES_MAX },
		[RLIMIT_NICE]		= { 0, 0 },
		[RLIMIT_RTPRIO]		= { 0, 0 },
		[RLIMIT_RTTIME]		= { RLIM_INFINITY, RLIM_INFINITY },
	},
};

struct sighand_struct init_sighand = {
	.count		= 1,
	.siglock	= __SPIN_LOCK_UNLOCKED(init_sighand.siglock),
};

struct task_struct init_task = {
	.thread_info	= INIT_THREAD_INFO(init_task),
	.__state	= TASK_RUNNING,
	.flags		= PF_KTHREAD,
	.stack		= init_stack,
	.usage		= 2,
	.static_prio	= DEFAULT_PRIO,
	.pi_lock	= __RAW_SPIN_LOCK_UNLOCKED(init_task.pi_lock),
	.alloc_lock	= __SPIN_LOCK_UNLOCKED(init_task.alloc_lock),
	.comm		= "swapper",
	.nr_dirtied_pause = 128 >> (PAGE_SHIFT - 10),
	.tasks		= LIST_HEAD_INIT(init_task.tasks),
	.pref_node_fork	= NUMA_NO_NODE,
	.fs		= &init_fs,
	.files		= &init_files,
	.active_mm	= &init_mm,
	.exit_signal	= -1,
	.real_parent	= &init_task,
	.parent		= &init_task,
	.children	= LIST_HEAD_INIT(init_task.children),
	.sibling	= LIST_HEAD_INIT(init_task.sibling),
	.group_leader	= &init_task,
	.thread_node	= LIST_HEAD_INIT(init_signals.thread_head),
	.ptrace_entry	= LIST_HEAD_INIT(init_task.ptrace_entry),
	.cred		= &init_cred,
	.signal		= &init_signals,
	.sighand	= &init_sighand,
	.pending	= { .list = LIST_HEAD_INIT(init_task.pending.list) },
	.prev_cputime	= { .lock = __RAW_SPIN_LOCK_UNLOCKED(init_task.prev_cputime.lock) },
};
