/*
 * Host tests of mm/vmalloc.c's vmap areas: alloc_vmap_area / free_vmap_area_noflush /
 * purge_vmap_area_lazy over the real [VMALLOC_START, VMALLOC_END), seeded by vmalloc_init
 * around three fake kernel segments. After every step check_state() verifies, by brute
 * force: each free node's subtree_max_size; the free areas sorted, disjoint and merged
 * (never touching); the busy, free and lazily freed areas tiling the range exactly;
 * trees and lists agreeing. Pages are stubbed and the kernel's tables empty: nothing is
 * mapped here.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/seq_file.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "ktest.h"

/* Count TLB flushes: vmalloc.c is included below, after these. */
static int nr_flushes;
#undef flush_tlb_all
#define flush_tlb_all()			(nr_flushes++)
#define flush_tlb_kernel_range(s, e)	(nr_flushes++)

#include "../../mm/vmalloc.c"

/* ---- stubs for what vmalloc.c calls outside the area layer ---- */
long _totalram_pages = 1 << 20;
nodemask_t node_states[NR_NODE_STATES];
DEFINE_PER_CPU_READ_MOSTLY(int, _numa_mem_);	/* alloc_pages_node's numa_mem_id() */
unsigned long __per_cpu_offset[NR_CPUS];
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	return (unsigned long)aligned_alloc(PAGE_SIZE, PAGE_SIZE << order);
}
void free_pages(unsigned long addr, unsigned int order) { free((void *)addr); }
unsigned long get_zeroed_page(gfp_t gfp) { return __get_free_pages(gfp | __GFP_ZERO, 0); }
/*
 * The kernel's tables, empty: nothing is mapped here (no page comes from __alloc_pages),
 * so vunmap_range_noflush finds no table to clear.
 */
pgd_t swapper_pg_dir[PTRS_PER_PGD];
struct mm_struct init_mm = { .pgd = swapper_pg_dir };
void set_swapper_pgd(pgd_t *pgdp, pgd_t pgd) { BUG(); }
struct page *vmemmap;
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int nid, nodemask_t *nm) { return NULL; }
void __free_pages(struct page *page, unsigned int order) { }

/* SLUB stand-ins that count live objects, so check_state can find a leaked one. */
struct kmem_cache {
	unsigned int size;
};
static struct kmem_cache vmap_area_stub_cache;
static long live_cache_objs, live_kmallocs;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	vmap_area_stub_cache.size = size;
	return &vmap_area_stub_cache;
}
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	live_cache_objs++;
	return calloc(1, s->size);
}
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node)
{
	return kmem_cache_alloc(s, gfp);
}
void kmem_cache_free(struct kmem_cache *s, void *x)
{
	live_cache_objs--;
	free(x);
}
void *__kmalloc_node(size_t size, gfp_t flags, int node)
{
	live_kmallocs++;
	return calloc(1, size);
}
void *__kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc_node(size, flags, NUMA_NO_NODE);
}
void kfree(const void *p)
{
	live_kmallocs -= p != NULL;
	free((void *)p);
}
struct cpumask __cpu_online_mask = { { 1 } };	/* cpu 0 */
/* The one work vmalloc.c queues (drain_vmap_work): run by the test, as a kworker would. */
struct workqueue_struct *system_wq;
static struct work_struct *queued_work;
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	queued_work = work;
	return true;
}
void seq_printf(struct seq_file *m, const char *fmt, ...) { }
void seq_puts(struct seq_file *m, const char *s) { }
void seq_putc(struct seq_file *m, char c) { }

/* Three image segments at the bottom of the range, with a hole between the last two. */
#define SEG_BASE	VMALLOC_START
static const struct kernel_segment segs[] = {
	{ (void *)SEG_BASE, 0x200000, 0x40200000, NULL, true },
	{ (void *)(SEG_BASE + 0x200000), 0x100000, 0x40400000, NULL, true },
	{ (void *)(SEG_BASE + 0x400000), 0x81000, 0x40600000, NULL, false },
};
const struct kernel_segment *kernel_segment(int i)
{
	return i >= 0 && i < (int)ARRAY_SIZE(segs) ? &segs[i] : NULL;
}

