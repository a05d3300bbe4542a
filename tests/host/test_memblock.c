/*
 * Host tests of mm/memblock.c, after Linux's tools/testing/memblock (basic_api.c,
 * alloc_api.c, alloc_helpers_api.c, alloc_nid_api.c): one case per behaviour, each with
 * a drawing of the regions before and after, then a random-sequence test against a
 * page-bitmap model. Allocations land in simulated RAM (sim_mem.h) at MEM_BASE.
 *
 * memblock_allow_resize() cannot be undone, so the cases that need a fixed-size array
 * run before those that call it (see the order in KTEST_MAIN).
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <asm/memory.h>
#include "ktest.h"
#include "sim_mem.h"
#include "memblock_handover.h"

#define INIT_MEMBLOCK_REGIONS	128
/* The simulated RAM: QEMU virt's RAM base; MEM_SIZE of it is registered by setup_memblock. */
#define MEM_BASE		((phys_addr_t)SZ_1G)
#define SIM_SIZE		SZ_16M
#define MEM_SIZE		SZ_16K
#define NUMA_NODES		8

#define SZ_2			0x2UL
#define SZ_4			0x4UL
#define SZ_8			0x8UL
#define SZ_16			0x10UL
#define SZ_32			0x20UL
#define SZ_64			0x40UL
#define SZ_128			0x80UL
#define SZ_256			0x100UL
#define SZ_512			0x200UL
#define SZ_2K			0x800UL

/* Allocation results are checked for zeroing unless TEST_F_RAW. */
enum test_flags {
	TEST_F_NONE = 0x0,
	TEST_F_RAW = 0x1,
};

struct region {
	phys_addr_t base;
	phys_addr_t size;
};

static struct memblock_region *init_memory_regions;
static struct memblock_region *init_reserved_regions;

static phys_addr_t region_end(const struct memblock_region *rgn)
{
	return rgn->base + rgn->size;
}

#define ASSERT_RGN(rgn, b, s) do {					\
	ASSERT_EQ((rgn)->base, (b));					\
	ASSERT_EQ((rgn)->size, (s));					\
} while (0)

#define ASSERT_LE(a, b)	ASSERT_TRUE((a) <= (b))
#define ASSERT_NE(a, b)	ASSERT_TRUE((a) != (b))
#define ASSERT_FALSE(c)	ASSERT_TRUE(!(c))

/*
 * Empties both types and puts the static arrays back (a test may have doubled them into
 * simulated memory), as Linux's reset_memblock_regions.
 */
static void reset_memblock_regions(void)
{
	if (!init_memory_regions) {
		init_memory_regions = memblock.memory.regions;
		init_reserved_regions = memblock.reserved.regions;
	}
	memblock.memory.regions = init_memory_regions;
	memset(init_memory_regions, 0, INIT_MEMBLOCK_REGIONS * sizeof(struct memblock_region));
	memblock.memory.cnt = 1;
	memblock.memory.max = INIT_MEMBLOCK_REGIONS;
	memblock.memory.total_size = 0;

	memblock.reserved.regions = init_reserved_regions;
	memset(init_reserved_regions, 0, INIT_MEMBLOCK_REGIONS * sizeof(struct memblock_region));
	memblock.reserved.cnt = 1;
	memblock.reserved.max = INIT_MEMBLOCK_REGIONS;
	memblock.reserved.total_size = 0;
}

/* Names, direction and limit back to the boot defaults, as reset_memblock_attributes. */
static void reset_memblock_attributes(void)
{
	memblock.memory.name = "memory";
	memblock.reserved.name = "reserved";
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	if (!sim_mem)
		sim_mem_init(MEM_BASE, SIM_SIZE);
}

static void reset_memblock(void)
{
	reset_memblock_regions();
	reset_memblock_attributes();
}

static void fill_memblock(void)
{
	memset(__va(MEM_BASE), 0xaa, MEM_SIZE);
}

/* Memory = [MEM_BASE, MEM_BASE + MEM_SIZE), all 0xaa; nothing reserved. */
static void setup_memblock(void)
{
	reset_memblock_regions();
	memblock_add(MEM_BASE, MEM_SIZE);
	fill_memblock();
}

/*
 * Memory = MEM_SIZE split over NUMA_NODES nodes, node i taking node_fracs[i] / 10000 of
 * it in address order, flagged hotpluggable (allocations still use it: no movable_node).
 */
static void setup_numa_memblock(const unsigned int node_fracs[])
{
	phys_addr_t base = MEM_BASE;

	reset_memblock_regions();
	for (int i = 0; i < NUMA_NODES; i++) {
		phys_addr_t size = MEM_SIZE * node_fracs[i] / 10000;

		memblock_add_node(base, size, i, MEMBLOCK_HOTPLUG);
		base += size;
	}
	fill_memblock();
}

static void run_top_down(void (*func)(void))
{
	reset_memblock_attributes();
	memblock_set_bottom_up(false);
	func();
}

static void run_bottom_up(void (*func)(void))
{
	reset_memblock_attributes();
	memblock_set_bottom_up(true);
	func();
}

static void assert_mem_content(void *mem, phys_addr_t size, int flags)
{
	const unsigned char *p = mem;

	for (phys_addr_t i = 0; i < size; i++) {
		if (flags & TEST_F_RAW)
			ASSERT_NE(p[i], 0);
		else
			ASSERT_EQ(p[i], 0);
	}
}

/* ---- memblock_add ------------------------------------------------------------------- */

/* The static state at boot: one empty region in each type, top-down, no limit. */
static void memblock_initialization_check(void)
{
	reset_memblock();

	ASSERT_NE(memblock.memory.regions, NULL);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	EXPECT_STREQ(memblock.memory.name, "memory");

	ASSERT_NE(memblock.reserved.regions, NULL);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.max, INIT_MEMBLOCK_REGIONS);
	EXPECT_STREQ(memblock.reserved.name, "reserved");

	ASSERT_EQ(memblock.bottom_up, false);
	ASSERT_EQ(memblock.current_limit, MEMBLOCK_ALLOC_ANYWHERE);
	ASSERT_EQ(memblock_get_current_limit(), MEMBLOCK_ALLOC_ANYWHERE);
}

/*
 * One region into an empty type:
 *
 *  |        +--------+                    |
 *  |        |   r    |                    |
 *  +--------+--------+--------------------+
 *
 * Expect it in the dummy slot: cnt stays 1, total_size = r.size, no node.
 */
static void memblock_add_simple_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	struct region r = { .base = SZ_1G, .size = SZ_4M };

	reset_memblock();
	ASSERT_EQ(memblock_add(r.base, r.size), 0);

	ASSERT_RGN(rgn, r.base, r.size);
	ASSERT_EQ(rgn->nid, MAX_NUMNODES);
	ASSERT_EQ(rgn->flags, MEMBLOCK_NONE);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, r.size);
	ASSERT_EQ(memblock_phys_mem_size(), r.size);
}

/* As above with memblock_add_node: the node and flags are recorded. */
static void memblock_add_node_simple_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	struct region r = { .base = SZ_1M, .size = SZ_16M };

	reset_memblock();
	ASSERT_EQ(memblock_add_node(r.base, r.size, 1, MEMBLOCK_HOTPLUG), 0);

	ASSERT_RGN(rgn, r.base, r.size);
	ASSERT_EQ(rgn->nid, 1);
	ASSERT_EQ(rgn->flags, MEMBLOCK_HOTPLUG);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, r.size);
}

/*
 * Two regions apart:
 *
 *  |        +--------+        +--------+  |
 *  |        |   r1   |        |   r2   |  |
 *  +--------+--------+--------+--------+--+
 *
 * Expect two entries in address order.
 */
static void memblock_add_disjoint_check(void)
{
	struct memblock_region *rgn1 = &memblock.memory.regions[0];
	struct memblock_region *rgn2 = &memblock.memory.regions[1];
	struct region r1 = { .base = SZ_1G, .size = SZ_8K };
	struct region r2 = { .base = SZ_1G + SZ_16K, .size = SZ_8K };

	reset_memblock();
	memblock_add(r2.base, r2.size);
	memblock_add(r1.base, r1.size);

	ASSERT_RGN(rgn1, r1.base, r1.size);
	ASSERT_RGN(rgn2, r2.base, r2.size);
	ASSERT_EQ(memblock.memory.cnt, 2);
	ASSERT_EQ(memblock.memory.total_size, r1.size + r2.size);
}

/*
 * r2 overlaps the beginning of r1:
 *
 *  |    +----+----+------------+          |
 *  |    |    |r2  |   r1       |          |
 *  +----+----+----+------------+----------+
 *       ^    ^
 *       |    r1.base
 *       r2.base
 *
 * Expect one region from r2.base to the end of r1.
 */
static void memblock_add_overlap_top_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	struct region r1 = { .base = SZ_512M, .size = SZ_1G };
	struct region r2 = { .base = SZ_256M, .size = SZ_512M };
	phys_addr_t total_size = (r1.base - r2.base) + r1.size;

	reset_memblock();
	memblock_add(r1.base, r1.size);
	memblock_add(r2.base, r2.size);

	ASSERT_RGN(rgn, r2.base, total_size);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, total_size);
}

/*
 * r2 overlaps the end of r1:
 *
 *  |  +--+------+----------+              |
 *  |  |  | r1   | r2       |              |
 *  +--+--+------+----------+--------------+
 *     ^  ^
 *     |  r2.base
 *     r1.base
 *
 * Expect one region from r1.base to the end of r2.
 */
static void memblock_add_overlap_bottom_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	struct region r1 = { .base = SZ_128M, .size = SZ_512M };
	struct region r2 = { .base = SZ_256M, .size = SZ_1G };
	phys_addr_t total_size = (r2.base - r1.base) + r2.size;

	reset_memblock();
	memblock_add(r1.base, r1.size);
	memblock_add(r2.base, r2.size);

	ASSERT_RGN(rgn, r1.base, total_size);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, total_size);
}

/*
 * r2 inside r1:
 *
 *  |   +-------+--+-----------------------+
 *  |   |       |r2|      r1               |
 *  +---+-------+--+-----------------------+
 *
 * Expect r1 unchanged.
 */
static void memblock_add_within_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	struct region r1 = { .base = SZ_8M, .size = SZ_32M };
	struct region r2 = { .base = SZ_16M, .size = SZ_1M };

	reset_memblock();
	memblock_add(r1.base, r1.size);
	memblock_add(r2.base, r2.size);

	ASSERT_RGN(rgn, r1.base, r1.size);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, r1.size);
}

/* The same region twice: expect it once. */
static void memblock_add_twice_check(void)
{
	struct region r = { .base = SZ_16K, .size = SZ_2M };

	reset_memblock();
	memblock_add(r.base, r.size);
	memblock_add(r.base, r.size);

	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, r.size);
}

/*
 * r3 fills the gap between r1 and r2:
 *
 *  |        +--------+--------+--------+  |
 *  |        |   r1   |   r3   |   r2   |  |
 *  +--------+--------+--------+--------+--+
 *
 * Expect the three merged into one region.
 */
static void memblock_add_between_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	struct region r1 = { .base = SZ_1G, .size = SZ_8K };
	struct region r2 = { .base = SZ_1G + SZ_16K, .size = SZ_8K };
	struct region r3 = { .base = SZ_1G + SZ_8K, .size = SZ_8K };
	phys_addr_t total_size = r1.size + r2.size + r3.size;

	reset_memblock();
	memblock_add(r1.base, r1.size);
	memblock_add(r2.base, r2.size);
	memblock_add(r3.base, r3.size);

	ASSERT_RGN(rgn, r1.base, total_size);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, total_size);
}

/*
 * r runs past PHYS_ADDR_MAX:
 *
 *                               +--------+
 *                               |    r   |
 *                               +--------+
 *  |                            +----+
 *  |                            | rgn|
 *  +----------------------------+----+
 *
 * Expect it cut at the top: size PHYS_ADDR_MAX - r.base.
 */
static void memblock_add_near_max_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	struct region r = { .base = PHYS_ADDR_MAX - SZ_1M, .size = SZ_2M };
	phys_addr_t total_size = PHYS_ADDR_MAX - r.base;

	reset_memblock();
	memblock_add(r.base, r.size);

	ASSERT_RGN(rgn, r.base, total_size);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.total_size, total_size);
}

/* A zero-sized range: nothing happens. */
static void memblock_add_zero_size_check(void)
{
	reset_memblock();
	ASSERT_EQ(memblock_add(SZ_1G, 0), 0);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_EQ(memblock.memory.regions[0].size, 0);
	ASSERT_EQ(memblock.memory.total_size, 0);
}

/*
 * Touching regions on different nodes, or with different flags:
 *
 *  |    +--------+--------+--------+      |
 *  |    | r1 n0  | r2 n1  | r3 n1  |      |
 *  |    |        |        | HOTPLUG|      |
 *  +----+--------+--------+--------+------+
 *
 * Expect three regions: only same node and same flags merge.
 */
static void memblock_add_node_flags_no_merge_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;
	struct region r1 = { .base = SZ_1G, .size = SZ_64K };
	struct region r2 = { .base = SZ_1G + SZ_64K, .size = SZ_64K };
	struct region r3 = { .base = SZ_1G + SZ_128K, .size = SZ_64K };

	reset_memblock();
	memblock_add_node(r1.base, r1.size, 0, MEMBLOCK_NONE);
	memblock_add_node(r3.base, r3.size, 1, MEMBLOCK_HOTPLUG);
	memblock_add_node(r2.base, r2.size, 1, MEMBLOCK_NONE);

	ASSERT_EQ(memblock.memory.cnt, 3);
	ASSERT_RGN(&rgn[0], r1.base, r1.size);
	ASSERT_EQ(rgn[0].nid, 0);
	ASSERT_RGN(&rgn[1], r2.base, r2.size);
	ASSERT_EQ(rgn[1].nid, 1);
	ASSERT_EQ(rgn[1].flags, MEMBLOCK_NONE);
	ASSERT_RGN(&rgn[2], r3.base, r3.size);
	ASSERT_EQ(rgn[2].flags, MEMBLOCK_HOTPLUG);
	ASSERT_EQ(memblock.memory.total_size, 3 * SZ_64K);

	/* the same node and flags again: all one region */
	memblock_set_node(r1.base, 3 * SZ_64K, &memblock.memory, 1);
	memblock_clear_hotplug(r3.base, r3.size);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_RGN(&rgn[0], r1.base, 3 * SZ_64K);
}

/*
 * A range on node 1 laid over a node 0 region:
 *
 *  |        +----+--------+----+          |
 *  |        | n1 |   r1   | n1 |          |
 *  |        |    |   n0   |    |          |
 *  +--------+----+--------+----+----------+
 *
 * Expect r1 to keep node 0 and only the uncovered parts to get node 1.
 */
static void memblock_add_overlap_keeps_node_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;
	struct region r1 = { .base = SZ_1G + SZ_1M, .size = SZ_1M };
	struct region r2 = { .base = SZ_1G, .size = SZ_4M };

	reset_memblock();
	memblock_add_node(r1.base, r1.size, 0, MEMBLOCK_NONE);
	memblock_add_node(r2.base, r2.size, 1, MEMBLOCK_NONE);

	ASSERT_EQ(memblock.memory.cnt, 3);
	ASSERT_RGN(&rgn[0], r2.base, r1.base - r2.base);
	ASSERT_EQ(rgn[0].nid, 1);
	ASSERT_RGN(&rgn[1], r1.base, r1.size);
	ASSERT_EQ(rgn[1].nid, 0);
	ASSERT_RGN(&rgn[2], region_end(&rgn[1]), r2.base + r2.size - region_end(&rgn[1]));
	ASSERT_EQ(rgn[2].nid, 1);
	ASSERT_EQ(memblock.memory.total_size, r2.size);
}

/* Fills memory with n disjoint 4 KiB regions below the simulated RAM. */
static void add_many(int n, phys_addr_t base)
{
	for (int i = 0; i < n; i++)
		ASSERT_EQ(memblock_add(base + i * SZ_8K, SZ_4K), 0);
}

/*
 * A full array before memblock_allow_resize(): the 129th region does not fit.
 * Expect -ENOMEM and the array untouched (must run before any allow_resize case).
 */
static void memblock_add_full_no_resize_check(void)
{
	reset_memblock();
	add_many(INIT_MEMBLOCK_REGIONS, SZ_8M);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);

	ASSERT_EQ(memblock_add(SZ_8M + INIT_MEMBLOCK_REGIONS * SZ_8K, SZ_4K), -ENOMEM);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.regions, init_memory_regions);
	ASSERT_EQ(memblock.memory.total_size, INIT_MEMBLOCK_REGIONS * SZ_4K);

	/* even a piece that would merge needs a slot while the pieces are counted */
	ASSERT_EQ(memblock_add(SZ_8M + SZ_4K, SZ_4K), -ENOMEM);
	/* a range already covered adds nothing, so it needs no room */
	ASSERT_EQ(memblock_add(SZ_8M, SZ_4K), 0);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);

	/* a split needs two spare slots: memblock_remove fails the same way */
	ASSERT_EQ(memblock_remove(SZ_8M + SZ_1K, SZ_1K), -ENOMEM);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.total_size, INIT_MEMBLOCK_REGIONS * SZ_4K);
}

