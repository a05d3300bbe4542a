/*
 * Pages on their way onto and off the LRU lists (Linux's mm/swap.c).
 *
 * A new user page is not put on its node's LRU list at once: folio_add_lru takes a
 * reference and adds it to this cpu's lru_add batch (a folio_batch of 15); only when
 * the batch fills, or lru_add_drain* empties it, are its folios moved onto their lists
 * under the node's lru_lock, one lock round for the batch, and the batch's references
 * dropped. Activation (folio_mark_accessed's second touch) goes the same way through
 * the activate batch, and MADV_FREE's move to the file list through lru_lazyfree. The last reference of a page on an LRU list takes it off there
 * first (__page_cache_release from __folio_put).
 *
 * The batches are per cpu and touched with preemption off; lru_add_drain_all runs
 * lru_add_drain on every cpu that has something batched, from a work item on that cpu.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/pagevec.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/mutex.h>
#include <linux/smp.h>
#include <linux/swap.h>
#include <linux/workqueue.h>
#include <linux/vmstat.h>
#include "internal.h"

/*
 * cpu_fbatches - this cpu's folios waiting for the LRU lock (per cpu; preemption off
 * while touched, by this cpu only; lru_add_drain_all runs on each cpu to empty them)
 * @lru_add: new folios, each holding a reference, to go onto their LRU list
 * @activate: folios on an inactive list, each holding a reference, to move to active
 * @lru_lazyfree: anonymous folios MADV_FREE gave up, each holding a reference, to move
 *	to the inactive file list as clean, lazily freed folios
 */
struct cpu_fbatches {
	struct folio_batch lru_add;
	struct folio_batch activate;
	struct folio_batch lru_lazyfree;
};

static DEFINE_PER_CPU(struct cpu_fbatches, cpu_fbatches);

/*
 * Takes folio off its LRU list if it is on one: its last reference went. A folio
 * still mlocked (its VMA went without munlocking it) is counted out of Mlocked here.
 */
