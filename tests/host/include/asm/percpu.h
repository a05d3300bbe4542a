/*
 * Host build of include/asm/percpu.h: no TPIDR_EL1; this cpu (always cpu 0, see
 * asm/smp.h) finds its copy through __per_cpu_offset[0], as asm-generic's percpu.h does
 * with per_cpu_offset(raw_smp_processor_id()). A test that uses this_cpu_* defines
 * __per_cpu_offset and fills it as setup_per_cpu_areas would.
 */
#ifndef _HOST_ASM_PERCPU_H
#define _HOST_ASM_PERCPU_H

#include_next <asm/percpu.h>

#undef __my_cpu_offset
#define __my_cpu_offset		per_cpu_offset(0)

#endif
