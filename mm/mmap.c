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
 * VMA's start or of its predecessor's end). validate_mm checks all of it after every
 * change under CONFIG_DEBUG_VM, as Linux's CONFIG_DEBUG_VM_RB does.
 *
 * Neighbours with the same flags, file (at contiguous offsets) and a compatible
 * anon_vma are one VMA: vma_merge joins them whenever mmap, brk, mprotect, mremap,
 * madvise or mlock makes them alike, as Linux does (its cases 1-8, drawn above it).
 *
 * Layout, as arm64 Linux without randomisation (as if `norandmaps`): the stack at the
 * top (STACK_TOP), mmap_base below it by the stack rlimit (at least 128 MiB) and a
 * guard gap, mmap allocating downwards from there, brk upwards from the end of the bss.
 *
 * Functions mirrored: find_vma, find_vma_prev, find_vma_intersection, vma_compute_gap,
 * validate_mm, vma_link, __vma_unlink, vma_merge, vma_expand, __split_vma, split_vma,
 * copy_vma, unmapped_area_topdown, get_unmapped_area, do_mmap, mmap_region, do_munmap,
 * vm_brk_flags, brk, expand_downwards (expand_stack), exit_mmap, dup_mmap, and the
 * mmap/munmap/brk system calls (mprotect: mm/mprotect.c, mremap: mm/mremap.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mempolicy.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/init.h>
#include <linux/capability.h>
#include <linux/rmap.h>
#include <linux/rbtree_augmented.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/mmu_context.h>
#include <asm/tlb.h>

unsigned long mmap_min_addr = PAGE_SIZE;
unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;
/* vm.max_map_count */
int sysctl_max_map_count = 65530;

static struct kmem_cache *vm_area_cachep;

/*
 * protection_map: vm_flags & (READ | WRITE | EXEC | SHARED) -> the pte protection.
 * Execute-only is readable: without FEAT_EPAN (cortex-a57 has none) PAN does not stop
 * the kernel's unprivileged loads from an execute-only page, so Linux 6.1 lets exec
 * imply read there (adjust_protection_map), and the fault handler allows the read.
 */
static const pgprot_t protection_map[16] = {
	[VM_NONE]					= PAGE_NONE,
	[VM_READ]					= PAGE_READONLY,
	[VM_WRITE]					= PAGE_READONLY,
	[VM_WRITE | VM_READ]				= PAGE_READONLY,
	[VM_EXEC]					= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_READ]				= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE]				= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ]			= PAGE_READONLY_EXEC,
	[VM_SHARED]					= PAGE_NONE,
	[VM_SHARED | VM_READ]				= PAGE_READONLY,
	[VM_SHARED | VM_WRITE]				= PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ]		= PAGE_SHARED,
	[VM_SHARED | VM_EXEC]				= PAGE_READONLY_EXEC,
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
		INIT_LIST_HEAD(&vma->anon_vma_chain);
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

/*
 * A copy of orig, unlinked, with its own reference to the file (remove_vma drops it)
 * and orig's anon_vma, but no chains yet: the caller links them (anon_vma_clone or
 * anon_vma_fork), or undoes the copy with vm_area_drop.
 */
static struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new = vm_area_alloc(orig->vm_mm);

	if (new) {
		*new = *orig;
		new->vm_next = new->vm_prev = NULL;
		RB_CLEAR_NODE(&new->vm_rb);
		INIT_LIST_HEAD(&new->anon_vma_chain);
		INIT_LIST_HEAD(&new->shared);
		mpol_get(vma_policy(new));
		if (new->vm_file) {
			get_file(new->vm_file);
			link_file_vma(new);
		}
	}
	return new;
}

/* Undoes vm_area_dup: the file's i_mmap link and reference, the policy, the struct. */
static void vm_area_drop(struct vm_area_struct *vma)
{
	mpol_put(vma_policy(vma));
	if (vma->vm_file) {
		unlink_file_vma(vma);
		fput(vma->vm_file);
	}
	vm_area_free(vma);
}

/* A VMA leaves for good: its owner's close, its rmap links, its file, the struct. */
static void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	unlink_anon_vmas(vma);
	vm_area_drop(vma);
}

/* Executable and not writable: text. */
static bool is_exec_mapping(unsigned long flags)
{
	return (flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC;
}

static bool is_stack_mapping(unsigned long flags)
{
	return (flags & VM_STACK) == VM_STACK;
}

/* Private, writable, not a stack: what RLIMIT_DATA limits. */
static bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}

