/*
 * The page cache (Linux 6.1's mm/filemap.c): each inode's folios in its address_space's
 * i_pages (an xarray by page index, marked PAGECACHE_TAG_DIRTY / _WRITEBACK /
 * _TOWRITE). A folio in the cache holds one reference for the cache and has
 * folio->mapping and folio->index set; it enters locked and not up to date, and the
 * file system's ->read_folio (or ->readahead) fills it and unlocks it when the I/O ends.
 *
 * The folio lock (PG_locked) is held across I/O and while the cache changes around a
 * folio (truncation, buffers attached); PG_writeback while it is being written. Both
 * are waited for on the hashed bit queues (linux/wait_bit.h). Readers find up-to-date
 * folios without the lock.
 *
 * filemap_read copies from the cache to an iov_iter, starting read-ahead
 * (mm/readahead.c) on a miss and on a PG_readahead folio; generic_perform_write copies
 * into the cache between the file system's ->write_begin and ->write_end. A mapping of
 * the file (generic_file_mmap) maps the same folios: filemap_fault finds or reads the
 * faulting one, filemap_map_pages maps those already up to date around it. The write
 * and wait helpers (filemap_write_and_wait_range ...) are what fsync uses.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/string.h>
#include <linux/pagemap.h>
#include <linux/shmem_fs.h>
#include <linux/wait_bit.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/sched/signal.h>
#include <linux/swap.h>
#include <asm/pgtable.h>

/* ---- the folio lock and the writeback bit ---------------------------------------- */

void __folio_lock(struct folio *folio)
{
	out_of_line_wait_on_bit_lock(&folio->flags, PG_locked, TASK_UNINTERRUPTIBLE);
}

int __folio_lock_killable(struct folio *folio)
{
	return out_of_line_wait_on_bit_lock(&folio->flags, PG_locked, TASK_KILLABLE);
}

void folio_wake_bit(struct folio *folio, int bit_nr)
{
	wake_up_bit(&folio->flags, bit_nr);
}

void folio_unlock(struct folio *folio)
{
	VM_BUG_ON_PAGE(!folio_test_locked(folio), &folio->page);
	clear_and_wake_up_bit(PG_locked, &folio->flags);
}

void folio_wait_locked(struct folio *folio)
{
	wait_on_bit(&folio->flags, PG_locked, TASK_UNINTERRUPTIBLE);
}

int folio_wait_locked_killable(struct folio *folio)
{
	return wait_on_bit(&folio->flags, PG_locked, TASK_KILLABLE);
}

/* A new writeback can start once the lock is retaken, hence the loop (Linux's). */
void folio_wait_writeback(struct folio *folio)
{
	while (folio_test_writeback(folio))
		wait_on_bit(&folio->flags, PG_writeback, TASK_UNINTERRUPTIBLE);
}

int folio_wait_writeback_killable(struct folio *folio)
{
	while (folio_test_writeback(folio))
		if (wait_on_bit(&folio->flags, PG_writeback, TASK_KILLABLE))
			return -EINTR;
	return 0;
}

/* Every device here may checksum or copy a page while writing it: keep it stable. */
void folio_wait_stable(struct folio *folio)
{
	folio_wait_writeback(folio);
}

/* ---- adding, finding, removing ------------------------------------------------------- */

