/*
 * Host tests of the percpu allocator (mm/percpu.c): a simulated four-node machine with
 * a cpu per node gets its first chunk from memblock as setup_per_cpu_areas builds it;
 * further chunks come from an emulated backend (address space from mmap, population
 * counted and poisoned). After every step of the random and adversarial sequences the
 * chunks are checked against a brute-force scan of their maps (free bytes, contig hint,
 * first free bit, slot), and the live allocations against a shadow list (alignment in
 * every unit, no overlap, each cpu's contents intact). Random cases replay with KTEST_SEED.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <asm/sections.h>
#include "../../mm/percpu-internal.h"
#include "ktest.h"
#include "sim_mem.h"

/* ---- what the kernel provides around mm/percpu.c ---- */

#define NR_TEST_CPUS	4
#define MEM_BASE	0x40000000ULL
#define NODE_SIZE	(32UL << 20)
#define STATIC_SIZE	72
#define TEMPLATE_BYTE	0x11

/* The static per-cpu section the linker script makes: STATIC_SIZE bytes of a template. */
__asm__(".pushsection .data\n\t.balign 4096\n\t.globl __per_cpu_start\n__per_cpu_start:\n\t"
	".fill " __stringify(STATIC_SIZE) ", 1, " __stringify(TEMPLATE_BYTE) "\n\t"
	".globl __per_cpu_end\n__per_cpu_end:\n\t.popsection");

nodemask_t node_states[NR_NODE_STATES];
int cpu_to_node_map[NR_CPUS];
struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask;
unsigned int nr_cpu_ids = NR_CPUS;
unsigned long __per_cpu_offset[NR_CPUS];

/* Chunk metadata from kzalloc: counted, so that a leak shows. */
static long live_kmallocs;

void *__kmalloc(size_t size, gfp_t flags)
{
	live_kmallocs++;
	return calloc(1, size);
}

void kfree(const void *objp)
{
	live_kmallocs -= objp != NULL;
	free((void *)objp);
}

/* tests/host/host_mutex.c: mutexes held now (pcpu_alloc_mutex is the only one here). */
extern int host_mutexes_held;

/* The backend may sleep: it must run under pcpu_alloc_mutex, with pcpu_lock dropped. */
static void expect_backend_context(void)
{
	EXPECT_EQ(host_mutexes_held, 1);
	EXPECT_FALSE(spin_is_locked(&pcpu_lock));
}

/* ---- the emulated backend: mmap'd address space, population poisons ---- */

#define POP_POISON	0xa5

static int live_chunks;			/* created and not destroyed */
static bool fail_populate;		/* the next pcpu_populate_chunk fails */

struct pcpu_chunk *pcpu_create_chunk(gfp_t gfp)
{
	struct pcpu_chunk *chunk;
	void *addr;

	expect_backend_context();
	chunk = pcpu_alloc_chunk(gfp);
	if (!chunk)
		return NULL;
	addr = mmap(NULL, pcpu_chunk_span, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ASSERT_TRUE(addr != MAP_FAILED);
	chunk->base_addr = addr;
	live_chunks++;
	return chunk;
}

void pcpu_destroy_chunk(struct pcpu_chunk *chunk)
{
	EXPECT_EQ(chunk->nr_populated, 0);
	munmap(chunk->base_addr, pcpu_chunk_span);
	pcpu_free_chunk(chunk);
	live_chunks--;
}

static void poison_pages(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		memset((void *)pcpu_chunk_addr(chunk, cpu, page_start), POP_POISON,
		       (size_t)(page_end - page_start) * PAGE_SIZE);
}

int pcpu_populate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end, gfp_t gfp)
{
	expect_backend_context();
	if (fail_populate) {
		fail_populate = false;
		return -ENOMEM;
	}
	for (int i = page_start; i < page_end; i++)
		EXPECT_FALSE(test_bit(i, chunk->populated));
	poison_pages(chunk, page_start, page_end);
	return 0;
}

void pcpu_depopulate_chunk(struct pcpu_chunk *chunk, int page_start, int page_end)
{
	for (int i = page_start; i < page_end; i++)
		EXPECT_TRUE(test_bit(i, chunk->populated));
	poison_pages(chunk, page_start, page_end);
}

/* ---- the machine, booted once: memblock, then setup_per_cpu_areas's work ---- */

static int test_cpu_to_node(int cpu)
{
	return cpu_to_node(cpu);
}

