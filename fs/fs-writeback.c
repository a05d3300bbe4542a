/*
 * Writing dirty inodes back (Linux 6.1's fs/fs-writeback.c). __mark_inode_dirty puts a
 * newly dirtied inode of a writeback-capable device on its bdi_writeback's b_dirty list
 * (stamped dirtied_when). The device's flusher thread (wb_thread) moves inodes to b_io
 * and writes each with __writeback_single_inode - its pages (do_writepages), then the
 * inode itself (->write_inode) - in chunks, putting back on b_more_io those with more
 * to write and on b_dirty those dirtied again: every dirty_writeback_centisecs the ones
 * older than dirty_expire_centisecs ("kupdate"), everything when sync asks, and enough
 * to go under the background threshold when balance_dirty_pages asks.
 *
 * I_SYNC marks an inode being written: another writer skips it (WB_SYNC_NONE) or waits
 * for it (WB_SYNC_ALL), and evict() waits for it. Locks: wb->list_lock, then i_lock.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/jiffies.h>
#include <linux/pagemap.h>
#include <linux/wait_bit.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include "internal.h"

/* Pages one inode writes before the flusher moves on to the next (Linux's 4 MiB). */
#define MAX_WRITEBACK_PAGES	1024

/* One pass the flusher is asked to make (Linux's wb_writeback_work). */
struct wb_writeback_work {
	long nr_pages;
	enum writeback_sync_modes sync_mode;
	unsigned for_kupdate:1;
	unsigned for_background:1;
	unsigned range_cyclic:1;
	enum wb_reason reason;
};

/* ---- dirtying ------------------------------------------------------------------------ */

/* Puts the newly dirty inode on its wb's b_dirty list, waking the flusher's timer. */
static void inode_queue_dirty(struct inode *inode)
{
	struct bdi_writeback *wb = inode_to_wb(inode);
	bool first;

	spin_lock(&wb->list_lock);
	spin_lock(&inode->i_lock);
	/* Still dirty, not being written (its writer requeues it), not going away. */
	if ((inode->i_state & I_DIRTY_ALL) && !(inode->i_state & (I_SYNC | I_FREEING)) &&
	    list_empty(&inode->i_io_list)) {
		inode->dirtied_when = jiffies;
		list_add(&inode->i_io_list, &wb->b_dirty);
	}
	spin_unlock(&inode->i_lock);
	first = !test_and_set_bit(WB_has_dirty_io, &wb->state);
	spin_unlock(&wb->list_lock);
	/* The first dirty inode arms the periodic flush. */
	if (first)
		wb_wakeup_delayed(wb);
}

/*
 * __mark_inode_dirty - the inode (I_DIRTY_SYNC, _DATASYNC) or its pages (I_DIRTY_PAGES)
 * differ from the disk. The file system's ->dirty_inode hears of inode changes first
 * (ext4 journals them there). Context: may not sleep for I_DIRTY_PAGES alone (called
 * from set_page_dirty under page table locks); ->dirty_inode may sleep.
 */
void __mark_inode_dirty(struct inode *inode, int flags)
{
	struct super_block *sb = inode->i_sb;
	bool was_dirty;

	if (flags & (I_DIRTY_INODE | I_DIRTY_TIME)) {
		if (sb->s_op && sb->s_op->dirty_inode)
			sb->s_op->dirty_inode(inode, flags & (I_DIRTY_INODE | I_DIRTY_TIME));
		if (flags & I_DIRTY_INODE)
			flags &= ~I_DIRTY_TIME;
	}
	/* Pairs with the clearing in __writeback_single_inode: the pages were tagged first. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if ((inode->i_state & (unsigned long)flags) == (unsigned long)flags)
		return;
	spin_lock(&inode->i_lock);
	was_dirty = inode->i_state & I_DIRTY_ALL;
	inode->i_state |= (unsigned long)flags;
	spin_unlock(&inode->i_lock);
	/* In-memory file systems' inodes (unhashed, or no writeback) are never written. */
	if (was_dirty || (inode_unhashed(inode) && !S_ISBLK(inode->i_mode)) ||
	    !(inode_to_bdi(inode)->capabilities & BDI_CAP_WRITEBACK))
		return;
	inode_queue_dirty(inode);
}

void inode_io_list_del(struct inode *inode)
{
	struct bdi_writeback *wb = inode_to_wb(inode);

	spin_lock(&wb->list_lock);
	spin_lock(&inode->i_lock);
	list_del_init(&inode->i_io_list);
	spin_unlock(&inode->i_lock);
	spin_unlock(&wb->list_lock);
}

