/*
 * sysfs (Linux's sysfs.h): attributes as files of a kobject's directory, groups of them
 * (optionally in a subdirectory), and links between directories. show() fills a page.
 */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H

#include <linux/types.h>
#include <linux/compiler.h>

struct kobject;

struct attribute {
	const char *name;
	umode_t mode;
};

struct attribute_group {
	const char *name;		/* a subdirectory, or NULL for kobj's own */
	struct attribute **attrs;	/* NULL-terminated; each a struct kobj_attribute */
};

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
/* An empty directory name in parent_kobj's, to mount on (/sys/kernel/debug). */
int sysfs_create_mount_point(struct kobject *parent_kobj, const char *name);
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
/* A link name in kobj's directory to target's, as a relative path. */
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name);

/* show()'s printf into its page buffer; the bytes written. */
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);
int sysfs_emit_at(char *buf, int at, const char *fmt, ...) __printf(3, 4);

/* Registers the sysfs file system and makes /sys's root (start of kernel_init). */
int sysfs_init(void);

#endif
