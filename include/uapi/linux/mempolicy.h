/* NUMA memory policy modes and get_mempolicy's flags, as Linux's uapi/linux/mempolicy.h. */
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

/* get_mempolicy's flags. */
#define MPOL_F_NODE		(1 << 0)	/* the node of addr's page, or the next interleave node */
#define MPOL_F_ADDR		(1 << 1)	/* the policy of the VMA at addr */
#define MPOL_F_MEMS_ALLOWED	(1 << 2)	/* the nodes the task may allocate from */

#endif
