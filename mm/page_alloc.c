/*
 * The buddy page allocator: hands out blocks of 2^order physical pages (order 0..10)
 * to the whole kernel, and takes them back.
 *
 * Overview (Linux 6.1's mm/page_alloc.c, same names)
 *
 * Free memory lives in each zone's free_area[order].free_list[migratetype]: a free
 * block of 2^order pages is listed by its first page, which is PageBuddy with the order
 * in page->private. Freeing (__free_one_page) merges a block with its buddy (the block
 * at pfn ^ (1 << order)) while the buddy is free and of the same order, so free memory
 * stays in the largest aligned blocks. Allocating (__rmqueue_smallest) takes the
 * smallest block big enough from the wanted migratetype's lists and splits it (expand),
 * returning the halves it does not need. When a migratetype has nothing,
 * __rmqueue_fallback steals from another type by the fallbacks table, preferably the
 * largest block and, when allowed, the whole pageblock (steal_suitable_fallback), so
 * unmovable allocations cluster in few pageblocks instead of fragmenting all of them.
 *
 * In front of the buddy, each cpu keeps per-zone lists of free blocks of order <=
 * PAGE_ALLOC_COSTLY_ORDER (struct per_cpu_pages): rmqueue_pcplist refills them "batch"
 * blocks at a time (rmqueue_bulk), free_unref_page fills them and gives "batch" pages
 * back when they reach "high" (free_pcppages_bulk). drain_all_pages empties them.
 *
 * An allocation (__alloc_pages) walks the zonelist of its preferred node (that node's
 * zones, then the other nodes' by distance) up to gfp_zone(gfp), and takes from the
 * first zone whose free pages stay above the watermark (zone_watermark_fast): the low mark
 * first, then the min mark in the slow path. There is no reclaim or compaction yet: when
 * that fails too, warn_alloc reports (unless __GFP_NOWARN) and NULL is returned.
 *
 * Locks: zone->lock (free lists, pageblock types) nests inside pcp->lock; both are taken
 * with interrupts off. Errors in callers (double free, freeing a reserved page, bad
 * order) are reported by bad_page()/WARN and the pages are leaked, never merged.
 *
 * Also here: zonelists (build_all_zonelists), pcp sizing (zone_batchsize,
 * zone_highsize), watermarks (init_per_zone_wmark_min), and __show_free_areas.
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/memblock.h>
#include <linux/percpu.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/poison.h>
#include <asm/page.h>
#include <asm/stacktrace.h>
#include <linux/sysctl.h>
#include "internal.h"

long _totalram_pages;
gfp_t gfp_allowed_mask = GFP_BOOT_MASK;
unsigned long totalreserve_pages;
int min_free_kbytes = 1024;
static int user_min_free_kbytes = -1;
int watermark_scale_factor = 10;
int percpu_pagelist_high_fraction;
int page_group_by_mobility_disabled;
enum zone_type policy_zone;
unsigned long nr_bad_page_reports;
unsigned long nr_alloc_failure_reports;

void totalram_pages_add(long count)
{
	__atomic_fetch_add(&_totalram_pages, count, __ATOMIC_RELAXED);
}

/* lowmem_reserve ratios: a zone keeps 1/ratio of the higher zones' pages back. */
static int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 256, 32, 0 };

const char * const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal", "Movable" };

const char * const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};

/* FPI flags: how a block goes back to the free lists. */
#define FPI_NONE	0
#define FPI_TO_TAIL	(1 << 1)	/* at the tail: boot memory, not cache hot */

/* ---- pageblock flags ------------------------------------------------------------ */

static inline unsigned long pfn_to_bitidx(const struct zone *zone, unsigned long pfn)
{
	pfn -= pageblock_start_pfn(zone->zone_start_pfn);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

/* The bits of @mask of the pageblock holding @pfn (NR_PAGEBLOCK_BITS divides 64). */
unsigned long get_pfnblock_flags_mask(const struct page *page, unsigned long pfn,
				      unsigned long mask)
{
	const struct zone *zone = page_zone(page);
	unsigned long bitidx = pfn_to_bitidx(zone, pfn);
	unsigned long word = READ_ONCE(zone->pageblock_flags[bitidx / 64]);

	return (word >> (bitidx % 64)) & mask;
}

void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long mask)
{
	struct zone *zone = page_zone(page);
	unsigned long bitidx = pfn_to_bitidx(zone, pfn);
	unsigned long *word = &zone->pageblock_flags[bitidx / 64];
	unsigned long old = READ_ONCE(*word), new;

	VM_BUG_ON_PAGE(!zone_spans_pfn(zone, pfn), page);
	mask <<= bitidx % 64;
	flags <<= bitidx % 64;
	do {
		new = (old & ~mask) | flags;
	} while (!__atomic_compare_exchange_n(word, &old, new, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	if (unlikely(page_group_by_mobility_disabled && migratetype < MIGRATE_PCPTYPES))
		migratetype = MIGRATE_UNMOVABLE;
	set_pfnblock_flags_mask(page, migratetype, page_to_pfn(page), MIGRATETYPE_MASK);
}

/* ---- checks --------------------------------------------------------------------- */

void dump_page(struct page *page, const char *reason)
{
	pr_warn("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx pfn:%#lx\n",
		page, page_ref_count(page), page->_mapcount + 1, page->mapping,
		page->index, page_to_pfn(page));
	pr_warn("flags: %#lx(node=%d zone=%d%s%s%s)\n", page->flags, page_to_nid(page),
		page_zonenum(page), PageReserved(page) ? "|reserved" : "",
		PageSlab(page) ? "|slab" : "", PageBuddy(page) ? "|buddy" : "");
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}

/*
 * A page in a state it must not be in: report it, naming the task that found it, and
 * leave it out of the allocator (leaked), as Linux does.
 */
static void bad_page(struct page *page, const char *reason)
{
	nr_bad_page_reports++;
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm,
		 page_to_pfn(page));
	dump_page(page, reason);
	dump_stack();
	/* Leave the other fields for debugging; a stale PageBuddy would mislead merging. */
	page_mapcount_reset(page);
}

static const char *page_bad_reason(struct page *page, unsigned long flags)
{
	const char *bad_reason = NULL;

	if (unlikely(page->_mapcount != -1))
		bad_reason = "nonzero mapcount";
	if (unlikely(page->mapping != NULL))
		bad_reason = "non-NULL mapping";
	if (unlikely(page_ref_count(page) != 0))
		bad_reason = "nonzero _refcount";
	if (unlikely(page->flags & flags)) {
		if (flags == PAGE_FLAGS_CHECK_AT_PREP)
			bad_reason = "PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
		else
			bad_reason = "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	}
	return bad_reason;
}

static bool free_page_is_bad(struct page *page)
{
	const char *reason = page_bad_reason(page, PAGE_FLAGS_CHECK_AT_FREE);

	if (likely(!reason))
		return false;
	bad_page(page, reason);
	return true;
}

/*
 * A tail page of a compound page being freed must still point at its head; its compound
 * fields are taken down either way. 0, or 1 when it was bad (reported).
 */
static int free_tail_pages_check(struct page *head_page, struct page *page)
{
	int ret = 1;

	if (page - head_page > 1 && unlikely(page->mapping != TAIL_MAPPING)) {
		bad_page(page, "corrupted mapping in tail page");
		goto out;
	}
	if (unlikely(!PageTail(page))) {
		bad_page(page, "PageTail not set");
		goto out;
	}
	if (unlikely(compound_head(page) != head_page)) {
		bad_page(page, "compound_head not consistent");
		goto out;
	}
	ret = 0;
out:
	page->mapping = NULL;
	clear_compound_head(page);
	return ret;
}

/*
 * Checks every page of a block being freed, and takes a compound page apart; false
 * (block leaked) when a page is bad.
 */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	bool compound = PageHead(page);
	int bad = 0;

	VM_BUG_ON_PAGE(compound && compound_order(page) != order, page);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		if (compound)
			bad += free_tail_pages_check(page, page + i);
		if (free_page_is_bad(page + i)) {
			bad++;
			continue;
		}
		(page + i)->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	}
	if (compound)
		page[1].compound_order = 0;
	/* An anonymous page keeps its anon_vma in mapping until now (mm/rmap.c). */
	if (PageAnon(page))
		page->mapping = NULL;
	if (free_page_is_bad(page))
		bad++;
	if (bad)
		return false;
	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	page->index = 0;
	return true;
}

/* A block leaving the free lists must look free; a bad one is reported and skipped. */
static bool check_new_pages(struct page *page, unsigned int order)
{
#ifdef CONFIG_DEBUG_VM
	for (unsigned long i = 0; i < (1UL << order); i++) {
		const char *reason = page_bad_reason(page + i, PAGE_FLAGS_CHECK_AT_PREP);

		if (unlikely(reason)) {
			bad_page(page + i, reason);
			return true;
		}
	}
#endif
	return false;
}

static bool bad_range(struct zone *zone, struct page *page)
{
	return !zone_spans_pfn(zone, page_to_pfn(page)) ||
	       zone != page_zone(page);
}

/* ---- free lists (zone->lock held) ----------------------------------------------- */

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->buddy_list, &area->free_list[migratetype]);
	area->nr_free++;
}

