/* The registered file system types, by name (register_filesystem, get_fs_type). */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/* file_systems: a singly linked list through ->next, under file_systems_lock. */
static struct file_system_type *file_systems;
static DEFINE_SPINLOCK(file_systems_lock);

static struct file_system_type **find_filesystem(const char *name, size_t len)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next)
		if (strlen((*p)->name) == len && !strncmp((*p)->name, name, len))
			break;
	return p;
}

int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;
	int ret = 0;

	spin_lock(&file_systems_lock);
	p = find_filesystem(fs->name, strlen(fs->name));
	if (*p)
		ret = -EBUSY;
	else
		*p = fs;
	spin_unlock(&file_systems_lock);
	return ret;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	fs = *find_filesystem(name, strlen(name));
	spin_unlock(&file_systems_lock);
	return fs;
}

int list_bdev_fs_names(char *buf, size_t size)
{
	int count = 0;

	spin_lock(&file_systems_lock);
	for (struct file_system_type *p = file_systems; p; p = p->next) {
		size_t len;

		if (!(p->fs_flags & FS_REQUIRES_DEV))
			continue;
		len = strlen(p->name) + 1;
		if (len > size) {
			pr_warn("%s: truncating file system list\n", __func__);
			break;
		}
		memcpy(buf, p->name, len);
		buf += len;
		size -= len;
		count++;
	}
	spin_unlock(&file_systems_lock);
	return count;
}

/* /proc/filesystems: "nodev" for those without a block device, then the name. */
static int filesystems_proc_show(struct seq_file *m, void *v)
{
	spin_lock(&file_systems_lock);
	for (struct file_system_type *fs = file_systems; fs; fs = fs->next)
		seq_printf(m, "%s\t%s\n", (fs->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev",
			   fs->name);
	spin_unlock(&file_systems_lock);
	return 0;
}

static int __init proc_filesystems_init(void)
{
	proc_create_single("filesystems", 0, NULL, filesystems_proc_show);
	return 0;
}
late_initcall(proc_filesystems_init);
