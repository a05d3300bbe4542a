/*
 * Augmented red-black trees: each node keeps a value computed from its subtree (the
 * largest free size below it, for vmalloc's free areas), kept right through every
 * insertion, erasure and rotation by the user's callbacks, as Linux's
 * rbtree_augmented.h. Our callbacks differ from Linux's in one respect: there is no
 * copy callback, because rb_erase_augmented recomputes the whole path to the root.
 */
#ifndef _LINUX_RBTREE_AUGMENTED_H
#define _LINUX_RBTREE_AUGMENTED_H

#include <linux/rbtree.h>

/*
 * propagate(node, stop): recompute node and its ancestors up to, not including, stop
 * (NULL: up to the root), children before parents.
 * rotate(old, new): new took old's place in a rotation; new gets old's value (its
 * subtree is old's former subtree) and old is recomputed from its new children.
 */
struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/*
 * After rb_link_node: rebalances, with the rotations reported. The caller then calls
 * propagate from the new node to the root (its ancestors' values do not count it yet).
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
/* Unlinks node and rebalances; every node's value is right afterwards. */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

/*
 * RB_DECLARE_CALLBACKS_MAX - callbacks for "field = max of RBCOMPUTE over the subtree"
 * @rbstatic: static or empty
 * @rbname: the struct rb_augment_callbacks to define
 * @rbstruct, @rbfield, @rbtype: the node type, its struct rb_node member, ...
 * @rbaugmented: ... and the member holding the subtree maximum, of type @rbtype
 * @rbcompute: the node's own value
 */
#define RB_DECLARE_CALLBACKS_MAX(rbstatic, rbname, rbstruct, rbfield, rbtype,	\
				 rbaugmented, rbcompute)			\
static inline rbtype rbname ## _compute_max(rbstruct *node)			\
{										\
	rbstruct *child;							\
	rbtype max = rbcompute(node);						\
										\
	if (node->rbfield.rb_left) {						\
		child = rb_entry(node->rbfield.rb_left, rbstruct, rbfield);	\
		if (child->rbaugmented > max)					\
			max = child->rbaugmented;				\
	}									\
	if (node->rbfield.rb_right) {						\
		child = rb_entry(node->rbfield.rb_right, rbstruct, rbfield);	\
		if (child->rbaugmented > max)					\
			max = child->rbaugmented;				\
	}									\
	return max;								\
}										\
static void rbname ## _propagate(struct rb_node *rb, struct rb_node *stop)	\
{										\
	for (; rb != stop; rb = rb_parent(rb)) {				\
		rbstruct *node = rb_entry(rb, rbstruct, rbfield);		\
		node->rbaugmented = rbname ## _compute_max(node);		\
	}									\
}										\
static void rbname ## _rotate(struct rb_node *rb_old, struct rb_node *rb_new)	\
{										\
	rbstruct *old = rb_entry(rb_old, rbstruct, rbfield);			\
	rbstruct *new = rb_entry(rb_new, rbstruct, rbfield);			\
										\
	new->rbaugmented = old->rbaugmented;					\
	old->rbaugmented = rbname ## _compute_max(old);				\
}										\
rbstatic const struct rb_augment_callbacks rbname = {				\
	.propagate = rbname ## _propagate,					\
	.rotate = rbname ## _rotate,						\
}

#endif
