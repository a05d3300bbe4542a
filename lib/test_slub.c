/*
 * Boot self-test of SLUB on the real machine, under selftest=slub: kmalloc size classes,
 * a private cache with a ctor, kmalloc_node on every node, krealloc, large kmalloc,
 * merging, and, when booted with slub_debug, a provoked red zone overwrite and double
 * free that must be reported while the kernel goes on.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include "../mm/internal.h"
#include "../mm/slab.h"

static const unsigned int sizes[] = { 1, 7, 8, 13, 16, 24, 33, 64, 65, 96, 100, 128, 150,
				      192, 200, 256, 300, 512, 1000, 1024, 2000, 2048,
				      4000, 4096, 5000, 8192 };

static bool test_kmalloc_sizes(void)
{
	void *p[ARRAY_SIZE(sizes)];
	bool ok = true;

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i], GFP_KERNEL);
		ok &= p[i] && ksize(p[i]) >= sizes[i] && !((unsigned long)p[i] & 7);
		if (p[i])
			memset(p[i], i, sizes[i]);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		ok &= p[i] && ((u8 *)p[i])[sizes[i] - 1] == (u8)i;
		kfree(p[i]);
	}
	return ok;
}

static void ctor_fill(void *object)
{
	memset(object, 0x5c, 40);
}

/* 300 objects of a cache with a ctor: constructed; every page back after a shrink. */
static bool test_cache_ctor_pages_back(void)
{
	struct kmem_cache *s = kmem_cache_create("selftest_ctor", 40, 0, 0, ctor_fill);
	void **objs = kmalloc_array(300, sizeof(void *), GFP_KERNEL);
	unsigned long before;
	bool ok = s && objs;

	before = settled_free_pages();
	for (int i = 0; ok && i < 300; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		ok &= objs[i] && ((u8 *)objs[i])[39] == 0x5c;
	}
	for (int i = 0; ok && i < 300; i++)
		kmem_cache_free(s, objs[i]);
	if (s)
		kmem_cache_shrink(s);
	ok &= settled_free_pages() == before;
	kmem_cache_destroy(s);
	kfree(objs);
	return ok;
}

static bool test_kmalloc_node_each_node(void)
{
	bool ok = true;
	int nid;

	for_each_node_state(nid, N_MEMORY) {
		void *p = kmalloc_node(128, GFP_KERNEL, nid);

		ok &= p && page_to_nid(virt_to_page(p)) == nid;
		kfree(p);
	}
	return ok;
}

static bool test_krealloc_keeps_data(void)
{
	char *p = kmalloc(20, GFP_KERNEL), *q;
	bool ok;

	if (!p)
		return false;
	memcpy(p, "slub krealloc test", 19);
	q = krealloc(p, 3000, GFP_KERNEL);
	ok = q && !memcmp(q, "slub krealloc test", 19) && ksize(q) >= 3000;
	kfree(q);
	return ok;
}

static bool test_large_kmalloc(void)
{
	void *p = kmalloc(100000, GFP_KERNEL);
	bool ok = p && !PageSlab(virt_to_page(p)) && ksize(p) >= 100000;

	if (p)
		memset(p, 1, 100000);
	kfree(p);
	kfree(NULL);
	return ok;
}

static bool test_merge(void)
{
	struct kmem_cache *a = kmem_cache_create("selftest_merge_a", 72, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("selftest_merge_b", 72, 0, 0, NULL);
	bool ok = a && b && (a == b || (a->flags & SLAB_NEVER_MERGE));

	kmem_cache_destroy(b);
	kmem_cache_destroy(a);
	return ok || slab_nomerge_param();
}

/*
 * With slub_debug on kmalloc-64: a write past a 64-byte object and a double free are
 * each reported once, and the cache goes on working. Passes trivially without debug.
 */
static bool test_debug_reports(void)
{
	struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][6];
	unsigned long reports = slab_bug_reports;
	char *p, *q;

	if (!(s->flags & SLAB_RED_ZONE) || !(s->flags & SLAB_CONSISTENCY_CHECKS))
		return true;
	pr_info("slub_selftest: provoking a redzone overwrite in kmalloc-64\n");
	p = kmalloc(64, GFP_KERNEL);
	if (!p)
		return false;
	p[64] = 0x12;
	kfree(p);
	if (slab_bug_reports != reports + 1)
		return false;
	pr_info("slub_selftest: provoking a double free in kmalloc-64\n");
	q = kmalloc(64, GFP_KERNEL);
	kfree(q);
	kfree(q);
	if (slab_bug_reports != reports + 2)
		return false;
	q = kmalloc(64, GFP_KERNEL);
	kfree(q);
	return q && slab_bug_reports == reports + 2;
}

