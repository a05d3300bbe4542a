/*
 * madvise (Linux's mm/madvise.c): advice on a range, VMA by VMA (madvise_walk_vmas).
 * Flag advice (NORMAL, RANDOM, SEQUENTIAL, DONTFORK, DOFORK, WIPEONFORK, KEEPONFORK,
 * DONTDUMP, DODUMP) sets VM_* bits, splitting and merging VMAs as mprotect does;
 * DONTNEED drops the pages of the range (they read back as zeros); FREE makes the
 * private anonymous pages of the range lazily freed (madvise_free_single_vma): clean
 * and old, on the inactive file list, for reclaim to discard unless they are written
 * first; WILLNEED has nothing to read in without swap. Unknown advice is EINVAL; a hole
 * in the range is ENOMEM after the rest was advised.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>
#include <linux/pagemap.h>
#include <linux/pagewalk.h>
#include <linux/rmap.h>
#include <linux/swap.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include "internal.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
		return true;
	}
	return false;
}

/* Advice that changes VMAs (and so needs mmap_lock for writing). */
static bool madvise_need_mmap_write(int behavior)
{
	switch (behavior) {
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
		return false;
	}
	return true;
}

/* [start, end) of vma gets new_flags: merged into a neighbour or split off. */
static int madvise_update_vma(struct vm_area_struct *vma, struct vm_area_struct **prev,
			      unsigned long start, unsigned long end, unsigned long new_flags)
{
	if (new_flags == vma->vm_flags) {
		*prev = vma;
		return 0;
	}
	vma = vma_modify_flags(*prev, vma, start, end, new_flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	*prev = vma;
	vma->vm_flags = new_flags;
	return 0;
}

/*
 * One entry of MADV_FREE's range (page_table_lock held): a page this mapping alone
 * maps becomes clean and old, so that a later write or access shows (a write faults
 * and dirties the entry again), and goes to the lazy-free list.
 */
static int madvise_free_pte_range(pte_t *ptep, unsigned long addr, unsigned long next,
				  struct mm_walk *walk)
{
	pte_t pte = READ_ONCE(*ptep);
	struct folio *folio = vm_normal_folio(walk->vma, addr, pte);

	/* Shared with a fork child (or another mapping): its data is not ours to drop. */
	if (!folio || page_mapcount(&folio->page) != 1 || !PageAnon(&folio->page))
		return 0;
	if (PageDirty(&folio->page) && folio_trylock(folio)) {
		ClearPageDirty(&folio->page);
		folio_unlock(folio);
	}
	if (pte_young(pte) || pte_dirty(pte))
		set_pte(ptep, pte_mkclean(pte_mkold(pte)));
	folio_mark_lazyfree(folio);
	return 0;
}

static const struct mm_walk_ops madvise_free_walk_ops = {
	.pte_entry = madvise_free_pte_range,
};

static int madvise_free_single_vma(struct vm_area_struct *vma, unsigned long start,
				   unsigned long end)
{
	/* FREE is for anonymous memory only: a file's pages are its contents. */
	if (!vma_is_anonymous(vma))
		return -EINVAL;
	/* This cpu's new pages onto the LRU, where they can be marked lazily freed. */
	lru_add_drain();
	walk_page_range(vma->vm_mm, start, end, &madvise_free_walk_ops, NULL);
	flush_tlb_range(vma, start, end);
	return 0;
}

/* DONTNEED and FREE: locked and special mappings keep their pages (EINVAL). */
static int madvise_dontneed_free(struct vm_area_struct *vma, struct vm_area_struct **prev,
				 unsigned long start, unsigned long end, int behavior)
{
	*prev = vma;
	if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_HUGETLB))
		return -EINVAL;
	if (behavior == MADV_FREE)
		return madvise_free_single_vma(vma, start, end);
	zap_page_range(vma, start, end);
	return 0;
}

static int madvise_vma_behavior(struct vm_area_struct *vma, struct vm_area_struct **prev,
				unsigned long start, unsigned long end, int behavior)
{
	unsigned long new_flags = vma->vm_flags;
	int error;

	switch (behavior) {
	case MADV_WILLNEED:
		*prev = vma;
		return 0;
	case MADV_DONTNEED:
	case MADV_FREE:
		return madvise_dontneed_free(vma, prev, start, end, behavior);
	case MADV_NORMAL:
		new_flags &= ~(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_SEQUENTIAL:
		new_flags = (new_flags & ~VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_RANDOM:
		new_flags = (new_flags & ~VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_DONTFORK:
		new_flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		if (vma->vm_flags & VM_IO)
			return -EINVAL;
		new_flags &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		/* Only anonymous private memory can start empty in the child. */
		if (vma->vm_file || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		new_flags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		new_flags &= ~VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		new_flags |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		if (new_flags & VM_SPECIAL)
			return -EINVAL;
		new_flags &= ~VM_DONTDUMP;
		break;
	}
	error = madvise_update_vma(vma, prev, start, end, new_flags);
	/* Running out of VMAs or memory for them is "try again" for madvise. */
	return error == -ENOMEM ? -EAGAIN : error;
}

/*
 * Each VMA part of [start, end) in turn; holes are skipped and reported as -ENOMEM at
 * the end, a VMA's error stops the walk.
 */
static int madvise_walk_vmas(struct mm_struct *mm, unsigned long start, unsigned long end,
			     int behavior)
{
	struct vm_area_struct *vma, *prev;
	int unmapped_error = 0, error;
	unsigned long tmp;

	vma = find_vma_prev(mm, start, &prev);
	if (vma && start > vma->vm_start)
		prev = vma;
	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		tmp = min(vma->vm_end, end);
		error = madvise_vma_behavior(vma, &prev, start, tmp, behavior);
		if (error)
			return error;
		start = tmp;
		if (prev && start < prev->vm_end)
			start = prev->vm_end;
		if (start >= end)
			break;
		vma = prev ? prev->vm_next : find_vma(mm, start);
	}
	return unmapped_error;
}

static int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior)
{
	unsigned long len, end;
	int error;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	/* len_in rounded up from a small negative number to 0. */
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (madvise_need_mmap_write(behavior)) {
		mmap_write_lock(mm);
		error = madvise_walk_vmas(mm, start, end, behavior);
		mmap_write_unlock(mm);
	} else {
		mmap_read_lock(mm);
		error = madvise_walk_vmas(mm, start, end, behavior);
		mmap_read_unlock(mm);
	}
	return error;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	return do_madvise(current->mm, start, len_in, behavior);
}
