/*
 * Block devices (Linux's blkdev.h): the gendisk a driver registers, its request_queue
 * and the limits a request must keep to, the block_device helpers file systems use,
 * and the per-task plug that gathers a burst of bios into few requests.
 */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/blk_types.h>
#include <linux/bio.h>

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1 << SECTOR_SHIFT)
#define DISK_NAME_LEN	32

struct blk_mq_tag_set;
struct blk_mq_hw_ctx;
struct blk_mq_ops;
struct device;
struct seq_file;

/* What one request may hold; the driver sets them before add_disk. */
struct queue_limits {
	unsigned int logical_block_size;
	unsigned int physical_block_size;
	unsigned int max_hw_sectors;		/* sectors in one request */
	unsigned int max_segments;		/* single-page segments in one request */
	unsigned int max_discard_sectors;	/* 0: no discard */
	unsigned int max_discard_segments;
	unsigned int discard_granularity;	/* bytes */
};

/* queue_flags bits */
#define QUEUE_FLAG_WC		0	/* the device has a volatile write cache */
#define QUEUE_FLAG_FUA		1	/* and honours REQ_FUA itself */

/*
 * A disk's queue: the hardware contexts (one per device queue) requests are dispatched to,
 * and the limits. Set up by blk_mq_alloc_disk and the driver before add_disk; then
 * read-only.
 */
struct request_queue {
	const struct blk_mq_ops *mq_ops;
	struct blk_mq_tag_set *tag_set;
	struct blk_mq_hw_ctx **queue_hw_ctx;
	unsigned int nr_hw_queues;
	struct queue_limits limits;
	unsigned long queue_flags;
	void *queuedata;			/* the driver's */
	struct gendisk *disk;
};

#define DISK_MAX_PARTS	256

#define BLOCK_EXT_MAJOR		259
#define BLKDEV_MAJOR_MAX	512

/* A block major for name (0: a free one): the major, or -EBUSY / -ENOMEM. */
int register_blkdev(unsigned int major, const char *name);
/* /proc/devices' line for major offset, if it is registered. */
void blkdev_show(struct seq_file *seqf, off_t offset);

/* gendisk->flags, shown in its capability file */
#define GENHD_FL_REMOVABLE	(1 << 0)
#define GENHD_FL_HIDDEN		(1 << 1)
#define GENHD_FL_NO_PART	(1 << 2)	/* no partitions are scanned or added */

/* The disks' class: /sys/class/block, and the MAJ:MIN links in /sys/dev/block. */
extern struct class block_class;

/*
 * A disk: its block devices (part_tbl[0] the whole disk, then partitions by number, made
 * when add_disk scans the partition table, under the bdev table's lock) and its queue.
 */
struct gendisk {
	int major;
	int first_minor;
	int minors;			/* numbers from first_minor: the disk and its partitions */
	int flags;			/* GENHD_FL_*, set by the driver before add_disk */
	char disk_name[DISK_NAME_LEN];
	struct block_device *part0;
	struct block_device **part_tbl;	/* minors of them, by partition number */
	struct request_queue *queue;
	struct backing_dev_info *bdi;	/* its dirty pages' flusher (device_add_disk) */
	void *private_data;		/* the driver's */
};

/* The page cache operations of block devices' inodes (block/fops.c). */
extern const struct address_space_operations def_blk_aops;


static inline sector_t get_capacity(const struct gendisk *disk)
{
	return disk->part0->bd_nr_sectors;
}

/* The disk's size in 512-byte sectors, whatever its block size; before add_disk. */
void set_capacity(struct gendisk *disk, sector_t size);

/* Scans partitions, makes /dev/<disk_name> and its partitions' nodes, /sys/block. 0 or -errno. */
int device_add_disk(struct device *parent, struct gendisk *disk,
		    const struct attribute_group **groups);

static inline int add_disk(struct gendisk *disk)
{
	return device_add_disk(NULL, disk, NULL);
}

