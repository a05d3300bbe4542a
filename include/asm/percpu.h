/*
 * arm64's per-cpu offset: TPIDR_EL1 holds this cpu's __per_cpu_offset, so a per-cpu
 * variable's address is its link-time address (in the .data..percpu template) plus the
 * value of one system register. Before setup_per_cpu_areas the boot cpu's offset is 0
 * (head.S clears TPIDR_EL1), so early accesses hit the template itself.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <linux/types.h>
#include <asm/sysreg.h>

/* This cpu's offset; a volatile read, so it is never cached across a migration. */
static inline unsigned long __kern_my_cpu_offset(void)
{
	return read_sysreg(tpidr_el1);
}

static inline void set_my_cpu_offset(unsigned long off)
{
	write_sysreg(off, tpidr_el1);
}

#define __my_cpu_offset		__kern_my_cpu_offset()

#endif
