/*
 * Dirty pages and their writeback (Linux 6.1's mm/page-writeback.c).
 *
 * A page cache folio of a mapping that can be written back (its bdi has
 * BDI_CAP_WRITEBACK) goes clean -> dirty (folio_mark_dirty: PG_dirty, the DIRTY tag,
 * NR_FILE_DIRTY and NR_DIRTIED counted, its inode I_DIRTY_PAGES) -> being written
 * (folio_clear_dirty_for_io, then folio_start_writeback: PG_writeback, the WRITEBACK
 * tag, NR_WRITEBACK) -> clean (folio_end_writeback: NR_WRITTEN counted, waiters woken).
 * A folio dirtied again while under writeback is both dirty and under writeback.
 *
 * The limits: of the memory that could hold page cache (global_dirtyable_memory),
 * vm.dirty_background_ratio percent (or dirty_background_bytes) may be dirty before the
 * flushers start writing in the background, vm.dirty_ratio (dirty_bytes) before writers
 * are made to wait in balance_dirty_pages.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/sysctl.h>
#include <linux/jiffies.h>

int vm_dirty_ratio = 20;
int dirty_background_ratio = 10;
unsigned long vm_dirty_bytes;
unsigned long dirty_background_bytes;
/* Centiseconds between the flushers' periodic passes, and the age that makes data old. */
unsigned int dirty_writeback_interval = 5 * 100;
unsigned int dirty_expire_interval = 30 * 100;
int laptop_mode;

/* Pages a task may dirty between two looks at the limits (Linux's ratelimit_pages). */
#define RATELIMIT_PAGES	32

extern unsigned long totalreserve_pages;

/* ---- the limits ------------------------------------------------------------------- */

/*
 * Free pages above the reserves plus the page cache: what the page cache could grow
 * into. Linux counts the file LRU; page cache pages are not all on it here, so the
 * larger of the two counts.
 */
static unsigned long global_dirtyable_memory(void)
{
	unsigned long x = global_zone_page_state(NR_FREE_PAGES);
	unsigned long lru = global_node_page_state(NR_INACTIVE_FILE) +
			    global_node_page_state(NR_ACTIVE_FILE);

	x -= min(x, totalreserve_pages);
	x += max(lru, global_node_page_state(NR_FILE_PAGES));
	return x + 1;	/* never 0, as in Linux */
}

void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty)
{
	unsigned long available_memory = global_dirtyable_memory();
	unsigned long thresh, bg_thresh;

	if (vm_dirty_bytes)
		thresh = DIV_ROUND_UP(vm_dirty_bytes, PAGE_SIZE);
	else
		thresh = (unsigned long)vm_dirty_ratio * available_memory / 100;
	if (dirty_background_bytes)
		bg_thresh = DIV_ROUND_UP(dirty_background_bytes, PAGE_SIZE);
	else
		bg_thresh = (unsigned long)dirty_background_ratio * available_memory / 100;
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*pbackground = bg_thresh;
	*pdirty = thresh;
}

/* Setting a ratio clears its bytes twin and the other way round, as Linux's handlers do. */
int dirty_ratio_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			loff_t *ppos)
{
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		vm_dirty_bytes = 0;
	return ret;
}

int dirty_bytes_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			loff_t *ppos)
{
	int ret = proc_doulongvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		vm_dirty_ratio = 0;
	return ret;
}

int dirty_background_ratio_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos)
{
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		dirty_background_bytes = 0;
	return ret;
}

int dirty_background_bytes_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos)
{
	int ret = proc_doulongvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		dirty_background_ratio = 0;
	return ret;
}

/* A new interval takes effect now: the flushers re-arm their periodic pass. */
int dirty_writeback_centisecs_handler(struct ctl_table *table, int write, void *buffer,
				      size_t *lenp, loff_t *ppos)
{
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		wakeup_flusher_threads(WB_REASON_PERIODIC);
	return ret;
}

/* ---- throttling writers ------------------------------------------------------------ */