/* The counters /proc/PID/status shows (VmData, VmExe, VmStk) follow the flags. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if (is_exec_mapping(flags))
		mm->exec_vm += npages;
	else if (is_stack_mapping(flags))
		mm->stack_vm += npages;
	else if (is_data_mapping(flags))
		mm->data_vm += npages;
}

bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) && mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT) {
		pr_warn_once("%s (%d): VmData %lu exceed data ulimit %lu.\n", current->comm,
			     current->pid, (mm->data_vm + npages) << PAGE_SHIFT,
			     rlimit(RLIMIT_DATA));
		return false;
	}
	return true;
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

#ifdef CONFIG_DEBUG_VM
/*
 * The tree in order against the list: the same VMAs, sorted, not overlapping, aligned,
 * with right subtree gaps. Returns how many bugs it printed. The page_table_lock keeps
 * expand_stack (mmap_lock held only for reading) from moving a gap under the check.
 */
static int browse_rb(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *list = mm->mmap;
	unsigned long pend = 0;
	struct rb_node *nd;
	int bug = 0;

	spin_lock(&mm->page_table_lock);
	for (nd = rb_first(&mm->mm_rb); nd; nd = rb_next(nd), list = list ? list->vm_next : NULL) {
		vma = rb_entry(nd, struct vm_area_struct, vm_rb);
		if (vma != list) {
			pr_emerg("rb vma %px, list vma %px\n", vma, list);
			bug++;
		}
		if (vma->vm_start < pend || vma->vm_start >= vma->vm_end ||
		    ((vma->vm_start | vma->vm_end) & ~PAGE_MASK)) {
			pr_emerg("vma %lx-%lx after end %lx\n", vma->vm_start, vma->vm_end, pend);
			bug++;
		}
		if (vma->rb_subtree_gap != vma_gap_callbacks_compute_max(vma)) {
			pr_emerg("free gap %lx, correct %lx\n", vma->rb_subtree_gap,
				 vma_gap_callbacks_compute_max(vma));
			bug++;
		}
		pend = vma->vm_end;
	}
	if (list) {
		pr_emerg("list vma %px not in the rbtree\n", list);
		bug++;
	}
	spin_unlock(&mm->page_table_lock);
	return bug;
}

/* Linux's validate_mm: a broken VMA set stops the kernel where the change was made. */
static void validate_mm(struct mm_struct *mm)
{
	unsigned long highest_address = 0;
	struct vm_area_struct *vma;
	int i = 0, bug;

	for (vma = mm->mmap; vma; vma = vma->vm_next, i++)
		highest_address = vm_end_gap(vma);
	bug = browse_rb(mm);
	if (i != mm->map_count) {
		pr_emerg("map_count %d vm_next %d\n", mm->map_count, i);
		bug++;
	}
	if (highest_address != mm->highest_vm_end) {
		pr_emerg("mm->highest_vm_end %lx, found %lx\n", mm->highest_vm_end,
			 highest_address);
		bug++;
	}
	if (bug)
		panic("validate_mm: %d bugs in the VMAs of mm %px\n", bug, mm);
}
#else
static inline void validate_mm(struct mm_struct *mm)
{
}
#endif

/*
 * vma now covers [start, end) at pgoff, its neighbours unmoved: the gaps follow. A file
 * VMA changes under its i_mmap_rwsem: unmap_mapping_range reads the range and pgoff.
 */
static void vma_set_range(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long start, unsigned long end, unsigned long pgoff)
{
	if (vma->vm_file)
		down_write(&vma->vm_file->f_mapping->i_mmap_rwsem);
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	if (vma->vm_file)
		up_write(&vma->vm_file->f_mapping->i_mmap_rwsem);
	vma_gap_update(vma);
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
	else
		mm->highest_vm_end = vm_end_gap(vma);
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
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, vma_pages(vma)))
		return -ENOMEM;
	vma_link(mm, vma);
	vm_stat_account(mm, vma->vm_flags, vma_pages(vma));
	validate_mm(mm);
	return 0;
}

/* ---- merging and splitting --------------------------------------------------------- */

/* Same flags and file, and no close method that would have to see each part go. */
static bool is_mergeable_vma(struct vm_area_struct *vma, struct file *file,
			     unsigned long vm_flags)
{
	if (vma->vm_flags != vm_flags || vma->vm_file != file)
		return false;
	return !vma->vm_ops || !vma->vm_ops->close;
}

