/*
 * Nodes and zones: how physical memory is divided for the page allocator.
 *
 * Data structures (Linux 6.1's mmzone.h, same names):
 *  - pg_data_t (struct pglist_data), one per NUMA node, NODE_DATA(nid): the node's pfn
 *    span, its zones, and its zonelists (the order in which an allocation that prefers
 *    this node tries the zones of all nodes).
 *  - struct zone, MAX_NR_ZONES per node (DMA, DMA32, NORMAL, MOVABLE): a pfn range of one
 *    node with its own buddy free lists (free_area[order].free_list[migratetype]),
 *    watermarks, per-cpu page lists and counters.
 *  - struct free_area: per order, one list per migratetype of free blocks of 2^order
 *    pages; each listed page is PageBuddy with page->private == order.
 *  - pageblocks: 2^pageblock_order pages sharing one migratetype in the zone's
 *    pageblock_flags bitmap; freed pages return to their block's type's list.
 *  - struct per_cpu_pages: small per-cpu caches of order <= PAGE_ALLOC_COSTLY_ORDER
 *    blocks in front of the buddy, so most allocations skip the zone lock.
 *
 * Invariants: a zone's free pages (NR_FREE_PAGES) are exactly the pages in its free_area
 * lists; a block of order o on a list starts at a pfn aligned to 2^o and lies in the
 * zone; buddies of the same order that are both free are always merged (except across
 * pageblocks of types that must not mix); pcp pages count as allocated for NR_FREE_PAGES.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/numa.h>
#include <linux/nodemask.h>
#include <linux/arch_numa.h>
#include <linux/percpu-defs.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/pageblock-flags.h>
#include <asm/memory.h>
#include <asm/smp.h>

/* Orders 0..MAX_ORDER-1: the largest buddy block is 2^10 pages, 4 MiB (6.1 semantics). */
#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

/* Orders above this are "costly": not cached per cpu, not retried hard. */
#define PAGE_ALLOC_COSTLY_ORDER	3

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the pcp lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,	/* can't allocate from here */
	MIGRATE_TYPES
};

/*
 * The types /proc/pagetypeinfo prints: Linux's reference build has no
 * CONFIG_MEMORY_ISOLATION, so its files stop before Isolate; ours do the same.
 */
#define MIGRATE_PRINT_TYPES	MIGRATE_ISOLATE

extern const char * const migratetype_names[MIGRATE_TYPES];

static inline bool is_migrate_isolate(int mt)
{
	return mt == MIGRATE_ISOLATE;
}

static inline bool is_migrate_highatomic(int mt)
{
	return mt == MIGRATE_HIGHATOMIC;
}

/* Types whose free blocks may merge across pageblocks (6.1's migratetype_is_mergeable). */
static inline bool migratetype_is_mergeable(int mt)
{
	return mt < MIGRATE_PCPTYPES;
}

#define for_each_migratetype_order(order, type)				\
	for (order = 0; order < MAX_ORDER; order++)			\
		for (type = 0; type < MIGRATE_TYPES; type++)

/* Free blocks of one order: one list per migratetype; nr_free counts blocks. */
struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;
};

static inline bool free_area_empty(struct free_area *area, int migratetype)
{
	return list_empty(&area->free_list[migratetype]);
}

enum zone_type {
	ZONE_DMA,	/* below arm64_dma_phys_limit (4 GiB here) */
	ZONE_DMA32,	/* empty on arm64 when DMA reaches 4 GiB */
	ZONE_NORMAL,
	ZONE_MOVABLE,	/* only movable pages: kernelcore= / movablecore= */
	__MAX_NR_ZONES
};
#define MAX_NR_ZONES	__MAX_NR_ZONES
#define ZONES_SHIFT	2

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,
	NR_WMARK
};

