/*
 * The virtio bus (Linux's virtio.c): matches devices from the transports with drivers by
 * device id, and runs the status handshake and feature negotiation around the probe.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/virtio.h>

#define MAX_VIRTIO	32

/* Both tables append-only, under virtio_lock; a device binds at most one driver. */
static struct virtio_device *devices[MAX_VIRTIO];
static struct virtio_driver *drivers[4];
static unsigned int nr_devices, nr_drivers;
static DEFINE_MUTEX(virtio_lock);

static void virtio_add_status(struct virtio_device *dev, u8 status)
{
	dev->config->set_status(dev, dev->config->get_status(dev) | status);
}

/*
 * The features the driver knows and the device offers, then FEATURES_OK (virtio 3.1.1).
 * The ring's own features are the core's to take (Linux's vring_transport_features).
 */
static int virtio_negotiate(struct virtio_device *dev, const struct virtio_driver *drv)
{
	u64 offered = dev->config->get_features(dev);
	u64 wanted = 1ULL << VIRTIO_F_VERSION_1 | 1ULL << VIRTIO_RING_F_INDIRECT_DESC |
		     1ULL << VIRTIO_RING_F_EVENT_IDX;

	for (unsigned int i = 0; i < drv->feature_table_size; i++)
		wanted |= 1ULL << drv->feature_table[i];
	dev->features = offered & wanted;
	return dev->config->finalize_features(dev);
}

static void virtio_dev_probe(struct virtio_device *dev, struct virtio_driver *drv)
{
	int err;

	virtio_add_status(dev, VIRTIO_CONFIG_S_DRIVER);
	err = virtio_negotiate(dev, drv);
	if (!err)
		err = drv->probe(dev);
	if (err) {
		pr_err("%s virtio%d: probe failed: %d\n", drv->name, dev->index, err);
		virtio_add_status(dev, VIRTIO_CONFIG_S_FAILED);
		return;
	}
	virtio_add_status(dev, VIRTIO_CONFIG_S_DRIVER_OK);
}

int register_virtio_device(struct virtio_device *dev)
{
	int err = 0;

	mutex_lock(&virtio_lock);
	if (nr_devices == MAX_VIRTIO) {
		err = -ENOSPC;
		goto out;
	}
	dev->index = (int)nr_devices;
	dev->dev.init_name = kasprintf(GFP_KERNEL, "virtio%d", dev->index);
	err = dev->dev.init_name ? device_add(&dev->dev) : -ENOMEM;
	if (err)
		goto out;
	INIT_LIST_HEAD(&dev->vqs);
	devices[nr_devices++] = dev;
	virtio_add_status(dev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	for (unsigned int i = 0; i < nr_drivers; i++)
		if (drivers[i]->device_id == dev->id)
			virtio_dev_probe(dev, drivers[i]);
out:
	mutex_unlock(&virtio_lock);
	return err;
}

int register_virtio_driver(struct virtio_driver *drv)
{
	int err = 0;

	mutex_lock(&virtio_lock);
	if (nr_drivers == ARRAY_SIZE(drivers)) {
		err = -ENOSPC;
		goto out;
	}
	drivers[nr_drivers++] = drv;
	for (unsigned int i = 0; i < nr_devices; i++)
		if (devices[i]->id == drv->device_id)
			virtio_dev_probe(devices[i], drv);
out:
	mutex_unlock(&virtio_lock);
	return err;
}
