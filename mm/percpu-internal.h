/*
 * What mm/percpu.c shares with its chunk backend (mm/percpu-vm.c in the kernel, a
 * host emulation in tests/host) and its tests: the chunk and its allocation metadata.
 */
#ifndef _MM_PERCPU_INTERNAL_H
#define _MM_PERCPU_INTERNAL_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <linux/percpu.h>

/*
 * struct pcpu_block_md - where a chunk's free space is, in bits of the area map
 * (one bit per PCPU_MIN_ALLOC_SIZE bytes). Linux keeps one per page of the unit too,
 * with left/right free and scan hints, so a hint refresh scans one page; chunks here
 * are a few pages per unit, so one per chunk does and a refresh scans the whole map.
 * @contig_hint: the longest run of free bits (0: no free bit)
 * @contig_hint_start: its first bit; of several longest runs, the best aligned
 * @first_free: the lowest free bit (@nr_bits if none): searches start there
 * @nr_bits: bits in the map
 */
struct pcpu_block_md {
	int contig_hint;
	int contig_hint_start;
	int first_free;
	int nr_bits;
};

/*
 * struct pcpu_chunk - one unit of per-cpu memory per possible cpu, all with the same
 * layout: an allocation at offset off is at base_addr + pcpu_unit_offsets[cpu] + off in
 * every cpu's unit. Everything below is under pcpu_lock.
 * @list: in pcpu_chunk_lists[pcpu_chunk_slot(chunk)]
 * @free_bytes: free bytes in one unit
 * @chunk_md: the free-space hints over @alloc_map
 * @base_addr: the address of the unit at offset 0
 * @alloc_map: a set bit per allocated PCPU_MIN_ALLOC_SIZE bytes; the hidden head and
 *	tail of the first chunk are allocated
 * @bound_map: a set bit at the start of every allocation and one past its end, and no
 *	other bit inside a live allocation ([nr_bits + 1] bits), so free finds the size
 * @data: the backend's (percpu-vm: the vm area and the pages)
 * @immutable: the first chunk: embedded in the linear map, always populated
 * @start_offset: bytes of the unit's first page before the dynamic area (first chunk)
 * @end_offset: bytes of the unit's last page after the dynamic area (first chunk)
 * @nr_pages: pages per unit (pcpu_unit_pages, or fewer for the first chunk)
 * @nr_populated: populated pages per unit (set bits of @populated)
 * @populated: a set bit per page of the unit backed by memory in every unit
 */
struct pcpu_chunk {
	struct list_head list;
	int free_bytes;
	struct pcpu_block_md chunk_md;
	void *base_addr;
	unsigned long *alloc_map;
	unsigned long *bound_map;
	void *data;
	bool immutable;
	int start_offset;
	int end_offset;
	int nr_pages;
	int nr_populated;
	unsigned long populated[];
};

/* Chunks by free bytes, a list per slot; pcpu_lock (irqsave) covers them all. */
extern spinlock_t pcpu_lock;
extern struct list_head *pcpu_chunk_lists;
extern int pcpu_nr_slots;
extern int pcpu_free_slot;		/* the slot of chunks with nothing allocated */
extern struct pcpu_chunk *pcpu_first_chunk;

/* The unit geometry, fixed by pcpu_setup_first_chunk. */
extern int pcpu_unit_pages;
extern int pcpu_unit_size;
extern int pcpu_nr_units;
extern unsigned long pcpu_chunk_span;	/* bytes from the lowest unit to past the highest */

static inline int pcpu_chunk_map_bits(const struct pcpu_chunk *chunk)
{
	return chunk->nr_pages * (int)PAGE_SIZE >> PCPU_MIN_ALLOC_SHIFT;
}

/* The size class of a chunk with @size free bytes. */
int pcpu_size_to_slot(int size);
/* The slot @chunk belongs in: 0 when it cannot serve even the smallest allocation. */
int pcpu_chunk_slot(const struct pcpu_chunk *chunk);
/* Where page @page_idx of @cpu's unit of @chunk is mapped. */
unsigned long pcpu_chunk_addr(const struct pcpu_chunk *chunk, unsigned int cpu, int page_idx);
/* The index of (@cpu, @page_idx) among the chunk's nr_units * unit_pages pages. */
int pcpu_page_idx(unsigned int cpu, int page_idx);

/* An empty chunk's metadata (all free, nothing populated), or NULL; and its undoing. */
struct pcpu_chunk *pcpu_alloc_chunk(gfp_t gfp);
void pcpu_free_chunk(struct pcpu_chunk *chunk);

/*
 * The backend: address space for a new chunk and the pages behind it. Called with
 * pcpu_lock held (Linux drops it and holds pcpu_alloc_mutex instead; there are no
 * sleeping locks yet, and nothing below sleeps).
 * pcpu_create_chunk - a chunk with address space and no page; NULL on failure
 * pcpu_destroy_chunk - give back a chunk with no populated page
 * pcpu_populate_chunk - back pages [page_start, page_end) of every unit; 0 or -ENOMEM
 * pcpu_depopulate_chunk - unmap and free pages [page_start, page_end) of every unit
 */
struct pcpu_chunk *pcpu_create_chunk(gfp_t gfp);
void pcpu_destroy_chunk(struct pcpu_chunk *chunk);
int pcpu_populate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end, gfp_t gfp);
void pcpu_depopulate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end);

#endif