/* Pages of one anon_vma may join a VMA that has none yet, or the same one. */
static bool is_mergeable_anon_vma(struct anon_vma *anon_vma1, struct anon_vma *anon_vma2)
{
	return !anon_vma1 || !anon_vma2 || anon_vma1 == anon_vma2;
}

/* [.., vm_pgoff) would fit in front of vma: the file offsets run on. */
static bool can_vma_merge_before(struct vm_area_struct *vma, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file,
				 unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma) && vma->vm_pgoff == vm_pgoff;
}

/* [vm_pgoff, ..) would fit after vma. */
static bool can_vma_merge_after(struct vm_area_struct *vma, unsigned long vm_flags,
				struct anon_vma *anon_vma, struct file *file,
				unsigned long vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma) &&
	       vma->vm_pgoff + vma_pages(vma) == vm_pgoff;
}

/*
 * vma (with no anon_vma) takes other's anon_vma and chains, as its own: set first, so
 * anon_vma_clone does not take it for fork and look for one to reuse. 0 or -ENOMEM.
 */
static int anon_vma_import(struct vm_area_struct *vma, struct vm_area_struct *other)
{
	vma->anon_vma = other->anon_vma;
	return anon_vma_clone(vma, other);
}

/*
 * a ends where b starts and they differ at most in access flags, with file offsets
 * running on: an mprotect could make them one VMA.
 */
static bool anon_vma_compatible(struct vm_area_struct *a, struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_file == b->vm_file &&
	       !((a->vm_flags ^ b->vm_flags) & ~VM_ACCESS_FLAGS) &&
	       b->vm_pgoff == a->vm_pgoff + ((b->vm_start - a->vm_start) >> PAGE_SHIFT);
}

/*
 * old's anon_vma, if a and b (old one of them) are compatible and old is linked to it
 * alone: an anon_vma reached through fork holds pages other processes see too.
 */
static struct anon_vma *reusable_anon_vma(struct vm_area_struct *old, struct vm_area_struct *a,
					  struct vm_area_struct *b)
{
	struct anon_vma *anon_vma;

	if (!anon_vma_compatible(a, b))
		return NULL;
	anon_vma = READ_ONCE(old->anon_vma);
	if (anon_vma && list_is_singular(&old->anon_vma_chain))
		return anon_vma;
	return NULL;
}

/*
 * Sharing the anon_vma keeps vma and its neighbour mergeable (is_mergeable_anon_vma):
 * without it, an mprotect that splits a VMA and another that restores it would leave
 * two. The next VMA is tried first, as Linux does.
 */
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = NULL;

	if (vma->vm_next)
		anon_vma = reusable_anon_vma(vma->vm_next, vma, vma->vm_next);
	if (!anon_vma && vma->vm_prev)
		anon_vma = reusable_anon_vma(vma->vm_prev, vma->vm_prev, vma);
	return anon_vma;
}

/*
 * vma is to take over pages of the neighbours in [start, end) (mergeable: their
 * anon_vma is vma's or none): a vma without one gets the first one's chains, before
 * anything changes (Linux's __vma_adjust: anon_vma_clone for the importer). 0 or -ENOMEM.
 */
static int vma_import_anon(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct vm_area_struct *other;

	if (vma->anon_vma)
		return 0;
	for (other = vma->vm_prev; other && other->vm_end > start; other = other->vm_prev)
		if (other->anon_vma)
			return anon_vma_import(vma, other);
	for (other = vma->vm_next; other && other->vm_start < end; other = other->vm_next)
		if (other->anon_vma)
			return anon_vma_import(vma, other);
	return 0;
}

/*
 * vma grows to [start, end) at pgoff (Linux 6.1's vma_expand, done as __vma_adjust
 * did): the VMAs it covers wholly go, one it covers in part is cut back to it.
 */
int vma_expand(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
	       unsigned long end, unsigned long pgoff)
{
	struct vm_area_struct *other;

	if (vma_import_anon(vma, start, end))
		return -ENOMEM;
	while ((other = vma->vm_prev) && other->vm_end > start) {
		if (other->vm_start < start) {
			vma_set_range(mm, other, other->vm_start, start, other->vm_pgoff);
			break;
		}
		__vma_unlink(mm, other);
		remove_vma(other);
	}
	while ((other = vma->vm_next) && other->vm_start < end) {
		if (other->vm_end > end) {
			vma_set_range(mm, other, end, other->vm_end,
				      other->vm_pgoff + ((end - other->vm_start) >> PAGE_SHIFT));
			break;
		}
		__vma_unlink(mm, other);
		remove_vma(other);
	}
	vma_set_range(mm, vma, start, end, pgoff);
	validate_mm(mm);
	return 0;
}

