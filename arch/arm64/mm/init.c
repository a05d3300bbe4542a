/*
 * Physical memory at boot: arm64_memblock_init trims memblock.memory to what the linear
 * map can cover and reserves what is in use (the image, the initrd, the device tree and
 * its /memreserve/ entries); bootmem_init assigns memory to NUMA nodes and sets up the
 * memory map and the zones; mem_init hands free memory to the buddy allocator.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/vmalloc.h>
#include <linux/arch_numa.h>
#include <linux/of_fdt.h>
#include <linux/libfdt.h>
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/sections.h>
#include <asm/setup.h>

#define PHYS_MASK_SHIFT		48
/* PAGE_OFFSET maps memstart_addr, a 1 GiB boundary, so the linear map can use PUD blocks. */
#define ARM64_MEMSTART_ALIGN	(1UL << PUD_SHIFT)

s64 memstart_addr = -1;
static phys_addr_t memory_limit = ~(phys_addr_t)0;

/*
 * What the boot needs free once mem= has cut memory down: the memory map's first 2 MiB
 * vmemmap block, and about 1 MiB for node data, page tables, the per-cpu areas and the
 * first slabs (mem=4M, 3.3 MiB free, boots the four-cpu machine; mem=2M does not).
 */
#define MEM_LIMIT_MIN_FREE	(PMD_SIZE + SZ_1M)

/*
 * mem=SIZE: use no more than SIZE bytes of memory. A size below one page is refused:
 * Linux 6.1 prints "Memory limited to 0MB" for it and then applies no limit at all
 * (memblock_mem_limit_remove_map(0) returns at once); here the boot says so instead.
 */
static int __init early_mem(char *p)
{
	phys_addr_t limit;

	if (!p)
		return 1;
	limit = memparse(p, &p) & PAGE_MASK;
	if (!limit)
		return -EINVAL;
	memory_limit = limit;
	pr_notice("Memory limited to %lluMB\n", (unsigned long long)memory_limit >> 20);
	return 0;
}
early_param("mem", early_mem);

/* After the reservations: a mem= that leaves too little to boot is named as the cause. */
static void __init check_memory_limit(void)
{
	phys_addr_t free = memblock_phys_mem_size() - memblock_reserved_size();

	if (memory_limit == ~(phys_addr_t)0 || free >= MEM_LIMIT_MIN_FREE)
		return;
	panic("mem=%lluK leaves %lluK of free memory, too little to boot (at least %luK)",
	      (unsigned long long)memory_limit >> 10, (unsigned long long)free >> 10,
	      MEM_LIMIT_MIN_FREE >> 10);
}

/*
 * Where the blob's last block ends. QEMU hands over a blob whose totalsize is 1 MiB, room
 * for edits, of which a few KiB are used; the blocks are all the kernel ever reads.
 */
static u64 __init fdt_used_size(const void *fdt, int nr_rsv)
{
	u64 end = fdt_off_mem_rsvmap(fdt) + (nr_rsv + 1) * 16ULL;	/* 16: one entry */

	if (fdt_version(fdt) < 17)	/* no size_dt_struct: the block runs to the end */
		return fdt_totalsize(fdt);

	end = max(end, (u64)fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt));
	return max(end, (u64)fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt));
}

/* The blob (its used part: Linux keeps all of totalsize), and the ranges it reserves. */
static void __init reserve_fdt(void)
{
	const void *fdt = initial_boot_params;
	int n = fdt_num_mem_rsv(fdt);

	memblock_reserve(__fdt_pointer & PAGE_MASK,
			 PAGE_ALIGN(__fdt_pointer + fdt_used_size(fdt, n)) -
			 (__fdt_pointer & PAGE_MASK));
	for (int i = 0; i < n; i++) {
		u64 base, size;

		if (fdt_get_mem_rsv(fdt, i, &base, &size) || !size)
			continue;
		/* memblock cannot grow its arrays yet: a reservation it drops would be handed out. */
		if (memblock_reserve(base, size))
			panic("Cannot reserve /memreserve/ entry %d [mem %#010llx-%#010llx]: memblock "
			      "holds only %lu reserved ranges at boot", i, (unsigned long long)base,
			      (unsigned long long)(base + size - 1), memblock.reserved.max);
	}
}

static void __init reserve_initrd(void)
{
	phys_addr_t base = phys_initrd_start & PAGE_MASK;
	phys_addr_t end = PAGE_ALIGN(phys_initrd_start + phys_initrd_size);

	if (!phys_initrd_size)
		return;
	if (!memblock_is_region_memory(base, end - base)) {
		pr_err("initrd [%#llx-%#llx] is not in memory; ignored\n",
		       (unsigned long long)base, (unsigned long long)end - 1);
		phys_initrd_size = 0;
		return;
	}
	memblock_reserve(base, end - base);
}

