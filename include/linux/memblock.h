/*
 * memblock: the boot-time memory map and allocator, used before the page allocator is up.
 * Two sorted region arrays, memory (what RAM exists) and reserved (what is in use); the
 * free memory is memory minus reserved. See the overview at the top of mm/memblock.c.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/numa.h>
#include <asm/memory.h>

/* Until linux/limits.h, linux/mm.h and linux/cache.h exist, the names memblock users need. */
#ifndef ULLONG_MAX
#define ULLONG_MAX		(~0ULL)
#endif
#ifndef PHYS_ADDR_MAX
#define PHYS_ADDR_MAX		(~(phys_addr_t)0)
#endif
#ifndef PAGE_ALIGN
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#endif
#ifndef SMP_CACHE_BYTES
#define SMP_CACHE_BYTES		64	/* arm64 L1_CACHE_BYTES */
#endif

/* The highest pfn below the low-memory limit, the lowest pfn, the highest pfn of RAM. */
extern unsigned long max_low_pfn;
extern unsigned long min_low_pfn;
extern unsigned long max_pfn;
/* The highest pfn that may ever be present (hotplug included). */
extern unsigned long long max_possible_pfn;

/**
 * enum memblock_flags - attributes of a memory region
 * @MEMBLOCK_NONE: plain memory
 * @MEMBLOCK_HOTPLUG: the firmware says this memory may be hot-removed later
 * @MEMBLOCK_MIRROR: mirrored memory
 * @MEMBLOCK_NOMAP: not in the linear map; allocations skip it, the memory map marks
 *	its pages reserved
 * @MEMBLOCK_DRIVER_MANAGED: added by a driver, never described as RAM by firmware
 */
enum memblock_flags {
	MEMBLOCK_NONE		= 0x0,
	MEMBLOCK_HOTPLUG	= 0x1,
	MEMBLOCK_MIRROR		= 0x2,
	MEMBLOCK_NOMAP		= 0x4,
	MEMBLOCK_DRIVER_MANAGED	= 0x8,
};

/**
 * struct memblock_region - one contiguous range of physical memory
 * @base: first byte (physical address)
 * @size: length in bytes
 * @flags: attributes (enum memblock_flags)
 * @nid: NUMA node id; MAX_NUMNODES when no node was given
 */
struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid;
};

/**
 * struct memblock_type - a sorted array of non-overlapping regions
 * @cnt: regions in use; never 0 (an empty type holds one empty region)
 * @max: capacity of @regions, in regions
 * @total_size: sum of the region sizes, in bytes
 * @regions: the array (a static one at boot, later possibly one allocated from memblock)
 * @name: "memory" or "reserved", for the dump
 */
struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	char *name;
};

/**
 * struct memblock - the memblock allocator's state (one instance, boot cpu only)
 * @bottom_up: allocate from low addresses up instead of from the top down
 * @current_limit: allocations asking for MEMBLOCK_ALLOC_ACCESSIBLE stay below this
 * @memory: the RAM present
 * @reserved: the RAM in use (kernel image, device tree, initrd, memblock allocations)
 */
struct memblock {
	bool bottom_up;
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* arm64 keeps memblock after boot (pfn_valid asks it), as CONFIG_ARCH_KEEP_MEMBLOCK does. */
#define __init_memblock
#define __initdata_memblock
static inline void memblock_discard(void) {}

void memblock_allow_resize(void);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
		      enum memblock_flags flags);
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
void memblock_free(void *ptr, size_t size);
void memblock_trim_memory(phys_addr_t align);
unsigned long memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1,
				     phys_addr_t base2, phys_addr_t size2);
bool memblock_overlaps_region(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size);
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid);

/* Low-level walkers behind the for_each_* iterators below. */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

/**
 * __for_each_mem_range - walk the areas of @type_a not in @type_b (all of @type_a when
 *	@type_b is NULL), in ascending order
 * @i: u64 loop cursor
 * @type_a: the type walked
 * @type_b: the type cut out, or NULL
 * @nid: only regions of this node, or NUMA_NO_NODE for all
 * @flags: MEMBLOCK_NOMAP to include nomap regions, MEMBLOCK_MIRROR for mirrored only
 * @p_start: gets each area's start, may be NULL
 * @p_end: gets each area's end (exclusive), may be NULL
 * @p_nid: gets each area's node, may be NULL
 */
#define __for_each_mem_range(i, type_a, type_b, nid, flags,		\
			     p_start, p_end, p_nid)			\
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b,	\
				     p_start, p_end, p_nid);		\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range(&i, nid, flags, type_a, type_b,		\
			      p_start, p_end, p_nid))

/* The same walk in descending order. */
#define __for_each_mem_range_rev(i, type_a, type_b, nid, flags,		\
				 p_start, p_end, p_nid)			\
	for (i = (u64)ULLONG_MAX,					\
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b,	\
				  p_start, p_end, p_nid);		\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b,	\
				  p_start, p_end, p_nid))

/* Every memory region (nomap ones excluded), ascending; @i is a u64 cursor. */
#define for_each_mem_range(i, p_start, p_end)				\
	__for_each_mem_range(i, &memblock.memory, NULL, NUMA_NO_NODE,	\
			     MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED,	\
			     p_start, p_end, NULL)

/* Every memory region (nomap ones excluded), descending. */
#define for_each_mem_range_rev(i, p_start, p_end)			\
	__for_each_mem_range_rev(i, &memblock.memory, NULL, NUMA_NO_NODE, \
				 MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED, \
				 p_start, p_end, NULL)

