/*
 * bios (Linux's bio.h): allocating one, filling it with pages, submitting it and being
 * told of its end, and walking its segments. block/bio.c has the code.
 */
#ifndef _LINUX_BIO_H
#define _LINUX_BIO_H

#include <linux/blk_types.h>
#include <linux/gfp.h>
#include <linux/uio.h>

#define BIO_MAX_VECS	256U

static inline bool bio_flagged(const struct bio *bio, unsigned int bit)
{
	return bio->bi_flags & (1U << bit);
}

static inline void bio_set_flag(struct bio *bio, unsigned int bit)
{
	bio->bi_flags |= (unsigned short)(1U << bit);
}

static inline void bio_clear_flag(struct bio *bio, unsigned int bit)
{
	bio->bi_flags &= (unsigned short)~(1U << bit);
}

#define bio_iter_iovec(bio, iter)	bvec_iter_bvec((bio)->bi_io_vec, (iter))
#define bio_iter_page(bio, iter)	bvec_iter_page((bio)->bi_io_vec, (iter))
#define bio_iter_len(bio, iter)		bvec_iter_len((bio)->bi_io_vec, (iter))
#define bio_iter_offset(bio, iter)	bvec_iter_offset((bio)->bi_io_vec, (iter))

#define bio_sectors(bio)	((unsigned int)((bio)->bi_iter.bi_size >> 9))
#define bio_end_sector(bio)	((bio)->bi_iter.bi_sector + bio_sectors((bio)))
#define bio_data_dir(bio)	(op_is_write(bio_op(bio)) ? WRITE : READ)

/* Whether the bio moves data (a flush or a discard does not). */
static inline bool bio_has_data(const struct bio *bio)
{
	return bio && bio->bi_iter.bi_size && bio_op(bio) != REQ_OP_DISCARD;
}

static inline void bio_advance_iter(const struct bio *bio, struct bvec_iter *iter,
				    unsigned int bytes)
{
	iter->bi_sector += bytes >> 9;
	if (bio_op(bio) == REQ_OP_DISCARD || bio_op(bio) == REQ_OP_FLUSH)
		iter->bi_size -= bytes;
	else
		bvec_iter_advance(bio->bi_io_vec, iter, bytes);
}

/* Moves the bio's start bytes forward (what a split leaves to the rest). */
static inline void bio_advance(struct bio *bio, unsigned int bytes)
{
	bio_advance_iter(bio, &bio->bi_iter, bytes);
}

/* Each single-page segment from the bio's current position (bvl a struct bio_vec). */
#define __bio_for_each_segment(bvl, bio, iter, start)			\
	for (iter = (start);						\
	     (iter).bi_size && ((bvl = bio_iter_iovec((bio), (iter))), 1); \
	     bio_advance_iter((bio), &(iter), (bvl).bv_len))

#define bio_for_each_segment(bvl, bio, iter)				\
	__bio_for_each_segment(bvl, bio, iter, (bio)->bi_iter)

/* Each single-page segment of the whole table, for the bio's owner at completion. */
#define bio_for_each_segment_all(bvl, bio, iter)			\
	for (bvl = ((iter).idx = 0, (iter).done = 0, &(iter).bv);	\
	     (iter).idx < (bio)->bi_vcnt &&				\
	     (bvec_advance(&(bio)->bi_io_vec[(iter).idx], &(iter)), 1); )

static inline void bio_get(struct bio *bio)
{
	__atomic_fetch_add(&bio->__bi_cnt, 1, __ATOMIC_RELAXED);
}

static inline void bio_set_dev(struct bio *bio, struct block_device *bdev)
{
	bio->bi_bdev = bdev;
}

/*
 * bio_alloc - a bio for bdev with room for nr_vecs pages (at most BIO_MAX_VECS), opf set
 * Context: may sleep if gfp_mask allows. Return: the bio, or NULL without memory.
 */
struct bio *bio_alloc(struct block_device *bdev, unsigned short nr_vecs, blk_opf_t opf,
		      gfp_t gfp_mask);
/* Sets up a bio the caller embeds, with table as its bio_vecs (max_vecs of them). */
void bio_init(struct bio *bio, struct block_device *bdev, struct bio_vec *table,
	      unsigned short max_vecs, blk_opf_t opf);
/* Drops a reference; the last frees a bio_alloc'd bio. */
void bio_put(struct bio *bio);
/*
 * bio_add_page - appends len bytes of page at off
 * Return: len, or 0 when the bio's table is full (submit it and start another).
 */
int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off);
/* bio_add_page for a folio (len bytes at off, possibly spanning its pages); false when full. */
bool bio_add_folio(struct bio *bio, struct folio *folio, size_t len, size_t off);
/* Ends the bio: calls bi_end_io (once every chained child has ended). Any context. */
void bio_endio(struct bio *bio);

static inline void bio_io_error(struct bio *bio)
{
	bio->bi_status = BLK_STS_IOERR;
	bio_endio(bio);
}

/* Makes parent end only after bio has ended too (bio's status passes to parent). */
void bio_chain(struct bio *bio, struct bio *parent);
/*
 * bio_split - the first sectors of bio as a new bio sharing its pages; bio keeps the rest
 * Return: the split, or NULL without memory.
 */
struct bio *bio_split(struct bio *bio, int sectors, gfp_t gfp);

/* Hands the bio to its device's queue; the bio ends through bio_endio. Process context. */
void submit_bio(struct bio *bio);
/* submit_bio, then sleeps until it ends. Return: 0 or the -errno of its status. */
int submit_bio_wait(struct bio *bio);

#endif
