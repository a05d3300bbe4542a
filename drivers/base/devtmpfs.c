/*
 * devtmpfs: one ramfs instance, shared by every mount of type devtmpfs, in which drivers
 * create their device nodes as they register (devtmpfs_create_node). Linux hands the
 * work to a kthread (kdevtmpfs); here the caller makes the node itself.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/devtmpfs.h>

static struct vfsmount *mnt;

static int devtmpfs_fill_super(struct super_block *sb, void *data, int silent)
{
	return ramfs_fill_super(sb, "mode=0755", silent);
}

static struct dentry *devtmpfs_mount(struct file_system_type *fs_type, int flags,
				     const char *dev_name, void *data)
{
	return mount_single(fs_type, flags, data, devtmpfs_fill_super);
}

static struct file_system_type dev_fs_type = {
	.name		= "devtmpfs",
	.mount		= devtmpfs_mount,
	.kill_sb	= kill_litter_super,
};

int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	struct dentry *root, *dentry;
	int err;

	if (!mnt)
		return -ENODEV;
	root = mnt->mnt_root;
	inode_lock(root->d_inode);
	dentry = lookup_one_len(name, root, (int)strlen(name));
	err = (int)PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		err = d_is_negative(dentry) ? vfs_mknod(root->d_inode, dentry, mode, dev) : 0;
		dput(dentry);
	}
	inode_unlock(root->d_inode);
	return err;
}

int __init devtmpfs_init(void)
{
	int err = register_filesystem(&dev_fs_type);

	if (err)
		return err;
	mnt = vfs_kern_mount(&dev_fs_type, 0, "devtmpfs", NULL);
	if (IS_ERR(mnt)) {
		err = (int)PTR_ERR(mnt);
		mnt = NULL;
		pr_err("devtmpfs: unable to create devtmpfs %d\n", err);
		return err;
	}
	pr_info("devtmpfs: initialized\n");
	return 0;
}