#define OBJS_PER_CPU	512
/* Every fifth object (i % 5 == 0) comes from the private cache, the rest from kmalloc. */
#define KMALLOC_PER_CPU	(OBJS_PER_CPU - (OBJS_PER_CPU + 4) / 5)

struct obj_batch {
	struct kmem_cache *cache;
	u8 *obj[NR_CPUS][OBJS_PER_CPU];
	unsigned int size[NR_CPUS][OBJS_PER_CPU];
};

/* Fills each object with a byte of its own: any object handed out twice is overwritten. */
static u8 obj_fill(unsigned int cpu, int i)
{
	return (u8)(cpu * 61 + (unsigned int)i * 7 + 1);
}

static void alloc_objs_fn(void *p, unsigned int cpu)
{
	struct obj_batch *b = p;

	for (int i = 0; i < OBJS_PER_CPU; i++) {
		b->size[cpu][i] = i % 3 ? 16U << (i % 8) : 192;
		b->obj[cpu][i] = i % 5 ? kmalloc(b->size[cpu][i], GFP_ATOMIC) :
					  kmem_cache_alloc(b->cache, GFP_ATOMIC);
		if (!(i % 5))
			b->size[cpu][i] = 200;
		if (b->obj[cpu][i])
			memset(b->obj[cpu][i], obj_fill(cpu, i), b->size[cpu][i]);
	}
}

static void free_objs_fn(void *p, unsigned int cpu)
{
	struct obj_batch *b = p;
	unsigned int owner = cpumask_next((int)cpu, cpu_online_mask);

	if (owner >= nr_cpu_ids)
		owner = cpumask_first(cpu_online_mask);
	for (int i = 0; i < OBJS_PER_CPU; i++) {
		if (i % 5)
			kfree(b->obj[owner][i]);
		else
			kmem_cache_free(b->cache, b->obj[owner][i]);
	}
}

static bool obj_batches_intact(struct obj_batch *b)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		for (int i = 0; i < OBJS_PER_CPU; i++) {
			if (!b->obj[cpu][i])
				return false;
			for (unsigned int k = 0; k < b->size[cpu][i]; k++)
				if (b->obj[cpu][i][k] != obj_fill(cpu, i))
					return false;
		}
	return true;
}

/* Objects in use in cache s once every cpu has given its slabs back. */
static unsigned long objects_in_use(struct kmem_cache *s)
{
	unsigned long active, total, active_slabs, slabs;

	kmem_cache_shrink(s);
	get_slabinfo(s, &active, &total, &active_slabs, &slabs);
	return active;
}

/* Objects in use in the kmalloc classes alloc_objs_fn draws from (16 B - 2 KiB). */
static unsigned long kmalloc_objects_in_use(void)
{
	unsigned long n = objects_in_use(kmalloc_slab(192, GFP_KERNEL));

	for (unsigned int size = 16; size <= 2048; size <<= 1)
		n += objects_in_use(kmalloc_slab(size, GFP_KERNEL));
	return n;
}

/*
 * All cpus kmalloc (16 B - 2 KiB) and allocate from a private cache at once, then each
 * frees another cpu's objects: the contents stay intact (nothing handed out twice), and
 * afterwards no object is still counted in use.
 */
static bool test_slub_all_cpus(void)
{
	struct obj_batch *b = kzalloc(sizeof(*b), GFP_KERNEL);
	unsigned long kmalloc_before, kmalloc_during, kmalloc_after, cache_after;
	bool ok;

	if (!b)
		return false;
	b->cache = kmem_cache_create("smp_selftest", 200, 0, 0, NULL);
	if (!b->cache) {
		kfree(b);
		return false;
	}
	kmalloc_before = kmalloc_objects_in_use();
	run_on_all_cpus(alloc_objs_fn, b);
	ok = obj_batches_intact(b);
	kmalloc_during = kmalloc_objects_in_use();
	run_on_all_cpus(free_objs_fn, b);
	kmalloc_after = kmalloc_objects_in_use();
	cache_after = objects_in_use(b->cache);
	kmem_cache_destroy(b->cache);
	kfree(b);
	pr_info("# kmalloc objects in use before %lu, during %lu, after %lu; private cache %lu\n",
		kmalloc_before, kmalloc_during, kmalloc_after, cache_after);
	return ok && kmalloc_during - kmalloc_before == num_online_cpus() * KMALLOC_PER_CPU &&
	       kmalloc_before == kmalloc_after && !cache_after;
}

