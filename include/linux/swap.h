/*
 * The LRU side of Linux's swap.h: putting user pages on their node's LRU lists
 * (mm/swap.c) and reclaiming from them (mm/vmscan.c). There is no swap device yet.
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/sched.h>

struct folio;
struct page;
struct vm_area_struct;

void folio_add_lru(struct folio *folio);
void lru_cache_add_inactive_or_unevictable(struct page *page, struct vm_area_struct *vma);
void folio_mark_accessed(struct folio *folio);
void mark_page_accessed(struct page *page);
/* MADV_FREE: folio's contents may be dropped by reclaim unless written again. */
void folio_mark_lazyfree(struct folio *folio);
/* This cpu's batched folios onto their lists (and their batch references dropped). */
void lru_add_drain(void);
void lru_add_drain_cpu(int cpu);
/* Every cpu's; may sleep. */
void lru_add_drain_all(void);

/* The current task is a node's kswapd thread. */
static inline bool current_is_kswapd(void)
{
	return current->flags & PF_KSWAPD;
}

/* Wakes the node of zone's kswapd if zone is below its high watermark (mm/vmscan.c). */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   enum zone_type highest_zoneidx);

/* Direct reclaim for an allocation that failed: pages freed (mm/vmscan.c). */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				nodemask_t *nodemask);

#endif
