/*
 * selftest=filemap: KTAP checks of the page cache's state machine: the folio lock (a
 * second locker sleeps until the unlock), and a folio's way through dirty, writeback and
 * clean with the counters (NR_FILE_DIRTY, NR_WRITEBACK, NR_WRITTEN), the xarray tags,
 * the inode's I_DIRTY_PAGES and its place on the device's dirty list at each step. The
 * mapping belongs to a test inode on a private bdi that writes back but has no flusher,
 * so nothing but the test moves the folio.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/selftest.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/vmstat.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>

/* A helper thread's view of a folio wait: started, then done (atomic). */
struct waiter {
	struct folio *folio;
	bool writeback;		/* wait for PG_writeback rather than take the lock */
	int started, done;
};

static int waiter_thread(void *arg)
{
	struct waiter *w = arg;

	__atomic_store_n(&w->started, 1, __ATOMIC_SEQ_CST);
	if (w->writeback) {
		folio_wait_writeback(w->folio);
	} else {
		folio_lock(w->folio);
		folio_unlock(w->folio);
	}
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	selftest_sleep_until_stop();
	return 0;
}

/* Whether cond becomes true within 5 s. */
#define wait_until(cond) ({						\
	unsigned long __until = jiffies + 5 * HZ;			\
	while (!(cond) && time_before(jiffies, __until))		\
		msleep(1);						\
	(cond);								\
})

/*
 * Starts a waiter on folio, checks it is still asleep 50 ms later, runs release, and
 * checks the waiter then finishes.
 */
static bool __init waiter_blocks_until(struct waiter *w, void (*release)(struct folio *))
{
	struct task_struct *p = kthread_run(waiter_thread, w, "filemap_test");
	bool ok;

	if (IS_ERR(p))
		return false;
	ok = wait_until(__atomic_load_n(&w->started, __ATOMIC_SEQ_CST));
	msleep(50);
	ok &= !__atomic_load_n(&w->done, __ATOMIC_SEQ_CST);
	release(w->folio);
	ok &= wait_until(__atomic_load_n(&w->done, __ATOMIC_SEQ_CST));
	kthread_stop(p);
	return ok;
}

static bool __init test_folio_lock_waits(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct waiter w = { 0 };
	bool ok;

	if (!page)
		return false;
	w.folio = page_folio(page);
	ok = folio_trylock(w.folio) && !folio_trylock(w.folio);
	ok = ok && waiter_blocks_until(&w, folio_unlock);
	/* The waiter took the lock and gave it back. */
	ok &= !folio_test_locked(w.folio) && folio_trylock(w.folio);
	folio_unlock(w.folio);
	put_page(page);
	return ok;
}

/* ---- a test inode whose bdi writes back ----------------------------------------- */

static struct folio *written;	/* the folio test_writepage was given */

/* Starts "writing" the folio and leaves the writeback to the test to end. */
static int test_writepage(struct page *page, struct writeback_control *wbc)
{
	written = page_folio(page);
	set_page_writeback(page);
	unlock_page(page);
	return 0;
}

static const struct address_space_operations test_aops = {
	.writepage	= test_writepage,
	.dirty_folio	= filemap_dirty_folio,
};

static struct super_block *__init test_sb(void)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_bdi = bdi_alloc(NUMA_NO_NODE);
	if (!sb->s_bdi) {
		kfree(sb);
		return NULL;
	}
	spin_lock_init(&sb->s_inode_list_lock);
	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock_init(&sb->s_inode_lru_lock);
	INIT_LIST_HEAD(&sb->s_inode_lru);
	init_rwsem(&sb->s_umount);
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	return sb;
}

static long __init node_stat(enum node_stat_item item)
{
	vmstat_refresh();
	return (long)global_node_page_state(item);
}

/* The folio's tags in its mapping: DIRTY, WRITEBACK. */
static bool __init tagged(struct folio *folio, xa_mark_t tag)
{
	struct xarray *xa = &folio->mapping->i_pages;
	unsigned long flags;
	bool ret;

	xa_lock_irqsave(xa, flags);
	ret = __xa_get_mark(xa, folio->index, tag);
	xa_unlock_irqrestore(xa, flags);
	return ret;
}

static bool __init on_dirty_list(struct inode *inode)
{
	struct bdi_writeback *wb = inode_to_wb(inode);
	struct inode *i;
	bool found = false;

	spin_lock(&wb->list_lock);
	list_for_each_entry(i, &wb->b_dirty, i_io_list)
		found |= i == inode;
	spin_unlock(&wb->list_lock);
	return found;
}

