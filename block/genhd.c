/*
 * Disks (Linux's block/genhd.c): allocating a gendisk with its whole-disk block device,
 * add_disk (partitions, /dev nodes, /sys/block/<disk>), the table of disks that
 * blkdev_get_by_dev searches, and /proc/partitions and /proc/diskstats.
 */
#include <linux/kernel.h>
#include <linux/backing-dev.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/jiffies.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/devtmpfs.h>
#include <linux/blk-mq.h>
#include "blk.h"

#define MAX_DISKS	16

/* disks[0..nr_disks), append-only, and each disk's part_tbl entries: under disks_lock. */
static struct gendisk *disks[MAX_DISKS];
static unsigned int nr_disks;
static DEFINE_MUTEX(disks_lock);
/* /sys/block, made by the first add_disk (the drivers probe before this file's initcall). */
static struct kobject *block_kobj;

struct gendisk *__alloc_disk_node(struct request_queue *q)
{
	struct gendisk *disk = kzalloc(sizeof(*disk), GFP_KERNEL);

	if (!disk)
		return NULL;
	disk->queue = q;
	q->disk = disk;
	disk->part0 = bdev_alloc(disk, 0);
	if (!disk->part0) {
		kfree(disk);
		return NULL;
	}
	return disk;
}

void set_capacity(struct gendisk *disk, sector_t size)
{
	disk->part0->bd_nr_sectors = size;
}

void bdev_name(struct block_device *bdev, char *buf, size_t size)
{
	const char *disk = bdev->bd_disk->disk_name;
	size_t len = strlen(disk);

	if (!bdev->bd_partno)
		snprintf(buf, size, "%s", disk);
	else if (len && disk[len - 1] >= '0' && disk[len - 1] <= '9')
		snprintf(buf, size, "%sp%u", disk, bdev->bd_partno);
	else
		snprintf(buf, size, "%s%u", disk, bdev->bd_partno);
}

struct block_device *blk_lookup_bdev(dev_t dev)
{
	struct block_device *bdev = NULL;

	mutex_lock(&disks_lock);
	for (unsigned int i = 0; i < nr_disks && !bdev; i++) {
		struct gendisk *disk = disks[i];
		unsigned int minor = MINOR(dev);

		if (MAJOR(dev) == (unsigned int)disk->major &&
		    minor >= (unsigned int)disk->first_minor &&
		    minor < (unsigned int)(disk->first_minor + disk->minors))
			bdev = disk->part_tbl[minor - (unsigned int)disk->first_minor];
	}
	mutex_unlock(&disks_lock);
	return bdev;
}

#define dev_to_bdev(kobj)	container_of(kobj, struct block_device, bd_kobj)

static ssize_t size_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", (unsigned long long)bdev_nr_sectors(dev_to_bdev(kobj)));
}

static ssize_t dev_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	dev_t dev = dev_to_bdev(kobj)->bd_dev;

	return sysfs_emit(buf, "%u:%u\n", MAJOR(dev), MINOR(dev));
}

static ssize_t ro_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", bdev_read_only(dev_to_bdev(kobj)) ? 1 : 0);
}

#define PART_STAT_COLUMNS	17

/*
 * The 17 numbers of Documentation/block/stat.rst (Linux's part_stat_show and
 * diskstats_show print the same ones): per read, write, discard: I/Os, merges, sectors,
 * milliseconds (no sectors for flush); then requests in flight, io_ticks, the time of
 * all requests, in the order Linux prints them.
 */
static void part_stat_columns(struct block_device *bdev, unsigned long long col[PART_STAT_COLUMNS])
{
	struct disk_stats s;
	unsigned int n = 0;

	part_stat_read_all(bdev, &s);
	for (int g = STAT_READ; g <= STAT_DISCARD; g++) {
		col[n++] = s.ios[g];
		col[n++] = s.merges[g];
		col[n++] = s.sectors[g];
		col[n++] = (unsigned int)(s.nsecs[g] / NSEC_PER_MSEC);
		if (g != STAT_WRITE)
			continue;
		col[n++] = s.in_flight[0] + s.in_flight[1];
		col[n++] = jiffies_to_msecs(s.io_ticks);
		col[n++] = (unsigned int)((s.nsecs[STAT_READ] + s.nsecs[STAT_WRITE] +
					   s.nsecs[STAT_DISCARD] + s.nsecs[STAT_FLUSH]) / NSEC_PER_MSEC);
	}
	col[n++] = s.ios[STAT_FLUSH];
	col[n++] = (unsigned int)(s.nsecs[STAT_FLUSH] / NSEC_PER_MSEC);
}

