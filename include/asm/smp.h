/* The running cpu's logical number, for per-cpu data: irq counts, GIC redistributor, tick. */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#include <linux/const.h>

/* Offsets in struct secondary_data, for head.S (checked against the struct below). */
#define SECONDARY_DATA_STACK	0
#define SECONDARY_DATA_TASK	8
#define SECONDARY_DATA_CPU	16
/* The affinity fields of MPIDR_EL1: what a cpu's reg in the device tree holds. */
#define MPIDR_HWID_BITMASK	_ULL(0xff00ffffff)

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/arch_numa.h>	/* NR_CPUS */
#include <linux/percpu-defs.h>

struct task_struct;

/*
 * What the boot cpu hands the secondary it is starting (one at a time: __cpu_up writes
 * it, then waits for that cpu to come online before starting the next).
 */
struct secondary_data {
	void *stack;			/* top of the cpu's first stack */
	struct task_struct *task;	/* its idle task, for SP_EL0 (current) */
	unsigned long cpu;		/* its logical number */
};
_Static_assert(__builtin_offsetof(struct secondary_data, task) == SECONDARY_DATA_TASK, "head.S");
_Static_assert(__builtin_offsetof(struct secondary_data, cpu) == SECONDARY_DATA_CPU, "head.S");
extern struct secondary_data secondary_data;

/*
 * Each cpu's logical number, in its per-cpu area (as Linux arm64): read through this
 * cpu's offset in TPIDR_EL1, so a cpu only has to set its offset (set_my_cpu_offset).
 * Written for every possible cpu by smp_prepare_boot_cpu, read-only after.
 */
DECLARE_PER_CPU_READ_MOSTLY(int, cpu_number);
#define raw_smp_processor_id()	((unsigned int)*raw_cpu_ptr(&cpu_number))
#define smp_processor_id()	raw_smp_processor_id()

/*
 * The boot cpu, right after setup_per_cpu_areas: its own per-cpu offset, every possible
 * cpu's cpu_number, its caches ("Detected ... I-cache"). A secondary cpu sets
 * set_my_cpu_offset(per_cpu_offset(cpu)) before its first per-cpu access.
 */
void smp_prepare_boot_cpu(void);

#define INVALID_HWID		(~0ULL)

/* MPIDR of each logical cpu (written at boot by smp_init_cpus, read-only after). */
extern u64 __cpu_logical_map[NR_CPUS];
#define cpu_logical_map(cpu)		(__cpu_logical_map[cpu])
#define set_cpu_logical_map(cpu, hwid)	(__cpu_logical_map[cpu] = (hwid))

/* Reads the device tree's cpus into the logical map and the possible/present masks. */
void smp_init_cpus(void);
/* C entry of a secondary cpu (head.S), on its own stack with the MMU on. */
void secondary_start_kernel(unsigned int cpu, unsigned int boot_mode);
/* head.S: where PSCI CPU_ON starts a secondary (physical address, MMU off). */
extern char secondary_entry[];

#endif /* __ASSEMBLY__ */
#endif
