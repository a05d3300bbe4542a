/*
 * bio_vec and its iterator (Linux's bvec.h): a bio_vec is a run of bytes in physically
 * contiguous pages (it may span pages: a large folio); bvec_iter walks an array of them,
 * and the bvec_iter_* accessors cut the current position down to one page (a segment).
 */
#ifndef _LINUX_BVEC_H
#define _LINUX_BVEC_H

#include <linux/types.h>
#include <linux/mm.h>

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;		/* may exceed PAGE_SIZE: pages after bv_page */
};

struct bvec_iter {
	sector_t bi_sector;		/* device address in 512-byte sectors */
	unsigned int bi_size;		/* bytes left */
	unsigned int bi_idx;		/* current index into the bio_vec array */
	unsigned int bi_bvec_done;	/* bytes done of the current bio_vec */
};

/* An iterator over every single-page segment of a bio's whole table (bio_for_each_segment_all). */
struct bvec_iter_all {
	struct bio_vec bv;
	int idx;
	unsigned int done;
};

#define __bvec_iter_bvec(bvec, iter)	(&(bvec)[(iter).bi_idx])

/* The current multi-page bvec, cut to the iterator's position and size. */
#define mp_bvec_iter_len(bvec, iter)					\
	min((iter).bi_size, __bvec_iter_bvec((bvec), (iter))->bv_len - (iter).bi_bvec_done)
#define mp_bvec_iter_offset(bvec, iter)					\
	(__bvec_iter_bvec((bvec), (iter))->bv_offset + (iter).bi_bvec_done)
#define mp_bvec_iter_page_idx(bvec, iter)	(mp_bvec_iter_offset((bvec), (iter)) / PAGE_SIZE)

/* The same cut to one page. */
#define bvec_iter_offset(bvec, iter)	(mp_bvec_iter_offset((bvec), (iter)) % PAGE_SIZE)
#define bvec_iter_len(bvec, iter)					\
	min_t(unsigned int, mp_bvec_iter_len((bvec), (iter)),		\
	      PAGE_SIZE - bvec_iter_offset((bvec), (iter)))
#define bvec_iter_page(bvec, iter)					\
	(__bvec_iter_bvec((bvec), (iter))->bv_page + mp_bvec_iter_page_idx((bvec), (iter)))
#define bvec_iter_bvec(bvec, iter)					\
((struct bio_vec) {							\
	.bv_page	= bvec_iter_page((bvec), (iter)),		\
	.bv_len		= bvec_iter_len((bvec), (iter)),		\
	.bv_offset	= (unsigned int)bvec_iter_offset((bvec), (iter)),	\
})

/* Moves iter bytes forward; false (and a warning) if that is past its end. */
static inline bool bvec_iter_advance(const struct bio_vec *bv, struct bvec_iter *iter,
				     unsigned int bytes)
{
	unsigned int idx = iter->bi_idx;

	if (WARN_ON_ONCE(bytes > iter->bi_size)) {
		iter->bi_size = 0;
		return false;
	}
	iter->bi_size -= bytes;
	bytes += iter->bi_bvec_done;
	while (bytes && bytes >= bv[idx].bv_len) {
		bytes -= bv[idx].bv_len;
		idx++;
	}
	iter->bi_idx = idx;
	iter->bi_bvec_done = bytes;
	return true;
}

#define for_each_bvec(bvl, bio_vec, iter, start)			\
	for (iter = (start);						\
	     (iter).bi_size && ((bvl = bvec_iter_bvec((bio_vec), (iter))), 1); \
	     bvec_iter_advance((bio_vec), &(iter), (bvl).bv_len))

static inline void bvec_advance(const struct bio_vec *bvec, struct bvec_iter_all *iter_all)
{
	struct bio_vec *bv = &iter_all->bv;

	if (iter_all->done) {
		bv->bv_page++;
		bv->bv_offset = 0;
	} else {
		bv->bv_page = bvec->bv_page + (bvec->bv_offset >> PAGE_SHIFT);
		bv->bv_offset = bvec->bv_offset & ~PAGE_MASK;
	}
	bv->bv_len = min_t(unsigned int, PAGE_SIZE - bv->bv_offset, bvec->bv_len - iter_all->done);
	iter_all->done += bv->bv_len;
	if (iter_all->done == bvec->bv_len) {
		iter_all->idx++;
		iter_all->done = 0;
	}
}

#endif
