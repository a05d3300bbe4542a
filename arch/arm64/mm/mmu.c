/*
 * Kernel page tables: the fixmap (early_fixmap_init, __set_fixmap, fixmap_remap_fdt), and
 * paging_init, which builds swapper_pg_dir (the image by segment, the linear map of RAM)
 * and switches TTBR1 to it; vmemmap_populate backs the struct page array.
 *
 * Tables are built as Linux 6.1 builds them: __create_pgd_mapping walks pgd -> pud ->
 * pmd -> pte (alloc_init_pud, alloc_init_cont_pmd, init_pmd, alloc_init_cont_pte,
 * init_pte), using 1 GiB and 2 MiB blocks and contiguous runs where the addresses are
 * aligned and the caller allows them. Before the linear map exists a table is reachable
 * only by its physical address, so each level is edited through its own fixmap slot
 * (FIX_PGD, FIX_PUD, FIX_PMD, FIX_PTE), and new tables come zeroed from memblock.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/libfdt.h>
#include <linux/memblock.h>
#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/early_ioremap.h>
#include <asm/fixmap.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/ptdump.h>
#include <asm/sections.h>
#include <asm/tlbflush.h>

/* Segment bounds the linker script adds for paging_init (Linux's asm/sections.h has them). */
extern char __inittext_begin[], __inittext_end[], __initdata_begin[], __initdata_end[];
extern char _data[];

/* __create_pgd_mapping flags, as Linux numbers them. */
#define NO_BLOCK_MAPPINGS	BIT(0)	/* pages only: no 1 GiB / 2 MiB blocks */
#define NO_CONT_MAPPINGS	BIT(1)	/* no contiguous hint */
#define NO_EXEC_MAPPINGS	BIT(2)	/* new tables say PXN: nothing below executes */

struct mm_struct init_mm = { .pgd = init_pg_dir };

/*
 * The fixmap's own tables, static so they exist before any allocator: one table at each
 * level covers it, since the whole fixmap lies in one 1 GiB PUD entry and its page-mapped
 * slots in one 2 MiB PMD entry (checked below).
 */
static pte_t bm_pte[PTRS_PER_PTE] __aligned(PAGE_SIZE);
static pmd_t bm_pmd[PTRS_PER_PMD] __aligned(PAGE_SIZE);
static pud_t bm_pud[PTRS_PER_PUD] __aligned(PAGE_SIZE);

static inline pte_t *fixmap_pte(unsigned long addr)
{
	return &bm_pte[pte_index(addr)];
}

void __init early_fixmap_init(void)
{
	unsigned long addr = FIXADDR_TOT_START;
	pgd_t *pgdp = &init_mm.pgd[pgd_index(addr)];

	BUILD_BUG_ON((__fix_to_virt(FIX_EARLYCON_MEM_BASE) >> PMD_SHIFT) !=
		     (__fix_to_virt(__end_of_fixed_addresses - 1) >> PMD_SHIFT));
	BUILD_BUG_ON((FIXADDR_TOP - 1) >> PUD_SHIFT != FIXADDR_TOT_START >> PUD_SHIFT);
	BUILD_BUG_ON(__fix_to_virt(FIX_FDT) & (SZ_2M - 1));

	set_pgd(pgdp, __pgd(__pa_symbol(bm_pud) | PGD_TYPE_TABLE));
	set_pud(&bm_pud[pud_index(addr)], __pud(__pa_symbol(bm_pmd) | PUD_TYPE_TABLE));
	set_pmd(&bm_pmd[pmd_index(addr)], __pmd(__pa_symbol(bm_pte) | PMD_TYPE_TABLE));
}

void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot)
{
	unsigned long addr = __fix_to_virt(idx);
	pte_t *ptep;

	BUG_ON(idx <= FIX_HOLE || idx >= __end_of_fixed_addresses);
	BUG_ON(idx >= FIX_FDT_END && idx <= FIX_FDT);
	ptep = fixmap_pte(addr);
	if (pgprot_val(prot)) {
		set_pte(ptep, pfn_pte(phys >> PAGE_SHIFT, prot));
	} else {
		WRITE_ONCE(*ptep, __pte(0));
		flush_tlb_kernel_range(addr, addr + PAGE_SIZE);
	}
}

