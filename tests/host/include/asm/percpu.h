/*
 * Host build of include/asm/percpu.h: no TPIDR_EL1; this cpu (always cpu 0, see
 * asm/smp.h) finds its copy through __per_cpu_offset[0], as asm-generic's percpu.h does
 * with per_cpu_offset(raw_smp_processor_id()). Per-cpu variables all go to the section
 * "host_percpu", whose bounds the linker gives as __start_host_percpu/__stop_host_percpu,
 * so tests/host/percpu_emul.c can copy it for each cpu. A test that uses this_cpu_*
 * without percpu_emul.c defines __per_cpu_offset and fills it itself.
 */
#ifndef _HOST_ASM_PERCPU_H
#define _HOST_ASM_PERCPU_H

#include_next <asm/percpu.h>

#undef __my_cpu_offset
#define __my_cpu_offset		per_cpu_offset(0)

#define DECLARE_PER_CPU_SECTION(type, name, sec)	extern __typeof__(type) name
#define DEFINE_PER_CPU_SECTION(type, name, sec)					\
	__attribute__((__section__("host_percpu"))) __typeof__(type) name

#endif
