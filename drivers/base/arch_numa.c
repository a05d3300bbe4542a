/*
 * NUMA nodes from the device tree (arch_numa_init -> numa_init(of_numa_init)): which
 * memory belongs to which node (recorded as memblock node ids), which cpu sits on which
 * node, and the distance table. With numa=off, or when the tree says nothing usable, one
 * node is faked over all memory (dummy_numa_init), as Linux does.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/arch_numa.h>
#include <linux/of_fdt.h>
#include <linux/of_numa.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <asm/sections.h>

nodemask_t node_states[NR_NODE_STATES];
int cpu_to_node_map[NR_CPUS] = { [0 ... NR_CPUS - 1] = NUMA_NO_NODE };
/* Each node's cpus that have come up; each starting cpu sets its own bit, atomically. */
static struct cpumask node_to_cpumask_map[MAX_NUMNODES];
unsigned long __per_cpu_offset[NR_CPUS];

nodemask_t numa_nodes_parsed __initdata;
static u8 numa_distance[MAX_NUMNODES][MAX_NUMNODES];
static bool numa_off;

static int __init numa_parse_early_param(char *opt)
{
	if (opt && !strncmp(opt, "off", 3))
		numa_off = true;
	return 0;
}
early_param("numa", numa_parse_early_param);

int __init numa_add_memblk(int nid, u64 start, u64 end)
{
	int ret = memblock_set_node(start, end - start, &memblock.memory, nid);

	if (ret < 0) {
		pr_err("memblock [0x%llx - 0x%llx] failed to add on node %d\n",
		       (unsigned long long)start, (unsigned long long)end - 1, nid);
		return ret;
	}
	node_set(nid, &numa_nodes_parsed);
	return 0;
}

void __init numa_set_distance(int from, int to, int distance)
{
	if (from < 0 || from >= MAX_NUMNODES || to < 0 || to >= MAX_NUMNODES ||
	    distance < 0 || distance > 255 || (from == to && distance != LOCAL_DISTANCE)) {
		pr_warn("NUMA: invalid distance %d between nodes %d and %d, ignored\n",
			distance, from, to);
		return;
	}
	numa_distance[from][to] = distance;
}

int __node_distance(int from, int to)
{
	if (from < 0 || from >= MAX_NUMNODES || to < 0 || to >= MAX_NUMNODES)
		return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return numa_distance[from][to];
}

const struct cpumask *cpumask_of_node(int node)
{
	return &node_to_cpumask_map[node];
}

void numa_add_cpu(unsigned int cpu)
{
	cpumask_set_cpu((int)cpu, &node_to_cpumask_map[cpu_to_node(cpu)]);
}

void __init early_map_cpu_to_node(unsigned int cpu, int nid)
{
	if (nid < 0 || nid >= MAX_NUMNODES || numa_off)
		nid = 0;
	cpu_to_node_map[cpu] = nid;
}

static void __init numa_reset_distance(void)
{
	for (int i = 0; i < MAX_NUMNODES; i++)
		for (int j = 0; j < MAX_NUMNODES; j++)
			numa_distance[i][j] = i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/* Every memory region must belong to a parsed node; otherwise NUMA is not usable. */
static int __init numa_register_nodes(void)
{
	struct memblock_region *mblk;
	int nid;

	for_each_mem_region(mblk) {
		int mnid = memblock_get_region_node(mblk);

		if (mnid == NUMA_NO_NODE || mnid >= MAX_NUMNODES) {
			pr_warn("NUMA: Warning: invalid memblk node %d [mem %#010llx-%#010llx]\n",
				mnid, (unsigned long long)mblk->base,
				(unsigned long long)(mblk->base + mblk->size - 1));
			return -EINVAL;
		}
	}
	for_each_node_mask(nid, &numa_nodes_parsed) {
		unsigned long start_pfn, end_pfn;

		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		setup_node_data(nid, start_pfn, end_pfn);
		node_set(nid, &node_states[N_POSSIBLE]);
		node_set_online(nid);
	}
	return 0;
}

static int __init numa_init(int (*init_func)(void))
{
	int ret;

	nodes_clear(&numa_nodes_parsed);
	numa_reset_distance();
	ret = init_func();
	if (ret < 0)
		return ret;
	if (nodes_empty(&numa_nodes_parsed)) {
		pr_info("No NUMA configuration found\n");
		return -EINVAL;
	}
	return numa_register_nodes();
}

static int __init dummy_numa_init(void)
{
	phys_addr_t start = memblock_start_of_DRAM();
	phys_addr_t end = memblock_end_of_DRAM() - 1;
	int ret;

	if (numa_off)
		pr_info("NUMA disabled\n");
	pr_info("NUMA: Faking a node at [mem %#018llx-%#018llx]\n",
		(unsigned long long)start, (unsigned long long)end);
	ret = numa_add_memblk(0, start, end + 1);
	if (ret)
		return ret;
	numa_off = true;
	return 0;
}

void __init arch_numa_init(void)
{
	if (!numa_off && !numa_init(of_numa_init))
		return;
	numa_init(dummy_numa_init);
}

static int __init early_cpu_to_node(int cpu)
{
	return cpu_to_node(cpu);
}

static int __init pcpu_cpu_distance(unsigned int from, unsigned int to)
{
	return node_distance(early_cpu_to_node((int)from), early_cpu_to_node((int)to));
}

/*
 * setup_per_cpu_areas - the first percpu chunk, a unit per possible cpu on its node,
 * and each cpu's __per_cpu_offset. Context: start_kernel, memblock only.
 */
void __init setup_per_cpu_areas(void)
{
	unsigned long delta;
	unsigned int cpu;
	int rc;

	rc = pcpu_embed_first_chunk(PERCPU_MODULE_RESERVE, PERCPU_DYNAMIC_RESERVE, PAGE_SIZE,
				    pcpu_cpu_distance, early_cpu_to_node);
	if (rc < 0)
		panic("Failed to initialize percpu areas (err=%d).", rc);
	delta = (unsigned long)pcpu_base_addr - (unsigned long)__per_cpu_start;
	for_each_possible_cpu(cpu)
		__per_cpu_offset[cpu] = delta + pcpu_unit_offsets[cpu];
}
