/*
 * memblock: the physical memory map and the allocator of early boot, for everything that
 * runs before the page allocator exists (page tables, the memory map, per-cpu areas).
 *
 * Overview (Linux 6.1's mm/memblock.c, same names and semantics)
 *
 * memblock keeps two collections of regions, each a struct memblock_type:
 *  - memory:   the RAM the kernel may use (from the device tree, trimmed by mem=);
 *  - reserved: the parts of it in use (kernel image, device tree, initrd, every
 *              memblock allocation).
 * Free memory is memory minus reserved; there is no free list, allocations walk the
 * difference (for_each_free_mem_range) and reserve what they take.
 *
 * A region (struct memblock_region) is [base, base + size) with a NUMA node id and
 * flags (MEMBLOCK_HOTPLUG, MEMBLOCK_NOMAP, ...). Each type keeps its regions in an
 * array with these invariants:
 *  - sorted by base, never overlapping;
 *  - neighbours that touch and have the same node and flags are merged into one;
 *  - cnt >= 1: an empty type holds one empty region [0, 0), so regions[0] and
 *    regions[cnt - 1] always exist;
 *  - total_size is the sum of the sizes.
 * Every change goes through memblock_add_range (insert, then merge) or
 * memblock_isolate_range (split at the boundaries of a range, so whole regions can be
 * removed, re-flagged or moved to a node). The arrays start as static arrays of
 * INIT_MEMBLOCK_REGIONS; once memblock_allow_resize() has been called a full array is
 * doubled into memory allocated from memblock itself (memblock_double_array).
 *
 * Life cycle: setup_arch adds memory from the device tree (memblock_add), reserves
 * what is in use (memblock_reserve), removes what the linear map cannot reach
 * (memblock_remove, memblock_mem_limit_remove_map), and the NUMA code assigns nodes
 * (memblock_set_node). From then on early code allocates with memblock_alloc*()
 * (virtual, zeroed) or memblock_phys_alloc*() (physical), top-down unless
 * memblock_set_bottom_up(true). Finally mem_init's memblock_free_all hands every free
 * range to the page allocator (that lives with the page allocator: it walks
 * for_each_reserved_mem_range, for_each_mem_region and for_each_free_mem_range).
 * arm64 keeps memblock afterwards: pfn_valid asks memblock_is_map_memory.
 *
 * `memblock=debug` on the command line logs every call with its caller and makes
 * memblock_dump_all print both arrays.
 *
 * All of it runs on the boot cpu before other cpus start; there is no locking.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/numa.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/memory.h>
#include "internal.h"

#define INIT_MEMBLOCK_REGIONS		128
#define INIT_MEMBLOCK_RESERVED_REGIONS	INIT_MEMBLOCK_REGIONS
#define INIT_MEMBLOCK_MEMORY_REGIONS	INIT_MEMBLOCK_REGIONS

#ifndef _RET_IP_
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#endif

unsigned long max_low_pfn;
unsigned long min_low_pfn;
unsigned long max_pfn;
unsigned long long max_possible_pfn;

static struct memblock_region
memblock_memory_init_regions[INIT_MEMBLOCK_MEMORY_REGIONS] __initdata_memblock;
static struct memblock_region
memblock_reserved_init_regions[INIT_MEMBLOCK_RESERVED_REGIONS] __initdata_memblock;

struct memblock memblock __initdata_memblock = {
	.memory.regions		= memblock_memory_init_regions,
	.memory.cnt		= 1,	/* empty dummy entry */
	.memory.max		= INIT_MEMBLOCK_MEMORY_REGIONS,
	.memory.name		= "memory",

	.reserved.regions	= memblock_reserved_init_regions,
	.reserved.cnt		= 1,	/* empty dummy entry */
	.reserved.max		= INIT_MEMBLOCK_RESERVED_REGIONS,
	.reserved.name		= "reserved",

	.bottom_up		= false,
	.current_limit		= MEMBLOCK_ALLOC_ANYWHERE,
};

/* i: unsigned long index, rgn: struct memblock_region pointer. */
#define for_each_memblock_type(i, memblock_type, rgn)			\
	for (i = 0, rgn = &(memblock_type)->regions[0];			\
	     i < (memblock_type)->cnt;					\
	     i++, rgn = &(memblock_type)->regions[i])

#define memblock_dbg(fmt, ...)						\
	do {								\
		if (memblock_debug)					\
			pr_info(fmt, ##__VA_ARGS__);			\
	} while (0)

static int memblock_debug __initdata_memblock;
static int memblock_can_resize __initdata_memblock;

/*
 * No movable_node= and no kernelcore=mirror yet: hotpluggable memory is allocated from
 * like any other, and allocations never ask for mirrored memory first.
 */
static inline bool movable_node_is_enabled(void)
{
	return false;
}

/* Shrinks *size so that base + *size does not wrap; returns the new size. */
static inline phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

/* Non-zero when [base1, base1 + size1) and [base2, base2 + size2) intersect. */
unsigned long __init_memblock memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1,
						     phys_addr_t base2, phys_addr_t size2)
{
	return base1 < base2 + size2 && base2 < base1 + size1;
}

