/*
 * Cache flushes (Linux's block/blk-flush.c, simplified): REQ_PREFLUSH and REQ_FUA on a
 * device with a volatile write cache. A preflush is a flush request waited for before the
 * data goes; a FUA write on a device without FUA is followed by a flush before the bio
 * ends. Devices without a cache never get here (submit_bio_noacct drops the flags).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/blk-mq.h>
#include "blk.h"

/* A FUA bio between the end of its write and the end of the flush after it. */
struct blk_fua_wait {
	struct bio *bio;
	bio_end_io_t *end_io;		/* the submitter's, restored before the bio ends */
	void *private;
	struct work_struct work;
};

static void blk_fua_flush_work(struct work_struct *work)
{
	struct blk_fua_wait *fw = container_of(work, struct blk_fua_wait, work);
	struct bio *bio = fw->bio;

	if (!bio->bi_status)
		bio->bi_status = errno_to_blk_status(blkdev_issue_flush(bio->bi_bdev));
	bio->bi_end_io = fw->end_io;
	bio->bi_private = fw->private;
	kfree(fw);
	bio_endio(bio);
}

/* The write is done (any context): the flush that makes it durable must sleep. */
static void blk_fua_end_io(struct bio *bio)
{
	struct blk_fua_wait *fw = bio->bi_private;

	queue_work(system_wq, &fw->work);
}

bool blk_insert_flush(struct bio *bio)
{
	struct request_queue *q = bdev_get_queue(bio->bi_bdev);
	struct blk_fua_wait *fw;
	int err;

	if (!bio_sectors(bio)) {
		/* An empty preflush is a flush. */
		bio->bi_opf = REQ_OP_FLUSH | (bio->bi_opf & ~(REQ_OP_MASK | REQ_PREFLUSH | REQ_FUA));
		return false;
	}
	if (bio->bi_opf & REQ_PREFLUSH) {
		bio->bi_opf &= ~REQ_PREFLUSH;
		err = blkdev_issue_flush(bio->bi_bdev);
		if (err) {
			bio->bi_status = errno_to_blk_status(err);
			bio_endio(bio);
			return true;
		}
	}
	if (!(bio->bi_opf & REQ_FUA) || (q->queue_flags & (1UL << QUEUE_FLAG_FUA)))
		return false;
	bio->bi_opf &= ~REQ_FUA;
	fw = kmalloc(sizeof(*fw), GFP_NOIO);
	if (!fw) {
		bio->bi_status = BLK_STS_RESOURCE;
		bio_endio(bio);
		return true;
	}
	*fw = (struct blk_fua_wait){ .bio = bio, .end_io = bio->bi_end_io,
				     .private = bio->bi_private };
	INIT_WORK(&fw->work, blk_fua_flush_work);
	bio->bi_end_io = blk_fua_end_io;
	bio->bi_private = fw;
	return false;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio bio;

	bio_init(&bio, bdev, NULL, 0, REQ_OP_WRITE | REQ_PREFLUSH);
	return submit_bio_wait(&bio);
}
