/*
 * Host tests of SLUB: one simulated machine of four nodes and a memoryless fifth booted as
 * start_kernel does (buddy, then kmem_cache_init), then caches of many sizes and
 * alignments under random alloc/free sequences checked against a list of live objects,
 * kmalloc classes, krealloc, large kmalloc, merging, slub_debug catching each corruption
 * kind, and the cpu and node partial lists in states that once deadlocked or oopsed.
 * Every case leaves NR_FREE_PAGES where it found it. Random cases replay with KTEST_SEED.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/vmstat.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "../../mm/internal.h"
#include "../../mm/slab.h"
#include "ktest.h"
#include "sim_mem.h"
#include "sim_boot.h"
#include "stub_reclaim.h"

/* ---- what arch code, lib/ and kernel/time provide in the kernel ---- */

nodemask_t node_states[NR_NODE_STATES];
int cpu_to_node_map[NR_CPUS];
u64 jiffies_64;
struct page *vmemmap;

int __node_distance(int from, int to)
{
	return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/* No cpu has come up: the zonelists are built as start_kernel builds them. */
const struct cpumask *cpumask_of_node(int node)
{
	static const struct cpumask none;

	return &none;
}

int vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	return 0;
}

/* ---- the simulated machine: four nodes of 32 MiB and a memoryless one, booted once ---- */

#define MEMORYLESS_NODE	4

#define MEM_BASE	0x40000000ULL
#define NODE_SIZE	(32UL << 20)

static void boot_machine(void)
{
	static bool booted;
	unsigned long start = PHYS_PFN(MEM_BASE), end, npages;
	struct page *map;

	if (booted)
		return;
	booted = true;
	sim_mem_init(MEM_BASE, 4 * NODE_SIZE);
	for (int nid = 0; nid < 4; nid++) {
		memblock_add_node(MEM_BASE + nid * NODE_SIZE, NODE_SIZE, nid, MEMBLOCK_NONE);
		node_set(nid, &node_states[N_POSSIBLE]);
		node_set_online(nid);
		cpu_to_node_map[nid] = nid;
	}
	node_set(MEMORYLESS_NODE, &node_states[N_POSSIBLE]);
	node_set_online(MEMORYLESS_NODE);
	cpu_to_node_map[4] = MEMORYLESS_NODE;
	for (int cpu = 5; cpu < NR_CPUS; cpu++)
		cpu_to_node_map[cpu] = NUMA_NO_NODE;
	memblock_reserve(MEM_BASE + SZ_2M, SZ_2M);	/* the "kernel image" */
	end = PHYS_PFN(MEM_BASE + 4 * NODE_SIZE);
	npages = ALIGN(end, PAGES_PER_SECTION) - ALIGN_DOWN(start, PAGES_PER_SECTION);
	map = calloc(npages, sizeof(struct page));
	ASSERT_TRUE(map);
	vmemmap = map - ALIGN_DOWN(start, PAGES_PER_SECTION);
	sim_bootmem_init();
	build_all_zonelists(NULL);
	mem_init();
	kmem_cache_init();
	setup_per_cpu_pageset();
	page_alloc_init_late();
	init_per_zone_wmark_min();
}

/* Free pages once every cache has given back its empty slabs and the pcp lists drained. */
static unsigned long settled_free_pages(void)
{
	struct kmem_cache *s;

	boot_machine();
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	drain_all_pages(NULL);
	vmstat_refresh();
	return nr_free_pages();
}

/* ---- invariants of live objects ---- */

struct live {
	struct kmem_cache *s;
	u8 *p;
	unsigned int size;
	u8 fill;
};

static int cmp_live(const void *a, const void *b)
{
	const struct live *x = a, *y = b;

	return x->p < y->p ? -1 : x->p > y->p;
}