/* True when some region of @type intersects [base, base + size). */
bool __init_memblock memblock_overlaps_region(struct memblock_type *type,
					      phys_addr_t base, phys_addr_t size)
{
	unsigned long i;

	memblock_cap_size(base, &size);
	for (i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			return true;
	return false;
}

/* The lowest fitting address in [start, end) on @nid; 0 if none. */
static phys_addr_t __init_memblock
__memblock_find_range_bottom_up(phys_addr_t start, phys_addr_t end,
				phys_addr_t size, phys_addr_t align, int nid,
				enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		cand = round_up(this_start, align);
		if (cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

/* The highest fitting address in [start, end) on @nid; 0 if none. */
static phys_addr_t __init_memblock
__memblock_find_range_top_down(phys_addr_t start, phys_addr_t end,
			       phys_addr_t size, phys_addr_t align, int nid,
			       enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end,
					NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		if (this_end < size)
			continue;
		cand = round_down(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/**
 * memblock_find_in_range_node - find a free area, without reserving it
 * @size: bytes wanted
 * @align: alignment of the start, a power of two
 * @start: lowest acceptable address
 * @end: end of the acceptable range; MEMBLOCK_ALLOC_ACCESSIBLE for current_limit
 * @nid: node to take it from, or NUMA_NO_NODE for any
 * @flags: memory attributes to select (MEMBLOCK_NONE for ordinary memory)
 *
 * The search runs top-down unless memblock_set_bottom_up(true); the first page of the
 * physical address space is never returned.
 *
 * Return: the area's physical address, 0 if there is none.
 */
static phys_addr_t __init_memblock
memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
			    phys_addr_t start, phys_addr_t end, int nid,
			    enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE ||
	    end == MEMBLOCK_ALLOC_NOLEAKTRACE)
		end = memblock.current_limit;

	/* 0 means failure, so the first page cannot be handed out */
	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);

	if (memblock_bottom_up())
		return __memblock_find_range_bottom_up(start, end, size, align,
						       nid, flags);
	return __memblock_find_range_top_down(start, end, size, align,
					      nid, flags);
}

/* A free area of @size in [start, end) on any node; 0 if none. */
static phys_addr_t __init_memblock memblock_find_in_range(phys_addr_t start,
							  phys_addr_t end,
							  phys_addr_t size,
							  phys_addr_t align)
{
	return memblock_find_in_range_node(size, align, start, end,
					   NUMA_NO_NODE, MEMBLOCK_NONE);
}

/* Drops region @r; an emptied type gets its dummy region back. */
static void __init_memblock memblock_remove_region(struct memblock_type *type,
						   unsigned long r)
{
	type->total_size -= type->regions[r].size;
	memmove(&type->regions[r], &type->regions[r + 1],
		(type->cnt - (r + 1)) * sizeof(type->regions[r]));
	type->cnt--;

	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->cnt = 1;
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = 0;
		memblock_set_region_node(&type->regions[0], MAX_NUMNODES);
	}
}

/*
 * Finds room for a regions array of @size bytes, above the range about to be added
 * first, then below it.
 */
static phys_addr_t __init_memblock
memblock_find_array_space(phys_addr_t size, phys_addr_t avoid_start,
			  phys_addr_t avoid_size)
{
	phys_addr_t addr;

	addr = memblock_find_in_range(avoid_start + avoid_size,
				      memblock.current_limit, size, PAGE_SIZE);
	if (!addr && avoid_size)
		addr = memblock_find_in_range(0, min(avoid_start,
						     memblock.current_limit),
					      size, PAGE_SIZE);
	return addr;
}

/**
 * memblock_double_array - double the capacity of a regions array
 * @type: the type whose array is full
 * @new_area_start: start of the range being added to memblock.reserved
 * @new_area_size: its size
 *
 * Only after memblock_allow_resize(). The new array is allocated from memblock, page
 * aligned, and reserved; when @type is memblock.reserved it avoids the range about to
 * be reserved, which may be a block already found free but not reserved yet. A
 * previous array allocated this way is freed; the static one is kept.
 *
 * Return: 0 on success, -1 when resizing is not allowed yet or no room was found.
 */
static int __init_memblock memblock_double_array(struct memblock_type *type,
						 phys_addr_t new_area_start,
						 phys_addr_t new_area_size)
{
	struct memblock_region *new_array, *old_array;
	phys_addr_t old_alloc_size, new_alloc_size;
	phys_addr_t old_size, new_size, addr, new_end;

	if (!memblock_can_resize)
		return -1;

	old_size = type->max * sizeof(struct memblock_region);
	new_size = old_size << 1;
	/* whole pages, so the array can be freed to the page allocator later */
	old_alloc_size = PAGE_ALIGN(old_size);
	new_alloc_size = PAGE_ALIGN(new_size);

	if (type != &memblock.reserved)
		new_area_start = new_area_size = 0;
	addr = memblock_find_array_space(new_alloc_size, new_area_start,
					 new_area_size);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %ld to %ld entries !\n",
		       type->name, type->max, type->max * 2);
		return -1;
	}

	new_end = addr + new_size - 1;
	memblock_dbg("memblock: %s is doubled to %ld at [%pa-%pa]\n",
		     type->name, type->max * 2, &addr, &new_end);

	/* move the array before reserving: the full array may be memblock.reserved's */
	new_array = __va(addr);
	memcpy(new_array, type->regions, old_size);
	memset(new_array + type->max, 0, old_size);
	old_array = type->regions;
	type->regions = new_array;
	type->max <<= 1;

	/*
	 * Reserve the new array before freeing the old one (Linux frees first): freeing
	 * may itself double memblock.reserved, and that search must not see the new
	 * array as free.
	 */
	BUG_ON(memblock_reserve(addr, new_alloc_size));

	if (old_array != memblock_memory_init_regions &&
	    old_array != memblock_reserved_init_regions)
		memblock_free(old_array, old_alloc_size);
	return 0;
}