int filemap_add_folio(struct address_space *mapping, struct folio *folio, pgoff_t index,
		      gfp_t gfp)
{
	int err;

	__folio_set_locked(folio);
	/*
	 * tmpfs's pages come here from the generic paths too (ramfs's write_begin, a read
	 * of a hole): all of them are swap-backed, Shmem in meminfo, as the ones Linux's
	 * shmem_alloc_folio makes.
	 */
	if (mapping->a_ops == &shmem_aops)
		__folio_set_swapbacked(folio);
	folio->mapping = mapping;
	folio->index = index;
	folio_get(folio);	/* the cache's */
	err = xa_insert(&mapping->i_pages, index, folio, gfp);
	if (err) {
		folio->mapping = NULL;
		__folio_clear_locked(folio);
		folio_put(folio);
		return err == -EBUSY ? -EEXIST : err;
	}
	xa_lock_irq(&mapping->i_pages);
	mapping->nrpages++;
	xa_unlock_irq(&mapping->i_pages);
	/* /proc/meminfo's Cached, and Shmem for shmem's pages (Linux's shmem_add_to_page_cache). */
	mod_node_page_state(folio_pgdat(folio), NR_FILE_PAGES, 1);
	if (folio_test_swapbacked(folio))
		mod_node_page_state(folio_pgdat(folio), NR_SHMEM, 1);
	/* Onto the LRU, where reclaim finds it (filemap_add_folio); ramfs's go unevictable. */
	folio_add_lru(folio);
	return 0;
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping, pgoff_t index,
			  gfp_t gfp)
{
	return filemap_add_folio(mapping, page_folio(page), index, gfp);
}

/* The folio at index with a reference, or NULL. */
static struct folio *filemap_get_entry(struct address_space *mapping, pgoff_t index)
{
	struct folio *folio;

	xa_lock_irq(&mapping->i_pages);
	folio = __xa_load(&mapping->i_pages, index);
	if (folio)
		folio_get(folio);
	xa_unlock_irq(&mapping->i_pages);
	return folio;
}

/* A new zeroed folio added at index, locked; NULL on -ENOMEM, ERR_PTR(-EEXIST) on a race. */
static struct folio *filemap_alloc_add(struct address_space *mapping, pgoff_t index, gfp_t gfp)
{
	struct page *page = alloc_page(gfp | __GFP_ZERO);
	struct folio *folio;
	int err;

	if (!page)
		return NULL;
	folio = page_folio(page);
	err = filemap_add_folio(mapping, folio, index, gfp);
	folio_put(folio);	/* the cache's reference stays; ours comes below */
	if (err)
		return err == -EEXIST ? ERR_PTR(-EEXIST) : NULL;
	folio_get(folio);
	return folio;
}

struct folio *__filemap_get_folio(struct address_space *mapping, pgoff_t index,
				  int fgp_flags, gfp_t gfp)
{
	struct folio *folio;

repeat:
	folio = filemap_get_entry(mapping, index);
	if (!folio)
		goto no_page;
	if (fgp_flags & FGP_LOCK) {
		if (fgp_flags & FGP_NOWAIT) {
			if (!folio_trylock(folio)) {
				folio_put(folio);
				return NULL;
			}
		} else {
			folio_lock(folio);
		}
		/* Truncated while we slept for the lock. */
		if (unlikely(folio->mapping != mapping)) {
			folio_unlock(folio);
			folio_put(folio);
			goto repeat;
		}
	}
	if (fgp_flags & FGP_ACCESSED)
		folio_set_referenced(folio);
	if ((fgp_flags & FGP_STABLE) && (fgp_flags & FGP_LOCK))
		folio_wait_stable(folio);
	return folio;

no_page:
	if (!(fgp_flags & FGP_CREAT))
		return NULL;
	if (fgp_flags & FGP_NOFS)
		gfp &= ~__GFP_FS;
	folio = filemap_alloc_add(mapping, index, gfp);
	if (IS_ERR(folio))
		goto repeat;
	if (folio && !(fgp_flags & FGP_LOCK))
		folio_unlock(folio);
	if (folio && (fgp_flags & FGP_ACCESSED))
		folio_set_referenced(folio);
	return folio;
}

struct page *grab_cache_page_write_begin(struct address_space *mapping, pgoff_t index)
{
	return pagecache_get_page(mapping, index, FGP_LOCK | FGP_WRITE | FGP_CREAT | FGP_STABLE,
				  mapping_gfp_mask(mapping));
}

