/*
 * The device dirty pages are written to (Linux 6.1's backing_dev_info) and its flusher
 * (bdi_writeback): each registered bdi has one wb, whose thread "flush-MAJ:MIN" writes
 * the dirty inodes of the super blocks on it: old ones every dirty_writeback_centisecs,
 * everything on sync, enough to go under the background threshold when woken for it.
 * File systems with no backing store (ramfs, proc) use noop_backing_dev_info, which
 * has no flusher and never gets dirty inodes.
 */
#ifndef _LINUX_BACKING_DEV_H
#define _LINUX_BACKING_DEV_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/bitmap.h>
#include <linux/fs.h>
#include <linux/writeback.h>
#include <linux/flex_proportions.h>

struct task_struct;
struct device;

/* wb->state bits */
enum wb_state {
	WB_registered,		/* the flusher runs */
	WB_writeback_running,	/* it is writing now */
	WB_has_dirty_io,	/* some b_* list is not empty */
	WB_start_all,		/* write everything (sync, drop_caches) */
	WB_delayed,		/* woken only to arm the periodic pass (wb_wakeup_delayed) */
};

/* wb->stat[] counters (Linux's enum wb_stat_item) */
enum wb_stat_item {
	WB_RECLAIMABLE,		/* dirty pages of its inodes */
	WB_WRITEBACK,		/* pages under writeback */
	WB_DIRTIED,		/* pages ever dirtied (less those redirtied) */
	WB_WRITTEN,		/* pages ever written */
	NR_WB_STAT_ITEMS
};

/*
 * struct bdi_writeback - the dirty inodes of one device and the thread that writes them
 * @list_lock: covers b_dirty, b_io, b_more_io and each inode's i_io_list and
 *	dirtied_when while on them
 * @b_dirty: dirty inodes, oldest dirtied_when at the tail (newly dirtied go to the head)
 * @b_io: inodes picked for this pass; @b_more_io: ones to retry in the next pass
 * @work_lock: covers @work_list (struct wb_writeback_work, sync and background requests)
 * @wait: the flusher sleeps here between passes and requests
 * @task: the flusher thread
 * @stat: atomic counters (Linux's are percpu_counters: exact sums here)
 * @completions: its share of the pages written, in the global wb_domain
 * @bw_time_stamp .. @dirty_exceeded: the bandwidth and ratelimit estimates, updated
 *	under @list_lock every BANDWIDTH_INTERVAL (__wb_update_bandwidth); pages/s
 */
struct bdi_writeback {
	struct backing_dev_info *bdi;
	unsigned long state;
	unsigned long last_old_flush;		/* jiffies of the last kupdate pass */
	spinlock_t list_lock;
	struct list_head b_dirty;
	struct list_head b_io;
	struct list_head b_more_io;
	struct list_head b_dirty_time;
	spinlock_t work_lock;
	struct list_head work_list;
	wait_queue_head_t wait;
	unsigned long wakeups;			/* wb_wakeup calls: the thread's wait condition */
	struct task_struct *task;
	long stat[NR_WB_STAT_ITEMS];
	struct fprop_local_single completions;
	unsigned long bw_time_stamp;		/* jiffies of the last estimate */
	unsigned long dirtied_stamp;		/* WB_DIRTIED then */
	unsigned long written_stamp;		/* WB_WRITTEN then */
	unsigned long write_bandwidth;		/* the last interval's write rate */
	unsigned long avg_write_bandwidth;	/* smoothed */
	unsigned long dirty_ratelimit;		/* the rate each writer may dirty at */
	unsigned long balanced_dirty_ratelimit;	/* its target */
	int dirty_exceeded;			/* over its share and the global limit */
};

static inline void wb_stat_mod(struct bdi_writeback *wb, enum wb_stat_item item, long amount)
{
	__atomic_fetch_add(&wb->stat[item], amount, __ATOMIC_RELAXED);
}

