/*
 * Large boot-time hash tables (Linux's alloc_large_system_hash: mm/page_alloc.c in 6.1,
 * mm/mm_init.c since 6.3; a file of its own here, apart from the host-tested boot code).
 * On a NUMA machine Linux takes them from vmalloc (hashdist) once the buddy allocator is
 * up: they are not memblock reservations, so "Memory: ... available" does not pay for
 * them, and the boot log names each with Linux's line.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/log2.h>
#include <linux/memblock.h>
#include <linux/vmalloc.h>
#include <asm/page.h>

/**
 * alloc_large_system_hash - a zeroed hash table of numentries buckets (rounded up to a
 * power of two) of bucketsize bytes
 * @_hash_shift: if not NULL, set to log2 of the entries
 * @_hash_mask: if not NULL, set to entries - 1
 *
 * Linux sizes an unsized table (numentries 0) from the memory and scale; every caller
 * here names its size, and the limits bound it as Linux's do. Panics if it cannot be
 * had: the kernel cannot run without its hash tables.
 */
void *__init alloc_large_system_hash(const char *tablename, unsigned long bucketsize,
				     unsigned long numentries, int scale, int flags,
				     unsigned int *_hash_shift, unsigned int *_hash_mask,
				     unsigned long low_limit, unsigned long high_limit)
{
	unsigned long size;
	void *table;

	numentries = max(numentries, low_limit ? low_limit : 1UL);
	if (high_limit)
		numentries = min(numentries, high_limit);
	numentries = roundup_pow_of_two(numentries);
	size = bucketsize << ilog2(numentries);
	table = vzalloc(size);
	if (!table)
		panic("Failed to allocate %s hash table\n", tablename);
	pr_info("%s hash table entries: %lu (order: %u, %lu bytes, vmalloc)\n", tablename,
		numentries, get_order(size), size);
	if (_hash_shift)
		*_hash_shift = ilog2(numentries);
	if (_hash_mask)
		*_hash_mask = numentries - 1;
	return table;
}
