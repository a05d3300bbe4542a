/*
 * Fitting bios to a queue's limits and to each other (Linux's block/blk-merge.c): the
 * split of a bio too big for one request, the back and front merge of a bio into a
 * request, and the scatter list of a request for the driver.
 */
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/blk-mq.h>
#include "blk.h"

/*
 * The sectors of bio's start that fit in one request (all of it: 0) and, in *segs, the
 * single-page segments they take.
 */
static unsigned int bio_split_rw_at(struct bio *bio, const struct queue_limits *lim,
				    unsigned int *segs)
{
	unsigned int bytes = 0, max_bytes = lim->max_hw_sectors << SECTOR_SHIFT;
	struct bvec_iter iter;
	struct bio_vec bv;

	*segs = 0;
	bio_for_each_segment(bv, bio, iter) {
		if (*segs == lim->max_segments || bytes + bv.bv_len > max_bytes)
			return ALIGN_DOWN(bytes, lim->logical_block_size) >> SECTOR_SHIFT;
		(*segs)++;
		bytes += bv.bv_len;
	}
	return 0;
}

static unsigned int bio_split_discard_at(struct bio *bio, const struct queue_limits *lim)
{
	unsigned int max = ALIGN_DOWN(lim->max_discard_sectors,
				      lim->logical_block_size >> SECTOR_SHIFT);

	return bio_sectors(bio) > max ? max : 0;
}

/*
 * __bio_split_to_limits - the front of bio that fits in one request
 * If all of bio fits, bio itself; else a split chained to bio, which keeps the rest for
 * the caller's next call. *nr_segs: the segments of what is returned. NULL without memory.
 */
struct bio *__bio_split_to_limits(struct bio *bio, const struct queue_limits *lim,
				  unsigned int *nr_segs)
{
	unsigned int sectors, segs = 0;
	struct bio *split;

	switch (bio_op(bio)) {
	case REQ_OP_DISCARD:
		sectors = bio_split_discard_at(bio, lim);
		segs = 1;
		break;
	case REQ_OP_FLUSH:
		sectors = 0;
		break;
	default:
		sectors = bio_split_rw_at(bio, lim, &segs);
		break;
	}
	*nr_segs = segs;
	if (!sectors)
		return bio;
	split = bio_split(bio, (int)sectors, GFP_NOIO);
	if (!split)
		return NULL;
	bio_chain(split, bio);
	if (bio_op(bio) != REQ_OP_DISCARD)
		bio_split_rw_at(split, lim, nr_segs);
	return split;
}

/* Whether bio may join rq at all: same device and operation, merging allowed. */
static bool blk_rq_merge_ok(struct request *rq, struct bio *bio)
{
	if (rq->part != bio->bi_bdev || req_op(rq) != bio_op(bio))
		return false;
	if ((rq->cmd_flags | bio->bi_opf) & REQ_NOMERGE_FLAGS)
		return false;
	return bio_op(bio) == REQ_OP_READ || bio_op(bio) == REQ_OP_WRITE;
}

/* Whether rq stays within the limits with nr_segs more segments of bio. */
static bool ll_merge_fits(struct request *rq, struct bio *bio, unsigned int nr_segs)
{
	const struct queue_limits *lim = &rq->q->limits;

	return rq->nr_phys_segments + nr_segs <= lim->max_segments &&
	       blk_rq_sectors(rq) + bio_sectors(bio) <= lim->max_hw_sectors;
}

/* Appends bio to rq when it starts where rq ends (Linux's bio_attempt_back_merge). */
static bool bio_attempt_back_merge(struct request *rq, struct bio *bio, unsigned int nr_segs)
{
	if (blk_rq_pos(rq) + blk_rq_sectors(rq) != bio->bi_iter.bi_sector ||
	    !ll_merge_fits(rq, bio, nr_segs))
		return false;
	rq->biotail->bi_next = bio;
	rq->biotail = bio;
	rq->__data_len += bio->bi_iter.bi_size;
	rq->nr_phys_segments += nr_segs;
	return true;
}

/* Prepends bio to rq when it ends where rq starts. */
static bool bio_attempt_front_merge(struct request *rq, struct bio *bio, unsigned int nr_segs)
{
	if (bio_end_sector(bio) != blk_rq_pos(rq) || !ll_merge_fits(rq, bio, nr_segs))
		return false;
	bio->bi_next = rq->bio;
	rq->bio = bio;
	rq->__sector = bio->bi_iter.bi_sector;
	rq->__data_len += bio->bi_iter.bi_size;
	rq->nr_phys_segments += nr_segs;
	return true;
}

bool blk_attempt_bio_merge(struct request *rq, struct bio *bio, unsigned int nr_segs)
{
	if (!blk_rq_merge_ok(rq, bio))
		return false;
	if (!bio_attempt_back_merge(rq, bio, nr_segs) &&
	    !bio_attempt_front_merge(rq, bio, nr_segs))
		return false;
	blk_account_io_merge_bio(rq);
	return true;
}

int blk_rq_map_sg(struct request_queue *q, struct request *rq, struct scatterlist *sglist)
{
	struct scatterlist *sg = NULL;
	struct req_iterator iter;
	struct bio_vec bv;
	int nsegs = 0;

	rq_for_each_segment(bv, rq, iter) {
		if (sg && page_to_phys(sg_page(sg)) + sg->offset + sg->length ==
			  page_to_phys(bv.bv_page) + bv.bv_offset) {
			sg->length += bv.bv_len;
			continue;
		}
		sg = sg ? sg + 1 : sglist;
		sg_unmark_end(sg);
		sg_set_page(sg, bv.bv_page, bv.bv_len, bv.bv_offset);
		nsegs++;
	}
	if (sg)
		sg_mark_end(sg);
	return nsegs;
}
