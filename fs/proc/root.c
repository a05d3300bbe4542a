/*
 * The proc file system's root (Linux's fs/proc/root.c): the mount, the root directory
 * (the registered entries, then a directory per process) and the names proc_root_init
 * registers itself: self, thread-self, mounts and the sys tree.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/sched.h>
#include "internal.h"

#define PROC_SUPER_MAGIC	0x9fa0
#define PROC_ROOT_INO		1

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	struct dentry *ret = proc_pid_lookup(dentry, flags);

	if (ret != ERR_PTR(-ENOENT))
		return ret;
	return proc_lookup(dir, dentry, flags);
}

static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos < FIRST_PROCESS_ENTRY) {
		if (!proc_readdir_de(file, ctx, &proc_root))
			return 0;
		ctx->pos = FIRST_PROCESS_ENTRY;
	}
	return proc_pid_readdir(file, ctx);
}

static const struct file_operations proc_root_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_root_readdir,
	.llseek		= default_llseek,
};

static const struct inode_operations proc_root_inode_operations = {
	.lookup		= proc_root_lookup,
};

struct proc_dir_entry proc_root = {
	.low_ino	= PROC_ROOT_INO,
	.namelen	= 5,
	.mode		= S_IFDIR | 0555,
	.nlink		= 2,
	.proc_iops	= &proc_root_inode_operations,
	.proc_dir_ops	= &proc_root_operations,
	.parent		= &proc_root,
	.subdir		= LIST_HEAD_INIT(proc_root.subdir),
	.name		= "/proc",
};

/* ---- self and thread-self: links whose target is the reader (Linux's self.c) ------------ */

static const char *proc_link_text(struct inode *inode, const char *fmt, pid_t a, pid_t b)
{
	struct proc_inode *pi = PROC_I(inode);

	if (!pi->link) {
		pi->link = kmalloc(32, GFP_KERNEL);
		if (!pi->link)
			return ERR_PTR(-ENOMEM);
		snprintf(pi->link, 32, fmt, a, b);
	}
	return pi->link;
}

static const char *proc_self_get_link(struct dentry *dentry, struct inode *inode)
{
	return proc_link_text(inode, "%d", current->tgid, 0);
}

static const char *proc_thread_self_get_link(struct dentry *dentry, struct inode *inode)
{
	return proc_link_text(inode, "%d/task/%d", current->tgid, current->pid);
}

static const struct inode_operations proc_self_inode_operations = {
	.get_link	= proc_self_get_link,
};

static const struct inode_operations proc_thread_self_inode_operations = {
	.get_link	= proc_thread_self_get_link,
};

static void __init proc_link_init(const char *name, const struct inode_operations *iops)
{
	struct proc_dir_entry *parent = NULL;
	struct proc_dir_entry *de = __proc_create(&parent, name, S_IFLNK | 0777, 1);

	if (!de)
		return;
	de->proc_iops = iops;
	de->data = NULL;
	proc_register(parent, de);
}

/* ---- the file system ---------------------------------------------------------------------- */

static void proc_evict_inode(struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);

	clear_inode(inode);	/* no page cache: nothing to truncate first */
	if (pi)
		kfree(pi->link);
	kfree(pi);
}

static const struct super_operations proc_sops = {
	.statfs		= simple_statfs,
	.evict_inode	= proc_evict_inode,
};

static int proc_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;

	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	root = proc_get_inode(sb, &proc_root);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *proc_mount(struct file_system_type *fs_type, int flags,
				 const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, proc_fill_super);
}

static struct file_system_type proc_fs_type = {
	.name		= "proc",
	.mount		= proc_mount,
	.kill_sb	= kill_litter_super,
};

int __init proc_root_init(void)
{
	proc_link_init("self", &proc_self_inode_operations);
	proc_link_init("thread-self", &proc_thread_self_inode_operations);
	proc_symlink("mounts", NULL, "self/mounts");
	if (proc_sys_init())
		pr_err("proc: cannot make /proc/sys\n");
	return register_filesystem(&proc_fs_type);
}
