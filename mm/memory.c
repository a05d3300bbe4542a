/*
 * Page tables of processes and the page-fault path (Linux's mm/memory.c).
 *
 * A user address space's tables hang off mm->pgd (4 levels, 4 KiB pages); table pages
 * are zeroed pages counted in mm->pgtables_bytes, and every entry is written under
 * mm->page_table_lock. handle_mm_fault walks down, allocating missing tables, to
 * handle_pte_fault, which picks the case: an empty entry of an anonymous VMA is
 * do_anonymous_page (the shared zero page for a read, a zeroed page for a write); a
 * write to a present read-only entry is do_wp_page (copy-on-write, or reuse when this
 * is the page's only reference, as 5.x/6.1 decide by the page count). Fork copies the
 * tables (copy_page_range), making private writable pages read-only in both, sharing
 * the pages with one more reference each. Unmapping (unmap_page_range, zap_page_range)
 * clears entries a pte table at a time into an mmu_gather, which invalidates the TLB
 * and only then frees the pages; free_pgd_range hands it the table pages no VMA uses.
 *
 * User pages keep _mapcount (mappings - 1) and _refcount (mappings + other users),
 * and their reverse map (mm/rmap.c): every page-table entry of a counted page comes
 * with a page_add_*_rmap and goes with a page_remove_rmap, under page_table_lock; new
 * anonymous pages go onto the LRU (mm/swap.c). The zero page is never counted
 * (PTE_SPECIAL). A mapped page is anonymous (PageAnon, MM_ANONPAGES) or a page cache
 * page (MM_FILEPAGES, or MM_SHMEMPAGES for shmem): the file faults (do_fault) map page
 * cache pages, read-only in a private mapping until a write copies them (do_cow_fault,
 * do_wp_page), writable and dirty-tracked in a shared one (do_shared_fault);
 * unmap_mapping_range takes a file's pages out of every mapping.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/rmap.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/pagewalk.h>
#include <asm/pgtable.h>
#include <asm/mmu_context.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/tlb.h>

unsigned long zero_pfn;

/* At boot: the page every anonymous read fault maps until the first write. */
void __init mm_zero_page_init(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		panic("mm: no memory for the zero page\n");
	zero_pfn = page_to_pfn(page);
}

static bool is_zero_pfn(unsigned long pfn)
{
	return pfn == zero_pfn;
}

/* A page no process owns (the zero page, the sigpage): mapped without counting. */
static bool pte_special_page(pte_t pte)
{
	return pte_special(pte);
}

/**
 * vm_normal_folio - the folio a user pte maps, for walkers of a VMA's tables
 * @vma: the VMA
 * @addr: the address of the pte
 * @pte: its value (read under the page_table_lock)
 *
 * Return: the small folio, or NULL for an empty entry, the zero page or another
 * special (uncounted) mapping, or a large folio (which the walkers leave alone).
 */
struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	struct folio *folio;

	if (!pte_present_user(pte) || pte_special_page(pte))
		return NULL;
	folio = page_folio(pte_page(pte));
	return folio_test_large(folio) ? NULL : folio;
}

/* ---- table pages ------------------------------------------------------------------- */

static void *alloc_table_page(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	__atomic_fetch_add(&mm->pgtables_bytes, PAGE_SIZE, __ATOMIC_RELAXED);
	return page_address(page);
}

/*
 * A PMD or PTE table counts in the node's NR_PAGETABLE ("PageTables" in meminfo), as
 * Linux's pgtable_pte_page_ctor and pgtable_pmd_page_ctor count them (which differ only
 * in the split page-table lock we do not have); PGD and PUD tables do not.
 */
static void pgtable_page_ctor(struct page *page)
{
	__SetPageTable(page);
	mod_node_page_state(page_pgdat(page), NR_PAGETABLE, 1);
}

static void pgtable_page_dtor(struct page *page)
{
	__ClearPageTable(page);
	mod_node_page_state(page_pgdat(page), NR_PAGETABLE, -1);
}

void free_table_page(struct mm_struct *mm, void *table)
{
	if (PageTable(virt_to_page(table)))
		pgtable_page_dtor(virt_to_page(table));
	__atomic_fetch_sub(&mm->pgtables_bytes, PAGE_SIZE, __ATOMIC_RELAXED);
	free_page((unsigned long)table);
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	return alloc_table_page(mm);
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	free_table_page(mm, pgd);
}

/*
 * The next level's table under *entry, allocated if missing (pgtable: a PMD or PTE
 * table, counted by pgtable_page_ctor). The table is filled in outside the lock and
 * published under it; a racing allocator's copy is dropped.
 */
