/*
 * sync(2), syncfs(2), fsync(2), fdatasync(2) and sync_file_range(2) (Linux 6.1's
 * fs/sync.c): write the dirty pages and inodes of one file, one file system or all of
 * them and wait for the writes. A file system's own metadata goes through ->sync_fs.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/syscalls.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include "internal.h"

/* The flags of sync_file_range(2). */
#define SYNC_FILE_RANGE_WAIT_BEFORE	1
#define SYNC_FILE_RANGE_WRITE		2
#define SYNC_FILE_RANGE_WAIT_AFTER	4
#define VALID_FLAGS (SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | \
		     SYNC_FILE_RANGE_WAIT_AFTER)

/* One pass of sync_filesystem: wait 0 starts the writes, wait 1 writes and waits. */
static int __sync_filesystem(struct super_block *sb, int wait)
{
	if (wait)
		sync_inodes_sb(sb);
	else
		writeback_inodes_sb(sb, WB_REASON_SYNC);
	if (sb->s_op && sb->s_op->sync_fs)
		return sb->s_op->sync_fs(sb, wait);
	return 0;
}

int sync_filesystem(struct super_block *sb)
{
	int ret;

	if (sb_rdonly(sb))
		return 0;
	/* Start everything first, so the waits of the second pass overlap the writes. */
	ret = __sync_filesystem(sb, 0);
	if (ret < 0)
		return ret;
	return __sync_filesystem(sb, 1);
}

static void sync_fs_one_sb(struct super_block *sb, void *arg)
{
	down_read(&sb->s_umount);
	__sync_filesystem(sb, *(int *)arg);
	up_read(&sb->s_umount);
}

/* Linux's ksys_sync: start all, then write and wait per file system. */
void ksys_sync(void)
{
	int nowait = 0, wait = 1;

	wakeup_flusher_threads(WB_REASON_SYNC);
	iterate_supers(sync_fs_one_sb, &nowait);
	iterate_supers(sync_fs_one_sb, &wait);
}

SYSCALL_DEFINE0(sync)
{
	ksys_sync();
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *f = fget((unsigned int)fd);
	struct super_block *sb;
	int ret;

	if (!f)
		return -EBADF;
	sb = f->f_path.dentry->d_sb;
	down_read(&sb->s_umount);
	ret = sync_filesystem(sb);
	up_read(&sb->s_umount);
	fput(f);
	return ret;
}

int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *inode = file->f_mapping->host;

	if (!file->f_op || !file->f_op->fsync)
		return -EINVAL;
	/* fdatasync must still write an inode whose timestamps alone changed, lazily. */
	if (!datasync && (inode->i_state & I_DIRTY_TIME))
		mark_inode_dirty_sync(inode);
	return file->f_op->fsync(file, start, end, datasync);
}

int vfs_fsync(struct file *file, int datasync)
{
	return vfs_fsync_range(file, 0, LLONG_MAX, datasync);
}

ssize_t generic_write_sync(struct kiocb *iocb, ssize_t count)
{
	struct file *file = iocb->ki_filp;
	int ret;

	if (!(iocb->ki_flags & IOCB_DSYNC) && !IS_SYNC(file->f_mapping->host))
		return count;
	ret = vfs_fsync_range(file, iocb->ki_pos - count, iocb->ki_pos - 1,
			      (iocb->ki_flags & IOCB_SYNC) ? 0 : 1);
	return ret ? ret : count;
}

static int do_fsync(unsigned int fd, int datasync)
{
	struct file *f = fget(fd);
	int ret;

	if (!f)
		return -EBADF;
	ret = vfs_fsync(f, datasync);
	fput(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(fd, 0);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(fd, 1);
}

/* The part of sync_file_range on an open file (Linux's sync_file_range). */
static int sync_file_range(struct file *file, loff_t offset, loff_t nbytes,
			   unsigned int flags)
{
	struct address_space *mapping = file->f_mapping;
	umode_t i_mode = file_inode(file)->i_mode;
	loff_t endbyte;
	int ret;

	if (flags & ~VALID_FLAGS)
		return -EINVAL;
	endbyte = offset + nbytes;
	if (offset < 0 || endbyte < offset)
		return -EINVAL;
	if (nbytes == 0)
		endbyte = LLONG_MAX;
	else
		endbyte--;	/* inclusive */
	if (!S_ISREG(i_mode) && !S_ISBLK(i_mode) && !S_ISDIR(i_mode) && !S_ISLNK(i_mode))
		return -ESPIPE;
	if (flags & SYNC_FILE_RANGE_WAIT_BEFORE) {
		ret = filemap_fdatawait_range(mapping, offset, endbyte);
		if (ret < 0)
			return ret;
	}
	if (flags & SYNC_FILE_RANGE_WRITE) {
		ret = __filemap_fdatawrite_range(mapping, offset, endbyte, WB_SYNC_NONE);
		if (ret < 0)
			return ret;
	}
	if (flags & SYNC_FILE_RANGE_WAIT_AFTER)
		return filemap_fdatawait_range(mapping, offset, endbyte);
	return 0;
}

SYSCALL_DEFINE4(sync_file_range, int, fd, loff_t, offset, loff_t, nbytes,
		unsigned int, flags)
{
	struct file *f = fget((unsigned int)fd);
	int ret;

	if (!f)
		return -EBADF;
	ret = sync_file_range(f, offset, nbytes, flags);
	fput(f);
	return ret;
}
