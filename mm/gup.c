/*
 * Reading another process's memory (Linux's access_remote_vm, here beside a minimal
 * get_user_pages): page by page through the process's tables, faulting in what is
 * not present, for /proc/PID/cmdline and environ.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/pagewalk.h>
#include <asm/pgtable.h>

/* Copies up to len bytes of one page at addr into buf under the pte lock; -EFAULT if absent. */
static int copy_from_mapped_page(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	spinlock_t *ptl;
	pte_t *ptep, pte;

	if (follow_pte(mm, addr, &ptep, &ptl))
		return -EFAULT;
	pte = READ_ONCE(*ptep);
	if (!pte_present(pte)) {
		spin_unlock(ptl);
		return -EFAULT;
	}
	memcpy(buf, (char *)__va(pte_phys(pte)) + offset_in_page(addr), (size_t)len);
	spin_unlock(ptl);
	return len;
}

/**
 * access_remote_vm - read bytes of another address space
 * @mm: the address space (the caller holds an mm_users reference)
 * @addr: where to start
 * @buf: a kernel buffer of len bytes
 * @len: how many
 * @gup_flags: 0 (reading is all /proc needs)
 *
 * Return: bytes read, fewer at the first address without a readable VMA or memory.
 * Context: may sleep; takes mmap_lock (read).
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags)
{
	int done = 0;

	mmap_read_lock(mm);
	while (done < len) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		int n = (int)min_t(unsigned long, (unsigned long)(len - done),
				   PAGE_SIZE - offset_in_page(addr));
		int ret;

		if (!vma || addr < vma->vm_start || !(vma->vm_flags & VM_READ))
			break;
		ret = copy_from_mapped_page(mm, addr, (char *)buf + done, n);
		if (ret < 0) {
			if (handle_mm_fault(vma, addr, 0, NULL) & VM_FAULT_ERROR)
				break;
			ret = copy_from_mapped_page(mm, addr, (char *)buf + done, n);
			if (ret < 0)
				break;
		}
		done += ret;
		addr += (unsigned long)ret;
	}
	mmap_read_unlock(mm);
	return done;
}
