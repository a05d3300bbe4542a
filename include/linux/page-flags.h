/*
 * Page flags: the PG_* bits in page->flags and their PageFoo/SetPageFoo/ClearPageFoo
 * helpers, plus the page types kept in page->page_type (PageBuddy), as Linux 6.1.
 * The double-underscore forms (__SetPageReserved) are non-atomic: for pages nobody else
 * can see yet (boot, or under the zone lock).
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/mm_types.h>

enum pageflags {
	PG_locked,		/* page is locked for I/O */
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,			/* on an LRU list */
	PG_active,
	PG_workingset,
	PG_waiters,
	PG_error,
	PG_slab,		/* owned by the slab allocator */
	PG_owner_priv_1,
	PG_arch_1,
	PG_reserved,		/* never given to the buddy: holes, memblock reservations */
	PG_private,		/* page->private holds filesystem data */
	PG_private_2,
	PG_writeback,
	PG_head,		/* first page of a compound page */
	PG_mappedtodisk,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	__NR_PAGEFLAGS,
	/*
	 * Anonymous pages: this mapping is the page's only one and may be written without a
	 * copy (6.1's PageAnonExclusive). Set when the page is made and by a COW reuse,
	 * cleared when fork shares it; PG_mappedtodisk means nothing for an anon page.
	 */
	PG_anon_exclusive = PG_mappedtodisk,
};

static inline bool __page_flag_test(const struct page *page, int nr)
{
	return page->flags >> nr & 1;
}

static inline void __page_flag_set(struct page *page, int nr, bool atomic)
{
	if (atomic)
		__atomic_fetch_or(&page->flags, 1UL << nr, __ATOMIC_RELAXED);
	else
		page->flags |= 1UL << nr;
}

static inline void __page_flag_clear(struct page *page, int nr, bool atomic)
{
	if (atomic)
		__atomic_fetch_and(&page->flags, ~(1UL << nr), __ATOMIC_RELAXED);
	else
		page->flags &= ~(1UL << nr);
}

