/* The block device ioctls (Linux's block/ioctl.c): sizes, block sizes, flush, discard. */
#include <linux/kernel.h>
#include <asm/uaccess.h>
#include <linux/blkdev.h>
#include <uapi/linux/fs.h>
#include "blk.h"

/* BLKDISCARD: u64 start and length in bytes, both whole logical blocks, inside the device. */
static int blk_ioctl_discard(struct block_device *bdev, fmode_t mode, unsigned long arg)
{
	unsigned int lbs = bdev_logical_block_size(bdev);
	u64 range[2], start, len;

	if (!(mode & FMODE_WRITE))
		return -EBADF;
	if (!bdev_max_discard_sectors(bdev))
		return -EOPNOTSUPP;
	if (copy_from_user(range, (void __user *)arg, sizeof(range)))
		return -EFAULT;
	start = range[0];
	len = range[1];
	if ((start | len) & (lbs - 1))
		return -EINVAL;
	if (start + len < start || start + len > (u64)bdev_nr_bytes(bdev))
		return -EINVAL;
	truncate_inode_pages_range(bdev->bd_inode->i_mapping, (loff_t)start,
				   (loff_t)(start + len - 1));	/* the cache's copy goes too */
	return blkdev_issue_discard(bdev, start >> SECTOR_SHIFT, len >> SECTOR_SHIFT, GFP_KERNEL);
}

static int put_u64(unsigned long arg, u64 val)
{
	return copy_to_user((void __user *)arg, &val, sizeof(val)) ? -EFAULT : 0;
}

static int put_int(unsigned long arg, int val)
{
	return copy_to_user((void __user *)arg, &val, sizeof(val)) ? -EFAULT : 0;
}

long blkdev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = file->private_data;

	switch (cmd) {
	case BLKROGET:
		return put_int(arg, bdev_read_only(bdev));
	case BLKGETSIZE:
		return put_u64(arg, bdev_nr_sectors(bdev));
	case BLKGETSIZE64:
		return put_u64(arg, (u64)bdev_nr_bytes(bdev));
	case BLKSSZGET:
		return put_int(arg, (int)bdev_logical_block_size(bdev));
	case BLKPBSZGET:
		return put_int(arg, (int)bdev_physical_block_size(bdev));
	case BLKFLSBUF:
		/* No cached blocks of the device yet: what is left is the disk's own cache. */
		return blkdev_issue_flush(bdev);
	case BLKDISCARD:
		return blk_ioctl_discard(bdev, file->f_mode, arg);
	}
	return -ENOTTY;
}