/*
 * Linux's cases, for [addr, end) = AAAA after prev (P) and before next (N); C is the
 * VMA being changed when there is one (mprotect, mlock, madvise), X a VMA cut back:
 *
 *     AAAA             AAAA                   AAAA
 *    PPPPPPNNNNNN    PPPPPPNNNNNN       PPPPPPCCCCCC
 *    cannot merge    might become       might become
 *                    PPNNNNNNNNNN       PPPPPPPPPPCC
 *    mmap, brk or    case 4 below       case 5 below
 *    mremap move:
 *                        AAAA               AAAA
 *                    PPPP    NNNN       PPPPCCCCNNNN
 *                    might become       might become
 *                    PPPPPPPPPPPP 1 or  PPPPPPPPPPPP 6 or
 *                    PPPPPPPPNNNN 2 or  PPPPPPPPXXXX 7 or
 *                    PPPPNNNNNNNN 3     PPPPXXXXNNNN 8
 *
 * Returns the VMA now covering [addr, end) (prev or next), or NULL when nothing merged.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file, unsigned long pgoff,
				 struct mempolicy *policy)
{
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *area, *next;

	if (vm_flags & VM_SPECIAL)
		return NULL;
	next = prev ? prev->vm_next : mm->mmap;
	area = next;
	if (area && area->vm_end == end)		/* cases 6, 7, 8 */
		next = next->vm_next;
	VM_WARN_ON(prev && addr <= prev->vm_start);
	VM_WARN_ON(area && end > area->vm_end);
	VM_WARN_ON(addr >= end);

	if (prev && prev->vm_end == addr && mpol_equal(vma_policy(prev), policy) &&
	    can_vma_merge_after(prev, vm_flags, anon_vma, file, pgoff)) {
		if (next && end == next->vm_start && mpol_equal(policy, vma_policy(next)) &&
		    can_vma_merge_before(next, vm_flags, anon_vma, file, pgoff + pglen) &&
		    is_mergeable_anon_vma(prev->anon_vma, next->anon_vma))
			end = next->vm_end;		/* cases 1, 6 */
		if (vma_expand(mm, prev, prev->vm_start, end, prev->vm_pgoff))	/* and 2, 5, 7 */
			return NULL;
		return prev;
	}
	if (next && end == next->vm_start && mpol_equal(policy, vma_policy(next)) &&
	    can_vma_merge_before(next, vm_flags, anon_vma, file, pgoff + pglen)) {
		if (vma_expand(mm, next, addr, next->vm_end, next->vm_pgoff - pglen)) /* 3, 4, 8 */
			return NULL;
		return next;
	}
	return NULL;
}

int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		int new_below)
{
	struct vm_area_struct *new = vm_area_dup(vma);
	unsigned long offset = (addr - vma->vm_start) >> PAGE_SHIFT;

	if (!new)
		return -ENOMEM;
	if (anon_vma_clone(new, vma)) {
		vm_area_drop(new);
		return -ENOMEM;
	}
	if (new_below) {
		new->vm_end = addr;
		vma_set_range(mm, vma, addr, vma->vm_end, vma->vm_pgoff + offset);
	} else {
		new->vm_start = addr;
		new->vm_pgoff += offset;
		vma_set_range(mm, vma, vma->vm_start, addr, vma->vm_pgoff);
	}
	vma_link(mm, new);
	validate_mm(mm);
	return 0;
}

/* A split that may take the VMA count over vm.max_map_count is refused (-ENOMEM). */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
	      int new_below)
{
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return __split_vma(mm, vma, addr, new_below);
}

/*
 * [start, end) of vma (prev: the VMA before it) is to get new_flags and policy: merged
 * into a neighbour that has them, or split off on its own (Linux 6.7's vma_modify, the
 * common part of mprotect_fixup, mlock_fixup, madvise_update_vma and mbind_range).
 * Returns the VMA whose flags or policy to set, now covering [start, end) and maybe
 * more, or an ERR_PTR.
 */
