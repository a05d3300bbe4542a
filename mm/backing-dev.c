/*
 * Backing devices (Linux 6.1's mm/backing-dev.c): the registry of bdis (bdi_list), each
 * with its flusher thread, and noop_backing_dev_info for file systems with nothing to
 * write back. A block device registers its bdi when its disk is added; its super blocks
 * point at it (sb->s_bdi) and their dirty inodes queue on its wb.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/device.h>
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/writeback.h>
#include <linux/fs.h>

/* Readahead's largest window by default: 128 KiB, as Linux's VM_READAHEAD_PAGES. */
#define VM_READAHEAD_PAGES	(SZ_128K / PAGE_SIZE)

LIST_HEAD(bdi_list);
DEFINE_SPINLOCK(bdi_lock);

/* The estimates' starting point before anything is measured: 100 MB/s. */
#define INIT_BW		(100 << (20 - PAGE_SHIFT))

static void wb_init(struct bdi_writeback *wb, struct backing_dev_info *bdi)
{
	wb->bdi = bdi;
	wb->bw_time_stamp = jiffies;
	wb->write_bandwidth = INIT_BW;
	wb->avg_write_bandwidth = INIT_BW;
	wb->dirty_ratelimit = INIT_BW;
	wb->balanced_dirty_ratelimit = INIT_BW;
	fprop_local_init_single(&wb->completions);
	spin_lock_init(&wb->list_lock);
	INIT_LIST_HEAD(&wb->b_dirty);
	INIT_LIST_HEAD(&wb->b_io);
	INIT_LIST_HEAD(&wb->b_more_io);
	INIT_LIST_HEAD(&wb->b_dirty_time);
	spin_lock_init(&wb->work_lock);
	INIT_LIST_HEAD(&wb->work_list);
	init_waitqueue_head(&wb->wait);
}

struct backing_dev_info noop_backing_dev_info = {
	.ra_pages = VM_READAHEAD_PAGES,
	.io_pages = VM_READAHEAD_PAGES,
	.dev_name = "noop",
	.refcnt = 1,
	.wb = {
		.bdi = &noop_backing_dev_info,
		.list_lock = __SPIN_LOCK_UNLOCKED(noop_backing_dev_info.wb.list_lock),
		.b_dirty = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_dirty),
		.b_io = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_io),
		.b_more_io = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_more_io),
		.b_dirty_time = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_dirty_time),
		.work_lock = __SPIN_LOCK_UNLOCKED(noop_backing_dev_info.wb.work_lock),
		.work_list = LIST_HEAD_INIT(noop_backing_dev_info.wb.work_list),
		.wait = __WAIT_QUEUE_HEAD_INITIALIZER(noop_backing_dev_info.wb.wait),
	},
};

struct backing_dev_info *bdi_alloc(int node_id)
{
	struct backing_dev_info *bdi = kzalloc(sizeof(*bdi), GFP_KERNEL);

	if (!bdi)
		return NULL;
	bdi->refcnt = 1;
	bdi->ra_pages = VM_READAHEAD_PAGES;
	bdi->io_pages = VM_READAHEAD_PAGES;
	bdi->capabilities = BDI_CAP_WRITEBACK | BDI_CAP_WRITEBACK_ACCT;
	bdi->max_ratio = 100;
	bdi->max_prop_frac = FPROP_FRAC_BASE;
	INIT_LIST_HEAD(&bdi->bdi_list);
	wb_init(&bdi->wb, bdi);
	return bdi;
}

/* ---- /sys/class/bdi/<name>/ ---------------------------------------------------------- */

#define dev_to_bdi(kobj)	((struct backing_dev_info *)container_of(kobj, struct bdi_device, dev.kobj)->bdi)

/* A bdi's device: its directory /sys/devices/virtual/bdi/<name>. */
struct bdi_device {
	struct device dev;
	struct backing_dev_info *bdi;
};

static struct class bdi_class = { .name = "bdi" };

ssize_t bdi_read_ahead_kb_store(struct backing_dev_info *bdi, const char *buf, size_t count)
{
	unsigned long read_ahead_kb;
	int err = kstrtoul(buf, 10, &read_ahead_kb);

	if (err)
		return err;
	bdi->ra_pages = read_ahead_kb >> (PAGE_SHIFT - 10);
	return (ssize_t)count;
}

static ssize_t read_ahead_kb_store(struct kobject *kobj, struct kobj_attribute *attr,
				   const char *buf, size_t count)
{
	return bdi_read_ahead_kb_store(dev_to_bdi(kobj), buf, count);
}