/* ---- memblock_reserve ---------------------------------------------------------------- */

/* One reservation: expect it in reserved, memory untouched. */
static void memblock_reserve_simple_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r = { .base = SZ_2G, .size = SZ_128M };

	reset_memblock();
	ASSERT_EQ(memblock_reserve(r.base, r.size), 0);

	ASSERT_RGN(rgn, r.base, r.size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock_reserved_size(), r.size);
	ASSERT_EQ(memblock.memory.total_size, 0);
}

/*
 *  |       +--+      +----------------+   |
 *  |       |r1|      |       r2       |   |
 *  +-------+--+------+----------------+---+
 *
 * Expect two reservations.
 */
static void memblock_reserve_disjoint_check(void)
{
	struct memblock_region *rgn1 = &memblock.reserved.regions[0];
	struct memblock_region *rgn2 = &memblock.reserved.regions[1];
	struct region r1 = { .base = SZ_256M, .size = SZ_16M };
	struct region r2 = { .base = SZ_512M, .size = SZ_512M };

	reset_memblock();
	memblock_reserve(r1.base, r1.size);
	memblock_reserve(r2.base, r2.size);

	ASSERT_RGN(rgn1, r1.base, r1.size);
	ASSERT_RGN(rgn2, r2.base, r2.size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
	ASSERT_EQ(memblock.reserved.total_size, r1.size + r2.size);
}

/*
 *  |  +--------------+--+--------------+  |
 *  |  |       r2     |  |     r1       |  |
 *  +--+--------------+--+--------------+--+
 *     ^                 ^
 *     r2.base           r1.base
 *
 * r2 overlaps the beginning of r1: expect one reservation from r2.base.
 */
static void memblock_reserve_overlap_top_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r1 = { .base = SZ_1G, .size = SZ_1G };
	struct region r2 = { .base = SZ_128M, .size = SZ_1G };
	phys_addr_t total_size = (r1.base - r2.base) + r1.size;

	reset_memblock();
	memblock_reserve(r1.base, r1.size);
	memblock_reserve(r2.base, r2.size);

	ASSERT_RGN(rgn, r2.base, total_size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, total_size);
}

/*
 *  |  +--------------+--+--------------+  |
 *  |  |       r1     |  |     r2       |  |
 *  +--+--------------+--+--------------+--+
 *
 * r2 overlaps the end of r1: expect one reservation from r1.base.
 */
static void memblock_reserve_overlap_bottom_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r1 = { .base = SZ_2K, .size = SZ_128K };
	struct region r2 = { .base = SZ_128K, .size = SZ_128K };
	phys_addr_t total_size = (r2.base - r1.base) + r2.size;

	reset_memblock();
	memblock_reserve(r1.base, r1.size);
	memblock_reserve(r2.base, r2.size);

	ASSERT_RGN(rgn, r1.base, total_size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, total_size);
}

/*
 *  |     +-------+--+---------------------+
 *  |     |       |r2|         r1          |
 *  +-----+-------+--+---------------------+
 *
 * r2 inside r1: expect r1 unchanged.
 */
static void memblock_reserve_within_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r1 = { .base = SZ_1M, .size = SZ_8M };
	struct region r2 = { .base = SZ_2M, .size = SZ_64K };

	reset_memblock();
	memblock_reserve(r1.base, r1.size);
	memblock_reserve(r2.base, r2.size);

	ASSERT_RGN(rgn, r1.base, r1.size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, r1.size);
}

/* The same reservation twice: expect it once. */
static void memblock_reserve_twice_check(void)
{
	struct region r = { .base = SZ_16K, .size = SZ_2M };

	reset_memblock();
	memblock_reserve(r.base, r.size);
	memblock_reserve(r.base, r.size);

	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, r.size);
}

/*
 *  |     +--------+--------+--------+     |
 *  |     |   r1   |   r3   |   r2   |     |
 *  +-----+--------+--------+--------+-----+
 *
 * r3 fills the gap: expect one reservation.
 */
static void memblock_reserve_between_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r1 = { .base = SZ_1G, .size = SZ_8K };
	struct region r2 = { .base = SZ_1G + SZ_16K, .size = SZ_8K };
	struct region r3 = { .base = SZ_1G + SZ_8K, .size = SZ_8K };
	phys_addr_t total_size = r1.size + r2.size + r3.size;

	reset_memblock();
	memblock_reserve(r1.base, r1.size);
	memblock_reserve(r2.base, r2.size);
	memblock_reserve(r3.base, r3.size);

	ASSERT_RGN(rgn, r1.base, total_size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, total_size);
}

/* A reservation past PHYS_ADDR_MAX: expect it cut at the top. */
static void memblock_reserve_near_max_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r = { .base = PHYS_ADDR_MAX - SZ_1M, .size = SZ_2M };
	phys_addr_t total_size = PHYS_ADDR_MAX - r.base;

	reset_memblock();
	memblock_reserve(r.base, r.size);

	ASSERT_RGN(rgn, r.base, total_size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, total_size);
}

/* A reservation need not be memory, and does not change memory. */
static void memblock_reserve_not_memory_check(void)
{
	reset_memblock();
	memblock_add(SZ_1G, SZ_1M);
	memblock_reserve(SZ_1G - SZ_4K, SZ_8K);

	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_RGN(&memblock.memory.regions[0], SZ_1G, SZ_1M);
	ASSERT_RGN(&memblock.reserved.regions[0], SZ_1G - SZ_4K, SZ_8K);
	ASSERT_EQ(memblock.reserved.regions[0].nid, MAX_NUMNODES);
}

/* ---- memblock_remove and memblock_phys_free --------------------------------------- */

/*
 * The remove and free cases are the same drawings on the two types; each runs on
 * memory with memblock_remove and on reserved with memblock_phys_free.
 */
struct rm_ops {
	struct memblock_type *type;
	int (*add)(phys_addr_t base, phys_addr_t size);
	int (*rm)(phys_addr_t base, phys_addr_t size);
};

static const struct rm_ops rm_memory = { &memblock.memory, memblock_add, memblock_remove };
static const struct rm_ops rm_reserved = { &memblock.reserved, memblock_reserve,
					   memblock_phys_free };

/*
 *  |    +--------+            +--------+  |
 *  |    |   r1   |            |   r2   |  |
 *  +----+--------+------------+--------+--+
 *
 * Remove r1 exactly: expect r2 alone.
 */
static void rm_simple(const struct rm_ops *o)
{
	struct memblock_region *rgn = &o->type->regions[0];
	struct region r1 = { .base = SZ_2K, .size = SZ_4K };
	struct region r2 = { .base = SZ_128K, .size = SZ_4M };

	reset_memblock();
	o->add(r1.base, r1.size);
	o->add(r2.base, r2.size);
	ASSERT_EQ(o->rm(r1.base, r1.size), 0);

	ASSERT_RGN(rgn, r2.base, r2.size);
	ASSERT_EQ(o->type->cnt, 1);
	ASSERT_EQ(o->type->total_size, r2.size);
}

/*
 *  |  +----------------+   +--------+     |
 *  |  |       r1       |   |   r2   |     |
 *  +--+----------------+---+--------+-----+
 *        (r2 is not in the type)
 *
 * Remove a range that is not there: expect success and nothing changed.
 */
static void rm_absent(const struct rm_ops *o)
{
	struct memblock_region *rgn = &o->type->regions[0];
	struct region r1 = { .base = SZ_512K, .size = SZ_4M };
	struct region r2 = { .base = SZ_64M, .size = SZ_1G };

	reset_memblock();
	o->add(r1.base, r1.size);
	ASSERT_EQ(o->rm(r2.base, r2.size), 0);

	ASSERT_RGN(rgn, r1.base, r1.size);
	ASSERT_EQ(o->type->cnt, 1);
	ASSERT_EQ(o->type->total_size, r1.size);
}

/*
 *  |    +-----+-----------------+         |
 *  |    |  r2 |        r1       |         |
 *  +----+-----+-----------------+---------+
 *             ^
 *             r1.base
 *
 * Remove r2, which overlaps the start of r1: expect r1 to start at r2's end.
 */
static void rm_overlap_top(const struct rm_ops *o)
{
	struct memblock_region *rgn = &o->type->regions[0];
	struct region r1 = { .base = SZ_32M, .size = SZ_32M };
	struct region r2 = { .base = SZ_16M, .size = SZ_32M };
	phys_addr_t r1_end = r1.base + r1.size;
	phys_addr_t r2_end = r2.base + r2.size;

	reset_memblock();
	o->add(r1.base, r1.size);
	o->rm(r2.base, r2.size);

	ASSERT_RGN(rgn, r2_end, r1_end - r2_end);
	ASSERT_EQ(o->type->cnt, 1);
	ASSERT_EQ(o->type->total_size, r1_end - r2_end);
}

/*
 *  |    +-----------------+-----+         |
 *  |    |        r1       |  r2 |         |
 *  +----+-----------------+-----+---------+
 *
 * Remove r2, which overlaps the end of r1: expect r1 to end at r2.base.
 */
static void rm_overlap_bottom(const struct rm_ops *o)
{
	struct memblock_region *rgn = &o->type->regions[0];
	struct region r1 = { .base = SZ_2M, .size = SZ_64M };
	struct region r2 = { .base = SZ_32M, .size = SZ_256M };

	reset_memblock();
	o->add(r1.base, r1.size);
	o->rm(r2.base, r2.size);

	ASSERT_RGN(rgn, r1.base, r2.base - r1.base);
	ASSERT_EQ(o->type->cnt, 1);
	ASSERT_EQ(o->type->total_size, r2.base - r1.base);
}

/*
 *  |    +--------+--------+--------+      |
 *  |    |  r1    |   r2   |   r1   |      |
 *  +----+--------+--------+--------+------+
 *
 *  |    +--------+        +--------+      |
 *  |    | rgn1   |        | rgn2   |      |
 *  +----+--------+--------+--------+------+
 *
 * Remove r2 from inside r1: expect r1 split in two around the hole.
 */
static void rm_within(const struct rm_ops *o)
{
	struct memblock_region *rgn1 = &o->type->regions[0];
	struct memblock_region *rgn2 = &o->type->regions[1];
	struct region r1 = { .base = SZ_1M, .size = SZ_32M };
	struct region r2 = { .base = SZ_16M, .size = SZ_1M };
	phys_addr_t r1_size = r2.base - r1.base;
	phys_addr_t r2_size = (r1.base + r1.size) - (r2.base + r2.size);

	reset_memblock();
	o->add(r1.base, r1.size);
	o->rm(r2.base, r2.size);

	ASSERT_RGN(rgn1, r1.base, r1_size);
	ASSERT_RGN(rgn2, r2.base + r2.size, r2_size);
	ASSERT_EQ(o->type->cnt, 2);
	ASSERT_EQ(o->type->total_size, r1_size + r2_size);
}

/* Remove the only region: expect the empty dummy region back. */
static void rm_only_region(const struct rm_ops *o)
{
	struct memblock_region *rgn = &o->type->regions[0];
	struct region r1 = { .base = SZ_2K, .size = SZ_4K };

	reset_memblock();
	o->add(r1.base, r1.size);
	o->rm(r1.base, r1.size);

	ASSERT_RGN(rgn, 0, 0);
	ASSERT_EQ(rgn->nid, MAX_NUMNODES);
	ASSERT_EQ(o->type->cnt, 1);
	ASSERT_EQ(o->type->total_size, 0);
}

/*
 *  |                 +--------+--------+
 *  |                 |   r1   |   r2   |   (r2 runs past PHYS_ADDR_MAX)
 *  +-----------------+--------+--------+
 *
 * Remove a range that runs past the top: expect r1 to end at r2.base.
 */
static void rm_near_max(const struct rm_ops *o)
{
	struct memblock_region *rgn = &o->type->regions[0];
	struct region r1 = { .base = PHYS_ADDR_MAX - SZ_2M, .size = SZ_2M };
	struct region r2 = { .base = PHYS_ADDR_MAX - SZ_1M, .size = SZ_2M };

	reset_memblock();
	o->add(r1.base, r1.size);
	o->rm(r2.base, r2.size);

	ASSERT_RGN(rgn, r1.base, r2.base - r1.base);
	ASSERT_EQ(o->type->cnt, 1);
	ASSERT_EQ(o->type->total_size, r2.base - r1.base);
}

/*
 *  |    +--------+  +--------+            |
 *  |    |   r1   |  |   r2   |            |
 *  +----+--------+--+--------+------------+
 *            +----------+
 *            |    r3    |
 *
 *  |    +----+          +----+            |
 *  |    |rgn1|          |rgn2|            |
 *  +----+----+----------+----+------------+
 *
 * Remove r3, which overlaps the end of r1 and the start of r2: expect both cut.
 */
static void rm_overlap_two(const struct rm_ops *o)
{
	struct memblock_region *rgn1 = &o->type->regions[0];
	struct memblock_region *rgn2 = &o->type->regions[1];
	struct region r1 = { .base = SZ_16M, .size = SZ_32M };
	struct region r2 = { .base = SZ_64M, .size = SZ_64M };
	struct region r3 = { .base = SZ_32M, .size = SZ_64M };
	phys_addr_t new_r2_base = r3.base + r3.size;
	phys_addr_t new_r2_size = r2.base + r2.size - new_r2_base;

	reset_memblock();
	o->add(r1.base, r1.size);
	o->add(r2.base, r2.size);
	o->rm(r3.base, r3.size);

	ASSERT_RGN(rgn1, r1.base, r3.base - r1.base);
	ASSERT_RGN(rgn2, new_r2_base, new_r2_size);
	ASSERT_EQ(o->type->cnt, 2);
	ASSERT_EQ(o->type->total_size, r3.base - r1.base + new_r2_size);
}

/*
 *  |  +---+  +---+  +---+  +---+          |
 *  |  |r1 |  |r2 |  |r3 |  |r4 |          |
 *  +--+---+--+---+--+---+--+---+----------+
 *        +--------------------+
 *        |         r          |
 *
 * Remove a range covering r2 and r3 whole and cutting r1 and r4: expect two regions.
 */
static void rm_overlap_many(const struct rm_ops *o)
{
	struct memblock_region *rgn = o->type->regions;

	reset_memblock();
	for (int i = 0; i < 4; i++)
		o->add(SZ_1G + i * SZ_2M, SZ_1M);
	o->rm(SZ_1G + SZ_512K, 3 * SZ_2M);

	ASSERT_EQ(o->type->cnt, 2);
	ASSERT_RGN(&rgn[0], SZ_1G, SZ_512K);
	ASSERT_RGN(&rgn[1], SZ_1G + 3 * SZ_2M + SZ_512K, SZ_512K);
	ASSERT_EQ(o->type->total_size, SZ_1M);
}

#define RM_CASES(name)							\
static void memblock_remove_##name##_check(void) { rm_##name(&rm_memory); }	\
static void memblock_free_##name##_check(void) { rm_##name(&rm_reserved); }

RM_CASES(simple)
RM_CASES(absent)
RM_CASES(overlap_top)
RM_CASES(overlap_bottom)
RM_CASES(within)
RM_CASES(only_region)
RM_CASES(near_max)
RM_CASES(overlap_two)
RM_CASES(overlap_many)

/* memblock_remove leaves reservations alone, memblock_phys_free leaves memory alone. */
static void memblock_remove_keeps_reserved_check(void)
{
	reset_memblock();
	memblock_add(SZ_1G, SZ_4M);
	memblock_reserve(SZ_1G + SZ_1M, SZ_1M);

	memblock_remove(SZ_1G, SZ_4M);
	ASSERT_EQ(memblock.memory.total_size, 0);
	ASSERT_RGN(&memblock.reserved.regions[0], SZ_1G + SZ_1M, SZ_1M);

	memblock_add(SZ_1G, SZ_4M);
	memblock_phys_free(SZ_1G, SZ_4M);
	ASSERT_EQ(memblock.reserved.total_size, 0);
	ASSERT_RGN(&memblock.memory.regions[0], SZ_1G, SZ_4M);
}

