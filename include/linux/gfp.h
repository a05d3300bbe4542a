/*
 * GFP ("get free pages") flags and the page allocator's API, with Linux 6.1's bit values
 * (so "mode:0xcc0(GFP_KERNEL)" reads the same). The zone modifiers pick the highest zone
 * an allocation may use (gfp_zone), the mobility bits pick its migratetype
 * (gfp_migratetype), the action modifiers say how hard to try and what to do on failure.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <linux/mmzone.h>

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_MOVABLE		0x08u
#define ___GFP_RECLAIMABLE	0x10u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_ATOMIC		0x200u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_WRITE		0x1000u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_RETRY_MAYFAIL	0x4000u
#define ___GFP_NOFAIL		0x8000u
#define ___GFP_NORETRY		0x10000u
#define ___GFP_MEMALLOC		0x20000u
#define ___GFP_COMP		0x40000u
#define ___GFP_NOMEMALLOC	0x80000u
#define ___GFP_HARDWALL		0x100000u
#define ___GFP_THISNODE		0x200000u
#define ___GFP_ACCOUNT		0x400000u
#define ___GFP_ZEROTAGS		0x800000u

/* Zone modifiers: the highest zone usable. */
#define __GFP_DMA		((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM		((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32		((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE		((gfp_t)___GFP_MOVABLE)	/* also a mobility hint */
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Mobility: which free lists the pages come from (gfp_migratetype). */
#define __GFP_RECLAIMABLE	((gfp_t)___GFP_RECLAIMABLE)
#define __GFP_WRITE		((gfp_t)___GFP_WRITE)
#define __GFP_HARDWALL		((gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE		((gfp_t)___GFP_THISNODE)	/* only the preferred node */
#define __GFP_ACCOUNT		((gfp_t)___GFP_ACCOUNT)

/* Watermark modifiers: may dip below the min watermark. */
#define __GFP_HIGH		((gfp_t)___GFP_HIGH)
#define __GFP_ATOMIC		((gfp_t)___GFP_ATOMIC)
#define __GFP_MEMALLOC		((gfp_t)___GFP_MEMALLOC)
#define __GFP_NOMEMALLOC	((gfp_t)___GFP_NOMEMALLOC)

/* Reclaim modifiers (no reclaim exists yet: they only name the caller's context). */
#define __GFP_IO		((gfp_t)___GFP_IO)
#define __GFP_FS		((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM	((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM	((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM		((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_RETRY_MAYFAIL	((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL		((gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY		((gfp_t)___GFP_NORETRY)

/* Action modifiers. */
#define __GFP_NOWARN		((gfp_t)___GFP_NOWARN)	/* no failure report */
#define __GFP_COMP		((gfp_t)___GFP_COMP)
#define __GFP_ZERO		((gfp_t)___GFP_ZERO)	/* zero the pages */
#define __GFP_ZEROTAGS		((gfp_t)___GFP_ZEROTAGS)

#define __GFP_BITS_SHIFT	27
#define __GFP_BITS_MASK		((gfp_t)((1 << __GFP_BITS_SHIFT) - 1))

/* The usual combinations. */
#define GFP_ATOMIC		(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)

#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3

extern int page_group_by_mobility_disabled;

/* The migratetype an allocation takes its pages from: the mobility bits shifted down. */
static inline int gfp_migratetype(const gfp_t gfp_flags)
{
	BUILD_BUG_ON((1UL << GFP_MOVABLE_SHIFT) != ___GFP_MOVABLE);
	BUILD_BUG_ON((___GFP_MOVABLE >> GFP_MOVABLE_SHIFT) != MIGRATE_MOVABLE);
	BUILD_BUG_ON((___GFP_RECLAIMABLE >> GFP_MOVABLE_SHIFT) != MIGRATE_RECLAIMABLE);
	VM_WARN_ON((gfp_flags & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK);
	if (unlikely(page_group_by_mobility_disabled))
		return MIGRATE_UNMOVABLE;
	return (gfp_flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT;
}

/*
 * The highest zone an allocation may use, Linux's GFP_ZONE_TABLE spelled out:
 * DMA or DMA32 as asked; HIGHMEM and MOVABLE together give ZONE_MOVABLE; anything
 * else ZONE_NORMAL (arm64 has no highmem). DMA with DMA32 is a bug.
 */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	VM_BUG_ON((flags & (__GFP_DMA | __GFP_DMA32)) == (__GFP_DMA | __GFP_DMA32));
	if (flags & __GFP_DMA)
		return ZONE_DMA;
	if (flags & __GFP_DMA32)
		return ZONE_DMA32;
	if ((flags & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

/* The zonelist of @nid an allocation walks: its own node only with __GFP_THISNODE. */
static inline int gfp_zonelist(gfp_t flags)
{
	return (flags & __GFP_THISNODE) ? ZONELIST_NOFALLBACK : ZONELIST_FALLBACK;
}

static inline struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	return NODE_DATA(nid)->node_zonelists + gfp_zonelist(flags);
}

/* Writes gfp's names ("GFP_KERNEL|__GFP_NOWARN"), as %pGg prints them; returns buf. */
char *format_gfp_flags(char *buf, size_t size, gfp_t gfp);

struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   nodemask_t *nodemask);
/* 2^order pages by the task's NUMA policy (mm/mempolicy.c); NULL on failure. */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct vm_area_struct;
/* A folio for the user page at addr of vma, by vma's NUMA policy; NULL on failure. */
struct folio *vma_alloc_folio(gfp_t gfp, int order, struct vm_area_struct *vma,
			      unsigned long addr, bool hugepage);
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp_mask);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
void split_page(struct page *page, unsigned int order);

/* 2^order pages preferably on @nid (NUMA_NO_NODE: this cpu's node); NULL on failure. */
static inline struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	if (nid == NUMA_NO_NODE)
		nid = numa_mem_id();
	return __alloc_pages(gfp, order, nid, NULL);
}

#define alloc_page(gfp)			alloc_pages(gfp, 0)

static inline struct page *alloc_page_vma(gfp_t gfp, struct vm_area_struct *vma,
					  unsigned long addr)
{
	/* A folio is its head page: NULL stays NULL. */
	return (struct page *)vma_alloc_folio(gfp, 0, vma, addr, false);
}
#define __get_free_page(gfp)		__get_free_pages((gfp), 0)
#define __free_page(page)		__free_pages((page), 0)
#define free_page(addr)			free_pages((addr), 0)

void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);

/*
 * The gfp bits allocations may use: not the blocking ones during boot, when interrupts
 * are off and nothing may sleep (GFP_BOOT_MASK), all of them once kernel_init runs.
 */
#define GFP_BOOT_MASK	(__GFP_BITS_MASK & ~(__GFP_RECLAIM | __GFP_IO | __GFP_FS))
extern gfp_t gfp_allowed_mask;

/* Whether an allocation with these flags may block (and so must not be in atomic context). */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

/*
 * An allocation that may block reports a caller in atomic context, even when this one
 * happens not to block (Linux's might_alloc): reclaim would make it sleep some day.
 */
#define might_alloc(gfp)	do { if (gfpflags_allow_blocking(gfp)) might_sleep(); } while (0)

#endif
