/*
 * Read-ahead (Linux 6.1's mm/readahead.c): a read that misses the page cache reads a
 * window of pages beyond it, so that sequential readers find their next pages cached
 * and the disk sees large requests. Each open file keeps its window in file->f_ra;
 * the page async_size before the window's end is marked PG_readahead, and a reader
 * reaching it starts the next window (page_cache_async_ra) while the current one is
 * still being consumed. A sequential reader's window doubles (quadruples while small)
 * up to ra_pages; a random read gets only what it asked for.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/backing-dev.h>
#include <linux/log2.h>

void file_ra_state_init(struct file_ra_state *ra, struct address_space *mapping)
{
	ra->ra_pages = (unsigned int)inode_to_bdi(mapping->host)->ra_pages;
	ra->prev_pos = -1;
}

struct folio *readahead_folio(struct readahead_control *ractl)
{
	struct folio *folio;

	if (!ractl->_nr_pages)
		return NULL;
	folio = filemap_get_folio(ractl->mapping, ractl->_index);
	BUG_ON(!folio);	/* locked in the cache since page_cache_ra_unbounded added it */
	ractl->_index++;
	ractl->_nr_pages--;
	/* The cache's reference keeps it; readahead_folio hands it out without one. */
	folio_put(folio);
	return folio;
}

/* Hands the batch [ractl->_index, + _nr_pages) to the file system and unlocks leftovers. */
static void read_pages(struct readahead_control *rac)
{
	const struct address_space_operations *aops = rac->mapping->a_ops;
	struct folio *folio;

	if (!readahead_count(rac))
		return;
	if (aops->readahead) {
		aops->readahead(rac);
		/* Folios it did not take are unlocked, left not up to date, for a later read. */
		while ((folio = readahead_folio(rac)))
			folio_unlock(folio);
	} else {
		while ((folio = readahead_folio(rac)))
			aops->read_folio(rac->file, folio);
	}
}

void page_cache_ra_unbounded(struct readahead_control *ractl, unsigned long nr_to_read,
			     unsigned long lookahead_size)
{
	struct address_space *mapping = ractl->mapping;
	pgoff_t index = readahead_index(ractl);
	gfp_t gfp = mapping_gfp_mask(mapping) | __GFP_NORETRY | __GFP_NOWARN;
	unsigned long i;

	for (i = 0; i < nr_to_read; i++) {
		struct folio *folio = filemap_get_folio(mapping, index + i);
		struct page *page;

		if (folio) {
			/* Already cached: read what was gathered so far, skip it. */
			folio_put(folio);
			read_pages(ractl);
			ractl->_index++;
			continue;
		}
		page = alloc_page(gfp);
		if (!page)
			break;
		folio = page_folio(page);
		if (filemap_add_folio(mapping, folio, index + i, gfp) < 0) {
			folio_put(folio);
			read_pages(ractl);
			ractl->_index++;
			continue;
		}
		folio_put(folio);	/* the cache's reference holds it now */
		if (i == nr_to_read - lookahead_size)
			folio_set_readahead(folio);
		ractl->_nr_pages++;
	}
	read_pages(ractl);
}

/* Reads the window, clipped to the file's size; the mark placed lookahead from its end. */
static void do_page_cache_ra(struct readahead_control *ractl, unsigned long nr_to_read,
			     unsigned long lookahead_size)
{
	struct inode *inode = ractl->mapping->host;
	pgoff_t index = readahead_index(ractl);
	loff_t isize = i_size_read(inode);
	pgoff_t end_index;

	if (isize == 0)
		return;
	end_index = (pgoff_t)((isize - 1) >> PAGE_SHIFT);
	if (index > end_index)
		return;
	if (nr_to_read > end_index - index)
		nr_to_read = end_index - index + 1;
	if (lookahead_size >= nr_to_read)
		lookahead_size = 0;
	page_cache_ra_unbounded(ractl, nr_to_read, lookahead_size);
}

