/*
 * The virtio block driver (Linux's virtio_blk.c) on blk-mq: one hardware queue per
 * virtqueue (several when the device offers VIRTIO_BLK_F_MQ), read, write, flush and
 * discard requests of a header, the data and a status byte, completed from the
 * interrupt. Each disk is /dev/vdX on major 254 (Linux's virtblk major, allocated
 * downwards from 254), 16 minors apart: the disk and 15 partitions.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/cpumask.h>
#include <linux/blk-mq.h>
#include <linux/virtio.h>

#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9
#define VIRTIO_BLK_F_MQ		12
#define VIRTIO_BLK_F_DISCARD	13

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_DISCARD	11

#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

#define PART_BITS		4
/* The block major the block layer gave the driver: 254, as on Linux. */
static int major;
/* Linux's default; more than the cpus gains nothing: one queue per cpu at most. */
#define VIRTBLK_MAX_QUEUES	16

struct virtio_blk_config {
	u64 capacity;			/* in 512-byte sectors */
	u32 size_max;
	u32 seg_max;
	struct { u16 cylinders; u8 heads; u8 sectors; } geometry;
	u32 blk_size;
	u8 physical_block_exp;
	u8 alignment_offset;
	u16 min_io_size;
	u32 opt_io_size;
	u8 wce;
	u8 unused;
	u16 num_queues;
	u32 max_discard_sectors;
	u32 max_discard_seg;
	u32 discard_sector_alignment;
} __attribute__((packed));

struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

/* One range of a discard request's payload. */
struct virtio_blk_discard_write_zeroes {
	u64 sector;
	u32 num_sectors;
	u32 flags;
};

/*
 * The driver's part of each request (blk-mq's pdu, in the request's kzalloc'd memory: the
 * device reads out_hdr and range and writes status), and its scatter list.
 */
struct virtblk_req {
	struct virtio_blk_outhdr out_hdr;
	struct virtio_blk_discard_write_zeroes range;
	u8 status;
	struct scatterlist sg[];
};

/* One virtqueue; lock (irqs off) serializes its add/kick/get_buf. */
struct virtio_blk_vq {
	struct virtqueue *vq;
	spinlock_t lock;
	char name[16];
};

struct virtio_blk {
	struct virtio_device *vdev;
	struct gendisk *disk;
	struct blk_mq_tag_set tag_set;
	unsigned int num_vqs;
	struct virtio_blk_vq *vqs;
};

static const unsigned int features[] = {
	VIRTIO_BLK_F_SEG_MAX, VIRTIO_BLK_F_BLK_SIZE, VIRTIO_BLK_F_FLUSH, VIRTIO_BLK_F_MQ,
	VIRTIO_BLK_F_DISCARD,
};

static blk_status_t virtblk_result(u8 status)
{
	switch (status) {
	case VIRTIO_BLK_S_OK:
		return BLK_STS_OK;
	case VIRTIO_BLK_S_UNSUPP:
		return BLK_STS_NOTSUPP;
	default:
		return BLK_STS_IOERR;
	}
}

static void virtblk_request_done(struct request *req)
{
	struct virtblk_req *vbr = blk_mq_rq_to_pdu(req);

	blk_mq_end_request(req, virtblk_result(vbr->status));
}

/*
 * A queue's callback, from the interrupt: takes the finished requests off the ring under
 * its lock and ends them after dropping it (their bios' end_io may submit more), then
 * restarts queues stopped for want of descriptors.
 */
static void virtblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vblk = vq->vdev->priv;
	struct virtio_blk_vq *bvq = &vblk->vqs[vq->index];
	struct request *done = NULL, *req;
	struct virtblk_req *vbr;
	unsigned long flags;
	unsigned int len;

	spin_lock_irqsave(&bvq->lock, flags);
	do {
		virtqueue_disable_cb(vq);
		while ((vbr = virtqueue_get_buf(vq, &len)) != NULL) {
			req = blk_mq_rq_from_pdu(vbr);
			req->rq_next = done;
			done = req;
		}
	} while (!virtqueue_enable_cb(vq));
	spin_unlock_irqrestore(&bvq->lock, flags);
	if (!done)
		return;
	while ((req = done) != NULL) {
		done = req->rq_next;
		blk_mq_complete_request(req);
	}
	blk_mq_start_stopped_hw_queues(vblk->disk->queue, true);
}

