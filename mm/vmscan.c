/*
 * Page reclaim (Linux 6.1's mm/vmscan.c, the classic two-list LRU, without MGLRU):
 * direct reclaim for an allocation that failed, before the OOM killer.
 *
 * try_to_free_pages -> do_try_to_free_pages lowers sc->priority from DEF_PRIORITY to 0;
 * at each priority shrink_zones visits the nodes of the allocation's zonelist, and
 * shrink_node -> shrink_lruvec scans lru_size >> priority folios of each list, in
 * batches of SWAP_CLUSTER_MAX, until nr_to_reclaim pages are free. There is no swap,
 * so the anonymous lists are never scanned (get_scan_count's SCAN_FILE): what can be
 * reclaimed is on the file lists. shrink_active_list ages the active file list into
 * the inactive one while the inactive one is too short (inactive_is_low), keeping
 * executable pages that were used; shrink_inactive_list isolates folios from the tail
 * of the inactive list and shrink_folio_list decides each one:
 *  - used again since the last look (folio_referenced, PG_referenced): back to the
 *    active list or kept for one more round (folio_check_references);
 *  - mlocked or of an unevictable file: to LRU_UNEVICTABLE;
 *  - mapped: try_to_unmap first; a lazily freed anonymous page (MADV_FREE, on the file
 *    list with PG_swapbacked clear) is discarded if still clean, and becomes normal
 *    anonymous memory again if it was written;
 *  - dirty or under writeback: left for the flusher threads (direct reclaim does not
 *    write pages back: 6.1's pageout is kswapd's), marked PG_reclaim;
 *  - clean page cache: private data released (a_ops->release_folio), then taken out
 *    of the cache (__remove_mapping) when nobody else holds a reference.
 * Folios not reclaimed go back onto the lists (move_folios_to_lru).
 *
 * kswapd: an allocation that finds a zone below its low watermark wakes the node's
 * kswapd thread (wakeup_kswapd), which reclaims the same way (balance_pgdat) until a
 * zone of the node is above its high watermark, so that allocations seldom need direct
 * reclaim. A node where it freed nothing MAX_RECLAIM_RETRIES times in a row (all its
 * memory anonymous, with no swap) is left to direct reclaim until that frees something.
 *
 * Locks: a node's lru_lock covers its lists while folios are isolated and put back; a
 * folio taken off them (PG_lru clear, one reference held) is ours alone, and its folio
 * lock is held while we decide. Reclaim only tries the rmap locks (rmap_walk's try_lock).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/gfp.h>
#include <linux/kthread.h>
#include <linux/math.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include "internal.h"

/* How much of each list a round scans: lru_size >> priority, down to all of it at 0. */
#define DEF_PRIORITY		12
/* Folios isolated at a time, and direct reclaim's target. */
#define SWAP_CLUSTER_MAX	32UL

/**
 * struct scan_control - one reclaim run's target and progress
 * @nr_to_reclaim: pages to free before stopping
 * @gfp_mask: the allocation's flags
 * @priority: the current scan depth (DEF_PRIORITY .. 0)
 * @may_deactivate: the active file list may be aged this round (inactive_is_low)
 * @force_deactivate: age it anyway (a second pass after nothing was found)
 * @skipped_deactivate: a round left the active list alone
 * @nr_scanned: folios looked at this priority
 * @nr_reclaimed: pages freed so far
 */
struct scan_control {
	unsigned long nr_to_reclaim;
	gfp_t gfp_mask;
	int priority;
	unsigned int may_deactivate:1;
	unsigned int force_deactivate:1;
	unsigned int skipped_deactivate:1;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
};

#define lru_to_folio(head) (list_last_entry((head), struct folio, lru))

static unsigned long lruvec_lru_size(struct lruvec *lruvec, enum lru_list lru)
{
	return node_page_state(lruvec_pgdat(lruvec), NR_LRU_BASE + lru);
}

static bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

/*
 * Moves up to nr_to_scan folios from the tail of lru onto dst, each with a reference
 * and PG_lru clear; a folio whose last reference is going (count 0) is skipped.
 * *nr_scanned: folios looked at. Context: lru_lock held, irqs off.
 * Return: pages taken.
 */
static unsigned long isolate_lru_folios(unsigned long nr_to_scan, struct lruvec *lruvec,
					struct list_head *dst, unsigned long *nr_scanned,
					enum lru_list lru)
{
	struct list_head *src = &lruvec->lists[lru];
	unsigned long nr_taken = 0, scan = 0;

