/*
 * The page allocator as memblock_free_all sees it, for the suites that link mm/memblock.c
 * without mm/page_alloc.c and mm/mm_init.c (memblock, mmu, percpu): no nodes, and each
 * call recorded, so test_memblock can check what memblock hands over.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include "memblock_handover.h"

struct page *vmemmap;
struct handover handover;

struct pglist_data *first_online_pgdat(void)
{
	return NULL;
}

struct pglist_data *next_online_pgdat(struct pglist_data *pgdat)
{
	return NULL;
}

void reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
	if (handover.nr_reserved < HANDOVER_MAX)
		handover.reserved[handover.nr_reserved++] = (struct handover_range){ start, end };
}

void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	if (handover.nr_freed < HANDOVER_MAX)
		handover.freed[handover.nr_freed++] = (struct handover_range){ pfn, order };
}

void totalram_pages_add(long count)
{
	handover.totalram += count;
}
