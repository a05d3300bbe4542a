/*
 * The table of open files of a process (files_struct) and its fd array (fdtable): fd
 * n is fdt->fd[n], open_fds marks the taken numbers (a slot may be reserved by
 * get_unused_fd_flags before fd_install fills it), close_on_exec the O_CLOEXEC ones.
 * file_lock covers all of it and next_fd; count is the number of tasks sharing the
 * table (CLONE_FILES), atomic. The table starts with NR_OPEN_DEFAULT slots inside the
 * files_struct and grows by doubling (expand_files).
 */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <uapi/linux/sched.h>
#include <linux/bitmap.h>

struct file;
struct task_struct;

#define NR_OPEN_DEFAULT	BITS_PER_LONG
/* RLIMIT_NOFILE's default soft value (the limit itself is the task's rlimit). */
#define INR_OPEN_CUR	1024
/* The most any process may have: sysctl_nr_open. */
#define NR_OPEN_MAX	(1024 * 1024)

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
	unsigned long *close_on_exec;
	unsigned long *open_fds;
};

struct files_struct {
	int count;
	spinlock_t file_lock;
	struct fdtable *fdt;
	struct fdtable fdtab;
	unsigned int next_fd;			/* no free fd below it */
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
	struct file *fd_array[NR_OPEN_DEFAULT];
};

#define files_fdtable(files)	((files)->fdt)

extern struct files_struct init_files;

/* A copy of oldf for fork (files open in it, the same close-on-exec marks), or NULL. */
struct files_struct *dup_fd(struct files_struct *oldf, int *errorp);
/* Drops tsk's reference to its table; the last closes every file. */
void exit_files(struct task_struct *tsk);
void put_files_struct(struct files_struct *files);
/* At exec: closes the fds marked close-on-exec. */
void do_close_on_exec(struct files_struct *files);
/* fork's step for files: share with CLONE_FILES, else dup_fd. */
int copy_files(unsigned long clone_flags, struct task_struct *tsk);
/* The file at fd in files, no reference taken; caller holds file_lock. */
struct file *files_lookup_fd_locked(struct files_struct *files, unsigned int fd);
/* Open fds of files (for tests and /proc). */
unsigned int files_count_open(struct files_struct *files);

#endif
