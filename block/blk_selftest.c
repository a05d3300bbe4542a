/*
 * selftest=blk: KTAP checks of the block layer against a disk of its own whose driver
 * (like Linux's null_blk) records each request ->queue_rq gets and ends it at once:
 * plugs merging adjacent bios (back and front) up to the queue's limits, bios split to
 * the limits, errors and the end of the device, a driver out of resources, and
 * REQ_PREFLUSH | REQ_FUA as flushes around the write on a cached device.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/selftest.h>
#include <linux/blk-mq.h>

#define TEST_SECTORS	8192
#define TEST_MAX_SEGS	4
#define TEST_FAIL_SECTOR 4096	/* requests starting here end with BLK_STS_IOERR */
#define TEST_BUSY_SECTOR 2048	/* the first request starting here finds the driver busy */
#define MAX_SEEN	16

/* What ->queue_rq saw, in order; under seen_lock (it may run from a worker). */
struct seen_rq {
	enum req_op op;
	sector_t sector;
	unsigned int sectors;
	unsigned int bios;
	unsigned int segs;
};

static struct seen_rq seen[MAX_SEEN];
static unsigned int nr_seen, busy_left;
static DEFINE_SPINLOCK(seen_lock);
static struct blk_mq_tag_set test_set;
static struct gendisk *test_disk;
static struct page *test_pages[8];

static blk_status_t test_queue_rq(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	struct seen_rq s = { .op = req_op(rq), .sector = blk_rq_pos(rq),
			     .sectors = blk_rq_sectors(rq), .segs = blk_rq_nr_phys_segments(rq) };
	struct bio *bio;

	__rq_for_each_bio(bio, rq)
		s.bios++;
	spin_lock(&seen_lock);
	if (nr_seen < MAX_SEEN)
		seen[nr_seen++] = s;
	blk_mq_start_request(rq);
	if (s.sector == TEST_BUSY_SECTOR && busy_left) {
		/* Started, then out of room, as virtio_blk's queue_rq can be. */
		busy_left--;
		blk_mq_stop_hw_queue(hctx);
		spin_unlock(&seen_lock);
		return BLK_STS_DEV_RESOURCE;
	}
	spin_unlock(&seen_lock);
	blk_mq_end_request(rq, s.sector == TEST_FAIL_SECTOR && s.op != REQ_OP_FLUSH ?
			   BLK_STS_IOERR : BLK_STS_OK);
	return BLK_STS_OK;
}

static const struct blk_mq_ops test_mq_ops = {
	.queue_rq	= test_queue_rq,
};

static void reset_seen(void)
{
	spin_lock(&seen_lock);
	nr_seen = 0;
	spin_unlock(&seen_lock);
}

static unsigned int bios_ended;		/* atomic */

static void count_end_io(struct bio *bio)
{
	__atomic_fetch_add(&bios_ended, 1, __ATOMIC_RELAXED);
	bio_put(bio);
}

/* A bio of npages test pages at sector, counted in bios_ended when it ends. */
static struct bio *test_bio(sector_t sector, unsigned int npages, blk_opf_t opf)
{
	struct bio *bio = bio_alloc(test_disk->part0, (unsigned short)npages, opf, GFP_KERNEL);

	if (!bio)
		return NULL;
	bio->bi_iter.bi_sector = sector;
	bio->bi_end_io = count_end_io;
	for (unsigned int i = 0; i < npages; i++)
		bio_add_page(bio, test_pages[i], PAGE_SIZE, 0);
	return bio;
}

static bool submit_reads(sector_t first, int step, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct bio *bio = test_bio(first + (sector_t)((int)i * step), 1, REQ_OP_READ);

		if (!bio)
			return false;
		submit_bio(bio);
	}
	return true;
}

static bool seen_is(unsigned int i, enum req_op op, sector_t sector, unsigned int sectors,
		    unsigned int bios)
{
	struct seen_rq *s = &seen[i];

	if (s->op == op && s->sector == sector && s->sectors == sectors && s->bios == bios)
		return true;
	pr_err("# request %u: op %d sector %llu sectors %u bios %u; expected %d %llu %u %u\n", i,
	       s->op, (unsigned long long)s->sector, s->sectors, s->bios, op,
	       (unsigned long long)sector, sectors, bios);
	return false;
}

/*
 * Eight adjacent one-page reads under a plug: nothing reaches the driver before
 * blk_finish_plug, then two requests of four bios (max_segments is four), six merges.
 */
static bool plug_merges_adjacent(void)
{
	unsigned long merges = test_disk->part0->bd_stats.merges[STAT_READ];
	struct blk_plug plug;
	bool held;

	reset_seen();
	bios_ended = 0;
	blk_start_plug(&plug);
	if (!submit_reads(0, 8, 8))
		return false;
	held = nr_seen == 0;
	blk_finish_plug(&plug);
	return held && nr_seen == 2 && bios_ended == 8 && seen_is(0, REQ_OP_READ, 0, 32, 4) &&
	       seen_is(1, REQ_OP_READ, 32, 32, 4) &&
	       test_disk->part0->bd_stats.merges[STAT_READ] - merges == 6;
}

/* Bios submitted backwards under a plug merge at the request's front. */
static bool plug_front_merge(void)
{
	struct blk_plug plug;

	reset_seen();
	blk_start_plug(&plug);
	if (!submit_reads(24, -8, 3))
		return false;
	blk_finish_plug(&plug);
	return nr_seen == 1 && seen_is(0, REQ_OP_READ, 8, 24, 3);
}

/* Without a plug each bio is its own request, issued at once. */
static bool no_plug_no_merge(void)
{
	reset_seen();
	return submit_reads(0, 8, 3) && nr_seen == 3 && seen_is(2, REQ_OP_READ, 16, 8, 1);
}