/* The header (and a discard's range) for req; the device's type. */
static blk_status_t virtblk_setup_cmd(struct request *req, struct virtblk_req *vbr)
{
	u32 type;

	vbr->out_hdr = (struct virtio_blk_outhdr){ .sector = blk_rq_pos(req) };
	switch (req_op(req)) {
	case REQ_OP_READ:
		type = VIRTIO_BLK_T_IN;
		break;
	case REQ_OP_WRITE:
		type = VIRTIO_BLK_T_OUT;
		break;
	case REQ_OP_FLUSH:
		type = VIRTIO_BLK_T_FLUSH;
		vbr->out_hdr.sector = 0;
		break;
	case REQ_OP_DISCARD:
		type = VIRTIO_BLK_T_DISCARD;
		vbr->out_hdr.sector = 0;
		vbr->range = (struct virtio_blk_discard_write_zeroes){
			.sector = blk_rq_pos(req), .num_sectors = blk_rq_sectors(req) };
		break;
	default:
		return BLK_STS_NOTSUPP;
	}
	vbr->out_hdr.type = type;
	vbr->status = VIRTIO_BLK_S_IOERR;
	return BLK_STS_OK;
}

/* hdr, then the data or the range, then status: out lists first, in lists after. */
static int virtblk_add_req(struct virtqueue *vq, struct request *req, struct virtblk_req *vbr)
{
	struct scatterlist hdr, status, range, *sgs[3];
	unsigned int out = 0, in = 0;
	int nents = 0;

	sg_init_one(&hdr, &vbr->out_hdr, sizeof(vbr->out_hdr));
	sgs[out++] = &hdr;
	if (req_op(req) == REQ_OP_DISCARD) {
		sg_init_one(&range, &vbr->range, sizeof(vbr->range));
		sgs[out++] = &range;
	} else if (blk_rq_bytes(req)) {
		nents = blk_rq_map_sg(req->q, req, vbr->sg);
	}
	if (nents && req_op(req) == REQ_OP_WRITE)
		sgs[out++] = vbr->sg;
	else if (nents)
		sgs[out + in++] = vbr->sg;
	sg_init_one(&status, &vbr->status, sizeof(vbr->status));
	sgs[out + in++] = &status;
	return virtqueue_add_sgs(vq, sgs, out, in, vbr, GFP_ATOMIC);
}

static blk_status_t virtio_queue_rq(struct blk_mq_hw_ctx *hctx,
				    const struct blk_mq_queue_data *bd)
{
	struct virtio_blk *vblk = hctx->queue->queuedata;
	struct virtio_blk_vq *bvq = &vblk->vqs[hctx->queue_num];
	struct request *req = bd->rq;
	struct virtblk_req *vbr = blk_mq_rq_to_pdu(req);
	unsigned long flags;
	blk_status_t status;
	bool notify = false;
	int err;

	status = virtblk_setup_cmd(req, vbr);
	if (status)
		return status;
	blk_mq_start_request(req);
	spin_lock_irqsave(&bvq->lock, flags);
	err = virtblk_add_req(bvq->vq, req, vbr);
	if (err) {
		virtqueue_kick(bvq->vq);
		/* Stopped under the lock, so the completion that frees room sees it and restarts. */
		if (err == -ENOSPC)
			blk_mq_stop_hw_queue(hctx);
		spin_unlock_irqrestore(&bvq->lock, flags);
		return err == -ENOSPC ? BLK_STS_DEV_RESOURCE :
		       err == -ENOMEM ? BLK_STS_RESOURCE : BLK_STS_IOERR;
	}
	if (bd->last && virtqueue_kick_prepare(bvq->vq))
		notify = true;
	spin_unlock_irqrestore(&bvq->lock, flags);
	if (notify)
		virtqueue_notify(bvq->vq);
	return BLK_STS_OK;
}