	while (scan < nr_to_scan && !list_empty(src)) {
		struct folio *folio = lru_to_folio(src);
		unsigned long nr_pages = folio_nr_pages(folio);

		scan++;
		if (!folio_try_get(folio)) {
			/* Being freed: __page_cache_release takes it off once we unlock. */
			list_move(&folio->lru, src);
			continue;
		}
		ClearPageLRU(&folio->page);
		update_lru_size(lruvec, lru, page_zonenum(&folio->page), -(long)nr_pages);
		list_move(&folio->lru, dst);
		nr_taken += nr_pages;
	}
	*nr_scanned = scan;
	return nr_taken;
}

/*
 * Puts isolated folios back on the lists their flags say (LRU_UNEVICTABLE if they may
 * not be reclaimed any more), dropping the isolation reference; folios whose last
 * reference that was are left on list for the caller to free.
 * Context: lru_lock held, irqs off. Return: pages put back.
 */
static unsigned long move_folios_to_lru(struct lruvec *lruvec, struct list_head *list)
{
	LIST_HEAD(folios_to_free);
	unsigned long nr_moved = 0;

	while (!list_empty(list)) {
		struct folio *folio = lru_to_folio(list);

		list_del(&folio->lru);
		if (unlikely(put_page_testzero(&folio->page))) {
			list_add(&folio->lru, &folios_to_free);
			continue;
		}
		if (unlikely(!folio_evictable(folio))) {
			ClearPageActive(&folio->page);
			SetPageUnevictable(&folio->page);
			folio->mlock_count = PageMlocked(&folio->page);
		}
		SetPageLRU(&folio->page);
		lruvec_add_folio(lruvec, folio);
		nr_moved += folio_nr_pages(folio);
	}
	list_splice(&folios_to_free, list);
	return nr_moved;
}

/* Frees folios whose last reference is gone (count 0, off the LRU). */
static void free_folio_list(struct list_head *list)
{
	while (!list_empty(list)) {
		struct folio *folio = lru_to_folio(list);

		list_del(&folio->lru);
		__folio_put(folio);
	}
}

enum folio_references {
	FOLIOREF_RECLAIM,
	FOLIOREF_RECLAIM_CLEAN,
	FOLIOREF_KEEP,
	FOLIOREF_ACTIVATE,
};

/*
 * A folio at the tail of the inactive list: used by a mapping since the last look
 * (referenced ptes) and before (PG_referenced, or several mappings), or an anonymous
 * one used at all, or a used executable file page: activate. Used once: keep it one
 * more round with PG_referenced. Unused: reclaim.
 */
static enum folio_references folio_check_references(struct folio *folio)
{
	unsigned long vm_flags;
	int referenced_ptes = folio_referenced(folio, 1, NULL, &vm_flags);
	bool referenced_folio = TestClearPageReferenced(&folio->page);

	if (vm_flags & VM_LOCKED)
		return FOLIOREF_ACTIVATE;
	if (referenced_ptes == -1)
		return FOLIOREF_KEEP;
	if (referenced_ptes) {
		SetPageReferenced(&folio->page);
		if (PageSwapBacked(&folio->page))
			return FOLIOREF_ACTIVATE;
		if (referenced_folio || referenced_ptes > 1)
			return FOLIOREF_ACTIVATE;
		if ((vm_flags & VM_EXEC) && folio_is_file_lru(folio))
			return FOLIOREF_ACTIVATE;
		return FOLIOREF_KEEP;
	}
	if (referenced_folio && folio_is_file_lru(folio))
		return FOLIOREF_RECLAIM_CLEAN;
	return FOLIOREF_RECLAIM;
}

/*
 * Takes a clean, locked, unmapped folio out of mapping's cache if the cache and the
 * caller hold its only references (frozen to 0 under xa_lock, so no lookup can take
 * one meanwhile). Return: true when it left; the caller frees it.
 */
static bool __remove_mapping(struct address_space *mapping, struct folio *folio)
{
	int refcount = 1 + (int)folio_nr_pages(folio);
	void (*free_folio)(struct folio *folio) = NULL;

	xa_lock_irq(&mapping->i_pages);
	if (folio->mapping != mapping || !folio_ref_freeze(folio, refcount))
		goto cannot_free;
	/* Dirtied by a write (or a still-mapped entry) since we looked. */
	if (unlikely(PageDirty(&folio->page))) {
		folio_ref_unfreeze(folio, refcount);
		goto cannot_free;
	}
	if (mapping->a_ops)
		free_folio = mapping->a_ops->free_folio;
	__filemap_remove_folio(folio, NULL);
	xa_unlock_irq(&mapping->i_pages);
	if (free_folio)
		free_folio(folio);
	return true;
cannot_free:
	xa_unlock_irq(&mapping->i_pages);
	return false;
}

