/*
 * The task a host test runs as (asm/current.h's get_current): named "ktest", not an idle
 * task, so a hard-coded "swapper/0" shows in reports. Its fs_struct and fd table are the
 * boot ones when the suite links the VFS (weak: NULL otherwise). Built freestanding
 * (tests/host/kernel_lib.mk): the kernel's sched.h and libc's headers cannot meet.
 */
#include <linux/sched.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/sched/signal.h>

extern struct fs_struct init_fs __attribute__((weak));
extern struct files_struct init_files __attribute__((weak));

/* Only the limits a host suite reads: RLIMIT_NOFILE's default, as init_signals'. */
static struct signal_struct host_signal = {
	.rlim = { [RLIMIT_NOFILE] = { INR_OPEN_CUR, 4096 } },
};

static struct task_struct host_task = {
	.comm = "ktest",
	.signal = &host_signal,
	.pid = 1,
	.fs = &init_fs,
	.files = &init_files,
};

/* A host kthread's own task, in its thread (tests/host/host_jbd2.c); else NULL. */
__thread struct task_struct *host_current;

struct task_struct *get_current(void)
{
	return host_current ? host_current : &host_task;
}
