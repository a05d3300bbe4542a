/*
 * The percpu allocator: memory with one copy per possible cpu, for the static per-cpu
 * variables (DEFINE_PER_CPU) and for alloc_percpu.
 *
 * Overview (Linux 6.1's mm/percpu.c, same names):
 * - A chunk is one unit per possible cpu, every unit laid out alike: an area at offset
 *   off of the chunk is at chunk->base_addr + pcpu_unit_offsets[cpu] + off for each cpu.
 *   A __percpu pointer is that address for the unit at offset 0, moved into the
 *   .data..percpu template's addresses (__addr_to_pcpu_ptr), so per_cpu_ptr(p, cpu) =
 *   p + __per_cpu_offset[cpu] works for static and dynamic per-cpu data alike.
 * - The first chunk is built at boot by pcpu_embed_first_chunk from memblock memory, a
 *   unit per cpu on the cpu's node, cpus of a node grouped (pcpu_build_alloc_info). Each
 *   unit holds a copy of the static section, the reserved part (none here) and the
 *   dynamic part that the first chunk serves; the static part is hidden (allocated) in
 *   its map. It lives in the linear map and is never populated or freed.
 * - Further chunks come from the backend (mm/percpu-vm.c): vmalloc address space for
 *   all units at the first chunk's unit offsets, pages populated on demand on each cpu's
 *   node when an allocation covers them.
 * - Free space: an area bitmap per chunk with a bit per PCPU_MIN_ALLOC_SIZE bytes, a
 *   bound map marking where allocations start and end, and struct pcpu_block_md hints
 *   (the longest free run and the first free bit) that let a search skip chunks.
 * - Chunks sit in pcpu_chunk_lists[slot] by free bytes (pcpu_size_to_slot); slot 0 holds
 *   chunks that cannot serve even 4 bytes, pcpu_free_slot the empty ones. pcpu_alloc
 *   searches from the request's slot up and creates a chunk when none fits.
 * - Empty chunks are given back at once by free_percpu (pcpu_balance_free, which Linux
 *   runs from pcpu_balance_workfn): all but one are destroyed, and that one is
 *   depopulated, so pcpu_nr_pages comes back to what it was.
 * Locks: pcpu_lock, taken with interrupts off, covers the chunk lists, every chunk's maps
 * and hints, and the population counts. pcpu_alloc_mutex serializes allocations that
 * create or populate chunks: the backend (vmalloc address space, pages) may sleep, so it
 * runs with pcpu_lock dropped. A chunk being populated holds the new area, so it is never
 * empty, and free_percpu's balancing (under pcpu_lock) leaves it alone.
 * Lock order: pcpu_alloc_mutex, then pcpu_lock, then the vmalloc locks, then the page
 * allocator's.
 */
#define pr_fmt(fmt) "percpu: " fmt

#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/memblock.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/sections.h>
#include "percpu-internal.h"

#define PCPU_SLOT_BASE_SHIFT	5	/* 1-31 bytes share the same slot */

/* Written once by pcpu_setup_first_chunk (boot), read-only after. */
void *pcpu_base_addr;				/* the first chunk's base */
const unsigned long *pcpu_unit_offsets;		/* cpu -> its unit's offset from a base */
static const int *pcpu_unit_map;		/* cpu -> unit index */
int pcpu_unit_pages;
int pcpu_unit_size;
int pcpu_nr_units;
unsigned long pcpu_chunk_span;
static size_t pcpu_chunk_struct_size;		/* with the populated bitmap */
int pcpu_nr_slots;
int pcpu_free_slot;
struct pcpu_chunk *pcpu_first_chunk;

/* The chunk lists, every chunk's maps and hints, pcpu_nr_populated. */
DEFINE_SPINLOCK(pcpu_lock);
/* Chunk creation and population (see the top of this file). */
static DEFINE_MUTEX(pcpu_alloc_mutex);
struct list_head *pcpu_chunk_lists;		/* [pcpu_nr_slots], by free bytes */
/* Populated pages of one unit, summed over all chunks (pcpu_lock). */
static unsigned long pcpu_nr_populated;

/* The address a __percpu pointer stands for in the unit at offset 0, and back. */
static void *__pcpu_ptr_to_addr(void __percpu *ptr)
{
	return (void *)((unsigned long)ptr + (unsigned long)pcpu_base_addr -
			(unsigned long)__per_cpu_start);
}

static void __percpu *__addr_to_pcpu_ptr(void *addr)
{
	return (void *)((unsigned long)addr - (unsigned long)pcpu_base_addr +
			(unsigned long)__per_cpu_start);
}

static int __pcpu_size_to_slot(int size)
{
	int highbit = fls((unsigned int)size);

	return max(highbit - PCPU_SLOT_BASE_SHIFT + 2, 1);
}

int pcpu_size_to_slot(int size)
{
	if (size == pcpu_unit_size)
		return pcpu_free_slot;
	return __pcpu_size_to_slot(size);
}

int pcpu_chunk_slot(const struct pcpu_chunk *chunk)
{
	if (chunk->free_bytes < PCPU_MIN_ALLOC_SIZE || chunk->chunk_md.contig_hint == 0)
		return 0;
	return pcpu_size_to_slot(chunk->free_bytes);
}

int pcpu_page_idx(unsigned int cpu, int page_idx)
{
	return pcpu_unit_map[cpu] * pcpu_unit_pages + page_idx;
}

