/*
 * The page cache's interface (Linux 6.1's pagemap.h): finding and adding folios of a
 * mapping, the folio lock and the writeback bit with their waits, read-ahead, and the
 * write-and-wait helpers fsync uses. Page cache folios here are single pages.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagevec.h>

/* mapping->flags: errors of asynchronous writeback, reported once by the next fsync. */
#define AS_EIO		0
#define AS_ENOSPC	1

/* The page cache's xarray marks. */
#define PAGECACHE_TAG_DIRTY	XA_MARK_0
#define PAGECACHE_TAG_WRITEBACK	XA_MARK_1
#define PAGECACHE_TAG_TOWRITE	XA_MARK_2

static inline gfp_t mapping_gfp_mask(struct address_space *mapping)
{
	return mapping->gfp_mask;
}

static inline gfp_t mapping_gfp_constraint(struct address_space *mapping, gfp_t gfp)
{
	return mapping_gfp_mask(mapping) & gfp;
}

static inline void mapping_set_gfp_mask(struct address_space *m, gfp_t mask)
{
	m->gfp_mask = mask;
}

/* Records a writeback error for the next fsync (-EIO, -ENOSPC; 0 records nothing). */
static inline void mapping_set_error(struct address_space *mapping, int error)
{
	if (!error)
		return;
	__atomic_fetch_or(&mapping->flags, 1UL << (error == -ENOSPC ? AS_ENOSPC : AS_EIO),
			  __ATOMIC_RELAXED);
}

/* The error recorded since the last call (and clears it): -ENOSPC, -EIO or 0. */
int filemap_check_errors(struct address_space *mapping);

static inline bool mapping_tagged(struct address_space *mapping, xa_mark_t tag)
{
	return xa_marked(&mapping->i_pages, tag);
}

static inline bool mapping_mapped(struct address_space *mapping)
{
	return !list_empty(&mapping->i_mmap);
}

/* ---- positions ---- */

static inline pgoff_t folio_index(const struct folio *folio)
{
	return folio->index;
}

static inline pgoff_t folio_next_index(const struct folio *folio)
{
	return folio->index + folio_nr_pages(folio);
}

static inline size_t folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio_order(folio);
}

static inline unsigned int folio_shift(const struct folio *folio)
{
	return PAGE_SHIFT + folio_order(folio);
}

static inline loff_t folio_pos(const struct folio *folio)
{
	return (loff_t)folio->index << PAGE_SHIFT;
}

static inline loff_t folio_file_pos(const struct folio *folio)
{
	return folio_pos(folio);
}

static inline loff_t page_offset(const struct page *page)
{
	return (loff_t)page->index << PAGE_SHIFT;
}

static inline loff_t page_file_offset(const struct page *page)
{
	return page_offset(page);
}

static inline pgoff_t page_index(const struct page *page)
{
	return page->index;
}

static inline struct address_space *folio_mapping(const struct folio *folio)
{
	struct address_space *mapping = READ_ONCE(folio->mapping);

	if ((unsigned long)mapping & PAGE_MAPPING_ANON)
		return NULL;
	return mapping;
}

static inline struct address_space *page_mapping(const struct page *page)
{
	return folio_mapping(page_folio(page));
}

static inline struct inode *folio_inode(const struct folio *folio)
{
	return folio->mapping->host;
}

/* Whether offset..offset+len of the folio lies inside i_size (mkwrite and truncate checks). */
static inline size_t offset_in_folio(const struct folio *folio, loff_t pos)
{
	return (size_t)(pos & (loff_t)(folio_size(folio) - 1));
}

/* ---- private data (buffer heads) ---- */

static inline void folio_attach_private(struct folio *folio, void *data)
{
	folio_get(folio);
	folio->private = (unsigned long)data;
	folio_set_private(folio);
}

static inline void *folio_detach_private(struct folio *folio)
{
	void *data = (void *)folio->private;

	if (!folio_test_private(folio))
		return NULL;
	folio_clear_private(folio);
	folio->private = 0;
	folio_put(folio);
	return data;
}

static inline void *folio_get_private(struct folio *folio)
{
	return (void *)folio->private;
}

static inline void attach_page_private(struct page *page, void *data)
{
	folio_attach_private(page_folio(page), data);
}

static inline void *detach_page_private(struct page *page)
{
	return folio_detach_private(page_folio(page));
}

/* ---- the folio lock (PG_locked) and the writeback bit ---- */

/*
 * folio_lock - lock the folio, sleeping while someone else holds it
 * The lock is held across I/O on the folio and while the page cache changes around it
 * (truncation, adding buffers). Context: may sleep; no spinlock held.
 */
