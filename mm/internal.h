/*
 * What the mm/ files share among themselves and nobody else needs: the allocation
 * context and ALLOC_* flags, buddy-page helpers, pageblock migratetype access, the boot
 * hand-over from memblock, and the counters of reported errors. (Linux's mm/internal.h.)
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/mm.h>
#include <linux/cpumask.h>
#include <linux/pagemap.h>

/*
 * What an allocation walks: set once by prepare_alloc_pages, read by
 * get_page_from_freelist and the slow path.
 */
struct alloc_context {
	struct zonelist *zonelist;
	nodemask_t *nodemask;			/* NULL: every node */
	struct zoneref *preferred_zoneref;	/* first usable zone of the zonelist */
	int migratetype;
	enum zone_type highest_zoneidx;		/* gfp_zone() */
};

/* alloc_flags: the low bits index _watermark, the others relax the checks. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04	/* ignore watermarks entirely */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		0x08
#define ALLOC_HARDER		0x10	/* atomic: go a quarter below min, use highatomic */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: go half below min */
#define ALLOC_CPUSET		0x40
#define ALLOC_NOFRAGMENT	0x100

/*
 * May reclaim take this folio: not mlocked, and its file (if any) not marked
 * unevictable (ramfs). Otherwise it belongs on LRU_UNEVICTABLE.
 */
static inline bool folio_evictable(struct folio *folio)
{
	return !mapping_unevictable(folio_mapping(folio)) && !PageMlocked(&folio->page);
}

/* Out of the page cache (mm/filemap.c); xa_lock held, the cache's reference the caller's. */
void __filemap_remove_folio(struct folio *folio, void *shadow);

/* The small folio a user pte maps, NULL if none or special (mm/memory.c). */
struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr, pte_t pte);

/* mm/mlock.c: a folio's PG_mlocked and LRU_UNEVICTABLE place (struct folio's mlock_count). */
void mlock_folio(struct folio *folio);
void mlock_new_folio(struct folio *folio);
void munlock_folio(struct folio *folio);

/* A VM_LOCKED VMA maps (or stops mapping) folio: page_add_*_rmap, page_remove_rmap. */
static inline void mlock_vma_folio(struct folio *folio, struct vm_area_struct *vma)
{
	if (unlikely((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) == VM_LOCKED) &&
	    !folio_test_large(folio))
		mlock_folio(folio);
}

static inline void munlock_vma_folio(struct folio *folio, struct vm_area_struct *vma)
{
	if (unlikely(vma->vm_flags & VM_LOCKED) && !folio_test_large(folio))
		munlock_folio(folio);
}

/* Gives 2^order pages whose last reference went back (pcp lists or buddy). */
void free_the_page(struct page *page, unsigned int order);

/* The order of a free block whose first page is @page (PageBuddy, zone lock held). */
static inline unsigned int buddy_order(const struct page *page)
{
	return page_private(page);
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

/* The migratetype a page was taken for or freed as, while it is off the free lists. */
static inline int get_pcppage_migratetype(const struct page *page)
{
	return page->index;
}

static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->index = migratetype;
}

/* pages in KiB, for the boot lines and /proc (Linux's K()). */
static inline unsigned long K(unsigned long pages)
{
	return pages << (PAGE_SHIFT - 10);
}

static inline bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER;
}

/* Pageblock migratetypes (page_alloc.c). Writers hold zone->lock or run at boot. */
void set_pageblock_migratetype(struct page *page, int migratetype);

static inline int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	return get_pfnblock_flags_mask(page, pfn, MIGRATETYPE_MASK);
}

static inline int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable, bool *can_steal);
int find_next_best_node(int node, nodemask_t *used_node_mask);

/* Boot hand-over: free 2^order pages that were never allocated (page_alloc.c). */
void __free_pages_core(struct page *page, unsigned int order);
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);
/* Deferred struct page init (mm_init.c). */
extern bool deferred_pages;
bool early_page_uninitialised(unsigned long pfn);
bool deferred_grow_zone(struct zone *zone, unsigned int order);
/* 2^order pages (order >= 1) as one compound page: __GFP_COMP allocations. */
void prep_compound_page(struct page *page, unsigned int order);

/*
 * The gfp bits that say how hard to try, not where from or what to do with the memory:
 * what an allocator passes on when it allocates its own metadata for a caller.
 */
#define GFP_RECLAIM_MASK	(__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS |	\
				 __GFP_NOWARN | __GFP_RETRY_MAYFAIL | __GFP_NOFAIL |	\
				 __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC)

/* Zone set-up used by mm_init.c (page_alloc.c). */
void zone_pcp_init(struct zone *zone);
DECLARE_PER_CPU(struct per_cpu_nodestat, boot_nodestats);
void zone_init_free_lists(struct zone *zone);
void init_currently_empty_zone(struct zone *zone, unsigned long zone_start_pfn,
			       unsigned long size);
void __init_single_page(struct page *page, unsigned long pfn, unsigned long zone, int nid);
unsigned long nr_free_zone_pages(int offset);

int mm_num_cpus(void);

int mm_num_cpus_of_node(int nid);

/* "DMA", "DMA32", "Normal", "Movable" (page_alloc.c). */
extern const char * const zone_names[MAX_NR_ZONES];

/* How many times bad_page() and warn_alloc() reported (tests and debugging read them). */
extern unsigned long nr_bad_page_reports;
extern unsigned long nr_alloc_failure_reports;

/* mm_init.c: the pfn where ZONE_MOVABLE starts on each node, 0 when none. */
extern unsigned long zone_movable_pfn[MAX_NUMNODES];
/* kernelcore= / movablecore= parsers, exported for tests. */
int cmdline_parse_kernelcore(char *p);
int cmdline_parse_movablecore(char *p);
void reset_zone_movable_params(void);

/*
 * mm/memory.c's page-table walks for mremap and mincore: the pte slot of addr, its
 * tables allocated on the way (NULL without memory), or only if they exist (NULL if not).
 */
pte_t *walk_alloc(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp);
pte_t *walk_lookup(struct mm_struct *mm, unsigned long addr);

#endif
