/*
 * The virtio block driver (Linux's virtio_blk.c): one request queue, read, write and
 * flush requests of a header, the data and a status byte, completed from the interrupt.
 * Each disk is /dev/vdX on major 254 (Linux's virtblk major, allocated downwards from
 * 254), 16 minors apart for the partitions to come.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/blkdev.h>
#include <linux/virtio.h>

#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4

#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

#define VIRTBLK_MAJOR		254
#define PART_BITS		4

struct virtio_blk_config {
	u64 capacity;			/* in 512-byte sectors */
	u32 size_max;
	u32 seg_max;
	struct { u16 cylinders; u8 heads; u8 sectors; } geometry;
	u32 blk_size;
} __attribute__((packed));

struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

/* One request in flight: the device reads out_hdr and writes status (kmalloc'd: DMA). */
struct virtblk_req {
	struct virtio_blk_outhdr out_hdr;
	u8 status;
	struct completion done;
};

/*
 * vq_lock (interrupts off) serializes the queue's add/kick/get_buf between submitters and
 * the interrupt; a submitter finding the ring full sleeps on queue_wait until a completion
 * frees descriptors.
 */
struct virtio_blk {
	struct virtio_device *vdev;
	struct virtqueue *vq;
	spinlock_t vq_lock;
	struct wait_queue_head queue_wait;
	struct gendisk disk;
};

static const unsigned int features[] = { VIRTIO_BLK_F_BLK_SIZE, VIRTIO_BLK_F_FLUSH };

/* The vq's callback, from the interrupt: wakes the submitter of each finished request. */
static void virtblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vblk = vq->vdev->priv;
	struct virtblk_req *req;
	unsigned long flags;
	unsigned int len;

	spin_lock_irqsave(&vblk->vq_lock, flags);
	while ((req = virtqueue_get_buf(vq, &len)) != NULL)
		complete(&req->done);
	spin_unlock_irqrestore(&vblk->vq_lock, flags);
	wake_up_all(&vblk->queue_wait);
}

static int virtblk_add_req(struct virtio_blk *vblk, struct scatterlist *sgs[],
			   unsigned int out, unsigned int in, struct virtblk_req *req)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&vblk->vq_lock, flags);
	err = virtqueue_add_sgs(vblk->vq, sgs, out, in, req, GFP_KERNEL);
	if (!err && !virtqueue_kick(vblk->vq))
		err = -EIO;
	spin_unlock_irqrestore(&vblk->vq_lock, flags);
	return err;
}

static u32 virtblk_type(enum req_op op)
{
	return op == REQ_OP_READ ? VIRTIO_BLK_T_IN :
	       op == REQ_OP_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_FLUSH;
}

/* Queues one request and sleeps until the interrupt completes it; the device's status. */
static int virtblk_transfer(struct gendisk *disk, enum req_op op, sector_t sector, void *buf,
			    unsigned int len)
{
	struct virtio_blk *vblk = disk->private_data;
	struct scatterlist hdr, data, status, *sgs[3];
	unsigned int out = 0, in = 0;
	struct virtblk_req *req;
	int err;

	if (op == REQ_OP_FLUSH && !virtio_has_feature(vblk->vdev, VIRTIO_BLK_F_FLUSH))
		return 0;	/* no volatile cache: every write is already durable */
	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	req->out_hdr = (struct virtio_blk_outhdr){ .type = virtblk_type(op), .sector = sector };
	req->status = VIRTIO_BLK_S_IOERR;
	init_completion(&req->done);
	sg_init_one(&hdr, &req->out_hdr, sizeof(req->out_hdr));
	sgs[out++] = &hdr;
	if (op != REQ_OP_FLUSH) {
		sg_init_one(&data, buf, len);
		if (op == REQ_OP_WRITE)
			sgs[out++] = &data;
		else
			sgs[out + in++] = &data;
	}
	sg_init_one(&status, &req->status, sizeof(req->status));
	sgs[out + in++] = &status;
	wait_event(vblk->queue_wait, (err = virtblk_add_req(vblk, sgs, out, in, req)) != -ENOSPC);
	if (!err) {
		wait_for_completion(&req->done);
		err = req->status == VIRTIO_BLK_S_OK ? 0 : -EIO;
	}
	kfree(req);
	return err;
}

static const struct block_device_operations virtblk_fops = {
	.transfer	= virtblk_transfer,
};

/* "[vda] 131072 512-byte logical blocks (67.1 MB/64.0 MiB)", as Linux prints it. */
static void virtblk_report(struct virtio_blk *vblk)
{
	struct gendisk *disk = &vblk->disk;
	u64 nblocks = get_capacity(disk) / (disk->logical_block_size >> SECTOR_SHIFT);
	char s10[16], s2[16];

	string_get_size(nblocks, disk->logical_block_size, STRING_UNITS_10, s10, sizeof(s10));
	string_get_size(nblocks, disk->logical_block_size, STRING_UNITS_2, s2, sizeof(s2));
	virtio_dev_info("virtio_blk", vblk->vdev, "[%s] %llu %u-byte logical blocks (%s/%s)\n",
			disk->disk_name, (unsigned long long)nblocks, disk->logical_block_size,
			s10, s2);
}

static int virtblk_probe(struct virtio_device *vdev)
{
	static int index;
	struct virtio_blk *vblk;
	u32 blk_size = 512;
	u64 capacity;

	if (index >= 26)
		return -ENOSPC;
	vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	if (!vblk)
		return -ENOMEM;
	vdev->priv = vblk;
	vblk->vdev = vdev;
	spin_lock_init(&vblk->vq_lock);
	init_waitqueue_head(&vblk->queue_wait);
	virtio_cread(vdev, struct virtio_blk_config, capacity, &capacity);
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE))
		virtio_cread(vdev, struct virtio_blk_config, blk_size, &blk_size);
	if (blk_size < 512 || blk_size > PAGE_SIZE || (blk_size & (blk_size - 1))) {
		pr_err("virtio_blk virtio%d: block size %u not supported\n", vdev->index, blk_size);
		goto err;
	}
	vblk->vq = vdev->config->setup_vq(vdev, 0, virtblk_done);
	if (IS_ERR(vblk->vq))
		goto err;
	vblk->disk = (struct gendisk){ .major = VIRTBLK_MAJOR, .first_minor = (unsigned int)index << PART_BITS,
		.fops = &virtblk_fops, .private_data = vblk, .capacity = capacity,
		.logical_block_size = blk_size };
	snprintf(vblk->disk.disk_name, DISK_NAME_LEN, "vd%c", 'a' + index++);
	virtblk_report(vblk);
	return add_disk(&vblk->disk);
err:
	vdev->priv = NULL;
	kfree(vblk);
	return -EINVAL;
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
	return register_virtio_driver(&virtio_blk);
}
late_initcall(virtio_blk_init);