/* Merges every pair of touching neighbours with the same node and flags. */
static void __init_memblock memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	/* cnt never goes below 1 */
	while (i < type->cnt - 1) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base ||
		    memblock_get_region_node(this) !=
		    memblock_get_region_node(next) ||
		    this->flags != next->flags) {
			BUG_ON(this->base + this->size > next->base);
			i++;
			continue;
		}

		this->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

/*
 * Inserts [base, base + size) at index @idx, shifting the regions from @idx up by one;
 * the caller made room and keeps the order.
 */
static void __init_memblock memblock_insert_region(struct memblock_type *type,
						   unsigned long idx,
						   phys_addr_t base,
						   phys_addr_t size, int nid,
						   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	memblock_set_region_node(rgn, nid);
	type->cnt++;
	type->total_size += size;
}

/* Fills the dummy region of an empty type. */
static void __init_memblock memblock_add_first(struct memblock_type *type,
					       phys_addr_t base, phys_addr_t size,
					       int nid, enum memblock_flags flags)
{
	WARN_ON(type->cnt != 1 || type->total_size);
	type->regions[0].base = base;
	type->regions[0].size = size;
	type->regions[0].flags = flags;
	memblock_set_region_node(&type->regions[0], nid);
	type->total_size = size;
}

/*
 * One pass of memblock_add_range over [base, end): counts the pieces of the range not
 * yet covered, and inserts them when @insert.
 */
static int __init_memblock memblock_add_pieces(struct memblock_type *type,
					       phys_addr_t base, phys_addr_t end,
					       int nid, enum memblock_flags flags,
					       bool insert)
{
	struct memblock_region *rgn;
	unsigned long idx;
	int nr_new = 0;

	for_each_memblock_type(idx, type, rgn) {
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		/* rgn overlaps: the part of the range below it is new */
		if (rbase > base) {
			WARN_ON(nid != memblock_get_region_node(rgn));
			WARN_ON(flags != rgn->flags);
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base,
						       rbase - base, nid, flags);
		}
		/* everything below rend is dealt with */
		base = min(rend, end);
	}

	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base,
					       nid, flags);
	}
	return nr_new;
}

/**
 * memblock_add_range - add a range to a region type
 * @type: memblock.memory or memblock.reserved
 * @base: start of the range
 * @size: its size; a range running past the top of the address space is cut there
 * @nid: node of the new parts
 * @flags: flags of the new parts
 *
 * The range may overlap existing regions: they keep their node and flags, only the
 * uncovered parts are added. The first pass counts the pieces to insert and grows the
 * array if they do not fit; the second inserts them; then neighbours are merged.
 *
 * Return: 0 on success, -ENOMEM when the array is full and cannot grow (nothing added).
 */
static int __init_memblock memblock_add_range(struct memblock_type *type,
					      phys_addr_t base, phys_addr_t size,
					      int nid, enum memblock_flags flags)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int nr_new;

	if (!size)
		return 0;

	if (type->regions[0].size == 0) {
		memblock_add_first(type, base, size, nid, flags);
		return 0;
	}

	/* worst case: one piece in each gap plus one, which may need more room */
	if (type->cnt * 2 + 1 >= type->max) {
		nr_new = memblock_add_pieces(type, base, end, nid, flags, false);
		if (!nr_new)
			return 0;
		while (type->cnt + nr_new > type->max)
			if (memblock_double_array(type, base, size) < 0)
				return -ENOMEM;
	}

	memblock_add_pieces(type, base, end, nid, flags, true);
	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_add_node - add RAM on a known node
 * @base: physical start
 * @size: size in bytes
 * @nid: its NUMA node
 * @flags: its attributes (MEMBLOCK_HOTPLUG when the firmware says so)
 *
 * Parts already present keep their node and flags.
 *
 * Return: 0 on success, -ENOMEM when the memory array is full.
 */
int __init_memblock memblock_add_node(phys_addr_t base, phys_addr_t size,
				      int nid, enum memblock_flags flags)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] nid=%d flags=%x %pS\n", __func__,
		     &base, &end, nid, flags, (void *)_RET_IP_);

	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

/**
 * memblock_add - add RAM
 * @base: physical start
 * @size: size in bytes
 *
 * The node is MAX_NUMNODES (none) until memblock_set_node assigns one.
 *
 * Return: 0 on success, -ENOMEM when the memory array is full.
 */
int __init_memblock memblock_add(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", __func__,
		     &base, &end, (void *)_RET_IP_);

	return memblock_add_range(&memblock.memory, base, size, MAX_NUMNODES, 0);
}

/*
 * Splits the region at index @idx, which starts below @at and ends above it, into
 * [base, at) at @idx and [at, end) at @idx + 1.
 */
static void __init_memblock memblock_split_region(struct memblock_type *type,
						  unsigned long idx, phys_addr_t at)
{
	struct memblock_region *rgn = &type->regions[idx];
	phys_addr_t rbase = rgn->base;

	rgn->base = at;
	rgn->size -= at - rbase;
	type->total_size -= at - rbase;
	memblock_insert_region(type, idx, rbase, at - rbase,
			       memblock_get_region_node(rgn), rgn->flags);
}

/**
 * memblock_isolate_range - split regions at the boundaries of a range
 * @type: the type to work on
 * @base: start of the range
 * @size: its size (cut at the top of the address space)
 * @start_rgn: gets the index of the first region inside the range
 * @end_rgn: gets the index after the last region inside the range
 *
 * Afterwards no region crosses @base or @base + @size, and the regions in
 * [*@start_rgn, *@end_rgn) are exactly those inside the range (none: both 0). At most
 * two regions are added, so the array is grown first if it has less room.
 *
 * Return: 0 on success, -ENOMEM when the array is full and cannot grow.
 */