/**
 * __filemap_remove_folio - take a folio out of its mapping's page cache
 * @folio: the folio, in the cache
 * @shadow: what to leave in its slot (NULL: nothing; we keep no workingset shadows)
 *
 * The cache's reference is the caller's to drop (or already frozen away by reclaim).
 * Context: the mapping's i_pages.xa_lock held, interrupts off.
 */
void __filemap_remove_folio(struct folio *folio, void *shadow)
{
	struct address_space *mapping = folio->mapping;
	long nr = folio_nr_pages(folio);

	__xa_erase(&mapping->i_pages, folio->index);
	mapping->nrpages -= nr;
	mod_node_page_state(folio_pgdat(folio), NR_FILE_PAGES, -nr);
	if (folio_test_swapbacked(folio))
		mod_node_page_state(folio_pgdat(folio), NR_SHMEM, -nr);
	/* Seen by finish_fault under the page_table_lock (page_still_cached). */
	WRITE_ONCE(folio->mapping, NULL);
}

void filemap_remove_folio(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	VM_BUG_ON_PAGE(!folio_test_locked(folio), &folio->page);
	/* Leaving unwritten (truncation): no longer counted as dirty. */
	folio_cancel_dirty(folio);
	xa_lock_irq(&mapping->i_pages);
	__filemap_remove_folio(folio, NULL);
	xa_unlock_irq(&mapping->i_pages);
	folio_put(folio);
}

void delete_from_page_cache(struct page *page)
{
	filemap_remove_folio(page_folio(page));
}

/*
 * Fills fbatch from [*start, end] (tag: only marked folios; XA_PRESENT: all) and moves
 * *start past the last one; past end (or to ULONG_MAX at the top) when none are left.
 */
static unsigned int find_get_folios(struct address_space *mapping, pgoff_t *start,
				    pgoff_t end, xa_mark_t tag, struct folio_batch *fbatch)
{
	unsigned long index = *start;
	bool done = false;

	xa_lock_irq(&mapping->i_pages);
	while (!done && folio_batch_space(fbatch)) {
		struct folio *folio = __xa_find_marked(&mapping->i_pages, &index, end, tag);

		if (!folio)
			break;
		folio_get(folio);
		folio_batch_add(fbatch, folio);
		done = index == end;
		index++;
	}
	xa_unlock_irq(&mapping->i_pages);
	if (done || folio_batch_space(fbatch))
		*start = end == ULONG_MAX ? ULONG_MAX : end + 1;
	else
		*start = index;
	return folio_batch_count(fbatch);
}

unsigned int filemap_get_folios(struct address_space *mapping, pgoff_t *start,
				pgoff_t end, struct folio_batch *fbatch)
{
	return find_get_folios(mapping, start, end, XA_PRESENT, fbatch);
}

unsigned int filemap_get_folios_tag(struct address_space *mapping, pgoff_t *start,
				    pgoff_t end, xa_mark_t tag, struct folio_batch *fbatch)
{
	return find_get_folios(mapping, start, end, tag, fbatch);
}

void folio_batch_release(struct folio_batch *fbatch)
{
	for (unsigned int i = 0; i < fbatch->nr; i++)
		folio_put(fbatch->folios[i]);
	folio_batch_init(fbatch);
}

bool filemap_range_has_page(struct address_space *mapping, loff_t start_byte,
			    loff_t end_byte)
{
	unsigned long index = (unsigned long)(start_byte >> PAGE_SHIFT);

	if (end_byte < start_byte)
		return false;
	return xa_find(&mapping->i_pages, &index, (unsigned long)(end_byte >> PAGE_SHIFT));
}

/*
 * filemap_release_folio - ask the file system to free the locked folio's private data
 * (->release_folio, or try_to_free_buffers for plain buffers). True when it has none left.
 */
bool filemap_release_folio(struct folio *folio, gfp_t gfp)
{
	struct address_space *mapping = folio->mapping;

	if (!folio_test_private(folio))
		return true;
	if (folio_test_writeback(folio))
		return false;
	if (mapping && mapping->a_ops->release_folio)
		return mapping->a_ops->release_folio(folio, gfp);
	return try_to_free_buffers(folio);
}