static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->buddy_list, &area->free_list[migratetype]);
	area->nr_free++;
}

/* Moves a free block to another migratetype's list of the same order. */
static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_move_tail(&page->buddy_list, &area->free_list[migratetype]);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->buddy_list);
	__ClearPageBuddy(page);
	set_page_private(page, 0);
	zone->free_area[order].nr_free--;
}

static inline struct page *get_page_from_free_area(struct free_area *area,
						   int migratetype)
{
	return list_first_entry_or_null(&area->free_list[migratetype], struct page,
					buddy_list);
}

/* ---- freeing into the buddy ----------------------------------------------------- */

/* @buddy is the free block of @order that @page may merge with. */
static inline bool page_is_buddy(struct page *page, struct page *buddy, unsigned int order)
{
	if (!PageBuddy(buddy) || buddy_order(buddy) != order)
		return false;
	/* Pages in holes or of another zone are never merged across. */
	return page_zone_id(page) == page_zone_id(buddy);
}

/* The free buddy of the block (page, pfn, order), or NULL; its pfn in *buddy_pfn. */
static inline struct page *find_buddy_page_pfn(struct page *page, unsigned long pfn,
					       unsigned int order, unsigned long *buddy_pfn)
{
	unsigned long __buddy_pfn = pfn ^ (1UL << order);
	struct page *buddy = page + (__buddy_pfn - pfn);

	if (buddy_pfn)
		*buddy_pfn = __buddy_pfn;
	return page_is_buddy(page, buddy, order) ? buddy : NULL;
}

/*
 * Whether the block just freed is likely to merge further soon: then it goes to the
 * tail of its list, so the allocator uses other blocks first (6.1's buddy_merge_likely).
 */
static inline bool buddy_merge_likely(unsigned long pfn, unsigned long buddy_pfn,
				      struct page *page, unsigned int order)
{
	unsigned long higher_page_pfn;
	struct page *higher_page;

	if (order >= MAX_ORDER - 2)
		return false;
	higher_page_pfn = buddy_pfn & pfn;
	higher_page = page + (higher_page_pfn - pfn);
	return find_buddy_page_pfn(higher_page, higher_page_pfn, order + 1, NULL) != NULL;
}

/*
 * Frees the block (page, pfn, order) into @zone's free lists of @migratetype, merging it
 * with its free buddies up to MAX_ORDER - 1. Caller holds zone->lock.
 */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order, int migratetype, int fpi_flags)
{
	unsigned long buddy_pfn = 0, combined_pfn;
	struct page *buddy;
	bool to_tail;

	VM_BUG_ON(!zone_is_initialized(zone));
	VM_BUG_ON_PAGE(page->flags & PAGE_FLAGS_CHECK_AT_PREP, page);
	VM_BUG_ON(migratetype < 0 || migratetype >= MIGRATE_TYPES);
	VM_BUG_ON_PAGE(pfn & ((1UL << order) - 1), page);
	VM_BUG_ON_PAGE(bad_range(zone, page), page);

	if (likely(!is_migrate_isolate(migratetype)))
		__mod_zone_freepage_state(zone, 1 << order, migratetype);

	while (order < MAX_ORDER - 1) {
		buddy = find_buddy_page_pfn(page, pfn, order, &buddy_pfn);
		if (!buddy)
			break;
		/* Blocks of isolated or highatomic pageblocks do not merge with others. */
		if (unlikely(order >= pageblock_order)) {
			int buddy_mt = get_pageblock_migratetype(buddy);

			if (migratetype != buddy_mt &&
			    (!migratetype_is_mergeable(migratetype) ||
			     !migratetype_is_mergeable(buddy_mt)))
				break;
		}
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + (combined_pfn - pfn);
		pfn = combined_pfn;
		order++;
	}

	set_buddy_order(page, order);
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(pfn, buddy_pfn, page, order);
	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}

static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order, int migratetype, int fpi_flags)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
	spin_unlock_irqrestore(&zone->lock, flags);
	count_vm_events(PGFREE, 1 << order);
}

/* Frees a block straight to the buddy (orders above the pcp ones, and boot memory). */
static void __free_pages_ok(struct page *page, unsigned int order, int fpi_flags)
{
	unsigned long pfn = page_to_pfn(page);

	if (!free_pages_prepare(page, order))
		return;
	free_one_page(page_zone(page), page, pfn, order,
		      get_pfnblock_migratetype(page, pfn), fpi_flags);
}

/*
 * Boot: gives 2^order pages that memblock never handed out to the buddy, and counts them
 * as managed by their zone. The pages were initialised by memmap_init (count 1, maybe
 * reserved).
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order;

	for (unsigned long i = 0; i < nr_pages; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	__atomic_fetch_add(&page_zone(page)->managed_pages, nr_pages, __ATOMIC_RELAXED);
	__free_pages_ok(page, order, FPI_TO_TAIL);
}

void adjust_managed_page_count(struct page *page, long count)
{
	__atomic_fetch_add(&page_zone(page)->managed_pages, count, __ATOMIC_RELAXED);
	totalram_pages_add(count);
}

unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	unsigned long pages = 0;

	start = (void *)PAGE_ALIGN((unsigned long)start);
	end = (void *)((unsigned long)end & PAGE_MASK);
	for (void *pos = start; pos < end; pos += PAGE_SIZE, pages++) {
		struct page *page = virt_to_page(pos);

		if (poison >= 0)
			memset(pos, poison, PAGE_SIZE);
		__ClearPageReserved(page);
		set_page_count(page, 1);
		__free_page(page);
		adjust_managed_page_count(page, 1);
	}
	if (pages && s)
		pr_info("Freeing %s memory: %ldK\n", s, pages << (PAGE_SHIFT - 10));
	return pages;
}

/* Boot: a block memblock never handed out; its pgdatinit thread frees a deferred one. */
void __init memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	if (early_page_uninitialised(pfn))
		return;
	__free_pages_core(page, order);
}

/* ---- taking from the buddy (zone->lock held) ------------------------------------- */

/*
 * Splits a block of order @high down to order @low: the upper halves go back on the
 * free lists of @migratetype, @page keeps the lowest 2^low pages.
 */
static inline void expand(struct zone *zone, struct page *page, int low, int high,
			  int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		VM_BUG_ON_PAGE(bad_range(zone, &page[size]), &page[size]);
		add_to_free_list(&page[size], zone, high, migratetype);
		set_buddy_order(&page[size], high);
	}
}

/* The smallest free block of @migratetype of order >= @order, split to @order. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				       int migratetype)
{
	for (unsigned int current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page = get_page_from_free_area(area, migratetype);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		set_pcppage_migratetype(page, migratetype);
		return page;
	}
	return NULL;
}

/* Where each migratetype steals from when its own lists are empty, in order. */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,   MIGRATE_TYPES },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE,   MIGRATE_TYPES },
	[MIGRATE_HIGHATOMIC]  = { MIGRATE_TYPES },
	[MIGRATE_ISOLATE]     = { MIGRATE_TYPES },
};

/*
 * Moves the free blocks in [start_pfn, end_pfn] to @migratetype's lists; returns the
 * pages moved. *num_movable counts pages in use that could move (none yet: no LRU).
 */
static int move_freepages(struct zone *zone, unsigned long start_pfn,
			  unsigned long end_pfn, int migratetype, int *num_movable)
{
	int pages_moved = 0;

	for (unsigned long pfn = start_pfn; pfn <= end_pfn;) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(page)) {
			if (num_movable && PageLRU(page))
				(*num_movable)++;
			pfn++;
			continue;
		}
		VM_BUG_ON_PAGE(page_to_nid(page) != zone_to_nid(zone), page);
		VM_BUG_ON_PAGE(page_zone(page) != zone, page);
		order = buddy_order(page);
		move_to_free_list(page, zone, order, migratetype);
		pfn += 1UL << order;
		pages_moved += 1 << order;
	}
	return pages_moved;
}

/* move_freepages over the whole pageblock of @page (0 if it sticks out of the zone). */
static int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
				int *num_movable)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned long start_pfn = pageblock_start_pfn(pfn);
	unsigned long end_pfn = start_pfn + pageblock_nr_pages - 1;

	if (num_movable)
		*num_movable = 0;
	if (!zone_spans_pfn(zone, start_pfn))
		start_pfn = pfn;
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;
	return move_freepages(zone, start_pfn, end_pfn, migratetype, num_movable);
}

/* Whether a fallback allocation of @order for @start_mt should take the whole block. */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled;
}

/* Every pageblock a block of order >= pageblock_order covers becomes @migratetype. */
static void change_pageblock_range(struct page *pageblock_page, int start_order,
				   int migratetype)
{
	int nr_pageblocks = 1 << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(pageblock_page, migratetype);
		pageblock_page += pageblock_nr_pages;
	}
}