/* Maps [phys, phys + size) in 2 MiB blocks at FIX_FDT; both already block aligned. */
static void __init fixmap_map_fdt_blocks(phys_addr_t phys, unsigned long size, pgprot_t prot)
{
	unsigned long addr = __fix_to_virt(FIX_FDT);

	for (; size; size -= SZ_2M, addr += SZ_2M, phys += SZ_2M)
		set_pmd(&bm_pmd[pmd_index(addr)],
			__pmd(phys | pgprot_val(mk_sect_prot(prot))));
	flush_tlb_kernel_range(__fix_to_virt(FIX_FDT), __fix_to_virt(FIX_FDT_END - 1));
}

void *__init fixmap_remap_fdt(phys_addr_t dt_phys, int *size, pgprot_t prot)
{
	unsigned long offset = dt_phys & (SZ_2M - 1);
	phys_addr_t base = dt_phys - offset;
	void *dt_virt = (void *)(__fix_to_virt(FIX_FDT) + offset);

	/* The boot protocol: 8-byte aligned, at most MAX_FDT_SIZE. */
	if (!dt_phys || dt_phys % 8)
		return NULL;
	fixmap_map_fdt_blocks(base, SZ_2M, prot);
	if (offset + 8 > SZ_2M)
		fixmap_map_fdt_blocks(base, SZ_4M, prot);
	if (fdt_magic(dt_virt) != FDT_MAGIC)
		return NULL;
	*size = fdt_totalsize(dt_virt);
	if (*size > (int)MAX_FDT_SIZE || *size < 0)
		return NULL;
	if (offset + *size > SZ_2M)
		fixmap_map_fdt_blocks(base, SZ_4M, prot);
	return dt_virt;
}

/* Serializes __create_pgd_mapping's use of the FIX_PUD, FIX_PMD and FIX_PTE slots. */
static DEFINE_SPINLOCK(fixmap_lock);
/* Serializes writes of swapper_pg_dir's entries through FIX_PGD (Linux's swapper_pgdir_lock). */
static DEFINE_SPINLOCK(swapper_pgdir_lock);

void set_swapper_pgd(pgd_t *pgdp, pgd_t pgd)
{
	pgd_t *fixmap_pgdp;

	spin_lock(&swapper_pgdir_lock);
	fixmap_pgdp = pgd_set_fixmap(__pa_symbol(pgdp));
	WRITE_ONCE(*fixmap_pgdp, pgd);
	dsb(ishst);
	isb();
	pgd_clear_fixmap();
	spin_unlock(&swapper_pgdir_lock);
}

/*
 * Whether a live entry may change from old to new without break-before-make: creating
 * or removing is fine, and so is changing permissions (PXN, RDONLY, WRITE, NG set);
 * anything else (output address, type, contiguous runs) needs the entry taken down first.
 */
static bool pgattr_change_is_safe(u64 old, u64 new)
{
	pteval_t mask = PTE_PXN | PTE_RDONLY | PTE_WRITE | PTE_NG;

	if (old == 0 || new == 0)
		return true;
	if ((old | new) & PTE_CONT)
		return false;
	if (old & ~new & PTE_NG)
		return false;
	return ((old ^ new) & ~mask) == 0;
}

/* A zeroed page for a new table, from memblock; zeroed through FIX_PTE (no linear map yet). */
static phys_addr_t __init early_pgtable_alloc(int shift)
{
	phys_addr_t phys;
	void *ptr;

	phys = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0, MEMBLOCK_ALLOC_NOLEAKTRACE);
	if (!phys)
		panic("Failed to allocate page table page\n");
	ptr = pte_set_fixmap(phys);
	memset(ptr, 0, PAGE_SIZE);
	pte_clear_fixmap();
	return phys;
}

