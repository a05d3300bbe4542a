/*
 * debugfs (Linux 6.1's fs/debugfs/inode.c): an in-memory file system with a single
 * instance, made at boot and shared by every mount of "debugfs", whose directories and
 * files the kernel makes (debugfs_create_dir, debugfs_create_file) for debugging
 * interfaces such as page_owner. Each name is a dentry pinned by the reference its
 * creation returns, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/stat.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/debugfs.h>

#define DEBUGFS_DEFAULT_MODE	0700

static struct vfsmount *debugfs_mount;

static const struct super_operations debugfs_super_operations = {
	.statfs		= simple_statfs,
};

static const struct inode_operations debugfs_dir_inode_operations = {
	.lookup		= simple_lookup,
};

static struct inode *debugfs_get_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	if (S_ISDIR(mode)) {
		inode->i_op = &debugfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);	/* "." */
	}
	return inode;
}

static int debug_fill_super(struct super_block *sb, void *data, int silent)
{
	sb->s_magic = DEBUGFS_MAGIC;
	sb->s_op = &debugfs_super_operations;
	sb->s_root = d_make_root(debugfs_get_inode(sb, S_IFDIR | DEBUGFS_DEFAULT_MODE));
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *debug_mount(struct file_system_type *fs_type, int flags,
				  const char *dev_name, void *data)
{
	return mount_single(fs_type, flags, data, debug_fill_super);
}

static struct file_system_type debug_fs_type = {
	.name		= "debugfs",
	.mount		= debug_mount,
	.kill_sb	= kill_litter_super,
};

/* The new name's negative dentry, its parent locked; or an error, nothing locked. */
static struct dentry *start_creating(const char *name, struct dentry *parent)
{
	struct dentry *dentry;

	if (!debugfs_mount)
		return ERR_PTR(-ENOENT);
	if (!parent)
		parent = debugfs_mount->mnt_root;
	inode_lock(parent->d_inode);
	dentry = lookup_one_len(name, parent, (int)strlen(name));
	if (!IS_ERR(dentry) && dentry->d_inode) {
		dput(dentry);
		dentry = ERR_PTR(-EEXIST);
	}
	if (IS_ERR(dentry))
		inode_unlock(parent->d_inode);
	return dentry;
}

/* dentry gets a new inode of mode; the lookup's reference stays as the name's pin. */
static struct dentry *end_creating(struct dentry *dentry, umode_t mode,
				   const struct file_operations *fops, void *data)
{
	struct inode *dir = dentry->d_parent->d_inode;
	struct inode *inode = debugfs_get_inode(dir->i_sb, mode);

	if (!inode) {
		inode_unlock(dir);
		dput(dentry);
		return ERR_PTR(-ENOMEM);
	}
	if (fops)
		inode->i_fop = fops;
	inode->i_private = data;
	if (S_ISDIR(mode))
		inc_nlink(dir);
	d_instantiate(dentry, inode);
	inode_unlock(dir);
	return dentry;
}

struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops)
{
	struct dentry *dentry = start_creating(name, parent);

	if (IS_ERR(dentry))
		return dentry;
	return end_creating(dentry, S_IFREG | (mode & S_IALLUGO), fops, data);
}

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	struct dentry *dentry = start_creating(name, parent);

	if (IS_ERR(dentry))
		return dentry;
	return end_creating(dentry, S_IFDIR | 0755, NULL, NULL);
}

int __init debugfs_init(void)
{
	int err;

	err = sysfs_create_mount_point(kernel_kobj, "debug");
	if (!err)
		err = register_filesystem(&debug_fs_type);
	if (err)
		return err;
	debugfs_mount = kern_mount(&debug_fs_type);
	if (IS_ERR(debugfs_mount)) {
		err = (int)PTR_ERR(debugfs_mount);
		debugfs_mount = NULL;
	}
	return err;
}
