/*
 * Reverse mapping of anonymous and file pages (Linux's mm/rmap.c): which VMAs may map a
 * page, and how many page table entries do.
 *
 * Anonymous pages. Every VMA that has had an anonymous page owns an anon_vma
 * (vma->anon_vma); a new page's mapping points at it (PAGE_MAPPING_ANON) and its index
 * is its linear_page_index there. After fork a parent's page may sit in the child's
 * page tables too, so the child's VMA is linked (by an anon_vma_chain) to the parent's
 * anon_vma as well as to an anon_vma of its own, where the child's COW copies go.
 * Walking an anon_vma's chains thus finds every VMA that may still map one of its pages.
 * The anon_vmas of one fork tree share their root's rwsem; each non-root holds a
 * reference on the root; an anon_vma no VMA links any more is freed by
 * unlink_anon_vmas. anon_vma_clone reuses an anon_vma with no VMA of its own and at
 * most one child, so a process that forks forever does not grow an endless chain.
 *
 * Counts. page->_mapcount is the number of page table entries mapping the page, minus
 * one; the first mapping and the last unmapping move the node's NR_ANON_MAPPED
 * ("nr_anon_pages") or NR_FILE_MAPPED ("nr_mapped"). PageAnonExclusive says this
 * anonymous page is mapped by one process only, so a write fault may reuse it
 * (do_wp_page) without looking at any count.
 *
 * Reclaim's walks. folio_referenced clears and counts the access flags of a page's
 * entries; try_to_unmap clears the entries themselves. Both run with the page
 * isolated and only try the rmap locks (reclaim must not wait on a lock whose holder
 * may be allocating); an mlocked VMA they meet mlocks the page instead.
 *
 * Functions mirrored: __anon_vma_prepare, anon_vma_clone, anon_vma_fork,
 * unlink_anon_vmas, page_move_anon_rmap, page_add_anon_rmap, page_add_new_anon_rmap,
 * page_add_file_rmap, page_remove_rmap, rmap_walk (rmap_walk_anon, rmap_walk_file),
 * folio_referenced, try_to_unmap, folio_mkclean.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/vmstat.h>
#include <asm/sysreg.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include "internal.h"

static struct kmem_cache *anon_vma_cachep;
static struct kmem_cache *anon_vma_chain_cachep;

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma = kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL);

	if (!anon_vma)
		return NULL;
	init_rwsem(&anon_vma->rwsem);
	anon_vma->refcount = 1;
	anon_vma->num_children = 0;
	anon_vma->num_active_vmas = 0;
	anon_vma->parent = anon_vma;
	/* A new root; anon_vma_fork points it at its parent's root instead. */
	anon_vma->root = anon_vma;
	INIT_LIST_HEAD(&anon_vma->head);
	return anon_vma;
}

static void get_anon_vma(struct anon_vma *anon_vma)
{
	__atomic_fetch_add(&anon_vma->refcount, 1, __ATOMIC_RELAXED);
}