struct vm_area_struct *vma_modify(struct vm_area_struct *prev, struct vm_area_struct *vma,
				  unsigned long start, unsigned long end,
				  unsigned long new_flags, struct mempolicy *policy)
{
	unsigned long pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *merged;
	int error;

	merged = vma_merge(mm, prev, start, end, new_flags, vma->anon_vma, vma->vm_file, pgoff,
			   policy);
	if (merged)
		return merged;
	if (start != vma->vm_start) {
		error = split_vma(mm, vma, start, 1);
		if (error)
			return ERR_PTR(error);
	}
	if (end != vma->vm_end) {
		error = split_vma(mm, vma, end, 0);
		if (error)
			return ERR_PTR(error);
	}
	return vma;
}

/*
 * mremap's destination: [addr, addr + len) as a copy of *vmap's part at pgoff, merged
 * into a neighbour when it can be. A VMA that never had an anonymous page starts over
 * at addr's offset, so it may merge with what surrounds the new place; *vmap follows if
 * the merge swallowed the source itself.
 */
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap, unsigned long addr,
				unsigned long len, unsigned long pgoff)
{
	struct vm_area_struct *vma = *vmap, *new_vma, *prev;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vma_start = vma->vm_start;

	if (vma_is_anonymous(vma) && !vma->anon_vma)
		pgoff = addr >> PAGE_SHIFT;
	find_vma_prev(mm, addr, &prev);
	new_vma = vma_merge(mm, prev, addr, addr + len, vma->vm_flags, vma->anon_vma,
			    vma->vm_file, pgoff, vma_policy(vma));
	if (new_vma) {
		/* The source may be gone into new_vma: vma is not to be used from here. */
		if (vma_start >= new_vma->vm_start && vma_start < new_vma->vm_end) {
			*vmap = new_vma;
			return new_vma;
		}
		/* A neighbour without an anon_vma must reach the pages moving into it. */
		if (!new_vma->anon_vma && vma->anon_vma && anon_vma_import(new_vma, vma))
			return NULL;
		return new_vma;
	}
	new_vma = vm_area_dup(vma);
	if (!new_vma)
		return NULL;
	if (anon_vma_clone(new_vma, vma)) {
		vm_area_drop(new_vma);
		return NULL;
	}
	new_vma->vm_start = addr;
	new_vma->vm_end = addr + len;
	new_vma->vm_pgoff = pgoff;
	vma_link(mm, new_vma);
	validate_mm(mm);
	return new_vma;
}

/* ---- finding room ------------------------------------------------------------------ */

struct vm_unmapped_area_info {
	unsigned long length;
	unsigned long low_limit;
	unsigned long high_limit;
};

/* The VMA at node when its subtree holds a gap of at least length, else NULL. */
static struct vm_area_struct *vma_gap_subtree(struct rb_node *node, unsigned long length)
{
	struct vm_area_struct *vma;

	if (!node)
		return NULL;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	return vma->rb_subtree_gap >= length ? vma : NULL;
}

/*
 * Climbs from vma to the nearest ancestor whose right subtree it is in: the next VMA
 * below the subtree just searched. NULL when none is left (the root was reached).
 */
static struct vm_area_struct *vma_topdown_ascend(struct vm_area_struct *vma)
{
	for (;;) {
		struct rb_node *prev = &vma->vm_rb;

		if (!rb_parent(prev))
			return NULL;
		vma = rb_entry(rb_parent(prev), struct vm_area_struct, vm_rb);
		if (prev == vma->vm_rb.rb_right)
			return vma;
	}
}

/*
 * The highest gap of at least info->length between low_limit and high_limit. Descends
 * right first (higher addresses), skipping every subtree whose rb_subtree_gap is too
 * small, and climbs back up through the left turns it took.
 */
