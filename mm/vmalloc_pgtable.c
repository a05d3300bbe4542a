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

/*
 * Serializes filling the kernel's empty table entries (Linux's init_mm.page_table_lock);
 * the tables themselves are allocated before it is taken.
 */
static DEFINE_SPINLOCK(vmap_pgtable_lock);

/* A zeroed table page's physical address, or 0. May sleep, so never under the lock. */
static phys_addr_t vmap_table_alloc(void)
{
	unsigned long table = get_zeroed_page(GFP_KERNEL | __GFP_NOWARN);

	return table ? __pa(table) : 0;
}

/* A table another cpu installed first goes back. */
static void vmap_table_unused(phys_addr_t table)
{
	if (table)
		free_page((unsigned long)__va(table));
}

/*
 * The next three fill an empty entry with a new table, allocated before the lock is
 * taken; another cpu may have filled it meanwhile (Linux's __pud_alloc, __pmd_alloc,
 * __pte_alloc_kernel). 0 or -ENOMEM.
 */
static int vmap_pud_alloc(pgd_t *pgdp)
{
	phys_addr_t table = vmap_table_alloc();

	if (!table)
		return -ENOMEM;
	spin_lock(&vmap_pgtable_lock);
	if (pgd_none(READ_ONCE(*pgdp))) {
		__pgd_populate(pgdp, table, PGD_TABLE_UXN);
		table = 0;
	}
	spin_unlock(&vmap_pgtable_lock);
	vmap_table_unused(table);
	return 0;
}

static int vmap_pmd_alloc(pud_t *pudp)
{
	phys_addr_t table = vmap_table_alloc();

	if (!table)
		return -ENOMEM;
	spin_lock(&vmap_pgtable_lock);
	if (pud_none(READ_ONCE(*pudp))) {
		__pud_populate(pudp, table, PUD_TABLE_UXN);
		table = 0;
	}
	spin_unlock(&vmap_pgtable_lock);
	vmap_table_unused(table);
	return 0;
}

static int vmap_pte_table_alloc(pmd_t *pmdp)
{
	phys_addr_t table = vmap_table_alloc();

	if (!table)
		return -ENOMEM;
	spin_lock(&vmap_pgtable_lock);
	if (pmd_none(READ_ONCE(*pmdp))) {
		__pmd_populate(pmdp, table, PMD_TABLE_UXN);
		table = 0;
	}
	spin_unlock(&vmap_pgtable_lock);
	vmap_table_unused(table);
	return 0;
}

/* The PTE for addr in the kernel's tables, allocating the tables on the way; NULL on -ENOMEM. */
static pte_t *vmap_pte_alloc(unsigned long addr)
{
	pgd_t *pgdp = pgd_offset_k(addr);
	pud_t *pudp;
	pmd_t *pmdp;

	if (pgd_none(READ_ONCE(*pgdp)) && vmap_pud_alloc(pgdp))
		return NULL;
	pudp = pud_offset(pgdp, addr);
	if (pud_none(READ_ONCE(*pudp)) && vmap_pmd_alloc(pudp))
		return NULL;
	BUG_ON(pud_bad(READ_ONCE(*pudp)));
	pmdp = pmd_offset(pudp, addr);
	if (pmd_none(READ_ONCE(*pmdp)) && vmap_pte_table_alloc(pmdp))
		return NULL;
	BUG_ON(pmd_bad(READ_ONCE(*pmdp)));	/* a block: the image's, never vmalloc's */
	return pte_offset_kernel(pmdp, addr);
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
