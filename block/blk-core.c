/*
 * The entry of the block layer (Linux's block/blk-core.c): submit_bio checks a bio
 * against its device (read-only, past the end, what the queue supports), moves a
 * partition's sector to the disk's, and hands it to blk-mq; the per-task plug; the
 * statistics /proc/diskstats prints; blk_status_t to errno.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/blk-mq.h>
#include "blk.h"

static const struct {
	int errno;
	const char *name;
} blk_errors[] = {
	[BLK_STS_OK]		= { 0,		"" },
	[BLK_STS_NOTSUPP]	= { -EOPNOTSUPP, "operation not supported" },
	[BLK_STS_TIMEOUT]	= { -ETIMEDOUT,	"timeout" },
	[BLK_STS_NOSPC]		= { -ENOSPC,	"critical space allocation" },
	[BLK_STS_TRANSPORT]	= { -ENOLINK,	"recoverable transport" },
	[BLK_STS_TARGET]	= { -EREMOTEIO,	"critical target" },
	[BLK_STS_MEDIUM]	= { -ENODATA,	"critical medium" },
	[BLK_STS_PROTECTION]	= { -EILSEQ,	"protection" },
	[BLK_STS_RESOURCE]	= { -ENOMEM,	"kernel resource" },
	[BLK_STS_DEV_RESOURCE]	= { -EBUSY,	"device resource" },
	[BLK_STS_AGAIN]		= { -EAGAIN,	"nonblocking retry" },
	[BLK_STS_IOERR]		= { -EIO,	"I/O" },
};

int blk_status_to_errno(blk_status_t status)
{
	if (WARN_ON_ONCE(status >= ARRAY_SIZE(blk_errors) ||
			 (status && !blk_errors[status].errno)))
		return -EIO;
	return blk_errors[status].errno;
}

blk_status_t errno_to_blk_status(int errno)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(blk_errors); i++)
		if (blk_errors[i].name && blk_errors[i].errno == errno)
			return (blk_status_t)i;
	return BLK_STS_IOERR;
}

/* "I/O error, dev vda, sector 8 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0", as Linux's. */
void blk_print_req_error(struct request *req, blk_status_t status)
{
	static const char *const ops[] = { "READ", "WRITE", "FLUSH", "DISCARD" };
	const char *name = status < ARRAY_SIZE(blk_errors) && blk_errors[status].name ?
			   blk_errors[status].name : "<null>";

	pr_err("%s error, dev %s, sector %llu op 0x%x:(%s) flags 0x%x phys_seg %u prio class 0\n",
	       name, req->q->disk->disk_name, (unsigned long long)blk_rq_pos(req), req_op(req),
	       ops[req_op(req)], req->cmd_flags & ~REQ_OP_MASK, req->nr_phys_segments);
}

/* Whether bio stays inside its block device; reports one that does not. */
static bool bio_check_eod(struct bio *bio)
{
	sector_t maxsector = bdev_nr_sectors(bio->bi_bdev);
	unsigned int nr_sectors = bio_sectors(bio);

	if (!nr_sectors || (nr_sectors <= maxsector &&
			    bio->bi_iter.bi_sector <= maxsector - nr_sectors))
		return true;
	pr_info("%s: attempt to access beyond end of device\n"
		"%s: rw=%u, sector=%llu, nr_sectors = %u limit=%llu\n",
		current->comm, bio->bi_bdev->bd_disk->disk_name, bio->bi_opf,
		(unsigned long long)bio->bi_iter.bi_sector, nr_sectors,
		(unsigned long long)maxsector);
	return false;
}

/* A partition's sector becomes the disk's, once. */
static void blk_partition_remap(struct bio *bio)
{
	struct block_device *p = bio->bi_bdev;

	if (!bdev_is_partition(p) || bio_flagged(bio, BIO_REMAPPED))
		return;
	bio->bi_iter.bi_sector += p->bd_start_sect;
	bio_set_flag(bio, BIO_REMAPPED);
}

/* The checks of submit_bio_noacct: BLK_STS_OK, or the status to end the bio with. */
static blk_status_t submit_bio_check(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	struct request_queue *q = bdev_get_queue(bdev);

	if (op_is_write(bio_op(bio)) && bio_sectors(bio) && bdev_read_only(bdev))
		return BLK_STS_IOERR;
	if (!bio_check_eod(bio))
		return BLK_STS_IOERR;
	switch (bio_op(bio)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		return BLK_STS_OK;
	case REQ_OP_FLUSH:
		/* A flush carries no data: only REQ_OP_WRITE | REQ_PREFLUSH does. */
		return bio->bi_iter.bi_size ? BLK_STS_IOERR : BLK_STS_OK;
	case REQ_OP_DISCARD:
		return q->limits.max_discard_sectors ? BLK_STS_OK : BLK_STS_NOTSUPP;
	}
	return BLK_STS_NOTSUPP;
}

