/*
 * Memory-map set-up at boot: from memblock's node ranges to sized zones with initialised
 * struct pages, then the hand-over of all free memory to the buddy allocator.
 *
 * Overview (Linux 6.1's free_area_init and friends, which 6.1 keeps in page_alloc.c)
 *  - free_area_init(max_zone_pfn): zone boundaries from the arch's limits (arch_zone_*),
 *    ZONE_MOVABLE from kernelcore=/movablecore= (find_zone_movable_pfns_for_nodes),
 *    then per node calculate_node_totalpages (spanned/present per zone) and
 *    free_area_init_core (zone fields, pageblock bitmap, empty free lists, boot pcp);
 *    finally memmap_init: every pfn of every zone gets __init_single_page (node and zone
 *    ids, refcount 1) and each pageblock starts MIGRATE_MOVABLE; the holes between and
 *    after memory ranges become PageReserved.
 *  - memblock_free_all (mm/memblock.c) -> free_low_memory_core_early: reserved memblock
 *    ranges are marked PageReserved, every free range goes to the buddy in the largest
 *    naturally aligned blocks (__free_pages_memory -> __free_pages_core), which counts
 *    the pages into zone->managed_pages.
 * Invariants after boot: present = managed + reserved pages per zone; zone spans and
 * ZONE_MOVABLE starts are MAX_ORDER_NR_PAGES aligned where they split a node.
 * All of it runs once, on the boot cpu, before other cpus start: no locks.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <asm/sections.h>
#include "internal.h"

struct pglist_data *node_data[MAX_NUMNODES];

static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
unsigned long zone_movable_pfn[MAX_NUMNODES];
static unsigned long required_kernelcore, required_kernelcore_percent;
static unsigned long required_movablecore, required_movablecore_percent;
static int movable_zone;	/* the zone ZONE_MOVABLE takes its pages from */
static unsigned long nr_kernel_pages, nr_all_pages;

/**
 * setup_node_data - allocate node @nid's pg_data_t on the node and set its span
 * @nid: the node
 * @start_pfn: first pfn of the node
 * @end_pfn: pfn after its last
 *
 * Context: boot, after the node's memory is in memblock. Panics when memory is short.
 */
void __init setup_node_data(int nid, u64 start_pfn, u64 end_pfn)
{
	const size_t nd_size = ALIGN(sizeof(pg_data_t), SMP_CACHE_BYTES);
	unsigned long tnid_start, tnid_end;
	phys_addr_t nd_pa;
	int tnid;

	if (start_pfn >= end_pfn)
		pr_info("NUMA: Initmem setup node %d [<memory-less node>]\n", nid);
	nd_pa = memblock_phys_alloc_try_nid(nd_size, SMP_CACHE_BYTES, nid);
	if (!nd_pa)
		panic("Cannot allocate %zu bytes for node %d data\n", nd_size, nid);
	pr_info("NUMA: NODE_DATA [mem %#010llx-%#010llx]\n", (unsigned long long)nd_pa,
		(unsigned long long)(nd_pa + nd_size - 1));
	tnid = memblock_search_pfn_nid(PHYS_PFN(nd_pa), &tnid_start, &tnid_end);
	if (tnid != nid)
		pr_info("NUMA: NODE_DATA(%d) on node %d\n", nid, tnid);
	node_data[nid] = __va(nd_pa);
	memset(NODE_DATA(nid), 0, sizeof(pg_data_t));
	NODE_DATA(nid)->node_id = nid;
	NODE_DATA(nid)->node_start_pfn = start_pfn;
	NODE_DATA(nid)->node_spanned_pages = end_pfn - start_pfn;
}

/* ---- kernelcore= and movablecore= ---------------------------------------------------- */

/* "SIZE" or "N%": a size in pages into *core, or a percentage into *percent. */
static int __init cmdline_parse_core(char *p, unsigned long *core, unsigned long *percent)
{
	unsigned long long coremem;
	char *endptr;

	if (!p)
		return -EINVAL;
	coremem = simple_strtoull(p, &endptr, 0);
	if (*endptr == '%') {
		if (coremem > 100)
			return -EINVAL;
		*percent = coremem;
	} else {
		coremem = memparse(p, &p);
		*core = coremem >> PAGE_SHIFT;
		*percent = 0UL;
	}
	return 0;
}

