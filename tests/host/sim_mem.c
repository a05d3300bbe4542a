/* Simulated physical memory for host tests (see sim_mem.h). */
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/memory.h>
#include "sim_mem.h"

char *sim_mem;
phys_addr_t sim_phys_base;
size_t sim_mem_size;

void sim_mem_init(phys_addr_t base, size_t size)
{
	void *mem;

	sim_mem_free();
	if (!IS_ALIGNED(base, PAGE_SIZE) || !size ||
	    posix_memalign(&mem, PAGE_SIZE, ALIGN(size, PAGE_SIZE))) {
		fprintf(stderr, "sim_mem_init(%#llx, %#zx) failed\n",
			(unsigned long long)base, size);
		abort();
	}
	memset(mem, SIM_MEM_POISON, size);
	sim_mem = mem;
	sim_phys_base = base;
	sim_mem_size = size;
}

void sim_mem_free(void)
{
	free(sim_mem);
	sim_mem = NULL;
	sim_phys_base = 0;
	sim_mem_size = 0;
}

bool sim_mem_contains(phys_addr_t base, phys_addr_t size)
{
	return sim_mem && base >= sim_phys_base && size <= sim_mem_size &&
	       base - sim_phys_base <= sim_mem_size - size;
}
