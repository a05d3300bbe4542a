/* See sim_boot.h: the boot steps the page allocator and SLUB suites share. */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/percpu.h>
#include "sim_boot.h"

void sim_bootmem_init(void)
{
	int nid;

	min_low_pfn = PFN_UP(memblock_start_of_DRAM());
	max_low_pfn = max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	for_each_online_node(nid) {
		unsigned long start_pfn, end_pfn;

		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		setup_node_data(nid, start_pfn, end_pfn);
	}
	sparse_init();
	zone_sizes_init();
	/* As smp_init_cpus leaves setup_arch: the possible cpus are those given a node. */
	cpumask_clear(&__cpu_possible_mask);
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_to_node(cpu) != NUMA_NO_NODE)
			cpumask_set_cpu(cpu, &__cpu_possible_mask);
	/* start_kernel's next step after setup_arch (tests/host/percpu_emul.c). */
	setup_per_cpu_areas();
}
