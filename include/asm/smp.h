/* The running cpu's logical number, for per-cpu data: irq counts, GIC redistributor, tick. */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#include <linux/types.h>
#include <linux/arch_numa.h>	/* NR_CPUS */
#include <linux/percpu-defs.h>

/*
 * Each cpu's logical number, in its per-cpu area (as Linux arm64): read through this
 * cpu's offset in TPIDR_EL1, so a cpu only has to set its offset (set_my_cpu_offset).
 * Written for every possible cpu by smp_prepare_boot_cpu, read-only after.
 */
DECLARE_PER_CPU_READ_MOSTLY(int, cpu_number);
#define raw_smp_processor_id()	((unsigned int)*raw_cpu_ptr(&cpu_number))
#define smp_processor_id()	raw_smp_processor_id()

/*
 * The boot cpu, right after setup_per_cpu_areas: its own per-cpu offset, and every
 * possible cpu's cpu_number. A secondary cpu sets set_my_cpu_offset(per_cpu_offset(cpu))
 * before its first per-cpu access.
 */
void smp_prepare_boot_cpu(void);

#define INVALID_HWID		(~0ULL)
#define MPIDR_HWID_BITMASK	0xff00ffffffULL

/* MPIDR of each logical cpu (written at boot by smp_init_cpus, read-only after). */
extern u64 __cpu_logical_map[NR_CPUS];
#define cpu_logical_map(cpu)		(__cpu_logical_map[cpu])
#define set_cpu_logical_map(cpu, hwid)	(__cpu_logical_map[cpu] = (hwid))

/* Reads the device tree's cpus into the logical map and the possible/present masks. */
void smp_init_cpus(void);

#endif