static inline unsigned long wb_stat(struct bdi_writeback *wb, enum wb_stat_item item)
{
	long v = __atomic_load_n(&wb->stat[item], __ATOMIC_RELAXED);

	return v > 0 ? (unsigned long)v : 0;
}

/* bdi->capabilities */
#define BDI_CAP_WRITEBACK		(1 << 0)	/* dirty pages are written back */
#define BDI_CAP_WRITEBACK_ACCT		(1 << 1)	/* counted in Dirty/Writeback */

/*
 * struct backing_dev_info - a device that pages are read from and written to
 * @bdi_list: on bdi_list, under bdi_lock; @ra_pages: its largest read-ahead window;
 * @io_pages: its largest single request, in pages.
 */
struct backing_dev_info {
	struct list_head bdi_list;
	unsigned long ra_pages;
	unsigned long io_pages;
	unsigned int capabilities;
	unsigned int min_ratio;			/* percent of the dirty limit kept for it */
	unsigned int max_ratio;			/* percent of it that it may take at most */
	unsigned int max_prop_frac;		/* max_ratio in FPROP_FRAC_BASE units */
	struct bdi_writeback wb;
	struct device *dev;			/* /sys/class/bdi/<dev_name> */
	int refcnt;				/* atomic */
	char dev_name[64];
};

/* The bdi of file systems with nothing to write back (ramfs, proc, pipes). */
extern struct backing_dev_info noop_backing_dev_info;

/* A new unregistered bdi with one reference, or NULL. */
struct backing_dev_info *bdi_alloc(int node_id);
/* Names it and starts its flusher; 0 or -errno. */
int bdi_register(struct backing_dev_info *bdi, const char *fmt, ...) __printf(2, 3);
/* Stops the flusher (after writing everything) and takes it off bdi_list. */
void bdi_unregister(struct backing_dev_info *bdi);
void bdi_put(struct backing_dev_info *bdi);
/* The read_ahead_kb files' store (the bdi's and its disk's queue/): count or -errno. */
ssize_t bdi_read_ahead_kb_store(struct backing_dev_info *bdi, const char *buf, size_t count);
/* mm/page-writeback.c: the sysfs min_ratio and max_ratio; 0 or -EINVAL. */
int bdi_set_min_ratio(struct backing_dev_info *bdi, unsigned int min_ratio);
int bdi_set_max_ratio(struct backing_dev_info *bdi, unsigned int max_ratio);

/* A block device inode's bdi is its disk's; any other inode's, its super block's. */
struct backing_dev_info *inode_to_bdi(struct inode *inode);

static inline struct bdi_writeback *inode_to_wb(struct inode *inode)
{
	return &inode_to_bdi(inode)->wb;
}

static inline bool mapping_can_writeback(struct address_space *mapping)
{
	return inode_to_bdi(mapping->host)->capabilities & BDI_CAP_WRITEBACK;
}

static inline bool wb_has_dirty_io(struct bdi_writeback *wb)
{
	return test_bit(WB_has_dirty_io, &wb->state);
}

/* Wakes wb's flusher for a pass now. */
void wb_wakeup(struct bdi_writeback *wb);
/*
 * Has the flusher's periodic pass come in dirty_writeback_centisecs (the first dirty
 * inode): nothing is written before then unless something asks for it.
 */
void wb_wakeup_delayed(struct bdi_writeback *wb);
/* Wakes it to write in the background (over the background threshold). */
void wb_start_background_writeback(struct bdi_writeback *wb);

/* A page of wb written, outside the writeback bit's path (Linux's, as FUSE uses it). */
void wb_writeout_inc(struct bdi_writeback *wb);

/* fs/fs-writeback.c: the flusher thread's function (data: the wb). */
int wb_thread(void *data);

/* Every registered bdi (for sync, drop_caches, the background writer). */
extern struct list_head bdi_list;
extern spinlock_t bdi_lock;

#endif