/* memblock_free takes the virtual address of a block; NULL does nothing. */
static void memblock_free_virtual_check(void)
{
	void *ptr;

	setup_memblock();
	ptr = memblock_alloc(SZ_1K, SMP_CACHE_BYTES);
	ASSERT_NE(ptr, NULL);
	ASSERT_EQ(memblock.reserved.total_size, SZ_1K);

	memblock_free(NULL, SZ_1K);
	ASSERT_EQ(memblock.reserved.total_size, SZ_1K);
	memblock_free(ptr, SZ_1K);
	ASSERT_EQ(memblock.reserved.total_size, 0);
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/* ---- isolation: flags and nodes on parts of regions ------------------------------- */

/*
 *  |    +---------------------------+     |
 *  |    |             r             |     |
 *  +----+---------------------------+-----+
 *
 *  |    +--------+--------+---------+     |
 *  |    |  rgn0  |  rgn1  |  rgn2   |     |
 *  |    |        | NOMAP  |         |     |
 *  +----+--------+--------+---------+-----+
 *
 * Mark the middle of a region nomap: expect a split in three, the middle flagged and
 * missing from the linear map; clearing it again merges the three back.
 */
static void memblock_mark_nomap_split_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;
	struct region r = { .base = SZ_1G, .size = SZ_16M };
	struct region n = { .base = SZ_1G + SZ_4M, .size = SZ_4M };

	reset_memblock();
	memblock_add_node(r.base, r.size, 2, MEMBLOCK_NONE);
	ASSERT_EQ(memblock_mark_nomap(n.base, n.size), 0);

	ASSERT_EQ(memblock.memory.cnt, 3);
	ASSERT_RGN(&rgn[0], r.base, n.base - r.base);
	ASSERT_EQ(rgn[0].flags, MEMBLOCK_NONE);
	ASSERT_RGN(&rgn[1], n.base, n.size);
	ASSERT_EQ(rgn[1].flags, MEMBLOCK_NOMAP);
	ASSERT_EQ(rgn[1].nid, 2);
	ASSERT_RGN(&rgn[2], n.base + n.size, r.base + r.size - n.base - n.size);
	ASSERT_EQ(rgn[2].nid, 2);
	ASSERT_EQ(memblock.memory.total_size, r.size);

	ASSERT_TRUE(memblock_is_memory(n.base));
	ASSERT_FALSE(memblock_is_map_memory(n.base));
	ASSERT_TRUE(memblock_is_map_memory(n.base - 1));
	ASSERT_TRUE(memblock_is_map_memory(n.base + n.size));

	ASSERT_EQ(memblock_clear_nomap(n.base, n.size), 0);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_RGN(&rgn[0], r.base, r.size);
	ASSERT_EQ(rgn[0].flags, MEMBLOCK_NONE);
}

/*
 *  |  +--------+   +--------+   +--------+ |
 *  |  |   r1   |   |   r2   |   |   r3   | |
 *  +--+--------+---+--------+---+--------+-+
 *          +---------------------+
 *          |    hotplug range    |
 *
 * Mark a range crossing three regions hotpluggable: expect r1 and r3 split at its
 * edges, r2 flagged whole.
 */
static void memblock_mark_hotplug_across_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;

	reset_memblock();
	memblock_add(SZ_1G, SZ_1M);
	memblock_add(SZ_1G + SZ_2M, SZ_1M);
	memblock_add(SZ_1G + SZ_4M, SZ_1M);
	memblock_mark_hotplug(SZ_1G + SZ_512K, SZ_4M);

	ASSERT_EQ(memblock.memory.cnt, 5);
	ASSERT_RGN(&rgn[0], SZ_1G, SZ_512K);
	ASSERT_EQ(rgn[0].flags, MEMBLOCK_NONE);
	ASSERT_RGN(&rgn[1], SZ_1G + SZ_512K, SZ_512K);
	ASSERT_EQ(rgn[1].flags, MEMBLOCK_HOTPLUG);
	ASSERT_RGN(&rgn[2], SZ_1G + SZ_2M, SZ_1M);
	ASSERT_EQ(rgn[2].flags, MEMBLOCK_HOTPLUG);
	ASSERT_RGN(&rgn[3], SZ_1G + SZ_4M, SZ_512K);
	ASSERT_EQ(rgn[3].flags, MEMBLOCK_HOTPLUG);
	ASSERT_RGN(&rgn[4], SZ_1G + SZ_4M + SZ_512K, SZ_512K);
	ASSERT_EQ(rgn[4].flags, MEMBLOCK_NONE);
	ASSERT_TRUE(memblock_is_hotpluggable(&rgn[2]));

	memblock_clear_hotplug(0, PHYS_ADDR_MAX);
	ASSERT_EQ(memblock.memory.cnt, 3);
}

/*
 *  |    +-------------------------------+ |
 *  |    |          r (no node)          | |
 *  +----+-------------------------------+-+
 *
 *  |    +----------+----------+---------+ |
 *  |    |  node 0  |  node 1  |  none   | |
 *  +----+----------+----------+---------+-+
 *
 * Assign the two lower parts of a region to nodes, as the NUMA code does: expect the
 * region split at the node boundaries and each part carrying its node.
 */
static void memblock_set_node_split_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;

	reset_memblock();
	memblock_add(SZ_1G, SZ_1G);
	ASSERT_EQ(memblock_set_node(SZ_1G, SZ_256M, &memblock.memory, 0), 0);
	ASSERT_EQ(memblock_set_node(SZ_1G + SZ_256M, SZ_256M, &memblock.memory, 1), 0);

	ASSERT_EQ(memblock.memory.cnt, 3);
	ASSERT_RGN(&rgn[0], SZ_1G, SZ_256M);
	ASSERT_EQ(memblock_get_region_node(&rgn[0]), 0);
	ASSERT_RGN(&rgn[1], SZ_1G + SZ_256M, SZ_256M);
	ASSERT_EQ(memblock_get_region_node(&rgn[1]), 1);
	ASSERT_RGN(&rgn[2], SZ_1G + SZ_512M, SZ_512M);
	ASSERT_EQ(memblock_get_region_node(&rgn[2]), MAX_NUMNODES);
	ASSERT_EQ(memblock.memory.total_size, SZ_1G);

	/* one node over all of it: merged back */
	memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 3);
	ASSERT_EQ(memblock.memory.cnt, 1);
	ASSERT_RGN(&rgn[0], SZ_1G, SZ_1G);
	ASSERT_EQ(rgn[0].nid, 3);
}

/* Isolating a range in a gap, or of size 0, changes nothing. */
static void memblock_set_node_gap_check(void)
{
	reset_memblock();
	memblock_add(SZ_1G, SZ_1M);
	memblock_add(SZ_1G + SZ_4M, SZ_1M);
	ASSERT_EQ(memblock_set_node(SZ_1G + SZ_2M, SZ_1M, &memblock.memory, 1), 0);
	ASSERT_EQ(memblock_set_node(SZ_1G, 0, &memblock.memory, 1), 0);
	ASSERT_EQ(memblock.memory.cnt, 2);
	ASSERT_EQ(memblock.memory.regions[0].nid, MAX_NUMNODES);
	ASSERT_EQ(memblock.memory.regions[1].nid, MAX_NUMNODES);
}

/* ---- the hand-over to the page allocator (memblock_free_all) ------------------------- */

/*
 * Memory: 16 pages from MEM_BASE, pages 1-2 reserved:
 *
 *  |0|R R|3|4 . . 7|8 . . . . . . 15|
 *   o0    o0  o2         o3
 *
 * Expect the reserved range handed to reserve_bootmem_region, the free pages to the buddy
 * in the largest naturally aligned blocks (orders 0, 0, 2, 3), and 14 pages counted.
 */
static void free_all_handover_check(void)
{
	unsigned long pfn = PHYS_PFN(MEM_BASE), saved_max_low_pfn = max_low_pfn;
	const struct handover_range want[] = {
		{ pfn, 0 }, { pfn + 3, 0 }, { pfn + 4, 2 }, { pfn + 8, 3 },
	};

	reset_memblock();
	memset(&handover, 0, sizeof(handover));
	memblock_add(MEM_BASE, 16 * PAGE_SIZE);
	memblock_reserve(MEM_BASE + PAGE_SIZE, 2 * PAGE_SIZE);
	max_low_pfn = pfn + 16;
	memblock_free_all();
	max_low_pfn = saved_max_low_pfn;

	ASSERT_EQ(handover.nr_reserved, 1);
	EXPECT_EQ(handover.reserved[0].a, MEM_BASE + PAGE_SIZE);
	EXPECT_EQ(handover.reserved[0].b, MEM_BASE + 3 * PAGE_SIZE);
	ASSERT_EQ(handover.nr_freed, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		EXPECT_EQ(handover.freed[i].a, want[i].a);
		EXPECT_EQ(handover.freed[i].b, want[i].b);
	}
	EXPECT_EQ(handover.totalram, 14);
}

/* ---- growing the arrays (memblock_allow_resize) ------------------------------------ */

/*
 * Memory: the simulated RAM plus 127 small regions below it (128: full). The 129th:
 *
 *  | +-+ +-+ ... +-+ +-+               +--------+--------+ |
 *  | |0| |1|     |126||new|            |  RAM   | array  | |
 *  +-+-+-+-+-----+-+-+-+---------------+--------+--------+-+
 *
 * Expect the array doubled to 256 entries in the top pages of the RAM (top-down),
 * those pages reserved, and every region carried over.
 */
static void memblock_add_many_check(void)
{
	phys_addr_t new_size = PAGE_ALIGN(2 * INIT_MEMBLOCK_REGIONS *
					  sizeof(struct memblock_region));
	phys_addr_t array = MEM_BASE + MEM_SIZE - new_size;
	struct memblock_region *rgn;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(MEM_BASE, MEM_SIZE);
	add_many(INIT_MEMBLOCK_REGIONS - 1, SZ_8M);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);

	ASSERT_EQ(memblock_add(SZ_8M + (INIT_MEMBLOCK_REGIONS - 1) * SZ_8K, SZ_4K), 0);

	rgn = memblock.memory.regions;
	ASSERT_EQ(memblock.memory.max, 2 * INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS + 1);
	ASSERT_EQ((void *)rgn, __va(array));
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		ASSERT_RGN(&rgn[i], SZ_8M + i * SZ_8K, SZ_4K);
	ASSERT_RGN(&rgn[INIT_MEMBLOCK_REGIONS], MEM_BASE, MEM_SIZE);
	ASSERT_EQ(memblock.memory.total_size, MEM_SIZE + INIT_MEMBLOCK_REGIONS * SZ_4K);

	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], array, new_size);

	/* the grown array keeps working: fill it to 256 */
	add_many(INIT_MEMBLOCK_REGIONS - 1, SZ_8M + INIT_MEMBLOCK_REGIONS * SZ_8K);
	ASSERT_EQ(memblock.memory.cnt, 2 * INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.max, 2 * INIT_MEMBLOCK_REGIONS);
}

/*
 * Reserved: 127 small reservations below the RAM, full after one more. Reserve the top
 * page of the RAM as the 129th:
 *
 *  |                    +------------+-------+----+ |
 *  |    0 .. 126        |            | array | new| |
 *  +--------------------+------------+-------+----+-+
 *                       ^ MEM_BASE                ^ MEM_BASE + MEM_SIZE
 *
 * Expect the new array placed below the range being reserved (nothing above it is
 * free), and merged with it into one reservation.
 */
static void memblock_reserve_many_check(void)
{
	phys_addr_t new_size = PAGE_ALIGN(2 * INIT_MEMBLOCK_REGIONS *
					  sizeof(struct memblock_region));
	struct region r = { .base = MEM_BASE + MEM_SIZE - SZ_4K, .size = SZ_4K };
	struct memblock_region *rgn;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(MEM_BASE, MEM_SIZE);
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(SZ_8M + i * SZ_8K, SZ_4K);
	ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);

	ASSERT_EQ(memblock_reserve(r.base, r.size), 0);

	rgn = memblock.reserved.regions;
	ASSERT_EQ(memblock.reserved.max, 2 * INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ((void *)rgn, __va(r.base - new_size));
	ASSERT_EQ(memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS + 1);
	for (int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		ASSERT_RGN(&rgn[i], SZ_8M + i * SZ_8K, SZ_4K);
	ASSERT_RGN(&rgn[INIT_MEMBLOCK_REGIONS], r.base - new_size, new_size + r.size);
	ASSERT_EQ(memblock.reserved.total_size,
		  INIT_MEMBLOCK_REGIONS * SZ_4K + new_size + r.size);
}

/*
 * Memory doubled twice, 128 -> 256 -> 512: expect the second array below the first,
 * and the first (allocated, unlike the static one) freed again.
 *
 *  |  0 .. 255  +-------------------+--------+-------+ |
 *  |            |        RAM        | array2 |(free) | |
 *  +------------+-------------------+--------+-------+-+
 */
static void memblock_double_twice_check(void)
{
	phys_addr_t size1 = PAGE_ALIGN(2 * INIT_MEMBLOCK_REGIONS * sizeof(struct memblock_region));
	phys_addr_t size2 = PAGE_ALIGN(4 * INIT_MEMBLOCK_REGIONS * sizeof(struct memblock_region));
	phys_addr_t array1 = MEM_BASE + SZ_64K - size1;
	phys_addr_t array2 = array1 - size2;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(MEM_BASE, SZ_64K);
	add_many(2 * INIT_MEMBLOCK_REGIONS, SZ_8M);

	ASSERT_EQ(memblock.memory.max, 4 * INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.cnt, 2 * INIT_MEMBLOCK_REGIONS + 1);
	ASSERT_EQ((void *)memblock.memory.regions, __va(array2));
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], array2, size2);
	ASSERT_FALSE(memblock_is_reserved(array1));
	for (int i = 0; i < 2 * INIT_MEMBLOCK_REGIONS; i++)
		ASSERT_RGN(&memblock.memory.regions[i], SZ_8M + i * SZ_8K, SZ_4K);
}

/*
 * memory.cnt = 127 of 128, then a hole punched in a region needs two more: expect the
 * array doubled before the split, and the split done.
 */
static void memblock_remove_many_check(void)
{
	struct memblock_region *rgn;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(MEM_BASE, MEM_SIZE);
	add_many(INIT_MEMBLOCK_REGIONS - 2, SZ_8M);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 1);

	ASSERT_EQ(memblock_remove(MEM_BASE + SZ_1K, SZ_1K), 0);

	rgn = memblock.memory.regions;
	ASSERT_EQ(memblock.memory.max, 2 * INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	ASSERT_RGN(&rgn[INIT_MEMBLOCK_REGIONS - 2], MEM_BASE, SZ_1K);
	ASSERT_RGN(&rgn[INIT_MEMBLOCK_REGIONS - 1], MEM_BASE + SZ_2K, MEM_SIZE - SZ_2K);
}

/* Resizing allowed but no room below current_limit: expect -ENOMEM, nothing changed. */
static void memblock_double_array_no_space_check(void)
{
	reset_memblock();
	memblock_allow_resize();
	memblock_add(MEM_BASE, MEM_SIZE);
	add_many(INIT_MEMBLOCK_REGIONS - 1, SZ_8M);
	memblock_set_current_limit(MEM_BASE);

	ASSERT_EQ(memblock_add(SZ_1G - SZ_1M, SZ_4K), -ENOMEM);
	ASSERT_EQ(memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(memblock.memory.regions, init_memory_regions);
	ASSERT_EQ(memblock.reserved.total_size, 0);
}

/* ---- direction ---------------------------------------------------------------------- */

static void memblock_set_bottom_up_check(void)
{
	reset_memblock();
	memblock_set_bottom_up(false);
	ASSERT_EQ(memblock.bottom_up, false);
	memblock_set_bottom_up(true);
	ASSERT_EQ(memblock.bottom_up, true);
}

static void memblock_bottom_up_check(void)
{
	reset_memblock();
	memblock_set_bottom_up(false);
	ASSERT_EQ(memblock_bottom_up(), false);
	memblock_set_bottom_up(true);
	ASSERT_EQ(memblock_bottom_up(), true);
}

/* ---- memblock_trim_memory ---------------------------------------------------------- */

/* Regions already aligned: expect no change. */
static void memblock_trim_memory_aligned_check(void)
{
	struct memblock_region *rgn = &memblock.memory.regions[0];
	const phys_addr_t alignment = SMP_CACHE_BYTES;
	struct region r = { .base = alignment, .size = alignment * 4 };

	reset_memblock();
	memblock_add(r.base, r.size);
	memblock_trim_memory(alignment);

	ASSERT_RGN(rgn, r.base, r.size);
	ASSERT_EQ(memblock.memory.cnt, 1);
}

/*
 *  |        +--------+   +--------+-+     |
 *  |        |   r1   |   |   r2   |r3|    |
 *  +--------+--------+---+--------+-+-----+
 *
 * r3 (not touching r2) holds no aligned block: expect it removed, the others kept.
 */
static void memblock_trim_memory_too_small_check(void)
{
	struct memblock_region *rgn1 = &memblock.memory.regions[0];
	struct memblock_region *rgn2 = &memblock.memory.regions[1];
	const phys_addr_t alignment = SMP_CACHE_BYTES;
	struct region r1 = { .base = alignment, .size = alignment * 2 };
	struct region r2 = { .base = alignment * 4, .size = alignment * 2 };
	struct region r3 = { .base = alignment * 12, .size = alignment / 2 };

	reset_memblock();
	memblock_add(r1.base, r1.size);
	memblock_add(r2.base, r2.size);
	memblock_add(r3.base, r3.size);
	memblock_trim_memory(alignment);

	ASSERT_RGN(rgn1, r1.base, r1.size);
	ASSERT_RGN(rgn2, r2.base, r2.size);
	ASSERT_EQ(memblock.memory.cnt, 2);
	ASSERT_EQ(memblock.memory.total_size, r1.size + r2.size);
}

/* r2's base is unaligned: expect it rounded up, its end kept. */
static void memblock_trim_memory_unaligned_base_check(void)
{
	struct memblock_region *rgn1 = &memblock.memory.regions[0];
	struct memblock_region *rgn2 = &memblock.memory.regions[1];
	const phys_addr_t alignment = SMP_CACHE_BYTES;
	phys_addr_t offset = SZ_2;
	struct region r1 = { .base = alignment, .size = alignment * 2 };
	struct region r2 = { .base = alignment * 4 + offset, .size = alignment * 2 - offset };
	phys_addr_t new_r2_base = r2.base + (alignment - offset);
	phys_addr_t new_r2_size = r2.size - (alignment - offset);

	reset_memblock();
	memblock_add(r1.base, r1.size);
	memblock_add(r2.base, r2.size);
	memblock_trim_memory(alignment);

	ASSERT_RGN(rgn1, r1.base, r1.size);
	ASSERT_RGN(rgn2, new_r2_base, new_r2_size);
	ASSERT_EQ(memblock.memory.cnt, 2);
	ASSERT_EQ(memblock.memory.total_size, r1.size + new_r2_size);
}

/* r2's end is unaligned: expect it rounded down. */
static void memblock_trim_memory_unaligned_end_check(void)
{
	struct memblock_region *rgn1 = &memblock.memory.regions[0];
	struct memblock_region *rgn2 = &memblock.memory.regions[1];
	const phys_addr_t alignment = SMP_CACHE_BYTES;
	phys_addr_t offset = SZ_2;
	struct region r1 = { .base = alignment, .size = alignment * 2 };
	struct region r2 = { .base = alignment * 4, .size = alignment * 2 - offset };

	reset_memblock();
	memblock_add(r1.base, r1.size);
	memblock_add(r2.base, r2.size);
	memblock_trim_memory(alignment);

	ASSERT_RGN(rgn1, r1.base, r1.size);
	ASSERT_RGN(rgn2, r2.base, r2.size - (alignment - offset));
	ASSERT_EQ(memblock.memory.cnt, 2);
}

/* ---- mem= and friends --------------------------------------------------------------- */

/*
 *  |  +--------+   +--------+   +--------+ |
 *  |  |   r1   |   |   r2   |   |   r3   | |
 *  +--+--------+---+--------+---+--------+-+
 *        limit = r1.size + r2.size / 2 ^
 *
 * Expect memory and reservations to end where the limit is used up.
 */
static void memblock_enforce_memory_limit_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;
	phys_addr_t cut = SZ_1G + SZ_4M + SZ_1M / 2;

	reset_memblock();
	memblock_add(SZ_1G, SZ_1M);
	memblock_add(SZ_1G + SZ_4M, SZ_1M);
	memblock_add(SZ_1G + SZ_8M, SZ_1M);
	memblock_mark_nomap(SZ_1G + SZ_8M, SZ_1M);
	memblock_reserve(SZ_1G + SZ_4M, SZ_8M);

	memblock_enforce_memory_limit(SZ_1M + SZ_1M / 2);

	ASSERT_EQ(memblock.memory.cnt, 2);
	ASSERT_RGN(&rgn[1], SZ_1G + SZ_4M, SZ_1M / 2);
	ASSERT_EQ(memblock_end_of_DRAM(), cut);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], SZ_1G + SZ_4M, cut - SZ_1G - SZ_4M);

	/* a limit of 0 or above the memory size changes nothing */
	memblock_enforce_memory_limit(0);
	memblock_enforce_memory_limit(SZ_1G);
	ASSERT_EQ(memblock.memory.total_size, SZ_1M + SZ_1M / 2);
}