/*
 * Takes the free block @page (of another migratetype) for @start_type: with
 * @whole_block, moves all free pages of its pageblock to @start_type and, if at least
 * half the block is free or alike, claims the pageblock itself; otherwise only the
 * block moves. Caller holds zone->lock.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    int start_type, bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int free_pages, movable_pages, alike_pages;
	int old_block_type = get_pageblock_migratetype(page);

	if (is_migrate_highatomic(old_block_type))
		goto single_page;
	/* A block of a pageblock or more: take all the pageblocks it covers. */
	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	/* Moving the whole block fails when it sticks out of the zone. */
	if (!free_pages)
		goto single_page;
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	/* Most of the block is free or of the new kind: the block changes type. */
	if (free_pages + alike_pages >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled)
		set_pageblock_migratetype(page, start_type);
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
}

/*
 * The first fallback type of @migratetype with free blocks of @order, or -1.
 * *can_steal says whether the whole pageblock may be taken; with @only_stealable,
 * types that may not be stolen from are skipped.
 */
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable, bool *can_steal)
{
	*can_steal = false;
	if (area->nr_free == 0)
		return -1;
	for (int i = 0;; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (fallback_mt == MIGRATE_TYPES)
			break;
		if (free_area_empty(area, fallback_mt))
			continue;
		if (can_steal_fallback(order, migratetype))
			*can_steal = true;
		if (!only_stealable || *can_steal)
			return fallback_mt;
	}
	return -1;
}

/*
 * Moves a free block from another migratetype to @start_migratetype's lists. The
 * largest block first (it takes the most of a pageblock at once), except for movable
 * allocations that could not take the whole block: those take the smallest, to
 * pollute as little as possible. Returns whether something moved.
 */
static bool __rmqueue_fallback(struct zone *zone, int order, int start_migratetype,
			       unsigned int alloc_flags)
{
	struct free_area *area;
	int current_order, fallback_mt;
	int min_order = order;
	bool can_steal;

	if (order < pageblock_order && (alloc_flags & ALLOC_NOFRAGMENT))
		min_order = pageblock_order;
	for (current_order = MAX_ORDER - 1; current_order >= min_order; --current_order) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order, start_migratetype,
						     false, &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE && current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order, start_migratetype,
						     false, &can_steal);
		if (fallback_mt != -1)
			break;
	}
	VM_BUG_ON(current_order == MAX_ORDER);

do_steal:
	steal_suitable_fallback(zone, get_page_from_free_area(area, fallback_mt),
				start_migratetype, can_steal);
	return true;
}

/* A block of @order for @migratetype, stealing from other types if needed; or NULL. */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype,
			      unsigned int alloc_flags)
{
	struct page *page;

retry:
	page = __rmqueue_smallest(zone, order, migratetype);
	if (unlikely(!page) && __rmqueue_fallback(zone, order, migratetype, alloc_flags))
		goto retry;
	return page;
}

/*
 * Takes up to @count blocks of @order from the buddy onto the pcp list @list, under one
 * zone->lock; returns how many it took.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order, unsigned long count,
			struct list_head *list, int migratetype, unsigned int alloc_flags)
{
	unsigned long flags;
	int i, allocated = 0;

	spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < (int)count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype, alloc_flags);

		if (unlikely(page == NULL))
			break;
		if (unlikely(check_new_pages(page, order)))
			continue;
		list_add_tail(&page->pcp_list, list);
		allocated++;
	}
	/* Bad pages skipped above are leaked: they left the free count too. */
	__mod_zone_page_state(zone, NR_FREE_PAGES, -((long)i << order));
	spin_unlock_irqrestore(&zone->lock, flags);
	return allocated;
}

/* ---- per-cpu page lists ---------------------------------------------------------- */

static inline unsigned int order_to_pindex(int migratetype, int order)
{
	VM_BUG_ON(order > PAGE_ALLOC_COSTLY_ORDER);
	return MIGRATE_PCPTYPES * order + migratetype;
}

static inline int pindex_to_order(unsigned int pindex)
{
	return pindex / MIGRATE_PCPTYPES;
}

static inline struct per_cpu_pages *zone_pcp(struct zone *zone, int cpu)
{
	return per_cpu_ptr(zone->per_cpu_pageset, cpu);
}

/*
 * Gives @count pages of @pcp back to the buddy, from the lists in turn starting at
 * @pindex, oldest (tail) blocks first. Caller holds pcp->lock.
 */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp,
			       int pindex)
{
	count = min(pcp->count, count);
	pindex = pindex - 1;	/* the requested list is drained first */
	spin_lock(&zone->lock);
	while (count > 0) {
		struct list_head *list;
		int nr_pages;

		do {
			if (++pindex >= NR_PCP_LISTS)
				pindex = 0;
			list = &pcp->lists[pindex];
		} while (list_empty(list));
		nr_pages = 1 << pindex_to_order(pindex);
		do {
			struct page *page = list_last_entry(list, struct page, pcp_list);
			int mt = get_pcppage_migratetype(page);

			list_del(&page->pcp_list);
			count -= nr_pages;
			pcp->count -= nr_pages;
			__free_one_page(page, page_to_pfn(page), zone,
					pindex_to_order(pindex), mt, FPI_NONE);
		} while (count > 0 && !list_empty(list));
	}
	spin_unlock(&zone->lock);
}

/* Empties @cpu's pcp lists of @zone into the buddy. */
static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = zone_pcp(zone, cpu);
	unsigned long flags;

	spin_lock_irqsave(&pcp->lock, flags);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp, 0);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

static void drain_pages(unsigned int cpu)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		drain_pages_zone(cpu, zone);
}

/**
 * drain_local_pages - empty this cpu's pcp lists into the buddy
 * @zone: only this zone's lists, or NULL for all zones
 */
void drain_local_pages(struct zone *zone)
{
	int cpu = raw_smp_processor_id();

	if (zone)
		drain_pages_zone(cpu, zone);
	else
		drain_pages(cpu);
}

/**
 * drain_all_pages - empty every cpu's pcp lists into the buddy
 * @zone: only this zone's lists, or NULL for all zones
 *
 * As in 6.1, pcp lists have their own lock, so other cpus' lists are drained from here
 * directly: no IPI or work item is needed. Context: may not hold zone->lock or pcp->lock.
 */
void drain_all_pages(struct zone *zone)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		if (zone)
			drain_pages_zone(cpu, zone);
		else
			drain_pages(cpu);
	}
}

/*
 * Pages to give back when pcp->count reaches @high: a batch, doubled for each free in
 * a row (free_factor), at most high - batch; everything after a high-order free burst.
 */
static int nr_pcp_free(struct per_cpu_pages *pcp, int high, int batch, bool free_high)
{
	int min_nr_free, max_nr_free;

	if (free_high)
		return pcp->count;
	if (unlikely(high < batch))
		return 1;
	min_nr_free = batch;
	max_nr_free = high - batch;
	batch <<= pcp->free_factor;
	if (batch < max_nr_free)
		pcp->free_factor++;
	return clamp(batch, min_nr_free, max_nr_free);
}

/* Adds a freed block to @pcp; at pcp->high, gives pages back. pcp->lock held. */
static void free_unref_page_commit(struct zone *zone, struct per_cpu_pages *pcp,
				   struct page *page, int migratetype, unsigned int order)
{
	int pindex = order_to_pindex(migratetype, order);
	bool free_high;
	int high;

	count_vm_events(PGFREE, 1 << order);
	list_add(&page->pcp_list, &pcp->lists[pindex]);
	pcp->count += 1 << order;
	/* High-order pages freed in a row are not kept: they are rarely reused at once. */
	free_high = pcp->free_factor && order && order <= PAGE_ALLOC_COSTLY_ORDER;
	high = free_high ? 0 : pcp->high;
	if (pcp->count >= high)
		free_pcppages_bulk(zone, nr_pcp_free(pcp, high, pcp->batch, free_high), pcp,
				   pindex);
}

/* Frees a block of a pcp order to this cpu's list (isolated blocks: to the buddy). */
static void free_unref_page(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	struct per_cpu_pages *pcp;
	unsigned long flags;
	int migratetype, pcpmigratetype;
	struct zone *zone;

	if (!free_pages_prepare(page, order))
		return;
	migratetype = pcpmigratetype = get_pfnblock_migratetype(page, pfn);
	set_pcppage_migratetype(page, migratetype);
	zone = page_zone(page);
	if (unlikely(migratetype >= MIGRATE_PCPTYPES)) {
		if (unlikely(is_migrate_isolate(migratetype))) {
			free_one_page(zone, page, pfn, order, migratetype, FPI_NONE);
			return;
		}
		pcpmigratetype = MIGRATE_MOVABLE;
	}
	pcp = zone_pcp(zone, raw_smp_processor_id());
	spin_lock_irqsave(&pcp->lock, flags);
	free_unref_page_commit(zone, pcp, page, pcpmigratetype, order);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

/* A block from the pcp @list, refilled with a batch from the buddy when empty. */
static struct page *__rmqueue_pcplist(struct zone *zone, unsigned int order,
				      int migratetype, unsigned int alloc_flags,
				      struct per_cpu_pages *pcp, struct list_head *list)
{
	struct page *page;

	do {
		if (list_empty(list)) {
			int batch = pcp->batch;
			int alloced;

			/*
			 * Fewer blocks of higher orders, but at least two; a batch of 1 (the
			 * boot pagesets, or a tiny zone) stays 1: those lists must not keep
			 * a block, which the next zone sharing them would be handed.
			 */
			if (batch > 1)
				batch = max(batch >> order, 2);
			alloced = rmqueue_bulk(zone, order, batch, list, migratetype,
					       alloc_flags);
			pcp->count += alloced << order;
			if (unlikely(list_empty(list)))
				return NULL;
		}
		page = list_first_entry(list, struct page, pcp_list);
		list_del(&page->pcp_list);
		pcp->count -= 1 << order;
	} while (check_new_pages(page, order));
	return page;
}

static struct page *rmqueue_pcplist(struct zone *zone, unsigned int order,
				    int migratetype, unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = zone_pcp(zone, raw_smp_processor_id());
	struct list_head *list = &pcp->lists[order_to_pindex(migratetype, order)];
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&pcp->lock, flags);
	pcp->free_factor >>= 1;
	page = __rmqueue_pcplist(zone, order, migratetype, alloc_flags, pcp, list);
	spin_unlock_irqrestore(&pcp->lock, flags);
	return page;
}