/*
 * A lazily freed anonymous folio, unmapped: discarded when the isolation reference is
 * the only one left and nothing wrote it. Return: true when it may be freed.
 */
static bool lazyfree_folio_discard(struct folio *folio)
{
	if (!folio_ref_freeze(folio, 1))
		return false;
	if (PageDirty(&folio->page)) {
		folio_ref_unfreeze(folio, 1);
		return false;
	}
	count_vm_events(PGLAZYFREED, folio_nr_pages(folio));
	return true;
}

/* What shrink_folio_list does with one locked, isolated folio. */
enum folio_verdict {
	FOLIO_FREE,		/* out of every table and the cache: free it */
	FOLIO_ACTIVATE,		/* back, to the active list */
	FOLIO_KEEP,		/* back, to the inactive list */
};

static enum folio_verdict shrink_folio(struct folio *folio)
{
	struct page *page = &folio->page;
	struct address_space *mapping;

	if (unlikely(!folio_evictable(folio)))
		return FOLIO_ACTIVATE;
	if (PageWriteback(page)) {
		/* The flusher is writing it: reclaim it when the write is done. */
		SetPageReclaim(page);
		return FOLIO_KEEP;
	}
	switch (folio_check_references(folio)) {
	case FOLIOREF_ACTIVATE:
		return FOLIO_ACTIVATE;
	case FOLIOREF_KEEP:
		return FOLIO_KEEP;
	case FOLIOREF_RECLAIM:
	case FOLIOREF_RECLAIM_CLEAN:
		break;
	}
	/* Anonymous memory needs swap to go anywhere. */
	if (PageAnon(page) && PageSwapBacked(page))
		return FOLIO_ACTIVATE;
	if (page_mapped(page)) {
		try_to_unmap(folio, TTU_BATCH_FLUSH);
		if (page_mapped(page))
			return FOLIO_ACTIVATE;
	}
	if (PageDirty(page)) {
		/* Direct reclaim writes nothing back: the flushers will, then we free it. */
		SetPageReclaim(page);
		return FOLIO_ACTIVATE;
	}
	if (PageAnon(page))
		return lazyfree_folio_discard(folio) ? FOLIO_FREE : FOLIO_KEEP;
	if (PagePrivate(page) && !filemap_release_folio(folio, GFP_NOIO))
		return FOLIO_ACTIVATE;
	mapping = folio_mapping(folio);
	if (!mapping || !__remove_mapping(mapping, folio))
		return FOLIO_KEEP;
	return FOLIO_FREE;
}

/*
 * Decides each folio of folio_list (isolated, each with one reference): the freed
 * ones are freed, the others left on folio_list, PG_active set on those to activate.
 * Return: pages freed.
 */
static unsigned long shrink_folio_list(struct list_head *folio_list, struct scan_control *sc)
{
	LIST_HEAD(ret_folios);
	LIST_HEAD(free_folios);
	unsigned long nr_reclaimed = 0, pgactivate = 0;

	while (!list_empty(folio_list)) {
		struct folio *folio = lru_to_folio(folio_list);
		unsigned long nr_pages = folio_nr_pages(folio);
		enum folio_verdict verdict = FOLIO_KEEP;

		list_del(&folio->lru);
		if (folio_trylock(folio)) {
			sc->nr_scanned += nr_pages;
			verdict = shrink_folio(folio);
			folio_unlock(folio);
		}
		if (verdict == FOLIO_FREE) {
			nr_reclaimed += nr_pages;
			list_add(&folio->lru, &free_folios);
			continue;
		}
		if (verdict == FOLIO_ACTIVATE && !PageMlocked(&folio->page)) {
			SetPageActive(&folio->page);
			pgactivate += nr_pages;
		}
		list_add(&folio->lru, &ret_folios);
	}
	free_folio_list(&free_folios);
	list_splice(&ret_folios, folio_list);
	count_vm_events(PGACTIVATE, pgactivate);
	return nr_reclaimed;
}

