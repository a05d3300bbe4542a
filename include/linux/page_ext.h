/*
 * page_ext (Linux's mm/page_ext.c): a side table with an entry per page for debugging
 * features, allocated at boot only when one of them is asked for (page_owner=on), so a
 * kernel without them pays nothing but the check.
 */
#ifndef _LINUX_PAGE_EXT_H
#define _LINUX_PAGE_EXT_H

#include <linux/types.h>

struct page;

enum page_ext_flags {
	PAGE_EXT_OWNER,			/* page_owner has a record of the page */
	PAGE_EXT_OWNER_ALLOCATED,	/* ... and the page is allocated now */
};

/* One page's entry: flags, then each user's data at its ops' offset. */
struct page_ext {
	unsigned long flags;
};

/* A user of the table: need() at boot says whether to make it; init() once it exists. */
struct page_ext_operations {
	size_t offset;		/* of its data in an entry, set by page_ext_init */
	size_t size;
	bool (*need)(void);
	void (*init)(void);
};

extern struct page_ext_operations page_owner_ops;

/* The table for every online node, if any user needs it; after page_alloc_init_late. */
void page_ext_init(void);

/* page's entry, or NULL when there is no table. Context: any. */
struct page_ext *lookup_page_ext(const struct page *page);

/* The entry after page_ext (the next page's). */
struct page_ext *page_ext_next(struct page_ext *page_ext);

#endif
