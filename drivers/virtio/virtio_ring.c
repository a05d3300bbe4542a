/*
 * Split virtqueues (Linux's virtio_ring.c, without indirect descriptors and event index
 * yet): a descriptor table, the driver's avail ring and the device's used ring, in
 * zeroed pages from the page allocator (the machine is cache-coherent for DMA).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/virtio.h>
#include <asm/io.h>

size_t vring_size(unsigned int num, unsigned long align)
{
	size_t avail_end = sizeof(struct vring_desc) * num + sizeof(u16) * (3 + num);

	return ALIGN(avail_end, align) + sizeof(u16) * 3 + sizeof(struct vring_used_elem) * num;
}

struct virtqueue *vring_create_virtqueue(struct virtio_device *vdev, unsigned int index,
					 unsigned int num, vq_callback_t *callback)
{
	struct virtqueue *vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	unsigned int order = get_order(vring_size(num, PAGE_SIZE));

	if (!vq)
		return NULL;
	vq->data = kcalloc(num, sizeof(void *), GFP_KERNEL);
	vq->ring_mem = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, order);
	if (!vq->data || !vq->ring_mem)
		goto err;
	vq->vdev = vdev;
	vq->callback = callback;
	vq->index = index;
	vq->num = num;
	vq->num_free = num;
	vq->ring_order = order;
	vq->desc = vq->ring_mem;
	vq->avail = (void *)(vq->desc + num);
	vq->used = (void *)ALIGN((unsigned long)&vq->avail->ring[num + 1], PAGE_SIZE);
	for (unsigned int i = 0; i < num - 1; i++)
		vq->desc[i].next = (u16)(i + 1);
	return vq;
err:
	kfree(vq->data);
	kfree(vq);
	return NULL;
}

void vring_del_virtqueue(struct virtqueue *vq)
{
	free_pages((unsigned long)vq->ring_mem, vq->ring_order);
	kfree(vq->data);
	kfree(vq);
}

int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[], unsigned int out_sgs,
		      unsigned int in_sgs, void *data, gfp_t gfp)
{
	unsigned int total = out_sgs + in_sgs, head = vq->free_head, i = head, prev = head;

	(void)gfp;	/* no indirect table to allocate yet */
	if (vq->broken)
		return -EIO;
	if (!total || !data)
		return -EINVAL;
	if (vq->num_free < total)
		return -ENOSPC;
	for (unsigned int n = 0; n < total; n++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = virt_to_phys(sgs[n]->buf);
		d->len = sgs[n]->length;
		d->flags = (u16)((n >= out_sgs ? VRING_DESC_F_WRITE : 0) | VRING_DESC_F_NEXT);
		prev = i;
		i = d->next;
	}
	vq->desc[prev].flags &= (u16)~VRING_DESC_F_NEXT;
	vq->free_head = i;
	vq->num_free -= total;
	vq->data[head] = data;
	vq->avail->ring[vq->avail_idx_shadow & (vq->num - 1)] = (u16)head;
	vq->avail_idx_shadow++;
	return 0;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	if (vq->broken)
		return false;
	/* The descriptors and ring entry before the index the device polls (virtio_wmb). */
	dmb(oshst);
	WRITE_ONCE(vq->avail->idx, vq->avail_idx_shadow);
	/* The index before the notify register write reaches the device (virtio_mb). */
	dsb(sy);
	return vq->vdev->config->notify(vq);
}

/* Returns the chain at head to the free list. */
static void detach_buf(struct virtqueue *vq, unsigned int head)
{
	unsigned int i = head;

	vq->data[head] = NULL;
	vq->num_free++;
	while (vq->desc[i].flags & VRING_DESC_F_NEXT) {
		i = vq->desc[i].next;
		vq->num_free++;
	}
	vq->desc[i].next = (u16)vq->free_head;
	vq->free_head = head;
}

void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len)
{
	struct vring_used_elem *e;
	unsigned int id;
	void *data;

	if (vq->broken || vq->last_used_idx == READ_ONCE(vq->used->idx))
		return NULL;
	/* The entry only after the index that published it (virtio_rmb). */
	dmb(oshld);
	e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
	id = e->id;
	if (id >= vq->num || !vq->data[id]) {
		pr_err("virtio%d: vq %u: id %u is not a head in use\n", vq->vdev->index,
		       vq->index, id);
		vq->broken = true;
		return NULL;
	}
	data = vq->data[id];
	if (len)
		*len = e->len;
	detach_buf(vq, id);
	vq->last_used_idx++;
	return data;
}

irqreturn_t vring_interrupt(int irq, void *_vq)
{
	struct virtqueue *vq = _vq;

	(void)irq;
	if (vq->last_used_idx == READ_ONCE(vq->used->idx))
		return IRQ_NONE;
	if (vq->callback)
		vq->callback(vq);
	return IRQ_HANDLED;
}
