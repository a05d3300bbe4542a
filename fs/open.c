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
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/falloc.h>
#include <asm/uaccess.h>
#include "internal.h"

int vfs_open(const struct path *path, struct file *f)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	f->f_path = *path;
	path_get(&f->f_path);
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	file_ra_state_init(&f->f_ra, f->f_mapping);
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

/* ---- the syscalls ------------------------------------------------------------------ */

long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct filename *name;
	struct file *f;
	int fd;

	if (flags & __O_TMPFILE)
		return -EOPNOTSUPP;
	if (flags & O_PATH)
		flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
	mode = (flags & O_CREAT) ? mode & S_IALLUGO : 0;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags((unsigned int)flags);
	if (fd >= 0) {
		f = do_filp_open(dfd, name, flags, mode);
		if (IS_ERR(f)) {
			put_unused_fd((unsigned int)fd);
			fd = (int)PTR_ERR(f);
		} else {
			fd_install((unsigned int)fd, f);
		}
	}
	putname(name);
	return fd;
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	int err = close_fd(fd);

	/* A close interrupted by a signal has still closed: never ask for a restart. */
	if (err == -ERESTARTSYS || err == -ERESTARTNOINTR || err == -ERESTARTNOHAND ||
	    err == -ERESTART_RESTARTBLOCK)
		err = -EINTR;
	return err;
}

SYSCALL_DEFINE3(close_range, unsigned int, fd, unsigned int, max_fd, unsigned int, flags)
{
	return __close_range(fd, max_fd, flags);
}

static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct path path;
	struct inode *inode;
	int err;

	if (mode & ~S_IRWXO)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup_flags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup_flags, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	err = inode_permission(inode, mode);
	if (!err && (mode & MAY_WRITE) && (path.mnt->mnt_flags & MNT_READONLY) &&
	    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		err = -EROFS;
	path_put(&path);
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	err = inode_permission(path.dentry->d_inode, MAY_EXEC);
	if (!err)
		set_fs_pwd(current->fs, &path);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget_raw(fd);
	int err = -ENOTDIR;

	if (!f)
		return -EBADF;
	if (d_is_dir(f->f_path.dentry)) {
		set_fs_pwd(current->fs, &f->f_path);
		err = 0;
	}
	fput(f);
	return err;
}

SYSCALL_DEFINE1(chroot, const char __user *, filename)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_root(current->fs, &path);
	path_put(&path);
	return 0;
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chmod_common(&f->f_path, mode);
	fput(f);
	return err;
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, umode_t, mode)
{
	struct path path;
	int err = user_path_at(dfd, filename, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_common(&path, mode);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename, uid_t, user, gid_t, group,
		int, flag)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flag & AT_SYMLINK_NOFOLLOW)
		lookup_flags = 0;
	if (flag & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup_flags, &path);
	if (err)
		return err;
	err = chown_common(&path, user, group);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, user, gid_t, group)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = chown_common(&f->f_path, user, group);
	fput(f);
	return err;
}

SYSCALL_DEFINE2(truncate, const char __user *, filename, long, length)
{
	struct path path;
	int err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = vfs_truncate(&path, length);
	path_put(&path);
	return err;
}

/*
 * vfs_fallocate - fallocate(2)'s checks, in Linux's order, then the file system's
 * ->fallocate. -EINVAL (a bad range or mode mix), -EOPNOTSUPP (a mode nobody here
 * does, or a file system without ->fallocate), -EBADF (not open for writing), -EPERM
 * (append-only or immutable), -ESPIPE, -EISDIR, -ENODEV, -EFBIG (past s_maxbytes).
 */
int vfs_fallocate(struct file *file, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file_inode(file);

	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ==
	    (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if ((mode & ~FALLOC_FL_KEEP_SIZE) && IS_APPEND(inode))
		return -EPERM;
	if (IS_IMMUTABLE(inode))
		return -EPERM;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		return -ENODEV;
	/* Past the largest file, or wrapping through zero. */
	if (len > inode->i_sb->s_maxbytes - offset)
		return -EFBIG;
	if (!file->f_op->fallocate)
		return -EOPNOTSUPP;
	return (int)file->f_op->fallocate(file, mode, offset, len);
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, loff_t, offset, loff_t, len)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_fallocate(f, mode, offset, len);
	fput(f);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, long, length)
{
	struct file *f;
	int err = -EINVAL;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (S_ISREG(file_inode(f)->i_mode) && (f->f_mode & FMODE_WRITE))
		err = do_truncate(f->f_path.dentry, length, ATTR_MTIME | ATTR_CTIME, f);
	fput(f);
	return err;
}
