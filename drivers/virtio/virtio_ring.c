/*
 * Split virtqueues (Linux's virtio_ring.c): a descriptor table, the driver's avail ring
 * and the device's used ring, in zeroed pages from the page allocator (the machine is
 * cache-coherent for DMA); indirect descriptor tables for chains of more than one buffer,
 * and the event index that spares notifies and interrupts the other side does not need.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/virtio.h>
#include <asm/io.h>

/* The u16 after avail's ring (the driver's used_event) and after used's (avail_event). */
#define vring_used_event(vq)	((vq)->avail->ring[(vq)->num])
#define vring_avail_event(vq)	(*(u16 *)&(vq)->used->ring[(vq)->num])

/* Whether moving an index from old to new_idx passes event_idx (virtio 1.1, 2.6.7.2). */
static inline bool vring_need_event(u16 event_idx, u16 new_idx, u16 old)
{
	return (u16)(new_idx - event_idx - 1) < (u16)(new_idx - old);
}

size_t vring_size(unsigned int num, unsigned long align)
{
	size_t avail_end = sizeof(struct vring_desc) * num + sizeof(u16) * (3 + num);

	return ALIGN(avail_end, align) + sizeof(u16) * 3 + sizeof(struct vring_used_elem) * num;
}

struct virtqueue *vring_create_virtqueue(struct virtio_device *vdev, unsigned int index,
					 unsigned int num, vq_callback_t *callback,
					 const char *name)
{
	struct virtqueue *vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	unsigned int order = get_order(vring_size(num, PAGE_SIZE));

	if (!vq)
		return NULL;
	vq->desc_state = kcalloc(num, sizeof(*vq->desc_state), GFP_KERNEL);
	vq->ring_mem = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
	if (!vq->desc_state || !vq->ring_mem)
		goto err;
	vq->vdev = vdev;
	vq->callback = callback;
	vq->name = name;
	vq->index = index;
	vq->num = num;
	vq->num_free = num;
	vq->ring_order = order;
	vq->indirect = virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC);
	vq->event = virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX);
	vq->desc = vq->ring_mem;
	vq->avail = (void *)(vq->desc + num);
	vq->used = (void *)ALIGN((unsigned long)&vq->avail->ring[num + 1], PAGE_SIZE);
	for (unsigned int i = 0; i < num - 1; i++)
		vq->desc[i].next = (u16)(i + 1);
	return vq;
err:
	free_pages((unsigned long)vq->ring_mem, order);
	kfree(vq->desc_state);
	kfree(vq);
	return NULL;
}

void vring_del_virtqueue(struct virtqueue *vq)
{
	free_pages((unsigned long)vq->ring_mem, vq->ring_order);
	kfree(vq->desc_state);
	kfree(vq);
}

/* Fills descs (a chain through their next fields from start) with the lists' buffers. */
static unsigned int vring_fill_descs(struct vring_desc *descs, unsigned int start,
				     struct scatterlist *sgs[], unsigned int out_sgs,
				     unsigned int total_sgs)
{
	unsigned int i = start, prev = start;

	for (unsigned int n = 0; n < total_sgs; n++) {
		u16 flags = n >= out_sgs ? VRING_DESC_F_WRITE : 0;

		for (struct scatterlist *sg = sgs[n]; sg; sg = sg_next(sg)) {
			descs[i].addr = virt_to_phys(sg_virt(sg));
			descs[i].len = sg->length;
			descs[i].flags = flags | VRING_DESC_F_NEXT;
			prev = i;
			i = descs[i].next;
		}
	}
	descs[prev].flags &= (u16)~VRING_DESC_F_NEXT;
	return i;
}

/* An indirect table for total buffers, its entries chained in order; NULL without memory. */
static struct vring_desc *alloc_indirect(unsigned int total, gfp_t gfp)
{
	struct vring_desc *desc = kmalloc_array(total, sizeof(*desc), gfp);

	for (unsigned int i = 0; desc && i < total; i++)
		desc[i].next = (u16)(i + 1);
	return desc;
}