/* ---- brute-force checks ---- */

struct range {
	unsigned long start, end;
};

#define MAX_AREAS	4096
static struct range all[MAX_AREAS];
static int nr_all;

static unsigned long check_max(struct rb_node *n)
{
	struct vmap_area *va;
	unsigned long m;

	if (!n)
		return 0;
	va = rb_entry(n, struct vmap_area, rb_node);
	m = max(va_size(va), max(check_max(n->rb_left), check_max(n->rb_right)));
	if (va->subtree_max_size != m)
		ktest_abort(__FILE__, __LINE__, "subtree_max_size 0x%lx != 0x%lx at 0x%lx (seed %llu)",
			    va->subtree_max_size, m, va->va_start,
			    (unsigned long long)ktest_seed());
	return m;
}

/* The tree's in-order walk is the list, sorted; areas added to all[]. */
static void check_tree_list(struct rb_root *root, struct list_head *head, bool merged)
{
	struct rb_node *n = rb_first(root);
	struct vmap_area *va, *prev = NULL;

	list_for_each_entry(va, head, list) {
		ASSERT_TRUE(n == &va->rb_node);
		ASSERT_TRUE(va->va_start < va->va_end);
		if (prev)
			ASSERT_TRUE(merged ? prev->va_end < va->va_start : prev->va_end <= va->va_start);
		ASSERT_TRUE(nr_all < MAX_AREAS);
		all[nr_all++] = (struct range){ va->va_start, va->va_end };
		prev = va;
		n = rb_next(n);
	}
	ASSERT_TRUE(n == NULL);
}

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void check_state(void)
{
	long live_vm = live_kmallocs;
	struct vmap_area *va;
	unsigned long lazy = 0;

	nr_all = 0;
	check_max(free_vmap_area_root.rb_node);
	check_tree_list(&free_vmap_area_root, &free_vmap_area_list, true);
	check_tree_list(&vmap_area_root, &vmap_area_list, false);
	list_for_each_entry(va, &purge_vmap_area_list, list) {
		all[nr_all++] = (struct range){ va->va_start, va->va_end };
		lazy += va_size(va) >> PAGE_SHIFT;
	}
	ASSERT_EQ(lazy, vmap_lazy_nr);
	/* Every vmap_area is in one of the three sets, every vm_struct on a busy area. */
	ASSERT_EQ(live_cache_objs, nr_all);
	list_for_each_entry(va, &vmap_area_list, list)
		live_vm -= va->vm != NULL;
	ASSERT_EQ(live_vm, 0);
	qsort(all, nr_all, sizeof(all[0]), cmp_range);
	ASSERT_EQ(all[0].start, VMALLOC_START);
	for (int i = 1; i < nr_all; i++)
		if (all[i].start != all[i - 1].end)
			ktest_abort(__FILE__, __LINE__, "gap or overlap at 0x%lx (seed %llu)",
				    all[i].start, (unsigned long long)ktest_seed());
	ASSERT_EQ(all[nr_all - 1].end, VMALLOC_END);
}

/* The lowest address where size at align fits in [vstart, vend), from the free list. */
static unsigned long brute_lowest_fit(unsigned long size, unsigned long align,
				      unsigned long vstart, unsigned long vend,
				      unsigned long min_area)
{
	struct vmap_area *va;

	list_for_each_entry(va, &free_vmap_area_list, list) {
		unsigned long a = ALIGN(max(va->va_start, vstart), align);

		if (va_size(va) >= min_area && a + size <= va->va_end && a + size <= vend)
			return a;
	}
	return vend;
}

static int nr_free_areas(void)
{
	struct vmap_area *va;
	int n = 0;

	list_for_each_entry(va, &free_vmap_area_list, list)
		n++;
	return n;
}

static struct range initial_free[64];
static int nr_initial_free;

static void setup(void)
{
	struct vmap_area *va;

	if (!nr_initial_free) {
		vmalloc_init();
		list_for_each_entry(va, &free_vmap_area_list, list)
			initial_free[nr_initial_free++] = (struct range){ va->va_start, va->va_end };
	}
	check_state();
}

