/*
 * Writeback (Linux 6.1's writeback.h): what to write (writeback_control), the dirty-page
 * limits (vm.dirty_*), the throttling of writers (balance_dirty_pages_ratelimited), and
 * the calls that write inodes and pages back (fs/fs-writeback.c, mm/page-writeback.c).
 */
#ifndef _LINUX_WRITEBACK_H
#define _LINUX_WRITEBACK_H

#include <linux/types.h>
#include <linux/fs.h>

struct folio;
struct bdi_writeback;

enum writeback_sync_modes {
	WB_SYNC_NONE,	/* start what can be started, skip what is busy */
	WB_SYNC_ALL,	/* write everything, waiting for what is under writeback (fsync) */
};

/* Why a flusher runs (the tracepoints' and /proc's reasons, Linux's order). */
enum wb_reason {
	WB_REASON_BACKGROUND,
	WB_REASON_VMSCAN,
	WB_REASON_SYNC,
	WB_REASON_PERIODIC,
	WB_REASON_LAPTOP_TIMER,
	WB_REASON_FS_FREE_SPACE,
	WB_REASON_FORKER_THREAD,
	WB_REASON_FOREIGN_FLUSH,
	WB_REASON_MAX,
};

/*
 * struct writeback_control - one request to write pages or inodes back
 * @nr_to_write: pages still to write; each written page decrements it
 * @pages_skipped: pages not written (busy, redirtied)
 * @range_start, @range_end: the bytes of the file (unless @range_cyclic: from
 *	mapping->writeback_index around)
 * @for_kupdate: the periodic flush of old dirty data; @for_background: over the
 *	background threshold; @tagged_writepages: tag TOWRITE first (no livelock);
 *	@for_reclaim: from page reclaim; @for_sync: sync(2)
 */
struct writeback_control {
	long nr_to_write;
	long pages_skipped;
	loff_t range_start;
	loff_t range_end;
	enum writeback_sync_modes sync_mode;
	unsigned for_kupdate:1;
	unsigned for_background:1;
	unsigned tagged_writepages:1;
	unsigned for_reclaim:1;
	unsigned range_cyclic:1;
	unsigned for_sync:1;
	unsigned unpinned_fscache_wb:1;
	unsigned no_cgroup_owner:1;
	unsigned punt_to_cgroup:1;
};

/* The vm.dirty_* sysctls (percent; bytes: 0 means the ratio rules; centisecs). */
extern int vm_dirty_ratio;
extern int dirty_background_ratio;
extern unsigned long vm_dirty_bytes;
extern unsigned long dirty_background_bytes;
extern unsigned int dirty_writeback_interval;
extern unsigned int dirty_expire_interval;
extern int laptop_mode;

struct ctl_table;
int dirty_ratio_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			loff_t *ppos);
int dirty_bytes_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			loff_t *ppos);
int dirty_background_ratio_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos);
int dirty_background_bytes_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos);
int dirty_writeback_centisecs_handler(struct ctl_table *table, int write, void *buffer,
				      size_t *lenp, loff_t *ppos);

/* The background and throttling thresholds, in pages (Linux's global_dirty_limits). */
void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty);

/*
 * balance_dirty_pages_ratelimited - a writer dirtied pages of mapping
 * Every few dirtied pages it compares the dirty pages with the limits, the machine's
 * and its device's share of them (from the device's share of recent writeback): over
 * the background ones it wakes the flusher; between the free-run ceiling and the hard
 * limit it pauses the writer long enough to hold it to the device's write bandwidth,
 * scaled by how far over its share the device is. Context: may sleep; no locks held.
 */
void balance_dirty_pages_ratelimited(struct address_space *mapping);
/* Whether wb's flusher should write in the background: the machine or wb over its share. */
bool wb_over_bg_thresh(struct bdi_writeback *wb);
/* wb's share of thresh, from its share of completed writeback and its bdi's ratios. */
unsigned long wb_calc_thresh(struct bdi_writeback *wb, unsigned long thresh);

typedef int (*writepage_t)(struct folio *folio, struct writeback_control *wbc, void *data);

/*
 * write_cache_pages - the dirty folios wbc selects, locked, each given to writepage
 * (which unlocks it). Return: 0 or the first error. Context: may sleep.
 */
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      writepage_t writepage, void *data);
/* ->writepages, or write_cache_pages with ->writepage. */
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);
int generic_writepages(struct address_space *mapping, struct writeback_control *wbc);

/* fs/fs-writeback.c */
/* Starts writeback of sb's dirty inodes (nr pages) and returns (WB_SYNC_NONE). */
void writeback_inodes_sb(struct super_block *sb, enum wb_reason reason);
void writeback_inodes_sb_nr(struct super_block *sb, unsigned long nr, enum wb_reason reason);
void try_to_writeback_inodes_sb(struct super_block *sb, enum wb_reason reason);
/* Writes sb's dirty inodes and their pages and waits for them (WB_SYNC_ALL). */
void sync_inodes_sb(struct super_block *sb);
/* Wakes every flusher to write everything (sync(2), drop_caches, memory pressure). */
void wakeup_flusher_threads(enum wb_reason reason);
/* Writes inode and its pages now; sync: and waits. */
int write_inode_now(struct inode *inode, int sync);
/* Writes the inode itself (not its pages) if dirty, and waits. */
int sync_inode_metadata(struct inode *inode, int wait);
/* Writes one inode under wbc (I_SYNC held around it). */
int writeback_single_inode(struct inode *inode, struct writeback_control *wbc);
/* Waits for a running writeback of inode (I_SYNC) to finish. */
void inode_wait_for_writeback(struct inode *inode);
/* Takes inode off the writeback lists (eviction). */
void inode_io_list_del(struct inode *inode);

#endif