void put_anon_vma(struct anon_vma *anon_vma)
{
	struct anon_vma *root = anon_vma->root;

	if (__atomic_sub_fetch(&anon_vma->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	VM_WARN_ON(!list_empty(&anon_vma->head));
	kmem_cache_free(anon_vma_cachep, anon_vma);
	/* A child held its root, whose rwsem it used: the root may go now. */
	if (root != anon_vma)
		put_anon_vma(root);
}

static void anon_vma_chain_link(struct vm_area_struct *vma, struct anon_vma_chain *avc,
				struct anon_vma *anon_vma)
{
	avc->vma = vma;
	avc->anon_vma = anon_vma;
	list_add(&avc->same_vma, &vma->anon_vma_chain);
	list_add_tail(&avc->same_anon_vma, &anon_vma->head);
}

/**
 * __anon_vma_prepare - give a VMA the anon_vma its anonymous pages will point at
 * @vma: the VMA about to get its first anonymous page
 *
 * A neighbour's anon_vma is shared when the two VMAs could merge later
 * (find_mergeable_anon_vma); otherwise a new root is made.
 * Context: mmap_lock held (for reading at least); may sleep.
 * Return: 0, or -ENOMEM.
 */
int __anon_vma_prepare(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct anon_vma *anon_vma, *allocated = NULL;
	struct anon_vma_chain *avc;

	might_sleep();
	avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
	if (!avc)
		return -ENOMEM;
	anon_vma = find_mergeable_anon_vma(vma);
	if (!anon_vma) {
		anon_vma = anon_vma_alloc();
		if (!anon_vma) {
			kmem_cache_free(anon_vma_chain_cachep, avc);
			return -ENOMEM;
		}
		anon_vma->num_children++;	/* a root is its own parent */
		allocated = anon_vma;
	}
	anon_vma_lock_write(anon_vma);
	/* Another thread of this mm may be preparing the same VMA. */
	spin_lock(&mm->page_table_lock);
	if (likely(!vma->anon_vma)) {
		anon_vma_chain_link(vma, avc, anon_vma);
		anon_vma->num_active_vmas++;
		/* The anon_vma's fields before the pointer: fault paths read it unlocked. */
		__atomic_store_n(&vma->anon_vma, anon_vma, __ATOMIC_RELEASE);
		allocated = NULL;
		avc = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	anon_vma_unlock_write(anon_vma);
	if (unlikely(allocated))
		put_anon_vma(allocated);
	if (unlikely(avc))
		kmem_cache_free(anon_vma_chain_cachep, avc);
	return 0;
}

/* Holds the rwsem of anon_vma's root, dropping root's if it is another (none is). */
static struct anon_vma *lock_anon_vma_root(struct anon_vma *root, struct anon_vma *anon_vma)
{
	struct anon_vma *new_root = anon_vma->root;

	if (new_root == root)
		return root;
	if (WARN_ON_ONCE(root))
		up_write(&root->rwsem);
	down_write(&new_root->rwsem);
	return new_root;
}

static void unlock_anon_vma_root(struct anon_vma *root)
{
	if (root)
		up_write(&root->rwsem);
}

/**
 * anon_vma_clone - link a VMA to every anon_vma another one is linked to
 * @dst: the new VMA (a piece of @src after a split, or the child's copy at fork)
 * @src: the VMA it comes from
 *
 * For fork (dst->anon_vma NULL while src's is set) an anon_vma with no VMA of its own
 * and at most one child is taken as dst's own, which keeps a forking chain from growing
 * forever; a root is never reused (it is its own child too).
 * Context: mmap_lock held for writing; may sleep.
 * Return: 0, or -ENOMEM with dst linked to nothing.
 */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc, *pavc;
	struct anon_vma *root = NULL;

	list_for_each_entry_reverse(pavc, &src->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = pavc->anon_vma;

		avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_NOWAIT | __GFP_NOWARN);
		if (unlikely(!avc)) {
			/* A sleeping allocation must not hold the rwsem. */
			unlock_anon_vma_root(root);
			root = NULL;
			avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
			if (!avc)
				goto enomem;
		}
		root = lock_anon_vma_root(root, anon_vma);
		anon_vma_chain_link(dst, avc, anon_vma);
		if (!dst->anon_vma && src->anon_vma && anon_vma->num_children < 2 &&
		    anon_vma->num_active_vmas == 0)
			dst->anon_vma = anon_vma;
	}
	if (dst->anon_vma)
		dst->anon_vma->num_active_vmas++;
	unlock_anon_vma_root(root);
	return 0;
enomem:
	/* Not counted in num_active_vmas yet: unlink_anon_vmas must not uncount it. */
	dst->anon_vma = NULL;
	unlink_anon_vmas(dst);
	return -ENOMEM;
}

/**
 * anon_vma_fork - the reverse-map links of a VMA copied at fork
 * @vma: the child's VMA (a copy of @pvma, its chain list empty)
 * @pvma: the parent's VMA
 *
 * The child's VMA is linked to all of pvma's anon_vmas, so pages still shared are found
 * from either side, and gets its own anon_vma (a reused one, or a new child of pvma's)
 * for the pages it copies on write.
 * Context: both mms' mmap_lock held for writing; may sleep.
 * Return: 0, or -ENOMEM with vma linked to nothing.
 */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma_chain *avc;
	struct anon_vma *anon_vma;

	if (!pvma->anon_vma)
		return 0;
	vma->anon_vma = NULL;
	if (anon_vma_clone(vma, pvma))
		return -ENOMEM;
	if (vma->anon_vma)
		return 0;
	anon_vma = anon_vma_alloc();
	if (!anon_vma)
		goto out_error;
	anon_vma->num_active_vmas++;
	avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
	if (!avc)
		goto out_error_free_anon_vma;
	anon_vma->root = pvma->anon_vma->root;
	anon_vma->parent = pvma->anon_vma;
	/* The root's rwsem locks this one too: it must outlive us. */
	get_anon_vma(anon_vma->root);
	vma->anon_vma = anon_vma;
	anon_vma_lock_write(anon_vma);
	anon_vma_chain_link(vma, avc, anon_vma);
	anon_vma->parent->num_children++;
	anon_vma_unlock_write(anon_vma);
	return 0;

out_error_free_anon_vma:
	anon_vma->num_active_vmas--;
	put_anon_vma(anon_vma);
out_error:
	unlink_anon_vmas(vma);
	return -ENOMEM;
}

