/*
 * Boot self-test of the page allocator on the real machine, under selftest=mm: the key
 * host-test properties (alignment, no page handed out twice, every node reachable,
 * exhaustion and recovery, pageblock stealing, pcp draining) checked against the zones
 * Linux's path set up. Each case leaves the free page count where it found it.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/smp.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include "../mm/internal.h"

/* Frees every page on list (linked through page->lru), each of its order. */
static void free_list_pages(struct list_head *list, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

/* Blocks of every order: aligned, writable through the linear map, distinct. */
static bool test_orders_aligned_and_writable(void)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		unsigned long pfn;
		u64 *p;

		if (!page)
			return false;
		pfn = page_to_pfn(page);
		p = page_address(page);
		p[0] = pfn;
		p[(PAGE_SIZE << order) / sizeof(u64) - 1] = ~pfn;
		if ((pfn & ((1UL << order) - 1)) || p[0] != pfn)
			return false;
		__free_pages(page, order);
	}
	return true;
}

/* Many order-0 pages through the pcp lists: none handed out twice; all come back. */
static bool test_order0_no_duplicates(void)
{
	unsigned long before = settled_free_pages();
	LIST_HEAD(pages);
	struct page *page;
	bool ok = true;
	int i;

	for (i = 0; i < 4096; i++) {
		page = alloc_page(GFP_KERNEL);
		if (!page)
			return false;
		if (PageBuddy(page) || page_ref_count(page) != 1)
			ok = false;
		*(unsigned long *)page_address(page) = 0x5a5a0000UL + i;
		list_add(&page->lru, &pages);
	}
	i = 4095;
	list_for_each_entry(page, &pages, lru)
		ok &= *(unsigned long *)page_address(page) == 0x5a5a0000UL + i--;
	free_list_pages(&pages, 0);
	return ok && settled_free_pages() == before;
}

static bool test_gfp_zero(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned char *p;
	bool ok = true;

	if (!page)
		return false;
	memset(page_address(page), 0xa5, PAGE_SIZE);
	__free_page(page);
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return false;
	p = page_address(page);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		ok &= !p[i];
	__free_page(page);
	return ok;
}

/* __GFP_THISNODE gets memory of each node that has some, and fails on a memoryless one. */
static bool test_thisnode_each_node(void)
{
	int nid;

	for_each_online_node(nid) {
		struct page *page = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE |
						     __GFP_NOWARN, 2);

		if (!node_state(nid, N_MEMORY)) {
			if (page)
				return false;
			continue;
		}
		if (!page || page_to_nid(page) != nid)
			return false;
		__free_pages(page, 2);
	}
	return true;
}

/* The highest-numbered node with memory. */
static int last_memory_node(void)
{
	int nid, last = NUMA_NO_NODE;

	for_each_node_state(nid, N_MEMORY)
		last = nid;
	return last;
}

/* A node drained to nothing fails quietly with __GFP_THISNODE, then recovers in full. */
static bool test_exhaust_node_and_recover(void)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN;
	const unsigned int order = 3;
	int nid = last_memory_node();
	unsigned long before = settled_free_pages();
	LIST_HEAD(pages);
	struct page *page;
	bool ok = true;

	while ((page = alloc_pages_node(nid, gfp, order))) {
		ok &= page_to_nid(page) == nid;
		list_add(&page->lru, &pages);
	}
	ok &= !alloc_pages_node(nid, gfp, order);
	free_list_pages(&pages, order);
	return ok && settled_free_pages() == before;
}

