/*
 * ext4's writes of file pages (Linux 6.1's fs/ext4/page-io.c): ext4_bio_write_page puts
 * a page's dirty, mapped blocks into the bio of an ext4_io_submit, which grows while
 * each next block follows the last on disk, so writeback of a file laid out in long
 * extents reaches the disk as large requests rather than a bio per block.
 *
 * A page's writeback ends when the last of its buffers marked async_write is written:
 * the flags are set on all of them before the first is submitted and cleared, from the
 * bios' completions, under the first buffer's b_uptodate_lock.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include "ext4.h"

/* A write bio's end: its buffers leave async_write; a page with none left ends writeback. */
static void ext4_end_bio(struct bio *bio)
{
	struct bvec_iter_all iter;
	struct bio_vec *bvec;

	bio_for_each_segment_all(bvec, bio, iter) {
		struct page *page = bvec->bv_page;
		struct buffer_head *bh, *head = page_buffers(page);
		unsigned int bio_start = bvec->bv_offset, bio_end = bio_start + bvec->bv_len;
		unsigned int under_io = 0;
		unsigned long flags;

		if (bio->bi_status) {
			SetPageError(page);
			mapping_set_error(page->mapping, -EIO);
		}
		bh = head;
		spin_lock_irqsave(&head->b_uptodate_lock, flags);
		do {
			if (bh_offset(bh) < bio_start || bh_offset(bh) + bh->b_size > bio_end) {
				under_io += buffer_async_write(bh);
				continue;
			}
			clear_buffer_async_write(bh);
			if (bio->bi_status)
				mark_buffer_write_io_error(bh);
		} while ((bh = bh->b_this_page) != head);
		spin_unlock_irqrestore(&head->b_uptodate_lock, flags);
		if (!under_io)
			end_page_writeback(page);
	}
	if (bio->bi_status)
		pr_err("EXT4-fs: write error %d at sector %llu\n",
		       blk_status_to_errno(bio->bi_status),
		       (unsigned long long)bio->bi_iter.bi_sector);
	bio_put(bio);
}

void ext4_io_submit_init(struct ext4_io_submit *io, struct writeback_control *wbc)
{
	io->io_wbc = wbc;
	io->io_bio = NULL;
	io->io_next_block = 0;
}

void ext4_io_submit(struct ext4_io_submit *io)
{
	struct bio *bio = io->io_bio;

	if (bio) {
		if (io->io_wbc->sync_mode == WB_SYNC_ALL)
			bio->bi_opf |= REQ_SYNC;
		submit_bio(bio);
	}
	io->io_bio = NULL;
}

/* A new bio starting at bh's block; false without memory. */
static bool io_submit_init_bio(struct ext4_io_submit *io, struct buffer_head *bh)
{
	struct bio *bio = bio_alloc(bh->b_bdev, BIO_MAX_VECS, REQ_OP_WRITE, GFP_NOIO);

	if (!bio)
		bio = bio_alloc(bh->b_bdev, 1, REQ_OP_WRITE, GFP_NOIO);
	if (!bio)
		return false;
	bio->bi_iter.bi_sector = bh->b_blocknr * (bh->b_size >> SECTOR_SHIFT);
	bio->bi_end_io = ext4_end_bio;
	io->io_bio = bio;
	io->io_next_block = bh->b_blocknr;
	return true;
}

/* Appends bh to io's bio, first submitting it if bh does not follow on disk. */
static bool io_submit_add_bh(struct ext4_io_submit *io, struct page *page,
			     struct buffer_head *bh)
{
	if (io->io_bio && bh->b_blocknr != io->io_next_block)
		ext4_io_submit(io);
	for (;;) {
		if (!io->io_bio && !io_submit_init_bio(io, bh))
			return false;
		if (bio_add_page(io->io_bio, page, (unsigned int)bh->b_size,
				 (unsigned int)bh_offset(bh)) == (int)bh->b_size)
			break;
		ext4_io_submit(io);	/* full */
	}
	io->io_next_block++;
	return true;
}

/*
 * bh found no bio: it stays dirty, for a later writeback. True when none of its page's
 * buffers is still under I/O, so that the caller ends the page's writeback.
 */
static bool ext4_bh_write_cancel(struct buffer_head *bh)
{
	struct buffer_head *tmp, *head = page_buffers(bh->b_page);
	unsigned long flags;
	bool busy = false;

	spin_lock_irqsave(&head->b_uptodate_lock, flags);
	clear_buffer_async_write(bh);
	set_buffer_dirty(bh);
	tmp = head;
	do {
		busy |= buffer_async_write(tmp);
	} while ((tmp = tmp->b_this_page) != head);
	spin_unlock_irqrestore(&head->b_uptodate_lock, flags);
	return !busy;
}

/* Marks the buffers of page's first len bytes to write: how many. */
static int ext4_bio_mark_buffers(struct ext4_io_submit *io, struct page *page, int len)
{
	struct buffer_head *bh, *head = page_buffers(page);
	int nr_to_submit = 0;

	bh = head;
	do {
		if (bh_offset(bh) >= (unsigned int)len) {
			clear_buffer_dirty(bh);
			set_buffer_uptodate(bh);
			continue;
		}
		if (!buffer_dirty(bh) || buffer_delay(bh) || !buffer_mapped(bh) ||
		    buffer_unwritten(bh)) {
			if (!buffer_mapped(bh))	/* a hole: nothing to write */
				clear_buffer_dirty(bh);
			/* A dirty buffer left behind (a commit's writeout): the page stays dirty. */
			if (buffer_dirty(bh) && !PageDirty(page))
				redirty_page_for_writepage(io->io_wbc, page);
			ext4_io_submit(io);
			continue;
		}
		clear_buffer_new(bh);
		set_buffer_async_write(bh);
		clear_buffer_dirty(bh);
		nr_to_submit++;
	} while ((bh = bh->b_this_page) != head);
	return nr_to_submit;
}

/*
 * Writes the locked page's dirty, mapped blocks among its first len bytes (the rest is
 * zeroed: it lies past i_size) through io, which the caller submits at the end. The
 * page is under writeback and unlocked on return. 0, or -ENOMEM (blocks left dirty).
 */
int ext4_bio_write_page(struct ext4_io_submit *io, struct page *page, int len,
			bool keep_towrite)
{
	struct buffer_head *bh, *head;
	int nr_submitted = 0, ret = 0;
	bool done = false;

	BUG_ON(!PageLocked(page));
	BUG_ON(PageWriteback(page));
	if (keep_towrite)
		folio_start_writeback_keepwrite(page_folio(page));
	else
		set_page_writeback(page);
	ClearPageError(page);
	if (len < (int)PAGE_SIZE)
		memset((char *)page_address(page) + len, 0, PAGE_SIZE - len);
	if (!ext4_bio_mark_buffers(io, page, len))
		goto unlock;
	bh = head = page_buffers(page);
	do {
		if (!buffer_async_write(bh))
			continue;
		if (io_submit_add_bh(io, page, bh)) {
			nr_submitted++;
			continue;
		}
		ret = -ENOMEM;
		if (!PageDirty(page))
			redirty_page_for_writepage(io->io_wbc, page);
		done = ext4_bh_write_cancel(bh);
	} while ((bh = bh->b_this_page) != head);
unlock:
	unlock_page(page);
	if (!nr_submitted || done)
		end_page_writeback(page);
	return ret;
}
