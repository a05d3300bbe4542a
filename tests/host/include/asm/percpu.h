/*
 * Host build of include/asm/percpu.h: no TPIDR_EL1; this cpu (always cpu 0, see
 * asm/smp.h) finds its copy through __per_cpu_offset[0], as asm-generic's percpu.h does
 * with per_cpu_offset(raw_smp_processor_id()). (Where the variables go: the host's
 * linux/percpu-defs.h.) A test that uses this_cpu_* without percpu_emul.c defines
 * __per_cpu_offset and fills it itself.
 */
#ifndef _HOST_ASM_PERCPU_H
#define _HOST_ASM_PERCPU_H

#include_next <asm/percpu.h>

#undef __my_cpu_offset
#define __my_cpu_offset		per_cpu_offset(0)

#endif
