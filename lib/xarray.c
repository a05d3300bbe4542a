/*
 * The radix tree behind struct xarray (include/linux/xarray.h): each node has 64 slots and
 * a shift, the index bits below its slot number; leaves (shift 0) hold the entries. The
 * root covers [0, 64 << shift); storing a larger index puts new roots on top. A node is
 * freed when its last slot empties. Every operation runs under xa_lock, taken with
 * interrupts off: the page cache's writeback completion changes marks from interrupts.
 * Marks (XA_MARK_0..2, the page cache's dirty, writeback and towrite tags): each node has
 * one bit per slot and mark, set in a leaf for a marked entry and in an inner node when
 * some entry below that slot has the mark, so a marked search skips unmarked subtrees.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <linux/string.h>
#include <linux/bitmap.h>

struct xa_node {
	unsigned int shift;
	unsigned int count;		/* slots in use */
	struct xa_node *parent;
	unsigned int offset;		/* our slot in parent */
	unsigned long marks[XA_MAX_MARKS];	/* one bit per slot */
	void *slots[XA_CHUNK_SIZE];
};
_Static_assert(XA_CHUNK_SIZE == BITS_PER_LONG, "one mark word per node");

static bool node_covers(const struct xa_node *node, unsigned long index)
{
	unsigned int bits = node->shift + XA_CHUNK_SHIFT;

	return bits >= BITS_PER_LONG || !(index >> bits);
}

static unsigned int node_offset(const struct xa_node *node, unsigned long index)
{
	return (index >> node->shift) & (XA_CHUNK_SIZE - 1);
}

void *__xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *node = xa->xa_head;
	void *entry;

	if (!node || !node_covers(node, index))
		return NULL;
	for (;;) {
		entry = node->slots[node_offset(node, index)];
		if (!node->shift || !entry)
			return entry;
		node = entry;
	}
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	unsigned long flags;
	void *entry;

	xa_lock_irqsave(xa, flags);
	entry = __xa_load(xa, index);
	xa_unlock_irqrestore(xa, flags);
	return entry;
}

/* Takes *spare as a new node with shift, or returns NULL when there is none. */
static struct xa_node *take_node(struct xa_node **spare, unsigned int shift)
{
	struct xa_node *node = *spare;

	if (!node)
		return NULL;
	*spare = NULL;
	memset(node, 0, sizeof(*node));
	node->shift = shift;
	return node;
}

/*
 * The slot for index, with the nodes on its way made from *spare; NULL when another node
 * is needed and *spare is empty (the caller allocates one unlocked and retries).
 */
static void **xa_create_slot(struct xarray *xa, unsigned long index, struct xa_node **leaf,
			     struct xa_node **spare)
{
	struct xa_node *node = xa->xa_head, *top;

	if (!node && !(node = xa->xa_head = take_node(spare, 0)))
		return NULL;
	while (!node_covers(node, index)) {
		top = take_node(spare, node->shift + XA_CHUNK_SHIFT);
		if (!top)
			return NULL;
		top->slots[0] = node;
		top->count = 1;
		for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
			top->marks[m] = node->marks[m] ? 1 : 0;
		node->parent = top;
		node->offset = 0;
		xa->xa_head = node = top;
	}
	while (node->shift) {
		unsigned int off = node_offset(node, index);
		struct xa_node *child = node->slots[off];

		if (!child) {
			child = take_node(spare, node->shift - XA_CHUNK_SHIFT);
			if (!child)
				return NULL;
			child->parent = node;
			child->offset = off;
			node->slots[off] = child;
			node->count++;
		}
		node = child;
	}
	*leaf = node;
	return &node->slots[node_offset(node, index)];
}

/* Stores entry at index unless replace is false and the slot is taken (old returned). */
static void *xa_store_common(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp,
			     bool replace)
{
	struct xa_node *spare = NULL, *leaf;
	unsigned long flags;
	void **slot, *old;

	for (;;) {
		xa_lock_irqsave(xa, flags);
		slot = xa_create_slot(xa, index, &leaf, &spare);
		if (slot)
			break;
		xa_unlock_irqrestore(xa, flags);
		spare = kmalloc(sizeof(*spare), gfp);
		if (!spare)
			return ERR_PTR(-ENOMEM);
	}
	old = *slot;
	if (!old || replace) {
		*slot = entry;
		leaf->count += !old;
	}
	xa_unlock_irqrestore(xa, flags);
	kfree(spare);
	return old;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	BUG_ON(!entry);
	return xa_store_common(xa, index, entry, gfp, true);
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *old = xa_store_common(xa, index, entry, gfp, false);

	if (IS_ERR(old))
		return (int)PTR_ERR(old);
	return old ? -EBUSY : 0;
}

