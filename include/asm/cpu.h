/* A cpu's identification as recorded at bring-up (Linux's asm/cpu.h). */
#ifndef _ASM_CPU_H
#define _ASM_CPU_H

#include <linux/types.h>
#include <linux/percpu.h>

struct cpuinfo_arm64 {
	u32 reg_midr;
};

DECLARE_PER_CPU(struct cpuinfo_arm64, cpu_data);

/* Records this cpu's registers and reports its I-cache (each cpu, as it comes up). */
void cpuinfo_store_cpu(unsigned int cpu);

#endif