static unsigned long unmapped_area_topdown(struct mm_struct *mm,
					   struct vm_unmapped_area_info *info)
{
	unsigned long length = info->length, low_limit, high_limit, gap_start, gap_end;
	struct vm_area_struct *vma, *child;

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
		if (gap_start <= high_limit) {
			child = vma_gap_subtree(vma->vm_rb.rb_right, length);
			if (child) {
				vma = child;
				continue;
			}
		}
check_current:
		gap_end = vm_start_gap(vma);
		if (gap_end < low_limit)
			return -ENOMEM;
		if (gap_start <= high_limit && gap_end > gap_start && gap_end - gap_start >= length)
			goto found;
		child = vma_gap_subtree(vma->vm_rb.rb_left, length);
		if (child) {
			vma = child;
			continue;
		}
		vma = vma_topdown_ascend(vma);
		if (!vma)
			return -ENOMEM;
		gap_start = vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;
		goto check_current;
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

/* Private writable memory is what overcommit counts: it may all need fresh pages. */
static bool accountable_mapping(struct file *file, unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* Pages of [addr, end) already mapped: MAP_FIXED replaces them, so they do not count twice. */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long addr,
					   unsigned long end)
{
	struct vm_area_struct *vma = find_vma_intersection(mm, addr, end);
	unsigned long nr_pages = 0;

	for (; vma && vma->vm_start < end; vma = vma->vm_next)
		nr_pages += (min(end, vma->vm_end) - max(addr, vma->vm_start)) >> PAGE_SHIFT;
	return nr_pages;
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
	unsigned long charged = 0, end = addr + len;
	struct vm_area_struct *vma, *prev;
	int error;

	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT) &&
	    !may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) -
					 count_vma_pages_range(mm, addr, end)))
		return -ENOMEM;
	/* Whatever was there goes first (MAP_FIXED over existing mappings). */
	if (do_munmap(mm, addr, len))
		return -ENOMEM;
	if (accountable_mapping(file, vm_flags)) {
		charged = len >> PAGE_SHIFT;
		if (security_vm_enough_memory_mm(mm, charged))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	find_vma_prev(mm, addr, &prev);
	vma = vma_merge(mm, prev, addr, end, vm_flags, NULL, file, pgoff, NULL);
	if (vma)
		goto out;
	vma = vm_area_alloc(mm);
	if (!vma) {
		vm_unacct_memory(charged);
		return -ENOMEM;
	}
	vma->vm_start = addr;
	vma->vm_end = end;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	error = mmap_region_backing(file, vma);
	if (error) {
		vm_area_free(vma);
		vm_unacct_memory(charged);
		return error;
	}
	vma_link(mm, vma);
	validate_mm(mm);
out:
	vm_stat_account(mm, vm_flags, len >> PAGE_SHIFT);
	if (vm_flags & VM_LOCKED) {
		if (vma->vm_flags & VM_SPECIAL)
			vma->vm_flags &= VM_LOCKED_CLEAR_MASK;
		else
			mm->locked_vm += len >> PAGE_SHIFT;
	}
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

/* *populate: how much of the new mapping vm_mmap is to fault in (MAP_POPULATE, VM_LOCKED). */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff,
		      unsigned long *populate)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags;

	*populate = 0;
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
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) | mm->def_flags |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return -EPERM;
	if (mlock_future_check(mm, vm_flags, len))
		return -EAGAIN;
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
	/* Honoured unless the policy is never to overcommit. */
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE;
	addr = mmap_region(file, addr, len, vm_flags, pgoff);
	if (!IS_ERR_VALUE(addr) &&
	    ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		*populate = len;
	return addr;
}

unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag, unsigned long offset)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret, populate;

	if (offset + PAGE_ALIGN(len) < offset)
		return -EINVAL;
	if (offset & ~PAGE_MASK)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mmap(file, addr, len, prot, flag, offset >> PAGE_SHIFT, &populate);
	mmap_write_unlock(mm);
	if (populate)
		mm_populate(ret, populate);
	return ret;
}

/* ---- unmapping --------------------------------------------------------------------- */

/*
 * Unmaps the VMAs from vma up to end (already split to fit), their pages and page
 * tables, and gives back what they had counted: total_vm and the rest, locked_vm,
 * their overcommit charge.
 */