/* kernelcore=SIZE|N%: memory kept for unmovable allocations; the rest is ZONE_MOVABLE. */
int __init cmdline_parse_kernelcore(char *p)
{
	return cmdline_parse_core(p, &required_kernelcore, &required_kernelcore_percent);
}
early_param("kernelcore", cmdline_parse_kernelcore);

/* movablecore=SIZE|N%: memory for ZONE_MOVABLE. */
int __init cmdline_parse_movablecore(char *p)
{
	return cmdline_parse_core(p, &required_movablecore, &required_movablecore_percent);
}
early_param("movablecore", cmdline_parse_movablecore);

/* Forgets kernelcore=/movablecore= (tests set up several machines in one run). */
void reset_zone_movable_params(void)
{
	required_kernelcore = required_kernelcore_percent = 0;
	required_movablecore = required_movablecore_percent = 0;
}

/* The pfn span of node @nid's memory: [*start_pfn, *end_pfn), both 0 when none. */
void __init get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn)
{
	unsigned long this_start_pfn, this_end_pfn;
	int i;

	*start_pfn = -1UL;
	*end_pfn = 0;
	for_each_mem_pfn_range(i, nid, &this_start_pfn, &this_end_pfn, NULL) {
		*start_pfn = min(*start_pfn, this_start_pfn);
		*end_pfn = max(*end_pfn, this_end_pfn);
	}
	if (*start_pfn == -1UL)
		*start_pfn = 0;
}

/* Pages of memory in [range_start_pfn, range_end_pfn) on node @nid (all nodes: MAX_NUMNODES). */
static unsigned long __init __present_pages_in_range(int nid, unsigned long range_start_pfn,
						     unsigned long range_end_pfn)
{
	unsigned long nr = 0, start_pfn, end_pfn;
	int i;

	for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
		start_pfn = clamp(start_pfn, range_start_pfn, range_end_pfn);
		end_pfn = clamp(end_pfn, range_start_pfn, range_end_pfn);
		nr += end_pfn - start_pfn;
	}
	return nr;
}

/* ZONE_MOVABLE takes its pages from the highest zone with memory. */
static void __init find_usable_zone_for_movable(void)
{
	int zone_index;

	for (zone_index = MAX_NR_ZONES - 1; zone_index >= 0; zone_index--) {
		if (zone_index == ZONE_MOVABLE)
			continue;
		if (arch_zone_highest_possible_pfn[zone_index] >
		    arch_zone_lowest_possible_pfn[zone_index])
			break;
	}
	VM_BUG_ON(zone_index < 0);
	movable_zone = max(zone_index, 0);
}

/*
 * Gives node @nid up to @kernelcore_node pages of kernel memory from its lowest pfns;
 * zone_movable_pfn[nid] ends up where they end. Returns the pages given.
 */
static unsigned long __init spread_kernelcore_node(int nid, unsigned long kernelcore_node,
						   unsigned long usable_startpfn)
{
	unsigned long remaining = kernelcore_node, given = 0, start_pfn, end_pfn;
	int i;

	for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
		unsigned long size_pages;

		start_pfn = max(start_pfn, zone_movable_pfn[nid]);
		if (start_pfn >= end_pfn)
			continue;
		/* Memory below the movable zone's source zone is kernel memory anyway. */
		if (start_pfn < usable_startpfn) {
			unsigned long kernel_pages = min(end_pfn, usable_startpfn) - start_pfn;

			remaining -= min(kernel_pages, remaining);
			given += kernel_pages;
			if (end_pfn <= usable_startpfn) {
				zone_movable_pfn[nid] = end_pfn;
				continue;
			}
			start_pfn = usable_startpfn;
		}
		size_pages = min(end_pfn - start_pfn, remaining);
		zone_movable_pfn[nid] = start_pfn + size_pages;
		given += size_pages;
		remaining -= size_pages;
		if (!remaining)
			break;
	}
	return given;
}

/* Pages of memory on all nodes; nodes with memory get N_MEMORY. */
static unsigned long __init early_calculate_totalpages(void)
{
	unsigned long totalpages = 0, start_pfn, end_pfn;
	int i, nid;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		totalpages += end_pfn - start_pfn;
		if (end_pfn > start_pfn)
			node_set_state(nid, N_MEMORY);
	}
	return totalpages;
}