unsigned long pcpu_chunk_addr(const struct pcpu_chunk *chunk, unsigned int cpu, int page_idx)
{
	return (unsigned long)chunk->base_addr + pcpu_unit_offsets[cpu] +
	       ((unsigned long)page_idx << PAGE_SHIFT);
}

/* Moves @chunk to the head (@move_front: it grew a slot) or the tail of @slot's list. */
static void __pcpu_chunk_move(struct pcpu_chunk *chunk, int slot, bool move_front)
{
	if (move_front)
		list_move(&chunk->list, &pcpu_chunk_lists[slot]);
	else
		list_move_tail(&chunk->list, &pcpu_chunk_lists[slot]);
}

/*
 * pcpu_chunk_relocate - put @chunk in the slot of its free size, after a change
 * @oslot: the slot it was in, -1 for a new chunk. Context: pcpu_lock.
 */
static void pcpu_chunk_relocate(struct pcpu_chunk *chunk, int oslot)
{
	int nslot = pcpu_chunk_slot(chunk);

	if (oslot != nslot)
		__pcpu_chunk_move(chunk, nslot, oslot < nslot);
}

/* ---- the area map and its hints ---- */

/*
 * The free run at or after *@start: [*@start, *@end). False when there is none; the
 * bits past the map's end count as allocated.
 */
static bool pcpu_next_free_region(const struct pcpu_chunk *chunk, int *start, int *end)
{
	int nr_bits = pcpu_chunk_map_bits(chunk);

	*start = (int)find_next_zero_bit(chunk->alloc_map, nr_bits, *start);
	if (*start >= nr_bits)
		return false;
	*end = (int)find_next_bit(chunk->alloc_map, nr_bits, *start);
	return true;
}

/* Every free run [rs, re) of @chunk from bit @from up. */
#define pcpu_for_each_free_region(chunk, rs, re, from)				\
	for ((rs) = (from); pcpu_next_free_region(chunk, &(rs), &(re)); (rs) = (re))

/* The lowest set bit's position (for alignment comparisons); 64 for 0. */
static int pcpu_ffs(int bit)
{
	return bit ? __builtin_ctz((unsigned int)bit) : 64;
}

/*
 * pcpu_block_update - account the free run [@start, @end) in @block's hints: it becomes
 * the contig hint if longer, or if as long and better aligned (so an aligned request is
 * more likely to pass pcpu_check_block_hint).
 */
static void pcpu_block_update(struct pcpu_block_md *block, int start, int end)
{
	int contig = end - start;

	block->first_free = min(block->first_free, start);
	if (contig > block->contig_hint ||
	    (contig == block->contig_hint &&
	     pcpu_ffs(start) > pcpu_ffs(block->contig_hint_start))) {
		block->contig_hint = contig;
		block->contig_hint_start = start;
	}
}

/* Rebuilds @chunk's hints from its whole map. Context: pcpu_lock. */
static void pcpu_chunk_refresh_hint(struct pcpu_chunk *chunk)
{
	struct pcpu_block_md *md = &chunk->chunk_md;
	int rs, re;

	md->contig_hint = 0;
	md->contig_hint_start = 0;
	md->first_free = md->nr_bits;
	pcpu_for_each_free_region(chunk, rs, re, 0)
		pcpu_block_update(md, rs, re);
}

static void pcpu_init_md_block(struct pcpu_block_md *block, int nr_bits)
{
	block->contig_hint = nr_bits;
	block->contig_hint_start = 0;
	block->first_free = 0;
	block->nr_bits = nr_bits;
}

/* Whether @alloc_bits aligned to @align fit in @block's contig hint. */
static bool pcpu_check_block_hint(const struct pcpu_block_md *block, int alloc_bits,
				  size_t align)
{
	int bit_off = ALIGN(block->contig_hint_start, (int)align) - block->contig_hint_start;

	return bit_off + alloc_bits <= block->contig_hint;
}

/*
 * pcpu_find_block_fit - the lowest bit where @alloc_bits aligned to @align (both in
 * bits) fit in @chunk, or -1. The contig hint rejects most chunks without a scan; like
 * Linux's, it may reject a chunk whose fit lies in a shorter, better aligned run.
 * Context: pcpu_lock.
 */
static int pcpu_find_block_fit(struct pcpu_chunk *chunk, int alloc_bits, size_t align)
{
	int rs, re;

	if (!pcpu_check_block_hint(&chunk->chunk_md, alloc_bits, align))
		return -1;
	pcpu_for_each_free_region(chunk, rs, re, chunk->chunk_md.first_free) {
		int bit_off = ALIGN(rs, (int)align);

		if (bit_off + alloc_bits <= re)
			return bit_off;
	}
	return -1;
}

/*
 * pcpu_alloc_area - mark @alloc_bits at @bit_off (found by pcpu_find_block_fit)
 * allocated, update the hints and the chunk's slot.
 * Return: the area's offset in the unit, in bytes. Context: pcpu_lock.
 */
