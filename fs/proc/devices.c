/* /proc/devices (Linux's fs/proc/devices.c): the character devices, then the block ones. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/blkdev.h>

static int devinfo_show(struct seq_file *f, void *v)
{
	seq_puts(f, "Character devices:\n");
	chrdev_show(f);
	seq_puts(f, "\nBlock devices:\n");
	for (off_t major = 1; major < BLKDEV_MAJOR_MAX; major++)
		blkdev_show(f, major);
	return 0;
}

static int __init proc_devices_init(void)
{
	proc_create_single("devices", 0, NULL, devinfo_show);
	return 0;
}
late_initcall(proc_devices_init);
