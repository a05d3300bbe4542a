/*
 * Devices (Linux's device.h), as far as /sys's layout needs them: a directory under the
 * parent device's (or /sys/devices), and for a device of a class its links in
 * /sys/class/<class>/ and /sys/dev/<kind>/MAJ:MIN. Devices live as long as the kernel.
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/types.h>
#include <linux/kobject.h>

/*
 * struct class - a kind of device: /sys/class/<name> links to each one
 * @dev_kobj: /sys/dev/block or /sys/dev/char, for the MAJ:MIN link of a device with a devt
 * @kobj: its /sys/class directory (class_register)
 */
struct class {
	const char *name;
	struct kobject *dev_kobj;
	struct kobject *kobj;
};

/*
 * struct device - a device's place in /sys/devices
 * @init_name: its directory's name, for device_add
 * @class: a class device under a parent of no class sits in the parent's <class>/ glue
 *	directory, one without a parent in /sys/devices/virtual/<class>/
 * @devt: its MAJ:MIN, or 0
 */
struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	struct class *class;
	dev_t devt;
};

/* /sys/devices, /sys/dev/block (kobject_core_init). */
extern struct kobject *devices_kobj;
extern struct kobject *sysfs_dev_block_kobj;
/* /sys/devices/platform: the parent of the devices the device tree describes. */
extern struct device platform_bus;

/* Makes /sys/class/<cls->name>. 0 or -errno. */
int class_register(struct class *cls);
/* Makes dev's directory and its class's links (see struct device). 0 or -errno. */
int device_add(struct device *dev);

#endif
