/*
 * Reclaim (Linux's mm/vmscan.c, as far as an allocation needs it today): direct
 * reclaim for an allocation that failed. What can be given back without I/O: the
 * pages the per-cpu LRU batches and pcp lists hold. Page-cache pages become
 * reclaimable here once the cache puts them on the file LRU lists; anonymous memory
 * needs swap, which we do not have.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/vmstat.h>

/**
 * try_to_free_pages - direct reclaim for a failed allocation
 * @gfp_mask: the allocation's flags (it may sleep: __GFP_DIRECT_RECLAIM)
 * @order: its order
 *
 * Return: pages put back on the free lists.
 */
unsigned long try_to_free_pages(gfp_t gfp_mask, unsigned int order)
{
	unsigned long before = global_zone_page_state(NR_FREE_PAGES);

	count_vm_event(ALLOCSTALL_NORMAL);
	/* Batched pages whose last mapping went are freed by the drain. */
	lru_add_drain_all();
	drain_all_pages(NULL);
	return global_zone_page_state(NR_FREE_PAGES) - min(before,
		global_zone_page_state(NR_FREE_PAGES));
}
