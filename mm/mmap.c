/*
 * Address spaces: the VMA set of an mm and the system calls that change it (Linux's
 * mm/mmap.c, the 5.x version with an augmented rbtree).
 *
 * Data: each mm keeps its VMAs twice, in a list sorted by address (mm->mmap, vm_next,
 * vm_prev) and in an rbtree keyed by address (mm->mm_rb) whose nodes carry
 * rb_subtree_gap, the largest free gap before any VMA of their subtree. The free-area
 * search (unmapped_area_topdown) descends only into subtrees with a big enough gap.
 * Invariants, with mmap_lock held for writing to change them: VMAs do not overlap, each
 * is page-aligned and non-empty, map_count counts them, highest_vm_end is the last
 * VMA's end, and every rb_subtree_gap is right (vma_gap_update after any change of a
 * VMA's start or of its predecessor's end).
 *
 * Layout, as arm64 Linux without randomisation (as if `norandmaps`): the stack at the
 * top (STACK_TOP), mmap_base below it by the stack rlimit (at least 128 MiB) and a
 * guard gap, mmap allocating downwards from there, brk upwards from the end of the bss.
 *
 * Functions mirrored: find_vma, find_vma_prev, find_vma_intersection, vma_compute_gap,
 * vma_link, __vma_unlink, unmapped_area_topdown, get_unmapped_area, do_mmap,
 * mmap_region, __split_vma, do_munmap, do_brk_flags, brk, expand_downwards,
 * exit_mmap, and the mmap/munmap/brk system calls (mprotect: mm/mprotect.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/rbtree_augmented.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <uapi/linux/mman.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/mmu_context.h>

unsigned long mmap_min_addr = PAGE_SIZE;
unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;
/* vm.max_map_count */
int sysctl_max_map_count = 65530;

static struct kmem_cache *vm_area_cachep;

/* protection_map: vm_flags & (READ | WRITE | EXEC | SHARED) -> the pte protection. */
static const pgprot_t protection_map[16] = {
	[VM_NONE]					= PAGE_NONE,
	[VM_READ]					= PAGE_READONLY,
	[VM_WRITE]					= PAGE_READONLY,
	[VM_WRITE | VM_READ]				= PAGE_READONLY,
	[VM_EXEC]					= PAGE_EXECONLY,
	[VM_EXEC | VM_READ]				= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE]				= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ]			= PAGE_READONLY_EXEC,
	[VM_SHARED]					= PAGE_NONE,
	[VM_SHARED | VM_READ]				= PAGE_READONLY,
	[VM_SHARED | VM_WRITE]				= PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ]		= PAGE_SHARED,
	[VM_SHARED | VM_EXEC]				= PAGE_EXECONLY,
	[VM_SHARED | VM_EXEC | VM_READ]			= PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE]		= PAGE_SHARED_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ]	= PAGE_SHARED_EXEC,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (!vm_area_cachep)
		vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(*vma), 0,
						   SLAB_PANIC, NULL);
	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->shared);
	}
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vm_area_cachep, vma);
}

/* ---- the file's list of its mappings (i_mmap) ---------------------------------------- */

/* vma (with a vm_file) joins its file's i_mmap: truncation will find it there. */
static void link_file_vma(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	down_write(&mapping->i_mmap_rwsem);
	list_add_tail(&vma->shared, &mapping->i_mmap);
	up_write(&mapping->i_mmap_rwsem);
}

void unlink_file_vma(struct vm_area_struct *vma)
{
	struct address_space *mapping;

	if (!vma->vm_file)
		return;
	mapping = vma->vm_file->f_mapping;
	down_write(&mapping->i_mmap_rwsem);
	list_del_init(&vma->shared);
	up_write(&mapping->i_mmap_rwsem);
}

static struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new = vm_area_alloc(orig->vm_mm);

	if (new) {
		*new = *orig;
		new->vm_next = new->vm_prev = NULL;
		RB_CLEAR_NODE(&new->vm_rb);
		INIT_LIST_HEAD(&new->shared);
		if (new->vm_file) {
			get_file(new->vm_file);
			link_file_vma(new);
		}
	}
	return new;
}

/* A VMA leaves for good: its file reference and the struct. */
static void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file) {
		unlink_file_vma(vma);
		fput(vma->vm_file);
	}
	vm_area_free(vma);
}

