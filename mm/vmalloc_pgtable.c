/*
 * The page-table half of vmalloc: entries for [addr, end) of the vmalloc range in the
 * kernel's tables (init_mm), as Linux's vmap_pages_range_noflush, vmap_range_noflush
 * and vunmap_range_noflush. Missing tables come zeroed from the page allocator and stay
 * for good; PTEs only (4 KiB pages). The callers do the TLB maintenance: a new entry
 * needs none (nothing was cached for it), a cleared one waits for the lazy purge
 * (vunmap_range, for what is never purged, flushes at once).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

/* Serializes populating the kernel's upper tables (Linux's init_mm.page_table_lock). */
static DEFINE_SPINLOCK(vmap_pgtable_lock);

/* A zeroed table page's physical address, or 0. */
static phys_addr_t vmap_table_alloc(void)
{
	unsigned long table = get_zeroed_page(GFP_KERNEL | __GFP_NOWARN);

	return table ? __pa(table) : 0;
}

/* The PTE for addr in the kernel's tables, allocating the tables on the way; NULL on -ENOMEM. */
static pte_t *vmap_pte_alloc(unsigned long addr)
{
	pgd_t *pgdp = pgd_offset_k(addr);
	pte_t *ptep = NULL;
	phys_addr_t table;
	pud_t *pudp;
	pmd_t *pmdp;

	spin_lock(&vmap_pgtable_lock);
	if (pgd_none(READ_ONCE(*pgdp))) {
		if (!(table = vmap_table_alloc()))
			goto out;
		__pgd_populate(pgdp, table, PGD_TABLE_UXN);
	}
	pudp = pud_offset(pgdp, addr);
	if (pud_none(READ_ONCE(*pudp))) {
		if (!(table = vmap_table_alloc()))
			goto out;
		__pud_populate(pudp, table, PUD_TABLE_UXN);
	}
	BUG_ON(pud_bad(READ_ONCE(*pudp)));
	pmdp = pmd_offset(pudp, addr);
	if (pmd_none(READ_ONCE(*pmdp))) {
		if (!(table = vmap_table_alloc()))
			goto out;
		__pmd_populate(pmdp, table, PMD_TABLE_UXN);
	}
	BUG_ON(pmd_bad(READ_ONCE(*pmdp)));	/* a block: the image's, never vmalloc's */
	ptep = pte_offset_kernel(pmdp, addr);
out:
	spin_unlock(&vmap_pgtable_lock);
	return ptep;
}

/* Sets the PTE at addr to phys with prot; 0 or -ENOMEM. */
static int vmap_one_page(unsigned long addr, phys_addr_t phys, pgprot_t prot)
{
	pte_t *ptep = vmap_pte_alloc(addr);

	if (!ptep)
		return -ENOMEM;
	WARN_ON(!pte_none(READ_ONCE(*ptep)));
	set_pte(ptep, pfn_pte(PHYS_PFN(phys), prot));
	return 0;
}

/* Maps pages[0..] at [addr, end), page-aligned; 0 or -ENOMEM (partial maps stay). */
int vmap_pages_range_noflush(unsigned long addr, unsigned long end, pgprot_t prot,
			     struct page **pages)
{
	for (int i = 0; addr < end; addr += PAGE_SIZE, i++)
		if (vmap_one_page(addr, page_to_phys(pages[i]), prot))
			return -ENOMEM;
	return 0;
}

/* Maps [phys_addr, +end - addr) at [addr, end), for ioremap; 0 or -ENOMEM. */
int vmap_range_noflush(unsigned long addr, unsigned long end, phys_addr_t phys_addr,
		       pgprot_t prot)
{
	for (; addr < end; addr += PAGE_SIZE, phys_addr += PAGE_SIZE)
		if (vmap_one_page(addr, phys_addr, prot))
			return -ENOMEM;
	return 0;
}

/* The PTE for addr if its tables exist, else NULL. */
static pte_t *vmap_pte_lookup(unsigned long addr)
{
	pgd_t *pgdp = pgd_offset_k(addr);
	pud_t *pudp;
	pmd_t *pmdp;

	if (pgd_none(READ_ONCE(*pgdp)))
		return NULL;
	pudp = pud_offset(pgdp, addr);
	if (!pud_table(READ_ONCE(*pudp)))
		return NULL;
	pmdp = pmd_offset(pudp, addr);
	if (!pmd_table(READ_ONCE(*pmdp)))
		return NULL;
	return pte_offset_kernel(pmdp, addr);
}

/* Clears the PTEs of [start, end); the TLB may still hold them. */
void vunmap_range_noflush(unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = vmap_pte_lookup(addr);

		if (ptep)
			WRITE_ONCE(*ptep, __pte(0));
	}
	dsb(ishst);
}

void vunmap_range(unsigned long start, unsigned long end)
{
	vunmap_range_noflush(start, end);
	flush_tlb_kernel_range(start, end);
}