/* A regular file of one page on sb (test_aops), the page cached and up to date; or NULL. */
static struct inode *__init test_file_with_page(struct super_block *sb, struct folio **foliop)
{
	struct inode *inode = new_inode(sb);
	struct folio *folio;

	if (!inode)
		return NULL;
	inode->i_mapping->a_ops = &test_aops;
	inode->i_mode = S_IFREG | 0600;
	i_size_write(inode, PAGE_SIZE);
	insert_inode_hash(inode);
	folio = __filemap_get_folio(inode->i_mapping, 0, FGP_LOCK | FGP_CREAT, GFP_KERNEL);
	if (!folio) {
		clear_nlink(inode);
		iput(inode);
		return NULL;
	}
	folio_mark_uptodate(folio);
	folio_unlock(folio);
	*foliop = folio;
	return inode;
}

/*
 * clean -> dirty (counted, tagged, inode queued) -> writeback (write_cache_pages through
 * ->writepage: dirty uncounted, writeback counted and tagged) -> a waiter sleeps ->
 * folio_end_writeback (written counted, waiter woken, tags gone) -> truncated.
 */
static bool __init test_dirty_writeback_cycle(struct ktap_suite *s)
{
	struct super_block *sb = test_sb();
	long dirty0, wb0, written0, dirtied0;
	struct waiter w = { .writeback = true };
	struct inode *inode;
	struct folio *folio;
	bool ok = true;

	if (!sb)
		return false;
	inode = test_file_with_page(sb, &folio);
	if (!inode)
		goto out_sb;

	dirty0 = node_stat(NR_FILE_DIRTY);
	dirtied0 = node_stat(NR_DIRTIED);
	ok &= ktap_report(s, folio_mark_dirty(folio) && !folio_mark_dirty(folio) &&
			  node_stat(NR_FILE_DIRTY) == dirty0 + 1 && node_stat(NR_DIRTIED) == dirtied0 + 1 &&
			  tagged(folio, PAGECACHE_TAG_DIRTY) &&
			  (inode->i_state & I_DIRTY_PAGES) && on_dirty_list(inode),
			  "filemap_dirty_counts_tags_and_queues_inode");

	wb0 = node_stat(NR_WRITEBACK);
	ok &= ktap_report(s, filemap_fdatawrite(inode->i_mapping) == 0 && written == folio &&
			  folio_test_writeback(folio) && !folio_test_dirty(folio) &&
			  !folio_test_locked(folio) &&
			  node_stat(NR_FILE_DIRTY) == dirty0 && node_stat(NR_WRITEBACK) == wb0 + 1 &&
			  tagged(folio, PAGECACHE_TAG_WRITEBACK) &&
			  !tagged(folio, PAGECACHE_TAG_DIRTY),
			  "filemap_write_cache_pages_starts_writeback");

	written0 = node_stat(NR_WRITTEN);
	w.folio = folio;
	ok &= ktap_report(s, waiter_blocks_until(&w, folio_end_writeback) &&
			  !folio_test_writeback(folio) && node_stat(NR_WRITEBACK) == wb0 &&
			  node_stat(NR_WRITTEN) == written0 + 1 &&
			  !tagged(folio, PAGECACHE_TAG_WRITEBACK) &&
			  filemap_fdatawait(inode->i_mapping) == 0,
			  "filemap_end_writeback_wakes_and_counts");

	folio_mark_dirty(folio);
	folio_put(folio);
	truncate_inode_pages(inode->i_mapping, 0);
	ok &= ktap_report(s, inode->i_mapping->nrpages == 0 && node_stat(NR_FILE_DIRTY) == dirty0 &&
			  !mapping_tagged(inode->i_mapping, PAGECACHE_TAG_DIRTY),
			  "filemap_truncate_drops_dirty_count");
	clear_nlink(inode);	/* evicted at once, not cached */
	iput(inode);
out_sb:
	bdi_put(sb->s_bdi);
	kfree(sb);
	return ok;
}

static void __init filemap_selftest(void)
{
	struct ktap_suite s;

	ktap_begin(&s, "filemap", 5);
	ktap_report(&s, test_folio_lock_waits(), "filemap_folio_lock_waits");
	test_dirty_writeback_cycle(&s);
	ktap_end(&s);
}
selftest_initcall("filemap", filemap_selftest);