/* Isolated pages of lru's kind (NR_ISOLATED_ANON or _FILE) move by nr. lru_lock held. */
static void mod_isolated(struct lruvec *lruvec, enum lru_list lru, long nr)
{
	__mod_node_page_state(lruvec_pgdat(lruvec), NR_ISOLATED_ANON + is_file_lru(lru), nr);
}

/*
 * This cpu's batched folios onto the lists (other cpus' few stay batched, as in Linux:
 * draining every cpu at each reclaim would cost more than they are worth), then up to nr_to_scan from the tail of lru
 * onto dst, counted as isolated (isolate_lru_folios). Return: pages taken.
 */
static unsigned long isolate_from_lru(unsigned long nr_to_scan, struct lruvec *lruvec,
				      struct list_head *dst, unsigned long *nr_scanned,
				      enum lru_list lru)
{
	unsigned long nr_taken, flags;

	lru_add_drain();
	spin_lock_irqsave(&lruvec->lru_lock, flags);
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, dst, nr_scanned, lru);
	mod_isolated(lruvec, lru, nr_taken);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	return nr_taken;
}

/* Reclaims from the tail of an inactive list. Return: pages freed. */
static unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct lruvec *lruvec,
					  struct scan_control *sc, enum lru_list lru)
{
	LIST_HEAD(folio_list);
	unsigned long nr_scanned, nr_taken, nr_reclaimed, flags;

	nr_taken = isolate_from_lru(nr_to_scan, lruvec, &folio_list, &nr_scanned, lru);
	count_vm_events(current_is_kswapd() ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr_scanned);
	count_vm_events(PGSCAN_ANON + is_file_lru(lru), nr_scanned);
	if (!nr_taken)
		return 0;

	nr_reclaimed = shrink_folio_list(&folio_list, sc);

	spin_lock_irqsave(&lruvec->lru_lock, flags);
	move_folios_to_lru(lruvec, &folio_list);
	mod_isolated(lruvec, lru, -(long)nr_taken);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	free_folio_list(&folio_list);
	count_vm_events(current_is_kswapd() ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_reclaimed);
	count_vm_events(PGSTEAL_ANON + is_file_lru(lru), nr_reclaimed);
	return nr_reclaimed;
}

/*
 * Ages the tail of an active list: folios not used since the last look go to the
 * inactive list (the next to be reclaimed); used executable file pages stay active,
 * as 6.1 keeps program text in memory under streaming I/O.
 */
static void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lruvec,
			       struct scan_control *sc, enum lru_list lru)
{
	LIST_HEAD(l_hold);
	LIST_HEAD(l_active);
	LIST_HEAD(l_inactive);
	unsigned long nr_scanned, nr_taken, nr_deactivate, flags;

	nr_taken = isolate_from_lru(nr_to_scan, lruvec, &l_hold, &nr_scanned, lru);
	count_vm_events(PGREFILL, nr_scanned);

	while (!list_empty(&l_hold)) {
		struct folio *folio = lru_to_folio(&l_hold);
		unsigned long vm_flags;

		list_del(&folio->lru);
		if (folio_evictable(folio) && folio_referenced(folio, 0, NULL, &vm_flags) &&
		    (vm_flags & VM_EXEC) && folio_is_file_lru(folio)) {
			list_add(&folio->lru, &l_active);
			continue;
		}
		ClearPageActive(&folio->page);
		list_add(&folio->lru, &l_inactive);
	}

	spin_lock_irqsave(&lruvec->lru_lock, flags);
	move_folios_to_lru(lruvec, &l_active);
	nr_deactivate = move_folios_to_lru(lruvec, &l_inactive);
	mod_isolated(lruvec, lru, -(long)nr_taken);
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
	free_folio_list(&l_active);
	free_folio_list(&l_inactive);
	count_vm_events(PGDEACTIVATE, nr_deactivate);
}

/*
 * The inactive list is too short to give its folios time to be used again: Linux's
 * ratio, active:inactive up to sqrt(10 * GiB of the two lists) : 1.
 */
static bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru)
{
	unsigned long inactive = lruvec_lru_size(lruvec, inactive_lru);
	unsigned long active = lruvec_lru_size(lruvec, inactive_lru + LRU_ACTIVE);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long inactive_ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * inactive_ratio < active;
}

static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct lruvec *lruvec, struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (sc->may_deactivate)
			shrink_active_list(nr_to_scan, lruvec, sc, lru);
		else
			sc->skipped_deactivate = 1;
		return 0;
	}
	return shrink_inactive_list(nr_to_scan, lruvec, sc, lru);
}

