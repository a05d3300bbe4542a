/*
 * mremap (Linux's mm/mremap.c): shrink a mapping in place, grow it in place when the
 * room after it is free, or move it (MREMAP_MAYMOVE, to a given place with
 * MREMAP_FIXED, leaving the old range mapped but empty with MREMAP_DONTUNMAP). A move
 * carries the page table entries over (move_page_tables): the pages themselves are
 * neither copied nor faulted, and keep their offsets (vm_pgoff goes with the VMA).
 */
#include <linux/kernel.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/mmu_context.h>
#include "internal.h"

/*
 * Moves the entries of [old_addr, old_addr + len) to new_addr (whose range is empty),
 * under the page_table_lock; the old range's TLB entries go before the caller goes on.
 * Returns the length moved: less than len when a new table could not be allocated.
 */
static unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
				      struct vm_area_struct *new_vma, unsigned long new_addr,
				      unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long done;
	bool flush = false;

	for (done = 0; done < len; done += PAGE_SIZE) {
		pte_t *old_pte = walk_lookup(mm, old_addr + done), *new_pte;
		pmd_t *pmd;

		if (!old_pte) {
			/* No table: on to the next pte table's first address. */
			done = ((old_addr + done) & PMD_MASK) + PMD_SIZE - old_addr - PAGE_SIZE;
			continue;
		}
		if (pte_none(READ_ONCE(*old_pte)))
			continue;
		new_pte = walk_alloc(mm, new_addr + done, &pmd);
		if (!new_pte)
			break;
		spin_lock(&mm->page_table_lock);
		set_pte(new_pte, READ_ONCE(*old_pte));
		WRITE_ONCE(*old_pte, __pte(0));
		spin_unlock(&mm->page_table_lock);
		flush = true;
	}
	if (flush) {
		dsb(ishst);
		flush_tlb_range(vma, old_addr, old_addr + len);
	}
	return min(done, len);
}

/*
 * The move itself: a VMA for the new place (copy_vma), the entries carried over, the
 * old range unmapped unless MREMAP_DONTUNMAP. The overcommit charge moves with the
 * pages: VM_ACCOUNT is hidden while the old range goes, so its charge is not returned.
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len, unsigned long new_addr,
			      bool *locked, unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vm_flags = vma->vm_flags, new_pgoff, moved_len, excess = 0;
	long to_account = new_len - old_len;
	struct vm_area_struct *new_vma;
	bool split = false;
	int err = 0;

	/* Better now than in do_munmap, which may split one VMA into three. */
	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (flags & MREMAP_DONTUNMAP)
		to_account = new_len;
	/* With MREMAP_DONTUNMAP the old range stays, unlocked: split it off first. */
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & VM_LOCKED)) {
		if (vma->vm_start != old_addr)
			err = split_vma(mm, vma, old_addr, 1);
		if (!err && vma->vm_end != old_addr + old_len)
			err = split_vma(mm, vma, old_addr + old_len, 0);
		if (err)
			return err;
	}
	if ((vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, to_account >> PAGE_SHIFT))
		return -ENOMEM;
	new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	new_vma = copy_vma(&vma, new_addr, new_len, new_pgoff);
	if (!new_vma) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory(to_account >> PAGE_SHIFT);
		return -ENOMEM;
	}
	moved_len = move_page_tables(vma, old_addr, new_vma, new_addr, old_len);
	if (moved_len < old_len) {
		/* Back to where they were (their tables exist); the new range goes instead. */
		err = -ENOMEM;
		move_page_tables(new_vma, new_addr, vma, old_addr, moved_len);
		vma = new_vma;
		old_len = new_len;
		old_addr = new_addr;
		new_addr = err;
	}
	if ((vm_flags & VM_ACCOUNT) && !(flags & MREMAP_DONTUNMAP)) {
		vma->vm_flags &= ~VM_ACCOUNT;
		excess = vma->vm_end - vma->vm_start - old_len;
		split = old_addr > vma->vm_start && old_addr + old_len < vma->vm_end;
	}
	vm_stat_account(mm, vma->vm_flags, new_len >> PAGE_SHIFT);
	if (!err && (flags & MREMAP_DONTUNMAP)) {
		vma->vm_flags &= VM_LOCKED_CLEAR_MASK;
		/* Emptied whole: it is an unfaulted anonymous VMA again. */
		if (vma->vm_start == old_addr && vma->vm_end == old_addr + old_len &&
		    vma_is_anonymous(vma) && !vma->vm_file) {
			unlink_anon_vmas(vma);
			vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
		}
		return new_addr;
	}
	if (do_munmap(mm, old_addr, old_len) < 0) {
		/* Could not split: the accounts at least stay right. */
		if ((vm_flags & VM_ACCOUNT) && !(flags & MREMAP_DONTUNMAP))
			vm_acct_memory(old_len >> PAGE_SHIFT);
		excess = 0;
	}
	if (vm_flags & VM_LOCKED) {
		mm->locked_vm += new_len >> PAGE_SHIFT;
		*locked = true;
	}
	/* What is left of the old VMA, one piece or two, is still charged. */
	if (excess) {
		vma->vm_flags |= VM_ACCOUNT;
		if (split)
			find_vma(mm, vma->vm_end)->vm_flags |= VM_ACCOUNT;
	}
	return new_addr;
}

