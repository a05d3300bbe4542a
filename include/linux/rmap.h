/*
 * Reverse mapping (mm/rmap.c): from a page back to the VMAs that may map it. Anonymous
 * pages point at an anon_vma; each VMA is linked to every anon_vma its pages can come
 * from (its own and its fork ancestors') by anon_vma_chains, as Linux 6.1.
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/rwsem.h>

/**
 * struct anon_vma - the reverse-map root of a set of anonymous pages
 * @root: the anon_vma at the top of this fork tree; its @rwsem locks the whole tree
 * @rwsem: held for writing to change @head of any anon_vma of the tree (root's only)
 * @refcount: one for being linked to any VMA (dropped when @head empties) plus one
 *	held by each child anon_vma on its root (atomic)
 * @num_children: anon_vmas whose @parent this is (fork-time reuse, under root's rwsem)
 * @num_active_vmas: VMAs whose vma->anon_vma is this one (under root's rwsem)
 * @parent: the anon_vma of the VMA this one's VMA was forked from (self for a root)
 * @head: the anon_vma_chains (avc->same_anon_vma) of every VMA that may map a page
 *	of this anon_vma. Linux keeps them in an interval tree keyed by page offset; we
 *	keep a list, as Linux did before 3.7: a walk checks each VMA's range itself, and
 *	our trees are a fork storm deep, not thousands of VMAs wide.
 */
struct anon_vma {
	struct anon_vma *root;
	struct rw_semaphore rwsem;
	int refcount;
	unsigned long num_children;
	unsigned long num_active_vmas;
	struct anon_vma *parent;
	struct list_head head;
};

/**
 * struct anon_vma_chain - one link between a VMA and an anon_vma
 * @vma: the VMA
 * @anon_vma: the anon_vma
 * @same_vma: in vma->anon_vma_chain, newest first (so the VMA's own anon_vma heads
 *	it), under mmap_lock (see struct vm_area_struct)
 * @same_anon_vma: in anon_vma->head, under anon_vma->root->rwsem
 */
struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;
	struct list_head same_anon_vma;
};

/* The anon_vma of an anonymous page (page->mapping without its flag), or NULL. */
static inline struct anon_vma *page_anon_vma(const struct page *page)
{
	unsigned long mapping = (unsigned long)READ_ONCE(page->mapping);

	if (!(mapping & PAGE_MAPPING_ANON))
		return NULL;
	return (struct anon_vma *)(mapping - PAGE_MAPPING_ANON);
}

static inline void anon_vma_lock_write(struct anon_vma *anon_vma)
{
	down_write(&anon_vma->root->rwsem);
}

static inline void anon_vma_unlock_write(struct anon_vma *anon_vma)
{
	up_write(&anon_vma->root->rwsem);
}

static inline void anon_vma_lock_read(struct anon_vma *anon_vma)
{
	down_read(&anon_vma->root->rwsem);
}

static inline void anon_vma_unlock_read(struct anon_vma *anon_vma)
{
	up_read(&anon_vma->root->rwsem);
}

/* The caches; at boot, before the first process. */
void anon_vma_init(void);
/* Gives vma an anon_vma before its first anonymous page: 0 or -ENOMEM. */
int __anon_vma_prepare(struct vm_area_struct *vma);
static inline int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		return 0;
	return __anon_vma_prepare(vma);
}
/* dst (a split or copied piece of src) gets src's chains: 0 or -ENOMEM. */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
/* fork: vma (the child's copy of pvma) gets pvma's chains and an anon_vma of its own. */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
/* vma goes away (or is merged): its chains, and the anon_vmas nothing links any more. */
void unlink_anon_vmas(struct vm_area_struct *vma);
void put_anon_vma(struct anon_vma *anon_vma);

/* The page offset an anonymous page of vma at address gets (page->index). */
static inline unsigned long linear_page_index(const struct vm_area_struct *vma,
					      unsigned long address)
{
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* RMAP_EXCLUSIVE: page_add_anon_rmap's page is mapped by this VMA alone. */
#define RMAP_NONE	0
#define RMAP_EXCLUSIVE	1

/* Mappings of a page: _mapcount + 1. */
static inline int page_mapcount(const struct page *page)
{
	return READ_ONCE(page->_mapcount) + 1;
}

static inline bool page_mapped(const struct page *page)
{
	return page_mapcount(page) > 0;
}

/*
 * The rmap calls of a page table entry's life, under the page table lock of the entry
 * (page_table_lock here): a new anonymous page, an anonymous page mapped again (swap-in,
 * migration), a file page, one more mapping at fork, and an unmapping.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address);
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address, unsigned int flags);
void page_add_file_rmap(struct page *page, struct vm_area_struct *vma, bool compound);
void page_remove_rmap(struct page *page, struct vm_area_struct *vma, bool compound);
/* A COW reuse: the page becomes vma's own (its anon_vma, PageAnonExclusive). */
void page_move_anon_rmap(struct page *page, struct vm_area_struct *vma);

/* fork: one more mapping of a file page, or of an anon page (no longer exclusive). */
static inline void page_dup_file_rmap(struct page *page, bool compound)
{
	__atomic_fetch_add(&page->_mapcount, 1, __ATOMIC_RELAXED);
}

/*
 * fork's copy of an anonymous page's mapping: it stops being exclusive. 0; Linux returns
 * -EBUSY for a page pinned by GUP (which must be copied at once), and we have no pins.
 */
static inline int page_try_dup_anon_rmap(struct page *page, bool compound,
					 struct vm_area_struct *src_vma)
{
	/*
	 * Only a mapper that is alone can set the flag (page lock and its pte lock held),
	 * and src's entry is locked here: a clear flag stays clear. Testing first saves an
	 * atomic per page on every fork after the first (LL/SC, a helper call under TCG).
	 */
	if (PageAnonExclusive(page))
		ClearPageAnonExclusive(page);
	__atomic_fetch_add(&page->_mapcount, 1, __ATOMIC_RELAXED);
	return 0;
}

/*
 * rmap_walk: calls rmap_one for each VMA that may map page (an anonymous page: the
 * VMAs chained to its anon_vma; a page-cache page: its file's i_mmap) with the address
 * the page would have there, until rmap_one returns false or done() says the walk is
 * over. The anon_vma's lock (or i_mmap_rwsem) is held for reading across the walk;
 * with try_lock, a lock that is taken ends the walk at once with contended set.
 */
struct rmap_walk_control {
	void *arg;
	bool try_lock;
	bool contended;
	bool (*rmap_one)(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			 void *arg);
	bool (*done)(struct page *page);
};
void rmap_walk(struct page *page, struct rmap_walk_control *rwc);

struct mem_cgroup;

/*
 * Reclaim's two walks (Linux 6.1's): folio_referenced counts the mappings that were
 * used since the last look (clearing their access flags); try_to_unmap takes folio out
 * of every page table that maps it. Both mlock a folio they find in a VM_LOCKED VMA.
 */
int folio_referenced(struct folio *folio, int is_locked, struct mem_cgroup *memcg,
		     unsigned long *vm_flags);

enum ttu_flags {
	TTU_SPLIT_HUGE_PMD	= 0x4,	/* no huge pmds here: accepted, nothing to split */
	TTU_IGNORE_MLOCK	= 0x8,
	TTU_SYNC		= 0x10,
	TTU_BATCH_FLUSH		= 0x40,	/* we flush each entry at once */
};
void try_to_unmap(struct folio *folio, enum ttu_flags flags);
/* Writeback's walk: the folio's shared mappings write-protected and clean. */
int folio_mkclean(struct folio *folio);

#endif
