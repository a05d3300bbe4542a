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
#include <linux/device.h>
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

/*
 * Block majors and their drivers' names, for /proc/devices (Linux's major_names, a
 * list here). Under major_names_lock; entries are never removed.
 */
struct blk_major_name {
	struct blk_major_name *next;
	unsigned int major;
	char name[16];
};

static struct blk_major_name *major_names;
static DEFINE_SPINLOCK(major_names_lock);

/* The highest major __register_blkdev hands out, as Linux's BLKDEV_MAJOR_HASH_SIZE - 1. */
#define BLKDEV_DYNAMIC_MAJOR	254

static bool major_taken(unsigned int major)
{
	for (struct blk_major_name *p = major_names; p; p = p->next)
		if (p->major == major)
			return true;
	return false;
}

int register_blkdev(unsigned int major, const char *name)
{
	struct blk_major_name *p = kzalloc(sizeof(*p), GFP_KERNEL);
	int ret;

	if (!p)
		return -ENOMEM;
	strscpy(p->name, name, sizeof(p->name));
	spin_lock(&major_names_lock);
	/* 0 asks for a free one, from the top down, as Linux does. */
	for (ret = BLKDEV_DYNAMIC_MAJOR; !major && ret > 0 && major_taken((unsigned int)ret); ret--)
		;
	if (!major)
		major = (unsigned int)ret;
	ret = major && major < BLKDEV_MAJOR_MAX && !major_taken(major) ? (int)major : -EBUSY;
	if (ret > 0) {
		p->major = major;
		p->next = major_names;
		major_names = p;
	}
	spin_unlock(&major_names_lock);
	if (ret < 0) {
		pr_err("register_blkdev: failed to get major for %s\n", name);
		kfree(p);
	}
	return ret;
}

void blkdev_show(struct seq_file *seqf, off_t offset)
{
	spin_lock(&major_names_lock);
	for (struct blk_major_name *p = major_names; p; p = p->next)
		if (p->major == offset)
			seq_printf(seqf, "%3u %s\n", p->major, p->name);
	spin_unlock(&major_names_lock);
}

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

#define dev_to_bdev(kobj)	container_of(kobj, struct block_device, bd_device.kobj)
#define dev_to_disk(kobj)	(dev_to_bdev(kobj)->bd_disk)

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

static ssize_t inflight_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct disk_stats s;

	part_stat_read_all(dev_to_bdev(kobj), &s);
	return sysfs_emit(buf, "%8u %8u\n", s.in_flight[0], s.in_flight[1]);
}

static ssize_t start_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", (unsigned long long)dev_to_bdev(kobj)->bd_start_sect);
}

static ssize_t partition_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_bdev(kobj)->bd_partno);
}

/* No alignment offsets are configured here: Linux's value for an aligned device. */
static ssize_t alignment_offset_show(struct kobject *kobj, struct kobj_attribute *attr,
				     char *buf)
{
	return sysfs_emit(buf, "0\n");
}

static ssize_t range_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_disk(kobj)->minors);
}

static ssize_t ext_range_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int flags = dev_to_disk(kobj)->flags;

	return sysfs_emit(buf, "%d\n", flags & GENHD_FL_NO_PART ? 1 : DISK_MAX_PARTS);
}

static ssize_t removable_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_disk(kobj)->flags & GENHD_FL_REMOVABLE ? 1 : 0);
}

static ssize_t hidden_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_disk(kobj)->flags & GENHD_FL_HIDDEN ? 1 : 0);
}

static ssize_t capability_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%x\n", dev_to_disk(kobj)->flags);
}

/* ---- queue/ (Linux's block/blk-sysfs.c) ---- */

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

/* Requests are never capped below the hardware's limit here (Linux's max_sectors). */
static ssize_t max_sectors_kb_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return max_hw_sectors_kb_show(kobj, attr, buf);
}

static ssize_t max_segments_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", bdev_get_queue(dev_to_bdev(kobj))->limits.max_segments);
}

/* No driver here says its device does not seek (Linux's QUEUE_FLAG_NONROT). */
static ssize_t rotational_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "1\n");
}

/* Linux's q->nr_requests without an elevator: the tags of a hardware queue. */
static ssize_t nr_requests_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", bdev_get_queue(dev_to_bdev(kobj))->tag_set->queue_depth);
}

/* There are no I/O schedulers: requests go to the driver in submission order. */
static ssize_t scheduler_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "[none] \n");
}