/* A bio of six pages is split into four segments and two; it ends once, after both. */
static bool split_to_limits(void)
{
	struct bio *bio = test_bio(64, 6, REQ_OP_READ);

	reset_seen();
	bios_ended = 0;
	if (!bio)
		return false;
	submit_bio(bio);
	return nr_seen == 2 && bios_ended == 1 && seen_is(0, REQ_OP_READ, 64, 32, 1) &&
	       seen_is(1, REQ_OP_READ, 96, 16, 1) && seen[0].segs == 4 && seen[1].segs == 2;
}

/* submit_bio_wait of a bio the driver fails gives -EIO; past the end never reaches it. */
static bool errors_reach_caller(void)
{
	struct bio_vec bv;
	struct bio bio;
	int err, err_eod;

	reset_seen();
	bio_init(&bio, test_disk->part0, &bv, 1, REQ_OP_WRITE);
	bio.bi_iter.bi_sector = TEST_FAIL_SECTOR;
	bio_add_page(&bio, test_pages[0], PAGE_SIZE, 0);
	err = submit_bio_wait(&bio);
	bio_init(&bio, test_disk->part0, &bv, 1, REQ_OP_READ);
	bio.bi_iter.bi_sector = TEST_SECTORS - 4;
	bio_add_page(&bio, test_pages[0], PAGE_SIZE, 0);
	err_eod = submit_bio_wait(&bio);
	return err == -EIO && err_eod == -EIO && nr_seen == 1;
}

static void complete_end_io(struct bio *bio)
{
	complete(bio->bi_private);
}

/* A driver out of resources gets the request again once it restarts its queues. */
static bool busy_driver_requeue(void)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct bio_vec bv;
	struct bio bio;
	bool held;

	reset_seen();
	busy_left = 1;
	bio_init(&bio, test_disk->part0, &bv, 1, REQ_OP_READ);
	bio.bi_iter.bi_sector = TEST_BUSY_SECTOR;
	bio_add_page(&bio, test_pages[0], PAGE_SIZE, 0);
	bio.bi_private = &done;
	bio.bi_end_io = complete_end_io;
	submit_bio(&bio);
	held = nr_seen == 1 && !completion_done(&done);
	blk_mq_start_stopped_hw_queues(test_disk->queue, true);
	if (!wait_for_completion_timeout(&done, HZ * 10))
		return false;
	return held && nr_seen == 2 && bio.bi_status == BLK_STS_OK &&
	       seen_is(1, REQ_OP_READ, TEST_BUSY_SECTOR, 8, 1);
}

/*
 * On a device with a volatile cache and no FUA, a REQ_PREFLUSH | REQ_FUA write is a flush,
 * the write, a flush; an empty preflush (blkdev_issue_flush) is one flush.
 */
static bool preflush_fua_as_flushes(void)
{
	struct bio_vec bv;
	struct bio bio;
	int err;

	reset_seen();
	bio_init(&bio, test_disk->part0, &bv, 1, REQ_OP_WRITE | REQ_PREFLUSH | REQ_FUA);
	bio.bi_iter.bi_sector = 128;
	bio_add_page(&bio, test_pages[0], PAGE_SIZE, 0);
	err = submit_bio_wait(&bio);
	if (err || nr_seen != 3 || !seen_is(0, REQ_OP_FLUSH, 0, 0, 1) ||
	    !seen_is(1, REQ_OP_WRITE, 128, 8, 1) || !seen_is(2, REQ_OP_FLUSH, 0, 0, 1))
		return false;
	reset_seen();
	return !blkdev_issue_flush(test_disk->part0) && nr_seen == 1 &&
	       seen_is(0, REQ_OP_FLUSH, 0, 0, 1);
}

static const struct ktap_case blk_cases[] = {
	{ plug_merges_adjacent, "plug_merges_adjacent" },
	{ plug_front_merge, "plug_front_merge" },
	{ no_plug_no_merge, "no_plug_no_merge" },
	{ split_to_limits, "split_to_limits" },
	{ errors_reach_caller, "errors_reach_caller" },
	{ busy_driver_requeue, "busy_driver_requeue" },
	{ preflush_fua_as_flushes, "preflush_fua_as_flushes" },
};

static int __init test_disk_setup(void)
{
	struct gendisk *disk;

	for (unsigned int i = 0; i < ARRAY_SIZE(test_pages); i++) {
		test_pages[i] = alloc_page(GFP_KERNEL);
		if (!test_pages[i])
			return -ENOMEM;
	}
	test_set = (struct blk_mq_tag_set){ .ops = &test_mq_ops, .nr_hw_queues = 2,
					    .queue_depth = 16, .numa_node = NUMA_NO_NODE };
	if (blk_mq_alloc_tag_set(&test_set))
		return -ENOMEM;
	disk = blk_mq_alloc_disk(&test_set, NULL);
	if (IS_ERR(disk))
		return (int)PTR_ERR(disk);
	snprintf(disk->disk_name, DISK_NAME_LEN, "blktest");
	set_capacity(disk, TEST_SECTORS);
	blk_queue_max_segments(disk->queue, TEST_MAX_SEGS);
	blk_queue_write_cache(disk->queue, true, false);
	test_disk = disk;
	return 0;
}

static void __init blk_selftest(void)
{
	if (test_disk_setup()) {
		pr_err("# blk: cannot set up the test disk\n");
		return;
	}
	ktap_run_suite("blk", blk_cases, ARRAY_SIZE(blk_cases));
}
selftest_initcall("blk", blk_selftest);
