/*
 * Host tests of arch/arm64/mm/mmu.c's page-table builder (__create_pgd_mapping and the
 * alloc_init_* levels under it): tables are built in simulated RAM (sim_mem.h), reached
 * through __va where the kernel uses its fixmap slots (tests/host/include/asm/pgtable.h),
 * then read back by a software walker that checks, address by address, where each
 * mapping lands, at which level (1 GiB block, 2 MiB block, page) and with which bits.
 *
 * Only the tables live in simulated RAM: the physical addresses mapped are just numbers,
 * so a test may map gigabytes. The linear map's offset is the simulation's base: PHYS_OFFSET
 * = MEM_BASE, so __phys_to_virt(MEM_BASE) = PAGE_OFFSET.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include "ktest.h"
#include "sim_mem.h"

/* mmu.c's kernel-image symbols: never touched by the builder under test. */
pgd_t swapper_pg_dir[PTRS_PER_PGD], reserved_pg_dir[PTRS_PER_PGD];
pgd_t init_pg_dir[PTRS_PER_PGD], init_pg_end[1];
pgd_t init_idmap_pg_dir[PTRS_PER_PGD], init_idmap_pg_end[1];
char _text[1], _stext[1], _etext[1], __start_rodata[1], __end_rodata[1];
char __init_begin[1], __init_end[1], _sinittext[1], _einittext[1];
char _sdata[1], _edata[1], __bss_start[1], __bss_stop[1], _end[1];
char __inittext_begin[1], __inittext_end[1], __initdata_begin[1], __initdata_end[1];
char _data[1];
void idmap_cpu_replace_ttbr1(phys_addr_t ttbr1, phys_addr_t reserved) { abort(); }
void ptdump_check_wx(void) { }
void ptdump_boot_dump(void) { }
void paging_selftest(void) { }
void early_ioremap_selftest(void) { }

#include "../../arch/arm64/mm/mmu.c"

#define MEM_BASE	((phys_addr_t)SZ_1G)
#define SIM_SIZE	SZ_8M
#define INIT_MEMBLOCK_REGIONS	128

/* What the walker found for one address: the output address, the level, the descriptor. */
struct xlate {
	phys_addr_t phys;
	int level;		/* 1: 1 GiB block, 2: 2 MiB block, 3: page */
	u64 desc;
	u64 table_bits;		/* the hierarchical bits (PXN/UXN) of the tables on the way */
};

/* A software MMU: walk pgdir for va; false where nothing is mapped. */
static bool walk(pgd_t *pgdir, unsigned long va, struct xlate *x)
{
	pgd_t *pgdp = pgd_offset_pgd(pgdir, va);
	pud_t *pudp;
	pmd_t *pmdp;
	pte_t *ptep;

	if (!pgd_table(*pgdp))
		return false;
	x->table_bits = pgd_val(*pgdp) & (PGD_TABLE_PXN | PGD_TABLE_UXN);
	pudp = pud_offset(pgdp, va);
	x->desc = pud_val(*pudp);
	if (!(x->desc & PTE_VALID))
		return false;
	if (!pud_table(*pudp)) {
		x->level = 1;
		x->phys = (x->desc & PTE_ADDR_MASK & PUD_MASK) | (va & ~PUD_MASK);
		return true;
	}
	x->table_bits &= pud_val(*pudp);
	pmdp = pmd_offset(pudp, va);
	x->desc = pmd_val(*pmdp);
	if (!(x->desc & PTE_VALID))
		return false;
	if (!pmd_table(*pmdp)) {
		x->level = 2;
		x->phys = (x->desc & PTE_ADDR_MASK & PMD_MASK) | (va & ~PMD_MASK);
		return true;
	}
	x->table_bits &= pmd_val(*pmdp);
	ptep = pte_offset_kernel(pmdp, va);
	x->desc = pte_val(*ptep);
	if ((x->desc & PTE_TYPE_MASK) != PTE_TYPE_PAGE)
		return false;
	x->level = 3;
	x->phys = (x->desc & PTE_ADDR_MASK) | (va & ~PAGE_MASK);
	return true;
}