/* As above through memblock_mem_limit_remove_map: nomap regions above the cut stay. */
static void memblock_mem_limit_remove_map_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;

	reset_memblock();
	memblock_add(SZ_1G, SZ_1M);
	memblock_add(SZ_1G + SZ_4M, SZ_1M);
	memblock_add(SZ_1G + SZ_8M, SZ_1M);
	memblock_mark_nomap(SZ_1G + SZ_8M, SZ_1M);
	memblock_reserve(SZ_1G + SZ_4M, SZ_8M);

	memblock_mem_limit_remove_map(SZ_1M + SZ_1M / 2);

	ASSERT_EQ(memblock.memory.cnt, 3);
	ASSERT_RGN(&rgn[0], SZ_1G, SZ_1M);
	ASSERT_RGN(&rgn[1], SZ_1G + SZ_4M, SZ_1M / 2);
	ASSERT_RGN(&rgn[2], SZ_1G + SZ_8M, SZ_1M);
	ASSERT_EQ(rgn[2].flags, MEMBLOCK_NOMAP);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], SZ_1G + SZ_4M, SZ_1M / 2);
}

/* Keep [base, base + size): memory and reservations outside go, nomap memory stays. */
static void memblock_cap_memory_range_check(void)
{
	struct memblock_region *rgn = memblock.memory.regions;

	reset_memblock();
	/* nothing registered: a warning, nothing done */
	memblock_cap_memory_range(SZ_1G, SZ_1M);
	ASSERT_EQ(memblock.memory.total_size, 0);

	memblock_add(SZ_1G, SZ_16M);
	memblock_mark_nomap(SZ_1G, SZ_1M);
	memblock_reserve(SZ_1G, SZ_16M);
	memblock_cap_memory_range(SZ_1G + SZ_4M, SZ_4M);

	ASSERT_EQ(memblock.memory.cnt, 2);
	ASSERT_RGN(&rgn[0], SZ_1G, SZ_1M);
	ASSERT_EQ(rgn[0].flags, MEMBLOCK_NOMAP);
	ASSERT_RGN(&rgn[1], SZ_1G + SZ_4M, SZ_4M);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], SZ_1G + SZ_4M, SZ_4M);
}

/* ---- queries ------------------------------------------------------------------------ */

/*
 *  |   +--------+      +--------+          |
 *  |   |   m1   |      |   m2   |  memory  |
 *  |   +--+--+--+      +--------+          |
 *  |      |rs|                    reserved |
 *  +------+--+-----------------------------+
 */
static void memblock_search_checks(void)
{
	struct region m1 = { .base = SZ_1G, .size = SZ_1M };
	struct region m2 = { .base = SZ_1G + SZ_4M, .size = SZ_2M };
	struct region rs = { .base = SZ_1G + SZ_256K, .size = SZ_4K };
	unsigned long spfn, epfn;

	reset_memblock();
	ASSERT_EQ(memblock_start_of_DRAM(), 0);
	ASSERT_EQ(memblock_end_of_DRAM(), 0);
	ASSERT_FALSE(memblock_is_memory(0));

	memblock_add_node(m2.base, m2.size, 1, MEMBLOCK_NONE);
	memblock_add_node(m1.base, m1.size, 0, MEMBLOCK_NONE);
	memblock_reserve(rs.base, rs.size);

	ASSERT_EQ(memblock_start_of_DRAM(), m1.base);
	ASSERT_EQ(memblock_end_of_DRAM(), m2.base + m2.size);
	ASSERT_EQ(memblock_phys_mem_size(), m1.size + m2.size);
	ASSERT_EQ(memblock_reserved_size(), rs.size);

	ASSERT_TRUE(memblock_is_memory(m1.base));
	ASSERT_TRUE(memblock_is_memory(m1.base + m1.size - 1));
	ASSERT_FALSE(memblock_is_memory(m1.base + m1.size));
	ASSERT_FALSE(memblock_is_memory(m1.base - 1));
	ASSERT_TRUE(memblock_is_memory(m2.base + SZ_1M));
	ASSERT_FALSE(memblock_is_memory(m2.base + m2.size));

	ASSERT_TRUE(memblock_is_region_memory(m1.base, m1.size));
	ASSERT_TRUE(memblock_is_region_memory(m2.base + SZ_4K, SZ_4K));
	ASSERT_FALSE(memblock_is_region_memory(m1.base, m1.size + 1));
	ASSERT_FALSE(memblock_is_region_memory(m1.base, SZ_8M));
	ASSERT_FALSE(memblock_is_region_memory(m1.base - SZ_4K, SZ_8K));

	ASSERT_TRUE(memblock_is_reserved(rs.base));
	ASSERT_TRUE(memblock_is_reserved(rs.base + rs.size - 1));
	ASSERT_FALSE(memblock_is_reserved(rs.base + rs.size));
	ASSERT_TRUE(memblock_is_region_reserved(m1.base, m1.size));
	ASSERT_TRUE(memblock_is_region_reserved(rs.base + rs.size - 1, SZ_1G));
	ASSERT_FALSE(memblock_is_region_reserved(rs.base + rs.size, SZ_1M));
	ASSERT_FALSE(memblock_is_region_reserved(m1.base, rs.base - m1.base));

	ASSERT_EQ(memblock_search_pfn_nid(PHYS_PFN(m2.base) + 3, &spfn, &epfn), 1);
	ASSERT_EQ(spfn, PHYS_PFN(m2.base));
	ASSERT_EQ(epfn, PHYS_PFN(m2.base + m2.size));
	ASSERT_EQ(memblock_search_pfn_nid(PHYS_PFN(m1.base), &spfn, &epfn), 0);
	ASSERT_EQ(memblock_search_pfn_nid(PHYS_PFN(m2.base) - 1, &spfn, &epfn), -1);

	ASSERT_TRUE(memblock_overlaps_region(&memblock.memory, m1.base + m1.size - 1, SZ_8M));
	ASSERT_FALSE(memblock_overlaps_region(&memblock.memory, m1.base + m1.size, SZ_1M));
	ASSERT_EQ(memblock_addrs_overlap(0, 10, 9, 1), 1);
	ASSERT_EQ(memblock_addrs_overlap(0, 10, 10, 1), 0);
}

static void memblock_current_limit_check(void)
{
	reset_memblock();
	memblock_set_current_limit(SZ_1G);
	ASSERT_EQ(memblock_get_current_limit(), SZ_1G);
	ASSERT_EQ(memblock.current_limit, SZ_1G);
}

/* ---- iterators ---------------------------------------------------------------------- */

/*
 * Memory on two nodes with a nomap part, two reservations:
 *
 *  |  +------------+------+      +-------------+   |
 *  |  |   node 0   |nomap |      |   node 1    |   | memory
 *  |  +---+----+---+------+      +---+-----+---+   |
 *  |      | r1 |                     | r2  |       | reserved
 *  +------+----+---------------------+-----+-------+
 *
 * Expect the free ranges: node 0 around r1 (nomap skipped), node 1 around r2.
 */
static void setup_iter_memblock(void)
{
	reset_memblock();
	memblock_add_node(SZ_1G, SZ_4M, 0, MEMBLOCK_NONE);
	memblock_mark_nomap(SZ_1G + SZ_2M, SZ_2M);
	memblock_add_node(SZ_1G + SZ_8M, SZ_4M, 1, MEMBLOCK_NONE);
	memblock_reserve(SZ_1G + SZ_512K, SZ_512K);
	memblock_reserve(SZ_1G + SZ_8M + SZ_1M, SZ_1M);
}

static const struct region iter_free[] = {
	{ SZ_1G, SZ_512K },
	{ SZ_1G + SZ_1M, SZ_1M },
	{ SZ_1G + SZ_8M, SZ_1M },
	{ SZ_1G + SZ_8M + SZ_2M, SZ_2M },
};
static const int iter_free_nid[] = { 0, 0, 1, 1 };

static void for_each_free_mem_range_check(void)
{
	phys_addr_t start, end;
	int nid, n = 0;
	u64 i;

	setup_iter_memblock();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, &nid) {
		ASSERT_TRUE(n < 4);
		ASSERT_EQ(start, iter_free[n].base);
		ASSERT_EQ(end, iter_free[n].base + iter_free[n].size);
		ASSERT_EQ(nid, iter_free_nid[n]);
		n++;
	}
	ASSERT_EQ(n, 4);

	n = 4;
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, &nid) {
		n--;
		ASSERT_TRUE(n >= 0);
		ASSERT_EQ(start, iter_free[n].base);
		ASSERT_EQ(end, iter_free[n].base + iter_free[n].size);
		ASSERT_EQ(nid, iter_free_nid[n]);
	}
	ASSERT_EQ(n, 0);

	n = 0;
	for_each_free_mem_range(i, 1, MEMBLOCK_NONE, &start, NULL, NULL) {
		ASSERT_EQ(start, iter_free[2 + n].base);
		n++;
	}
	ASSERT_EQ(n, 2);

	/* asking for nomap memory too: the nomap region is one more free range */
	n = 0;
	for_each_free_mem_range(i, 0, MEMBLOCK_NOMAP, &start, &end, NULL)
		n++;
	ASSERT_EQ(n, 3);
	ASSERT_EQ(start, SZ_1G + SZ_2M);
	ASSERT_EQ(end, SZ_1G + SZ_4M);
}

static void for_each_mem_range_check(void)
{
	phys_addr_t start, end, last = 0;
	int n = 0;
	u64 i;

	setup_iter_memblock();
	for_each_mem_range(i, &start, &end) {
		ASSERT_TRUE(start >= last);
		last = end;
		n++;
	}
	/* the nomap region is not walked */
	ASSERT_EQ(n, 2);
	ASSERT_EQ(last, SZ_1G + SZ_8M + SZ_4M);

	for_each_mem_range_rev(i, &start, &end) {
		ASSERT_EQ(end, last);
		last = start - 1;
		n--;
		break;
	}
	ASSERT_EQ(n, 1);

	n = 0;
	for_each_reserved_mem_range(i, &start, &end)
		n++;
	ASSERT_EQ(n, 2);
	ASSERT_EQ(start, SZ_1G + SZ_8M + SZ_1M);
	ASSERT_EQ(end, SZ_1G + SZ_8M + SZ_2M);
}

static void for_each_mem_region_check(void)
{
	struct memblock_region *r;
	int n = 0;

	setup_iter_memblock();
	for_each_mem_region(r)
		n++;
	ASSERT_EQ(n, 3);
	n = 0;
	for_each_reserved_mem_region(r) {
		ASSERT_EQ(memblock_region_reserved_base_pfn(r), PHYS_PFN(r->base));
		n++;
	}
	ASSERT_EQ(n, 2);
}

/*
 *  |  +-------+  +-+ +----------+             |
 *  |  | n0    |  | | |  n1      |   memory    |
 *  +--+-------+--+-+-+----------+-------------+
 *                 ^ less than a page
 *
 * Expect whole pages only: the partial region skipped, unaligned ends rounded inwards.
 */
static void for_each_mem_pfn_range_check(void)
{
	unsigned long spfn, epfn;
	int i, nid, n = 0;

	reset_memblock();
	memblock_add_node(SZ_1G + SZ_1K, SZ_16K, 0, MEMBLOCK_NONE);
	memblock_add_node(SZ_1G + SZ_64K + SZ_1K, SZ_2K, 0, MEMBLOCK_NONE);
	memblock_add_node(SZ_1G + SZ_128K, SZ_32K, 1, MEMBLOCK_NONE);
	memblock_mark_nomap(SZ_1G + SZ_128K, SZ_4K);

	for_each_mem_pfn_range(i, MAX_NUMNODES, &spfn, &epfn, &nid) {
		if (n == 0) {
			ASSERT_EQ(spfn, PHYS_PFN(SZ_1G) + 1);
			ASSERT_EQ(epfn, PHYS_PFN(SZ_1G + SZ_16K));
			ASSERT_EQ(nid, 0);
		} else if (n == 1) {
			/* nomap memory is still memory: it has a memory map */
			ASSERT_EQ(spfn, PHYS_PFN(SZ_1G + SZ_128K));
			ASSERT_EQ(epfn, spfn + 1);
		} else {
			ASSERT_EQ(spfn, PHYS_PFN(SZ_1G + SZ_128K) + 1);
			ASSERT_EQ(epfn, PHYS_PFN(SZ_1G + SZ_128K + SZ_32K));
			ASSERT_EQ(nid, 1);
		}
		n++;
	}
	ASSERT_EQ(n, 3);

	n = 0;
	for_each_mem_pfn_range(i, 1, &spfn, NULL, NULL)
		n++;
	ASSERT_EQ(n, 2);
	ASSERT_EQ(i, -1);
}

/* Empty memory: the walks yield nothing usable and nothing can be allocated. */
static void iterators_empty_check(void)
{
	phys_addr_t start, end;
	unsigned long spfn, epfn;
	int n = 0, j;
	u64 i;

	reset_memblock();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		n++;
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		n++;
	for_each_mem_pfn_range(j, MAX_NUMNODES, &spfn, &epfn, NULL)
		n++;
	ASSERT_EQ(n, 0);
	ASSERT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	ASSERT_EQ(memblock_alloc(SZ_4K, SZ_4K), NULL);
}

/* Dumping walks both arrays (output only with KTEST_VERBOSE and memblock=debug). */
static void memblock_dump_all_check(void)
{
	setup_iter_memblock();
	memblock_dump_all();
	__memblock_dump_all();
	ASSERT_EQ(memblock.memory.cnt, 3);
}

/* ---- memblock_alloc (alloc_api) ----------------------------------------------------- */

static phys_addr_t mem_end(void)
{
	return memblock_end_of_DRAM();
}

/*
 *  |                              +--+   |
 *  |          memory              |r |   |
 *  +------------------------------+--+---+
 *
 * Top-down, nothing reserved: expect the block at the aligned top of memory, zeroed.
 */
