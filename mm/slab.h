/*
 * Internal to the slab allocator (mm/slub.c, mm/slab_common.c): struct slab overlaid on
 * struct page, struct kmem_cache and its per-cpu and per-node parts, the bootstrap state.
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/arch_numa.h>
#include <linux/percpu-defs.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mm_types.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <linux/mutex.h>

/*
 * struct slab - one slab: the struct page of its first page, seen through another type
 * (Linux 6.1's struct slab; the fields sit where struct page keeps flags, lru,
 * mapping, index, private, _mapcount, _refcount, memcg_data, so both stay 64 bytes).
 * @slab_list: on its node's partial list (n->list_lock), or free of any list
 * @next, @slabs: on a cpu's partial list: the next slab and how many follow (incl. this)
 * @slab_cache: the cache owning the slab
 * @freelist: first free object not handed to a cpu (encoded links, see freelist_ptr)
 * @inuse: objects allocated or on the owning cpu's freelist; @objects: total objects
 * @frozen: owned by a cpu (kmem_cache_cpu.slab or its partial list): not on a node list
 * Once other cpus can reach a slab, @freelist and @counters change together, by one
 * cmpxchg_double (cmpxchg_double_slab in slub.c): a free from another cpu pushes to a
 * frozen slab's freelist without any lock while its owner takes it. @freelist must be
 * 16-byte aligned for it. Debug caches never freeze slabs and change both under
 * n->list_lock only. @slab_list is n->list_lock's; @next and @slabs the owning cpu's.
 */
struct slab {
	unsigned long __page_flags;
	union {
		struct list_head slab_list;
		struct {
			struct slab *next;
			int slabs;
		};
	};
	struct kmem_cache *slab_cache;
	void *freelist;
	union {
		unsigned long counters;
		struct {
			unsigned inuse:16;
			unsigned objects:15;
			unsigned frozen:1;
		};
	};
	unsigned int __unused;
	int __page_refcount;
	unsigned long memcg_data;
};

#define SLAB_MATCH(pg, sl) \
	_Static_assert(offsetof(struct page, pg) == offsetof(struct slab, sl), #pg " vs " #sl)
SLAB_MATCH(flags, __page_flags);
SLAB_MATCH(lru, slab_list);
SLAB_MATCH(mapping, slab_cache);
SLAB_MATCH(index, freelist);
SLAB_MATCH(private, counters);
SLAB_MATCH(_refcount, __page_refcount);
SLAB_MATCH(memcg_data, memcg_data);
_Static_assert(sizeof(struct slab) == sizeof(struct page), "struct slab overlays struct page");
_Static_assert(offsetof(struct slab, freelist) % 16 == 0 && sizeof(struct page) % 16 == 0 &&
	       offsetof(struct slab, counters) == offsetof(struct slab, freelist) + 8,
	       "(freelist, counters): one aligned 16-byte pair in every struct page");

#define slab_page(s)	((struct page *)(s))
#define page_slab(p)	((struct slab *)(p))

/*
 * struct kmem_cache_cpu - one cpu's view of a cache ("per-cpu, irqs off")
 * @freelist: next object to hand out from @slab (encoded links); NULL: take the slow path
 * @tid: transaction id, bumped on every fast-path operation, so that a cmpxchg pair
 *	(freelist, tid) can replace the irq-off section when there are per-cpu areas
 * @slab: the cpu slab (frozen) whose objects @freelist lists
 * @partial: frozen slabs with free objects, kept for this cpu (linked by slab->next)
 * Per-cpu memory from alloc_percpu (kmem_cache->cpu_slab); only its own cpu touches a
 * copy, with interrupts off (flush_all has each cpu flush its own).
 */
struct kmem_cache_cpu {
	void **freelist;
	unsigned long tid;
	struct slab *slab;
	struct slab *partial;
};

/*
 * struct kmem_cache_node - a cache's slabs on one node
 * @list_lock: protects @nr_partial, @partial, @full and the list heads of the slabs
 *	on them; a slab changes lists (and is unfrozen) with it held, so a free that must
 *	move a slab takes it too; taken with interrupts off
 * @nr_partial: slabs on @partial
 * @partial: slabs with some objects free and not owned by a cpu
 * @nr_slabs, @total_objects: every slab of the node and their objects (atomic counters
 *	in Linux; here changed under @list_lock)
 * @full: full slabs, only kept for debug caches (SLAB_STORE_USER) as Linux does
 */
struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;
	struct list_head partial;
	unsigned long nr_slabs;
	unsigned long total_objects;
	struct list_head full;
};

