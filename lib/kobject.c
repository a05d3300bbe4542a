/*
 * kobjects (Linux's lib/kobject.c), as far as sysfs needs them: a name, a parent and a
 * /sys directory; and the top directories Linux's core code makes (/sys/kernel,
 * /sys/kernel/mm, /sys/devices/system, /sys/devices/platform, /sys/dev/block).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/kobject.h>
#include <linux/device.h>

struct kobject *devices_kobj;
struct kobject *sysfs_dev_block_kobj;
struct kobject *kernel_kobj;
struct kobject *mm_kobj;
struct kobject *system_kobj;

int sysfs_create_dir_ns(struct kobject *kobj);

int kobject_init_and_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
	va_list args;
	char *name;

	va_start(args, fmt);
	name = kvasprintf(GFP_KERNEL, fmt, args);
	va_end(args);
	if (!name)
		return -ENOMEM;
	kobj->name = name;
	kobj->parent = parent;
	return sysfs_create_dir_ns(kobj);
}

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *kobj = kzalloc(sizeof(*kobj), GFP_KERNEL);

	if (!kobj)
		return NULL;
	if (kobject_init_and_add(kobj, parent, "%s", name)) {
		kfree(kobj);
		return NULL;
	}
	return kobj;
}

/*
 * Linux's ksysfs_init (kernel_kobj), mm_sysfs_init (mm_kobj), devices_init (devices/,
 * dev/block), buses_init (devices/system/) and platform_bus_init, before any initcall
 * adds under them.
 */
int __init kobject_core_init(void)
{
	struct kobject *dev;

	devices_kobj = kobject_create_and_add("devices", NULL);
	dev = kobject_create_and_add("dev", NULL);
	sysfs_dev_block_kobj = dev ? kobject_create_and_add("block", dev) : NULL;
	kernel_kobj = kobject_create_and_add("kernel", NULL);
	mm_kobj = kernel_kobj ? kobject_create_and_add("mm", kernel_kobj) : NULL;
	system_kobj = devices_kobj ? kobject_create_and_add("system", devices_kobj) : NULL;
	if (!sysfs_dev_block_kobj || !mm_kobj || !system_kobj)
		return -ENOMEM;
	return device_add(&platform_bus);
}