/**
 * unlink_anon_vmas - take a VMA out of the reverse map
 * @vma: a VMA being freed (or merged into another)
 *
 * Frees vma's chains; an anon_vma left with no chain (no VMA can map its pages any
 * more) is freed too, newest first, so a root goes after its children.
 * Context: mmap_lock held for writing, or the mm is dying; may sleep.
 */
void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;
	struct anon_vma *root = NULL;

	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		root = lock_anon_vma_root(root, anon_vma);
		list_del(&avc->same_anon_vma);
		/* Empty anon_vmas stay on our list: they are freed outside the rwsem. */
		if (list_empty(&anon_vma->head)) {
			anon_vma->parent->num_children--;
			continue;
		}
		list_del(&avc->same_vma);
		kmem_cache_free(anon_vma_chain_cachep, avc);
	}
	if (vma->anon_vma) {
		vma->anon_vma->num_active_vmas--;
		vma->anon_vma = NULL;
	}
	unlock_anon_vma_root(root);

	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		VM_WARN_ON(anon_vma->num_children);
		VM_WARN_ON(anon_vma->num_active_vmas);
		put_anon_vma(anon_vma);
		list_del(&avc->same_vma);
		kmem_cache_free(anon_vma_chain_cachep, avc);
	}
}

void __init anon_vma_init(void)
{
	anon_vma_cachep = kmem_cache_create("anon_vma", sizeof(struct anon_vma), 0,
					    SLAB_PANIC | SLAB_ACCOUNT, NULL);
	anon_vma_chain_cachep = kmem_cache_create("anon_vma_chain",
						  sizeof(struct anon_vma_chain), 0,
						  SLAB_PANIC | SLAB_ACCOUNT, NULL);
}

/* ---- page counts ---------------------------------------------------------------------- */

static void __page_set_anon_rmap(struct page *page, struct vm_area_struct *vma,
				 unsigned long address, bool exclusive)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	VM_BUG_ON_PAGE(!anon_vma, page);
	WRITE_ONCE(page->mapping, (struct address_space *)((unsigned long)anon_vma |
							   PAGE_MAPPING_ANON));
	page->index = linear_page_index(vma, address);
	if (exclusive)
		SetPageAnonExclusive(page);
}

/* True when this was the page's first mapping (_mapcount went from -1 to 0). */
static bool page_inc_mapcount(struct page *page)
{
	return __atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED) == 0;
}

/**
 * page_move_anon_rmap - make an anonymous page vma's own
 * @page: a page mapped by vma alone, whose only reference is that mapping
 * @vma: the VMA writing to it
 *
 * For do_wp_page's reuse: the page may have come from a parent's anon_vma; from now on
 * it belongs to vma's, and no other process can reach it, so it is exclusive.
 * Context: the page table lock of the entry held.
 */
void page_move_anon_rmap(struct page *page, struct vm_area_struct *vma)
{
	VM_BUG_ON_PAGE(!PageAnon(page), page);
	WRITE_ONCE(page->mapping, (struct address_space *)((unsigned long)vma->anon_vma |
							   PAGE_MAPPING_ANON));
	SetPageAnonExclusive(page);
}

/**
 * page_add_new_anon_rmap - the first mapping of a page just allocated for vma
 * @page: the new page (no other mapping, not yet visible to any other cpu)
 * @vma: its VMA (anon_vma prepared)
 * @address: where it is mapped
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address)
{
	VM_BUG_ON_PAGE(page_mapcount(page) != 0, page);
	__SetPageSwapBacked(page);	/* anon LRU lists */
	page->_mapcount = 0;
	__page_set_anon_rmap(page, vma, address, true);
	mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, 1);
}

