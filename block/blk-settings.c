/* A queue's limits, as the driver sets them before add_disk (Linux's block/blk-settings.c). */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include "blk.h"

#define BLK_SAFE_MAX_SECTORS	255
#define BLK_MAX_SEGMENTS	128

void blk_set_default_limits(struct queue_limits *lim)
{
	*lim = (struct queue_limits){ .logical_block_size = SECTOR_SIZE,
		.physical_block_size = SECTOR_SIZE, .max_hw_sectors = BLK_SAFE_MAX_SECTORS,
		.max_segments = BLK_MAX_SEGMENTS };
}

void blk_queue_logical_block_size(struct request_queue *q, unsigned int size)
{
	q->limits.logical_block_size = size;
	if (q->limits.physical_block_size < size)
		q->limits.physical_block_size = size;
}

void blk_queue_physical_block_size(struct request_queue *q, unsigned int size)
{
	q->limits.physical_block_size = max(size, q->limits.logical_block_size);
}

void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors)
{
	/* At least a page: a request must hold any one segment. */
	q->limits.max_hw_sectors = max(max_hw_sectors, (unsigned int)(PAGE_SIZE >> SECTOR_SHIFT));
}

void blk_queue_max_segments(struct request_queue *q, unsigned short max_segments)
{
	q->limits.max_segments = max_t(unsigned int, max_segments, 1);
}

void blk_queue_max_discard_sectors(struct request_queue *q, unsigned int max_discard_sectors)
{
	q->limits.max_discard_sectors = max_discard_sectors;
}

void blk_queue_max_discard_segments(struct request_queue *q, unsigned short max_segments)
{
	q->limits.max_discard_segments = max_segments;
}

void blk_queue_write_cache(struct request_queue *q, bool wc, bool fua)
{
	q->queue_flags &= ~((1UL << QUEUE_FLAG_WC) | (1UL << QUEUE_FLAG_FUA));
	if (wc)
		q->queue_flags |= 1UL << QUEUE_FLAG_WC;
	if (wc && fua)
		q->queue_flags |= 1UL << QUEUE_FLAG_FUA;
}
