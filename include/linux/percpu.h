/*
 * The percpu allocator (mm/percpu.c): the first chunk built at boot from the static
 * per-cpu section, and dynamic per-cpu memory (alloc_percpu) on top of it.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/pfn.h>
#include <linux/percpu-defs.h>

/* The smallest allocation and its alignment: the area bitmap has a bit per 4 bytes. */
#define PCPU_MIN_ALLOC_SHIFT		2
#define PCPU_MIN_ALLOC_SIZE		(1 << PCPU_MIN_ALLOC_SHIFT)

/* A unit is at least this big, so that the first chunk has room to serve from. */
#define PCPU_MIN_UNIT_SIZE		PFN_ALIGN(32 << 10)
/* The dynamic part of the first chunk: at least this much, more if the unit has room. */
#define PERCPU_DYNAMIC_EARLY_SIZE	(20 << 10)
/* What setup_per_cpu_areas asks for: room for the boot's dynamic allocations. */
#define PERCPU_DYNAMIC_RESERVE		(28 << 10)
/* The reserved part (module static per-cpu data in Linux): no modules, none. */
#define PERCPU_MODULE_RESERVE		0

/* The cpus whose units are allocated together, at base_offset from the chunk's base. */
struct pcpu_group_info {
	int nr_units;			/* aligned to units per allocation */
	unsigned long base_offset;
	unsigned int *cpu_map;		/* unit -> cpu; NR_CPUS for an unused unit */
};

/* How the first chunk is laid out (pcpu_build_alloc_info); sizes in bytes. */
struct pcpu_alloc_info {
	size_t static_size;
	size_t reserved_size;
	size_t dyn_size;
	size_t unit_size;
	size_t atom_size;		/* allocation granule (PAGE_SIZE) */
	size_t alloc_size;		/* bytes of one allocation of units */
	size_t __ai_size;		/* of this structure, to free it */
	int nr_groups;
	struct pcpu_group_info groups[];
};

/* Distance between two cpus' nodes; cpus at LOCAL_DISTANCE share a group. */
typedef int (pcpu_fc_cpu_distance_fn_t)(unsigned int from, unsigned int to);
/* The node of a cpu, for its unit's memory. */
typedef int (pcpu_fc_cpu_to_node_fn_t)(int cpu);

/* Written by pcpu_setup_first_chunk, read-only after. */
extern void *pcpu_base_addr;
extern const unsigned long *pcpu_unit_offsets;

/*
 * pcpu_embed_first_chunk - build the first chunk in memblock memory, one unit per
 * possible cpu on its node, and hand it to pcpu_setup_first_chunk.
 * Return: 0, or -EINVAL / -ENOMEM (the caller panics: nothing works without it).
 * Context: boot, memblock only, before the buddy allocator.
 */
int pcpu_embed_first_chunk(size_t reserved_size, size_t dyn_size, size_t atom_size,
			   pcpu_fc_cpu_distance_fn_t cpu_distance_fn,
			   pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn);
/* Sets up the per-cpu areas and __per_cpu_offset (drivers/base/arch_numa.c). */
void setup_per_cpu_areas(void);

/*
 * __alloc_percpu - zeroed per-cpu memory of @size bytes aligned to @align in every
 * possible cpu's unit
 * Return: a __percpu pointer, or NULL (with a warning when the request is invalid:
 * size 0 or above the unit, align not a power of two or above PAGE_SIZE).
 * Context: process context; takes pcpu_lock with interrupts off.
 */
void __percpu *__alloc_percpu(size_t size, size_t align);
#define alloc_percpu(type)						\
	((__typeof__(type) __percpu *)__alloc_percpu(sizeof(type), __alignof__(type)))
/* Frees what __alloc_percpu returned; NULL is ignored. Any context but NMI. */
void free_percpu(void __percpu *ptr);

/* Pages the percpu allocator holds, every unit counted: /proc/meminfo's "Percpu:". */
unsigned long pcpu_nr_pages(void);

#endif