/* Each object: in a slab of its cache, on an object boundary, aligned, intact, disjoint. */
static void check_live(struct live *live, int n, unsigned long seed)
{
	qsort(live, n, sizeof(*live), cmp_live);
	for (int i = 0; i < n; i++) {
		struct slab *slab = virt_to_slab(live[i].p);
		struct kmem_cache *s = live[i].s;
		long off;

		if (!slab || slab->slab_cache != s)
			ktest_abort(__FILE__, __LINE__, "seed %lu: %p not in a slab of %s",
				    seed, live[i].p, s->name);
		off = live[i].p - (u8 *)page_address(slab_page(slab));
		if (off % s->size || off / s->size >= slab->objects ||
		    (unsigned long)live[i].p % s->align)
			ktest_abort(__FILE__, __LINE__, "seed %lu: %p misplaced in %s",
				    seed, live[i].p, s->name);
		if (live[i].p[0] != live[i].fill || live[i].p[live[i].size - 1] != live[i].fill)
			ktest_abort(__FILE__, __LINE__, "seed %lu: %p overwritten", seed, live[i].p);
		if (i && live[i - 1].p + live[i - 1].size > live[i].p)
			ktest_abort(__FILE__, __LINE__, "seed %lu: %p and %p overlap",
				    seed, live[i - 1].p, live[i].p);
	}
}

/* ---- cases ---- */

/* kmem_cache_init left the boot caches and every kmalloc class; Linux's index table. */
static void test_kmalloc_classes(void)
{
	boot_machine();
	EXPECT_EQ(slab_state, FULL);
	EXPECT_EQ(kmalloc_index(1), 3);
	EXPECT_EQ(kmalloc_index(8), 3);
	EXPECT_EQ(kmalloc_index(9), 4);
	EXPECT_EQ(kmalloc_index(65), 1);
	EXPECT_EQ(kmalloc_index(96), 1);
	EXPECT_EQ(kmalloc_index(97), 7);
	EXPECT_EQ(kmalloc_index(129), 2);
	EXPECT_EQ(kmalloc_index(193), 8);
	EXPECT_EQ(kmalloc_index(8192), 13);
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size += size < 300 ? 1 : 37) {
		struct kmem_cache *s = kmalloc_slab(size, GFP_KERNEL);
		void *p = kmalloc(size, GFP_KERNEL);

		ASSERT_TRUE(p);
		EXPECT_TRUE(s == kmalloc_caches[0][kmalloc_index(size)]);
		EXPECT_TRUE(ksize(p) >= size && ksize(p) == s->object_size);
		EXPECT_TRUE(virt_to_slab(p)->slab_cache == s);
		memset(p, 0xee, size);
		kfree(p);
	}
	EXPECT_TRUE(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
}

static void ctor_fill(void *p)
{
	memset(p, 0x3c, 24);
}

static const unsigned int test_sizes[] = { 8, 13, 16, 24, 40, 64, 100, 128, 200, 333,
					   512, 700, 1024, 2000, 3000, 4096, 5000, 8192 };
static const unsigned int test_aligns[] = { 0, 8, 16, 64, 256, 1024, 4096 };

#define NR_LIVE		6000
#define NR_CACHES	(ARRAY_SIZE(test_sizes) + ARRAY_SIZE(test_aligns) + 1)