/* The VMA of [addr, addr + old_len) if it may become new_len long, or an ERR_PTR. */
static struct vm_area_struct *vma_to_resize(unsigned long addr, unsigned long old_len,
					    unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pgoff;

	if (!vma)
		return ERR_PTR(-EFAULT);
	/* old_len 0 duplicates a shared mapping; a private one cannot be duplicated. */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return ERR_PTR(-EINVAL);
	/* No remapping across VMA boundaries. */
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
		return ERR_PTR(-EFAULT);
	if (mlock_future_check(mm, vma->vm_flags, new_len - old_len))
		return ERR_PTR(-EAGAIN);
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: the move to new_addr (a hint without FIXED). */
static unsigned long mremap_to(unsigned long addr, unsigned long old_len, unsigned long new_addr,
			       unsigned long new_len, bool *locked, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret, map_flags = 0;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	/* The old and new ranges may not overlap. */
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	/* Worst case: both ranges' VMAs split in three. */
	if (mm->map_count + 2 >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	/* MREMAP_DONTUNMAP leaves old_len (== new_len) more mapped. */
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (flags & MREMAP_FIXED)
		map_flags |= MAP_FIXED;
	if (vma->vm_flags & VM_MAYSHARE)
		map_flags |= MAP_SHARED;
	ret = get_unmapped_area(vma->vm_file, new_addr, new_len,
				vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT), map_flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	if (!(flags & MREMAP_FIXED))
		new_addr = ret;
	return move_vma(vma, addr, old_len, new_len, new_addr, locked, flags);
}

/* Whether vma can simply reach delta bytes further. */
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end)
		return false;
	if (find_vma_intersection(vma->vm_mm, vma->vm_end, end))
		return false;
	return !(get_unmapped_area(NULL, vma->vm_start, end - vma->vm_start, 0, MAP_FIXED) &
		 ~PAGE_MASK);
}

/* [addr, addr + old_len) is the end of vma: it grows in place to new_len, or -ENOMEM. */
static unsigned long mremap_expand(struct vm_area_struct *vma, unsigned long addr,
				   unsigned long old_len, unsigned long new_len, bool *locked)
{
	struct mm_struct *mm = vma->vm_mm;
	long pages = (new_len - old_len) >> PAGE_SHIFT;
	unsigned long ext_start = addr + old_len, ext_end = addr + new_len;
	unsigned long ext_pgoff = vma->vm_pgoff + ((ext_start - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *grown;

	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, pages))
		return -ENOMEM;
	/* A VMA with a close method may not merge, but may still grow. */
	if (!vma->vm_ops || !vma->vm_ops->close) {
		grown = vma_merge(mm, vma, ext_start, ext_end, vma->vm_flags, vma->anon_vma,
				  vma->vm_file, ext_pgoff, vma_policy(vma));
	} else {
		grown = vma_expand(mm, vma, vma->vm_start, ext_end, vma->vm_pgoff) ? NULL : vma;
	}
	if (!grown) {
		if (vma->vm_flags & VM_ACCOUNT)
			vm_unacct_memory(pages);
		return -ENOMEM;
	}
	vm_stat_account(mm, grown->vm_flags, pages);
	if (grown->vm_flags & VM_LOCKED) {
		mm->locked_vm += pages;
		*locked = true;
	}
	return addr;
}

/* Checks and the three ways: a move asked for, a shrink, a growth in place or by moving. */
static unsigned long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
			       unsigned long flags, unsigned long new_addr, bool *locked)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int ret;

	if (!vma_lookup(mm, addr))
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(addr, old_len, new_addr, new_len, locked, flags);
	if (old_len >= new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret < 0 && old_len != new_len)
			return ret;
		return addr;
	}
	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (old_len == vma->vm_end - addr && vma_expandable(vma, new_len - old_len))
		return mremap_expand(vma, addr, old_len, new_len, locked);
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(vma->vm_file, 0, new_len,
				     vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
				     (vma->vm_flags & VM_MAYSHARE) ? MAP_SHARED : 0);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return move_vma(vma, addr, old_len, new_len, new_addr, locked, flags);
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = current->mm;
	bool locked = false;
	unsigned long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* MREMAP_DONTUNMAP always moves, and does not resize. */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mremap(addr, old_len, new_len, flags, new_addr, &locked);
	mmap_write_unlock(mm);
	/* A locked mapping that grew: the new part is faulted in (old_len..new_len of it). */
	if (locked && !(ret & ~PAGE_MASK) && new_len > old_len)
		mm_populate(ret + old_len, new_len - old_len);
	return ret;
}