/* A block straight from the buddy (orders above the pcp ones, or pcp refused). */
static struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
				  unsigned int alloc_flags, int migratetype)
{
	unsigned long flags;
	struct page *page;

	do {
		page = NULL;
		spin_lock_irqsave(&zone->lock, flags);
		if (alloc_flags & ALLOC_HARDER)
			page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
		if (!page)
			page = __rmqueue(zone, order, migratetype, alloc_flags);
		if (!page) {
			spin_unlock_irqrestore(&zone->lock, flags);
			return NULL;
		}
		__mod_zone_freepage_state(zone, -(1 << order), get_pcppage_migratetype(page));
		spin_unlock_irqrestore(&zone->lock, flags);
	} while (check_new_pages(page, order));
	return page;
}

/* NUMA statistics of an allocation served by @z for @preferred_zone. */
static void zone_statistics(struct zone *preferred_zone, struct zone *z)
{
	if (zone_to_nid(z) == zone_to_nid(preferred_zone)) {
		__count_numa_event(z, NUMA_HIT);
	} else {
		__count_numa_event(z, NUMA_MISS);
		__count_numa_event(preferred_zone, NUMA_FOREIGN);
	}
	__count_numa_event(z, zone_to_nid(z) == numa_node_id() ? NUMA_LOCAL : NUMA_OTHER);
}

/* A block of @order from @zone: pcp lists for small orders, else the buddy. */
static struct page *rmqueue(struct zone *preferred_zone, struct zone *zone,
			    unsigned int order, gfp_t gfp_flags,
			    unsigned int alloc_flags, int migratetype)
{
	struct page *page = NULL;

	if (likely(pcp_allowed_order(order)))
		page = rmqueue_pcplist(zone, order, migratetype, alloc_flags);
	if (!page)
		page = rmqueue_buddy(zone, order, alloc_flags, migratetype);
	if (page) {
		__count_zid_vm_events(PGALLOC, page_zonenum(page), 1 << order);
		zone_statistics(preferred_zone, zone);
		VM_BUG_ON_PAGE(bad_range(zone, page), page);
	}
	return page;
}

/* ---- watermarks and the allocation paths ------------------------------------------ */

/* Free pages this allocation may not count: the order's own pages, highatomic reserve. */
static long __zone_watermark_unusable_free(struct zone *z, unsigned int order,
					   unsigned int alloc_flags)
{
	long unusable_free = (1 << order) - 1;

	if (likely(!(alloc_flags & (ALLOC_HARDER | ALLOC_OOM))))
		unusable_free += z->nr_reserved_highatomic;
	return unusable_free;
}

/*
 * Whether @z keeps more than @mark (+ the lowmem reserve for @highest_zoneidx) free
 * pages after an allocation of @order, and has a free block of that order to give.
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	long min = mark;

	free_pages -= __zone_watermark_unusable_free(z, order, alloc_flags);
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (unlikely(alloc_flags & (ALLOC_HARDER | ALLOC_OOM)))
		min -= (alloc_flags & ALLOC_OOM) ? min / 2 : min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt))
				return true;
		if ((alloc_flags & (ALLOC_HARDER | ALLOC_OOM)) &&
		    !free_area_empty(area, MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
}

bool zone_watermark_ok_safe(struct zone *z, unsigned int order, unsigned long mark,
			    int highest_zoneidx)
{
	long free_pages = zone_page_state_snapshot(z, NR_FREE_PAGES);

	return __zone_watermark_ok(z, order, mark, highest_zoneidx, 0, free_pages);
}

/*
 * The allocation path's check: the drifting count where it is far from the marks, the
 * snapshot below percpu_drift_mark. Linux's allocation path trusts the drifting count
 * and leaves exactness to kswapd (zone_watermark_ok_safe); here the min watermark must
 * hold by itself, as direct reclaim may find nothing kswapd could.
 */
static bool zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
				int highest_zoneidx, unsigned int alloc_flags)
{
	long free_pages = zone_page_state(z, NR_FREE_PAGES);

	if (z->percpu_drift_mark && free_pages < (long)z->percpu_drift_mark)
		free_pages = zone_page_state_snapshot(z, NR_FREE_PAGES);
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags, free_pages);
}

/**
 * prep_compound_page - make 2^@order pages one compound page
 * @page: the first page, which becomes the head (PG_head, the order in its first tail)
 * @order: at least 1
 *
 * Every tail page points at the head (compound_head) and has TAIL_MAPPING, which the
 * free path checks. The page allocator calls it for __GFP_COMP.
 */
void prep_compound_page(struct page *page, unsigned int order)
{
	__SetPageHead(page);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		struct page *p = page + i;

		p->mapping = TAIL_MAPPING;
		set_compound_head(p, page);
		set_page_private(p, 0);
	}
	set_compound_order(page, order);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	set_page_private(page, 0);
	set_page_count(page, 1);
	if (gfp_flags & __GFP_ZERO) {
		for (unsigned int i = 0; i < (1U << order); i++)
			clear_page(page_address(page) + i * PAGE_SIZE);
	}
	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);
}

/*
 * Until page_alloc_init_late is done, a zone short of pages may have deferred ones to
 * initialise (Linux's _deferred_grow_zone: the only way from here into __init code, which
 * deferred_pages closes before free_initmem).
 */
static bool grow_zone(struct zone *zone, unsigned int order)
{
	return READ_ONCE(deferred_pages) && deferred_grow_zone(zone, order);
}

/*
 * The first zone of the zonelist with pages above its watermark gives the block,
 * growing a zone that has deferred pages when it falls short.
 */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   int alloc_flags, const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist, ac->highest_zoneidx,
					ac->nodemask) {
		struct page *page;

try_this_zone:
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(zone, order,
				       wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK),
				       ac->highest_zoneidx, alloc_flags)) {
			if (grow_zone(zone, order))
				goto try_this_zone;
			continue;
		}
		page = rmqueue(ac->preferred_zoneref->zone, zone, order, gfp_mask,
			       alloc_flags, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp_mask);
			return page;
		}
		if (grow_zone(zone, order))
			goto try_this_zone;
	}
	return NULL;
}

static void nodemask_to_str(char *buf, size_t size, const nodemask_t *mask)
{
	size_t len = 0;
	int nid;

	if (!mask) {
		snprintf(buf, size, "(null)");
		return;
	}
	buf[0] = '\0';
	for_each_node_mask(nid, mask) {
		int last = nid;

		while (last + 1 < MAX_NUMNODES && node_isset(last + 1, mask))
			last++;
		len += snprintf(buf + len, len < size ? size - len : 0,
				last == nid ? "%s%d" : "%s%d-%d", len ? "," : "", nid, last);
		nid = last;
	}
}

/**
 * warn_alloc - report a failed allocation, as Linux does
 * @gfp_mask: the allocation's flags; nothing is printed with __GFP_NOWARN
 * @nodemask: its nodemask, or NULL
 * @fmt: what failed ("page allocation failure: order:%u")
 */
void warn_alloc(gfp_t gfp_mask, nodemask_t *nodemask, const char *fmt, ...)
{
	char what[96], flags[192], nodes[64];
	va_list args;

	if (gfp_mask & __GFP_NOWARN)
		return;
	nr_alloc_failure_reports++;
	va_start(args, fmt);
	vsnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	format_gfp_flags(flags, sizeof(flags), gfp_mask);
	nodemask_to_str(nodes, sizeof(nodes), nodemask);
	pr_warn("%s: %s, mode:%#x(%s), nodemask=%s\n", current->comm, what, gfp_mask, flags,
		nodes);
	dump_stack();
	show_free_areas(SHOW_MEM_FILTER_NODES, nodemask);
}

static unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	if (gfp_mask & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp_mask & __GFP_ATOMIC) {
		if (!(gfp_mask & __GFP_NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	return alloc_flags;
}

/*
 * The OOM killer's turn (oom_lock only tried: whoever holds it is killing for us too).
 * *did_some_progress: memory is on its way back, retrying is worth it.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order,
					  const struct alloc_context *ac,
					  bool *did_some_progress)
{
	struct page *page;

	*did_some_progress = false;
	if (!mutex_trylock(&oom_lock)) {
		*did_some_progress = true;
		schedule_timeout_uninterruptible(1);
		return NULL;
	}
	/* Someone may have freed memory meanwhile: the high mark, so this is no fluke. */
	page = get_page_from_freelist(gfp_mask, order, ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (!page)
		*did_some_progress = out_of_memory(gfp_mask, order);
	mutex_unlock(&oom_lock);
	if (*did_some_progress && !page)
		schedule_timeout_uninterruptible(1);
	return page;
}

/* Below the low watermark: each node of the zonelist gets its kswapd woken, once. */
static void wake_all_kswapds(unsigned int order, gfp_t gfp_mask,
			     const struct alloc_context *ac)
{
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist, ac->highest_zoneidx,
					ac->nodemask) {
		if (!managed_zone(zone) || zone->zone_pgdat == last_pgdat)
			continue;
		last_pgdat = zone->zone_pgdat;
		wakeup_kswapd(zone, gfp_mask, (int)order, ac->highest_zoneidx);
	}
}

/*
 * Direct reclaim, then another try; the pages reclaim freed may sit on other cpus'
 * pcp lists (as may others freed meanwhile), so a failed try drains them once.
 */
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp_mask, unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac)
{
	struct page *page;

	try_to_free_pages(ac->zonelist, order, gfp_mask, ac->nodemask);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		return page;
	drain_all_pages(NULL);
	return get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
}

/*
 * The slow path: one more try at the min watermark (lower for __GFP_HIGH/atomic); then,
 * for an allocation that may sleep, direct reclaim: once for __GFP_NORETRY and costly
 * orders, else with the OOM killer, retried while they make progress, as Linux's; kswapd
 * is woken on the way in. We have no compaction. A task already killed stops retrying
 * so that it can exit; __GFP_NOFAIL never gives up (which only a sleeper may ask).
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
					   struct alloc_context *ac)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp_mask);
	bool progress;
	struct page *page;

retry:
	if (gfp_mask & __GFP_KSWAPD_RECLAIM)
		wake_all_kswapds(order, gfp_mask, ac);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		return page;
	if (!(gfp_mask & __GFP_DIRECT_RECLAIM))
		goto nopage;
	do {
		page = __alloc_pages_direct_reclaim(gfp_mask, order, alloc_flags, ac);
		if (page)
			return page;
		if ((gfp_mask & __GFP_NORETRY) || order > PAGE_ALLOC_COSTLY_ORDER ||
		    fatal_signal_pending(current))
			break;
		page = __alloc_pages_may_oom(gfp_mask, order, ac, &progress);
		if (page)
			return page;
		page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
		if (page)
			return page;
	} while (progress && !fatal_signal_pending(current));
	/* A killed task may use the reserves to get out (Linux's ALLOC_OOM). */
	if (fatal_signal_pending(current)) {
		page = get_page_from_freelist(gfp_mask, order, ALLOC_NO_WATERMARKS, ac);
		if (page)
			return page;
	}
nopage:
	if (gfp_mask & __GFP_NOFAIL) {
		if (WARN_ON_ONCE(!(gfp_mask & __GFP_DIRECT_RECLAIM)))
			goto fail;
		WARN_ON_ONCE(order > PAGE_ALLOC_COSTLY_ORDER);
		/* Part of the reserves, never all of them (Linux's ALLOC_HARDER here). */
		page = get_page_from_freelist(gfp_mask, order, ALLOC_WMARK_MIN | ALLOC_HARDER, ac);
		if (page)
			return page;
		goto retry;	/* the kernel preempts: no cond_resched needed */
	}
fail:
	warn_alloc(gfp_mask, ac->nodemask, "page allocation failure: order:%u", order);
	return NULL;
}

static void prepare_alloc_pages(gfp_t gfp_mask, int preferred_nid, nodemask_t *nodemask,
				struct alloc_context *ac)
{
	ac->highest_zoneidx = gfp_zone(gfp_mask);
	ac->zonelist = node_zonelist(preferred_nid, gfp_mask);
	ac->nodemask = nodemask;
	ac->migratetype = gfp_migratetype(gfp_mask);
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx,
						     ac->nodemask);
}

/**
 * __alloc_pages - allocate 2^@order contiguous pages
 * @gfp: GFP flags: zone, mobility, __GFP_ZERO, __GFP_NOWARN, __GFP_THISNODE ...
 * @order: 0..MAX_ORDER-1
 * @preferred_nid: the node tried first (its zonelist gives the fallback order)
 * @nodemask: nodes allowed, or NULL for all
 *
 * Return: the first page (refcount 1), or NULL. Context: any; sleeps (reclaim, the OOM
 * killer) only when @gfp has __GFP_DIRECT_RECLAIM.
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   nodemask_t *nodemask)
{
	struct alloc_context ac = { };
	struct page *page;

	might_alloc(gfp);
	gfp &= gfp_allowed_mask;
	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			WARN_ON_ONCE(order >= MAX_ORDER);
		return NULL;
	}
	if (WARN_ON(preferred_nid < 0 || preferred_nid >= MAX_NUMNODES ||
		    !NODE_DATA(preferred_nid)))
		preferred_nid = numa_mem_id();
	gfp &= __GFP_BITS_MASK;
	prepare_alloc_pages(gfp, preferred_nid, nodemask, &ac);
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, &ac);
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp, order, &ac);
}

/* The linear-map address of 2^order new pages, or 0. */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = alloc_pages(gfp_mask & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/* The address of one zeroed page, or 0. */
unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

void free_the_page(struct page *page, unsigned int order)
{
	if (pcp_allowed_order(order))
		free_unref_page(page, order);
	else
		__free_pages_ok(page, order, FPI_NONE);
}

/**
 * __free_pages - drop a reference to 2^@order pages from alloc_pages
 * @page: the first page
 * @order: the order it was allocated with
 *
 * The pages go back when the last reference goes. A page freed twice, a reserved page
 * or an impossible order is reported and left alone (leaked), never merged.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (WARN_ON(order >= MAX_ORDER))
		return;
	if (unlikely(page_ref_count(page) <= 0)) {
		/* Linux BUGs here (put_page_testzero); we report and keep the lists intact. */
		nr_bad_page_reports++;
		pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm,
			 page_to_pfn(page));
		dump_page(page, "freeing a page with _refcount 0 (double free?)");
		return;
	}
	if (put_page_testzero(page))
		free_the_page(page, order);
}

/* Frees the pages at linear-map address @addr (0 is ignored). */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0) {
		VM_BUG_ON(!pfn_valid(virt_to_pfn((void *)addr)));
		__free_pages(virt_to_page((void *)addr), order);
	}
}

/**
 * split_page - make each page of a non-compound 2^@order allocation its own page
 * @page: the first page (refcount 1)
 * @order: its order
 *
 * Afterwards every page has refcount 1 and is freed on its own with __free_page.
 */
void split_page(struct page *page, unsigned int order)
{
	VM_BUG_ON_PAGE(PageHead(page), page);
	VM_BUG_ON_PAGE(!page_ref_count(page), page);
	for (unsigned long i = 1; i < (1UL << order); i++)
		set_page_count(page + i, 1);
}

/* ---- zonelists --------------------------------------------------------------------- */

#define PENALTY_FOR_NODE_WITH_CPUS	1

/* How often each node came first in a distance group of a zonelist built so far. */
static int node_load[MAX_NUMNODES];
DEFINE_PER_CPU_READ_MOSTLY(int, _numa_mem_);

/*
 * The nearest node not yet in @used_node_mask (first @node itself), marked used; or
 * NUMA_NO_NODE. Ties go to higher-numbered nodes, nodes without running cpus (at boot,
 * before smp bring-up, cpumask_of_node is empty everywhere, as in Linux), and the less
 * loaded (node_load spreads the nodes' first fallbacks), as Linux's find_next_best_node.
 */
int find_next_best_node(int node, nodemask_t *used_node_mask)
{
	int n, val, min_val = INT_MAX, best_node = NUMA_NO_NODE;

	if (!node_isset(node, used_node_mask)) {
		node_set(node, used_node_mask);
		return node;
	}
	for_each_node_state(n, N_MEMORY) {
		if (node_isset(n, used_node_mask))
			continue;
		val = node_distance(node, n);
		val += (n < node);
		if (!cpumask_empty(cpumask_of_node(n)))
			val += PENALTY_FOR_NODE_WITH_CPUS;
		/* node_load < MAX_NUMNODES: it only breaks ties between equal distances */
		val *= MAX_NUMNODES;
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best_node = n;
		}
	}
	if (best_node >= 0)
		node_set(best_node, used_node_mask);
	return best_node;
}

static void zoneref_set_zone(struct zone *zone, struct zoneref *zoneref)
{
	zoneref->zone = zone;
	zoneref->zone_idx = zone_idx(zone);
}

/* Appends @pgdat's populated zones, highest first; returns how many. */
static int build_zonerefs_node(pg_data_t *pgdat, struct zoneref *zonerefs)
{
	int nr_zones = 0;

	for (int zone_type = MAX_NR_ZONES - 1; zone_type >= 0; zone_type--) {
		struct zone *zone = pgdat->node_zones + zone_type;

		if (populated_zone(zone)) {
			zoneref_set_zone(zone, &zonerefs[nr_zones++]);
			if (zone_type > (int)policy_zone && zone_type != ZONE_MOVABLE)
				policy_zone = zone_type;
		}
	}
	return nr_zones;
}

