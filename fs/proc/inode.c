/*
 * Inodes of /proc (Linux's fs/proc/inode.c): every lookup makes a fresh inode and an
 * unhashed dentry, so a name always answers for the processes alive now and for the task
 * asking (/proc/self). A registered file's operations go through proc_reg_file_ops to
 * its proc_ops.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/uio.h>
#include "internal.h"

static int proc_reg_open(struct inode *inode, struct file *file)
{
	const struct proc_ops *ops = PDE(inode)->proc_ops;

	return ops->proc_open ? ops->proc_open(inode, file) : 0;
}

static ssize_t proc_reg_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	const struct proc_ops *ops = PDE(file_inode(iocb->ki_filp))->proc_ops;

	return ops->proc_read_iter ? ops->proc_read_iter(iocb, iter) : -EIO;
}

/*
 * A write is handed to proc_write one user segment at a time, as Linux's writev does
 * for a file without write_iter (a partial write ends it); kernel writes are refused.
 */
static ssize_t proc_reg_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	const struct proc_ops *ops = PDE(file_inode(file))->proc_ops;
	ssize_t done = 0, ret = 0;

	if (!ops->proc_write)
		return -EIO;
	if (!user_backed_iter(from))
		return -EINVAL;
	while (iov_iter_count(from)) {
		const struct iovec *iov = from->iov;
		size_t len = min(iov->iov_len - from->iov_offset, iov_iter_count(from));
		const char __user *buf = (const char __user *)iov->iov_base + from->iov_offset;

		ret = ops->proc_write(file, buf, len, &iocb->ki_pos);
		if (ret <= 0)
			break;
		iov_iter_advance(from, (size_t)ret);
		done += ret;
		if ((size_t)ret < len)
			break;
	}
	return done ? done : ret;
}

static loff_t proc_reg_llseek(struct file *file, loff_t offset, int whence)
{
	const struct proc_ops *ops = PDE(file_inode(file))->proc_ops;

	return ops->proc_lseek ? ops->proc_lseek(file, offset, whence) :
				 default_llseek(file, offset, whence);
}

static int proc_reg_release(struct inode *inode, struct file *file)
{
	const struct proc_ops *ops = PDE(inode)->proc_ops;

	return ops->proc_release ? ops->proc_release(inode, file) : 0;
}

const struct file_operations proc_reg_file_ops = {
	.open		= proc_reg_open,
	.read_iter	= proc_reg_read_iter,
	.write_iter	= proc_reg_write_iter,
	.llseek		= proc_reg_llseek,
	.release	= proc_reg_release,
};

static const struct file_operations proc_dir_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_readdir,
	.llseek		= default_llseek,
};

static const struct inode_operations proc_dir_inode_operations = {
	.lookup		= proc_lookup,
};

struct inode *proc_new_inode(struct super_block *sb, umode_t mode, struct proc_inode *pi)
{
	struct inode *inode = new_inode(sb);

	if (!inode) {
		kfree(pi);
		return NULL;
	}
	inode->i_private = pi;
	inode->i_mode = mode;
	return inode;
}

struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	struct inode *inode;

	if (!pi)
		return NULL;
	pi->pde = de;
	inode = proc_new_inode(sb, de->mode, pi);
	if (!inode)
		return NULL;
	inode->i_ino = de->low_ino;
	set_nlink(inode, de->nlink);
	i_size_write(inode, de->size);
	if (S_ISDIR(de->mode)) {
		inode->i_op = de->proc_iops ? de->proc_iops : &proc_dir_inode_operations;
		inode->i_fop = de->proc_dir_ops ? de->proc_dir_ops : &proc_dir_operations;
	} else if (S_ISLNK(de->mode)) {
		inode->i_op = de->proc_iops ? de->proc_iops : &simple_symlink_inode_operations;
		inode->i_link = de->data;
	} else {
		if (de->proc_iops)
			inode->i_op = de->proc_iops;
		inode->i_fop = &proc_reg_file_ops;
	}
	return inode;
}

struct dentry *proc_splice_unmountable(struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
	return NULL;
}