/* ---- writing one inode ------------------------------------------------------------ */

static void __inode_wait_for_writeback(struct inode *inode)
{
	while (inode->i_state & I_SYNC) {
		spin_unlock(&inode->i_lock);
		wait_on_bit(&inode->i_state, __I_SYNC, TASK_UNINTERRUPTIBLE);
		spin_lock(&inode->i_lock);
	}
}

void inode_wait_for_writeback(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	__inode_wait_for_writeback(inode);
	spin_unlock(&inode->i_lock);
}

/* The writer is done with the inode (i_lock held): clear I_SYNC and wake its waiters. */
static void inode_sync_complete(struct inode *inode)
{
	inode->i_state &= ~I_SYNC;
	if (!(inode->i_state & I_DIRTY_ALL))
		inode_add_lru(inode);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wake_up_bit(&inode->i_state, __I_SYNC);
}

static int write_inode(struct inode *inode, struct writeback_control *wbc)
{
	const struct super_operations *op = inode->i_sb->s_op;

	if (op && op->write_inode && !is_bad_inode(inode))
		return op->write_inode(inode, wbc);
	return 0;
}

/*
 * Writes the pages wbc asks for, then the inode if it is dirty itself. The caller set
 * I_SYNC. Return: the first error.
 */
static int __writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct address_space *mapping = inode->i_mapping;
	unsigned long dirty;
	int ret, err;

	ret = do_writepages(mapping, wbc);
	/* sync(2) waits for all the pages later, in one go (wait_sb_inodes). */
	if (wbc->sync_mode == WB_SYNC_ALL && !wbc->for_sync) {
		err = filemap_fdatawait(mapping);
		if (!ret)
			ret = err;
	}
	spin_lock(&inode->i_lock);
	dirty = inode->i_state & I_DIRTY;
	inode->i_state &= ~dirty;
	/* A page dirtied during the write above keeps the inode dirty (paired fence). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		inode->i_state |= I_DIRTY_PAGES;
	spin_unlock(&inode->i_lock);
	if (dirty & ~I_DIRTY_PAGES) {
		err = write_inode(inode, wbc);
		if (!ret)
			ret = err;
	}
	return ret;
}

int writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct bdi_writeback *wb = inode_to_wb(inode);
	int ret = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_state & I_SYNC) {
		/* Someone writes it now: a sync caller waits and writes what is left. */
		if (wbc->sync_mode != WB_SYNC_ALL)
			goto out;
		__inode_wait_for_writeback(inode);
	}
	if (!(inode->i_state & I_DIRTY_ALL) &&
	    (wbc->sync_mode != WB_SYNC_ALL ||
	     !mapping_tagged(inode->i_mapping, PAGECACHE_TAG_WRITEBACK)))
		goto out;
	inode->i_state |= I_SYNC;
	spin_unlock(&inode->i_lock);

	ret = __writeback_single_inode(inode, wbc);

	spin_lock(&wb->list_lock);
	spin_lock(&inode->i_lock);
	if (!(inode->i_state & I_DIRTY_ALL))
		list_del_init(&inode->i_io_list);
	inode_sync_complete(inode);
	spin_unlock(&inode->i_lock);
	spin_unlock(&wb->list_lock);
	return ret;
out:
	spin_unlock(&inode->i_lock);
	return ret;
}

int write_inode_now(struct inode *inode, int sync)
{
	struct writeback_control wbc = {
		.nr_to_write = LONG_MAX,
		.sync_mode = sync ? WB_SYNC_ALL : WB_SYNC_NONE,
		.range_start = 0,
		.range_end = LLONG_MAX,
	};

	if (!mapping_can_writeback(inode->i_mapping))
		wbc.nr_to_write = 0;
	return writeback_single_inode(inode, &wbc);
}

int sync_inode_metadata(struct inode *inode, int wait)
{
	struct writeback_control wbc = {
		.sync_mode = wait ? WB_SYNC_ALL : WB_SYNC_NONE,
		.nr_to_write = 0,	/* the inode only */
	};

	return writeback_single_inode(inode, &wbc);
}

/* ---- the flusher's passes ---------------------------------------------------------- */

/*
 * Moves the inodes of b_more_io, and those of b_dirty dirtied no later than
 * dirtied_before, to b_io, oldest at the tail. list_lock held.
 */
static void queue_io(struct bdi_writeback *wb, unsigned long dirtied_before)
{
	struct inode *inode, *next;

	list_splice_init(&wb->b_more_io, &wb->b_io);
	list_for_each_entry_safe_reverse(inode, next, &wb->b_dirty, i_io_list) {
		if (time_after(inode->dirtied_when, dirtied_before))
			break;
		list_move(&inode->i_io_list, &wb->b_io);
	}
}

