/* What head.S leaves for setup_arch. */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <linux/types.h>

extern u64 __fdt_pointer;	/* physical address of the device tree (x0 at entry) */
extern u32 __boot_cpu_mode;	/* BOOT_CPU_MODE_EL1 or BOOT_CPU_MODE_EL2 */
extern u64 boot_args[4];	/* x0-x3 at entry */

void setup_arch(char **cmdline_p);
/* Prints which physical cpu boots (its MPIDR and MIDR), first thing in start_kernel. */
void smp_setup_processor_id(void);
/* Prints the exception level the cpus were entered at. */
void hyp_mode_check(void);
void arm64_memblock_init(void);
void bootmem_init(void);

#endif