/* Cross-cpu free: a ring of object pointers from each cpu to the next online one. */
#define XFER_RING	32
#define XFER_OBJS	5000	/* objects each cpu allocates (and each frees) */
#define XFER_SIZE	200	/* not mergeable with kmalloc-256 */

/*
 * One producer (@producer, which writes @head) and one consumer (the cpu whose ring
 * it is, which writes @tail); @slot[i % XFER_RING] is valid for tail <= i < head.
 */
struct xfer_ring {
	void *slot[XFER_RING];
	unsigned long head;
	unsigned long tail;
	unsigned int producer;
} __aligned(SMP_CACHE_BYTES);

struct xfer {
	struct kmem_cache *cache;
	struct xfer_ring ring[NR_CPUS];
	unsigned long bad[NR_CPUS];	/* per consumer: objects missing or overwritten */
};

static unsigned int next_online_cpu(unsigned int cpu)
{
	unsigned int next = cpumask_next((int)cpu, cpu_online_mask);

	return next < nr_cpu_ids ? next : cpumask_first(cpu_online_mask);
}

/* Every word of an object in flight: who allocated it and its number. */
static u64 xfer_tag(unsigned int cpu, unsigned long seq)
{
	return (u64)cpu << 32 | seq;
}

static void xfer_send(struct xfer *x, struct xfer_ring *out, unsigned int cpu,
		      unsigned long seq)
{
	u64 *obj = kmem_cache_alloc(x->cache, GFP_ATOMIC);

	for (unsigned int i = 0; obj && i < XFER_SIZE / sizeof(u64); i++)
		obj[i] = xfer_tag(cpu, seq);
	out->slot[seq % XFER_RING] = obj;
	__atomic_store_n(&out->head, seq + 1, __ATOMIC_RELEASE);
}

static void xfer_receive(struct xfer *x, struct xfer_ring *in, unsigned int cpu,
			 unsigned long seq)
{
	u64 *obj = in->slot[seq % XFER_RING];
	bool intact = obj;

	for (unsigned int i = 0; obj && i < XFER_SIZE / sizeof(u64); i++)
		intact &= obj[i] == xfer_tag(in->producer, seq);
	x->bad[cpu] += !intact;
	kmem_cache_free(x->cache, obj);
	__atomic_store_n(&in->tail, seq + 1, __ATOMIC_RELEASE);
}

/*
 * Each cpu allocates and sends to the next cpu, which frees, while it frees what the
 * previous cpu sent: frees land on slabs another cpu is allocating from at that moment.
 */
static void xfer_fn(void *p, unsigned int cpu)
{
	struct xfer *x = p;
	struct xfer_ring *out = &x->ring[next_online_cpu(cpu)], *in = &x->ring[cpu];
	unsigned long sent = 0, got = 0;

	while (sent < XFER_OBJS || got < XFER_OBJS) {
		if (sent < XFER_OBJS &&
		    sent - __atomic_load_n(&out->tail, __ATOMIC_ACQUIRE) < XFER_RING)
			xfer_send(x, out, cpu, sent++);
		if (got < XFER_OBJS && got != __atomic_load_n(&in->head, __ATOMIC_ACQUIRE))
			xfer_receive(x, in, cpu, got++);
		cpu_relax();
	}
}

/*
 * Every cpu allocates from a cache while the next one frees those objects: none is
 * handed out twice (each arrives intact) and none is lost (none in use afterwards). A
 * lost update of a slab's freelist loses objects on two cpus and, on four, hands one
 * out twice and leaves a cycle in the freelist.
 */
static bool test_cross_cpu_free(void)
{
	struct xfer *x = kzalloc(sizeof(*x), GFP_KERNEL);
	unsigned long bad = 0, in_use;
	unsigned int cpu;

	if (!x)
		return false;
	x->cache = kmem_cache_create("slub_xfer", XFER_SIZE, 0, 0, NULL);
	if (!x->cache) {
		kfree(x);
		return false;
	}
	for_each_online_cpu(cpu)
		x->ring[next_online_cpu(cpu)].producer = cpu;
	run_on_all_cpus(xfer_fn, x);
	for_each_online_cpu(cpu)
		bad += x->bad[cpu];
	in_use = objects_in_use(x->cache);
	pr_info("# cross_cpu_free: %u objects from each of %u cpus, %lu bad, %lu still in use\n",
		XFER_OBJS, num_online_cpus(), bad, in_use);
	if (!in_use)
		kmem_cache_destroy(x->cache);
	kfree(x);
	return !bad && !in_use;
}