/* Everything freed and purged: the free tree is back to its first shape. */
static void expect_initial_shape(void)
{
	struct vmap_area *va;
	int i = 0;

	purge_vmap_area_lazy();
	check_state();
	list_for_each_entry(va, &free_vmap_area_list, list) {
		ASSERT_TRUE(i < nr_initial_free);
		EXPECT_EQ(va->va_start, initial_free[i].start);
		EXPECT_EQ(va->va_end, initial_free[i].end);
		i++;
	}
	EXPECT_EQ(i, nr_initial_free);
}

/*
 * |seg0 2M|seg1 1M|  hole 1M  |seg2 516K + guard|  free ... VMALLOC_END
 * Free: the hole and everything above seg2; the segments are busy with their vm_structs.
 */
static void vmalloc_init_shape(void)
{
	setup();
	ASSERT_EQ(nr_initial_free, 2);
	EXPECT_EQ(initial_free[0].start, SEG_BASE + 0x300000);
	EXPECT_EQ(initial_free[0].end, SEG_BASE + 0x400000);
	EXPECT_EQ(initial_free[1].start, SEG_BASE + 0x481000);
	EXPECT_EQ(initial_free[1].end, VMALLOC_END);
	EXPECT_TRUE(find_vm_area((void *)(SEG_BASE + 0x480000))->flags == VM_MAP);
	EXPECT_EQ(find_vm_area((void *)SEG_BASE)->flags, VM_MAP | VM_NO_GUARD);
	EXPECT_EQ(find_vm_area((void *)(SEG_BASE + 0x200000))->phys_addr, 0x40400000);
}

/*
 * The four cuts of a free area, inside the 1 MiB hole H = [h, h + 256 pages):
 *   LE: 16 pages at h           |A|.............|
 *   RE: 16 pages at the end     |A|..........|B|
 *   NE: 16 pages at h + 128p    |A|....|C|...|B|    (two free pieces)
 *   FL: the piece [h+16p, h+128p) exactly
 */
static void vmap_area_fit_types(void)
{
	unsigned long h = initial_free[0].start, p = PAGE_SIZE, end = initial_free[0].end;
	struct vmap_area *a, *b, *c, *d;
	int n = nr_free_areas();

	setup();
	a = alloc_vmap_area(16 * p, p, h, end, NUMA_NO_NODE, GFP_KERNEL);
	ASSERT_TRUE(!IS_ERR(a));
	EXPECT_EQ(a->va_start, h);
	EXPECT_EQ(nr_free_areas(), n);
	check_state();
	b = alloc_vmap_area(16 * p, p, end - 16 * p, end, NUMA_NO_NODE, GFP_KERNEL);
	ASSERT_TRUE(!IS_ERR(b));
	EXPECT_EQ(b->va_start, end - 16 * p);
	EXPECT_EQ(nr_free_areas(), n);
	c = alloc_vmap_area(16 * p, p, h + 128 * p, end, NUMA_NO_NODE, GFP_KERNEL);
	ASSERT_TRUE(!IS_ERR(c));
	EXPECT_EQ(c->va_start, h + 128 * p);
	EXPECT_EQ(nr_free_areas(), n + 1);
	check_state();
	d = alloc_vmap_area(112 * p, p, h, end, NUMA_NO_NODE, GFP_KERNEL);
	ASSERT_TRUE(!IS_ERR(d));
	EXPECT_EQ(d->va_start, h + 16 * p);
	EXPECT_EQ(nr_free_areas(), n);
	check_state();
	free_vmap_area_noflush(a);
	free_vmap_area_noflush(b);
	free_vmap_area_noflush(c);
	free_vmap_area_noflush(d);
	expect_initial_shape();
}

/* Too big for [vstart, vend): -ENOMEM, nothing changed. Bad sizes: -EINVAL. */
static void vmap_area_range_full(void)
{
	unsigned long h = initial_free[0].start, end = initial_free[0].end;
	struct vmap_area *va;

	setup();
	va = alloc_vmap_area(end - h + PAGE_SIZE, PAGE_SIZE, h, end, NUMA_NO_NODE, GFP_KERNEL);
	EXPECT_EQ(PTR_ERR(va), -ENOMEM);
	ktest_warnings = 0;
	va = alloc_vmap_area(100, PAGE_SIZE, h, end, NUMA_NO_NODE, GFP_KERNEL);
	EXPECT_EQ(PTR_ERR(va), -EINVAL);
	EXPECT_EQ(ktest_warnings, 1);
	expect_initial_shape();
}