static int __init_memblock memblock_isolate_range(struct memblock_type *type,
						  phys_addr_t base, phys_addr_t size,
						  int *start_rgn, int *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	struct memblock_region *rgn;
	unsigned long idx;

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;

	while (type->cnt + 2 > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	for_each_memblock_type(idx, type, rgn) {
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;

		if (rbase < base) {
			/* crosses base: split, the top half comes next */
			memblock_split_region(type, idx, base);
		} else if (rend > end) {
			/* crosses end: split, and look at the bottom half again */
			memblock_split_region(type, idx, end);
			idx--;
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}
	return 0;
}

/* Removes [base, base + size) from @type; 0 or -ENOMEM. */
static int __init_memblock memblock_remove_range(struct memblock_type *type,
						 phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = end_rgn - 1; i >= start_rgn; i--)
		memblock_remove_region(type, i);
	return 0;
}

/**
 * memblock_remove - take a range out of memory
 * @base: physical start
 * @size: size in bytes
 *
 * Reserved regions in the range are left alone.
 *
 * Return: 0 on success, -ENOMEM when a needed split does not fit.
 */
int __init_memblock memblock_remove(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", __func__,
		     &base, &end, (void *)_RET_IP_);

	return memblock_remove_range(&memblock.memory, base, size);
}

/**
 * memblock_free - give back a block from memblock_alloc*()
 * @ptr: its virtual address; NULL does nothing
 * @size: its size
 *
 * The block becomes free for memblock again; it is not handed to the page allocator.
 */
void __init_memblock memblock_free(void *ptr, size_t size)
{
	if (ptr)
		memblock_phys_free(__pa(ptr), size);
}

/**
 * memblock_phys_free - unreserve a physical range
 * @base: physical start
 * @size: size in bytes
 *
 * Return: 0 on success, -ENOMEM when a needed split does not fit.
 */
int __init_memblock memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", __func__,
		     &base, &end, (void *)_RET_IP_);

	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_reserve - mark a physical range in use
 * @base: physical start
 * @size: size in bytes
 *
 * The range need not be memory, and may overlap earlier reservations.
 *
 * Return: 0 on success, -ENOMEM when the reserved array is full.
 */
int __init_memblock memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", __func__,
		     &base, &end, (void *)_RET_IP_);

	return memblock_add_range(&memblock.reserved, base, size, MAX_NUMNODES, 0);
}

/* Sets (or clears) @flag on the memory in [base, base + size); 0 or -ENOMEM. */
static int __init_memblock memblock_setclr_flag(phys_addr_t base, phys_addr_t size,
						int set, int flag)
{
	struct memblock_type *type = &memblock.memory;
	int i, ret, start_rgn, end_rgn;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++) {
		struct memblock_region *r = &type->regions[i];

		if (set)
			r->flags |= flag;
		else
			r->flags &= ~flag;
	}

	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_mark_hotplug - flag memory as hot-removable (MEMBLOCK_HOTPLUG)
 * @base: physical start
 * @size: size in bytes
 *
 * Return: 0 on success, -ENOMEM when a needed split does not fit.
 */
int __init_memblock memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 1, MEMBLOCK_HOTPLUG);
}

/**
 * memblock_clear_hotplug - clear MEMBLOCK_HOTPLUG
 * @base: physical start
 * @size: size in bytes
 *
 * Return: 0 on success, -ENOMEM when a needed split does not fit.
 */
int __init_memblock memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 0, MEMBLOCK_HOTPLUG);
}

/**
 * memblock_mark_nomap - keep memory out of the linear map (MEMBLOCK_NOMAP)
 * @base: physical start
 * @size: size in bytes
 *
 * Nomap memory is still covered by the memory map, its pages marked reserved, and
 * memblock never allocates from it.
 *
 * Return: 0 on success, -ENOMEM when a needed split does not fit.
 */
int __init_memblock memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 1, MEMBLOCK_NOMAP);
}

/**
 * memblock_clear_nomap - clear MEMBLOCK_NOMAP
 * @base: physical start
 * @size: size in bytes
 *
 * Return: 0 on success, -ENOMEM when a needed split does not fit.
 */
int __init_memblock memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, 0, MEMBLOCK_NOMAP);
}

/**
 * memblock_set_node - assign the regions of a range to a node
 * @base: physical start
 * @size: size in bytes
 * @type: memblock.memory (or memblock.reserved)
 * @nid: the node
 *
 * Regions crossing the range's boundaries are split first.
 *
 * Return: 0 on success, -ENOMEM when a needed split does not fit.
 */
int __init_memblock memblock_set_node(phys_addr_t base, phys_addr_t size,
				      struct memblock_type *type, int nid)
{
	int start_rgn, end_rgn;
	int i, ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++)
		memblock_set_region_node(&type->regions[i], nid);

	memblock_merge_regions(type);
	return 0;
}

/* Whether a walk of @type for @nid and @flags passes over region @m. */
static bool should_skip_region(struct memblock_type *type,
			       struct memblock_region *m, int nid, int flags)
{
	int m_nid = memblock_get_region_node(m);

