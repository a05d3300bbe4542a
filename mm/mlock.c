/*
 * mlock, munlock, mlock2, mlockall, munlockall (Linux's mm/mlock.c): VM_LOCKED on the
 * VMAs of a range, split and merged as the flags change (mlock_fixup), locked_vm
 * counted against RLIMIT_MEMLOCK, and the pages faulted in at once (__mm_populate) so
 * a locked range never faults later. There is no swap, so nothing ever takes a locked
 * page away; the unevictable LRU bookkeeping is the reclaim side's.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/capability.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/processor.h>

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
