/*
 * page_owner (Linux's mm/page_owner.c): with page_owner=on, who allocated each page (a
 * stack trace, pid, time) and who freed it last, read from /sys/kernel/debug/page_owner.
 */
#ifndef _LINUX_PAGE_OWNER_H
#define _LINUX_PAGE_OWNER_H

#include <linux/types.h>
#include <linux/compiler.h>

struct page;

/* Set once page_owner's table and depot exist (Linux's page_owner_inited static key). */
extern bool page_owner_inited;

void __set_page_owner(struct page *page, unsigned short order, gfp_t gfp_mask);
void __reset_page_owner(struct page *page, unsigned short order);
void __split_page_owner(struct page *page, unsigned int nr);

/* The page allocator's hooks: an allocation of 2^order pages, their free, a split. */
static inline void set_page_owner(struct page *page, unsigned short order, gfp_t gfp_mask)
{
	if (unlikely(READ_ONCE(page_owner_inited)))
		__set_page_owner(page, order, gfp_mask);
}

static inline void reset_page_owner(struct page *page, unsigned short order)
{
	if (unlikely(READ_ONCE(page_owner_inited)))
		__reset_page_owner(page, order);
}

static inline void split_page_owner(struct page *page, unsigned int nr)
{
	if (unlikely(READ_ONCE(page_owner_inited)))
		__split_page_owner(page, nr);
}

#endif
