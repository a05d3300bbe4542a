/*
 * NUMA memory policy modes and the flags of set_mempolicy, get_mempolicy and mbind, as
 * Linux's uapi/linux/mempolicy.h.
 */
#ifndef _UAPI_LINUX_MEMPOLICY_H
#define _UAPI_LINUX_MEMPOLICY_H

enum {
	MPOL_DEFAULT,
	MPOL_PREFERRED,
	MPOL_BIND,
	MPOL_INTERLEAVE,
	MPOL_LOCAL,
	MPOL_PREFERRED_MANY,
	MPOL_MAX,
};

/* Flags or'ed into set_mempolicy's and mbind's mode. */
#define MPOL_F_STATIC_NODES	(1 << 15)	/* the nodes as given, not remapped */
#define MPOL_F_RELATIVE_NODES	(1 << 14)	/* node n: the n-th allowed node */
#define MPOL_F_NUMA_BALANCING	(1 << 13)	/* MPOL_BIND only: NUMA balancing may move pages */
#define MPOL_MODE_FLAGS	(MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING)

/* get_mempolicy's flags. */
#define MPOL_F_NODE		(1 << 0)	/* the node of addr's page, or the next interleave node */
#define MPOL_F_ADDR		(1 << 1)	/* the policy of the VMA at addr */
#define MPOL_F_MEMS_ALLOWED	(1 << 2)	/* the nodes the task may allocate from */


/* mbind's flags. */
#define MPOL_MF_STRICT		(1 << 0)	/* every page already there must obey the policy */
#define MPOL_MF_MOVE		(1 << 1)	/* move the pages only this process maps */
#define MPOL_MF_MOVE_ALL	(1 << 2)	/* move every page (CAP_SYS_NICE) */
#define MPOL_MF_VALID		(MPOL_MF_STRICT | MPOL_MF_MOVE | MPOL_MF_MOVE_ALL)

/* Internal flags in struct mempolicy's flags (Linux keeps them here too). */
#define MPOL_F_MOF	(1 << 3)	/* migrate on fault (NUMA balancing) */
#define MPOL_F_MORON	(1 << 4)	/* migrate towards the referencing node */

#endif