static ssize_t stat_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	unsigned long long col[PART_STAT_COLUMNS];
	int at = 0;

	part_stat_columns(dev_to_bdev(kobj), col);
	for (int i = 0; i < PART_STAT_COLUMNS; i++)
		at += sysfs_emit_at(buf, at, "%s%8llu", i ? " " : "", col[i]);
	return at + sysfs_emit_at(buf, at, "\n");
}

static ssize_t start_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", (unsigned long long)dev_to_bdev(kobj)->bd_start_sect);
}

static ssize_t partition_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_bdev(kobj)->bd_partno);
}

static ssize_t logical_block_size_show(struct kobject *kobj, struct kobj_attribute *attr,
				       char *buf)
{
	return sysfs_emit(buf, "%u\n", bdev_logical_block_size(dev_to_bdev(kobj)));
}

/* The same as logical_block_size, as Linux shows it. */
static ssize_t hw_sector_size_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return logical_block_size_show(kobj, attr, buf);
}

static ssize_t physical_block_size_show(struct kobject *kobj, struct kobj_attribute *attr,
					char *buf)
{
	return sysfs_emit(buf, "%u\n", bdev_physical_block_size(dev_to_bdev(kobj)));
}

static ssize_t max_hw_sectors_kb_show(struct kobject *kobj, struct kobj_attribute *attr,
				      char *buf)
{
	return sysfs_emit(buf, "%u\n", bdev_get_queue(dev_to_bdev(kobj))->limits.max_hw_sectors >> 1);
}

static ssize_t discard_max_bytes_show(struct kobject *kobj, struct kobj_attribute *attr,
				      char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  (unsigned long long)bdev_max_discard_sectors(dev_to_bdev(kobj)) << 9);
}

static struct kobj_attribute size_attr = __ATTR_RO(size);
static struct kobj_attribute dev_attr = __ATTR_RO(dev);
static struct kobj_attribute ro_attr = __ATTR_RO(ro);
static struct kobj_attribute stat_attr = __ATTR_RO(stat);
static struct kobj_attribute start_attr = __ATTR_RO(start);
static struct kobj_attribute partition_attr = __ATTR_RO(partition);
static struct kobj_attribute logical_block_size_attr = __ATTR_RO(logical_block_size);
static struct kobj_attribute hw_sector_size_attr = __ATTR_RO(hw_sector_size);
static struct kobj_attribute physical_block_size_attr = __ATTR_RO(physical_block_size);
static struct kobj_attribute max_hw_sectors_kb_attr = __ATTR_RO(max_hw_sectors_kb);
static struct kobj_attribute discard_max_bytes_attr = __ATTR_RO(discard_max_bytes);

static struct attribute *disk_attrs[] = {
	&size_attr.attr, &dev_attr.attr, &ro_attr.attr, &stat_attr.attr, NULL,
};

static const struct attribute_group disk_attr_group = { .attrs = disk_attrs };

static struct attribute *queue_attrs[] = {
	&logical_block_size_attr.attr, &hw_sector_size_attr.attr,
	&physical_block_size_attr.attr, &max_hw_sectors_kb_attr.attr,
	&discard_max_bytes_attr.attr, NULL,
};

static const struct attribute_group queue_attr_group = { .name = "queue", .attrs = queue_attrs };

static struct attribute *part_attrs[] = {
	&size_attr.attr, &dev_attr.attr, &ro_attr.attr, &stat_attr.attr, &start_attr.attr,
	&partition_attr.attr, NULL,
};

static const struct attribute_group part_attr_group = { .attrs = part_attrs };

/* /sys/block/<disk> with its queue/, or the partition's directory inside it. */
static int bdev_add_sysfs(struct block_device *bdev)
{
	char name[DISK_NAME_LEN + 4];
	int err;

	bdev_name(bdev, name, sizeof(name));
	if (bdev_is_partition(bdev)) {
		err = kobject_init_and_add(&bdev->bd_kobj, &bdev->bd_disk->part0->bd_kobj, "%s", name);
		return err ? err : sysfs_create_group(&bdev->bd_kobj, &part_attr_group);
	}
	if (!block_kobj)
		block_kobj = kobject_create_and_add("block", NULL);
	if (!block_kobj)
		return -ENOMEM;
	err = kobject_init_and_add(&bdev->bd_kobj, block_kobj, "%s", name);
	if (!err)
		err = sysfs_create_group(&bdev->bd_kobj, &disk_attr_group);
	if (!err)
		err = sysfs_create_group(&bdev->bd_kobj, &queue_attr_group);
	return err ? err : blk_mq_sysfs_register(bdev->bd_disk);
}

/* A block device's /dev node and /sys directory; called with disks_lock held. */
static int bdev_register(struct block_device *bdev)
{
	char name[DISK_NAME_LEN + 4];
	int err;

	bdev_name(bdev, name, sizeof(name));
	err = devtmpfs_create_node(name, S_IFBLK | 0660, bdev->bd_dev);
	return err ? err : bdev_add_sysfs(bdev);
}

