/*
 * The percpu allocator's chunk backend on vmalloc space (Linux's mm/percpu-vm.c): a
 * chunk is one vm area spanning every unit at the first chunk's unit offsets, and its
 * pages are allocated on each cpu's node and mapped when an allocation first covers them.
 *
 * Linux gives each group of units its own vm area (pcpu_get_vm_areas), so the gaps
 * between nodes' units stay free for others; here one area covers the whole span, gaps
 * included, which only costs address space. Creation and population run under
 * pcpu_alloc_mutex and may sleep; depopulation and destruction run under pcpu_lock
 * (free_percpu's balancing) and must not (see mm/percpu.c).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/cpumask.h>
#include <asm/tlbflush.h>
#include "percpu-internal.h"

/*
 * chunk->data: the vm area and the page behind each (unit, page) slot, NULL where not
 * populated, indexed by pcpu_page_idx (Linux reads them back with vmalloc_to_page).
 */
struct pcpu_vm_data {
	struct vm_struct *vm;
	struct page *pages[];
};

static struct page **pcpu_chunk_page(struct pcpu_chunk *chunk, unsigned int cpu, int page_idx)
{
	struct pcpu_vm_data *data = chunk->data;

	return &data->pages[pcpu_page_idx(cpu, page_idx)];
}

/* Frees the pages of [page_start, page_end) of every unit that has one. */
static void pcpu_free_pages(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		for (int i = page_start; i < page_end; i++) {
			struct page **page = pcpu_chunk_page(chunk, cpu, i);

			if (*page)
				__free_page(*page);
			*page = NULL;
		}
	}
}

/* A page on its cpu's node for every unit's [page_start, page_end); 0 or -ENOMEM. */
static int pcpu_alloc_pages(struct pcpu_chunk *chunk, int page_start, int page_end, gfp_t gfp)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		for (int i = page_start; i < page_end; i++) {
			struct page **page = pcpu_chunk_page(chunk, cpu, i);

			*page = alloc_pages_node(cpu_to_node(cpu), gfp, 0);
			if (!*page) {
				pcpu_free_pages(chunk, page_start, page_end);
				return -ENOMEM;
			}
		}
	}
	return 0;
}

/* Clears the mappings of [page_start, page_end) of every unit; the TLB may hold them. */
static void pcpu_unmap_pages(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		vunmap_range_noflush(pcpu_chunk_addr(chunk, cpu, page_start),
				     pcpu_chunk_addr(chunk, cpu, page_end));
}

/* Unit by unit: one range over the whole span would cover the gaps between nodes. */
static void pcpu_post_unmap_tlb_flush(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		flush_tlb_kernel_range(pcpu_chunk_addr(chunk, cpu, page_start),
				       pcpu_chunk_addr(chunk, cpu, page_end));
}

/* Maps the allocated pages of [page_start, page_end) of every unit; 0 or -ENOMEM. */
static int pcpu_map_pages(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (vmap_pages_range_noflush(pcpu_chunk_addr(chunk, cpu, page_start),
					     pcpu_chunk_addr(chunk, cpu, page_end), PAGE_KERNEL,
					     pcpu_chunk_page(chunk, cpu, page_start))) {
			pcpu_unmap_pages(chunk, page_start, page_end);
			pcpu_post_unmap_tlb_flush(chunk, page_start, page_end);
			return -ENOMEM;
		}
	}
	return 0;
}

int pcpu_populate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end, gfp_t gfp)
{
	if (pcpu_alloc_pages(chunk, page_start, page_end, gfp))
		return -ENOMEM;
	if (pcpu_map_pages(chunk, page_start, page_end)) {
		pcpu_free_pages(chunk, page_start, page_end);
		return -ENOMEM;
	}
	return 0;
}

void pcpu_depopulate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	pcpu_unmap_pages(chunk, page_start, page_end);
	pcpu_post_unmap_tlb_flush(chunk, page_start, page_end);
	pcpu_free_pages(chunk, page_start, page_end);
}

struct pcpu_chunk *pcpu_create_chunk(gfp_t gfp)
{
	struct pcpu_chunk *chunk = pcpu_alloc_chunk(gfp);
	struct pcpu_vm_data *data;

	if (!chunk)
		return NULL;
	data = kzalloc(sizeof(*data) + (size_t)pcpu_nr_units * pcpu_unit_pages *
		       sizeof(data->pages[0]), gfp);
	if (data)
		data->vm = get_vm_area_caller(pcpu_chunk_span, VM_ALLOC,
					      __builtin_return_address(0));
	if (!data || !data->vm) {
		kfree(data);
		pcpu_free_chunk(chunk);
		return NULL;
	}
	chunk->data = data;
	chunk->base_addr = data->vm->addr;
	return chunk;
}

void pcpu_destroy_chunk(struct pcpu_chunk *chunk)
{
	struct pcpu_vm_data *data = chunk->data;

	free_vm_area(data->vm);
	kfree(data);
	pcpu_free_chunk(chunk);
}
