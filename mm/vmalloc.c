/*
 * vmalloc: the kernel's virtually contiguous mappings in [VMALLOC_START, VMALLOC_END):
 * vmalloc'd memory, vmap'd pages, ioremap'd registers and the kernel image's segments.
 *
 * Overview (Linux 6.1's mm/vmalloc.c, same names):
 * - Every range of the address space is a struct vmap_area, in exactly one place:
 *   - busy: vmap_area_root (rbtree by address) + vmap_area_list (sorted), under
 *     vmap_area_lock; va->vm is the vm_struct describing the mapping;
 *   - free: free_vmap_area_root + free_vmap_area_list, under free_vmap_area_lock. The
 *     tree is augmented: va->subtree_max_size is the largest free area in the subtree,
 *     so find_vmap_lowest_match finds the lowest fit in O(log n). Free areas never touch
 *     (merge_or_add_vmap_area merges neighbours) and never overlap the busy ones;
 *   - lazily freed: purge_vmap_area_list under purge_vmap_area_lock. Their page tables
 *     are cleared but the TLB may still hold them, so the addresses are not reused until
 *     purge_vmap_area_lazy has flushed the TLB once for the whole batch (from
 *     system_wq once lazy_max_pages() pages are waiting, or when an allocation finds
 *     no space). Purges take the vmap_purge_lock mutex, one at a time.
 * - alloc_vmap_area cuts the request out of the lowest fitting free area
 *   (adjust_va_to_fit_type: FL_FIT takes all of it, LE_FIT its left part, RE_FIT its
 *   right part, NE_FIT the middle, leaving two free areas).
 * - vm_structs (flags VM_ALLOC, VM_MAP, VM_IOREMAP) sit on top: __get_vm_area_node adds
 *   a guard page unless VM_NO_GUARD, vmalloc fills one with pages from the buddy.
 * - vmap_areas come from the vmap_area cache, vm_structs and page arrays from kmalloc.
 * Lock order: vmap_purge_lock (a mutex), then free_vmap_area_lock or vmap_area_lock or
 * purge_vmap_area_lock (never two at once), then SLUB's and the page allocator's locks.
 * Process context only.
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rbtree_augmented.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

#ifndef PAGE_ALIGN
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#endif

/*
 * ---- page tables ----
 * Entries for [addr, end) of the vmalloc range in the kernel's tables (init_mm), as
 * Linux's vmap_pages_range_noflush, vmap_range_noflush and vunmap_range_noflush. Missing
 * tables come zeroed from the page allocator and stay for good; PTEs only (4 KiB pages).
 * The callers do the TLB maintenance: a new entry needs none (nothing was cached for it),
 * a cleared one waits for the lazy purge (vunmap_range, for what is never purged,
 * flushes at once).
 */

/*
 * Serializes filling the kernel's empty table entries (Linux's init_mm.page_table_lock);
 * the tables themselves are allocated before it is taken.
 */
static DEFINE_SPINLOCK(vmap_pgtable_lock);

/* A zeroed table page's physical address, or 0. May sleep, so never under the lock. */
static phys_addr_t vmap_table_alloc(void)
{
	unsigned long table = get_zeroed_page(GFP_KERNEL | __GFP_NOWARN);

	return table ? __pa(table) : 0;
}

/* A table another cpu installed first goes back. */
static void vmap_table_unused(phys_addr_t table)
{
	if (table)
		free_page((unsigned long)__va(table));
}

/*
 * The next three fill an empty entry with a new table, allocated before the lock is
 * taken; another cpu may have filled it meanwhile (Linux's __pud_alloc, __pmd_alloc,
 * __pte_alloc_kernel). 0 or -ENOMEM.
 */
static int vmap_pud_alloc(pgd_t *pgdp)
{
	phys_addr_t table = vmap_table_alloc();

	if (!table)
		return -ENOMEM;
	spin_lock(&vmap_pgtable_lock);
	if (pgd_none(READ_ONCE(*pgdp))) {
		__pgd_populate(pgdp, table, PGD_TABLE_UXN);
		table = 0;
	}
	spin_unlock(&vmap_pgtable_lock);
	vmap_table_unused(table);
	return 0;
}

static int vmap_pmd_alloc(pud_t *pudp)
{
	phys_addr_t table = vmap_table_alloc();

	if (!table)
		return -ENOMEM;
	spin_lock(&vmap_pgtable_lock);
	if (pud_none(READ_ONCE(*pudp))) {
		__pud_populate(pudp, table, PUD_TABLE_UXN);
		table = 0;
	}
	spin_unlock(&vmap_pgtable_lock);
	vmap_table_unused(table);
	return 0;
}