/* Many caches under a random alloc/free sequence; every slab back after destroy. */
static void test_random_caches(void)
{
	static struct live live[NR_LIVE];
	struct kmem_cache *caches[NR_CACHES];
	unsigned long before, seed = ktest_seed();
	unsigned int nc = 0;
	int n = 0;

	boot_machine();
	before = settled_free_pages();
	for (unsigned int i = 0; i < ARRAY_SIZE(test_sizes); i++)
		caches[nc++] = kmem_cache_create("test_size", test_sizes[i], 0,
						 i & 1 ? SLAB_HWCACHE_ALIGN : 0, NULL);
	for (unsigned int i = 0; i < ARRAY_SIZE(test_aligns); i++)
		caches[nc++] = kmem_cache_create("test_align", 24 + i * 56, test_aligns[i], 0, NULL);
	caches[nc++] = kmem_cache_create("test_ctor", 24, 0, 0, ctor_fill);
	for (unsigned int i = 0; i < nc; i++)
		ASSERT_TRUE(caches[i]);
	for (int step = 0; step < 40000; step++) {
		if (n && (n == NR_LIVE || ktest_rand_range(0, 99) < 45)) {
			int i = ktest_rand_range(0, n - 1);

			kmem_cache_free(live[i].s, live[i].p);
			live[i] = live[--n];
			continue;
		}
		live[n].s = caches[ktest_rand_range(0, nc - 1)];
		live[n].p = kmem_cache_alloc(live[n].s, GFP_KERNEL);
		ASSERT_TRUE(live[n].p);
		if (live[n].s->ctor)
			EXPECT_EQ(live[n].p[23], 0x3c);
		live[n].size = live[n].s->object_size;
		live[n].fill = live[n].s->ctor ? 0x3c : step;	/* freed constructed */
		memset(live[n].p, live[n].fill, live[n].size);
		n++;
		if (step % 5000 == 0)
			check_live(live, n, seed);
	}
	check_live(live, n, seed);
	while (n--)
		kmem_cache_free(live[n].s, live[n].p);
	for (unsigned int i = 0; i < nc; i++)
		kmem_cache_destroy(caches[i]);
	EXPECT_EQ(settled_free_pages(), before);
}

/* kmalloc of every class at random, then all freed: the free page count comes back. */
static void test_kmalloc_random_pages_back(void)
{
	static void *ptrs[4000];
	unsigned long before;

	boot_machine();
	before = settled_free_pages();
	for (int i = 0; i < 4000; i++) {
		size_t size = ktest_rand_range(1, i % 10 ? 1024 : 20000);

		ptrs[i] = kmalloc(size, GFP_KERNEL);
		ASSERT_TRUE(ptrs[i]);
		EXPECT_TRUE(ksize(ptrs[i]) >= size);
		memset(ptrs[i], 0x11, size);
	}
	for (int i = 0; i < 4000; i++)
		kfree(ptrs[4000 - 1 - i]);
	EXPECT_EQ(settled_free_pages(), before);
}

static void test_krealloc_kzalloc_large(void)
{
	char *p, *q;
	unsigned long before;

	boot_machine();
	before = settled_free_pages();
	p = kmalloc(10, GFP_KERNEL);
	memcpy(p, "0123456789", 10);
	q = krealloc(p, 5000, GFP_KERNEL);
	ASSERT_TRUE(q);
	EXPECT_TRUE(!memcmp(q, "0123456789", 10));
	p = krealloc(q, 200000, GFP_KERNEL);
	ASSERT_TRUE(p);
	EXPECT_TRUE(!memcmp(p, "0123456789", 10));
	EXPECT_FALSE(PageSlab(virt_to_page(p)));
	EXPECT_EQ(ksize(p), 256 << 10);
	kfree(p);
	p = kzalloc(300, GFP_KERNEL);
	for (int i = 0; i < 300; i++)
		EXPECT_EQ(p[i], 0);
	kfree(p);
	p = kcalloc(1000, 9, GFP_KERNEL);
	EXPECT_TRUE(p && p[8999] == 0);
	kfree(p);
	EXPECT_TRUE(kcalloc(1UL << 62, 8, GFP_KERNEL) == NULL);
	for (int nid = 0; nid < 4; nid++) {
		p = kmalloc_node(64, GFP_KERNEL, nid);
		q = kmalloc_node(50000, GFP_KERNEL, nid);
		EXPECT_EQ(page_to_nid(virt_to_page(p)), nid);
		EXPECT_EQ(page_to_nid(virt_to_page(q)), nid);
		kfree(p);
		kfree(q);
	}
	EXPECT_EQ(settled_free_pages(), before);
}

/* kfree of a page that no kmalloc returned is reported and ignored. */
static void test_kfree_bad_page(void)
{
	unsigned long reports = slab_bug_reports;
	struct page *page;
	int warnings = ktest_warnings;

	boot_machine();
	page = alloc_pages(GFP_KERNEL, 0);
	kfree(page_address(page));
	EXPECT_EQ(slab_bug_reports, reports + 1);
	EXPECT_EQ(ktest_warnings, warnings + 1);
	__free_pages(page, 0);
}

