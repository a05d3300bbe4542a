/*
 * mlock, munlock, mlock2, mlockall, munlockall (Linux's mm/mlock.c): VM_LOCKED on the
 * VMAs of a range, split and merged as the flags change (mlock_fixup), locked_vm
 * counted against RLIMIT_MEMLOCK, and the pages faulted in at once (__mm_populate) so
 * a locked range never faults later.
 *
 * The pages of a VM_LOCKED VMA are PG_mlocked (counted in NR_MLOCK, "Mlocked") and sit
 * on LRU_UNEVICTABLE, where reclaim never looks; folio->mlock_count counts the locked
 * VMAs mapping the folio (6.1's scheme: it may undercount, and reclaim's rmap walk
 * mlocks a folio again when it meets a VM_LOCKED VMA). mlock_folio/munlock_folio move
 * one folio; a munlocked folio nobody else locks goes back to an evictable list.
 * 6.1 batches these per cpu (mlock_fbatch); ours takes the lru_lock per folio.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/capability.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <linux/mm_inline.h>
#include <linux/pagewalk.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include "internal.h"

/* Takes folio off its LRU list (lru_lock held): true when it was on one. */
static bool folio_test_clear_lru(struct folio *folio)
{
	if (!PageLRU(&folio->page))
		return false;
	ClearPageLRU(&folio->page);
	return true;
}

/* PG_mlocked set, counted in NR_MLOCK; true when it was not set before. */
static bool folio_set_mlocked_counted(struct folio *folio)
{
	if (TestSetPageMlocked(&folio->page))
		return false;
	mod_zone_page_state(page_zone(&folio->page), NR_MLOCK, folio_nr_pages(folio));
	return true;
}

/**
 * mlock_folio - a VM_LOCKED VMA maps folio: it may not be reclaimed
 * @folio: the folio (mapped by that VMA, or about to be)
 *
 * A folio on an LRU list moves to LRU_UNEVICTABLE (or counts one more mlock there); one
 * off the lists (in an lru_add batch, or isolated) is flagged only, and lru_add_fn or
 * reclaim's putback sends it to LRU_UNEVICTABLE.
 * Context: any; takes the node's lru_lock.
 */