void force_page_cache_ra(struct readahead_control *ractl, unsigned long nr_to_read)
{
	struct backing_dev_info *bdi = inode_to_bdi(ractl->mapping->host);
	unsigned long max_pages = max(bdi->io_pages, (unsigned long)ractl->ra->ra_pages);
	pgoff_t index = readahead_index(ractl);

	while (nr_to_read) {
		unsigned long this_chunk = min(nr_to_read, max_pages);

		ractl->_index = index;
		do_page_cache_ra(ractl, this_chunk, 0);
		index += this_chunk;
		nr_to_read -= this_chunk;
	}
}

/* The first window of a read of size pages: 4 or 2 times it, up to max. */
static unsigned long get_init_ra_size(unsigned long size, unsigned long max)
{
	unsigned long newsize = roundup_pow_of_two(size);

	if (newsize <= max / 32)
		newsize = newsize * 4;
	else if (newsize <= max / 4)
		newsize = newsize * 2;
	else
		newsize = max;
	return newsize;
}

/* The window after one of cur pages: 4 times while small, then twice, up to max. */
static unsigned long get_next_ra_size(struct file_ra_state *ra, unsigned long max)
{
	unsigned long cur = ra->size;

	if (cur < max / 16)
		return 4 * cur;
	if (cur <= max / 2)
		return 2 * cur;
	return max;
}

/*
 * Linux's ondemand_readahead: a read of req_size pages at index, hit_readahead when it
 * reached a PG_readahead folio. Sequential (the window's mark, or the page after the
 * last read): the next window, larger; otherwise a fresh one sized from the request.
 */
static void ondemand_readahead(struct readahead_control *ractl, bool hit_readahead,
			       unsigned long req_size)
{
	struct file_ra_state *ra = ractl->ra;
	unsigned long max_pages = ra->ra_pages;
	pgoff_t index = readahead_index(ractl);
	pgoff_t prev_index = (pgoff_t)(ra->prev_pos >> PAGE_SHIFT);

	if (req_size > max_pages)
		max_pages = req_size;
	/* Start of the file, or the expected place: the mark of the current window. */
	if (!index)
		goto initial_readahead;
	if ((index == (ra->start + ra->size - ra->async_size) || index == ra->start + ra->size)) {
		ra->start += ra->size;
		ra->size = (unsigned int)get_next_ra_size(ra, max_pages);
		ra->async_size = ra->size;
		goto readit;
	}
	if (hit_readahead) {
		/* A mark of some other window (interleaved readers): continue after it. */
		ra->start = index;
		ra->size = (unsigned int)req_size;
		ra->size = (unsigned int)get_next_ra_size(ra, max_pages);
		ra->async_size = ra->size;
		goto readit;
	}
	/* A large read, or a miss right after the last read: a new sequential window. */
	if (req_size > max_pages || index - prev_index <= 1)
		goto initial_readahead;
	/* Not sequential: a random read reads only what it wants. */
	do_page_cache_ra(ractl, req_size, 0);
	return;
initial_readahead:
	ra->start = index;
	ra->size = (unsigned int)get_init_ra_size(req_size, max_pages);
	ra->async_size = ra->size > req_size ? ra->size - (unsigned int)req_size : ra->size;
readit:
	ractl->_index = ra->start;
	do_page_cache_ra(ractl, ra->size, ra->async_size);
}

void page_cache_sync_ra(struct readahead_control *ractl, unsigned long req_count)
{
	struct file_ra_state *ra = ractl->ra;

	/* No window (a device with none, or fadvise random): just what was asked. */
	if (!ra || !ra->ra_pages) {
		do_page_cache_ra(ractl, req_count, 0);
		return;
	}
	ondemand_readahead(ractl, false, req_count);
}

void page_cache_async_ra(struct readahead_control *ractl, struct folio *folio,
			 unsigned long req_count)
{
	if (!ractl->ra || !ractl->ra->ra_pages)
		return;
	if (!folio_test_clear_readahead(folio))
		return;
	ondemand_readahead(ractl, true, req_count);
}