static int vmap_pte_table_alloc(pmd_t *pmdp)
{
	phys_addr_t table = vmap_table_alloc();

	if (!table)
		return -ENOMEM;
	spin_lock(&vmap_pgtable_lock);
	if (pmd_none(READ_ONCE(*pmdp))) {
		__pmd_populate(pmdp, table, PMD_TABLE_UXN);
		table = 0;
	}
	spin_unlock(&vmap_pgtable_lock);
	vmap_table_unused(table);
	return 0;
}

/* The PTE for addr in the kernel's tables, allocating the tables on the way; NULL on -ENOMEM. */
static pte_t *vmap_pte_alloc(unsigned long addr)
{
	pgd_t *pgdp = pgd_offset_k(addr);
	pud_t *pudp;
	pmd_t *pmdp;

	if (pgd_none(READ_ONCE(*pgdp)) && vmap_pud_alloc(pgdp))
		return NULL;
	pudp = pud_offset(pgdp, addr);
	if (pud_none(READ_ONCE(*pudp)) && vmap_pmd_alloc(pudp))
		return NULL;
	BUG_ON(pud_bad(READ_ONCE(*pudp)));
	pmdp = pmd_offset(pudp, addr);
	if (pmd_none(READ_ONCE(*pmdp)) && vmap_pte_table_alloc(pmdp))
		return NULL;
	BUG_ON(pmd_bad(READ_ONCE(*pmdp)));	/* a block: the image's, never vmalloc's */
	return pte_offset_kernel(pmdp, addr);
}

/* Sets the PTE at addr to phys with prot; 0 or -ENOMEM. */
static int vmap_one_page(unsigned long addr, phys_addr_t phys, pgprot_t prot)
{
	pte_t *ptep = vmap_pte_alloc(addr);

	if (!ptep)
		return -ENOMEM;
	WARN_ON(!pte_none(READ_ONCE(*ptep)));
	set_pte(ptep, pfn_pte(PHYS_PFN(phys), prot));
	return 0;
}

/* Maps pages[0..] at [addr, end), page-aligned; 0 or -ENOMEM (partial maps stay). */
int vmap_pages_range_noflush(unsigned long addr, unsigned long end, pgprot_t prot,
			     struct page **pages)
{
	for (int i = 0; addr < end; addr += PAGE_SIZE, i++)
		if (vmap_one_page(addr, page_to_phys(pages[i]), prot))
			return -ENOMEM;
	return 0;
}

/* Maps [phys_addr, +end - addr) at [addr, end), for ioremap; 0 or -ENOMEM. */
int vmap_range_noflush(unsigned long addr, unsigned long end, phys_addr_t phys_addr,
		       pgprot_t prot)
{
	for (; addr < end; addr += PAGE_SIZE, phys_addr += PAGE_SIZE)
		if (vmap_one_page(addr, phys_addr, prot))
			return -ENOMEM;
	return 0;
}

/* The PTE for addr if its tables exist, else NULL. */
static pte_t *vmap_pte_lookup(unsigned long addr)
{
	pgd_t *pgdp = pgd_offset_k(addr);
	pud_t *pudp;
	pmd_t *pmdp;

	if (pgd_none(READ_ONCE(*pgdp)))
		return NULL;
	pudp = pud_offset(pgdp, addr);
	if (!pud_table(READ_ONCE(*pudp)))
		return NULL;
	pmdp = pmd_offset(pudp, addr);
	if (!pmd_table(READ_ONCE(*pmdp)))
		return NULL;
	return pte_offset_kernel(pmdp, addr);
}

/* Clears the PTEs of [start, end); the TLB may still hold them. */
void vunmap_range_noflush(unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = vmap_pte_lookup(addr);

		if (ptep)
			WRITE_ONCE(*ptep, __pte(0));
	}
	dsb(ishst);
}

void vunmap_range(unsigned long start, unsigned long end)
{
	vunmap_range_noflush(start, end);
	flush_tlb_kernel_range(start, end);
}

/* The vmap_area cache, made by vmalloc_init (SLUB may merge it with a kmalloc cache). */
static struct kmem_cache *vmap_area_cachep;

/* ---- the three sets of areas ---- */

/* Busy areas: vmap_area_root, vmap_area_list, and each busy va->vm. */
static DEFINE_SPINLOCK(vmap_area_lock);
static struct rb_root vmap_area_root = RB_ROOT;
static LIST_HEAD(vmap_area_list);

/* Free areas: free_vmap_area_root (augmented), free_vmap_area_list. */
static DEFINE_SPINLOCK(free_vmap_area_lock);
static struct rb_root free_vmap_area_root = RB_ROOT;
static LIST_HEAD(free_vmap_area_list);

/* Lazily freed areas waiting for a TLB flush: purge_vmap_area_list, unsorted. */
static DEFINE_SPINLOCK(purge_vmap_area_lock);
static LIST_HEAD(purge_vmap_area_list);
/* Pages in purge_vmap_area_list (atomic). */
static unsigned long vmap_lazy_nr;
/* Pages vmalloc'd and not yet vfree'd (atomic). */
static unsigned long nr_vmalloc_pages;