int add_partition(struct gendisk *disk, int partno, sector_t start, sector_t len)
{
	struct block_device *bdev;
	int err;

	if (partno <= 0 || partno >= disk->minors)
		return -EINVAL;
	if (disk->part_tbl[partno])
		return -EBUSY;
	bdev = bdev_alloc(disk, (u8)partno);
	if (!bdev)
		return -ENOMEM;
	bdev->bd_start_sect = start;
	bdev->bd_nr_sectors = len;
	bdev->bd_read_only = disk->part0->bd_read_only;
	bdev_add(bdev, disk->part0->bd_dev + (dev_t)partno);
	mutex_lock(&disks_lock);
	disk->part_tbl[partno] = bdev;
	err = bdev_register(bdev);
	mutex_unlock(&disks_lock);
	return err;
}

int device_add_disk(struct device *parent, struct gendisk *disk,
		    const struct attribute_group **groups)
{
	int err;

	if (!disk->minors)
		disk->minors = 1;
	if (disk->minors > DISK_MAX_PARTS)
		return -EINVAL;
	disk->part_tbl = kcalloc((size_t)disk->minors, sizeof(*disk->part_tbl), GFP_KERNEL);
	if (!disk->part_tbl)
		return -ENOMEM;
	disk->part_tbl[0] = disk->part0;
	disk->bdi = bdi_alloc(NUMA_NO_NODE);
	if (!disk->bdi)
		return -ENOMEM;
	err = bdi_register(disk->bdi, "%d:%d", disk->major, disk->first_minor);
	if (err)
		return err;
	bdev_add(disk->part0, MKDEV(disk->major, disk->first_minor));
	mutex_lock(&disks_lock);
	err = nr_disks == MAX_DISKS ? -ENOSPC : bdev_register(disk->part0);
	if (!err)
		disks[nr_disks++] = disk;
	mutex_unlock(&disks_lock);
	if (err)
		return err;
	/* A bad partition table leaves the whole disk usable, as in Linux. */
	if (disk->minors > 1)
		blk_add_partitions(disk);
	return 0;
}

/* Each block device of each disk, under disks_lock. */
#define for_each_bdev(disk_idx, part_idx, bdev)					\
	for (disk_idx = 0; disk_idx < nr_disks; disk_idx++)				\
		for (part_idx = 0; part_idx < disks[disk_idx]->minors; part_idx++)	\
			if ((bdev = disks[disk_idx]->part_tbl[part_idx]) != NULL)

static int show_partition(struct seq_file *m, void *v)
{
	struct block_device *bdev;
	unsigned int d;
	int p;

	seq_puts(m, "major minor  #blocks  name\n\n");
	mutex_lock(&disks_lock);
	for_each_bdev(d, p, bdev) {
		char name[DISK_NAME_LEN + 4];

		if (!bdev_nr_sectors(bdev))
			continue;
		bdev_name(bdev, name, sizeof(name));
		seq_printf(m, "%4d  %7d %10llu %s\n", MAJOR(bdev->bd_dev), MINOR(bdev->bd_dev),
			   (unsigned long long)bdev_nr_sectors(bdev) >> 1, name);
	}
	mutex_unlock(&disks_lock);
	return 0;
}

static void diskstats_show_one(struct seq_file *m, struct block_device *bdev)
{
	unsigned long long col[PART_STAT_COLUMNS];
	char name[DISK_NAME_LEN + 4];

	part_stat_columns(bdev, col);
	bdev_name(bdev, name, sizeof(name));
	seq_printf(m, "%4d %7d %s", MAJOR(bdev->bd_dev), MINOR(bdev->bd_dev), name);
	for (int i = 0; i < PART_STAT_COLUMNS; i++)
		seq_printf(m, " %llu", col[i]);
	seq_puts(m, "\n");
}

/* Linux's diskstats_show: one line per block device with a size. */
static int diskstats_show(struct seq_file *m, void *v)
{
	struct block_device *bdev;
	unsigned int d;
	int p;

	mutex_lock(&disks_lock);
	for_each_bdev(d, p, bdev)
		if (!bdev_is_partition(bdev) || bdev_nr_sectors(bdev))
			diskstats_show_one(m, bdev);
	mutex_unlock(&disks_lock);
	return 0;
}

static int __init proc_genhd_init(void)
{
	if (!proc_create_single("diskstats", 0444, NULL, diskstats_show) ||
	    !proc_create_single("partitions", 0444, NULL, show_partition))
		return -ENOMEM;
	return 0;
}
late_initcall(proc_genhd_init);
