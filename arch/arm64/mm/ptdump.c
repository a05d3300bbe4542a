/*
 * The kernel page tables in words: ptdump prints swapper_pg_dir the way Linux's
 * /sys/kernel/debug/kernel_page_tables does (one line per run of entries with the same
 * level and attributes, a marker line at each region boundary), and ptdump_check_wx
 * walks the same tables looking for writable+executable or user-executable mappings,
 * and for writable mappings of the image's text or rodata (the linear alias). Both run
 * from mark_rodata_ro, once init is over and the tables are final.
 *
 * The walk mirrors mm/ptdump.c's: every entry of every level is noted, an empty entry as
 * a hole of its level (prot 0), a block or page with its attribute bits; note_page joins
 * equal neighbours and prints when a run ends. Levels are numbered as Linux numbers them
 * (0 PGD, 1 P4D (folded here), 2 PUD, 3 PMD, 4 PTE).
 *
 * paging_selftest, at the end, checks the same tables from the other side: it asks the
 * MMU itself (AT instructions) how addresses translate.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <asm/fixmap.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/ptdump.h>
#include <asm/sections.h>

struct addr_marker {
	unsigned long start_address;
	const char *name;
};

/* Linux's list, in address order (here the fixmap and vmemmap lie below PCI I/O). */
static const struct addr_marker address_markers[] = {
	{ PAGE_OFFSET,			"Linear Mapping start" },
	{ PAGE_END,			"Linear Mapping end" },
	{ MODULES_VADDR,		"Modules start" },
	{ MODULES_END,			"Modules end" },
	{ VMALLOC_START,		"vmalloc() area" },
	{ VMALLOC_END,			"vmalloc() end" },
	{ FIXADDR_START,		"Fixmap start" },
	{ FIXADDR_TOP,			"Fixmap end" },
	{ VMEMMAP_START,		"vmemmap start" },
	{ VMEMMAP_START + VMEMMAP_SIZE,	"vmemmap end" },
	{ PCI_IO_START,			"PCI I/O start" },
	{ PCI_IO_END,			"PCI I/O end" },
	{ -1,				NULL },
};

/* The state of one walk: the run being gathered, and what the W^X check counted. */
struct pg_state {
	const struct addr_marker *marker;	/* the region the run is in */
	unsigned long start_address;		/* first address of the run */
	int level;				/* its level; -1 before the first entry */
	u64 current_prot;			/* its attribute bits (0: not mapped) */
	bool print;				/* dump lines, or only check */
	bool check_wx;
	unsigned long wx_pages;			/* pages found writable and executable */
	unsigned long uxn_pages;		/* pages found executable at EL0 */
	unsigned long text_alias_pages;		/* writable pages onto text or rodata */
};

struct prot_bits {
	u64 mask;
	u64 val;
	const char *set;
	const char *clear;
};

static const struct prot_bits pte_bits[] = {
	{ PTE_VALID,		PTE_VALID,	" ",	"F" },
	{ PTE_USER,		PTE_USER,	"USR",	"   " },
	{ PTE_RDONLY,		PTE_RDONLY,	"ro",	"RW" },
	{ PTE_PXN,		PTE_PXN,	"NX",	"x " },
	{ PTE_SHARED,		PTE_SHARED,	"SHD",	"   " },
	{ PTE_AF,		PTE_AF,		"AF",	"  " },
	{ PTE_NG,		PTE_NG,		"NG",	"  " },
	{ PTE_CONT,		PTE_CONT,	"CON",	"   " },
	{ PTE_TABLE_BIT,	PTE_TABLE_BIT,	"   ",	"BLK" },
	{ PTE_UXN,		PTE_UXN,	"UXN",	"   " },
	{ PTE_GP,		PTE_GP,		"GP",	"  " },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_DEVICE_nGnRnE),	"DEVICE/nGnRnE", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_DEVICE_nGnRE),	"DEVICE/nGnRE", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL_NC),	"MEM/NORMAL-NC", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL),		"MEM/NORMAL", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL_TAGGED),	"MEM/NORMAL-TAGGED", NULL },
};

/* The bits note_page compares: every mask above (the same at every level). */
#define PROT_MASK	(PTE_VALID | PTE_USER | PTE_RDONLY | PTE_PXN | PTE_SHARED | PTE_AF | \
			 PTE_NG | PTE_CONT | PTE_TABLE_BIT | PTE_UXN | PTE_GP | PTE_ATTRINDX_MASK)

static const char *const level_name[] = { "PGD", "P4D", "PUD", "PMD", "PTE" };

/* Read once init is over (mark_rodata_ro), so not init data. */
static bool ptdump_enabled;

static int __init ptdump_setup(char *arg)
{
	ptdump_enabled = true;
	return 0;
}
early_param("ptdump", ptdump_setup);

