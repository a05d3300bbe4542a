/*
 * Walking and editing page tables: index, offset and set helpers at every level, and the
 * fixmap forms (pgd_set_fixmap...) that reach a table by its physical address alone.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <linux/compiler.h>
#include <linux/mm_types.h>
#include <asm/fixmap.h>
#include <asm/memory.h>
#include <asm/pgtable-prot.h>
#include <asm/sysreg.h>

#define pgd_index(a)	(((a) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pud_index(a)	(((a) >> PUD_SHIFT) & (PTRS_PER_PUD - 1))
#define pmd_index(a)	(((a) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(a)	(((a) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

#define pgd_none(p)	(!pgd_val(p))
#define pud_none(p)	(!pud_val(p))
#define pmd_none(p)	(!pmd_val(p))
#define pte_none(p)	(!pte_val(p))
#define pte_present(p)	(pte_val(p) & PTE_VALID)
#define pgd_table(p)	((pgd_val(p) & PTE_TYPE_MASK) == PGD_TYPE_TABLE)
#define pud_table(p)	((pud_val(p) & PTE_TYPE_MASK) == PUD_TYPE_TABLE)
#define pmd_table(p)	((pmd_val(p) & PTE_TYPE_MASK) == PMD_TYPE_TABLE)
#define pud_sect(p)	((pud_val(p) & PTE_TYPE_MASK) == PUD_TYPE_SECT)
#define pmd_sect(p)	((pmd_val(p) & PTE_TYPE_MASK) == PMD_TYPE_SECT)
/* A present entry that is not a table: where a walk of the kernel tables stops. */
#define pgd_bad(p)	(!pgd_table(p))
#define pud_bad(p)	(!pud_table(p))
#define pmd_bad(p)	(!pmd_table(p))
#define pud_leaf(p)	(pud_present(p) && !pud_table(p))
#define pmd_leaf(p)	(pmd_present(p) && !pmd_table(p))
#define pud_present(p)	(pud_val(p) & PTE_VALID)
#define pmd_present(p)	(pmd_val(p) & PTE_VALID)

#define __desc_phys(v)	((phys_addr_t)((v) & PTE_ADDR_MASK))
#define pgd_page_paddr(p)	__desc_phys(pgd_val(p))
#define pud_page_paddr(p)	__desc_phys(pud_val(p))
#define pmd_page_paddr(p)	__desc_phys(pmd_val(p))
#define pte_phys(p)		__desc_phys(pte_val(p))

#define pfn_pte(pfn, prot)	__pte(((pteval_t)(pfn) << PAGE_SHIFT) | pgprot_val(prot))
/* A block descriptor: the page protection with the table bit cleared. */
#define mk_sect_prot(prot)	__pgprot(pgprot_val(prot) & ~PTE_TABLE_BIT)

/* The end of the entry (or contiguous run) holding addr, capped at end; wrap-safe. */
#define __xx_addr_end(addr, end, size) ({				\
	unsigned long __boundary = ((addr) + (size)) & ~((size) - 1);	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#define pgd_addr_end(addr, end)		__xx_addr_end(addr, end, PGDIR_SIZE)
#define pud_addr_end(addr, end)		__xx_addr_end(addr, end, PUD_SIZE)
#define pmd_addr_end(addr, end)		__xx_addr_end(addr, end, PMD_SIZE)
#define pmd_cont_addr_end(addr, end)	__xx_addr_end(addr, end, CONT_PMD_SIZE)
#define pte_cont_addr_end(addr, end)	__xx_addr_end(addr, end, CONT_PTE_SIZE)

/* The entry of pgdir for addr, and the same in the kernel's tables. */
#define pgd_offset_pgd(pgdir, addr)	((pgd_t *)(pgdir) + pgd_index(addr))
#define pgd_offset_k(addr)		pgd_offset_pgd(init_mm.pgd, addr)

/* Physical address of the next level's entry for addr: usable before the linear map. */
#define pud_offset_phys(pgdp, addr)	\
	(pgd_page_paddr(READ_ONCE(*(pgdp))) + pud_index(addr) * sizeof(pud_t))
#define pmd_offset_phys(pudp, addr)	\
	(pud_page_paddr(READ_ONCE(*(pudp))) + pmd_index(addr) * sizeof(pmd_t))
