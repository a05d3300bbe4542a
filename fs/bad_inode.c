/*
 * Bad inodes (Linux's fs/bad_inode.c): an inode its file system found corrupt while
 * reading it keeps existing until its last reference goes, but every operation on it
 * fails with -EIO, and file systems see is_bad_inode() and leave its disk copy alone.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/stat.h>

static int bad_file_open(struct inode *inode, struct file *filp)
{
	return -EIO;
}

static const struct file_operations bad_file_ops = {
	.open = bad_file_open,
};

static struct dentry *bad_inode_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	return ERR_PTR(-EIO);
}

static int bad_inode_setattr(struct dentry *dentry, struct iattr *attr)
{
	return -EIO;
}

static const struct inode_operations bad_inode_ops = {
	.lookup = bad_inode_lookup,
	.setattr = bad_inode_setattr,
};

void make_bad_inode(struct inode *inode)
{
	inode->i_mode = S_IFREG;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_op = &bad_inode_ops;
	inode->i_fop = &bad_file_ops;
}

bool is_bad_inode(struct inode *inode)
{
	return inode->i_op == &bad_inode_ops;
}