void submit_bio_noacct(struct bio *bio)
{
	struct request_queue *q;
	blk_status_t status;

	if (WARN_ON_ONCE(!bio->bi_bdev)) {
		bio_io_error(bio);
		return;
	}
	q = bdev_get_queue(bio->bi_bdev);
	status = submit_bio_check(bio);
	if (status) {
		bio->bi_status = status;
		bio_endio(bio);
		return;
	}
	blk_partition_remap(bio);
	if (op_is_flush(bio->bi_opf) && !bdev_write_cache(bio->bi_bdev)) {
		/* Nothing volatile to flush: every completed write is already durable. */
		bio->bi_opf &= ~(REQ_PREFLUSH | REQ_FUA);
		if (!bio_sectors(bio)) {
			bio_endio(bio);
			return;
		}
	}
	if (bio_op(bio) == REQ_OP_FLUSH && !bdev_write_cache(bio->bi_bdev)) {
		bio_endio(bio);
		return;
	}
	blk_mq_submit_bio(q, bio);
}

void submit_bio(struct bio *bio)
{
	might_sleep();
	submit_bio_noacct(bio);
}

void blk_start_plug(struct blk_plug *plug)
{
	struct task_struct *tsk = current;

	/* A nested plug changes nothing: the outermost one flushes. */
	if (tsk->plug)
		return;
	*plug = (struct blk_plug){ 0 };
	tsk->plug = plug;
}

void blk_finish_plug(struct blk_plug *plug)
{
	if (plug != current->plug)
		return;
	__blk_flush_plug(plug, false);
	current->plug = NULL;
}

/* part, then its whole disk when part is a partition. */
#define for_part_and_whole(p, part)					\
	for (p = (part); p; p = bdev_is_partition(p) ? p->bd_disk->part0 : NULL)

/*
 * Statistics: each count in the partition and, for a partition, in its whole disk too
 * (Linux's part_stat_add). io_ticks grows by the jiffies since the last update while a
 * request was in flight (update_io_ticks).
 */
static void update_io_ticks_one(struct block_device *part, unsigned long now, bool end)
{
	if (time_after(now, part->bd_stamp)) {
		if (end || part->bd_stats.in_flight[0] || part->bd_stats.in_flight[1])
			part->bd_stats.io_ticks += now - part->bd_stamp;
		part->bd_stamp = now;
	}
}

void blk_account_io_start(struct request *rq)
{
	struct block_device *p;
	unsigned long flags;

	rq->start_time_ns = ktime_get_ns();
	for_part_and_whole(p, rq->part) {
		spin_lock_irqsave(&p->bd_stats_lock, flags);
		update_io_ticks_one(p, jiffies, false);
		p->bd_stats.in_flight[op_is_write(req_op(rq))]++;
		spin_unlock_irqrestore(&p->bd_stats_lock, flags);
	}
}

static enum stat_group op_stat_group(enum req_op op)
{
	if (op == REQ_OP_DISCARD)
		return STAT_DISCARD;
	if (op == REQ_OP_FLUSH)
		return STAT_FLUSH;
	return op_is_write(op) ? STAT_WRITE : STAT_READ;
}

/* At the request's end: its I/O, its sectors and its time. */
void blk_account_io_done(struct request *rq, unsigned int bytes, u64 now)
{
	enum stat_group sgrp = op_stat_group(req_op(rq));
	struct block_device *p;
	unsigned long flags;

	for_part_and_whole(p, rq->part) {
		spin_lock_irqsave(&p->bd_stats_lock, flags);
		update_io_ticks_one(p, jiffies, true);
		p->bd_stats.ios[sgrp]++;
		p->bd_stats.sectors[sgrp] += bytes >> SECTOR_SHIFT;
		p->bd_stats.nsecs[sgrp] += now - rq->start_time_ns;
		p->bd_stats.in_flight[op_is_write(req_op(rq))]--;
		spin_unlock_irqrestore(&p->bd_stats_lock, flags);
	}
}

/* A bio merged into a request already made. */
void blk_account_io_merge_bio(struct request *rq)
{
	enum stat_group sgrp = op_stat_group(req_op(rq));
	struct block_device *p;
	unsigned long flags;

	for_part_and_whole(p, rq->part) {
		spin_lock_irqsave(&p->bd_stats_lock, flags);
		p->bd_stats.merges[sgrp]++;
		spin_unlock_irqrestore(&p->bd_stats_lock, flags);
	}
}

/* A consistent copy of part's statistics, io_ticks brought up to now. */
void part_stat_read_all(struct block_device *part, struct disk_stats *stat)
{
	unsigned long flags;

	spin_lock_irqsave(&part->bd_stats_lock, flags);
	update_io_ticks_one(part, jiffies, false);
	*stat = part->bd_stats;
	spin_unlock_irqrestore(&part->bd_stats_lock, flags);
}