static void *table_alloc(struct mm_struct *mm, u64 *entry, u64 type, bool pgtable)
{
	void *new;

	if (READ_ONCE(*entry))
		return __va(READ_ONCE(*entry) & PTE_ADDR_MASK);
	new = alloc_table_page(mm);
	if (!new)
		return NULL;
	if (pgtable)
		pgtable_page_ctor(virt_to_page(new));
	spin_lock(&mm->page_table_lock);
	if (!READ_ONCE(*entry)) {
		/* Zeroed table contents visible before the walker can see the entry. */
		dsb(ishst);
		WRITE_ONCE(*entry, __pa(new) | type);
		dsb(ishst);
		isb();
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		free_table_page(mm, new);
	return __va(READ_ONCE(*entry) & PTE_ADDR_MASK);
}

/* The pte slot of addr in mm, tables allocated on the way; NULL without memory. */
pte_t *walk_alloc(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp)
{
	pgd_t *pgd = pgd_offset_pgd(mm->pgd, addr);
	pud_t *pud = table_alloc(mm, (u64 *)pgd, PGD_TYPE_TABLE, false);
	pmd_t *pmd;
	pte_t *pte;

	if (!pud)
		return NULL;
	pud += pud_index(addr);
	pmd = table_alloc(mm, (u64 *)pud, PUD_TYPE_TABLE, true);
	if (!pmd)
		return NULL;
	pmd += pmd_index(addr);
	pte = table_alloc(mm, (u64 *)pmd, PMD_TYPE_TABLE, true);
	if (!pte)
		return NULL;
	*pmdp = pmd;
	return pte + pte_index(addr);
}

/*
 * The pmd entry covering addr if it points at a pte table, else NULL (nothing mapped
 * in that 2 MiB).
 */
static pmd_t *walk_lookup_pmd(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset_pgd(mm->pgd, addr);
	pud_t *pud;
	pmd_t *pmd;

	if (pgd_none(READ_ONCE(*pgd)))
		return NULL;
	pud = pud_offset(pgd, addr);
	if (pud_none(READ_ONCE(*pud)))
		return NULL;
	pmd = pmd_offset(pud, addr);
	return pmd_none(READ_ONCE(*pmd)) ? NULL : pmd;
}

/* The pte slot of addr if its tables exist, else NULL (no allocation). */
pte_t *walk_lookup(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = walk_lookup_pmd(mm, addr);

	return pmd ? pte_offset_kernel(pmd, addr) : NULL;
}

#ifdef CONFIG_DEBUG_VM
/* What check_anon_rmap_at_unmap's walk saw. */
struct rmap_check {
	unsigned long pfn;
	struct vm_area_struct *vma;	/* the VMA unmapping the page, at addr */
	unsigned long addr;
	bool found_self;
	int ptes;			/* entries of the VMA's mm still mapping pfn */
};

static bool rmap_check_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			   void *arg)
{
	struct rmap_check *rc = arg;
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep;

	if (vma == rc->vma && addr == rc->addr)
		rc->found_self = true;
	/*
	 * Only the unmapping mm's entries are counted: another mm may map or unmap the page
	 * between this look and the page_mapped test (a fork, a COW, an exit), while this
	 * mm's entries of an unmapped anonymous page can only go.
	 */
	if (mm != rc->vma->vm_mm)
		return true;
	/* A VMA still linked has its tables: they go after unlink_anon_vmas. */
	spin_lock(&mm->page_table_lock);
	ptep = walk_lookup(mm, addr);
	if (ptep && !pte_none(READ_ONCE(*ptep)) && pte_pfn(READ_ONCE(*ptep)) == rc->pfn)
		rc->ptes++;
	spin_unlock(&mm->page_table_lock);
	return true;
}

/*
 * The rmap's invariants at an anonymous page's unmapping (its entry already cleared,
 * page_remove_rmap done): its anon_vma's chains reach the VMA it was mapped in at that
 * address, and once its last mapping is gone no page table of this mm maps it. Called
 * with the mm's page_table_lock held, which the walk takes itself (under the anon_vma's
 * lock): dropped around it (the entry is clear already, and the gather holds the page).
 */
static void check_anon_rmap_at_unmap(struct page *page, struct vm_area_struct *vma,
				     unsigned long addr)
{
	struct rmap_check rc = { .pfn = page_to_pfn(page), .vma = vma, .addr = addr };
	struct rmap_walk_control rwc = { .arg = &rc, .rmap_one = rmap_check_one };

	spin_unlock(&vma->vm_mm->page_table_lock);
	rmap_walk(page, &rwc);
	spin_lock(&vma->vm_mm->page_table_lock);
	VM_WARN_ON_ONCE_PAGE(!rc.found_self, page);
	VM_WARN_ON_ONCE_PAGE(!page_mapped(page) && rc.ptes, page);
}
#else
static void check_anon_rmap_at_unmap(struct page *page, struct vm_area_struct *vma,
				     unsigned long addr)
{
}
#endif

/* ---- unmapping: mmu_gather (asm/tlb.h) ------------------------------------------- */

/* A table's worth of rss changes at once (one atomic per counter, not per page). */
static void add_mm_rss_vec(struct mm_struct *mm, const long *rss)
{
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(mm, i, rss[i]);
}