/*
 * Where ZONE_MOVABLE starts on each node (zone_movable_pfn[]), from kernelcore= or
 * movablecore=: the kernel memory is spread evenly over the nodes with memory, each
 * node's lowest pfns first, and whatever a small node cannot take is spread again over
 * the others. Starts are rounded up to MAX_ORDER_NR_PAGES; a node left with no movable
 * memory gets 0. (Linux's find_zone_movable_pfns_for_nodes without mirrored memory.)
 */
static void __init find_zone_movable_pfns_for_nodes(void)
{
	unsigned long totalpages = early_calculate_totalpages();
	unsigned long usable_startpfn, kernelcore_node;
	int usable_nodes = nodes_weight(&node_states[N_MEMORY]), nid;

	if (required_kernelcore_percent)
		required_kernelcore = required_kernelcore_percent * totalpages / 100;
	if (required_movablecore_percent)
		required_movablecore = required_movablecore_percent * totalpages / 100;
	/* movablecore= is kernelcore = total - movablecore, whichever asks more kernel. */
	if (required_movablecore) {
		unsigned long corepages;

		required_movablecore = round_up(required_movablecore, MAX_ORDER_NR_PAGES);
		required_movablecore = min(totalpages, required_movablecore);
		corepages = totalpages - required_movablecore;
		required_kernelcore = max(required_kernelcore, corepages);
	}
	if (!required_kernelcore || required_kernelcore >= totalpages || !usable_nodes)
		goto out;

	find_usable_zone_for_movable();
	usable_startpfn = arch_zone_lowest_possible_pfn[movable_zone];
	do {
		kernelcore_node = required_kernelcore / usable_nodes;
		for_each_node_state(nid, N_MEMORY) {
			unsigned long given;

			if (required_kernelcore < kernelcore_node)
				kernelcore_node = required_kernelcore / usable_nodes;
			given = spread_kernelcore_node(nid, kernelcore_node, usable_startpfn);
			required_kernelcore -= min(required_kernelcore, given);
		}
		usable_nodes--;
	} while (usable_nodes && required_kernelcore > (unsigned long)usable_nodes);

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long start_pfn, end_pfn;

		zone_movable_pfn[nid] = round_up(zone_movable_pfn[nid], MAX_ORDER_NR_PAGES);
		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		if (zone_movable_pfn[nid] >= end_pfn)
			zone_movable_pfn[nid] = 0;
	}
out:
	return;
}

/* Cuts a zone's [start, end) of node @nid around ZONE_MOVABLE's start on the node. */
static void __init adjust_zone_range_for_zone_movable(int nid, unsigned long zone_type,
						      unsigned long node_end_pfn,
						      unsigned long *zone_start_pfn,
						      unsigned long *zone_end_pfn)
{
	if (!zone_movable_pfn[nid])
		return;
	if (zone_type == ZONE_MOVABLE) {
		*zone_start_pfn = zone_movable_pfn[nid];
		*zone_end_pfn = min(node_end_pfn, arch_zone_highest_possible_pfn[movable_zone]);
	} else if (*zone_start_pfn < zone_movable_pfn[nid] &&
		   *zone_end_pfn > zone_movable_pfn[nid]) {
		*zone_end_pfn = zone_movable_pfn[nid];
	} else if (*zone_start_pfn >= zone_movable_pfn[nid]) {
		*zone_start_pfn = *zone_end_pfn;
	}
}

/* The span of zone @zone_type on node @nid: its pages, and its bounds in *zone_start_pfn and *zone_end_pfn. */
static unsigned long __init zone_spanned_pages_in_node(int nid, unsigned long zone_type,
						       unsigned long node_start_pfn,
						       unsigned long node_end_pfn,
						       unsigned long *zone_start_pfn,
						       unsigned long *zone_end_pfn)
{
	unsigned long zone_low = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = arch_zone_highest_possible_pfn[zone_type];

	if (!node_start_pfn && !node_end_pfn)
		return 0;
	*zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	*zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_end_pfn,
					   zone_start_pfn, zone_end_pfn);
	if (*zone_end_pfn < node_start_pfn || *zone_start_pfn > node_end_pfn)
		return 0;
	*zone_end_pfn = min(*zone_end_pfn, node_end_pfn);
	*zone_start_pfn = max(*zone_start_pfn, node_start_pfn);
	return *zone_end_pfn - *zone_start_pfn;
}

