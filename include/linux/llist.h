/*
 * Lock-less NULL-terminated singly linked lists (Linux's include/linux/llist.h): any
 * number of producers add entries with llist_add (a compare-and-swap on the head), one
 * consumer takes them all at once with llist_del_all. Used by the scheduler's wake lists.
 */
#ifndef _LINUX_LLIST_H
#define _LINUX_LLIST_H

#include <linux/kernel.h>

struct llist_node {
	struct llist_node *next;
};

/* The list head: first is written only by llist_add's and llist_del_all's atomics. */
struct llist_head {
	struct llist_node *first;
};

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)

/* Whether obj's member is at a non-NULL address: the list's end is a NULL node. */
#define member_address_is_nonnull(obj, member)	\
	((unsigned long)(obj) + offsetof(typeof(*(obj)), member) != 0)

/* Iterates over entries taken off with llist_del_all; pos may be freed by the body. */
#define llist_for_each_entry_safe(pos, n, node, member)					\
	for (pos = llist_entry((node), typeof(*pos), member);				\
	     member_address_is_nonnull(pos, member) &&					\
	     (n = llist_entry(pos->member.next, typeof(*n), member), true);		\
	     pos = n)

/* Adds new at the head; true if the list was empty before (the consumer needs a kick). */
static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	struct llist_node *first = __atomic_load_n(&head->first, __ATOMIC_RELAXED);

	do {
		new->next = first;
	} while (!__atomic_compare_exchange_n(&head->first, &first, new, true,
					      __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	return !first;
}

/* Takes every entry off the list: newest first (see llist_reverse_order). */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return __atomic_exchange_n(&head->first, NULL, __ATOMIC_ACQUIRE);
}

static inline bool llist_empty(const struct llist_head *head)
{
	return !__atomic_load_n(&head->first, __ATOMIC_RELAXED);
}

/* The chain taken by llist_del_all in the order it was added, oldest first. */
static inline struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *new_head = NULL;

	while (head) {
		struct llist_node *tmp = head;

		head = head->next;
		tmp->next = new_head;
		new_head = tmp;
	}
	return new_head;
}

#endif