/* Counters per zone (vmstat.h prints them with Linux's names). */
enum zone_stat_item {
	NR_FREE_PAGES,		/* pages in the free_area lists */
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_BOUNCE,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

/* NUMA allocation events per zone: did the allocation land on the preferred node. */
enum numa_stat_item {
	NUMA_HIT,		/* on the preferred node */
	NUMA_MISS,		/* here although another node was preferred */
	NUMA_FOREIGN,		/* preferred here, but served elsewhere */
	NUMA_INTERLEAVE_HIT,
	NUMA_LOCAL,		/* on the node of the allocating cpu */
	NUMA_OTHER,
	NR_VM_NUMA_EVENT_ITEMS
};

/* Counters per node; nothing updates most of them until the LRU and slab exist. */
enum node_stat_item {
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_SLAB_RECLAIMABLE_B,
	NR_SLAB_UNRECLAIMABLE_B,
	NR_ISOLATED_ANON,
	NR_ISOLATED_FILE,
	WORKINGSET_NODES,
	WORKINGSET_REFAULT_ANON,
	WORKINGSET_REFAULT_FILE,
	WORKINGSET_ACTIVATE_ANON,
	WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_RESTORE_ANON,
	WORKINGSET_RESTORE_FILE,
	WORKINGSET_NODERECLAIM,
	NR_ANON_MAPPED,
	NR_FILE_MAPPED,
	NR_FILE_PAGES,
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_WRITEBACK_TEMP,
	NR_SHMEM,
	NR_SHMEM_THPS,
	NR_SHMEM_PMDMAPPED,
	NR_FILE_THPS,
	NR_FILE_PMDMAPPED,
	NR_ANON_THPS,
	NR_VMSCAN_WRITE,
	NR_VMSCAN_IMMEDIATE,
	NR_DIRTIED,
	NR_WRITTEN,
	NR_THROTTLED_WRITTEN,
	NR_KERNEL_MISC_RECLAIMABLE,
	NR_FOLL_PIN_ACQUIRED,
	NR_FOLL_PIN_RELEASED,
	NR_KERNEL_STACK_KB,
	NR_PAGETABLE,
	NR_SECONDARY_PAGETABLE,
	NR_SWAPCACHE,
	NR_VM_NODE_STAT_ITEMS
};

/*
 * pcp lists: one per migratetype for each order 0..PAGE_ALLOC_COSTLY_ORDER. Linux adds
 * lists for THP-sized (pageblock order) pages; we have no THP yet, so NR_PCP_THP is 0.
 */
#define NR_PCP_THP		0
#define NR_LOWORDER_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_LISTS		(NR_LOWORDER_PCP_LISTS + NR_PCP_THP)

/**
 * struct per_cpu_pages - one cpu's cache of free blocks of one zone
 * @lock: protects every field below. Taken by the owning cpu with interrupts off
 *	(spin_lock_irqsave) and by drain_all_pages for another cpu, as 6.1 does, so
 *	a remote drain needs no IPI. Nested inside nothing; zone->lock nests inside it.
 * @count: pages (not blocks) on all the lists
 * @high: when @count reaches this, a free gives @batch pages back to the buddy
 * @batch: pages moved between the buddy and the lists at a time
 * @free_factor: grows while frees outnumber allocations, so a burst of frees gives
 *	back up to high - batch pages at once; allocations halve it (6.1)
 * @lists: free blocks by order_to_pindex(migratetype, order); pages linked by pcp_list,
 *	the migratetype in page->index
 */
struct per_cpu_pages {
	spinlock_t lock;
	int count;
	int high;
	int batch;
	short free_factor;	/* frees in a row: each doubles the pages given back */
	struct list_head lists[NR_PCP_LISTS];
};

/*
 * A cpu's share of a zone's counters (Linux's per_cpu_zonestat). vm_stat_diff[] holds
 * this cpu's updates not yet in zone->vm_stat: one goes over only when it passes
 * stat_threshold either way, so the shared cache line is written once per threshold
 * updates rather than on every one; vm_numa_event[] counts this cpu's NUMA events, added
 * to the zone's by fold_vm_numa_events. Written only by the owning cpu with interrupts
 * off (or by this_cpu ops); other cpus read it to sum or to fold a cpu that is stopped.
 */
struct per_cpu_zonestat {
	s8 vm_stat_diff[NR_VM_ZONE_STAT_ITEMS];
	s8 stat_threshold;
	unsigned long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];
};

/* The same for a node's counters (pgdat->per_cpu_nodestats). */
struct per_cpu_nodestat {
	s8 stat_threshold;
	s8 vm_node_stat_diff[NR_VM_NODE_STAT_ITEMS];
};

struct pglist_data;

/**
 * struct zone - a pfn range of one node managed by one buddy allocator
 *
 * Read without a lock (set at boot or written with WRITE_ONCE): @_watermark,
 * @watermark_boost, @lowmem_reserve, @zone_pgdat, @zone_start_pfn, @spanned_pages,
 * @present_pages, @name, @node. @managed_pages and @vm_stat are atomic counters.
 * @lock covers @free_area (every list and nr_free), the pageblock migratetypes
 * (@pageblock_flags writes) and @nr_reserved_highatomic.
 * @per_cpu_pageset, @per_cpu_zonestats: each cpu's pcp lists (each with its own lock)
 *	and counter diffs: the boot ones every zone shares (high 0, threshold 0) until
 *	setup_per_cpu_pageset gives each populated zone its own with alloc_percpu.
 */
