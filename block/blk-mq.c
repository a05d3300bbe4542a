/*
 * Multi-queue request handling (Linux's block/blk-mq.c and blk-mq-tag.c, without I/O
 * schedulers): a bio becomes a request holding a tag of the hardware context of the
 * submitting cpu, or merges into the request the task's plug holds; requests go to the
 * driver's ->queue_rq straight away or when the plug is flushed, and those the driver
 * cannot take yet wait on the context's dispatch list until it restarts the context.
 * The driver ends them from its interrupt with blk_mq_end_request.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/bitmap.h>
#include <linux/ktime.h>
#include <linux/blk-mq.h>
#include "blk.h"

static void blk_mq_free_tags(struct blk_mq_tags *tags)
{
	if (!tags)
		return;
	for (unsigned int i = 0; tags->static_rqs && i < tags->nr_tags; i++)
		kfree(tags->static_rqs[i]);
	kfree(tags->static_rqs);
	kfree(tags->bitmap);
	kfree(tags);
}

static struct blk_mq_tags *blk_mq_alloc_tags(struct blk_mq_tag_set *set)
{
	struct blk_mq_tags *tags = kzalloc(sizeof(*tags), GFP_KERNEL);

	if (!tags)
		return NULL;
	tags->nr_tags = set->queue_depth;
	spin_lock_init(&tags->lock);
	init_waitqueue_head(&tags->wait);
	tags->bitmap = kcalloc(BITS_TO_LONGS(set->queue_depth), sizeof(long), GFP_KERNEL);
	tags->static_rqs = kcalloc(set->queue_depth, sizeof(struct request *), GFP_KERNEL);
	if (!tags->bitmap || !tags->static_rqs)
		goto err;
	for (unsigned int i = 0; i < set->queue_depth; i++) {
		struct request *rq = kzalloc(sizeof(*rq) + set->cmd_size, GFP_KERNEL);

		if (!rq)
			goto err;
		rq->tag = (int)i;
		tags->static_rqs[i] = rq;
	}
	return tags;
err:
	blk_mq_free_tags(tags);
	return NULL;
}

int blk_mq_alloc_tag_set(struct blk_mq_tag_set *set)
{
	if (!set->nr_hw_queues || !set->queue_depth || !set->ops || !set->ops->queue_rq)
		return -EINVAL;
	set->tags = kcalloc(set->nr_hw_queues, sizeof(*set->tags), GFP_KERNEL);
	if (!set->tags)
		return -ENOMEM;
	for (unsigned int i = 0; i < set->nr_hw_queues; i++) {
		set->tags[i] = blk_mq_alloc_tags(set);
		if (!set->tags[i]) {
			blk_mq_free_tag_set(set);
			return -ENOMEM;
		}
	}
	return 0;
}

void blk_mq_free_tag_set(struct blk_mq_tag_set *set)
{
	for (unsigned int i = 0; set->tags && i < set->nr_hw_queues; i++)
		blk_mq_free_tags(set->tags[i]);
	kfree(set->tags);
	set->tags = NULL;
}

/* A free tag of tags, marked used, or -1. */
static int blk_mq_try_get_tag(struct blk_mq_tags *tags)
{
	unsigned long flags;
	int tag = -1;

	spin_lock_irqsave(&tags->lock, flags);
	for (unsigned int i = 0; i < tags->nr_tags; i++) {
		if (!test_bit(i, tags->bitmap)) {
			__set_bit(i, tags->bitmap);
			tag = (int)i;
			break;
		}
	}
	spin_unlock_irqrestore(&tags->lock, flags);
	return tag;
}

static void blk_mq_put_tag(struct blk_mq_tags *tags, int tag)
{
	unsigned long flags;

	spin_lock_irqsave(&tags->lock, flags);
	__clear_bit((unsigned long)tag, tags->bitmap);
	spin_unlock_irqrestore(&tags->lock, flags);
	wake_up(&tags->wait);
}

static struct blk_mq_hw_ctx *blk_mq_map_queue(struct request_queue *q)
{
	return q->queue_hw_ctx[blk_mq_map_cpu(q, raw_smp_processor_id())];
}