/* A slab's order (high 16 bits) and objects (low 16), as Linux's kmem_cache_order_objects. */
struct kmem_cache_order_objects {
	unsigned int x;
};

/*
 * struct kmem_cache - a cache of equal-sized objects
 * Object layout: [object_size bytes][red zone to inuse][free pointer if offset >= inuse]
 * [two struct track if SLAB_STORE_USER] padded to @size (a multiple of @align).
 * @offset: where the free pointer lies in a free object
 * @oo, @min: slab order and objects per slab, preferred and smallest
 * @random: XOR key of the hardened free pointers (CONFIG_SLAB_FREELIST_HARDENED)
 * @refcount: users of a merged cache; @list: on slab_caches (both under slab_mutex)
 */
struct kmem_cache {
	struct kmem_cache_cpu __percpu *cpu_slab;	/* per-cpu, irqs off */
	/* Set at creation, read-only after (refcount and list: slab_mutex). */
	slab_flags_t flags;
	unsigned long min_partial;
	unsigned int size;
	unsigned int object_size;
	unsigned int offset;
	unsigned int cpu_partial_slabs;
	struct kmem_cache_order_objects oo;
	struct kmem_cache_order_objects min;
	gfp_t allocflags;
	int refcount;
	void (*ctor)(void *object);
	unsigned int inuse;
	unsigned int align;
	const char *name;
	struct list_head list;
	unsigned long random;
	struct kmem_cache_node *node[MAX_NUMNODES];	/* NULL for nodes without memory */
};

enum slab_state {
	DOWN,		/* no slab functionality yet */
	PARTIAL,	/* kmem_cache_node works: boot caches are usable */
	UP,		/* kmalloc caches usable */
	FULL		/* everything works (sysfs in Linux) */
};

extern enum slab_state slab_state;
extern struct list_head slab_caches;
extern struct mutex slab_mutex;
extern struct kmem_cache *kmem_cache;
extern unsigned long slab_bug_reports;	/* "BUG ..." reports printed (tests count them) */

#define for_each_kmem_cache_node(__s, __node, __n)			\
	for (__node = 0; __node < MAX_NUMNODES; __node++)		\
		if ((__n = (__s)->node[__node]))

static inline unsigned int oo_order(struct kmem_cache_order_objects x)
{
	return x.x >> 16;
}

static inline unsigned int oo_objects(struct kmem_cache_order_objects x)
{
	return x.x & 0xffff;
}

/* slub.c for slab_common.c */
int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags);
int __kmem_cache_shutdown(struct kmem_cache *s);
int __kmem_cache_shrink(struct kmem_cache *s);
void __kmem_cache_release(struct kmem_cache *s);
struct kmem_cache *find_mergeable(unsigned int size, unsigned int align,
				  slab_flags_t flags, const char *name, void (*ctor)(void *));
slab_flags_t kmem_cache_flags(unsigned int object_size, slab_flags_t flags, const char *name);
void *__kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, unsigned long caller);
void __kmem_cache_free(struct kmem_cache *s, void *x, unsigned long caller);
struct slab *virt_to_slab(const void *addr);
void get_slabinfo(struct kmem_cache *s, unsigned long *active_objs, unsigned long *num_objs,
		  unsigned long *active_slabs, unsigned long *num_slabs);
extern unsigned int slub_min_order, slub_max_order, slub_min_objects;
/* The slub_debug= parser (host tests call it between boots). */
int slub_debug_setup(char *str);

#ifndef SMP_CACHE_BYTES
#define SMP_CACHE_BYTES	64	/* arm64 L1_CACHE_BYTES */
#endif

#ifndef _RET_IP_
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#endif

/* slab_common.c for slub.c */
struct kmem_cache *create_kmalloc_cache(const char *name, unsigned int size,
					slab_flags_t flags);
void create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size,
		       slab_flags_t flags);
void create_kmalloc_caches(slab_flags_t flags);
unsigned int calculate_alignment(slab_flags_t flags, unsigned int align, unsigned int size);
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags);
bool slab_unmergeable(struct kmem_cache *s);
bool slab_nomerge_param(void);

/* Flags a cache with them is never merged with another. */
#define SLAB_NEVER_MERGE (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | \
			  SLAB_TYPESAFE_BY_RCU | SLAB_NOLEAKTRACE | SLAB_CONSISTENCY_CHECKS)
#define SLAB_MERGE_SAME (SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA | SLAB_ACCOUNT)
#define SLAB_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | \
			  SLAB_CONSISTENCY_CHECKS)

#endif