/* ---- the augmented rbtree ---------------------------------------------------------- */

/* Where a VMA's free gap ends and starts: a stack keeps stack_guard_gap free below it. */
static unsigned long vm_start_gap(struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		start -= stack_guard_gap;
		if (start > vma->vm_start)
			start = 0;
	}
	return start;
}

static unsigned long vm_end_gap(struct vm_area_struct *vma)
{
	return vma->vm_end;
}

static unsigned long vma_compute_gap(struct vm_area_struct *vma)
{
	unsigned long gap = vm_start_gap(vma), prev_end;

	if (vma->vm_prev) {
		prev_end = vm_end_gap(vma->vm_prev);
		gap = gap > prev_end ? gap - prev_end : 0;
	}
	return gap;
}

RB_DECLARE_CALLBACKS_MAX(static, vma_gap_callbacks, struct vm_area_struct, vm_rb,
			 unsigned long, rb_subtree_gap, vma_compute_gap);

/* vma's own gap changed (its start, or its predecessor's end): fix the path to the root. */
static void vma_gap_update(struct vm_area_struct *vma)
{
	vma_gap_callbacks.propagate(&vma->vm_rb, NULL);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *vma = NULL;

	while (node) {
		struct vm_area_struct *tmp = rb_entry(node, struct vm_area_struct, vm_rb);

		if (tmp->vm_end > addr) {
			vma = tmp;
			if (tmp->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return vma;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		struct rb_node *rb = rb_last(&mm->mm_rb);

		*pprev = rb ? rb_entry(rb, struct vm_area_struct, vm_rb) : NULL;
	}
	return vma;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}

/* Links vma (overlapping nothing) into mm's list and tree; map_count and gaps updated. */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;
	struct vm_area_struct *prev = NULL, *next;

	while (*link) {
		struct vm_area_struct *tmp = rb_entry(*link, struct vm_area_struct, vm_rb);

		parent = *link;
		if (vma->vm_start < tmp->vm_start) {
			link = &parent->rb_left;
		} else {
			prev = tmp;
			link = &parent->rb_right;
		}
	}
	next = prev ? prev->vm_next : mm->mmap;
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
	else
		mm->highest_vm_end = vm_end_gap(vma);
	rb_link_node(&vma->vm_rb, parent, link);
	vma->rb_subtree_gap = 0;
	vma_gap_update(vma);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	if (next)
		vma_gap_update(next);
	mm->map_count++;
}

static void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	rb_erase_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next) {
		next->vm_prev = prev;
		vma_gap_update(next);
	} else {
		mm->highest_vm_end = prev ? vm_end_gap(prev) : 0;
	}
	mm->map_count--;
}

int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (find_vma_intersection(mm, vma->vm_start, vma->vm_end))
		return -ENOMEM;
	vma_link(mm, vma);
	mm->total_vm += vma_pages(vma);
	return 0;
}

/* ---- finding room ------------------------------------------------------------------ */

struct vm_unmapped_area_info {
	unsigned long length;
	unsigned long low_limit;
	unsigned long high_limit;
};

/*
 * The highest gap of at least info->length between low_limit and high_limit. Descends
 * right first (higher addresses), skipping every subtree whose rb_subtree_gap is too
 * small, and climbs back up through the left turns it took.
 */
static unsigned long unmapped_area_topdown(struct mm_struct *mm,
					   struct vm_unmapped_area_info *info)
{
	unsigned long length = info->length, low_limit, high_limit, gap_start, gap_end;
	struct vm_area_struct *vma;

	gap_end = info->high_limit;
	if (gap_end < length)
		return -ENOMEM;
	high_limit = gap_end - length;
	if (info->low_limit > high_limit)
		return -ENOMEM;
	low_limit = info->low_limit + length;

	/* The gap above the highest VMA is not in the tree. */
	gap_start = mm->highest_vm_end;
	if (gap_start <= high_limit)
		goto found_highest;
	if (RB_EMPTY_ROOT(&mm->mm_rb))
		return -ENOMEM;
	vma = rb_entry(mm->mm_rb.rb_node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < length)
		return -ENOMEM;