	/* only memory regions have nodes and flags that matter */
	if (type != &memblock.memory)
		return false;
	if (nid != NUMA_NO_NODE && nid != m_nid)
		return true;
	if (movable_node_is_enabled() && memblock_is_hotpluggable(m) &&
	    !(flags & MEMBLOCK_HOTPLUG))
		return true;
	if ((flags & MEMBLOCK_MIRROR) && !memblock_is_mirror(m))
		return true;
	if (!(flags & MEMBLOCK_NOMAP) && memblock_is_nomap(m))
		return true;
	if (!(flags & MEMBLOCK_DRIVER_MANAGED) && memblock_is_driver_managed(m))
		return true;
	return false;
}

/*
 * Gap @idx_b of @type: gap 0 lies below the first region, gap i between regions i - 1
 * and i, gap cnt above the last region.
 */
static void memblock_gap(struct memblock_type *type, int idx_b,
			 phys_addr_t *start, phys_addr_t *end)
{
	struct memblock_region *r = type->regions;

	*start = idx_b ? r[idx_b - 1].base + r[idx_b - 1].size : 0;
	*end = idx_b < (int)type->cnt ? r[idx_b].base : PHYS_ADDR_MAX;
}

static void memblock_out(phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid,
			 phys_addr_t start, phys_addr_t end, int nid)
{
	if (out_start)
		*out_start = start;
	if (out_end)
		*out_end = end;
	if (out_nid)
		*out_nid = nid;
}

static inline u64 memblock_idx(int idx_a, int idx_b)
{
	return (u32)idx_a | (u64)(u32)idx_b << 32;
}

/**
 * __next_mem_range - the step of for_each_free_mem_range() and the other ascending walks
 * @idx: cursor; 0 to start, ULLONG_MAX once the walk is over
 * @nid: node to walk, NUMA_NO_NODE for all
 * @flags: memory attributes selecting regions of @type_a
 * @type_a: the type walked
 * @type_b: the type cut out of it, or NULL
 * @out_start: gets the area's start, may be NULL
 * @out_end: gets the area's end, may be NULL
 * @out_nid: gets the area's node, may be NULL
 *
 * The low 32 bits of *@idx index @type_a, the high 32 bits the gaps of @type_b: for
 * type_b regions 0:[0-16), 1:[32-48), 2:[128-130) the gaps are 0:[0-0), 1:[16-32),
 * 2:[48-128), 3:[130-MAX). Both lists are sorted, so the two indexes advance in
 * lockstep and each intersection of a region and a gap is returned once.
 */
void __init_memblock __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
				      struct memblock_type *type_a,
				      struct memblock_type *type_b,
				      phys_addr_t *out_start, phys_addr_t *out_end,
				      int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	if (WARN_ON_ONCE(nid == MAX_NUMNODES))
		nid = NUMA_NO_NODE;

	for (; idx_a < (int)type_a->cnt; idx_a++) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			memblock_out(out_start, out_end, out_nid, m_start, m_end, m_nid);
			*idx = memblock_idx(idx_a + 1, idx_b);
			return;
		}

		for (; idx_b < (int)type_b->cnt + 1; idx_b++) {
			phys_addr_t r_start, r_end;

			memblock_gap(type_b, idx_b, &r_start, &r_end);
			/* the gaps have passed this region: next region */
			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				memblock_out(out_start, out_end, out_nid,
					     max(m_start, r_start),
					     min(m_end, r_end), m_nid);
				/* advance whichever ends first */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = memblock_idx(idx_a, idx_b);
				return;
			}
		}
	}

	*idx = ULLONG_MAX;
}

/**
 * __next_mem_range_rev - the step of the descending walks
 * @idx: cursor; ULLONG_MAX to start, ULLONG_MAX once the walk is over
 * @nid: node to walk, NUMA_NO_NODE for all
 * @flags: memory attributes selecting regions of @type_a
 * @type_a: the type walked
 * @type_b: the type cut out of it, or NULL
 * @out_start: gets the area's start, may be NULL
 * @out_end: gets the area's end, may be NULL
 * @out_nid: gets the area's node, may be NULL
 *
 * __next_mem_range() backwards.
 */
void __init_memblock __next_mem_range_rev(u64 *idx, int nid,
					  enum memblock_flags flags,
					  struct memblock_type *type_a,
					  struct memblock_type *type_b,
					  phys_addr_t *out_start,
					  phys_addr_t *out_end, int *out_nid)
{
	int idx_a = *idx & 0xffffffff;
	int idx_b = *idx >> 32;

	if (WARN_ON_ONCE(nid == MAX_NUMNODES))
		nid = NUMA_NO_NODE;

	if (*idx == (u64)ULLONG_MAX) {
		idx_a = type_a->cnt - 1;
		idx_b = type_b ? (int)type_b->cnt : 0;
	}

	for (; idx_a >= 0; idx_a--) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			memblock_out(out_start, out_end, out_nid, m_start, m_end, m_nid);
			*idx = memblock_idx(idx_a - 1, idx_b);
			return;
		}

		for (; idx_b >= 0; idx_b--) {
			phys_addr_t r_start, r_end;

			memblock_gap(type_b, idx_b, &r_start, &r_end);
			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				memblock_out(out_start, out_end, out_nid,
					     max(m_start, r_start),
					     min(m_end, r_end), m_nid);
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = memblock_idx(idx_a, idx_b);
				return;
			}
		}
	}

	*idx = ULLONG_MAX;
}

/**
 * __next_mem_pfn_range - the step of for_each_mem_pfn_range()
 * @idx: cursor; -1 to start, -1 once the walk is over
 * @nid: node to walk, MAX_NUMNODES for all
 * @out_start_pfn: gets the first whole pfn, may be NULL
 * @out_end_pfn: gets the pfn after the last whole one, may be NULL
 * @out_nid: gets the node, may be NULL
 */
