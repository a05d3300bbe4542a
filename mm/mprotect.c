/*
 * mprotect (Linux's mm/mprotect.c): new protection for the VMAs of a range, each part
 * merged into a neighbour that now has the same flags or split off at the range's ends
 * (mprotect_fixup), the page tables changed to match (change_protection in
 * mm/memory.c). A VMA may only gain what its VM_MAY* bits allow; one becoming
 * writable for the first time is charged to the overcommit accounting (VM_ACCOUNT).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>
#include <asm/processor.h>

int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags, nrpages = (end - start) >> PAGE_SHIFT;
	unsigned long charged = 0;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	if (newflags & VM_WRITE) {
		/* Turning into data: within RLIMIT_DATA, and charged if never writable before. */
		if (!may_expand_vm(mm, newflags, nrpages) && may_expand_vm(mm, oldflags, nrpages))
			return -ENOMEM;
		if (!(oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB | VM_SHARED | VM_NORESERVE))) {
			charged = nrpages;
			if (security_vm_enough_memory_mm(mm, charged))
				return -ENOMEM;
			newflags |= VM_ACCOUNT;
		}
	}
	vma = vma_modify_flags(*pprev, vma, start, end, newflags);
	if (IS_ERR(vma)) {
		vm_unacct_memory(charged);
		return PTR_ERR(vma);
	}
	*pprev = vma;
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	change_protection(vma, start, end, vma->vm_page_prot);
	/* A locked private mapping becoming writable: break COW now, not at the first store. */
	if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED && (newflags & VM_WRITE))
		populate_vma_page_range(vma, start, end);
	vm_stat_account(mm, oldflags, -(long)nrpages);
	vm_stat_account(mm, newflags, nrpages);
	return 0;
}

/* arm64's arch_validate_prot: the PROT_* bits it knows (no MTE here). */
static bool arch_validate_prot(unsigned long prot)
{
	return !(prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_BTI));
}

/*
 * The first VMA of the range, and prev, the VMA before the range's first part:
 * PROT_GROWSDOWN extends the range down to the start of a stack VMA.
 */
static int mprotect_first_vma(struct mm_struct *mm, unsigned long *start, unsigned long end,
			      unsigned long grows, struct vm_area_struct **vmap,
			      struct vm_area_struct **prevp)
{
	struct vm_area_struct *vma = find_vma(mm, *start);

	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			return -ENOMEM;
		*start = vma->vm_start;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
	} else if (vma->vm_start > *start) {
		return -ENOMEM;
	} else if (grows & PROT_GROWSUP) {
		/* No VMA grows up on arm64. */
		return -EINVAL;
	}
	*vmap = vma;
	*prevp = *start > vma->vm_start ? vma : vma->vm_prev;
	return 0;
}

int do_mprotect_pkey(unsigned long start, size_t len, unsigned long prot)
{
	const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	struct mm_struct *mm = current->mm;
	unsigned long end, nstart, tmp;
	struct vm_area_struct *vma, *prev;
	int error;

	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (!arch_validate_prot(prot))
		return -EINVAL;
	mmap_write_lock(mm);
	error = mprotect_first_vma(mm, &start, end, grows, &vma, &prev);
	for (nstart = start; !error;) {
		unsigned long newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | calc_vm_prot_bits(prot);

		/* Only what VM_MAY* allows: the MAY bits sit 4 above the access bits. */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) {
			error = -EACCES;
			break;
		}
		tmp = min(vma->vm_end, end);
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			break;
		nstart = max(tmp, prev->vm_end);
		if (nstart >= end)
			break;
		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart)
			error = -ENOMEM;
	}
	mmap_write_unlock(mm);
	return error;
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	return do_mprotect_pkey(start, len, prot);
}