struct zone {
	unsigned long _watermark[NR_WMARK];	/* pages */
	unsigned long watermark_boost;		/* pages, always 0 (no boosting yet) */
	unsigned long nr_reserved_highatomic;	/* pages in MIGRATE_HIGHATOMIC blocks */
	/* Pages kept back from allocations that could use a higher zone, by that zone. */
	long lowmem_reserve[MAX_NR_ZONES];
	/*
	 * Below this many free pages (by zone_page_state) the cpus' unfolded diffs could
	 * hide a breach of the min watermark: watermark checks then take the snapshot.
	 * 0 when the low-min gap covers the largest drift. Set with the thresholds.
	 */
	unsigned long percpu_drift_mark;
	int node;
	struct pglist_data *zone_pgdat;
	struct per_cpu_pages __percpu *per_cpu_pageset;
	struct per_cpu_zonestat __percpu *per_cpu_zonestats;
	int pageset_high;			/* the pcp high and batch every cpu gets */
	int pageset_batch;
	/* NR_PAGEBLOCK_BITS per pageblock, from round_down(zone_start_pfn, pageblock). */
	unsigned long *pageblock_flags;
	unsigned long zone_start_pfn;
	long managed_pages;	/* atomic: pages given to the buddy (present - reserved) */
	unsigned long spanned_pages;	/* zone_end_pfn - zone_start_pfn, holes included */
	unsigned long present_pages;	/* pages of memory in the span */
	const char *name;
	bool initialized;
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];		/* atomic */
	long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];	/* atomic */
};

static inline unsigned long zone_managed_pages(struct zone *zone)
{
	return (unsigned long)__atomic_load_n(&zone->managed_pages, __ATOMIC_RELAXED);
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool zone_is_initialized(struct zone *zone)
{
	return zone->initialized;
}

static inline bool zone_is_empty(struct zone *zone)
{
	return zone->spanned_pages == 0;
}

/* A zone with memory in it. */
static inline bool populated_zone(struct zone *zone)
{
	return zone->present_pages;
}

/* A zone the buddy allocator has pages of. */
static inline bool managed_zone(struct zone *zone)
{
	return zone_managed_pages(zone);
}

static inline int zone_to_nid(struct zone *zone)
{
	return zone->node;
}

static inline unsigned long wmark_pages(const struct zone *z, enum zone_watermarks i)
{
	return z->_watermark[i] + z->watermark_boost;
}

#define min_wmark_pages(z)	wmark_pages(z, WMARK_MIN)
#define low_wmark_pages(z)	wmark_pages(z, WMARK_LOW)
#define high_wmark_pages(z)	wmark_pages(z, WMARK_HIGH)

bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages);
/* The same against the exact free count (per-cpu drift folded in): kswapd's check. */
bool zone_watermark_ok_safe(struct zone *z, unsigned int order, unsigned long mark,
			    int highest_zoneidx);

/* Zonelists: the fallback one (all nodes by distance) and the __GFP_THISNODE one. */
enum {
	ZONELIST_FALLBACK,
	ZONELIST_NOFALLBACK,
	MAX_ZONELISTS
};

#define MAX_ZONES_PER_ZONELIST	(MAX_NUMNODES * MAX_NR_ZONES)

/* One entry of a zonelist: the zone and its index (zone_idx) cached. */
struct zoneref {
	struct zone *zone;
	int zone_idx;
};

/* Zones in the order an allocation tries them, ended by an entry with zone NULL. */
struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];
};

/**
 * typedef pg_data_t - one NUMA node's memory (struct pglist_data)
 * Written at boot by free_area_init and build_all_zonelists, read-only afterwards
 * (zonelists are rebuilt only with all cpus stopped, never yet).
 */
/*
 * The LRU lists of a node (Linux's lruvec without memory cgroups): user pages by kind,
 * inactive ones first to go. LRU_ACTIVE and LRU_FILE are the offsets that make the
 * other lists from LRU_INACTIVE_ANON, as Linux's enum lru_list.
 */
#define LRU_BASE	0
#define LRU_ACTIVE	1
#define LRU_FILE	2

