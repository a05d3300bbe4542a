/*
 * A radix tree of pointers indexed by unsigned long, with Linux's xarray names (xa_load,
 * xa_store, xa_erase, xa_find): the page cache keeps a file's pages in one, by page index.
 * Nodes have XA_CHUNK_SIZE slots; the tree grows upwards as larger indices are stored.
 * xa_lock (irq-safe) protects the tree's shape, slots and marks; readers here take it too
 * (there is no RCU).
 */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>

#define XA_CHUNK_SHIFT	6
#define XA_CHUNK_SIZE	(1UL << XA_CHUNK_SHIFT)

/* Marks an entry may carry (the page cache's PAGECACHE_TAG_*); XA_PRESENT: any entry. */
typedef unsigned int xa_mark_t;
#define XA_MARK_0	0U
#define XA_MARK_1	1U
#define XA_MARK_2	2U
#define XA_MAX_MARKS	3U
#define XA_PRESENT	8U

struct xa_node;

struct xarray {
	spinlock_t xa_lock;
	struct xa_node *xa_head;	/* the root node, NULL when empty */
};

#define XARRAY_INIT(name)	{ .xa_lock = __SPIN_LOCK_UNLOCKED(name.xa_lock) }

static inline void xa_init(struct xarray *xa)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_head = NULL;
}

/* xa_lock with interrupts off (the page cache's writeback ends in interrupts). */
#define xa_lock_irqsave(xa, flags)	spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags)	spin_unlock_irqrestore(&(xa)->xa_lock, flags)
#define xa_lock_irq(xa)			spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa)		spin_unlock_irq(&(xa)->xa_lock)

static inline bool xa_empty(const struct xarray *xa)
{
	return !xa->xa_head;
}

/* The entry at index, or NULL. Takes xa_lock; __xa_load expects it held. */
void *xa_load(struct xarray *xa, unsigned long index);
void *__xa_load(struct xarray *xa, unsigned long index);
/*
 * Stores entry (not NULL) at index; returns the old entry, or ERR_PTR(-ENOMEM). Nodes are
 * allocated with gfp outside xa_lock, so gfp may sleep.
 */
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
/* xa_store where index is empty: 0, -EBUSY when it holds an entry, or -ENOMEM. */
int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
/* Removes and returns the entry at index. */
void *xa_erase(struct xarray *xa, unsigned long index);
/* The first entry at an index in [*indexp, max], its index in *indexp; NULL if none. */
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max);
/* Set, clear, test mark on the entry at index (no entry: nothing); xa_lock held. */
void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
bool __xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
/* Whether any entry has mark. */
bool xa_marked(const struct xarray *xa, xa_mark_t mark);
/* xa_find's search among the entries with mark (XA_PRESENT: all); xa_lock held. */
void *__xa_find_marked(struct xarray *xa, unsigned long *indexp, unsigned long max,
		       xa_mark_t mark);
/* Frees every node; the entries themselves are the caller's. */
void xa_destroy(struct xarray *xa);

#define xa_for_each(xa, index, entry)						\
	for (index = 0, entry = xa_find(xa, &index, ULONG_MAX); entry;		\
	     entry = (++index ? xa_find(xa, &index, ULONG_MAX) : NULL))

#endif
