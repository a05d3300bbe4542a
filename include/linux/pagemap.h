/*
 * The page cache's side of a folio (Linux 6.1's pagemap.h, the part reclaim needs): the
 * address_space flags that say how its folios may be reclaimed, and the folio lock,
 * which whoever takes a folio out of the cache or writes it back holds.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/fs.h>
#include <linux/mm.h>

/* Bits of address_space->flags (atomic). */
enum mapping_flags {
	AS_EIO = 0,		/* an async write failed */
	AS_ENOSPC = 1,		/* an async write ran out of space */
	AS_MM_ALL_LOCKS = 2,
	AS_UNEVICTABLE = 3,	/* nothing may reclaim these folios (ramfs, SHM_LOCK) */
};

static inline void mapping_set_unevictable(struct address_space *mapping)
{
	__atomic_fetch_or(&mapping->flags, 1UL << AS_UNEVICTABLE, __ATOMIC_RELAXED);
}

static inline void mapping_clear_unevictable(struct address_space *mapping)
{
	__atomic_fetch_and(&mapping->flags, ~(1UL << AS_UNEVICTABLE), __ATOMIC_RELAXED);
}

static inline bool mapping_unevictable(struct address_space *mapping)
{
	return mapping && (__atomic_load_n(&mapping->flags, __ATOMIC_RELAXED) &
			   (1UL << AS_UNEVICTABLE));
}

/* Frees a locked folio's private data (a_ops->release_folio): true when it may go. */
bool filemap_release_folio(struct folio *folio, gfp_t gfp);

/* Takes the folio lock if it is free: true when taken. Context: any. */
static inline bool folio_trylock(struct folio *folio)
{
	return !(__atomic_fetch_or(&folio->flags, 1UL << PG_locked, __ATOMIC_ACQUIRE) &
		 (1UL << PG_locked));
}

/*
 * Releases the folio lock. Nobody sleeps on it yet (reclaim only ever tries it), so
 * there is no one to wake; folio_lock and its waiters come with the page cache's I/O.
 */
static inline void folio_unlock(struct folio *folio)
{
	VM_BUG_ON_PAGE(!PageLocked(&folio->page), &folio->page);
	__atomic_fetch_and(&folio->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);
}

#endif