/* The block device whose page cache inode is (bdev->bd_inode). */
static inline struct block_device *I_BDEV(struct inode *inode)
{
	return inode->i_private;
}

static inline struct request_queue *bdev_get_queue(struct block_device *bdev)
{
	return bdev->bd_queue;
}

static inline unsigned int queue_logical_block_size(const struct request_queue *q)
{
	return q->limits.logical_block_size;
}

static inline unsigned int bdev_logical_block_size(struct block_device *bdev)
{
	return queue_logical_block_size(bdev_get_queue(bdev));
}

static inline unsigned int bdev_physical_block_size(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->limits.physical_block_size;
}

static inline sector_t bdev_nr_sectors(struct block_device *bdev)
{
	return bdev->bd_nr_sectors;
}

static inline loff_t bdev_nr_bytes(struct block_device *bdev)
{
	return (loff_t)bdev_nr_sectors(bdev) << SECTOR_SHIFT;
}

static inline bool bdev_read_only(struct block_device *bdev)
{
	return bdev->bd_read_only;
}

static inline unsigned int bdev_max_discard_sectors(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->limits.max_discard_sectors;
}

static inline bool bdev_write_cache(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->queue_flags & (1UL << QUEUE_FLAG_WC);
}

static inline bool bdev_is_partition(struct block_device *bdev)
{
	return bdev->bd_partno;
}

void blk_queue_logical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_physical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors);
void blk_queue_max_segments(struct request_queue *q, unsigned short max_segments);
void blk_queue_max_discard_sectors(struct request_queue *q, unsigned int max_discard_sectors);
void blk_queue_max_discard_segments(struct request_queue *q, unsigned short max_segments);
/* Whether the device has a volatile cache (flushes are sent) and honours FUA. */
void blk_queue_write_cache(struct request_queue *q, bool wc, bool fua);

/*
 * blkdev_get_by_dev - opens the block device dev (a disk or a partition)
 * Context: process. Return: it, or ERR_PTR(-ENXIO) when there is none.
 */
struct block_device *blkdev_get_by_dev(dev_t dev, fmode_t mode, void *holder);
/* Closes what blkdev_get_by_dev opened. */
void blkdev_put(struct block_device *bdev, fmode_t mode);
/* The device number of the block device node at pathname. 0, or -ENOTBLK, -ENOENT... */
int lookup_bdev(const char *pathname, dev_t *dev);
/* The device's name for messages and /proc ("vda", "vda1"). */
void bdev_name(struct block_device *bdev, char *buf, size_t size);

/* Writes the device's volatile cache to stable storage and waits. 0 or -errno. */
int blkdev_issue_flush(struct block_device *bdev);
/* Tells the device that nr_sects sectors at sector hold nothing of value; waits. 0 or -errno. */
int blkdev_issue_discard(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			 gfp_t gfp_mask);

/*
 * A plug: the requests a task builds between blk_start_plug and blk_finish_plug stay on
 * mq_list (the newest first) and reach the driver together, adjacent bios merged. Owned
 * by its task, which flushes it when it sleeps (schedule) so none waits on itself.
 */
struct blk_plug {
	struct request *mq_list;
	unsigned short rq_count;
	bool multiple_queues;
};

#define BLK_MAX_REQUEST_COUNT	32

void blk_start_plug(struct blk_plug *plug);
void blk_finish_plug(struct blk_plug *plug);
/* Sends the plug's requests to their queues (from_schedule: the task is going to sleep). */
void __blk_flush_plug(struct blk_plug *plug, bool from_schedule);

static inline void blk_flush_plug(struct blk_plug *plug, bool async)
{
	if (plug)
		__blk_flush_plug(plug, async);
}

/* submit_bio without the caller's accounting: for the block layer's own bios. */
void submit_bio_noacct(struct bio *bio);

int blk_status_to_errno(blk_status_t status);
blk_status_t errno_to_blk_status(int errno);

extern const struct file_operations def_blk_fops;

#endif
