/*
 * ext4's regular files (Linux 6.1's fs/ext4/file.c and fsync.c, without direct I/O and
 * delayed allocation): reads and mmap go through the page cache (ext4_aops), writes
 * through generic_perform_write with ext4_write_begin/end allocating blocks, and fsync
 * writes the pages, then commits the journal (or, without one, the inode's buffers
 * and the inode) and flushes the disk's cache. fallocate's punch hole (Linux has it in
 * inode.c) is here with the page-cache side of ext4's files.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/blkdev.h>
#include <linux/stat.h>
#include <linux/buffer_head.h>
#include "ext4.h"
#include "ext4_jbd2.h"

/* ---- fallocate's punch hole ---------------------------------------------------------- */

/*
 * Zeroes [from, from + length) inside one block through the page cache: the block read
 * first unless it is a hole (or unwritten: it reads as zeroes already), its buffer
 * dirty, and with data=ordered written before the transaction commits.
 */
static int ext4_block_zero_page_range(handle_t *handle, struct address_space *mapping,
				      loff_t from, loff_t length)
{
	struct inode *inode = mapping->host;
	unsigned int offset = (unsigned int)(from & ~PAGE_MASK), pos;
	unsigned int blocksize = (1U << inode->i_blkbits);
	struct buffer_head *bh;
	struct page *page;
	int err = 0;

	page = grab_cache_page(mapping, (pgoff_t)(from >> PAGE_SHIFT));
	if (!page)
		return -ENOMEM;
	if (!page_has_buffers(page))
		create_empty_buffers(page, blocksize, 0);
	bh = page_buffers(page);
	for (pos = blocksize; pos <= offset; pos += blocksize)
		bh = bh->b_this_page;
	if (!buffer_mapped(bh)) {
		err = ext4_get_block(inode, (sector_t)(from >> inode->i_blkbits), bh, 0);
		if (err || !buffer_mapped(bh))
			goto unlock;
	}
	if (PageUptodate(page))
		set_buffer_uptodate(bh);
	if (!buffer_uptodate(bh)) {
		err = bh_read(bh, 0);
		if (err < 0)
			goto unlock;
		err = 0;
	}
	memset(page_address(page) + offset, 0, (size_t)length);
	mark_buffer_dirty(bh);
	if (ext4_should_order_data(inode))
		err = ext4_jbd2_inode_add_write(handle, inode, from, length);
unlock:
	unlock_page(page);
	put_page(page);
	return err;
}

/* The partial blocks at the two ends of [lstart, lstart + length) zeroed. */
static int ext4_zero_partial_blocks(handle_t *handle, struct inode *inode, loff_t lstart,
				    loff_t length)
{
	unsigned int bs = (1U << inode->i_blkbits);
	loff_t start_end = min(round_up(lstart + 1, (loff_t)bs), lstart + length);
	loff_t end = lstart + length;
	int err = 0;

	if (lstart & (bs - 1))
		err = ext4_block_zero_page_range(handle, inode->i_mapping, lstart,
						 start_end - lstart);
	else
		start_end = lstart;
	if (!err && (end & (bs - 1)) && round_down(end, (loff_t)bs) >= start_end)
		err = ext4_block_zero_page_range(handle, inode->i_mapping,
						 round_down(end, (loff_t)bs),
						 end - round_down(end, (loff_t)bs));
	return err;
}

/**
 * ext4_punch_hole - FALLOC_FL_PUNCH_HOLE: [offset, offset + length) reads as zeroes
 * @file: the file (open for writing)
 *
 * Its dirty pages are written first, then the cached pages of whole blocks dropped
 * (and unmapped), the partial blocks at the ends zeroed, and the whole blocks freed.
 * i_size does not change. Return: 0 or -errno.
 */
int ext4_punch_hole(struct file *file, loff_t offset, loff_t length)
{
	struct inode *inode = file_inode(file);
	struct address_space *mapping = inode->i_mapping;
	unsigned int bits = inode->i_blkbits;
	ext4_lblk_t first_block, stop_block;
	handle_t *handle;
	int ret, ret2;

	ret = filemap_write_and_wait_range(mapping, offset, offset + length - 1);
	if (ret)
		return ret;
	inode_lock(inode);
	if (offset >= inode->i_size)
		goto out_mutex;
	/* A hole past i_size ends after the page that holds it. */
	if (offset + length > inode->i_size)
		length = round_up(inode->i_size + 1, (loff_t)PAGE_SIZE) - offset;
	/* Faults may not bring back the pages dropped here (ext4_page_mkwrite). */
	down_write(&mapping->invalidate_lock);
	first_block = (ext4_lblk_t)((offset + (1 << bits) - 1) >> bits);
	stop_block = (ext4_lblk_t)((offset + length) >> bits);
	if (stop_block > first_block)
		truncate_pagecache_range(inode, (loff_t)first_block << bits,
					 ((loff_t)stop_block << bits) - 1);
	handle = ext4_journal_start(inode, EXT4_HT_TRUNCATE, ext4_writepage_trans_blocks(inode));
	if (IS_ERR(handle)) {
		ret = PTR_ERR(handle);
		goto out_dio;
	}
	ret = ext4_zero_partial_blocks(handle, inode, offset, length);
	if (!ret && stop_block > first_block) {
		down_write(&EXT4_I(inode)->i_data_sem);
		ret = ext4_ext_remove_space(inode, first_block, stop_block - 1);
		up_write(&EXT4_I(inode)->i_data_sem);
	}
	inode->i_mtime = inode->i_ctime = current_time(inode);
	ret2 = ext4_mark_inode_dirty(handle, inode);
	if (!ret)
		ret = ret2;
	ext4_update_inode_fsync_trans(handle, inode, 1);
	ret2 = ext4_journal_stop(handle);
	if (!ret)
		ret = ret2;
out_dio:
	up_write(&mapping->invalidate_lock);
out_mutex:
	inode_unlock(inode);
	return ret;
}

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

static const struct vm_operations_struct ext4_file_vm_ops = {
	.fault		= filemap_fault,
	.map_pages	= filemap_map_pages,
	.page_mkwrite	= ext4_page_mkwrite,
};

/* ->mmap: the page cache's faults, with ext4 readying pages for stores (page_mkwrite). */
static int ext4_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (is_bad_inode(file_inode(file)))
		return -EIO;
	vma->vm_ops = &ext4_file_vm_ops;
	return 0;
}

const struct file_operations ext4_file_operations = {
	.llseek		= generic_file_llseek,
	.read_iter	= ext4_file_read_iter,
	.write_iter	= ext4_file_write_iter,
	.mmap		= ext4_file_mmap,
	.fsync		= ext4_sync_file,
	.release	= ext4_release_file,
	.fallocate	= ext4_fallocate,
};

const struct inode_operations ext4_file_inode_operations = {
	.setattr	= ext4_setattr,
	.getattr	= ext4_file_getattr,
};