/* PageFoo, SetPageFoo, ClearPageFoo (atomic) and __SetPageFoo, __ClearPageFoo. */
#define PAGEFLAG(uname, lname)						\
static inline bool Page##uname(const struct page *page)			\
{ return __page_flag_test(page, PG_##lname); }				\
static inline void SetPage##uname(struct page *page)			\
{ __page_flag_set(page, PG_##lname, true); }				\
static inline void ClearPage##uname(struct page *page)			\
{ __page_flag_clear(page, PG_##lname, true); }				\
static inline void __SetPage##uname(struct page *page)			\
{ __page_flag_set(page, PG_##lname, false); }				\
static inline void __ClearPage##uname(struct page *page)		\
{ __page_flag_clear(page, PG_##lname, false); }

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Mlocked, mlocked)
PAGEFLAG(AnonExclusive, anon_exclusive)
PAGEFLAG(Error, error)
PAGEFLAG(MappedToDisk, mappedtodisk)
PAGEFLAG(Waiters, waiters)
/* A file system's own mark (ext4: the folio's buffers were checked), Linux's PG_checked. */
PAGEFLAG(Checked, owner_priv_1)
/* Read-ahead marker: reaching this page starts the next window (page cache pages only). */
PAGEFLAG(Readahead, reclaim)

/* TestSetPageFoo, TestClearPageFoo: atomic, return the bit's old value. */
#define TESTSCFLAG(uname, lname)					\
static inline bool TestSetPage##uname(struct page *page)		\
{ return __atomic_fetch_or(&page->flags, 1UL << PG_##lname,		\
			   __ATOMIC_ACQ_REL) >> PG_##lname & 1; }		\
static inline bool TestClearPage##uname(struct page *page)		\
{ return __atomic_fetch_and(&page->flags, ~(1UL << PG_##lname),	\
			    __ATOMIC_ACQ_REL) >> PG_##lname & 1; }

TESTSCFLAG(Locked, locked)
TESTSCFLAG(Dirty, dirty)
TESTSCFLAG(Writeback, writeback)
TESTSCFLAG(Readahead, reclaim)

/*
 * The folio forms (Linux 6.1's folio_test_dirty, folio_set_uptodate ...): page cache
 * folios here are single pages, so each is its head page's flag.
 */
#define FOLIO_FLAG(lname, uname)					\
static inline bool folio_test_##lname(const struct folio *folio)	\
{ return Page##uname(&folio->page); }					\
static inline void folio_set_##lname(struct folio *folio)		\
{ SetPage##uname(&folio->page); }					\
static inline void folio_clear_##lname(struct folio *folio)		\
{ ClearPage##uname(&folio->page); }					\
static inline void __folio_set_##lname(struct folio *folio)		\
{ __SetPage##uname(&folio->page); }					\
static inline void __folio_clear_##lname(struct folio *folio)		\
{ __ClearPage##uname(&folio->page); }

FOLIO_FLAG(locked, Locked)
FOLIO_FLAG(referenced, Referenced)
FOLIO_FLAG(dirty, Dirty)
FOLIO_FLAG(lru, LRU)
FOLIO_FLAG(active, Active)
FOLIO_FLAG(private, Private)
FOLIO_FLAG(writeback, Writeback)
FOLIO_FLAG(reclaim, Reclaim)
FOLIO_FLAG(swapbacked, SwapBacked)
FOLIO_FLAG(unevictable, Unevictable)
FOLIO_FLAG(mlocked, Mlocked)
FOLIO_FLAG(error, Error)
FOLIO_FLAG(mappedtodisk, MappedToDisk)
FOLIO_FLAG(waiters, Waiters)
FOLIO_FLAG(checked, Checked)
FOLIO_FLAG(readahead, Readahead)

static inline bool folio_test_set_dirty(struct folio *folio)
{ return TestSetPageDirty(&folio->page); }
static inline bool folio_test_clear_dirty(struct folio *folio)
{ return TestClearPageDirty(&folio->page); }
static inline bool folio_test_set_writeback(struct folio *folio)
{ return TestSetPageWriteback(&folio->page); }
static inline bool folio_test_clear_readahead(struct folio *folio)
{ return TestClearPageReadahead(&folio->page); }

/*
 * PG_uptodate orders the folio's contents: whoever sees the bit set sees the data that
 * was filled in before it was set (Linux's smp_wmb in folio_mark_uptodate).
 */
static inline bool folio_test_uptodate(const struct folio *folio)
{
	return __atomic_load_n(&folio->flags, __ATOMIC_ACQUIRE) >> PG_uptodate & 1;
}

static inline void folio_mark_uptodate(struct folio *folio)
{
	__atomic_fetch_or(&folio->flags, 1UL << PG_uptodate, __ATOMIC_RELEASE);
}

static inline void __folio_mark_uptodate(struct folio *folio)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	folio->flags |= 1UL << PG_uptodate;
}

static inline void folio_clear_uptodate(struct folio *folio)
{
	ClearPageUptodate(&folio->page);
}

/*
 * page->mapping's low bit: set, the rest is an anon_vma (mm/rmap.c), not an
 * address_space. Only the head page of a folio carries it.
 */
#define PAGE_MAPPING_ANON	0x1UL

static inline bool PageAnon(const struct page *page)
{
	return (unsigned long)READ_ONCE(page->mapping) & PAGE_MAPPING_ANON;
}

/*
 * Compound pages: 2^order pages (order >= 1) allocated with __GFP_COMP and handled as one
 * (a slab, a large kmalloc, later a THP). The head page has PG_head; every tail page
 * points at it through compound_head (bit 0 set). prep_compound_page sets them up, the
 * page allocator's free path takes them down.
 */
static inline bool PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1;
}

static inline bool PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

/* The head page of page's compound page, or page itself. */
static inline struct page *compound_head(const struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	if (head & 1)
		return (struct page *)(head - 1);
	return (struct page *)page;
}

static inline void set_compound_head(struct page *page, struct page *head)
{
	WRITE_ONCE(page->compound_head, (unsigned long)head + 1);
}

static inline void clear_compound_head(struct page *page)
{
	WRITE_ONCE(page->compound_head, 0);
}

/* The folio page belongs to: its compound page's head, seen as a folio. */
#define page_folio(p)		((struct folio *)compound_head(p))
/* The nth page of folio. */
#define folio_page(folio, n)	(&(folio)->page + (n))

static inline bool folio_test_large(const struct folio *folio)
{
	return PageHead(&folio->page);
}

/* Low bits of page->flags that hold flags (the rest hold node and zone ids). */
#define __PG_FLAGS_MASK		((1UL << __NR_PAGEFLAGS) - 1)

/* Flags a page must not have when it is freed: bad_page() reports them. */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	(1UL << PG_lru | 1UL << PG_locked | 1UL << PG_private |		\
	 1UL << PG_private_2 | 1UL << PG_writeback | 1UL << PG_reserved | \
	 1UL << PG_slab | 1UL << PG_active | 1UL << PG_unevictable |	\
	 1UL << PG_mlocked)

/* Flags a page must not have when it is handed out; cleared when it is freed. */
#define PAGE_FLAGS_CHECK_AT_PREP	__PG_FLAGS_MASK

/*
 * Page types, for pages never mapped to user space: page_type (the same word as
 * _mapcount, which is -1 on an unmapped page) starts as all ones; a type is set by
 * clearing its bit under PAGE_TYPE_BASE.
 */
#define PAGE_TYPE_BASE		0xf0000000u
#define PAGE_MAPCOUNT_RESERVE	-128
#define PG_buddy		0x00000080u
#define PG_offline		0x00000100u
#define PG_table		0x00000200u
#define PG_guard		0x00000400u

#define PageType(page, flag)						\
	(((page)->page_type & (PAGE_TYPE_BASE | (flag))) == PAGE_TYPE_BASE)

/* PageFoo, __SetPageFoo, __ClearPageFoo for a page type (Linux's PAGE_TYPE_OPS). */
#define PAGE_TYPE_OPS(uname, lname)					\
static inline bool Page##uname(const struct page *page)			\
{ return PageType(page, PG_##lname); }					\
static inline void __SetPage##uname(struct page *page)			\
{ page->page_type &= ~PG_##lname; }					\
static inline void __ClearPage##uname(struct page *page)		\
{ page->page_type |= PG_##lname; }

/* PageBuddy: the first page of a free block in a zone's free_area (order in private). */
PAGE_TYPE_OPS(Buddy, buddy)
/* PageTable: a page-table page of a process at the PMD or PTE level (NR_PAGETABLE). */
PAGE_TYPE_OPS(Table, table)

#endif
