/*
 * A folio_batch: a few folios gathered to be handled under one lock round (Linux's
 * pagevec.h). mm/swap.c keeps per-cpu ones for pages on their way to the LRU.
 */
#ifndef _LINUX_PAGEVEC_H
#define _LINUX_PAGEVEC_H

#include <linux/types.h>

/* 15 pointers and a count: the batch fits in 128 bytes, as Linux's. */
#define PAGEVEC_SIZE	15

struct folio;

struct folio_batch {
	unsigned char nr;
	struct folio *folios[PAGEVEC_SIZE];
};

static inline void folio_batch_init(struct folio_batch *fbatch)
{
	fbatch->nr = 0;
}

static inline unsigned int folio_batch_count(const struct folio_batch *fbatch)
{
	return fbatch->nr;
}

static inline unsigned int folio_batch_space(const struct folio_batch *fbatch)
{
	return PAGEVEC_SIZE - fbatch->nr;
}

/* Adds folio; the room left (0: the batch is full and must be processed now). */
static inline unsigned int folio_batch_add(struct folio_batch *fbatch, struct folio *folio)
{
	fbatch->folios[fbatch->nr++] = folio;
	return folio_batch_space(fbatch);
}

#endif