	for (;;) {
		gap_start = vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;
		if (gap_start <= high_limit && vma->vm_rb.rb_right) {
			struct vm_area_struct *right =
				rb_entry(vma->vm_rb.rb_right, struct vm_area_struct, vm_rb);

			if (right->rb_subtree_gap >= length) {
				vma = right;
				continue;
			}
		}
check_current:
		gap_end = vm_start_gap(vma);
		if (gap_end < low_limit)
			return -ENOMEM;
		if (gap_start <= high_limit && gap_end > gap_start && gap_end - gap_start >= length)
			goto found;
		if (vma->vm_rb.rb_left) {
			struct vm_area_struct *left =
				rb_entry(vma->vm_rb.rb_left, struct vm_area_struct, vm_rb);

			if (left->rb_subtree_gap >= length) {
				vma = left;
				continue;
			}
		}
		for (;;) {
			struct rb_node *prev = &vma->vm_rb;

			if (!rb_parent(prev))
				return -ENOMEM;
			vma = rb_entry(rb_parent(prev), struct vm_area_struct, vm_rb);
			if (prev == vma->vm_rb.rb_right) {
				gap_start = vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;
				goto check_current;
			}
		}
	}
found:
	if (gap_end > info->high_limit)
		gap_end = info->high_limit;
found_highest:
	return gap_end - info->length;
}

/* Linux's mmap_base without randomisation: below the stack rlimit and the guard gap. */
static unsigned long mmap_base(void)
{
	unsigned long gap = rlimit(RLIMIT_STACK);
	unsigned long pad = stack_guard_gap;
	const unsigned long min_gap = 128UL << 20, max_gap = STACK_TOP / 6 * 5;

	if (gap + pad > gap)
		gap += pad;
	gap = clamp(gap, min_gap, max_gap);
	return PAGE_ALIGN(STACK_TOP - gap);
}

void arch_pick_mmap_layout(struct mm_struct *mm)
{
	mm->mmap_base = mmap_base();
	mm->task_size = TASK_SIZE;
}

unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_unmapped_area_info info;
	struct vm_area_struct *vma, *prev;

	if (len > TASK_SIZE - mmap_min_addr)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		return addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma_prev(mm, addr, &prev);
		if (TASK_SIZE - len >= addr && addr >= mmap_min_addr &&
		    (!vma || addr + len <= vm_start_gap(vma)) && (!prev || addr >= vm_end_gap(prev)))
			return addr;
	}
	info.length = len;
	info.low_limit = max(PAGE_SIZE, mmap_min_addr);
	info.high_limit = mm->mmap_base;
	return unmapped_area_topdown(mm, &info);
}

/* ---- mapping ----------------------------------------------------------------------- */

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return ((flags & MAP_GROWSDOWN) ? VM_GROWSDOWN : 0) | ((flags & MAP_LOCKED) ? VM_LOCKED : 0);
}

/* prev can simply grow over [addr, addr + len): same flags, both anonymous, adjacent. */
static bool can_expand_prev(struct vm_area_struct *prev, struct file *file,
			    unsigned long addr, unsigned long vm_flags)
{
	return prev && !file && !prev->vm_file && !prev->vm_ops && prev->vm_end == addr &&
	       prev->vm_flags == vm_flags;
}

/*
 * What backs a new VMA: the file's ->mmap (which sets vm_ops), or for a shared anonymous
 * mapping an unlinked shmem file (shmem_zero_setup); the VMA then joins the file's i_mmap.
 */
static int mmap_region_backing(struct file *file, struct vm_area_struct *vma)
{
	int error;

	if (file) {
		vma->vm_file = get_file(file);
		error = file->f_op->mmap(file, vma);
		if (error) {
			fput(file);
			return error;
		}
	} else if (vma->vm_flags & VM_SHARED) {
		error = shmem_zero_setup(vma);
		if (error)
			return error;
	} else {
		return 0;
	}
	link_file_vma(vma);
	return 0;
}

unsigned long mmap_region(struct file *file, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	int error;

	/* Whatever was there goes first (MAP_FIXED over existing mappings). */
	if (find_vma_intersection(mm, addr, addr + len)) {
		error = do_munmap(mm, addr, len);
		if (error)
			return error;
	}
	find_vma_prev(mm, addr, &prev);
	if (can_expand_prev(prev, file, addr, vm_flags)) {
		__vma_unlink(mm, prev);
		prev->vm_end = addr + len;
		vma_link(mm, prev);
		mm->total_vm += len >> PAGE_SHIFT;
		return addr;
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	error = mmap_region_backing(file, vma);
	if (error) {
		vm_area_free(vma);
		return error;
	}
	vma_link(mm, vma);
	mm->total_vm += len >> PAGE_SHIFT;
	return addr;
}

/* mmap's flags as Linux 6.1 knew them before MAP_SHARED_VALIDATE checked them. */
#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
			 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | \
			 MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | \
			 MAP_HUGETLB)