static int pcpu_alloc_area(struct pcpu_chunk *chunk, int alloc_bits, int bit_off)
{
	struct pcpu_block_md *md = &chunk->chunk_md;
	int oslot = pcpu_chunk_slot(chunk);

	bitmap_set(chunk->alloc_map, bit_off, alloc_bits);
	__set_bit(bit_off, chunk->bound_map);
	bitmap_clear(chunk->bound_map, bit_off + 1, alloc_bits - 1);
	__set_bit(bit_off + alloc_bits, chunk->bound_map);
	chunk->free_bytes -= alloc_bits * PCPU_MIN_ALLOC_SIZE;

	/* Only an area cutting into the longest free run can shorten it. */
	if (bit_off < md->contig_hint_start + md->contig_hint &&
	    bit_off + alloc_bits > md->contig_hint_start)
		pcpu_chunk_refresh_hint(chunk);
	else if (bit_off == md->first_free)
		md->first_free = (int)find_next_zero_bit(chunk->alloc_map, md->nr_bits,
							 bit_off + alloc_bits);
	pcpu_chunk_relocate(chunk, oslot);
	return bit_off * PCPU_MIN_ALLOC_SIZE;
}

/*
 * pcpu_free_area - free the area starting at byte @off of @chunk.
 * Return: the bytes freed; 0, with a warning, when no allocation starts at @off.
 * Context: pcpu_lock.
 */
static int pcpu_free_area(struct pcpu_chunk *chunk, int off)
{
	int nr_bits = pcpu_chunk_map_bits(chunk);
	int bit_off = off / PCPU_MIN_ALLOC_SIZE;
	int oslot = pcpu_chunk_slot(chunk);
	int end, start, freed;

	if (WARN_ON(off % PCPU_MIN_ALLOC_SIZE || bit_off >= nr_bits ||
		    !test_bit(bit_off, chunk->alloc_map) || !test_bit(bit_off, chunk->bound_map)))
		return 0;
	end = (int)find_next_bit(chunk->bound_map, nr_bits + 1, bit_off + 1);
	bitmap_clear(chunk->alloc_map, bit_off, end - bit_off);
	freed = (end - bit_off) * PCPU_MIN_ALLOC_SIZE;
	chunk->free_bytes += freed;

	/* The freed bits join the free runs on either side. */
	start = (int)find_last_bit(chunk->alloc_map, bit_off);
	start = start == bit_off ? 0 : start + 1;
	end = (int)find_next_bit(chunk->alloc_map, nr_bits, end);
	pcpu_block_update(&chunk->chunk_md, start, end);
	pcpu_chunk_relocate(chunk, oslot);
	return freed;
}

/* ---- chunks ---- */

/* Zeroed memory for chunk metadata (Linux uses vmalloc above a page; kmalloc copes). */
static void *pcpu_mem_zalloc(size_t size, gfp_t gfp)
{
	return kzalloc(size, gfp);
}

struct pcpu_chunk *pcpu_alloc_chunk(gfp_t gfp)
{
	int region_bits = pcpu_unit_pages * (int)PAGE_SIZE >> PCPU_MIN_ALLOC_SHIFT;
	struct pcpu_chunk *chunk = pcpu_mem_zalloc(pcpu_chunk_struct_size, gfp);

	if (!chunk)
		return NULL;
	chunk->alloc_map = pcpu_mem_zalloc(BITS_TO_LONGS(region_bits) * sizeof(long), gfp);
	chunk->bound_map = pcpu_mem_zalloc(BITS_TO_LONGS(region_bits + 1) * sizeof(long), gfp);
	if (!chunk->alloc_map || !chunk->bound_map) {
		pcpu_free_chunk(chunk);
		return NULL;
	}
	INIT_LIST_HEAD(&chunk->list);
	chunk->nr_pages = pcpu_unit_pages;
	chunk->free_bytes = pcpu_unit_size;
	pcpu_init_md_block(&chunk->chunk_md, region_bits);
	return chunk;
}

void pcpu_free_chunk(struct pcpu_chunk *chunk)
{
	kfree(chunk->bound_map);
	kfree(chunk->alloc_map);
	kfree(chunk);
}

static void pcpu_chunk_populated(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	bitmap_set(chunk->populated, page_start, page_end - page_start);
	chunk->nr_populated += page_end - page_start;
	pcpu_nr_populated += page_end - page_start;
}

static void pcpu_chunk_depopulated(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	bitmap_clear(chunk->populated, page_start, page_end - page_start);
	chunk->nr_populated -= page_end - page_start;
	pcpu_nr_populated -= page_end - page_start;
}

/* The unpopulated run of pages at or after *@rs below @end: [*@rs, *@re). */
static bool pcpu_next_unpop(const struct pcpu_chunk *chunk, int *rs, int *re, int end)
{
	*rs = (int)find_next_zero_bit(chunk->populated, end, *rs);
	if (*rs >= end)
		return false;
	*re = (int)find_next_bit(chunk->populated, end, *rs);
	return true;
}

/*
 * Backs pages [page_start, page_end) of @chunk wherever they are not yet. 0 or -ENOMEM.
 * Context: pcpu_alloc_mutex, not pcpu_lock (the backend may sleep).
 */
static int pcpu_populate_range(struct pcpu_chunk *chunk, int page_start, int page_end,
			       gfp_t gfp)
{
	unsigned long flags;
	int rs, re;

	for (rs = page_start; pcpu_next_unpop(chunk, &rs, &re, page_end); rs = re) {
		if (pcpu_populate_chunk(chunk, rs, re, gfp))
			return -ENOMEM;
		spin_lock_irqsave(&pcpu_lock, flags);
		pcpu_chunk_populated(chunk, rs, re);
		spin_unlock_irqrestore(&pcpu_lock, flags);
	}
	return 0;
}

