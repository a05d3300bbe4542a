/*
 * Block device files (Linux's block/fops.c, first layer): open finds the block device by
 * number; read, write and fsync go through a bounce buffer of up to BOUNCE_MAX bytes of
 * contiguous pages in whole logical blocks (read-modify-write for a partial block), each
 * step one bio waited for. No page cache for the device yet: every read reaches the
 * disk, and fsync flushes its cache.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/uio.h>
#include <linux/blkdev.h>
#include "blk.h"

#define BOUNCE_MAX_ORDER	5	/* 128 KiB: one bio of 32 pages per step */

/* The bounce buffer: contiguous pages, as many as count needs and the allocator has. */
static struct page *blkdev_alloc_bounce(size_t count, unsigned int *order)
{
	struct page *page;

	*order = min_t(unsigned int, get_order(count), BOUNCE_MAX_ORDER);
	for (;; (*order)--) {
		page = alloc_pages(GFP_KERNEL | (*order ? __GFP_NOWARN : 0), *order);
		if (page || !*order)
			return page;
	}
}

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

/*
 * One step of a transfer at pos: the logical blocks covering [pos, pos + *len) clipped
 * to the bounce buffer of size bytes, read into it (when reading, or when writing part
 * of a block). Sets *start (the blocks' first byte) and *len (the caller's bytes in them).
 */
static int blkdev_span(struct block_device *bdev, loff_t pos, size_t *len, loff_t *start,
		       unsigned int *span, struct page *page, size_t size, bool write)
{
	unsigned int lbs = bdev_logical_block_size(bdev);

	*start = pos & ~(loff_t)(lbs - 1);
	*len = min_t(size_t, *len, size - (size_t)(pos - *start));
	*span = ALIGN((unsigned int)(pos - *start + *len), lbs);
	if (write && pos == *start && *len == *span)
		return 0;
	/* A write reads back only the partial blocks at its ends. */
	if (write && *span > lbs) {
		int err = 0;

		if (pos != *start)
			err = bdev_page_io(bdev, REQ_OP_READ, *start, page, 0, lbs);
		if (!err && (pos + (loff_t)*len) % lbs)
			err = bdev_page_io(bdev, REQ_OP_READ, *start + *span - lbs, page,
					   *span - lbs, lbs);
		return err;
	}
	return bdev_page_io(bdev, REQ_OP_READ, *start, page, 0, *span);
}

/*
 * A write whose copy from user space stopped short (a fault): only the whole blocks
 * filled from the caller go to the disk, the rest of the bounce page holds no data of
 * theirs. Returns the caller's bytes in those blocks, and their length in *span.
 */
static size_t blkdev_trim_short_copy(struct block_device *bdev, unsigned int off,
				     size_t moved, unsigned int *span)
{
	unsigned int end = (unsigned int)(off + moved) & ~(bdev_logical_block_size(bdev) - 1);

	*span = end;
	return end > off ? end - off : 0;
}

static ssize_t blkdev_rw(struct kiocb *iocb, struct iov_iter *iter, bool write)
{
	struct block_device *bdev = iocb->ki_filp->private_data;
	loff_t size = bdev_nr_bytes(bdev), start;
	size_t count = iov_iter_count(iter), done = 0;
	unsigned int order;
	struct page *page;
	void *buf;
	int err = 0;

	if (iocb->ki_pos >= size || !count)
		return write && count ? -ENOSPC : 0;
	count = min_t(size_t, count, (size_t)(size - iocb->ki_pos));
	/* Room for a partial block at each end too. */
	page = blkdev_alloc_bounce(count + 2 * bdev_logical_block_size(bdev), &order);
	if (!page)
		return -ENOMEM;
	buf = page_address(page);
	while (done < count) {
		size_t len = count - done, moved;
		unsigned int span, off;

		err = blkdev_span(bdev, iocb->ki_pos, &len, &start, &span, page,
				  PAGE_SIZE << order, write);
		if (err)
			break;
		off = (unsigned int)(iocb->ki_pos - start);
		moved = write ? copy_from_iter(buf + off, len, iter) :
				copy_to_iter(buf + off, len, iter);
		if (write && moved < len)
			moved = blkdev_trim_short_copy(bdev, off, moved, &span);
		if (write && moved)
			err = bdev_page_io(bdev, REQ_OP_WRITE, start, page, 0, span);
		if (err)
			break;
		iocb->ki_pos += (loff_t)moved;
		done += moved;
		if (moved < len) {
			err = -EFAULT;
			break;
		}
	}
	__free_pages(page, order);
	return done ? (ssize_t)done : err;
}

static ssize_t blkdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return blkdev_rw(iocb, to, false);
}

static ssize_t blkdev_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	return blkdev_rw(iocb, from, true);
}

/* Writes are synchronous: what is left is the disk's volatile cache. */
static int blkdev_fsync(struct file *filp, loff_t start, loff_t end, int datasync)
{
	return blkdev_issue_flush(filp->private_data);
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