static void alloc_top_down_simple_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	phys_addr_t size = SZ_2;
	void *ptr;

	run_top_down(setup_memblock);
	ptr = memblock_alloc(size, SMP_CACHE_BYTES);

	ASSERT_NE(ptr, NULL);
	assert_mem_content(ptr, size, TEST_F_NONE);
	ASSERT_RGN(rgn, mem_end() - SMP_CACHE_BYTES, size);
	ASSERT_EQ(ptr, __va(rgn->base));
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, size);
}

/*
 *  |                   +----+     +--+     |
 *  |                   | r1 |     |r2|     |
 *  +-------------------+----+-----+--+-----+
 *
 * r1 reserved below the top with room above it: expect r2 at the top, separate.
 */
static void alloc_top_down_disjoint_check(void)
{
	struct memblock_region *rgn1 = &memblock.reserved.regions[0];
	struct memblock_region *rgn2 = &memblock.reserved.regions[1];
	struct region r1 = { .size = SZ_128 };
	phys_addr_t r2_size = SZ_16;
	void *ptr;

	run_top_down(setup_memblock);
	r1.base = mem_end() - SZ_512;
	memblock_reserve(r1.base, r1.size);
	ptr = memblock_alloc(r2_size, SZ_4);

	ASSERT_NE(ptr, NULL);
	assert_mem_content(ptr, r2_size, TEST_F_NONE);
	ASSERT_RGN(rgn1, r1.base, r1.size);
	ASSERT_RGN(rgn2, mem_end() - r2_size, r2_size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
	ASSERT_EQ(memblock.reserved.total_size, r1.size + r2_size);
}

/*
 *  |                         +-----+-----+ |
 *  |                         | r2  | r1  | |
 *  +-------------------------+-----+-----+-+
 *
 * r1 reserved at the very top: expect r2 right below it, merged.
 */
static void alloc_top_down_before_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r1 = { .size = SZ_512 };
	phys_addr_t r2_size = SZ_128;

	run_top_down(setup_memblock);
	r1.base = mem_end() - r1.size;
	memblock_reserve(r1.base, r1.size);
	ASSERT_NE(memblock_alloc(r2_size, SMP_CACHE_BYTES), NULL);

	ASSERT_RGN(rgn, r1.base - r2_size, r1.size + r2_size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, r1.size + r2_size);
}

/*
 *  |                    +--------+--+     |
 *  |                    |   r1   |r2|     |
 *  +--------------------+--------+--+-----+
 *
 * r1 ends exactly r2's size below the top: expect r2 above it, merged.
 */
static void alloc_top_down_after_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	phys_addr_t r2_size = SZ_128;
	struct region r1;

	run_top_down(setup_memblock);
	r1.base = mem_end() - SZ_512 - r2_size;
	r1.size = SZ_512;
	memblock_reserve(r1.base, r1.size);
	ASSERT_NE(memblock_alloc(r2_size, SMP_CACHE_BYTES), NULL);

	ASSERT_RGN(rgn, r1.base, r1.size + r2_size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/*
 *  |             +-----+-----+       +--+  |
 *  |             | new | r2  |  gap  |r1|  |
 *  +-------------+-----+-----+-------+--+--+
 *
 * The gap between r2 and r1 is too small: expect the block below r2, merged with it.
 */
static void alloc_top_down_second_fit_check(void)
{
	struct memblock_region *rgn1 = &memblock.reserved.regions[0];
	struct memblock_region *rgn2 = &memblock.reserved.regions[1];
	struct region r1, r2;
	phys_addr_t size = SZ_512;

	run_top_down(setup_memblock);
	r1.base = mem_end() - SZ_256;
	r1.size = SZ_256;
	r2.base = mem_end() - SZ_1K;
	r2.size = SZ_512;
	memblock_reserve(r1.base, r1.size);
	memblock_reserve(r2.base, r2.size);
	ASSERT_NE(memblock_alloc(size, SMP_CACHE_BYTES), NULL);

	ASSERT_RGN(rgn1, r2.base - size, r2.size + size);
	ASSERT_RGN(rgn2, r1.base, r1.size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
	ASSERT_EQ(memblock.reserved.total_size, r1.size + r2.size + size);
}

/* Bottom-up, nothing reserved: expect the block at the start of memory. */
static void alloc_bottom_up_simple_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	void *ptr;

	run_bottom_up(setup_memblock);
	ptr = memblock_alloc(SZ_2, SMP_CACHE_BYTES);

	ASSERT_NE(ptr, NULL);
	ASSERT_EQ(ptr, __va(MEM_BASE));
	ASSERT_RGN(rgn, MEM_BASE, SZ_2);
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/*
 *  |  +--+      +----+                     |
 *  |  |r2|      | r1 |                     |
 *  +--+--+------+----+---------------------+
 *
 * r1 reserved with room below it: expect r2 at the start of memory, separate.
 */
static void alloc_bottom_up_disjoint_check(void)
{
	struct memblock_region *rgn1 = &memblock.reserved.regions[0];
	struct memblock_region *rgn2 = &memblock.reserved.regions[1];
	struct region r1 = { .base = MEM_BASE + SZ_512, .size = SZ_128 };
	phys_addr_t r2_size = SZ_16;

	run_bottom_up(setup_memblock);
	memblock_reserve(r1.base, r1.size);
	ASSERT_NE(memblock_alloc(r2_size, SZ_4), NULL);

	ASSERT_RGN(rgn1, MEM_BASE, r2_size);
	ASSERT_RGN(rgn2, r1.base, r1.size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
}

/*
 *  +-----+-----+                         |
 *  | r1  | r2  |                         |
 *  +-----+-----+-------------------------+
 *
 * r1 reserved at the start of memory: expect r2 right after it, merged.
 */
static void alloc_bottom_up_after_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	struct region r1 = { .base = MEM_BASE, .size = SZ_512 };
	phys_addr_t r2_size = SZ_128;

	run_bottom_up(setup_memblock);
	memblock_reserve(r1.base, r1.size);
	ASSERT_NE(memblock_alloc(r2_size, SMP_CACHE_BYTES), NULL);

	ASSERT_RGN(rgn, r1.base, r1.size + r2_size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/*
 *  +--+       +-----+-----+              |
 *  |r1|  gap  | r2  | new |              |
 *  +--+-------+-----+-----+--------------+
 *
 * The gap between r1 and r2 is too small: expect the block after r2, merged with it.
 */
static void alloc_bottom_up_second_fit_check(void)
{
	struct memblock_region *rgn1 = &memblock.reserved.regions[0];
	struct memblock_region *rgn2 = &memblock.reserved.regions[1];
	struct region r1 = { .base = MEM_BASE, .size = SZ_256 };
	struct region r2 = { .base = MEM_BASE + SZ_512, .size = SZ_512 };
	phys_addr_t size = SZ_512;

	run_bottom_up(setup_memblock);
	memblock_reserve(r1.base, r1.size);
	memblock_reserve(r2.base, r2.size);
	ASSERT_NE(memblock_alloc(size, SMP_CACHE_BYTES), NULL);

	ASSERT_RGN(rgn1, r1.base, r1.size);
	ASSERT_RGN(rgn2, r2.base, r2.size + size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
}

/*
 *  +----------------+-------+-------------+
 *  |      r1        |  new  |     r2      |
 *  +----------------+-------+-------------+
 *
 * A gap of exactly the requested size: expect it filled and all merged into one.
 */
static void alloc_in_between_generic_check(void)
{
	struct memblock_region *rgn = &memblock.reserved.regions[0];
	phys_addr_t size = SZ_512;
	phys_addr_t gap = MEM_BASE + SZ_4K + SZ_256;

	setup_memblock();
	memblock_reserve(MEM_BASE, gap - MEM_BASE);
	memblock_reserve(gap + size, mem_end() - gap - size);
	ASSERT_NE(memblock_alloc(size, SMP_CACHE_BYTES), NULL);

	ASSERT_RGN(rgn, MEM_BASE, MEM_SIZE);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, MEM_SIZE);
}

/*
 *  +---+  +---+  +---+  +---+  +---+  +---+
 *  |   |  |   |  |   |  |   |  |   |  |   |
 *  +---+--+---+--+---+--+---+--+---+--+---+
 *
 * Every gap smaller than the request: expect NULL and nothing reserved by the call.
 */
static void alloc_small_gaps_generic_check(void)
{
	phys_addr_t total;

	setup_memblock();
	for (phys_addr_t b = MEM_BASE; b < mem_end(); b += SZ_512)
		memblock_reserve(b, SZ_256);
	total = memblock.reserved.total_size;

	ASSERT_EQ(memblock_alloc(SZ_512, SMP_CACHE_BYTES), NULL);
	ASSERT_EQ(memblock.reserved.total_size, total);
	ASSERT_EQ(memblock.reserved.cnt, MEM_SIZE / SZ_512);
}

/* All memory reserved: expect NULL. */
static void alloc_all_reserved_generic_check(void)
{
	setup_memblock();
	memblock_reserve(MEM_BASE, MEM_SIZE);

	ASSERT_EQ(memblock_alloc(SZ_256, SMP_CACHE_BYTES), NULL);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, MEM_SIZE);
}

/* Less free than asked: expect NULL and the reservations unchanged. */
static void alloc_no_space_generic_check(void)
{
	setup_memblock();
	memblock_reserve(MEM_BASE, MEM_SIZE - SZ_256);

	ASSERT_EQ(memblock_alloc(SZ_512, SMP_CACHE_BYTES), NULL);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, MEM_SIZE - SZ_256);
}

/* Exactly as much free as asked, at the top: expect it taken, all memory reserved. */
static void alloc_limited_space_generic_check(void)
{
	setup_memblock();
	memblock_reserve(MEM_BASE, MEM_SIZE - SZ_512);

	ASSERT_NE(memblock_alloc(SZ_512, SMP_CACHE_BYTES), NULL);
	ASSERT_RGN(&memblock.reserved.regions[0], MEM_BASE, MEM_SIZE);
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/* No memory at all: expect NULL and nothing reserved. */
static void alloc_no_memory_generic_check(void)
{
	reset_memblock_regions();

	ASSERT_EQ(memblock_alloc(SZ_1K, SMP_CACHE_BYTES), NULL);
	ASSERT_EQ(memblock_phys_alloc(SZ_1K, SMP_CACHE_BYTES), 0);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, 0);
}

/* More than all memory: expect NULL. */
static void alloc_too_large_generic_check(void)
{
	setup_memblock();
	ASSERT_EQ(memblock_alloc(MEM_SIZE + SZ_2, SMP_CACHE_BYTES), NULL);
	ASSERT_EQ(memblock.reserved.total_size, 0);
}

#define BOTH_DIRECTIONS(name)						\
static void name##_check(void)						\
{									\
	run_top_down(name##_generic_check);				\
	run_bottom_up(name##_generic_check);				\
}

BOTH_DIRECTIONS(alloc_in_between)
BOTH_DIRECTIONS(alloc_small_gaps)
BOTH_DIRECTIONS(alloc_all_reserved)
BOTH_DIRECTIONS(alloc_no_space)
BOTH_DIRECTIONS(alloc_limited_space)
BOTH_DIRECTIONS(alloc_no_memory)
BOTH_DIRECTIONS(alloc_too_large)

/* memblock_alloc zeroes what it returns, memblock_alloc_raw leaves it as it was. */
static void alloc_zeroed_generic_check(void)
{
	void *ptr;

	setup_memblock();
	ptr = memblock_alloc(SZ_4K, SZ_4K);
	ASSERT_NE(ptr, NULL);
	assert_mem_content(ptr, SZ_4K, TEST_F_NONE);

	ptr = memblock_alloc_raw(SZ_4K, SZ_4K);
	ASSERT_NE(ptr, NULL);
	assert_mem_content(ptr, SZ_4K, TEST_F_RAW);
	ASSERT_EQ(((unsigned char *)ptr)[0], 0xaa);
	ASSERT_EQ(memblock.reserved.total_size, SZ_8K);
}

BOTH_DIRECTIONS(alloc_zeroed)

/*
 * The start is aligned as asked, from either end:
 *
 *  +--+  +------+            +------+  +--+
 *  |r |  | new  |   ...      | new  |  |r |
 *  +--+--+------+------------+------+--+--+
 *  ^MEM_BASE + 4K (bottom-up)   ^ end - 4K (top-down)
 */
static void alloc_alignment_generic_check(void)
{
	phys_addr_t base;

	setup_memblock();
	memblock_reserve(MEM_BASE, 100);
	memblock_reserve(mem_end() - 100, 100);

	base = memblock_phys_alloc(SZ_16, SZ_4K);
	ASSERT_EQ(base, memblock_bottom_up() ? MEM_BASE + SZ_4K : mem_end() - SZ_4K);

	/* align 0 warns and means SMP_CACHE_BYTES */
	base = memblock_phys_alloc(SZ_16, 0);
	ASSERT_TRUE(IS_ALIGNED(base, SMP_CACHE_BYTES));
	ASSERT_EQ(base, memblock_bottom_up() ? MEM_BASE + 128 : mem_end() - 128);
}

BOTH_DIRECTIONS(alloc_alignment)

/*
 * MEMBLOCK_ALLOC_ACCESSIBLE (memblock_alloc, memblock_phys_alloc) stays below
 * current_limit; memblock_alloc_try_nid clamps any max_addr to it, but
 * memblock_phys_alloc_range with MEMBLOCK_ALLOC_ANYWHERE does not.
 */
static void alloc_current_limit_check(void)
{
	phys_addr_t limit = MEM_BASE + SZ_8K;

	run_top_down(setup_memblock);
	memblock_set_current_limit(limit);

	ASSERT_EQ(memblock_alloc(SZ_1K, SZ_1K), __va(limit - SZ_1K));
	ASSERT_EQ(memblock_phys_alloc(SZ_1K, SZ_1K), limit - SZ_2K);
	ASSERT_EQ(memblock_alloc_try_nid(SZ_1K, SZ_1K, 0, MEMBLOCK_ALLOC_ANYWHERE,
					 NUMA_NO_NODE), __va(limit - 3 * SZ_1K));
	ASSERT_EQ(memblock_phys_alloc_range(SZ_1K, SZ_1K, 0, MEMBLOCK_ALLOC_ANYWHERE),
		  mem_end() - SZ_1K);
	ASSERT_EQ(memblock_alloc_low(SZ_1K, SZ_1K), __va(limit - 4 * SZ_1K));
	ASSERT_EQ(memblock.reserved.cnt, 2);
}

/*
 * Memory starting at address 0: the first page is never handed out, since 0 means
 * failure.
 */
static void alloc_skips_first_page_check(void)
{
	run_bottom_up(reset_memblock_regions);
	memblock_add(0, SZ_16K);
	ASSERT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), PAGE_SIZE);

	memblock_set_bottom_up(false);
	memblock_reserve(SZ_8K, SZ_8K);
	ASSERT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	ASSERT_EQ(memblock.reserved.total_size, SZ_4K + SZ_8K);
}

/*
 *  |   +-------------------+-------+       |
 *  |   |      memory   +---| NOMAP |       |
 *  |   |               |new|       |       |
 *  +---+---------------+---+-------+-------+
 *
 * Nomap memory is never allocated from: expect the block below it.
 */
static void alloc_skips_nomap_check(void)
{
	run_top_down(setup_memblock);
	memblock_mark_nomap(MEM_BASE + SZ_8K, SZ_8K);

	ASSERT_EQ(memblock_alloc(SZ_1K, SZ_1K), __va(MEM_BASE + SZ_8K - SZ_1K));
	ASSERT_EQ(memblock_phys_alloc(SZ_8K, SZ_4K), 0);
}

/*
 *        min                 max
 *  |      v   +------+        v          |
 *  |      |   | new  |        |          |
 *  +------+---+------+--------+----------+
 *
 * memblock_phys_alloc_range stays inside [min, max): expect max - size top-down and
 * min bottom-up; a range too small gives 0 and reserves nothing.
 */
static void memblock_phys_alloc_range_generic_check(void)
{
	phys_addr_t min = MEM_BASE + SZ_1K, max = MEM_BASE + SZ_4K;
	phys_addr_t base;

	setup_memblock();
	base = memblock_phys_alloc_range(SZ_256, SZ_64, min, max);
	ASSERT_EQ(base, memblock_bottom_up() ? min : max - SZ_256);
	ASSERT_RGN(&memblock.reserved.regions[0], base, SZ_256);

	ASSERT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_64, min, max), 0);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, SZ_256);
}

BOTH_DIRECTIONS(memblock_phys_alloc_range)

/* ---- memblock_alloc_from (alloc_helpers_api) ---------------------------------------- */

/*
 *  |                                 +---+ |
 *  |                                 |new| |
 *  +---------------------------------+---+-+
 *                                    ^ min_addr
 *
 * min_addr SMP_CACHE_BYTES below the end: expect the block at min_addr either way.
 */
static void alloc_from_simple_generic_check(void)
{
	phys_addr_t size = SZ_16, min_addr;
	void *ptr;

	setup_memblock();
	min_addr = mem_end() - SMP_CACHE_BYTES;
	ptr = memblock_alloc_from(size, SMP_CACHE_BYTES, min_addr);

	ASSERT_EQ(ptr, __va(min_addr));
	assert_mem_content(ptr, size, TEST_F_NONE);
	ASSERT_RGN(&memblock.reserved.regions[0], min_addr, size);
}