/* Gives back every populated page of @chunk. Context: pcpu_lock. */
static void pcpu_depopulate_all(struct pcpu_chunk *chunk)
{
	int rs = 0, re;

	while (rs < chunk->nr_pages) {
		rs = (int)find_next_bit(chunk->populated, chunk->nr_pages, rs);
		if (rs >= chunk->nr_pages)
			break;
		re = (int)find_next_zero_bit(chunk->populated, chunk->nr_pages, rs);
		pcpu_depopulate_chunk(chunk, rs, re);
		pcpu_chunk_depopulated(chunk, rs, re);
		rs = re;
	}
}

/*
 * pcpu_balance_free - what Linux's pcpu_balance_workfn does to empty chunks, done at
 * once: keep the first empty chunk (depopulated: its address space waits for the next
 * chunk's worth of allocations), destroy the others. Context: pcpu_lock.
 */
static void pcpu_balance_free(void)
{
	struct list_head *free_head = &pcpu_chunk_lists[pcpu_free_slot];
	struct pcpu_chunk *chunk, *next;

	list_for_each_entry_safe(chunk, next, free_head, list) {
		pcpu_depopulate_all(chunk);
		if (chunk == list_first_entry(free_head, struct pcpu_chunk, list))
			continue;
		list_del(&chunk->list);
		pcpu_destroy_chunk(chunk);
	}
}

/* Frees the area at @off of @chunk; gives the chunk back if that empties it. */
static void pcpu_free_area_balance(struct pcpu_chunk *chunk, int off)
{
	if (pcpu_free_area(chunk, off) && chunk->free_bytes == pcpu_unit_size)
		pcpu_balance_free();
}

static bool pcpu_addr_in_chunk(const struct pcpu_chunk *chunk, void *addr)
{
	char *start = (char *)chunk->base_addr + chunk->start_offset;
	char *end = (char *)chunk->base_addr + chunk->nr_pages * PAGE_SIZE - chunk->end_offset;

	return (char *)addr >= start && (char *)addr < end;
}

/*
 * The chunk holding @addr (an address in the unit at offset 0), or NULL. Linux finds
 * it from the backing page's page->index; with a handful of chunks, walking the slots
 * costs no more. Context: pcpu_lock.
 */
static struct pcpu_chunk *pcpu_chunk_addr_search(void *addr)
{
	struct pcpu_chunk *chunk;

	if (pcpu_addr_in_chunk(pcpu_first_chunk, addr))
		return pcpu_first_chunk;
	for (int slot = 0; slot < pcpu_nr_slots; slot++)
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list)
			if (pcpu_addr_in_chunk(chunk, addr))
				return chunk;
	return NULL;
}

/* ---- the allocator's API ---- */

/* An area of @bits aligned to @bit_align in an existing chunk, or -1. Context: pcpu_lock. */
static int pcpu_find_area(int bits, size_t bit_align, struct pcpu_chunk **chunkp)
{
	struct pcpu_chunk *chunk;
	int off;

	for (int slot = pcpu_size_to_slot(bits * PCPU_MIN_ALLOC_SIZE); slot <= pcpu_free_slot;
	     slot++) {
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list) {
			off = pcpu_find_block_fit(chunk, bits, bit_align);
			if (off < 0)
				continue;
			*chunkp = chunk;
			return pcpu_alloc_area(chunk, bits, off);
		}
	}
	return -1;
}

/*
 * An area from an existing chunk, or from a new one when none fits; *@chunkp is its
 * chunk. Return: its byte offset, or -1. Context: pcpu_alloc_mutex.
 */
static int pcpu_alloc_from_chunks(int bits, size_t bit_align, struct pcpu_chunk **chunkp,
				  gfp_t gfp)
{
	struct pcpu_chunk *chunk;
	unsigned long flags;
	bool have_empty;
	int off;

	for (;;) {
		spin_lock_irqsave(&pcpu_lock, flags);
		off = pcpu_find_area(bits, bit_align, chunkp);
		/* An empty chunk fits any valid request: only create one when there is none. */
		have_empty = !list_empty(&pcpu_chunk_lists[pcpu_free_slot]);
		spin_unlock_irqrestore(&pcpu_lock, flags);
		if (off >= 0 || have_empty)
			return off;
		chunk = pcpu_create_chunk(gfp);
		if (!chunk)
			return -1;
		spin_lock_irqsave(&pcpu_lock, flags);
		pcpu_chunk_relocate(chunk, -1);
		spin_unlock_irqrestore(&pcpu_lock, flags);
	}
}

/*
 * pcpu_alloc - the percpu allocator's entry point: @size bytes aligned to @align in
 * every unit, populated and zeroed. Return: a __percpu pointer or NULL.
 * Context: may sleep.
 */
