/*
 * NUMA memory policies (Linux's mm/mempolicy.c), the part this kernel has: get_mempolicy.
 * There is no set_mempolicy or mbind, so every task and VMA runs under Linux's
 * default_policy (allocate on the local node, fall back along its zonelist):
 * get_mempolicy reports MPOL_DEFAULT with an empty nodemask, the nodes a task may use
 * (every node with memory: no cpusets), and the node of the page at an address.
 * libnuma's numa_available() and numactl ask it.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/pagewalk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/syscalls.h>
#include <uapi/linux/mempolicy.h>
#include <asm/pgtable.h>
#include <asm/uaccess.h>

/* Linux's nr_node_ids: the highest possible node + 1, the bits a user nodemask needs. */
static unsigned long nr_node_ids(void)
{
	unsigned long possible = node_states[N_POSSIBLE].bits[0];

	return possible ? BITS_PER_LONG - __builtin_clzl(possible) : 1;
}

/* The node of the page mapped at addr, read-faulting it in first as Linux's gup does. */
static int lookup_node(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pfn = 0;
	spinlock_t *ptl;
	pte_t *ptep;
	int tries;

	if (!(vma->vm_flags & VM_READ) || (vma->vm_flags & (VM_IO | VM_PFNMAP)))
		return -EFAULT;
	addr &= PAGE_MASK;
	for (tries = 0; tries < 2 && !pfn; tries++) {
		if (tries && (handle_mm_fault(vma, addr, 0, NULL) & VM_FAULT_ERROR))
			return -EFAULT;
		if (follow_pte(mm, addr, &ptep, &ptl))
			continue;
		if (pte_present(*ptep))
			pfn = pte_pfn(*ptep);
		spin_unlock(ptl);
	}
	if (!pfn || !pfn_valid(pfn))
		return -EFAULT;
	return page_to_nid(pfn_to_page(pfn));
}

/*
 * The policy (or with MPOL_F_NODE the node) into *policy and its nodes into *nmask:
 * Linux's do_get_mempolicy with default_policy as the only policy there is.
 */
static long do_get_mempolicy(int *policy, nodemask_t *nmask, unsigned long addr,
			     unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int nid;

	if (flags & ~(unsigned long)(MPOL_F_NODE | MPOL_F_ADDR | MPOL_F_MEMS_ALLOWED))
		return -EINVAL;
	if (flags & MPOL_F_MEMS_ALLOWED) {
		if (flags & (MPOL_F_NODE | MPOL_F_ADDR))
			return -EINVAL;
		*policy = 0;
		*nmask = node_states[N_MEMORY];
		return 0;
	}
	nodes_clear(nmask);
	if (!(flags & MPOL_F_ADDR)) {
		/* MPOL_F_NODE alone names the next interleave node: no interleave policy. */
		if (addr || (flags & MPOL_F_NODE))
			return -EINVAL;
		*policy = MPOL_DEFAULT;
		return 0;
	}
	mmap_read_lock(mm);
	vma = vma_lookup(mm, addr);
	if (!vma) {
		mmap_read_unlock(mm);
		return -EFAULT;
	}
	nid = (flags & MPOL_F_NODE) ? lookup_node(vma, addr) : MPOL_DEFAULT;
	mmap_read_unlock(mm);
	if (nid < 0)
		return nid;
	*policy = nid;
	return 0;
}

/* The nodes into a user mask of maxnode - 1 bits, zeroing the bits past the kernel's. */
static int copy_nodes_to_user(unsigned long __user *mask, unsigned long maxnode,
			      nodemask_t *nodes)
{
	unsigned long copy = ALIGN(maxnode - 1, 64) / 8;
	unsigned long nbytes = BITS_TO_LONGS(nr_node_ids()) * sizeof(long);

	if (copy > nbytes) {
		if (copy > PAGE_SIZE)
			return -EINVAL;
		if (clear_user((char __user *)mask + nbytes, copy - nbytes))
			return -EFAULT;
		copy = nbytes;
	}
	return copy_to_user(mask, nodes->bits, copy) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(get_mempolicy, int __user *, policy, unsigned long __user *, nmask,
		unsigned long, maxnode, unsigned long, addr, unsigned long, flags)
{
	nodemask_t nodes;
	int pval;
	long err;

	if (nmask && maxnode < nr_node_ids())
		return -EINVAL;
	err = do_get_mempolicy(&pval, &nodes, addr, flags);
	if (err)
		return err;
	if (policy && put_user(pval, policy))
		return -EFAULT;
	return nmask ? copy_nodes_to_user(nmask, maxnode, &nodes) : 0;
}
