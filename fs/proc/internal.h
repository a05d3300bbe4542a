/*
 * What the files of fs/proc share (Linux's fs/proc/internal.h): the proc_dir_entry tree
 * of the system files, the proc_inode behind every inode of the file system, and the
 * per-process helpers of base.c, array.c and task_mmu.c.
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <linux/proc_fs.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

struct mm_struct;

/*
 * One registered name under /proc (generic.c): a directory or a file whose text comes
 * from proc_ops, a seq_operations or a single show. Entries are created at boot and
 * never removed; subdir and subdir_node are under proc_subdir_lock.
 */
struct proc_dir_entry {
	unsigned int low_ino;			/* its inode number */
	umode_t mode;
	unsigned int nlink;
	const struct inode_operations *proc_iops;
	union {
		const struct proc_ops *proc_ops;
		const struct file_operations *proc_dir_ops;
	};
	const struct seq_operations *seq_ops;
	int (*single_show)(struct seq_file *m, void *v);
	proc_write_t write;			/* a writable seq or single file's writer */
	void *data;
	unsigned int state_size;		/* seq_ops' private state, zeroed at open */
	loff_t size;
	struct proc_dir_entry *parent;
	struct list_head subdir;		/* children, in creation order */
	struct list_head subdir_node;		/* on parent->subdir */
	u8 namelen;
	char name[];
};

/* A per-process file's operation (base.c): the text of a task, or a link's target. */
union proc_op {
	int (*proc_get_link)(struct dentry *dentry, struct path *path);
	int (*proc_show)(struct seq_file *m, struct task_struct *task);
};

/* What an inode of proc stands for (inode->i_private), freed at eviction. */
struct proc_inode {
	struct proc_dir_entry *pde;		/* a system file or directory, or NULL */
	pid_t pid;				/* a per-process file's task (thread id), or 0 */
	int fd;					/* fd/N and fdinfo/N */
	union proc_op op;
	char *link;				/* a link's target text, made at the first get_link */
};

static inline struct proc_inode *PROC_I(const struct inode *inode)
{
	return inode->i_private;
}

static inline struct proc_dir_entry *PDE(const struct inode *inode)
{
	return PROC_I(inode)->pde;
}

extern struct proc_dir_entry proc_root;
/*
 * The inode number readdir gives entries whose inode exists only once looked up (per
 * process files): Linux's proc_fill_cache gives 1 when it makes none; 0 would hide the
 * entry from readdir(3).
 */
#define PROC_FILL_INO		1
/* Where readdir positions of process directories start, past the registered entries. */
#define FIRST_PROCESS_ENTRY	256

/* generic.c */
struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags);
int proc_readdir(struct file *file, struct dir_context *ctx);
struct dentry *proc_lookup_de(struct inode *dir, struct dentry *dentry,
			      struct proc_dir_entry *de);
int proc_readdir_de(struct file *file, struct dir_context *ctx, struct proc_dir_entry *de);
/* "." and ".." at positions 0 and 1; false if the reader's buffer filled. */
bool proc_emit_dots(struct file *file, struct dir_context *ctx);
struct proc_dir_entry *proc_register(struct proc_dir_entry *dir, struct proc_dir_entry *dp);
struct proc_dir_entry *__proc_create(struct proc_dir_entry **parent, const char *name,
				     umode_t mode, unsigned int nlink);

/* inode.c */
extern const struct file_operations proc_reg_file_ops;
/* A fresh inode for a proc_inode (which it then owns), or NULL (pi freed). */
struct inode *proc_new_inode(struct super_block *sb, umode_t mode, struct proc_inode *pi);
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de);
/* Makes dentry positive with inode, unhashed: the name is looked up afresh next time. */
struct dentry *proc_splice_unmountable(struct dentry *dentry, struct inode *inode);

/* base.c */
struct dentry *proc_pid_lookup(struct dentry *dentry, unsigned int flags);
int proc_pid_readdir(struct file *file, struct dir_context *ctx);
/* The task an inode of /proc/PID stands for, with a reference, or NULL if it is gone. */
struct task_struct *get_proc_task(const struct inode *inode);
/* The mm of a /proc/PID file's task, pinned (mmput it); NULL: none; ERR_PTR(-ESRCH). */
struct mm_struct *proc_mem_open(struct inode *inode);

/*
 * Pins task->signal and task->sighand for a reader that holds only a task reference:
 * release_task frees them after unhashing the task under tasklist_lock, so holding that
 * lock with the task still on the task list keeps them (Linux's lock_task_sighand does
 * it with RCU). True with tasklist_lock held; false, unlocked, once the task is released.
 */
static inline bool lock_task_signal(struct task_struct *task)
{
	spin_lock(&tasklist_lock);
	if (!list_empty(&task->tasks))
		return true;
	spin_unlock(&tasklist_lock);
	return false;
}

static inline void unlock_task_signal(void)
{
	spin_unlock(&tasklist_lock);
}

/* array.c */
int proc_pid_stat(struct seq_file *m, struct task_struct *task);
int proc_tid_stat(struct seq_file *m, struct task_struct *task);
int proc_pid_status(struct seq_file *m, struct task_struct *task);
int proc_pid_statm(struct seq_file *m, struct task_struct *task);

/* task_mmu.c */
void task_mem(struct seq_file *m, struct mm_struct *mm);
unsigned long task_statm(struct mm_struct *mm, unsigned long *shared, unsigned long *text,
			 unsigned long *data, unsigned long *resident);
extern const struct file_operations proc_pid_maps_operations;
extern const struct file_operations proc_pid_smaps_operations;
extern const struct file_operations proc_pid_smaps_rollup_operations;
extern const struct file_operations proc_pagemap_operations;
extern const struct file_operations proc_pid_numa_maps_operations;

/* proc_sysctl.c */
int proc_sys_init(void);

/* fs/proc_namespace.c: /proc/PID/mounts and mountinfo, seen from the task's root. */
extern const struct file_operations proc_mounts_operations;
extern const struct file_operations proc_mountinfo_operations;
extern const struct inode_operations proc_pid_link_inode_operations;

/* fd.c */
extern const struct inode_operations proc_fd_inode_operations;
extern const struct file_operations proc_fd_operations;
extern const struct inode_operations proc_fdinfo_inode_operations;
extern const struct file_operations proc_fdinfo_operations;
extern const struct file_operations proc_fdinfo_file_operations;

#endif
