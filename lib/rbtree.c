/*
 * Red-black trees (include/linux/rbtree.h): insertion and erasure fix-ups, with the
 * rotations reported to an augmented tree's callbacks (rbtree_augmented.h), and the
 * in-order walks. The colour lives in bit 0 of the parent pointer, as in Linux; the
 * algorithms are the textbook ones (CLRS), written for parent pointers and NULL leaves.
 */
#include <linux/rbtree_augmented.h>

static inline bool rb_is_black(const struct rb_node *rb)
{
	return !rb || (rb->__rb_parent_color & RB_BLACK);	/* NULL leaves are black */
}

static inline bool rb_is_red(const struct rb_node *rb)
{
	return !rb_is_black(rb);
}

static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = (rb->__rb_parent_color & 1) | (unsigned long)p;
}

static inline void rb_set_color(struct rb_node *rb, int color)
{
	rb->__rb_parent_color = (rb->__rb_parent_color & ~1UL) | color;
}

static inline void rb_set_parent_color(struct rb_node *rb, struct rb_node *p, int color)
{
	rb->__rb_parent_color = (unsigned long)p | color;
}

/* Makes parent (or the root) point at new where it pointed at old. */
static void rb_change_child(struct rb_node *old, struct rb_node *new,
			    struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     x                y
 *    / \      ->      / \
 *   a   y            x   c      (left); rb_rotate_right is the mirror image.
 *      / \          / \
 *     b   c        a   b
 */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root,
			   const struct rb_augment_callbacks *aug)
{
	struct rb_node *y = x->rb_right;

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	rb_set_parent(y, rb_parent(x));
	rb_change_child(x, y, rb_parent(x), root);
	y->rb_left = x;
	rb_set_parent(x, y);
	aug->rotate(x, y);
}

static void rb_rotate_right(struct rb_node *x, struct rb_root *root,
			    const struct rb_augment_callbacks *aug)
{
	struct rb_node *y = x->rb_left;

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	rb_set_parent(y, rb_parent(x));
	rb_change_child(x, y, rb_parent(x), root);
	y->rb_right = x;
	rb_set_parent(x, y);
	aug->rotate(x, y);
}

/* Rotates at x in direction left (true) or right. */
static void rb_rotate(struct rb_node *x, bool left, struct rb_root *root,
		      const struct rb_augment_callbacks *aug)
{
	if (left)
		rb_rotate_left(x, root, aug);
	else
		rb_rotate_right(x, root, aug);
}

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *aug)
{
	struct rb_node *parent, *gparent, *uncle;

	rb_set_color(node, RB_RED);
	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		bool left = parent == (gparent = rb_parent(parent))->rb_left;

		uncle = left ? gparent->rb_right : gparent->rb_left;
		if (rb_is_red(uncle)) {
			/* Recolour and continue two levels up. */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(uncle, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == (left ? parent->rb_right : parent->rb_left)) {
			/* Inner grandchild: turn it outer first. */
			rb_rotate(parent, left, root, aug);
			node = parent;
			parent = rb_parent(node);
		}
		rb_set_color(parent, RB_BLACK);
		rb_set_color(gparent, RB_RED);
		rb_rotate(gparent, !left, root, aug);
		break;
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/* x (maybe NULL, child of parent) is one black short: rebalance (CLRS RB-DELETE-FIXUP). */
static void rb_erase_color(struct rb_node *x, struct rb_node *parent, struct rb_root *root,
			   const struct rb_augment_callbacks *aug)
{
	struct rb_node *w;

	while (x != root->rb_node && rb_is_black(x)) {
		bool left = x == parent->rb_left;

		w = left ? parent->rb_right : parent->rb_left;
		if (rb_is_red(w)) {
			rb_set_color(w, RB_BLACK);
			rb_set_color(parent, RB_RED);
			rb_rotate(parent, left, root, aug);
			w = left ? parent->rb_right : parent->rb_left;
		}
		if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
			rb_set_color(w, RB_RED);
			x = parent;
			parent = rb_parent(x);
			continue;
		}
		if (rb_is_black(left ? w->rb_right : w->rb_left)) {
			rb_set_color(left ? w->rb_left : w->rb_right, RB_BLACK);
			rb_set_color(w, RB_RED);
			rb_rotate(w, !left, root, aug);
			w = left ? parent->rb_right : parent->rb_left;
		}
		rb_set_color(w, rb_is_black(parent) ? RB_BLACK : RB_RED);
		rb_set_color(parent, RB_BLACK);
		rb_set_color(left ? w->rb_right : w->rb_left, RB_BLACK);
		rb_rotate(parent, left, root, aug);
		x = root->rb_node;
		break;
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

/* Swaps node (two children) with its successor s in the tree's shape and colours. */
static void rb_swap_with_successor(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *s = node->rb_right, *s_right, *new_parent;
	unsigned long node_pc = node->__rb_parent_color, s_pc;

	while (s->rb_left)
		s = s->rb_left;
	s_right = s->rb_right;
	s_pc = s->__rb_parent_color;
	s->rb_left = node->rb_left;
	rb_set_parent(s->rb_left, s);
	if (s == node->rb_right) {
		new_parent = s;
		s->rb_right = node;
	} else {
		new_parent = rb_parent(s);
		new_parent->rb_left = node;
		s->rb_right = node->rb_right;
		rb_set_parent(s->rb_right, s);
	}
	rb_change_child(node, s, rb_parent(node), root);
	s->__rb_parent_color = node_pc;
	node->rb_left = NULL;
	node->rb_right = s_right;
	if (s_right)
		rb_set_parent(s_right, node);
	rb_set_parent_color(node, new_parent, s_pc & 1);
}

void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *aug)
{
	struct rb_node *child, *parent;

	if (node->rb_left && node->rb_right)
		rb_swap_with_successor(node, root);
	child = node->rb_left ? node->rb_left : node->rb_right;
	parent = rb_parent(node);
	rb_change_child(node, child, parent, root);
	if (child)
		rb_set_parent(child, parent);
	/* The successor moved up, so its values are stale too: all lie on this path. */
	if (parent)
		aug->propagate(parent, NULL);
	if (rb_is_black(node))
		rb_erase_color(child, parent, root, aug);
}

static void dummy_propagate(struct rb_node *node, struct rb_node *stop) { }
static void dummy_rotate(struct rb_node *old, struct rb_node *new) { }

static const struct rb_augment_callbacks dummy_callbacks = {
	.propagate = dummy_propagate,
	.rotate = dummy_rotate,
};

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	rb_insert_augmented(node, root, &dummy_callbacks);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_augmented(node, root, &dummy_callbacks);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* Up until we come from a left child. */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
