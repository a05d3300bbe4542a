/*
 * A process's root and working directory (fs_struct). lock covers root, pwd and umask;
 * users counts the tasks sharing it (CLONE_FS), under lock.
 */
#ifndef _LINUX_FS_STRUCT_H
#define _LINUX_FS_STRUCT_H

#include <linux/path.h>
#include <linux/spinlock.h>
#include <uapi/linux/sched.h>

struct task_struct;

struct fs_struct {
	int users;
	spinlock_t lock;
	int umask;
	struct path root, pwd;
};

extern struct fs_struct init_fs;

struct fs_struct *copy_fs_struct(struct fs_struct *old);
int copy_fs(unsigned long clone_flags, struct task_struct *tsk);
void exit_fs(struct task_struct *tsk);
void free_fs_struct(struct fs_struct *fs);
void set_fs_root(struct fs_struct *fs, const struct path *path);
void set_fs_pwd(struct fs_struct *fs, const struct path *path);
/* Copies of the root and cwd, each with a reference. */
void get_fs_root(struct fs_struct *fs, struct path *root);
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);

#endif