/* Where the inode goes after its turn (list_lock and i_lock held). */
static void requeue_inode(struct inode *inode, struct bdi_writeback *wb,
			  struct writeback_control *wbc)
{
	if (inode->i_state & I_FREEING)
		return;
	if (!(inode->i_state & I_DIRTY_ALL)) {
		list_del_init(&inode->i_io_list);
		return;
	}
	if (mapping_tagged(inode->i_mapping, PAGECACHE_TAG_DIRTY) && wbc->nr_to_write <= 0) {
		/* Its chunk ran out: more next pass, after the others had their turn. */
		list_move(&inode->i_io_list, &wb->b_more_io);
		return;
	}
	/* Dirtied again while written, or could not be written: it waits its age again. */
	inode->dirtied_when = jiffies;
	list_move(&inode->i_io_list, &wb->b_dirty);
}

/* Writes the inodes of b_io in turn; the pages written. list_lock held, dropped inside. */
static long writeback_inodes_wb(struct bdi_writeback *wb, struct wb_writeback_work *work)
{
	long wrote = 0;

	while (!list_empty(&wb->b_io)) {
		struct inode *inode = list_last_entry(&wb->b_io, struct inode, i_io_list);
		struct writeback_control wbc = {
			.sync_mode = work->sync_mode,
			.for_kupdate = work->for_kupdate,
			.for_background = work->for_background,
			.range_cyclic = work->range_cyclic,
			.range_end = LLONG_MAX,
			.nr_to_write = min(work->nr_pages - wrote, (long)MAX_WRITEBACK_PAGES),
		};

		spin_lock(&inode->i_lock);
		if (inode->i_state & (I_NEW | I_FREEING | I_WILL_FREE | I_SYNC)) {
			/* Busy or not ready: the next pass sees it again. */
			spin_unlock(&inode->i_lock);
			list_move(&inode->i_io_list, &wb->b_more_io);
			if (list_empty(&wb->b_io))
				break;
			continue;
		}
		inode->i_state |= I_SYNC;
		spin_unlock(&inode->i_lock);
		spin_unlock(&wb->list_lock);

		__writeback_single_inode(inode, &wbc);
		wrote += min(work->nr_pages - wrote, (long)MAX_WRITEBACK_PAGES) - wbc.nr_to_write;

		spin_lock(&wb->list_lock);
		spin_lock(&inode->i_lock);
		requeue_inode(inode, wb, &wbc);
		inode_sync_complete(inode);
		spin_unlock(&inode->i_lock);
		if (wrote >= work->nr_pages)
			break;

	}
	return wrote;
}

/* Passes over wb's dirty inodes until work is done or nothing is left; pages written. */
static long wb_writeback(struct bdi_writeback *wb, struct wb_writeback_work *work)
{
	unsigned long dirtied_before = jiffies;
	long progress, wrote = 0;

	set_bit(WB_writeback_running, &wb->state);
	spin_lock(&wb->list_lock);
	for (;;) {
		if (work->nr_pages <= wrote)
			break;
		if (work->for_background && !wb_over_bg_thresh(wb))
			break;
		/* Background and periodic passes can go on for ever: sync's comes first (Linux's rule). */
		if ((work->for_background || work->for_kupdate) && test_bit(WB_start_all, &wb->state))
			break;
		/*
		 * Only inodes dirty when the work began (kupdate: old enough), and no more
		 * pages than were dirty then: writers dirtying more meanwhile cannot keep
		 * the pass (and its hold on their inodes' I_SYNC) going (Linux's rule).
		 */
		if (work->for_kupdate)
			dirtied_before = jiffies - msecs_to_jiffies(dirty_expire_interval * 10);
		queue_io(wb, dirtied_before);
		if (list_empty(&wb->b_io))
			break;
		progress = writeback_inodes_wb(wb, work);
		wrote += progress;
		/* Nothing could be written (all busy): let the busy ones finish first. */
		if (!progress && list_empty(&wb->b_io)) {
			spin_unlock(&wb->list_lock);
			schedule_timeout_uninterruptible(1);
			spin_lock(&wb->list_lock);
			if (list_empty(&wb->b_dirty) && list_empty(&wb->b_more_io))
				break;
		}
	}
	if (list_empty(&wb->b_dirty) && list_empty(&wb->b_io) && list_empty(&wb->b_more_io))
		clear_bit(WB_has_dirty_io, &wb->state);
	spin_unlock(&wb->list_lock);
	clear_bit(WB_writeback_running, &wb->state);
	return wrote;
}

