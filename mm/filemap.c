/*
 * The page cache: each inode's pages in its address_space's i_pages (an xarray by page
 * index). Each page in the cache holds one reference for the cache and has
 * page->mapping and page->index set; readers take their own with find_get_page.
 * generic_file_read_iter and generic_file_write_iter copy between the cache and an
 * iov_iter (ramfs's whole read and write paths); a hole reads as zeroes. A mapping of
 * the file (generic_file_mmap) maps the same pages: filemap_fault finds or makes the
 * faulting one, filemap_map_pages maps those already cached around it. Truncation takes
 * the pages past the new size out of every mapping before dropping them.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <asm/pgtable.h>

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	spin_lock(&mapping->i_pages.xa_lock);
	page = __xa_load(&mapping->i_pages, index);
	if (page)
		get_page(page);
	spin_unlock(&mapping->i_pages.xa_lock);
	return page;
}

int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index,
		      gfp_t gfp)
{
	int err;

	page->mapping = mapping;
	page->index = index;
	get_page(page);		/* the cache's */
	err = xa_insert(&mapping->i_pages, index, page, gfp);
	if (err) {
		page->mapping = NULL;
		put_page(page);
		return err;
	}
	spin_lock(&mapping->i_pages.xa_lock);
	mapping->nrpages++;
	spin_unlock(&mapping->i_pages.xa_lock);
	/* /proc/meminfo's Cached (Linux's __filemap_add_folio); Shmem is not told apart yet. */
	mod_node_page_state(page_pgdat(page), NR_FILE_PAGES, 1);
	/* Onto the LRU, where reclaim finds it (filemap_add_folio); ramfs's go unevictable. */
	folio_add_lru(page_folio(page));
	return 0;
}

struct page *__find_or_create_page(struct address_space *mapping, unsigned long index,
				   gfp_t gfp, unsigned long page_flags)
{
	for (;;) {
		struct page *page = find_get_page(mapping, index);
		int err;

		if (page)
			return page;
		page = alloc_page(gfp | __GFP_ZERO);
		if (!page)
			return NULL;
		/* Before the page is visible: a mapping counts it by PG_swapbacked. */
		page->flags |= page_flags;
		err = add_to_page_cache(page, mapping, index, gfp);
		if (!err)
			return page;
		put_page(page);
		if (err != -EBUSY)
			return NULL;
	}
}

ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	struct address_space *mapping = iocb->ki_filp->f_mapping;
	ssize_t done = 0;

	while (iov_iter_count(to)) {
		loff_t size = i_size_read(inode), pos = iocb->ki_pos;
		size_t offset = (size_t)(pos & ~PAGE_MASK), nr, copied;
		struct page *page;

		if (pos >= size)
			break;
		nr = min3((size_t)(PAGE_SIZE - offset), (size_t)(size - pos), iov_iter_count(to));
		page = find_get_page(mapping, (unsigned long)(pos >> PAGE_SHIFT));
		if (page) {
			copied = copy_page_to_iter(page, offset, nr, to);
			put_page(page);
		} else {
			copied = iov_iter_zero(nr, to);
		}
		iocb->ki_pos += (loff_t)copied;
		done += (ssize_t)copied;
		if (copied < nr)
			return done ? done : -EFAULT;
	}
	return done;
}

/* One page's worth of a write at pos; returns the bytes copied or -errno. */
static ssize_t write_one_page(struct address_space *mapping, loff_t pos, struct iov_iter *from)
{
	size_t offset = (size_t)(pos & ~PAGE_MASK);
	size_t nr = min((size_t)(PAGE_SIZE - offset), iov_iter_count(from));
	struct page *page = find_or_create_page(mapping, (unsigned long)(pos >> PAGE_SHIFT),
						GFP_HIGHUSER_MOVABLE);
	size_t copied;

	if (!page)
		return -ENOMEM;
	copied = copy_page_from_iter(page, offset, nr, from);
	put_page(page);
	return copied ? (ssize_t)copied : -EFAULT;
}

ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	struct address_space *mapping = iocb->ki_filp->f_mapping;
	ssize_t done = 0, ret = 0;

	inode_lock(inode);
	if (iocb->ki_flags & IOCB_APPEND)
		iocb->ki_pos = i_size_read(inode);
	if (iocb->ki_pos + (loff_t)iov_iter_count(from) < iocb->ki_pos) {
		ret = -EFBIG;
		goto out;
	}
	while (iov_iter_count(from)) {
		ret = write_one_page(mapping, iocb->ki_pos, from);
		if (ret < 0)
			break;
		iocb->ki_pos += ret;
		done += ret;
		if (iocb->ki_pos > i_size_read(inode))
			i_size_write(inode, iocb->ki_pos);
	}
	if (done) {
		inode->i_mtime = inode->i_ctime = current_time(inode);
		inode->i_blocks = mapping->nrpages << (PAGE_SHIFT - 9);
	}
out:
	inode_unlock(inode);
	return done ? done : ret;
}

/**
 * __filemap_remove_folio - take a folio out of its mapping's page cache
 * @folio: the folio, in the cache
 * @shadow: what to leave in its slot (NULL: nothing; we keep no workingset shadows)
 *
 * The cache's reference is the caller's to drop (or already frozen away by reclaim).
 * Context: the mapping's i_pages.xa_lock held.
 */