/* A request of this cpu's context; sleeps (flushing the plug) until a tag is free. */
static struct request *blk_mq_get_request(struct request_queue *q)
{
	struct blk_mq_hw_ctx *hctx = blk_mq_map_queue(q);
	struct blk_mq_tags *tags = hctx->tags;
	struct request *rq;
	int tag;

	wait_event(tags->wait, (tag = blk_mq_try_get_tag(tags)) >= 0);
	rq = tags->static_rqs[tag];
	rq->q = q;
	rq->mq_hctx = hctx;
	rq->state = MQ_RQ_IDLE;
	return rq;
}

static void blk_mq_free_request(struct request *rq)
{
	blk_mq_put_tag(rq->mq_hctx->tags, rq->tag);
}

static void blk_mq_bio_to_request(struct request *rq, struct bio *bio, unsigned int nr_segs)
{
	rq->cmd_flags = bio->bi_opf;
	rq->__sector = bio->bi_iter.bi_sector;
	rq->__data_len = bio->bi_iter.bi_size;
	rq->bio = rq->biotail = bio;
	bio->bi_next = NULL;
	rq->nr_phys_segments = (unsigned short)nr_segs;
	rq->part = bio->bi_bdev;
	blk_account_io_start(rq);
}

void blk_mq_start_request(struct request *rq)
{
	WARN_ON_ONCE(rq->state != MQ_RQ_IDLE);
	WRITE_ONCE(rq->state, MQ_RQ_IN_FLIGHT);
}

void blk_mq_end_request(struct request *rq, blk_status_t error)
{
	unsigned int bytes = blk_rq_bytes(rq);
	struct bio *bio;

	if (error)
		blk_print_req_error(rq, error);
	/* Counted before the bios end, so their waiters find their I/O in the statistics. */
	blk_account_io_done(rq, bytes, ktime_get_ns());
	while ((bio = rq->bio) != NULL) {
		rq->bio = bio->bi_next;
		bio->bi_next = NULL;
		if (error)
			bio->bi_status = error;
		bio_endio(bio);
	}
	rq->biotail = NULL;
	rq->__data_len = 0;
	blk_mq_free_request(rq);
}

void blk_mq_complete_request(struct request *rq)
{
	if (WARN_ON_ONCE(rq->state != MQ_RQ_IN_FLIGHT))
		return;
	WRITE_ONCE(rq->state, MQ_RQ_COMPLETE);
	rq->q->mq_ops->complete(rq);
}

static bool blk_mq_hctx_stopped(struct blk_mq_hw_ctx *hctx)
{
	return __atomic_load_n(&hctx->state, __ATOMIC_ACQUIRE) & (1UL << BLK_MQ_S_STOPPED);
}

void blk_mq_stop_hw_queue(struct blk_mq_hw_ctx *hctx)
{
	__atomic_fetch_or(&hctx->state, 1UL << BLK_MQ_S_STOPPED, __ATOMIC_ACQ_REL);
}

/*
 * Puts list's requests on the context's dispatch list (at its head: they were there
 * first), and has the worker run them unless the context is stopped: whoever stopped it
 * restarts it, and a stop that was already undone (the driver freed room meanwhile)
 * shows here as not stopped.
 */
static void blk_mq_park(struct blk_mq_hw_ctx *hctx, struct list_head *list, bool head,
			blk_status_t why)
{
	unsigned long flags;
	bool run;

	spin_lock_irqsave(&hctx->lock, flags);
	if (head)
		list_splice_init(list, &hctx->dispatch);
	else
		list_splice_tail_init(list, &hctx->dispatch);
	run = !blk_mq_hctx_stopped(hctx) || why == BLK_STS_RESOURCE;
	spin_unlock_irqrestore(&hctx->lock, flags);
	if (run)
		queue_work(system_wq, &hctx->run_work);
}

static bool blk_mq_hctx_must_wait(struct blk_mq_hw_ctx *hctx)
{
	unsigned long flags;
	bool busy;

	if (blk_mq_hctx_stopped(hctx))
		return true;
	spin_lock_irqsave(&hctx->lock, flags);
	busy = !list_empty(&hctx->dispatch);
	spin_unlock_irqrestore(&hctx->lock, flags);
	return busy;
}

