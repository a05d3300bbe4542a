/* What the files of block/ share and nothing else sees (Linux's block/blk.h). */
#ifndef _BLOCK_BLK_H
#define _BLOCK_BLK_H

#include <linux/blk-mq.h>

struct seq_file;

/* blk-core.c */
void blk_account_io_start(struct request *rq);
void blk_account_io_done(struct request *rq, unsigned int bytes, u64 now);
void blk_account_io_merge_bio(struct request *rq);
void part_stat_read_all(struct block_device *part, struct disk_stats *stat);
void blk_print_req_error(struct request *req, blk_status_t status);

/* blk-mq.c */
void blk_mq_submit_bio(struct request_queue *q, struct bio *bio);
/* The hardware context of cpu (Linux's default cpu to queue map). */
static inline unsigned int blk_mq_map_cpu(struct request_queue *q, unsigned int cpu)
{
	return cpu % q->nr_hw_queues;
}

/* blk-mq-sysfs.c: /sys/block/<disk>/mq/<n>/{nr_tags,cpu_list}. */
int blk_mq_sysfs_register(struct gendisk *disk);

/* blk-merge.c */
struct bio *__bio_split_to_limits(struct bio *bio, const struct queue_limits *lim,
				  unsigned int *nr_segs);
/* Merges bio into rq at its back or front if adjacent and within the limits. */
bool blk_attempt_bio_merge(struct request *rq, struct bio *bio, unsigned int nr_segs);

/* blk-flush.c: true if it took the bio over (ended it, or will submit it itself). */
bool blk_insert_flush(struct bio *bio);

/*
 * blk-lib.c: reads or writes len bytes (whole blocks) at byte start of bdev, from off in
 * page on (contiguous pages past it if len reaches them), as one bio; waits. 0 or -errno.
 */
int bdev_page_io(struct block_device *bdev, enum req_op op, loff_t start, struct page *page,
		 unsigned int off, unsigned int len);

/* blk-settings.c */
void blk_set_default_limits(struct queue_limits *lim);

/* bdev.c */
/* A block device of disk, partition partno (0: the whole disk), not yet reachable. */
struct block_device *bdev_alloc(struct gendisk *disk, u8 partno);
/* Makes bdev reachable as dev with its current size. */
void bdev_add(struct block_device *bdev, dev_t dev);

/* genhd.c */
struct gendisk *__alloc_disk_node(struct request_queue *q);
/* The block device of dev, or NULL. */
struct block_device *blk_lookup_bdev(dev_t dev);

/* partitions/core.c: scans the partition table and adds each partition. */
int blk_add_partitions(struct gendisk *disk);
/* Adds partition partno of disk: /dev and /sys entries. */
int add_partition(struct gendisk *disk, int partno, sector_t start, sector_t len);

/* ioctl.c */
long blkdev_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif
