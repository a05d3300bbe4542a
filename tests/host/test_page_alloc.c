/*
 * Host tests of the page allocator: nodes, zones and the memory map set up from memblock
 * over simulated RAM (tests/host/sim_mem.c) with a malloc'd vmemmap, then the buddy
 * allocator, pcp lists, fallbacks, watermarks, zonelists and the /proc printers.
 * Every random sequence is replayable with KTEST_SEED; check_all() verifies the
 * allocator's invariants against a shadow map of what the test holds.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/vmstat.h>
#include <linux/seq_file.h>
#include "../../mm/internal.h"
#include "ktest.h"
#include "sim_mem.h"
#include "sim_boot.h"

/* ---- what drivers/base/arch_numa.c and arch code provide in the kernel ---- */

nodemask_t node_states[NR_NODE_STATES];
int cpu_to_node_map[NR_CPUS];
static int distance[MAX_NUMNODES][MAX_NUMNODES];
static struct cpumask node_cpus[MAX_NUMNODES];	/* empty, as before smp bring-up */

const struct cpumask *cpumask_of_node(int node)
{
	return &node_cpus[node];
}

int __node_distance(int from, int to)
{
	return distance[from][to];
}

struct page *vmemmap;
static struct page *vmemmap_array;
static unsigned long vmemmap_start_pfn, vmemmap_end_pfn;
static int vmemmap_populate_calls;
static unsigned long vmemmap_fail_pfn = -1UL;	/* the section whose mapping fails */

/* The host vmemmap is one malloc'd array: only check that the range lies inside it. */
int vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	vmemmap_populate_calls++;
	if (start == (unsigned long)(vmemmap + vmemmap_fail_pfn))
		return -ENOMEM;
	if (start < (unsigned long)(vmemmap + vmemmap_start_pfn) ||
	    end > (unsigned long)(vmemmap + vmemmap_end_pfn))
		return -ENOMEM;
	return 0;
}

extern struct mem_section *mem_section[NR_SECTION_ROOTS];
extern enum zone_type policy_zone;
extern int page_group_by_mobility_disabled;

/* ---- simulated machines ---- */

#define MEM_BASE	0x40000000ULL
#define MAX_HELD	70000

struct held {
	struct page *page;
	unsigned int order;
};

static struct held held[MAX_HELD];
static int nr_held;
static unsigned long *shadow;	/* one bit per pfn of the simulation: held by the test */
static unsigned long *seen;	/* scratch: pfns found free while checking */
static struct memblock_region *init_memory_regions, *init_reserved_regions;
static unsigned long expected_managed;	/* free memblock pages before memblock_free_all */
static unsigned long zonelist_total_pages;	/* "Built N zonelists ... Total pages:" */
static unsigned long leaked[MAX_NUMNODES][MAX_NR_ZONES];	/* pages bad_page kept */
static unsigned long mt_mismatches;	/* free blocks on a list other than their block's */

static void bitmap_set_bit(unsigned long *map, unsigned long bit)
{
	map[bit / 64] |= 1UL << (bit % 64);
}

static void bitmap_clear_bit(unsigned long *map, unsigned long bit)
{
	map[bit / 64] &= ~(1UL << (bit % 64));
}

static bool bitmap_test_bit(const unsigned long *map, unsigned long bit)
{
	return map[bit / 64] >> (bit % 64) & 1;
}

static void reset_memblock(void)
{
	if (!init_memory_regions) {
		init_memory_regions = memblock.memory.regions;
		init_reserved_regions = memblock.reserved.regions;
	}
	memblock.memory.regions = init_memory_regions;
	memblock.reserved.regions = init_reserved_regions;
	memset(init_memory_regions, 0, 128 * sizeof(struct memblock_region));
	memset(init_reserved_regions, 0, 128 * sizeof(struct memblock_region));
	memblock.memory.cnt = memblock.reserved.cnt = 1;
	memblock.memory.max = memblock.reserved.max = 128;
	memblock.memory.total_size = memblock.reserved.total_size = 0;
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
}

/* Forgets the previous machine: every global the mm code keeps. */
static void reset_mm_state(void)
{
	reset_memblock();
	memset(node_data, 0, sizeof(node_data));
	memset(mem_section, 0, sizeof(struct mem_section *) * NR_SECTION_ROOTS);
	memset(node_states, 0, sizeof(node_states));
	memset(vm_zone_stat, 0, sizeof(long) * NR_VM_ZONE_STAT_ITEMS);
	memset(vm_node_stat, 0, sizeof(long) * NR_VM_NODE_STAT_ITEMS);
	memset(vm_numa_event, 0, sizeof(long) * NR_VM_NUMA_EVENT_ITEMS);
	_totalram_pages = 0;
	deferred_pages = true;
	min_free_kbytes = 1024;
	policy_zone = 0;
	page_group_by_mobility_disabled = 0;
	reset_zone_movable_params();
	for (int i = 0; i < NR_CPUS; i++)
		cpu_to_node_map[i] = NUMA_NO_NODE;
	for (int i = 0; i < MAX_NUMNODES; i++)
		for (int j = 0; j < MAX_NUMNODES; j++)
			distance[i][j] = i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	memset(node_cpus, 0, sizeof(node_cpus));
	nr_held = 0;
	memset(leaked, 0, sizeof(leaked));
	mt_mismatches = 0;
	free(vmemmap_array);
	free(shadow);
	free(seen);
	vmemmap_array = NULL;
}

/* The host vmemmap over whole sections around the simulation, poisoned. */
static void setup_vmemmap(void)
{
	unsigned long start = PHYS_PFN(sim_phys_base);
	unsigned long end = PHYS_PFN(sim_phys_base + sim_mem_size);
	size_t words = (end - start + 63) / 64 + 1;

	vmemmap_start_pfn = ALIGN_DOWN(start, PAGES_PER_SECTION);
	vmemmap_end_pfn = ALIGN(end, PAGES_PER_SECTION);
	vmemmap_array = malloc((vmemmap_end_pfn - vmemmap_start_pfn) * sizeof(struct page));
	ASSERT_TRUE(vmemmap_array);
	memset(vmemmap_array, 0xa5, (vmemmap_end_pfn - vmemmap_start_pfn) * sizeof(struct page));
	vmemmap = vmemmap_array - vmemmap_start_pfn;
	shadow = calloc(words, sizeof(long));
	seen = calloc(words, sizeof(long));
	ASSERT_TRUE(shadow && seen);
}

static unsigned long sim_pfn(struct page *page)
{
	return page_to_pfn(page) - PHYS_PFN(sim_phys_base);
}

/* Pages memblock_free_all should hand over: free memblock memory, whole pages. */
static unsigned long count_free_memblock_pages(void)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		if (PFN_DOWN(end) > PFN_UP(start))
			n += PFN_DOWN(end) - PFN_UP(start);
	return n;
}

/* Boot as start_kernel would up to the buddy: every zone still on the boot pagesets. */
static void boot_mm_boot_pagesets(void)
{
	setup_vmemmap();
	sim_bootmem_init();
	build_all_zonelists(NULL);
	zonelist_total_pages = nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
	expected_managed = count_free_memblock_pages();
	mem_init();
}

/* Then the zones' own pcp lists; no deferred pages yet. */
static void boot_mm_early(void)
{
	boot_mm_boot_pagesets();
	setup_per_cpu_pageset();
}

/* ... and as kernel_init goes on: the deferred struct pages, then the watermarks. */
static void boot_mm_late(void)
{
	page_alloc_init_late();
	init_per_zone_wmark_min();
}

/* Boot as start_kernel and kernel_init would: zones, buddy, pcp sizes, watermarks. */
static void boot_mm(void)
{
	boot_mm_early();
	boot_mm_late();
}

/*
 * Four nodes of 64 MiB at 0x40000000, one cpu each, like the reference machine at a
 * quarter of the size:
 *   node 0 [0x40000000-0x43ffffff]  kernel image reserved at 0x40200000 (3 MiB)
 *   node 1 [0x44000000-0x47ffffff]  an odd reservation of 5 pages at 0x45001000
 *   node 2 [0x48000000-0x4bffffff]  a 1 MiB hole (no memory) at 0x49000000
 *   node 3 [0x4c000000-0x4fffffff]  the device tree reserved at 0x4fe00000 (64 KiB)
 */
static void add_4node_memory(const char *movablecore, const int (*dist)[4])
{
	reset_mm_state();
	for (int i = 0; dist && i < 4; i++)
		for (int j = 0; j < 4; j++)
			distance[i][j] = dist[i][j];
	sim_mem_init(MEM_BASE, 4 * SZ_64M);
	for (int nid = 0; nid < 4; nid++) {
		memblock_add_node(MEM_BASE + nid * SZ_64M, SZ_64M, nid, MEMBLOCK_NONE);
		node_set(nid, &node_states[N_POSSIBLE]);
		node_set_online(nid);
		cpu_to_node_map[nid] = nid;
	}
	memblock_remove(0x49000000, SZ_1M);
	memblock_reserve(0x40200000, 3 * SZ_1M);
	memblock_reserve(0x45001000, 5 * PAGE_SIZE);
	memblock_reserve(0x4fe00000, SZ_64K);
	if (movablecore)
		cmdline_parse_movablecore((char *)movablecore);
}

static void setup_4node_dist(const char *movablecore, const int (*dist)[4])
{
	add_4node_memory(movablecore, dist);
	boot_mm();
}

static void setup_4node(const char *movablecore)
{
	setup_4node_dist(movablecore, NULL);
}

/* One node of 37 MiB + 20 KiB: not a whole pageblock or max-order block at the end. */
static void setup_1node_odd(void)
{
	reset_mm_state();
	sim_mem_init(MEM_BASE, 37 * SZ_1M + 20 * SZ_1K);
	memblock_add_node(MEM_BASE, 37 * SZ_1M + 20 * SZ_1K, 0, MEMBLOCK_NONE);
	node_set(0, &node_states[N_POSSIBLE]);
	node_set_online(0);
	cpu_to_node_map[0] = 0;
	cpu_to_node_map[1] = 0;
	memblock_reserve(MEM_BASE, SZ_2M);
	memblock_reserve(MEM_BASE + 0x801000, 3 * PAGE_SIZE);
	boot_mm();
}

/* ---- invariants ---- */

static unsigned long held_pages_in(struct zone *zone)
{
	unsigned long n = 0;

	for (int i = 0; i < nr_held; i++)
		if (page_zone(held[i].page) == zone)
			n += 1UL << held[i].order;
	return n;
}

static void mark_seen(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		unsigned long bit = sim_pfn(page) + i;

		if (bitmap_test_bit(seen, bit) || bitmap_test_bit(shadow, bit))
			ktest_abort(__FILE__, __LINE__, "pfn %#lx both free and used",
				    page_to_pfn(page) + i);
		bitmap_set_bit(seen, bit);
	}
}

/* A free block whose buddy is free with the same order must have been merged. */
static void check_merged(struct zone *zone, struct page *page, unsigned int order, int mt)
{
	unsigned long pfn = page_to_pfn(page), bpfn = pfn ^ (1UL << order);
	struct page *buddy = pfn_to_page(bpfn);

	if (order >= MAX_ORDER - 1 || !zone_spans_pfn(zone, bpfn))
		return;
	if (!PageBuddy(buddy) || buddy_order(buddy) != order || page_zone(buddy) != zone)
		return;
	if (order >= pageblock_order &&
	    (!migratetype_is_mergeable(mt) ||
	     !migratetype_is_mergeable(get_pageblock_migratetype(buddy))))
		return;
	ktest_abort(__FILE__, __LINE__, "free buddies %#lx and %#lx of order %u not merged",
		    pfn, bpfn, order);
}

static unsigned long check_free_lists(struct zone *zone)
{
	unsigned long free = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long blocks = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &area->free_list[mt], buddy_list) {
				unsigned long pfn = page_to_pfn(page);

				ASSERT_TRUE(PageBuddy(page));
				ASSERT_EQ(buddy_order(page), order);
				ASSERT_EQ(pfn & ((1UL << order) - 1), 0);
				ASSERT_TRUE(zone_spans_pfn(zone, pfn + (1UL << order) - 1));
				ASSERT_TRUE(page_zone(page) == zone);
				ASSERT_EQ(page_ref_count(page), 0);
				ASSERT_TRUE(!PageReserved(page));
				mark_seen(page, order);
				check_merged(zone, page, order, mt);
				if (mt != get_pageblock_migratetype(page))
					mt_mismatches++;
				blocks++;
			}
		}
		ASSERT_EQ(blocks, area->nr_free);
		free += blocks << order;
	}
	return free;
}

static unsigned long check_pcp(struct zone *zone)
{
	unsigned long total = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *pcp = per_cpu_ptr(zone->per_cpu_pageset, cpu);
		unsigned long count = 0;

		for (int pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
			unsigned int order = pindex / MIGRATE_PCPTYPES;
			struct page *page;

			list_for_each_entry(page, &pcp->lists[pindex], pcp_list) {
				ASSERT_TRUE(!PageBuddy(page));
				ASSERT_EQ(page_ref_count(page), 0);
				ASSERT_TRUE(page_zone(page) == zone);
				mark_seen(page, order);
				count += 1UL << order;
			}
		}
		ASSERT_EQ(count, pcp->count);
		/*
		 * Frees stop at high; refills of empty lists may add their leftovers
		 * (batch - 1 blocks per list at most) on top.
		 */
		if (pcp->high)
			ASSERT_TRUE(pcp->count <= pcp->high + 8 +
				    MIGRATE_PCPTYPES * (4 * pcp->batch + 14));
		total += count;
	}
	return total;
}

/* The machine's free pages: the global count plus every cpu's unfolded diffs. */
static unsigned long global_free_snapshot(void)
{
	long x = global_zone_page_state(NR_FREE_PAGES);
	struct zone *zone;

	for_each_populated_zone(zone)
		x += per_cpu_ptr(zone->per_cpu_zonestats, 0)->vm_stat_diff[NR_FREE_PAGES];
	return x;
}

/*
 * Every invariant of every zone; aborts the case at the first broken one. The counts are
 * compared exactly, with this cpu's diffs (struct per_cpu_zonestat) added in.
 */
static void check_all(void)
{
	unsigned long total_free = 0;
	struct zone *zone;

	memset(seen, 0, ((PHYS_PFN(sim_mem_size) + 63) / 64 + 1) * sizeof(long));
	for_each_zone(zone) {
		unsigned long free, pcp, used;

		if (!populated_zone(zone))
			continue;
		free = check_free_lists(zone);
		pcp = check_pcp(zone);
		used = held_pages_in(zone) + leaked[zone_to_nid(zone)][zone_idx(zone)];
		ASSERT_EQ(free, zone_page_state_snapshot(zone, NR_FREE_PAGES));
		ASSERT_EQ(free + pcp + used, zone_managed_pages(zone));
		total_free += free;
	}
	ASSERT_EQ(total_free, global_free_snapshot());
}

/* ---- holding pages ---- */

static void hold(struct page *page, unsigned int order, gfp_t gfp)
{
	ASSERT_TRUE(nr_held < MAX_HELD);
	ASSERT_EQ(page_ref_count(page), 1);
	ASSERT_TRUE(!PageBuddy(page) && !PageReserved(page));
	ASSERT_EQ(page_to_pfn(page) & ((1UL << order) - 1), 0);
	ASSERT_TRUE((int)page_zonenum(page) <= (int)gfp_zone(gfp));
	for (unsigned long i = 0; i < (1UL << order); i++) {
		unsigned long bit = sim_pfn(page) + i;

		if (bitmap_test_bit(shadow, bit))
			ktest_abort(__FILE__, __LINE__, "pfn %#lx handed out twice",
				    page_to_pfn(page) + i);
		bitmap_set_bit(shadow, bit);
	}
	held[nr_held].page = page;
	held[nr_held++].order = order;
}

static struct page *alloc_hold(gfp_t gfp, unsigned int order, int nid)
{
	struct page *page = __alloc_pages(gfp, order, nid, NULL);

	if (page)
		hold(page, order, gfp);
	return page;
}

/* Stops tracking held[i] without freeing it: the case frees (or leaks) it itself. */
static void forget(int i)
{
	struct held h = held[i];

	for (unsigned long j = 0; j < (1UL << h.order); j++)
		bitmap_clear_bit(shadow, sim_pfn(h.page) + j);
	held[i] = held[--nr_held];
}

static void release(int i)
{
	struct held h = held[i];

	forget(i);
	__free_pages(h.page, h.order);
}

static void release_all(void)
{
	while (nr_held)
		release(nr_held - 1);
}

static void zone_snapshot(unsigned long snap[MAX_NUMNODES][MAX_ORDER])
{
	int nid;

	for_each_online_node(nid)
		for (int o = 0; o < MAX_ORDER; o++)
			snap[nid][o] = NODE_DATA(nid)->node_zones[ZONE_DMA].free_area[o].nr_free;
}

/* ---- boot: spans, present, managed, memmap ---- */

static struct zone *zone_of(int nid, enum zone_type zt)
{
	return &NODE_DATA(nid)->node_zones[zt];
}

/*
 * 4 x 64 MiB: every node has one DMA zone over its whole span; node 2 lacks the 256
 * pages of its hole; the other zones are empty; managed = what memblock had free.
 */
static void test_4node_zone_spans(void)
{
	unsigned long managed = 0;

	setup_4node(NULL);
	for (int nid = 0; nid < 4; nid++) {
		struct zone *dma = zone_of(nid, ZONE_DMA);

		EXPECT_EQ(NODE_DATA(nid)->node_start_pfn, 0x40000 + nid * 0x4000);
		EXPECT_EQ(NODE_DATA(nid)->node_spanned_pages, 16384);
		EXPECT_EQ(dma->zone_start_pfn, 0x40000 + nid * 0x4000);
		EXPECT_EQ(dma->spanned_pages, 16384);
		EXPECT_EQ(dma->present_pages, nid == 2 ? 16384 - 256 : 16384);
		EXPECT_STREQ(dma->name, "DMA");
		for (int zt = ZONE_DMA32; zt < MAX_NR_ZONES; zt++) {
			EXPECT_EQ(zone_of(nid, zt)->spanned_pages, 0);
			EXPECT_EQ(zone_of(nid, zt)->present_pages, 0);
		}
		EXPECT_EQ(NODE_DATA(nid)->nr_zones, 1);
		managed += zone_managed_pages(dma);
	}
	EXPECT_EQ(managed, expected_managed);
	EXPECT_EQ(totalram_pages(), expected_managed);
	EXPECT_EQ(zonelist_total_pages, 4 * (16384 - 256) - 256);	/* minus memmap, hole */
	EXPECT_EQ(get_num_physpages(), 4 * 16384 - 256);
	EXPECT_EQ(policy_zone, ZONE_DMA);
	EXPECT_EQ(page_group_by_mobility_disabled, 0);
	EXPECT_EQ(vmemmap_populate_calls >= 2, 1);
	check_all();
}

/*
 * The memmap of the second section (nodes 2 and 3) cannot be mapped: that memory is
 * dropped, nodes 2 and 3 become memoryless, the rest works and falls back across them.
 */
static void test_vmemmap_failure_drops_section(void)
{
	struct page *page;

	vmemmap_fail_pfn = 0x48000;
	setup_4node(NULL);
	vmemmap_fail_pfn = -1UL;
	EXPECT_FALSE(pfn_valid(0x48000));
	EXPECT_EQ(NODE_DATA(2)->node_present_pages, 0);
	EXPECT_EQ(NODE_DATA(3)->node_present_pages, 0);
	EXPECT_EQ(zone_of(1, ZONE_DMA)->present_pages, 16384);
	check_all();
	page = alloc_hold(GFP_KERNEL, 0, 2);
	ASSERT_TRUE(page);
	EXPECT_TRUE(page_to_nid(page) == 0 || page_to_nid(page) == 1);
	EXPECT_TRUE(alloc_hold(GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 0, 3) == NULL);
	release_all();
	check_all();
}

/*
 * The reference machine itself (4 x 256 MiB, DESIGN.md): Linux's boot log shows one DMA
 * zone per node, [mem 0x40000000-0x7fffffff] in all, spanned = present = 65536 pages
 * per node, "Total pages: 258048" and 1048576K of memory.
 */
static void test_reference_machine_numbers(void)
{
	reset_mm_state();
	sim_mem_init(MEM_BASE, SZ_1G);
	for (int nid = 0; nid < 4; nid++) {
		memblock_add_node(MEM_BASE + nid * SZ_256M, SZ_256M, nid, MEMBLOCK_NONE);
		node_set(nid, &node_states[N_POSSIBLE]);
		node_set_online(nid);
		cpu_to_node_map[nid] = nid;
	}
	memblock_reserve(0x40210000, 0x5d0000);		/* the kernel image */
	boot_mm();
	for (int nid = 0; nid < 4; nid++) {
		struct zone *dma = zone_of(nid, ZONE_DMA);

		EXPECT_EQ(dma->zone_start_pfn, 262144 + nid * 65536);
		EXPECT_EQ(dma->spanned_pages, 65536);
		EXPECT_EQ(dma->present_pages, 65536);
		EXPECT_EQ(per_cpu_ptr(dma->per_cpu_pageset, nid)->batch, 15);
		for (int zt = ZONE_DMA32; zt < MAX_NR_ZONES; zt++)
			EXPECT_EQ(zone_of(nid, zt)->spanned_pages, 0);
	}
	EXPECT_EQ(zone_end_pfn(zone_of(3, ZONE_DMA)), 0x80000);
	EXPECT_EQ(zonelist_total_pages, 258048);
	EXPECT_EQ(get_num_physpages() * 4, 1048576);
	check_all();
}

/* pfn_valid, node/zone ids in page->flags, reserved holes and reservations. */
static void test_4node_memmap(void)
{
	setup_4node(NULL);
	EXPECT_TRUE(pfn_valid(0x40000));
	EXPECT_TRUE(pfn_valid(0x4ffff));
	EXPECT_FALSE(pfn_valid(0x3ffff));
	EXPECT_FALSE(pfn_valid(0x50000));
	for (int nid = 0; nid < 4; nid++) {
		struct page *page = pfn_to_page(0x40000 + nid * 0x4000 + 77);

		EXPECT_EQ(page_to_nid(page), nid);
		EXPECT_EQ(page_zonenum(page), ZONE_DMA);
		EXPECT_TRUE(page_zone(page) == zone_of(nid, ZONE_DMA));
	}
	EXPECT_TRUE(PageReserved(pfn_to_page(0x49000)));	/* the hole */
	EXPECT_TRUE(PageReserved(pfn_to_page(0x490ff)));
	EXPECT_FALSE(PageReserved(pfn_to_page(0x49100)));
	EXPECT_TRUE(PageReserved(pfn_to_page(0x40200)));	/* the kernel */
	EXPECT_TRUE(PageReserved(pfn_to_page(0x404ff)));
	EXPECT_TRUE(PageReserved(pfn_to_page(0x45001)));
	EXPECT_TRUE(PageReserved(pfn_to_page(0x45005)));
	EXPECT_FALSE(PageReserved(pfn_to_page(0x45006)));
	EXPECT_EQ(page_to_pfn(virt_to_page(page_address(pfn_to_page(0x41234)))), 0x41234);
	EXPECT_EQ(get_pageblock_migratetype(pfn_to_page(0x44400)), MIGRATE_MOVABLE);
	check_all();
}

/*
 * After memblock_free_all every fully free, aligned 4 MiB block is one order-10 buddy,
 * and (check_all) no two free buddies are left unmerged.
 */
static void check_max_order_blocks(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long pfn = ALIGN(zone->zone_start_pfn, MAX_ORDER_NR_PAGES);

		for (; pfn + MAX_ORDER_NR_PAGES <= zone_end_pfn(zone); pfn += MAX_ORDER_NR_PAGES) {
			bool all_free = true;

			for (unsigned long i = 0; i < MAX_ORDER_NR_PAGES && all_free; i++)
				all_free = !PageReserved(pfn_to_page(pfn + i));
			if (!all_free)
				continue;
			EXPECT_TRUE(PageBuddy(pfn_to_page(pfn)));
			EXPECT_EQ(buddy_order(pfn_to_page(pfn)), MAX_ORDER - 1);
		}
	}
}

static void test_4node_buddies_merged_after_boot(void)
{
	setup_4node(NULL);
	check_all();
	check_max_order_blocks();
	EXPECT_EQ(mt_mismatches, 0);
	/* Node 1 has one small reservation: 15 max-order blocks and the rest split. */
	EXPECT_TRUE(zone_of(1, ZONE_DMA)->free_area[MAX_ORDER - 1].nr_free >= 14);
}

/* ---- deferred struct page init ---- */

/*
 * Two nodes of 512 MiB (four 128 MiB sections each), booted up to the end of start_kernel:
 *   node 0 [0x40000000-0x5fffffff]  kernel image at 0x40200000; 5 pages reserved at
 *                                   0x4c801000, in the deferred part (the second section)
 *   node 1 [0x60000000-0x7fffffff]  a 1 MiB hole at 0x7a000000 and 64 KiB reserved at
 *                                   0x7fe00000, both in the deferred last section
 * memmap_init initialises each node's first section: first_deferred_pfn is the second.
 */
static void setup_2node_deferred(void)
{
	reset_mm_state();
	sim_mem_init(MEM_BASE, SZ_1G);
	for (int nid = 0; nid < 2; nid++) {
		memblock_add_node(MEM_BASE + nid * SZ_512M, SZ_512M, nid, MEMBLOCK_NONE);
		node_set(nid, &node_states[N_POSSIBLE]);
		node_set_online(nid);
		cpu_to_node_map[nid] = nid;
	}
	memblock_remove(0x7a000000, SZ_1M);
	memblock_reserve(0x40200000, 3 * SZ_1M);
	memblock_reserve(0x4c801000, 5 * PAGE_SIZE);
	memblock_reserve(0x7fe00000, SZ_64K);
	boot_mm_early();
}

/* Free memblock pages of node @nid from @pfn on: what its deferred init has to free. */
static unsigned long free_memblock_pages_from(int nid, unsigned long pfn)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_free_mem_range(i, nid, MEMBLOCK_NONE, &start, &end, NULL) {
		unsigned long s = max(PFN_UP(start), pfn);

		if (PFN_DOWN(end) > s)
			n += PFN_DOWN(end) - s;
	}
	return n;
}

static unsigned long total_managed(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		n += zone_managed_pages(zone);
	return n;
}

/* Every pageblock of memory has the Movable type memmap_init gives it. */
static void check_pageblocks_movable(void)
{
	for (unsigned long pfn = PHYS_PFN(MEM_BASE); pfn < PHYS_PFN(MEM_BASE + SZ_1G);
	     pfn += pageblock_nr_pages)
		if (memblock_is_memory(PFN_PHYS(pfn)))
			EXPECT_EQ(get_pageblock_migratetype(pfn_to_page(pfn)), MIGRATE_MOVABLE);
}

/*
 * Before page_alloc_init_late: the pages above first_deferred_pfn are neither initialised
 * nor managed, but reserved ones there are; after it, every free page is in the buddy,
 * managed counts what memblock had free, as without deferral, and the buddies merged.
 */
static void test_deferred_init_two_nodes(void)
{
	unsigned long deferred = 0;

	setup_2node_deferred();
	for (int nid = 0; nid < 2; nid++) {
		unsigned long first = NODE_DATA(nid)->first_deferred_pfn;

		EXPECT_EQ(first, PHYS_PFN(MEM_BASE + nid * SZ_512M) + PAGES_PER_SECTION);
		deferred += free_memblock_pages_from(nid, first);
	}
	/* Less what the reservations, the hole and boot's memblock allocations took. */
	EXPECT_TRUE(deferred <= 2 * 3 * PAGES_PER_SECTION - 5 - 256 - 16);
	EXPECT_TRUE(deferred > 2 * 3 * PAGES_PER_SECTION - 5 - 256 - 16 - 64);
	/* Still the vmemmap's poison: never written. */
	EXPECT_EQ(pfn_to_page(0x4c000)->flags, 0xa5a5a5a5a5a5a5a5UL);
	EXPECT_TRUE(PageReserved(pfn_to_page(0x4c801)));
	EXPECT_EQ(page_to_nid(pfn_to_page(0x4c805)), 0);
	EXPECT_FALSE(PageReserved(pfn_to_page(0x4c806)) &&
		     pfn_to_page(0x4c806)->flags != 0xa5a5a5a5a5a5a5a5UL);
	EXPECT_TRUE(PageReserved(pfn_to_page(0x7fe0f)));
	EXPECT_EQ(page_to_nid(pfn_to_page(0x7fe00)), 1);
	EXPECT_EQ(total_managed() + deferred, expected_managed);
	check_all();

	page_alloc_init_late();
	init_per_zone_wmark_min();
	EXPECT_EQ(NODE_DATA(0)->first_deferred_pfn, ULONG_MAX);
	EXPECT_EQ(NODE_DATA(1)->first_deferred_pfn, ULONG_MAX);
	EXPECT_EQ(total_managed(), expected_managed);
	EXPECT_EQ(page_to_nid(pfn_to_page(0x4c806)), 0);
	EXPECT_EQ(page_zonenum(pfn_to_page(0x7ffff)), ZONE_DMA);
	EXPECT_TRUE(PageReserved(pfn_to_page(0x7a000)));	/* the hole */
	check_all();
	check_max_order_blocks();
	check_pageblocks_movable();
	EXPECT_EQ(mt_mismatches, 0);
}

/*
 * Node 1's first section runs out before page_alloc_init_late: deferred_grow_zone gives
 * the allocations the next section, and only that one; the thread then does the rest.
 */
static void test_deferred_grow_zone(void)
{
	unsigned long first = PHYS_PFN(MEM_BASE + SZ_512M) + PAGES_PER_SECTION;
	const unsigned int blocks = PAGES_PER_SECTION / MAX_ORDER_NR_PAGES + 2;

	setup_2node_deferred();
	ASSERT_EQ(NODE_DATA(1)->first_deferred_pfn, first);
	for (unsigned int i = 0; i < blocks; i++) {
		struct page *page = alloc_hold(GFP_KERNEL | __GFP_THISNODE, MAX_ORDER - 1, 1);

		ASSERT_TRUE(page);
		EXPECT_EQ(page_to_nid(page), 1);
	}
	EXPECT_EQ(NODE_DATA(1)->first_deferred_pfn, first + PAGES_PER_SECTION);
	EXPECT_EQ(NODE_DATA(0)->first_deferred_pfn,
		  PHYS_PFN(MEM_BASE) + PAGES_PER_SECTION);
	check_all();
	release_all();
	page_alloc_init_late();
	EXPECT_EQ(total_managed(), expected_managed);
	check_all();
	check_max_order_blocks();
}

/* An odd-sized node: spans to the last page, the tail in smaller blocks. */
static void test_1node_odd_size(void)
{
	struct zone *dma;

	setup_1node_odd();
	dma = zone_of(0, ZONE_DMA);
	EXPECT_EQ(dma->zone_start_pfn, 0x40000);
	EXPECT_EQ(dma->spanned_pages, 9477);
	EXPECT_EQ(dma->present_pages, 9477);
	EXPECT_EQ(zone_managed_pages(dma), expected_managed);
	EXPECT_TRUE(PageReserved(pfn_to_page(0x40000 + 9477)));	/* past the end */
	EXPECT_TRUE(PageReserved(pfn_to_page(0x40801)));
	/* Two cpus on the node: pcp high is the low watermark split in two. */
	EXPECT_EQ(per_cpu_ptr(dma->per_cpu_pageset, 0)->high,
		  max((int)low_wmark_pages(dma) / 2, per_cpu_ptr(dma->per_cpu_pageset, 0)->batch * 4));
	check_all();
	check_max_order_blocks();
	EXPECT_TRUE(alloc_hold(GFP_KERNEL, 10, 0) != NULL);
	release_all();
	check_all();
}

/*
 * RAM from physical 0 (pfn 0 is aligned to every order, and __ffs(0) is undefined):
 *   [0x0 ------------- 16 MiB)   the first 4 MiB block starts at pfn 0
 *   reserved [5 MiB, 5 MiB + 8 KiB): blocks of every order around it
 * memblock_free_all hands pfn 0 over as a max-order block, and every page is managed.
 */
static void test_1node_from_pfn0(void)
{
	struct zone *dma;

	reset_mm_state();
	sim_mem_init(0, SZ_16M);
	memblock_add_node(0, SZ_16M, 0, MEMBLOCK_NONE);
	node_set(0, &node_states[N_POSSIBLE]);
	node_set_online(0);
	cpu_to_node_map[0] = 0;
	memblock_reserve(5 * SZ_1M, 2 * PAGE_SIZE);
	boot_mm();
	dma = zone_of(0, ZONE_DMA);
	EXPECT_EQ(dma->zone_start_pfn, 0);
	EXPECT_EQ(zone_managed_pages(dma), expected_managed);
	EXPECT_TRUE(PageBuddy(pfn_to_page(0)));
	EXPECT_EQ(buddy_order(pfn_to_page(0)), MAX_ORDER - 1);
	check_all();
	check_max_order_blocks();
}

/*
 * The reference machine's figures (linux-6.1-4node-boot.log): at init_per_zone_wmark_min
 * time node 0 managed 62875 pages of 256313 in all (it had 63196 once init memory and the
 * initrd were freed). Linux's formulas give min 248, low 310, high 372, and the pcp of a
 * node with one cpu high 310, batch 15.
 */
static void test_reference_watermarks_and_pcp(void)
{
	static const long managed[4] = { 62875, 64479, 64479, 64480 };
	struct zone *zone;

	setup_4node(NULL);
	release_all();
	for_each_zone(zone) {
		memset(zone->_watermark, 0, sizeof(zone->_watermark));
		if (populated_zone(zone))
			zone->managed_pages = managed[zone_to_nid(zone)];
	}
	init_per_zone_wmark_min();
	EXPECT_EQ(min_free_kbytes, 4050);
	zone = zone_of(0, ZONE_DMA);
	EXPECT_EQ(min_wmark_pages(zone), 248);
	EXPECT_EQ(low_wmark_pages(zone), 310);
	EXPECT_EQ(high_wmark_pages(zone), 372);
	EXPECT_EQ(per_cpu_ptr(zone->per_cpu_pageset, 0)->high, 310);
	EXPECT_EQ(per_cpu_ptr(zone->per_cpu_pageset, 0)->batch, 15);
	EXPECT_EQ(per_cpu_ptr(zone->per_cpu_pageset, 3)->high, 310);
	EXPECT_EQ(per_cpu_ptr(zone->per_cpu_zonestats, 0)->stat_threshold, 12);
	for (int i = 0; i < MAX_NR_ZONES; i++)
		EXPECT_EQ(zone->lowmem_reserve[i], 0);
	EXPECT_EQ(zone_of(0, ZONE_DMA32)->_watermark[WMARK_MIN], 0);
}

/* Each node's fallback zonelist visits the nodes of order[nid], one DMA zone each. */
static void expect_fallback_order(const int (*order)[4])
{
	for (int nid = 0; nid < 4; nid++) {
		struct zonelist *zl = &NODE_DATA(nid)->node_zonelists[ZONELIST_FALLBACK];
		struct zoneref *z;
		struct zone *zone;
		int i = 0;

		for_each_zone_zonelist(zone, z, zl, ZONE_MOVABLE) {
			ASSERT_TRUE(i < 4);
			EXPECT_EQ(zone_to_nid(zone), order[nid][i++]);
		}
		EXPECT_EQ(i, 4);
	}
}

/* Zonelists: node order by distance as Linux prints it, THISNODE lists one node. */
static void test_zonelist_order(void)
{
	static const int order[4][4] = { {0, 1, 2, 3}, {1, 2, 3, 0}, {2, 3, 0, 1}, {3, 0, 1, 2} };

	setup_4node(NULL);
	expect_fallback_order(order);
	for (int nid = 0; nid < 4; nid++) {
		struct zonelist *zl = &NODE_DATA(nid)->node_zonelists[ZONELIST_NOFALLBACK];

		EXPECT_TRUE(zl->_zonerefs[0].zone == zone_of(nid, ZONE_DMA));
		EXPECT_TRUE(zl->_zonerefs[1].zone == NULL);
	}
}

/*
 * An asymmetric distance map, node 0 nearer to 2 than to 1. Linux 6.1's
 * find_next_best_node, worked by hand: (distance + 1 below the node + 1 if the node has
 * cpus up) * MAX_NUMNODES + node_load, the least wins, the first of a new distance group
 * gets a load:
 *          0   1   2   3     no cpu up yet (start_kernel)   cpus up on nodes 1 and 3
 *     0   10  30  20  30     0 2 1 3                        0 2 1 3
 *     1   30  10  20  30     1 2 3 0                        1 2 0 3
 *     2   20  20  10  30     2 0 1 3                        2 0 1 3
 *     3   30  30  30  10     3 0 1 2                        3 0 2 1
 */
static void test_zonelist_asymmetric_distance(void)
{
	static const int dist[4][4] = { {10, 30, 20, 30}, {30, 10, 20, 30}, {20, 20, 10, 30},
					{30, 30, 30, 10} };
	static const int at_boot[4][4] = { {0, 2, 1, 3}, {1, 2, 3, 0}, {2, 0, 1, 3}, {3, 0, 1, 2} };
	static const int cpus_up[4][4] = { {0, 2, 1, 3}, {1, 2, 0, 3}, {2, 0, 1, 3}, {3, 0, 2, 1} };

	setup_4node_dist(NULL, dist);
	expect_fallback_order(at_boot);
	cpumask_set_cpu(0, &node_cpus[1]);
	cpumask_set_cpu(1, &node_cpus[3]);
	build_all_zonelists(NULL);
	expect_fallback_order(cpus_up);
}

/* ---- random sequences ---- */

static unsigned long count_blocks(struct zone *zone, int mt);

static const gfp_t random_gfps[] = {
	GFP_KERNEL, GFP_USER | __GFP_MOVABLE, GFP_HIGHUSER_MOVABLE,
	GFP_KERNEL | __GFP_RECLAIMABLE, GFP_ATOMIC, GFP_KERNEL | __GFP_ZERO,
	GFP_KERNEL | __GFP_THISNODE, GFP_DMA,
};

static unsigned int random_order(void)
{
	uint64_t r = ktest_rand_range(0, 99);

	if (r < 60)
		return 0;
	if (r < 85)
		return ktest_rand_range(1, PAGE_ALLOC_COSTLY_ORDER);
	return ktest_rand_range(PAGE_ALLOC_COSTLY_ORDER + 1, MAX_ORDER - 1);
}

/* One random step: allocate (mixed orders, gfp, nodes) or free a random held block. */
static void random_step(int nr_nodes, unsigned int alloc_percent)
{
	if (nr_held && (nr_held == MAX_HELD || ktest_rand_range(0, 99) >= alloc_percent)) {
		release(ktest_rand_range(0, nr_held - 1));
		return;
	}
	alloc_hold(random_gfps[ktest_rand_range(0, ARRAY_SIZE(random_gfps) - 1)] | __GFP_NOWARN,
		   random_order(), ktest_rand_range(0, nr_nodes - 1));
}

/*
 * Thousands of random allocations and frees, every invariant checked after each step
 * (then every 25 steps): nothing handed out twice, free + pcp + held == managed per
 * zone, free lists consistent and fully merged. Then everything is freed and drained:
 * the free blocks per order are back to what boot left.
 */
static void test_random_alloc_free(void)
{
	unsigned long before[MAX_NUMNODES][MAX_ORDER], after[MAX_NUMNODES][MAX_ORDER];
	unsigned long failures = nr_alloc_failure_reports;

	setup_4node(NULL);
	drain_all_pages(NULL);
	zone_snapshot(before);
	for (int step = 0; step < 12000; step++) {
		random_step(4, step < 6000 ? 60 : 45);
		if (step < 3000 || step % 25 == 0)
			check_all();
	}
	check_all();
	EXPECT_EQ(nr_alloc_failure_reports, failures);	/* __GFP_NOWARN: no report */
	release_all();
	drain_all_pages(NULL);
	check_all();
	zone_snapshot(after);
	for (int nid = 0; nid < 4; nid++)
		for (int o = 0; o < MAX_ORDER; o++)
			EXPECT_EQ(after[nid][o], before[nid][o]);
	check_max_order_blocks();
}

/* The same on the odd one-node machine, pushed to exhaustion. */
static void test_random_exhaustion_1node(void)
{
	unsigned long before[MAX_NUMNODES][MAX_ORDER], after[MAX_NUMNODES][MAX_ORDER];

	setup_1node_odd();
	drain_all_pages(NULL);
	zone_snapshot(before);
	for (int step = 0; step < 6000; step++) {
		random_step(1, 80);
		check_all();
	}
	release_all();
	drain_all_pages(NULL);
	check_all();
	zone_snapshot(after);
	for (int o = 0; o < MAX_ORDER; o++)
		EXPECT_EQ(after[0][o], before[0][o]);
}

/*
 * Movable allocations only, never near exhaustion: nothing falls back, so every
 * pageblock stays movable and every free block sits on its pageblock's list.
 */
static void test_random_movable_only_keeps_types(void)
{
	unsigned long movable[4];

	setup_4node(NULL);
	/*
	 * As in Linux, memmap_init types a pageblock where a memory range starts on its
	 * boundary: node 2's block holding the hole's end stays MIGRATE_UNMOVABLE (0).
	 */
	for (int nid = 0; nid < 4; nid++)
		movable[nid] = count_blocks(zone_of(nid, ZONE_DMA), MIGRATE_MOVABLE);
	EXPECT_EQ(movable[2], 15);
	for (int step = 0; step < 4000; step++) {
		if (nr_held && ktest_rand_range(0, 99) >= 55)
			release(ktest_rand_range(0, nr_held - 1));
		else
			alloc_hold(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, random_order() % 6,
				   ktest_rand_range(0, 3));
		if (step % 20 == 0) {
			mt_mismatches = 0;
			check_all();
			ASSERT_EQ(mt_mismatches, 0);
		}
	}
	for (int nid = 0; nid < 4; nid++)
		EXPECT_EQ(count_blocks(zone_of(nid, ZONE_DMA), MIGRATE_MOVABLE), movable[nid]);
	release_all();
	check_all();
}

/* ---- migratetypes ---- */

static unsigned long count_blocks(struct zone *zone, int mt)
{
	unsigned long n = 0;

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages)
		n += get_pageblock_migratetype(pfn_to_page(pfn)) == mt;
	return n;
}

/*
 * All pageblocks start movable. Unmovable allocations find no unmovable pages, steal a
 * whole pageblock (it turns MIGRATE_UNMOVABLE) and keep to stolen blocks: 3000 pages
 * need at least 3 blocks, and few more.
 */
static void test_fallback_steals_pageblocks(void)
{
	struct zone *zone;
	unsigned long in_unmovable = 0;

	setup_4node(NULL);
	zone = zone_of(1, ZONE_DMA);
	EXPECT_EQ(count_blocks(zone, MIGRATE_UNMOVABLE), 0);
	EXPECT_EQ(count_blocks(zone, MIGRATE_MOVABLE), 16);
	for (int i = 0; i < 3000; i++)
		ASSERT_TRUE(alloc_hold(GFP_KERNEL | __GFP_THISNODE, 0, 1));
	check_all();
	EXPECT_TRUE(count_blocks(zone, MIGRATE_UNMOVABLE) >= 3);
	EXPECT_TRUE(count_blocks(zone, MIGRATE_UNMOVABLE) <= 4);
	for (int i = 0; i < nr_held; i++)
		in_unmovable += get_pageblock_migratetype(held[i].page) == MIGRATE_UNMOVABLE;
	EXPECT_EQ(in_unmovable, nr_held);
	/* Reclaimable allocations steal from unmovable's free pages or movable blocks. */
	for (int i = 0; i < 200; i++)
		ASSERT_TRUE(alloc_hold(GFP_KERNEL | __GFP_RECLAIMABLE | __GFP_THISNODE, 0, 1));
	EXPECT_TRUE(count_blocks(zone, MIGRATE_RECLAIMABLE) >= 1);
	check_all();
	release_all();
	drain_all_pages(NULL);
	check_all();
}

/* A movable allocation that cannot take a whole block takes the smallest free one. */
static void test_movable_fallback_takes_smallest(void)
{
	struct zone *zone;

	setup_1node_odd();
	zone = zone_of(0, ZONE_DMA);
	/* Make every free page unmovable-typed: allocate them all as unmovable, free them. */
	while (alloc_hold(GFP_KERNEL | __GFP_NOWARN, 0, 0))
		;
	release_all();
	drain_all_pages(NULL);
	check_all();
	{
		unsigned long movable_blocks = count_blocks(zone, MIGRATE_MOVABLE);

		ASSERT_TRUE(alloc_hold(GFP_HIGHUSER_MOVABLE | __GFP_THISNODE, 0, 0));
		/* Only the small block moved lists: no pageblock changed hands. */
		EXPECT_TRUE(count_blocks(zone, MIGRATE_MOVABLE) <= movable_blocks + 1);
	}
	check_all();
	release_all();
	drain_all_pages(NULL);
	check_all();
}

/* ---- pcp lists ---- */

/*
 * Order-0 frees collect on this cpu's list up to pcp->high, then a batch goes back;
 * allocations take from the list first; drain_all_pages returns everything.
 */
static void test_pcp_high_batch_and_drain(void)
{
	struct zone *zone;
	struct per_cpu_pages *pcp;
	int max_seen = 0;

	setup_4node(NULL);
	zone = zone_of(0, ZONE_DMA);
	pcp = per_cpu_ptr(zone->per_cpu_pageset, 0);
	EXPECT_TRUE(pcp->batch >= 1);
	EXPECT_TRUE(pcp->high >= 4 * pcp->batch);
	for (int i = 0; i < 2000; i++)
		ASSERT_TRUE(alloc_hold(GFP_KERNEL | __GFP_THISNODE, 0, 0));
	check_all();
	while (nr_held) {
		release(ktest_rand_range(0, nr_held - 1));
		max_seen = max(max_seen, pcp->count);
		EXPECT_TRUE(pcp->count < pcp->high);
	}
	check_all();
	EXPECT_EQ(max_seen, pcp->high - 1);
	EXPECT_TRUE(pcp->count > 0);
	/* Mixed orders: high-order frees in a row empty the lists (6.1's free_high). */
	for (int i = 0; i < 500; i++)
		ASSERT_TRUE(alloc_hold(GFP_KERNEL | __GFP_THISNODE, ktest_rand_range(0, 3), 0));
	while (nr_held) {
		release(ktest_rand_range(0, nr_held - 1));
		EXPECT_TRUE(pcp->count < pcp->high + 8);
	}
	check_all();
	/* A page freed hot comes back first. */
	{
		struct page *page = alloc_hold(GFP_KERNEL | __GFP_THISNODE, 0, 0);

		ASSERT_TRUE(page);
		release(nr_held - 1);
		EXPECT_TRUE(alloc_hold(GFP_KERNEL | __GFP_THISNODE, 0, 0) == page);
		release_all();
	}
	drain_all_pages(NULL);
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		EXPECT_EQ(per_cpu_ptr(zone->per_cpu_pageset, cpu)->count, 0);
	check_all();
	EXPECT_EQ(zone_page_state_snapshot(zone, NR_FREE_PAGES), zone_managed_pages(zone));
}

/*
 * Before setup_per_cpu_pageset every zone's pcp pointers lead to the same boot pagesets
 * (batch 1): a refill of order 1-3 must take only the block it hands out, or the list
 * keeps one of this zone's blocks for the next zone's allocation (slub_min_order=1 at
 * boot hit VM_BUG_ON_PAGE(bad_range)).
 */
static void test_boot_pagesets_shared_by_zones(void)
{
	add_4node_memory(NULL, NULL);
	boot_mm_boot_pagesets();
	for (unsigned int order = 0; order <= PAGE_ALLOC_COSTLY_ORDER; order++)
		for (int nid = 0; nid < 4; nid++) {
			struct zone *zone = zone_of(nid, ZONE_DMA);
			struct page *page = alloc_hold(GFP_KERNEL | __GFP_THISNODE, order, nid);

			ASSERT_TRUE(page);
			EXPECT_TRUE(page_zone(page) == zone);
			EXPECT_EQ(per_cpu_ptr(zone->per_cpu_pageset, 0)->count, 0);
		}
	release_all();
	setup_per_cpu_pageset();
	boot_mm_late();
	check_all();
}

/*
 * A counter update stays in this cpu's diff until the diff passes stat_threshold, then
 * all of it moves to the zone at once; the snapshot is exact throughout; vmstat_refresh
 * folds what is left. Node counters do the same at their largest zone's threshold, and
 * NUMA events wait in the cpu's counter until fold_vm_numa_events.
 */
static void test_vmstat_diffs_fold_at_threshold(void)
{
	struct per_cpu_zonestat *pz;
	struct pglist_data *pgdat;
	unsigned long stack, hit;
	struct zone *zone;
	long base, t;

	setup_4node(NULL);
	pgdat = NODE_DATA(1);
	zone = zone_of(1, ZONE_DMA);
	pz = per_cpu_ptr(zone->per_cpu_zonestats, 0);
	t = pz->stat_threshold;
	ASSERT_TRUE(t > 0);
	vmstat_refresh();
	EXPECT_EQ(pz->vm_stat_diff[NR_FREE_PAGES], 0);
	base = zone_page_state(zone, NR_FREE_PAGES);
	for (long i = 1; i <= t; i++) {
		__mod_zone_page_state(zone, NR_FREE_PAGES, -1);
		EXPECT_EQ(zone_page_state(zone, NR_FREE_PAGES), base);
		EXPECT_EQ(zone_page_state_snapshot(zone, NR_FREE_PAGES), base - i);
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -1);
	EXPECT_EQ(zone_page_state(zone, NR_FREE_PAGES), base - t - 1);
	EXPECT_EQ(pz->vm_stat_diff[NR_FREE_PAGES], 0);
	__mod_zone_page_state(zone, NR_FREE_PAGES, t + 1);
	EXPECT_EQ(zone_page_state(zone, NR_FREE_PAGES), base);

	EXPECT_EQ(per_cpu_ptr(pgdat->per_cpu_nodestats, 0)->stat_threshold, t);
	stack = node_page_state(pgdat, NR_KERNEL_STACK_KB);
	mod_node_page_state(pgdat, NR_KERNEL_STACK_KB, 3);
	EXPECT_EQ(node_page_state(pgdat, NR_KERNEL_STACK_KB), stack);
	vmstat_refresh();
	EXPECT_EQ(node_page_state(pgdat, NR_KERNEL_STACK_KB), stack + 3);
	mod_node_page_state(pgdat, NR_KERNEL_STACK_KB, -3);
	vmstat_refresh();

	fold_vm_numa_events();
	hit = zone_numa_event_state(zone, NUMA_HIT);
	ASSERT_TRUE(alloc_hold(GFP_KERNEL | __GFP_THISNODE, 0, 1));
	EXPECT_EQ(zone_numa_event_state(zone, NUMA_HIT), hit);
	fold_vm_numa_events();
	EXPECT_EQ(zone_numa_event_state(zone, NUMA_HIT), hit + 1);
	release_all();
	check_all();
}

/* ---- watermarks, zonelists, __GFP_THISNODE, failures ---- */

/*
 * Node 1 is filled with __GFP_THISNODE until it refuses (quietly with __GFP_NOWARN, at
 * the min watermark); a GFP_KERNEL allocation preferring node 1 then lands on node 2,
 * the next in node 1's fallback order; without __GFP_NOWARN the failure is reported.
 * Atomic allocations may still dip below min.
 */
static void test_watermarks_thisnode_and_fallback(void)
{
	unsigned long reports = nr_alloc_failure_reports;
	struct zone *zone;
	struct page *page;

	setup_4node(NULL);
	zone = zone_of(1, ZONE_DMA);
	while ((page = alloc_hold(GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 0, 1)))
		EXPECT_EQ(page_to_nid(page), 1);
	EXPECT_EQ(nr_alloc_failure_reports, reports);
	EXPECT_TRUE(zone_page_state_snapshot(zone, NR_FREE_PAGES) <= min_wmark_pages(zone) + 1);
	EXPECT_TRUE(zone_page_state_snapshot(zone, NR_FREE_PAGES) >= min_wmark_pages(zone) / 2);

	page = alloc_hold(GFP_KERNEL, 0, 1);
	ASSERT_TRUE(page);
	EXPECT_EQ(page_to_nid(page), 2);
	fold_vm_numa_events();
	EXPECT_TRUE(zone_numa_event_state(zone_of(2, ZONE_DMA), NUMA_MISS) >= 1);
	EXPECT_TRUE(zone_numa_event_state(zone, NUMA_FOREIGN) >= 1);

	EXPECT_TRUE(alloc_hold(GFP_KERNEL | __GFP_THISNODE, 0, 1) == NULL);
	EXPECT_EQ(nr_alloc_failure_reports, reports + 1);

	page = alloc_hold(GFP_ATOMIC | __GFP_THISNODE, 0, 1);
	ASSERT_TRUE(page);
	EXPECT_EQ(page_to_nid(page), 1);
	check_all();
	release_all();
	drain_all_pages(NULL);
	check_all();
}

/* A request larger than any free block fails and warns, even with free memory left. */
static void test_high_order_failure(void)
{
	unsigned long reports = nr_alloc_failure_reports;

	setup_1node_odd();
	while (alloc_hold(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER - 1, 0))
		;
	EXPECT_TRUE(nr_free_pages() > 0);
	EXPECT_TRUE(alloc_hold(GFP_KERNEL, MAX_ORDER - 1, 0) == NULL);
	EXPECT_EQ(nr_alloc_failure_reports, reports + 1);
	EXPECT_TRUE(alloc_hold(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER - 1, 0) == NULL);
	EXPECT_EQ(nr_alloc_failure_reports, reports + 1);
	release_all();
	check_all();
}

/* ---- callers' mistakes: reported, refused, nothing corrupted ---- */

static void test_double_free_reported(void)
{
	unsigned long bad = nr_bad_page_reports;
	struct page *page;

	setup_4node(NULL);
	page = __alloc_pages(GFP_KERNEL, 2, 0, NULL);
	ASSERT_TRUE(page);
	__free_pages(page, 2);
	__free_pages(page, 2);			/* on the pcp list: count already 0 */
	EXPECT_EQ(nr_bad_page_reports, bad + 1);
	/* The task that freed it, as Linux names it: current->comm. */
	EXPECT_TRUE(ktest_log_contains("BUG: Bad page state in process ktest  pfn:"));
	check_all();
	page = __alloc_pages(GFP_KERNEL, 6, 0, NULL);
	ASSERT_TRUE(page);
	__free_pages(page, 6);
	__free_pages(page, 6);			/* in the buddy */
	EXPECT_EQ(nr_bad_page_reports, bad + 2);
	check_all();
}

static void test_free_reserved_page_reported(void)
{
	unsigned long bad = nr_bad_page_reports;
	struct page *page;

	setup_4node(NULL);
	page = pfn_to_page(0x40300);		/* the kernel image: reserved, count 1 */
	ASSERT_TRUE(PageReserved(page));
	__free_pages(page, 0);
	EXPECT_EQ(nr_bad_page_reports, bad + 1);
	EXPECT_FALSE(PageBuddy(page));
	check_all();
	EXPECT_TRUE(PageReserved(page));
}

static void test_bad_order_and_flags_reported(void)
{
	unsigned long bad = nr_bad_page_reports;
	int warnings = ktest_warnings;
	struct page *page;

	setup_4node(NULL);
	EXPECT_TRUE(__alloc_pages(GFP_KERNEL, MAX_ORDER, 0, NULL) == NULL);
	EXPECT_TRUE(__alloc_pages(GFP_KERNEL | __GFP_NOWARN, 40, 0, NULL) == NULL);
	EXPECT_EQ(ktest_warnings, warnings + 1);
	page = alloc_hold(GFP_KERNEL, 0, 0);
	ASSERT_TRUE(page);
	__free_pages(page, MAX_ORDER);		/* refused, the page is still ours */
	EXPECT_EQ(ktest_warnings, warnings + 2);
	EXPECT_EQ(page_ref_count(page), 1);
	check_all();
	/* A page freed with PG_slab set is reported and leaked, not reused. */
	__SetPageSlab(page);
	nr_held--;
	bitmap_clear_bit(shadow, sim_pfn(page));
	__free_pages(page, 0);
	EXPECT_EQ(nr_bad_page_reports, bad + 1);
	leaked[0][ZONE_DMA]++;
	check_all();
	release_all();
}

/* ---- compound pages (__GFP_COMP) ---- */

/* page heads a compound page of order: PG_head, the order, every tail pointing at it. */
static void expect_compound(struct page *page, unsigned int order)
{
	struct folio *folio = page_folio(page);

	EXPECT_TRUE(PageHead(page));
	EXPECT_FALSE(PageTail(page));
	EXPECT_TRUE(&folio->page == page);
	EXPECT_EQ(compound_order(page), order);
	EXPECT_EQ(folio_order(folio), order);
	EXPECT_EQ(folio_nr_pages(folio), 1UL << order);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		EXPECT_TRUE(PageTail(page + i));
		EXPECT_FALSE(PageHead(page + i));
		EXPECT_TRUE(compound_head(page + i) == page);
		EXPECT_TRUE(page_folio(page + i) == folio);
		EXPECT_TRUE(folio_page(folio, i) == page + i);
		EXPECT_EQ(compound_order(page + i), 0);
	}
}

static void expect_not_compound(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		EXPECT_FALSE(PageCompound(page + i));
}

/*
 * __GFP_COMP blocks of order 3 (through the pcp lists) and 5 (the buddy) are compound
 * pages; __free_pages of the head gives all of each back and takes the compound apart.
 * Without __GFP_COMP, and at order 0, nothing is compound.
 */
static void test_compound_prep_and_free(void)
{
	struct page *page;

	setup_4node(NULL);
	for (unsigned int order = 3; order <= 5; order += 2) {
		page = alloc_hold(GFP_KERNEL | __GFP_COMP, order, 1);
		ASSERT_TRUE(page);
		expect_compound(page, order);
		release_all();
		drain_all_pages(NULL);
		check_all();
		expect_not_compound(page, order);
	}
	page = alloc_hold(GFP_KERNEL, 3, 0);
	ASSERT_TRUE(page);
	expect_not_compound(page, 3);
	page = alloc_hold(GFP_KERNEL | __GFP_COMP, 0, 0);
	ASSERT_TRUE(page);
	expect_not_compound(page, 0);
	release_all();
	check_all();
}

/*
 * A reference taken and dropped through a tail page counts on the head; the last
 * put_page, through any page of the folio, frees the whole block.
 */
static void test_compound_put_page_frees_whole_block(void)
{
	unsigned long before;
	struct page *page;

	setup_4node(NULL);
	drain_all_pages(NULL);
	before = global_free_snapshot();
	page = alloc_hold(GFP_KERNEL | __GFP_COMP, 4, 2);
	ASSERT_TRUE(page);
	forget(0);
	folio_get(page_folio(page + 9));
	EXPECT_EQ(page_ref_count(page), 2);
	put_page(page + 3);
	EXPECT_EQ(page_ref_count(page), 1);
	EXPECT_TRUE(PageHead(page));
	put_page(page + 15);
	drain_all_pages(NULL);
	EXPECT_EQ(global_free_snapshot(), before);
	expect_not_compound(page, 4);
	check_all();
}

/*
 * A tail page whose compound_head or mapping was overwritten: freeing the head reports
 * it (bad_page) and leaks the block rather than merge pages nobody can vouch for.
 */
static void test_compound_corrupted_tail_reported(void)
{
	unsigned long bad = nr_bad_page_reports;
	struct page *page;

	setup_4node(NULL);
	page = alloc_hold(GFP_KERNEL | __GFP_COMP, 2, 0);
	ASSERT_TRUE(page);
	clear_compound_head(page + 2);
	forget(0);
	__free_pages(page, 2);
	EXPECT_EQ(nr_bad_page_reports, bad + 1);
	EXPECT_FALSE(PageBuddy(page));
	leaked[page_to_nid(page)][page_zonenum(page)] += 4;
	check_all();

	page = alloc_hold(GFP_KERNEL | __GFP_COMP, 3, 0);
	ASSERT_TRUE(page);
	page[5].mapping = NULL;
	forget(0);
	__free_pages(page, 3);
	EXPECT_EQ(nr_bad_page_reports, bad + 2);
	leaked[page_to_nid(page)][page_zonenum(page)] += 8;
	check_all();
}

/* ---- the rest of the API ---- */

static void test_zeroed_and_split_pages(void)
{
	unsigned long addr;
	struct page *page;
	const char *p;

	setup_4node(NULL);
	addr = get_zeroed_page(GFP_KERNEL);
	ASSERT_TRUE(addr);
	p = (const char *)addr;
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		ASSERT_EQ(p[i], 0);
	free_page(addr);
	addr = __get_free_pages(GFP_KERNEL | __GFP_ZERO, 3);
	ASSERT_TRUE(addr);
	for (unsigned long i = 0; i < 8 * PAGE_SIZE; i++)
		ASSERT_EQ(((const char *)addr)[i], 0);
	free_pages(addr, 3);
	free_pages(0, 3);			/* ignored */

	page = __alloc_pages(GFP_KERNEL, 3, 2, NULL);
	ASSERT_TRUE(page);
	split_page(page, 3);
	for (int i = 0; i < 8; i++)
		hold(page + i, 0, GFP_KERNEL);
	check_all();
	release_all();
	drain_all_pages(NULL);
	check_all();
	EXPECT_TRUE(alloc_pages_node(NUMA_NO_NODE, GFP_KERNEL, 0) != NULL);
}

/* ---- kernelcore= / movablecore= ---- */

/*
 * movablecore=32M: the kernel part is spread evenly over the nodes' low pfns, the rest
 * of each node is ZONE_MOVABLE from a 4 MiB-aligned pfn; GFP_HIGHUSER_MOVABLE prefers it.
 */
static void test_movablecore(void)
{
	unsigned long movable = 0;
	struct page *page;

	setup_4node("32M");
	for (int nid = 0; nid < 4; nid++) {
		struct zone *dma = zone_of(nid, ZONE_DMA), *mov = zone_of(nid, ZONE_MOVABLE);

		EXPECT_TRUE(zone_movable_pfn[nid] != 0);
		EXPECT_EQ(zone_movable_pfn[nid] % MAX_ORDER_NR_PAGES, 0);
		EXPECT_EQ(mov->zone_start_pfn, zone_movable_pfn[nid]);
		EXPECT_EQ(zone_end_pfn(dma), zone_movable_pfn[nid]);
		EXPECT_EQ(dma->spanned_pages + mov->spanned_pages, 16384);
		EXPECT_EQ(dma->present_pages + mov->present_pages,
			  NODE_DATA(nid)->node_present_pages);
		movable += mov->present_pages;
	}
	EXPECT_TRUE(movable >= 8192 - 4 * MAX_ORDER_NR_PAGES && movable <= 8192 + 1024);
	EXPECT_TRUE(zone_of(0, ZONE_DMA)->lowmem_reserve[ZONE_MOVABLE] > 0);
	page = alloc_hold(GFP_HIGHUSER_MOVABLE, 0, 0);
	ASSERT_TRUE(page);
	EXPECT_EQ(page_zonenum(page), ZONE_MOVABLE);
	page = alloc_hold(GFP_KERNEL, 0, 0);
	ASSERT_TRUE(page);
	EXPECT_EQ(page_zonenum(page), ZONE_DMA);
	for (int step = 0; step < 3000; step++) {
		random_step(4, 60);
		if (step % 10 == 0)
			check_all();
	}
	release_all();
	check_all();
}

static void test_kernelcore_percent(void)
{
	unsigned long kernel = 0, total = 0;

	reset_mm_state();
	sim_mem_init(MEM_BASE, SZ_64M);
	memblock_add_node(MEM_BASE, SZ_64M, 0, MEMBLOCK_NONE);
	node_set(0, &node_states[N_POSSIBLE]);
	node_set_online(0);
	cpu_to_node_map[0] = 0;
	cmdline_parse_kernelcore("50%");
	boot_mm();
	kernel = zone_of(0, ZONE_DMA)->present_pages;
	total = kernel + zone_of(0, ZONE_MOVABLE)->present_pages;
	EXPECT_EQ(total, 16384);
	EXPECT_EQ(kernel, 8192);
	check_all();
}

/* ---- /proc printers ---- */

/*
 * Excerpts of Linux 6.1's boot log on the 4-node machine (linux-6.1-4node-boot.log, in
 * ../shared/reference beside the repository).
 */
static const char ref_buddyinfo[] =
	"Node 0, zone      DMA      3      2      2      1      1      0      2      2      4      4     57 \n";

static const char ref_pagetypeinfo[] =
	"Page block order: 10\n"
	"Pages per block:  1024\n"
	"\n"
	"Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n"
	"Node    0, zone      DMA, type    Unmovable      1      0      0      1      0      0      0      0      0      1      0 \n"
	"Node    0, zone      DMA, type      Movable      1      2      1      0      1      0      1      1      3      2     57 \n"
	"Node    0, zone      DMA, type  Reclaimable      1      0      1      0      0      0      1      1      1      1      0 \n"
	"Node    0, zone      DMA, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0 \n"
	"\n"
	"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic \n"
	"Node 0, zone      DMA            1           62            1            0 \n";

/* Cut off by the reference log inside node 0's Movable zone. */
static const char ref_zoneinfo[] =
	"Node 0, zone      DMA\n"
	"  per-node stats\n"
	"      nr_inactive_anon 104\n"
	"      nr_active_anon 351\n"
	"      nr_inactive_file 0\n"
	"      nr_active_file 0\n"
	"      nr_unevictable 0\n"
	"      nr_slab_reclaimable 10\n"
	"      nr_slab_unreclaimable 211\n"
	"      nr_isolated_anon 0\n"
	"      nr_isolated_file 0\n"
	"      workingset_nodes 0\n"
	"      workingset_refault_anon 0\n"
	"      workingset_refault_file 0\n"
	"      workingset_activate_anon 0\n"
	"      workingset_activate_file 0\n"
	"      workingset_restore_anon 0\n"
	"      workingset_restore_file 0\n"
	"      workingset_nodereclaim 0\n"
	"      nr_anon_pages 0\n"
	"      nr_mapped    338\n"
	"      nr_file_pages 442\n"
	"      nr_dirty     0\n"
	"      nr_writeback 0\n"
	"      nr_writeback_temp 0\n"
	"      nr_shmem     442\n"
	"      nr_shmem_hugepages 0\n"
	"      nr_shmem_pmdmapped 0\n"
	"      nr_file_hugepages 0\n"
	"      nr_file_pmdmapped 0\n"
	"      nr_anon_transparent_hugepages 0\n"
	"      nr_vmscan_write 0\n"
	"      nr_vmscan_immediate_reclaim 0\n"
	"      nr_dirtied   0\n"
	"      nr_written   0\n"
	"      nr_throttled_written 0\n"
	"      nr_kernel_misc_reclaimable 0\n"
	"      nr_foll_pin_acquired 0\n"
	"      nr_foll_pin_released 0\n"
	"      nr_kernel_stack 384\n"
	"      nr_page_table_pages 0\n"
	"      nr_sec_page_table_pages 0\n"
	"      nr_swapcached 0\n"
	"  pages free     61887\n"
	"        boost    0\n"
	"        min      248\n"
	"        low      310\n"
	"        high     372\n"
	"        spanned  65536\n"
	"        present  65536\n"
	"        managed  63196\n"
	"        cma      0\n"
	"        protection: (0, 0, 0, 0)\n"
	"      nr_free_pages 61887\n"
	"      nr_zone_inactive_anon 104\n"
	"      nr_zone_active_anon 351\n"
	"      nr_zone_inactive_file 0\n"
	"      nr_zone_active_file 0\n"
	"      nr_zone_unevictable 0\n"
	"      nr_zone_write_pending 0\n"
	"      nr_mlock     0\n"
	"      nr_bounce    0\n"
	"      nr_free_cma  0\n"
	"      numa_hit     815\n"
	"      numa_miss    0\n"
	"      numa_foreign 0\n"
	"      numa_interleave 102\n"
	"      numa_local   745\n"
	"      numa_other   70\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count: 297\n"
	"              high:  310\n"
	"              batch: 15\n"
	"  vm stats threshold: 12\n"
	"    cpu: 1\n"
	"              count: 0\n"
	"              high:  310\n"
	"              batch: 15\n"
	"  vm stats threshold: 12\n"
	"    cpu: 2\n"
	"              count: 116\n"
	"              high:  310\n"
	"              batch: 15\n"
	"  vm stats threshold: 12\n"
	"    cpu: 3\n"
	"              count: 16\n"
	"              high:  310\n"
	"              batch: 15\n"
	"  vm stats threshold: 12\n"
	"  node_unreclaimable:  0\n"
	"  start_pfn:           262144\n"
	"Node 0, zone    DMA32\n"
	"  pages free     0\n"
	"        boost    0\n"
	"        min      0\n"
	"        low      0\n"
	"        high     0\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n"
	"        cma      0\n"
	"        protection: (0, 0, 0, 0)\n"
	"Node 0, zone   Normal\n"
	"  pages free     0\n"
	"        boost    0\n"
	"        min      0\n"
	"        low      0\n"
	"        high     0\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n"
	"        cma      0\n"
	"        protection: (0, 0, 0, 0)\n"
	"Node 0, zone  Movable\n"
	"  pages free     0\n"
	"        boost    0\n"
	"        min      0\n"
	"        low      0\n"
	"        high     0\n";

