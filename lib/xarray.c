/*
 * The radix tree behind struct xarray (include/linux/xarray.h): each node has 64 slots and
 * a shift, the index bits below its slot number; leaves (shift 0) hold the entries. The
 * root covers [0, 64 << shift); storing a larger index puts new roots on top. A node is
 * freed when its last slot empties. Every operation runs under xa_lock.
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
	void *slots[XA_CHUNK_SIZE];
};

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
	void *entry;

	spin_lock(&xa->xa_lock);
	entry = __xa_load(xa, index);
	spin_unlock(&xa->xa_lock);
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
	void **slot, *old;

	for (;;) {
		spin_lock(&xa->xa_lock);
		slot = xa_create_slot(xa, index, &leaf, &spare);
		if (slot)
			break;
		spin_unlock(&xa->xa_lock);
		spare = kmalloc(sizeof(*spare), gfp);
		if (!spare)
			return ERR_PTR(-ENOMEM);
	}
	old = *slot;
	if (!old || replace) {
		*slot = entry;
		leaf->count += !old;
	}
	spin_unlock(&xa->xa_lock);
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

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	struct xa_node *node = xa->xa_head;
	void *entry;

	if (!node || !node_covers(node, index))
		return NULL;
	while (node->shift) {
		node = node->slots[node_offset(node, index)];
		if (!node)
			return NULL;
	}
	entry = node->slots[node_offset(node, index)];
	if (entry) {
		node->slots[node_offset(node, index)] = NULL;
		node->count--;
		xa_delete_node(xa, node);
	}
	return entry;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry;

	spin_lock(&xa->xa_lock);
	entry = __xa_erase(xa, index);
	spin_unlock(&xa->xa_lock);
	return entry;
}

/* The first entry below node at an index in [*indexp, max]; base is node's first index. */
static void *find_in_node(struct xa_node *node, unsigned long base, unsigned long *indexp,
			  unsigned long max)
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
		if (!node->shift) {
			*indexp = first;
			return entry;
		}
		entry = find_in_node(entry, first, indexp, max);
		if (entry)
			return entry;
	}
	return NULL;
}

void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max)
{
	void *entry = NULL;

	spin_lock(&xa->xa_lock);
	if (xa->xa_head && node_covers(xa->xa_head, *indexp))
		entry = find_in_node(xa->xa_head, 0, indexp, max);
	spin_unlock(&xa->xa_lock);
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
	spin_lock(&xa->xa_lock);
	if (xa->xa_head)
		xa_free_nodes(xa->xa_head);
	xa->xa_head = NULL;
	spin_unlock(&xa->xa_lock);
}