static void build_zonelists(pg_data_t *pgdat)
{
	int node_order[MAX_NUMNODES], nr_nodes = 0, node;
	int local_node = pgdat->node_id, prev_node = local_node;
	struct zoneref *zonerefs;
	nodemask_t used_mask = NODE_MASK_NONE;

	while ((node = find_next_best_node(local_node, &used_mask)) >= 0) {
		/* Nodes at a new distance get load, so the next node's list starts elsewhere. */
		if (node_distance(local_node, node) != node_distance(local_node, prev_node))
			node_load[node] += 1;
		node_order[nr_nodes++] = node;
		prev_node = node;
	}

	zonerefs = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	for (int i = 0; i < nr_nodes; i++)
		zonerefs += build_zonerefs_node(NODE_DATA(node_order[i]), zonerefs);
	zonerefs->zone = NULL;
	zonerefs->zone_idx = 0;

	zonerefs = pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	zonerefs += build_zonerefs_node(pgdat, zonerefs);
	zonerefs->zone = NULL;
	zonerefs->zone_idx = 0;

	pr_info("Fallback order for Node %d: ", local_node);
	for (int i = 0; i < nr_nodes; i++)
		pr_cont("%d ", node_order[i]);
	pr_cont("\n");
}

/* The node of the first zone a GFP_KERNEL allocation on @node tries. */
static int local_memory_node(int node)
{
	struct zoneref *z = first_zones_zonelist(node_zonelist(node, GFP_KERNEL),
						 gfp_zone(GFP_KERNEL), NULL);

	return zonelist_node_idx(z);
}

/* The next zoneref at or after @z with a zone <= @highest_zoneidx on a node in @nodes. */
struct zoneref *__next_zones_zonelist(struct zoneref *z, enum zone_type highest_zoneidx,
				      nodemask_t *nodes)
{
	if (unlikely(nodes == NULL)) {
		while (zonelist_zone_idx(z) > (int)highest_zoneidx)
			z++;
	} else {
		while (zonelist_zone_idx(z) > (int)highest_zoneidx ||
		       (z->zone && !node_isset(zonelist_node_idx(z), nodes)))
			z++;
	}
	return z;
}

static void __init boot_pagesets_init(void);

/**
 * build_all_zonelists - build every online node's zonelists and print them
 * @pgdat: unused (Linux passes a hot-added node); NULL at boot
 *
 * Context: boot, after free_area_init (zones must be sized), before the first
 * allocation. Prints "Fallback order for Node N: ..." and the total line.
 */
void __init build_all_zonelists(pg_data_t *pgdat)
{
	unsigned long vm_total_pages;
	int nid, cpu;

	memset(node_load, 0, sizeof(node_load));
	for_each_online_node(nid)
		build_zonelists(NODE_DATA(nid));
	for_each_possible_cpu(cpu)
		per_cpu(_numa_mem_, cpu) = local_memory_node(cpu_to_node(cpu));
	boot_pagesets_init();

	vm_total_pages = nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
	page_group_by_mobility_disabled = vm_total_pages < pageblock_nr_pages * MIGRATE_TYPES;
	pr_info("Built %u zonelists, mobility grouping %s.  Total pages: %ld\n",
		num_online_nodes(), page_group_by_mobility_disabled ? "off" : "on",
		(long)vm_total_pages);
	pr_info("Policy zone: %s\n", zone_names[policy_zone]);
}

/* ---- per-cpu list sizing ------------------------------------------------------------ */

/* Pages moved per pcp refill or flush: ~0.1% of the zone or 1 MiB, as 2^n - 1. */
static int zone_batchsize(struct zone *zone)
{
	int batch = min(zone_managed_pages(zone) >> 10, SZ_1M / PAGE_SIZE);

	batch /= 4;
	if (batch < 1)
		batch = 1;
	return rounddown_pow_of_two(batch + batch / 2) - 1;
}

/*
 * pcp->high: the zone's low watermark split over the cpus of its node (all cpus if
 * the node has none), and at least 4 batches.
 */
static int zone_highsize(struct zone *zone, int batch, int cpu_online)
{
	unsigned long total_pages = percpu_pagelist_high_fraction ?
		zone_managed_pages(zone) / percpu_pagelist_high_fraction : low_wmark_pages(zone);
	int nr_split_cpus = mm_num_cpus_of_node(zone_to_nid(zone)) + cpu_online;
	int high;

	if (!nr_split_cpus)
		nr_split_cpus = mm_num_cpus();
	high = total_pages / nr_split_cpus;
	return max(high, batch << 2);
}

static void pageset_update(struct per_cpu_pages *pcp, unsigned long high,
			   unsigned long batch)
{
	WRITE_ONCE(pcp->batch, batch);
	WRITE_ONCE(pcp->high, high);
}

static void zone_set_pageset_high_and_batch(struct zone *zone, int cpu_online)
{
	int new_batch = max(1, zone_batchsize(zone));
	int new_high = zone_highsize(zone, new_batch, cpu_online);
	int cpu;

	if (zone->pageset_high == new_high && zone->pageset_batch == new_batch)
		return;
	zone->pageset_high = new_high;
	zone->pageset_batch = new_batch;
	for_each_possible_cpu(cpu)
		pageset_update(zone_pcp(zone, cpu), new_high, new_batch);
}

#define BOOT_PAGESET_HIGH	0
#define BOOT_PAGESET_BATCH	1

/*
 * Every zone's pcp pointers lead here until setup_per_cpu_pageset, so the lists must be
 * empty between calls: high 0 sends each free straight back to the buddy, and batch 1
 * makes a refill take only the block being allocated (__rmqueue_pcplist). Per-cpu, each
 * with its own lock like any pcp.
 */
static DEFINE_PER_CPU(struct per_cpu_pages, boot_pageset);
static DEFINE_PER_CPU(struct per_cpu_zonestat, boot_zonestats);
/* Every node's counters' diffs until setup_per_cpu_pageset: threshold 0, always folded. */
DEFINE_PER_CPU(struct per_cpu_nodestat, boot_nodestats);

static void per_cpu_pages_init(struct per_cpu_pages *pcp, struct per_cpu_zonestat *pzstats)
{
	memset(pcp, 0, sizeof(*pcp));
	memset(pzstats, 0, sizeof(*pzstats));
	spin_lock_init(&pcp->lock);
	for (int pindex = 0; pindex < NR_PCP_LISTS; pindex++)
		INIT_LIST_HEAD(&pcp->lists[pindex]);
	pageset_update(pcp, BOOT_PAGESET_HIGH, BOOT_PAGESET_BATCH);
}

/* Boot pagesets for every cpu (build_all_zonelists, as Linux's __build_all_zonelists). */
static void __init boot_pagesets_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		per_cpu_pages_init(&per_cpu(boot_pageset, cpu), &per_cpu(boot_zonestats, cpu));
}

/* A zone starts on the boot pagesets (free_area_init). */
void zone_pcp_init(struct zone *zone)
{
	zone->per_cpu_pageset = &boot_pageset;
	zone->per_cpu_zonestats = &boot_zonestats;
	zone->pageset_high = BOOT_PAGESET_HIGH;
	zone->pageset_batch = BOOT_PAGESET_BATCH;
}

/* The zone's own pcp lists and stat thresholds, one per possible cpu, sized. */
static void __init setup_zone_pageset(struct zone *zone)
{
	unsigned int cpu;

	zone->per_cpu_pageset = alloc_percpu(struct per_cpu_pages);
	zone->per_cpu_zonestats = alloc_percpu(struct per_cpu_zonestat);
	if (!zone->per_cpu_pageset || !zone->per_cpu_zonestats)
		panic("%s: no per-cpu memory for the %s zone's pagesets\n", __func__, zone->name);
	for_each_possible_cpu(cpu)
		per_cpu_pages_init(zone_pcp(zone, cpu), per_cpu_ptr(zone->per_cpu_zonestats, cpu));
	zone_set_pageset_high_and_batch(zone, 0);
}

/**
 * setup_per_cpu_pageset - give every populated zone its own pcp lists, and size them
 *
 * Context: boot, after mem_init (managed pages are known) and with per-cpu areas (the
 * boot pagesets are empty: high 0 sends every page back at once).
 */
void __init setup_per_cpu_pageset(void)
{
	struct pglist_data *pgdat;
	struct zone *zone;

	for_each_populated_zone(zone)
		setup_zone_pageset(zone);
	for_each_online_pgdat(pgdat) {
		pgdat->per_cpu_nodestats = alloc_percpu(struct per_cpu_nodestat);
		if (!pgdat->per_cpu_nodestats)
			panic("%s: no per-cpu memory for node %d's counters\n", __func__,
			      pgdat->node_id);
	}
	refresh_zone_stat_thresholds();
}

/* ---- watermarks ----------------------------------------------------------------------- */

