/* NUMA facts from the flat device tree (drivers/of/of_numa.c), and the arch hooks that
 * receive them (defined by drivers/base/arch_numa.c, or by a host test). */
#ifndef _LINUX_OF_NUMA_H
#define _LINUX_OF_NUMA_H

#include <linux/types.h>
#include <linux/numa.h>

/*
 * Reads numa-node-id of every cpu under /cpus and of every memory node, and the
 * numa-distance-map-v1 node: marks the nodes found in numa_nodes_parsed and passes the
 * memory ranges and distances to the hooks below. Returns 0, or -EINVAL on a bad id or
 * distance (the caller then falls back to one node), -ENODEV without a tree.
 */
int of_numa_init(void);
/*
 * The node of device-tree node @node (a flat-tree offset): its numa-node-id or its
 * nearest ancestor's, NUMA_NO_NODE when there is none or the node is not possible.
 */
int of_node_to_nid(int node);

/* Memory [start, end) belongs to node nid (which is then parsed); 0 or -errno. */
int numa_add_memblk(int nid, u64 start, u64 end);
/* Distance from one node to another (10 to itself), as the distance map gives it. */
void numa_set_distance(int from, int to, int distance);

#endif
