/*
 * Host stand-ins for what the page allocator calls beyond itself: a host suite has no
 * processes and no LRU. Its pages are never on an LRU list, so __folio_put frees them
 * directly; there is no kswapd to wake and no process the OOM killer could choose.
 * Reclaim frees nothing unless a test plays it (host_reclaim, stub_reclaim.h). Without
 * processes, every allocation runs under mm/mempolicy.c's default_policy: the local
 * node first.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/swap.h>
#include "../../mm/internal.h"
#include "stub_reclaim.h"

DEFINE_MUTEX(oom_lock);

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, numa_mem_id(), NULL);
}

void __folio_put(struct folio *folio)
{
	BUG_ON(PageLRU(&folio->page));
	free_the_page(&folio->page, folio_order(folio));
}

unsigned long (*host_reclaim)(int order, gfp_t gfp_mask);

unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				nodemask_t *nodemask)
{
	return host_reclaim ? host_reclaim(order, gfp_mask) : 0;
}

void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   enum zone_type highest_zoneidx)
{
}

bool out_of_memory(gfp_t gfp_mask, int order)
{
	return false;
}