/* ---- reading ---------------------------------------------------------------------- */

/* Starts filler (or ->read_folio) on the locked folio and waits: 0 or -EIO. */
static int filemap_read_folio(struct file *file, int (*filler)(struct file *, struct folio *),
			      struct folio *folio)
{
	int error;

	folio_clear_error(folio);
	error = filler(file, folio);
	if (error)
		return error;
	error = folio_wait_locked_killable(folio);
	if (error)
		return error;
	if (folio_test_uptodate(folio))
		return 0;
	return -EIO;
}

struct folio *read_cache_folio(struct address_space *mapping, pgoff_t index,
			       int (*filler)(struct file *, struct folio *), struct file *file)
{
	struct folio *folio;
	int err;

	if (!filler)
		filler = mapping->a_ops->read_folio;
repeat:
	folio = __filemap_get_folio(mapping, index, FGP_CREAT, mapping_gfp_mask(mapping));
	if (!folio)
		return ERR_PTR(-ENOMEM);
	if (folio_test_uptodate(folio))
		return folio;
	folio_lock(folio);
	if (!folio->mapping) {
		folio_unlock(folio);
		folio_put(folio);
		goto repeat;
	}
	if (folio_test_uptodate(folio)) {
		folio_unlock(folio);
		return folio;
	}
	err = filemap_read_folio(file, filler, folio);
	if (err) {
		folio_put(folio);
		return ERR_PTR(err);
	}
	return folio;
}

struct page *read_cache_page(struct address_space *mapping, pgoff_t index,
			     int (*filler)(struct file *, struct folio *), struct file *file)
{
	struct folio *folio = read_cache_folio(mapping, index, filler, file);

	return IS_ERR(folio) ? ERR_CAST(folio) : &folio->page;
}

/*
 * Makes a folio that a read found not up to date so: 0 with it up to date, -EAGAIN when
 * it was truncated meanwhile (look it up again), or -EIO / -EINTR (folio put).
 */
static int filemap_update_page(struct file *filp, struct address_space *mapping,
			       struct folio *folio)
{
	int error = folio_lock_killable(folio);

	if (error)
		goto put;
	if (!folio->mapping) {
		folio_unlock(folio);
		error = -EAGAIN;
		goto put;
	}
	if (folio_test_uptodate(folio)) {
		folio_unlock(folio);
		return 0;
	}
	error = filemap_read_folio(filp, mapping->a_ops->read_folio, folio);
	if (!error)
		return 0;
put:
	folio_put(folio);
	return error;
}

/* A folio for a read that missed the cache and its read-ahead: made and read alone. */
static int filemap_create_folio(struct file *file, struct address_space *mapping,
				pgoff_t index, struct folio **foliop)
{
	struct folio *folio = filemap_alloc_add(mapping, index, mapping_gfp_mask(mapping));
	int error;

	if (!folio)
		return -ENOMEM;
	if (IS_ERR(folio))
		return -EAGAIN;
	error = filemap_read_folio(file, mapping->a_ops->read_folio, folio);
	if (error) {
		folio_put(folio);
		return error;
	}
	*foliop = folio;
	return 0;
}

/*
 * The up-to-date folio holding iocb->ki_pos, with a reference (Linux's filemap_get_pages
 * for one folio): read-ahead on a miss or at the PG_readahead mark, then a read of the
 * folio itself if it is still not up to date.
 */
