/*
 * page->_refcount accessors: the only way to read or change a page's reference count.
 * A free page has count 0; the allocator hands out the first page of a block with 1.
 */
#ifndef _LINUX_PAGE_REF_H
#define _LINUX_PAGE_REF_H

#include <linux/mm_types.h>

static inline int page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount, __ATOMIC_RELAXED);
}

static inline int folio_ref_count(const struct folio *folio)
{
	return page_ref_count(&folio->page);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}

static inline void set_page_count(struct page *page, int v)
{
	__atomic_store_n(&page->_refcount, v, __ATOMIC_RELAXED);
}

/* A page in use by its creator: count 1. */
static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_inc(struct page *page)
{
	__atomic_fetch_add(&page->_refcount, 1, __ATOMIC_RELAXED);
}

/* Drops one reference; true when it was the last. */
static inline bool page_ref_dec_and_test(struct page *page)
{
	return __atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_ACQ_REL) == 0;
}

/* A reference unless the count is 0 (the page is being freed): true when taken. */
static inline bool get_page_unless_zero(struct page *page)
{
	int old = page_ref_count(page);

	do {
		if (!old)
			return false;
	} while (!__atomic_compare_exchange_n(&page->_refcount, &old, old + 1, false,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return true;
}

/*
 * The count from count to 0 if it is exactly count (reclaim taking a page out of the
 * cache: no one else may hold or gain a reference); true when frozen.
 */
static inline bool page_ref_freeze(struct page *page, int count)
{
	return __atomic_compare_exchange_n(&page->_refcount, &count, 0, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void page_ref_unfreeze(struct page *page, int count)
{
	__atomic_store_n(&page->_refcount, count, __ATOMIC_RELEASE);
}

static inline bool folio_try_get(struct folio *folio)
{
	return get_page_unless_zero(&folio->page);
}

static inline bool folio_ref_freeze(struct folio *folio, int count)
{
	return page_ref_freeze(&folio->page, count);
}

static inline void folio_ref_unfreeze(struct folio *folio, int count)
{
	page_ref_unfreeze(&folio->page, count);
}

#endif