#define NODE_OBJS	192	/* objects each cpu holds */
#define NODE_ROUNDS	12

struct node_batch {
	u8 *obj[NR_CPUS][NODE_OBJS];
	unsigned long bad[NR_CPUS];	/* per cpu: on the wrong node, failed or overwritten */
	unsigned int round;
};

/* The node of N_MEMORY numbered @i modulo their count. */
static int nth_memory_node(unsigned int i)
{
	int nid;

	i %= (unsigned int)nodes_weight(&node_states[N_MEMORY]);
	for_each_node_state(nid, N_MEMORY)
		if (!i--)
			break;
	return nid;
}

/* Refills this cpu's empty slots, each from the next node in turn. */
static void node_alloc_fn(void *p, unsigned int cpu)
{
	struct node_batch *b = p;

	for (int i = 0; i < NODE_OBJS; i++) {
		int nid = nth_memory_node(cpu + (unsigned int)i + b->round);

		if (b->obj[cpu][i])
			continue;
		b->obj[cpu][i] = kmalloc_node(i % 4 ? 1024 : 64, GFP_ATOMIC, nid);
		if (!b->obj[cpu][i] || page_to_nid(virt_to_page(b->obj[cpu][i])) != nid) {
			b->bad[cpu]++;
			continue;
		}
		memset(b->obj[cpu][i], obj_fill(cpu, i), i % 4 ? 1024 : 64);
	}
}

/* Frees half of the next cpu's objects (all in the last round), checking them. */
static void node_free_fn(void *p, unsigned int cpu)
{
	struct node_batch *b = p;
	unsigned int owner = next_online_cpu(cpu);

	for (int i = 0; i < NODE_OBJS; i++) {
		u8 *obj = b->obj[owner][i];

		if (!obj || (b->round + 1 < NODE_ROUNDS && (i + b->round) % 2))
			continue;
		if (obj[0] != obj_fill(owner, i) || obj[(i % 4 ? 1024 : 64) - 1] != obj[0])
			b->bad[cpu]++;
		kfree(obj);
		b->obj[owner][i] = NULL;
	}
}

/*
 * Every cpu kmalloc_node's from each node in turn while the next cpu frees half of what
 * it holds: cpu partial lists fill with slabs of every node while get_partial_node
 * takes more under a node's list_lock. Every object comes from its node, intact.
 */
static bool test_kmalloc_node_all_cpus(void)
{
	struct node_batch *b = kzalloc(sizeof(*b), GFP_KERNEL);
	unsigned long bad = 0, before = kmalloc_objects_in_use();
	unsigned int cpu;

	if (!b)
		return false;
	for (b->round = 0; b->round < NODE_ROUNDS; b->round++) {
		run_on_all_cpus(node_alloc_fn, b);
		run_on_all_cpus(node_free_fn, b);
	}
	for_each_online_cpu(cpu)
		bad += b->bad[cpu];
	kfree(b);
	pr_info("# kmalloc_node_all_cpus: %lu bad\n", bad);
	return !bad && kmalloc_objects_in_use() == before;
}

static const struct ktap_case cases[] = {
	{ test_kmalloc_sizes, "slub_kmalloc_sizes" },
	{ test_cache_ctor_pages_back, "slub_cache_ctor_pages_back" },
	{ test_kmalloc_node_each_node, "slub_kmalloc_node_each_node" },
	{ test_krealloc_keeps_data, "slub_krealloc_keeps_data" },
	{ test_large_kmalloc, "slub_large_kmalloc" },
	{ test_merge, "slub_merge" },
	{ test_debug_reports, "slub_debug_reports" },
	{ test_slub_all_cpus, "slub_all_cpus" },
	{ test_cross_cpu_free, "slub_cross_cpu_free" },
	{ test_kmalloc_node_all_cpus, "slub_kmalloc_node_all_cpus" },
};

/* Runs the suite when selftest=slub; after kmem_cache_init. */
static void __init slub_selftest(void)
{
	ktap_run_suite("slub", cases, ARRAY_SIZE(cases));
}
selftest_initcall("slub", slub_selftest);
