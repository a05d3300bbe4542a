/*
 * Host stand-in for the block layer's file operations, which fs/inode.c gives block
 * device inodes. No host suite opens a block device: the open fails.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/blkdev.h>

static int blkdev_open_on_host(struct inode *inode, struct file *filp)
{
	return -ENXIO;
}

const struct file_operations def_blk_fops = {
	.open	= blkdev_open_on_host,
};

/* fs/super.c's mount_bdev and init/do_mounts.c's root= lookup: no host suite mounts a disk. */
int lookup_bdev(const char *pathname, dev_t *dev)
{
	return -ENOTBLK;
}

struct block_device *blkdev_get_by_dev(dev_t dev, fmode_t mode, void *holder)
{
	return ERR_PTR(-ENXIO);
}

void blkdev_put(struct block_device *bdev, fmode_t mode)
{
	BUG();
}

void bdev_name(struct block_device *bdev, char *buf, size_t size)
{
	BUG();
}
