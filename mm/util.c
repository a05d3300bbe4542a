/*
 * Overcommit policy (Linux's mm/util.c part): the vm.overcommit_* knobs and
 * __vm_enough_memory, which charges a new private writable mapping to vm_committed_as
 * and says whether it may have it. No swap yet: total_swap_pages is 0 throughout.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/capability.h>
#include <linux/sched.h>

int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;
/* Until init_user_reserve/init_admin_reserve size them by the free memory. */
unsigned long sysctl_user_reserve_kbytes = 1UL << 17;
unsigned long sysctl_admin_reserve_kbytes = 1UL << 13;

/* vm_committed_as: a global atomic, where Linux has a per-cpu counter (see mman.h). */
long vm_committed_as;

unsigned long vm_memory_committed(void)
{
	long pages = __atomic_load_n(&vm_committed_as, __ATOMIC_RELAXED);

	return pages < 0 ? 0 : pages;
}

unsigned long vm_commit_limit(void)
{
	if (sysctl_overcommit_kbytes)
		return sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	return totalram_pages() * sysctl_overcommit_ratio / 100;
}

/*
 * OVERCOMMIT_ALWAYS grants everything; OVERCOMMIT_GUESS refuses only a single charge
 * larger than RAM; OVERCOMMIT_NEVER keeps the total under the commit limit, less the
 * admin reserve for non-root and a 1/32 share of the process (up to the user reserve).
 */
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin)
{
	long allowed;

	vm_acct_memory(pages);
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if (pages > (long)totalram_pages())
			goto error;
		return 0;
	}
	allowed = vm_commit_limit();
	if (!cap_sys_admin)
		allowed -= sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10);
	if (mm) {
		long reserve = sysctl_user_reserve_kbytes >> (PAGE_SHIFT - 10);

		allowed -= min_t(long, mm->total_vm / 32, reserve);
	}
	if ((long)vm_memory_committed() < allowed)
		return 0;
error:
	pr_warn("%s: pid: %d, comm: %s, no enough memory for the allocation\n",
		__func__, current->pid, current->comm);
	vm_unacct_memory(pages);
	return -ENOMEM;
}

int security_vm_enough_memory_mm(struct mm_struct *mm, long pages)
{
	return __vm_enough_memory(mm, pages, capable(CAP_SYS_ADMIN));
}
