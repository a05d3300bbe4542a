/*
 * bench=slub: the cost of SLUB's fast paths in ns per alloc+free pair: kmalloc/kfree of
 * 64 B and 1 KiB, kmem_cache_alloc/free of a private cache, and batches of 512 that
 * run through the slow paths (new slabs, cpu partial lists, deactivation).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/gfp.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <linux/time.h>

#define BATCH	512

/* kmalloc + kfree of @size, @iters times; ns per pair. */
static u64 bench_kmalloc(size_t size, unsigned long iters)
{
	u64 start = local_clock();

	for (unsigned long i = 0; i < iters; i++)
		kfree(kmalloc(size, GFP_KERNEL));
	return (local_clock() - start) / iters;
}

static u64 bench_cache(struct kmem_cache *s, unsigned long iters)
{
	u64 start = local_clock();

	for (unsigned long i = 0; i < iters; i++)
		kmem_cache_free(s, kmem_cache_alloc(s, GFP_KERNEL));
	return (local_clock() - start) / iters;
}

/* BATCH allocations of @size then BATCH frees, @rounds times; ns per pair. */
static u64 bench_batches(size_t size, unsigned long rounds)
{
	static void *objs[BATCH];
	u64 start = local_clock();

	for (unsigned long r = 0; r < rounds; r++) {
		for (int i = 0; i < BATCH; i++)
			objs[i] = kmalloc(size, GFP_KERNEL);
		for (int i = 0; i < BATCH; i++)
			kfree(objs[i]);
	}
	return (local_clock() - start) / (rounds * BATCH);
}

/* Runs when bench=slub; after kmem_cache_init. */
static void __init slub_bench(void)
{
	struct kmem_cache *s;

	s = kmem_cache_create("bench_slub", 200, 0, SLAB_HWCACHE_ALIGN, NULL);
	if (!s)
		return;
	pr_info("bench: kmalloc+kfree 64: %llu ns/op\n",
		(unsigned long long)bench_kmalloc(64, 200000));
	pr_info("bench: kmalloc+kfree 1K: %llu ns/op\n",
		(unsigned long long)bench_kmalloc(1024, 200000));
	pr_info("bench: kmem_cache_alloc+free 200: %llu ns/op\n",
		(unsigned long long)bench_cache(s, 200000));
	pr_info("bench: kmalloc+kfree 64 (batches of %d): %llu ns/op\n", BATCH,
		(unsigned long long)bench_batches(64, 200));
	pr_info("bench: kmalloc+kfree 1K (batches of %d): %llu ns/op\n", BATCH,
		(unsigned long long)bench_batches(1024, 100));
	kmem_cache_destroy(s);
}
benchmark_initcall("slub", slub_bench);
