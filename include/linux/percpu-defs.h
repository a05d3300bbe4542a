/*
 * Per-cpu variables: definitions and accessors, as Linux's percpu-defs.h and
 * asm-generic/percpu.h. A per-cpu variable is defined once, in the .data..percpu
 * section (the template); setup_per_cpu_areas copies the template into one unit per
 * possible cpu, and cpu N's copy lives at the template address + __per_cpu_offset[N].
 * A "__percpu pointer" (&per_cpu_var, or what alloc_percpu returns) is such a template
 * address: never dereferenced as is, only through per_cpu_ptr/this_cpu_ptr.
 */
#ifndef _LINUX_PERCPU_DEFS_H
#define _LINUX_PERCPU_DEFS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <linux/arch_numa.h>	/* NR_CPUS */
#include <asm/percpu.h>

/* Marks a per-cpu pointer for the reader (sparse checks it in Linux; empty here). */
#define __percpu

#define PER_CPU_BASE_SECTION	".data..percpu"

#define DECLARE_PER_CPU_SECTION(type, name, sec)				\
	extern __percpu __section(PER_CPU_BASE_SECTION sec) __typeof__(type) name
#define DEFINE_PER_CPU_SECTION(type, name, sec)					\
	__percpu __section(PER_CPU_BASE_SECTION sec) __typeof__(type) name

#define DECLARE_PER_CPU(type, name)	DECLARE_PER_CPU_SECTION(type, name, "")
#define DEFINE_PER_CPU(type, name)	DEFINE_PER_CPU_SECTION(type, name, "")
/* Written rarely (at bring-up), read often: kept apart from the busy variables. */
#define DECLARE_PER_CPU_READ_MOSTLY(type, name)					\
	DECLARE_PER_CPU_SECTION(type, name, "..read_mostly")
#define DEFINE_PER_CPU_READ_MOSTLY(type, name)					\
	DEFINE_PER_CPU_SECTION(type, name, "..read_mostly")

/*
 * Offset of each possible cpu's unit from the template (setup_per_cpu_areas writes it
 * once at boot, read-only after).
 */
extern unsigned long __per_cpu_offset[NR_CPUS];
#define per_cpu_offset(cpu)	(__per_cpu_offset[cpu])

/*
 * ptr + off, hidden from the compiler: the result is outside the object ptr points to,
 * which C would let the compiler assume impossible (Linux's RELOC_HIDE).
 */
#define SHIFT_PERCPU_PTR(ptr, off) ({						\
	unsigned long __p;							\
	__asm__ ("" : "=r"(__p) : "0"(ptr));					\
	(__typeof__(*(ptr)) *)(__p + (off));					\
})

#define per_cpu_ptr(ptr, cpu)	SHIFT_PERCPU_PTR(ptr, per_cpu_offset(cpu))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))
/* This cpu's copy; the caller keeps itself on this cpu (irqs or preemption off). */
#define raw_cpu_ptr(ptr)	SHIFT_PERCPU_PTR(ptr, __my_cpu_offset)
#define this_cpu_ptr(ptr)	raw_cpu_ptr(ptr)

/* __this_cpu_*: the caller has interrupts or preemption off. */
#define __this_cpu_read(pcp)		(*raw_cpu_ptr(&(pcp)))
#define __this_cpu_write(pcp, val)	do { *raw_cpu_ptr(&(pcp)) = (val); } while (0)
#define __this_cpu_add(pcp, val)	do { *raw_cpu_ptr(&(pcp)) += (val); } while (0)
#define __this_cpu_sub(pcp, val)	__this_cpu_add(pcp, -(__typeof__(pcp))(val))
#define __this_cpu_inc(pcp)		__this_cpu_add(pcp, 1)
#define __this_cpu_dec(pcp)		__this_cpu_sub(pcp, 1)

/*
 * this_cpu_*: safe anywhere. Finding this cpu's copy and the read-modify-write happen
 * with interrupts off, so neither an interrupt nor (once it exists) preemption and
 * migration can come in between (asm-generic's this_cpu_generic_to_op). Reads are
 * bracketed the same way, where Linux would only disable preemption.
 */
#define this_cpu_generic_to_op(pcp, val, op) do {				\
	unsigned long __flags;							\
	local_irq_save(__flags);						\
	*raw_cpu_ptr(&(pcp)) op (val);						\
	local_irq_restore(__flags);						\
} while (0)

#define this_cpu_read(pcp) ({							\
	unsigned long __flags;							\
	__typeof__(pcp) __ret;							\
	local_irq_save(__flags);						\
	__ret = __this_cpu_read(pcp);						\
	local_irq_restore(__flags);						\
	__ret;									\
})
#define this_cpu_write(pcp, val)	this_cpu_generic_to_op(pcp, val, =)
#define this_cpu_add(pcp, val)		this_cpu_generic_to_op(pcp, val, +=)
#define this_cpu_sub(pcp, val)		this_cpu_add(pcp, -(__typeof__(pcp))(val))
#define this_cpu_inc(pcp)		this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)		this_cpu_sub(pcp, 1)

#endif