/* Fresh memblock over the simulation, nothing reserved: tables of earlier cases are gone. */
static void reset_memblock(void)
{
	static struct memblock_region *memory, *reserved;

	if (!sim_mem)
		sim_mem_init(MEM_BASE, SIM_SIZE);
	if (!memory) {
		memory = memblock.memory.regions;
		reserved = memblock.reserved.regions;
	}
	memblock.memory.regions = memory;
	memblock.reserved.regions = reserved;
	memset(memory, 0, INIT_MEMBLOCK_REGIONS * sizeof(*memory));
	memset(reserved, 0, INIT_MEMBLOCK_REGIONS * sizeof(*reserved));
	memblock.memory.cnt = memblock.reserved.cnt = 1;
	memblock.memory.total_size = memblock.reserved.total_size = 0;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock.bottom_up = false;
	memblock_add(MEM_BASE, SIM_SIZE);
	spin_lock_init(&fixmap_lock);
}

/* An empty level 0 table in simulated RAM. */
static pgd_t *new_pgdir(void)
{
	reset_memblock();
	return __va(early_pgtable_alloc(PAGE_SHIFT));
}

/* Tables allocated so far (the pgd included). */
static unsigned long tables_used(void)
{
	return memblock.reserved.total_size / PAGE_SIZE;
}

static void map(pgd_t *pgdir, phys_addr_t phys, phys_addr_t size, pgprot_t prot, int flags)
{
	__create_pgd_mapping(pgdir, phys, __phys_to_virt(phys), size, prot,
			     early_pgtable_alloc, flags);
}

/*
 * Every step-th address of [phys, phys + size) in the linear map translates back to phys,
 * at the level level_of(phys) says, CONT set where cont_of(phys) says, with prot's bits.
 */
static void check_range(pgd_t *pgdir, phys_addr_t phys, phys_addr_t size, unsigned long step,
			int (*level_of)(phys_addr_t), bool (*cont_of)(phys_addr_t), pgprot_t prot)
{
	const u64 attrs = PTE_ATTRINDX_MASK | PTE_RDONLY | PTE_PXN | PTE_UXN | PTE_AF |
			  PTE_SHARED | PTE_USER;

	for (phys_addr_t p = phys; p < phys + size; p += step) {
		struct xlate x;

		if (!walk(pgdir, __phys_to_virt(p), &x))
			ktest_abort(__FILE__, __LINE__, "phys %#llx: not mapped",
				    (unsigned long long)p);
		if (x.phys != p || x.level != level_of(p) ||
		    !!(x.desc & PTE_CONT) != cont_of(p) ||
		    (x.desc & attrs) != (pgprot_val(prot) & attrs))
			ktest_abort(__FILE__, __LINE__,
				    "phys %#llx: got %#llx level %d desc %#llx, want level %d cont %d",
				    (unsigned long long)p, (unsigned long long)x.phys, x.level,
				    (unsigned long long)x.desc, level_of(p), cont_of(p));
	}
}

static int level_pud(phys_addr_t p) { return 1; }
static int level_pmd(phys_addr_t p) { return 2; }
static int level_pte(phys_addr_t p) { return 3; }
static bool cont_never(phys_addr_t p) { return false; }
static bool cont_always(phys_addr_t p) { return true; }

/*
 * Two aligned gigabytes: two PUD blocks, and no table but the pgd and one pud table.
 *
 *   phys  1G         2G         3G
 *         |  block   |  block   |
 */
static void mmu_pud_blocks_check(void)
{
	pgd_t *pgdir = new_pgdir();

	map(pgdir, MEM_BASE, 2 * SZ_1G, PAGE_KERNEL, 0);
	EXPECT_EQ(tables_used(), 2);
	check_range(pgdir, MEM_BASE, 2 * SZ_1G, SZ_2M, level_pud, cont_never, PAGE_KERNEL);
	check_range(pgdir, MEM_BASE + 0x1234000, SZ_4K, 1, level_pud, cont_never, PAGE_KERNEL);
}