/* One wake-up's work: everything if asked, then the background and periodic checks. */
static void wb_do_writeback(struct bdi_writeback *wb)
{
	struct wb_writeback_work work = {
		.nr_pages = LONG_MAX,
		.sync_mode = WB_SYNC_NONE,
		.range_cyclic = 1,
	};
	unsigned long interval = msecs_to_jiffies(dirty_writeback_interval * 10);

	if (test_and_clear_bit(WB_start_all, &wb->state)) {
		work.reason = WB_REASON_SYNC;
		work.nr_pages = (long)global_node_page_state(NR_FILE_DIRTY) + 1;
		wb_writeback(wb, &work);
		work.nr_pages = LONG_MAX;
	}
	if (wb_over_bg_thresh(wb)) {
		work.for_background = 1;
		work.reason = WB_REASON_BACKGROUND;
		wb_writeback(wb, &work);
		work.for_background = 0;
	}
	if (dirty_writeback_interval &&
	    time_after_eq(jiffies, wb->last_old_flush + interval)) {
		wb->last_old_flush = jiffies;
		work.for_kupdate = 1;
		work.reason = WB_REASON_PERIODIC;
		work.nr_pages = (long)global_node_page_state(NR_FILE_DIRTY) + 1;
		wb_writeback(wb, &work);
	}
}

/* The flusher: a pass per wake-up, and one every dirty_writeback_centisecs while dirty. */
int wb_thread(void *data)
{
	struct bdi_writeback *wb = data;

	wb->last_old_flush = jiffies;
	while (!kthread_should_stop()) {
		unsigned long seen = READ_ONCE(wb->wakeups);
		long timeout = MAX_SCHEDULE_TIMEOUT;

		/* Sync's WB_start_all, or a wakeup other than the arming one: a pass now. */
		if (!test_and_clear_bit(WB_delayed, &wb->state) ||
		    test_bit(WB_start_all, &wb->state))
			wb_do_writeback(wb);
		if (wb_has_dirty_io(wb) && dirty_writeback_interval)
			timeout = (long)msecs_to_jiffies(dirty_writeback_interval * 10);
		wait_event_timeout(wb->wait, READ_ONCE(wb->wakeups) != seen ||
				   kthread_should_stop(), timeout);
	}
	return 0;
}

/* ---- sync and friends ---------------------------------------------------------------- */

static void writeback_one(struct inode *inode, void *arg)
{
	struct writeback_control wbc = {
		.sync_mode = *(enum writeback_sync_modes *)arg,
		.nr_to_write = LONG_MAX,
		.range_end = LLONG_MAX,
		.for_sync = 1,
	};

	writeback_single_inode(inode, &wbc);
}

static void wait_one(struct inode *inode, void *arg)
{
	filemap_fdatawait_keep_errors(inode->i_mapping);
}

void writeback_inodes_sb_nr(struct super_block *sb, unsigned long nr, enum wb_reason reason)
{
	enum writeback_sync_modes mode = WB_SYNC_NONE;

	/* Each inode's own bdi decides (the bdev file system's inodes are on their disks'). */
	iterate_sb_inodes(sb, writeback_one, &mode);
}

void writeback_inodes_sb(struct super_block *sb, enum wb_reason reason)
{
	writeback_inodes_sb_nr(sb, LONG_MAX, reason);
}

void try_to_writeback_inodes_sb(struct super_block *sb, enum wb_reason reason)
{
	if (down_read_trylock(&sb->s_umount)) {
		writeback_inodes_sb(sb, reason);
		up_read(&sb->s_umount);
	}
}

/*
 * Writes every dirty inode of sb and its pages, then waits for all of them. sync(2) and
 * syncfs(2) do this in the caller's context rather than through the flusher; I_SYNC
 * keeps the two from writing one inode at once.
 */
void sync_inodes_sb(struct super_block *sb)
{
	enum writeback_sync_modes mode = WB_SYNC_ALL;

	iterate_sb_inodes(sb, writeback_one, &mode);
	iterate_sb_inodes(sb, wait_one, NULL);
}

void wakeup_flusher_threads(enum wb_reason reason)
{
	struct backing_dev_info *bdi;

	spin_lock(&bdi_lock);
	list_for_each_entry(bdi, &bdi_list, bdi_list) {
		if (reason != WB_REASON_PERIODIC)
			set_bit(WB_start_all, &bdi->wb.state);
		wb_wakeup(&bdi->wb);
	}
	spin_unlock(&bdi_lock);
}
