/*
 * debugfs (Linux's fs/debugfs): a file system for debugging files, one instance mounted
 * by `mount -t debugfs none /sys/kernel/debug`, filled by the kernel with
 * debugfs_create_file and debugfs_create_dir.
 */
#ifndef _LINUX_DEBUGFS_H
#define _LINUX_DEBUGFS_H

#include <linux/fs.h>

#define DEBUGFS_MAGIC	0x64626720

/* Registers debugfs and makes its instance and /sys/kernel/debug; after kobject_core_init. */
int debugfs_init(void);

/*
 * A file name, of mode, in parent (the root if NULL), whose opens get fops and whose
 * inode's i_private is data. Its dentry, ERR_PTR(-EEXIST) if the name is taken,
 * -ENOENT before debugfs_init, -ENOMEM. Context: may sleep.
 */
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops);

/* A directory name in parent (the root if NULL); errors as debugfs_create_file. */
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);

#endif