/**
 * page_add_anon_rmap - one more mapping of an anonymous page that already exists
 * @page: the page (its anon_vma one of vma's, if mapped elsewhere)
 * @vma: the VMA it is mapped into
 * @address: where
 * @flags: RMAP_EXCLUSIVE when this mapping is the page's only one
 *
 * For a page coming back into page tables (swap-in, migration): the first mapping sets
 * its anon_vma and index, as a new page's.
 * Context: the page table lock of the entry held.
 */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address, unsigned int flags)
{
	bool first = page_inc_mapcount(page);

	if (first) {
		__page_set_anon_rmap(page, vma, address, flags & RMAP_EXCLUSIVE);
		mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, 1);
		mlock_vma_folio(page_folio(page), vma);
		return;
	}
	/* A page mapped elsewhere too must be one of vma's anon_vmas', at the same index. */
	VM_BUG_ON_PAGE(page->index != linear_page_index(vma, address), page);
	VM_BUG_ON_PAGE(flags & RMAP_EXCLUSIVE, page);
	mlock_vma_folio(page_folio(page), vma);
}

/**
 * page_add_file_rmap - one more mapping of a page-cache page
 * @page: the page (page->mapping its file's address_space)
 * @vma: the VMA it is mapped into
 * @compound: mapped as a whole huge page (not yet: false)
 * Context: the page table lock of the entry held.
 */
void page_add_file_rmap(struct page *page, struct vm_area_struct *vma, bool compound)
{
	VM_BUG_ON_PAGE(compound || PageAnon(page), page);
	if (page_inc_mapcount(page))
		mod_node_page_state(page_pgdat(page), NR_FILE_MAPPED, 1);
	mlock_vma_folio(page_folio(page), vma);
}

/**
 * page_remove_rmap - one mapping of a page gone
 * @page: the page whose entry was cleared
 * @vma: the VMA it was mapped in
 * @compound: it was mapped as a whole huge page (not yet: false)
 *
 * The last unmapping moves the node's mapped count; a VM_LOCKED VMA's mapping going
 * takes one mlock off the page. An anonymous page keeps its mapping (its anon_vma)
 * until it is freed, as Linux's does.
 * Context: the page table lock of the entry held, or the entry already cleared by us.
 */
void page_remove_rmap(struct page *page, struct vm_area_struct *vma, bool compound)
{
	VM_BUG_ON_PAGE(compound, page);
	VM_BUG_ON_PAGE(page_mapcount(page) <= 0, page);
	if (__atomic_sub_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED) < 0)
		mod_node_page_state(page_pgdat(page),
				    PageAnon(page) ? NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
	munlock_vma_folio(page_folio(page), vma);
}

/* ---- the walks ------------------------------------------------------------------------ */

/* vma_address's "not in this VMA" (Linux's -EFAULT as an unsigned long). */
#define EFAULT_ADDR	((unsigned long)EFAULT)

/* Where page would be mapped in vma (its index in vma's range), or -EFAULT_ADDR. */
static unsigned long vma_address(struct page *page, struct vm_area_struct *vma)
{
	unsigned long addr;

	if (page->index < vma->vm_pgoff)
		return -EFAULT_ADDR;
	addr = vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
	return addr < vma->vm_end ? addr : -EFAULT_ADDR;
}

static bool rmap_walk_stop(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			   struct rmap_walk_control *rwc)
{
	if (!rwc->rmap_one(page, vma, addr, rwc->arg))
		return true;
	return rwc->done && rwc->done(page);
}

/*
 * rmap_walk_anon: each VMA chained to page's anon_vma whose range holds the page's
 * index. The caller keeps the anon_vma alive (the page is mapped, or its mm's
 * mmap_lock is held over a VMA that links it, or the page is isolated and locked).
 */
static void rmap_walk_anon(struct page *page, struct rmap_walk_control *rwc)
{
	struct anon_vma *anon_vma = page_anon_vma(page);
	struct anon_vma_chain *avc;

	if (rwc->try_lock) {
		if (!down_read_trylock(&anon_vma->root->rwsem)) {
			rwc->contended = true;
			return;
		}
	} else {
		anon_vma_lock_read(anon_vma);
	}
	list_for_each_entry(avc, &anon_vma->head, same_anon_vma) {
		unsigned long addr = vma_address(page, avc->vma);

		if (addr == -EFAULT_ADDR)
			continue;
		if (rmap_walk_stop(page, avc->vma, addr, rwc))
			break;
	}
	anon_vma_unlock_read(anon_vma);
}

/*
 * rmap_walk_file: each VMA of the page's file (i_mmap, private mappings included)
 * whose range holds the page's index. The caller holds the page lock, so the page
 * stays in this mapping.
 */
