/* Helpers that build and wait for bios for whole ranges (Linux's block/blk-lib.c). */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include "blk.h"

int blkdev_issue_discard(struct block_device *bdev, sector_t sector, sector_t nr_sects,
			 gfp_t gfp_mask)
{
	unsigned int lbs_sectors = bdev_logical_block_size(bdev) >> SECTOR_SHIFT;
	/* One bio's bi_size is 32 bits: the queue splits what is left to its own limit. */
	sector_t max = ALIGN_DOWN((sector_t)(UINT_MAX >> SECTOR_SHIFT), lbs_sectors);
	int err = 0;

	if (!bdev_max_discard_sectors(bdev))
		return -EOPNOTSUPP;
	if ((sector | nr_sects) & (lbs_sectors - 1))
		return -EINVAL;
	while (nr_sects && !err) {
		sector_t n = min(nr_sects, max);
		struct bio bio;

		bio_init(&bio, bdev, NULL, 0, REQ_OP_DISCARD);
		bio.bi_iter.bi_sector = sector;
		bio.bi_iter.bi_size = (unsigned int)(n << SECTOR_SHIFT);
		err = submit_bio_wait(&bio);
		sector += n;
		nr_sects -= n;
	}
	return err;
}

int bdev_page_io(struct block_device *bdev, enum req_op op, loff_t start, struct page *page,
		 unsigned int off, unsigned int len)
{
	struct bio_vec bvec;
	struct bio bio;

	bio_init(&bio, bdev, &bvec, 1, op);
	bio.bi_iter.bi_sector = (sector_t)start >> SECTOR_SHIFT;
	bio_add_page(&bio, page, len, off);
	return submit_bio_wait(&bio);
}
