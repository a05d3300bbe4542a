/*
 * setup_arch: from the state head.S leaves (MMU on, running at the link address, only
 * the image mapped) to a machine described in memblock: fixmap, device tree, early
 * parameters, memory and NUMA nodes.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <linux/memblock.h>
#include <linux/psci.h>
#include <linux/smp.h>
#include <linux/ioport.h>
#include <linux/pfn.h>
#include <asm/sections.h>
#include <asm/early_ioremap.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/memory.h>
#include <asm/setup.h>
#include <asm/stacktrace.h>
#include <asm/sysreg.h>

u64 __fdt_pointer;
u32 __boot_cpu_mode;
u64 kimage_voffset;
char boot_command_line[COMMAND_LINE_SIZE];

/* The init task's stack; every kernel stack is THREAD_SIZE aligned (the unwinder relies on it). */
u8 init_stack[THREAD_SIZE] __aligned(THREAD_SIZE);

void __init smp_setup_processor_id(void)
{
	u64 mpidr = read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK;

	set_cpu_logical_map(0, mpidr);

	pr_info("Booting Linux on physical CPU 0x%010llx [0x%08x]\n",
		(unsigned long long)mpidr, (u32)read_sysreg(midr_el1));
}

void __init early_init_dt_add_memory_arch(u64 base, u64 size)
{
	const u64 phys_limit = 1ULL << 48;

	if (base >= phys_limit) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)(base + size));
		return;
	}
	if (base + size > phys_limit || base + size < base)
		size = phys_limit - base;
	/* Before memblock may grow its arrays, a tree of too many ranges loses the rest. */
	if (memblock_add(base, size))
		pr_err("Ignoring memory block 0x%llx - 0x%llx: memblock holds only %lu memory "
		       "ranges at boot\n", (unsigned long long)base,
		       (unsigned long long)(base + size), memblock.memory.max);
}

/* A tree we cannot use is fatal: nothing else says how much memory there is. */
static void __init setup_machine_fdt(phys_addr_t dt_phys)
{
	int size = 0;
	void *dt_virt = fixmap_remap_fdt(dt_phys, &size, PAGE_KERNEL_RO);
	const char *name;

	if (!dt_virt)
		panic("Invalid device tree blob at physical address %#llx: not 8-byte aligned, "
		      "no FDT magic, or larger than 2 MiB (size %d)",
		      (unsigned long long)dt_phys, size);
	if (!early_init_dt_verify(dt_virt, size))
		panic("Invalid device tree blob at physical address %#llx: %s",
		      (unsigned long long)dt_phys, fdt_strerror(early_init_dt_error()));
	/* Memory reg entries read with the wrong cells would be memory at wrong addresses. */
	if (early_init_dt_scan_root())
		panic("Invalid device tree blob at physical address %#llx: root #address-cells "
		      "or #size-cells is not 1 or 2 cells", (unsigned long long)dt_phys);
	early_init_dt_scan_chosen(boot_command_line);
	early_init_dt_scan_memory();
	name = fdt_getprop(dt_virt, 0, "model", NULL);
	if (!name)
		name = fdt_getprop(dt_virt, 0, "compatible", NULL);
	pr_info("Machine model: %s\n", name ? name : "<unknown>");
	dump_stack_set_arch_desc("%s (DT)", name ? name : "<unknown>");
}

/* Said once every cpu is up: the EL they all entered at (smp_cpus_done). */
void __init hyp_mode_check(void)
{
	pr_info("CPU: All CPU(s) started at EL%d\n",
		__boot_cpu_mode == BOOT_CPU_MODE_EL2 ? 2 : 1);
}

static struct resource kernel_code = { .name = "Kernel code", .flags = IORESOURCE_SYSTEM_RAM };
static struct resource kernel_data = { .name = "Kernel data", .flags = IORESOURCE_SYSTEM_RAM };

/* The "System RAM" resources, one per memblock memory region. */
static struct resource *standard_resources;
static unsigned int num_standard_resources;

/*
 * Linux's request_standard_resources: a "System RAM" (or, for nomap memory, "reserved")
 * resource per memblock memory region, with the kernel's code and data inside.
 */
static void __init request_standard_resources(void)
{
	struct memblock_region *region;
	struct resource *res;

	kernel_code.start = __pa_symbol(_stext);
	kernel_code.end = __pa_symbol(__init_begin - 1);
	kernel_data.start = __pa_symbol(_sdata);
	kernel_data.end = __pa_symbol(_end - 1);
	res = memblock_alloc(memblock.memory.cnt * sizeof(*res), SMP_CACHE_BYTES);
	if (!res)
		panic("%s: Failed to allocate %zu bytes\n", __func__,
		      memblock.memory.cnt * sizeof(*res));
	standard_resources = res;
	for_each_mem_region(region) {
		struct resource *r = &res[num_standard_resources++];

		r->name = memblock_is_nomap(region) ? "reserved" : "System RAM";
		r->flags = memblock_is_nomap(region) ? IORESOURCE_MEM :
			   IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
		r->start = PFN_PHYS(memblock_region_memory_base_pfn(region));
		r->end = PFN_PHYS(memblock_region_memory_end_pfn(region)) - 1;
		request_resource(&iomem_resource, r);
		if (kernel_code.start >= r->start && kernel_code.end <= r->end)
			request_resource(r, &kernel_code);
		if (kernel_data.start >= r->start && kernel_data.end <= r->end)
			request_resource(r, &kernel_data);
	}
}

/*
 * Linux's reserve_memblock_reserved_regions: memblock's reservations (the kernel image,
 * the device tree, the initrd, the memmap, early page tables...) as "reserved" children
 * of System RAM, in whole pages, split around the kernel's code and data. Linux runs it
 * at arch_initcall; the first late initcall here sees the same reservations.
 */
static int __init reserve_memblock_reserved_regions(void)
{
	for (unsigned int i = 0; i < num_standard_resources; i++) {
		struct resource *mem = &standard_resources[i];
		phys_addr_t r_start, r_end;
		u64 j;

		if (!memblock_is_region_reserved(mem->start, mem->end - mem->start + 1))
			continue;
		for_each_reserved_mem_range(j, &r_start, &r_end) {
			resource_size_t start, end;

			start = max(PFN_PHYS(PFN_DOWN(r_start)), mem->start);
			end = min(PFN_PHYS(PFN_UP(r_end)) - 1, mem->end);
			if (start > mem->end || end < mem->start)
				continue;
			reserve_region_with_split(mem, start, end, "reserved");
		}
	}
	return 0;
}
late_initcall(reserve_memblock_reserved_regions);

void __init setup_arch(char **cmdline_p)
{
	psci_set_fallback_conduit(__boot_cpu_mode == BOOT_CPU_MODE_EL2);
	early_fixmap_init();
	early_ioremap_init();
	setup_machine_fdt(__fdt_pointer);
	*cmdline_p = boot_command_line;
	parse_early_param();
	arm64_memblock_init();
	paging_init();
	bootmem_init();
	request_standard_resources();
	psci_dt_init();
	smp_init_cpus();
}