/* min_addr not aligned: expect the block at the next aligned address. */
static void alloc_from_misaligned_generic_check(void)
{
	phys_addr_t size = SZ_32, min_addr;

	setup_memblock();
	min_addr = mem_end() - (SMP_CACHE_BYTES * 2 - 1);
	ASSERT_EQ(memblock_alloc_from(size, SMP_CACHE_BYTES, min_addr),
		  __va(min_addr + SMP_CACHE_BYTES - 1));
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/*
 * min_addr above the end of memory: the limit is dropped. Expect the block at the top
 * (top-down) or the bottom (bottom-up) of memory.
 */
static void alloc_from_high_addr_generic_check(void)
{
	phys_addr_t size = SZ_32;

	setup_memblock();
	ASSERT_EQ(memblock_alloc_from(size, SMP_CACHE_BYTES, mem_end() + SZ_128),
		  __va(memblock_bottom_up() ? MEM_BASE : mem_end() - SMP_CACHE_BYTES));
	ASSERT_EQ(memblock.reserved.total_size, size);
}

/*
 *  |            +-----+--------------------+
 *  |            | new |     reserved       |
 *  +------------+-----+--------------------+
 *                     ^ min_addr
 *
 * Nothing free above min_addr: the limit is dropped. Expect the block right below it
 * (top-down, merged) or at the start of memory (bottom-up).
 */
static void alloc_from_no_space_above_generic_check(void)
{
	phys_addr_t size = SZ_64, min_addr = MEM_BASE + SZ_8K;

	setup_memblock();
	memblock_reserve(min_addr, mem_end() - min_addr);

	if (memblock_bottom_up()) {
		ASSERT_EQ(memblock_alloc_from(size, SMP_CACHE_BYTES, min_addr), __va(MEM_BASE));
		ASSERT_EQ(memblock.reserved.cnt, 2);
	} else {
		ASSERT_EQ(memblock_alloc_from(size, SMP_CACHE_BYTES, min_addr),
			  __va(min_addr - size));
		ASSERT_EQ(memblock.reserved.cnt, 1);
		ASSERT_RGN(&memblock.reserved.regions[0], min_addr - size,
			   mem_end() - min_addr + size);
	}
}

/* min_addr below the start of memory: expect the usual top or bottom. */
static void alloc_from_min_addr_cap_generic_check(void)
{
	phys_addr_t size = SZ_1K;

	setup_memblock();
	ASSERT_EQ(memblock_alloc_from(size, SMP_CACHE_BYTES, MEM_BASE - SZ_1M),
		  __va(memblock_bottom_up() ? MEM_BASE : mem_end() - size));
}

BOTH_DIRECTIONS(alloc_from_simple)
BOTH_DIRECTIONS(alloc_from_misaligned)
BOTH_DIRECTIONS(alloc_from_high_addr)
BOTH_DIRECTIONS(alloc_from_no_space_above)
BOTH_DIRECTIONS(alloc_from_min_addr_cap)

/* ---- memblock_alloc_try_nid and _raw (alloc_nid_api) ------------------------------- */

static int alloc_nid_test_flags = TEST_F_NONE;

static void *run_memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					phys_addr_t min_addr, phys_addr_t max_addr,
					int nid)
{
	if (alloc_nid_test_flags & TEST_F_RAW)
		return memblock_alloc_try_nid_raw(size, align, min_addr, max_addr, nid);
	return memblock_alloc_try_nid(size, align, min_addr, max_addr, nid);
}

/* Both directions, zeroed and raw. */
static void run_alloc_nid(void (*func)(void))
{
	for (int raw = 0; raw < 2; raw++) {
		alloc_nid_test_flags = raw ? TEST_F_RAW : TEST_F_NONE;
		run_top_down(func);
		run_bottom_up(func);
	}
	alloc_nid_test_flags = TEST_F_NONE;
}

/* The block at @expect, of @size, checked for content; the only reservation. */
static void assert_nid_alloc(void *ptr, phys_addr_t expect, phys_addr_t size)
{
	ASSERT_NE(ptr, NULL);
	ASSERT_EQ(ptr, __va(expect));
	assert_mem_content(ptr, size, alloc_nid_test_flags);
}

/*
 *        min_addr            max_addr
 *   |    +       +-----------+      |
 *   |    |       |    rgn    |      |     (top-down; bottom-up: at min_addr)
 *   +----+-------+-----------+------+
 */
static void alloc_try_nid_simple_generic_check(void)
{
	phys_addr_t size = SZ_128, min_addr, max_addr;
	void *ptr;

	setup_memblock();
	min_addr = MEM_BASE + SMP_CACHE_BYTES * 2;
	max_addr = min_addr + SZ_512;
	ptr = run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr, max_addr,
					 NUMA_NO_NODE);

	assert_nid_alloc(ptr, memblock_bottom_up() ? min_addr : max_addr - size, size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_EQ(memblock.reserved.total_size, size);
}

/*
 * max_addr (top-down) or min_addr (bottom-up) off alignment by a few bytes: expect the
 * block at the aligned address inside the range.
 */
static void alloc_try_nid_misaligned_generic_check(void)
{
	phys_addr_t size = SZ_128, misalign = SZ_2, min_addr, max_addr;
	void *ptr;

	setup_memblock();
	min_addr = MEM_BASE + SMP_CACHE_BYTES * 2;
	max_addr = min_addr + SZ_512 + misalign;
	if (memblock_bottom_up())
		min_addr += misalign;
	ptr = run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr, max_addr,
					 NUMA_NO_NODE);

	assert_nid_alloc(ptr, memblock_bottom_up() ?
			 min_addr + SMP_CACHE_BYTES - misalign :
			 max_addr - size - misalign, size);
}

/* [min_addr, max_addr) exactly the size asked: expect the block to fill it. */
static void alloc_try_nid_exact_address_generic_check(void)
{
	phys_addr_t size = SZ_1K, min_addr, max_addr;

	setup_memblock();
	min_addr = MEM_BASE + SZ_4K;
	max_addr = min_addr + size;
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
						    max_addr, NUMA_NO_NODE), min_addr, size);
}

/*
 * [min_addr, max_addr) smaller than the size asked: min_addr is dropped. Expect
 * max_addr - size (top-down) or the start of memory (bottom-up).
 */
static void alloc_try_nid_narrow_range_generic_check(void)
{
	phys_addr_t size = SZ_256, min_addr, max_addr;

	setup_memblock();
	min_addr = MEM_BASE + SZ_512;
	max_addr = min_addr + SMP_CACHE_BYTES;
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
						    max_addr, NUMA_NO_NODE),
			 memblock_bottom_up() ? MEM_BASE : max_addr - size, size);
}

/* max_addr below all memory: expect NULL, nothing reserved. */
static void alloc_try_nid_low_max_generic_check(void)
{
	setup_memblock();
	ASSERT_EQ(run_memblock_alloc_try_nid(SZ_1K, SMP_CACHE_BYTES, 0, MEM_BASE,
					     NUMA_NO_NODE), NULL);
	ASSERT_EQ(memblock.reserved.total_size, 0);
}

/*
 *        min_addr        max_addr
 *   |    +-------+-------+    |
 *   |    |  new  |  r1   |    |
 *   +----+-------+-------+----+
 *
 * The upper half of the range reserved: expect the block in the lower half, merged.
 */
static void alloc_try_nid_min_reserved_generic_check(void)
{
	phys_addr_t size = SZ_512, min_addr = MEM_BASE + SZ_1K, max_addr = min_addr + SZ_1K;

	setup_memblock();
	memblock_reserve(min_addr + size, size);
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
						    max_addr, NUMA_NO_NODE), min_addr, size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], min_addr, 2 * size);
}

/* The lower half of the range reserved: expect the block in the upper half, merged. */
static void alloc_try_nid_max_reserved_generic_check(void)
{
	phys_addr_t size = SZ_512, min_addr = MEM_BASE + SZ_1K, max_addr = min_addr + SZ_1K;

	setup_memblock();
	memblock_reserve(min_addr, size);
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
						    max_addr, NUMA_NO_NODE), min_addr + size, size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], min_addr, 2 * size);
}

/*
 *         min_addr                   max_addr
 *  |      +----+-----------------+----+     |
 *  |      | r2 |      gap        | r1 |     |
 *  +------+----+-----------------+----+-----+
 *
 * A gap bigger than asked: expect the block against r1 (top-down) or r2 (bottom-up),
 * merged with it.
 */
static void alloc_try_nid_reserved_with_space_generic_check(void)
{
	phys_addr_t size = SZ_256, min_addr = MEM_BASE + SZ_1K, max_addr = MEM_BASE + SZ_4K;
	struct memblock_region *rgn = memblock.reserved.regions;

	setup_memblock();
	memblock_reserve(max_addr - size, size);
	memblock_reserve(min_addr, size);
	if (memblock_bottom_up()) {
		assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
							    max_addr, NUMA_NO_NODE),
				 min_addr + size, size);
		ASSERT_RGN(&rgn[0], min_addr, 2 * size);
		ASSERT_RGN(&rgn[1], max_addr - size, size);
	} else {
		assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
							    max_addr, NUMA_NO_NODE),
				 max_addr - 2 * size, size);
		ASSERT_RGN(&rgn[0], min_addr, size);
		ASSERT_RGN(&rgn[1], max_addr - 2 * size, 2 * size);
	}
	ASSERT_EQ(memblock.reserved.cnt, 2);
	ASSERT_EQ(memblock.reserved.total_size, 3 * size);
}

/* The gap between r2 and r1 exactly the size asked: expect all three merged. */
static void alloc_try_nid_reserved_full_merge_generic_check(void)
{
	phys_addr_t size = SZ_256, min_addr = MEM_BASE + SZ_1K, max_addr = MEM_BASE + SZ_4K;

	setup_memblock();
	memblock_reserve(min_addr, SZ_1K);
	memblock_reserve(min_addr + SZ_1K + size, max_addr - min_addr - SZ_1K - size);
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
						    max_addr, NUMA_NO_NODE),
			 min_addr + SZ_1K, size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], min_addr, max_addr - min_addr);
}

/*
 *  |  +-----+-------+-+--------+        |
 *  |  |     |  r2   | |   r1   |        |
 *  +--+-----+-------+-+--------+--------+
 *           ^ min_addr         ^ max_addr
 *
 * The gap inside the range too small: min_addr is dropped. Expect the block just below
 * r2 (top-down, merged) or at the start of memory (bottom-up).
 */
static void alloc_try_nid_reserved_no_space_generic_check(void)
{
	phys_addr_t size = SZ_256, min_addr = MEM_BASE + SZ_1K, max_addr = MEM_BASE + SZ_4K;

	setup_memblock();
	memblock_reserve(min_addr, SZ_1K);
	memblock_reserve(min_addr + SZ_1K + SZ_128, max_addr - min_addr - SZ_1K - SZ_128);
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
						    max_addr, NUMA_NO_NODE),
			 memblock_bottom_up() ? MEM_BASE : min_addr - size, size);
	ASSERT_EQ(memblock.reserved.cnt, memblock_bottom_up() ? 3 : 2);
}

/* All memory reserved: expect NULL. */
static void alloc_try_nid_reserved_all_generic_check(void)
{
	setup_memblock();
	memblock_reserve(MEM_BASE, MEM_SIZE);
	ASSERT_EQ(run_memblock_alloc_try_nid(SZ_256, SMP_CACHE_BYTES, MEM_BASE + SZ_1K,
					     mem_end(), NUMA_NO_NODE), NULL);
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/* max_addr beyond the end of memory: expect end - size (top-down) or min_addr. */
static void alloc_try_nid_cap_max_generic_check(void)
{
	phys_addr_t size = SZ_256, min_addr = MEM_BASE + SZ_1K;

	setup_memblock();
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr,
						    mem_end() + SZ_1M, NUMA_NO_NODE),
			 memblock_bottom_up() ? min_addr : mem_end() - size, size);
}

/* min_addr below the start of memory: expect max_addr - size or the start of memory. */
static void alloc_try_nid_cap_min_generic_check(void)
{
	phys_addr_t size = SZ_256, max_addr = MEM_BASE + SZ_8K;

	setup_memblock();
	assert_nid_alloc(run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, MEM_BASE - SZ_1M,
						    max_addr, NUMA_NO_NODE),
			 memblock_bottom_up() ? MEM_BASE : max_addr - size, size);
}

