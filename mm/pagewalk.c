/*
 * Page-table walks for readers of a process's mappings (Linux's mm/pagewalk.c): the
 * VMAs of a range, level by level down to the ptes, with a callback per pte and per
 * hole. Ptes are read under mm->page_table_lock, under which every entry is written;
 * the tables themselves stay while the caller holds mmap_lock.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/pagewalk.h>
#include <asm/pgtable.h>

static int walk_hole(unsigned long addr, unsigned long end, int depth, struct mm_walk *walk)
{
	return walk->ops->pte_hole ? walk->ops->pte_hole(addr, end, depth, walk) : 0;
}

static int walk_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);
	int err = 0;

	if (!walk->ops->pte_entry)
		return 0;
	spin_lock(&walk->mm->page_table_lock);
	for (; addr < end; addr += PAGE_SIZE, pte++) {
		err = walk->ops->pte_entry(pte, addr, addr + PAGE_SIZE, walk);
		if (err)
			break;
	}
	spin_unlock(&walk->mm->page_table_lock);
	return err;
}

static int walk_pmd_range(pud_t *pud, unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	pmd_t *pmd = pmd_offset(pud, addr);
	unsigned long next;
	int err = 0;

	for (; addr < end && !err; pmd++, addr = next) {
		next = pmd_addr_end(addr, end);
		if (pmd_none(READ_ONCE(*pmd)))
			err = walk_hole(addr, next, 3, walk);
		else
			err = walk_pte_range(pmd, addr, next, walk);
	}
	return err;
}

static int walk_pud_range(pgd_t *pgd, unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	pud_t *pud = pud_offset(pgd, addr);
	unsigned long next;
	int err = 0;

	for (; addr < end && !err; pud++, addr = next) {
		next = pud_addr_end(addr, end);
		if (pud_none(READ_ONCE(*pud)))
			err = walk_hole(addr, next, 2, walk);
		else
			err = walk_pmd_range(pud, addr, next, walk);
	}
	return err;
}

static int walk_pgd_range(unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	pgd_t *pgd = pgd_offset_pgd(walk->mm->pgd, addr);
	unsigned long next;
	int err = 0;

	for (; addr < end && !err; pgd++, addr = next) {
		next = pgd_addr_end(addr, end);
		if (pgd_none(READ_ONCE(*pgd)))
			err = walk_hole(addr, next, 0, walk);
		else
			err = walk_pud_range(pgd, addr, next, walk);
	}
	return err;
}

int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = mm, .private = private };
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long next;
	int err = 0;

	if (start >= end)
		return -EINVAL;
	for (; start < end && !err; start = next) {
		if (!vma || start < vma->vm_start) {
			/* Outside any VMA, up to the next one. */
			walk.vma = NULL;
			next = vma ? min(end, vma->vm_start) : end;
			err = walk_hole(start, next, -1, &walk);
			continue;
		}
		walk.vma = vma;
		next = min(end, vma->vm_end);
		vma = vma->vm_next;
		err = walk_pgd_range(start, next, &walk);
	}
	return err;
}

int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops, void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = vma->vm_mm, .vma = vma, .private = private };

	return walk_pgd_range(vma->vm_start, vma->vm_end, &walk);
}

int follow_pte(struct mm_struct *mm, unsigned long address, pte_t **ptepp,
	       spinlock_t **ptlp)
{
	pgd_t *pgd = pgd_offset_pgd(mm->pgd, address);
	pud_t *pud;
	pmd_t *pmd;

	if (pgd_none(READ_ONCE(*pgd)))
		return -EINVAL;
	pud = pud_offset(pgd, address);
	if (pud_none(READ_ONCE(*pud)))
		return -EINVAL;
	pmd = pmd_offset(pud, address);
	if (pmd_none(READ_ONCE(*pmd)))
		return -EINVAL;
	*ptepp = pte_offset_kernel(pmd, address);
	*ptlp = &mm->page_table_lock;
	spin_lock(*ptlp);
	return 0;
}