static int test_cpu_distance(unsigned int from, unsigned int to)
{
	return cpu_to_node((int)from) == cpu_to_node((int)to) ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

static unsigned long base_pages;	/* pcpu_nr_pages right after boot */

/* Cpu @cpu, possible, alone on node @cpu with NODE_SIZE of memory. */
static void add_cpu_with_node(unsigned int cpu)
{
	int nid = (int)cpu;

	memblock_add_node(MEM_BASE + nid * NODE_SIZE, NODE_SIZE, nid, MEMBLOCK_NONE);
	node_set(nid, &node_states[N_POSSIBLE]);
	node_set_online(nid);
	cpu_to_node_map[cpu] = nid;
	cpumask_set_cpu((int)cpu, &__cpu_possible_mask);
}

static void boot_machine(void)
{
	static bool booted;
	unsigned int cpu;

	if (booted)
		return;
	booted = true;
	sim_mem_init(MEM_BASE, NR_TEST_CPUS * NODE_SIZE);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		cpu_to_node_map[cpu] = NUMA_NO_NODE;
	for (cpu = 0; cpu < NR_TEST_CPUS; cpu++)
		add_cpu_with_node(cpu);
	nr_cpu_ids = NR_TEST_CPUS;
	ASSERT_EQ(pcpu_embed_first_chunk(PERCPU_MODULE_RESERVE, PERCPU_DYNAMIC_RESERVE,
					 PAGE_SIZE, test_cpu_distance, test_cpu_to_node), 0);
	for_each_possible_cpu(cpu)
		__per_cpu_offset[cpu] = (unsigned long)pcpu_base_addr -
					(unsigned long)__per_cpu_start + pcpu_unit_offsets[cpu];
	base_pages = pcpu_nr_pages();
}

/* ---- checks: every chunk against a brute-force scan ---- */

/* The longest free run of @chunk's map, and its first free bit, counted bit by bit. */
static void brute_scan(const struct pcpu_chunk *chunk, int *longest, int *first_free,
		       int *free_bits)
{
	int nr_bits = pcpu_chunk_map_bits(chunk), run = 0;

	*longest = 0;
	*first_free = nr_bits;
	*free_bits = 0;
	for (int bit = 0; bit < nr_bits; bit++) {
		if (test_bit(bit, chunk->alloc_map)) {
			run = 0;
			continue;
		}
		*first_free = min(*first_free, bit);
		(*free_bits)++;
		*longest = max(*longest, ++run);
	}
}

static void check_chunk(const struct pcpu_chunk *chunk, int slot)
{
	const struct pcpu_block_md *md = &chunk->chunk_md;
	int longest, first_free, free_bits;

	brute_scan(chunk, &longest, &first_free, &free_bits);
	EXPECT_EQ(chunk->free_bytes, free_bits * PCPU_MIN_ALLOC_SIZE);
	EXPECT_EQ(md->contig_hint, longest);
	EXPECT_EQ(md->first_free, first_free);
	for (int bit = md->contig_hint_start; bit < md->contig_hint_start + md->contig_hint; bit++)
		if (test_bit(bit, chunk->alloc_map))
			ktest_abort(__FILE__, __LINE__, "contig hint bit %d allocated (seed %llu)",
				    bit, (unsigned long long)ktest_seed());
	if (slot != pcpu_chunk_slot(chunk))
		ktest_abort(__FILE__, __LINE__, "chunk with %d free in slot %d, not %d (seed %llu)",
			    chunk->free_bytes, slot, pcpu_chunk_slot(chunk),
			    (unsigned long long)ktest_seed());
}

/* Every chunk in its slot with exact hints. Return: the number of chunks. */
static int check_all_chunks(void)
{
	struct pcpu_chunk *chunk;
	int n = 0;

	for (int slot = 0; slot < pcpu_nr_slots; slot++)
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list) {
			check_chunk(chunk, slot);
			n++;
		}
	return n;
}

/* ---- the shadow of live allocations ---- */

struct live {
	void __percpu *ptr;
	size_t size;
	size_t align;
	unsigned int id;
};

#define MAX_LIVE	16384
static struct live lives[MAX_LIVE];
static int nr_live;
static unsigned int next_id;

static u8 fill_byte(unsigned int id, unsigned int cpu, size_t b)
{
	return (u8)(id * 31 + cpu * 101 + b);
}

