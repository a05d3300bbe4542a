/*
 * Host stand-in for the block layer: the file operations fs/inode.c gives block device
 * inodes, and the bios fs/buffer.c submits. No host suite has a block device: an open
 * fails, there is no bdev super block, and no buffer I/O is ever started.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/blkdev.h>
#include <linux/bio.h>

static int blkdev_open_on_host(struct inode *inode, struct file *filp)
{
	return -ENXIO;
}

const struct file_operations def_blk_fops = {
	.open	= blkdev_open_on_host,
};

struct super_block *blockdev_superblock;

struct bio *bio_alloc(struct block_device *bdev, unsigned short nr_vecs, blk_opf_t opf,
		      gfp_t gfp)
{
	BUG();
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off)
{
	BUG();
}

void submit_bio(struct bio *bio)
{
	BUG();
}

void bio_put(struct bio *bio)
{
	BUG();
}

/* vfs_caches_init's: no block device here, so no "bdev" file system either. */
void bdev_cache_init(void)
{
}

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

/* No block device on the host: a plug never holds a request. */
void blk_start_plug(struct blk_plug *plug)
{
}

void blk_finish_plug(struct blk_plug *plug)
{
}
