/* NUMA facts from the flat device tree (drivers/of/of_numa.c), and the arch hooks that
 * receive them (defined by drivers/base/arch_numa.c, or by a host test). */
#ifndef _LINUX_OF_NUMA_H
#define _LINUX_OF_NUMA_H

#include <linux/types.h>
#include <linux/numa.h>

/*
 * Reads numa-node-id of every cpu under /cpus and of every memory node, and the
 * numa-distance-map-v1 node, and passes them to the hooks below. Returns 0, or -EINVAL
 * on a bad id or distance (the caller then falls back to one node), -ENODEV without a
 * tree.
 */
int of_numa_init(void);

/* Memory [start, end) belongs to node nid; 0 or -errno. */
int numa_add_memblk(int nid, u64 start, u64 end);
/* Distance from one node to another (10 to itself), as the distance map gives it. */
void numa_set_distance(int from, int to, int distance);
/*
 * The cpu whose "reg" (MPIDR affinity) is cpu_reg sits on node nid. Called once per cpu
 * node in tree order; nid is NUMA_NO_NODE for a cpu without numa-node-id.
 */
void numa_set_cpu_node(int cpu_reg, int nid);

#endif