static void __percpu *pcpu_alloc(size_t size, size_t align, gfp_t gfp)
{
	struct pcpu_chunk *chunk = NULL;
	const char *err = NULL;
	unsigned long flags;
	unsigned int cpu;
	int off;

	/* Linux lets a bad alignment through as 4 bytes; a power of two is required here. */
	if (!size || size > PCPU_MIN_UNIT_SIZE || align > PAGE_SIZE || !align ||
	    (align & (align - 1))) {
		pr_warn("illegal size (%zu) or align (%zu) for percpu allocation\n", size, align);
		WARN_ON(1);
		return NULL;
	}
	align = max_t(size_t, align, PCPU_MIN_ALLOC_SIZE);
	size = ALIGN(size, PCPU_MIN_ALLOC_SIZE);
	mutex_lock(&pcpu_alloc_mutex);
	off = pcpu_alloc_from_chunks(size >> PCPU_MIN_ALLOC_SHIFT,
				     align >> PCPU_MIN_ALLOC_SHIFT, &chunk, gfp);
	if (off < 0) {
		err = "failed to allocate new chunk";
	} else if (pcpu_populate_range(chunk, PFN_DOWN(off), PFN_UP(off + size), gfp)) {
		spin_lock_irqsave(&pcpu_lock, flags);
		pcpu_free_area_balance(chunk, off);
		spin_unlock_irqrestore(&pcpu_lock, flags);
		err = "failed to populate";
	}
	mutex_unlock(&pcpu_alloc_mutex);
	if (err) {
		pr_warn("allocation failed, size=%zu align=%zu atomic=0, %s\n", size, align, err);
		return NULL;
	}
	for_each_possible_cpu(cpu)
		memset((void *)(pcpu_chunk_addr(chunk, cpu, 0) + off), 0, size);
	return __addr_to_pcpu_ptr((char *)chunk->base_addr + off);
}

void __percpu *__alloc_percpu(size_t size, size_t align)
{
	return pcpu_alloc(size, align, GFP_KERNEL);
}

/*
 * free_percpu - free per-cpu memory from __alloc_percpu
 * @ptr: the __percpu pointer, or NULL
 *
 * Context: process context (an empty chunk is given back here, through vmalloc).
 */
void free_percpu(void __percpu *ptr)
{
	struct pcpu_chunk *chunk;
	unsigned long flags;
	void *addr;

	if (!ptr)
		return;
	addr = __pcpu_ptr_to_addr(ptr);
	spin_lock_irqsave(&pcpu_lock, flags);
	chunk = pcpu_chunk_addr_search(addr);
	if (!WARN_ON(!chunk))
		pcpu_free_area_balance(chunk, (int)((char *)addr - (char *)chunk->base_addr));
	spin_unlock_irqrestore(&pcpu_lock, flags);
}

/* ---- the first chunk ---- */

/*
 * The first chunk's metadata, from memblock: its dynamic area [@tmp_addr, + @map_size)
 * within whole pages, the part of the first page before it (the static variables) and
 * of the last page after it hidden as allocated.
 */
static struct pcpu_chunk * __init pcpu_alloc_first_chunk(unsigned long tmp_addr, int map_size)
{
	unsigned long aligned_addr = tmp_addr & PAGE_MASK;
	int start_offset = (int)(tmp_addr - aligned_addr);
	int region_size = ALIGN(start_offset + map_size, (int)PAGE_SIZE);
	int region_bits = region_size >> PCPU_MIN_ALLOC_SHIFT;
	struct pcpu_chunk *chunk = memblock_alloc(pcpu_chunk_struct_size, SMP_CACHE_BYTES);
	int head_bits, tail_bits;

	if (!chunk)
		panic("%s: Failed to allocate the first chunk\n", __func__);
	chunk->alloc_map = memblock_alloc(BITS_TO_LONGS(region_bits) * sizeof(long),
					  SMP_CACHE_BYTES);
	chunk->bound_map = memblock_alloc(BITS_TO_LONGS(region_bits + 1) * sizeof(long),
					  SMP_CACHE_BYTES);
	if (!chunk->alloc_map || !chunk->bound_map)
		panic("%s: Failed to allocate the first chunk's maps\n", __func__);
	INIT_LIST_HEAD(&chunk->list);
	chunk->base_addr = (void *)aligned_addr;
	chunk->start_offset = start_offset;
	chunk->end_offset = region_size - start_offset - map_size;
	chunk->nr_pages = region_size >> PAGE_SHIFT;
	chunk->immutable = true;
	bitmap_set(chunk->populated, 0, chunk->nr_pages);
	chunk->nr_populated = chunk->nr_pages;
	chunk->free_bytes = map_size;
	pcpu_init_md_block(&chunk->chunk_md, region_bits);

	head_bits = start_offset / PCPU_MIN_ALLOC_SIZE;
	tail_bits = chunk->end_offset / PCPU_MIN_ALLOC_SIZE;
	bitmap_set(chunk->alloc_map, 0, head_bits);
	bitmap_set(chunk->alloc_map, region_bits - tail_bits, tail_bits);
	__set_bit(0, chunk->bound_map);
	__set_bit(head_bits, chunk->bound_map);
	__set_bit(region_bits - tail_bits, chunk->bound_map);
	__set_bit(region_bits, chunk->bound_map);
	pcpu_chunk_refresh_hint(chunk);
	return chunk;
}

/* An alloc_info with room for @nr_groups groups and @nr_units units, all unused. */
static struct pcpu_alloc_info * __init pcpu_alloc_alloc_info(int nr_groups, int nr_units)
{
	size_t base_size = ALIGN(sizeof(struct pcpu_alloc_info) +
				 nr_groups * sizeof(struct pcpu_group_info), sizeof(unsigned int));
	size_t ai_size = PFN_ALIGN(base_size + nr_units * sizeof(unsigned int));
	struct pcpu_alloc_info *ai = memblock_alloc(ai_size, PAGE_SIZE);

	if (!ai)
		return NULL;
	ai->groups[0].cpu_map = (unsigned int *)((char *)ai + base_size);
	for (int unit = 0; unit < nr_units; unit++)
		ai->groups[0].cpu_map[unit] = NR_CPUS;
	ai->nr_groups = nr_groups;
	ai->__ai_size = ai_size;
	return ai;
}

