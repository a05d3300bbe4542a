/*
 * The block layer's types (Linux's blk_types.h): the status a bio ends with, the
 * operation and flags it carries (bi_opf), the bio itself and the block_device it is
 * aimed at (a whole disk or one partition of it).
 */
#ifndef _LINUX_BLK_TYPES_H
#define _LINUX_BLK_TYPES_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/device.h>
#include <linux/bvec.h>


struct bio;
struct gendisk;
struct inode;
struct request_queue;

typedef u8 blk_status_t;
#define BLK_STS_OK		((blk_status_t)0)
#define BLK_STS_NOTSUPP		((blk_status_t)1)
#define BLK_STS_TIMEOUT		((blk_status_t)2)
#define BLK_STS_NOSPC		((blk_status_t)3)
#define BLK_STS_TRANSPORT	((blk_status_t)4)
#define BLK_STS_TARGET		((blk_status_t)5)
#define BLK_STS_MEDIUM		((blk_status_t)7)
#define BLK_STS_PROTECTION	((blk_status_t)8)
#define BLK_STS_RESOURCE	((blk_status_t)9)
#define BLK_STS_IOERR		((blk_status_t)10)
#define BLK_STS_AGAIN		((blk_status_t)12)
/* The driver will rerun the queue itself once the resource it lacked is free. */
#define BLK_STS_DEV_RESOURCE	((blk_status_t)13)

/*
 * Per-partition I/O statistics, as /proc/diskstats prints them (index: enum stat_group).
 * Under the block_device's bd_stats_lock (irqs off: completions come from interrupts).
 */
enum stat_group {
	STAT_READ,
	STAT_WRITE,
	STAT_DISCARD,
	STAT_FLUSH,
	NR_STAT_GROUPS
};

struct disk_stats {
	u64 nsecs[NR_STAT_GROUPS];		/* time from start to completion, summed */
	unsigned long sectors[NR_STAT_GROUPS];	/* 512-byte sectors completed */
	unsigned long ios[NR_STAT_GROUPS];	/* requests completed */
	unsigned long merges[NR_STAT_GROUPS];	/* bios merged into a request */
	unsigned long io_ticks;			/* jiffies with at least one request in flight */
	unsigned int in_flight[2];		/* requests started, not completed: read, write */
};

/*
 * A block device: a whole disk (bd_partno 0, the disk's part0) or one partition, and the
 * inode whose address_space caches its blocks. bd_openers counts blkdev_get_by_dev's
 * holders (under the bdev table's lock in block/bdev.c); bd_start_sect and bd_nr_sectors
 * do not change once the partition is added.
 */
struct block_device {
	sector_t bd_start_sect;		/* first 512-byte sector on the disk */
	sector_t bd_nr_sectors;
	struct disk_stats bd_stats;	/* under bd_stats_lock */
	unsigned long bd_stamp;		/* jiffies of the last io_ticks update */
	spinlock_t bd_stats_lock;
	bool bd_read_only;
	dev_t bd_dev;
	int bd_openers;
	struct inode *bd_inode;		/* its page cache: bd_inode->i_mapping */
	struct gendisk *bd_disk;
	struct request_queue *bd_queue;
	u8 bd_partno;
	struct device bd_device;	/* .../block/<disk>[/<partition>] in /sys/devices */
};

/* bi_opf: the operation in the low REQ_OP_BITS, then the flags. */
typedef u32 blk_opf_t;

#define REQ_OP_BITS	8
#define REQ_OP_MASK	(blk_opf_t)((1 << REQ_OP_BITS) - 1)

enum req_op {
	REQ_OP_READ		= 0,
	REQ_OP_WRITE		= 1,
	REQ_OP_FLUSH		= 2,	/* the device's volatile cache */
	REQ_OP_DISCARD		= 3,	/* the sectors' contents may go */
};

enum req_flag_bits {
	__REQ_FAILFAST_DEV = REQ_OP_BITS,
	__REQ_FAILFAST_TRANSPORT,
	__REQ_FAILFAST_DRIVER,
	__REQ_SYNC,
	__REQ_META,
	__REQ_PRIO,
	__REQ_NOMERGE,
	__REQ_IDLE,
	__REQ_INTEGRITY,
	__REQ_FUA,
	__REQ_PREFLUSH,
	__REQ_RAHEAD,
	__REQ_BACKGROUND,
	__REQ_NOWAIT,
};

#define REQ_SYNC	((1U << __REQ_SYNC))
#define REQ_META	((1U << __REQ_META))
#define REQ_PRIO	((1U << __REQ_PRIO))
#define REQ_NOMERGE	((1U << __REQ_NOMERGE))
#define REQ_IDLE	((1U << __REQ_IDLE))
#define REQ_FUA		((1U << __REQ_FUA))
#define REQ_PREFLUSH	((1U << __REQ_PREFLUSH))
#define REQ_RAHEAD	((1U << __REQ_RAHEAD))
#define REQ_BACKGROUND	((1U << __REQ_BACKGROUND))
#define REQ_NOWAIT	((1U << __REQ_NOWAIT))
/* Flags that forbid merging a bio with another. */
#define REQ_NOMERGE_FLAGS	(REQ_NOMERGE | REQ_PREFLUSH | REQ_FUA)

static inline bool op_is_write(blk_opf_t op)
{
	return op & 1;
}

/* The writes a caller waits for (Linux's op_is_sync). */
static inline bool op_is_sync(blk_opf_t op)
{
	return (op & REQ_OP_MASK) == REQ_OP_READ ||
	       (op & (REQ_SYNC | REQ_FUA | REQ_PREFLUSH));
}

static inline bool op_is_flush(blk_opf_t op)
{
	return op & (REQ_FUA | REQ_PREFLUSH);
}

static inline bool op_is_discard(blk_opf_t op)
{
	return (op & REQ_OP_MASK) == REQ_OP_DISCARD;
}

typedef void (bio_end_io_t)(struct bio *);

/* bi_flags */
enum {
	BIO_CLONED,		/* shares its bi_io_vec with the bio it was split from */
	BIO_CHAIN,		/* __bi_remaining counts chained children */
	BIO_REMAPPED,		/* bi_sector is the disk's, no longer the partition's */
};

/*
 * A block I/O: bi_iter's bytes at bi_iter.bi_sector (512-byte units, of bi_bdev), to or
 * from the pages of bi_io_vec. The submitter owns it until bio_endio calls bi_end_io
 * (any context, interrupts included) with bi_status set. __bi_cnt counts references
 * (bio_get/bio_put) and __bi_remaining the completions still owed by chained bios, both
 * atomic.
 */
struct bio {
	struct bio *bi_next;		/* a request's list of bios */
	struct block_device *bi_bdev;
	blk_opf_t bi_opf;
	unsigned short bi_flags;	/* BIO_*, as bits */
	unsigned short bi_ioprio;
	blk_status_t bi_status;
	int __bi_remaining;
	struct bvec_iter bi_iter;
	bio_end_io_t *bi_end_io;
	void *bi_private;
	unsigned short bi_vcnt;		/* bio_vecs filled */
	unsigned short bi_max_vecs;
	int __bi_cnt;
	struct bio_vec *bi_io_vec;
	struct bio_vec bi_inline_vecs[];
};

static inline enum req_op bio_op(const struct bio *bio)
{
	return (enum req_op)(bio->bi_opf & REQ_OP_MASK);
}

#endif
