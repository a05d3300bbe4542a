/* NUMA set-up from firmware (the device tree): nodes, their memory, cpus and distances. */
#ifndef _LINUX_ARCH_NUMA_H
#define _LINUX_ARCH_NUMA_H

#include <linux/types.h>
#include <linux/nodemask.h>

#define NR_CPUS		8

/* Node of each logical cpu; NUMA_NO_NODE until known. */
extern int cpu_to_node_map[NR_CPUS];
#define cpu_to_node(cpu)	(cpu_to_node_map[cpu])

struct cpumask;
/*
 * The cpus of node @node that have come up (numa_add_cpu, from smp bring-up): empty for
 * every node while start_kernel builds the zonelists, as in Linux.
 */
const struct cpumask *cpumask_of_node(int node);
/* Starting cpu @cpu joins its node's cpumask_of_node. */
void numa_add_cpu(unsigned int cpu);

/* Reads the nodes from the device tree, or fakes one node over all memory. */
void arch_numa_init(void);
/* Distance between two nodes, as the distance-map gives it (10 for a node to itself). */
int __node_distance(int from, int to);
#define node_distance(a, b)	__node_distance(a, b)

/* Hooks the device-tree parser (drivers/of/of_numa.c) calls, and the nodes it found. */
int numa_add_memblk(int nid, u64 start, u64 end);
void numa_set_distance(int from, int to, int distance);
extern nodemask_t numa_nodes_parsed;
/*
 * Logical cpu @cpu sits on node @nid (smp_init_cpus, from the cpu's device-tree node);
 * node 0 when nid is NUMA_NO_NODE or NUMA is off, as Linux.
 */
void early_map_cpu_to_node(unsigned int cpu, int nid);

#endif
