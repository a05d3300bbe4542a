/*
 * mincore (Linux's mm/mincore.c): one byte per page of a range saying whether the page
 * is resident. An anonymous page is resident when its entry is present (the zero page
 * counts, as in Linux); a file page when its entry is present or the page cache holds
 * it. A hole in the range is ENOMEM.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <asm/pgtable.h>
#include "internal.h"

/* Whether the page cache of vma's file holds the page at addr (no entry maps it). */
static unsigned char mincore_unmapped_page(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	struct page *page;

	if (!vma->vm_file)
		return 0;
	page = find_get_page(vma->vm_file->f_mapping, pgoff);
	if (!page)
		return 0;
	put_page(page);
	return 1;
}

/* vec[i] for each page of [addr, end) of vma: a snapshot, read without the lock. */
static void mincore_pte_range(struct vm_area_struct *vma, unsigned long addr,
			      unsigned long end, unsigned char *vec)
{
	struct mm_struct *mm = vma->vm_mm;

	for (; addr < end; addr += PAGE_SIZE, vec++) {
		pte_t *ptep = walk_lookup(mm, addr);

		if (ptep && !pte_none(READ_ONCE(*ptep)))
			*vec = 1;
		else
			*vec = mincore_unmapped_page(vma, addr);
	}
}

/* Up to pages entries from addr, within one VMA: how many were written, or -ENOMEM. */
static long do_mincore(unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct vm_area_struct *vma = vma_lookup(current->mm, addr);
	unsigned long end;

	if (!vma)
		return -ENOMEM;
	end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	mincore_pte_range(vma, addr, end, vec);
	return (end - addr) >> PAGE_SHIFT;
}

SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char __user *, vec)
{
	unsigned long pages;
	unsigned char *tmp;
	long retval;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void __user *)start, len))
		return -ENOMEM;
	/* Counted this way, len cannot overflow PAGE_ALIGN. */
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	tmp = (unsigned char *)__get_free_page(GFP_USER);
	if (!tmp)
		return -EAGAIN;
	retval = 0;
	while (pages) {
		/* A page of results at a time: the lock is not held across the copy. */
		mmap_read_lock(current->mm);
		retval = do_mincore(start, min(pages, PAGE_SIZE), tmp);
		mmap_read_unlock(current->mm);
		if (retval <= 0)
			break;
		if (copy_to_user(vec, tmp, retval)) {
			retval = -EFAULT;
			break;
		}
		pages -= retval;
		vec += retval;
		start += retval << PAGE_SHIFT;
		retval = 0;
	}
	free_page((unsigned long)tmp);
	return retval;
}