/* Every reserved region, ascending. */
#define for_each_reserved_mem_range(i, p_start, p_end)			\
	__for_each_mem_range(i, &memblock.reserved, NULL, NUMA_NO_NODE,	\
			     MEMBLOCK_NONE, p_start, p_end, NULL)

/*
 * Every free area (memory and not reserved) of node @nid, ascending: what
 * memblock_free_all hands to the page allocator.
 */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)	\
	__for_each_mem_range(i, &memblock.memory, &memblock.reserved,	\
			     nid, flags, p_start, p_end, p_nid)

/* Every free area of node @nid, descending. */
#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end,	\
					p_nid)				\
	__for_each_mem_range_rev(i, &memblock.memory, &memblock.reserved, \
				 nid, flags, p_start, p_end, p_nid)

/**
 * for_each_mem_pfn_range - walk the memory regions as whole-page pfn ranges
 * @i: int loop cursor
 * @nid: only regions of this node, or MAX_NUMNODES for all
 * @p_start: gets the first pfn, may be NULL
 * @p_end: gets the pfn after the last, may be NULL
 * @p_nid: gets the node, may be NULL
 *
 * Regions holding no whole page are skipped.
 */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)		\
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid); \
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

/* Every memory region, as a struct memblock_region pointer. */
#define for_each_mem_region(region)					\
	for (region = memblock.memory.regions;				\
	     region < memblock.memory.regions + memblock.memory.cnt;	\
	     region++)

/* Every reserved region, as a struct memblock_region pointer. */
#define for_each_reserved_mem_region(region)				\
	for (region = memblock.reserved.regions;			\
	     region < memblock.reserved.regions + memblock.reserved.cnt; \
	     region++)

static inline bool memblock_is_hotpluggable(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_HOTPLUG;
}

static inline bool memblock_is_mirror(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_MIRROR;
}

static inline bool memblock_is_nomap(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

static inline bool memblock_is_driver_managed(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_DRIVER_MANAGED;
}

static inline void memblock_set_region_node(struct memblock_region *r, int nid)
{
	r->nid = nid;
}

static inline int memblock_get_region_node(const struct memblock_region *r)
{
	return r->nid;
}

int memblock_search_pfn_nid(unsigned long pfn, unsigned long *start_pfn,
			    unsigned long *end_pfn);

/* Limits for the allocation API's end/max_addr argument. */
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE	0	/* below memblock.current_limit */
#define MEMBLOCK_ALLOC_NOLEAKTRACE	1	/* the same, kept for Linux callers */

/* Lowest address an allocation may start at: top-down never gets near it. */
#define MEMBLOCK_LOW_LIMIT		0

/* memblock_alloc_low stays below this; arm64 sets it to the DMA limit. */
#ifndef ARCH_LOW_ADDRESS_LIMIT
#define ARCH_LOW_ADDRESS_LIMIT		0xffffffffUL
#endif

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
				     phys_addr_t start, phys_addr_t end,
				     int nid, bool exact_nid);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid);

/* Physical address of @size bytes below memblock.current_limit, reserved; 0 on failure. */
static __always_inline phys_addr_t memblock_phys_alloc(phys_addr_t size,
						       phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE);
}

void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid);
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid);
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid);

/* Zeroed memory below memblock.current_limit, any node; NULL on failure. */
static __always_inline void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/* As memblock_alloc, not zeroed. */
static inline void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_raw(size, align, MEMBLOCK_LOW_LIMIT,
					  MEMBLOCK_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
}

/* As memblock_alloc, preferably at or above @min_addr. */
static inline void *memblock_alloc_from(phys_addr_t size, phys_addr_t align,
					phys_addr_t min_addr)
{
	return memblock_alloc_try_nid(size, align, min_addr,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/* As memblock_alloc, below ARCH_LOW_ADDRESS_LIMIT. */
static inline void *memblock_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      ARCH_LOW_ADDRESS_LIMIT, NUMA_NO_NODE);
}

/* As memblock_alloc, preferably on node @nid. */
static inline void *memblock_alloc_node(phys_addr_t size, phys_addr_t align,
					int nid)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, nid);
}

/* Allocate from low addresses up (true) or from the top down (false, the default). */
static inline void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

static inline bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
void memblock_enforce_memory_limit(phys_addr_t memory_limit);
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
void memblock_mem_limit_remove_map(phys_addr_t limit);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/* Every free page to the buddy allocator, the reserved ones PageReserved (mem_init). */
void memblock_free_all(void);
void memblock_dump_all(void);
void __memblock_dump_all(void);

void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/*
 * pfn bounds of a region: memory regions should be page aligned, reserved ones need
 * not be, so memory rounds inwards and reserved outwards.
 */
static inline unsigned long
memblock_region_memory_base_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base);
}

static inline unsigned long
memblock_region_memory_end_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base + reg->size);
}

static inline unsigned long
memblock_region_reserved_base_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base);
}

static inline unsigned long
memblock_region_reserved_end_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base + reg->size);
}

/* A zeroed boot-time hash table from vmalloc, reported as Linux reports it (mm/system_hash.c). */
void *alloc_large_system_hash(const char *tablename, unsigned long bucketsize,
			      unsigned long numentries, int scale, int flags,
			      unsigned int *_hash_shift, unsigned int *_hash_mask,
			      unsigned long low_limit, unsigned long high_limit);

#endif
