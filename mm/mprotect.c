/*
 * mprotect (Linux's mm/mprotect.c): new protection for the VMAs of a range, each split
 * at the range's ends (mprotect_fixup), the page tables changed to match
 * (change_protection in mm/memory.c). A VMA may only gain what its VM_MAY* bits allow.
 * Adjacent VMAs left with the same flags are not merged back yet (vma_merge: issue 14).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>
#include <uapi/linux/mman.h>
#include <asm/processor.h>

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below);

int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	int error;

	if (newflags == vma->vm_flags) {
		*pprev = vma;
		return 0;
	}
	if (start != vma->vm_start) {
		error = split_vma(mm, vma, start, 1);
		if (error)
			return error;
	}
	if (end != vma->vm_end) {
		error = split_vma(mm, vma, end, 0);
		if (error)
			return error;
	}
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	change_protection(vma, start, end, vma->vm_page_prot);
	*pprev = vma;
	return 0;
}

int do_mprotect_pkey(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, nstart, tmp, reqprot = 0;
	struct vm_area_struct *vma, *prev;
	int error;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start || end > TASK_SIZE)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_BTI))
		return -EINVAL;
	reqprot = ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
		  ((prot & PROT_EXEC) ? VM_EXEC : 0);
	mmap_write_lock(mm);
	vma = find_vma(mm, start);
	error = -ENOMEM;
	if (!vma || vma->vm_start > start)
		goto out;
	for (nstart = start;;) {
		unsigned long newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | reqprot;

		/* Only what VM_MAY* allows: the MAY bits sit 4 above the access bits. */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) {
			error = -EACCES;
			goto out;
		}
		tmp = min(vma->vm_end, end);
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			goto out;
		nstart = tmp;
		if (nstart >= end)
			break;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart) {
			error = -ENOMEM;
			goto out;
		}
	}
out:
	mmap_write_unlock(mm);
	return error;
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	return do_mprotect_pkey(start, len, prot);
}
