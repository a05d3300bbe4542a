/*
 * Opening: vfs_open turns a walked path into an open struct file (the file system's or
 * driver's open called); filp_open and dentry_open are the kernel's entries. Truncation
 * (do_truncate, vfs_truncate) lives here too, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include "internal.h"

int vfs_open(const struct path *path, struct file *f)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	f->f_path = *path;
	path_get(&f->f_path);
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	if (f->f_flags & O_PATH) {
		f->f_mode = FMODE_PATH;
		return 0;
	}
	f->f_op = inode->i_fop;
	if (!f->f_op)
		return -ENXIO;
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		f->f_mode |= FMODE_ATOMIC_POS;
	if (f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			/* fput must not call a release whose open failed. */
			f->f_op = NULL;
			return err;
		}
	}
	f->f_flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	return 0;
}

struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	struct filename *name = getname_kernel(filename);
	struct file *file = do_filp_open(AT_FDCWD, name, flags, mode);

	putname(name);
	return file;
}

struct file *dentry_open(const struct path *path, int flags)
{
	struct file *f = alloc_empty_file(flags);
	int err;

	if (IS_ERR(f))
		return f;
	err = vfs_open(path, f);
	if (err) {
		fput(f);
		return ERR_PTR(err);
	}
	return f;
}

int filp_close(struct file *filp, struct files_struct *id)
{
	int err = 0;

	if (filp->f_op && filp->f_op->flush)
		err = filp->f_op->flush(filp);
	fput(filp);
	return err;
}

int nonseekable_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

int stream_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);
	filp->f_mode |= FMODE_STREAM;
	return 0;
}

int do_truncate(struct dentry *dentry, loff_t length, unsigned int time_attrs,
		struct file *filp)
{
	struct iattr newattrs = { .ia_valid = ATTR_SIZE | time_attrs, .ia_size = length };
	int err;

	if (length < 0)
		return -EINVAL;
	inode_lock(dentry->d_inode);
	err = notify_change(dentry, &newattrs);
	inode_unlock(dentry->d_inode);
	return err;
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = path->dentry->d_inode;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (path->mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	return do_truncate(path->dentry, length, 0, NULL);
}

int chmod_common(const struct path *path, umode_t mode)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr newattrs = { .ia_valid = ATTR_MODE | ATTR_CTIME };
	int err;

	if (path->mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	inode_lock(inode);
	newattrs.ia_mode = (mode & S_IALLUGO) | (inode->i_mode & ~S_IALLUGO);
	err = notify_change(path->dentry, &newattrs);
	inode_unlock(inode);
	return err;
}

/* (uid_t)-1 and (gid_t)-1 leave that id as it is. */
int chown_common(const struct path *path, uid_t user, gid_t group)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr newattrs = { .ia_valid = ATTR_CTIME };
	int err;

	if (path->mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	if (user != (uid_t)-1) {
		newattrs.ia_valid |= ATTR_UID;
		newattrs.ia_uid = user;
	}
	if (group != (gid_t)-1) {
		newattrs.ia_valid |= ATTR_GID;
		newattrs.ia_gid = group;
	}
	inode_lock(inode);
	err = notify_change(path->dentry, &newattrs);
	inode_unlock(inode);
	return err;
}

/* times[0] atime, times[1] mtime; NULL: both now. */
int vfs_utimes(const struct path *path, struct timespec64 *times)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr newattrs = { .ia_valid = ATTR_CTIME | ATTR_ATIME | ATTR_MTIME };
	int err;

	if (path->mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	if (times) {
		newattrs.ia_atime = times[0];
		newattrs.ia_mtime = times[1];
		newattrs.ia_valid |= ATTR_ATIME_SET | ATTR_MTIME_SET;
	}
	inode_lock(inode);
	err = notify_change(path->dentry, &newattrs);
	inode_unlock(inode);
	return err;
}