static int count_pageblocks(int migratetype)
{
	struct zone *zone;
	int n = 0;

	for_each_populated_zone(zone) {
		unsigned long pfn = zone->zone_start_pfn;

		for (; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			n += pfn_valid(pfn) &&
			     get_pageblock_migratetype(pfn_to_page(pfn)) == migratetype;
	}
	return n;
}

/*
 * Unmovable demand beyond the unmovable blocks steals whole movable pageblocks. Earlier
 * cases may have converted blocks already, so allocate until one more is converted
 * (bounded by 16 blocks' worth, far more than the unmovable free pages at boot).
 */
static bool test_fallback_steals_pageblocks(void)
{
	int before = count_pageblocks(MIGRATE_UNMOVABLE);
	LIST_HEAD(pages);
	struct page *page;
	bool ok = false;

	for (int i = 0; i < 16 * (int)pageblock_nr_pages && !ok; i++) {
		page = alloc_page(GFP_KERNEL);
		if (!page)
			break;
		list_add(&page->lru, &pages);
		if (!(i % 64))
			ok = count_pageblocks(MIGRATE_UNMOVABLE) > before;
	}
	free_list_pages(&pages, 0);
	return ok;
}

/* split_page gives 2^order independent pages; freeing them one by one merges back. */
static bool test_split_page(void)
{
	unsigned long before = settled_free_pages();
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	if (!page)
		return false;
	split_page(page, 2);
	for (int i = 0; i < 4; i++)
		__free_page(page + i);
	return settled_free_pages() == before;
}

static bool test_drain_empties_pcp(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct zone *zone;
	unsigned int cpu;
	bool ok = true;

	if (!page)
		return false;
	__free_page(page);
	drain_all_pages(NULL);
	for_each_populated_zone(zone)
		for_each_possible_cpu(cpu)
			ok &= per_cpu_ptr(zone->per_cpu_pageset, cpu)->count == 0;
	return ok;
}

static bool test_impossible_orders_fail(void)
{
	return !alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER) &&
	       !alloc_pages(GFP_KERNEL | __GFP_NOWARN, 31);
}

#define PAGES_PER_CPU	192

/* What one cpu got: each block stamped with its owner, checked after all cpus are done. */
struct page_batch {
	struct page *page[PAGES_PER_CPU];
	unsigned int order[PAGES_PER_CPU];
};

static u64 block_stamp(unsigned int cpu, int i)
{
	return (u64)cpu << 32 | (u32)i | 0x5a00000000000000ULL;
}

static void alloc_pages_fn(void *p, unsigned int cpu)
{
	struct page_batch *b = (struct page_batch *)p + cpu;

	for (int i = 0; i < PAGES_PER_CPU; i++) {
		u64 *words;

		b->order[i] = (unsigned int)(i * 7 + cpu) % 4;
		b->page[i] = alloc_pages(GFP_ATOMIC, b->order[i]);
		if (!b->page[i])
			continue;
		words = page_address(b->page[i]);
		for (unsigned long w = 0; w < (PAGE_SIZE << b->order[i]) / 8; w += 512)
			words[w] = block_stamp(cpu, i);
	}
}

/* Frees every other cpu's blocks: cpu c frees the batch of cpu c+1, so frees cross cpus. */
static void free_pages_fn(void *p, unsigned int cpu)
{
	unsigned int owner = cpumask_next((int)cpu, cpu_online_mask);
	struct page_batch *b;

	if (owner >= nr_cpu_ids)
		owner = cpumask_first(cpu_online_mask);
	b = (struct page_batch *)p + owner;
	for (int i = 0; i < PAGES_PER_CPU; i++)
		if (b->page[i])
			__free_pages(b->page[i], b->order[i]);
}

static bool page_batches_intact(struct page_batch *batches)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		for (int i = 0; i < PAGES_PER_CPU; i++) {
			struct page_batch *b = &batches[cpu];
			u64 *words;

			if (!b->page[i])
				return false;
			words = page_address(b->page[i]);
			for (unsigned long w = 0; w < (PAGE_SIZE << b->order[i]) / 8; w += 512)
				if (words[w] != block_stamp(cpu, i))
					return false;
		}
	return true;
}

/* All cpus allocate orders 0-3 at once; no block is shared, and every page comes back. */
static bool test_page_alloc_all_cpus(void)
{
	struct page_batch *batches = kcalloc(NR_CPUS, sizeof(*batches), GFP_KERNEL);
	unsigned long before, after;
	bool ok;

	if (!batches)
		return false;
	before = settled_free_pages();
	run_on_all_cpus(alloc_pages_fn, batches);
	ok = page_batches_intact(batches);
	run_on_all_cpus(free_pages_fn, batches);
	after = settled_free_pages();
	kfree(batches);
	pr_info("# free pages before %lu, after %lu\n", before, after);
	return ok && before == after;
}

