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
 *    after memory ranges become PageReserved. Of each node's last zone only the first
 *    section is done here: the rest waits for deferred struct page init (below).
 *  - memblock_free_all (mm/memblock.c) -> free_low_memory_core_early: reserved memblock
 *    ranges are marked PageReserved, every free range goes to the buddy in the largest
 *    naturally aligned blocks (__free_pages_memory -> __free_pages_core), which counts
 *    the pages into zone->managed_pages.
 * Invariants after boot: present = managed + reserved pages per zone; zone spans and
 * ZONE_MOVABLE starts are MAX_ORDER_NR_PAGES aligned where they split a node.
 * All of it runs once, on the boot cpu, before other cpus start: no locks; but the
 * deferred struct pages, done per node after SMP under pgdat->node_size_lock.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/time.h>
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
	pgdat->first_deferred_pfn = ULONG_MAX;
	spin_lock_init(&pgdat->node_size_lock);
	lruvec_init(&pgdat->__lruvec);
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
	mm_zero_struct_page(page);
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

/* ---- deferred struct page init ------------------------------------------------------ */

/*
 * Deferred struct page init (Linux's CONFIG_DEFERRED_STRUCT_PAGE_INIT): memmap_init
 * initialises the first section of each node's last zone and leaves the rest, from
 * pgdat->first_deferred_pfn, uninitialised; memblock_free_all skips those pages. Once
 * the cpus are up, page_alloc_init_late starts one pgdatinit thread per node, on the
 * node's cpus, that initialises them and frees them to the buddy, and waits for all of
 * them. An allocation that finds the zone short before then grows it by whole sections
 * (deferred_grow_zone). pgdat->node_size_lock orders the two on first_deferred_pfn.
 */
static bool deferral_enabled __initdata = true;
/* True until page_alloc_init_late is done: get_page_from_freelist may grow a zone. */
bool deferred_pages = true;

/* deferred_struct_page_init=off: initialise every struct page in memmap_init. */
static int __init early_deferred_struct_page_init(char *p)
{
	if (!p || strcmp(p, "off"))
		return -EINVAL;
	deferral_enabled = false;
	return 0;
}
early_param("deferred_struct_page_init", early_deferred_struct_page_init);

/* The zone defer_init is counting, by its end pfn, and its pages initialised so far. */
static unsigned long prev_end_pfn __initdata, nr_initialised __initdata;

/*
 * Where memmap_init stops in [pfn, end_pfn), memory of the zone that ends at
 * zone_end_pfn: the lower zones of a node are always initialised (address-limited
 * allocations need them); in the node's last zone, the first section boundary after
 * PAGES_PER_SECTION initialised pages becomes first_deferred_pfn. Linux's defer_init
 * answers the same question per pfn; this answers it per range.
 */
static unsigned long __init defer_init(int nid, unsigned long pfn, unsigned long end_pfn,
				       unsigned long zone_end_pfn)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long first;

	if (!deferral_enabled)
		return end_pfn;
	if (prev_end_pfn != zone_end_pfn) {
		prev_end_pfn = zone_end_pfn;
		nr_initialised = 0;
	}
	if (zone_end_pfn < pgdat_end_pfn(pgdat))
		return end_pfn;
	if (pgdat->first_deferred_pfn != ULONG_MAX)
		return pfn;
	first = ALIGN(pfn + PAGES_PER_SECTION - min(nr_initialised, PAGES_PER_SECTION),
		      PAGES_PER_SECTION);
	if (first < end_pfn) {
		pgdat->first_deferred_pfn = first;
		return first;
	}
	nr_initialised += end_pfn - pfn;
	return end_pfn;
}

/* Whether @pfn's struct page waits for deferred init (boot, before the threads start). */
bool __init early_page_uninitialised(unsigned long pfn)
{
	unsigned long start_pfn, end_pfn;
	int nid = memblock_search_pfn_nid(pfn, &start_pfn, &end_pfn);

	return nid >= 0 && pfn >= NODE_DATA(nid)->first_deferred_pfn;
}

