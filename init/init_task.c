/* init_task: the boot cpu's first task, which start_kernel runs as and which ends as its idle. */
#include <linux/kernel.h>
#include <linux/numa.h>
#include <linux/sched.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>

extern u8 init_stack[THREAD_SIZE];

struct task_struct init_task = {
	.thread_info	= INIT_THREAD_INFO(init_task),
	.__state	= TASK_RUNNING,
	.flags		= PF_KTHREAD,
	.stack		= init_stack,
	.usage		= 2,
	.static_prio	= DEFAULT_PRIO,
	.pi_lock	= __RAW_SPIN_LOCK_UNLOCKED(init_task.pi_lock),
	.comm		= "swapper",
	.tasks		= LIST_HEAD_INIT(init_task.tasks),
	.pref_node_fork	= NUMA_NO_NODE,
	.fs		= &init_fs,
	.files		= &init_files,
};