static void __init pcpu_free_alloc_info(struct pcpu_alloc_info *ai)
{
	memblock_free(ai, ai->__ai_size);
}

/* Digits of @v in decimal. */
static int __init pcpu_width(int v)
{
	int width = 1;

	while (v /= 10)
		width++;
	return width;
}

/*
 * pcpu_dump_alloc_info - print @ai at level @lvl, as Linux does: the sizes, then the
 * allocations as "[group] cpu cpu ..." ("--" for an unused unit), several to a line.
 */
static void __init pcpu_dump_alloc_info(const char *lvl, const struct pcpu_alloc_info *ai)
{
	int group_width = pcpu_width(ai->nr_groups);
	int cpu_width = pcpu_width((int)num_possible_cpus());
	int upa = (int)(ai->alloc_size / ai->unit_size);	/* units per allocation */
	int width = upa * (cpu_width + 1) + group_width + 3;
	int apl = 1;						/* allocations per line */
	int alloc = 0;

	while (apl * 2 <= max(60 / width, 1))
		apl *= 2;
	printk("%spcpu-alloc: s%zu r%zu d%zu u%zu alloc=%zu*%zu", lvl, ai->static_size,
	       ai->reserved_size, ai->dyn_size, ai->unit_size, ai->alloc_size / ai->atom_size,
	       ai->atom_size);
	for (int group = 0; group < ai->nr_groups; group++) {
		const struct pcpu_group_info *gi = &ai->groups[group];

		for (int unit = 0; unit < gi->nr_units; unit++) {
			if (unit % upa == 0) {
				if (alloc++ % apl == 0) {
					printk(KERN_CONT "\n");
					printk("%spcpu-alloc: ", lvl);
				}
				printk(KERN_CONT "[%0*d] ", group_width, group);
			}
			if (gi->cpu_map[unit] != NR_CPUS)
				printk(KERN_CONT "%0*u ", cpu_width, gi->cpu_map[unit]);
			else
				printk(KERN_CONT "%.*s ", cpu_width, "--------");
		}
	}
	printk(KERN_CONT "\n");
}

#define PCPU_SETUP_BUG_ON(cond) do {						\
	if (unlikely(cond)) {							\
		pr_emerg("failed to initialize, %s\n", #cond);			\
		pcpu_dump_alloc_info(KERN_EMERG, ai);				\
		BUG();								\
	}									\
} while (0)

/* Each possible cpu's unit index and offset from @ai; the span of a chunk. */
static void __init pcpu_setup_unit_map(const struct pcpu_alloc_info *ai)
{
	int *unit_map = memblock_alloc(nr_cpu_ids * sizeof(int), SMP_CACHE_BYTES);
	unsigned long *unit_off = memblock_alloc(nr_cpu_ids * sizeof(long), SMP_CACHE_BYTES);
	unsigned long highest_off = 0;
	unsigned int cpu;
	int unit = 0;

	PCPU_SETUP_BUG_ON(!unit_map || !unit_off);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		unit_map[cpu] = -1;
	for (int group = 0; group < ai->nr_groups; group++) {
		const struct pcpu_group_info *gi = &ai->groups[group];

		for (int i = 0; i < gi->nr_units; i++, unit++) {
			cpu = gi->cpu_map[i];
			if (cpu == NR_CPUS)
				continue;
			PCPU_SETUP_BUG_ON(cpu >= nr_cpu_ids || !cpu_possible(cpu));
			PCPU_SETUP_BUG_ON(unit_map[cpu] != -1);
			unit_map[cpu] = unit;
			unit_off[cpu] = gi->base_offset + i * ai->unit_size;
			highest_off = max(highest_off, unit_off[cpu]);
		}
	}
	for_each_possible_cpu(cpu)
		PCPU_SETUP_BUG_ON(unit_map[cpu] == -1);
	pcpu_nr_units = unit;
	pcpu_unit_map = unit_map;
	pcpu_unit_offsets = unit_off;
	pcpu_chunk_span = highest_off + ai->unit_size;
}

/*
 * pcpu_setup_first_chunk - initialize the allocator from the first chunk
 * @ai: the layout of the units (pcpu_build_alloc_info)
 * @base_addr: where the first chunk's unit at offset 0 is mapped
 *
 * Each unit already holds a copy of the static section. Sets the unit geometry, the
 * slot lists, and the first chunk serving the dynamic part. Context: boot, memblock.
 */
