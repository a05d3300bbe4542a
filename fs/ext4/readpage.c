/*
 * ext4's reads of file pages (Linux 6.1's fs/ext4/readpage.c): ext4_mpage_readpages maps
 * a readahead batch's blocks with ext4_map_blocks once per extent run and puts
 * successive pages whose blocks follow on disk into one bio, so a sequential read
 * reaches the disk as a few large requests. Holes (and unwritten extents) are zeroed
 * without I/O; a page that is partly hole then data, whose blocks are not contiguous,
 * or that already has buffers is read through its buffers (block_read_full_folio).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include "ext4.h"

/*
 * One call's reading state: the bio being filled, the disk block it ends at, and the
 * last mapping, reused while the next pages' blocks lie inside it.
 */
struct ext4_mpage_read {
	struct inode *inode;
	struct bio *bio;
	sector_t last_block_in_bio;
	struct ext4_map_blocks map;
	blk_opf_t opf;
};

/* A read bio's end: each page is up to date unless the I/O failed, and unlocked. */
static void mpage_end_io(struct bio *bio)
{
	struct bvec_iter_all iter;
	struct bio_vec *bvec;

	bio_for_each_segment_all(bvec, bio, iter) {
		struct page *page = bvec->bv_page;

		if (!bio->bi_status) {
			SetPageUptodate(page);
		} else {
			ClearPageUptodate(page);
			SetPageError(page);
		}
		unlock_page(page);
	}
	bio_put(bio);
}

static void ext4_mpage_submit(struct ext4_mpage_read *rd)
{
	if (rd->bio)
		submit_bio(rd->bio);
	rd->bio = NULL;
}

/*
 * The disk blocks of page's blocks in blocks[], up to *first_hole (the first block
 * not mapped, or blocks_per_page), looking blocks up to nr_pages pages ahead at once:
 * 0, 1 when the page must be read block by block, or -errno.
 */
static int ext4_mpage_map_page(struct ext4_mpage_read *rd, struct page *page,
			       unsigned int nr_pages, sector_t *blocks, unsigned int *first_hole)
{
	struct inode *inode = rd->inode;
	struct ext4_map_blocks *map = &rd->map;
	const unsigned int blkbits = inode->i_blkbits;
	const unsigned int blocks_per_page = PAGE_SIZE >> blkbits;
	sector_t block_in_file = (sector_t)page->index << (PAGE_SHIFT - blkbits);
	sector_t last_block = block_in_file + (sector_t)nr_pages * blocks_per_page;
	sector_t last_block_in_file = (sector_t)((i_size_read(inode) + (1 << blkbits) - 1) >>
						 blkbits);
	unsigned int page_block;

	last_block = min(last_block, last_block_in_file);
	*first_hole = blocks_per_page;
	for (page_block = 0; page_block < blocks_per_page; page_block++, block_in_file++) {
		sector_t pblk;

		/* A new lookup only when the last mapping does not cover the block. */
		if (!(map->m_flags & EXT4_MAP_MAPPED) || block_in_file < map->m_lblk ||
		    block_in_file >= map->m_lblk + map->m_len) {
			map->m_flags = 0;
			if (block_in_file < last_block) {
				map->m_lblk = (ext4_lblk_t)block_in_file;
				map->m_len = (unsigned int)(last_block - block_in_file);
				if (ext4_map_blocks(NULL, inode, map, 0) < 0)
					return -EIO;
			}
		}
		if (!(map->m_flags & EXT4_MAP_MAPPED)) {
			if (*first_hole == blocks_per_page)
				*first_hole = page_block;
			continue;
		}
		pblk = map->m_pblk + (block_in_file - map->m_lblk);
		/* Data after a hole, or blocks apart on disk: one bio cannot read it. */
		if (*first_hole != blocks_per_page || (page_block && blocks[page_block - 1] != pblk - 1))
			return 1;
		blocks[page_block] = pblk;
	}
	return 0;
}

/*
 * Adds page's first len bytes (its blocks from disk block `block`) to the bio: false
 * when no bio could be allocated.
 */
static bool ext4_mpage_add_page(struct ext4_mpage_read *rd, struct page *page,
				unsigned int nr_pages, sector_t block, unsigned int len)
{
	struct inode *inode = rd->inode;

	if (rd->bio && rd->last_block_in_bio != block - 1)
		ext4_mpage_submit(rd);
	for (;;) {
		if (!rd->bio) {
			rd->bio = bio_alloc(inode->i_sb->s_bdev,
					    (unsigned short)min_t(unsigned int, nr_pages, BIO_MAX_VECS),
					    REQ_OP_READ | rd->opf, GFP_KERNEL);
			if (!rd->bio)
				return false;
			rd->bio->bi_iter.bi_sector = block << (inode->i_blkbits - SECTOR_SHIFT);
			rd->bio->bi_end_io = mpage_end_io;
		}
		if (bio_add_page(rd->bio, page, len, 0) == (int)len)
			break;
		ext4_mpage_submit(rd);	/* full: this page starts the next one */
	}
	rd->last_block_in_bio = block + (len >> inode->i_blkbits) - 1;
	return true;
}

/* Reads one locked page of the batch (nr_pages left, this one included). */
static void ext4_mpage_readpage(struct ext4_mpage_read *rd, struct page *page,
				unsigned int nr_pages)
{
	const unsigned int blkbits = rd->inode->i_blkbits;
	sector_t blocks[PAGE_SIZE / 512];
	unsigned int first_hole = 0;
	int ret = 1;

	if (!page_has_buffers(page))
		ret = ext4_mpage_map_page(rd, page, nr_pages, blocks, &first_hole);
	if (ret < 0) {
		SetPageError(page);
		memset(page_address(page), 0, PAGE_SIZE);
		unlock_page(page);
		return;
	}
	if (ret > 0)
		goto confused;
	if (first_hole << blkbits < PAGE_SIZE) {
		memset((char *)page_address(page) + (first_hole << blkbits), 0,
		       PAGE_SIZE - (first_hole << blkbits));
		if (!first_hole) {
			SetPageUptodate(page);
			unlock_page(page);
			return;
		}
	}
	if (!ext4_mpage_add_page(rd, page, nr_pages, blocks[0], first_hole << blkbits))
		goto confused;
	/* The file's data stops inside this page: the next page is not contiguous. */
	if (first_hole << blkbits < PAGE_SIZE)
		ext4_mpage_submit(rd);
	return;
confused:
	ext4_mpage_submit(rd);
	block_read_full_folio(page_folio(page), ext4_get_block);
}

/*
 * Reads rac's batch, or the one locked page when rac is NULL (->read_folio). Each page
 * is unlocked when read (up to date, or PG_error after a failed I/O). Always 0.
 * Context: may sleep; the caller's plug gathers the bios.
 */
int ext4_mpage_readpages(struct inode *inode, struct readahead_control *rac, struct page *page)
{
	struct ext4_mpage_read rd = { .inode = inode, .opf = rac ? REQ_RAHEAD : 0 };
	unsigned int nr_pages = rac ? readahead_count(rac) : 1;

	for (; nr_pages; nr_pages--) {
		if (rac)
			page = &readahead_folio(rac)->page;
		ext4_mpage_readpage(&rd, page, nr_pages);
	}
	ext4_mpage_submit(&rd);
	return 0;
}
