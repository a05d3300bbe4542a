/* The running cpu's logical number, for per-cpu data: irq counts, GIC redistributor, tick. */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#include <linux/types.h>
#include <linux/arch_numa.h>	/* NR_CPUS */
#include <asm/sysreg.h>

/*
 * TPIDR_EL1 holds the logical cpu number until per-cpu offsets take it over (Linux keeps
 * the number in thread_info). Each cpu sets it with set_smp_processor_id() first thing.
 */
static inline unsigned int raw_smp_processor_id(void)
{
	return (unsigned int)read_sysreg(tpidr_el1);
}
#define smp_processor_id()	raw_smp_processor_id()

static inline void set_smp_processor_id(unsigned int cpu)
{
	write_sysreg(cpu, tpidr_el1);
}

#define INVALID_HWID		(~0ULL)
#define MPIDR_HWID_BITMASK	0xff00ffffffULL

/* MPIDR of each logical cpu (written at boot by smp_init_cpus, read-only after). */
extern u64 __cpu_logical_map[NR_CPUS];
#define cpu_logical_map(cpu)		(__cpu_logical_map[cpu])
#define set_cpu_logical_map(cpu, hwid)	(__cpu_logical_map[cpu] = (hwid))

/* Reads the device tree's cpus into the logical map and the possible/present masks. */
void smp_init_cpus(void);

#endif