/*
 * Sleeps while the dirty and writeback pages together exceed the hard limit, the
 * flusher having been told to write; returns once under it (or on a fatal signal).
 */
static void balance_dirty_pages(struct bdi_writeback *wb)
{
	for (;;) {
		unsigned long nr_reclaimable = global_node_page_state(NR_FILE_DIRTY);
		unsigned long nr_dirty = nr_reclaimable + global_node_page_state(NR_WRITEBACK);
		unsigned long bg_thresh, thresh;

		global_dirty_limits(&bg_thresh, &thresh);
		if (nr_reclaimable > bg_thresh)
			wb_start_background_writeback(wb);
		/*
		 * Linux slows writers gradually from the midpoint of the two thresholds;
		 * here they run freely up to the hard limit and wait above it.
		 */
		if (nr_dirty <= thresh)
			break;
		if (fatal_signal_pending(current))
			break;
		/* Linux sizes the pause from the device's write rate; a fixed 10 ms here. */
		set_current_state(TASK_KILLABLE);
		schedule_timeout(max(1, HZ / 100));
	}
}

/* Pages dirtied since the last look at the limits, all writers together. */
static unsigned long bdp_ratelimit;	/* atomic */

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	struct inode *inode = mapping->host;

	if (!mapping_can_writeback(mapping))
		return;
	if (__atomic_add_fetch(&bdp_ratelimit, 1, __ATOMIC_RELAXED) % RATELIMIT_PAGES)
		return;
	balance_dirty_pages(inode_to_wb(inode));
}

/* ---- dirtying ------------------------------------------------------------------- */

/* Counts a folio that became dirty in a mapping that writes back. */
static void folio_account_dirtied(struct folio *folio, struct address_space *mapping)
{
	if (!mapping_can_writeback(mapping))
		return;
	mod_node_page_state(folio_pgdat(folio), NR_FILE_DIRTY, 1);
	mod_node_page_state(folio_pgdat(folio), NR_DIRTIED, 1);
}

/* The dirty folio is clean again without being written (truncated, cancelled). */
static void folio_account_cleaned(struct folio *folio)
{
	mod_node_page_state(folio_pgdat(folio), NR_FILE_DIRTY, -1);
}

void __folio_mark_dirty(struct folio *folio, struct address_space *mapping, int warn)
{
	unsigned long flags;

	xa_lock_irqsave(&mapping->i_pages, flags);
	if (folio->mapping) {	/* Not truncated meanwhile */
		WARN_ON_ONCE(warn && !folio_test_uptodate(folio));
		folio_account_dirtied(folio, mapping);
		__xa_set_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_DIRTY);
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
}

bool filemap_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	if (folio_test_set_dirty(folio))
		return false;
	__folio_mark_dirty(folio, mapping, !folio_test_private(folio));
	if (mapping->host)
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	return true;
}

bool noop_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	if (!folio_test_dirty(folio))
		return !folio_test_set_dirty(folio);
	return false;
}

bool folio_mark_dirty(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	if (mapping && mapping->a_ops->dirty_folio)
		return mapping->a_ops->dirty_folio(mapping, folio);
	return noop_dirty_folio(mapping, folio);
}

bool set_page_dirty(struct page *page)
{
	return folio_mark_dirty(page_folio(page));
}

bool set_page_dirty_lock(struct page *page)
{
	bool ret;

	lock_page(page);
	ret = set_page_dirty(page);
	unlock_page(page);
	return ret;
}

void folio_cancel_dirty(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long flags;

	if (!mapping || !mapping_can_writeback(mapping)) {
		folio_clear_dirty(folio);
		return;
	}
	xa_lock_irqsave(&mapping->i_pages, flags);
	if (folio_test_clear_dirty(folio)) {
		folio_account_cleaned(folio);
		if (folio->mapping)
			__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_DIRTY);
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
}

/*
 * The DIRTY tag stays until folio_start_writeback, so the folio is still found by a
 * tagged walk in between (Linux's order). Shared mappings are write-protected first
 * (folio_mkclean): a store made through one before counts now, and the next one
 * faults (->page_mkwrite) and dirties the folio again.
 */