static void rmap_walk_file(struct page *page, struct rmap_walk_control *rwc)
{
	struct address_space *mapping = READ_ONCE(page->mapping);
	struct vm_area_struct *vma;

	if (!mapping)
		return;
	if (rwc->try_lock) {
		if (!down_read_trylock(&mapping->i_mmap_rwsem)) {
			rwc->contended = true;
			return;
		}
	} else {
		down_read(&mapping->i_mmap_rwsem);
	}
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long addr = vma_address(page, vma);

		if (addr == -EFAULT_ADDR)
			continue;
		if (rmap_walk_stop(page, vma, addr, rwc))
			break;
	}
	up_read(&mapping->i_mmap_rwsem);
}

/**
 * rmap_walk - visit every VMA that may map a page
 * @page: an anonymous page, or a page-cache page (locked)
 * @rwc: what to do at each VMA
 * Context: may sleep (the anon_vma's rwsem, i_mmap_rwsem) unless rwc->try_lock.
 */
void rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	if (PageAnon(page))
		rmap_walk_anon(page, rwc);
	else
		rmap_walk_file(page, rwc);
}

/*
 * The entry of vma's page table that maps page at addr, with the mm's page_table_lock
 * held; NULL (no lock) when none does. The tables stay: vma is linked in the rmap,
 * and an mm frees its tables only after unlinking its VMAs.
 */
static pte_t *page_vma_mapped_pte(struct page *page, struct vm_area_struct *vma,
				  unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = walk_lookup(mm, addr);
	pte_t pte;

	if (!ptep)
		return NULL;
	spin_lock(&mm->page_table_lock);
	pte = READ_ONCE(*ptep);
	if (pte_present_user(pte) && !pte_special(pte) && pte_pfn(pte) == page_to_pfn(page))
		return ptep;
	spin_unlock(&mm->page_table_lock);
	return NULL;
}

/* What folio_referenced's walk gathers. */
struct folio_referenced_arg {
	int mapcount;		/* mappings not yet seen */
	int referenced;		/* mappings used since the last look */
	unsigned long vm_flags;	/* the flags of the VMAs that used it */
};

static bool folio_referenced_one(struct page *page, struct vm_area_struct *vma,
				 unsigned long addr, void *arg)
{
	struct folio_referenced_arg *pra = arg;
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = page_vma_mapped_pte(page, vma, addr);
	bool young;

	if (!ptep)
		return true;
	if (vma->vm_flags & VM_LOCKED) {
		spin_unlock(&mm->page_table_lock);
		mlock_vma_folio(page_folio(page), vma);
		pra->vm_flags |= VM_LOCKED;
		return false;
	}
	young = pte_young(READ_ONCE(*ptep));
	/* The next access faults and sets the flag again (handle_pte_fault). */
	if (young)
		set_pte(ptep, pte_mkold(READ_ONCE(*ptep)));
	spin_unlock(&mm->page_table_lock);
	if (young) {
		flush_tlb_page(vma, addr);
		/* A sequential reader's page was used once and is done with. */
		if (!(vma->vm_flags & VM_SEQ_READ)) {
			pra->referenced++;
			pra->vm_flags |= vma->vm_flags;
		}
	}
	return --pra->mapcount > 0;
}

/**
 * folio_referenced - how many mappings of a folio were used since the last look
 * @folio: the folio (isolated from the LRU by the caller)
 * @is_locked: the caller holds the folio lock
 * @memcg: NULL (no memory cgroups)
 * @vm_flags: set to the union of the flags of the VMAs that used it (VM_LOCKED if it
 *	is mlocked, which also ends the walk)
 *
 * The access flags of the entries it finds are cleared, so the next look sees only
 * later uses. Context: may not hold any page_table_lock.
 * Return: the count, or -1 when a lock was contended (treat as referenced).
 */
int folio_referenced(struct folio *folio, int is_locked, struct mem_cgroup *memcg,
		     unsigned long *vm_flags)
{
	struct folio_referenced_arg pra = { .mapcount = page_mapcount(&folio->page) };
	struct rmap_walk_control rwc = {
		.arg = &pra,
		.try_lock = true,
		.rmap_one = folio_referenced_one,
	};
	bool we_locked = false;

	*vm_flags = 0;
	if (!pra.mapcount || !folio->mapping)
		return 0;
	if (!is_locked && !PageAnon(&folio->page)) {
		we_locked = folio_trylock(folio);
		if (!we_locked)
			return 1;
	}
	rmap_walk(&folio->page, &rwc);
	*vm_flags = pra.vm_flags;
	if (we_locked)
		folio_unlock(folio);
	return rwc.contended ? -1 : pra.referenced;
}

