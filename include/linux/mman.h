/*
 * Overcommit accounting (Linux's include/linux/mman.h and mm/util.c): vm_committed_as
 * counts the pages of every private writable mapping (VM_ACCOUNT) and of the stacks;
 * __vm_enough_memory decides by vm.overcommit_memory whether a new charge fits.
 */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include <linux/types.h>
#include <linux/mm.h>
#include <uapi/linux/mman.h>

#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2

/* vm.overcommit_memory, vm.overcommit_ratio (%), vm.overcommit_kbytes (0: the ratio rules). */
extern int sysctl_overcommit_memory;
extern int sysctl_overcommit_ratio;
extern unsigned long sysctl_overcommit_kbytes;
/* vm.user_reserve_kbytes, vm.admin_reserve_kbytes: kept back under OVERCOMMIT_NEVER. */
extern unsigned long sysctl_user_reserve_kbytes;
extern unsigned long sysctl_admin_reserve_kbytes;

/* Pages committed (Committed_AS), atomic; charged and released only through these. */
extern long vm_committed_as;

static inline void vm_acct_memory(long pages)
{
	__atomic_fetch_add(&vm_committed_as, pages, __ATOMIC_RELAXED);
}

static inline void vm_unacct_memory(long pages)
{
	vm_acct_memory(-pages);
}

/* PROT_* to VM_* (mmap, mprotect). */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* The MAP_* flags that become VM_* ones. */
static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return ((flags & MAP_GROWSDOWN) ? VM_GROWSDOWN : 0) | ((flags & MAP_LOCKED) ? VM_LOCKED : 0);
}

/* Committed_AS in pages, never negative. */
unsigned long vm_memory_committed(void);
/* The CommitLimit in pages: overcommit_kbytes, or overcommit_ratio % of RAM. */
unsigned long vm_commit_limit(void);
/* Charges pages to vm_committed_as if the policy allows it: 0, or -ENOMEM (nothing charged). */
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin);
/* The same as the running task (root may use the admin reserve). */
int security_vm_enough_memory_mm(struct mm_struct *mm, long pages);

#endif
