/*
 * Block device files (Linux's block/bdev.c and block/fops.c, first layer): open finds the
 * gendisk by device number; read, write and fsync go through a one-page bounce buffer in
 * whole logical blocks (read-modify-write for a partial block), synchronously. No page
 * cache for the device yet: every read reaches the disk, and fsync flushes its cache.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/uio.h>
#include <linux/blkdev.h>
#include <linux/devtmpfs.h>

#define MAX_DISKS	16

/* disks[0..nr_disks), append-only, under disks_lock. */
static struct gendisk *disks[MAX_DISKS];
static unsigned int nr_disks;
static DEFINE_SPINLOCK(disks_lock);

int add_disk(struct gendisk *disk)
{
	int err = 0;

	spin_lock(&disks_lock);
	if (nr_disks == MAX_DISKS)
		err = -ENOSPC;
	else
		disks[nr_disks++] = disk;
	spin_unlock(&disks_lock);
	if (err)
		return err;
	return devtmpfs_create_node(disk->disk_name, S_IFBLK | 0660,
				    MKDEV(disk->major, disk->first_minor));
}

static int blkdev_open(struct inode *inode, struct file *filp)
{
	struct gendisk *disk = NULL;

	spin_lock(&disks_lock);
	for (unsigned int i = 0; i < nr_disks; i++)
		if (MKDEV(disks[i]->major, disks[i]->first_minor) == inode->i_rdev)
			disk = disks[i];
	spin_unlock(&disks_lock);
	if (!disk)
		return -ENXIO;
	filp->private_data = disk;
	return 0;
}

static loff_t bdev_nr_bytes(const struct gendisk *disk)
{
	return (loff_t)get_capacity(disk) << SECTOR_SHIFT;
}

/* Linux's fixed_size_llseek: positions from 0 to the disk's size. */
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
 * to the bounce page, read into buf (when reading, or when writing part of a block).
 * Sets *start (the blocks' first byte) and *len (the bytes of the caller's in them).
 */
static int blkdev_span(struct gendisk *disk, loff_t pos, size_t *len, loff_t *start,
		       unsigned int *span, void *buf, bool write)
{
	unsigned int lbs = disk->logical_block_size;

	*start = pos & ~(loff_t)(lbs - 1);
	*len = min_t(size_t, *len, PAGE_SIZE - (size_t)(pos - *start));
	*span = ALIGN((unsigned int)(pos - *start + *len), lbs);
	if (write && pos == *start && *len == *span)
		return 0;
	return disk->fops->transfer(disk, REQ_OP_READ, (sector_t)*start >> SECTOR_SHIFT, buf,
				    *span);
}

/*
 * A write whose copy from user space stopped short (a fault): only the whole blocks
 * filled from the caller go to the disk, the rest of the bounce page holds no data of
 * theirs. Returns the caller's bytes in those blocks, and their length in *span.
 */
static size_t blkdev_trim_short_copy(struct gendisk *disk, unsigned int off, size_t moved,
				     unsigned int *span)
{
	unsigned int end = (unsigned int)(off + moved) & ~(disk->logical_block_size - 1);

	*span = end;
	return end > off ? end - off : 0;
}

static ssize_t blkdev_rw(struct kiocb *iocb, struct iov_iter *iter, bool write)
{
	struct gendisk *disk = iocb->ki_filp->private_data;
	loff_t size = bdev_nr_bytes(disk), start;
	size_t count = iov_iter_count(iter), done = 0;
	struct page *page;
	void *buf;
	int err = 0;

	if (iocb->ki_pos >= size || !count)
		return write && count ? -ENOSPC : 0;
	count = min_t(size_t, count, (size_t)(size - iocb->ki_pos));
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	buf = page_address(page);
	while (done < count) {
		size_t len = count - done, moved;
		unsigned int span, off;

		err = blkdev_span(disk, iocb->ki_pos, &len, &start, &span, buf, write);
		if (err)
			break;
		off = (unsigned int)(iocb->ki_pos - start);
		moved = write ? copy_from_iter(buf + off, len, iter) :
				copy_to_iter(buf + off, len, iter);
		if (write && moved < len)
			moved = blkdev_trim_short_copy(disk, off, moved, &span);
		if (write && moved)
			err = disk->fops->transfer(disk, REQ_OP_WRITE,
						   (sector_t)start >> SECTOR_SHIFT, buf, span);
		if (err)
			break;
		iocb->ki_pos += (loff_t)moved;
		done += moved;
		if (moved < len) {
			err = -EFAULT;
			break;
		}
	}
	__free_page(page);
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
	struct gendisk *disk = filp->private_data;

	return disk->fops->transfer(disk, REQ_OP_FLUSH, 0, NULL, 0);
}

const struct file_operations def_blk_fops = {
	.open		= blkdev_open,
	.llseek		= blkdev_llseek,
	.read_iter	= blkdev_read_iter,
	.write_iter	= blkdev_write_iter,
	.fsync		= blkdev_fsync,
};
