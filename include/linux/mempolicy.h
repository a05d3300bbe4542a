/*
 * NUMA memory policies (mm/mempolicy.c, Linux's include/linux/mempolicy.h): which nodes
 * a task's or a VMA's pages come from.
 */
#ifndef _LINUX_MEMPOLICY_H
#define _LINUX_MEMPOLICY_H

#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <uapi/linux/mempolicy.h>

/*
 * A policy never changes once set up: set_mempolicy and mbind put in a new one. So a
 * task, its children and every VMA split from one mbind share one policy, counted by
 * refcnt, where Linux copies it (mpol_dup) for cpusets to rebind each copy.
 */
struct mempolicy {
	atomic_t refcnt;
	unsigned short mode;		/* MPOL_* */
	unsigned short flags;		/* MPOL_F_STATIC_NODES, ..._RELATIVE_NODES, MOF, MORON */
	nodemask_t nodes;		/* the nodes used, of those with memory */
	union {
		nodemask_t user_nodemask;	/* as given, with STATIC or RELATIVE_NODES */
	} w;
};

static inline void mpol_put(struct mempolicy *pol)
{
	if (pol && atomic_dec_and_test(&pol->refcnt))
		kfree(pol);
}

static inline void mpol_get(struct mempolicy *pol)
{
	if (pol)
		atomic_inc(&pol->refcnt);
}

#define vma_policy(vma)	((vma)->vm_policy)

/* The same policy, for VMAs to merge: equal in every field but the count. */
static inline bool mpol_equal(struct mempolicy *a, struct mempolicy *b)
{
	if (a == b)
		return true;
	if (!a || !b || a->mode != b->mode || a->flags != b->flags)
		return false;
	if ((a->flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)) &&
	    a->w.user_nodemask.bits[0] != b->w.user_nodemask.bits[0])
		return false;
	return a->nodes.bits[0] == b->nodes.bits[0];
}

/* "bind:1", "interleave=static:0-3", "default": numa_maps' text for pol. */
void mpol_to_str(char *buffer, int maxlen, struct mempolicy *pol);
/* The task's policy, a reference (mpol_put it), never NULL. */
struct mempolicy *get_task_policy_ref(struct task_struct *p);

#endif