#define pte_offset_phys(pmdp, addr)	\
	(pmd_page_paddr(READ_ONCE(*(pmdp))) + pte_index(addr) * sizeof(pte_t))

/* The next level's entry through the linear map: only once paging_init has run. */
#define pud_offset(pgdp, addr)		((pud_t *)__va(pud_offset_phys(pgdp, addr)))
#define pmd_offset(pudp, addr)		((pmd_t *)__va(pmd_offset_phys(pudp, addr)))
#define pte_offset_kernel(pmdp, addr)	((pte_t *)__va(pte_offset_phys(pmdp, addr)))

/*
 * A table reached by physical address through its level's fixmap slot. One table per
 * level at a time: callers clear the slot (p*_clear_fixmap) before mapping another.
 */
static inline unsigned long set_fixmap_offset(enum fixed_addresses idx, phys_addr_t phys)
{
	__set_fixmap(idx, phys & PAGE_MASK, FIXMAP_PAGE_NORMAL);
	return __fix_to_virt(idx) + (phys & ~PAGE_MASK);
}

#define pgd_set_fixmap(phys)		((pgd_t *)set_fixmap_offset(FIX_PGD, phys))
#define pgd_clear_fixmap()		clear_fixmap(FIX_PGD)
#define pud_set_fixmap(phys)		((pud_t *)set_fixmap_offset(FIX_PUD, phys))
#define pud_set_fixmap_offset(pgdp, addr) pud_set_fixmap(pud_offset_phys(pgdp, addr))
#define pud_clear_fixmap()		clear_fixmap(FIX_PUD)
#define pmd_set_fixmap(phys)		((pmd_t *)set_fixmap_offset(FIX_PMD, phys))
#define pmd_set_fixmap_offset(pudp, addr) pmd_set_fixmap(pmd_offset_phys(pudp, addr))
#define pmd_clear_fixmap()		clear_fixmap(FIX_PMD)
#define pte_set_fixmap(phys)		((pte_t *)set_fixmap_offset(FIX_PTE, phys))
#define pte_set_fixmap_offset(pmdp, addr) pte_set_fixmap(pte_offset_phys(pmdp, addr))
#define pte_clear_fixmap()		clear_fixmap(FIX_PTE)

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];
extern pgd_t reserved_pg_dir[PTRS_PER_PGD];
extern pgd_t init_pg_dir[PTRS_PER_PGD];
extern pgd_t init_pg_end[];
extern pgd_t init_idmap_pg_dir[PTRS_PER_PGD];
extern pgd_t init_idmap_pg_end[];

/* Stores to a live table: the walker must see them before any access they enable. */
static inline void set_pte(pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
	dsb(ishst);
	isb();
}

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	WRITE_ONCE(*pmdp, pmd);
	dsb(ishst);
	isb();
}

static inline void set_pud(pud_t *pudp, pud_t pud)
{
	WRITE_ONCE(*pudp, pud);
	dsb(ishst);
	isb();
}

/* swapper_pg_dir lies in read-only rodata: its entries are written through FIX_PGD. */
void set_swapper_pgd(pgd_t *pgdp, pgd_t pgd);

static inline bool in_swapper_pgdir(void *addr)
{
	return ((unsigned long)addr & PAGE_MASK) == ((unsigned long)swapper_pg_dir & PAGE_MASK);
}

static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)
{
	if (in_swapper_pgdir(pgdp)) {
		set_swapper_pgd(pgdp, pgd);
		return;
	}
	WRITE_ONCE(*pgdp, pgd);
	dsb(ishst);
	isb();
}

/* Table entries, with the hierarchical attributes in extra. */
static inline void __pmd_populate(pmd_t *pmdp, phys_addr_t ptep, pmdval_t extra)
{
	set_pmd(pmdp, __pmd(ptep | PMD_TYPE_TABLE | extra));
}

static inline void __pud_populate(pud_t *pudp, phys_addr_t pmdp, pudval_t extra)
{
	set_pud(pudp, __pud(pmdp | PUD_TYPE_TABLE | extra));
}

static inline void __pgd_populate(pgd_t *pgdp, phys_addr_t pudp, pgdval_t extra)
{
	set_pgd(pgdp, __pgd(pudp | PGD_TYPE_TABLE | extra));
}

