/*
 * Devices in /sys (Linux's drivers/base/core.c and class.c, the layout part): where a
 * device's directory goes, and the links a class device gets: /sys/class/<class>/<name>,
 * its "subsystem" and "device" links and /sys/dev/<kind>/MAJ:MIN.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/fs.h>
#include <linux/device.h>

struct device platform_bus = { .init_name = "platform" };

static struct kobject *class_kobj;	/* /sys/class */
static struct kobject *virtual_dir;	/* /sys/devices/virtual */

/*
 * A parent's directory holding the devices of one class (.../virtio0/block), made for
 * the first of them. Under glue_lock: glue_dirs, additions only.
 */
struct class_dir {
	struct kobject kobj;
	struct kobject *parent;
	struct class *class;
	struct list_head list;
};

static LIST_HEAD(glue_dirs);
static DEFINE_MUTEX(glue_lock);

int class_register(struct class *cls)
{
	if (!class_kobj)
		class_kobj = kobject_create_and_add("class", NULL);
	cls->kobj = class_kobj ? kobject_create_and_add(cls->name, class_kobj) : NULL;
	return cls->kobj ? 0 : -ENOMEM;
}

static struct kobject *class_dir_create_and_add(struct class *class, struct kobject *parent)
{
	struct class_dir *dir;

	list_for_each_entry(dir, &glue_dirs, list)
		if (dir->parent == parent && dir->class == class)
			return &dir->kobj;
	dir = kzalloc(sizeof(*dir), GFP_KERNEL);
	if (!dir)
		return NULL;
	if (kobject_init_and_add(&dir->kobj, parent, "%s", class->name)) {
		kfree(dir);
		return NULL;
	}
	dir->parent = parent;
	dir->class = class;
	list_add(&dir->list, &glue_dirs);
	return &dir->kobj;
}

/* The directory dev's goes in (Linux's get_device_parent). */
static struct kobject *get_device_parent(struct device *dev)
{
	struct kobject *parent = dev->parent ? &dev->parent->kobj : devices_kobj;
	struct kobject *kobj;

	if (!dev->class || (dev->parent && dev->parent->class))
		return parent;
	mutex_lock(&glue_lock);
	if (!dev->parent && !virtual_dir)
		virtual_dir = kobject_create_and_add("virtual", devices_kobj);
	kobj = dev->parent || virtual_dir ?
	       class_dir_create_and_add(dev->class, dev->parent ? parent : virtual_dir) : NULL;
	mutex_unlock(&glue_lock);
	return kobj;
}

/* Linux's device_add_class_symlinks and device_create_sys_dev_entry. */
static int device_add_class_symlinks(struct device *dev)
{
	const char *name = dev->kobj.name;
	char devt[24];
	int err;

	err = sysfs_create_link(&dev->kobj, dev->class->kobj, "subsystem");
	/* A partition's parent is its disk, not the hardware: no "device" link. */
	if (!err && dev->parent && dev->parent->class != dev->class)
		err = sysfs_create_link(&dev->kobj, &dev->parent->kobj, "device");
	if (!err)
		err = sysfs_create_link(dev->class->kobj, &dev->kobj, name);
	if (err || !dev->devt || !dev->class->dev_kobj)
		return err;
	snprintf(devt, sizeof(devt), "%u:%u", MAJOR(dev->devt), MINOR(dev->devt));
	return sysfs_create_link(dev->class->dev_kobj, &dev->kobj, devt);
}

int device_add(struct device *dev)
{
	struct kobject *parent = get_device_parent(dev);
	int err;

	if (!parent)
		return -ENOMEM;
	err = kobject_init_and_add(&dev->kobj, parent, "%s", dev->init_name);
	if (!err && dev->class)
		err = device_add_class_symlinks(dev);
	return err;
}
