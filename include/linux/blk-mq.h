/*
 * Multi-queue block requests (Linux's blk-mq.h): a driver describes its hardware queues
 * in a tag set (how many, how deep, the bytes of its own per request), blk-mq hands it
 * requests through ->queue_rq, and the driver ends them, from its interrupt, with
 * blk_mq_complete_request or blk_mq_end_request.
 */
#ifndef _LINUX_BLK_MQ_H
#define _LINUX_BLK_MQ_H

#include <linux/blkdev.h>
#include <linux/workqueue.h>
#include <linux/wait.h>
#include <linux/kobject.h>

struct scatterlist;

enum mq_rq_state {
	MQ_RQ_IDLE,		/* being built, or on a plug or dispatch list */
	MQ_RQ_IN_FLIGHT,	/* the driver has it */
	MQ_RQ_COMPLETE,		/* the driver's ->complete runs */
};

/*
 * A request: adjacent bios (bio ... biotail, through bi_next) of one operation on one
 * block device, holding a tag of its hardware context from allocation to its end. The
 * submitter fills it and owns it until ->queue_rq accepts it; then the driver does.
 */
struct request {
	struct request_queue *q;
	struct blk_mq_hw_ctx *mq_hctx;
	blk_opf_t cmd_flags;
	int tag;
	unsigned int __data_len;	/* bytes left */
	sector_t __sector;		/* disk sector of the next byte */
	struct bio *bio;
	struct bio *biotail;
	union {
		struct list_head queuelist;	/* on hctx->dispatch */
		struct request *rq_next;	/* on a plug's mq_list */
	};
	struct block_device *part;	/* the statistics it counts in */
	u64 start_time_ns;
	enum mq_rq_state state;		/* changed by the owner of the moment */
	unsigned short nr_phys_segments;
};

static inline enum req_op req_op(const struct request *req)
{
	return (enum req_op)(req->cmd_flags & REQ_OP_MASK);
}

#define rq_data_dir(rq)		(op_is_write(req_op(rq)) ? WRITE : READ)

static inline sector_t blk_rq_pos(const struct request *rq)
{
	return rq->__sector;
}

static inline unsigned int blk_rq_bytes(const struct request *rq)
{
	return rq->__data_len;
}

static inline unsigned int blk_rq_sectors(const struct request *rq)
{
	return blk_rq_bytes(rq) >> SECTOR_SHIFT;
}

static inline unsigned short blk_rq_nr_phys_segments(const struct request *rq)
{
	return rq->nr_phys_segments;
}

/* The driver's cmd_size bytes right after the request. */
static inline void *blk_mq_rq_to_pdu(struct request *rq)
{
	return rq + 1;
}

static inline struct request *blk_mq_rq_from_pdu(void *pdu)
{
	return (struct request *)pdu - 1;
}

struct req_iterator {
	struct bvec_iter iter;
	struct bio *bio;
};

/* Each single-page segment of every bio of the request. */
#define rq_for_each_segment(bvl, _rq, _iter)			\
	for ((_iter).bio = (_rq)->bio; (_iter).bio; (_iter).bio = (_iter).bio->bi_next) \
		bio_for_each_segment(bvl, (_iter).bio, (_iter).iter)

/* __rq_for_each_bio(bio, rq): each of its bios. */
#define __rq_for_each_bio(_bio, rq)	\
	for ((_bio) = (rq)->bio; (_bio); (_bio) = (_bio)->bi_next)

/*
 * The tags of one hardware context: static_rqs[tag] is the request of each tag; bitmap
 * marks those in use, under lock (irqs off: tags are freed from interrupts); a submitter
 * finding none free sleeps on wait.
 */
struct blk_mq_tags {
	unsigned int nr_tags;
	unsigned long *bitmap;
	struct request **static_rqs;
	spinlock_t lock;
	struct wait_queue_head wait;
};

/* hctx->state bits */
#define BLK_MQ_S_STOPPED	0

/*
 * A hardware context: one device queue. dispatch holds the requests the driver could not
 * take yet (it said BLK_STS_*RESOURCE), in order, under lock (irqs off); while it is not
 * empty or the context is stopped, new requests queue behind them. run_work dispatches
 * them again once the driver restarts the context.
 */
struct blk_mq_hw_ctx {
	spinlock_t lock;
	struct list_head dispatch;
	unsigned long state;		/* BLK_MQ_S_*, atomic bits */
	struct request_queue *queue;
	struct blk_mq_tags *tags;
	unsigned int queue_num;
	void *driver_data;
	struct work_struct run_work;
	unsigned long queued;		/* requests handed to ->queue_rq and accepted */
	struct kobject kobj;		/* /sys/block/<disk>/mq/<queue_num> */
};

struct blk_mq_queue_data {
	struct request *rq;
	bool last;		/* no more requests follow now: kick the device */
};

struct blk_mq_ops {
	/* Starts rq on the device: BLK_STS_OK, *_RESOURCE to be retried, or an error. */
	blk_status_t (*queue_rq)(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd);
	/* Kicks the device after queue_rq calls that had no last (one failed). */
	void (*commit_rqs)(struct blk_mq_hw_ctx *hctx);
	/* Ends a request blk_mq_complete_request was called for. */
	void (*complete)(struct request *rq);
	/* Binds the hardware context to the driver's queue hctx_idx. */
	int (*init_hctx)(struct blk_mq_hw_ctx *hctx, void *data, unsigned int hctx_idx);
};

struct blk_mq_tag_set {
	const struct blk_mq_ops *ops;
	unsigned int nr_hw_queues;
	unsigned int queue_depth;	/* tags per hardware queue */
	unsigned int cmd_size;		/* the driver's bytes after each request */
	int numa_node;
	unsigned int flags;
	void *driver_data;
	struct blk_mq_tags **tags;	/* per hardware queue */
};

/* Allocates the tags and requests of each hardware queue. 0 or -ENOMEM. */
int blk_mq_alloc_tag_set(struct blk_mq_tag_set *set);
void blk_mq_free_tag_set(struct blk_mq_tag_set *set);
/* A gendisk and its queue on set, queuedata the driver's. ERR_PTR(-ENOMEM) on failure. */
struct gendisk *blk_mq_alloc_disk(struct blk_mq_tag_set *set, void *queuedata);

/* The driver accepted rq: its statistics start. */
void blk_mq_start_request(struct request *rq);
/* Ends rq's bios with error and frees the request. Any context. */
void blk_mq_end_request(struct request *rq, blk_status_t error);
/* Calls ->complete for rq (here, on the completing cpu). Any context. */
void blk_mq_complete_request(struct request *rq);
/* The driver lacks resources: no ->queue_rq until it restarts the context. */
void blk_mq_stop_hw_queue(struct blk_mq_hw_ctx *hctx);
/* Restarts stopped contexts and dispatches their waiting requests (from a worker if async). */
void blk_mq_start_stopped_hw_queues(struct request_queue *q, bool async);

/*
 * blk_rq_map_sg - fills sglist with rq's segments (physically adjacent ones joined)
 * Return: the entries used, the last marked as the end.
 */
int blk_rq_map_sg(struct request_queue *q, struct request *rq, struct scatterlist *sglist);

#endif
