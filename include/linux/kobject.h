/*
 * kobjects (Linux's kobject.h), as far as sysfs needs them: a named node in a hierarchy,
 * shown as a directory of /sys, and the attributes that are its files. Here kobjects
 * live as long as the kernel: none is ever released.
 */
#ifndef _LINUX_KOBJECT_H
#define _LINUX_KOBJECT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/sysfs.h>

struct kernfs_node;

struct kobject {
	const char *name;
	struct kobject *parent;
	struct kernfs_node *sd;		/* its /sys directory */
};

/*
 * An attribute whose text comes from show(kobj, attr, buf): at most PAGE_SIZE bytes; a
 * writable one takes a write's bytes (NUL-terminated, under a page) in store(), which
 * returns count or -errno.
 */
struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count);
};

#define __ATTR_RO(_name) {						\
	.attr	= { .name = __stringify(_name), .mode = 0444 },		\
	.show	= _name##_show,						\
}

#define __ATTR_RW(_name) {						\
	.attr	= { .name = __stringify(_name), .mode = 0644 },		\
	.show	= _name##_show,						\
	.store	= _name##_store,					\
}

/* /sys/kernel, /sys/kernel/mm, /sys/devices/system. */
extern struct kobject *kernel_kobj;
extern struct kobject *mm_kobj;
extern struct kobject *system_kobj;

/*
 * Names kobj (printf-style) and makes its directory under parent (NULL: /sys).
 * Return: 0, -ENOMEM, or -EEXIST for a name already there.
 */
int kobject_init_and_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
	__printf(3, 4);
/* Makes /sys/kernel, /sys/kernel/mm and /sys/devices/system (after sysfs_init). */
int kobject_core_init(void);
/* A new kobject with its directory, or NULL. */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);

#endif