void __init_memblock __next_mem_pfn_range(int *idx, int nid,
					  unsigned long *out_start_pfn,
					  unsigned long *out_end_pfn, int *out_nid)
{
	struct memblock_type *type = &memblock.memory;
	struct memblock_region *r = NULL;
	int r_nid = NUMA_NO_NODE;

	while (++*idx < (int)type->cnt) {
		r = &type->regions[*idx];
		r_nid = memblock_get_region_node(r);

		if (PFN_UP(r->base) >= PFN_DOWN(r->base + r->size))
			continue;
		if (nid == MAX_NUMNODES || nid == r_nid)
			break;
	}
	if (*idx >= (int)type->cnt) {
		*idx = -1;
		return;
	}

	if (out_start_pfn)
		*out_start_pfn = PFN_UP(r->base);
	if (out_end_pfn)
		*out_end_pfn = PFN_DOWN(r->base + r->size);
	if (out_nid)
		*out_nid = r_nid;
}

/* Finds and reserves; 0 when nothing fits or the reservation fails. */
static phys_addr_t __init memblock_find_reserve(phys_addr_t size, phys_addr_t align,
						phys_addr_t start, phys_addr_t end,
						int nid)
{
	phys_addr_t found;

	found = memblock_find_in_range_node(size, align, start, end, nid,
					    MEMBLOCK_NONE);
	if (found && !memblock_reserve(found, size))
		return found;
	return 0;
}

/**
 * memblock_alloc_range_nid - allocate and reserve a block
 * @size: bytes wanted
 * @align: alignment; 0 warns and means SMP_CACHE_BYTES
 * @start: lowest acceptable address
 * @end: end of the acceptable range; MEMBLOCK_ALLOC_ACCESSIBLE for current_limit
 * @nid: preferred node, NUMA_NO_NODE for any
 * @exact_nid: when true never fall back to other nodes
 *
 * Return: physical address of the reserved block, 0 on failure.
 */
phys_addr_t __init memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
					    phys_addr_t start, phys_addr_t end,
					    int nid, bool exact_nid)
{
	phys_addr_t found;

	if (WARN_ON_ONCE(nid == MAX_NUMNODES))
		nid = NUMA_NO_NODE;

	if (WARN_ON_ONCE(!align))
		align = SMP_CACHE_BYTES;

	found = memblock_find_reserve(size, align, start, end, nid);
	if (!found && nid != NUMA_NO_NODE && !exact_nid)
		found = memblock_find_reserve(size, align, start, end,
					      NUMA_NO_NODE);
	return found;
}

/**
 * memblock_phys_alloc_range - allocate a block inside [start, end)
 * @size: bytes wanted
 * @align: alignment of the start
 * @start: lowest acceptable address
 * @end: end of the acceptable range; MEMBLOCK_ALLOC_ACCESSIBLE for current_limit
 *
 * Return: physical address of the reserved block, 0 on failure.
 */
phys_addr_t __init memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
					     phys_addr_t start, phys_addr_t end)
{
	memblock_dbg("%s: %llu bytes align=0x%llx from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size, (unsigned long long)align, &start, &end,
		     (void *)_RET_IP_);
	return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE,
					false);
}

/**
 * memblock_phys_alloc_try_nid - allocate a block, preferably on a node
 * @size: bytes wanted
 * @align: alignment of the start
 * @nid: preferred node, NUMA_NO_NODE for any; other nodes are tried when it is full
 *
 * Return: physical address of the reserved block below current_limit, 0 on failure.
 */
phys_addr_t __init memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					       int nid)
{
	return memblock_alloc_range_nid(size, align, 0,
					MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

/*
 * The common part of the virtual allocators: clamps @max_addr to current_limit, and
 * drops @min_addr when nothing fits above it. Returns the block's virtual address.
 */
static void * __init memblock_alloc_internal(phys_addr_t size, phys_addr_t align,
					     phys_addr_t min_addr,
					     phys_addr_t max_addr,
					     int nid, bool exact_nid)
{
	phys_addr_t alloc;

	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;

	alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid,
					 exact_nid);
	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr, nid,
						 exact_nid);
	if (!alloc)
		return NULL;
	return phys_to_virt(alloc);
}

/**
 * memblock_alloc_exact_nid_raw - allocate on exactly one node, not zeroed
 * @size: bytes wanted
 * @align: alignment of the start
 * @min_addr: preferred lowest address (dropped when nothing fits above it)
 * @max_addr: end of the acceptable range; MEMBLOCK_ALLOC_ACCESSIBLE for current_limit
 * @nid: the node, NUMA_NO_NODE for any
 *
 * Return: virtual address of the block, NULL on failure.
 */
void * __init memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
					   phys_addr_t min_addr,
					   phys_addr_t max_addr, int nid)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size, (unsigned long long)align, nid, &min_addr,
		     &max_addr, (void *)_RET_IP_);

	return memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				       true);
}

/**
 * memblock_alloc_try_nid_raw - allocate, preferably on a node, not zeroed
 * @size: bytes wanted
 * @align: alignment of the start
 * @min_addr: preferred lowest address (dropped when nothing fits above it)
 * @max_addr: end of the acceptable range; MEMBLOCK_ALLOC_ACCESSIBLE for current_limit
 * @nid: preferred node, NUMA_NO_NODE for any; other nodes are tried when it is full
 *
 * Return: virtual address of the block, NULL on failure.
 */
void * __init memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
					 phys_addr_t min_addr,
					 phys_addr_t max_addr, int nid)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size, (unsigned long long)align, nid, &min_addr,
		     &max_addr, (void *)_RET_IP_);

	return memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				       false);
}