void __init arm64_memblock_init(void)
{
	const s64 linear_region_size = PAGE_END - PAGE_OFFSET;

	memblock_remove(1ULL << PHYS_MASK_SHIFT, ULLONG_MAX);
	if (!memblock_phys_mem_size())
		panic("No memory found in the device tree (no usable /memory node)");
	/*
	 * The image runs where the loader put it: memory the tree leaves out (a disabled or
	 * malformed /memory node, ranges memblock had no room for) would be handed out again.
	 */
	if (!memblock_is_region_memory(__pa_symbol(_text), _end - _text))
		panic("The kernel image [mem %#010llx-%#010llx] is not in the memory the device tree "
		      "describes ([mem %#010llx-%#010llx], %lu range%s)",
		      (unsigned long long)__pa_symbol(_text), (unsigned long long)__pa_symbol(_end) - 1,
		      (unsigned long long)memblock_start_of_DRAM(),
		      (unsigned long long)memblock_end_of_DRAM() - 1, memblock.memory.cnt,
		      memblock.memory.cnt > 1 ? "s" : "");
	memstart_addr = round_down(memblock_start_of_DRAM(), ARM64_MEMSTART_ALIGN);
	memblock_remove(max_t(u64, memstart_addr + linear_region_size, __pa_symbol(_end)),
			ULLONG_MAX);
	if (memstart_addr + linear_region_size < (s64)memblock_end_of_DRAM()) {
		memstart_addr = round_up(memblock_end_of_DRAM() - linear_region_size,
					 ARM64_MEMSTART_ALIGN);
		memblock_remove(0, memstart_addr);
	}
	if (memory_limit != ~(phys_addr_t)0) {
		memblock_mem_limit_remove_map(memory_limit);
		memblock_add(__pa_symbol(_text), (u64)(_end - _text));
	}
	/* [_text, _stext) is only the Image header: it goes to the buddy like free memory. */
	memblock_reserve(__pa_symbol(_stext), _end - _stext);
	reserve_initrd();
	reserve_fdt();
	check_memory_limit();
}

/* DMA reaches the first 4 GiB, or less if memory ends below (Linux's dma_phys_limit). */
phys_addr_t arm64_dma_phys_limit;

/*
 * Linux's max_zone_phys(32): the first 4 GiB, or all memory if it starts above 4 GiB.
 */
static phys_addr_t __init max_zone_phys(unsigned int zone_bits)
{
	phys_addr_t zone_mask = (1ULL << zone_bits) - 1;
	phys_addr_t phys_start = memblock_start_of_DRAM();

	if (phys_start > U32_MAX)
		zone_mask = PHYS_ADDR_MAX;
	else if (phys_start > zone_mask)
		zone_mask = U32_MAX;
	return min(zone_mask, memblock_end_of_DRAM() - 1) + 1;
}

/* ZONE_DMA and ZONE_DMA32 up to the DMA limit, ZONE_NORMAL the rest; then free_area_init. */
static void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = { 0 };

	arm64_dma_phys_limit = max_zone_phys(32);
	max_zone_pfns[ZONE_DMA] = PFN_DOWN(arm64_dma_phys_limit);
	max_zone_pfns[ZONE_DMA32] = PFN_DOWN(arm64_dma_phys_limit);
	max_zone_pfns[ZONE_NORMAL] = max_pfn;
	free_area_init(max_zone_pfns);
}

/* Nodes, then the memory map and the zones; memblock keeps allocating until mem_init. */
void __init bootmem_init(void)
{
	min_low_pfn = PFN_UP(memblock_start_of_DRAM());
	max_low_pfn = max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	arch_numa_init();
	sparse_init();
	zone_sizes_init();
	memblock_dump_all();
}

/**
 * mem_init - hand all free memory to the buddy allocator and print the Memory: line
 *
 * Context: boot, after build_all_zonelists; memblock allocations end here.
 */
void __init mem_init(void)
{
	memblock_free_all();
	mem_init_print_info();
}

/*
 * Through the linear map, as the image's own mapping of init goes: its vm areas stay
 * (vmallocinfo still lists them, and nothing else may take that address space).
 */
void free_initmem(void)
{
	free_reserved_area(lm_alias(__init_begin), lm_alias(__init_end), POISON_FREE_INITMEM,
			   "unused kernel");
	vunmap_range((unsigned long)__init_begin, (unsigned long)__init_end);
}