/*
 * Lazy freeing: a freed area stays out of the free tree until a purge flushed the TLB;
 * an allocation that finds no room purges and retries.
 */
static void vmap_area_lazy_purge(void)
{
	unsigned long h = initial_free[0].start, end = initial_free[0].end;
	struct vmap_area *va;
	int flushes;

	setup();
	va = alloc_vmap_area(end - h, PAGE_SIZE, h, end, NUMA_NO_NODE, GFP_KERNEL);
	ASSERT_TRUE(!IS_ERR(va));
	flushes = nr_flushes;
	free_vmap_area_noflush(va);
	check_state();
	EXPECT_EQ(nr_flushes, flushes);
	EXPECT_EQ(vmap_lazy_nr, (end - h) >> PAGE_SHIFT);
	EXPECT_TRUE(__find_vmap_area(h, &free_vmap_area_root) == NULL);
	/* The hole is all lazy: allocating there must purge first. */
	va = alloc_vmap_area(PAGE_SIZE, PAGE_SIZE, h, end, NUMA_NO_NODE, GFP_KERNEL);
	ASSERT_TRUE(!IS_ERR(va));
	EXPECT_EQ(nr_flushes, flushes + 1);
	EXPECT_EQ(va->va_start, h);
	EXPECT_EQ(vmap_lazy_nr, 0);
	check_state();
	free_vmap_area_noflush(va);
	expect_initial_shape();
	EXPECT_EQ(nr_flushes, flushes + 2);
}

/*
 * Up to lazy_max_pages() waiting, a free only queues its area; one more page and the free
 * queues drain_vmap_work, whose run purges everything with one flush.
 */
static void vmap_area_lazy_threshold(void)
{
	unsigned long size = lazy_max_pages() << PAGE_SHIFT;
	struct vmap_area *va, *one;
	int flushes;

	setup();
	va = alloc_vmap_area(size, PAGE_SIZE, VMALLOC_START, VMALLOC_END, NUMA_NO_NODE,
			     GFP_KERNEL);
	one = alloc_vmap_area(PAGE_SIZE, PAGE_SIZE, VMALLOC_START, VMALLOC_END, NUMA_NO_NODE,
			      GFP_KERNEL);
	ASSERT_TRUE(!IS_ERR(va) && !IS_ERR(one));
	flushes = nr_flushes;
	queued_work = NULL;
	free_vmap_area_noflush(va);
	EXPECT_TRUE(queued_work == NULL);
	free_vmap_area_noflush(one);
	ASSERT_TRUE(queued_work == &drain_vmap_work);
	EXPECT_EQ(vmap_lazy_nr, lazy_max_pages() + 1);
	EXPECT_EQ(nr_flushes, flushes);
	check_state();
	queued_work->func(queued_work);
	EXPECT_EQ(nr_flushes, flushes + 1);
	EXPECT_EQ(vmap_lazy_nr, 0);
	expect_initial_shape();
}

#define NR_LIVE	300