static void __init pcpu_setup_first_chunk(const struct pcpu_alloc_info *ai, void *base_addr)
{
	size_t size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;

	PCPU_SETUP_BUG_ON(ai->nr_groups <= 0);
	PCPU_SETUP_BUG_ON(!ai->static_size);
	PCPU_SETUP_BUG_ON(ai->reserved_size);	/* no modules: no reserved chunk */
	PCPU_SETUP_BUG_ON((unsigned long)base_addr & ~PAGE_MASK);
	PCPU_SETUP_BUG_ON(ai->unit_size < size_sum);
	PCPU_SETUP_BUG_ON(ai->unit_size & ~PAGE_MASK);
	PCPU_SETUP_BUG_ON(ai->unit_size < PCPU_MIN_UNIT_SIZE);
	PCPU_SETUP_BUG_ON(ai->dyn_size < PERCPU_DYNAMIC_EARLY_SIZE);
	pcpu_setup_unit_map(ai);
	pcpu_dump_alloc_info(KERN_DEBUG, ai);

	pcpu_unit_pages = (int)(ai->unit_size >> PAGE_SHIFT);
	pcpu_unit_size = pcpu_unit_pages << PAGE_SHIFT;
	pcpu_chunk_struct_size = sizeof(struct pcpu_chunk) +
				 BITS_TO_LONGS(pcpu_unit_pages) * sizeof(long);
	pcpu_free_slot = __pcpu_size_to_slot(pcpu_unit_size) + 1;
	pcpu_nr_slots = pcpu_free_slot + 1;
	pcpu_chunk_lists = memblock_alloc(pcpu_nr_slots * sizeof(pcpu_chunk_lists[0]),
					  SMP_CACHE_BYTES);
	PCPU_SETUP_BUG_ON(!pcpu_chunk_lists);
	for (int slot = 0; slot < pcpu_nr_slots; slot++)
		INIT_LIST_HEAD(&pcpu_chunk_lists[slot]);

	pcpu_first_chunk = pcpu_alloc_first_chunk((unsigned long)base_addr + ai->static_size,
						  (int)ai->dyn_size);
	pcpu_nr_populated += PFN_DOWN(size_sum);
	pcpu_chunk_relocate(pcpu_first_chunk, -1);
	pcpu_base_addr = base_addr;
}

#undef PCPU_SETUP_BUG_ON

/* Groups the possible cpus: a group holds the cpus at LOCAL_DISTANCE from its first. */
static int __init pcpu_group_cpus(pcpu_fc_cpu_distance_fn_t cpu_distance_fn,
				  int group_map[NR_CPUS], int group_cnt[NR_CPUS])
{
	struct cpumask mask;
	unsigned int cpu, tcpu;
	int group;

	cpumask_copy(&mask, cpu_possible_mask);
	for (group = 0; !cpumask_empty(&mask); group++) {
		cpu = cpumask_first(&mask);
		group_map[cpu] = group;
		group_cnt[group] = 1;
		cpumask_clear_cpu(cpu, &mask);
		for_each_cpu(tcpu, &mask) {
			if (cpu_distance_fn &&
			    (cpu_distance_fn(cpu, tcpu) != LOCAL_DISTANCE ||
			     cpu_distance_fn(tcpu, cpu) != LOCAL_DISTANCE))
				continue;
			group_map[tcpu] = group;
			group_cnt[group]++;
			cpumask_clear_cpu(tcpu, &mask);
		}
	}
	return group;
}

/*
 * Units per allocation: the most, up to @max_upa, that divide @alloc_size into whole
 * pages, wasting at most a third of the cpus' worth of units, with no more allocations.
 */
static int __init pcpu_best_upa(size_t alloc_size, int max_upa, int nr_groups,
				const int group_cnt[NR_CPUS])
{
	int last_allocs = INT_MAX, best_upa = 0;

	for (int upa = max_upa; upa; upa--) {
		int allocs = 0, wasted = 0;

		if (alloc_size % upa || ((alloc_size / upa) & ~PAGE_MASK))
			continue;
		for (int group = 0; group < nr_groups; group++) {
			int this_allocs = DIV_ROUND_UP(group_cnt[group], upa);

			allocs += this_allocs;
			wasted += this_allocs * upa - group_cnt[group];
		}
		if (wasted > (int)num_possible_cpus() / 3)
			continue;
		if (allocs > last_allocs)
			break;
		last_allocs = allocs;
		best_upa = upa;
	}
	BUG_ON(!best_upa);
	return best_upa;
}

/*
 * pcpu_build_alloc_info - the first chunk's layout: unit size from the static, reserved
 * and dynamic sizes, cpus grouped by node distance, units per allocation.
 * Return: the alloc_info (memblock; pcpu_free_alloc_info), or NULL.
 */
static struct pcpu_alloc_info * __init pcpu_build_alloc_info(size_t reserved_size,
		size_t dyn_size, size_t atom_size, pcpu_fc_cpu_distance_fn_t cpu_distance_fn)
{
	static int group_map[NR_CPUS] __initdata, group_cnt[NR_CPUS] __initdata;
	size_t static_size = __per_cpu_end - __per_cpu_start;
	size_t size_sum, min_unit_size, alloc_size;
	int upa, nr_groups, nr_units = 0, unit = 0;
	struct pcpu_alloc_info *ai;
	unsigned int *cpu_map;
	unsigned int cpu;

	size_sum = PFN_ALIGN(static_size + reserved_size +
			     max_t(size_t, dyn_size, PERCPU_DYNAMIC_EARLY_SIZE));
	dyn_size = size_sum - static_size - reserved_size;
	min_unit_size = max_t(size_t, size_sum, PCPU_MIN_UNIT_SIZE);
	alloc_size = ALIGN(min_unit_size, atom_size);
	nr_groups = pcpu_group_cpus(cpu_distance_fn, group_map, group_cnt);
	upa = pcpu_best_upa(alloc_size, (int)(alloc_size / min_unit_size), nr_groups, group_cnt);
	for (int group = 0; group < nr_groups; group++)
		nr_units += ALIGN(group_cnt[group], upa);
	ai = pcpu_alloc_alloc_info(nr_groups, nr_units);
	if (!ai)
		return NULL;
	cpu_map = ai->groups[0].cpu_map;
	ai->static_size = static_size;
	ai->reserved_size = reserved_size;
	ai->dyn_size = dyn_size;
	ai->unit_size = alloc_size / upa;
	ai->atom_size = atom_size;
	ai->alloc_size = alloc_size;
	for (int group = 0; group < nr_groups; group++) {
		struct pcpu_group_info *gi = &ai->groups[group];

		gi->cpu_map = cpu_map + unit;
		gi->base_offset = unit * ai->unit_size;
		for_each_possible_cpu(cpu)
			if (group_map[cpu] == group)
				gi->cpu_map[gi->nr_units++] = cpu;
		gi->nr_units = ALIGN(gi->nr_units, upa);
		unit += gi->nr_units;
	}
	BUG_ON(unit != nr_units);
	return ai;
}