/*
 * A file mapping's checks against how the file is open, and its VM_SHARED/VM_MAYWRITE:
 * a shared writable mapping needs a file open for writing (EACCES), every mapping one
 * open for reading (EACCES), and the file system must map files at all (ENODEV). A shared
 * mapping of a read-only file may never become writable: it is not VM_SHARED, only
 * VM_MAYSHARE, as Linux.
 */
static int mmap_file_check(struct file *file, unsigned long flags, unsigned long prot,
			   unsigned long *vm_flags)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		flags &= LEGACY_MAP_MASK;
		fallthrough;
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		fallthrough;
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags;

	if (!len)
		return -EINVAL;
	if (!(flags & MAP_FIXED) && addr < mmap_min_addr)
		addr = addr ? PAGE_ALIGN(mmap_min_addr) : 0;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (flags & MAP_TYPE) != MAP_SHARED &&
	    (!file || (flags & MAP_TYPE) != MAP_SHARED_VALIDATE))
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (file) {
		int error = mmap_file_check(file, flags, prot, &vm_flags);

		if (error)
			return error;
	} else if ((flags & MAP_TYPE) == MAP_SHARED) {
		if (vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		pgoff = 0;
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	} else {
		pgoff = addr >> PAGE_SHIFT;
	}
	return mmap_region(file, addr, len, vm_flags, pgoff);
}

unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag, unsigned long offset)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	if (offset + PAGE_ALIGN(len) < offset)
		return -EINVAL;
	if (offset & ~PAGE_MASK)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mmap(file, addr, len, prot, flag, offset >> PAGE_SHIFT);
	mmap_write_unlock(mm);
	return ret;
}

/* ---- unmapping --------------------------------------------------------------------- */

/* Splits vma at addr; new_below: the new VMA takes the lower part. 0 or -ENOMEM. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		       int new_below)
{
	struct vm_area_struct *new;

	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	__vma_unlink(mm, vma);
	/* unmap_mapping_range reads a file VMA's range and pgoff under i_mmap_rwsem. */
	if (vma->vm_file)
		down_write(&vma->vm_file->f_mapping->i_mmap_rwsem);
	if (new_below) {
		new->vm_end = addr;
		vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_start = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_end = addr;
	}
	if (vma->vm_file)
		up_write(&vma->vm_file->f_mapping->i_mmap_rwsem);
	vma_link(mm, vma);
	vma_link(mm, new);
	return 0;
}

/* Unmaps the VMAs from vma up to end (already split to fit), and their page tables. */
static void unmap_region_and_free(struct mm_struct *mm, struct vm_area_struct *vma,
				  unsigned long end)
{
	struct vm_area_struct *prev = vma->vm_prev, *next;
	unsigned long floor = prev ? prev->vm_end : 0, ceiling;

	update_hiwater_rss(mm);
	update_hiwater_vm(mm);
	while (vma && vma->vm_start < end) {
		next = vma->vm_next;
		__vma_unlink(mm, vma);
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		mm->total_vm -= vma_pages(vma);
		remove_vma(vma);
		vma = next;
	}
	ceiling = vma ? vma->vm_start : TASK_SIZE;
	free_pgtables(mm, floor, ceiling);
}

int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma, *last;
	unsigned long end;
	int error;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (!len)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	if (start > vma->vm_start) {
		error = split_vma(mm, vma, start, 0);
		if (error)
			return error;
		vma = vma->vm_next;
	}
	last = find_vma(mm, end);
	if (last && end > last->vm_start) {
		error = split_vma(mm, last, end, 1);
		if (error)
			return error;
	}
	vma = find_vma(mm, start);
	unmap_region_and_free(mm, vma, end);
	return 0;
}

int vm_munmap(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mmap_write_lock(mm);
	ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}

/* ---- brk and the stack ------------------------------------------------------------- */