static int filemap_get_pages(struct kiocb *iocb, size_t count, struct folio **foliop)
{
	struct file *filp = iocb->ki_filp;
	struct address_space *mapping = filp->f_mapping;
	struct file_ra_state *ra = &filp->f_ra;
	pgoff_t index = (pgoff_t)(iocb->ki_pos >> PAGE_SHIFT);
	pgoff_t last_index = (pgoff_t)DIV_ROUND_UP(iocb->ki_pos + (loff_t)count, PAGE_SIZE);
	struct folio *folio;
	int err;

retry:
	if (fatal_signal_pending(current))
		return -EINTR;
	folio = filemap_get_folio(mapping, index);
	if (!folio) {
		page_cache_sync_readahead(mapping, ra, filp, index, last_index - index);
		folio = filemap_get_folio(mapping, index);
	}
	if (!folio) {
		err = filemap_create_folio(filp, mapping, index, &folio);
		if (err == -EAGAIN)
			goto retry;
		if (err)
			return err;
		*foliop = folio;
		return 0;
	}
	if (folio_test_readahead(folio))
		page_cache_async_readahead(mapping, ra, filp, folio, index, last_index - index);
	if (!folio_test_uptodate(folio)) {
		err = filemap_update_page(filp, mapping, folio);
		if (err == -EAGAIN)
			goto retry;
		if (err)
			return err;
	}
	*foliop = folio;
	return 0;
}

/*
 * filemap_read - copy from the page cache, reading what is missing
 * Return: the bytes copied (already_read included), or -errno when none were.
 * Context: may sleep.
 */
ssize_t filemap_read(struct kiocb *iocb, struct iov_iter *iter, ssize_t already_read)
{
	struct file *filp = iocb->ki_filp;
	struct inode *inode = filp->f_mapping->host;
	ssize_t done = already_read;
	int error = 0;

	while (iov_iter_count(iter)) {
		loff_t isize = i_size_read(inode), pos = iocb->ki_pos;
		size_t offset = (size_t)(pos & ~PAGE_MASK), nr, copied;
		struct folio *folio = NULL;

		if (pos >= isize)
			break;
		error = filemap_get_pages(iocb, iov_iter_count(iter), &folio);
		if (error)
			break;
		/* The size may have shrunk while we read: copy only what is inside. */
		isize = i_size_read(inode);
		if (pos >= isize) {
			folio_put(folio);
			break;
		}
		nr = min3((size_t)(PAGE_SIZE - offset), (size_t)(isize - pos), iov_iter_count(iter));
		copied = copy_page_to_iter(&folio->page, offset, nr, iter);
		folio_set_referenced(folio);
		folio_put(folio);
		iocb->ki_pos += (loff_t)copied;
		done += (ssize_t)copied;
		filp->f_ra.prev_pos = iocb->ki_pos;
		if (copied < nr) {
			error = -EFAULT;
			break;
		}
	}
	return done ? done : error;
}

ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	if (!iov_iter_count(to))
		return 0;
	return filemap_read(iocb, to, 0);
}

/* ---- writing ---------------------------------------------------------------------- */

ssize_t generic_write_checks(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	loff_t limit = inode->i_sb->s_maxbytes ? inode->i_sb->s_maxbytes : MAX_LFS_FILESIZE;

	if (IS_SWAPFILE(inode))
		return -ETXTBSY;
	if (!iov_iter_count(from))
		return 0;
	if (iocb->ki_flags & IOCB_APPEND)
		iocb->ki_pos = i_size_read(inode);
	if (iocb->ki_pos >= limit)
		return -EFBIG;
	if (iocb->ki_pos + (loff_t)iov_iter_count(from) < iocb->ki_pos)
		return -EFBIG;
	if ((loff_t)iov_iter_count(from) > limit - iocb->ki_pos)
		from->count = (size_t)(limit - iocb->ki_pos);
	return (ssize_t)iov_iter_count(from);
}

/*
 * generic_perform_write - copy from i into the page cache at iocb->ki_pos
 * Each page goes through ->write_begin (locked, ready), the copy, and ->write_end (dirty,
 * i_size, unlocked); the dirtying is throttled by balance_dirty_pages_ratelimited.
 * Return: bytes written, or -errno when none were. Context: i_rwsem held.
 */
