/*
 * msync (Linux's mm/msync.c): MS_SYNC writes a shared file mapping's dirty pages back
 * through the file's fsync; MS_ASYNC has nothing to start (the page cache is written
 * back on its own, as in Linux since 2.6.19); MS_INVALIDATE may not be asked of locked
 * memory (EBUSY). Holes in the range are ENOMEM, after the rest was synced.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int unmapped_error = 0, error;
	unsigned long end;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mmap_read_lock(mm);
	vma = find_vma(mm, start);
	for (;;) {
		struct file *file;

		error = -ENOMEM;
		if (!vma)
			break;
		if (start < vma->vm_start) {
			/* Plain MS_ASYNC has no work to skip the hole for. */
			if (flags == MS_ASYNC)
				break;
			start = vma->vm_start;
			if (start >= end)
				break;
			unmapped_error = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			error = -EBUSY;
			break;
		}
		file = vma->vm_file;
		start = vma->vm_end;
		if ((flags & MS_SYNC) && file && (vma->vm_flags & VM_SHARED)) {
			/* fsync may sleep on I/O: not with mmap_lock held. */
			get_file(file);
			mmap_read_unlock(mm);
			error = vfs_fsync(file, 1);
			fput(file);
			if (error || start >= end)
				return error ? error : unmapped_error;
			mmap_read_lock(mm);
			vma = find_vma(mm, start);
		} else {
			error = 0;
			if (start >= end)
				break;
			vma = vma->vm_next;
		}
	}
	mmap_read_unlock(mm);
	return error ? error : unmapped_error;
}