static void unmap_region_and_free(struct mm_struct *mm, struct vm_area_struct *vma,
				  unsigned long end)
{
	struct vm_area_struct *prev = vma->vm_prev, *next;
	unsigned long floor = prev ? prev->vm_end : 0, start = vma->vm_start, ceiling;
	unsigned long nr_accounted = 0;
	struct mmu_gather tlb;

	update_hiwater_rss(mm);
	update_hiwater_vm(mm);
	/* One gather: a single TLB flush for all the VMAs and their tables. */
	tlb_gather_mmu(&tlb, mm);
	while (vma && vma->vm_start < end) {
		next = vma->vm_next;
		__vma_unlink(mm, vma);
		unmap_page_range(&tlb, vma, vma->vm_start, vma->vm_end);
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm -= vma_pages(vma);
		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(vma);
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		remove_vma(vma);
		vma = next;
	}
	vm_unacct_memory(nr_accounted);
	ceiling = vma ? vma->vm_start : TASK_SIZE;
	free_pgd_range(&tlb, start, end, floor, ceiling);
	tlb_finish_mmu(&tlb);
	validate_mm(mm);
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
		/* Only a split into three may take map_count over the limit for good. */
		if (end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		error = __split_vma(mm, vma, start, 0);
		if (error)
			return error;
	}
	last = find_vma(mm, end);
	if (last && end > last->vm_start) {
		error = __split_vma(mm, last, end, 1);
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

/* The brk area is read-write but not executable (arm64's VM_DATA_DEFAULT_FLAGS minus exec). */
#define BRK_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* Linux's check_data_rlimit: the heap and the data segment together within RLIMIT_DATA. */
static int check_data_rlimit(unsigned long rlim, unsigned long new, unsigned long start,
			     unsigned long end_data, unsigned long start_data)
{
	if (rlim < RLIM_INFINITY && (new - start) + (end_data - start_data) > rlim)
		return -ENOSPC;
	return 0;
}

/*
 * Linux's vm_brk_flags: an anonymous data mapping of [addr, addr + request) for the ELF
 * loader's bss (flags: VM_EXEC or 0), locked if mlockall(MCL_FUTURE) asked for it.
 */
int vm_brk_flags(unsigned long addr, unsigned long request, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long len = PAGE_ALIGN(request), ret;
	bool populate;

	if (len < request)
		return -ENOMEM;
	if (!len)
		return 0;
	if (flags & ~VM_EXEC)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = get_unmapped_area(NULL, addr, len, 0, MAP_FIXED);
	if (!IS_ERR_VALUE(ret))
		ret = mmap_region(NULL, addr, len, BRK_FLAGS | flags | mm->def_flags,
				  addr >> PAGE_SHIFT);
	populate = mm->def_flags & VM_LOCKED;
	mmap_write_unlock(mm);
	if (IS_ERR_VALUE(ret))
		return (int)ret;
	if (populate)
		mm_populate(addr, len);
	return 0;
}

/*
 * The break moves to brk if it may: not below start_brk, within RLIMIT_DATA, not into
 * (or within a guard page and the stack gap of) the next mapping. Returns the break.
 */
SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk, origbrk;
	struct vm_area_struct *next;
	bool populate = false;

	mmap_write_lock(mm);
	origbrk = mm->brk;
	if (brk < mm->start_brk)
		goto out;
	if (check_data_rlimit(rlimit(RLIMIT_DATA), brk, mm->start_brk, mm->end_data,
			      mm->start_data))
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
	if (mmap_region(NULL, oldbrk, newbrk - oldbrk, BRK_FLAGS | mm->def_flags,
			oldbrk >> PAGE_SHIFT) != oldbrk)
		goto out;
	mm->brk = brk;
	populate = mm->def_flags & VM_LOCKED;
out:
	brk = mm->brk;
	mmap_write_unlock(mm);
	if (populate)
		mm_populate(PAGE_ALIGN(origbrk), PAGE_ALIGN(brk) - PAGE_ALIGN(origbrk));
	return brk;
}

/*
 * Linux's acct_stack_growth: grow more pages of a stack within RLIMIT_AS, RLIMIT_STACK,
 * RLIMIT_MEMLOCK and the overcommit policy. page_table_lock held.
 */
static int acct_stack_growth(struct vm_area_struct *vma, unsigned long size, unsigned long grow)
{
	struct mm_struct *mm = vma->vm_mm;

	if (!may_expand_vm(mm, vma->vm_flags, grow))
		return -ENOMEM;
	if (size > rlimit(RLIMIT_STACK))
		return -ENOMEM;
	if (mlock_future_check(mm, vma->vm_flags, grow << PAGE_SHIFT))
		return -ENOMEM;
	/* Charged only where unmapping gives it back: VM_ACCOUNT. */
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, grow))
		return -ENOMEM;
	return 0;
}