void mlock_folio(struct folio *folio)
{
	struct lruvec *lruvec = folio_lruvec(folio);
	unsigned long flags;

	folio_set_mlocked_counted(folio);
	spin_lock_irqsave(&lruvec->lru_lock, flags);
	if (!folio_test_clear_lru(folio))
		goto out;
	if (PageUnevictable(&folio->page)) {
		folio->mlock_count++;
		goto out_lru;
	}
	lruvec_del_folio(lruvec, folio);
	ClearPageActive(&folio->page);
	SetPageUnevictable(&folio->page);
	folio->mlock_count = 1;
	lruvec_add_folio(lruvec, folio);
out_lru:
	SetPageLRU(&folio->page);
out:
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

/**
 * mlock_new_folio - a new folio of a VM_LOCKED VMA onto the LRU, mlocked
 * @folio: the folio, just mapped, not on any list
 */
void mlock_new_folio(struct folio *folio)
{
	folio_set_mlocked_counted(folio);
	SetPageUnevictable(&folio->page);
	folio_add_lru(folio);
}

/**
 * munlock_folio - a VM_LOCKED VMA stops mapping folio (munlock, unmap)
 * @folio: the folio
 *
 * Its last mlock gone, it leaves NR_MLOCK and, if nothing else keeps it unevictable,
 * goes back to the inactive list of its kind. Context: any; takes the lru_lock.
 */
void munlock_folio(struct folio *folio)
{
	struct lruvec *lruvec = folio_lruvec(folio);
	unsigned long flags;
	bool on_lru;

	spin_lock_irqsave(&lruvec->lru_lock, flags);
	on_lru = folio_test_clear_lru(folio);
	if (on_lru && PageUnevictable(&folio->page)) {
		if (folio->mlock_count)
			folio->mlock_count--;
		if (folio->mlock_count)
			goto out;
	}
	if (TestClearPageMlocked(&folio->page))
		__mod_zone_page_state(page_zone(&folio->page), NR_MLOCK,
				      -(long)folio_nr_pages(folio));
	if (on_lru && PageUnevictable(&folio->page) && folio_evictable(folio)) {
		lruvec_del_folio(lruvec, folio);
		ClearPageUnevictable(&folio->page);
		lruvec_add_folio(lruvec, folio);
	}
out:
	if (on_lru)
		SetPageLRU(&folio->page);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

/* One pte of the range mlock_vma_pages_range walks (page_table_lock held). */
static int mlock_pte_range(pte_t *ptep, unsigned long addr, unsigned long next,
			   struct mm_walk *walk)
{
	struct folio *folio = vm_normal_folio(walk->vma, addr, READ_ONCE(*ptep));

	if (!folio)
		return 0;
	if (walk->vma->vm_flags & VM_LOCKED)
		mlock_folio(folio);
	else
		munlock_folio(folio);
	return 0;
}

static const struct mm_walk_ops mlock_walk_ops = {
	.pte_entry = mlock_pte_range,
};

/*
 * The pages already mapped in [start, end) of vma, whose VM_LOCKED just changed, are
 * mlocked or munlocked to match; pages faulted in later are handled by the fault
 * (mlock_new_folio, page_add_file_rmap). Context: mmap_lock held for writing.
 */
static void mlock_vma_pages_range(struct vm_area_struct *vma, unsigned long start,
				  unsigned long end)
{
	if (vma->vm_flags & VM_SPECIAL)
		return;
	walk_page_range(vma->vm_mm, start, end, &mlock_walk_ops, NULL);
}

bool can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/* len more locked bytes (if flags lock them) stay within RLIMIT_MEMLOCK: 0 or -EAGAIN. */
int mlock_future_check(struct mm_struct *mm, unsigned long flags, unsigned long len)
{
	unsigned long locked, lock_limit;

	if (!(flags & VM_LOCKED))
		return 0;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	if (locked > lock_limit && !capable(CAP_IPC_LOCK))
		return -EAGAIN;
	return 0;
}

/*
 * [start, end) of vma gets newflags (VM_LOCKED and VM_LOCKONFAULT set or clear):
 * merged with a neighbour or split off, locked_vm following. Special mappings are
 * left as they are. *prev: the VMA now ending at end.
 */
static int mlock_fixup(struct vm_area_struct *vma, struct vm_area_struct **prev,
		       unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	struct vm_area_struct *changed;
	long nr_pages;

	if (newflags == vma->vm_flags || (vma->vm_flags & (VM_SPECIAL | VM_HUGETLB)))
		goto out;
	changed = vma_modify_flags(*prev, vma, start, end, newflags);
	if (IS_ERR(changed)) {
		*prev = vma;
		return PTR_ERR(changed);
	}
	vma = changed;
	nr_pages = (end - start) >> PAGE_SHIFT;
	if (!(newflags & VM_LOCKED))
		nr_pages = -nr_pages;
	else if (oldflags & VM_LOCKED)
		nr_pages = 0;
	mm->locked_vm += nr_pages;
	vma->vm_flags = newflags;
	if ((oldflags ^ newflags) & VM_LOCKED)
		mlock_vma_pages_range(vma, start, end);
out:
	*prev = vma;
	return 0;
}

/* flags (VM_LOCKED, VM_LOCKONFAULT or 0) on every VMA of [start, start + len). */
static int apply_vma_lock_flags(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long nstart, end, tmp;
	struct vm_area_struct *vma, *prev;
	int error;

	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	prev = start > vma->vm_start ? vma : vma->vm_prev;
	for (nstart = start;;) {
		unsigned long newflags = (vma->vm_flags & VM_LOCKED_CLEAR_MASK) | flags;

		tmp = min(vma->vm_end, end);
		error = mlock_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			return error;
		nstart = max(tmp, prev->vm_end);
		if (nstart >= end)
			return 0;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;
	}
}

/* Pages of [start, start + len) already locked: a second mlock of them costs nothing. */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      size_t len)
{
	unsigned long end = start + len, count = 0;
	struct vm_area_struct *vma = find_vma(mm, start);

	for (; vma && vma->vm_start < end; vma = vma->vm_next)
		if (vma->vm_flags & VM_LOCKED)
			count += (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
	return count;
}

/* POSIX's errors for a populate failure: a hole is ENOMEM, no memory is EAGAIN. */
static int __mlock_posix_error_return(long retval)
{
	if (retval == -EFAULT)
		return -ENOMEM;
	if (retval == -ENOMEM)
		return -EAGAIN;
	return retval;
}

static int do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long locked, lock_limit;
	int error = -ENOMEM;

	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	locked = len >> PAGE_SHIFT;
	mmap_write_lock(mm);
	locked += mm->locked_vm;
	if (locked > lock_limit && !capable(CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked <= lock_limit || capable(CAP_IPC_LOCK))
		error = apply_vma_lock_flags(start, len, flags);
	mmap_write_unlock(mm);
	if (error)
		return error;
	error = __mm_populate(start, len, 0);
	return error ? __mlock_posix_error_return(error) : 0;
}

SYSCALL_DEFINE2(mlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, VM_LOCKED);
}

SYSCALL_DEFINE3(mlock2, unsigned long, start, size_t, len, int, flags)
{
	unsigned long vm_flags = VM_LOCKED;

	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	if (flags & MLOCK_ONFAULT)
		vm_flags |= VM_LOCKONFAULT;
	return do_mlock(start, len, vm_flags);
}

SYSCALL_DEFINE2(munlock, unsigned long, start, size_t, len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	mmap_write_lock(mm);
	ret = apply_vma_lock_flags(start, len, 0);
	mmap_write_unlock(mm);
	return ret;
}

/*
 * MCL_FUTURE: every later mapping and brk is locked (mm->def_flags); MCL_CURRENT: every
 * VMA now. flags 0 (munlockall) clears both. Errors of single VMAs are not reported.
 */
static int apply_mlockall_flags(int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long to_add = 0;

	mm->def_flags &= VM_LOCKED_CLEAR_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return 0;
	}
	if (flags & MCL_CURRENT) {
		to_add |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	for (vma = mm->mmap; vma; vma = prev->vm_next) {
		unsigned long newflags = (vma->vm_flags & VM_LOCKED_CLEAR_MASK) | to_add;

		/* Ignore errors: the rest of the VMAs still get the new flags. */
		mlock_fixup(vma, &prev, vma->vm_start, vma->vm_end, newflags);
	}
	return 0;
}

SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long lock_limit;
	int ret = -ENOMEM;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	mmap_write_lock(mm);
	if (!(flags & MCL_CURRENT) || mm->total_vm <= lock_limit || capable(CAP_IPC_LOCK))
		ret = apply_mlockall_flags(flags);
	mmap_write_unlock(mm);
	if (!ret && (flags & MCL_CURRENT))
		mm_populate(0, TASK_SIZE);
	return ret;
}

SYSCALL_DEFINE0(munlockall)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mmap_write_lock(mm);
	ret = apply_mlockall_flags(0);
	mmap_write_unlock(mm);
	return ret;
}