/* Sets each zone's start, spanned and present pages, and the node's totals. */
static void __init calculate_node_totalpages(struct pglist_data *pgdat,
					     unsigned long node_start_pfn,
					     unsigned long node_end_pfn)
{
	unsigned long realtotalpages = 0, totalpages = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;
		unsigned long zone_start_pfn = 0, zone_end_pfn = 0;
		unsigned long spanned, present = 0;

		spanned = zone_spanned_pages_in_node(pgdat->node_id, i, node_start_pfn,
						     node_end_pfn, &zone_start_pfn,
						     &zone_end_pfn);
		if (spanned)
			present = __present_pages_in_range(pgdat->node_id, zone_start_pfn,
							   zone_end_pfn);
		zone->zone_start_pfn = spanned ? zone_start_pfn : 0;
		zone->spanned_pages = spanned;
		zone->present_pages = present;
		totalpages += spanned;
		realtotalpages += present;
	}
	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
}

/* Pages of struct page needed for a zone (counted off its first managed estimate). */
static unsigned long __init calc_memmap_size(unsigned long spanned_pages,
					     unsigned long present_pages)
{
	return PAGE_ALIGN(spanned_pages * sizeof(struct page)) >> PAGE_SHIFT;
}

/* The zone's pageblock bitmap: NR_PAGEBLOCK_BITS per pageblock, whole longs. */
static void __init setup_usemap(struct zone *zone)
{
	unsigned long zonesize = zone->spanned_pages;
	unsigned long usemapsize;

	zonesize += zone->zone_start_pfn & (pageblock_nr_pages - 1);
	usemapsize = round_up(zonesize, pageblock_nr_pages) >> pageblock_order;
	usemapsize = round_up(usemapsize * NR_PAGEBLOCK_BITS, 8 * sizeof(unsigned long)) / 8;
	zone->pageblock_flags = memblock_alloc_node(usemapsize, SMP_CACHE_BYTES,
						    zone_to_nid(zone));
	if (!zone->pageblock_flags)
		panic("Failed to allocate %lu bytes for zone %s pageblock flags on node %d\n",
		      usemapsize, zone->name, zone_to_nid(zone));
}

static void __init zone_init_internals(struct zone *zone, enum zone_type idx, int nid,
				       unsigned long remaining_pages)
{
	zone->managed_pages = remaining_pages;
	zone->node = nid;
	zone->name = zone_names[idx];
	zone->zone_pgdat = NODE_DATA(nid);
	spin_lock_init(&zone->lock);
	zone_pcp_init(zone);
}

/*
 * Sets up the zones of @pgdat: names, locks, the first managed-pages estimate (present
 * minus the memmap, used by build_all_zonelists until memblock_free_all recounts),
 * pageblock bitmaps and empty free lists.
 */
static void __init free_area_init_core(struct pglist_data *pgdat)
{
	int nid = pgdat->node_id;

	pgdat->per_cpu_nodestats = &boot_nodestats;
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long size = zone->spanned_pages, freesize = zone->present_pages;
		unsigned long memmap_pages = calc_memmap_size(size, freesize);

		if (freesize >= memmap_pages)
			freesize -= memmap_pages;
		else
			pr_warn("  %s zone: %lu memmap pages exceeds freesize %lu\n",
				zone_names[j], memmap_pages, freesize);
		nr_kernel_pages += freesize;
		nr_all_pages += freesize;
		zone_init_internals(zone, j, nid, freesize);
		if (!size)
			continue;
		setup_usemap(zone);
		init_currently_empty_zone(zone, zone->zone_start_pfn, size);
	}
}

/* A zone starting out with empty free lists (its memmap is set later by memmap_init). */
void init_currently_empty_zone(struct zone *zone, unsigned long zone_start_pfn,
			       unsigned long size)
{
	struct pglist_data *pgdat = zone->zone_pgdat;
	int zone_idx = zone_idx(zone) + 1;

	if (zone_idx > pgdat->nr_zones)
		pgdat->nr_zones = zone_idx;
	zone->zone_start_pfn = zone_start_pfn;
	zone_init_free_lists(zone);
	zone->initialized = true;
}

void zone_init_free_lists(struct zone *zone)
{
	unsigned int order, t;

	for_each_migratetype_order(order, t) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
}