static inline unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static inline unsigned long get_subtree_max_size(struct rb_node *node)
{
	return node ? rb_entry(node, struct vmap_area, rb_node)->subtree_max_size : 0;
}

RB_DECLARE_CALLBACKS_MAX(static, free_vmap_area_rb_augment_cb, struct vmap_area, rb_node,
			 unsigned long, subtree_max_size, va_size);

static struct vmap_area *__find_vmap_area(unsigned long addr, struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/*
 * Where va goes in root: the link to fill, with its parent in *parent. NULL (and a
 * warning) if va overlaps an area already there.
 */
static struct rb_node **find_va_links(struct vmap_area *va, struct rb_root *root,
				      struct rb_node **parent)
{
	struct rb_node **link = &root->rb_node;

	*parent = NULL;
	while (*link) {
		struct vmap_area *tmp = rb_entry(*link, struct vmap_area, rb_node);

		*parent = *link;
		if (va->va_end <= tmp->va_start)
			link = &(*link)->rb_left;
		else if (va->va_start >= tmp->va_end)
			link = &(*link)->rb_right;
		else {
			pr_err("vmalloc bug: 0x%lx-0x%lx overlaps 0x%lx-0x%lx\n",
			       va->va_start, va->va_end, tmp->va_start, tmp->va_end);
			WARN_ON(1);
			return NULL;
		}
	}
	return link;
}

/* The list entry va will sit before, once linked at link under parent. */
static struct list_head *get_va_next_sibling(struct rb_node *parent, struct rb_node **link,
					     struct list_head *head)
{
	struct vmap_area *p;

	if (!parent)
		return head;
	p = rb_entry(parent, struct vmap_area, rb_node);
	return link == &parent->rb_right ? p->list.next : &p->list;
}

static void link_va(struct vmap_area *va, struct rb_root *root, struct rb_node *parent,
		    struct rb_node **link, struct list_head *head, bool augment)
{
	rb_link_node(&va->rb_node, parent, link);
	if (augment) {
		va->subtree_max_size = 0;
		rb_insert_augmented(&va->rb_node, root, &free_vmap_area_rb_augment_cb);
		free_vmap_area_rb_augment_cb.propagate(&va->rb_node, NULL);
	} else {
		rb_insert_color(&va->rb_node, root);
	}
	list_add_tail(&va->list, get_va_next_sibling(parent, link, head));
}

static void unlink_va(struct vmap_area *va, struct rb_root *root, bool augment)
{
	if (WARN_ON(RB_EMPTY_NODE(&va->rb_node)))
		return;
	if (augment)
		rb_erase_augmented(&va->rb_node, root, &free_vmap_area_rb_augment_cb);
	else
		rb_erase(&va->rb_node, root);
	list_del_init(&va->list);
	RB_CLEAR_NODE(&va->rb_node);
}

static void insert_vmap_area(struct vmap_area *va, struct rb_root *root,
			     struct list_head *head, bool augment)
{
	struct rb_node *parent, **link = find_va_links(va, root, &parent);

	if (link)
		link_va(va, root, parent, link, head, augment);
}

/*
 * Puts va into the free tree, merged with the free areas it touches; returns the area
 * that now holds va's range (va itself may have been freed).
 */
static struct vmap_area *merge_or_add_vmap_area(struct vmap_area *va, struct rb_root *root,
						struct list_head *head)
{
	struct rb_node *parent, **link = find_va_links(va, root, &parent);
	struct list_head *next;
	struct vmap_area *sibling;
	bool merged = false;

	if (!link)
		return NULL;
	next = get_va_next_sibling(parent, link, head);
	if (next != head) {
		sibling = list_entry(next, struct vmap_area, list);
		if (sibling->va_start == va->va_end) {
			sibling->va_start = va->va_start;
			kmem_cache_free(vmap_area_cachep, va);
			va = sibling;
			merged = true;
		}
	}
	if (next->prev != head) {
		sibling = list_entry(next->prev, struct vmap_area, list);
		if (sibling->va_end == va->va_start) {
			if (merged)
				unlink_va(va, root, true);
			sibling->va_end = va->va_end;
			kmem_cache_free(vmap_area_cachep, va);
			va = sibling;
			merged = true;
		}
	}
	if (merged)
		free_vmap_area_rb_augment_cb.propagate(&va->rb_node, NULL);
	else
		link_va(va, root, parent, link, head, true);
	return va;
}

/* ---- finding and cutting free space ---- */

/* Whether size bytes at align fit in va at or above vstart. */
static bool is_within_this_va(struct vmap_area *va, unsigned long size,
			      unsigned long align, unsigned long vstart)
{
	unsigned long nva_start_addr = ALIGN(max(va->va_start, vstart), align);

	if (nva_start_addr < va->va_start || nva_start_addr + size < nva_start_addr)
		return false;
	return nva_start_addr + size <= va->va_end;
}

/*
 * find_vmap_lowest_match - the lowest free area where size at align fits above vstart
 *
 * Subtrees are pruned by subtree_max_size against length: size, or size + align - 1
 * when the alignment is more than a page, so that any area that long fits whatever its
 * start (Linux's adjust_search_size). When climbing back, only a right subtree of a node
 * we reach from its left side is new ground.
 */
static struct vmap_area *find_vmap_lowest_match(struct rb_root *root, unsigned long size,
						unsigned long align, unsigned long vstart,
						bool adjust_search_size)
{
	unsigned long length = adjust_search_size ? size + align - 1 : size;
	struct rb_node *node = root->rb_node, *parent;
	struct vmap_area *va;

descend:
	while (node) {
		va = rb_entry(node, struct vmap_area, rb_node);
		if (get_subtree_max_size(node->rb_left) >= length && vstart < va->va_start) {
			node = node->rb_left;
			continue;
		}
		if (is_within_this_va(va, size, align, vstart))
			return va;
		if (get_subtree_max_size(node->rb_right) < length)
			break;
		node = node->rb_right;
	}
	for (; node && (parent = rb_parent(node)); node = parent) {
		if (parent->rb_left != node)
			continue;
		va = rb_entry(parent, struct vmap_area, rb_node);
		if (is_within_this_va(va, size, align, vstart))
			return va;
		if (get_subtree_max_size(parent->rb_right) >= length) {
			node = parent->rb_right;
			goto descend;
		}
	}
	return NULL;
}

enum fit_type { NOTHING_FIT, FL_FIT_TYPE, LE_FIT_TYPE, RE_FIT_TYPE, NE_FIT_TYPE };

static enum fit_type classify_va_fit_type(struct vmap_area *va, unsigned long nva_start_addr,
					  unsigned long size)
{
	if (nva_start_addr < va->va_start || nva_start_addr + size > va->va_end)
		return NOTHING_FIT;
	if (va->va_start == nva_start_addr)
		return va->va_end == nva_start_addr + size ? FL_FIT_TYPE : LE_FIT_TYPE;
	return va->va_end == nva_start_addr + size ? RE_FIT_TYPE : NE_FIT_TYPE;
}

/*
 * Takes [nva_start_addr, +size) out of the free area va:
 *   FL |<--- va --->|  all of it       LE |<-->|..va..|  its left part
 *   RE |..va..|<-->|  its right part   NE |.lva.|<-->|..va..|  the middle: two areas
 * Returns 0, or -ENOMEM when NE_FIT needs a vmap_area and none is left.
 */
static int adjust_va_to_fit_type(struct rb_root *root, struct list_head *head,
				 struct vmap_area *va, unsigned long nva_start_addr,
				 unsigned long size)
{
	struct vmap_area *lva;

	switch (classify_va_fit_type(va, nva_start_addr, size)) {
	case FL_FIT_TYPE:
		unlink_va(va, root, true);
		kmem_cache_free(vmap_area_cachep, va);
		return 0;
	case LE_FIT_TYPE:
		va->va_start += size;
		break;
	case RE_FIT_TYPE:
		va->va_end = nva_start_addr;
		break;
	case NE_FIT_TYPE:
		/* Under free_vmap_area_lock: no sleeping (Linux also keeps a per-cpu spare). */
		lva = kmem_cache_alloc(vmap_area_cachep, GFP_ATOMIC | __GFP_NOWARN);
		if (!lva)
			return -ENOMEM;
		lva->va_start = va->va_start;
		lva->va_end = nva_start_addr;
		va->va_start = nva_start_addr + size;
		insert_vmap_area(lva, root, head, true);
		break;
	default:
		return -EINVAL;
	}
	free_vmap_area_rb_augment_cb.propagate(&va->rb_node, NULL);
	return 0;
}

/* The lowest address for size at align in [vstart, vend), taken from the free tree; vend if none. */
static unsigned long __alloc_vmap_area(struct rb_root *root, struct list_head *head,
				       unsigned long size, unsigned long align,
				       unsigned long vstart, unsigned long vend)
{
	bool adjust_search_size = align > PAGE_SIZE && vend - vstart != size;
	unsigned long nva_start_addr;
	struct vmap_area *va;

	va = find_vmap_lowest_match(root, size, align, vstart, adjust_search_size);
	if (!va)
		return vend;
	nva_start_addr = ALIGN(max(va->va_start, vstart), align);
	if (nva_start_addr + size > vend || nva_start_addr + size < nva_start_addr)
		return vend;
	if (adjust_va_to_fit_type(root, head, va, nva_start_addr, size))
		return vend;
	return nva_start_addr;
}

static unsigned long lazy_max_pages(void);

/**
 * alloc_vmap_area - reserve address space
 * @size: bytes, a multiple of PAGE_SIZE
 * @align: power of two, at least PAGE_SIZE
 * @vstart, @vend: the range the area must lie in
 * @node, @gfp_mask: where from and how hard to try, for the vmap_area itself
 *
 * Context: process context; takes free_vmap_area_lock and vmap_area_lock in turn.
 * Return: the busy area, lowest fitting address, va->vm NULL; ERR_PTR(-ENOMEM/-EINVAL).
 */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend,
				  int node, gfp_t gfp_mask)
{
	bool purged = false;
	unsigned long addr;
	struct vmap_area *va;

	if (WARN_ON(!size || (size & ~PAGE_MASK) || !align || (align & (align - 1))))
		return ERR_PTR(-EINVAL);
	va = kmem_cache_alloc_node(vmap_area_cachep, (gfp_mask & GFP_RECLAIM_MASK) | __GFP_ZERO,
				   node);
	if (!va)
		return ERR_PTR(-ENOMEM);
retry:
	spin_lock(&free_vmap_area_lock);
	addr = __alloc_vmap_area(&free_vmap_area_root, &free_vmap_area_list, size, align,
				 vstart, vend);
	spin_unlock(&free_vmap_area_lock);
	if (addr == vend) {
		if (!purged) {
			purge_vmap_area_lazy();
			purged = true;
			goto retry;
		}
		kmem_cache_free(vmap_area_cachep, va);
		return ERR_PTR(-ENOMEM);
	}
	va->va_start = addr;
	va->va_end = addr + size;
	va->vm = NULL;
	spin_lock(&vmap_area_lock);
	insert_vmap_area(va, &vmap_area_root, &vmap_area_list, false);
	spin_unlock(&vmap_area_lock);
	return va;
}

