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

struct task_struct;

/* wb->state bits */
enum wb_state {
	WB_registered,		/* the flusher runs */
	WB_writeback_running,	/* it is writing now */
	WB_has_dirty_io,	/* some b_* list is not empty */
	WB_start_all,		/* write everything (sync, drop_caches) */
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
	unsigned long written;			/* pages written by this wb (PG_writeback ends) */
};

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
	unsigned int min_ratio;
	unsigned int max_ratio;
	struct bdi_writeback wb;
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

static inline struct backing_dev_info *inode_to_bdi(struct inode *inode)
{
	struct super_block *sb;

	if (!inode)
		return &noop_backing_dev_info;
	sb = inode->i_sb;
	if (sb && sb->s_bdi)
		return sb->s_bdi;
	return &noop_backing_dev_info;
}

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
/* Wakes it to write in the background (over the background threshold). */
void wb_start_background_writeback(struct bdi_writeback *wb);
/* Counts a page written back (folio_end_writeback). */
void wb_writeback_done(struct bdi_writeback *wb);

/* fs/fs-writeback.c: the flusher thread's function (data: the wb). */
int wb_thread(void *data);

/* Every registered bdi (for sync, drop_caches, the background writer). */
extern struct list_head bdi_list;
extern spinlock_t bdi_lock;

#endif