/*
 * How much of each list this round scans. No swap: the anonymous lists are left
 * alone (6.1's SCAN_FILE); the file lists give lru_size >> priority each.
 */
static void get_scan_count(struct lruvec *lruvec, struct scan_control *sc,
			   unsigned long *nr)
{
	enum lru_list lru;

	for_each_evictable_lru(lru)
		nr[lru] = is_file_lru(lru) ? lruvec_lru_size(lruvec, lru) >> sc->priority : 0;
}

static void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS] = { 0 };
	unsigned long nr_reclaimed = 0;
	enum lru_list lru;

	get_scan_count(lruvec, sc, nr);
	while (nr[LRU_INACTIVE_FILE] || nr[LRU_ACTIVE_FILE]) {
		for_each_evictable_lru(lru) {
			unsigned long nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);

			if (!nr_to_scan)
				continue;
			nr[lru] -= nr_to_scan;
			nr_reclaimed += shrink_list(lru, nr_to_scan, lruvec, sc);
		}
		if (sc->nr_reclaimed + nr_reclaimed >= sc->nr_to_reclaim)
			break;
	}
	sc->nr_reclaimed += nr_reclaimed;
}

static void shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	struct lruvec *lruvec = &pgdat->__lruvec;
	unsigned long nr_reclaimed = sc->nr_reclaimed;

	sc->may_deactivate = sc->force_deactivate ||
			     inactive_is_low(lruvec, LRU_INACTIVE_FILE);
	shrink_lruvec(lruvec, sc);
	/* Something here could go after all: kswapd may try this node again. */
	if (sc->nr_reclaimed > nr_reclaimed)
		WRITE_ONCE(pgdat->kswapd_failures, 0);
}

/* Each node of the allocation's zonelist once, in the zonelist's order. */
static void shrink_zones(struct zonelist *zonelist, struct scan_control *sc)
{
	enum zone_type highidx = gfp_zone(sc->gfp_mask);
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, zonelist, highidx) {
		if (zone->zone_pgdat == last_pgdat)
			continue;
		last_pgdat = zone->zone_pgdat;
		shrink_node(zone->zone_pgdat, sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	}
}

static unsigned long do_try_to_free_pages(struct zonelist *zonelist, struct scan_control *sc)
{
retry:
	do {
		sc->nr_scanned = 0;
		shrink_zones(zonelist, sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	} while (--sc->priority >= 0);
	if (sc->nr_reclaimed)
		return sc->nr_reclaimed;
	/* Nothing on the inactive list would go: age the active one and look again. */
	if (sc->skipped_deactivate) {
		sc->priority = DEF_PRIORITY;
		sc->force_deactivate = 1;
		sc->skipped_deactivate = 0;
		goto retry;
	}
	return 0;
}

/**
 * try_to_free_pages - direct reclaim for a failed allocation
 * @zonelist: the allocation's zonelist (its nodes are shrunk in that order)
 * @order: its order
 * @gfp_mask: its flags (it may sleep: __GFP_DIRECT_RECLAIM)
 * @nodemask: its nodemask (unused: every node of the zonelist is shrunk)
 *
 * Context: may sleep; no spinlock held.
 * Return: pages reclaimed (freed to the per-cpu lists or the buddy).
 */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				nodemask_t *nodemask)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp_mask,
		.priority = DEF_PRIORITY,
	};

	count_vm_event(ALLOCSTALL_NORMAL);
	return do_try_to_free_pages(zonelist, &sc);
}

/* ---- kswapd ---------------------------------------------------------------------------- */

/* kswapd's runs in a row that freed nothing before it leaves a node alone. */
#define MAX_RECLAIM_RETRIES	16

/*
 * struct kswapd_node - one node's kswapd (Linux keeps these in pg_data_t as kswapd,
 * kswapd_wait, kswapd_order, kswapd_highest_zoneidx; here, so that mmzone.h needs no
 * wait queues)
 * @task: the thread
 * @wait: where it sleeps
 * @woken: set by wakeup_kswapd, cleared by kswapd when it starts a run (atomic)
 * @order: the largest order asked for since that run started (atomic)
 * @highest_zoneidx: the highest zone asked for since then (atomic)
 */
struct kswapd_node {
	struct task_struct *task;
	struct wait_queue_head wait;
	bool woken;
	int order;
	int highest_zoneidx;
};