int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[], unsigned int out_sgs,
		      unsigned int in_sgs, void *data, gfp_t gfp)
{
	unsigned int total = 0, head = vq->free_head, descs_used;
	struct vring_desc *indir = NULL;

	if (vq->broken)
		return -EIO;
	for (unsigned int n = 0; n < out_sgs + in_sgs; n++)
		for (struct scatterlist *sg = sgs[n]; sg; sg = sg_next(sg))
			total++;
	if (!total || !data)
		return -EINVAL;
	/* Without a table (none negotiated, or no memory) the chain goes in the ring. */
	if (vq->indirect && total > 1)
		indir = alloc_indirect(total, gfp);
	descs_used = indir ? 1 : total;
	if (vq->num_free < descs_used) {
		kfree(indir);
		return -ENOSPC;
	}
	if (indir) {
		vring_fill_descs(indir, 0, sgs, out_sgs, out_sgs + in_sgs);
		vq->desc[head] = (struct vring_desc){ .addr = virt_to_phys(indir),
			.len = total * (u32)sizeof(*indir), .flags = VRING_DESC_F_INDIRECT,
			.next = vq->desc[head].next };
		vq->free_head = vq->desc[head].next;
	} else {
		vq->free_head = vring_fill_descs(vq->desc, head, sgs, out_sgs, out_sgs + in_sgs);
	}
	vq->num_free -= descs_used;
	vq->desc_state[head] = (struct vring_desc_state_split){ .data = data, .indir_desc = indir };
	vq->avail->ring[vq->avail_idx_shadow & (vq->num - 1)] = (u16)head;
	vq->avail_idx_shadow++;
	/* The descriptors and ring entry before the index the device polls (virtio_wmb). */
	dmb(oshst);
	WRITE_ONCE(vq->avail->idx, vq->avail_idx_shadow);
	vq->num_added++;
	return 0;
}

bool virtqueue_kick_prepare(struct virtqueue *vq)
{
	u16 new = vq->avail_idx_shadow, old = (u16)(new - vq->num_added);

	/* The published index before reading what the device asks for (virtio_mb). */
	dsb(sy);
	vq->num_added = 0;
	if (vq->event)
		return vring_need_event(READ_ONCE(vring_avail_event(vq)), new, old);
	return !(READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY);
}

bool virtqueue_notify(struct virtqueue *vq)
{
	if (vq->broken)
		return false;
	if (!vq->vdev->config->notify(vq)) {
		vq->broken = true;
		return false;
	}
	return true;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	if (virtqueue_kick_prepare(vq))
		return virtqueue_notify(vq);
	return !vq->broken;
}

/* Returns the chain at head (and its indirect table) to the free list. */
static void detach_buf(struct virtqueue *vq, unsigned int head)
{
	struct vring_desc_state_split *state = &vq->desc_state[head];
	unsigned int i = head;

	vq->num_free++;
	while (vq->desc[i].flags & VRING_DESC_F_NEXT) {
		i = vq->desc[i].next;
		vq->num_free++;
	}
	vq->desc[i].next = (u16)vq->free_head;
	vq->free_head = head;
	kfree(state->indir_desc);
	*state = (struct vring_desc_state_split){ NULL, NULL };
}

static bool more_used(const struct virtqueue *vq)
{
	return vq->last_used_idx != READ_ONCE(vq->used->idx);
}

void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len)
{
	struct vring_used_elem *e;
	unsigned int id;
	void *data;

	if (vq->broken || !more_used(vq))
		return NULL;
	/* The entry only after the index that published it (virtio_rmb). */
	dmb(oshld);
	e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
	id = e->id;
	if (id >= vq->num || !vq->desc_state[id].data) {
		pr_err("virtio%d: vq %u: id %u is not a head in use\n", vq->vdev->index,
		       vq->index, id);
		vq->broken = true;
		return NULL;
	}
	data = vq->desc_state[id].data;
	if (len)
		*len = e->len;
	detach_buf(vq, id);
	vq->last_used_idx++;
	/* With the event index, interrupts stay on: ask for one at the next used entry. */
	if (vq->event && !(vq->avail_flags_shadow & VRING_AVAIL_F_NO_INTERRUPT))
		WRITE_ONCE(vring_used_event(vq), vq->last_used_idx);
	return data;
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
	vq->avail_flags_shadow |= VRING_AVAIL_F_NO_INTERRUPT;
	/* The device reads the flag only without the event index; with it, used_event. */
	if (!vq->event)
		WRITE_ONCE(vq->avail->flags, vq->avail_flags_shadow);
	else
		WRITE_ONCE(vring_used_event(vq), (u16)(vq->last_used_idx - 1));
}

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	vq->avail_flags_shadow &= (u16)~VRING_AVAIL_F_NO_INTERRUPT;
	if (!vq->event)
		WRITE_ONCE(vq->avail->flags, vq->avail_flags_shadow);
	WRITE_ONCE(vring_used_event(vq), vq->last_used_idx);
	/* Our request for interrupts before the used index we check (virtio_mb). */
	dsb(sy);
	return !more_used(vq);
}

irqreturn_t vring_interrupt(int irq, void *_vq)
{
	struct virtqueue *vq = _vq;

	(void)irq;
	if (!more_used(vq))
		return IRQ_NONE;
	if (vq->callback)
		vq->callback(vq);
	return IRQ_HANDLED;
}