static void test_merge(void)
{
	struct kmem_cache *a, *b, *c, *d;

	boot_machine();
	a = kmem_cache_create("merge_a", 100, 0, 0, NULL);
	b = kmem_cache_create("merge_b", 98, 0, 0, NULL);
	c = kmem_cache_create("merge_c", 100, 0, 0, ctor_fill);
	d = kmem_cache_create("merge_d", 100, 0, SLAB_POISON, NULL);
	EXPECT_TRUE(a == b);
	EXPECT_TRUE(a != c && a != d && c != d);
	EXPECT_EQ(a->refcount, 2);
	kmem_cache_destroy(b);
	EXPECT_EQ(a->refcount, 1);
	kmem_cache_destroy(a);
	kmem_cache_destroy(c);
	kmem_cache_destroy(d);
}

/* calculate_sizes: alignment, free pointer outside the object when it must be kept. */
static void test_layout(void)
{
	struct kmem_cache *s;

	boot_machine();
	EXPECT_EQ(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 20), 32);
	EXPECT_EQ(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 100), 64);
	EXPECT_EQ(calculate_alignment(0, 0, 20), 8);
	s = kmem_cache_create("layout_hw", 20, 0, SLAB_HWCACHE_ALIGN, NULL);
	EXPECT_EQ(s->size, 32);	/* maybe kmalloc-32, merged */
	EXPECT_TRUE(s->offset < s->object_size);
	kmem_cache_destroy(s);
	s = kmem_cache_create("layout_ctor", 64, 0, 0, ctor_fill);
	EXPECT_EQ(s->offset, 64);
	EXPECT_EQ(s->size, 72);
	kmem_cache_destroy(s);
	s = kmem_cache_create("layout_4k", 4096, 4096, 0, NULL);
	EXPECT_EQ(oo_order(s->oo), 3);
	EXPECT_EQ(oo_objects(s->oo), 8);
	kmem_cache_destroy(s);
}

/* ---- slub_debug ---- */

static struct kmem_cache *debug_cache(const char *name, unsigned int size)
{
	struct kmem_cache *s;
	char opt[64];

	boot_machine();
	snprintf(opt, sizeof(opt), "FZPU,%s", name);
	slub_debug_setup(opt);
	s = kmem_cache_create(name, size, 0, 0, NULL);
	slub_debug_setup("-");
	ASSERT_TRUE(s && (s->flags & SLAB_DEBUG_FLAGS) == SLAB_DEBUG_FLAGS);
	return s;
}

/* The cache still hands out and takes back 100 intact objects. */
static void check_still_works(struct kmem_cache *s)
{
	void *p[100];

	for (int i = 0; i < 100; i++) {
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_TRUE(p[i]);
		memset(p[i], i, s->object_size);
	}
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, p[i]);
}

static void test_debug_double_free(void)
{
	unsigned long before = settled_free_pages(), reports = slab_bug_reports;
	struct kmem_cache *s = debug_cache("dbg_double", 64);
	void *p = kmem_cache_alloc(s, GFP_KERNEL), *q = kmem_cache_alloc(s, GFP_KERNEL);

	kmem_cache_free(s, p);
	kmem_cache_free(s, p);
	EXPECT_EQ(slab_bug_reports, reports + 1);
	/* The owner tracks name the task (current), as Linux's. */
	EXPECT_TRUE(ktest_log_contains("INFO: Allocated in "));
	EXPECT_TRUE(ktest_log_contains(" cpu=0 pid=1\n"));
	kmem_cache_free(s, q);
	check_still_works(s);
	EXPECT_EQ(slab_bug_reports, reports + 1);
	kmem_cache_destroy(s);
	EXPECT_EQ(settled_free_pages(), before);
}

static void test_debug_redzone(void)
{
	struct kmem_cache *s = debug_cache("dbg_redzone", 50);
	unsigned long reports = slab_bug_reports;
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	p[50] = 0;		/* one past the end: the red zone */
	kmem_cache_free(s, p);	/* reported, restored, the object not freed (Linux) */
	EXPECT_EQ(slab_bug_reports, reports + 1);
	check_still_works(s);
	EXPECT_EQ(slab_bug_reports, reports + 1);
	p[50] = 0xcc;		/* the test owns it still */
	kmem_cache_free(s, p);
	EXPECT_EQ(slab_bug_reports, reports + 1);
	kmem_cache_destroy(s);
}