void __folio_lock(struct folio *folio);
/* The same, but a fatal signal stops the wait: -EINTR. */
int __folio_lock_killable(struct folio *folio);
/* Unlocks folio and wakes the tasks waiting for it. Context: any. */
void folio_unlock(struct folio *folio);
/* Sleeps until the folio is unlocked (without taking the lock). */
void folio_wait_locked(struct folio *folio);
int folio_wait_locked_killable(struct folio *folio);
/* Sleeps until PG_writeback clears. Context: may sleep. */
void folio_wait_writeback(struct folio *folio);
/* The same, then -EIO if the write failed (PG_error). */
int folio_wait_writeback_killable(struct folio *folio);
/* Waits for writeback when the device needs pages stable while written (always here). */
void folio_wait_stable(struct folio *folio);
/* Wakes the waiters of bit_nr of folio (PG_locked, PG_writeback). */
void folio_wake_bit(struct folio *folio, int bit_nr);

static inline bool folio_trylock(struct folio *folio)
{
	return !TestSetPageLocked(&folio->page);
}

static inline void folio_lock(struct folio *folio)
{
	might_sleep();
	if (!folio_trylock(folio))
		__folio_lock(folio);
}

static inline int folio_lock_killable(struct folio *folio)
{
	might_sleep();
	if (!folio_trylock(folio))
		return __folio_lock_killable(folio);
	return 0;
}

static inline bool trylock_page(struct page *page)
{
	return folio_trylock(page_folio(page));
}

static inline void lock_page(struct page *page)
{
	folio_lock(page_folio(page));
}

static inline void unlock_page(struct page *page)
{
	folio_unlock(page_folio(page));
}

static inline void wait_on_page_locked(struct page *page)
{
	folio_wait_locked(page_folio(page));
}

static inline void wait_on_page_writeback(struct page *page)
{
	folio_wait_writeback(page_folio(page));
}

static inline void wait_for_stable_page(struct page *page)
{
	folio_wait_stable(page_folio(page));
}

/*
 * folio_start_writeback - the locked, dirty-cleared folio is about to be written
 * Sets PG_writeback (counted in NR_WRITEBACK) and the mapping's writeback tag.
 */
bool __folio_start_writeback(struct folio *folio, bool keep_write);
static inline bool folio_start_writeback(struct folio *folio)
{
	return __folio_start_writeback(folio, false);
}
static inline bool folio_start_writeback_keepwrite(struct folio *folio)
{
	return __folio_start_writeback(folio, true);
}
static inline bool set_page_writeback(struct page *page)
{
	return folio_start_writeback(page_folio(page));
}
/* The write finished: PG_writeback cleared, NR_WRITTEN counted, waiters woken. Any context. */
void folio_end_writeback(struct folio *folio);
void end_page_writeback(struct page *page);

/* ---- dirtying ---- */

/*
 * folio_mark_dirty - the folio's contents differ from the disk
 * Calls the mapping's ->dirty_folio (buffers, accounting). True when it was clean.
 */
bool folio_mark_dirty(struct folio *folio);
/* The generic ->dirty_folio: PG_dirty, NR_FILE_DIRTY, the tag, the inode I_DIRTY_PAGES. */
bool filemap_dirty_folio(struct address_space *mapping, struct folio *folio);
/* ->dirty_folio of mappings with no backing store: only PG_dirty. */
bool noop_dirty_folio(struct address_space *mapping, struct folio *folio);
/* Accounts a folio newly dirtied and tags it (mapping's xa_lock taken inside). */
void __folio_mark_dirty(struct folio *folio, struct address_space *mapping, int warn);
/* set_page_dirty with the page locked around it (callers that do not hold it). */
bool set_page_dirty_lock(struct page *page);
/*
 * folio_clear_dirty_for_io - clear PG_dirty before writing the locked folio
 * Write-protects its mappings' entries first (page_mkclean), so a later store dirties it
 * again. Return: whether it was dirty.
 */
bool folio_clear_dirty_for_io(struct folio *folio);
bool clear_page_dirty_for_io(struct page *page);
/* Drops PG_dirty without writing (truncation, a journalled buffer's own rules). */
void folio_cancel_dirty(struct folio *folio);
static inline void cancel_dirty_page(struct page *page)
{
	folio_cancel_dirty(page_folio(page));
}
/* Keeps a folio dirty that ->writepage did not write (for_reclaim, locked buffers). */
bool folio_redirty_for_writepage(struct writeback_control *wbc, struct folio *folio);
bool redirty_page_for_writepage(struct writeback_control *wbc, struct page *page);
void folio_account_redirty(struct folio *folio);

/* ---- finding and adding ---- */

