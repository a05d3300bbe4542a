/* An inode's attributes as struct kstat (vfs_getattr), before the stat syscalls copy them out. */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/file.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include "mount.h"

void generic_fillattr(struct inode *inode, struct kstat *stat)
{
	stat->dev = inode->i_sb->s_dev;
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = i_size_read(inode);
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blksize = 1U << 12;
	stat->blocks = inode->i_blocks;
}

int vfs_getattr(const struct path *path, struct kstat *stat, u32 request_mask,
		unsigned int query_flags)
{
	struct inode *inode = path->dentry->d_inode;
	int err = 0;

	memset(stat, 0, sizeof(*stat));
	stat->result_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	if (inode->i_op->getattr)
		err = inode->i_op->getattr(path, stat, request_mask, query_flags);
	else
		generic_fillattr(inode, stat);
	stat->mnt_id = (u64)real_mount(path->mnt)->mnt_id;
	return err;
}

/* ---- the syscalls ------------------------------------------------------------------ */

static int vfs_fstat(unsigned int fd, struct kstat *stat)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->f_path, stat, STATX_BASIC_STATS, 0);
	fput(f);
	return err;
}

static int vfs_statx(int dfd, const char __user *filename, int flags, struct kstat *stat,
		     u32 request_mask)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct path path;
	int empty = 0, err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup_flags = 0;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = user_path_at_empty(dfd, filename, lookup_flags, &path, &empty);
	if (err)
		return err;
	err = vfs_getattr(&path, stat, request_mask, (unsigned int)flags);
	path_put(&path);
	return err;
}

static int cp_new_stat(const struct kstat *stat, struct stat __user *statbuf)
{
	struct stat tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = new_encode_dev(stat->dev);
	tmp.st_ino = stat->ino;
	tmp.st_mode = stat->mode;
	tmp.st_nlink = stat->nlink;
	tmp.st_uid = stat->uid;
	tmp.st_gid = stat->gid;
	tmp.st_rdev = new_encode_dev(stat->rdev);
	tmp.st_size = stat->size;
	tmp.st_blksize = (int)stat->blksize;
	tmp.st_blocks = (long)stat->blocks;
	tmp.st_atime = stat->atime.tv_sec;
	tmp.st_atime_nsec = (unsigned long)stat->atime.tv_nsec;
	tmp.st_mtime = stat->mtime.tv_sec;
	tmp.st_mtime_nsec = (unsigned long)stat->mtime.tv_nsec;
	tmp.st_ctime = stat->ctime.tv_sec;
	tmp.st_ctime_nsec = (unsigned long)stat->ctime.tv_nsec;
	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct stat __user *, statbuf, int, flag)
{
	struct kstat stat;
	int err = vfs_statx(dfd, filename, flag, &stat, STATX_BASIC_STATS);

	return err ? err : cp_new_stat(&stat, statbuf);
}

SYSCALL_DEFINE2(newfstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct kstat stat;
	int err = vfs_fstat(fd, &stat);

	return err ? err : cp_new_stat(&stat, statbuf);
}

static void statx_time(struct statx_timestamp *t, const struct timespec64 *ts)
{
	t->tv_sec = ts->tv_sec;
	t->tv_nsec = (u32)ts->tv_nsec;
}

static int cp_statx(const struct kstat *stat, struct statx __user *buffer)
{
	struct statx tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.stx_mask = stat->result_mask;
	tmp.stx_blksize = stat->blksize;
	tmp.stx_nlink = stat->nlink;
	tmp.stx_uid = stat->uid;
	tmp.stx_gid = stat->gid;
	tmp.stx_mode = stat->mode;
	tmp.stx_ino = stat->ino;
	tmp.stx_size = (u64)stat->size;
	tmp.stx_blocks = stat->blocks;
	statx_time(&tmp.stx_atime, &stat->atime);
	statx_time(&tmp.stx_ctime, &stat->ctime);
	statx_time(&tmp.stx_mtime, &stat->mtime);
	tmp.stx_rdev_major = MAJOR(stat->rdev);
	tmp.stx_rdev_minor = MINOR(stat->rdev);
	tmp.stx_dev_major = MAJOR(stat->dev);
	tmp.stx_dev_minor = MINOR(stat->dev);
	tmp.stx_mnt_id = stat->mnt_id;
	return copy_to_user(buffer, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, filename, unsigned int, flags,
		unsigned int, mask, struct statx __user *, buffer)
{
	struct kstat stat;
	int err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = vfs_statx(dfd, filename, (int)flags, &stat, mask);
	return err ? err : cp_statx(&stat, buffer);
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname, char __user *, buf,
		int, bufsiz)
{
	struct path path;
	struct inode *inode;
	const char *link;
	int empty = 0, err;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at_empty(dfd, pathname, LOOKUP_EMPTY, &path, &empty);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	err = empty ? -ENOENT : -EINVAL;
	if (S_ISLNK(inode->i_mode)) {
		link = inode->i_link;
		if (!link && inode->i_op->get_link)
			link = inode->i_op->get_link(path.dentry, inode);
		err = IS_ERR_OR_NULL(link) ? (link ? (int)PTR_ERR(link) : -EINVAL) :
		      (int)min_t(size_t, strlen(link), (size_t)bufsiz);
		if (err > 0 && copy_to_user(buf, link, (size_t)err))
			err = -EFAULT;
	}
	path_put(&path);
	return err;
}