/*
 * Clears the entries of [addr, end), all under one pte table, with the table's lock
 * held once; returns where it stopped: end, or earlier when the gather's batch filled
 * (the caller flushes and comes back).
 */
static unsigned long zap_pte_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
				   pmd_t *pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = pte_offset_kernel(pmd, addr);
	long rss[NR_MM_COUNTERS] = { 0 };
	bool full = false;

	spin_lock(&mm->page_table_lock);
	for (; addr < end && !full; addr += PAGE_SIZE, ptep++) {
		pte_t pte = READ_ONCE(*ptep);
		struct page *page;

		if (pte_none(pte))
			continue;
		WRITE_ONCE(*ptep, __pte(0));
		tlb_remove_tlb_entry(tlb, addr);
		if (pte_special_page(pte))
			continue;
		page = pte_page(pte);
		/* A shared file page written through this entry: the page is dirty. */
		if (!PageAnon(page) && pte_dirty(pte))
			set_page_dirty(page);
		page_remove_rmap(page, vma, false);
		rss[mm_counter(page)]--;
		full = __tlb_remove_page(tlb, page);
		if (PageAnon(page))
			check_anon_rmap_at_unmap(page, vma, addr);
	}
	spin_unlock(&mm->page_table_lock);
	add_mm_rss_vec(mm, rss);
	return addr;
}

/* The entries of [addr, end) in vma, into tlb (Linux's unmap_page_range). */
void unmap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      unsigned long addr, unsigned long end)
{
	while (addr < end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *pmd = walk_lookup_pmd(vma->vm_mm, addr);

		if (!pmd) {
			addr = next;
			continue;
		}
		addr = zap_pte_range(tlb, vma, pmd, addr, next);
		/* The batch is full (maybe at the table's last entry): flush, free, go on. */
		if (tlb->nr == MMU_GATHER_BATCH) {
			dsb(ishst);
			tlb_flush_mmu(tlb);
		}
	}
	/* The cleared entries visible to every walker before the flush. */
	dsb(ishst);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, vma->vm_mm);
	unmap_page_range(&tlb, vma, start, end);
	tlb_finish_mmu(&tlb);
}

/*
 * The page-table half of unmapping (Linux's free_pgd_range): tables are looked at only
 * where they map [addr, end), the range just unmapped, and freed (cleared from their
 * parent, handed to the gather) when everything they map lies in [floor, ceiling), the
 * gap between the VMAs left on either side. level: 0 pgd .. 3 pte table.
 */
struct free_range {
	struct mmu_gather *tlb;
	unsigned long addr, end, floor, ceiling;
};

static const unsigned int level_shift[4] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };

/* table (at level, mapping from base) and every table under it, into the gather. */
static void free_subtree(struct mmu_gather *tlb, u64 *table, int level, unsigned long base)
{
	if (level < 3) {
		for (int i = 0; i < PTRS_PER_PTE; i++)
			if (table[i])
				free_subtree(tlb, __va(table[i] & PTE_ADDR_MASK), level + 1,
					     base + ((unsigned long)i << level_shift[level]));
	}
	pte_free_tlb(tlb, virt_to_page(table), base);
}

static void free_table_range(const struct free_range *r, u64 *table, int level,
			     unsigned long base)
{
	unsigned int shift = level_shift[level];
	unsigned long first = r->addr > base ? (r->addr - base) >> shift : 0;
	unsigned long last = min((r->end - 1 - base) >> shift, (unsigned long)PTRS_PER_PTE - 1);

	for (unsigned long i = first; i <= last; i++) {
		unsigned long start = base + (i << shift), size_m1 = (1UL << shift) - 1;
		u64 *next;

		if (!table[i])
			continue;
		next = __va(table[i] & PTE_ADDR_MASK);
		if (start >= r->floor && start + size_m1 <= r->ceiling - 1) {
			WRITE_ONCE(table[i], 0);
			free_subtree(r->tlb, next, level + 1, start);
		} else if (level < 2) {
			free_table_range(r, next, level + 1, start);
		}
	}
}

void free_pgd_range(struct mmu_gather *tlb, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling)
{
	struct free_range r = { tlb, addr, end, floor, ceiling };
	struct mm_struct *mm = tlb->mm;

	if (end <= addr || ceiling - 1 < floor)
		return;
	spin_lock(&mm->page_table_lock);
	free_table_range(&r, (u64 *)mm->pgd, 0, 0);
	spin_unlock(&mm->page_table_lock);
	/* The cleared table entries visible to every walker before the gather's flush. */
	dsb(ishst);
}

/* ---- fork ---------------------------------------------------------------------------- */

/* The child's mapping of page: one more reference and mapping (anon: not exclusive now). */
static void copy_present_page_rmap(struct vm_area_struct *src_vma, struct page *page, long *rss)
{
	get_page(page);
	if (PageAnon(page))
		page_try_dup_anon_rmap(page, false, src_vma);
	else
		page_dup_file_rmap(page, false);
	rss[mm_counter(page)]++;
}

