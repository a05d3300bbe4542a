/*
 * mmu_gather: unmapping a range of user memory in one batch (Linux's
 * include/asm-generic/tlb.h with arm64's tlb_flush). The page-table entries are cleared
 * first; the pages they mapped, and table pages freed, wait in the gather until the TLB
 * no longer holds a translation to them, then are freed: one invalidation per batch,
 * never a page reused while a cpu can still reach it.
 */
#ifndef _ASM_TLB_H
#define _ASM_TLB_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/bug.h>
#include <asm/page-def.h>

struct mm_struct;
struct page;

/* Pages to free after each flush: 63 pointers, half a KiB of the unmapping task's stack. */
#define MMU_GATHER_BATCH	63

/*
 * One unmapping in progress, on the stack of the task doing it (no lock): the range of
 * user addresses whose entries were cleared [start, end), whether page tables were freed
 * (then the flush must cover the walk caches too), and the pages and tables waiting.
 * fullmm: the whole address space goes (exit): no user thread can run in it, and its ASID
 * is not given out again without a full TLB flush, so only freed tables need a flush.
 */
struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;
	bool fullmm;
	bool freed_tables;
	unsigned int nr;
	struct list_head tables;
	struct page *pages[MMU_GATHER_BATCH];
};

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_flush_mmu(struct mmu_gather *tlb);
void tlb_finish_mmu(struct mmu_gather *tlb);

/* The entry of the page at addr was cleared. */
static inline void tlb_remove_tlb_entry(struct mmu_gather *tlb, unsigned long addr)
{
	if (addr < tlb->start)
		tlb->start = addr;
	if (addr + PAGE_SIZE > tlb->end)
		tlb->end = addr + PAGE_SIZE;
}

/*
 * Queues page for freeing after the flush; true when the batch is full: the caller
 * must tlb_flush_mmu before it queues another.
 */
static inline bool __tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	VM_BUG_ON(tlb->nr >= MMU_GATHER_BATCH);
	tlb->pages[tlb->nr++] = page;
	return tlb->nr == MMU_GATHER_BATCH;
}

/* A table page whose entry (covering addr) was cleared: freed after the flush. */
void pte_free_tlb(struct mmu_gather *tlb, struct page *table, unsigned long addr);

#endif