static void virtio_commit_rqs(struct blk_mq_hw_ctx *hctx)
{
	struct virtio_blk *vblk = hctx->queue->queuedata;
	struct virtio_blk_vq *bvq = &vblk->vqs[hctx->queue_num];
	unsigned long flags;
	bool kick;

	spin_lock_irqsave(&bvq->lock, flags);
	kick = virtqueue_kick_prepare(bvq->vq);
	spin_unlock_irqrestore(&bvq->lock, flags);
	if (kick)
		virtqueue_notify(bvq->vq);
}

static const struct blk_mq_ops virtio_mq_ops = {
	.queue_rq	= virtio_queue_rq,
	.commit_rqs	= virtio_commit_rqs,
	.complete	= virtblk_request_done,
};

/* One virtqueue per hardware queue: as many as the device has and the cpus can use. */
static int init_vq(struct virtio_blk *vblk)
{
	vq_callback_t *callbacks[VIRTBLK_MAX_QUEUES];
	struct virtqueue *vqs[VIRTBLK_MAX_QUEUES];
	const char *names[VIRTBLK_MAX_QUEUES];
	u16 num_vqs = 1;
	int err;

	virtio_cread_feature(vblk->vdev, VIRTIO_BLK_F_MQ, struct virtio_blk_config, num_queues,
			     &num_vqs);
	num_vqs = (u16)min_t(unsigned int, max_t(unsigned int, num_vqs, 1),
			     min_t(unsigned int, nr_cpu_ids, VIRTBLK_MAX_QUEUES));
	vblk->vqs = kcalloc(num_vqs, sizeof(*vblk->vqs), GFP_KERNEL);
	if (!vblk->vqs)
		return -ENOMEM;
	for (unsigned int i = 0; i < num_vqs; i++) {
		callbacks[i] = virtblk_done;
		snprintf(vblk->vqs[i].name, sizeof(vblk->vqs[i].name), "req.%u", i);
		names[i] = vblk->vqs[i].name;
		spin_lock_init(&vblk->vqs[i].lock);
	}
	err = virtio_find_vqs(vblk->vdev, num_vqs, vqs, callbacks, names, NULL);
	if (err) {
		kfree(vblk->vqs);
		return err;
	}
	for (unsigned int i = 0; i < num_vqs; i++)
		vblk->vqs[i].vq = vqs[i];
	vblk->num_vqs = num_vqs;
	return 0;
}

/* "[vda] 131072 512-byte logical blocks (67.1 MB/64.0 MiB)", as Linux prints it. */
static void virtblk_report(struct virtio_blk *vblk, unsigned int lbs)
{
	struct gendisk *disk = vblk->disk;
	u64 nblocks = get_capacity(disk) / (lbs >> SECTOR_SHIFT);
	char s10[16], s2[16];

	string_get_size(nblocks, lbs, STRING_UNITS_10, s10, sizeof(s10));
	string_get_size(nblocks, lbs, STRING_UNITS_2, s2, sizeof(s2));
	virtio_dev_info("virtio_blk", vblk->vdev, "[%s] %llu %u-byte logical blocks (%s/%s)\n",
			disk->disk_name, (unsigned long long)nblocks, lbs, s10, s2);
}

/* The queue's limits from the config space: segments, block size, cache, discard. */
static void virtblk_set_limits(struct virtio_blk *vblk, struct request_queue *q,
			       unsigned int sg_elems, u32 blk_size)
{
	struct virtio_device *vdev = vblk->vdev;
	u32 v;

	blk_queue_max_segments(q, (unsigned short)sg_elems);
	blk_queue_max_hw_sectors(q, 2560);	/* Linux's BLK_DEF_MAX_SECTORS */
	blk_queue_logical_block_size(q, blk_size);
	blk_queue_write_cache(q, virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH), false);
	if (!virtio_has_feature(vdev, VIRTIO_BLK_F_DISCARD))
		return;
	virtio_cread(vdev, struct virtio_blk_config, max_discard_sectors, &v);
	blk_queue_max_discard_sectors(q, v ? v : UINT_MAX);
	/* One range per request: the pdu holds one. */
	blk_queue_max_discard_segments(q, 1);
}