static struct kswapd_node kswapd_nodes[MAX_NUMNODES];

/* Some zone of pgdat up to highest_zoneidx is above its high watermark (or none has memory). */
static bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	bool any = false;

	for (int i = 0; i <= highest_zoneidx; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		any = true;
		if (zone_watermark_ok_safe(zone, (unsigned int)order, high_wmark_pages(zone),
					   highest_zoneidx))
			return true;
	}
	return !any;
}

/* What kswapd frees in one round: the zones' high watermarks, at least a batch each. */
static unsigned long kswapd_target(pg_data_t *pgdat, int highest_zoneidx)
{
	unsigned long nr = 0;

	for (int i = 0; i <= highest_zoneidx; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (managed_zone(zone))
			nr += max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);
	}
	return nr;
}

/*
 * Reclaims from pgdat until it is balanced, lowering the priority while a round frees
 * nothing; a run that freed nothing at all counts as a failure.
 */
static void balance_pgdat(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.priority = DEF_PRIORITY,
	};

	count_vm_event(PAGEOUTRUN);
	do {
		unsigned long before = sc.nr_reclaimed;

		if (pgdat_balanced(pgdat, order, highest_zoneidx))
			break;
		sc.nr_to_reclaim = sc.nr_reclaimed + kswapd_target(pgdat, highest_zoneidx);
		shrink_node(pgdat, &sc);
		if (sc.nr_reclaimed == before)
			sc.priority--;
	} while (sc.priority >= 1);
	if (!sc.nr_reclaimed)
		WRITE_ONCE(pgdat->kswapd_failures, pgdat->kswapd_failures + 1);
}

static int kswapd(void *p)
{
	pg_data_t *pgdat = p;
	struct kswapd_node *kn = &kswapd_nodes[pgdat->node_id];

	current->flags |= PF_KSWAPD;
	for (;;) {
		int order, highest_zoneidx;

		wait_event(kn->wait, __atomic_load_n(&kn->woken, __ATOMIC_ACQUIRE));
		__atomic_store_n(&kn->woken, false, __ATOMIC_RELAXED);
		order = __atomic_exchange_n(&kn->order, 0, __ATOMIC_RELAXED);
		highest_zoneidx = __atomic_exchange_n(&kn->highest_zoneidx, 0, __ATOMIC_RELAXED);
		balance_pgdat(pgdat, order, highest_zoneidx);
	}
	return 0;
}

/* Raises *v to at least val (atomic). */
static void atomic_max(int *v, int val)
{
	int old = __atomic_load_n(v, __ATOMIC_RELAXED);

	while (old < val && !__atomic_compare_exchange_n(v, &old, val, false, __ATOMIC_RELAXED,
							 __ATOMIC_RELAXED))
		;
}

/**
 * wakeup_kswapd - an allocation found zone low: wake its node's kswapd
 * @zone: the zone (its node's kswapd is woken)
 * @gfp_flags: the allocation's flags
 * @order: its order
 * @highest_zoneidx: the highest zone it may use
 *
 * Not when the node is balanced already, or kswapd gave up on it (all failures).
 * Context: any (allocations in interrupts wake it too).
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   enum zone_type highest_zoneidx)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	struct kswapd_node *kn = &kswapd_nodes[pgdat->node_id];

	if (!managed_zone(zone) || !kn->task)
		return;
	atomic_max(&kn->order, order);
	atomic_max(&kn->highest_zoneidx, (int)highest_zoneidx);
	if (READ_ONCE(pgdat->kswapd_failures) >= MAX_RECLAIM_RETRIES ||
	    pgdat_balanced(pgdat, order, (int)highest_zoneidx))
		return;
	__atomic_store_n(&kn->woken, true, __ATOMIC_RELEASE);
	wake_up(&kn->wait);
}

/* One kswapd per node with memory, kswapdN (Linux's module_init: our last level). */
static int __init kswapd_init(void)
{
	int nid;

	for_each_node_state(nid, N_MEMORY) {
		struct kswapd_node *kn = &kswapd_nodes[nid];

		init_waitqueue_head(&kn->wait);
		kn->task = kthread_run(kswapd, NODE_DATA(nid), "kswapd%d", nid);
		if (IS_ERR(kn->task)) {
			pr_err("Failed to start kswapd on node %d\n", nid);
			kn->task = NULL;
		}
	}
	return 0;
}
late_initcall(kswapd_init);