/* __filemap_get_folio's fgp_flags (Linux's FGP_*). */
#define FGP_ACCESSED	0x00000001
#define FGP_LOCK	0x00000002
#define FGP_CREAT	0x00000004
#define FGP_WRITE	0x00000008
#define FGP_NOFS	0x00000010
#define FGP_NOWAIT	0x00000020
#define FGP_FOR_MMAP	0x00000040
#define FGP_HEAD	0x00000080
#define FGP_ENTRY	0x00000100
#define FGP_STABLE	0x00000200

/*
 * __filemap_get_folio - the folio at index, with a reference, or NULL
 * FGP_LOCK: locked; FGP_CREAT: a new one (not up to date, zeroed) added when missing,
 * allocated with gfp; FGP_WRITE with FGP_STABLE: waits for its writeback. Context: may
 * sleep with FGP_LOCK or FGP_CREAT.
 */
struct folio *__filemap_get_folio(struct address_space *mapping, pgoff_t index,
				  int fgp_flags, gfp_t gfp);

static inline struct folio *filemap_get_folio(struct address_space *mapping, pgoff_t index)
{
	return __filemap_get_folio(mapping, index, 0, 0);
}

static inline struct folio *filemap_lock_folio(struct address_space *mapping, pgoff_t index)
{
	return __filemap_get_folio(mapping, index, FGP_LOCK, 0);
}

static inline struct page *pagecache_get_page(struct address_space *mapping, pgoff_t index,
					      int fgp_flags, gfp_t gfp)
{
	struct folio *folio = __filemap_get_folio(mapping, index, fgp_flags, gfp);

	return folio ? &folio->page : NULL;
}

static inline struct page *find_get_page(struct address_space *mapping, pgoff_t index)
{
	return pagecache_get_page(mapping, index, 0, 0);
}

static inline struct page *find_get_page_flags(struct address_space *mapping,
					       pgoff_t index, int fgp_flags)
{
	return pagecache_get_page(mapping, index, fgp_flags, 0);
}

static inline struct page *find_lock_page(struct address_space *mapping, pgoff_t index)
{
	return pagecache_get_page(mapping, index, FGP_LOCK, 0);
}

/* The page at index, locked, with a reference; created (zeroed) when missing. */
static inline struct page *find_or_create_page(struct address_space *mapping,
					       pgoff_t index, gfp_t gfp)
{
	return pagecache_get_page(mapping, index, FGP_LOCK | FGP_ACCESSED | FGP_CREAT, gfp);
}

static inline struct page *grab_cache_page(struct address_space *mapping, pgoff_t index)
{
	return find_or_create_page(mapping, index, mapping_gfp_mask(mapping));
}

/* The page a write_begin writes into: locked, with a reference, stable. */
struct page *grab_cache_page_write_begin(struct address_space *mapping, pgoff_t index);

/*
 * filemap_add_folio - put a new locked folio into the page cache at index
 * Takes the cache's reference and counts it (NR_FILE_PAGES). Return: 0, -EEXIST when a
 * folio is there, -ENOMEM.
 */
int filemap_add_folio(struct address_space *mapping, struct folio *folio, pgoff_t index,
		      gfp_t gfp);
int add_to_page_cache_lru(struct page *page, struct address_space *mapping, pgoff_t index,
			  gfp_t gfp);
/* Takes a locked folio out of its mapping (truncation) and drops the cache's reference. */
void filemap_remove_folio(struct folio *folio);
void delete_from_page_cache(struct page *page);

/*
 * Up to nr folios of [*start, end] into fbatch (with a reference each), *start moved past
 * the last; filemap_get_folios_tag only those carrying tag. Return: how many.
 */
unsigned int filemap_get_folios(struct address_space *mapping, pgoff_t *start,
				pgoff_t end, struct folio_batch *fbatch);
unsigned int filemap_get_folios_tag(struct address_space *mapping, pgoff_t *start,
				    pgoff_t end, xa_mark_t tag, struct folio_batch *fbatch);
/* Puts each folio's reference and empties the batch. */
void folio_batch_release(struct folio_batch *fbatch);
/* Frees the locked folio's private data (->release_folio, buffers); true when none left. */
bool filemap_release_folio(struct folio *folio, gfp_t gfp);
/* Tells the file system [offset, offset + length) of the locked folio goes (truncation). */
void folio_invalidate(struct folio *folio, size_t offset, size_t length);
/* Tags the dirty folios of [start, end] TOWRITE (WB_SYNC_ALL: no livelock on new ones). */
void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start, pgoff_t end);

/*
 * read_cache_folio - the folio at index, read (with filler, or ->read_folio) if not up
 * to date. Return: the folio with a reference, or ERR_PTR(-EIO ...). Context: may sleep.
 */
struct folio *read_cache_folio(struct address_space *mapping, pgoff_t index,
			       int (*filler)(struct file *, struct folio *), struct file *file);