static void __page_cache_release(struct folio *folio)
{
	struct lruvec *lruvec;
	unsigned long flags;

	if (unlikely(PageMlocked(&folio->page))) {
		__ClearPageMlocked(&folio->page);
		mod_zone_page_state(page_zone(&folio->page), NR_MLOCK,
				    -(long)folio_nr_pages(folio));
	}
	if (!PageLRU(&folio->page))
		return;
	lruvec = folio_lruvec(folio);
	spin_lock_irqsave(&lruvec->lru_lock, flags);
	lruvec_del_folio(lruvec, folio);
	__folio_clear_lru_flags(folio);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

void __folio_put(struct folio *folio)
{
	__page_cache_release(folio);
	free_the_page(&folio->page, folio_order(folio));
}

typedef void (*move_fn_t)(struct lruvec *lruvec, struct folio *folio);

/*
 * Runs move_fn on each folio of fbatch under its node's lru_lock (taken once per run
 * of folios on the same node), then drops the references the batch held.
 */
static void folio_batch_move_lru(struct folio_batch *fbatch, move_fn_t move_fn)
{
	struct lruvec *lruvec = NULL;
	unsigned long flags = 0;
	unsigned int i;

	for (i = 0; i < folio_batch_count(fbatch); i++) {
		struct folio *folio = fbatch->folios[i];

		if (folio_lruvec(folio) != lruvec) {
			if (lruvec)
				spin_unlock_irqrestore(&lruvec->lru_lock, flags);
			lruvec = folio_lruvec(folio);
			spin_lock_irqsave(&lruvec->lru_lock, flags);
		}
		move_fn(lruvec, folio);
	}
	if (lruvec)
		spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	for (i = 0; i < folio_batch_count(fbatch); i++)
		folio_put(fbatch->folios[i]);
	folio_batch_init(fbatch);
}

/*
 * Onto the list its flags say, unless it may not be reclaimed (mlocked, or of an
 * unevictable file such as ramfs's): then onto LRU_UNEVICTABLE, with an mlock_count
 * of 1 for a folio mlocked on its way here (mlock_folio could not count it).
 */
static void lru_add_fn(struct lruvec *lruvec, struct folio *folio)
{
	VM_BUG_ON_PAGE(PageLRU(&folio->page), &folio->page);
	if (folio_evictable(folio)) {
		ClearPageUnevictable(&folio->page);
	} else {
		ClearPageActive(&folio->page);
		SetPageUnevictable(&folio->page);
		folio->mlock_count = PageMlocked(&folio->page);
	}
	SetPageLRU(&folio->page);
	lruvec_add_folio(lruvec, folio);
}

/**
 * folio_add_lru - queue a folio for its node's LRU list
 * @folio: a folio not on any LRU list; PG_active/PG_unevictable say which list
 *
 * The folio reaches the list when this cpu's batch is moved (at most 15 later, or at
 * the next lru_add_drain); until then the batch holds a reference.
 */
void folio_add_lru(struct folio *folio)
{
	struct folio_batch *fbatch;

	VM_BUG_ON_PAGE(PageActive(&folio->page) && PageUnevictable(&folio->page),
		       &folio->page);
	VM_BUG_ON_PAGE(PageLRU(&folio->page), &folio->page);
	folio_get(folio);
	preempt_disable();
	fbatch = this_cpu_ptr(&cpu_fbatches.lru_add);
	if (!folio_batch_add(fbatch, folio) || folio_test_large(folio))
		folio_batch_move_lru(fbatch, lru_add_fn);
	preempt_enable();
}

/**
 * lru_cache_add_inactive_or_unevictable - a new anonymous page of vma to the LRU
 * @page: the page, just mapped
 * @vma: its VMA
 *
 * A page of a VM_LOCKED VMA is mlocked at once and goes to the unevictable list
 * (mlock_new_folio); others start inactive, as 6.1 puts new anonymous pages.
 */
void lru_cache_add_inactive_or_unevictable(struct page *page, struct vm_area_struct *vma)
{
	if (unlikely((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) == VM_LOCKED))
		mlock_new_folio(page_folio(page));
	else
		folio_add_lru(page_folio(page));
}

static void folio_activate_fn(struct lruvec *lruvec, struct folio *folio)
{
	if (!PageLRU(&folio->page) || PageActive(&folio->page) ||
	    PageUnevictable(&folio->page))
		return;
	lruvec_del_folio(lruvec, folio);
	SetPageActive(&folio->page);
	lruvec_add_folio(lruvec, folio);
	count_vm_events(PGACTIVATE, folio_nr_pages(folio));
}

static void folio_activate(struct folio *folio)
{
	struct folio_batch *fbatch;

	if (!PageLRU(&folio->page) || PageActive(&folio->page) || PageUnevictable(&folio->page))
		return;
	folio_get(folio);
	preempt_disable();
	fbatch = this_cpu_ptr(&cpu_fbatches.activate);
	if (!folio_batch_add(fbatch, folio))
		folio_batch_move_lru(fbatch, folio_activate_fn);
	preempt_enable();
}

/* A folio in this cpu's lru_add batch goes onto the active list when the batch moves. */
static void __lru_cache_activate_folio(struct folio *folio)
{
	struct folio_batch *fbatch;

	preempt_disable();
	fbatch = this_cpu_ptr(&cpu_fbatches.lru_add);
	for (int i = folio_batch_count(fbatch) - 1; i >= 0; i--) {
		if (fbatch->folios[i] == folio) {
			SetPageActive(&folio->page);
			break;
		}
	}
	preempt_enable();
}

/**
 * folio_mark_accessed - a use of the folio, for the LRU's aging
 * @folio: the folio
 *
 * The first use sets PG_referenced; the second, on an inactive folio, activates it
 * (one still in this cpu's lru_add batch goes onto the active list from there).
 */
void folio_mark_accessed(struct folio *folio)
{
	struct page *page = &folio->page;

	if (!PageReferenced(page)) {
		SetPageReferenced(page);
		return;
	}
	if (PageUnevictable(page) || PageActive(page))
		return;
	if (PageLRU(page))
		folio_activate(folio);
	else
		__lru_cache_activate_folio(folio);
	ClearPageReferenced(page);
}

void mark_page_accessed(struct page *page)
{
	folio_mark_accessed(page_folio(page));
}

/*
 * MADV_FREE's folio: from the anon lists to the inactive file list, as a clean folio
 * reclaim may drop (PG_swapbacked clear) unless it is written again first.
 */
static void lru_lazyfree_fn(struct lruvec *lruvec, struct folio *folio)
{
	struct page *page = &folio->page;

	if (!PageLRU(page) || !PageAnon(page) || !PageSwapBacked(page) ||
	    PageUnevictable(page))
		return;
	lruvec_del_folio(lruvec, folio);
	ClearPageActive(page);
	ClearPageReferenced(page);
	ClearPageSwapBacked(page);
	lruvec_add_folio(lruvec, folio);
	count_vm_events(PGLAZYFREE, folio_nr_pages(folio));
}

/**
 * folio_mark_lazyfree - MADV_FREE: folio's contents may be dropped if memory is short
 * @folio: an anonymous folio whose mappings were just made clean and old
 *
 * Queued on this cpu's lru_lazyfree batch; a folio not on an LRU list yet (still in
 * an lru_add batch, or isolated by reclaim) stays anonymous and keeps its contents.
 */
void folio_mark_lazyfree(struct folio *folio)
{
	struct page *page = &folio->page;
	struct folio_batch *fbatch;

	if (!PageLRU(page) || !PageAnon(page) || !PageSwapBacked(page) ||
	    PageUnevictable(page))
		return;
	folio_get(folio);
	preempt_disable();
	fbatch = this_cpu_ptr(&cpu_fbatches.lru_lazyfree);
	if (!folio_batch_add(fbatch, folio) || folio_test_large(folio))
		folio_batch_move_lru(fbatch, lru_lazyfree_fn);
	preempt_enable();
}

/* Empties cpu's batches onto the LRU lists (cpu is this one, or is offline). */
void lru_add_drain_cpu(int cpu)
{
	struct cpu_fbatches *fbatches = per_cpu_ptr(&cpu_fbatches, cpu);

	if (folio_batch_count(&fbatches->lru_add))
		folio_batch_move_lru(&fbatches->lru_add, lru_add_fn);
	if (folio_batch_count(&fbatches->activate))
		folio_batch_move_lru(&fbatches->activate, folio_activate_fn);
	if (folio_batch_count(&fbatches->lru_lazyfree))
		folio_batch_move_lru(&fbatches->lru_lazyfree, lru_lazyfree_fn);
}

void lru_add_drain(void)
{
	preempt_disable();
	lru_add_drain_cpu(smp_processor_id());
	preempt_enable();
}

static bool cpu_needs_drain(int cpu)
{
	struct cpu_fbatches *fbatches = per_cpu_ptr(&cpu_fbatches, cpu);

	return folio_batch_count(&fbatches->lru_add) || folio_batch_count(&fbatches->activate) ||
	       folio_batch_count(&fbatches->lru_lazyfree);
}

static void lru_add_drain_per_cpu(struct work_struct *dummy)
{
	lru_add_drain();
}

static DEFINE_PER_CPU(struct work_struct, lru_add_drain_work);

/**
 * lru_add_drain_all - empty every cpu's batches onto the LRU lists
 *
 * Each cpu with something batched drains itself from a work item; this waits for them.
 * Callers are serialised (one set of work items). Context: may sleep.
 */
void lru_add_drain_all(void)
{
	static DEFINE_MUTEX(lock);
	static struct cpumask has_work;
	int cpu;

	mutex_lock(&lock);
	cpumask_clear(&has_work);
	for_each_online_cpu(cpu) {
		struct work_struct *work = per_cpu_ptr(&lru_add_drain_work, cpu);

		if (!cpu_needs_drain(cpu))
			continue;
		INIT_WORK(work, lru_add_drain_per_cpu);
		schedule_work_on(cpu, work);
		cpumask_set_cpu(cpu, &has_work);
	}
	for_each_cpu(cpu, &has_work)
		flush_work(per_cpu_ptr(&lru_add_drain_work, cpu));
	mutex_unlock(&lock);
}