ssize_t generic_perform_write(struct kiocb *iocb, struct iov_iter *i)
{
	struct file *file = iocb->ki_filp;
	struct address_space *mapping = file->f_mapping;
	const struct address_space_operations *a_ops = mapping->a_ops;
	loff_t pos = iocb->ki_pos;
	ssize_t written = 0;
	long status = 0;

	do {
		size_t offset = (size_t)(pos & ~PAGE_MASK);
		size_t bytes = min((size_t)(PAGE_SIZE - offset), iov_iter_count(i));
		size_t copied;
		struct page *page;
		void *fsdata = NULL;

again:
		if (fatal_signal_pending(current)) {
			status = -EINTR;
			break;
		}
		status = a_ops->write_begin(file, mapping, pos, (unsigned int)bytes, &page,
					    &fsdata);
		if (unlikely(status < 0))
			break;
		copied = copy_page_from_iter(page, offset, bytes, i);
		status = a_ops->write_end(file, mapping, pos, (unsigned int)bytes,
					  (unsigned int)copied, page, fsdata);
		if (unlikely(status < 0))
			break;
		if (unlikely((size_t)status < copied))
			iov_iter_revert(i, copied - (size_t)status);
		if (unlikely(status == 0)) {
			/*
			 * A short copy (a fault on the user's buffer) that ->write_end refused
			 * whole: again with just what could be copied; nothing: -EFAULT.
			 */
			if (copied) {
				bytes = copied;
				goto again;
			}
			status = -EFAULT;
			break;
		}
		pos += status;
		written += status;
		balance_dirty_pages_ratelimited(mapping);
	} while (iov_iter_count(i));
	if (!written)
		return status;
	iocb->ki_pos += written;
	return written;
}

int file_remove_privs(struct file *file)
{
	struct inode *inode = file_inode(file);

	/* A write by anyone clears set-user-ID, and set-group-ID with group execute. */
	if (!(inode->i_mode & S_ISUID) &&
	    (inode->i_mode & (S_ISGID | S_IXGRP)) != (S_ISGID | S_IXGRP))
		return 0;
	inode->i_mode &= (umode_t)~S_ISUID;
	if (inode->i_mode & S_IXGRP)
		inode->i_mode &= (umode_t)~S_ISGID;
	mark_inode_dirty(inode);
	return 0;
}

int file_update_time(struct file *file)
{
	struct inode *inode = file_inode(file);
	struct timespec64 now = current_time(inode);

	if (inode->i_flags & S_NOCMTIME)
		return 0;
	if (inode->i_mtime.tv_sec == now.tv_sec && inode->i_mtime.tv_nsec == now.tv_nsec &&
	    inode->i_ctime.tv_sec == now.tv_sec && inode->i_ctime.tv_nsec == now.tv_nsec)
		return 0;
	inode->i_mtime = inode->i_ctime = now;
	mark_inode_dirty_sync(inode);
	return 0;
}

/* The write path with i_rwsem held: privileges dropped, times updated, the copy. */
ssize_t __generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	int err = file_remove_privs(file);

	if (err)
		return err;
	err = file_update_time(file);
	if (err)
		return err;
	return generic_perform_write(iocb, from);
}

ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	ssize_t ret;

	inode_lock(inode);
	ret = generic_write_checks(iocb, from);
	if (ret > 0)
		ret = __generic_file_write_iter(iocb, from);
	inode_unlock(inode);
	if (ret > 0)
		ret = generic_write_sync(iocb, ret);
	return ret;
}

/* ---- mappings of the file ------------------------------------------------------------ */

/* Pages of the file that hold data: a fault at or past this index is SIGBUS. */
static unsigned long max_fault_index(struct address_space *mapping)
{
	return (unsigned long)DIV_ROUND_UP(i_size_read(mapping->host), (loff_t)PAGE_SIZE);
}

