/*
 * arm64's zones (Linux keeps these in arch/arm64/mm/init.c; they are apart so the host
 * tests can build them): which pfns each zone may hold, and mem_init's hand-over of
 * free memory to the buddy allocator.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>

/* DMA reaches the first 4 GiB, or less if memory ends below (Linux's dma_phys_limit). */
phys_addr_t arm64_dma_phys_limit;

/*
 * Linux's max_zone_phys(32): the first 4 GiB, or all memory if it starts above 4 GiB.
 */
static phys_addr_t __init max_zone_phys(unsigned int zone_bits)
{
	phys_addr_t zone_mask = (1ULL << zone_bits) - 1;
	phys_addr_t phys_start = memblock_start_of_DRAM();

	if (phys_start > U32_MAX)
		zone_mask = PHYS_ADDR_MAX;
	else if (phys_start > zone_mask)
		zone_mask = U32_MAX;
	return min(zone_mask, memblock_end_of_DRAM() - 1) + 1;
}

/* ZONE_DMA and ZONE_DMA32 up to the DMA limit, ZONE_NORMAL the rest; then free_area_init. */
void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = { 0 };

	arm64_dma_phys_limit = max_zone_phys(32);
	max_zone_pfns[ZONE_DMA] = PFN_DOWN(arm64_dma_phys_limit);
	max_zone_pfns[ZONE_DMA32] = PFN_DOWN(arm64_dma_phys_limit);
	max_zone_pfns[ZONE_NORMAL] = max_pfn;
	free_area_init(max_zone_pfns);
}

/**
 * mem_init - hand all free memory to the buddy allocator and print the Memory: line
 *
 * Context: boot, after build_all_zonelists; memblock allocations end here.
 */
void __init mem_init(void)
{
	memblock_free_all();
	mem_init_print_info();
}
