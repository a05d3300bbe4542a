/*
 * The dirty-page limits (Linux's mm/page-writeback.c part): how much of the memory that
 * could hold page cache may be dirty before writers are throttled (vm.dirty_ratio) and
 * before background writeback starts (vm.dirty_background_ratio). /proc/vmstat shows them.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/writeback.h>

int vm_dirty_ratio = 20;
int dirty_background_ratio = 10;

extern unsigned long totalreserve_pages;

/* Free pages above the reserves plus the file LRU: what the page cache could grow into. */
static unsigned long global_dirtyable_memory(void)
{
	unsigned long x = global_zone_page_state(NR_FREE_PAGES);

	x -= min(x, totalreserve_pages);
	x += global_node_page_state(NR_INACTIVE_FILE);
	x += global_node_page_state(NR_ACTIVE_FILE);
	return x + 1;	/* never 0, as in Linux */
}

void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty)
{
	unsigned long available_memory = global_dirtyable_memory();
	unsigned long ratio = (unsigned long)vm_dirty_ratio * PAGE_SIZE / 100;
	unsigned long bg_ratio = (unsigned long)dirty_background_ratio * PAGE_SIZE / 100;
	unsigned long thresh = ratio * available_memory / PAGE_SIZE;
	unsigned long bg_thresh = bg_ratio * available_memory / PAGE_SIZE;

	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*pbackground = bg_thresh;
	*pdirty = thresh;
}