static void __init free_area_init_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start_pfn, end_pfn;

	get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;
	if (start_pfn != end_pfn) {
		pr_info("Initmem setup node %d [mem %#018llx-%#018llx]\n", nid,
			(unsigned long long)PFN_PHYS(start_pfn),
			end_pfn ? (unsigned long long)PFN_PHYS(end_pfn) - 1 : 0);
		calculate_node_totalpages(pgdat, start_pfn, end_pfn);
	} else {
		pr_info("Initmem setup node %d as memoryless\n", nid);
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			pgdat->node_zones[i].zone_start_pfn = 0;
			pgdat->node_zones[i].spanned_pages = 0;
			pgdat->node_zones[i].present_pages = 0;
		}
		pgdat->node_spanned_pages = pgdat->node_present_pages = 0;
	}
	free_area_init_core(pgdat);
}

/* ---- the memory map ------------------------------------------------------------------ */

/* A struct page as boot leaves it: zeroed, node and zone ids, refcount 1, unmapped. */
void __init_single_page(struct page *page, unsigned long pfn, unsigned long zone, int nid)
{
	memset(page, 0, sizeof(*page));
	set_page_links(page, zone, nid, pfn);
	init_page_count(page);
	page_mapcount_reset(page);
	INIT_LIST_HEAD(&page->lru);
}

/* Pages of [start_pfn, end_pfn) without memory: initialised and PageReserved. */
static unsigned long __init init_unavailable_range(unsigned long spfn, unsigned long epfn,
						   int zone, int node)
{
	unsigned long pgcnt = 0;

	for (unsigned long pfn = spfn; pfn < epfn; pfn++) {
		if (!pfn_valid(pageblock_start_pfn(pfn))) {
			pfn = pageblock_end_pfn(pfn) - 1;
			continue;
		}
		__init_single_page(pfn_to_page(pfn), pfn, zone, node);
		__SetPageReserved(pfn_to_page(pfn));
		pgcnt++;
	}
	return pgcnt;
}

/* Every page of [start_pfn, end_pfn) in @zone of @nid; each pageblock gets @migratetype. */
static void __init memmap_init_range(unsigned long start_pfn, unsigned long end_pfn,
				     int nid, unsigned long zone, int migratetype)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		__init_single_page(page, pfn, zone, nid);
		if (pageblock_aligned(pfn))
			set_pageblock_migratetype(page, migratetype);
	}
}

static void __init memmap_init_zone_range(struct zone *zone, unsigned long start_pfn,
					  unsigned long end_pfn, unsigned long *hole_pfn)
{
	unsigned long zone_start_pfn = zone->zone_start_pfn;
	unsigned long zone_end_pfn = zone_start_pfn + zone->spanned_pages;
	int nid = zone_to_nid(zone), zone_id = zone_idx(zone);

	start_pfn = clamp(start_pfn, zone_start_pfn, zone_end_pfn);
	end_pfn = clamp(end_pfn, zone_start_pfn, zone_end_pfn);
	if (start_pfn >= end_pfn)
		return;
	memmap_init_range(start_pfn, end_pfn, nid, zone_id, MIGRATE_MOVABLE);
	if (*hole_pfn < start_pfn)
		init_unavailable_range(*hole_pfn, start_pfn, zone_id, nid);
	*hole_pfn = end_pfn;
}

/*
 * Initialises the struct page of every pfn with a memmap: memory ranges per zone, the
 * holes between them, and the rest of the last section.
 */
static void __init memmap_init(void)
{
	unsigned long start_pfn, end_pfn = 0, hole_pfn = 0;
	int i, j, zone_id = 0, nid = 0;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		struct pglist_data *node = NODE_DATA(nid);

		for (j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = node->node_zones + j;

			if (!populated_zone(zone))
				continue;
			memmap_init_zone_range(zone, start_pfn, end_pfn, &hole_pfn);
			zone_id = j;
		}
	}
	end_pfn = round_up(end_pfn, PAGES_PER_SECTION);
	if (hole_pfn < end_pfn)
		init_unavailable_range(hole_pfn, end_pfn, zone_id, nid);
}

static void __init print_zone_ranges(void)
{
	unsigned long start_pfn, end_pfn;
	int i, nid;

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		pr_info("  %-8s ", zone_names[i]);
		if (arch_zone_lowest_possible_pfn[i] == arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem %#018llx-%#018llx]\n",
				(unsigned long long)PFN_PHYS(arch_zone_lowest_possible_pfn[i]),
				(unsigned long long)PFN_PHYS(arch_zone_highest_possible_pfn[i]) - 1);
	}
	pr_info("Movable zone start for each node\n");
	for (i = 0; i < MAX_NUMNODES; i++) {
		if (zone_movable_pfn[i])
			pr_info("  Node %d: %#018llx\n", i,
				(unsigned long long)PFN_PHYS(zone_movable_pfn[i]));
	}
	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid)
		pr_info("  node %3d: [mem %#018llx-%#018llx]\n", nid,
			(unsigned long long)PFN_PHYS(start_pfn),
			(unsigned long long)PFN_PHYS(end_pfn) - 1);
}