/**
 * memblock_alloc_try_nid - allocate zeroed memory, preferably on a node
 * @size: bytes wanted
 * @align: alignment of the start
 * @min_addr: preferred lowest address (dropped when nothing fits above it)
 * @max_addr: end of the acceptable range; MEMBLOCK_ALLOC_ACCESSIBLE for current_limit
 * @nid: preferred node, NUMA_NO_NODE for any; other nodes are tried when it is full
 *
 * Return: virtual address of the zeroed block, NULL on failure.
 */
void * __init memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				     phys_addr_t min_addr, phys_addr_t max_addr,
				     int nid)
{
	void *ptr;

	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size, (unsigned long long)align, nid, &min_addr,
		     &max_addr, (void *)_RET_IP_);

	ptr = memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				      false);
	if (ptr)
		memset(ptr, 0, size);
	return ptr;
}

/* Bytes of memory. */
phys_addr_t __init_memblock memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

/* Bytes reserved. */
phys_addr_t __init_memblock memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/* The lowest memory address (0 when there is no memory). */
phys_addr_t __init_memblock memblock_start_of_DRAM(void)
{
	return memblock.memory.regions[0].base;
}

/* The end of the highest memory region (0 when there is no memory). */
phys_addr_t __init_memblock memblock_end_of_DRAM(void)
{
	unsigned long idx = memblock.memory.cnt - 1;

	return memblock.memory.regions[idx].base + memblock.memory.regions[idx].size;
}

/* The address below which memory adds up to @limit bytes; PHYS_ADDR_MAX if never. */
static phys_addr_t __init_memblock __find_max_addr(phys_addr_t limit)
{
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (limit <= r->size)
			return r->base + limit;
		limit -= r->size;
	}
	return PHYS_ADDR_MAX;
}

/**
 * memblock_enforce_memory_limit - keep only the lowest @limit bytes of memory
 * @limit: bytes to keep; 0 does nothing
 *
 * Memory and reservations above the cut are dropped, nomap regions included.
 */
void __init memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;

	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;

	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/**
 * memblock_cap_memory_range - keep only the memory in [base, base + size)
 * @base: start of the range kept
 * @size: its size; 0 does nothing
 *
 * Nomap regions outside the range are kept (they describe firmware tables); other
 * memory and all reservations outside it are dropped.
 */
void __init memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i;

	if (!size)
		return;

	if (!memblock.memory.total_size) {
		pr_warn("%s: No memory registered yet\n", __func__);
		return;
	}

	if (memblock_isolate_range(&memblock.memory, base, size,
				   &start_rgn, &end_rgn))
		return;

	for (i = memblock.memory.cnt - 1; i >= end_rgn; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory, i);

	for (i = start_rgn - 1; i >= 0; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i]))
			memblock_remove_region(&memblock.memory, i);

	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
}

/**
 * memblock_mem_limit_remove_map - mem=: keep the lowest @limit bytes of memory
 * @limit: bytes to keep; 0 does nothing
 *
 * As memblock_enforce_memory_limit, but nomap regions above the cut stay.
 */
void __init memblock_mem_limit_remove_map(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;

	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;

	memblock_cap_memory_range(0, max_addr);
}

/* Index of the region of @type holding @addr (binary search), or -1. */
static int __init_memblock memblock_search(struct memblock_type *type, phys_addr_t addr)
{
	unsigned int left = 0, right = type->cnt;

	do {
		unsigned int mid = (right + left) / 2;

		if (addr < type->regions[mid].base)
			right = mid;
		else if (addr >= type->regions[mid].base + type->regions[mid].size)
			left = mid + 1;
		else
			return mid;
	} while (left < right);
	return -1;
}

/* Whether @addr is reserved. */
bool __init_memblock memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

/* Whether @addr is memory. */
bool __init_memblock memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

/* Whether @addr is memory in the linear map (memory, not nomap). */
bool __init_memblock memblock_is_map_memory(phys_addr_t addr)
{
	int i = memblock_search(&memblock.memory, addr);

	if (i == -1)
		return false;
	return !memblock_is_nomap(&memblock.memory.regions[i]);
}

/**
 * memblock_search_pfn_nid - find the memory region holding a pfn
 * @pfn: the page frame number
 * @start_pfn: gets the region's first whole pfn
 * @end_pfn: gets the pfn after its last whole one
 *
 * Return: the region's node, -1 when @pfn is not memory.
 */
int __init_memblock memblock_search_pfn_nid(unsigned long pfn,
					    unsigned long *start_pfn,
					    unsigned long *end_pfn)
{
	struct memblock_type *type = &memblock.memory;
	int mid = memblock_search(type, PFN_PHYS(pfn));

	if (mid == -1)
		return -1;

	*start_pfn = PFN_DOWN(type->regions[mid].base);
	*end_pfn = PFN_DOWN(type->regions[mid].base + type->regions[mid].size);
	return memblock_get_region_node(&type->regions[mid]);
}

/**
 * memblock_is_region_memory - whether a range lies inside one memory region
 * @base: start of the range
 * @size: its size
 *
 * Return: true when [@base, @base + @size) is inside a single memory region.
 */
bool __init_memblock memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	int idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);

	if (idx == -1)
		return false;
	return memblock.memory.regions[idx].base +
	       memblock.memory.regions[idx].size >= end;
}

/**
 * memblock_is_region_reserved - whether a range touches a reservation
 * @base: start of the range
 * @size: its size
 *
 * Return: true when some reserved region intersects [@base, @base + @size).
 */
