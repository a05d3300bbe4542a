/*
 * The stack depot (Linux 6.1's lib/stackdepot.c): each distinct stack trace is stored
 * once, in slabs of 4 pages filled in order, and found again through a hash table of
 * singly linked buckets; a handle names a record by slab index and offset.
 *
 * Records are never freed. Readers walk a bucket without the lock: a record is complete
 * before the release store that links it, and the acquire load of a bucket head or next
 * pointer pairs with it. depot_lock serializes writers (slab space and bucket heads).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/vmalloc.h>
#include <linux/hash.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>

#define STACK_ALLOC_ORDER	2	/* a slab is 4 pages */
#define STACK_ALLOC_SIZE	(PAGE_SIZE << STACK_ALLOC_ORDER)
#define STACK_ALLOC_ALIGN	4
#define STACK_ALLOC_OFFSET_BITS	(STACK_ALLOC_ORDER + PAGE_SHIFT - STACK_ALLOC_ALIGN)
#define STACK_ALLOC_INDEX_BITS	(32 - 1 - STACK_ALLOC_OFFSET_BITS)
#define STACK_ALLOC_MAX_SLABS	8192	/* 128 MiB of traces at most */
#define STACK_HASH_SCALE	14	/* a bucket per 16 KiB of memory, as Linux */
#define STACK_HASH_SEED		0x9747b28c

/* A handle: valid bit, slab index, offset in 16-byte units; 0 is "no trace". */
union handle_parts {
	depot_stack_handle_t handle;
	struct {
		u32 slabindex : STACK_ALLOC_INDEX_BITS;
		u32 offset : STACK_ALLOC_OFFSET_BITS;
		u32 valid : 1;
	};
};

struct stack_record {
	struct stack_record *next;	/* in its bucket */
	u32 hash;
	u32 size;			/* entries */
	union handle_parts handle;
	unsigned long entries[];
};

static struct stack_record **stack_table;
static unsigned int stack_hash_mask;
static void **stack_slabs;		/* STACK_ALLOC_MAX_SLABS, from vmalloc */
static int depot_index;			/* the slab being filled, under depot_lock */
static size_t depot_offset;		/* its first free byte, under depot_lock */
static DEFINE_RAW_SPINLOCK(depot_lock);

int __init stack_depot_init(void)
{
	unsigned long entries = (totalram_pages() << PAGE_SHIFT) >> STACK_HASH_SCALE;
	unsigned int shift;

	stack_slabs = vzalloc(STACK_ALLOC_MAX_SLABS * sizeof(*stack_slabs));
	if (!stack_slabs)
		return -ENOMEM;
	stack_table = alloc_large_system_hash("stackdepot", sizeof(*stack_table), entries,
					      STACK_HASH_SCALE, 0, &shift, &stack_hash_mask,
					      1UL << 12, 1UL << 20);
	return stack_table ? 0 : -ENOMEM;
}

static u32 hash_stack(const unsigned long *entries, unsigned int size)
{
	u32 hash = STACK_HASH_SEED;

	for (unsigned int i = 0; i < size; i++)
		hash = hash_64((u64)entries[i] ^ ((u64)hash << 32 | hash), 32);
	return hash;
}

static struct stack_record *find_stack(struct stack_record *bucket, const unsigned long *entries,
				       unsigned int size, u32 hash)
{
	for (struct stack_record *found = bucket; found;
	     found = __atomic_load_n(&found->next, __ATOMIC_ACQUIRE))
		if (found->hash == hash && found->size == size &&
		    !memcmp(entries, found->entries, size * sizeof(entries[0])))
			return found;
	return NULL;
}

static size_t record_size(unsigned int size)
{
	return ALIGN(sizeof(struct stack_record) + size * sizeof(unsigned long),
		     1 << STACK_ALLOC_ALIGN);
}

/* Room for a record of size entries in the current slab (depot_lock held), or NULL. */
static struct stack_record *depot_alloc_stack(const unsigned long *entries, unsigned int size,
					      u32 hash, void **prealloc)
{
	size_t required = record_size(size);
	struct stack_record *stack;

	if (stack_slabs[depot_index] && depot_offset + required > STACK_ALLOC_SIZE) {
		if (depot_index + 1 >= STACK_ALLOC_MAX_SLABS) {
			pr_warn_once("Stack depot reached limit capacity\n");
			return NULL;
		}
		depot_index++;
		depot_offset = 0;
	}
	if (!stack_slabs[depot_index]) {
		if (!*prealloc)
			return NULL;
		stack_slabs[depot_index] = *prealloc;
		*prealloc = NULL;
	}
	stack = stack_slabs[depot_index] + depot_offset;
	stack->hash = hash;
	stack->size = size;
	stack->handle.slabindex = (u32)depot_index;
	stack->handle.offset = (u32)(depot_offset >> STACK_ALLOC_ALIGN);
	stack->handle.valid = 1;
	memcpy(stack->entries, entries, size * sizeof(entries[0]));
	depot_offset += required;
	return stack;
}

depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags)
{
	struct stack_record *found, **bucket;
	void *prealloc = NULL;
	unsigned long flags;
	u32 hash;

	if (!stack_table || !nr_entries)
		return 0;
	hash = hash_stack(entries, nr_entries);
	bucket = &stack_table[hash & stack_hash_mask];
	found = find_stack(__atomic_load_n(bucket, __ATOMIC_ACQUIRE), entries, nr_entries, hash);
	if (found)
		return found->handle.handle;
	/*
	 * A new slab, taken before the lock when this record may need one (the allocator
	 * may not run under it); unused, it goes back after.
	 */
	if (!READ_ONCE(stack_slabs[READ_ONCE(depot_index)]) ||
	    READ_ONCE(depot_offset) + record_size(nr_entries) > STACK_ALLOC_SIZE) {
		struct page *page = alloc_pages((alloc_flags & (__GFP_RECLAIM | __GFP_IO |
				__GFP_FS | __GFP_HIGH | __GFP_ATOMIC)) | __GFP_NOWARN,
				STACK_ALLOC_ORDER);

		prealloc = page ? page_address(page) : NULL;
	}
	raw_spin_lock_irqsave(&depot_lock, flags);
	found = find_stack(*bucket, entries, nr_entries, hash);
	if (!found) {
		found = depot_alloc_stack(entries, nr_entries, hash, &prealloc);
		if (found) {
			found->next = *bucket;
			__atomic_store_n(bucket, found, __ATOMIC_RELEASE);
		}
	}
	raw_spin_unlock_irqrestore(&depot_lock, flags);
	if (prealloc)
		free_pages((unsigned long)prealloc, STACK_ALLOC_ORDER);
	return found ? found->handle.handle : 0;
}

unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries)
{
	union handle_parts parts = { .handle = handle };
	struct stack_record *stack;
	void *slab;

	*entries = NULL;
	if (!handle || !stack_slabs || parts.slabindex >= STACK_ALLOC_MAX_SLABS)
		return 0;
	slab = READ_ONCE(stack_slabs[parts.slabindex]);
	if (WARN_ON_ONCE(!slab))
		return 0;
	stack = slab + ((size_t)parts.offset << STACK_ALLOC_ALIGN);
	*entries = stack->entries;
	return stack->size;
}

int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces)
{
	unsigned long *entries;
	unsigned int nr_entries = stack_depot_fetch(handle, &entries);

	return nr_entries ? stack_trace_snprint(buf, size, entries, nr_entries, spaces) : 0;
}
