/*
 * The core memory-management API most of the kernel uses: struct page <-> pfn <->
 * address conversions (SPARSEMEM_VMEMMAP and the linear map), a page's zone and node,
 * reference counting, and the boot entry points of the page allocator.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/mmdebug.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <linux/pfn.h>
#include <linux/gfp.h>
#include <linux/vmstat.h>
#include <asm/memory.h>
#include <asm/vmemmap.h>

/*
 * page->flags layout, as Linux's page-flags-layout.h with SPARSEMEM_VMEMMAP (no section
 * field): | NODE (4 bits) | ZONE (2 bits) | ... | flags (__NR_PAGEFLAGS bits) |
 */
#define NODES_WIDTH		NODES_SHIFT
#define ZONES_WIDTH		ZONES_SHIFT
#define NODES_PGOFF		(64 - NODES_WIDTH)
#define ZONES_PGOFF		(NODES_PGOFF - ZONES_WIDTH)
#define ZONEID_PGOFF		ZONES_PGOFF
#define ZONEID_SHIFT		(NODES_SHIFT + ZONES_SHIFT)
#define NODES_MASK		((1UL << NODES_WIDTH) - 1)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
#define ZONEID_MASK		((1UL << ZONEID_SHIFT) - 1)

_Static_assert(__NR_PAGEFLAGS <= ZONES_PGOFF, "page flags overlap the zone and node ids");

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGOFF) & ZONES_MASK;
}

static inline int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGOFF) & NODES_MASK;
}

/* Node and zone together: pages of one zone have the same zone id. */
static inline int page_zone_id(const struct page *page)
{
	return (page->flags >> ZONEID_PGOFF) & ZONEID_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(page_to_nid(page));
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGOFF);
	page->flags |= (zone & ZONES_MASK) << ZONES_PGOFF;
}

static inline void set_page_node(struct page *page, unsigned long node)
{
	page->flags &= ~(NODES_MASK << NODES_PGOFF);
	page->flags |= (node & NODES_MASK) << NODES_PGOFF;
}

/*
 * Zeroes a struct page with eight stores: memset, a call under -ffreestanding, would cost
 * more than the stores for every one of the boot's struct pages (Linux's, for 64-byte ones).
 */
static inline void mm_zero_struct_page(struct page *page)
{
	unsigned long *pp = (unsigned long *)page;

	_Static_assert(sizeof(struct page) == 8 * sizeof(unsigned long), "struct page: 8 words");
	pp[0] = pp[1] = pp[2] = pp[3] = pp[4] = pp[5] = pp[6] = pp[7] = 0;
}

static inline void set_page_links(struct page *page, enum zone_type zone,
				  unsigned long node, unsigned long pfn)
{
	set_page_zone(page, zone);
	set_page_node(page, node);
}

/* SPARSEMEM_VMEMMAP: the struct page array is indexed by pfn. */
#define __pfn_to_page(pfn)	(vmemmap + (pfn))
#define __page_to_pfn(page)	((unsigned long)((page) - vmemmap))
#define pfn_to_page		__pfn_to_page
#define page_to_pfn		__page_to_pfn
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define phys_to_page(phys)	pfn_to_page(PHYS_PFN(phys))

/* The linear-map address of a page, and back. */
#define page_address(page)	__va(page_to_phys(page))
#define virt_to_page(addr)	pfn_to_page(PHYS_PFN(__pa(addr)))
/* The folio (compound page, or lone page) holding linear-map address addr. */
#define virt_to_folio(addr)	page_folio(virt_to_page(addr))
#define folio_address(folio)	page_address(&(folio)->page)
#define virt_to_pfn(addr)	PHYS_PFN(__pa(addr))
#define pfn_to_virt(pfn)	__va(PFN_PHYS(pfn))

static inline int page_mapcount_reset(struct page *page)
{
	return page->_mapcount = -1;
}

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) <= 0, page);
	page_ref_inc(page);
}

/* Drops a reference; true when the caller must free the page (it was the last). */
static inline bool put_page_testzero(struct page *page)
{
	return page_ref_dec_and_test(page);
}

/* The order of page's compound page if page is its head; 0 for any other page. */
static inline unsigned int compound_order(const struct page *page)
{
	if (!PageHead(page))
		return 0;
	return page[1].compound_order;
}

static inline void set_compound_order(struct page *page, unsigned int order)
{
	page[1].compound_order = order;
}

static inline unsigned int folio_order(const struct folio *folio)
{
	return compound_order(&folio->page);
}

static inline unsigned long folio_nr_pages(const struct folio *folio)
{
	return 1UL << folio_order(folio);
}

static inline void folio_get(struct folio *folio)
{
	get_page(&folio->page);
}

/* Frees all of folio's pages: its last reference is gone (mm/page_alloc.c). */
void __folio_put(struct folio *folio);

/* Drops a reference to folio; the last one frees all 2^order pages. */
static inline void folio_put(struct folio *folio)
{
	if (put_page_testzero(&folio->page))
		__folio_put(folio);
}

/* Drops a reference to the folio page belongs to (a tail's goes to its head). */
static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

/* Pages the buddy allocator manages, all zones (totalram_pages in Linux). */
extern long _totalram_pages;
static inline unsigned long totalram_pages(void)
{
	return (unsigned long)__atomic_load_n(&_totalram_pages, __ATOMIC_RELAXED);
}

void totalram_pages_add(long count);
/* count more (or, negative, fewer) pages managed by page's zone and in totalram. */
void adjust_managed_page_count(struct page *page, long count);
/*
 * Gives the reserved pages wholly inside [start, end) (linear-map addresses) to the
 * buddy, each filled with poison first unless poison is negative; prints "Freeing s
 * memory: NK" and returns the number of pages.
 */
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);
/* The image's init sections to the buddy, once nothing runs from them (kernel_init). */
void free_initmem(void);
/* After free_initmem: the read-only rules are final; checks the tables for W+X. */
void mark_rodata_ro(void);

/* min_free_kbytes: the reserve below which only atomic allocations may go (KiB). */
extern int min_free_kbytes;
extern int watermark_scale_factor;

/* Boot: mm/mm_init.c, mm/page_alloc.c, mm/memblock.c, arch/arm64/mm/init.c. */
void free_area_init(unsigned long *max_zone_pfn);
void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn);
void setup_node_data(int nid, u64 start_pfn, u64 end_pfn);
void build_all_zonelists(pg_data_t *pgdat);
/*
 * For memblock_free_all: the pages of [start, end) (bytes) PageReserved, those waiting for
 * deferred init initialised first (mm/mm_init.c).
 */
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);
void __mem_init_print_info(unsigned long codesize, unsigned long datasize,
			   unsigned long rosize, unsigned long initsize,
			   unsigned long bss_size);
/* arch/arm64/mm/init.c: every free page to the buddy allocator, and the Memory: line. */
void mem_init(void);
void mem_init_print_info(void);
void setup_per_cpu_pageset(void);
/* Waits for every node's deferred struct pages (kernel_init, after smp_init). */
void page_alloc_init_late(void);
int init_per_zone_wmark_min(void);
void setup_per_zone_wmarks(void);
unsigned long get_num_physpages(void);
unsigned long nr_free_buffer_pages(void);

/* Reports a failed allocation (unless __GFP_NOWARN) with the free memory per zone. */
void warn_alloc(gfp_t gfp_mask, nodemask_t *nodemask, const char *fmt, ...) __printf(3, 4);

/* Buddy-allocator state for debugging: "Node 0 DMA: 3*4kB (UM) ... = 1234kB". */
void show_free_areas(unsigned int flags, nodemask_t *nodemask);

#endif