static int dump_prot(char *buf, size_t size, u64 prot)
{
	int len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(pte_bits); i++) {
		const char *s = (prot & pte_bits[i].mask) == pte_bits[i].val ?
				pte_bits[i].set : pte_bits[i].clear;

		if (s)
			len += scnprintf(buf + len, size - len, " %s", s);
	}
	return len;
}

static void print_marker(struct pg_state *st)
{
	if (st->print)
		pr_info("---[ %s ]---\n", st->marker->name);
}

/* The run [start_address, addr) as one line: its size in the largest exact unit. */
static void print_run(struct pg_state *st, unsigned long addr)
{
	static const char units[] = "KMGTPE";
	const char *unit = units;
	unsigned long delta = (addr - st->start_address) >> 10;
	char buf[160];
	int len;

	while (!(delta & 1023) && unit[1]) {
		delta >>= 10;
		unit++;
	}
	len = scnprintf(buf, sizeof(buf), "0x%016lx-0x%016lx   %9lu%c %s",
			st->start_address, addr, delta, *unit, level_name[st->level]);
	if (st->current_prot)
		dump_prot(buf + len, sizeof(buf) - len, st->current_prot);
	pr_info("%s\n", buf);
}

static void note_prot_wx(struct pg_state *st, unsigned long addr)
{
	unsigned long pages = (addr - st->start_address) / PAGE_SIZE;

	if (!(st->current_prot & PTE_UXN)) {
		if (!st->uxn_pages)
			pr_warn("arm64/mm: Found non-UXN mapping at address %#lx\n",
				st->start_address);
		st->uxn_pages += pages;
	}
	if ((st->current_prot & PTE_RDONLY) || (st->current_prot & PTE_PXN))
		return;
	if (!st->wx_pages)
		pr_warn("arm64/mm: Found insecure W+X mapping at address %#lx\n",
			st->start_address);
	st->wx_pages += pages;
}

/* What one entry of each level maps (P4D folded into PGD). */
static const unsigned long level_size[] = {
	PGDIR_SIZE, PGDIR_SIZE, PUD_SIZE, PMD_SIZE, PAGE_SIZE
};

/*
 * Text and rodata are read-only at their link address; a writable entry onto their
 * physical pages anywhere else (the linear map's alias, above all) would undo that.
 * Linux's check looks only for W+X; this one looks for that too.
 */
static void note_text_alias(struct pg_state *st, unsigned long addr, int level, u64 val)
{
	phys_addr_t text = __pa_symbol(_stext), text_end = __pa_symbol(__init_begin);
	phys_addr_t pa = val & PTE_ADDR_MASK, pa_end = pa + level_size[level];

	if (!(val & PTE_VALID) || (val & PTE_RDONLY) || pa >= text_end || pa_end <= text)
		return;
	if (!st->text_alias_pages)
		pr_warn("arm64/mm: Found writable alias of kernel text or rodata at address %#lx\n",
			addr + (unsigned long)(max(pa, text) - pa));
	st->text_alias_pages += (min(pa_end, text_end) - max(pa, text)) / PAGE_SIZE;
}

/* One entry (or hole) at addr; level -1 flushes the last run. Linux's note_page. */
static void note_page(struct pg_state *st, unsigned long addr, int level, u64 val)
{
	u64 prot = level >= 0 ? val & PROT_MASK : 0;

	if (st->check_wx && level >= 0)
		note_text_alias(st, addr, level, val);

	if (st->level == -1) {
		st->level = level;
		st->current_prot = prot;
		st->start_address = addr;
		print_marker(st);
	} else if (prot != st->current_prot || level != st->level ||
		   addr >= st->marker[1].start_address) {
		if (st->current_prot && st->check_wx)
			note_prot_wx(st, addr);
		if (st->print)
			print_run(st, addr);
		if (addr >= st->marker[1].start_address) {
			st->marker++;
			print_marker(st);
		}
		st->start_address = addr;
		st->current_prot = prot;
		st->level = level;
	}
	if (addr >= st->marker[1].start_address) {
		st->marker++;
		print_marker(st);
	}
}

static void walk_pte(struct pg_state *st, pmd_t *pmdp, unsigned long addr)
{
	pte_t *ptep = pte_offset_kernel(pmdp, 0UL);

	for (int i = 0; i < PTRS_PER_PTE; i++, addr += PAGE_SIZE)
		note_page(st, addr, 4, pte_val(READ_ONCE(ptep[i])));
}

static void walk_pmd(struct pg_state *st, pud_t *pudp, unsigned long addr)
{
	pmd_t *pmdp = pmd_offset(pudp, 0UL);

	for (int i = 0; i < PTRS_PER_PMD; i++, addr += PMD_SIZE) {
		pmd_t pmd = READ_ONCE(pmdp[i]);

		if (pmd_table(pmd))
			walk_pte(st, &pmdp[i], addr);
		else
			note_page(st, addr, 3, pmd_val(pmd));
	}
}

