/*
 * Block device files (Linux 6.1's block/fops.c): open finds the block device by number;
 * read and write go through the device's page cache (the same pages the buffer cache
 * of a file system mounted on it uses), each logical block a buffer mapped one to one
 * (blkdev_get_block); the flusher writes dirty pages back, fsync writes and waits for
 * them and flushes the disk's cache.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/uio.h>
#include <linux/blkdev.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/buffer_head.h>
#include "blk.h"

/* Block iblock of the device is its own disk block: every buffer maps one to one. */
static int blkdev_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh,
			    int create)
{
	bh->b_bdev = I_BDEV(inode);
	bh->b_blocknr = iblock;
	set_buffer_mapped(bh);
	return 0;
}

static int blkdev_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, blkdev_get_block, wbc);
}

static int blkdev_read_folio(struct file *file, struct folio *folio)
{
	return block_read_full_folio(folio, blkdev_get_block);
}

static void blkdev_readahead(struct readahead_control *rac)
{
	mpage_readahead(rac, blkdev_get_block);
}

static int blkdev_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			      unsigned len, struct page **pagep, void **fsdata)
{
	return block_write_begin(mapping, pos, len, pagep, blkdev_get_block);
}

/* The device's size does not change with a write: no i_size update, unlike files. */
static int blkdev_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned len, unsigned copied, struct page *page, void *fsdata)
{
	int ret = block_write_end(file, mapping, pos, len, copied, page, fsdata);

	unlock_page(page);
	put_page(page);
	return ret;
}

const struct address_space_operations def_blk_aops = {
	.dirty_folio	= block_dirty_folio,
	.invalidate_folio = block_invalidate_folio,
	.read_folio	= blkdev_read_folio,
	.readahead	= blkdev_readahead,
	.writepage	= blkdev_writepage,
	.write_begin	= blkdev_write_begin,
	.write_end	= blkdev_write_end,
	.is_partially_uptodate = block_is_partially_uptodate,
};

static int blkdev_open(struct inode *inode, struct file *filp)
{
	struct block_device *bdev = blkdev_get_by_dev(inode->i_rdev, filp->f_mode, filp);

	if (IS_ERR(bdev))
		return (int)PTR_ERR(bdev);
	filp->private_data = bdev;
	filp->f_mapping = bdev->bd_inode->i_mapping;
	return 0;
}

static int blkdev_release(struct inode *inode, struct file *filp)
{
	blkdev_put(filp->private_data, filp->f_mode);
	return 0;
}

/* Linux's fixed_size_llseek: positions from 0 to the device's size. */
static loff_t blkdev_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = bdev_nr_bytes(file->private_data);

	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence == SEEK_END)
		offset += size;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0 || offset > size)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

static ssize_t blkdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct block_device *bdev = iocb->ki_filp->private_data;
	loff_t size = bdev_nr_bytes(bdev);

	if (iocb->ki_pos >= size || !iov_iter_count(to))
		return 0;
	if ((loff_t)iov_iter_count(to) > size - iocb->ki_pos)
		to->count = (size_t)(size - iocb->ki_pos);
	return filemap_read(iocb, to, 0);
}

/* Writes stop at the device's end: -ENOSPC at or past it, shortened across it. */
static ssize_t blkdev_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct block_device *bdev = iocb->ki_filp->private_data;
	loff_t size = bdev_nr_bytes(bdev);
	ssize_t ret;

	if (bdev_read_only(bdev))
		return -EPERM;
	if (!iov_iter_count(from))
		return 0;
	if (iocb->ki_pos >= size)
		return -ENOSPC;
	if ((loff_t)iov_iter_count(from) > size - iocb->ki_pos)
		from->count = (size_t)(size - iocb->ki_pos);
	ret = __generic_file_write_iter(iocb, from);
	if (ret > 0)
		ret = generic_write_sync(iocb, ret);
	return ret;
}

/* The dirty pages of the range written and waited for, then the disk's cache. */
static int blkdev_fsync(struct file *filp, loff_t start, loff_t end, int datasync)
{
	int error = file_write_and_wait_range(filp, start, end);

	if (error)
		return error;
	error = blkdev_issue_flush(filp->private_data);
	return error == -EOPNOTSUPP ? 0 : error;
}

const struct file_operations def_blk_fops = {
	.open		= blkdev_open,
	.release	= blkdev_release,
	.llseek		= blkdev_llseek,
	.read_iter	= blkdev_read_iter,
	.write_iter	= blkdev_write_iter,
	.fsync		= blkdev_fsync,
	.unlocked_ioctl	= blkdev_ioctl,
};
