/*
 * ext4's regular files (Linux 6.1's fs/ext4/file.c and fsync.c, without direct I/O and
 * delayed allocation): reads and mmap go through the page cache (ext4_aops), writes
 * through generic_perform_write with ext4_write_begin/end allocating blocks, and fsync
 * writes the pages, then commits the journal (or, without one, the inode's buffers
 * and the inode) and flushes the disk's cache.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/blkdev.h>
#include <linux/stat.h>
#include "ext4.h"
#include "ext4_jbd2.h"

static ssize_t ext4_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct inode *inode = file_inode(iocb->ki_filp);

	if (!iov_iter_count(to))
		return 0;
	if (is_bad_inode(inode))
		return -EIO;
	return generic_file_read_iter(iocb, to);
}

static ssize_t ext4_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);

	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	return generic_file_write_iter(iocb, from);
}

/* Without a journal: the inode's metadata buffers and the inode itself, written now. */
static int ext4_fsync_nojournal(struct inode *inode, bool datasync, bool *needs_barrier)
{
	int ret = sync_mapping_buffers(inode->i_mapping);

	if (ret)
		return ret;
	if (!(inode->i_state & I_DIRTY_ALL))
		return 0;
	ret = sync_inode_metadata(inode, 1);
	*needs_barrier = true;
	return ret;
}

/*
 * ->fsync: the file's dirty pages written and waited for, then its metadata made
 * durable (a journal commit, or the buffers themselves), then the disk's write cache
 * flushed. 0 or -errno (-EIO for a write that failed).
 */
int ext4_sync_file(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *inode = file->f_mapping->host;
	bool needs_barrier = false;
	int ret;

	ret = file_write_and_wait_range(file, start, end);
	if (ret)
		return ret;
	if (sb_rdonly(inode->i_sb))
		return 0;
	if (EXT4_SB(inode->i_sb)->s_journal)
		ret = ext4_fsync_journal(inode, datasync, &needs_barrier);
	else
		ret = ext4_fsync_nojournal(inode, datasync, &needs_barrier);
	if (needs_barrier) {
		int err = blkdev_issue_flush(inode->i_sb->s_bdev);

		if (!ret)
			ret = err;
	}
	return ret;
}

static int ext4_file_getattr(const struct path *path, struct kstat *stat, u32 request_mask,
			     unsigned int query_flags)
{
	generic_fillattr(d_inode(path->dentry), stat);
	return 0;
}

/*
 * A writer's close gives back the blocks kept for the file's next writes (Linux waits
 * for the last writer; i_writecount is not kept here, and another writer only loses
 * a hint).
 */
static int ext4_release_file(struct inode *inode, struct file *filp)
{
	if (filp->f_mode & FMODE_WRITE) {
		down_write(&EXT4_I(inode)->i_data_sem);
		ext4_discard_preallocations(inode);
		up_write(&EXT4_I(inode)->i_data_sem);
	}
	return 0;
}

const struct file_operations ext4_file_operations = {
	.llseek		= generic_file_llseek,
	.read_iter	= ext4_file_read_iter,
	.write_iter	= ext4_file_write_iter,
	.mmap		= generic_file_mmap,
	.fsync		= ext4_sync_file,
	.release	= ext4_release_file,
};

const struct inode_operations ext4_file_inode_operations = {
	.setattr	= ext4_setattr,
	.getattr	= ext4_file_getattr,
};