/**
 * free_area_init - size the zones of every node and initialise the memory map
 * @max_zone_pfn: for each zone, the pfn after its highest possible page (the zones
 *	follow each other: ZONE_DMA from the start of memory to max_zone_pfn[ZONE_DMA]...)
 *
 * Context: boot, after sparse_init and setup_node_data for every online node.
 * Prints the zone ranges, the node ranges and "Initmem setup node N".
 */
void __init free_area_init(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn = PHYS_PFN(memblock_start_of_DRAM());
	int nid;

	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	for (int zone = 0; zone < MAX_NR_ZONES; zone++) {
		unsigned long end_pfn;

		if (zone == ZONE_MOVABLE)
			continue;
		end_pfn = max(max_zone_pfn[zone], start_pfn);
		arch_zone_lowest_possible_pfn[zone] = start_pfn;
		arch_zone_highest_possible_pfn[zone] = end_pfn;
		start_pfn = end_pfn;
	}
	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	find_zone_movable_pfns_for_nodes();
	print_zone_ranges();

	for_each_online_node(nid) {
		free_area_init_node(nid);
		if (NODE_DATA(nid)->node_present_pages)
			node_set_state(nid, N_MEMORY);
	}
	memmap_init();
}

/* Marks the pages of [start, end) (bytes) reserved: never given to the buddy. */
void __init reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
	for (unsigned long pfn = PFN_DOWN(start); pfn < PFN_UP(end); pfn++) {
		if (pfn_valid(pfn)) {
			struct page *page = pfn_to_page(pfn);

			INIT_LIST_HEAD(&page->lru);
			__SetPageReserved(page);
		}
	}
}

/* Pages of memory on the online nodes. */
unsigned long get_num_physpages(void)
{
	unsigned long phys_pages = 0;
	int nid;

	for_each_online_node(nid)
		phys_pages += NODE_DATA(nid)->node_present_pages;
	return phys_pages;
}

/**
 * __mem_init_print_info - print Linux's "Memory: ...K/...K available (...)" line
 * @codesize: bytes of kernel text, @datasize: rw data, @rosize: rodata,
 * @initsize: init text and data, @bss_size: bss (all already de-overlapped)
 */
void __mem_init_print_info(unsigned long codesize, unsigned long datasize,
			   unsigned long rosize, unsigned long initsize,
			   unsigned long bss_size)
{
	unsigned long physpages = get_num_physpages();

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved)\n",
		K(nr_free_pages()), K(physpages), codesize >> 10, datasize >> 10,
		rosize >> 10, initsize >> 10, bss_size >> 10,
		K(physpages - totalram_pages()), 0UL);
}

/* A section inside another (init text inside init, rodata inside text ...) counts once. */
#define adj_init_size(start, end, size, pos, adj)				\
	do {									\
		unsigned long __p = (unsigned long)(pos);			\
		if (__p >= (unsigned long)(start) && __p < (unsigned long)(end) && \
		    (size) > (adj))						\
			(size) -= (adj);					\
	} while (0)

/* The Memory: line with the kernel image's section sizes (asm/sections.h). */
void __init mem_init_print_info(void)
{
	unsigned long codesize = _etext - _stext, datasize = _edata - _sdata;
	unsigned long rosize = __end_rodata - __start_rodata;
	unsigned long bss_size = __bss_stop - __bss_start;
	unsigned long init_data_size = __init_end - __init_begin;
	unsigned long init_code_size = _einittext - _sinittext;

	adj_init_size(__init_begin, __init_end, init_data_size, _sinittext, init_code_size);
	adj_init_size(_stext, _etext, codesize, _sinittext, init_code_size);
	adj_init_size(_sdata, _edata, datasize, __init_begin, init_data_size);
	adj_init_size(_stext, _etext, codesize, __start_rodata, rosize);
	adj_init_size(_sdata, _edata, datasize, __start_rodata, rosize);
	__mem_init_print_info(codesize, datasize, rosize, init_data_size + init_code_size,
			      bss_size);
}