void __filemap_remove_folio(struct folio *folio, void *shadow)
{
	struct address_space *mapping = folio->mapping;

	__xa_erase(&mapping->i_pages, folio->index);
	mapping->nrpages -= folio_nr_pages(folio);
	mod_node_page_state(page_pgdat(&folio->page), NR_FILE_PAGES,
			    -(long)folio_nr_pages(folio));
	/* Seen by finish_fault under the page_table_lock (page_still_cached). */
	WRITE_ONCE(folio->mapping, NULL);
}

/* Takes page out of mapping and drops the cache's reference. */
static void delete_from_page_cache(struct address_space *mapping, struct page *page)
{
	spin_lock(&mapping->i_pages.xa_lock);
	__filemap_remove_folio(page_folio(page), NULL);
	spin_unlock(&mapping->i_pages.xa_lock);
	put_page(page);
}

/**
 * filemap_release_folio - let a folio's file system free its private data
 * @folio: a locked page-cache folio with PG_private (buffer heads)
 * @gfp: what the file system may do to free it
 *
 * Return: true when the data is gone and the folio may leave the cache.
 */
bool filemap_release_folio(struct folio *folio, gfp_t gfp)
{
	struct address_space *mapping = folio->mapping;

	VM_BUG_ON_PAGE(!PageLocked(&folio->page), &folio->page);
	if (PageWriteback(&folio->page))
		return false;
	if (mapping && mapping->a_ops && mapping->a_ops->release_folio)
		return mapping->a_ops->release_folio(folio, gfp);
	return false;
}

/* Drops the pages wholly past lstart and zeroes the tail of the one it falls in. */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long start = (unsigned long)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned long index = start;
	struct page *page;

	if (lstart & ~PAGE_MASK) {
		page = find_get_page(mapping, (unsigned long)(lstart >> PAGE_SHIFT));
		if (page) {
			size_t off = (size_t)(lstart & ~PAGE_MASK);

			memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
			put_page(page);
		}
	}
	while ((page = xa_find(&mapping->i_pages, &index, ULONG_MAX))) {
		delete_from_page_cache(mapping, page);
		index++;
	}
	if (mapping->host)
		mapping->host->i_blocks = mapping->nrpages << (PAGE_SHIFT - 9);
}

/*
 * The second unmap catches an entry a fault installed between the first and the pages'
 * removal (it saw the page still cached); after that, no fault can map them.
 */
void truncate_pagecache(struct inode *inode, loff_t newsize)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t holebegin = round_up(newsize, (loff_t)PAGE_SIZE);

	unmap_mapping_range(mapping, holebegin, 0);
	truncate_inode_pages(mapping, newsize);
	unmap_mapping_range(mapping, holebegin, 0);
}

void truncate_setsize(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = i_size_read(inode);

	i_size_write(inode, newsize);
	if (newsize < oldsize)
		truncate_pagecache(inode, newsize);
}

/* ---- mappings of the file ------------------------------------------------------------ */

/* Pages of the file that hold data: a fault at or past this index is SIGBUS. */
static unsigned long max_fault_index(struct address_space *mapping)
{
	return (unsigned long)DIV_ROUND_UP(i_size_read(mapping->host), (loff_t)PAGE_SIZE);
}

/*
 * The faulting page of the file, with a reference: the cached one, or for a hole a zeroed
 * page added to the cache (a file system whose pages exist only in the cache reads a hole
 * as zeroes, as ramfs's simple_read_folio does). SIGBUS past the end of the file.
 */
unsigned int filemap_fault(struct vm_fault *vmf)
{
	struct address_space *mapping = vmf->vma->vm_file->f_mapping;
	struct page *page;

	if (vmf->pgoff >= max_fault_index(mapping))
		return VM_FAULT_SIGBUS;
	page = find_get_page(mapping, vmf->pgoff);
	if (!page) {
		page = find_or_create_page(mapping, vmf->pgoff, GFP_HIGHUSER_MOVABLE);
		if (!page)
			return VM_FAULT_OOM;
	}
	/* Truncated meanwhile: finish_fault would refuse the page anyway. */
	if (vmf->pgoff >= max_fault_index(mapping)) {
		put_page(page);
		return VM_FAULT_SIGBUS;
	}
	vmf->page = page;
	return 0;
}

/*
 * Fault-around: maps the cached pages of [start_pgoff, end_pgoff] (inside the faulting
 * page table and the file's size) whose entries are empty. VM_FAULT_NOPAGE when the
 * faulting page itself got mapped.
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
		struct page *page = find_get_page(mapping, index);
		bool mapped = false;

		if (!page)
			continue;
		spin_lock(&mm->page_table_lock);
		if (pte_none(READ_ONCE(vmf->pte[delta])) && page_still_cached(page)) {
			do_set_pte(vmf, page, vmf->pte + delta,
				   vmf->address + (unsigned long)(delta * (long)PAGE_SIZE));
			mapped = true;
		}
		spin_unlock(&mm->page_table_lock);
		if (!mapped)
			put_page(page);
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
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

/*
 * A page of a file system with no backing store (ramfs, shmem) is marked dirty so that
 * writes through mappings are visible in its state (Linux's noop_dirty_folio); true when
 * it was clean.
 */
bool set_page_dirty(struct page *page)
{
	if (PageDirty(page))
		return false;
	SetPageDirty(page);
	return true;
}