/* Memory for a group's units on @cpu's node (anywhere if the node is unknown). */
static void * __init pcpu_fc_alloc(unsigned int cpu, size_t size, size_t align,
				   pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn)
{
	int node = cpu_to_nd_fn ? cpu_to_nd_fn((int)cpu) : NUMA_NO_NODE;

	if (node == NUMA_NO_NODE || !node_online(node))
		node = NUMA_NO_NODE;
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, node);
}

static void __init pcpu_fc_free(void *ptr, size_t size)
{
	if (size)
		memblock_free(ptr, size);
}

/*
 * Fills each used unit of the groups at @areas with the static section and gives the
 * unused units and each unit's unused tail back to memblock.
 */
static void __init pcpu_fill_units(const struct pcpu_alloc_info *ai, void **areas)
{
	size_t size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;

	for (int group = 0; group < ai->nr_groups; group++) {
		const struct pcpu_group_info *gi = &ai->groups[group];
		char *ptr = areas[group];

		for (int i = 0; i < gi->nr_units; i++, ptr += ai->unit_size) {
			if (gi->cpu_map[i] == NR_CPUS) {
				pcpu_fc_free(ptr, ai->unit_size);
				continue;
			}
			memcpy(ptr, __per_cpu_start, ai->static_size);
			pcpu_fc_free(ptr + size_sum, ai->unit_size - size_sum);
		}
	}
}

/* Each group's memory; the lowest address in *@base. Return: the span from *@base. */
static unsigned long __init pcpu_alloc_groups(const struct pcpu_alloc_info *ai, void **areas,
					      size_t atom_size, pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn,
					      char **base)
{
	int highest_group = 0;

	*base = (char *)ULONG_MAX;
	for (int group = 0; group < ai->nr_groups; group++) {
		const struct pcpu_group_info *gi = &ai->groups[group];
		unsigned int cpu = NR_CPUS;

		for (int i = 0; i < gi->nr_units && cpu == NR_CPUS; i++)
			cpu = gi->cpu_map[i];
		BUG_ON(cpu == NR_CPUS);
		areas[group] = pcpu_fc_alloc(cpu, gi->nr_units * ai->unit_size, atom_size,
					     cpu_to_nd_fn);
		if (!areas[group])
			return 0;
		*base = min(*base, (char *)areas[group]);
		if (areas[group] > areas[highest_group])
			highest_group = group;
	}
	return (unsigned long)((char *)areas[highest_group] - *base) +
	       ai->unit_size * ai->groups[highest_group].nr_units;
}

int __init pcpu_embed_first_chunk(size_t reserved_size, size_t dyn_size, size_t atom_size,
				  pcpu_fc_cpu_distance_fn_t cpu_distance_fn,
				  pcpu_fc_cpu_to_node_fn_t cpu_to_nd_fn)
{
	struct pcpu_alloc_info *ai;
	unsigned long max_distance;
	size_t areas_size;
	void **areas;
	char *base;
	int rc = 0;

	ai = pcpu_build_alloc_info(reserved_size, dyn_size, atom_size, cpu_distance_fn);
	if (!ai)
		return -EINVAL;
	areas_size = PFN_ALIGN(ai->nr_groups * sizeof(void *));
	areas = memblock_alloc(areas_size, SMP_CACHE_BYTES);
	if (!areas) {
		rc = -ENOMEM;
		goto out_free;
	}
	max_distance = pcpu_alloc_groups(ai, areas, atom_size, cpu_to_nd_fn, &base);
	if (!max_distance) {
		rc = -ENOMEM;
		goto out_free_areas;
	}
	/* Every further chunk needs this much vmalloc space; leave room for the rest. */
	if (max_distance > (VMALLOC_END - VMALLOC_START) * 3 / 4) {
		pr_warn("max_distance=0x%lx too large for vmalloc space 0x%lx\n",
			max_distance, (unsigned long)(VMALLOC_END - VMALLOC_START));
		rc = -EINVAL;
		goto out_free_areas;
	}
	pcpu_fill_units(ai, areas);
	for (int group = 0; group < ai->nr_groups; group++)
		ai->groups[group].base_offset = (char *)areas[group] - base;
	pr_info("Embedded %zu pages/cpu s%zu r%zu d%zu u%zu\n",
		PFN_DOWN(ai->static_size + ai->reserved_size + ai->dyn_size), ai->static_size,
		ai->reserved_size, ai->dyn_size, ai->unit_size);
	pcpu_setup_first_chunk(ai, base);
	goto out_free;

out_free_areas:
	for (int group = 0; group < ai->nr_groups; group++)
		if (areas[group])
			pcpu_fc_free(areas[group], ai->groups[group].nr_units * ai->unit_size);
out_free:
	pcpu_free_alloc_info(ai);
	if (areas)
		memblock_free(areas, areas_size);
	return rc;
}

unsigned long pcpu_nr_pages(void)
{
	return READ_ONCE(pcpu_nr_populated) * pcpu_nr_units;
}
