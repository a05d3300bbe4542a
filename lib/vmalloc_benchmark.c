/*
 * `make bench` for vmalloc (bench=vmalloc): vmalloc + vfree of 64 KiB in ns per pair,
 * the lazy purges included (one per lazy_max_pages() of freed address space).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/time.h>
#include <linux/vmalloc.h>

/* Allocates, touches and frees size bytes, iters times; ns per pair, 0 on failure. */
static u64 bench_vmalloc_pairs(unsigned long size, unsigned long iters)
{
	u64 start = local_clock();

	for (unsigned long i = 0; i < iters; i++) {
		char *p = vmalloc(size);

		if (!p)
			return 0;
		p[0] = 1;
		vfree(p);
	}
	return (local_clock() - start) / iters;
}

static void __init vmalloc_bench(void)
{
	bench_vmalloc_pairs(SZ_64K, 100);	/* page tables and pools in place */
	pr_info("bench: vmalloc+vfree 64K: %llu ns/op\n",
		(unsigned long long)bench_vmalloc_pairs(SZ_64K, 20000));
	pr_info("bench: vmalloc+vfree 4K: %llu ns/op\n",
		(unsigned long long)bench_vmalloc_pairs(SZ_4K, 20000));
}
benchmark_initcall("vmalloc", vmalloc_bench);