/* The busy area holding addr, or NULL. */
struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area(addr, &vmap_area_root);
	spin_unlock(&vmap_area_lock);
	return va;
}

/* ---- lazy freeing ---- */

/*
 * Pages of lazily freed areas that trigger a purge: 32 MiB worth times log2(cpus) + 1,
 * as Linux (more cpus, more vfree traffic, and each purge's flush costs all of them).
 */
static unsigned long lazy_max_pages(void)
{
	return fls(num_online_cpus()) * (SZ_32M / PAGE_SIZE);
}

/* One TLB flush for [start, end): the whole TLB when that is cheaper. */
static void flush_tlb_kernel_range_or_all(unsigned long start, unsigned long end)
{
	if ((end - start) >> PAGE_SHIFT > 512)
		flush_tlb_all();
	else
		flush_tlb_kernel_range(start, end);
}

/*
 * Purges are serialized, so one that returns has given back every area freed before it
 * started (a concurrent purge cannot still hold some of them): an allocation that purged
 * and still finds no room is out of address space.
 */
static DEFINE_MUTEX(vmap_purge_lock);

/* Flushes the TLB over every lazily freed area, then frees them. vmap_purge_lock held. */
static void __purge_vmap_area_lazy(void)
{
	unsigned long start = ULONG_MAX, end = 0;
	struct vmap_area *va, *n;
	LIST_HEAD(local);

	spin_lock(&purge_vmap_area_lock);
	list_splice(&purge_vmap_area_list, &local);
	INIT_LIST_HEAD(&purge_vmap_area_list);
	spin_unlock(&purge_vmap_area_lock);
	if (list_empty(&local))
		return;
	list_for_each_entry(va, &local, list) {
		start = min(start, va->va_start);
		end = max(end, va->va_end);
	}
	flush_tlb_kernel_range_or_all(start, end);
	list_for_each_entry_safe(va, n, &local, list) {
		unsigned long nr = va_size(va) >> PAGE_SHIFT;

		spin_lock(&free_vmap_area_lock);
		merge_or_add_vmap_area(va, &free_vmap_area_root, &free_vmap_area_list);
		spin_unlock(&free_vmap_area_lock);
		__atomic_sub_fetch(&vmap_lazy_nr, nr, __ATOMIC_RELAXED);
	}
}