/*
 * The entries of [addr, end), under one pte table of src, into dst (its table allocated
 * if missing), with src's lock taken once: private writable pages become read-only in
 * both (copy-on-write), every page one more mapping and reference.
 */
static int copy_pte_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *dst = dst_vma->vm_mm, *src = src_vma->vm_mm;
	bool cow = (src_vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
	pte_t *sptep = pte_offset_kernel(src_pmd, addr), *dptep;
	long rss[NR_MM_COUNTERS] = { 0 };
	pmd_t *dpmd;

	dptep = walk_alloc(dst, addr, &dpmd);
	if (!dptep)
		return -ENOMEM;
	/*
	 * Both tables locked, the child's first (as Linux): truncation may zap a file page
	 * in either (unmap_mapping_range takes no mmap_lock), and must find the entry either
	 * not yet copied or copied.
	 */
	spin_lock(&dst->page_table_lock);
	spin_lock_nested(&src->page_table_lock, SINGLE_DEPTH_NESTING);
	for (; addr < end; addr += PAGE_SIZE, sptep++, dptep++) {
		pte_t pte = READ_ONCE(*sptep);

		if (pte_none(pte))
			continue;
		if (cow && pte_write(pte)) {
			pte = pte_wrprotect(pte);
			WRITE_ONCE(*sptep, pte);
		}
		if (!pte_special_page(pte))
			copy_present_page_rmap(src_vma, pte_page(pte), rss);
		WRITE_ONCE(*dptep, pte);
	}
	spin_unlock(&src->page_table_lock);
	spin_unlock(&dst->page_table_lock);
	add_mm_rss_vec(dst, rss);
	return 0;
}

int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end;

	while (addr < end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *src_pmd = walk_lookup_pmd(src_vma->vm_mm, addr);

		if (src_pmd && copy_pte_range(dst_vma, src_vma, src_pmd, addr, next))
			return -ENOMEM;
		addr = next;
	}
	dsb(ishst);
	return 0;
}

/* ---- faults -------------------------------------------------------------------------- */

/* Installs entry at vmf->pte if it still holds orig; false if someone changed it first. */
static bool set_pte_if_unchanged(struct vm_fault *vmf, pte_t entry)
{
	struct mm_struct *mm = vmf->vma->vm_mm;
	bool ok;

	spin_lock(&mm->page_table_lock);
	ok = pte_val(READ_ONCE(*vmf->pte)) == pte_val(vmf->orig_pte);
	if (ok)
		set_pte(vmf->pte, entry);
	spin_unlock(&mm->page_table_lock);
	return ok;
}

static struct page *alloc_zeroed_user_highpage_movable(struct vm_area_struct *vma,
						       unsigned long addr)
{
	return alloc_page_vma(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, vma, addr);
}

