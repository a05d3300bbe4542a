/* Sets of NUMA nodes, and the node states (possible, online, has memory, has cpus). */
#ifndef _LINUX_NODEMASK_H
#define _LINUX_NODEMASK_H

#include <linux/types.h>
#include <linux/numa.h>

typedef struct {
	unsigned long bits[1];
} nodemask_t;

_Static_assert(MAX_NUMNODES <= 64, "nodemask_t holds one word");

#define NODE_MASK_NONE	((nodemask_t) { { 0 } })

static inline void node_set(int node, nodemask_t *m) { m->bits[0] |= 1UL << node; }
static inline void node_clear(int node, nodemask_t *m) { m->bits[0] &= ~(1UL << node); }
static inline bool node_isset(int node, const nodemask_t *m) { return m->bits[0] >> node & 1; }
static inline void nodes_clear(nodemask_t *m) { m->bits[0] = 0; }
static inline bool nodes_empty(const nodemask_t *m) { return !m->bits[0]; }
/* Set bits, counted without __builtin_popcount: it would call libgcc, which is not linked. */
static inline int nodes_weight(const nodemask_t *m)
{
	unsigned long w = m->bits[0];
	int n = 0;

	for (; w; w &= w - 1)
		n++;
	return n;
}

/* The first node of m at or after n, or MAX_NUMNODES. */
static inline int next_node(int n, const nodemask_t *m)
{
	unsigned long rest = n >= MAX_NUMNODES ? 0 : m->bits[0] >> n << n;

	return rest ? __builtin_ctzl(rest) : MAX_NUMNODES;
}

#define first_node(m)	next_node(0, m)

/* The first node of m after n, wrapping around; MAX_NUMNODES if m is empty. */
static inline int next_node_in(int n, const nodemask_t *m)
{
	int ret = next_node(n + 1, m);

	return ret == MAX_NUMNODES ? first_node(m) : ret;
}
#define for_each_node_mask(node, mask)					\
	for ((node) = first_node(mask); (node) < MAX_NUMNODES;		\
	     (node) = next_node((node) + 1, mask))

enum node_states {
	N_POSSIBLE,
	N_ONLINE,
	N_MEMORY,
	N_CPU,
	NR_NODE_STATES
};

/* Written while booting, read-only afterwards. */
extern nodemask_t node_states[NR_NODE_STATES];

#define node_online(node)		node_isset(node, &node_states[N_ONLINE])
#define node_set_online(node)		node_set(node, &node_states[N_ONLINE])
#define node_state(node, s)		node_isset(node, &node_states[s])
#define node_set_state(node, s)		node_set(node, &node_states[s])
#define for_each_node_state(n, s)	for_each_node_mask(n, &node_states[s])
#define for_each_online_node(n)		for_each_node_state(n, N_ONLINE)
#define for_each_node(n)		for_each_node_state(n, N_POSSIBLE)
#define num_online_nodes()		nodes_weight(&node_states[N_ONLINE])

#endif