#define NID_CASE(name)							\
static void alloc_try_nid_##name##_check(void)				\
{									\
	run_alloc_nid(alloc_try_nid_##name##_generic_check);		\
}

NID_CASE(simple)
NID_CASE(misaligned)
NID_CASE(exact_address)
NID_CASE(narrow_range)
NID_CASE(low_max)
NID_CASE(min_reserved)
NID_CASE(max_reserved)
NID_CASE(reserved_with_space)
NID_CASE(reserved_full_merge)
NID_CASE(reserved_no_space)
NID_CASE(reserved_all)
NID_CASE(cap_max)
NID_CASE(cap_min)

/* ---- NUMA: allocations on nodes ---------------------------------------------------- */

/*
 * MEM_SIZE over eight nodes (offsets from MEM_BASE):
 *   node 0 [0, 4K)  1 [4K, 5K)  2 [5K, 7K)  3 [7K, 9K)  4 [9K, 10K)  5 [10K, 11K)
 *   node 6 [11K, 15K)  7 [15K, 16K)
 */
static const unsigned int node_fractions[NUMA_NODES] = {
	2500, 625, 1250, 1250, 625, 625, 2500, 625,
};

static struct memblock_region *node(int nid)
{
	return &memblock.memory.regions[nid];
}

static void *nid_alloc(phys_addr_t size, phys_addr_t min_addr, phys_addr_t max_addr, int nid)
{
	return run_memblock_alloc_try_nid(size, SMP_CACHE_BYTES, min_addr, max_addr, nid);
}

/* A quarter of node 3: expect it at the end (top-down) or start of node 3. */
static void alloc_try_nid_numa_simple_generic_check(void)
{
	phys_addr_t size;

	setup_numa_memblock(node_fractions);
	ASSERT_EQ(memblock.memory.cnt, NUMA_NODES);
	size = node(3)->size / 4;
	assert_nid_alloc(nid_alloc(size, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 3),
			 memblock_bottom_up() ? node(3)->base : region_end(node(3)) - size,
			 size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
}

/*
 * Twice node 1's size on node 1: it falls back to any node. Expect the end of node 6
 * (the highest node that fits, top-down) or the start of node 0 (bottom-up).
 */
static void alloc_try_nid_numa_small_node_generic_check(void)
{
	phys_addr_t size;

	setup_numa_memblock(node_fractions);
	size = 2 * node(1)->size;
	assert_nid_alloc(nid_alloc(size, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 1),
			 memblock_bottom_up() ? node(0)->base : region_end(node(6)) - size,
			 size);
}

/* Node 2 fully reserved: expect the fallback as above. */
static void alloc_try_nid_numa_node_reserved_generic_check(void)
{
	phys_addr_t size;

	setup_numa_memblock(node_fractions);
	size = node(2)->size;
	memblock_reserve(node(2)->base, node(2)->size);
	assert_nid_alloc(nid_alloc(size, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 2),
			 memblock_bottom_up() ? node(0)->base : region_end(node(6)) - size,
			 size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
}

/*
 *  |      +----+--+--+----+      |
 *  |      |    |r1|  |new |      |   node 1 (top-down)
 *  +------+----+--+--+----+------+
 *
 * Part of node 1 reserved, enough left: expect the block on node 1.
 */
static void alloc_try_nid_numa_part_reserved_generic_check(void)
{
	phys_addr_t size = SZ_256;

	setup_numa_memblock(node_fractions);
	memblock_reserve(node(1)->base + SZ_256 + SZ_128, SZ_256);
	assert_nid_alloc(nid_alloc(size, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 1),
			 memblock_bottom_up() ? node(1)->base : region_end(node(1)) - size,
			 size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
}

/* The middle of node 4 reserved, no piece big enough: expect the fallback. */
static void alloc_try_nid_numa_part_reserved_fallback_generic_check(void)
{
	phys_addr_t size;

	setup_numa_memblock(node_fractions);
	size = node(4)->size / 2;
	memblock_reserve(node(4)->base + size / 2, size);
	assert_nid_alloc(nid_alloc(size, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 4),
			 memblock_bottom_up() ? node(0)->base :
			 region_end(node(NUMA_NODES - 1)) - size, size);
	ASSERT_EQ(memblock.reserved.cnt, 2);
	ASSERT_EQ(memblock.reserved.total_size, 2 * size);
}

/*
 *                     min_addr  max_addr
 *                          v     v
 *  |      +--------------------+-------+      |
 *  |      |    requested (2)   |   3   |      |
 *  +------+--------------------+-------+------+
 *
 * The range straddles the end of node 2, no block fits on one side: min_addr is
 * dropped. Expect the end (top-down) or start (bottom-up) of node 2.
 */
static void alloc_try_nid_numa_split_range_low_generic_check(void)
{
	phys_addr_t size = SZ_512, min_addr, max_addr;

	setup_numa_memblock(node_fractions);
	min_addr = region_end(node(2)) - SZ_256;
	max_addr = min_addr + size;
	assert_nid_alloc(nid_alloc(size, min_addr, max_addr, 2),
			 memblock_bottom_up() ? node(2)->base : region_end(node(2)) - size,
			 size);
}

/*
 * As above with node 3, the upper side, requested: below max_addr node 3 is too
 * small, so it falls back to any node. Expect the end of node 2 (top-down) or the start
 * of node 0 (bottom-up).
 */
static void alloc_try_nid_numa_split_range_high_generic_check(void)
{
	phys_addr_t size = SZ_512, min_addr, max_addr;

	setup_numa_memblock(node_fractions);
	min_addr = node(3)->base - SZ_256;
	max_addr = min_addr + size;
	assert_nid_alloc(nid_alloc(size, min_addr, max_addr, 3),
			 memblock_bottom_up() ? node(0)->base : region_end(node(2)) - size,
			 size);
}

/*
 * The range straddles nodes 5 and 6 and node 2 is requested: min_addr is dropped.
 * Expect the end (top-down) or start (bottom-up) of node 2.
 */
static void alloc_try_nid_numa_no_overlap_split_generic_check(void)
{
	phys_addr_t size = SZ_512, min_addr, max_addr;

	setup_numa_memblock(node_fractions);
	min_addr = node(6)->base - SZ_256;
	max_addr = min_addr + size;
	assert_nid_alloc(nid_alloc(size, min_addr, max_addr, 2),
			 memblock_bottom_up() ? node(2)->base : region_end(node(2)) - size,
			 size);
}

/*
 * The range covers nodes 6 and 7, node 2 (below it) is requested: expect the fallback
 * inside the range, at max_addr - size (top-down) or min_addr (bottom-up).
 */
static void alloc_try_nid_numa_no_overlap_low_generic_check(void)
{
	phys_addr_t size = SZ_512, min_addr, max_addr;

	setup_numa_memblock(node_fractions);
	min_addr = node(6)->base;
	max_addr = region_end(node(7));
	assert_nid_alloc(nid_alloc(size, min_addr, max_addr, 2),
			 memblock_bottom_up() ? min_addr : max_addr - size, size);
}

/* The range covers nodes 3 and 4, node 6 (above it) is requested: the same. */
static void alloc_try_nid_numa_no_overlap_high_generic_check(void)
{
	phys_addr_t size = SZ_512, min_addr, max_addr;

	setup_numa_memblock(node_fractions);
	min_addr = node(3)->base;
	max_addr = region_end(node(4));
	assert_nid_alloc(nid_alloc(size, min_addr, max_addr, 6),
			 memblock_bottom_up() ? min_addr : max_addr - size, size);
}

/* All of node 6: expect exactly node 6 either way. */
static void alloc_try_nid_numa_large_region_generic_check(void)
{
	setup_numa_memblock(node_fractions);
	assert_nid_alloc(nid_alloc(node(6)->size, memblock_start_of_DRAM(),
				   memblock_end_of_DRAM(), 6), node(6)->base, node(6)->size);
}

/*
 *  |     +------+-------+-----------+      |
 *  |     |  r2  |  new  |    r1     |      |   node 6
 *  +-----+------+-------+-----------+------+
 *
 * The only gap on node 6 exactly the size asked: expect node 6 reserved as one region.
 */
static void alloc_try_nid_numa_reserved_full_merge_generic_check(void)
{
	phys_addr_t size = SZ_1K;

	setup_numa_memblock(node_fractions);
	memblock_reserve(node(6)->base + SZ_2K, node(6)->size - SZ_2K);
	memblock_reserve(node(6)->base, SZ_1K);
	assert_nid_alloc(nid_alloc(size, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 6),
			 node(6)->base + SZ_1K, size);
	ASSERT_EQ(memblock.reserved.cnt, 1);
	ASSERT_RGN(&memblock.reserved.regions[0], node(6)->base, node(6)->size);
}

/*
 *  |  +-------------------+   +-------------------+  |
 *  |  |     reserved      |gap|     reserved      |  |
 *  +--+-------------------+-+-+-------------------+--+
 *                           ^ end of node 5, start of node 6
 *
 * The only free memory straddles two nodes: no block can cross a node boundary.
 * Expect NULL.
 */
static void alloc_try_nid_numa_split_all_reserved_generic_check(void)
{
	phys_addr_t gap;

	setup_numa_memblock(node_fractions);
	gap = region_end(node(5)) - SZ_256;
	memblock_reserve(MEM_BASE, gap - MEM_BASE);
	memblock_reserve(gap + SZ_512, mem_end() - gap - SZ_512);
	ASSERT_EQ(nid_alloc(SZ_512, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 5), NULL);
	ASSERT_EQ(nid_alloc(SZ_256, memblock_start_of_DRAM(), memblock_end_of_DRAM(), 6),
		  __va(node(6)->base));
}

#define NUMA_CASE(name)							\
static void alloc_try_nid_numa_##name##_check(void)			\
{									\
	run_alloc_nid(alloc_try_nid_numa_##name##_generic_check);	\
}

NUMA_CASE(simple)
NUMA_CASE(small_node)
NUMA_CASE(node_reserved)
NUMA_CASE(part_reserved)
NUMA_CASE(part_reserved_fallback)
NUMA_CASE(split_range_low)
NUMA_CASE(split_range_high)
NUMA_CASE(no_overlap_split)
NUMA_CASE(no_overlap_low)
NUMA_CASE(no_overlap_high)
NUMA_CASE(large_region)
NUMA_CASE(reserved_full_merge)
NUMA_CASE(split_all_reserved)

/*
 * memblock_alloc_exact_nid_raw never falls back: node 1 too small gives NULL, where
 * memblock_alloc_try_nid_raw would take node 6. With room on the node it is a normal
 * allocation.
 */
static void alloc_exact_nid_raw_generic_check(void)
{
	phys_addr_t size;
	void *ptr;

	setup_numa_memblock(node_fractions);
	size = 2 * node(1)->size;
	ASSERT_EQ(memblock_alloc_exact_nid_raw(size, SMP_CACHE_BYTES, 0,
					       MEMBLOCK_ALLOC_ACCESSIBLE, 1), NULL);
	ASSERT_EQ(memblock.reserved.total_size, 0);

	ptr = memblock_alloc_exact_nid_raw(SZ_512, SMP_CACHE_BYTES, 0,
					   MEMBLOCK_ALLOC_ACCESSIBLE, 3);
	ASSERT_EQ(ptr, __va(memblock_bottom_up() ? node(3)->base :
			    region_end(node(3)) - SZ_512));
	assert_mem_content(ptr, SZ_512, TEST_F_RAW);
}

BOTH_DIRECTIONS(alloc_exact_nid_raw)

/*
 * The node helpers: memblock_phys_alloc_try_nid and memblock_alloc_node prefer the
 * node and fall back; MAX_NUMNODES as a node warns and means any node.
 */
static void alloc_node_helpers_generic_check(void)
{
	bool bu = memblock_bottom_up();
	phys_addr_t base;
	void *ptr;

	setup_numa_memblock(node_fractions);
	base = memblock_phys_alloc_try_nid(SZ_256, SMP_CACHE_BYTES, 4);
	ASSERT_EQ(base, bu ? node(4)->base : region_end(node(4)) - SZ_256);

	ptr = memblock_alloc_node(SZ_256, SMP_CACHE_BYTES, 5);
	ASSERT_EQ(ptr, __va(bu ? node(5)->base : region_end(node(5)) - SZ_256));
	assert_mem_content(ptr, SZ_256, TEST_F_NONE);

	ptr = memblock_alloc_node(SZ_8K, SMP_CACHE_BYTES, 5);
	ASSERT_EQ(ptr, NULL);
	ptr = memblock_alloc_node(SZ_2K, SMP_CACHE_BYTES, 5);
	ASSERT_EQ(ptr, __va(bu ? node(0)->base : region_end(node(6)) - SZ_2K));

	base = memblock_phys_alloc_try_nid(SZ_256, SMP_CACHE_BYTES, MAX_NUMNODES);
	ASSERT_EQ(base, bu ? node(0)->base + SZ_2K : region_end(node(7)) - SZ_256);
}

BOTH_DIRECTIONS(alloc_node_helpers)

/* ---- random sequences against a page-bitmap model ---------------------------------- */

/*
 * The model is the first RND_PAGES pages of simulated RAM: per page, whether it is
 * memory (with node and flags) and whether it is reserved. Random operations stay below
 * RND_OPS_PAGES; the pages above are memory from the start and never touched, so a
 * growing region array always finds room. Arrays that memblock_double_array allocates
 * are followed (reserved in the model, the replaced one freed), and random frees avoid
 * the pages holding them. After every step both region arrays must equal the maximal
 * runs of the model, and the iterators and queries must agree with it.
 */
#define RND_PAGES	2048
#define RND_OPS_PAGES	1792
#define RND_SEQS	24
#define RND_STEPS	1200
#define RND_ALLOCS	64

struct mb_model {
	bool mem[RND_PAGES];
	int nid[RND_PAGES];
	unsigned int flags[RND_PAGES];
	bool rsv[RND_PAGES];
	struct memblock_region *arr[2];		/* last seen arrays: memory, reserved */
	unsigned long arr_max[2];
	struct region allocs[RND_ALLOCS];	/* live virtual allocations */
	int nr_allocs;
};

static struct mb_model model;

static phys_addr_t pg_addr(long p)
{
	return MEM_BASE + (phys_addr_t)p * PAGE_SIZE;
}

static struct memblock_type *model_type(int t)
{
	return t ? &memblock.reserved : &memblock.memory;
}

static struct memblock_region *model_init_array(int t)
{
	return t ? init_reserved_regions : init_memory_regions;
}

static phys_addr_t array_bytes(unsigned long max)
{
	return PAGE_ALIGN(max * sizeof(struct memblock_region));
}

static void model_add(long p, long n, int nid, unsigned int flags)
{
	for (long i = p; i < p + n; i++) {
		if (model.mem[i])
			continue;
		model.mem[i] = true;
		model.nid[i] = nid;
		model.flags[i] = flags;
	}
}

static void model_rsv(phys_addr_t base, phys_addr_t size, bool on)
{
	long p = (base - MEM_BASE) / PAGE_SIZE;

	ASSERT_TRUE(sim_mem_contains(base, size) && IS_ALIGNED(base | size, PAGE_SIZE));
	for (long i = p; i < p + (long)(size / PAGE_SIZE); i++)
		model.rsv[i] = on;
}

/* Follows array moves: the new array is reserved, an allocated old one freed. */
static void model_track_arrays(void)
{
	for (int t = 0; t < 2; t++) {
		struct memblock_type *type = model_type(t);

		if (type->regions == model.arr[t])
			continue;
		if (model.arr[t] != model_init_array(t))
			model_rsv(__pa(model.arr[t]), array_bytes(model.arr_max[t]), false);
		model_rsv(__pa(type->regions), array_bytes(type->max), true);
		model.arr[t] = type->regions;
		model.arr_max[t] = type->max;
	}
}

/* Whether [base, base + size) touches a region array living in simulated RAM. */
static bool model_pinned(phys_addr_t base, phys_addr_t size)
{
	for (int t = 0; t < 2; t++)
		if (model.arr[t] != model_init_array(t) &&
		    memblock_addrs_overlap(base, size, __pa(model.arr[t]),
					   array_bytes(model.arr_max[t])))
			return true;
	return false;
}

static bool model_same_run(long a, long b)
{
	return model.nid[a] == model.nid[b] && model.flags[a] == model.flags[b];
}

/* Free for an allocation on @nid: memory, not reserved, not nomap. */
static bool model_page_free(long p, int nid)
{
	return model.mem[p] && !model.rsv[p] && !(model.flags[p] & MEMBLOCK_NOMAP) &&
	       (nid == NUMA_NO_NODE || model.nid[p] == nid);
}

/* n free pages from p, inside one memory region. */
static bool model_fits(long p, long n, int nid)
{
	for (long i = p; i < p + n; i++) {
		if (!model_page_free(i, nid))
			return false;
		if (i > p && !model_same_run(i - 1, i))
			return false;
	}
	return true;
}

/* memblock_find_in_range_node in pages: the highest (or lowest) fit in [start, end). */
static long model_find(long n, long align, long start, long end, int nid)
{
	if (end - n < start)
		return -1;
	if (memblock_bottom_up()) {
		for (long p = ALIGN(start, align); p + n <= end; p += align)
			if (model_fits(p, n, nid))
				return p;
	} else {
		for (long p = ALIGN_DOWN(end - n, align); p >= start; p -= align)
			if (model_fits(p, n, nid))
				return p;
	}
	return -1;
}

/* memblock_alloc_range_nid in pages, without the reservation. */
static long model_alloc_range_nid(long n, long align, long start, long end, int nid,
				  bool exact_nid)
{
	long p = model_find(n, align, start, end, nid);

	if (p < 0 && nid != NUMA_NO_NODE && !exact_nid)
		p = model_find(n, align, start, end, NUMA_NO_NODE);
	return p;
}

/* Every invariant of a region array, whatever the model says. */
static void check_invariants(struct memblock_type *type)
{
	phys_addr_t total = 0;

	ASSERT_TRUE(type->cnt >= 1 && type->cnt <= type->max);
	for (unsigned long i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		total += r->size;
		if (i == 0)
			continue;
		/* sorted, not overlapping, and touching neighbours differ */
		ASSERT_TRUE(region_end(r - 1) <= r->base);
		ASSERT_FALSE(region_end(r - 1) == r->base && r[-1].nid == r->nid &&
			     r[-1].flags == r->flags);
	}
	ASSERT_EQ(type->total_size, total);
}

static bool model_present(bool rsv, long p)
{
	return rsv ? model.rsv[p] : model.mem[p];
}

/* The array equals the maximal runs of the model. */
static void model_check_type(struct memblock_type *type, bool rsv)
{
	unsigned long i = 0;

	check_invariants(type);
	for (long p = 0, q; p < RND_PAGES; p = q) {
		struct memblock_region *r;

		q = p + 1;
		if (!model_present(rsv, p))
			continue;
		while (q < RND_PAGES && model_present(rsv, q) && (rsv || model_same_run(q - 1, q)))
			q++;
		ASSERT_TRUE(i < type->cnt);
		r = &type->regions[i++];
		ASSERT_RGN(r, pg_addr(p), (q - p) * PAGE_SIZE);
		ASSERT_EQ(r->nid, rsv ? MAX_NUMNODES : model.nid[p]);
		ASSERT_EQ(r->flags, rsv ? 0 : model.flags[p]);
	}
	if (!i)
		ASSERT_EQ(type->regions[0].size, 0);
	ASSERT_EQ(type->cnt, i ? i : 1);
}

/* The free ranges of the model, in order: runs of free pages inside one region. */
static int model_free_ranges(struct region *out, int *nids, int nid)
{
	int n = 0;

	for (long p = 0, q; p < RND_PAGES; p = q) {
		q = p + 1;
		if (!model_page_free(p, nid))
			continue;
		while (q < RND_PAGES && model_page_free(q, nid) && model_same_run(q - 1, q))
			q++;
		out[n].base = pg_addr(p);
		out[n].size = (q - p) * PAGE_SIZE;
		nids[n++] = model.nid[p];
	}
	return n;
}

static void model_check_iterators(void)
{
	static struct region want[RND_PAGES];
	static int want_nid[RND_PAGES];
	int nid = ktest_rand() % 5 == 4 ? NUMA_NO_NODE : (int)(ktest_rand() % 4);
	int n = model_free_ranges(want, want_nid, nid), k = 0, j;
	phys_addr_t s, e;
	unsigned long spfn, epfn;
	int rnid;
	u64 i;

	for_each_free_mem_range(i, nid, MEMBLOCK_NONE, &s, &e, &rnid) {
		ASSERT_TRUE(k < n);
		ASSERT_EQ(s, want[k].base);
		ASSERT_EQ(e, want[k].base + want[k].size);
		ASSERT_EQ(rnid, want_nid[k]);
		k++;
	}
	ASSERT_EQ(k, n);
	for_each_free_mem_range_reverse(i, nid, MEMBLOCK_NONE, &s, &e, &rnid) {
		k--;
		ASSERT_TRUE(k >= 0);
		ASSERT_EQ(s, want[k].base);
		ASSERT_EQ(e, want[k].base + want[k].size);
	}
	ASSERT_EQ(k, 0);

	k = 0;
	for_each_mem_pfn_range(j, MAX_NUMNODES, &spfn, &epfn, &rnid) {
		struct memblock_region *r = &memblock.memory.regions[k++];

		ASSERT_EQ(PFN_PHYS(spfn), r->base);
		ASSERT_EQ(PFN_PHYS(epfn), region_end(r));
		ASSERT_EQ(rnid, r->nid);
	}
	ASSERT_EQ(k, memblock.memory.total_size ? (int)memblock.memory.cnt : 0);

	for (k = 0; k < 8; k++) {
		long p = ktest_rand() % RND_PAGES;
		phys_addr_t a = pg_addr(p) + ktest_rand() % PAGE_SIZE;

		ASSERT_EQ(memblock_is_memory(a), model.mem[p]);
		ASSERT_EQ(memblock_is_reserved(a), model.rsv[p]);
		ASSERT_EQ(memblock_is_map_memory(a),
			  model.mem[p] && !(model.flags[p] & MEMBLOCK_NOMAP));
	}
}

static void rnd_range(long *p, long *n)
{
	long cap = ktest_rand() % 8 ? 4 : 256;

	*p = ktest_rand() % RND_OPS_PAGES;
	*n = ktest_rand_range(1, min(cap, RND_OPS_PAGES - *p));
}

static int rnd_nid(bool any)
{
	if (any && ktest_rand() % 3 == 0)
		return NUMA_NO_NODE;
	return ktest_rand() % 4;
}

static void rnd_set_flag(long p, long n, unsigned int flag, bool set)
{
	int ret;

	if (flag == MEMBLOCK_HOTPLUG)
		ret = set ? memblock_mark_hotplug(pg_addr(p), n * PAGE_SIZE) :
			    memblock_clear_hotplug(pg_addr(p), n * PAGE_SIZE);
	else
		ret = set ? memblock_mark_nomap(pg_addr(p), n * PAGE_SIZE) :
			    memblock_clear_nomap(pg_addr(p), n * PAGE_SIZE);
	ASSERT_EQ(ret, 0);
	for (long i = p; i < p + n; i++)
		if (model.mem[i])
			model.flags[i] = set ? model.flags[i] | flag : model.flags[i] & ~flag;
}

/* A random allocation, physical or virtual, checked against the model's choice. */
static void rnd_alloc(bool virt)
{
	long n = ktest_rand_range(1, 8), align = 1L << (ktest_rand() % 4);
	long start = ktest_rand() % RND_OPS_PAGES;
	long end = ktest_rand_range(start + 1, RND_OPS_PAGES);
	int nid = rnd_nid(true), kind = ktest_rand() % 3;
	phys_addr_t size = n * PAGE_SIZE, got;
	long want;
	void *ptr;

	if (!virt) {
		want = model_alloc_range_nid(n, align, start, end, NUMA_NO_NODE, false);
		got = memblock_phys_alloc_range(size, align * PAGE_SIZE, pg_addr(start),
						pg_addr(end));
	} else {
		bool exact = kind == 2;

		want = model_alloc_range_nid(n, align, start, end, nid, exact);
		if (want < 0)	/* min_addr dropped */
			want = model_alloc_range_nid(n, align, 0, end, nid, exact);
		if (kind == 0)
			ptr = memblock_alloc_try_nid(size, align * PAGE_SIZE, pg_addr(start),
						     pg_addr(end), nid);
		else if (kind == 1)
			ptr = memblock_alloc_try_nid_raw(size, align * PAGE_SIZE, pg_addr(start),
							 pg_addr(end), nid);
		else
			ptr = memblock_alloc_exact_nid_raw(size, align * PAGE_SIZE,
							   pg_addr(start), pg_addr(end), nid);
		got = ptr ? __pa(ptr) : 0;
		if (ptr && kind == 0)
			assert_mem_content(ptr, size, TEST_F_NONE);
		if (ptr) {
			memset(ptr, 0xaa, size);
			int k = model.nr_allocs < RND_ALLOCS ? model.nr_allocs++ :
				(int)(ktest_rand() % RND_ALLOCS);

			model.allocs[k] = (struct region){ got, size };
		}
	}
	ASSERT_EQ(got, want < 0 ? 0 : pg_addr(want));
	if (want >= 0)
		model_rsv(got, size, true);
}

/* memblock_free of an earlier virtual allocation, unless a region array sits there now. */
static void rnd_free_alloc(void)
{
	int k;
	struct region r;

	if (!model.nr_allocs)
		return;
	k = ktest_rand() % model.nr_allocs;
	r = model.allocs[k];
	model.allocs[k] = model.allocs[--model.nr_allocs];
	if (model_pinned(r.base, r.size))
		return;
	memblock_free(__va(r.base), r.size);
	model_rsv(r.base, r.size, false);
}

/*
 * Every other sequence starts with all its pages memory (four nodes) and mostly
 * reserves single pages, to grow memblock.reserved too.
 */
static bool rnd_reserve_heavy;

static void rnd_add(long p, long n)
{
	static const unsigned int fl[] = { MEMBLOCK_NONE, MEMBLOCK_HOTPLUG, MEMBLOCK_NOMAP };
	unsigned int flags = fl[ktest_rand() % 3];
	int nid = rnd_nid(false);

	if (ktest_rand() & 1) {
		ASSERT_EQ(memblock_add(pg_addr(p), n * PAGE_SIZE), 0);
		model_add(p, n, MAX_NUMNODES, MEMBLOCK_NONE);
	} else {
		ASSERT_EQ(memblock_add_node(pg_addr(p), n * PAGE_SIZE, nid, flags), 0);
		model_add(p, n, nid, flags);
	}
}

static void rnd_remove(long p, long n)
{
	ASSERT_EQ(memblock_remove(pg_addr(p), n * PAGE_SIZE), 0);
	for (long i = p; i < p + n; i++)
		model.mem[i] = false;
}

static void rnd_reserve(long p, long n, bool on)
{
	if (on) {
		ASSERT_EQ(memblock_reserve(pg_addr(p), n * PAGE_SIZE), 0);
	} else {
		if (model_pinned(pg_addr(p), n * PAGE_SIZE))
			return;
		ASSERT_EQ(memblock_phys_free(pg_addr(p), n * PAGE_SIZE), 0);
	}
	model_rsv(pg_addr(p), n * PAGE_SIZE, on);
}

static void rnd_set_node(long p, long n)
{
	int nid = rnd_nid(false);

	ASSERT_EQ(memblock_set_node(pg_addr(p), n * PAGE_SIZE, &memblock.memory, nid), 0);
	for (long i = p; i < p + n; i++)
		if (model.mem[i])
			model.nid[i] = nid;
}

/* One random operation, then the full comparison with the model. */
static void rnd_step(void)
{
	unsigned int op = ktest_rand() % 11;
	long p, n;

	rnd_range(&p, &n);
	if (rnd_reserve_heavy && op < 5) {
		op = 2;
		n = 1;
	}
	memblock_set_bottom_up(ktest_rand() & 1);
	switch (op) {
	case 0:
		rnd_add(p, n);
		break;
	case 1:
		rnd_remove(p, n);
		break;
	case 2:
	case 3:
		rnd_reserve(p, n, true);
		break;
	case 4:
		rnd_reserve(p, n, false);
		break;
	case 5:
		rnd_set_flag(p, n, ktest_rand() & 1 ? MEMBLOCK_HOTPLUG : MEMBLOCK_NOMAP,
			     ktest_rand() % 3 == 0);
		break;
	case 6:
		rnd_set_node(p, n);
		break;
	case 7:
		rnd_alloc(false);
		break;
	case 8:
		rnd_alloc(true);
		break;
	case 9:
	case 10:
		rnd_free_alloc();
		break;
	}
	model_track_arrays();
	model_check_type(&memblock.memory, false);
	model_check_type(&memblock.reserved, true);
	model_check_iterators();
}

/* A fresh memblock with resizing allowed, and the model to match. */
static void rnd_setup(bool reserve_heavy)
{
	reset_memblock();
	memblock_allow_resize();
	memset(&model, 0, sizeof(model));
	model.arr[0] = init_memory_regions;
	model.arr[1] = init_reserved_regions;
	model.arr_max[0] = model.arr_max[1] = INIT_MEMBLOCK_REGIONS;
	ASSERT_EQ(memblock_add_node(pg_addr(RND_OPS_PAGES),
				    (RND_PAGES - RND_OPS_PAGES) * PAGE_SIZE, 0,
				    MEMBLOCK_NONE), 0);
	model_add(RND_OPS_PAGES, RND_PAGES - RND_OPS_PAGES, 0, MEMBLOCK_NONE);

	rnd_reserve_heavy = reserve_heavy;
	for (int q = 0; reserve_heavy && q < 4; q++) {
		long p = q * RND_OPS_PAGES / 4, n = RND_OPS_PAGES / 4;

		ASSERT_EQ(memblock_add_node(pg_addr(p), n * PAGE_SIZE, q, MEMBLOCK_NONE), 0);
		model_add(p, n, q, MEMBLOCK_NONE);
	}
}

/*
 * Thousands of random add/reserve/remove/free/flag/node/alloc steps, each followed by
 * a full comparison with the model; a failure names the seed (KTEST_SEED replays it).
 */
static void memblock_random_model_check(void)
{
	unsigned long grown[2] = { 0, 0 };

	for (int seq = 0; seq < RND_SEQS; seq++) {
		rnd_setup(seq & 1);
		for (int step = 0; step < RND_STEPS; step++)
			rnd_step();
		grown[0] += memblock.memory.max > INIT_MEMBLOCK_REGIONS;
		grown[1] += memblock.reserved.max > INIT_MEMBLOCK_REGIONS;
		if (getenv("KTEST_VERBOSE"))
			printf("# seq %d: memory %lu/%lu reserved %lu/%lu\n", seq,
			       memblock.memory.cnt, memblock.memory.max,
			       memblock.reserved.cnt, memblock.reserved.max);
	}
	/* the sequences are long enough to grow the arrays now and then */
	EXPECT_TRUE(grown[0] > 0);
	EXPECT_TRUE(grown[1] > 0);
}

KTEST_MAIN("memblock",
	KTEST_CASE(memblock_initialization_check),
	KTEST_CASE(memblock_add_simple_check),
	KTEST_CASE(memblock_add_node_simple_check),
	KTEST_CASE(memblock_add_disjoint_check),
	KTEST_CASE(memblock_add_overlap_top_check),
	KTEST_CASE(memblock_add_overlap_bottom_check),
	KTEST_CASE(memblock_add_within_check),
	KTEST_CASE(memblock_add_twice_check),
	KTEST_CASE(memblock_add_between_check),
	KTEST_CASE(memblock_add_near_max_check),
	KTEST_CASE(memblock_add_zero_size_check),
	KTEST_CASE(memblock_add_node_flags_no_merge_check),
	KTEST_CASE(memblock_add_overlap_keeps_node_check),
	KTEST_CASE(memblock_add_full_no_resize_check),
	KTEST_CASE(memblock_reserve_simple_check),
	KTEST_CASE(memblock_reserve_disjoint_check),
	KTEST_CASE(memblock_reserve_overlap_top_check),
	KTEST_CASE(memblock_reserve_overlap_bottom_check),
	KTEST_CASE(memblock_reserve_within_check),
	KTEST_CASE(memblock_reserve_twice_check),
	KTEST_CASE(memblock_reserve_between_check),
	KTEST_CASE(memblock_reserve_near_max_check),
	KTEST_CASE(memblock_reserve_not_memory_check),
	KTEST_CASE(memblock_remove_simple_check),
	KTEST_CASE(memblock_remove_absent_check),
	KTEST_CASE(memblock_remove_overlap_top_check),
	KTEST_CASE(memblock_remove_overlap_bottom_check),
	KTEST_CASE(memblock_remove_within_check),
	KTEST_CASE(memblock_remove_only_region_check),
	KTEST_CASE(memblock_remove_near_max_check),
	KTEST_CASE(memblock_remove_overlap_two_check),
	KTEST_CASE(memblock_remove_overlap_many_check),
	KTEST_CASE(memblock_remove_keeps_reserved_check),
	KTEST_CASE(memblock_free_simple_check),
	KTEST_CASE(memblock_free_absent_check),
	KTEST_CASE(memblock_free_overlap_top_check),
	KTEST_CASE(memblock_free_overlap_bottom_check),
	KTEST_CASE(memblock_free_within_check),
	KTEST_CASE(memblock_free_only_region_check),
	KTEST_CASE(memblock_free_near_max_check),
	KTEST_CASE(memblock_free_overlap_two_check),
	KTEST_CASE(memblock_free_overlap_many_check),
	KTEST_CASE(memblock_free_virtual_check),
	KTEST_CASE(memblock_mark_nomap_split_check),
	KTEST_CASE(memblock_mark_hotplug_across_check),
	KTEST_CASE(memblock_set_node_split_check),
	KTEST_CASE(memblock_set_node_gap_check),
	KTEST_CASE(memblock_set_bottom_up_check),
	KTEST_CASE(memblock_bottom_up_check),
	KTEST_CASE(memblock_trim_memory_aligned_check),
	KTEST_CASE(memblock_trim_memory_too_small_check),
	KTEST_CASE(memblock_trim_memory_unaligned_base_check),
	KTEST_CASE(memblock_trim_memory_unaligned_end_check),
	KTEST_CASE(memblock_enforce_memory_limit_check),
	KTEST_CASE(memblock_mem_limit_remove_map_check),
	KTEST_CASE(memblock_cap_memory_range_check),
	KTEST_CASE(memblock_search_checks),
	KTEST_CASE(memblock_current_limit_check),
	KTEST_CASE(for_each_free_mem_range_check),
	KTEST_CASE(for_each_mem_range_check),
	KTEST_CASE(for_each_mem_region_check),
	KTEST_CASE(for_each_mem_pfn_range_check),
	KTEST_CASE(iterators_empty_check),
	KTEST_CASE(memblock_dump_all_check),
	KTEST_CASE(alloc_top_down_simple_check),
	KTEST_CASE(alloc_top_down_disjoint_check),
	KTEST_CASE(alloc_top_down_before_check),
	KTEST_CASE(alloc_top_down_after_check),
	KTEST_CASE(alloc_top_down_second_fit_check),
	KTEST_CASE(alloc_bottom_up_simple_check),
	KTEST_CASE(alloc_bottom_up_disjoint_check),
	KTEST_CASE(alloc_bottom_up_after_check),
	KTEST_CASE(alloc_bottom_up_second_fit_check),
	KTEST_CASE(alloc_in_between_check),
	KTEST_CASE(alloc_small_gaps_check),
	KTEST_CASE(alloc_all_reserved_check),
	KTEST_CASE(alloc_no_space_check),
	KTEST_CASE(alloc_limited_space_check),
	KTEST_CASE(alloc_no_memory_check),
	KTEST_CASE(alloc_too_large_check),
	KTEST_CASE(alloc_zeroed_check),
	KTEST_CASE(alloc_alignment_check),
	KTEST_CASE(alloc_current_limit_check),
	KTEST_CASE(alloc_skips_first_page_check),
	KTEST_CASE(alloc_skips_nomap_check),
	KTEST_CASE(memblock_phys_alloc_range_check),
	KTEST_CASE(alloc_from_simple_check),
	KTEST_CASE(alloc_from_misaligned_check),
	KTEST_CASE(alloc_from_high_addr_check),
	KTEST_CASE(alloc_from_no_space_above_check),
	KTEST_CASE(alloc_from_min_addr_cap_check),
	KTEST_CASE(alloc_try_nid_simple_check),
	KTEST_CASE(alloc_try_nid_misaligned_check),
	KTEST_CASE(alloc_try_nid_exact_address_check),
	KTEST_CASE(alloc_try_nid_narrow_range_check),
	KTEST_CASE(alloc_try_nid_low_max_check),
	KTEST_CASE(alloc_try_nid_min_reserved_check),
	KTEST_CASE(alloc_try_nid_max_reserved_check),
	KTEST_CASE(alloc_try_nid_reserved_with_space_check),
	KTEST_CASE(alloc_try_nid_reserved_full_merge_check),
	KTEST_CASE(alloc_try_nid_reserved_no_space_check),
	KTEST_CASE(alloc_try_nid_reserved_all_check),
	KTEST_CASE(alloc_try_nid_cap_max_check),
	KTEST_CASE(alloc_try_nid_cap_min_check),
	KTEST_CASE(alloc_try_nid_numa_simple_check),
	KTEST_CASE(alloc_try_nid_numa_small_node_check),
	KTEST_CASE(alloc_try_nid_numa_node_reserved_check),
	KTEST_CASE(alloc_try_nid_numa_part_reserved_check),
	KTEST_CASE(alloc_try_nid_numa_part_reserved_fallback_check),
	KTEST_CASE(alloc_try_nid_numa_split_range_low_check),
	KTEST_CASE(alloc_try_nid_numa_split_range_high_check),
	KTEST_CASE(alloc_try_nid_numa_no_overlap_split_check),
	KTEST_CASE(alloc_try_nid_numa_no_overlap_low_check),
	KTEST_CASE(alloc_try_nid_numa_no_overlap_high_check),
	KTEST_CASE(alloc_try_nid_numa_large_region_check),
	KTEST_CASE(alloc_try_nid_numa_reserved_full_merge_check),
	KTEST_CASE(alloc_try_nid_numa_split_all_reserved_check),
	KTEST_CASE(alloc_exact_nid_raw_check),
	KTEST_CASE(alloc_node_helpers_check),
	KTEST_CASE(free_all_handover_check),
	/* memblock_allow_resize() from here on */
	KTEST_CASE(memblock_add_many_check),
	KTEST_CASE(memblock_reserve_many_check),
	KTEST_CASE(memblock_double_twice_check),
	KTEST_CASE(memblock_remove_many_check),
	KTEST_CASE(memblock_double_array_no_space_check),
	KTEST_CASE(memblock_random_model_check),
)
