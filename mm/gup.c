/*
 * Faulting in ranges ahead of use (the populate half of Linux's mm/gup.c): mlock,
 * MAP_POPULATE, MAP_LOCKED and mlockall(MCL_FUTURE)'s brk fault in every page at once
 * so later accesses do not fault.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>

/*
 * Faults in [start, end) of vma, mmap_lock held: writes to private writable mappings
 * (so COW is broken now, not at the first store), reads elsewhere. VM_LOCKONFAULT
 * leaves the pages to their first touch. Returns the pages done, or -EFAULT for a
 * PROT_NONE or I/O mapping and -ENOMEM when memory ran out.
 */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned int flags = 0, ret;
	unsigned long addr;

	VM_BUG_ON((start | end) & ~PAGE_MASK);
	VM_BUG_ON(start < vma->vm_start || end > vma->vm_end);
	if (vma->vm_flags & VM_LOCKONFAULT)
		return (end - start) >> PAGE_SHIFT;
	if (!(vma->vm_flags & VM_ACCESS_FLAGS) || (vma->vm_flags & (VM_IO | VM_PFNMAP)))
		return -EFAULT;
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		flags |= FAULT_FLAG_WRITE;
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		/*
		 * A killed task stops here, as Linux's __get_user_pages: going on, its faults
		 * would take the reserves it may use to exit, page after page, to the last.
		 */
		if (fatal_signal_pending(current))
			return addr > start ? (long)((addr - start) >> PAGE_SHIFT) : -EINTR;
		ret = handle_mm_fault(vma, addr, flags, NULL);
		if (ret & VM_FAULT_OOM)
			return addr > start ? (long)((addr - start) >> PAGE_SHIFT) : -ENOMEM;
		if (ret & VM_FAULT_ERROR)
			return addr > start ? (long)((addr - start) >> PAGE_SHIFT) : -EFAULT;
	}
	return (end - start) >> PAGE_SHIFT;
}

/*
 * Every VMA part of [start, start + len), skipping holes and I/O mappings. A failing
 * VMA ends the walk unless ignore_errors; returns 0 or the error.
 */
int __mm_populate(unsigned long start, unsigned long len, int ignore_errors)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nstart, nend;
	struct vm_area_struct *vma;
	long ret = 0;

	mmap_read_lock(mm);
	for (nstart = start; nstart < end; nstart = nend) {
		/* The VMAs may have changed between two calls: look again each time. */
		vma = find_vma_intersection(mm, nstart, end);
		if (!vma)
			break;
		nend = min(end, vma->vm_end);
		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			continue;
		if (nstart < vma->vm_start)
			nstart = vma->vm_start;
		ret = populate_vma_page_range(vma, nstart, nend);
		if (ret < 0) {
			if (ignore_errors) {
				ret = 0;
				continue;
			}
			break;
		}
		nend = nstart + ret * PAGE_SIZE;
		ret = 0;
	}
	mmap_read_unlock(mm);
	return ret;
}
