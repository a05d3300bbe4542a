/*
 * Host tests of lib/rbtree.c: random keys inserted and erased, and after every step the
 * red-black rules (black root, no red child of a red node, equal black heights), the
 * parent links, the in-order walk against a sorted brute-force copy, and an augmented
 * value (the subtree's largest weight) recomputed by brute force.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/rbtree_augmented.h>
#include "ktest.h"

struct item {
	struct rb_node rb;
	unsigned long key;
	unsigned long weight;
	unsigned long max_weight;	/* augmented: max weight in the subtree */
};

#define item_weight(it)	((it)->weight)
RB_DECLARE_CALLBACKS_MAX(static, item_cb, struct item, rb, unsigned long, max_weight,
			 item_weight);

#define N	600

static struct item items[N];
static bool in_tree[N];
static struct rb_root root;

static bool node_black(struct rb_node *n)
{
	return !n || (n->__rb_parent_color & 1);
}

/* Checks the subtree at n; returns its black height, and its max weight in *max. */
static int check_subtree(struct rb_node *n, struct rb_node *parent, unsigned long *max)
{
	unsigned long lmax = 0, rmax = 0;
	struct item *it;
	int lh, rh;

	if (!n) {
		*max = 0;
		return 1;
	}
	it = rb_entry(n, struct item, rb);
	ASSERT_TRUE(rb_parent(n) == parent);
	if (!node_black(n))
		ASSERT_TRUE(node_black(n->rb_left) && node_black(n->rb_right));
	lh = check_subtree(n->rb_left, n, &lmax);
	rh = check_subtree(n->rb_right, n, &rmax);
	ASSERT_EQ(lh, rh);
	*max = it->weight;
	if (lmax > *max)
		*max = lmax;
	if (rmax > *max)
		*max = rmax;
	ASSERT_EQ(it->max_weight, *max);
	return lh + node_black(n);
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static void check_tree(bool augmented)
{
	static unsigned long keys[N];
	unsigned long max;
	struct rb_node *n;
	int nr = 0, i = 0;

	ASSERT_TRUE(node_black(root.rb_node));
	if (augmented)
		check_subtree(root.rb_node, NULL, &max);
	for (int k = 0; k < N; k++)
		if (in_tree[k])
			keys[nr++] = items[k].key;
	qsort(keys, nr, sizeof(keys[0]), cmp_ulong);
	for (n = rb_first(&root); n; n = rb_next(n), i++)
		ASSERT_EQ(rb_entry(n, struct item, rb)->key, keys[i]);
	ASSERT_EQ(i, nr);
	for (n = rb_last(&root); n; n = rb_prev(n))
		ASSERT_EQ(rb_entry(n, struct item, rb)->key, keys[--i]);
}

static void insert(struct item *it, bool augmented)
{
	struct rb_node **link = &root.rb_node, *parent = NULL;

	while (*link) {
		struct item *cur = rb_entry(*link, struct item, rb);

		parent = *link;
		if (augmented && cur->max_weight < it->weight)
			cur->max_weight = it->weight;	/* on the way down, as Linux's users do */
		link = it->key < cur->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->rb, parent, link);
	it->max_weight = it->weight;
	if (augmented) {
		rb_insert_augmented(&it->rb, &root, &item_cb);
		item_cb.propagate(&it->rb, NULL);
	} else {
		rb_insert_color(&it->rb, &root);
	}
}

/* steps random insertions and erasures; every state checked. */
static void random_run(bool augmented, int steps)
{
	root = RB_ROOT;
	memset(in_tree, 0, sizeof(in_tree));
	for (int k = 0; k < N; k++) {
		items[k].key = ktest_rand_range(0, 1000);	/* duplicates too */
		items[k].weight = ktest_rand_range(0, 1UL << 40);
	}
	for (int s = 0; s < steps; s++) {
		int k = ktest_rand_range(0, N - 1);

		if (in_tree[k]) {
			if (augmented)
				rb_erase_augmented(&items[k].rb, &root, &item_cb);
			else
				rb_erase(&items[k].rb, &root);
		} else {
			insert(&items[k], augmented);
		}
		in_tree[k] = !in_tree[k];
		check_tree(augmented);
	}
}

static void rbtree_random_plain(void)
{
	random_run(false, 5000);
}

static void rbtree_random_augmented(void)
{
	random_run(true, 5000);
}

/* Ascending then descending keys: the worst cases of the insertion fix-up. */
static void rbtree_sorted_fill_and_drain(void)
{
	root = RB_ROOT;
	memset(in_tree, 0, sizeof(in_tree));
	for (int k = 0; k < N; k++) {
		items[k].key = k;
		items[k].weight = k % 97;
		insert(&items[k], true);
		in_tree[k] = true;
	}
	check_tree(true);
	for (int k = N - 1; k >= 0; k -= 2) {
		rb_erase_augmented(&items[k].rb, &root, &item_cb);
		in_tree[k] = false;
		check_tree(true);
	}
	for (int k = 0; k < N; k += 2) {
		rb_erase_augmented(&items[k].rb, &root, &item_cb);
		in_tree[k] = false;
		check_tree(true);
	}
	EXPECT_TRUE(RB_EMPTY_ROOT(&root));
}

KTEST_MAIN("rbtree",
	   KTEST_CASE(rbtree_random_plain),
	   KTEST_CASE(rbtree_random_augmented),
	   KTEST_CASE(rbtree_sorted_fill_and_drain))