/* 32 MiB contiguous runs: 1G+2M..1G+32M plain blocks, then a CONT run, then one block. */
static bool cont_pmd_run(phys_addr_t p)
{
	return p >= MEM_BASE + SZ_32M && p < MEM_BASE + SZ_64M;
}

/*
 *   1G+2M        1G+32M                1G+64M  +2M
 *   | 15 blocks  | 16 blocks, CONT     | 1 block |
 */
static void mmu_cont_pmd_check(void)
{
	pgd_t *pgdir = new_pgdir();

	map(pgdir, MEM_BASE + SZ_2M, SZ_64M, PAGE_KERNEL, 0);
	EXPECT_EQ(tables_used(), 3);
	check_range(pgdir, MEM_BASE + SZ_2M, SZ_64M, SZ_2M, level_pmd, cont_pmd_run, PAGE_KERNEL);
}

static int level_edges(phys_addr_t p)
{
	return p >= MEM_BASE + SZ_2M && p < MEM_BASE + SZ_4M ? 2 : 3;
}

static bool cont_edges(phys_addr_t p)
{
	return p >= MEM_BASE + SZ_64K && p < MEM_BASE + SZ_2M;
}

/*
 * Unaligned ends: pages up to the first 2 MiB boundary (CONT from the first 64 KiB
 * boundary), one block, pages after it (too few for a CONT run).
 *
 *   1G+4K  1G+64K         1G+2M     1G+4M   +20K
 *   | pages | pages, CONT  | block   | pages |
 */
static void mmu_pages_at_edges_check(void)
{
	pgd_t *pgdir = new_pgdir();
	phys_addr_t start = MEM_BASE + SZ_4K, size = SZ_4M + 5 * SZ_4K - SZ_4K;

	map(pgdir, start, size, PAGE_KERNEL_RO, 0);
	EXPECT_EQ(tables_used(), 5);	/* pgd, pud, pmd, two pte tables */
	check_range(pgdir, start, size, SZ_4K, level_edges, cont_edges, PAGE_KERNEL_RO);
	{
		struct xlate x;

		EXPECT_FALSE(walk(pgdir, __phys_to_virt(MEM_BASE), &x));
		EXPECT_FALSE(walk(pgdir, __phys_to_virt(start + size), &x));
	}
}

/* NO_BLOCK_MAPPINGS | NO_CONT_MAPPINGS: pages only, even where blocks would fit. */
static void mmu_no_block_mappings_check(void)
{
	pgd_t *pgdir = new_pgdir();

	map(pgdir, MEM_BASE, SZ_4M, PAGE_KERNEL, NO_BLOCK_MAPPINGS | NO_CONT_MAPPINGS);
	EXPECT_EQ(tables_used(), 5);
	check_range(pgdir, MEM_BASE, SZ_4M, SZ_4K, level_pte, cont_never, PAGE_KERNEL);
}

/* NO_BLOCK_MAPPINGS alone: pages, in CONT runs. */
static void mmu_no_block_cont_check(void)
{
	pgd_t *pgdir = new_pgdir();

	map(pgdir, MEM_BASE, SZ_2M, PAGE_KERNEL_ROX, NO_BLOCK_MAPPINGS);
	check_range(pgdir, MEM_BASE, SZ_2M, SZ_4K, level_pte, cont_always, PAGE_KERNEL_ROX);
}

static int level_cross(phys_addr_t p)
{
	return p >= 2 * SZ_1G && p < 3 * SZ_1G ? 1 : 2;
}

/*
 * Across two 1 GiB boundaries: 2 MiB blocks, a 1 GiB block, 2 MiB blocks.
 *
 *   2G-2M   2G            3G   3G+2M
 *   | block |  1G block   | block |
 */
static void mmu_cross_1g_check(void)
{
	pgd_t *pgdir = new_pgdir();
	phys_addr_t start = 2 * SZ_1G - SZ_2M;

	map(pgdir, start, SZ_1G + 2 * SZ_2M, PAGE_KERNEL, NO_CONT_MAPPINGS);
	EXPECT_EQ(tables_used(), 4);	/* pgd, pud, two pmd tables */
	check_range(pgdir, start, SZ_1G + 2 * SZ_2M, SZ_2M, level_cross, cont_never, PAGE_KERNEL);
}