int do_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	unsigned long mapped;

	len = PAGE_ALIGN(len);
	if (!len)
		return 0;
	mapped = get_unmapped_area(NULL, addr, len, 0, MAP_FIXED);
	if (IS_ERR_VALUE(mapped))
		return (int)mapped;
	mapped = mmap_region(NULL, addr, len, flags | VM_DATA_DEFAULT_FLAGS, addr >> PAGE_SHIFT);
	return IS_ERR_VALUE(mapped) ? (int)mapped : 0;
}

int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mmap_write_lock(mm);
	ret = do_brk_flags(addr, len, flags);
	mmap_write_unlock(mm);
	return ret;
}

/* The brk area is read-write but not executable (arm64's VM_DATA_DEFAULT_FLAGS minus exec). */
#define BRK_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk;
	struct vm_area_struct *next;

	mmap_write_lock(mm);
	if (brk < mm->start_brk || brk - mm->start_brk > rlimit(RLIMIT_DATA))
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		goto out;
	}
	if (brk <= mm->brk) {
		/* Shrinking: always allowed. */
		if (!do_munmap(mm, newbrk, oldbrk - newbrk))
			mm->brk = brk;
		goto out;
	}
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		goto out;
	if (mmap_region(NULL, oldbrk, newbrk - oldbrk, BRK_FLAGS, oldbrk >> PAGE_SHIFT) == oldbrk)
		mm->brk = brk;
out:
	brk = mm->brk;
	mmap_write_unlock(mm);
	return brk;
}

/* Moves a stack VMA's start down to address: within RLIMIT_STACK and the guard gap. */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long grow;

	address &= PAGE_MASK;
	if (address < mmap_min_addr)
		return -EPERM;
	if (prev && prev->vm_end > address - min(address, stack_guard_gap) &&
	    (prev->vm_flags & VM_ACCESS_FLAGS))
		return -ENOMEM;
	if (vma->vm_end - address > rlimit(RLIMIT_STACK))
		return -ENOMEM;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	/* mmap_lock is held for reading: the page_table_lock orders concurrent growers. */
	spin_lock(&mm->page_table_lock);
	if (address < vma->vm_start) {
		vma->vm_pgoff -= grow;
		vma->vm_start = address;
		vma_gap_update(vma);
		mm->total_vm += grow;
		mm->stack_vm += grow;
	}
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/* ---- the whole address space ------------------------------------------------------- */

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *next;

	mmap_write_lock(mm);
	for (; vma; vma = vma->vm_next) {
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		/* Truncation must not walk tables that free_pgtables is about to free. */
		unlink_file_vma(vma);
	}
	free_pgtables(mm, 0, TASK_SIZE);
	vma = mm->mmap;
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mmap_write_unlock(mm);
	for (; vma; vma = next) {
		next = vma->vm_next;
		remove_vma(vma);
	}
}

/* fork: the parent's VMAs, each with a copy of its page tables (COW for private pages). */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp;
	int retval = 0;

	mmap_write_lock(oldmm);
	mm->hiwater_rss = get_mm_rss(oldmm);
	mm->hiwater_vm = mm->total_vm = oldmm->total_vm;
	mm->stack_vm = oldmm->stack_vm;
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY) {
			mm->total_vm -= vma_pages(mpnt);
			continue;
		}
		tmp = vm_area_dup(mpnt);
		if (!tmp) {
			retval = -ENOMEM;
			break;
		}
		tmp->vm_mm = mm;
		vma_link(mm, tmp);
		retval = copy_page_range(tmp, mpnt);
		if (retval)
			break;
	}
	/* The parent's private pages just became read-only: no stale writable entries. */
	flush_tlb_mm(oldmm);
	mmap_write_unlock(oldmm);
	return retval;
}

/* ---- system calls ------------------------------------------------------------------ */

/* arm64's mmap: the offset in bytes, page-aligned (arch/arm64/kernel/sys.c in Linux). */
SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	struct file *file = NULL;
	unsigned long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((unsigned int)fd);
		if (!file)
			return -EBADF;
	}
	flags &= ~(MAP_EXECUTABLE | MAP_DENYWRITE);
	ret = vm_mmap(file, addr, len, prot, flags, off);
	if (file)
		fput(file);
	return ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	return vm_munmap(addr, len);
}