static char seqbuf[1 << 18];

static const char *show(int (*fn)(struct seq_file *m, void *v))
{
	struct seq_file m;

	seq_buf_init(&m, seqbuf, sizeof(seqbuf));
	fn(&m, NULL);
	ASSERT_TRUE(!seq_has_overflowed(&m));
	return seq_buf_str(&m);
}

/* Line @n of @text (without the newline) into @out; false past the end. */
static bool get_line(const char *text, int n, char *out, size_t size)
{
	const char *end;

	while (n-- > 0) {
		text = strchr(text, '\n');
		if (!text)
			return false;
		text++;
	}
	if (!*text)
		return false;
	end = strchr(text, '\n');
	if (!end)
		end = text + strlen(text);
	snprintf(out, size, "%.*s", (int)(end - text), text);
	return true;
}

/* Digit runs become '#': left-aligned numbers after fixed labels compare equal. */
static void shape_hash(const char *in, char *out)
{
	while (*in) {
		if (*in >= '0' && *in <= '9') {
			*out++ = '#';
			while (*in >= '0' && *in <= '9')
				in++;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
}

/* Digits dropped, spaces collapsed: right-aligned columns compare equal. */
static void shape_columns(const char *in, char *out)
{
	for (; *in; in++) {
		if (*in >= '0' && *in <= '9')
			continue;
		if (*in == ' ' && out[-1] == ' ')
			continue;
		*out++ = *in;
	}
	*out = '\0';
}

/* Our first @nr lines have the reference's shapes (and lengths, for columns). */
static void expect_same_shape(const char *ours, const char *ref, bool columns)
{
	char a[512], b[512], sa[512] = " ", sb[512] = " ";

	for (int n = 0; get_line(ref, n, b, sizeof(b)); n++) {
		if (!get_line(ours, n, a, sizeof(a))) {
			ktest_fail(__FILE__, __LINE__, "line %d missing, want \"%s\"", n, b);
			return;
		}
		if (columns) {
			shape_columns(a, sa + 1);
			shape_columns(b, sb + 1);
			if (strlen(a) != strlen(b))
				ktest_fail(__FILE__, __LINE__, "line %d: \"%s\" vs \"%s\"", n, a, b);
		} else {
			shape_hash(a, sa + 1);
			shape_hash(b, sb + 1);
		}
		if (strcmp(sa, sb))
			ktest_fail(__FILE__, __LINE__, "line %d: \"%s\" vs \"%s\"", n, a, b);
	}
}

static void test_buddyinfo_format(void)
{
	char line[512];
	const char *out;

	setup_4node(NULL);
	out = show(buddyinfo_show);
	for (int n = 0; n < 4; n++) {
		EXPECT_TRUE(get_line(out, n, line, sizeof(line)));
		expect_same_shape(line, ref_buddyinfo, true);
	}
	EXPECT_FALSE(get_line(out, 4, line, sizeof(line)));
	/* The numbers are the nr_free of each order. */
	snprintf(line, sizeof(line), "%6lu \n", zone_of(3, ZONE_DMA)->free_area[10].nr_free);
	EXPECT_TRUE(strstr(out, line) != NULL);
}

static void test_pagetypeinfo_format(void)
{
	const char *out;
	char line[512];
	unsigned long blocks[MIGRATE_TYPES];

	setup_4node(NULL);
	for (int i = 0; i < 300; i++)
		alloc_hold(GFP_KERNEL | __GFP_THISNODE, 0, 0);
	out = show(pagetypeinfo_show);
	expect_same_shape(out, ref_pagetypeinfo, true);
	get_line(out, 3, line, sizeof(line));
	EXPECT_STREQ(line, "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 ");
	get_line(out, 9, line, sizeof(line));
	EXPECT_STREQ(line, "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		blocks[mt] = count_blocks(zone_of(0, ZONE_DMA), mt);
	snprintf(line, sizeof(line), "Node 0, zone      DMA %12lu %12lu %12lu %12lu \n",
		 blocks[0], blocks[1], blocks[2], blocks[3]);
	EXPECT_TRUE(strstr(out, line) != NULL);
	EXPECT_TRUE(blocks[MIGRATE_UNMOVABLE] >= 1);
	release_all();
}

static void test_zoneinfo_format(void)
{
	const char *out;
	char line[128];

	setup_4node(NULL);
	out = show(zoneinfo_show);
	expect_same_shape(out, ref_zoneinfo, false);
	snprintf(line, sizeof(line), "\n        managed  %lu\n",
		 zone_managed_pages(zone_of(2, ZONE_DMA)));
	EXPECT_TRUE(strstr(out, line) != NULL);
	EXPECT_TRUE(strstr(out, "Node 3, zone  Movable\n  pages free     0\n") != NULL);
	EXPECT_TRUE(strstr(out, "  start_pfn:           278528\n") != NULL);
}

/* show_free_areas and the failure report print without tripping on anything. */
static void test_show_free_areas_and_gfp_names(void)
{
	char buf[256];

	setup_4node(NULL);
	show_free_areas(0, NULL);
	EXPECT_STREQ(format_gfp_flags(buf, sizeof(buf), GFP_KERNEL), "GFP_KERNEL");
	EXPECT_STREQ(format_gfp_flags(buf, sizeof(buf), GFP_KERNEL | __GFP_NOWARN | __GFP_ZERO),
		     "GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO");
	EXPECT_STREQ(format_gfp_flags(buf, sizeof(buf), GFP_HIGHUSER_MOVABLE),
		     "GFP_HIGHUSER_MOVABLE");
	EXPECT_STREQ(format_gfp_flags(buf, sizeof(buf), GFP_ATOMIC), "GFP_ATOMIC");
	EXPECT_STREQ(format_gfp_flags(buf, sizeof(buf), 0), "none");
	EXPECT_EQ(GFP_KERNEL, 0xcc0);
	EXPECT_EQ(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	EXPECT_EQ(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
	EXPECT_EQ(gfp_migratetype(GFP_ATOMIC), MIGRATE_UNMOVABLE);
	EXPECT_EQ(gfp_zone(GFP_DMA), ZONE_DMA);
	EXPECT_EQ(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	EXPECT_EQ(gfp_zone(GFP_USER | __GFP_MOVABLE), ZONE_NORMAL);
	EXPECT_EQ(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	warn_alloc(GFP_KERNEL, &node_states[N_ONLINE], "page allocation failure: order:%u", 3);
	EXPECT_TRUE(ktest_log_contains("ktest: page allocation failure: order:3, mode:0xcc0"));
}

KTEST_MAIN("page_alloc",
	KTEST_CASE(test_4node_zone_spans),
	KTEST_CASE(test_4node_memmap),
	KTEST_CASE(test_reference_machine_numbers),
	KTEST_CASE(test_vmemmap_failure_drops_section),
	KTEST_CASE(test_4node_buddies_merged_after_boot),
	KTEST_CASE(test_deferred_init_two_nodes),
	KTEST_CASE(test_deferred_grow_zone),
	KTEST_CASE(test_1node_odd_size),
	KTEST_CASE(test_1node_from_pfn0),
	KTEST_CASE(test_reference_watermarks_and_pcp),
	KTEST_CASE(test_zonelist_order),
	KTEST_CASE(test_zonelist_asymmetric_distance),
	KTEST_CASE(test_random_alloc_free),
	KTEST_CASE(test_random_exhaustion_1node),
	KTEST_CASE(test_random_movable_only_keeps_types),
	KTEST_CASE(test_fallback_steals_pageblocks),
	KTEST_CASE(test_movable_fallback_takes_smallest),
	KTEST_CASE(test_pcp_high_batch_and_drain),
	KTEST_CASE(test_boot_pagesets_shared_by_zones),
	KTEST_CASE(test_vmstat_diffs_fold_at_threshold),
	KTEST_CASE(test_watermarks_thisnode_and_fallback),
	KTEST_CASE(test_high_order_failure),
	KTEST_CASE(test_double_free_reported),
	KTEST_CASE(test_free_reserved_page_reported),
	KTEST_CASE(test_bad_order_and_flags_reported),
	KTEST_CASE(test_compound_prep_and_free),
	KTEST_CASE(test_compound_put_page_frees_whole_block),
	KTEST_CASE(test_compound_corrupted_tail_reported),
	KTEST_CASE(test_zeroed_and_split_pages),
	KTEST_CASE(test_movablecore),
	KTEST_CASE(test_kernelcore_percent),
	KTEST_CASE(test_buddyinfo_format),
	KTEST_CASE(test_pagetypeinfo_format),
	KTEST_CASE(test_zoneinfo_format),
	KTEST_CASE(test_show_free_areas_and_gfp_names))