static unsigned int do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	pte_t entry;

	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		entry = pte_mkspecial(pfn_pte(zero_pfn, vma->vm_page_prot));
		set_pte_if_unchanged(vmf, entry);
		return 0;
	}
	if (unlikely(anon_vma_prepare(vma)))
		return VM_FAULT_OOM;
	page = alloc_zeroed_user_highpage_movable(vma, vmf->address);
	if (!page)
		return VM_FAULT_OOM;
	entry = mk_pte(page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite_dirty(entry);
	spin_lock(&mm->page_table_lock);
	if (pte_val(READ_ONCE(*vmf->pte)) != pte_val(vmf->orig_pte)) {
		spin_unlock(&mm->page_table_lock);
		put_page(page);
		return 0;
	}
	add_mm_counter(mm, MM_ANONPAGES, 1);
	page_add_new_anon_rmap(page, vma, vmf->address);
	lru_cache_add_inactive_or_unevictable(page, vma);
	set_pte(vmf->pte, entry);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/*
 * 6.1's rule for a write to a write-protected anonymous page: reuse it when it is
 * exclusive to this mapping (PageAnonExclusive), or when this mapping holds its only
 * reference, in which case it becomes exclusive; anything else copies. A page still
 * in an LRU batch has the batch's reference too, so the batch is drained first.
 * Linux also takes the page lock (against swap cache and KSM, which we lack); the
 * page_table_lock held here keeps the entry and the count ours.
 */
static bool wp_can_reuse_anon_page(struct vm_fault *vmf, struct page *page)
{
	if (PageAnonExclusive(page))
		return true;
	if (page_count(page) > 3)
		return false;
	if (!PageLRU(page))
		lru_add_drain();
	if (page_count(page) != 1)
		return false;
	page_move_anon_rmap(page, vmf->vma);
	return true;
}

/* The faulting entry becomes writable in place; false when it changed under us. */
static bool wp_page_reuse(struct vm_fault *vmf, struct page *page)
{
	struct mm_struct *mm = vmf->vma->vm_mm;
	bool reused = false;

	spin_lock(&mm->page_table_lock);
	if (pte_val(READ_ONCE(*vmf->pte)) != pte_val(vmf->orig_pte))
		goto out;
	if (!wp_can_reuse_anon_page(vmf, page))
		goto out;
	set_pte(vmf->pte, pte_mkwrite_dirty(vmf->orig_pte));
	count_vm_event(PGREUSE);
	reused = true;
out:
	spin_unlock(&mm->page_table_lock);
	if (reused)
		flush_tlb_page(vmf->vma, vmf->address);
	return reused;
}

/*
 * A private copy of old (the zero page when NULL) for the faulting address: break
 * before make, the old page's rmap and reference dropped. src: the page to copy from,
 * which for a special (uncounted) entry is not old.
 */
static unsigned int wp_page_copy(struct vm_fault *vmf, struct page *old, struct page *src)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *new;
	pte_t entry;

	if (unlikely(anon_vma_prepare(vma)))
		return VM_FAULT_OOM;
	if (src) {
		new = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, vmf->address);
		if (new)
			copy_page(page_address(new), page_address(src));
	} else {
		new = alloc_zeroed_user_highpage_movable(vma, vmf->address);
	}
	if (!new)
		return VM_FAULT_OOM;
	entry = pte_mkwrite_dirty(mk_pte(new, vma->vm_page_prot));
	spin_lock(&mm->page_table_lock);
	if (pte_val(READ_ONCE(*vmf->pte)) != pte_val(vmf->orig_pte)) {
		spin_unlock(&mm->page_table_lock);
		put_page(new);
		return 0;
	}
	if (old)
		add_mm_counter(mm, mm_counter(old), -1);
	add_mm_counter(mm, MM_ANONPAGES, 1);
	WRITE_ONCE(*vmf->pte, __pte(0));
	dsb(ishst);
	flush_tlb_page(vma, vmf->address);
	page_add_new_anon_rmap(new, vma, vmf->address);
	lru_cache_add_inactive_or_unevictable(new, vma);
	set_pte(vmf->pte, entry);
	if (old)
		page_remove_rmap(old, vma, false);
	spin_unlock(&mm->page_table_lock);
	if (old)
		put_page(old);	/* the old entry's reference */
	return 0;
}

/* A write to a present, write-protected entry of a writable VMA: reuse or copy. */
static unsigned int do_wp_page(struct vm_fault *vmf)
{
	unsigned long pfn = pte_pfn(vmf->orig_pte);
	struct page *src = is_zero_pfn(pfn) ? NULL : pfn_to_page(pfn);
	struct page *old = pte_special_page(vmf->orig_pte) ? NULL : src;
	unsigned int ret;

	if (old && PageAnon(old)) {
		if (wp_page_reuse(vmf, old))
			return 0;
		/* The copy reads old: keep it while no lock is held. */
		get_page(old);
		ret = wp_page_copy(vmf, old, old);
		put_page(old);
		return ret;
	}
	return wp_page_copy(vmf, old, src);
}

unsigned int vmf_insert_special_pfn(struct vm_fault *vmf, unsigned long pfn)
{
	set_pte_if_unchanged(vmf, pte_mkspecial(pfn_pte(pfn, vmf->vma->vm_page_prot)));
	return VM_FAULT_NOPAGE;
}

/* ---- file faults --------------------------------------------------------------------- */

unsigned long fault_around_bytes = 65536;

/* The VMA's page for the fault, from its owner: vmf->page with a reference, or an error. */
static unsigned int __do_fault(struct vm_fault *vmf)
{
	unsigned int ret = vmf->vma->vm_ops->fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	if (WARN_ON_ONCE(!vmf->page))
		return VM_FAULT_SIGBUS;
	return ret;
}

/*
 * Puts page at addr (ptep its entry), page_table_lock held and the entry empty: the
 * caller's reference becomes the mapping's. A write maps it writable and dirty.
 */
void do_set_pte(struct vm_fault *vmf, struct page *page, pte_t *ptep, unsigned long addr)
{
	struct vm_area_struct *vma = vmf->vma;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	pte_t entry = mk_pte(page, vma->vm_page_prot);

	if (write)
		entry = pte_mkwrite_dirty(entry);
	if (write && !(vma->vm_flags & VM_SHARED)) {
		page_add_new_anon_rmap(page, vma, addr);
		lru_cache_add_inactive_or_unevictable(page, vma);
	} else {
		page_add_file_rmap(page, vma, false);
	}
	add_mm_counter(vma->vm_mm, mm_counter(page), 1);
	set_pte(ptep, entry);
}

/*
 * A page cache page may be mapped only while it is still in its file: truncation clears
 * page->mapping before its last unmap_mapping_range pass, which takes each entry's
 * page_table_lock after that; so under the lock, a page with a mapping is safe to map.
 * (Linux holds the page lock across the fault instead.)
 */
bool page_still_cached(struct page *page)
{
	return PageAnon(page) || READ_ONCE(page->mapping);
}