void purge_vmap_area_lazy(void)
{
	mutex_lock(&vmap_purge_lock);
	__purge_vmap_area_lazy();
	mutex_unlock(&vmap_purge_lock);
}

/* A vfree that pushed the lazy pages over lazy_max_pages() purges from a kworker. */
static void drain_vmap_area_work(struct work_struct *work)
{
	purge_vmap_area_lazy();
}
static DECLARE_WORK(drain_vmap_work, drain_vmap_area_work);

/**
 * free_vmap_area_noflush - give back a busy area whose page tables are already cleared
 * @va: from alloc_vmap_area
 *
 * The address space is reused only after the next purge has flushed the TLB; a purge
 * is queued on system_wq when more than lazy_max_pages() pages are waiting.
 * Context: process context.
 */
void free_vmap_area_noflush(struct vmap_area *va)
{
	unsigned long nr_lazy;

	spin_lock(&vmap_area_lock);
	unlink_va(va, &vmap_area_root, false);
	spin_unlock(&vmap_area_lock);
	nr_lazy = __atomic_add_fetch(&vmap_lazy_nr, va_size(va) >> PAGE_SHIFT,
				     __ATOMIC_RELAXED);
	spin_lock(&purge_vmap_area_lock);
	list_add_tail(&va->list, &purge_vmap_area_list);
	spin_unlock(&purge_vmap_area_lock);
	if (nr_lazy > lazy_max_pages())
		schedule_work(&drain_vmap_work);
}