/*
 * One mapping of folio goes. A lazily freed page (anonymous, PG_swapbacked clear)
 * written since MADV_FREE (a dirty entry or page) or used by someone else (an extra
 * reference) is anonymous memory again: its entry stays and it is swap-backed once
 * more, which ends the walk. Without swap, no other anonymous page can be unmapped.
 */
static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long addr, void *arg)
{
	enum ttu_flags flags = (enum ttu_flags)(unsigned long)arg;
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = page_vma_mapped_pte(page, vma, addr);
	pte_t pteval;

	if (!ptep)
		return true;
	if ((vma->vm_flags & VM_LOCKED) && !(flags & TTU_IGNORE_MLOCK)) {
		spin_unlock(&mm->page_table_lock);
		mlock_vma_folio(page_folio(page), vma);
		return false;
	}
	if (PageAnon(page) && PageSwapBacked(page)) {
		spin_unlock(&mm->page_table_lock);
		return false;
	}
	pteval = READ_ONCE(*ptep);
	WRITE_ONCE(*ptep, __pte(0));
	dsb(ishst);
	flush_tlb_page(vma, addr);
	if (pte_dirty(pteval)) {
		if (PageAnon(page))
			SetPageDirty(page);
		else
			set_page_dirty(page);
	}
	if (PageAnon(page)) {
		if (page_count(page) != 1 + page_mapcount(page) || PageDirty(page)) {
			set_pte(ptep, pteval);
			SetPageSwapBacked(page);
			spin_unlock(&mm->page_table_lock);
			return false;
		}
		add_mm_counter(mm, MM_ANONPAGES, -1);
	} else {
		add_mm_counter(mm, mm_counter_file(page), -1);
	}
	page_remove_rmap(page, vma, false);
	spin_unlock(&mm->page_table_lock);
	put_page(page);		/* the entry's reference; the caller holds its own */
	return true;
}

static bool folio_not_mapped(struct page *page)
{
	return !page_mapped(page);
}

/**
 * try_to_unmap - take a folio out of every page table that maps it
 * @folio: the folio, locked and isolated by the caller (who holds a reference)
 * @flags: TTU_* (TTU_IGNORE_MLOCK: unmap from VM_LOCKED VMAs too)
 *
 * The caller checks page_mapped() afterwards: a folio may stay mapped (a VM_LOCKED
 * VMA, a lazily freed page written again, a contended lock).
 * Context: may not hold any page_table_lock.
 */
void try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.arg = (void *)(unsigned long)flags,
		.try_lock = true,
		.rmap_one = try_to_unmap_one,
		.done = folio_not_mapped,
	};

	if (page_mapped(&folio->page))
		rmap_walk(&folio->page, &rwc);
}

/*
 * One shared mapping of page made clean and read-only, so the next store faults
 * (wp_page_shared) and dirties the page again. Private mappings hold copies, not it.
 */
static bool page_mkclean_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long addr, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	int *cleaned = arg;
	pte_t *ptep, pte;

	if (!(vma->vm_flags & VM_SHARED))
		return true;
	ptep = page_vma_mapped_pte(page, vma, addr);
	if (!ptep)
		return true;
	pte = READ_ONCE(*ptep);
	if (pte_dirty(pte) || !(pte_val(pte) & PTE_RDONLY)) {
		set_pte(ptep, pte_mkclean(pte_wrprotect(pte)));
		spin_unlock(&mm->page_table_lock);
		flush_tlb_page(vma, addr);
		(*cleaned)++;
		return true;
	}
	spin_unlock(&mm->page_table_lock);
	return true;
}

/**
 * folio_mkclean - write-protect the shared mappings of a page-cache folio
 * @folio: the folio, locked by the caller (writeback)
 *
 * Context: may sleep (i_mmap_rwsem); no page_table_lock held.
 * Return: how many entries were dirty or writable (their stores belong to the folio).
 */
int folio_mkclean(struct folio *folio)
{
	int cleaned = 0;
	struct rmap_walk_control rwc = {
		.arg = &cleaned,
		.rmap_one = page_mkclean_one,
	};

	if (!page_mapped(&folio->page) || !folio_mapping(folio))
		return 0;
	rmap_walk(&folio->page, &rwc);
	return cleaned;
}