static unsigned int finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	bool cow = (vmf->flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_SHARED);
	struct page *page = cow ? vmf->cow_page : vmf->page;
	unsigned int ret = 0;

	spin_lock(&vma->vm_mm->page_table_lock);
	if (pte_none(READ_ONCE(*vmf->pte)) && (cow || page_still_cached(page)))
		do_set_pte(vmf, page, vmf->pte, vmf->address);
	else
		ret = VM_FAULT_NOPAGE;
	spin_unlock(&vma->vm_mm->page_table_lock);
	return ret;
}

/*
 * Maps the cached pages around a read fault (fault_around_bytes, aligned, inside the VMA
 * and the fault's page table) so that sequential reads fault once per 16 pages.
 */
static unsigned int do_fault_around(struct vm_fault *vmf)
{
	unsigned long nr_pages = fault_around_bytes >> PAGE_SHIFT;
	unsigned long address = vmf->address, from, to;
	struct vm_area_struct *vma = vmf->vma;

	from = max(max(ALIGN_DOWN(address, nr_pages * PAGE_SIZE), vma->vm_start),
		   address & PMD_MASK);
	to = min3(from + nr_pages * PAGE_SIZE, vma->vm_end, (address & PMD_MASK) + PMD_SIZE);
	return vma->vm_ops->map_pages(vmf, vmf->pgoff - ((address - from) >> PAGE_SHIFT),
				      vmf->pgoff + ((to - address) >> PAGE_SHIFT) - 1);
}

static unsigned int do_read_fault(struct vm_fault *vmf)
{
	unsigned int ret;

	if (vmf->vma->vm_ops->map_pages && fault_around_bytes >> PAGE_SHIFT > 1) {
		ret = do_fault_around(vmf);
		if (ret)
			return ret;
	}
	ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	ret = finish_fault(vmf);
	if (ret)
		put_page(vmf->page);
	return ret & ~VM_FAULT_NOPAGE;
}

/* A write to a private file mapping's hole: the file's page copied into a new anon page. */
static unsigned int do_cow_fault(struct vm_fault *vmf)
{
	unsigned int ret;

	if (unlikely(anon_vma_prepare(vmf->vma)))
		return VM_FAULT_OOM;
	vmf->cow_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vmf->vma, vmf->address);
	if (!vmf->cow_page)
		return VM_FAULT_OOM;
	ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
		put_page(vmf->cow_page);
		return ret;
	}
	memcpy(page_address(vmf->cow_page), page_address(vmf->page), PAGE_SIZE);
	ret = finish_fault(vmf);
	put_page(vmf->page);
	if (ret) {
		WRITE_ONCE(vmf->cow_page->_mapcount, -1);
		put_page(vmf->cow_page);
	}
	return ret & ~VM_FAULT_NOPAGE;
}

/*
 * The owner readies page for a store through a shared mapping (->page_mkwrite): on
 * success the page is locked and still in its file; VM_FAULT_NOPAGE (fault again)
 * when truncation took it meanwhile.
 */
static unsigned int do_page_mkwrite(struct vm_fault *vmf, struct page *page)
{
	unsigned int old_flags = vmf->flags, ret;

	vmf->flags = FAULT_FLAG_WRITE | FAULT_FLAG_MKWRITE;
	vmf->page = page;
	ret = vmf->vma->vm_ops->page_mkwrite(vmf);
	vmf->flags = old_flags;
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)))
		return ret;
	if (unlikely(!(ret & VM_FAULT_LOCKED))) {
		lock_page(page);
		if (!page->mapping) {
			unlock_page(page);
			return VM_FAULT_NOPAGE;
		}
		ret |= VM_FAULT_LOCKED;
	}
	return ret;
}

/*
 * The locked page was just mapped writable: dirty it, unlock it, and throttle the
 * writer. Without ->page_mkwrite the file's times are updated here instead.
 */
static void fault_dirty_shared_page(struct vm_fault *vmf, struct page *page)
{
	struct vm_area_struct *vma = vmf->vma;
	struct address_space *mapping = page_mapping(page);
	bool page_mkwrite = vma->vm_ops->page_mkwrite;
	bool dirtied = set_page_dirty(page);

	unlock_page(page);
	if (mapping && (dirtied || !page_mkwrite))
		balance_dirty_pages_ratelimited(mapping);
	if (!page_mkwrite)
		file_update_time(vma->vm_file);
}

/*
 * A write to a shared file mapping's hole: the cache's page itself, readied by the
 * owner (->page_mkwrite), mapped dirty.
 */
static unsigned int do_shared_fault(struct vm_fault *vmf)
{
	struct page *page;
	unsigned int ret = __do_fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	page = vmf->page;
	if (vmf->vma->vm_ops->page_mkwrite) {
		ret = do_page_mkwrite(vmf, page);
		if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
			put_page(page);
			return ret & ~VM_FAULT_NOPAGE;
		}
	} else {
		lock_page(page);
	}
	ret = finish_fault(vmf);
	if (ret) {
		unlock_page(page);
		put_page(page);
		return ret & ~VM_FAULT_NOPAGE;
	}
	fault_dirty_shared_page(vmf, page);
	return 0;
}

