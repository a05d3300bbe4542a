/*
 * Walking a process's page tables (Linux's pagewalk.h), for /proc's smaps, pagemap and
 * numa_maps: pte_entry sees each pte of the VMAs in the range, under page_table_lock;
 * pte_hole each stretch without tables (depth: the level missing) or without a VMA (-1).
 */
#ifndef _LINUX_PAGEWALK_H
#define _LINUX_PAGEWALK_H

#include <linux/mm.h>

struct mm_walk;

struct mm_walk_ops {
	/* Return non-zero to stop the walk (its value is walk_page_range's). Cannot sleep. */
	int (*pte_entry)(pte_t *pte, unsigned long addr, unsigned long next,
			 struct mm_walk *walk);
	int (*pte_hole)(unsigned long addr, unsigned long next, int depth,
			struct mm_walk *walk);
};

struct mm_walk {
	const struct mm_walk_ops *ops;
	struct mm_struct *mm;
	struct vm_area_struct *vma;	/* the VMA being walked, NULL in a hole between VMAs */
	void *private;
};

/* Walks [start, end) of mm. Context: mmap_lock held (read), may not be in atomic context. */
int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *private);
/* The same over one VMA. */
int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops, void *private);
/*
 * The pte of address in mm, if its tables exist: 0 with *ptlp (page_table_lock) held,
 * the caller unlocks; else -EINVAL. Context: mmap_lock held.
 */
int follow_pte(struct mm_struct *mm, unsigned long address, pte_t **ptepp,
	       spinlock_t **ptlp);

#endif