/*
 * A reserved page in the deferred part: initialised now, as memmap_init would have
 * (its pageblock's type included, so pagetypeinfo counts the same blocks either way).
 */
static void __init init_reserved_page(unsigned long pfn)
{
	unsigned long start_pfn, end_pfn;
	int nid = memblock_search_pfn_nid(pfn, &start_pfn, &end_pfn);
	pg_data_t *pgdat;
	int zid;

	if (nid < 0 || pfn < NODE_DATA(nid)->first_deferred_pfn)
		return;
	pgdat = NODE_DATA(nid);
	for (zid = 0; zid < MAX_NR_ZONES - 1; zid++)
		if (zone_spans_pfn(&pgdat->node_zones[zid], pfn))
			break;
	memmap_init_range(pfn, pfn + 1, nid, zid, MIGRATE_MOVABLE);
}

/*
 * The first free memblock range of @zone's node that ends after *spfn, cut to the zone
 * and to start at *spfn or later: [*spfn, *epfn). False when there is none.
 */
static bool __init deferred_next_free_range(struct zone *zone, unsigned long *spfn,
					    unsigned long *epfn)
{
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, zone_to_nid(zone), MEMBLOCK_NONE, &start, &end, NULL) {
		unsigned long s = max(PFN_UP(start), *spfn);
		unsigned long e = min(min(PFN_DOWN(end), zone_end_pfn(zone)), max_low_pfn);

		if (s < e) {
			*spfn = s;
			*epfn = e;
			return true;
		}
	}
	return false;
}

/*
 * Frees [pfn, pfn + nr_pages), inside one pageblock, to the buddy: at once when it is
 * the whole pageblock, page by page otherwise (the buddy merges them).
 */
static void __init deferred_free_range(unsigned long pfn, unsigned long nr_pages)
{
	struct page *page = pfn_to_page(pfn);

	if (nr_pages == pageblock_nr_pages && pageblock_aligned(pfn)) {
		__free_pages_core(page, pageblock_order);
		return;
	}
	for (unsigned long i = 0; i < nr_pages; i++)
		__free_pages_core(page + i, 0);
}

/*
 * Initialises, then frees, the free pages of @zone in the MAX_ORDER block that holds
 * @pfn, from @pfn on: all of them are initialised before the first is freed, so the
 * buddy never merges with a page not yet initialised. Returns the pages freed.
 */
static unsigned long __init deferred_init_maxorder(struct zone *zone, unsigned long pfn)
{
	unsigned long end = min(ALIGN(pfn + 1, MAX_ORDER_NR_PAGES), zone_end_pfn(zone));
	unsigned long spfn, epfn, nr = 0;

	for (spfn = pfn; deferred_next_free_range(zone, &spfn, &epfn) && spfn < end; spfn = epfn)
		memmap_init_range(spfn, min(epfn, end), zone_to_nid(zone), zone_idx(zone),
				  MIGRATE_MOVABLE);
	for (spfn = pfn; deferred_next_free_range(zone, &spfn, &epfn) && spfn < end; spfn = epfn) {
		epfn = min(epfn, end);
		while (spfn < epfn) {
			unsigned long n = min(pageblock_end_pfn(spfn), epfn) - spfn;

			deferred_free_range(spfn, n);
			spfn += n;
			nr += n;
		}
	}
	return nr;
}

/* The zone of @pgdat holding @pfn: the one with deferred pages. */
static struct zone *__init deferred_zone(pg_data_t *pgdat, unsigned long pfn)
{
	int zid;

	for (zid = 0; zid < MAX_NR_ZONES - 1; zid++)
		if (pfn < zone_end_pfn(&pgdat->node_zones[zid]))
			break;
	return &pgdat->node_zones[zid];
}