static ssize_t read_ahead_kb_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", dev_to_bdi(kobj)->ra_pages << (PAGE_SHIFT - 10));
}

static ssize_t min_ratio_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_to_bdi(kobj)->min_ratio);
}

static ssize_t min_ratio_store(struct kobject *kobj, struct kobj_attribute *attr,
			       const char *buf, size_t count)
{
	unsigned int ratio;
	int err = kstrtouint(buf, 10, &ratio);

	err = err ?: bdi_set_min_ratio(dev_to_bdi(kobj), ratio);
	return err ?: (ssize_t)count;
}

static ssize_t max_ratio_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_to_bdi(kobj)->max_ratio);
}

static ssize_t max_ratio_store(struct kobject *kobj, struct kobj_attribute *attr,
			       const char *buf, size_t count)
{
	unsigned int ratio;
	int err = kstrtouint(buf, 10, &ratio);

	err = err ?: bdi_set_max_ratio(dev_to_bdi(kobj), ratio);
	return err ?: (ssize_t)count;
}

/* No device here needs pages kept stable while they are written (BDI_CAP_STABLE_WRITES). */
static ssize_t stable_pages_required_show(struct kobject *kobj, struct kobj_attribute *attr,
					  char *buf)
{
	return sysfs_emit(buf, "0\n");
}

static struct kobj_attribute read_ahead_kb_attr = __ATTR_RW(read_ahead_kb);
static struct kobj_attribute min_ratio_attr = __ATTR_RW(min_ratio);
static struct kobj_attribute max_ratio_attr = __ATTR_RW(max_ratio);
static struct kobj_attribute stable_pages_required_attr = __ATTR_RO(stable_pages_required);

static struct attribute *bdi_dev_attrs[] = {
	&read_ahead_kb_attr.attr, &min_ratio_attr.attr, &max_ratio_attr.attr,
	&stable_pages_required_attr.attr, NULL,
};

static const struct attribute_group bdi_dev_group = { .attrs = bdi_dev_attrs };

/* The bdi's directory and /sys/class/bdi/<name> (Linux's device_create in bdi_register). */
static int bdi_add_sysfs(struct backing_dev_info *bdi)
{
	struct bdi_device *bd;
	int err = 0;

	if (!bdi_class.kobj)
		err = class_register(&bdi_class);
	bd = err ? NULL : kzalloc(sizeof(*bd), GFP_KERNEL);
	if (!bd)
		return -ENOMEM;
	bd->bdi = bdi;
	bd->dev.init_name = bdi->dev_name;
	bd->dev.class = &bdi_class;
	err = device_add(&bd->dev);
	if (!err)
		err = sysfs_create_group(&bd->dev.kobj, &bdi_dev_group);
	bdi->dev = &bd->dev;
	return err;
}

/* ---- /sys/kernel/debug/bdi/<name>/stats ------------------------------------------------ */

/* bdi_debug_lock: makes bdi_debug_root once, for the first bdi registered. */
static DEFINE_MUTEX(bdi_debug_lock);
static struct dentry *bdi_debug_root;

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static unsigned long count_io_list(struct list_head *head, unsigned int need)
{
	struct inode *inode;
	unsigned long n = 0;

	list_for_each_entry(inode, head, i_io_list)
		n += !need || (inode->i_state & need);
	return n;
}

/* Linux's text: the wb's counts, its share of the dirty limit and its inode lists. */
static int bdi_debug_stats_show(struct seq_file *m, void *v)
{
	struct backing_dev_info *bdi = m->private;
	struct bdi_writeback *wb = &bdi->wb;
	unsigned long background_thresh, dirty_thresh, nr[4];

	spin_lock(&wb->list_lock);
	nr[0] = count_io_list(&wb->b_dirty, 0);
	nr[1] = count_io_list(&wb->b_io, 0);
	nr[2] = count_io_list(&wb->b_more_io, 0);
	nr[3] = count_io_list(&wb->b_dirty_time, I_DIRTY_TIME);
	spin_unlock(&wb->list_lock);
	global_dirty_limits(&background_thresh, &dirty_thresh);
	seq_printf(m, "BdiWriteback:       %10lu kB\nBdiReclaimable:     %10lu kB\n"
		   "BdiDirtyThresh:     %10lu kB\nDirtyThresh:        %10lu kB\n"
		   "BackgroundThresh:   %10lu kB\nBdiDirtied:         %10lu kB\n"
		   "BdiWritten:         %10lu kB\nBdiWriteBandwidth:  %10lu kBps\n",
		   K(wb_stat(wb, WB_WRITEBACK)), K(wb_stat(wb, WB_RECLAIMABLE)),
		   K(wb_calc_thresh(wb, dirty_thresh)), K(dirty_thresh), K(background_thresh),
		   K(wb_stat(wb, WB_DIRTIED)), K(wb_stat(wb, WB_WRITTEN)), K(wb->write_bandwidth));
	seq_printf(m, "b_dirty:            %10lu\nb_io:               %10lu\n"
		   "b_more_io:          %10lu\nb_dirty_time:       %10lu\n"
		   "bdi_list:           %10u\nstate:              %10lx\n",
		   nr[0], nr[1], nr[2], nr[3], !list_empty(&bdi->bdi_list), wb->state);
	return 0;
}