static ssize_t read_ahead_kb_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", dev_to_disk(kobj)->bdi->ra_pages << (PAGE_SHIFT - 10));
}

static ssize_t read_ahead_kb_store(struct kobject *kobj, struct kobj_attribute *attr,
				   const char *buf, size_t count)
{
	return bdi_read_ahead_kb_store(dev_to_disk(kobj)->bdi, buf, count);
}

static ssize_t discard_max_bytes_show(struct kobject *kobj, struct kobj_attribute *attr,
				      char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  (unsigned long long)bdev_max_discard_sectors(dev_to_bdev(kobj)) << 9);
}

static ssize_t write_cache_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, bdev_write_cache(dev_to_bdev(kobj)) ? "write back\n" :
			  "write through\n");
}

static struct kobj_attribute size_attr = __ATTR_RO(size);
static struct kobj_attribute dev_attr = __ATTR_RO(dev);
static struct kobj_attribute ro_attr = __ATTR_RO(ro);
static struct kobj_attribute stat_attr = __ATTR_RO(stat);
static struct kobj_attribute inflight_attr = __ATTR_RO(inflight);
static struct kobj_attribute start_attr = __ATTR_RO(start);
static struct kobj_attribute partition_attr = __ATTR_RO(partition);
static struct kobj_attribute alignment_offset_attr = __ATTR_RO(alignment_offset);
static struct kobj_attribute discard_alignment_attr = {
	.attr = { .name = "discard_alignment", .mode = 0444 }, .show = alignment_offset_show,
};
static struct kobj_attribute range_attr = __ATTR_RO(range);
static struct kobj_attribute ext_range_attr = __ATTR_RO(ext_range);
static struct kobj_attribute removable_attr = __ATTR_RO(removable);
static struct kobj_attribute hidden_attr = __ATTR_RO(hidden);
static struct kobj_attribute capability_attr = __ATTR_RO(capability);
static struct kobj_attribute logical_block_size_attr = __ATTR_RO(logical_block_size);
static struct kobj_attribute hw_sector_size_attr = __ATTR_RO(hw_sector_size);
static struct kobj_attribute physical_block_size_attr = __ATTR_RO(physical_block_size);
static struct kobj_attribute max_hw_sectors_kb_attr = __ATTR_RO(max_hw_sectors_kb);
static struct kobj_attribute max_sectors_kb_attr = __ATTR_RO(max_sectors_kb);
static struct kobj_attribute max_segments_attr = __ATTR_RO(max_segments);
static struct kobj_attribute rotational_attr = __ATTR_RO(rotational);
static struct kobj_attribute nr_requests_attr = __ATTR_RO(nr_requests);
static struct kobj_attribute scheduler_attr = __ATTR_RO(scheduler);
static struct kobj_attribute read_ahead_kb_attr = __ATTR_RW(read_ahead_kb);
static struct kobj_attribute discard_max_bytes_attr = __ATTR_RO(discard_max_bytes);
static struct kobj_attribute write_cache_attr = __ATTR_RO(write_cache);

/* Linux's disk_attrs, in its order. */
static struct attribute *disk_attrs[] = {
	&range_attr.attr, &ext_range_attr.attr, &removable_attr.attr, &hidden_attr.attr,
	&ro_attr.attr, &size_attr.attr, &alignment_offset_attr.attr,
	&discard_alignment_attr.attr, &capability_attr.attr, &stat_attr.attr,
	&inflight_attr.attr, &dev_attr.attr, NULL,
};

static const struct attribute_group disk_attr_group = { .attrs = disk_attrs };

static struct attribute *queue_attrs[] = {
	&nr_requests_attr.attr, &read_ahead_kb_attr.attr, &max_sectors_kb_attr.attr,
	&max_hw_sectors_kb_attr.attr, &max_segments_attr.attr, &logical_block_size_attr.attr,
	&hw_sector_size_attr.attr, &physical_block_size_attr.attr,
	&discard_max_bytes_attr.attr, &rotational_attr.attr, &scheduler_attr.attr,
	&write_cache_attr.attr, NULL,
};

static const struct attribute_group queue_attr_group = { .name = "queue", .attrs = queue_attrs };

/* Linux's part_attrs. */
static struct attribute *part_attrs[] = {
	&partition_attr.attr, &start_attr.attr, &size_attr.attr, &ro_attr.attr,
	&alignment_offset_attr.attr, &discard_alignment_attr.attr, &stat_attr.attr,
	&inflight_attr.attr, &dev_attr.attr, NULL,
};