/* Free pages still waiting for deferred init, on every node. */
static unsigned long __init deferred_pages_pending(void)
{
	unsigned long nr = 0;
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		unsigned long spfn = pgdat->first_deferred_pfn, epfn;
		struct zone *zone;

		if (spfn == ULONG_MAX)
			continue;
		zone = deferred_zone(pgdat, spfn);
		for (; deferred_next_free_range(zone, &spfn, &epfn); spfn = epfn)
			nr += epfn - spfn;
	}
	return nr;
}

/**
 * deferred_grow_zone - initialise and free deferred pages of @zone before their thread
 * @zone: a zone that could not give a block
 * @order: the order asked for
 *
 * Grows the zone by whole sections, at least 2^@order pages. Return: true when the
 * allocation is worth trying again. Context: any, before page_alloc_init_late is done;
 * takes node_size_lock with irqs off.
 */
bool __init deferred_grow_zone(struct zone *zone, unsigned int order)
{
	unsigned long nr_pages_needed = ALIGN(1UL << order, PAGES_PER_SECTION);
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long first_deferred_pfn = READ_ONCE(pgdat->first_deferred_pfn);
	unsigned long spfn, flags, nr_pages = 0;

	/* Only the last zone may have deferred pages. */
	if (zone_end_pfn(zone) != pgdat_end_pfn(pgdat) || first_deferred_pfn == ULONG_MAX)
		return false;
	spin_lock_irqsave(&pgdat->node_size_lock, flags);
	/* Grown meanwhile, by another cpu or the thread: there may be enough now. */
	if (first_deferred_pfn != pgdat->first_deferred_pfn) {
		spin_unlock_irqrestore(&pgdat->node_size_lock, flags);
		return true;
	}
	spfn = first_deferred_pfn;
	while (spfn < zone_end_pfn(zone)) {
		nr_pages += deferred_init_maxorder(zone, spfn);
		spfn = min(ALIGN(spfn + 1, MAX_ORDER_NR_PAGES), zone_end_pfn(zone));
		/* Stop on a section boundary, once there is enough. */
		if (nr_pages >= nr_pages_needed && !(spfn & (PAGES_PER_SECTION - 1)))
			break;
	}
	WRITE_ONCE(pgdat->first_deferred_pfn, spfn < zone_end_pfn(zone) ? spfn : ULONG_MAX);
	spin_unlock_irqrestore(&pgdat->node_size_lock, flags);
	return nr_pages > 0;
}

/* A node's deferred pages initialised and freed, by its pgdatinit thread. */
static void __init deferred_init_memmap(pg_data_t *pgdat)
{
	u64 start = local_clock();
	unsigned long first_init_pfn, flags;
	struct zone *zone;

	spin_lock_irqsave(&pgdat->node_size_lock, flags);
	first_init_pfn = pgdat->first_deferred_pfn;
	/* From here on deferred_grow_zone leaves the node to us. */
	WRITE_ONCE(pgdat->first_deferred_pfn, ULONG_MAX);
	spin_unlock_irqrestore(&pgdat->node_size_lock, flags);
	if (first_init_pfn == ULONG_MAX)
		return;
	zone = deferred_zone(pgdat, first_init_pfn);
	for (unsigned long pfn = first_init_pfn; pfn < zone_end_pfn(zone);
	     pfn = ALIGN(pfn + 1, MAX_ORDER_NR_PAGES))
		deferred_init_maxorder(zone, pfn);
	pr_info("node %d deferred pages initialised in %llums\n", pgdat->node_id,
		(unsigned long long)((local_clock() - start) / NSEC_PER_MSEC));
}

/*
 * pgdatinit threads not done yet, and what page_alloc_init_late waits on. Not __initdata,
 * nor is pgdatinit __init: once the last thread completes, kernel_init may go on to
 * free_initmem before complete() and the thread have returned.
 */
static int pgdat_init_n_undone;
static DECLARE_COMPLETION(pgdat_init_all_done_comp);

