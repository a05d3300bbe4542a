/*
 * Host tests only: the block_device of Linux 6.1's blk_types.h, as far as ext4 and
 * tests/host/bdev_image.c use it, for a build without block/'s bio layer yet.
 */
#ifndef _LINUX_BLK_TYPES_H
#define _LINUX_BLK_TYPES_H

#include <linux/types.h>

typedef u64 sector_t;
typedef unsigned int blk_opf_t;

#define REQ_META	(1U << 12)
#define REQ_PRIO	(1U << 13)

struct block_device {
	dev_t bd_dev;
	sector_t bd_nr_sectors;		/* the device's size in 512-byte sectors */
};

/* blkdev.h's, here because the kernel's blkdev.h has no struct block_device yet. */
static inline sector_t bdev_nr_sectors(struct block_device *bdev)
{
	return bdev->bd_nr_sectors;
}

#endif
