/*
 * /proc (fs/proc): the registration interface of Linux's proc_fs.h. A subsystem adds a
 * file with proc_create_single (one show), proc_create_seq (an iterator) or proc_create
 * (its own proc_ops), under a directory made by proc_mkdir; NULL parent means /proc.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>
#include <linux/compiler.h>

struct file;
struct inode;
struct kiocb;
struct iov_iter;
struct seq_file;
struct seq_operations;
struct proc_dir_entry;

/* The file operations of a proc file, as Linux's struct proc_ops. */
struct proc_ops {
	int (*proc_open)(struct inode *inode, struct file *file);
	ssize_t (*proc_read_iter)(struct kiocb *iocb, struct iov_iter *iter);
	ssize_t (*proc_write)(struct file *file, const char __user *buf, size_t count,
			      loff_t *pos);
	loff_t (*proc_lseek)(struct file *file, loff_t offset, int whence);
	int (*proc_release)(struct inode *inode, struct file *file);
};

/* A writable seq or single file's writer: the bytes written, in kernel memory. */
typedef int (*proc_write_t)(struct file *file, char *buf, size_t count);

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
/* dest: a string that lives as long as the kernel (a constant). */
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest);
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data);
struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops);
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data);
#define proc_create_single(name, mode, parent, show) \
	proc_create_single_data(name, mode, parent, show, NULL)
struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data);
#define proc_create_seq(name, mode, parent, ops) \
	proc_create_seq_private(name, mode, parent, ops, 0, NULL)
/* Makes a seq or single file writable through write. */
void proc_set_write(struct proc_dir_entry *de, proc_write_t write);
/* The data given at creation, of the file open as inode. */
void *pde_data(const struct inode *inode);

/* Registers the proc file system and its files (mounted by init); kernel_init. */
int proc_root_init(void);

#endif