/* Read-ahead around a fault that missed the cache (Linux's do_sync_mmap_readahead). */
static void do_sync_mmap_readahead(struct vm_fault *vmf)
{
	struct file *file = vmf->vma->vm_file;
	struct file_ra_state *ra = &file->f_ra;
	DEFINE_READAHEAD(ractl, file, ra, file->f_mapping, vmf->pgoff);

	if (!ra->ra_pages || (vmf->vma->vm_flags & VM_RAND_READ))
		return;
	if (vmf->vma->vm_flags & VM_SEQ_READ) {
		page_cache_sync_ra(&ractl, ra->ra_pages);
		return;
	}
	/* Around the fault: half before, half after, the last quarter read ahead. */
	ractl._index = vmf->pgoff > ra->ra_pages / 2 ? vmf->pgoff - ra->ra_pages / 2 : 0;
	ra->start = ractl._index;
	ra->size = ra->ra_pages;
	ra->async_size = ra->ra_pages / 4;
	page_cache_ra_unbounded(&ractl, ra->size, ra->async_size);
}

/*
 * The faulting page of the file, up to date, with a reference (not locked: finish_fault
 * maps it only if it is still cached, see page_still_cached). SIGBUS past the end of
 * the file and when it cannot be read.
 */
unsigned int filemap_fault(struct vm_fault *vmf)
{
	struct file *file = vmf->vma->vm_file;
	struct address_space *mapping = file->f_mapping;
	struct folio *folio;
	int err;

	if (vmf->pgoff >= max_fault_index(mapping))
		return VM_FAULT_SIGBUS;
retry:
	folio = filemap_get_folio(mapping, vmf->pgoff);
	if (!folio) {
		count_vm_event(PGMAJFAULT);
		do_sync_mmap_readahead(vmf);
		folio = filemap_get_folio(mapping, vmf->pgoff);
	}
	if (!folio) {
		err = filemap_create_folio(file, mapping, vmf->pgoff, &folio);
		if (err == -EAGAIN)
			goto retry;
		if (err)
			return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	} else if (folio_test_readahead(folio)) {
		page_cache_async_readahead(mapping, &file->f_ra, file, folio, vmf->pgoff,
					   file->f_ra.ra_pages);
	}
	if (!folio_test_uptodate(folio)) {
		err = filemap_update_page(file, mapping, folio);
		if (err == -EAGAIN)
			goto retry;
		if (err)
			return VM_FAULT_SIGBUS;
	}
	/* Truncated meanwhile: finish_fault would refuse the page anyway. */
	if (vmf->pgoff >= max_fault_index(mapping)) {
		folio_put(folio);
		return VM_FAULT_SIGBUS;
	}
	vmf->page = &folio->page;
	return 0;
}

/*
 * Fault-around: maps the up-to-date cached pages of [start_pgoff, end_pgoff] (inside the
 * faulting page table and the file's size) whose entries are empty. VM_FAULT_NOPAGE when
 * the faulting page itself got mapped.
 */
unsigned int filemap_map_pages(struct vm_fault *vmf, unsigned long start_pgoff,
			       unsigned long end_pgoff)
{
	struct vm_area_struct *vma = vmf->vma;
	struct address_space *mapping = vma->vm_file->f_mapping;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long max_idx = max_fault_index(mapping), index;
	unsigned int ret = 0;

	if (!max_idx)
		return 0;
	end_pgoff = min(end_pgoff, max_idx - 1);
	for (index = start_pgoff; index <= end_pgoff; index++) {
		long delta = (long)(index - vmf->pgoff);
		struct folio *folio = filemap_get_folio(mapping, index);
		bool mapped = false;

		if (!folio)
			continue;
		if (!folio_test_uptodate(folio) || folio_test_readahead(folio)) {
			folio_put(folio);
			continue;
		}
		spin_lock(&mm->page_table_lock);
		if (pte_none(READ_ONCE(vmf->pte[delta])) && page_still_cached(&folio->page)) {
			do_set_pte(vmf, &folio->page, vmf->pte + delta,
				   vmf->address + (unsigned long)(delta * (long)PAGE_SIZE));
			mapped = true;
		}
		spin_unlock(&mm->page_table_lock);
		if (!mapped)
			folio_put(folio);
		else if (index == vmf->pgoff)
			ret = VM_FAULT_NOPAGE;
	}
	return ret;
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault		= filemap_fault,
	.map_pages	= filemap_map_pages,
};

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file->f_mapping->a_ops->read_folio)
		return -ENOEXEC;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

int generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma)
{
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
		return -EINVAL;
	return generic_file_mmap(file, vma);
}

/* ---- writing back and waiting ------------------------------------------------------ */

int filemap_check_errors(struct address_space *mapping)
{
	int ret = 0;

	if (test_bit(AS_ENOSPC, &mapping->flags) &&
	    test_and_clear_bit(AS_ENOSPC, &mapping->flags))
		ret = -ENOSPC;
	if (test_bit(AS_EIO, &mapping->flags) && test_and_clear_bit(AS_EIO, &mapping->flags))
		ret = -EIO;
	return ret;
}

int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end,
			       int sync_mode)
{
	struct writeback_control wbc = {
		.sync_mode = sync_mode,
		.nr_to_write = LONG_MAX,
		.range_start = start,
		.range_end = end,
	};

	if (!mapping_can_writeback(mapping) || !mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		return 0;
	return do_writepages(mapping, &wbc);
}

int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end)
{
	return __filemap_fdatawrite_range(mapping, start, end, WB_SYNC_ALL);
}

int filemap_fdatawrite(struct address_space *mapping)
{
	return filemap_fdatawrite_range(mapping, 0, LLONG_MAX);
}

int filemap_flush(struct address_space *mapping)
{
	return __filemap_fdatawrite_range(mapping, 0, LLONG_MAX, WB_SYNC_NONE);
}

/* Waits for every folio of [start_byte, end_byte] under writeback. */
static void __filemap_fdatawait_range(struct address_space *mapping, loff_t start_byte,
				      loff_t end_byte)
{
	pgoff_t index = (pgoff_t)(start_byte >> PAGE_SHIFT);
	pgoff_t end = (pgoff_t)(end_byte >> PAGE_SHIFT);
	struct folio_batch fbatch;

	if (end_byte < start_byte)
		return;
	folio_batch_init(&fbatch);
	while (index <= end) {
		unsigned int nr = filemap_get_folios_tag(mapping, &index, end,
							 PAGECACHE_TAG_WRITEBACK, &fbatch);

		if (!nr)
			break;
		for (unsigned int i = 0; i < nr; i++)
			folio_wait_writeback(fbatch.folios[i]);
		folio_batch_release(&fbatch);
	}
}

int filemap_fdatawait_range(struct address_space *mapping, loff_t start_byte,
			    loff_t end_byte)
{
	__filemap_fdatawait_range(mapping, start_byte, end_byte);
	return filemap_check_errors(mapping);
}

void filemap_fdatawait_keep_errors(struct address_space *mapping)
{
	__filemap_fdatawait_range(mapping, 0, LLONG_MAX);
}

int filemap_write_and_wait_range(struct address_space *mapping, loff_t lstart, loff_t lend)
{
	int err = 0, err2;

	if (!mapping->nrpages)
		return filemap_check_errors(mapping);
	err = __filemap_fdatawrite_range(mapping, lstart, lend, WB_SYNC_ALL);
	/* A failed write still waits: the rest may be under way (Linux's -EIO rule). */
	if (err != -EIO)
		__filemap_fdatawait_range(mapping, lstart, lend);
	err2 = filemap_check_errors(mapping);
	return err ? err : err2;
}

int file_write_and_wait_range(struct file *file, loff_t lstart, loff_t lend)
{
	return filemap_write_and_wait_range(file->f_mapping, lstart, lend);
}