/* Allocates into the shadow; checks alignment and zeroing in every unit, then fills. */
static bool shadow_alloc(size_t size, size_t align)
{
	void __percpu *p = __alloc_percpu(size, align);
	struct live *l;
	unsigned int cpu;

	if (!p)
		return false;
	ASSERT_TRUE(nr_live < MAX_LIVE);
	l = &lives[nr_live++];
	*l = (struct live){ p, size, align, next_id++ };
	for_each_possible_cpu(cpu) {
		u8 *q = per_cpu_ptr((u8 *)p, cpu);

		if ((unsigned long)q & (max_t(size_t, align, PCPU_MIN_ALLOC_SIZE) - 1))
			ktest_abort(__FILE__, __LINE__, "%zu/%zu at %p misaligned (seed %llu)",
				    size, align, q, (unsigned long long)ktest_seed());
		for (size_t b = 0; b < size; b++) {
			EXPECT_EQ(q[b], 0);
			q[b] = fill_byte(l->id, cpu, b);
		}
	}
	return true;
}

/* Checks the contents of live allocation @i in every unit, frees it. */
static void shadow_free(int i)
{
	struct live *l = &lives[i];
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		u8 *q = per_cpu_ptr((u8 *)l->ptr, cpu);

		for (size_t b = 0; b < l->size; b++)
			if (q[b] != fill_byte(l->id, cpu, b))
				ktest_abort(__FILE__, __LINE__, "id %u cpu %u byte %zu overwritten (seed %llu)",
					    l->id, cpu, b, (unsigned long long)ktest_seed());
	}
	free_percpu(l->ptr);
	lives[i] = lives[--nr_live];
}

static void shadow_free_all(void)
{
	while (nr_live)
		shadow_free(nr_live - 1);
}

static int cmp_live(const void *a, const void *b)
{
	unsigned long pa = (unsigned long)((const struct live *)a)->ptr;
	unsigned long pb = (unsigned long)((const struct live *)b)->ptr;

	return pa < pb ? -1 : pa > pb;
}

/* No two live allocations overlap (in the pointer space every unit shares). */
static void check_no_overlap(void)
{
	static struct live sorted[MAX_LIVE];

	memcpy(sorted, lives, nr_live * sizeof(sorted[0]));
	qsort(sorted, nr_live, sizeof(sorted[0]), cmp_live);
	for (int i = 1; i < nr_live; i++)
		if ((char *)sorted[i - 1].ptr + ALIGN(sorted[i - 1].size, PCPU_MIN_ALLOC_SIZE) >
		    (char *)sorted[i].ptr)
			ktest_abort(__FILE__, __LINE__, "ids %u and %u overlap (seed %llu)",
				    sorted[i - 1].id, sorted[i].id, (unsigned long long)ktest_seed());
}

/*
 * Everything freed: one chunk besides the first at most, depopulated; no metadata leak
 * (a created chunk has three kzalloc'd parts: itself and its two maps).
 */
static void check_all_returned(void)
{
	EXPECT_EQ(pcpu_nr_pages(), base_pages);
	EXPECT_TRUE(live_chunks <= 1);
	EXPECT_EQ(check_all_chunks(), 1 + live_chunks);
	EXPECT_EQ(live_kmallocs, 3 * live_chunks);
}

/* ---- cases ---- */

/*
 * The first chunk: a unit per cpu on the cpu's node, the static template copied into
 * each, __per_cpu_offset reaching each unit, the dynamic part free after the static.
 *
 *   unit: | static 72 | dynamic ........................ | = 8 pages
 *          hidden       pcpu_first_chunk serves this
 */
static void first_chunk_layout(void)
{
	unsigned int cpu;

	boot_machine();
	EXPECT_EQ(pcpu_nr_units, NR_TEST_CPUS);
	EXPECT_EQ(pcpu_unit_size, 32768);
	EXPECT_EQ(base_pages, NR_TEST_CPUS * 8);
	EXPECT_EQ(pcpu_first_chunk->free_bytes, 32768 - STATIC_SIZE);
	EXPECT_EQ(pcpu_first_chunk->start_offset, STATIC_SIZE);
	for_each_possible_cpu(cpu) {
		char *unit = per_cpu_ptr((char *)__per_cpu_start, cpu);
		phys_addr_t phys = __pa(unit);

		EXPECT_TRUE(phys >= MEM_BASE + cpu * NODE_SIZE &&
			    phys < MEM_BASE + (cpu + 1) * NODE_SIZE);
		for (int b = 0; b < STATIC_SIZE; b++)
			EXPECT_EQ(unit[b], TEMPLATE_BYTE);
	}
	EXPECT_EQ(check_all_chunks(), 1);
	EXPECT_EQ(live_chunks, 0);
}

