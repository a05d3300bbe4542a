/*
 * Host build of include/asm/memory.h (this directory comes first on the include path):
 * the kernel's own header for the layout and pfn helpers, but __va/__pa translate over a simulated
 * physical memory (tests/host/sim_mem.h): physical address p is the byte at
 * sim_mem + (p - sim_phys_base). Translating an address outside the simulation is a BUG.
 * The kernel image is not in the simulated RAM: __pa_symbol and lm_alias of one are a
 * BUG (the boot code that uses them, arm64_memblock_init and free_initmem, builds on the
 * host but never runs there), and kimage_voffset is left out.
 */
#ifndef _HOST_ASM_MEMORY_H
#define _HOST_ASM_MEMORY_H

/* The kernel's header gives the layout; only the translations are replaced below. */
#include_next <asm/memory.h>

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <linux/types.h>
#include <linux/bug.h>

/* The simulated RAM: sim_mem_size bytes at physical sim_phys_base (tests/host/sim_mem.c). */
extern char *sim_mem;
extern phys_addr_t sim_phys_base;
extern size_t sim_mem_size;

/* RAM starts at the simulation's base, as memstart_addr would say on the machine. */
#undef PHYS_OFFSET
#define PHYS_OFFSET		sim_phys_base

/* The end of the simulation is a valid address (one past the last byte). */
static inline void *__sim_phys_to_virt(phys_addr_t x)
{
	BUG_ON(!sim_mem || x - sim_phys_base > sim_mem_size);
	return sim_mem + (x - sim_phys_base);
}

static inline phys_addr_t __sim_virt_to_phys(const void *x)
{
	BUG_ON(!sim_mem || (size_t)((const char *)x - sim_mem) > sim_mem_size);
	return sim_phys_base + (phys_addr_t)((const char *)x - sim_mem);
}

#undef __pa
#undef __va
#undef virt_to_phys
#undef phys_to_virt
#undef __pa_symbol
#undef lm_alias
#define __pa(x)			__sim_virt_to_phys((const void *)(x))
#define __va(x)			__sim_phys_to_virt((phys_addr_t)(x))
#define virt_to_phys(x)		__pa(x)
#define phys_to_virt(x)		__va(x)
#define __pa_symbol(x)		({ BUG(); (phys_addr_t)(unsigned long)(x); })
#define lm_alias(x)		({ BUG(); (x); })
#endif

#endif