bool __init_memblock memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

/**
 * memblock_trim_memory - shrink each memory region to whole multiples of @align
 * @align: the granule, a power of two
 *
 * Regions holding no whole granule are removed.
 */
void __init_memblock memblock_trim_memory(phys_addr_t align)
{
	phys_addr_t start, end, orig_start, orig_end;
	struct memblock_region *r;

	for_each_mem_region(r) {
		orig_start = r->base;
		orig_end = r->base + r->size;
		start = round_up(orig_start, align);
		end = round_down(orig_end, align);

		if (start == orig_start && end == orig_end)
			continue;

		if (start < end) {
			r->base = start;
			r->size = end - start;
			memblock.memory.total_size -= orig_end - orig_start - r->size;
		} else {
			memblock_remove_region(&memblock.memory,
					       r - memblock.memory.regions);
			r--;
		}
	}
}

/* Sets the end of MEMBLOCK_ALLOC_ACCESSIBLE allocations (physical address). */
void __init_memblock memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

/* The end of MEMBLOCK_ALLOC_ACCESSIBLE allocations. */
phys_addr_t __init_memblock memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

static void __init_memblock memblock_dump(struct memblock_type *type)
{
	phys_addr_t base, end, size;
	enum memblock_flags flags;
	struct memblock_region *rgn;
	unsigned long idx;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);

	for_each_memblock_type(idx, type, rgn) {
		char nid_buf[32] = "";

		base = rgn->base;
		size = rgn->size;
		end = base + size - 1;
		flags = rgn->flags;
		if (memblock_get_region_node(rgn) != MAX_NUMNODES)
			snprintf(nid_buf, sizeof(nid_buf), " on node %d",
				 memblock_get_region_node(rgn));
		pr_info(" %s[%#x]\t[%pa-%pa], %pa bytes%s flags: %#x\n",
			type->name, (unsigned int)idx, &base, &end, &size,
			nid_buf, flags);
	}
}

/* Prints both arrays, whatever memblock=debug says. */
void __init_memblock __memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %pa reserved size = %pa\n",
		&memblock.memory.total_size,
		&memblock.reserved.total_size);

	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}

/* Prints both arrays when booted with memblock=debug. */
void __init_memblock memblock_dump_all(void)
{
	if (memblock_debug)
		__memblock_dump_all();
}

/*
 * Lets full region arrays grow into memory allocated from memblock. Call it once the
 * regions that must not be allocated from (image, device tree, initrd) are reserved.
 */
void __init memblock_allow_resize(void)
{
	memblock_can_resize = 1;
}

/* memblock=debug */
static int __init early_memblock(char *p)
{
	if (p && strstr(p, "debug"))
		memblock_debug = 1;
	return 0;
}
early_param("memblock", early_memblock);

/* ---- the hand-over to the page allocator ---- */

static void __init memmap_init_reserved_pages(void)
{
	struct memblock_region *region;
	phys_addr_t start, end;
	u64 i;

	for_each_reserved_mem_range(i, &start, &end)
		reserve_bootmem_region(start, end);
	/* Pages of nomap regions are not in the linear map: reserved too. */
	for_each_mem_region(region) {
		if (memblock_is_nomap(region))
			reserve_bootmem_region(region->base, region->base + region->size);
	}
}

/*
 * Frees [start, end) (pfns) to the buddy in the largest naturally aligned blocks. pfn 0
 * is aligned to every order, and __ffs(0) is undefined: it starts a max-order block.
 */
static void __init __free_pages_memory(unsigned long start, unsigned long end)
{
	while (start < end) {
		int order = MAX_ORDER - 1;

		if (start)
			order = min_t(int, MAX_ORDER - 1, __ffs(start));

		while (start + (1UL << order) > end)
			order--;
		memblock_free_pages(pfn_to_page(start), start, order);
		start += 1UL << order;
	}
}

static unsigned long __init __free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn = min_t(unsigned long, PFN_DOWN(end), max_low_pfn);

	if (start_pfn >= end_pfn)
		return 0;
	__free_pages_memory(start_pfn, end_pfn);
	return end_pfn - start_pfn;
}

static void __init reset_node_managed_pages(pg_data_t *pgdat)
{
	for (int i = 0; i < MAX_NR_ZONES; i++)
		pgdat->node_zones[i].managed_pages = 0;
}

/* Zeroes managed_pages: memblock_free_all counts the pages it really frees. */
static void __init reset_all_zones_managed_pages(void)
{
	struct pglist_data *pgdat;

	for_each_online_pgdat(pgdat)
		reset_node_managed_pages(pgdat);
}

/* Marks reserved pages, frees the rest to the buddy; the number of pages freed. */
static unsigned long __init free_low_memory_core_early(void)
{
	unsigned long count = 0;
	phys_addr_t start, end;
	u64 i;

	memblock_clear_hotplug(0, -1);
	memmap_init_reserved_pages();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		count += __free_memory_core(start, end);
	return count;
}

/**
 * memblock_free_all - release free pages to the buddy allocator
 *
 * Marks the reserved regions' pages PageReserved and gives every free range to the
 * buddy; the zones' managed_pages and totalram_pages then count exactly those pages.
 * Context: boot, from mem_init, after free_area_init. memblock stays usable for
 * queries (arm64 keeps it), but allocating from it afterwards would hand out pages
 * the buddy owns.
 */
void __init memblock_free_all(void)
{
	unsigned long pages;

	reset_all_zones_managed_pages();
	pages = free_low_memory_core_early();
	totalram_pages_add(pages);
}
