/*
 * Virtio devices, drivers and split virtqueues (Linux's virtio.h, virtio_config.h and
 * virtio_ring.h in one): the transport (drivers/virtio/virtio_mmio.c) finds devices and
 * binds drivers; drivers queue buffers with virtqueue_add_sgs and are called back from
 * the device's interrupt through vring_interrupt.
 */
#ifndef _LINUX_VIRTIO_H
#define _LINUX_VIRTIO_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/printk.h>
#include <linux/gfp.h>

/* Device status bits (virtio 1.1, 2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1
#define VIRTIO_CONFIG_S_DRIVER		2
#define VIRTIO_CONFIG_S_DRIVER_OK	4
#define VIRTIO_CONFIG_S_FEATURES_OK	8
#define VIRTIO_CONFIG_S_FAILED		0x80

#define VIRTIO_F_VERSION_1		32

#define VIRTIO_ID_BLOCK			2

#define VRING_DESC_F_NEXT		1
#define VRING_DESC_F_WRITE		2

/* One buffer of a request: Linux's scatterlist reduced to a kernel-virtual extent. */
struct scatterlist {
	void *buf;
	unsigned int length;
};

static inline void sg_init_one(struct scatterlist *sg, void *buf, unsigned int length)
{
	sg->buf = buf;
	sg->length = length;
}

/* The ring layouts; little-endian (virtio 1), and the guest's order for legacy: the same here. */
struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[];
};

struct vring_used_elem {
	u32 id;
	u32 len;
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];
};

struct virtio_device;
struct virtqueue;
typedef void vq_callback_t(struct virtqueue *vq);

/*
 * A split virtqueue. The driver serializes add/kick/get_buf on one queue itself (Linux's
 * rule): virtio_blk holds its vq_lock with interrupts off. free_head chains the free
 * descriptors through desc[].next; data[head] is the cookie of the chain at head.
 */
struct virtqueue {
	struct virtio_device *vdev;
	vq_callback_t *callback;
	unsigned int index;
	unsigned int num;		/* descriptors, a power of two */
	unsigned int num_free;
	unsigned int free_head;
	u16 avail_idx_shadow;		/* next avail->idx the driver publishes */
	u16 last_used_idx;		/* the used->idx the driver has consumed up to */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	void *ring_mem;			/* the pages of the three parts, ring_order of them */
	unsigned int ring_order;
	void **data;
	bool broken;			/* the device misbehaved: no more buffers */
};

/* What the transport does for the core and the drivers (Linux's virtio_config_ops). */
struct virtio_config_ops {
	void (*get)(struct virtio_device *vdev, unsigned int offset, void *buf, unsigned int len);
	u8 (*get_status)(struct virtio_device *vdev);
	void (*set_status)(struct virtio_device *vdev, u8 status);
	u64 (*get_features)(struct virtio_device *vdev);
	int (*finalize_features)(struct virtio_device *vdev);
	struct virtqueue *(*setup_vq)(struct virtio_device *vdev, unsigned int index,
				      vq_callback_t *callback);
	bool (*notify)(struct virtqueue *vq);
};

struct virtio_device {
	int index;			/* virtioN */
	u32 id;				/* VIRTIO_ID_* */
	u64 features;			/* negotiated: device's & driver's */
	const struct virtio_config_ops *config;
	void *priv;			/* the driver's */
	struct virtqueue *vq;		/* one queue per device so far */
};

struct virtio_driver {
	const char *name;
	u32 device_id;
	const unsigned int *feature_table;
	unsigned int feature_table_size;
	int (*probe)(struct virtio_device *vdev);
};

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int fbit)
{
	return vdev->features & (1ULL << fbit);
}

#define virtio_cread(vdev, type, field, ptr)					\
	(vdev)->config->get((vdev), offsetof(type, field), (ptr), sizeof(*(ptr)))

/* Binds drv to every device of its id found so far and later; 0 or -errno. */
int register_virtio_driver(struct virtio_driver *drv);
/* The transport's: a device ready for a driver (status ACKNOWLEDGE done). */
int register_virtio_device(struct virtio_device *vdev);
/* "virtio_blk virtio0: " prefixed messages, as Linux's dev_info. */
#define virtio_dev_info(drv, vdev, fmt, ...) \
	pr_info("%s virtio%d: " fmt, (drv), (vdev)->index, ##__VA_ARGS__)

/* drivers/virtio/virtio_ring.c */
/* Bytes the three parts of a num-entry ring take, aligned as a legacy device lays them. */
size_t vring_size(unsigned int num, unsigned long align);
struct virtqueue *vring_create_virtqueue(struct virtio_device *vdev, unsigned int index,
					 unsigned int num, vq_callback_t *callback);
void vring_del_virtqueue(struct virtqueue *vq);
/*
 * virtqueue_add_sgs - expose out_sgs device-readable then in_sgs device-writable buffers
 * Return: 0; -ENOSPC when too few descriptors are free; -EIO on a broken queue.
 */
int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[], unsigned int out_sgs,
		      unsigned int in_sgs, void *data, gfp_t gfp);
/* Tells the device about the added buffers; false if the queue is broken. */
bool virtqueue_kick(struct virtqueue *vq);
/* The next used buffer's cookie (and the bytes the device wrote in *len), or NULL. */
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
/* The transport's interrupt handler calls it per queue: runs the callback if used. */
irqreturn_t vring_interrupt(int irq, void *vq);

#endif
