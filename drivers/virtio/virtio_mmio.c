/*
 * The virtio-mmio transport (Linux's virtio_mmio.c) for the virt machine's 32 slots in
 * the device tree: register window, version 1 (legacy: one page-frame register per
 * queue) and 2 (modern: the three ring addresses), the device's interrupt through the GIC.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/of_fdt.h>
#include <linux/libfdt.h>
#include <linux/irq.h>
#include <linux/virtio.h>
#include <asm/io.h>

#define VIRTIO_MMIO_MAGIC_VALUE		0x000
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_GUEST_PAGE_SIZE	0x028
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_ALIGN		0x03c
#define VIRTIO_MMIO_QUEUE_PFN		0x040
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_INT_VRING		1
#define VIRTIO_MMIO_MAGIC		0x74726976	/* "virt" */
#define VIRTIO_MMIO_SIZE		0x200
#define VIRTIO_RING_NUM			128

struct virtio_mmio_device {
	struct virtio_device vdev;
	void *base;
	unsigned long version;
	unsigned int irq;
};

#define to_virtio_mmio_device(_dev) container_of(_dev, struct virtio_mmio_device, vdev)

static void vm_get(struct virtio_device *vdev, unsigned int offset, void *buf, unsigned int len)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);

	for (unsigned int i = 0; i < len; i++)
		((u8 *)buf)[i] = readb_relaxed(vm_dev->base + VIRTIO_MMIO_CONFIG + offset + i);
}

static u8 vm_get_status(struct virtio_device *vdev)
{
	return (u8)readl(to_virtio_mmio_device(vdev)->base + VIRTIO_MMIO_STATUS);
}

static void vm_set_status(struct virtio_device *vdev, u8 status)
{
	writel(status, to_virtio_mmio_device(vdev)->base + VIRTIO_MMIO_STATUS);
}

static u64 vm_get_features(struct virtio_device *vdev)
{
	void *base = to_virtio_mmio_device(vdev)->base;
	u64 features;

	writel(1, base + VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	features = readl(base + VIRTIO_MMIO_DEVICE_FEATURES);
	writel(0, base + VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	return features << 32 | readl(base + VIRTIO_MMIO_DEVICE_FEATURES);
}

/* A modern device must take VERSION_1 and confirm FEATURES_OK; a legacy one has neither. */
static int vm_finalize_features(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);

	if (vm_dev->version == 2 && !virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
		pr_err("virtio-mmio: modern device without VIRTIO_F_VERSION_1\n");
		return -EINVAL;
	}
	writel(1, vm_dev->base + VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	writel((u32)(vdev->features >> 32), vm_dev->base + VIRTIO_MMIO_DRIVER_FEATURES);
	writel(0, vm_dev->base + VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	writel((u32)vdev->features, vm_dev->base + VIRTIO_MMIO_DRIVER_FEATURES);
	if (vm_dev->version == 1)
		return 0;
	vm_set_status(vdev, vm_get_status(vdev) | VIRTIO_CONFIG_S_FEATURES_OK);
	return vm_get_status(vdev) & VIRTIO_CONFIG_S_FEATURES_OK ? 0 : -ENODEV;
}

static bool vm_notify(struct virtqueue *vq)
{
	writel(vq->index, to_virtio_mmio_device(vq->vdev)->base + VIRTIO_MMIO_QUEUE_NOTIFY);
	return true;
}

static void vm_write_addr(void *base, unsigned int reg, void *addr)
{
	u64 phys = virt_to_phys(addr);

	writel((u32)phys, base + reg);
	writel((u32)(phys >> 32), base + reg + 4);
}

static void vm_activate_queue(struct virtio_mmio_device *vm_dev, struct virtqueue *vq)
{
	void *base = vm_dev->base;

	writel(vq->num, base + VIRTIO_MMIO_QUEUE_NUM);
	if (vm_dev->version == 1) {
		writel(PAGE_SIZE, base + VIRTIO_MMIO_QUEUE_ALIGN);
		writel((u32)(virt_to_phys(vq->desc) >> PAGE_SHIFT), base + VIRTIO_MMIO_QUEUE_PFN);
		return;
	}
	vm_write_addr(base, VIRTIO_MMIO_QUEUE_DESC_LOW, vq->desc);
	vm_write_addr(base, VIRTIO_MMIO_QUEUE_AVAIL_LOW, vq->avail);
	vm_write_addr(base, VIRTIO_MMIO_QUEUE_USED_LOW, vq->used);
	writel(1, base + VIRTIO_MMIO_QUEUE_READY);
}

/* One interrupt for the device: each of its queues is looked at. */
static irqreturn_t vm_interrupt(int irq, void *opaque)
{
	struct virtio_mmio_device *vm_dev = opaque;
	u32 status = readl(vm_dev->base + VIRTIO_MMIO_INTERRUPT_STATUS);
	struct virtqueue *vq;

	writel(status, vm_dev->base + VIRTIO_MMIO_INTERRUPT_ACK);
	if (!(status & VIRTIO_MMIO_INT_VRING))
		return status ? IRQ_HANDLED : IRQ_NONE;
	list_for_each_entry(vq, &vm_dev->vdev.vqs, list)
		vring_interrupt(irq, vq);
	return IRQ_HANDLED;
}

static struct virtqueue *vm_setup_vq(struct virtio_device *vdev, unsigned int index,
				     vq_callback_t *callback, const char *name)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	unsigned int num;

	writel(index, vm_dev->base + VIRTIO_MMIO_QUEUE_SEL);
	num = min_t(unsigned int, readl(vm_dev->base + VIRTIO_MMIO_QUEUE_NUM_MAX),
		    VIRTIO_RING_NUM);
	if (!num || (num & (num - 1)))
		return ERR_PTR(-ENOENT);
	return vring_create_virtqueue(vdev, index, num, callback, name) ?: ERR_PTR(-ENOMEM);
}

static void vm_del_vqs(struct virtio_device *vdev)
{
	struct virtqueue *vq, *n;

	list_for_each_entry_safe(vq, n, &vdev->vqs, list) {
		list_del(&vq->list);
		vring_del_virtqueue(vq);
	}
}

/*
 * The queues, then the interrupt, then the device learns the rings: a failure leaves it
 * nothing to write to.
 */
static int vm_find_vqs(struct virtio_device *vdev, unsigned int nvqs, struct virtqueue *vqs[],
		       vq_callback_t *callbacks[], const char * const names[])
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	struct virtqueue *vq;

	for (unsigned int i = 0; i < nvqs; i++) {
		vqs[i] = vm_setup_vq(vdev, i, callbacks[i], names[i]);
		if (IS_ERR(vqs[i])) {
			int err = (int)PTR_ERR(vqs[i]);

			vm_del_vqs(vdev);
			return err;
		}
		list_add_tail(&vqs[i]->list, &vdev->vqs);
	}
	if (request_irq(vm_dev->irq, vm_interrupt, IRQF_SHARED, "virtio", vm_dev)) {
		vm_del_vqs(vdev);
		return -EBUSY;
	}
	list_for_each_entry(vq, &vdev->vqs, list) {
		writel(vq->index, vm_dev->base + VIRTIO_MMIO_QUEUE_SEL);
		vm_activate_queue(vm_dev, vq);
	}
	return 0;
}

static const struct virtio_config_ops virtio_mmio_config_ops = {
	.get			= vm_get,
	.get_status		= vm_get_status,
	.set_status		= vm_set_status,
	.get_features		= vm_get_features,
	.finalize_features	= vm_finalize_features,
	.find_vqs		= vm_find_vqs,
	.notify			= vm_notify,
};

/* The node's reg and interrupts: 0, or -ENODEV for a slot without a usable node. */
static int __init vm_node_resources(int node, phys_addr_t *phys, unsigned int *irq)
{
	const __be32 *reg, *intr;
	u32 spec[3];
	int len, ilen;

	reg = fdt_getprop(initial_boot_params, node, "reg", &len);
	intr = fdt_getprop(initial_boot_params, node, "interrupts", &ilen);
	if (!reg || len < 16 || !intr || ilen < 12)
		return -ENODEV;
	*phys = (phys_addr_t)fdt32_ld(reg) << 32 | fdt32_ld(reg + 1);
	for (int i = 0; i < 3; i++)
		spec[i] = fdt32_ld(intr + i);
	*irq = irq_create_of_mapping(irq_default_domain, spec, 3);
	return *irq ? 0 : -ENODEV;
}

/*
 * The slot's platform device, empty or not, as Linux makes one for each node, named as
 * its of_device_make_bus_id does: /sys/devices/platform/a003e00.virtio_mmio. NULL if
 * memory is short.
 */
static struct device *__init vm_add_platform_device(int node, phys_addr_t phys)
{
	const char *name = fdt_get_name(initial_boot_params, node, NULL) ?: "";
	const char *at = strchr(name, '@');
	struct device *pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);

	if (!pdev)
		return NULL;
	pdev->parent = &platform_bus;
	pdev->init_name = kasprintf(GFP_KERNEL, "%llx.%.*s", (unsigned long long)phys,
				    at ? (int)(at - name) : (int)strlen(name), name);
	if (pdev->init_name && !device_add(pdev))
		return pdev;
	kfree(pdev->init_name);
	kfree(pdev);
	return NULL;
}