/*
 * Hands list's requests (all of hctx) to ->queue_rq in order, the last one marked last;
 * those the driver cannot take yet are parked, failed ones end with their error.
 */
static void blk_mq_dispatch_list(struct blk_mq_hw_ctx *hctx, struct list_head *list,
				 bool from_dispatch)
{
	const struct blk_mq_ops *ops = hctx->queue->mq_ops;
	blk_status_t ret = BLK_STS_OK;
	unsigned int queued = 0;

	if (!from_dispatch && blk_mq_hctx_must_wait(hctx)) {
		blk_mq_park(hctx, list, false, BLK_STS_DEV_RESOURCE);
		return;
	}
	while (!list_empty(list)) {
		struct request *rq = list_first_entry(list, struct request, queuelist);
		struct blk_mq_queue_data bd = { .rq = rq };

		list_del_init(&rq->queuelist);
		bd.last = list_empty(list);
		ret = ops->queue_rq(hctx, &bd);
		if (ret == BLK_STS_OK) {
			queued++;
			continue;
		}
		if (ret == BLK_STS_RESOURCE || ret == BLK_STS_DEV_RESOURCE) {
			/* Not started after all: the driver starts it again next time. */
			WRITE_ONCE(rq->state, MQ_RQ_IDLE);
			list_add(&rq->queuelist, list);
			break;
		}
		blk_mq_end_request(rq, ret);
	}
	/* The last request queued went without last set: the device must hear of it. */
	if (queued && ret != BLK_STS_OK && ops->commit_rqs)
		ops->commit_rqs(hctx);
	hctx->queued += queued;
	if (!list_empty(list))
		blk_mq_park(hctx, list, true, ret);
}

static void blk_mq_run_work_fn(struct work_struct *work)
{
	struct blk_mq_hw_ctx *hctx = container_of(work, struct blk_mq_hw_ctx, run_work);
	unsigned long flags;
	LIST_HEAD(list);

	if (blk_mq_hctx_stopped(hctx))
		return;
	spin_lock_irqsave(&hctx->lock, flags);
	list_splice_init(&hctx->dispatch, &list);
	spin_unlock_irqrestore(&hctx->lock, flags);
	if (!list_empty(&list))
		blk_mq_dispatch_list(hctx, &list, true);
}

void blk_mq_start_stopped_hw_queues(struct request_queue *q, bool async)
{
	for (unsigned int i = 0; i < q->nr_hw_queues; i++) {
		struct blk_mq_hw_ctx *hctx = q->queue_hw_ctx[i];

		if (!(__atomic_fetch_and(&hctx->state, ~(1UL << BLK_MQ_S_STOPPED),
					 __ATOMIC_ACQ_REL) & (1UL << BLK_MQ_S_STOPPED)))
			continue;
		if (async)
			queue_work(system_wq, &hctx->run_work);
		else
			blk_mq_run_work_fn(&hctx->run_work);
	}
}

static void blk_mq_issue_directly(struct request *rq)
{
	LIST_HEAD(list);

	list_add(&rq->queuelist, &list);
	blk_mq_dispatch_list(rq->mq_hctx, &list, false);
}

/* Whether bio merged into a request of the plug (the newest of its queue). */
static bool blk_attempt_plug_merge(struct blk_plug *plug, struct request_queue *q,
				   struct bio *bio, unsigned int nr_segs)
{
	for (struct request *rq = plug->mq_list; rq; rq = rq->rq_next) {
		if (rq->q == q)
			return blk_attempt_bio_merge(rq, bio, nr_segs);
		if (!plug->multiple_queues)
			break;
	}
	return false;
}

static void blk_add_rq_to_plug(struct blk_plug *plug, struct request *rq)
{
	if (plug->rq_count >= BLK_MAX_REQUEST_COUNT)
		__blk_flush_plug(plug, false);
	if (plug->mq_list && plug->mq_list->q != rq->q)
		plug->multiple_queues = true;
	rq->rq_next = plug->mq_list;
	plug->mq_list = rq;
	plug->rq_count++;
}