bool folio_clear_dirty_for_io(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	VM_BUG_ON_PAGE(!folio_test_locked(folio), &folio->page);
	if (mapping && mapping_can_writeback(mapping)) {
		if (folio_mkclean(folio))
			folio_mark_dirty(folio);
		if (folio_test_clear_dirty(folio)) {
			folio_account_cleaned(folio);
			return true;
		}
		return false;
	}
	return folio_test_clear_dirty(folio);
}

bool clear_page_dirty_for_io(struct page *page)
{
	return folio_clear_dirty_for_io(page_folio(page));
}

void folio_account_redirty(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	if (mapping && mapping_can_writeback(mapping))
		mod_node_page_state(folio_pgdat(folio), NR_DIRTIED, -1);
}

bool folio_redirty_for_writepage(struct writeback_control *wbc, struct folio *folio)
{
	bool ret;

	wbc->pages_skipped++;
	ret = folio_mark_dirty(folio);
	folio_account_redirty(folio);
	return ret;
}

bool redirty_page_for_writepage(struct writeback_control *wbc, struct page *page)
{
	return folio_redirty_for_writepage(wbc, page_folio(page));
}

/* ---- the writeback bit --------------------------------------------------------------- */

bool __folio_start_writeback(struct folio *folio, bool keep_write)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long flags;
	bool ret;

	VM_BUG_ON_PAGE(!folio_test_locked(folio), &folio->page);
	if (!mapping)
		return folio_test_set_writeback(folio);
	xa_lock_irqsave(&mapping->i_pages, flags);
	ret = folio_test_set_writeback(folio);
	if (!ret) {
		__xa_set_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_WRITEBACK);
		if (mapping_can_writeback(mapping))
			mod_node_page_state(folio_pgdat(folio), NR_WRITEBACK, 1);
	}
	if (!folio_test_dirty(folio))
		__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_DIRTY);
	if (!keep_write)
		__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_TOWRITE);
	xa_unlock_irqrestore(&mapping->i_pages, flags);
	return ret;
}

/* Clears PG_writeback and its tag and counts the page written; whether it was set. */
static bool __folio_end_writeback(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long flags;
	bool ret;

	if (!mapping)
		return TestClearPageWriteback(&folio->page);
	xa_lock_irqsave(&mapping->i_pages, flags);
	ret = TestClearPageWriteback(&folio->page);
	if (ret) {
		__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_WRITEBACK);
		if (mapping_can_writeback(mapping)) {
			mod_node_page_state(folio_pgdat(folio), NR_WRITEBACK, -1);
			mod_node_page_state(folio_pgdat(folio), NR_WRITTEN, 1);
			wb_writeback_done(inode_to_wb(mapping->host));
		}
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
	return ret;
}

void folio_end_writeback(struct folio *folio)
{
	if (folio_test_reclaim(folio))
		folio_clear_reclaim(folio);
	/* Our reference keeps the folio while the waiters are woken after the bit clears. */
	folio_get(folio);
	if (!__folio_end_writeback(folio))
		BUG();
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	folio_wake_bit(folio, PG_writeback);
	folio_put(folio);
}

void end_page_writeback(struct page *page)
{
	folio_end_writeback(page_folio(page));
}

/* ---- writing a mapping's dirty folios --------------------------------------------- */

void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	unsigned long index = start;
	unsigned long flags;

	xa_lock_irqsave(&mapping->i_pages, flags);
	while (index <= end &&
	       __xa_find_marked(&mapping->i_pages, &index, end, PAGECACHE_TAG_DIRTY)) {
		__xa_set_mark(&mapping->i_pages, index, PAGECACHE_TAG_TOWRITE);
		if (index++ == end)
			break;
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
}

/*
 * Whether the folio (locked, from a tagged walk) is still one to write: still in the
 * mapping, still dirty, and not under writeback (WB_SYNC_ALL waits for that one).
 */
