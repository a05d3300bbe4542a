/* NUMA node numbering limits. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#define NODES_SHIFT	4
#define MAX_NUMNODES	(1 << NODES_SHIFT)
#define NUMA_NO_NODE	(-1)

/* SLIT distances: a node to itself, and the default between two nodes. */
#define LOCAL_DISTANCE	10
#define REMOTE_DISTANCE	20

#endif
