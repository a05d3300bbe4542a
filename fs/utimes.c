/* Setting access and modification times: vfs_utimes and utimensat (UTIME_NOW, UTIME_OMIT). */
#include <linux/kernel.h>
#include <linux/time.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/file.h>
#include <linux/syscalls.h>
#include <uapi/linux/time_types.h>
#include <asm/uaccess.h>
#include "internal.h"

#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec < NSEC_PER_SEC);
}

/* times[0] atime, times[1] mtime, either UTIME_NOW or UTIME_OMIT; NULL: both now. */
int vfs_utimes(const struct path *path, struct timespec64 *times)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr newattrs = { .ia_valid = ATTR_CTIME | ATTR_ATIME | ATTR_MTIME };
	int err;

	if (path->mnt->mnt_flags & MNT_READONLY)
		return -EROFS;
	if (times) {
		if (times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
			return 0;
		if (times[0].tv_nsec == UTIME_OMIT)
			newattrs.ia_valid &= ~ATTR_ATIME;
		else if (times[0].tv_nsec != UTIME_NOW)
			newattrs.ia_valid |= ATTR_ATIME_SET;
		if (times[1].tv_nsec == UTIME_OMIT)
			newattrs.ia_valid &= ~ATTR_MTIME;
		else if (times[1].tv_nsec != UTIME_NOW)
			newattrs.ia_valid |= ATTR_MTIME_SET;
		newattrs.ia_atime = times[0];
		newattrs.ia_mtime = times[1];
	}
	inode_lock(inode);
	err = notify_change(path->dentry, &newattrs);
	inode_unlock(inode);
	return err;
}

static int do_utimes_path(int dfd, const char __user *filename, struct timespec64 *times,
			  int flags)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup_flags = 0;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup_flags, &path);
	if (err)
		return err;
	err = vfs_utimes(&path, times);
	path_put(&path);
	return err;
}

/* A NULL name means the file dfd itself (Linux's futimens). */
static int do_utimes_fd(int fd, struct timespec64 *times, int flags)
{
	struct file *f;
	int err;

	if (flags)
		return -EINVAL;
	f = fget((unsigned int)fd);
	if (!f)
		return -EBADF;
	err = vfs_utimes(&f->f_path, times);
	fput(f);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, filename,
		struct __kernel_timespec __user *, utimes, int, flags)
{
	struct __kernel_timespec ut[2];
	struct timespec64 tstimes[2], *times = NULL;

	if (utimes) {
		if (copy_from_user(ut, utimes, sizeof(ut)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (!nsec_valid(ut[i].tv_nsec))
				return -EINVAL;
			tstimes[i].tv_sec = ut[i].tv_sec;
			tstimes[i].tv_nsec = ut[i].tv_nsec;
		}
		times = tstimes;
	}
	if (!filename)
		return do_utimes_fd(dfd, times, flags);
	return do_utimes_path(dfd, filename, times, flags);
}
