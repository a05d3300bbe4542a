/*
 * See sim_boot.h: the boot steps the page allocator and SLUB suites share. They run
 * arch/arm64/mm/init.c's own bootmem_init and mem_init; what those reach outside mm/ is
 * defined here for the host instead: the NUMA set-up, the image's section symbols and
 * the boot state setup_arch leaves.
 */
#include <linux/kernel.h>
#include <linux/arch_numa.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/of_fdt.h>
#include <linux/percpu.h>
#include <linux/vmalloc.h>
#include <asm/setup.h>
#include "sim_boot.h"

/*
 * The kernel image's section symbols (tests/host/include/asm/sections.h), which the
 * kernel's linker script places: here labels in the host's bss, laid out as an image of
 * 2624K text, 548K rodata, 320K init (192K of it text), 612K data and 288K bss, for the
 * Memory: line.
 */
__asm__(".pushsection .bss\n\t.balign 4096\n"
	"\t.globl host_image_text\nhost_image_text:\n"
	"\t.globl host_image_stext\nhost_image_stext:\n\t.skip 2624 * 1024\n"
	"\t.globl host_image_etext\nhost_image_etext:\n"
	"\t.globl host_image__start_rodata\nhost_image__start_rodata:\n\t.skip 548 * 1024\n"
	"\t.globl host_image__end_rodata\nhost_image__end_rodata:\n"
	"\t.globl host_image__init_begin\nhost_image__init_begin:\n"
	"\t.globl host_image_sinittext\nhost_image_sinittext:\n\t.skip 192 * 1024\n"
	"\t.globl host_image_einittext\nhost_image_einittext:\n\t.skip 128 * 1024\n"
	"\t.globl host_image__init_end\nhost_image__init_end:\n"
	"\t.globl host_image_sdata\nhost_image_sdata:\n\t.skip 612 * 1024\n"
	"\t.globl host_image_edata\nhost_image_edata:\n"
	"\t.globl host_image__bss_start\nhost_image__bss_start:\n\t.skip 288 * 1024\n"
	"\t.globl host_image__bss_stop\nhost_image__bss_stop:\n"
	"\t.globl host_image_end\nhost_image_end:\n"
	".popsection");

/* What setup_arch leaves for arm64_memblock_init, which the suites do not run. */
u64 __fdt_pointer;
void *initial_boot_params;
phys_addr_t phys_initrd_start;
unsigned long phys_initrd_size;

/*
 * The host's arch_numa_init (the kernel's reads the device tree): a pg_data_t for each
 * node the test put in memblock and marked online.
 */
void arch_numa_init(void)
{
	int nid;

	for_each_online_node(nid) {
		unsigned long start_pfn, end_pfn;

		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		setup_node_data(nid, start_pfn, end_pfn);
	}
}

/* free_initmem's; the suites never free the image's init sections. */
void vunmap_range(unsigned long start, unsigned long end)
{
	BUG();
}

void sim_bootmem_init(void)
{
	bootmem_init();
	/* As smp_init_cpus leaves setup_arch: the possible cpus are those given a node. */
	cpumask_clear(&__cpu_possible_mask);
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_to_node(cpu) != NUMA_NO_NODE)
			cpumask_set_cpu(cpu, &__cpu_possible_mask);
	/* start_kernel's next step after setup_arch (tests/host/percpu_emul.c). */
	setup_per_cpu_areas();
}
