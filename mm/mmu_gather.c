/*
 * The mmu_gather batch of unmapping (Linux's mm/mmu_gather.c, include/asm/tlb.h): one
 * TLB invalidation for many cleared entries, and the pages and table pages they mapped
 * freed only after it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <asm/tlb.h>
#include <asm/mmu_context.h>

static void __tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm, bool fullmm)
{
	tlb->mm = mm;
	tlb->fullmm = fullmm;
	tlb->freed_tables = false;
	tlb->start = ULONG_MAX;
	tlb->end = 0;
	tlb->nr = 0;
	INIT_LIST_HEAD(&tlb->tables);
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, mm, false);
}

void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, mm, true);
}

void pte_free_tlb(struct mmu_gather *tlb, struct page *table, unsigned long addr)
{
	tlb->freed_tables = true;
	/* A flush of any address under the table drops the walk-cache entry pointing at it. */
	tlb_remove_tlb_entry(tlb, addr);
	list_add(&table->lru, &tlb->tables);
}

/*
 * arm64's tlb_flush: the cleared range by ASID and VA (vae1 includes the walk caches);
 * for a dying mm, only when tables were freed, and then the whole ASID.
 */
static void tlb_flush(struct mmu_gather *tlb)
{
	if (tlb->fullmm) {
		if (tlb->freed_tables)
			flush_tlb_mm(tlb->mm);
		return;
	}
	__flush_tlb_range(tlb->mm, tlb->start, tlb->end);
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	struct page *page, *next;

	if (tlb->end > tlb->start)
		tlb_flush(tlb);
	tlb->start = ULONG_MAX;
	tlb->end = 0;
	tlb->freed_tables = false;
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->nr = 0;
	list_for_each_entry_safe(page, next, &tlb->tables, lru) {
		list_del(&page->lru);
		free_table_page(tlb->mm, page_address(page));
	}
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
}