/*
 * The image's case: virtual and physical alignment differ (phys only 64 KiB aligned, virt
 * 2 MiB aligned), so no blocks; CONT runs still fit. Then phys only 4 KiB aligned: no CONT.
 */
static void mmu_phys_alignment_limits_check(void)
{
	pgd_t *pgdir = new_pgdir();
	unsigned long va = KIMAGE_VADDR;
	struct xlate x;

	__create_pgd_mapping(pgdir, MEM_BASE + SZ_64K, va, SZ_4M, PAGE_KERNEL_ROX,
			     early_pgtable_alloc, 0);
	for (unsigned long off = 0; off < SZ_4M; off += SZ_4K) {
		ASSERT_TRUE(walk(pgdir, va + off, &x));
		ASSERT_EQ(x.phys, MEM_BASE + SZ_64K + off);
		ASSERT_EQ(x.level, 3);
		ASSERT_TRUE(x.desc & PTE_CONT);
	}
	pgdir = new_pgdir();
	__create_pgd_mapping(pgdir, MEM_BASE + SZ_4K, va, SZ_4M, PAGE_KERNEL_ROX,
			     early_pgtable_alloc, 0);
	for (unsigned long off = 0; off < SZ_4M; off += SZ_4K) {
		ASSERT_TRUE(walk(pgdir, va + off, &x));
		ASSERT_EQ(x.phys, MEM_BASE + SZ_4K + off);
		ASSERT_EQ(x.desc & PTE_CONT, 0);
	}
	/* A 1 GiB aligned virtual range over 2 MiB aligned memory: PMD blocks, not a PUD. */
	pgdir = new_pgdir();
	__create_pgd_mapping(pgdir, MEM_BASE + SZ_2M, PAGE_OFFSET + SZ_1G, SZ_1G, PAGE_KERNEL,
			     early_pgtable_alloc, NO_CONT_MAPPINGS);
	ASSERT_TRUE(walk(pgdir, PAGE_OFFSET + SZ_1G, &x));
	EXPECT_EQ(x.level, 2);
	EXPECT_EQ(x.phys, MEM_BASE + SZ_2M);
}

/* NO_EXEC_MAPPINGS: every new table descriptor says PXN and UXN; otherwise UXN only. */
static void mmu_table_exec_bits_check(void)
{
	pgd_t *pgdir = new_pgdir();
	struct xlate x;

	map(pgdir, MEM_BASE, SZ_4K, PAGE_KERNEL, NO_EXEC_MAPPINGS);
	ASSERT_TRUE(walk(pgdir, __phys_to_virt(MEM_BASE), &x));
	EXPECT_EQ(x.table_bits, PGD_TABLE_PXN | PGD_TABLE_UXN);

	pgdir = new_pgdir();
	map(pgdir, MEM_BASE, SZ_4K, PAGE_KERNEL_ROX, 0);
	ASSERT_TRUE(walk(pgdir, __phys_to_virt(MEM_BASE), &x));
	EXPECT_EQ(x.table_bits, PGD_TABLE_UXN);
}

/* Mapping again with other permissions is allowed; with another output address, a BUG. */
static void mmu_remap_check(void)
{
	pgd_t *pgdir = new_pgdir();
	unsigned long va = __phys_to_virt(MEM_BASE);

	map(pgdir, MEM_BASE, SZ_64K, PAGE_KERNEL, NO_CONT_MAPPINGS);
	map(pgdir, MEM_BASE, SZ_64K, PAGE_KERNEL_RO, NO_CONT_MAPPINGS);
	check_range(pgdir, MEM_BASE, SZ_64K, SZ_4K, level_pte, cont_never, PAGE_KERNEL_RO);
	KTEST_EXPECT_BUG(__create_pgd_mapping(pgdir, MEM_BASE + SZ_1G, va, SZ_4K, PAGE_KERNEL,
					      early_pgtable_alloc, NO_CONT_MAPPINGS));
}