/* Block entries: 1 GiB at a PUD, 2 MiB at a PMD. */
static inline void pud_set_huge(pud_t *pudp, phys_addr_t phys, pgprot_t prot)
{
	set_pud(pudp, __pud(phys | pgprot_val(mk_sect_prot(prot))));
}

static inline void pmd_set_huge(pmd_t *pmdp, phys_addr_t phys, pgprot_t prot)
{
	set_pmd(pmdp, __pmd(phys | pgprot_val(mk_sect_prot(prot))));
}

/* ---- user entries (the software bits: PTE_WRITE, PTE_DIRTY, PTE_SPECIAL, PTE_PROT_NONE) ---- */
#define pte_write(p)		(!!(pte_val(p) & PTE_WRITE))
#define pte_dirty(p)		(!!(pte_val(p) & PTE_DIRTY))
#define pte_special(p)		(!!(pte_val(p) & PTE_SPECIAL))
/* Present for the kernel: mapped, or PROT_NONE (not valid for the walker). */
#define pte_present_user(p)	(!!(pte_val(p) & (PTE_VALID | PTE_PROT_NONE)))
#define pte_pfn(p)		(pte_phys(p) >> PAGE_SHIFT)
#define pte_page(p)		pfn_to_page(pte_pfn(p))
#define mk_pte(page, prot)	pfn_pte(page_to_pfn(page), prot)

static inline pte_t pte_wrprotect(pte_t pte)
{
	return __pte((pte_val(pte) & ~PTE_WRITE) | PTE_RDONLY);
}

/* Writable and dirty: the hardware may write it (AP[2] clear). */
static inline pte_t pte_mkwrite_dirty(pte_t pte)
{
	return __pte((pte_val(pte) | PTE_WRITE | PTE_DIRTY) & ~PTE_RDONLY);
}

/*
 * The access flag, kept by software (no hardware AF update: TCR_EL1.HA is off): an
 * old entry faults on its next access, which makes it young again (handle_pte_fault),
 * so reclaim can tell a used page from an idle one (folio_referenced).
 */
#define pte_young(p)		(!!(pte_val(p) & PTE_AF))

static inline pte_t pte_mkold(pte_t pte)
{
	return __pte(pte_val(pte) & ~PTE_AF);
}

static inline pte_t pte_mkyoung(pte_t pte)
{
	return __pte(pte_val(pte) | PTE_AF);
}

/* Clean: the next write faults (wp_page_mkdirty) and marks it dirty again. */
static inline pte_t pte_mkclean(pte_t pte)
{
	return __pte((pte_val(pte) & ~PTE_DIRTY) | PTE_RDONLY);
}

static inline pte_t pte_mkspecial(pte_t pte)
{
	return __pte(pte_val(pte) | PTE_SPECIAL);
}

/* New protection bits, same page and software state (mprotect). */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	const pteval_t mask = PTE_USER | PTE_PXN | PTE_UXN | PTE_RDONLY | PTE_PROT_NONE |
			      PTE_VALID | PTE_WRITE;
	pteval_t val = (pte_val(pte) & ~mask) | (pgprot_val(newprot) & mask);

	/* A dirty page that stays writable needs no second fault. */
	if ((val & PTE_WRITE) && (val & PTE_DIRTY))
		val &= ~PTE_RDONLY;
	return __pte(val);
}

/* Backs [start, end) of the vmemmap with 2 MiB blocks of node's memory; 0 or -ENOMEM. */
int vmemmap_populate(unsigned long start, unsigned long end, int node);

void paging_init(void);
/* Takes write permission from the linear alias of text and rodata (smp_cpus_done). */
void mark_linear_text_alias_ro(void);

/*
 * One segment of the kernel image as paging_init mapped it (text, rodata, init text,
 * init data, data): what Linux registers as a struct vm_struct with vm_area_add_early,
 * kept here until vmalloc exists. size includes the guard page, if the segment has one.
 */
struct kernel_segment {
	void *addr;
	unsigned long size;
	phys_addr_t phys_addr;
	const void *caller;
	bool no_guard;		/* VM_NO_GUARD: size has no guard page */
};
#define NR_KERNEL_SEGMENTS	5

/* The i-th mapped segment in address order, or NULL past the last (valid for ever). */
const struct kernel_segment *kernel_segment(int i);

#endif