/* The scatter list entries a request may need, within what one chain may hold. */
static unsigned int virtblk_sg_elems(struct virtio_blk *vblk)
{
	unsigned int ring = vblk->vqs[0].vq->num - 2;	/* the header and the status */
	u32 sg_elems = 1;

	virtio_cread_feature(vblk->vdev, VIRTIO_BLK_F_SEG_MAX, struct virtio_blk_config,
			     seg_max, &sg_elems);
	return min_t(unsigned int, max_t(unsigned int, sg_elems, 1), ring);
}

static int virtblk_probe_disk(struct virtio_blk *vblk, int index, u32 blk_size)
{
	struct virtio_device *vdev = vblk->vdev;
	unsigned int sg_elems = virtblk_sg_elems(vblk);
	struct gendisk *disk;
	u64 capacity;
	int err;

	vblk->tag_set = (struct blk_mq_tag_set){ .ops = &virtio_mq_ops,
		.nr_hw_queues = vblk->num_vqs, .numa_node = NUMA_NO_NODE, .driver_data = vblk,
		.queue_depth = vblk->vqs[0].vq->num_free,
		.cmd_size = sizeof(struct virtblk_req) + sizeof(struct scatterlist) * sg_elems };
	/* Without indirect tables a request takes at least two descriptors. */
	if (!virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC))
		vblk->tag_set.queue_depth /= 2;
	err = blk_mq_alloc_tag_set(&vblk->tag_set);
	if (err)
		return err;
	disk = blk_mq_alloc_disk(&vblk->tag_set, vblk);
	if (IS_ERR(disk)) {
		blk_mq_free_tag_set(&vblk->tag_set);
		return (int)PTR_ERR(disk);
	}
	vblk->disk = disk;
	disk->major = major;
	disk->first_minor = index << PART_BITS;
	disk->minors = 1 << PART_BITS;
	disk->private_data = vblk;
	snprintf(disk->disk_name, DISK_NAME_LEN, "vd%c", 'a' + index);
	virtio_cread(vdev, struct virtio_blk_config, capacity, &capacity);
	set_capacity(disk, capacity);
	virtblk_set_limits(vblk, disk->queue, sg_elems, blk_size);
	virtblk_report(vblk, blk_size);
	return device_add_disk(&vdev->dev, disk, NULL);
}

static int virtblk_probe(struct virtio_device *vdev)
{
	static int index;
	struct virtio_blk *vblk;
	u32 blk_size = 512;
	int err;

	if (index >= 26)
		return -ENOSPC;
	virtio_cread_feature(vdev, VIRTIO_BLK_F_BLK_SIZE, struct virtio_blk_config, blk_size,
			     &blk_size);
	if (blk_size < 512 || blk_size > PAGE_SIZE || (blk_size & (blk_size - 1))) {
		pr_err("virtio_blk virtio%d: block size %u not supported\n", vdev->index, blk_size);
		return -EINVAL;
	}
	vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	if (!vblk)
		return -ENOMEM;
	vdev->priv = vblk;
	vblk->vdev = vdev;
	err = init_vq(vblk);
	if (!err)
		err = virtblk_probe_disk(vblk, index++, blk_size);
	if (err && !vblk->disk) {
		vdev->priv = NULL;
		kfree(vblk);
	}
	return err;
}

static struct virtio_driver virtio_blk = {
	.name			= "virtio_blk",
	.device_id		= VIRTIO_ID_BLOCK,
	.feature_table		= features,
	.feature_table_size	= ARRAY_SIZE(features),
	.probe			= virtblk_probe,
};

static int __init virtio_blk_init(void)
{
	int ret = register_blkdev(0, "virtblk");

	if (ret < 0)
		return ret;
	major = ret;
	return register_virtio_driver(&virtio_blk);
}
late_initcall(virtio_blk_init);
