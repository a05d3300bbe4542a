/*
 * Simulated physical memory for host tests of mm code (memblock, later the page and slab
 * allocators): one malloc'ed, page-aligned block standing for the RAM at
 * [base, base + size). The host asm/memory.h translates __va/__pa over it, so code under
 * test may write through the virtual addresses it computes; an address outside it BUGs.
 */
#ifndef _TESTS_HOST_SIM_MEM_H
#define _TESTS_HOST_SIM_MEM_H

#include <stddef.h>
#include <linux/types.h>

/* Fill byte of fresh simulated memory: not 0, so missing zeroing shows. */
#define SIM_MEM_POISON	0x5a

extern char *sim_mem;
extern phys_addr_t sim_phys_base;
extern size_t sim_mem_size;

/*
 * Replaces any previous simulation with @size bytes of RAM at physical @base (@base page
 * aligned; the virtual block is page aligned too), filled with SIM_MEM_POISON.
 */
void sim_mem_init(phys_addr_t base, size_t size);
/* Frees the simulation; __va/__pa BUG until the next sim_mem_init. */
void sim_mem_free(void);
/* Whether [base, base + size) lies inside the simulation. */
bool sim_mem_contains(phys_addr_t base, phys_addr_t size);

#endif