static void init_pte(pmd_t *pmdp, unsigned long addr, unsigned long end,
		     phys_addr_t phys, pgprot_t prot)
{
	pte_t *ptep = pte_set_fixmap_offset(pmdp, addr);

	do {
		pte_t old_pte = READ_ONCE(*ptep);

		set_pte(ptep, pfn_pte(PHYS_PFN(phys), prot));
		/* Once populated, only the permissions of an entry may change. */
		BUG_ON(!pgattr_change_is_safe(pte_val(old_pte), pte_val(READ_ONCE(*ptep))));
		phys += PAGE_SIZE;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_clear_fixmap();
}

static void alloc_init_cont_pte(pmd_t *pmdp, unsigned long addr, unsigned long end,
				phys_addr_t phys, pgprot_t prot,
				phys_addr_t (*pgtable_alloc)(int), int flags)
{
	pmd_t pmd = READ_ONCE(*pmdp);
	unsigned long next;

	BUG_ON(pmd_sect(pmd));
	if (pmd_none(pmd)) {
		pmdval_t pmdval = PMD_TABLE_UXN;

		if (flags & NO_EXEC_MAPPINGS)
			pmdval |= PMD_TABLE_PXN;
		BUG_ON(!pgtable_alloc);
		__pmd_populate(pmdp, pgtable_alloc(PAGE_SHIFT), pmdval);
		pmd = READ_ONCE(*pmdp);
	}
	BUG_ON(pmd_bad(pmd));
	do {
		pgprot_t __prot = prot;

		next = pte_cont_addr_end(addr, end);
		/* A whole aligned run of CONT_PTES pages shares one TLB entry. */
		if (((addr | next | phys) & ~CONT_PTE_MASK) == 0 && !(flags & NO_CONT_MAPPINGS))
			__prot = __pgprot(pgprot_val(prot) | PTE_CONT);
		init_pte(pmdp, addr, next, phys, __prot);
		phys += next - addr;
	} while (addr = next, addr != end);
}

static void init_pmd(pud_t *pudp, unsigned long addr, unsigned long end,
		     phys_addr_t phys, pgprot_t prot,
		     phys_addr_t (*pgtable_alloc)(int), int flags)
{
	pmd_t *pmdp = pmd_set_fixmap_offset(pudp, addr);
	unsigned long next;

	do {
		pmd_t old_pmd = READ_ONCE(*pmdp);

		next = pmd_addr_end(addr, end);
		if (((addr | next | phys) & ~PMD_MASK) == 0 && !(flags & NO_BLOCK_MAPPINGS)) {
			pmd_set_huge(pmdp, phys, prot);
			BUG_ON(!pgattr_change_is_safe(pmd_val(old_pmd),
						      pmd_val(READ_ONCE(*pmdp))));
		} else {
			alloc_init_cont_pte(pmdp, addr, next, phys, prot, pgtable_alloc, flags);
			BUG_ON(pmd_val(old_pmd) && pmd_val(old_pmd) != pmd_val(READ_ONCE(*pmdp)));
		}
		phys += next - addr;
	} while (pmdp++, addr = next, addr != end);
	pmd_clear_fixmap();
}

static void alloc_init_cont_pmd(pud_t *pudp, unsigned long addr, unsigned long end,
				phys_addr_t phys, pgprot_t prot,
				phys_addr_t (*pgtable_alloc)(int), int flags)
{
	pud_t pud = READ_ONCE(*pudp);
	unsigned long next;

	BUG_ON(pud_sect(pud));
	if (pud_none(pud)) {
		pudval_t pudval = PUD_TABLE_UXN;

		if (flags & NO_EXEC_MAPPINGS)
			pudval |= PUD_TABLE_PXN;
		BUG_ON(!pgtable_alloc);
		__pud_populate(pudp, pgtable_alloc(PMD_SHIFT), pudval);
		pud = READ_ONCE(*pudp);
	}
	BUG_ON(pud_bad(pud));
	do {
		pgprot_t __prot = prot;

		next = pmd_cont_addr_end(addr, end);
		if (((addr | next | phys) & ~CONT_PMD_MASK) == 0 && !(flags & NO_CONT_MAPPINGS))
			__prot = __pgprot(pgprot_val(prot) | PTE_CONT);
		init_pmd(pudp, addr, next, phys, __prot, pgtable_alloc, flags);
		phys += next - addr;
	} while (addr = next, addr != end);
}

static void alloc_init_pud(pgd_t *pgdp, unsigned long addr, unsigned long end,
			   phys_addr_t phys, pgprot_t prot,
			   phys_addr_t (*pgtable_alloc)(int), int flags)
{
	pgd_t pgd = READ_ONCE(*pgdp);
	unsigned long next;
	pud_t *pudp;

	if (pgd_none(pgd)) {
		pgdval_t pgdval = PGD_TABLE_UXN;

		if (flags & NO_EXEC_MAPPINGS)
			pgdval |= PGD_TABLE_PXN;
		BUG_ON(!pgtable_alloc);
		__pgd_populate(pgdp, pgtable_alloc(PUD_SHIFT), pgdval);
		pgd = READ_ONCE(*pgdp);
	}
	BUG_ON(pgd_bad(pgd));
	pudp = pud_set_fixmap_offset(pgdp, addr);
	do {
		pud_t old_pud = READ_ONCE(*pudp);

		next = pud_addr_end(addr, end);
		/* 4 KiB granule: a 1 GiB block where everything is aligned. */
		if (((addr | next | phys) & ~PUD_MASK) == 0 && !(flags & NO_BLOCK_MAPPINGS)) {
			pud_set_huge(pudp, phys, prot);
			BUG_ON(!pgattr_change_is_safe(pud_val(old_pud),
						      pud_val(READ_ONCE(*pudp))));
		} else {
			alloc_init_cont_pmd(pudp, addr, next, phys, prot, pgtable_alloc, flags);
			BUG_ON(pud_val(old_pud) && pud_val(old_pud) != pud_val(READ_ONCE(*pudp)));
		}
		phys += next - addr;
	} while (pudp++, addr = next, addr != end);
	pud_clear_fixmap();
}

/*
 * Map [virt, virt + size) to phys in the table pgdir (reached through FIX_PGD by the
 * caller, or any table the linear map covers), allocating tables with pgtable_alloc.
 */
static void __create_pgd_mapping(pgd_t *pgdir, phys_addr_t phys, unsigned long virt,
				 phys_addr_t size, pgprot_t prot,
				 phys_addr_t (*pgtable_alloc)(int), int flags)
{
	pgd_t *pgdp = pgd_offset_pgd(pgdir, virt);
	unsigned long addr, end, next;

	/* Virtual and physical addresses must share their offset within a page. */
	if (WARN_ON((phys ^ virt) & ~PAGE_MASK))
		return;
	phys &= PAGE_MASK;
	addr = virt & PAGE_MASK;
	end = PAGE_ALIGN(virt + size);
	spin_lock(&fixmap_lock);
	do {
		next = pgd_addr_end(addr, end);
		alloc_init_pud(pgdp, addr, next, phys, prot, pgtable_alloc, flags);
		phys += next - addr;
	} while (pgdp++, addr = next, addr != end);
	spin_unlock(&fixmap_lock);
}

/*
 * The image's segments as map_kernel_segment registers them. Linux hands each to
 * vm_area_add_early as a struct vm_struct, so vmalloc keeps out of them and
 * /proc/vmallocinfo lists them; until vmalloc exists they wait here.
 */
static struct kernel_segment kernel_segments[NR_KERNEL_SEGMENTS];
static int nr_kernel_segments;

const struct kernel_segment *kernel_segment(int i)
{
	return i >= 0 && i < nr_kernel_segments ? &kernel_segments[i] : NULL;
}

static void __init map_kernel_segment(pgd_t *pgdp, void *va_start, void *va_end,
				      pgprot_t prot, int flags, bool guard)
{
	phys_addr_t pa_start = __pa_symbol(va_start);
	unsigned long size = va_end - va_start;
	struct kernel_segment *seg;

	BUG_ON((pa_start | size) & ~PAGE_MASK);
	BUG_ON(nr_kernel_segments >= NR_KERNEL_SEGMENTS);
	seg = &kernel_segments[nr_kernel_segments++];
	__create_pgd_mapping(pgdp, pa_start, (unsigned long)va_start, size, prot,
			     early_pgtable_alloc, flags);
	/* Like VM_NO_GUARD: only the last segment keeps a guard page after it. */
	seg->addr = va_start;
	seg->size = size + (guard ? PAGE_SIZE : 0);
	seg->phys_addr = pa_start;
	seg->caller = __builtin_return_address(0);
	seg->no_guard = !guard;
}

/*
 * The image at its link address, each segment with its own rights: text and init text
 * read-only executable, rodata read-only, init data and data read-write, all but text
 * never executable. The fixmap keeps its tables: its pgd entry is copied over. Inlined,
 * so each segment's caller is paging_init, as vmallocinfo shows it in Linux.
 */
static __always_inline void map_kernel(pgd_t *pgdp)
{
	pgd_t *fix_pgdp = pgd_offset_pgd(pgdp, FIXADDR_TOT_START);

	map_kernel_segment(pgdp, _stext, _etext, PAGE_KERNEL_ROX, 0, false);
	map_kernel_segment(pgdp, __start_rodata, __inittext_begin, PAGE_KERNEL_RO,
			   NO_CONT_MAPPINGS, false);
	map_kernel_segment(pgdp, __inittext_begin, __inittext_end, PAGE_KERNEL_ROX, 0, false);
	map_kernel_segment(pgdp, __initdata_begin, __initdata_end, PAGE_KERNEL, 0, false);
	map_kernel_segment(pgdp, _data, _end, PAGE_KERNEL, 0, true);

	BUG_ON(!pgd_none(READ_ONCE(*fix_pgdp)));
	set_pgd(fix_pgdp, READ_ONCE(*pgd_offset_k(FIXADDR_TOT_START)));
}

/*
 * The linear map: every memory region (NOMAP ones are skipped by for_each_mem_range) at
 * __phys_to_virt, read-write, never executable, in the largest blocks alignment allows.
 *
 * The linear alias of the image's text and rodata, [_stext, __init_begin), must not stay
 * a writable way around their read-only mapping: it is mapped on its own, without
 * contiguous runs (whose entries cannot change one at a time), so that
 * mark_linear_text_alias_ro can take its write permission away (Linux waits until
 * alternatives are patched; there are none here, but the order is Linux's).
 */
static void __init map_mem(pgd_t *pgdp)
{
	phys_addr_t kernel_start = __pa_symbol(_stext);
	phys_addr_t kernel_end = __pa_symbol(__init_begin);
	phys_addr_t start, end;
	u64 i;

	BUILD_BUG_ON(pgd_index(PAGE_END - 1) == pgd_index(PAGE_END));
	/* NOMAP for the loop only: for_each_mem_range leaves the range out. */
	memblock_mark_nomap(kernel_start, kernel_end - kernel_start);
	for_each_mem_range(i, &start, &end) {
		if (start >= end)
			break;
		__create_pgd_mapping(pgdp, start, __phys_to_virt(start), end - start,
				     PAGE_KERNEL, early_pgtable_alloc, NO_EXEC_MAPPINGS);
	}
	__create_pgd_mapping(pgdp, kernel_start, __phys_to_virt(kernel_start),
			     kernel_end - kernel_start, PAGE_KERNEL, early_pgtable_alloc,
			     NO_CONT_MAPPINGS);
	memblock_clear_nomap(kernel_start, kernel_end - kernel_start);
}

/* New permissions for a live range of the kernel's tables; no table is allocated. */
static void __init update_mapping_prot(phys_addr_t phys, unsigned long virt,
				       phys_addr_t size, pgprot_t prot)
{
	__create_pgd_mapping(init_mm.pgd, phys, virt, size, prot, NULL, NO_CONT_MAPPINGS);
	flush_tlb_kernel_range(virt, virt + size);
}

void __init mark_linear_text_alias_ro(void)
{
	update_mapping_prot(__pa_symbol(_stext), (unsigned long)lm_alias(_stext),
			    (unsigned long)__init_begin - (unsigned long)_stext, PAGE_KERNEL_RO);
}

/*
 * Linux's mark_rodata_ro, once init is over: rodata is read-only from paging_init on
 * (nothing here is __ro_after_init), so only the final check of the tables is left,
 * and the boot dump of them under "ptdump".
 */
void mark_rodata_ro(void)
{
	ptdump_check_wx();
	ptdump_boot_dump();
}

/*
 * paging_init - build swapper_pg_dir and make it the kernel's page table
 *
 * Until now TTBR1 holds init_pg_dir (head.S: the image RWX in 2 MiB blocks) and TTBR0
 * the identity map. Afterwards TTBR1 holds swapper_pg_dir (the image by segment, the
 * linear map of RAM, the fixmap), TTBR0 the empty reserved_pg_dir, and __va() works for
 * all of memblock.memory. Context: boot cpu, after arm64_memblock_init.
 */
void __init paging_init(void)
{
	pgd_t *pgdp = pgd_set_fixmap(__pa_symbol(swapper_pg_dir));

	memset(pgdp, 0, PAGE_SIZE);
	map_kernel(pgdp);
	map_mem(pgdp);
	pgd_clear_fixmap();

	cpu_replace_ttbr1(lm_alias(swapper_pg_dir), init_idmap_pg_dir);
	init_mm.pgd = swapper_pg_dir;
	memblock_phys_free(__pa_symbol(init_pg_dir),
			   __pa_symbol(init_pg_end) - __pa_symbol(init_pg_dir));
	memblock_allow_resize();

	paging_selftest();
	early_ioremap_selftest();
}

/* A zeroed table for the vmemmap, near the node it describes; NULL when memblock ran dry. */
static void *__init vmemmap_table_alloc(int node)
{
	return memblock_alloc_try_nid(PAGE_SIZE, PAGE_SIZE, 0, MEMBLOCK_ALLOC_ACCESSIBLE, node);
}

/* The PMD entry for addr in the kernel's tables, allocating the PUD and PMD tables. */
static pmd_t *__init vmemmap_pmd_populate(unsigned long addr, int node)
{
	pgd_t *pgdp = pgd_offset_k(addr);
	pud_t *pudp;
	void *table;

	if (pgd_none(READ_ONCE(*pgdp))) {
		table = vmemmap_table_alloc(node);
		if (!table)
			return NULL;
		__pgd_populate(pgdp, __pa(table), PGD_TABLE_UXN | PGD_TABLE_PXN);
	}
	pudp = pud_offset(pgdp, addr);
	if (pud_none(READ_ONCE(*pudp))) {
		table = vmemmap_table_alloc(node);
		if (!table)
			return NULL;
		__pud_populate(pudp, __pa(table), PUD_TABLE_UXN | PUD_TABLE_PXN);
	}
	BUG_ON(pud_bad(READ_ONCE(*pudp)));
	return pmd_offset(pudp, addr);
}

/**
 * vmemmap_populate - back part of the struct page array with memory
 * @start: first address, in the vmemmap at VMEMMAP_START
 * @end: end address (exclusive)
 * @node: node whose memory should back the range (memblock falls back to any node)
 *
 * Each 2 MiB of [start, end) not yet mapped gets a 2 MiB block, PAGE_KERNEL, from
 * memblock on @node; missing PUD and PMD tables are allocated there too. The blocks are
 * zeroed. Ranges already mapped are left alone, so neighbouring sections may share one.
 *
 * Context: boot cpu, after paging_init (the tables are reached through the linear map).
 * Return: 0, or -ENOMEM when memblock has no memory left.
 */
int __init vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	unsigned long addr, next;
	pmd_t *pmdp;
	void *block;

	WARN_ON(start < VMEMMAP_START || end > VMEMMAP_END);
	for (addr = start; addr < end; addr = next) {
		next = pmd_addr_end(addr, end);
		pmdp = vmemmap_pmd_populate(addr, node);
		if (!pmdp)
			return -ENOMEM;
		if (!pmd_none(READ_ONCE(*pmdp)))
			continue;
		/* Not zeroed (Linux's vmemmap_alloc_block): memmap_init writes every page. */
		block = memblock_alloc_try_nid_raw(PMD_SIZE, PMD_SIZE, 0,
						   MEMBLOCK_ALLOC_ACCESSIBLE, node);
		if (!block)
			return -ENOMEM;
		pmd_set_huge(pmdp, __pa(block), PAGE_KERNEL);
	}
	return 0;
}