/* Pages above the high watermark in the zones <= @offset of this node's zonelist. */
unsigned long nr_free_zone_pages(int offset)
{
	struct zonelist *zonelist = node_zonelist(numa_node_id(), GFP_KERNEL);
	unsigned long sum = 0;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, zonelist, offset) {
		unsigned long size = zone_managed_pages(zone);
		unsigned long high = high_wmark_pages(zone);

		if (size > high)
			sum += size - high;
	}
	return sum;
}

/* Pages usable for buffers and GFP_USER allocations. */
unsigned long nr_free_buffer_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_USER));
}

static void calculate_totalreserve_pages(void)
{
	unsigned long reserve_pages = 0;
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		pgdat->totalreserve_pages = 0;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = pgdat->node_zones + i;
			long max = 0;

			for (int j = i; j < MAX_NR_ZONES; j++)
				max = max(max, zone->lowmem_reserve[j]);
			max += high_wmark_pages(zone);
			max = min(max, (long)zone_managed_pages(zone));
			pgdat->totalreserve_pages += max;
			reserve_pages += max;
		}
	}
	totalreserve_pages = reserve_pages;
}

/* lowmem_reserve[j] of a zone: 1/ratio of the pages of the zones above it up to j. */
static void setup_per_zone_lowmem_reserve(void)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = sysctl_lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed_pages = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				managed_pages += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 : managed_pages / ratio;
			}
		}
	}
	calculate_totalreserve_pages();
}

/*
 * min: min_free_kbytes spread over the zones by managed pages; low and high each a
 * quarter of min (or watermark_scale_factor/10000 of the zone) further up.
 */
static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;
	unsigned long flags;

	for_each_zone(zone)
		lowmem_pages += zone_managed_pages(zone);

	for_each_zone(zone) {
		u64 tmp;

		spin_lock_irqsave(&zone->lock, flags);
		tmp = lowmem_pages ? (u64)pages_min * zone_managed_pages(zone) / lowmem_pages : 0;
		zone->_watermark[WMARK_MIN] = tmp;
		tmp = max_t(u64, tmp >> 2, mult_frac(zone_managed_pages(zone),
						     (unsigned long)watermark_scale_factor,
						     10000UL));
		zone->watermark_boost = 0;
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_PROMO] = high_wmark_pages(zone) + tmp;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	calculate_totalreserve_pages();
}

/**
 * setup_per_zone_wmarks - recompute every zone's watermarks from min_free_kbytes
 *
 * The pcp high limits follow the low watermark, so they are recomputed too.
 */
void setup_per_zone_wmarks(void)
{
	struct zone *zone;

	__setup_per_zone_wmarks();
	for_each_populated_zone(zone)
		zone_set_pageset_high_and_batch(zone, 0);
}

/* min_free_kbytes = sqrt(lowmem_kbytes * 16), within [128, 262144] (Linux's formula). */
static void calculate_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	int new_min_free_kbytes = int_sqrt(lowmem_kbytes * 16);

	if (new_min_free_kbytes > user_min_free_kbytes)
		min_free_kbytes = clamp(new_min_free_kbytes, 128, 262144);
	else
		pr_warn("min_free_kbytes is not updated to %d because user defined value %d is preferred\n",
			new_min_free_kbytes, user_min_free_kbytes);
}

/**
 * init_per_zone_wmark_min - set min_free_kbytes, the watermarks, the pcp high limits,
 * the vmstat thresholds and the lowmem reserves
 *
 * Context: boot, after mem_init and setup_per_cpu_pageset (Linux: a postcore_initcall).
 * Return: 0.
 */
int __init init_per_zone_wmark_min(void)
{
	calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	refresh_zone_stat_thresholds();
	setup_per_zone_lowmem_reserve();
	return 0;
}

/* ---- reports ------------------------------------------------------------------------ */

static const struct {
	gfp_t mask;
	const char *name;
} gfp_names[] = {
#define GFP_NAME(flag)	{ flag, #flag }
	GFP_NAME(GFP_HIGHUSER_MOVABLE), GFP_NAME(GFP_HIGHUSER), GFP_NAME(GFP_USER),
	GFP_NAME(GFP_KERNEL_ACCOUNT), GFP_NAME(GFP_KERNEL), GFP_NAME(GFP_NOFS),
	GFP_NAME(GFP_ATOMIC), GFP_NAME(GFP_NOIO), GFP_NAME(GFP_NOWAIT), GFP_NAME(GFP_DMA),
	GFP_NAME(__GFP_HIGHMEM), GFP_NAME(GFP_DMA32), GFP_NAME(__GFP_HIGH),
	GFP_NAME(__GFP_ATOMIC), GFP_NAME(__GFP_IO), GFP_NAME(__GFP_FS),
	GFP_NAME(__GFP_NOWARN), GFP_NAME(__GFP_RETRY_MAYFAIL), GFP_NAME(__GFP_NOFAIL),
	GFP_NAME(__GFP_NORETRY), GFP_NAME(__GFP_COMP), GFP_NAME(__GFP_ZERO),
	GFP_NAME(__GFP_NOMEMALLOC), GFP_NAME(__GFP_MEMALLOC), GFP_NAME(__GFP_HARDWALL),
	GFP_NAME(__GFP_THISNODE), GFP_NAME(__GFP_RECLAIMABLE), GFP_NAME(__GFP_MOVABLE),
	GFP_NAME(__GFP_ACCOUNT), GFP_NAME(__GFP_WRITE), GFP_NAME(__GFP_RECLAIM),
	GFP_NAME(__GFP_DIRECT_RECLAIM), GFP_NAME(__GFP_KSWAPD_RECLAIM),
	GFP_NAME(__GFP_ZEROTAGS),
#undef GFP_NAME
};

/* Names of @gfp as %pGg prints them: compound names first, leftover bits in hex. */
char *format_gfp_flags(char *buf, size_t size, gfp_t gfp)
{
	size_t len = 0;

	buf[0] = '\0';
	if (!gfp) {
		snprintf(buf, size, "none");
		return buf;
	}
	for (size_t i = 0; i < ARRAY_SIZE(gfp_names) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask || !gfp_names[i].mask)
			continue;
		gfp &= ~gfp_names[i].mask;
		len += snprintf(buf + len, len < size ? size - len : 0, "%s%s",
				len ? "|" : "", gfp_names[i].name);
	}
	if (gfp)
		snprintf(buf + len, len < size ? size - len : 0, "%s%#x", len ? "|" : "", gfp);
	return buf;
}


static unsigned long zone_pcp_pages(struct zone *zone)
{
	unsigned long count = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		count += READ_ONCE(zone_pcp(zone, cpu)->count);
	return count;
}

/* SHOW_MEM_FILTER_NODES: only the nodes of nodemask (NULL: every node, no cpusets). */
static bool show_mem_node_skip(unsigned int flags, int nid, nodemask_t *nodemask)
{
	return (flags & SHOW_MEM_FILTER_NODES) && nodemask && !node_isset(nid, nodemask);
}

/* The zones __show_free_areas reports: populated, up to max_zone_idx, not filtered. */
static bool show_zone_skip(struct zone *zone, unsigned int flags, nodemask_t *nodemask,
			   int max_zone_idx)
{
	return zone_idx(zone) > max_zone_idx ||
	       show_mem_node_skip(flags, zone_to_nid(zone), nodemask);
}

/* "Node 0 DMA: 3*4kB (UM) 2*8kB (M) ... = 1234kB", as Linux's show_free_areas. */
static void show_zone_buddy(struct zone *zone)
{
	static const char types[MIGRATE_TYPES] = { 'U', 'M', 'E', 'H', 'I' };
	unsigned long flags, total = 0;

	pr_info("Node %d %s: ", zone_to_nid(zone), zone->name);
	spin_lock_irqsave(&zone->lock, flags);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		char tstr[MIGRATE_TYPES + 1];
		int n = 0;

		for (int type = 0; type < MIGRATE_TYPES; type++)
			if (!free_area_empty(area, type))
				tstr[n++] = types[type];
		tstr[n] = '\0';
		total += area->nr_free << order;
		pr_cont("%lu*%lukB ", area->nr_free, K(1UL << order));
		if (n)
			pr_cont("(%s) ", tstr);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	pr_cont("= %lukB\n", K(total));
}

/* The whole machine's LRU, slab and free counts, in pages (Linux's first lines). */
static void show_global_counts(unsigned long free_pcp)
{
	pr_info("active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
		" active_file:%lu inactive_file:%lu isolated_file:%lu\n"
		" unevictable:%lu dirty:%lu writeback:%lu\n"
		" slab_reclaimable:%lu slab_unreclaimable:%lu\n"
		" mapped:%lu shmem:%lu pagetables:%lu\n"
		" sec_pagetables:%lu bounce:%lu\n"
		" kernel_misc_reclaimable:%lu\n"
		" free:%lu free_pcp:%lu free_cma:%lu\n",
		global_node_page_state(NR_ACTIVE_ANON), global_node_page_state(NR_INACTIVE_ANON),
		global_node_page_state(NR_ISOLATED_ANON), global_node_page_state(NR_ACTIVE_FILE),
		global_node_page_state(NR_INACTIVE_FILE), global_node_page_state(NR_ISOLATED_FILE),
		global_node_page_state(NR_UNEVICTABLE), global_node_page_state(NR_FILE_DIRTY),
		global_node_page_state(NR_WRITEBACK),
		global_node_page_state(NR_SLAB_RECLAIMABLE_B),
		global_node_page_state(NR_SLAB_UNRECLAIMABLE_B),
		global_node_page_state(NR_FILE_MAPPED), global_node_page_state(NR_SHMEM),
		global_node_page_state(NR_PAGETABLE), global_node_page_state(NR_SECONDARY_PAGETABLE),
		global_zone_page_state(NR_BOUNCE),
		global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE),
		global_zone_page_state(NR_FREE_PAGES), free_pcp,
		global_zone_page_state(NR_FREE_CMA_PAGES));
}