static void test_debug_use_after_free(void)
{
	struct kmem_cache *s = debug_cache("dbg_uaf", 128);
	unsigned long reports = slab_bug_reports;
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL), *q;

	kmem_cache_free(s, p);
	p[10] = 0x42;		/* write after free: poison overwritten */
	q = kmem_cache_alloc(s, GFP_KERNEL);	/* next alloc meets it and isolates the slab */
	EXPECT_TRUE(slab_bug_reports > reports);
	EXPECT_TRUE(q && q != p);
	reports = slab_bug_reports;
	kmem_cache_free(s, q);
	check_still_works(s);
	EXPECT_EQ(slab_bug_reports, reports);
	kmem_cache_destroy(s);	/* reports the isolated slab's objects */
}

/* Bad frees are reported and refused; afterwards every page comes back. */
static void test_debug_bad_pointers(void)
{
	unsigned long before = settled_free_pages();
	struct kmem_cache *s = debug_cache("dbg_ptr", 96);
	struct kmem_cache *other = kmem_cache_create("dbg_other", 96, 0, SLAB_POISON, NULL);
	unsigned long reports = slab_bug_reports;
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	kmem_cache_free(s, p + 8);		/* into the middle of an object */
	EXPECT_EQ(slab_bug_reports, reports + 1);
	kmem_cache_free(other, p);		/* wrong cache: reported, freed to its own */
	EXPECT_EQ(slab_bug_reports, reports + 2);
	check_still_works(s);
	EXPECT_EQ(slab_bug_reports, reports + 2);
	kmem_cache_destroy(s);
	kmem_cache_destroy(other);
	EXPECT_EQ(settled_free_pages(), before);
}

/* ---- node lists and cpu partial lists ---- */

/* @nr_slabs whole slabs of @s on @nid, all objects allocated: fills @objs. */
static void alloc_full_slabs(struct kmem_cache *s, int nid, unsigned int nr_slabs,
			     void **objs)
{
	unsigned int per_slab = oo_objects(s->oo);

	for (unsigned int i = 0; i < nr_slabs * per_slab; i++) {
		objs[i] = kmem_cache_alloc_node(s, GFP_KERNEL, nid);
		ASSERT_TRUE(objs[i] && page_to_nid(virt_to_page(objs[i])) == nid);
		ASSERT_TRUE(virt_to_slab(objs[i]) == virt_to_slab(objs[i - i % per_slab]));
	}
}

/*
 * kmem_cache_alloc_node(node 1) while this cpu's partial list is full, headed by a
 * node-0 slab (so ___slab_alloc skips it) and holding a node-1 slab, and node 1's
 * partial list has two slabs:
 *   cpu partial:    A0 ... A0 B1   (cpu_partial_slabs slabs)
 *   node 1 partial: P1 P1
 * get_partial_node(1) takes the first P1 as the cpu slab and the second to the cpu
 * partial list with node 1's list_lock held: draining the full list there would take
 * that lock again for B1 (the host spinlock calls that a BUG).
 */
