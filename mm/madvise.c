/*
 * madvise (Linux's mm/madvise.c), the part glibc relies on: the access-pattern hints are
 * accepted, MADV_DONTNEED drops the pages of a private anonymous range (they read back
 * as zeros), MADV_FREE does the same at once. The rest of the advice list is issue 14's.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>
#include <asm/processor.h>

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8

/* Zaps the pages of every VMA part in [start, end); -ENOMEM if a hole is in the range. */
static int madvise_dontneed(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	int ret = 0;

	for (; vma && vma->vm_start < end; vma = vma->vm_next) {
		if (vma->vm_start > start)
			ret = -ENOMEM;
		zap_page_range(vma, max(start, vma->vm_start), min(end, vma->vm_end));
		start = vma->vm_end;
	}
	return start < end ? -ENOMEM : ret;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long len = PAGE_ALIGN(len_in), end = start + len;
	int ret;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len_in && !len)
		return -EINVAL;
	if (end < start || end > TASK_SIZE)
		return -ENOMEM;
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
		return 0;
	case MADV_DONTNEED:
	case MADV_FREE:
		if (!len)
			return 0;
		mmap_read_lock(mm);
		ret = madvise_dontneed(mm, start, end);
		mmap_read_unlock(mm);
		return ret;
	}
	return -EINVAL;
}
