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
