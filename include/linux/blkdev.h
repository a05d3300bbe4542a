/*
 * Block devices, the first layer: a gendisk whose driver moves whole logical blocks
 * between a kernel buffer and the disk, synchronously. The block layer proper (bio and
 * request, blk-mq queues, plugging) comes later: it replaces ->transfer with submit_bio
 * and the driver's queue_rq, and keeps the gendisk and the /dev node as they are.
 */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/fs.h>

typedef u64 sector_t;

#define SECTOR_SHIFT	9
#define DISK_NAME_LEN	32

enum req_op {
	REQ_OP_READ	= 0,
	REQ_OP_WRITE	= 1,
	REQ_OP_FLUSH	= 2,
};

struct gendisk;

struct block_device_operations {
	/*
	 * Moves len bytes (whole logical blocks) at 512-byte sector between the disk and
	 * buf (kernel memory, not crossing a page), or flushes the write cache (FLUSH: no
	 * buf). Sleeps until the disk is done. Return: 0, or -EIO when the device fails.
	 */
	int (*transfer)(struct gendisk *disk, enum req_op op, sector_t sector, void *buf,
			unsigned int len);
};

struct gendisk {
	unsigned int major;
	unsigned int first_minor;
	char disk_name[DISK_NAME_LEN];
	const struct block_device_operations *fops;
	void *private_data;		/* the driver's */
	sector_t capacity;		/* in 512-byte sectors, whatever the block size */
	unsigned int logical_block_size;
};

static inline sector_t get_capacity(const struct gendisk *disk)
{
	return disk->capacity;
}

/* Makes /dev/<disk_name> (S_IFBLK, major:first_minor) reach disk; 0 or -errno. */
int add_disk(struct gendisk *disk);

extern const struct file_operations def_blk_fops;

#endif