static bool folio_prepare_for_write(struct address_space *mapping, struct folio *folio,
				    struct writeback_control *wbc)
{
	if (unlikely(folio->mapping != mapping) || !folio_test_dirty(folio))
		return false;
	if (folio_test_writeback(folio)) {
		if (wbc->sync_mode == WB_SYNC_NONE)
			return false;
		folio_wait_writeback(folio);
	}
	return folio_clear_dirty_for_io(folio);
}

/* The walk's range and tag, from wbc (Linux's write_cache_pages preamble). */
static xa_mark_t wbc_range(struct address_space *mapping, struct writeback_control *wbc,
			   pgoff_t *index, pgoff_t *end)
{
	if (wbc->range_cyclic) {
		*index = mapping->writeback_index;
		*end = ULONG_MAX;
	} else {
		*index = (pgoff_t)(wbc->range_start >> PAGE_SHIFT);
		*end = (pgoff_t)(wbc->range_end >> PAGE_SHIFT);
	}
	if (wbc->sync_mode == WB_SYNC_ALL || wbc->tagged_writepages) {
		/* Only what is dirty now: pages dirtied during the walk cannot keep it going. */
		tag_pages_for_writeback(mapping, *index, *end);
		return PAGECACHE_TAG_TOWRITE;
	}
	return PAGECACHE_TAG_DIRTY;
}

int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      writepage_t writepage, void *data)
{
	struct folio_batch fbatch;
	pgoff_t index, end, done_index;
	xa_mark_t tag = wbc_range(mapping, wbc, &index, &end);
	int ret = 0, error;
	bool done = false;

	folio_batch_init(&fbatch);
	done_index = index;
	while (!done && index <= end) {
		unsigned int nr = filemap_get_folios_tag(mapping, &index, end, tag, &fbatch);

		if (!nr)
			break;
		for (unsigned int i = 0; i < nr; i++) {
			struct folio *folio = fbatch.folios[i];

			done_index = folio->index;
			folio_lock(folio);
			if (!folio_prepare_for_write(mapping, folio, wbc)) {
				folio_unlock(folio);
				continue;
			}
			error = writepage(folio, wbc, data);
			if (unlikely(error)) {
				/* The first error is returned; WB_SYNC_ALL goes on with the rest. */
				if (!ret)
					ret = error;
				if (wbc->sync_mode == WB_SYNC_NONE) {
					done_index = folio->index + 1;
					done = true;
					break;
				}
			}
			if (--wbc->nr_to_write <= 0 && wbc->sync_mode == WB_SYNC_NONE) {
				done_index = folio->index + 1;
				done = true;
				break;
			}
		}
		folio_batch_release(&fbatch);
	}
	if (wbc->range_cyclic)
		mapping->writeback_index = done ? done_index : 0;
	return ret;
}

/* write_cache_pages's callback for ->writepage; records the error for fsync. */
static int __writepage(struct folio *folio, struct writeback_control *wbc, void *data)
{
	struct address_space *mapping = data;
	int ret = mapping->a_ops->writepage(&folio->page, wbc);

	mapping_set_error(mapping, ret);
	return ret;
}

int generic_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct blk_plug plug;
	int ret;

	if (!mapping->a_ops->writepage)
		return 0;
	/* Adjacent blocks of consecutive pages reach the disk as one request. */
	blk_start_plug(&plug);
	ret = write_cache_pages(mapping, wbc, __writepage, mapping);
	blk_finish_plug(&plug);
	return ret;
}

int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	int ret;

	if (wbc->nr_to_write <= 0)
		return 0;
	for (;;) {
		if (mapping->a_ops->writepages)
			ret = mapping->a_ops->writepages(mapping, wbc);
		else
			ret = generic_writepages(mapping, wbc);
		/* Out of memory for a WB_SYNC_ALL pass: wait a little and retry it. */
		if (ret != -ENOMEM || wbc->sync_mode != WB_SYNC_ALL)
			break;
		schedule_timeout_uninterruptible(max(1, HZ / 50));
	}
	return ret;
}