/* this_cpu ops on a dynamic pointer reach cpu 0's copy (host: always cpu 0). */
static void this_cpu_ops_reach_cpu0(void)
{
	int __percpu *p;

	boot_machine();
	p = alloc_percpu(int);
	ASSERT_TRUE(p);
	this_cpu_write(*p, 40);
	this_cpu_inc(*p);
	this_cpu_add(*p, 2);
	this_cpu_dec(*p);
	EXPECT_EQ(*per_cpu_ptr(p, 0), 42);
	EXPECT_EQ(this_cpu_read(*p), 42);
	EXPECT_EQ(*per_cpu_ptr(p, 1), 0);
	EXPECT_EQ(host_irqs_off, 0);
	free_percpu(p);
}

/*
 * A whole-unit request fits no partly used chunk: each makes a new chunk, in the
 * free slot before and slot 0 after. Freeing: one destroyed, one kept depopulated.
 */
static void full_unit_needs_new_chunk(void)
{
	void __percpu *a, *b;

	boot_machine();
	a = __alloc_percpu(PCPU_MIN_UNIT_SIZE, PAGE_SIZE);
	ASSERT_TRUE(a);
	EXPECT_EQ(live_chunks, 1);
	b = __alloc_percpu(PCPU_MIN_UNIT_SIZE, PAGE_SIZE);
	ASSERT_TRUE(b);
	EXPECT_EQ(live_chunks, 2);
	EXPECT_EQ(pcpu_nr_pages(), base_pages + 2 * 8 * NR_TEST_CPUS);
	EXPECT_EQ(check_all_chunks(), 3);
	EXPECT_FALSE(list_empty(&pcpu_chunk_lists[0]));
	free_percpu(a);
	EXPECT_EQ(live_chunks, 2);
	free_percpu(b);
	EXPECT_EQ(live_chunks, 1);
	EXPECT_FALSE(list_empty(&pcpu_chunk_lists[pcpu_free_slot]));
	check_all_returned();
}

/* A chunk moves to the slot of its free size on every alloc and free. */
static void slot_follows_free_size(void)
{
	void __percpu *p[8];

	boot_machine();
	for (int i = 0; i < 8; i++) {
		p[i] = __alloc_percpu(1000 << (i % 4), 8);
		ASSERT_TRUE(p[i]);
		check_all_chunks();
	}
	for (int i = 0; i < 8; i++) {
		free_percpu(p[i]);
		check_all_chunks();
	}
	EXPECT_EQ(pcpu_nr_pages(), base_pages);
}

/*
 * Fragmentation: the first chunk filled with 4-byte areas, every other one freed;
 * 8-byte requests fit none of the 4-byte holes and go to a new chunk.
 *
 *   before: |A|A|A|A|A|A|...     after frees: |A|.|A|.|A|.|...   8 bytes: new chunk
 */
static void holes_too_small_for_request(void)
{
	int free_bytes;

	boot_machine();
	while (pcpu_first_chunk->free_bytes) {
		ASSERT_TRUE(shadow_alloc(4, 4));
		check_all_chunks();
	}
	for (int i = nr_live - 1; i >= 0; i -= 2)
		shadow_free(i);
	free_bytes = pcpu_first_chunk->free_bytes;
	EXPECT_EQ(pcpu_first_chunk->chunk_md.contig_hint, 1);
	EXPECT_TRUE(shadow_alloc(8, 8));
	EXPECT_EQ(pcpu_first_chunk->free_bytes, free_bytes);
	EXPECT_EQ(live_chunks, 1);
	check_all_chunks();
	check_no_overlap();
	shadow_free_all();
	check_all_returned();
}

static size_t random_size(void)
{
	switch (ktest_rand_range(0, 9)) {
	case 0:
		return ktest_rand_range(1, PCPU_MIN_UNIT_SIZE);
	case 1 ... 3:
		return ktest_rand_range(256, 4096);
	default:
		return ktest_rand_range(1, 128);
	}
}

