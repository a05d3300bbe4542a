/*
 * Host stand-ins for what mm/page-writeback.c calls beyond the dirty limits, for the
 * suites that link it only for global_dirty_limits (page_alloc, slub): they have no
 * page cache, no inodes and no flusher, so none of these is ever reached.
 */
#include <linux/kernel.h>
#include <linux/pagemap.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>

/* No bdi writes back here: every mapping_can_writeback() is false. */
struct backing_dev_info noop_backing_dev_info;
DEFINE_SPINLOCK(bdi_lock);
/* No clock either (a suite with one defines it): the throttling never runs here. */
u64 jiffies_64 __attribute__((weak));

void __folio_lock(struct folio *folio) { BUG(); }
void folio_unlock(struct folio *folio) { BUG(); }
void folio_wait_writeback(struct folio *folio) { BUG(); }
void folio_wake_bit(struct folio *folio, int bit_nr) { BUG(); }
void __mark_inode_dirty(struct inode *inode, int flags) { BUG(); }
void wakeup_flusher_threads(enum wb_reason reason) { BUG(); }
void wb_start_background_writeback(struct bdi_writeback *wb) { BUG(); }
void wb_writeback_done(struct bdi_writeback *wb) { BUG(); }
void folio_batch_release(struct folio_batch *fbatch) { BUG(); }
int folio_mkclean(struct folio *folio) { BUG(); }

unsigned int filemap_get_folios_tag(struct address_space *mapping, pgoff_t *start,
				    pgoff_t end, xa_mark_t tag, struct folio_batch *fbatch)
{
	BUG();
}

void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark) { BUG(); }
void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark) { BUG(); }

void *__xa_find_marked(struct xarray *xa, unsigned long *indexp, unsigned long max,
		       xa_mark_t mark)
{
	BUG();
}

long schedule_timeout(long timeout)
{
	BUG();
}

struct backing_dev_info *inode_to_bdi(struct inode *inode)
{
	BUG();
}

/* No block device on the host: a plug never holds a request. */
void blk_start_plug(struct blk_plug *plug)
{
}

void blk_finish_plug(struct blk_plug *plug)
{
}