void __blk_flush_plug(struct blk_plug *plug, bool from_schedule)
{
	struct request *rq = plug->mq_list, *next, *oldest = NULL;

	(void)from_schedule;	/* dispatch never sleeps: the sleeping task can do it */
	plug->mq_list = NULL;
	plug->rq_count = 0;
	plug->multiple_queues = false;
	for (; rq; rq = next) {			/* newest first: reverse */
		next = rq->rq_next;
		rq->rq_next = oldest;
		oldest = rq;
	}
	while (oldest) {
		struct blk_mq_hw_ctx *hctx = oldest->mq_hctx;
		LIST_HEAD(list);

		/* A run of requests of one context goes to its driver in one batch. */
		while (oldest && oldest->mq_hctx == hctx) {
			rq = oldest;
			oldest = rq->rq_next;
			list_add_tail(&rq->queuelist, &list);
		}
		blk_mq_dispatch_list(hctx, &list, false);
	}
}

/* One bio that fits the limits: merged into the plug, plugged, or issued. */
static void blk_mq_submit_one(struct request_queue *q, struct bio *bio, unsigned int nr_segs)
{
	struct blk_plug *plug = current->plug;
	struct request *rq;

	if (plug && blk_attempt_plug_merge(plug, q, bio, nr_segs))
		return;
	rq = blk_mq_get_request(q);
	blk_mq_bio_to_request(rq, bio, nr_segs);
	if (plug)
		blk_add_rq_to_plug(plug, rq);
	else
		blk_mq_issue_directly(rq);
}

void blk_mq_submit_bio(struct request_queue *q, struct bio *bio)
{
	unsigned int nr_segs;
	struct bio *front;

	if (op_is_flush(bio->bi_opf) && blk_insert_flush(bio))
		return;
	do {
		front = __bio_split_to_limits(bio, &q->limits, &nr_segs);
		if (!front) {
			bio->bi_status = BLK_STS_RESOURCE;
			bio_endio(bio);
			return;
		}
		blk_mq_submit_one(q, front, nr_segs);
	} while (front != bio);
}

static int blk_mq_init_hctx(struct request_queue *q, struct blk_mq_tag_set *set,
			    unsigned int i)
{
	struct blk_mq_hw_ctx *hctx = kzalloc(sizeof(*hctx), GFP_KERNEL);

	if (!hctx)
		return -ENOMEM;
	spin_lock_init(&hctx->lock);
	INIT_LIST_HEAD(&hctx->dispatch);
	INIT_WORK(&hctx->run_work, blk_mq_run_work_fn);
	hctx->queue = q;
	hctx->tags = set->tags[i];
	hctx->queue_num = i;
	q->queue_hw_ctx[i] = hctx;
	return set->ops->init_hctx ? set->ops->init_hctx(hctx, set->driver_data, i) : 0;
}

static void blk_mq_free_queue(struct request_queue *q)
{
	for (unsigned int i = 0; q->queue_hw_ctx && i < q->nr_hw_queues; i++)
		kfree(q->queue_hw_ctx[i]);
	kfree(q->queue_hw_ctx);
	kfree(q);
}

struct gendisk *blk_mq_alloc_disk(struct blk_mq_tag_set *set, void *queuedata)
{
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);
	struct gendisk *disk;

	if (!q)
		return ERR_PTR(-ENOMEM);
	q->mq_ops = set->ops;
	q->tag_set = set;
	q->queuedata = queuedata;
	q->nr_hw_queues = set->nr_hw_queues;
	blk_set_default_limits(&q->limits);
	q->queue_hw_ctx = kcalloc(set->nr_hw_queues, sizeof(*q->queue_hw_ctx), GFP_KERNEL);
	if (!q->queue_hw_ctx)
		goto err;
	for (unsigned int i = 0; i < set->nr_hw_queues; i++)
		if (blk_mq_init_hctx(q, set, i))
			goto err;
	disk = __alloc_disk_node(q);
	if (!disk)
		goto err;
	return disk;
err:
	blk_mq_free_queue(q);
	return ERR_PTR(-ENOMEM);
}