/* Moves a stack VMA's start down to address: within the limits and the guard gap. */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long grow;
	int error = 0;

	address &= PAGE_MASK;
	if (address < mmap_min_addr)
		return -EPERM;
	if (prev && prev->vm_end > address - min(address, stack_guard_gap) &&
	    (prev->vm_flags & VM_ACCESS_FLAGS))
		return -ENOMEM;
	/* mmap_lock is held for reading: the page_table_lock orders concurrent growers. */
	spin_lock(&mm->page_table_lock);
	if (address < vma->vm_start) {
		grow = (vma->vm_start - address) >> PAGE_SHIFT;
		error = acct_stack_growth(vma, vma->vm_end - address, grow);
		if (!error) {
			if (vma->vm_flags & VM_LOCKED)
				mm->locked_vm += grow;
			vm_stat_account(mm, vma->vm_flags, grow);
			vma->vm_pgoff -= grow;
			vma->vm_start = address;
			vma_gap_update(vma);
		}
	}
	spin_unlock(&mm->page_table_lock);
	return error;
}

static int __init init_user_reserve(void)
{
	unsigned long free_kbytes = global_zone_page_state(NR_FREE_PAGES) << (PAGE_SHIFT - 10);

	sysctl_user_reserve_kbytes = min(free_kbytes / 32, 1UL << 17);
	sysctl_admin_reserve_kbytes = min(free_kbytes / 32, 1UL << 13);
	return 0;
}
late_initcall(init_user_reserve);

/* ---- the whole address space ------------------------------------------------------- */

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *next;
	unsigned long nr_accounted = 0;
	struct mmu_gather tlb;

	mmap_write_lock(mm);
	tlb_gather_mmu_fullmm(&tlb, mm);
	for (; vma; vma = vma->vm_next) {
		unmap_page_range(&tlb, vma, vma->vm_start, vma->vm_end);
		/*
		 * Truncation and reclaim's rmap walks must not walk tables that
		 * free_pgd_range is about to free (Linux's free_pgtables unlinks first).
		 */
		unlink_anon_vmas(vma);
		unlink_file_vma(vma);
		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(vma);
	}
	free_pgd_range(&tlb, 0, TASK_SIZE, 0, TASK_SIZE);
	tlb_finish_mmu(&tlb);
	vma = mm->mmap;
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mmap_write_unlock(mm);
	vm_unacct_memory(nr_accounted);
	for (; vma; vma = next) {
		next = vma->vm_next;
		remove_vma(vma);
	}
}

/* The child's copy of one VMA: charged again, not locked, empty if VM_WIPEONFORK. */
static int dup_vma(struct mm_struct *mm, struct mm_struct *oldmm, struct vm_area_struct *mpnt)
{
	unsigned long charge = 0;
	struct vm_area_struct *tmp;

	if (mpnt->vm_flags & VM_ACCOUNT) {
		if (security_vm_enough_memory_mm(oldmm, vma_pages(mpnt)))
			return -ENOMEM;
		charge = vma_pages(mpnt);
	}
	tmp = vm_area_dup(mpnt);
	if (!tmp) {
		vm_unacct_memory(charge);
		return -ENOMEM;
	}
	tmp->vm_mm = mm;
	tmp->vm_flags &= VM_LOCKED_CLEAR_MASK;
	if (tmp->vm_flags & VM_WIPEONFORK) {
		/* Starts empty: a fresh anon_vma at its first fault. */
		tmp->anon_vma = NULL;
	} else if (anon_vma_fork(tmp, mpnt)) {
		vm_area_drop(tmp);
		vm_unacct_memory(charge);
		return -ENOMEM;
	}
	vma_link(mm, tmp);
	if (tmp->vm_flags & VM_WIPEONFORK)
		return 0;
	return copy_page_range(tmp, mpnt);
}

/* fork: the parent's VMAs, each with a copy of its page tables (COW for private pages). */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt;
	int retval = 0;

	mmap_write_lock(oldmm);
	mm->hiwater_rss = get_mm_rss(oldmm);
	mm->hiwater_vm = mm->total_vm = oldmm->total_vm;
	mm->data_vm = oldmm->data_vm;
	mm->exec_vm = oldmm->exec_vm;
	mm->stack_vm = oldmm->stack_vm;
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY) {
			vm_stat_account(mm, mpnt->vm_flags, -(long)vma_pages(mpnt));
			continue;
		}
		retval = dup_vma(mm, oldmm, mpnt);
		if (retval)
			break;
	}
	/* The parent's private pages just became read-only: no stale writable entries. */
	flush_tlb_mm(oldmm);
	mmap_write_unlock(oldmm);
	validate_mm(mm);
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