/* Virtual and physical offsets within a page must agree: WARN, and nothing mapped. */
static void mmu_misaligned_warns_check(void)
{
	pgd_t *pgdir = new_pgdir();
	int warnings = ktest_warnings;
	struct xlate x;

	__create_pgd_mapping(pgdir, MEM_BASE + 8, __phys_to_virt(MEM_BASE), SZ_4K, PAGE_KERNEL,
			     early_pgtable_alloc, 0);
	EXPECT_EQ(ktest_warnings, warnings + 1);
	EXPECT_FALSE(walk(pgdir, __phys_to_virt(MEM_BASE), &x));
}

static void mmu_pgattr_change_is_safe_check(void)
{
	u64 page = pgprot_val(PAGE_KERNEL) | 0x40000000;

	EXPECT_TRUE(pgattr_change_is_safe(0, page));
	EXPECT_TRUE(pgattr_change_is_safe(page, 0));
	EXPECT_TRUE(pgattr_change_is_safe(page, (page & ~PTE_WRITE) | PTE_RDONLY));
	EXPECT_TRUE(pgattr_change_is_safe(page, page & ~PTE_PXN));
	EXPECT_FALSE(pgattr_change_is_safe(page, page + SZ_4K));	/* output address */
	EXPECT_FALSE(pgattr_change_is_safe(page, page | PTE_CONT));
	EXPECT_FALSE(pgattr_change_is_safe(page | PTE_NG, page));	/* nG -> global */
	EXPECT_TRUE(pgattr_change_is_safe(page, page | PTE_NG));
}

/*
 * Random page-aligned ranges with random flags, each in a fresh table: every page of
 * the range translates back, and the pages just outside are unmapped.
 */
static void mmu_random_ranges_check(void)
{
	static const int flag_sets[] = { 0, NO_CONT_MAPPINGS, NO_BLOCK_MAPPINGS,
					 NO_BLOCK_MAPPINGS | NO_CONT_MAPPINGS, NO_EXEC_MAPPINGS };

	for (int round = 0; round < 40; round++) {
		pgd_t *pgdir = new_pgdir();
		phys_addr_t start = MEM_BASE + (ktest_rand_range(0, SZ_4G / SZ_4K) << PAGE_SHIFT);
		phys_addr_t size = ktest_rand_range(1, SZ_64M / SZ_4K) << PAGE_SHIFT;
		int flags = flag_sets[ktest_rand_range(0, ARRAY_SIZE(flag_sets) - 1)];
		struct xlate x;

		map(pgdir, start, size, PAGE_KERNEL, flags);
		for (phys_addr_t p = start; p < start + size; p += SZ_4K) {
			ASSERT_TRUE(walk(pgdir, __phys_to_virt(p), &x));
			ASSERT_EQ(x.phys, p);
			if (flags & NO_BLOCK_MAPPINGS)
				ASSERT_EQ(x.level, 3);
			if (flags & NO_CONT_MAPPINGS)
				ASSERT_EQ(x.desc & PTE_CONT, 0);
		}
		EXPECT_FALSE(walk(pgdir, __phys_to_virt(start - SZ_4K), &x));
		EXPECT_FALSE(walk(pgdir, __phys_to_virt(start + size), &x));
	}
}

KTEST_MAIN("mmu",
	   KTEST_CASE(mmu_pud_blocks_check),
	   KTEST_CASE(mmu_cont_pmd_check),
	   KTEST_CASE(mmu_pages_at_edges_check),
	   KTEST_CASE(mmu_no_block_mappings_check),
	   KTEST_CASE(mmu_no_block_cont_check),
	   KTEST_CASE(mmu_cross_1g_check),
	   KTEST_CASE(mmu_phys_alignment_limits_check),
	   KTEST_CASE(mmu_table_exec_bits_check),
	   KTEST_CASE(mmu_remap_check),
	   KTEST_CASE(mmu_misaligned_warns_check),
	   KTEST_CASE(mmu_pgattr_change_is_safe_check),
	   KTEST_CASE(mmu_random_ranges_check));