static void walk_pud(struct pg_state *st, pgd_t *pgdp, unsigned long addr)
{
	pud_t *pudp = pud_offset(pgdp, 0UL);

	for (int i = 0; i < PTRS_PER_PUD; i++, addr += PUD_SIZE) {
		pud_t pud = READ_ONCE(pudp[i]);

		if (pud_table(pud))
			walk_pmd(st, &pudp[i], addr);
		else
			note_page(st, addr, 2, pud_val(pud));
	}
}

/* Every entry of the kernel's tables from PAGE_OFFSET to the top of the address space. */
static void ptdump_walk_pgd(struct pg_state *st)
{
	unsigned long addr = PAGE_OFFSET;

	for (int i = pgd_index(PAGE_OFFSET); i < PTRS_PER_PGD; i++, addr += PGDIR_SIZE) {
		pgd_t *pgdp = pgd_offset_k(addr);

		if (pgd_table(READ_ONCE(*pgdp)))
			walk_pud(st, pgdp, addr);
		else
			note_page(st, addr, 0, 0);
	}
	note_page(st, 0, -1, 0);
}

void ptdump_check_wx(void)
{
	static const struct addr_marker whole[] = { { 0, NULL }, { -1, NULL } };
	struct pg_state st = { .marker = whole, .level = -1, .check_wx = true };

	ptdump_walk_pgd(&st);
	if (st.wx_pages || st.uxn_pages || st.text_alias_pages)
		pr_warn("Checked W+X mappings: FAILED, %lu W+X pages found, %lu non-UXN pages found, "
			"%lu writable text or rodata alias pages found\n",
			st.wx_pages, st.uxn_pages, st.text_alias_pages);
	else
		pr_info("Checked W+X mappings: passed, no W+X pages found\n");
}

void ptdump_boot_dump(void)
{
	struct pg_state st = { .marker = address_markers, .level = -1, .print = true };

	if (ptdump_enabled)
		ptdump_walk_pgd(&st);
}

static bool paging_selftest_enabled __initdata;

static int __init paging_selftest_setup(char *arg)
{
	paging_selftest_enabled = true;
	return 0;
}
early_param("paging_selftest", paging_selftest_setup);

/* What the MMU makes of a kernel read (or write) of va: its physical address, or ~0. */
static phys_addr_t __init at_translate(unsigned long va, bool write)
{
	u64 par;

	if (write)
		__asm__ __volatile__("at s1e1w, %0" : : "r" (va));
	else
		__asm__ __volatile__("at s1e1r, %0" : : "r" (va));
	isb();
	par = read_sysreg(par_el1);
	if (par & 1)	/* PAR_EL1.F: the walk faulted */
		return ~(phys_addr_t)0;
	return (par & PTE_ADDR_MASK) | (va & ~PAGE_MASK);
}

/* Pages of [va, va + size) that do not read back as [pa, pa + size); the first is named. */
static unsigned long __init check_translation(unsigned long va, phys_addr_t pa,
					      unsigned long size)
{
	unsigned long bad = 0;

	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		phys_addr_t got = at_translate(va + off, false);

		if (got != pa + off && !bad++)
			pr_err("paging: %#lx translates to %#llx, not %#llx\n", va + off,
			       (unsigned long long)got, (unsigned long long)(pa + off));
	}
	return bad;
}

/*
 * Under "paging_selftest": the hardware walker's view of swapper_pg_dir. Every page of
 * RAM reads back through the linear map, every page of the image at its link address;
 * text and rodata refuse writes; TTBR0 (the old identity map) translates nothing.
 */
void __init paging_selftest(void)
{
	unsigned long bad = 0, pages = 0;
	const struct kernel_segment *seg;
	phys_addr_t start, end;
	u64 i;

	if (!paging_selftest_enabled)
		return;
	for_each_mem_range(i, &start, &end) {
		bad += check_translation(__phys_to_virt(start), start, end - start);
		pages += (end - start) >> PAGE_SHIFT;
	}
	for (int n = 0; (seg = kernel_segment(n)); n++) {
		unsigned long size = seg->size - (seg->no_guard ? 0 : PAGE_SIZE);

		bad += check_translation((unsigned long)seg->addr, seg->phys_addr, size);
		pages += size >> PAGE_SHIFT;
	}
	bad += at_translate((unsigned long)_stext, true) != ~(phys_addr_t)0;
	bad += at_translate((unsigned long)__start_rodata, true) != ~(phys_addr_t)0;
	bad += at_translate(__pa_symbol(_stext), false) != ~(phys_addr_t)0;
	if (bad)
		pr_err("paging: self-test FAILED: %lu bad of %lu pages\n", bad, pages);
	else
		pr_info("paging: self-test passed: %lu pages translate as mapped\n", pages);
}