static void test_alloc_node_full_cpu_partial(void)
{
	static void *objs[64 * 64];
	unsigned long before = settled_free_pages();
	struct kmem_cache *s = kmem_cache_create("node_partial", 1024, 0, 0, NULL);
	struct kmem_cache_cpu *c = this_cpu_ptr(s->cpu_slab);
	unsigned int per_slab = oo_objects(s->oo), nr_a = s->cpu_partial_slabs - 1;
	unsigned int nr = (3 + nr_a) * per_slab;
	void *p;

	ASSERT_TRUE(per_slab > 1 && nr_a >= 1 && nr <= ARRAY_SIZE(objs));
	alloc_full_slabs(s, 1, 3, objs);			/* P1 P1 B1 */
	alloc_full_slabs(s, 0, nr_a, objs + 3 * per_slab);	/* A0 ... */
	kmem_cache_shrink(s);			/* the last cpu slab, full, off the cpu */
	kmem_cache_free(s, objs[0]);
	kmem_cache_free(s, objs[per_slab]);
	kmem_cache_shrink(s);			/* both P1 onto node 1's partial list */
	ASSERT_EQ(s->node[1]->nr_partial, 2);
	for (unsigned int slab = 2; slab < 3 + nr_a; slab++)
		kmem_cache_free(s, objs[slab * per_slab]);	/* B1, then every A0 */
	ASSERT_TRUE(c->partial && !c->slab);
	ASSERT_EQ(c->partial->slabs, s->cpu_partial_slabs);
	ASSERT_EQ(page_to_nid(slab_page(c->partial)), 0);

	p = kmem_cache_alloc_node(s, GFP_KERNEL, 1);
	ASSERT_TRUE(p);
	EXPECT_EQ(page_to_nid(virt_to_page(p)), 1);
	EXPECT_EQ(c->partial->slabs, s->cpu_partial_slabs + 1);	/* grown, not drained */
	kmem_cache_free(s, p);
	for (unsigned int i = 0; i < nr; i++)
		if (i % per_slab)
			kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
	EXPECT_EQ(settled_free_pages(), before);
}

/*
 * This cpu on the memoryless node (as cpu 4 is), which no cache has a kmem_cache_node
 * for: a debug cache (which takes a node's list_lock for every object) and kmalloc
 * still serve objects, from nodes with memory, and reuse their partial slabs.
 */
static void test_cpu_on_memoryless_node(void)
{
	unsigned long before = settled_free_pages();
	struct kmem_cache *s = debug_cache("dbg_memoryless", 100);
	int nid = cpu_to_node_map[0];
	void *p[50], *q;
	unsigned long active, total, active_slabs, slabs;

	ASSERT_TRUE(!s->node[MEMORYLESS_NODE] && !node_state(MEMORYLESS_NODE, N_MEMORY));
	cpu_to_node_map[0] = MEMORYLESS_NODE;
	for (int i = 0; i < 50; i++) {
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
		EXPECT_TRUE(p[i] && s->node[page_to_nid(virt_to_page(p[i]))]);
	}
	get_slabinfo(s, &active, &total, &active_slabs, &slabs);
	EXPECT_EQ(active, 50);
	/* Partial slabs reused once a node lends them (more than min_partial). */
	EXPECT_TRUE(slabs <= DIV_ROUND_UP(50, oo_objects(s->oo)) + s->min_partial + 1);
	q = kmalloc(100, GFP_KERNEL);
	EXPECT_TRUE(q);
	kfree(q);
	for (int i = 0; i < 50; i++)
		kmem_cache_free(s, p[i]);
	cpu_to_node_map[0] = nid;
	kmem_cache_destroy(s);
	EXPECT_EQ(settled_free_pages(), before);
}

/* /proc/slabinfo: Linux's two header lines and a line per cache. */
static void test_slabinfo(void)
{
	static char buf[32768];
	const char *head = "slabinfo - version: 2.1\n# name            <active_objs> "
		"<num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> "
		"<batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";
	struct seq_file m;

	boot_machine();
	seq_buf_init(&m, buf, sizeof(buf));
	slabinfo_show(&m, NULL);
	seq_buf_str(&m);
	EXPECT_TRUE(!strncmp(buf, head, strlen(head)));
	EXPECT_TRUE(strstr(buf, "\nkmalloc-8k "));
	EXPECT_TRUE(strstr(buf, "   8192    4    8 : tunables    0    0    0 : slabdata "));
	EXPECT_TRUE(strstr(buf, "\nkmem_cache_node "));
}

/* ---- allocations that only reclaim can satisfy ---- */

/* Pages a test holds, standing for the page cache that reclaim would free. */
static LIST_HEAD(reclaimable);
static int reclaim_calls, reclaim_refusals;