/* Frees node and every ancestor it leaves empty. */
static void xa_delete_node(struct xarray *xa, struct xa_node *node)
{
	while (node && !node->count) {
		struct xa_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			xa->xa_head = NULL;
		}
		kfree(node);
		node = parent;
	}
}

/* The leaf holding index, or NULL. Under xa_lock. */
static struct xa_node *xa_leaf(struct xarray *xa, unsigned long index)
{
	struct xa_node *node = xa->xa_head;

	if (!node || !node_covers(node, index))
		return NULL;
	while (node && node->shift)
		node = node->slots[node_offset(node, index)];
	return node;
}

/* Clears mark at slot off of node, and upwards while a node is left with none. */
static void node_clear_mark(struct xa_node *node, unsigned int off, xa_mark_t mark)
{
	while (node) {
		node->marks[mark] &= ~(1UL << off);
		if (node->marks[mark])
			return;
		off = node->offset;
		node = node->parent;
	}
}

void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node = xa_leaf(xa, index);
	unsigned int off;

	if (!node || !node->slots[node_offset(node, index)])
		return;
	off = node_offset(node, index);
	for (; node; off = node->offset, node = node->parent) {
		if (node->marks[mark] & (1UL << off))
			return;
		node->marks[mark] |= 1UL << off;
	}
}

void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node = xa_leaf(xa, index);

	if (node)
		node_clear_mark(node, node_offset(node, index), mark);
}

bool __xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node = xa_leaf(xa, index);

	return node && node->marks[mark] >> node_offset(node, index) & 1;
}

bool xa_marked(const struct xarray *xa, xa_mark_t mark)
{
	return xa->xa_head && xa->xa_head->marks[mark];
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	unsigned long flags;
	struct xa_node *node;
	void *entry = NULL;

	xa_lock_irqsave(xa, flags);
	node = xa->xa_head;
	if (!node || !node_covers(node, index))
		goto out;
	while (node->shift) {
		node = node->slots[node_offset(node, index)];
		if (!node)
			goto out;
	}
	entry = node->slots[node_offset(node, index)];
	if (entry) {
		for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
			node_clear_mark(node, node_offset(node, index), m);
		node->slots[node_offset(node, index)] = NULL;
		node->count--;
		xa_delete_node(xa, node);
	}
out:
	xa_unlock_irqrestore(xa, flags);
	return entry;
}

/*
 * The first entry below node at an index in [*indexp, max] (with mark, unless mark is
 * XA_PRESENT); base is node's first index.
 */
static void *find_in_node(struct xa_node *node, unsigned long base, unsigned long *indexp,
			  unsigned long max, xa_mark_t mark)
{
	unsigned long step = 1UL << node->shift;
	unsigned int off = *indexp > base ? (unsigned int)((*indexp - base) >> node->shift) : 0;

	for (; off < XA_CHUNK_SIZE; off++) {
		unsigned long first = base + off * step;
		void *entry = node->slots[off];

		if (first > max || (off && !first))
			break;
		if (!entry)
			continue;
		if (mark != XA_PRESENT && !(node->marks[mark] >> off & 1))
			continue;
		if (!node->shift) {
			*indexp = first;
			return entry;
		}
		entry = find_in_node(entry, first, indexp, max, mark);
		if (entry)
			return entry;
	}
	return NULL;
}

void *__xa_find_marked(struct xarray *xa, unsigned long *indexp, unsigned long max,
		       xa_mark_t mark)
{
	if (!xa->xa_head || !node_covers(xa->xa_head, *indexp))
		return NULL;
	return find_in_node(xa->xa_head, 0, indexp, max, mark);
}

void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max)
{
	unsigned long flags;
	void *entry;

	xa_lock_irqsave(xa, flags);
	entry = __xa_find_marked(xa, indexp, max, XA_PRESENT);
	xa_unlock_irqrestore(xa, flags);
	return entry;
}

static void xa_free_nodes(struct xa_node *node)
{
	for (unsigned int i = 0; node->shift && i < XA_CHUNK_SIZE; i++)
		if (node->slots[i])
			xa_free_nodes(node->slots[i]);
	kfree(node);
}

void xa_destroy(struct xarray *xa)
{
	unsigned long flags;

	xa_lock_irqsave(xa, flags);
	if (xa->xa_head)
		xa_free_nodes(xa->xa_head);
	xa->xa_head = NULL;
	xa_unlock_irqrestore(xa, flags);
}