/* Random allocations (sizes, alignments, ranges) and frees; all checked every step. */
static void vmap_area_random(void)
{
	static struct vmap_area *live[NR_LIVE];
	unsigned long lo = initial_free[0].start, hi = initial_free[1].start + SZ_64M;

	setup();
	memset(live, 0, sizeof(live));
	for (int step = 0; step < 6000; step++) {
		int i = ktest_rand_range(0, NR_LIVE - 1);
		unsigned long size, align, vstart, vend, want;

		if (live[i]) {
			free_vmap_area_noflush(live[i]);
			live[i] = NULL;
			if (ktest_rand_range(0, 50) == 0)
				purge_vmap_area_lazy();
			check_state();
			continue;
		}
		size = ktest_rand_range(1, 64) << PAGE_SHIFT;
		align = PAGE_SIZE << ktest_rand_range(0, ktest_rand_range(0, 1) ? 0 : 9);
		vstart = ALIGN_DOWN(ktest_rand_range(lo, hi), PAGE_SIZE);
		vend = ktest_rand_range(0, 3) ? hi : ALIGN(vstart + (size << 3), PAGE_SIZE);
		/* Page alignment: exactly the lowest fit. Larger: no higher than the lowest
		 * area long enough for any start, the bound Linux's search keeps. */
		want = brute_lowest_fit(size, align, vstart, vend,
					align > PAGE_SIZE ? size + align - 1 : 0);
		if (align <= PAGE_SIZE && !list_empty(&purge_vmap_area_list) && want == vend)
			want = ULONG_MAX;	/* a purge may find room: checked below only */
		live[i] = alloc_vmap_area(size, align, vstart, vend, NUMA_NO_NODE, GFP_KERNEL);
		check_state();
		if (IS_ERR(live[i])) {
			if (want != ULONG_MAX && want != vend)
				ktest_abort(__FILE__, __LINE__, "step %d: failed, fit at 0x%lx (seed %llu)",
					    step, want, (unsigned long long)ktest_seed());
			live[i] = NULL;
			continue;
		}
		ASSERT_TRUE(!(live[i]->va_start & (align - 1)));
		ASSERT_TRUE(live[i]->va_start >= vstart && live[i]->va_end <= vend);
		if (want != ULONG_MAX && (align <= PAGE_SIZE ? live[i]->va_start != want :
					  live[i]->va_start > want))
			ktest_abort(__FILE__, __LINE__, "step %d: got 0x%lx, lowest fit 0x%lx (seed %llu)",
				    step, live[i]->va_start, want, (unsigned long long)ktest_seed());
	}
	for (int i = 0; i < NR_LIVE; i++)
		if (live[i])
			free_vmap_area_noflush(live[i]);
	expect_initial_shape();
}

/* vm_structs: the guard page after each area, find_vm_area, remove_vm_area. */
static void vm_area_guard_pages(void)
{
	struct vm_struct *a, *b;

	setup();
	a = get_vm_area(3 * PAGE_SIZE, VM_IOREMAP);
	b = get_vm_area(PAGE_SIZE, VM_MAP);
	ASSERT_TRUE(a && b);
	EXPECT_EQ(a->size, 4 * PAGE_SIZE);
	EXPECT_EQ(get_vm_area_size(a), 3 * PAGE_SIZE);
	EXPECT_TRUE((unsigned long)b->addr >= (unsigned long)a->addr + 4 * PAGE_SIZE);
	EXPECT_TRUE(find_vm_area(a->addr + 2 * PAGE_SIZE) == a);
	EXPECT_TRUE(remove_vm_area(a->addr) == a);
	EXPECT_TRUE(find_vm_area(a->addr) == NULL);
	kfree(a);
	free_vm_area(b);
	check_state();
	expect_initial_shape();
}

/* vunmap of an address inside an area, not its start: a warning, the area stays. */
static void vm_area_unmap_needs_start(void)
{
	struct vm_struct *a;
	void *addr;

	setup();
	a = get_vm_area(2 * PAGE_SIZE, VM_MAP);
	ASSERT_TRUE(a);
	addr = a->addr;
	ktest_warnings = 0;
	vunmap(addr + PAGE_SIZE);
	EXPECT_EQ(ktest_warnings, 1);
	EXPECT_TRUE(find_vm_area(addr) == a);
	vunmap(addr);
	EXPECT_TRUE(find_vm_area(addr) == NULL);
	expect_initial_shape();
}

KTEST_MAIN("vmalloc",
	   KTEST_CASE(vmalloc_init_shape),
	   KTEST_CASE(vmap_area_fit_types),
	   KTEST_CASE(vmap_area_range_full),
	   KTEST_CASE(vmap_area_lazy_purge),
	   KTEST_CASE(vmap_area_lazy_threshold),
	   KTEST_CASE(vmap_area_random),
	   KTEST_CASE(vm_area_guard_pages),
	   KTEST_CASE(vm_area_unmap_needs_start))