/*
 * Each cpu allocates from its own node and its own pcp lists: the batch refilled for its
 * first page stays on its lists, and a page it frees is the next one it gets back.
 */
struct local_alloc {
	struct zone *zone;	/* of the cpu's first page */
	bool ok;
};

static void local_alloc_fn(void *p, unsigned int cpu)
{
	struct local_alloc *la = (struct local_alloc *)p + cpu;
	struct page *page = alloc_pages(GFP_ATOMIC, 0), *again;
	int nid = cpu_to_mem(cpu);

	if (!page)
		return;
	la->zone = page_zone(page);
	la->ok = page_to_nid(page) == nid;
	__free_pages(page, 0);
	again = alloc_pages(GFP_ATOMIC, 0);
	la->ok &= again == page;
	if (again)
		__free_pages(again, 0);
}

static bool test_local_node_and_pcp_each_cpu(void)
{
	struct local_alloc la[NR_CPUS] = { 0 };
	unsigned int cpu;
	bool ok = true;

	drain_all_pages(NULL);
	run_on_all_cpus(local_alloc_fn, la);
	for_each_online_cpu(cpu)
		ok &= la[cpu].ok && per_cpu_ptr(la[cpu].zone->per_cpu_pageset, cpu)->count > 0;
	return ok;
}

/*
 * Counter updates left in the cpus' diffs reach the zone within a couple of seconds
 * without anyone asking: the vmstat shepherd queues vmstat_work on each cpu that has
 * some. NR_BOUNCE stands in, as nothing else here counts bounce pages.
 */
static void bounce_one(void *zone, unsigned int cpu)
{
	__mod_zone_page_state(zone, NR_BOUNCE, 1);
}

static void unbounce_one(void *zone, unsigned int cpu)
{
	__mod_zone_page_state(zone, NR_BOUNCE, -1);
}

static bool test_vmstat_shepherd_folds(void)
{
	unsigned long before, n = num_online_cpus();
	struct zone *zone = NULL, *z;
	int waited = 0;

	for_each_populated_zone(z)
		zone = zone ? zone : z;
	vmstat_refresh();
	before = zone_page_state(zone, NR_BOUNCE);
	run_on_all_cpus(bounce_one, zone);
	while (zone_page_state(zone, NR_BOUNCE) != before + n && waited++ < 300)
		msleep(10);
	pr_info("# vmstat: %lu cpus' diffs folded by the shepherd after %d ms\n", n,
		waited * 10);
	run_on_all_cpus(unbounce_one, zone);
	vmstat_refresh();
	return waited <= 300 && zone_page_state(zone, NR_BOUNCE) == before;
}

static const struct ktap_case cases[] = {
	{ test_orders_aligned_and_writable, "page_alloc_orders_aligned_and_writable" },
	{ test_order0_no_duplicates, "page_alloc_order0_no_duplicates" },
	{ test_gfp_zero, "page_alloc_gfp_zero" },
	{ test_thisnode_each_node, "page_alloc_thisnode_each_node" },
	/* Before the exhaustion, which leaves most pageblocks unmovable on a small machine. */
	{ test_fallback_steals_pageblocks, "page_alloc_fallback_steals_pageblocks" },
	{ test_exhaust_node_and_recover, "page_alloc_exhaust_node_and_recover" },
	{ test_split_page, "page_alloc_split_page" },
	{ test_drain_empties_pcp, "page_alloc_drain_empties_pcp" },
	{ test_impossible_orders_fail, "page_alloc_impossible_orders_fail" },
	{ test_page_alloc_all_cpus, "page_alloc_all_cpus" },
	{ test_local_node_and_pcp_each_cpu, "page_alloc_local_node_and_pcp_each_cpu" },
	{ test_vmstat_shepherd_folds, "page_alloc_vmstat_shepherd_folds" },
};

/* Runs the suite when selftest=mm; after mem_init and the watermarks. */
static void __init page_alloc_selftest(void)
{
	ktap_run_suite("mm", cases, ARRAY_SIZE(cases));
}
selftest_initcall("mm", page_alloc_selftest);