struct page *read_cache_page(struct address_space *mapping, pgoff_t index,
			     int (*filler)(struct file *, struct folio *), struct file *file);

static inline struct folio *read_mapping_folio(struct address_space *mapping,
					       pgoff_t index, struct file *file)
{
	return read_cache_folio(mapping, index, NULL, file);
}

static inline struct page *read_mapping_page(struct address_space *mapping, pgoff_t index,
					     struct file *file)
{
	return read_cache_page(mapping, index, NULL, file);
}

/* ---- read-ahead (mm/readahead.c) ---- */

/*
 * What a ->readahead is asked to read: the locked folios [_index, _index + _nr_pages) are
 * in the cache; readahead_folio hands them out one at a time (the reference dropped).
 */
struct readahead_control {
	struct file *file;
	struct address_space *mapping;
	struct file_ra_state *ra;
	pgoff_t _index;
	unsigned int _nr_pages;
	unsigned int _batch_count;
};

#define DEFINE_READAHEAD(ractl, f, r, m, i)				\
	struct readahead_control ractl = {				\
		.file = f, .mapping = m, .ra = r, ._index = i,		\
	}

static inline loff_t readahead_pos(struct readahead_control *rac)
{
	return (loff_t)rac->_index * PAGE_SIZE;
}

static inline size_t readahead_length(struct readahead_control *rac)
{
	return (size_t)rac->_nr_pages * PAGE_SIZE;
}

static inline pgoff_t readahead_index(struct readahead_control *rac)
{
	return rac->_index;
}

static inline unsigned int readahead_count(struct readahead_control *rac)
{
	return rac->_nr_pages;
}

/* The next folio to read (locked; the caller unlocks it when read), or NULL. */
struct folio *readahead_folio(struct readahead_control *ractl);

static inline struct page *readahead_page(struct readahead_control *ractl)
{
	struct folio *folio = readahead_folio(ractl);

	if (folio)
		folio_get(folio);	/* Linux's readahead_page leaves the caller a reference */
	return folio ? &folio->page : NULL;
}

/* Reads nr_to_read pages from ractl's index, ignoring any window (Linux's). */
void page_cache_ra_unbounded(struct readahead_control *ractl, unsigned long nr_to_read,
			     unsigned long lookahead_count);
/* A read missed the cache at index: start a window (or grow the sequential one). */
void page_cache_sync_ra(struct readahead_control *ractl, unsigned long req_count);
/* A read reached a PG_readahead folio: start the next window before it is needed. */
void page_cache_async_ra(struct readahead_control *ractl, struct folio *folio,
			 unsigned long req_count);
/* Reads [index, index + nr_to_read) with no window (fadvise WILLNEED, block devices). */
void force_page_cache_ra(struct readahead_control *ractl, unsigned long nr_to_read);

static inline void page_cache_sync_readahead(struct address_space *mapping,
					     struct file_ra_state *ra, struct file *file,
					     pgoff_t index, unsigned long req_count)
{
	DEFINE_READAHEAD(ractl, file, ra, mapping, index);

	page_cache_sync_ra(&ractl, req_count);
}

static inline void page_cache_async_readahead(struct address_space *mapping,
					      struct file_ra_state *ra, struct file *file,
					      struct folio *folio, pgoff_t index,
					      unsigned long req_count)
{
	DEFINE_READAHEAD(ractl, file, ra, mapping, index);

	page_cache_async_ra(&ractl, folio, req_count);
}

/* ---- writing back and waiting (mm/filemap.c) ---- */

int filemap_write_and_wait_range(struct address_space *mapping, loff_t lstart, loff_t lend);
static inline int filemap_write_and_wait(struct address_space *mapping)
{
	return filemap_write_and_wait_range(mapping, 0, LLONG_MAX);
}
int filemap_fdatawrite(struct address_space *mapping);
int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end);
/* Starts writeback of the dirty pages without waiting for them (WB_SYNC_NONE). */
int filemap_flush(struct address_space *mapping);
int filemap_fdatawait_range(struct address_space *mapping, loff_t start_byte,
			    loff_t end_byte);
/* Waits without clearing the recorded errors (sync(2) leaves them for fsync). */
void filemap_fdatawait_keep_errors(struct address_space *mapping);
static inline int filemap_fdatawait(struct address_space *mapping)
{
	return filemap_fdatawait_range(mapping, 0, LLONG_MAX);
}
/* Writes pages of [start, end] with wbc's sync_mode (the common part of the above). */
int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end,
			       int sync_mode);
/* Whether any page of [start_byte, end_byte] is in the cache. */
bool filemap_range_has_page(struct address_space *mapping, loff_t start_byte,
			    loff_t end_byte);

#endif
