/*
 * Taking folios out of the page cache (Linux 6.1's mm/truncate.c): truncation drops
 * every folio of a range, waiting for writeback and throwing dirty data away, after
 * telling the file system (->invalidate_folio, for its buffers); the partial folios at
 * the range's edges keep their other bytes and are zeroed inside it. Invalidation
 * (drop_caches, invalidate_mapping_pages) drops only what costs nothing to lose: clean,
 * unlocked, unmapped folios nobody else holds.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/rmap.h>
#include <linux/pagemap.h>
#include <linux/string.h>

/* Tells the file system that [offset, offset + length) of the locked folio is going. */
void folio_invalidate(struct folio *folio, size_t offset, size_t length)
{
	const struct address_space_operations *aops = folio->mapping->a_ops;

	if (aops->invalidate_folio)
		aops->invalidate_folio(folio, offset, length);
}

/* The whole locked folio goes: its buffers and its dirty state with it. */
static void truncate_cleanup_folio(struct folio *folio)
{
	if (folio_test_private(folio))
		folio_invalidate(folio, 0, folio_size(folio));
	folio_cancel_dirty(folio);
	folio_clear_mappedtodisk(folio);
}

/* Removes the locked folio from mapping unless it left already; -EIO if it had. */
static int truncate_inode_folio(struct address_space *mapping, struct folio *folio)
{
	if (folio->mapping != mapping)
		return -EIO;
	truncate_cleanup_folio(folio);
	filemap_remove_folio(folio);
	return 0;
}

/*
 * The folio that a truncation to [start, end] cuts through: zero the bytes inside, let
 * the file system drop their buffers, and keep the rest. True when a whole folio was
 * inside after all and was removed.
 */
static bool truncate_inode_partial_folio(struct folio *folio, loff_t start, loff_t end)
{
	loff_t pos = folio_pos(folio);
	size_t offset = start > pos ? (size_t)(start - pos) : 0;
	size_t length = folio_size(folio);

	if (end - pos < (loff_t)length - 1)
		length = (size_t)(end - pos + 1);
	length -= offset;
	folio_wait_writeback(folio);
	if (length == folio_size(folio)) {
		truncate_inode_folio(folio->mapping, folio);
		return true;
	}
	if (folio_test_uptodate(folio))
		memset((char *)folio_address(folio) + offset, 0, length);
	if (folio_test_private(folio))
		folio_invalidate(folio, offset, length);
	return false;
}

/*
 * truncate_inode_pages_range - drop the page cache of bytes [lstart, lend]
 * Whole folios are removed (dirty data is lost), folios cut by lstart or lend are zeroed
 * in the range. Context: may sleep; the caller stops new folios appearing (i_rwsem,
 * invalidate_lock) and has unmapped the range.
 */
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend)
{
	pgoff_t index = (pgoff_t)(lstart >> PAGE_SHIFT);
	pgoff_t end = (pgoff_t)(lend >> PAGE_SHIFT);
	struct folio_batch fbatch;

	if (!mapping->nrpages || lend < lstart)
		return;
	folio_batch_init(&fbatch);
	while (index <= end && filemap_get_folios(mapping, &index, end, &fbatch)) {
		for (unsigned int i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];

			folio_lock(folio);
			if (folio->mapping != mapping) {
				folio_unlock(folio);
				continue;
			}
			if (folio_pos(folio) < lstart ||
			    folio_pos(folio) + (loff_t)folio_size(folio) - 1 > lend)
				truncate_inode_partial_folio(folio, lstart, lend);
			else {
				folio_wait_writeback(folio);
				truncate_inode_folio(mapping, folio);
			}
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
	}
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	truncate_inode_pages_range(mapping, lstart, LLONG_MAX);
}

void truncate_inode_pages_final(struct address_space *mapping)
{
	truncate_inode_pages(mapping, 0);
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

/* Drops [lstart, lend] of the cache, unmapping whole pages of it first (hole punching). */
void truncate_pagecache_range(struct inode *inode, loff_t lstart, loff_t lend)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t unmap_start = round_up(lstart, (loff_t)PAGE_SIZE);
	loff_t unmap_end = round_down(1 + lend, (loff_t)PAGE_SIZE) - 1;

	if (unmap_end > unmap_start)
		unmap_mapping_range(mapping, unmap_start, 1 + unmap_end - unmap_start);
	truncate_inode_pages_range(mapping, lstart, lend);
}

/* Whether the locked folio can go from the cache without loss (buffers released). */
static bool folio_droppable(struct address_space *mapping, struct folio *folio)
{
	if (folio->mapping != mapping || folio_test_dirty(folio) ||
	    folio_test_writeback(folio) || page_mapped(&folio->page))
		return false;
	if (folio_test_private(folio) && !filemap_release_folio(folio, 0))
		return false;
	/* The cache's reference and the batch's: anyone else may be using it. */
	return folio_ref_count(folio) <= 2;
}

unsigned long invalidate_mapping_pages(struct address_space *mapping, pgoff_t start,
				       pgoff_t end)
{
	struct folio_batch fbatch;
	unsigned long count = 0;
	pgoff_t index = start;

	folio_batch_init(&fbatch);
	while (index <= end && filemap_get_folios(mapping, &index, end, &fbatch)) {
		for (unsigned int i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];

			if (!folio_trylock(folio))
				continue;
			if (folio_droppable(mapping, folio)) {
				filemap_remove_folio(folio);
				count++;
			}
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
	}
	return count;
}

/*
 * invalidate_inode_pages2_range - drop [start, end] of the cache, mapped pages included
 * Return: 0, or -EBUSY when a folio could not go (dirty, or its buffers busy).
 */
int invalidate_inode_pages2_range(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	struct folio_batch fbatch;
	pgoff_t index = start;
	int ret = 0;

	if (!mapping->nrpages)
		return 0;
	unmap_mapping_range(mapping, (loff_t)start << PAGE_SHIFT,
			    end == ULONG_MAX ? 0 : (loff_t)(end - start + 1) << PAGE_SHIFT);
	folio_batch_init(&fbatch);
	while (index <= end && filemap_get_folios(mapping, &index, end, &fbatch)) {
		for (unsigned int i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];

			folio_lock(folio);
			folio_wait_writeback(folio);
			if (folio->mapping == mapping) {
				if (folio_droppable(mapping, folio))
					filemap_remove_folio(folio);
				else
					ret = -EBUSY;
			}
			folio_unlock(folio);
		}
		folio_batch_release(&fbatch);
	}
	return ret;
}

int invalidate_inode_pages2(struct address_space *mapping)
{
	return invalidate_inode_pages2_range(mapping, 0, ULONG_MAX);
}
