/* Booting the memory manager over the simulated machine (sim_mem.h), for host suites. */
#ifndef _TESTS_HOST_SIM_BOOT_H
#define _TESTS_HOST_SIM_BOOT_H

/*
 * arch/arm64/mm/init.c's bootmem_init: the pfn limits from memblock, each online node's
 * pg_data_t, the memory map (sparse_init) and the zones; the possible cpus (those the
 * caller gave a node, as smp_init_cpus leaves them); then the per-cpu areas, as
 * start_kernel sets them up next. The caller has put memory and nodes in memblock,
 * marked the nodes online and set up the host vmemmap.
 */
void sim_bootmem_init(void);

#endif
