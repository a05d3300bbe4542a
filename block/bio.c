/*
 * bios (Linux's block/bio.c): allocation with the bio_vec table inline, filling with
 * pages and folios, chaining and splitting, and the end of a bio (bio_endio), which may
 * come from an interrupt.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/completion.h>
#include <linux/bio.h>
#include <linux/blkdev.h>

void bio_init(struct bio *bio, struct block_device *bdev, struct bio_vec *table,
	      unsigned short max_vecs, blk_opf_t opf)
{
	*bio = (struct bio){ .bi_bdev = bdev, .bi_opf = opf, .bi_io_vec = table,
			     .bi_max_vecs = max_vecs, .__bi_remaining = 1, .__bi_cnt = 1 };
}

struct bio *bio_alloc(struct block_device *bdev, unsigned short nr_vecs, blk_opf_t opf,
		      gfp_t gfp_mask)
{
	struct bio *bio;

	if (WARN_ON_ONCE(nr_vecs > BIO_MAX_VECS))
		return NULL;
	bio = kmalloc(sizeof(*bio) + sizeof(struct bio_vec) * nr_vecs, gfp_mask);
	if (bio)
		bio_init(bio, bdev, bio->bi_inline_vecs, nr_vecs, opf);
	return bio;
}

void bio_put(struct bio *bio)
{
	if (__atomic_sub_fetch(&bio->__bi_cnt, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(bio);
}

/* Extends the last bio_vec when page + off continues it in physical memory. */
static bool bio_try_merge_page(struct bio *bio, struct page *page, unsigned int len,
			       unsigned int off)
{
	struct bio_vec *bv;

	if (!bio->bi_vcnt)
		return false;
	bv = &bio->bi_io_vec[bio->bi_vcnt - 1];
	if (page_to_phys(bv->bv_page) + bv->bv_offset + bv->bv_len != page_to_phys(page) + off)
		return false;
	bv->bv_len += len;
	bio->bi_iter.bi_size += len;
	return true;
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off)
{
	if (WARN_ON_ONCE(bio_flagged(bio, BIO_CLONED)))
		return 0;
	if (bio->bi_iter.bi_size > UINT_MAX - len)
		return 0;
	if (bio_try_merge_page(bio, page, len, off))
		return (int)len;
	if (bio->bi_vcnt >= bio->bi_max_vecs)
		return 0;
	bio->bi_io_vec[bio->bi_vcnt++] = (struct bio_vec){ .bv_page = page, .bv_len = len,
							   .bv_offset = off };
	bio->bi_iter.bi_size += len;
	return (int)len;
}

bool bio_add_folio(struct bio *bio, struct folio *folio, size_t len, size_t off)
{
	if (len > UINT_MAX || off > UINT_MAX)
		return false;
	return bio_add_page(bio, &folio->page, (unsigned int)len, (unsigned int)off) > 0;
}

/* Whether bio is done: its own end and every chained child's have come. */
static bool bio_remaining_done(struct bio *bio)
{
	if (!bio_flagged(bio, BIO_CHAIN))
		return true;
	if (__atomic_sub_fetch(&bio->__bi_remaining, 1, __ATOMIC_ACQ_REL) == 0) {
		bio_clear_flag(bio, BIO_CHAIN);
		return true;
	}
	return false;
}

static void bio_chain_endio(struct bio *bio)
{
	struct bio *parent = bio->bi_private;

	if (bio->bi_status && !parent->bi_status)
		parent->bi_status = bio->bi_status;
	bio_put(bio);
	bio_endio(parent);
}

void bio_chain(struct bio *bio, struct bio *parent)
{
	WARN_ON_ONCE(bio->bi_private || bio->bi_end_io);
	bio->bi_private = parent;
	bio->bi_end_io = bio_chain_endio;
	bio_set_flag(parent, BIO_CHAIN);
	__atomic_fetch_add(&parent->__bi_remaining, 1, __ATOMIC_RELAXED);
}

void bio_endio(struct bio *bio)
{
	if (!bio_remaining_done(bio))
		return;
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

struct bio *bio_split(struct bio *bio, int sectors, gfp_t gfp)
{
	struct bio *split;

	if (WARN_ON_ONCE(sectors <= 0 || (unsigned int)sectors >= bio_sectors(bio)))
		return NULL;
	split = bio_alloc(bio->bi_bdev, 0, bio->bi_opf, gfp);
	if (!split)
		return NULL;
	split->bi_io_vec = bio->bi_io_vec;
	split->bi_iter = bio->bi_iter;
	split->bi_iter.bi_size = (unsigned int)sectors << SECTOR_SHIFT;
	split->bi_flags = bio->bi_flags & (1U << BIO_REMAPPED);
	bio_set_flag(split, BIO_CLONED);
	bio_advance(bio, split->bi_iter.bi_size);
	return split;
}

static void submit_bio_wait_endio(struct bio *bio)
{
	complete(bio->bi_private);
}

int submit_bio_wait(struct bio *bio)
{
	DECLARE_COMPLETION_ONSTACK(done);

	bio->bi_private = &done;
	bio->bi_end_io = submit_bio_wait_endio;
	bio->bi_opf |= REQ_SYNC;
	submit_bio(bio);
	wait_for_completion(&done);
	return blk_status_to_errno(bio->bi_status);
}
