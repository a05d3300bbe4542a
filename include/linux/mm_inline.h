/*
 * Putting pages on and off their node's LRU lists (Linux's mm_inline.h): which list a
 * folio belongs on, and the list and counter updates, all under the lruvec's lru_lock.
 */
#ifndef _LINUX_MM_INLINE_H
#define _LINUX_MM_INLINE_H

#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>

static inline struct lruvec *folio_lruvec(struct folio *folio)
{
	return &page_pgdat(&folio->page)->__lruvec;
}

static inline struct pglist_data *lruvec_pgdat(struct lruvec *lruvec)
{
	return container_of(lruvec, struct pglist_data, __lruvec);
}

/* File pages are reclaimed by dropping or writing them; anon (swap-backed) by swapping. */
static inline bool folio_is_file_lru(struct folio *folio)
{
	return !PageSwapBacked(&folio->page);
}

/* The node's and zone's count of a list, moved by nr_pages. lru_lock held, irqs off. */
static inline void update_lru_size(struct lruvec *lruvec, enum lru_list lru,
				   enum zone_type zid, long nr_pages)
{
	struct pglist_data *pgdat = lruvec_pgdat(lruvec);

	__mod_node_page_state(pgdat, NR_LRU_BASE + lru, nr_pages);
	__mod_zone_page_state(&pgdat->node_zones[zid], NR_ZONE_LRU_BASE + lru, nr_pages);
}

static inline enum lru_list folio_lru_list(struct folio *folio)
{
	enum lru_list lru;

	VM_BUG_ON_PAGE(PageActive(&folio->page) && PageUnevictable(&folio->page), &folio->page);
	if (PageUnevictable(&folio->page))
		return LRU_UNEVICTABLE;
	lru = folio_is_file_lru(folio) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	if (PageActive(&folio->page))
		lru += LRU_ACTIVE;
	return lru;
}

/*
 * Unevictable folios are counted but on no list (6.1's way): nothing scans them, and
 * their lru field holds mlock_count instead (struct folio).
 */
static inline void lruvec_add_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	update_lru_size(lruvec, lru, page_zonenum(&folio->page), folio_nr_pages(folio));
	if (lru != LRU_UNEVICTABLE)
		list_add(&folio->lru, &lruvec->lists[lru]);
}

/* At the tail: the next to be scanned (a folio reclaim should take soon). */
static inline void lruvec_add_folio_tail(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	update_lru_size(lruvec, lru, page_zonenum(&folio->page), folio_nr_pages(folio));
	if (lru != LRU_UNEVICTABLE)
		list_add_tail(&folio->lru, &lruvec->lists[lru]);
}

static inline void lruvec_del_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	if (lru != LRU_UNEVICTABLE)
		list_del(&folio->lru);
	update_lru_size(lruvec, lru, page_zonenum(&folio->page), -(long)folio_nr_pages(folio));
}

/* A folio leaving the LRU for good (its last reference went): its LRU flags go too. */
static inline void __folio_clear_lru_flags(struct folio *folio)
{
	__ClearPageLRU(&folio->page);
	/* Both set is a bug bad_page() should see. */
	if (PageActive(&folio->page) && PageUnevictable(&folio->page))
		return;
	__ClearPageActive(&folio->page);
	__ClearPageUnevictable(&folio->page);
}

#endif