/* One slot: a device behind it (id not 0) is registered; an empty slot is unmapped. */
static int __init virtio_mmio_probe(int node)
{
	struct virtio_mmio_device *vm_dev;
	struct device *pdev;
	phys_addr_t phys;
	unsigned int irq;
	void *base;
	u32 id;

	if (vm_node_resources(node, &phys, &irq))
		return -ENODEV;
	pdev = vm_add_platform_device(node, phys);
	if (!pdev)
		return -ENOMEM;
	base = ioremap(phys, VIRTIO_MMIO_SIZE);
	if (!base)
		return -ENOMEM;
	id = readl(base + VIRTIO_MMIO_DEVICE_ID);
	if (readl(base + VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC || !id)
		goto unmap;
	vm_dev = kzalloc(sizeof(*vm_dev), GFP_KERNEL);
	if (!vm_dev)
		goto unmap;
	vm_dev->base = base;
	vm_dev->irq = irq;
	vm_dev->version = readl(base + VIRTIO_MMIO_VERSION);
	if (vm_dev->version < 1 || vm_dev->version > 2) {
		pr_err("virtio-mmio %llx: version %lu not supported\n", (unsigned long long)phys, vm_dev->version);
		kfree(vm_dev);
		goto unmap;
	}
	vm_dev->vdev.dev.parent = pdev;
	vm_dev->vdev.id = id;
	vm_dev->vdev.config = &virtio_mmio_config_ops;
	vm_set_status(&vm_dev->vdev, 0);	/* reset */
	if (vm_dev->version == 1)
		writel(PAGE_SIZE, base + VIRTIO_MMIO_GUEST_PAGE_SIZE);
	return register_virtio_device(&vm_dev->vdev);
unmap:
	iounmap(base);
	return 0;
}

static int __init virtio_mmio_init(void)
{
	const void *fdt = initial_boot_params;
	int node;

	if (!fdt)
		return 0;
	for (node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio"))
		virtio_mmio_probe(node);
	return 0;
}
late_initcall(virtio_mmio_init);