/* ---- vm_struct: what a busy area is used for ---- */

#define IOREMAP_MAX_ORDER	(7 + PAGE_SHIFT)	/* ioremap aligns to at most 512 KiB */

static void setup_vmalloc_vm(struct vm_struct *vm, struct vmap_area *va, unsigned long flags,
			     const void *caller)
{
	spin_lock(&vmap_area_lock);
	vm->flags = flags;
	vm->addr = (void *)va->va_start;
	vm->size = va_size(va);
	vm->caller = caller;
	va->vm = vm;
	spin_unlock(&vmap_area_lock);
}

static struct vm_struct *__get_vm_area_node(unsigned long size, unsigned long align,
					    unsigned long flags, unsigned long start,
					    unsigned long end, int node, gfp_t gfp_mask,
					    const void *caller)
{
	struct vm_struct *area;
	struct vmap_area *va;

	size = PAGE_ALIGN(size);
	if (!size)
		return NULL;
	if (flags & VM_IOREMAP) {
		int order = fls_long(size - 1);

		align = 1UL << clamp(order, (int)PAGE_SHIFT, (int)IOREMAP_MAX_ORDER);
	}
	area = kmalloc_node(sizeof(*area), (gfp_mask & GFP_RECLAIM_MASK) | __GFP_ZERO, node);
	if (!area)
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	va = alloc_vmap_area(size, align, start, end, node, gfp_mask);
	if (IS_ERR(va)) {
		kfree(area);
		return NULL;
	}
	setup_vmalloc_vm(area, va, flags, caller);
	return area;
}

struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end,
				       const void *caller)
{
	return __get_vm_area_node(size, 1, flags, start, end, NUMA_NO_NODE, GFP_KERNEL, caller);
}

/* size bytes of address space (plus a guard page) anywhere in the vmalloc range; or NULL. */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END, NUMA_NO_NODE,
				  GFP_KERNEL, __builtin_return_address(0));
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END, NUMA_NO_NODE,
				  GFP_KERNEL, caller);
}

/* The vm_struct of the area holding addr, or NULL. */
struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);

	return va ? va->vm : NULL;
}

/*
 * remove_vm_area - take the mapping down and give its address space back (lazily)
 * Return: the vm_struct, for the caller to free (with its pages); NULL if addr has none.
 */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va;
	struct vm_struct *vm;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area((unsigned long)addr, &vmap_area_root);
	vm = va ? va->vm : NULL;
	if (vm)
		va->vm = NULL;
	spin_unlock(&vmap_area_lock);
	if (!vm)
		return NULL;
	vunmap_range_noflush(va->va_start, va->va_end);
	free_vmap_area_noflush(va);
	return vm;
}

void free_vm_area(struct vm_struct *area)
{
	WARN_ON(remove_vm_area(area->addr) != area);
	kfree(area);
}

/* Unmaps the area at addr; with deallocate_pages also frees what vmalloc put there. */
static void __vunmap(const void *addr, bool deallocate_pages)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	/* Only the start of an area frees it. */
	area = area && area->addr == addr ? remove_vm_area(addr) : NULL;
	if (!area) {
		pr_err("Trying to vfree() nonexistent vm area (%px)\n", addr);
		WARN_ON(1);
		return;
	}
	if (deallocate_pages && area->pages) {
		for (unsigned int i = 0; i < area->nr_pages; i++)
			__free_page(area->pages[i]);
		__atomic_sub_fetch(&nr_vmalloc_pages, area->nr_pages, __ATOMIC_RELAXED);
		kfree(area->pages);
	}
	kfree(area);
}

/**
 * vfree - release memory allocated by vmalloc()
 * @addr: the start of the area, or NULL
 *
 * Context: process context, not from interrupts.
 */
void vfree(const void *addr)
{
	__vunmap(addr, true);
}

/* Takes down a vmap() mapping; the pages stay the caller's. */
void vunmap(const void *addr)
{
	__vunmap(addr, false);
}