enum lru_list {
	LRU_INACTIVE_ANON = LRU_BASE,
	LRU_ACTIVE_ANON = LRU_BASE + LRU_ACTIVE,
	LRU_INACTIVE_FILE = LRU_BASE + LRU_FILE,
	LRU_ACTIVE_FILE = LRU_BASE + LRU_FILE + LRU_ACTIVE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

#define for_each_lru(lru)	for (lru = 0; lru < NR_LRU_LISTS; lru++)
#define for_each_evictable_lru(lru)	for (lru = 0; lru <= LRU_ACTIVE_FILE; lru++)

/*
 * struct lruvec - a node's LRU lists
 * @lists: the pages (page->lru) of each list, most recently added at the head
 * @lru_lock: @lists, every page's PG_lru/PG_active/PG_unevictable while it is on one,
 *	and the node's NR_LRU_BASE + lru counters; taken with irqs off (pages are freed
 *	from any context)
 */
struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	spinlock_t lru_lock;
};

void lruvec_init(struct lruvec *lruvec);

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;			/* highest populated zone index + 1 */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;	/* memory pages in the node */
	unsigned long node_spanned_pages;	/* pages of the span, holes included */
	int node_id;
	unsigned long totalreserve_pages;	/* pages allocations cannot use */
	int kswapd_failures;
	struct per_cpu_nodestat __percpu *per_cpu_nodestats;	/* see per_cpu_nodestat */
	long vm_stat[NR_VM_NODE_STAT_ITEMS];	/* atomic */
	/*
	 * Deferred struct page init: the struct pages from first_deferred_pfn to the node's
	 * end are not initialised yet (ULONG_MAX: none left). Under node_size_lock, which
	 * deferred_grow_zone and the node's pgdatinit thread take with irqs off.
	 */
	spinlock_t node_size_lock;
	unsigned long first_deferred_pfn;
	struct lruvec __lruvec;		/* the node's LRU lists (mm/swap.c) */
} pg_data_t;

/* Each node's pg_data_t, allocated on the node (setup_node_data). */
extern struct pglist_data *node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(node_data[nid])

static inline unsigned long pgdat_end_pfn(pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

#define zone_idx(zone)		((int)((zone) - (zone)->zone_pgdat->node_zones))

static inline bool is_highmem_idx(enum zone_type idx)
{
	return false;
}

/* The zone the allocator treats as "policy zone" (the highest populated). */
extern enum zone_type policy_zone;

struct pglist_data *first_online_pgdat(void);
struct pglist_data *next_online_pgdat(struct pglist_data *pgdat);
struct zone *next_zone(struct zone *zone);

#define for_each_online_pgdat(pgdat)					\
	for (pgdat = first_online_pgdat(); pgdat; pgdat = next_online_pgdat(pgdat))

/* Every zone of every online node, populated or not. */
#define for_each_zone(zone)						\
	for (zone = (first_online_pgdat())->node_zones; zone; zone = next_zone(zone))

/* Every zone that has memory. */
#define for_each_populated_zone(zone)					\
	for (zone = (first_online_pgdat())->node_zones; zone;		\
	     zone = next_zone(zone))					\
		if (!populated_zone(zone))				\
			; /* do nothing */				\
		else

static inline struct zone *zonelist_zone(struct zoneref *zoneref)
{
	return zoneref->zone;
}

static inline int zonelist_zone_idx(struct zoneref *zoneref)
{
	return zoneref->zone_idx;
}

static inline int zonelist_node_idx(struct zoneref *zoneref)
{
	return zone_to_nid(zoneref->zone);
}

struct zoneref *__next_zones_zonelist(struct zoneref *z, enum zone_type highest_zoneidx,
				      nodemask_t *nodes);

/* The first entry at or after @z of a zone <= @highest_zoneidx on a node in @nodes. */
static inline struct zoneref *next_zones_zonelist(struct zoneref *z,
						  enum zone_type highest_zoneidx,
						  nodemask_t *nodes)
{
	if (likely(!nodes && zonelist_zone_idx(z) <= (int)highest_zoneidx))
		return z;
	return __next_zones_zonelist(z, highest_zoneidx, nodes);
}

static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist,
						   enum zone_type highest_zoneidx,
						   nodemask_t *nodes)
{
	return next_zones_zonelist(zonelist->_zonerefs, highest_zoneidx, nodes);
}

