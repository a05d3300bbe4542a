/*
 * `make bench` for the page allocator (bench=mm): the cost of alloc_pages + __free_pages
 * in ns per pair, for order 0 (the pcp fast path, one at a time and in batches that
 * overflow the pcp lists), order 3 (the largest pcp order) and order 9 (the buddy).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/selftest.h>
#include <linux/time.h>

#define BATCH	512

/* Allocates and frees one block of order, iters times; ns per pair. */
static u64 bench_pairs(unsigned int order, unsigned long iters)
{
	u64 start = local_clock();

	for (unsigned long i = 0; i < iters; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!page)
			return 0;
		__free_pages(page, order);
	}
	return (local_clock() - start) / iters;
}

/* BATCH order-0 allocations, then BATCH frees: refills and drains of the pcp lists. */
static u64 bench_batches(unsigned long rounds)
{
	static struct page *pages[BATCH];
	u64 start = local_clock();

	for (unsigned long r = 0; r < rounds; r++) {
		for (int i = 0; i < BATCH; i++)
			pages[i] = alloc_page(GFP_KERNEL);
		for (int i = 0; i < BATCH; i++)
			if (pages[i])
				__free_page(pages[i]);
	}
	return (local_clock() - start) / (rounds * BATCH);
}

static void __init page_alloc_bench(void)
{
	bench_pairs(0, 1000);	/* warm the pcp lists */
	pr_info("bench: alloc_pages+free order 0 (pcp): %llu ns/op\n",
		(unsigned long long)bench_pairs(0, 200000));
	pr_info("bench: alloc_pages+free order 0 (batches of %d): %llu ns/op\n", BATCH,
		(unsigned long long)bench_batches(200));
	pr_info("bench: alloc_pages+free order 3: %llu ns/op\n",
		(unsigned long long)bench_pairs(3, 50000));
	pr_info("bench: alloc_pages+free order 9: %llu ns/op\n",
		(unsigned long long)bench_pairs(9, 20000));
}
benchmark_initcall("mm", page_alloc_bench);