/*
 * One node's LRU and kernel counts in kB. all_unreclaimable? is Linux's verdict of
 * kswapd after MAX_RECLAIM_RETRIES failures; we have no kswapd to give up: "no".
 */
static void show_node_counts(pg_data_t *pgdat)
{
	pr_info("Node %d active_anon:%lukB inactive_anon:%lukB active_file:%lukB inactive_file:%lukB unevictable:%lukB isolated(anon):%lukB isolated(file):%lukB mapped:%lukB dirty:%lukB writeback:%lukB shmem:%lukB writeback_tmp:%lukB kernel_stack:%lukB pagetables:%lukB sec_pagetables:%lukB all_unreclaimable? no\n",
		pgdat->node_id, K(node_page_state(pgdat, NR_ACTIVE_ANON)),
		K(node_page_state(pgdat, NR_INACTIVE_ANON)),
		K(node_page_state(pgdat, NR_ACTIVE_FILE)),
		K(node_page_state(pgdat, NR_INACTIVE_FILE)),
		K(node_page_state(pgdat, NR_UNEVICTABLE)),
		K(node_page_state(pgdat, NR_ISOLATED_ANON)),
		K(node_page_state(pgdat, NR_ISOLATED_FILE)),
		K(node_page_state(pgdat, NR_FILE_MAPPED)), K(node_page_state(pgdat, NR_FILE_DIRTY)),
		K(node_page_state(pgdat, NR_WRITEBACK)), K(node_page_state(pgdat, NR_SHMEM)),
		K(node_page_state(pgdat, NR_WRITEBACK_TEMP)),
		node_page_state(pgdat, NR_KERNEL_STACK_KB), K(node_page_state(pgdat, NR_PAGETABLE)),
		K(node_page_state(pgdat, NR_SECONDARY_PAGETABLE)));
}

/* One zone's free memory, watermarks, LRU share and pcp pages, and its lowmem_reserve. */
static void show_zone_counts(struct zone *zone)
{
	pr_info("Node %d %s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB reserved_highatomic:%luKB active_anon:%lukB inactive_anon:%lukB active_file:%lukB inactive_file:%lukB unevictable:%lukB writepending:%lukB present:%lukB managed:%lukB mlocked:%lukB bounce:%lukB free_pcp:%lukB local_pcp:%lukB free_cma:%lukB\n",
		zone_to_nid(zone), zone->name, K(zone_page_state(zone, NR_FREE_PAGES)),
		K(zone->watermark_boost), K(min_wmark_pages(zone)),
		K(low_wmark_pages(zone)), K(high_wmark_pages(zone)),
		K(zone->nr_reserved_highatomic),
		K(zone_page_state(zone, NR_ZONE_ACTIVE_ANON)),
		K(zone_page_state(zone, NR_ZONE_INACTIVE_ANON)),
		K(zone_page_state(zone, NR_ZONE_ACTIVE_FILE)),
		K(zone_page_state(zone, NR_ZONE_INACTIVE_FILE)),
		K(zone_page_state(zone, NR_ZONE_UNEVICTABLE)),
		K(zone_page_state(zone, NR_ZONE_WRITE_PENDING)), K(zone->present_pages),
		K(zone_managed_pages(zone)), K(zone_page_state(zone, NR_MLOCK)),
		K(zone_page_state(zone, NR_BOUNCE)), K(zone_pcp_pages(zone)),
		K(zone_pcp(zone, raw_smp_processor_id())->count),
		K(zone_page_state(zone, NR_FREE_CMA_PAGES)));
	pr_info("lowmem_reserve[]:");
	for (int i = 0; i < MAX_NR_ZONES; i++)
		pr_cont(" %ld", zone->lowmem_reserve[i]);
	pr_cont("\n");
}

/**
 * __show_free_areas - print where memory is, as Linux's (allocation failures, OOM)
 * @flags: SHOW_MEM_FILTER_NODES: only the nodes of @nodemask
 * @nodemask: the nodes to show (NULL: all)
 * @max_zone_idx: the highest zone the failed allocation could use
 *
 * The machine's counts, each node's, each zone's, the buddy lists, the page cache.
 */
void __show_free_areas(unsigned int flags, nodemask_t *nodemask, int max_zone_idx)
{
	unsigned long free_pcp = 0;
	struct zone *zone;
	pg_data_t *pgdat;

	for_each_populated_zone(zone)
		if (!show_zone_skip(zone, flags, nodemask, max_zone_idx))
			free_pcp += zone_pcp_pages(zone);
	show_global_counts(free_pcp);
	for_each_online_pgdat(pgdat)
		if (!show_mem_node_skip(flags, pgdat->node_id, nodemask))
			show_node_counts(pgdat);
	for_each_populated_zone(zone)
		if (!show_zone_skip(zone, flags, nodemask, max_zone_idx))
			show_zone_counts(zone);
	for_each_populated_zone(zone)
		if (!show_zone_skip(zone, flags, nodemask, max_zone_idx))
			show_zone_buddy(zone);
	pr_info("%ld total pagecache pages\n", global_node_page_state(NR_FILE_PAGES));
}

/*
 * The cpus the pcp code serves, counted at boot: the figures Linux reaches once its
 * cpu-online callbacks have recomputed pcp->high and the thresholds. Possible rather
 * than online cpus: one brought up later finds its lists ready.
 */
int mm_num_cpus(void)
{
	return (int)cpumask_weight(cpu_possible_mask);
}

/* The cpus of node @nid the pcp code serves (Linux: cpumask_weight(cpumask_of_node)). */
int mm_num_cpus_of_node(int nid)
{
	int cpu, n = 0;

	for_each_possible_cpu(cpu)
		n += cpu_to_node(cpu) == nid;
	return n;
}

/**
 * si_mem_available - pages that could be allocated without swapping (MemAvailable)
 *
 * Free pages above the reserves, plus the page cache and reclaimable slab that could be
 * reclaimed, each less what the low watermarks keep (Linux's estimate).
 */
long si_mem_available(void)
{
	unsigned long pagecache, wmark_low = 0, reclaimable;
	struct zone *zone;
	long available;

	for_each_zone(zone)
		wmark_low += low_wmark_pages(zone);
	available = (long)global_zone_page_state(NR_FREE_PAGES) - (long)totalreserve_pages;
	pagecache = global_node_page_state(NR_ACTIVE_FILE) +
		    global_node_page_state(NR_INACTIVE_FILE);
	pagecache -= min(pagecache / 2, wmark_low);
	available += (long)pagecache;
	reclaimable = (global_node_page_state(NR_SLAB_RECLAIMABLE_B) >> PAGE_SHIFT) +
		      global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE);
	available += (long)(reclaimable - min(reclaimable / 2, wmark_low));
	return available < 0 ? 0 : available;
}

/* vm.min_free_kbytes: a value set here is the user's, kept over later recomputation. */
int min_free_kbytes_sysctl_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (rc || !write)
		return rc;
	user_min_free_kbytes = min_free_kbytes;
	setup_per_zone_wmarks();
	return 0;
}

int watermark_scale_factor_sysctl_handler(struct ctl_table *table, int write, void *buffer,
					  size_t *lenp, loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (rc || !write)
		return rc;
	setup_per_zone_wmarks();
	return 0;
}

/* 0, or at least 8 (Linux's MIN_PERCPU_PAGELIST_HIGH_FRACTION): high is 1/n of the zone. */
int percpu_pagelist_high_fraction_sysctl_handler(struct ctl_table *table, int write,
						 void *buffer, size_t *lenp, loff_t *ppos)
{
	int old = percpu_pagelist_high_fraction;
	struct zone *zone;
	int rc;

	rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (rc || !write || percpu_pagelist_high_fraction == old)
		return rc;
	if (percpu_pagelist_high_fraction && percpu_pagelist_high_fraction < 8) {
		percpu_pagelist_high_fraction = old;
		return -EINVAL;
	}
	for_each_populated_zone(zone)
		zone_set_pageset_high_and_batch(zone, 0);
	return 0;
}

/*
 * Whether page lies in a free buddy block: the head of one of its aligned blocks is
 * PageBuddy with at least that order. Without the zone lock, as Linux: an answer for
 * /proc/kpageflags that may be stale by the time it is read.
 */
bool is_free_buddy_page(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		struct page *head = page - (pfn & ((1UL << order) - 1));

		if (PageBuddy(head) && READ_ONCE(head->private) >= order)
			return true;
	}
	return false;
}