/**
 * vmap - map an array of pages into virtually contiguous space
 * @pages: the pages, @count of them
 * @flags: VM_* for the area (VM_MAP is added)
 * @prot: their protection, PAGE_KERNEL for ordinary memory
 *
 * Return: the address, or NULL. Context: process context.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	unsigned long size = (unsigned long)count << PAGE_SHIFT, addr;
	struct vm_struct *area;

	if (!count)
		return NULL;
	area = get_vm_area_caller(size, flags | VM_MAP, __builtin_return_address(0));
	if (!area)
		return NULL;
	addr = (unsigned long)area->addr;
	if (vmap_pages_range_noflush(addr, addr + size, prot, pages)) {
		vunmap(area->addr);
		return NULL;
	}
	return area->addr;
}

/* Fills area with single pages from node and maps them; 0 or -ENOMEM (caller vfrees). */
static int __vmalloc_area_node(struct vm_struct *area, gfp_t gfp_mask, pgprot_t prot,
			       int node)
{
	unsigned int nr_pages = get_vm_area_size(area) >> PAGE_SHIFT;
	unsigned long addr = (unsigned long)area->addr;

	area->pages = kmalloc_node(nr_pages * sizeof(struct page *),
				   (gfp_mask & GFP_RECLAIM_MASK) | __GFP_ZERO, node);
	if (!area->pages)
		return -ENOMEM;
	for (; area->nr_pages < nr_pages; area->nr_pages++) {
		struct page *page = alloc_pages_node(node, gfp_mask, 0);

		if (!page)
			return -ENOMEM;
		area->pages[area->nr_pages] = page;
		__atomic_add_fetch(&nr_vmalloc_pages, 1, __ATOMIC_RELAXED);
	}
	return vmap_pages_range_noflush(addr, addr + get_vm_area_size(area), prot, area->pages);
}

/**
 * __vmalloc_node_range - allocate virtually contiguous memory
 * @size: bytes (rounded up to pages)
 * @align: alignment of the start, a power of two
 * @start, @end: the range to place it in
 * @gfp_mask: for the pages (__GFP_ZERO: zeroed)
 * @prot: protection of the mapping
 * @vm_flags: extra VM_* flags (VM_NO_GUARD)
 * @node: node for the pages, NUMA_NO_NODE for this cpu's
 * @caller: shown in /proc/vmallocinfo
 *
 * Context: process context. Return: the address, or NULL (reported unless __GFP_NOWARN).
 */
void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp_mask, pgprot_t prot,
			   unsigned long vm_flags, int node, const void *caller)
{
	unsigned long real_size = size;
	struct vm_struct *area;

	size = PAGE_ALIGN(size);
	if (!size || size >> PAGE_SHIFT > totalram_pages())
		goto fail;
	area = __get_vm_area_node(size, align, VM_ALLOC | VM_UNINITIALIZED | vm_flags, start,
				  end, node, gfp_mask, caller);
	if (!area)
		goto fail;
	if (__vmalloc_area_node(area, gfp_mask, prot, node)) {
		vfree(area->addr);
		goto fail;
	}
	barrier();	/* the mapping is complete before the flag says so (smp_wmb) */
	area->flags &= ~VM_UNINITIALIZED;
	return area->addr;
fail:
	if (!(gfp_mask & __GFP_NOWARN))
		pr_warn("vmalloc error: size %lu, vm_struct allocation failed\n", real_size);
	return NULL;
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, GFP_KERNEL,
				    PAGE_KERNEL, 0, NUMA_NO_NODE, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END,
				    GFP_KERNEL | __GFP_ZERO, PAGE_KERNEL, 0, NUMA_NO_NODE,
				    __builtin_return_address(0));
}

/* vmalloc with the pages preferably on node. */
void *vmalloc_node(unsigned long size, int node)
{
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, GFP_KERNEL,
				    PAGE_KERNEL, 0, node, __builtin_return_address(0));
}

/* ---- boot ---- */

/* A kernel image segment paging_init mapped, as a busy area (Linux's vm_area_add_early). */
static void __init vm_area_add_early(const struct kernel_segment *seg)
{
	struct vm_struct *vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	struct vmap_area *va = kmem_cache_zalloc(vmap_area_cachep, GFP_KERNEL);

	if (!vm || !va)
		panic("vmalloc_init: out of memory\n");
	va->va_start = (unsigned long)seg->addr;
	va->va_end = va->va_start + seg->size;
	insert_vmap_area(va, &vmap_area_root, &vmap_area_list, false);
	setup_vmalloc_vm(vm, va, VM_MAP | (seg->no_guard ? VM_NO_GUARD : 0), seg->caller);
	vm->phys_addr = seg->phys_addr;
}