static int pgdatinit(void *data)
{
	deferred_init_memmap(data);
	if (!__atomic_sub_fetch(&pgdat_init_n_undone, 1, __ATOMIC_ACQ_REL))
		complete(&pgdat_init_all_done_comp);
	return 0;
}

/* The online cpus of node @nid into @mask. */
static void __init node_online_cpus(int nid, struct cpumask *mask)
{
	unsigned int cpu;

	cpumask_clear(mask);
	for_each_online_cpu(cpu)
		if (cpu_to_node(cpu) == nid)
			cpumask_set_cpu(cpu, mask);
}

/**
 * page_alloc_init_late - finish the memory map: every node's deferred pages, each by a
 * pgdatinit thread on the node's cpus (any cpu for a node without one)
 *
 * Context: kernel_init, after smp_init; sleeps until every thread is done.
 */
void __init page_alloc_init_late(void)
{
	struct task_struct *threads[MAX_NUMNODES];
	int nid;

	__atomic_store_n(&pgdat_init_n_undone, nodes_weight(&node_states[N_MEMORY]),
			 __ATOMIC_RELEASE);
	for_each_node_state(nid, N_MEMORY) {
		threads[nid] = kthread_create_on_node(pgdatinit, NODE_DATA(nid), nid,
						      "pgdatinit%d", nid);
		if (IS_ERR(threads[nid]))
			panic("page_alloc_init_late: no pgdatinit thread for node %d (%ld)\n",
			      nid, PTR_ERR(threads[nid]));
		get_task_struct(threads[nid]);
	}
	/* Bound after all are made: kthread_bind_mask may wait for a new thread to sleep. */
	for_each_node_state(nid, N_MEMORY) {
		struct cpumask mask;

		node_online_cpus(nid, &mask);
		if (!cpumask_empty(&mask))
			kthread_bind_mask(threads[nid], &mask);
		wake_up_process(threads[nid]);
	}
	wait_for_completion(&pgdat_init_all_done_comp);
	/* Every struct page is initialised: allocations stop calling deferred_grow_zone. */
	WRITE_ONCE(deferred_pages, false);
	/*
	 * The threads gone, not just done, when the boot goes on: the self-tests count tasks
	 * and free pages. Ours is the last reference once a thread's cpu has switched away
	 * from it dead; then put_task_struct frees its task and stack here.
	 */
	for_each_node_state(nid, N_MEMORY) {
		while (__atomic_load_n(&threads[nid]->usage, __ATOMIC_ACQUIRE) > 1)
			schedule_timeout_uninterruptible(1);
		put_task_struct(threads[nid]);
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
	memmap_init_range(start_pfn, defer_init(nid, start_pfn, end_pfn, zone_end_pfn), nid,
			  zone_id, MIGRATE_MOVABLE);
	if (*hole_pfn < start_pfn)
		init_unavailable_range(*hole_pfn, start_pfn, zone_id, nid);
	*hole_pfn = end_pfn;
}

/*
 * Initialises the struct page of every pfn with a memmap: memory ranges per zone (but
 * what defer_init leaves to the pgdatinit threads), the holes between them, and the rest
 * of the last section.
 */
static void __init memmap_init(void)
{
	unsigned long start_pfn, end_pfn = 0, hole_pfn = 0;
	int i, j, zone_id = 0, nid = 0;

	prev_end_pfn = 0;
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

			init_reserved_page(pfn);
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
void __init __mem_init_print_info(unsigned long codesize, unsigned long datasize,
			   unsigned long rosize, unsigned long initsize,
			   unsigned long bss_size)
{
	unsigned long physpages = get_num_physpages();
	/*
	 * Linux prints the pages free so far, without those its pgdatinit threads will
	 * free; counted in, the line says the same whether struct page init is deferred.
	 */
	unsigned long available = nr_free_pages() + deferred_pages_pending();

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved)\n",
		K(available), K(physpages), codesize >> 10, datasize >> 10,
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