/* Direct reclaim: frees a batch of held pages, after refusing reclaim_refusals calls. */
static unsigned long reclaim_held(int order, gfp_t gfp_mask)
{
	unsigned long freed = 0;

	reclaim_calls++;
	if (reclaim_refusals > 0) {
		reclaim_refusals--;
		return 0;
	}
	while (freed < 32 && !list_empty(&reclaimable)) {
		struct page *page = list_first_entry(&reclaimable, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
		freed++;
	}
	return freed;
}

/*
 * Every free page into the reclaimable pile; reclaim is then the only way to memory.
 * Allocations may sleep from here on, as once kernel_init has run.
 */
static void exhaust_memory(void)
{
	struct page *page;

	gfp_allowed_mask = __GFP_BITS_MASK;
	host_reclaim = NULL;
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY)))
		list_add(&page->lru, &reclaimable);
	host_reclaim = reclaim_held;
	reclaim_calls = 0;
}

static void release_memory(void)
{
	gfp_allowed_mask = GFP_BOOT_MASK;
	host_reclaim = NULL;
	reclaim_refusals = 0;
	while (!list_empty(&reclaimable)) {
		struct page *page = list_first_entry(&reclaimable, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
}

/*
 * A new slab needs a page while every page is held: the cache asks with the caller's
 * flags (not only its own give-up-at-once first try), so direct reclaim runs and the
 * object comes. Both kinds of cache: one whose slabs are of its minimum order (the
 * first try is all it had), one that falls back from a higher order.
 */
static void alloc_with_reclaim(unsigned int size, bool min_order_slabs)
{
	struct kmem_cache *s = kmem_cache_create("reclaim_test", size, 0, 0, NULL);
	void *objs[256];
	int n = 0;

	ASSERT_TRUE(s);
	EXPECT_EQ(oo_order(s->oo) == oo_order(s->min), min_order_slabs);
	exhaust_memory();
	for (; n < (int)ARRAY_SIZE(objs); n++) {
		objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_TRUE(objs[n]);
	}
	EXPECT_TRUE(reclaim_calls > 0);
	release_memory();
	while (n--)
		kmem_cache_free(s, objs[n]);
	kmem_cache_destroy(s);
}

static void test_new_slab_reclaims(void)
{
	unsigned long before;

	boot_machine();
	before = settled_free_pages();
	alloc_with_reclaim(64, true);
	alloc_with_reclaim(512, false);
	EXPECT_EQ(settled_free_pages(), before);
}

/*
 * __GFP_NOFAIL outlasts reclaim that frees nothing and an OOM killer that cannot help:
 * it may take part of the reserves, and retries reclaim until one or the other gives.
 */
static void test_nofail_waits_for_reclaim(void)
{
	struct page *page;
	unsigned long before;

	boot_machine();
	before = settled_free_pages();
	exhaust_memory();
	reclaim_refusals = 5;
	page = alloc_page(GFP_KERNEL | __GFP_NOFAIL);
	ASSERT_TRUE(page);
	EXPECT_TRUE(reclaim_calls > 0);
	__free_page(page);
	release_memory();
	EXPECT_EQ(settled_free_pages(), before);
}

KTEST_MAIN("slub",
	   KTEST_CASE(test_kmalloc_classes),
	   KTEST_CASE(test_layout),
	   KTEST_CASE(test_random_caches),
	   KTEST_CASE(test_kmalloc_random_pages_back),
	   KTEST_CASE(test_krealloc_kzalloc_large),
	   KTEST_CASE(test_kfree_bad_page),
	   KTEST_CASE(test_merge),
	   KTEST_CASE(test_debug_double_free),
	   KTEST_CASE(test_debug_redzone),
	   KTEST_CASE(test_debug_use_after_free),
	   KTEST_CASE(test_debug_bad_pointers),
	   KTEST_CASE(test_alloc_node_full_cpu_partial),
	   KTEST_CASE(test_cpu_on_memoryless_node),
	   KTEST_CASE(test_slabinfo),
	   KTEST_CASE(test_new_slab_reclaims),
	   KTEST_CASE(test_nofail_waits_for_reclaim))