/* The free tree: every gap between busy areas in [VMALLOC_START, VMALLOC_END). */
static void __init vmap_init_free_space(void)
{
	unsigned long vmap_start = VMALLOC_START;
	struct vmap_area *busy, *free;

	list_for_each_entry(busy, &vmap_area_list, list) {
		if (busy->va_start > vmap_start) {
			free = kmem_cache_zalloc(vmap_area_cachep, GFP_KERNEL);
			if (!free)
				panic("vmalloc_init: out of memory\n");
			free->va_start = vmap_start;
			free->va_end = busy->va_start;
			insert_vmap_area(free, &free_vmap_area_root, &free_vmap_area_list, true);
		}
		vmap_start = max(vmap_start, busy->va_end);
	}
	if (vmap_start < VMALLOC_END) {
		free = kmem_cache_zalloc(vmap_area_cachep, GFP_KERNEL);
		if (!free)
			panic("vmalloc_init: out of memory\n");
		free->va_start = vmap_start;
		free->va_end = VMALLOC_END;
		insert_vmap_area(free, &free_vmap_area_root, &free_vmap_area_list, true);
	}
}

/**
 * vmalloc_init - make the vmalloc range allocatable
 *
 * The kernel image's segments become busy areas (VM_MAP), the rest of
 * [VMALLOC_START, VMALLOC_END) free space. Context: boot cpu, after mem_init.
 */
void __init vmalloc_init(void)
{
	const struct kernel_segment *seg;

	vmap_area_cachep = kmem_cache_create("vmap_area", sizeof(struct vmap_area), 0,
					     SLAB_PANIC, NULL);
	for (int i = 0; (seg = kernel_segment(i)); i++)
		vm_area_add_early(seg);
	vmap_init_free_space();
}

/* ---- /proc/vmallocinfo and meminfo ---- */

static void show_numa_info(struct seq_file *m, struct vm_struct *v)
{
	unsigned int counters[MAX_NUMNODES] = { 0 };

	if (!(v->flags & VM_ALLOC) || !v->pages)
		return;
	for (unsigned int i = 0; i < v->nr_pages; i++)
		counters[page_to_nid(v->pages[i])]++;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (counters[nid])
			seq_printf(m, " N%u=%u", nid, counters[nid]);
}

static void vmallocinfo_show_one(struct seq_file *m, struct vmap_area *va)
{
	struct vm_struct *v = va->vm;

	if (!v) {
		seq_printf(m, "0x%px-0x%px %7ld vm_map_ram\n", (void *)va->va_start,
			   (void *)va->va_end, va_size(va));
		return;
	}
	seq_printf(m, "0x%px-0x%px %7ld", v->addr, v->addr + v->size, v->size);
	if (v->caller)
		seq_printf(m, " %pS", v->caller);
	if (v->nr_pages)
		seq_printf(m, " pages=%d", v->nr_pages);
	if (v->phys_addr)
		seq_printf(m, " phys=%pa", &v->phys_addr);
	if (v->flags & VM_IOREMAP)
		seq_puts(m, " ioremap");
	if (v->flags & VM_ALLOC)
		seq_puts(m, " vmalloc");
	if (v->flags & VM_MAP)
		seq_puts(m, " vmap");
	show_numa_info(m, v);
	seq_putc(m, '\n');
}

/* /proc/vmallocinfo in Linux 6.1's format: busy areas by address, then the unpurged ones. */
int vmallocinfo_show(struct seq_file *m, void *v)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(va, &vmap_area_list, list)
		vmallocinfo_show_one(m, va);
	spin_unlock(&vmap_area_lock);
	spin_lock(&purge_vmap_area_lock);
	list_for_each_entry(va, &purge_vmap_area_list, list)
		seq_printf(m, "0x%px-0x%px %7ld unpurged vm_area\n", (void *)va->va_start,
			   (void *)va->va_end, va_size(va));
	spin_unlock(&purge_vmap_area_lock);
	return 0;
}

static int __init proc_vmalloc_init(void)
{
	proc_create_single("vmallocinfo", 0400, NULL, vmallocinfo_show);
	return 0;
}
late_initcall(proc_vmalloc_init);

unsigned long vmalloc_nr_pages(void)
{
	return __atomic_load_n(&nr_vmalloc_pages, __ATOMIC_RELAXED);
}

unsigned long vmalloc_total_kb(void)
{
	return (VMALLOC_END - VMALLOC_START) >> 10;
}

unsigned long vmalloc_used_kb(void)
{
	return vmalloc_nr_pages() << (PAGE_SHIFT - 10);
}

/* A hash of the free areas (and their number in *nr), for the selftest to compare shapes. */
unsigned long vmap_free_areas_hash(unsigned int *nr)
{
	unsigned long hash = 0;
	struct vmap_area *va;

	*nr = 0;
	spin_lock(&free_vmap_area_lock);
	list_for_each_entry(va, &free_vmap_area_list, list) {
		hash = (hash ^ va->va_start) * 0x100000001b3UL + va->va_end;
		(*nr)++;
	}
	spin_unlock(&free_vmap_area_lock);
	return hash;
}