/* An empty entry of a VMA with an owner (a file, shmem, a special mapping). */
static unsigned int do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/*
 * Takes [first_index, last_index] of mapping out of every VMA mapping it, private copies
 * included (Linux's even_cows): what lies past a truncation must fault again (SIGBUS).
 */
void unmap_mapping_range(struct address_space *mapping, loff_t const holebegin,
			 loff_t const holelen)
{
	unsigned long first_index = (unsigned long)(holebegin >> PAGE_SHIFT);
	unsigned long last_index = ULONG_MAX;
	struct vm_area_struct *vma;

	if (holelen)
		last_index = first_index + (unsigned long)((holelen + PAGE_SIZE - 1) >> PAGE_SHIFT) - 1;
	down_read(&mapping->i_mmap_rwsem);
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long vba = vma->vm_pgoff, vea = vba + vma_pages(vma) - 1;
		unsigned long zba = max(first_index, vba), zea = min(last_index, vea);

		if (zba > zea)
			continue;
		zap_page_range(vma, vma->vm_start + ((zba - vba) << PAGE_SHIFT),
			       vma->vm_start + ((zea - vba + 1) << PAGE_SHIFT));
	}
	up_read(&mapping->i_mmap_rwsem);
}

/*
 * A write to a clean writable entry, or any write to a shared mapping's present page:
 * the entry becomes writable and dirty (software dirty bit), and so does a shared file
 * page behind it (Linux's wp_page_shared), while the entry still holds it.
 */
static unsigned int wp_page_mkdirty(struct vm_fault *vmf)
{
	struct mm_struct *mm = vmf->vma->vm_mm;
	bool done = false;

	spin_lock(&mm->page_table_lock);
	if (pte_val(READ_ONCE(*vmf->pte)) == pte_val(vmf->orig_pte)) {
		set_pte(vmf->pte, pte_mkwrite_dirty(vmf->orig_pte));
		if ((vmf->vma->vm_flags & VM_SHARED) && !pte_special_page(vmf->orig_pte))
			set_page_dirty(pte_page(vmf->orig_pte));
		done = true;
	}
	spin_unlock(&mm->page_table_lock);
	if (done)
		flush_tlb_page(vmf->vma, vmf->address);
	return 0;
}

/*
 * An access to an entry reclaim made old (folio_referenced, MADV_FREE): young again,
 * which is how reclaim learns the page is in use. A write to a write-protected entry
 * went to the write paths above first; they keep the flag clear, so the access that
 * follows comes here.
 */
static unsigned int do_access_flag_fault(struct vm_fault *vmf)
{
	struct mm_struct *mm = vmf->vma->vm_mm;

	spin_lock(&mm->page_table_lock);
	if (pte_val(READ_ONCE(*vmf->pte)) == pte_val(vmf->orig_pte))
		set_pte(vmf->pte, pte_mkyoung(vmf->orig_pte));
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/*
 * A write to a clean entry of a shared mapping whose owner wants to know
 * (->page_mkwrite): the page readied, then the entry made writable and dirty if it
 * is still the one that faulted (Linux's wp_page_shared and finish_mkwrite_fault).
 */
static unsigned int wp_page_shared(struct vm_fault *vmf)
{
	struct page *page = pte_page(vmf->orig_pte);
	struct mm_struct *mm = vmf->vma->vm_mm;
	unsigned int ret;
	bool same;

	/* Held before the lock goes: truncation may zap the entry meanwhile. */
	spin_lock(&mm->page_table_lock);
	same = pte_val(READ_ONCE(*vmf->pte)) == pte_val(vmf->orig_pte);
	if (same)
		get_page(page);
	spin_unlock(&mm->page_table_lock);
	if (!same)
		return 0;
	ret = do_page_mkwrite(vmf, page);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
		put_page(page);
		return ret & ~VM_FAULT_NOPAGE;
	}
	spin_lock(&mm->page_table_lock);
	same = pte_val(READ_ONCE(*vmf->pte)) == pte_val(vmf->orig_pte);
	if (same)
		set_pte(vmf->pte, pte_mkwrite_dirty(vmf->orig_pte));
	spin_unlock(&mm->page_table_lock);
	if (!same) {
		unlock_page(page);
		put_page(page);
		return 0;
	}
	flush_tlb_page(vmf->vma, vmf->address);
	fault_dirty_shared_page(vmf, page);
	put_page(page);
	return 0;
}

/* Whether a write fault on a present entry must go through ->page_mkwrite. */
static bool vma_wants_mkwrite(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	return (vma->vm_flags & VM_SHARED) && vma->vm_ops && vma->vm_ops->page_mkwrite &&
	       !pte_special_page(vmf->orig_pte);
}

