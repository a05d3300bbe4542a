/*
 * SPARSEMEM_VMEMMAP: physical memory is cut into 128 MiB sections; a section with memory
 * gets its struct pages, mapped at vmemmap + pfn by vmemmap_populate on the section's node.
 *
 * mem_section is two-level (Linux's SPARSEMEM_EXTREME): mem_section[root] points to a
 * page of struct mem_section, allocated from memblock when a section of that root first
 * shows up. section_mem_map holds the state bits (present, has memmap, online, early) and,
 * above SECTION_NID_SHIFT, the node the section was first seen on. pfn_valid is true for
 * every pfn of a section with a memmap, holes included (their pages are PageReserved).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include "internal.h"

struct mem_section *mem_section[NR_SECTION_ROOTS];

static int __init sparse_index_init(unsigned long section_nr, int nid)
{
	unsigned long root = SECTION_NR_TO_ROOT(section_nr);

	if (mem_section[root])
		return 0;
	mem_section[root] = memblock_alloc_node(PAGE_SIZE, PAGE_SIZE, nid);
	if (!mem_section[root])
		panic("%s: Failed to allocate %lu bytes nid=%d\n", __func__, PAGE_SIZE, nid);
	return 0;
}

static inline int sparse_early_nid(struct mem_section *section)
{
	return section->section_mem_map >> SECTION_NID_SHIFT;
}

/* Records that [start, end) (pfns) of node @nid has memory. */
static void __init memory_present(int nid, unsigned long start, unsigned long end)
{
	start &= PAGE_SECTION_MASK;
	for (unsigned long pfn = start; pfn < end; pfn += PAGES_PER_SECTION) {
		unsigned long section_nr = pfn_to_section_nr(pfn);
		struct mem_section *ms;

		sparse_index_init(section_nr, nid);
		ms = __nr_to_section(section_nr);
		if (!ms->section_mem_map)
			ms->section_mem_map = ((unsigned long)nid << SECTION_NID_SHIFT) |
					      SECTION_MARKED_PRESENT | SECTION_IS_ONLINE;
	}
}

/* Marks the sections of every memblock memory range present. */
void __init memblocks_present(void)
{
	unsigned long start, end;
	int i, nid;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, &nid)
		memory_present(nid, start, end);
}

/* Maps the struct pages of one section on node @nid. */
static int __init populate_section_memmap(unsigned long pfn, int nid)
{
	unsigned long start = (unsigned long)pfn_to_page(pfn);
	unsigned long end = (unsigned long)pfn_to_page(pfn + PAGES_PER_SECTION);

	return vmemmap_populate(start, end, nid);
}

/*
 * sparse_init - give every present section its struct pages
 *
 * Context: boot, after the NUMA node ids are in memblock and paging_init has built the
 * kernel page tables (vmemmap_populate maps into them). A section whose memmap cannot be
 * mapped loses its present bit, as Linux does, and its memory leaves memblock.memory so
 * no zone covers it.
 */
void __init sparse_init(void)
{
	memblocks_present();
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		struct mem_section *ms;

		if (!mem_section[SECTION_NR_TO_ROOT(nr)]) {
			nr += SECTIONS_PER_ROOT - 1;
			continue;
		}
		ms = __nr_to_section(nr);
		if (!present_section(ms))
			continue;
		if (populate_section_memmap(section_nr_to_pfn(nr), sparse_early_nid(ms))) {
			pr_err("%s: node[%d] memory map backing failed. Some memory will not be available.\n",
			       __func__, sparse_early_nid(ms));
			ms->section_mem_map = 0;
			/* No struct pages: the zones must not cover this memory. */
			memblock_remove(PFN_PHYS(section_nr_to_pfn(nr)),
					PFN_PHYS(PAGES_PER_SECTION));
			continue;
		}
		ms->section_mem_map |= SECTION_HAS_MEM_MAP | SECTION_IS_EARLY;
	}
}