static int bdi_debug_stats_open(struct inode *inode, struct file *file)
{
	return single_open(file, bdi_debug_stats_show, inode->i_private);
}

static const struct file_operations bdi_debug_stats_fops = {
	.open		= bdi_debug_stats_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/* As in Linux, a debugfs failure costs the bdi its stats file and nothing else. */
static void bdi_debug_register(struct backing_dev_info *bdi)
{
	struct dentry *dir;

	mutex_lock(&bdi_debug_lock);
	if (!bdi_debug_root || IS_ERR(bdi_debug_root))
		bdi_debug_root = debugfs_create_dir("bdi", NULL);
	mutex_unlock(&bdi_debug_lock);
	if (IS_ERR(bdi_debug_root))
		return;
	dir = debugfs_create_dir(bdi->dev_name, bdi_debug_root);
	if (!IS_ERR(dir))
		debugfs_create_file("stats", 0444, dir, bdi, &bdi_debug_stats_fops);
}

int bdi_register(struct backing_dev_info *bdi, const char *fmt, ...)
{
	struct task_struct *task;
	va_list args;
	int err;

	va_start(args, fmt);
	vsnprintf(bdi->dev_name, sizeof(bdi->dev_name), fmt, args);
	va_end(args);
	err = bdi_add_sysfs(bdi);
	if (err)
		return err;
	bdi_debug_register(bdi);
	task = kthread_run(wb_thread, &bdi->wb, "flush-%s", bdi->dev_name);
	if (IS_ERR(task))
		return (int)PTR_ERR(task);
	bdi->wb.task = task;
	set_bit(WB_registered, &bdi->wb.state);
	spin_lock(&bdi_lock);
	list_add_tail(&bdi->bdi_list, &bdi_list);
	spin_unlock(&bdi_lock);
	return 0;
}

void bdi_unregister(struct backing_dev_info *bdi)
{
	if (!test_and_clear_bit(WB_registered, &bdi->wb.state))
		return;
	spin_lock(&bdi_lock);
	list_del_init(&bdi->bdi_list);
	spin_unlock(&bdi_lock);
	kthread_stop(bdi->wb.task);
	bdi->wb.task = NULL;
}

void bdi_put(struct backing_dev_info *bdi)
{
	if (__atomic_sub_fetch(&bdi->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	bdi_unregister(bdi);
	kfree(bdi);
}

struct backing_dev_info *inode_to_bdi(struct inode *inode)
{
	struct super_block *sb;

	if (!inode)
		return &noop_backing_dev_info;
	sb = inode->i_sb;
	if (sb_is_blkdev_sb(sb))
		return I_BDEV(inode)->bd_disk->bdi;
	return sb->s_bdi ? sb->s_bdi : &noop_backing_dev_info;
}

void wb_wakeup(struct bdi_writeback *wb)
{
	if (!test_bit(WB_registered, &wb->state))
		return;
	__atomic_fetch_add(&wb->wakeups, 1, __ATOMIC_RELEASE);
	wake_up(&wb->wait);
}

void wb_wakeup_delayed(struct bdi_writeback *wb)
{
	set_bit(WB_delayed, &wb->state);
	wb_wakeup(wb);
}

void wb_start_background_writeback(struct bdi_writeback *wb)
{
	/* The flusher checks the threshold itself (wb_do_writeback). */
	if (!test_bit(WB_writeback_running, &wb->state)) {
		clear_bit(WB_delayed, &wb->state);
		wb_wakeup(wb);
	}
}

