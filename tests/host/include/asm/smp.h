/*
 * Host build of include/asm/smp.h: the tests run on one thread, which is cpu 0; there is
 * no per-cpu area to read cpu_number from (the kernel's smp.c is not linked).
 */
#ifndef _HOST_ASM_SMP_H
#define _HOST_ASM_SMP_H

#include_next <asm/smp.h>

#undef raw_smp_processor_id
#define raw_smp_processor_id()	0U

#endif