static unsigned int handle_pte_fault(struct vm_fault *vmf)
{
	vmf->orig_pte = READ_ONCE(*vmf->pte);
	if (pte_none(vmf->orig_pte)) {
		if (vma_is_anonymous(vmf->vma))
			return do_anonymous_page(vmf);
		return do_fault(vmf);
	}
	/* A shared mapping's page is written in place, never copied (wp_page_shared). */
	if ((vmf->flags & FAULT_FLAG_WRITE) && !pte_write(vmf->orig_pte) &&
	    !(vmf->vma->vm_flags & VM_SHARED))
		return do_wp_page(vmf);
	if ((vmf->flags & FAULT_FLAG_WRITE) && (pte_val(vmf->orig_pte) & PTE_RDONLY))
		return vma_wants_mkwrite(vmf) ? wp_page_shared(vmf) : wp_page_mkdirty(vmf);
	if (!pte_young(vmf->orig_pte))
		return do_access_flag_fault(vmf);
	/* Already fixed by another thread (or a stale TLB entry): retry the access. */
	flush_tlb_page(vmf->vma, vmf->address);
	return 0;
}

/*
 * A fault that succeeded counts for the task: major if its page had to be read in,
 * minor otherwise (getrusage's ru_minflt and ru_majflt). Failed faults do not count.
 */
static void mm_account_fault(struct pt_regs *regs, unsigned long address,
			     unsigned int flags, unsigned int ret)
{
	if (ret & VM_FAULT_ERROR)
		return;
	if (ret & VM_FAULT_MAJOR)
		current->maj_flt++;
	else
		current->min_flt++;
}

unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			     unsigned int flags, struct pt_regs *regs)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
		.pgoff = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT),
	};

	unsigned int ret;

	count_vm_event(PGFAULT);
	vmf.pte = walk_alloc(vma->vm_mm, vmf.address, &vmf.pmd);
	ret = vmf.pte ? handle_pte_fault(&vmf) : VM_FAULT_OOM;
	mm_account_fault(regs, address, flags, ret);
	return ret;
}

/* ---- mprotect's page-table half ---------------------------------------------------- */

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;

	spin_lock(&mm->page_table_lock);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = walk_lookup(mm, addr);
		pte_t pte;

		if (!ptep) {
			addr = (addr & PMD_MASK) + PMD_SIZE - PAGE_SIZE;
			continue;
		}
		pte = READ_ONCE(*ptep);
		if (pte_none(pte))
			continue;
		pte = pte_modify(pte, newprot);
		/*
		 * A private page becomes writable only if it is an anonymous page of this
		 * mapping alone (6.1's can_change_pte_writable); special pages never.
		 */
		if (pte_special_page(pte) ||
		    (!(vma->vm_flags & VM_SHARED) &&
		     !(PageAnon(pte_page(pte)) && PageAnonExclusive(pte_page(pte)))))
			pte = pte_wrprotect(pte);
		WRITE_ONCE(*ptep, pte);
	}
	spin_unlock(&mm->page_table_lock);
	dsb(ishst);
	flush_tlb_range(vma, start, end);
}

/* ---- access_remote_vm: another process's memory, for /proc/PID/cmdline and environ ---- */

/* Copies up to len bytes of one page at addr into buf under the pte lock; -EFAULT if absent. */
static int copy_from_mapped_page(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	spinlock_t *ptl;
	pte_t *ptep, pte;

	if (follow_pte(mm, addr, &ptep, &ptl))
		return -EFAULT;
	pte = READ_ONCE(*ptep);
	if (!pte_present(pte)) {
		spin_unlock(ptl);
		return -EFAULT;
	}
	memcpy(buf, (char *)__va(pte_phys(pte)) + offset_in_page(addr), (size_t)len);
	spin_unlock(ptl);
	return len;
}

/**
 * access_remote_vm - read bytes of another address space
 * @mm: the address space (the caller holds an mm_users reference)
 * @addr: where to start
 * @buf: a kernel buffer of len bytes
 * @len: how many
 * @gup_flags: 0 (reading is all /proc needs)
 *
 * Return: bytes read, fewer at the first address without a readable VMA or memory.
 * Context: may sleep; takes mmap_lock (read).
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags)
{
	int done = 0;

	mmap_read_lock(mm);
	while (done < len) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		int n = (int)min_t(unsigned long, (unsigned long)(len - done),
				   PAGE_SIZE - offset_in_page(addr));
		int ret;

		if (!vma || addr < vma->vm_start || !(vma->vm_flags & VM_READ))
			break;
		ret = copy_from_mapped_page(mm, addr, (char *)buf + done, n);
		if (ret < 0) {
			if (handle_mm_fault(vma, addr, 0, NULL) & VM_FAULT_ERROR)
				break;
			ret = copy_from_mapped_page(mm, addr, (char *)buf + done, n);
			if (ret < 0)
				break;
		}
		done += ret;
		addr += (unsigned long)ret;
	}
	mmap_read_unlock(mm);
	return done;
}