static const struct attribute_group part_attr_group = { .attrs = part_attrs };

struct class block_class = { .name = "block" };
/* /sys/block: a link to each disk's directory (Linux's block_depr). */
static struct kobject *block_depr;

/*
 * The block class, /sys/block and the blkext major: by the first add_disk or, with no
 * disk, at the end of the initcalls. Under disks_lock.
 */
static int genhd_device_init(void)
{
	if (block_depr)
		return 0;
	/* Linux's genhd_device_init registers the extended-devt major whatever the drivers. */
	if (register_blkdev(BLOCK_EXT_MAJOR, "blkext") < 0)
		return -EBUSY;
	block_class.dev_kobj = sysfs_dev_block_kobj;
	if (class_register(&block_class))
		return -ENOMEM;
	block_depr = kobject_create_and_add("block", NULL);
	return block_depr ? 0 : -ENOMEM;
}

/* A partition's directory in its disk's, with its holders/. */
static int part_add_sysfs(struct block_device *bdev)
{
	struct device *ddev = &bdev->bd_device;
	int err;

	ddev->parent = &bdev->bd_disk->part0->bd_device;
	err = device_add(ddev);
	if (!err)
		err = sysfs_create_group(&ddev->kobj, &part_attr_group);
	return err ?: kobject_create_and_add("holders", &ddev->kobj) ? 0 : -ENOMEM;
}

/*
 * The disk's directory under its parent's block/ (or /sys/devices/virtual/block), with
 * queue/, mq/, holders/, slaves/, its bdi link, and /sys/block/<disk> to it.
 */
static int disk_add_sysfs(struct block_device *bdev, struct device *parent)
{
	struct device *ddev = &bdev->bd_device;
	struct gendisk *disk = bdev->bd_disk;
	int err = genhd_device_init();

	ddev->parent = parent;
	err = err ?: device_add(ddev);
	err = err ?: sysfs_create_group(&ddev->kobj, &disk_attr_group);
	err = err ?: sysfs_create_group(&ddev->kobj, &queue_attr_group);
	err = err ?: sysfs_create_link(block_depr, &ddev->kobj, ddev->kobj.name);
	err = err ?: sysfs_create_link(&ddev->kobj, &disk->bdi->dev->kobj, "bdi");
	if (!err && (!kobject_create_and_add("holders", &ddev->kobj) ||
		     !kobject_create_and_add("slaves", &ddev->kobj)))
		err = -ENOMEM;
	return err ?: blk_mq_sysfs_register(disk);
}

/* A block device's /dev node and /sys directory; called with disks_lock held. */
static int bdev_register(struct block_device *bdev, struct device *parent)
{
	char name[DISK_NAME_LEN + 4];
	int err;

	bdev_name(bdev, name, sizeof(name));
	err = devtmpfs_create_node(name, S_IFBLK | 0660, bdev->bd_dev);
	if (err)
		return err;
	bdev->bd_device.init_name = kasprintf(GFP_KERNEL, "%s", name);
	if (!bdev->bd_device.init_name)
		return -ENOMEM;
	bdev->bd_device.class = &block_class;
	bdev->bd_device.devt = bdev->bd_dev;
	if (bdev_is_partition(bdev))
		return part_add_sysfs(bdev);
	return disk_add_sysfs(bdev, parent);
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
	err = bdev_register(bdev, NULL);
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
	if (disk->minors == 1)
		disk->flags |= GENHD_FL_NO_PART;
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
	err = nr_disks == MAX_DISKS ? -ENOSPC : bdev_register(disk->part0, parent);
	if (!err)
		disks[nr_disks++] = disk;
	mutex_unlock(&disks_lock);
	if (err)
		return err;
	/* A bad partition table leaves the whole disk usable, as in Linux. */
	if (!(disk->flags & GENHD_FL_NO_PART))
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
	int err;

	mutex_lock(&disks_lock);
	err = genhd_device_init();
	mutex_unlock(&disks_lock);
	if (err)
		return err;
	if (!proc_create_single("diskstats", 0444, NULL, diskstats_show) ||
	    !proc_create_single("partitions", 0444, NULL, show_partition))
		return -ENOMEM;
	return 0;
}
late_initcall(proc_genhd_init);
