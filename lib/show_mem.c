/*
 * show_mem (Linux's lib/show_mem.c): "Mem-Info:", where memory is (__show_free_areas),
 * then the RAM the zones hold and how much of it the kernel reserved, for the OOM
 * killer's report and SysRq-m.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>

void __show_mem(unsigned int flags, nodemask_t *nodemask, int max_zone_idx)
{
	unsigned long total = 0, reserved = 0;
	pg_data_t *pgdat;

	pr_info("Mem-Info:\n");
	__show_free_areas(flags, nodemask, max_zone_idx);
	for_each_online_pgdat(pgdat) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			struct zone *zone = &pgdat->node_zones[zid];

			if (!populated_zone(zone))
				continue;
			total += zone->present_pages;
			reserved += zone->present_pages - zone_managed_pages(zone);
		}
	}
	pr_info("%lu pages RAM\n", total);
	/* arm64 has no highmem, so Linux's is_highmem_idx counts nothing here. */
	pr_info("0 pages HighMem/MovableOnly\n");
	pr_info("%lu pages reserved\n", reserved);
}