/* Random alloc/free, every chunk and the shadow checked after each step. */
static void random_alloc_free(void)
{
	boot_machine();
	for (int step = 0; step < 3000; step++) {
		if (nr_live && (ktest_rand_range(0, 99) < 45 || nr_live == MAX_LIVE)) {
			shadow_free((int)ktest_rand_range(0, nr_live - 1));
		} else {
			size_t align = 1UL << ktest_rand_range(0, 12);

			if (!shadow_alloc(random_size(), align))
				ktest_abort(__FILE__, __LINE__, "step %d failed (seed %llu)", step,
					    (unsigned long long)ktest_seed());
		}
		check_all_chunks();
		if (step % 64 == 0)
			check_no_overlap();
	}
	check_no_overlap();
	shadow_free_all();
	check_all_returned();
}

/* Adversarial: many chunks' worth of page-aligned pages, freed in a stride order. */
static void stride_free_many_chunks(void)
{
	boot_machine();
	for (int i = 0; i < 200; i++)
		ASSERT_TRUE(shadow_alloc(ktest_rand_range(1, PAGE_SIZE), PAGE_SIZE));
	EXPECT_TRUE(live_chunks >= 200 / 8);
	check_no_overlap();
	for (int stride = 7; nr_live; stride = stride > 1 ? stride - 2 : 1) {
		for (int i = nr_live - 1; i >= 0; i -= stride)
			shadow_free(i);
		check_all_chunks();
	}
	check_all_returned();
}

/* A failed population returns NULL and leaves the area free; the retry succeeds. */
static void populate_failure_undone(void)
{
	void __percpu *p;
	int free_bytes;

	boot_machine();
	p = __alloc_percpu(PCPU_MIN_UNIT_SIZE, PAGE_SIZE);	/* a chunk, populated */
	ASSERT_TRUE(p);
	free_percpu(p);						/* kept, depopulated */
	ASSERT_EQ(live_chunks, 1);
	free_bytes = list_first_entry(&pcpu_chunk_lists[pcpu_free_slot], struct pcpu_chunk,
				      list)->free_bytes;
	fail_populate = true;
	EXPECT_FALSE(__alloc_percpu(PCPU_MIN_UNIT_SIZE, PAGE_SIZE));
	EXPECT_EQ(list_first_entry(&pcpu_chunk_lists[pcpu_free_slot], struct pcpu_chunk,
				   list)->free_bytes, free_bytes);
	EXPECT_EQ(pcpu_nr_pages(), base_pages);
	p = __alloc_percpu(PCPU_MIN_UNIT_SIZE, PAGE_SIZE);
	EXPECT_TRUE(p);
	free_percpu(p);
	EXPECT_EQ(pcpu_nr_pages(), base_pages);
	check_all_chunks();
}

/* Impossible requests warn and return NULL; frees of what was not allocated warn. */
static void bad_input_warns(void)
{
	int warnings = ktest_warnings;
	char __percpu *p;

	boot_machine();
	EXPECT_FALSE(__alloc_percpu(0, 4));
	EXPECT_FALSE(__alloc_percpu(PCPU_MIN_UNIT_SIZE + 1, 4));
	EXPECT_FALSE(__alloc_percpu(8, 3));
	EXPECT_FALSE(__alloc_percpu(8, 2 * PAGE_SIZE));
	EXPECT_EQ(ktest_warnings, warnings + 4);
	free_percpu(NULL);
	EXPECT_EQ(ktest_warnings, warnings + 4);

	p = __alloc_percpu(64, 8);
	ASSERT_TRUE(p);
	free_percpu(p + 8);			/* inside an allocation */
	EXPECT_EQ(ktest_warnings, warnings + 5);
	free_percpu(p);
	free_percpu(p);				/* double free */
	EXPECT_EQ(ktest_warnings, warnings + 6);
	free_percpu((void *)__per_cpu_start);	/* the static part */
	EXPECT_EQ(ktest_warnings, warnings + 7);
	check_all_chunks();
}

KTEST_MAIN("percpu",
	KTEST_CASE(first_chunk_layout),
	KTEST_CASE(this_cpu_ops_reach_cpu0),
	KTEST_CASE(full_unit_needs_new_chunk),
	KTEST_CASE(slot_follows_free_size),
	KTEST_CASE(holes_too_small_for_request),
	KTEST_CASE(random_alloc_free),
	KTEST_CASE(stride_free_many_chunks),
	KTEST_CASE(populate_failure_undone),
	KTEST_CASE(bad_input_warns))
