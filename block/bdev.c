/*
 * Block devices as objects (Linux's block/bdev.c): each block_device has an inode of
 * the internal "bdev" file system whose address_space caches its blocks; file systems
 * open one by device number (blkdev_get_by_dev) or by path (lookup_bdev).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/dcache.h>
#include <linux/jiffies.h>
#include <linux/blkdev.h>
#include "blk.h"

static struct dentry *bd_mount(struct file_system_type *fs_type, int flags,
			       const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, ramfs_fill_super);
}

static struct file_system_type bd_type = {
	.name		= "bdev",
	.mount		= bd_mount,
	.kill_sb	= kill_litter_super,
};

/* "bdev" in /proc/filesystems from the start, as Linux's; mounted on first use. */
void __init bdev_cache_init(void)
{
	if (register_filesystem(&bd_type))
		panic("Cannot register bdev pseudo-fs");
}

/* The "bdev" mount, made by the first bdev_alloc, under blockdev_lock. */
static struct vfsmount *blockdev_mnt;
struct super_block *blockdev_superblock;	/* blockdev_mnt's, set once */
static DEFINE_MUTEX(blockdev_lock);

static struct inode *bdev_new_inode(void)
{
	struct inode *inode = NULL;

	mutex_lock(&blockdev_lock);
	if (!blockdev_mnt) {
		struct vfsmount *mnt = kern_mount(&bd_type);

		if (IS_ERR(mnt))
			pr_err("bdev: cannot mount the bdev file system: %ld\n", PTR_ERR(mnt));
		else
			blockdev_mnt = mnt;
		if (blockdev_mnt)
			blockdev_superblock = mnt->mnt_sb;
	}
	if (blockdev_mnt)
		inode = new_inode(blockdev_mnt->mnt_sb);
	mutex_unlock(&blockdev_lock);
	return inode;
}

struct block_device *bdev_alloc(struct gendisk *disk, u8 partno)
{
	struct block_device *bdev = kzalloc(sizeof(*bdev), GFP_KERNEL);
	struct inode *inode;

	if (!bdev)
		return NULL;
	inode = bdev_new_inode();
	if (!inode) {
		kfree(bdev);
		return NULL;
	}
	inode->i_mode = S_IFBLK;
	inode->i_private = bdev;
	/* Its page cache is the device's buffer cache, in logical blocks to start with. */
	inode->i_mapping->a_ops = &def_blk_aops;
	inode->i_blkbits = (u8)ilog2(queue_logical_block_size(disk->queue));
	spin_lock_init(&bdev->bd_stats_lock);
	bdev->bd_stamp = jiffies;
	bdev->bd_inode = inode;
	bdev->bd_disk = disk;
	bdev->bd_queue = disk->queue;
	bdev->bd_partno = partno;
	return bdev;
}

void bdev_add(struct block_device *bdev, dev_t dev)
{
	bdev->bd_dev = dev;
	bdev->bd_inode->i_rdev = dev;
	bdev->bd_inode->i_size = bdev_nr_bytes(bdev);
}

struct block_device *blkdev_get_by_dev(dev_t dev, fmode_t mode, void *holder)
{
	struct block_device *bdev = blk_lookup_bdev(dev);

	if (!bdev)
		return ERR_PTR(-ENXIO);
	if ((mode & FMODE_WRITE) && bdev_read_only(bdev))
		return ERR_PTR(-EACCES);
	__atomic_fetch_add(&bdev->bd_openers, 1, __ATOMIC_RELAXED);
	return bdev;
}

void blkdev_put(struct block_device *bdev, fmode_t mode)
{
	WARN_ON_ONCE(__atomic_sub_fetch(&bdev->bd_openers, 1, __ATOMIC_RELAXED) < 0);
}

int lookup_bdev(const char *pathname, dev_t *dev)
{
	struct inode *inode;
	struct path path;
	int err;

	if (!pathname || !*pathname)
		return -EINVAL;
	err = kern_path(pathname, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	err = -ENOTBLK;
	if (!S_ISBLK(inode->i_mode))
		goto out;
	err = -EACCES;
	if (path.mnt->mnt_flags & MNT_NODEV)
		goto out;
	*dev = inode->i_rdev;
	err = 0;
out:
	path_put(&path);
	return err;
}
