/*
 * Virtio devices, drivers and split virtqueues (Linux's virtio.h, virtio_config.h and
 * virtio_ring.h in one): the transport (drivers/virtio/virtio_mmio.c) finds devices and
 * binds drivers; drivers queue buffers with virtqueue_add_sgs and are called back from
 * the device's interrupt through vring_interrupt.
 */
#ifndef _LINUX_VIRTIO_H
#define _LINUX_VIRTIO_H

#include <linux/device.h>
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/printk.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/scatterlist.h>

/* Device status bits (virtio 1.1, 2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1
#define VIRTIO_CONFIG_S_DRIVER		2
#define VIRTIO_CONFIG_S_DRIVER_OK	4
#define VIRTIO_CONFIG_S_FEATURES_OK	8
#define VIRTIO_CONFIG_S_FAILED		0x80

/* Transport features of the ring (virtio 1.1, 6), negotiated for every driver. */
#define VIRTIO_RING_F_INDIRECT_DESC	28
#define VIRTIO_RING_F_EVENT_IDX		29
#define VIRTIO_F_VERSION_1		32

#define VIRTIO_ID_BLOCK			2

#define VRING_DESC_F_NEXT		1
#define VRING_DESC_F_WRITE		2
#define VRING_DESC_F_INDIRECT		4
/* avail->flags: the driver wants no interrupt; used->flags: the device wants no notify. */
#define VRING_AVAIL_F_NO_INTERRUPT	1
#define VRING_USED_F_NO_NOTIFY		1

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
struct irq_affinity;
typedef void vq_callback_t(struct virtqueue *vq);

/* Per chain head: the driver's cookie, and the indirect table it uses (or NULL). */
struct vring_desc_state_split {
	void *data;
	struct vring_desc *indir_desc;
};

/*
 * A split virtqueue. The driver serializes add/kick/get_buf on one queue itself (Linux's
 * rule): virtio_blk holds the queue's lock with interrupts off. free_head chains the free
 * descriptors through desc[].next; desc_state[head] describes the chain at head. With
 * event_idx the driver publishes in avail's used_event the used index it wants an
 * interrupt at, and the device in used's avail_event the avail index it wants a notify at.
 */
struct virtqueue {
	struct list_head list;		/* on vdev->vqs */
	struct virtio_device *vdev;
	vq_callback_t *callback;
	const char *name;
	unsigned int index;
	unsigned int num;		/* descriptors, a power of two */
	unsigned int num_free;
	unsigned int free_head;
	unsigned int num_added;		/* chains added since the last kick */
	u16 avail_idx_shadow;		/* the avail->idx the driver has published */
	u16 avail_flags_shadow;
	u16 last_used_idx;		/* the used->idx the driver has consumed up to */
	bool indirect;			/* VIRTIO_RING_F_INDIRECT_DESC negotiated */
	bool event;			/* VIRTIO_RING_F_EVENT_IDX negotiated */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	void *ring_mem;			/* the pages of the three parts, ring_order of them */
	unsigned int ring_order;
	struct vring_desc_state_split *desc_state;
	bool broken;			/* the device misbehaved: no more buffers */
};

/* What the transport does for the core and the drivers (Linux's virtio_config_ops). */
struct virtio_config_ops {
	void (*get)(struct virtio_device *vdev, unsigned int offset, void *buf, unsigned int len);
	u8 (*get_status)(struct virtio_device *vdev);
	void (*set_status)(struct virtio_device *vdev, u8 status);
	u64 (*get_features)(struct virtio_device *vdev);
	int (*finalize_features)(struct virtio_device *vdev);
	/* Sets up nvqs queues (vqs[i] gets callbacks[i]): 0 or -errno, none left set up. */
	int (*find_vqs)(struct virtio_device *vdev, unsigned int nvqs, struct virtqueue *vqs[],
			vq_callback_t *callbacks[], const char * const names[]);
	bool (*notify)(struct virtqueue *vq);
};

struct virtio_device {
	int index;			/* virtioN */
	struct device dev;		/* /sys/.../virtioN; parent: the transport's device */
	u32 id;				/* VIRTIO_ID_* */
	u64 features;			/* negotiated: device's & driver's */
	const struct virtio_config_ops *config;
	void *priv;			/* the driver's */
	struct list_head vqs;		/* its virtqueues, set up by find_vqs before the irq */
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

static inline int virtio_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
				  struct virtqueue *vqs[], vq_callback_t *callbacks[],
				  const char * const names[], struct irq_affinity *desc)
{
	return vdev->config->find_vqs(vdev, nvqs, vqs, callbacks, names);
}

/* Reads a field of the config space only if the device offers its feature: 0 or -ENOENT. */
#define virtio_cread_feature(vdev, fbit, type, field, ptr)			\
	(virtio_has_feature((vdev), (fbit)) ?					\
	 (virtio_cread((vdev), type, field, (ptr)), 0) : -ENOENT)

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
					 unsigned int num, vq_callback_t *callback,
					 const char *name);
void vring_del_virtqueue(struct virtqueue *vq);
/*
 * virtqueue_add_sgs - expose out_sgs device-readable then in_sgs device-writable lists
 * Each sgs[i] is a scatter list up to its end mark; with indirect descriptors a chain of
 * more than one takes one ring slot (its table allocated with gfp).
 * Return: 0; -ENOSPC when too few descriptors are free; -EIO on a broken queue.
 */
int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[], unsigned int out_sgs,
		      unsigned int in_sgs, void *data, gfp_t gfp);
/* Whether the device must be told of the chains added (publishes them first). */
bool virtqueue_kick_prepare(struct virtqueue *vq);
/* Tells the device; false if the queue is broken. Needs no lock. */
bool virtqueue_notify(struct virtqueue *vq);
/* virtqueue_kick_prepare, then virtqueue_notify if it said so. */
bool virtqueue_kick(struct virtqueue *vq);
/* The next used buffer's cookie (and the bytes the device wrote in *len), or NULL. */
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
/* Asks the device for no interrupts (a hint: one may still come). */
void virtqueue_disable_cb(struct virtqueue *vq);
/* Asks for interrupts again; false if buffers were used meanwhile (poll them now). */
bool virtqueue_enable_cb(struct virtqueue *vq);
/* The transport's interrupt handler calls it per queue: runs the callback if used. */
irqreturn_t vring_interrupt(int irq, void *vq);

#endif