/* Every zone of @zlist up to @highidx on the nodes of @nodemask (NULL: all). */
#define for_each_zone_zonelist_nodemask(zone, z, zlist, highidx, nodemask) \
	for (z = first_zones_zonelist(zlist, highidx, nodemask), zone = zonelist_zone(z); \
	     zone;							\
	     z = next_zones_zonelist(++z, highidx, nodemask),		\
		zone = zonelist_zone(z))

#define for_each_zone_zonelist(zone, z, zlist, highidx)			\
	for_each_zone_zonelist_nodemask(zone, z, zlist, highidx, NULL)

/* This cpu's node. */
static inline int numa_node_id(void)
{
	return cpu_to_node(raw_smp_processor_id());
}

/*
 * Each cpu's nearest node with memory: its own node, or for a cpu on a memoryless node
 * the first node its zonelist falls back to (Linux's numa_mem of
 * CONFIG_HAVE_MEMORYLESS_NODES). Allocators that keep per-node structures only for
 * nodes with memory (SLUB) start there. Written for every possible cpu by
 * build_all_zonelists, read-only after.
 */
DECLARE_PER_CPU_READ_MOSTLY(int, _numa_mem_);

static inline int cpu_to_mem(int cpu)
{
	return per_cpu(_numa_mem_, cpu);
}

static inline int numa_mem_id(void)
{
	return __this_cpu_read(_numa_mem_);
}

/*
 * SPARSEMEM: physical memory in sections of 2^SECTION_SIZE_BITS bytes (128 MiB); a
 * section's struct pages exist (in vmemmap) when the section has memory. mem_section is
 * two-level (SPARSEMEM_EXTREME): roots of a page of sections each, allocated on demand.
 */
#define SECTION_SIZE_BITS	27
#define MAX_PHYSMEM_BITS	48
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define PAGE_SECTION_MASK	(~(PAGES_PER_SECTION - 1))
#define SECTIONS_SHIFT		(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS)
#define NR_MEM_SECTIONS		(1UL << SECTIONS_SHIFT)

/* section_mem_map: flag bits, and the node id above SECTION_NID_SHIFT. */
struct mem_section {
	unsigned long section_mem_map;
};

#define SECTION_MARKED_PRESENT	(1UL << 0)	/* memory_present saw memory here */
#define SECTION_HAS_MEM_MAP	(1UL << 1)	/* its struct pages are mapped */
#define SECTION_IS_ONLINE	(1UL << 2)
#define SECTION_IS_EARLY	(1UL << 3)	/* present at boot, not hotplugged */
#define SECTION_NID_SHIFT	6

#define SECTIONS_PER_ROOT	(PAGE_SIZE / sizeof(struct mem_section))
#define SECTION_NR_TO_ROOT(sec)	((sec) / SECTIONS_PER_ROOT)
#define NR_SECTION_ROOTS	DIV_ROUND_UP(NR_MEM_SECTIONS, SECTIONS_PER_ROOT)
#define SECTION_ROOT_MASK	(SECTIONS_PER_ROOT - 1)

extern struct mem_section *mem_section[NR_SECTION_ROOTS];

static inline unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

static inline unsigned long section_nr_to_pfn(unsigned long sec)
{
	return sec << PFN_SECTION_SHIFT;
}

static inline struct mem_section *__nr_to_section(unsigned long nr)
{
	if (nr >= NR_MEM_SECTIONS)
		return NULL;
	if (!mem_section[SECTION_NR_TO_ROOT(nr)])
		return NULL;
	return &mem_section[SECTION_NR_TO_ROOT(nr)][nr & SECTION_ROOT_MASK];
}

static inline struct mem_section *__pfn_to_section(unsigned long pfn)
{
	return __nr_to_section(pfn_to_section_nr(pfn));
}

static inline bool present_section(struct mem_section *ms)
{
	return ms && (ms->section_mem_map & SECTION_MARKED_PRESENT);
}

static inline bool valid_section(struct mem_section *ms)
{
	return ms && (ms->section_mem_map & SECTION_HAS_MEM_MAP);
}

static inline bool online_section(struct mem_section *ms)
{
	return ms && (ms->section_mem_map & SECTION_IS_ONLINE);
}

/* Whether @pfn has a struct page (its section's memmap exists). */
static inline bool pfn_valid(unsigned long pfn)
{
	if (PHYS_PFN(PFN_PHYS(pfn)) != pfn)
		return false;
	return valid_section(__pfn_to_section(pfn));
}

void sparse_init(void);
void memblocks_present(void);

#endif
