/*
 * SLUB: the slab allocator (Linux 6.1's mm/slub.c, much shorter). Hands out objects of one
 * size from slabs, runs of 2^order pages taken from the buddy allocator.
 *
 * Overview
 * - A cache (struct kmem_cache, mm/slab.h) has one struct kmem_cache_cpu per cpu and one
 *   struct kmem_cache_node per online node. A slab (struct slab, overlaid on the struct
 *   page of its first page, PageSlab set) holds oo_objects(s->oo) objects of s->size
 *   bytes; a free object holds, at s->offset, the encoded pointer to the next free one.
 * - A slab is in one of four places: a cpu's slab (frozen: its free objects are on
 *   c->freelist and slab->freelist gets those freed while it is there), a cpu's partial
 *   list (frozen, c->partial), a node's partial list (n->partial under n->list_lock), or
 *   nowhere (full; debug caches keep full slabs on n->full).
 * - Fast path (slab_alloc_node / do_slab_free): pop or push c->freelist with interrupts
 *   off and bump c->tid. The slow path (___slab_alloc, __slab_free) moves slabs between
 *   the places above: get_partial, new_slab, deactivate_slab, put_cpu_partial,
 *   unfreeze_partials, discard_slab (a slab beyond min_partial empty -> the buddy).
 * - A slab's freelist and counters (inuse, frozen) change together by cmpxchg_double_slab,
 *   as in Linux: another cpu frees to a frozen slab with no lock while its owner takes
 *   the slab's freelist (get_freelist). n->list_lock is held only to move slabs on or off
 *   a node's lists, and is never taken with another node's (or its own) held.
 * - Debug caches (slub_debug=F,Z,P,U) never use the cpu freelists: every alloc and free
 *   runs under the node's list_lock with the checks of alloc_debug_processing and
 *   free_debug_processing (red zones, poison, free pointer, double free, tracks).
 * - Bootstrap (kmem_cache_init): boot_kmem_cache_node and boot_kmem_cache are static; once
 *   both work they are copied into objects of themselves (bootstrap), then the kmalloc
 *   caches are made. slab_state goes DOWN -> PARTIAL -> UP -> FULL.
 * - Free pointers are hardened (CONFIG_SLAB_FREELIST_HARDENED): stored as
 *   ptr ^ s->random ^ swab64(address where stored).
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/irqflags.h>
#include <linux/nodemask.h>
#include <linux/page-flags.h>
#include <linux/jiffies.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <asm/cmpxchg.h>
#include <asm/stacktrace.h>
#include <asm/sysreg.h>
#include "slab.h"

#define MIN_PARTIAL		5
#define MAX_PARTIAL		10
#define MAX_OBJS_PER_PAGE	32767

#define POISON_FREE		0x6b
#define POISON_END		0xa5
#define SLUB_RED_INACTIVE	0xbb
#define SLUB_RED_ACTIVE		0xcc

unsigned int slub_min_order;
unsigned int slub_max_order = 3;	/* PAGE_ALLOC_COSTLY_ORDER */
unsigned int slub_min_objects;
unsigned long slab_bug_reports;

static slab_flags_t slub_debug;
static char slub_debug_names[128];	/* "name1,name2": only these get slub_debug */
static unsigned long slub_random_state = 0x9e3779b97f4a7c15UL;

struct kmem_cache *kmem_cache;
static struct kmem_cache *kmem_cache_node;

/* Alloc and free callers of an object (SLAB_STORE_USER), after the free pointer. */
enum track_item { TRACK_ALLOC, TRACK_FREE };
struct track {
	unsigned long addr;
	int cpu;
	int pid;
	unsigned long when;	/* jiffies */
};

/* ---- small helpers ---- */

static struct kmem_cache_order_objects oo_make(unsigned int order, unsigned int size)
{
	struct kmem_cache_order_objects x = { (order << 16) + (PAGE_SIZE << order) / size };

	return x;
}

static inline bool kmem_cache_debug(struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/* Whether free objects are filled with POISON_FREE (not with a ctor: it must survive). */
static inline bool slab_poison(struct kmem_cache *s)
{
	return (s->flags & SLAB_POISON) && !s->ctor && !(s->flags & SLAB_TYPESAFE_BY_RCU);
}

static inline void *slab_address(struct slab *slab)
{
	return page_address(slab_page(slab));
}

static inline int slab_nid(struct slab *slab)
{
	return page_to_nid(slab_page(slab));
}

static inline unsigned int slab_order(struct slab *slab)
{
	return folio_order((struct folio *)slab_page(slab));
}

static inline struct kmem_cache_node *get_node(struct kmem_cache *s, int node)
{
	return s->node[node];
}

static inline struct kmem_cache_cpu *this_cpu_slab(struct kmem_cache *s)
{
	return this_cpu_ptr(s->cpu_slab);
}

/*
 * A xorshift seeded from the virtual counter at kmem_cache_init, stirred with the cache's
 * address: the per-cache freelist key (Linux uses get_random_long).
 */
static unsigned long slub_get_random(struct kmem_cache *s)
{
	unsigned long x = slub_random_state ^ (unsigned long)s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	slub_random_state = x;
	return x;
}

static inline void *freelist_ptr(struct kmem_cache *s, void *ptr, unsigned long ptr_addr)
{
	return (void *)((unsigned long)ptr ^ s->random ^ __builtin_bswap64(ptr_addr));
}

static inline void *get_freepointer(struct kmem_cache *s, void *object)
{
	unsigned long addr = (unsigned long)object + s->offset;

	return freelist_ptr(s, *(void **)addr, addr);
}

static inline void set_freepointer(struct kmem_cache *s, void *object, void *fp)
{
	unsigned long addr = (unsigned long)object + s->offset;

	*(void **)addr = freelist_ptr(s, fp, addr);
}

#define for_each_object(__p, __s, __addr, __objects)			\
	for (__p = (__addr); __p < (__addr) + (__objects) * (__s)->size;	\
	     __p += (__s)->size)

/* ---- slabs <-> pages ---- */

struct slab *virt_to_slab(const void *addr)
{
	struct page *page = compound_head(virt_to_page(addr));

	return PageSlab(page) ? page_slab(page) : NULL;
}

/* A slab of 2^order pages from the buddy, a compound page when order > 0 (allocflags). */
static struct slab *alloc_slab_page(gfp_t flags, int node, struct kmem_cache_order_objects oo)
{
	unsigned int order = oo_order(oo);
	struct page *page;

	if (node == NUMA_NO_NODE)
		page = alloc_pages(flags, order);
	else
		page = alloc_pages_node(node, flags, order);
	if (!page)
		return NULL;
	__SetPageSlab(page);
	return page_slab(page);
}

/* Slab, SReclaimable and SUnreclaim: a slab's bytes on its node (Linux's account_slab). */
static void account_slab(struct kmem_cache *s, struct page *page, unsigned int order, int sign)
{
	enum node_stat_item idx = (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B :
								    NR_SLAB_UNRECLAIMABLE_B;

	mod_node_page_state(page_pgdat(page), idx, sign * (long)(PAGE_SIZE << order));
}

/* ---- debugging: red zones, poison, tracks, reports ---- */

static struct track *get_track(struct kmem_cache *s, void *object, enum track_item alloc)
{
	unsigned int off = s->offset >= s->inuse ? s->offset + sizeof(void *) : s->inuse;

	return (struct track *)((char *)object + off) + alloc;
}

static void set_track(struct kmem_cache *s, void *object, enum track_item alloc,
		      unsigned long addr)
{
	struct track *t;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	t = get_track(s, object, alloc);
	t->addr = addr;
	t->cpu = smp_processor_id();
	t->pid = current->pid;
	t->when = jiffies;
}

static void print_track(const char *s, struct track *t, unsigned long pr_time)
{
	if (!t->addr)
		return;
	pr_err("INFO: %s in %pS age=%lu cpu=%u pid=%d\n", s, (void *)t->addr,
	       pr_time - t->when, t->cpu, t->pid);
}

/* Linux's print_hex_dump with the text @text before each 16-byte line. */
static void print_section(const char *text, const u8 *addr, unsigned int length)
{
	char line[16 * 3 + 1];

	for (unsigned int i = 0; i < length; i += 16) {
		unsigned int n = min(16U, length - i), pos = 0;

		for (unsigned int j = 0; j < n; j++)
			pos += scnprintf(line + pos, sizeof(line) - pos, " %02x", addr[i + j]);
		pr_err("%s0x%px:%s\n", text, addr + i, line);
	}
}

static void slab_bug(struct kmem_cache *s, const char *what)
{
	slab_bug_reports++;
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, what);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

static void print_slab_info(struct slab *slab)
{
	pr_err("Slab 0x%px objects=%u used=%u fp=0x%px flags=%#lx\n", slab, slab->objects,
	       slab->inuse, slab->freelist, slab->__page_flags);
}

static void print_trailer(struct kmem_cache *s, struct slab *slab, u8 *p)
{
	if (s->flags & SLAB_STORE_USER) {
		print_track("Allocated", get_track(s, p, TRACK_ALLOC), jiffies);
		print_track("Freed", get_track(s, p, TRACK_FREE), jiffies);
	}
	print_slab_info(slab);
	pr_err("Object 0x%px @offset=%lu fp=0x%px\n\n", p,
	       (unsigned long)(p - (u8 *)slab_address(slab)), get_freepointer(s, p));
	print_section("Object   ", p, min(s->object_size, 256U));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size, s->inuse - s->object_size);
	dump_stack();
}

static void object_err(struct kmem_cache *s, struct slab *slab, u8 *object, const char *r)
{
	slab_bug(s, r);
	print_trailer(s, slab, object);
}

static void slab_err(struct kmem_cache *s, struct slab *slab, const char *text, const void *p)
{
	char buf[96];

	scnprintf(buf, sizeof(buf), text, p);
	slab_bug(s, buf);
	print_slab_info(slab);
	dump_stack();
}

/* Poison (P) and red zone (Z) of an object about to be free (INACTIVE) or in use. */
static void init_object(struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;

	if (slab_poison(s) && val == SLUB_RED_INACTIVE) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

/* Checks @len bytes at @start are @value; if not, reports @what and restores them. */
static bool check_bytes_and_report(struct kmem_cache *s, struct slab *slab, u8 *object,
				   const char *what, u8 *start, u8 value, unsigned int len)
{
	u8 *fault = NULL, *end;
	char buf[32];

	for (unsigned int i = 0; i < len; i++)
		if (start[i] != value) {
			fault = start + i;
			break;
		}
	if (!fault)
		return true;
	for (end = start + len; end > fault && end[-1] == value; end--)
		;
	scnprintf(buf, sizeof(buf), "%s overwritten", what);
	slab_bug(s, buf);
	pr_err("0x%px-0x%px @offset=%lu. First byte 0x%x instead of 0x%x\n", fault,
	       end - 1, (unsigned long)(fault - object), fault[0], value);
	print_trailer(s, slab, object);
	pr_err("FIX %s: Restoring %s 0x%px-0x%px=0x%x\n\n", s->name, what, fault, end - 1, value);
	memset(fault, value, end - fault);
	return false;
}

static bool check_valid_pointer(struct kmem_cache *s, struct slab *slab, void *object)
{
	u8 *base = slab_address(slab);

	if (!object)
		return true;
	if ((u8 *)object < base || (u8 *)object >= base + slab->objects * s->size)
		return false;
	return ((u8 *)object - base) % s->size == 0;
}

/* Red zone, poison and free pointer of @object; @val: SLUB_RED_ACTIVE if in use. */
static bool check_object(struct kmem_cache *s, struct slab *slab, u8 *object, u8 val)
{
	bool ok = true;

	if (s->flags & SLAB_RED_ZONE)
		ok &= check_bytes_and_report(s, slab, object, "Redzone", object + s->object_size,
					     val, s->inuse - s->object_size);
	if (val == SLUB_RED_INACTIVE && slab_poison(s)) {
		ok &= check_bytes_and_report(s, slab, object, "Poison", object, POISON_FREE,
					     s->object_size - 1);
		ok &= check_bytes_and_report(s, slab, object, "End Poison",
					     object + s->object_size - 1, POISON_END, 1);
	}
	if (val == SLUB_RED_INACTIVE &&
	    !check_valid_pointer(s, slab, get_freepointer(s, object))) {
		object_err(s, slab, object, "Freepointer corrupt");
		set_freepointer(s, object, NULL);
		ok = false;
	}
	return ok;
}

/* Whether @search is on @slab's freelist (a double free), walking at most all objects. */
static bool on_freelist(struct kmem_cache *s, struct slab *slab, void *search)
{
	void *fp = slab->freelist;
	unsigned int nr = 0;

	while (fp && nr <= slab->objects) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, slab, fp)) {
			slab_err(s, slab, "Freechain corrupt at 0x%px", fp);
			return false;
		}
		fp = get_freepointer(s, fp);
		nr++;
	}
	return false;
}

/* The checks of taking @object (just popped from @slab's freelist); false: isolate slab. */
static bool alloc_debug_processing(struct kmem_cache *s, struct slab *slab, void *object,
				   unsigned long addr)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_valid_pointer(s, slab, object)) {
			object_err(s, slab, object, "Freelist Pointer check fails");
			return false;
		}
		if (!check_object(s, slab, object, SLUB_RED_INACTIVE))
			return false;
	}
	set_track(s, object, TRACK_ALLOC, addr);
	init_object(s, object, SLUB_RED_ACTIVE);
	return true;
}

/* The checks of freeing @object to @slab; false: reported, the object is not freed. */
static bool free_debug_processing(struct kmem_cache *s, struct slab *slab, void *object,
				  unsigned long addr)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_valid_pointer(s, slab, object)) {
			slab_err(s, slab, "Invalid object pointer 0x%px", object);
			return false;
		}
		if (on_freelist(s, slab, object)) {
			object_err(s, slab, object, "Object already free");
			return false;
		}
		if (!check_object(s, slab, object, SLUB_RED_ACTIVE)) {
			pr_err("FIX %s: Object at 0x%px not freed\n", s->name, object);
			return false;
		}
	}
	set_track(s, object, TRACK_FREE, addr);
	init_object(s, object, SLUB_RED_INACTIVE);
	return true;
}

/* Puts a fresh object into its free state: debug bytes first, then the ctor. */
static void setup_object(struct kmem_cache *s, void *object)
{
	if (kmem_cache_debug(s)) {
		init_object(s, object, SLUB_RED_INACTIVE);
		if (s->flags & SLAB_STORE_USER)
			memset(get_track(s, object, TRACK_ALLOC), 0, 2 * sizeof(struct track));
	}
	if (s->ctor)
		s->ctor(object);
}

/* ---- node lists ---- */

static void init_kmem_cache_node(struct kmem_cache_node *n)
{
	spin_lock_init(&n->list_lock);
	n->nr_partial = 0;
	INIT_LIST_HEAD(&n->partial);
	n->nr_slabs = 0;
	n->total_objects = 0;
	INIT_LIST_HEAD(&n->full);
}

/* n->list_lock held for the four below. */
static void add_partial(struct kmem_cache_node *n, struct slab *slab, bool tail)
{
	n->nr_partial++;
	if (tail)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

static void remove_partial(struct kmem_cache_node *n, struct slab *slab)
{
	list_del(&slab->slab_list);
	n->nr_partial--;
}

static void add_full(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab)
{
	if (s->flags & SLAB_STORE_USER)
		list_add(&slab->slab_list, &n->full);
}

static void remove_full(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab)
{
	if (s->flags & SLAB_STORE_USER)
		list_del(&slab->slab_list);
}

static void inc_slabs_node(struct kmem_cache *s, int node, int objects)
{
	struct kmem_cache_node *n = get_node(s, node);
	unsigned long flags;

	spin_lock_irqsave(&n->list_lock, flags);
	n->nr_slabs++;
	n->total_objects += objects;
	spin_unlock_irqrestore(&n->list_lock, flags);
}

/* n->list_lock held. */
static void dec_slabs_node(struct kmem_cache_node *n, int objects)
{
	n->nr_slabs--;
	n->total_objects -= objects;
}

/* ---- slab life: new_slab, free_slab ---- */

static struct slab *allocate_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	struct kmem_cache_order_objects oo = s->oo;
	struct slab *slab;
	void *start, *p, *next;
	gfp_t alloc_gfp;

	flags = (flags & ~__GFP_ZERO) | s->allocflags;
	/*
	 * A first try that gives up at once under pressure (with no reclaim at all when a
	 * smaller order would do), then the caller's own flags: reclaim, retries, NOFAIL.
	 */
	alloc_gfp = (flags | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL;
	if ((alloc_gfp & __GFP_DIRECT_RECLAIM) && oo_order(oo) > oo_order(s->min))
		alloc_gfp = (alloc_gfp | __GFP_NOMEMALLOC) & ~__GFP_RECLAIM;
	slab = alloc_slab_page(alloc_gfp, node, oo);
	if (!slab) {
		oo = s->min;
		slab = alloc_slab_page(flags, node, oo);
	}
	if (!slab)
		return NULL;
	account_slab(s, slab_page(slab), oo_order(oo), 1);
	slab->slab_cache = s;
	slab->objects = oo_objects(oo);
	slab->inuse = 0;
	slab->frozen = 0;
	start = slab_address(slab);
	for_each_object(p, s, start, slab->objects) {
		setup_object(s, p);
		next = p + s->size;
		set_freepointer(s, p, next < start + slab->objects * s->size ? next : NULL);
	}
	slab->freelist = start;
	return slab;
}

/* A new slab of @s, counted on its node; all objects free, not frozen. Irqs may be off. */
static struct slab *new_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	struct slab *slab = allocate_slab(s, flags, node);

	if (slab)
		inc_slabs_node(s, slab_nid(slab), slab->objects);
	return slab;
}

/* Gives the pages back to the buddy (Linux's __free_slab). */
static void free_slab(struct kmem_cache *s, struct slab *slab)
{
	struct page *page = slab_page(slab);
	unsigned int order = slab_order(slab);

	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		void *p;

		for_each_object(p, s, slab_address(slab), slab->objects)
			check_object(s, slab, p, SLUB_RED_INACTIVE);
	}
	account_slab(s, page, order, -1);
	__ClearPageSlab(page);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	slab->counters = 0;
	INIT_LIST_HEAD(&page->lru);
	__free_pages(page, order);
}

/* An empty slab off every list: uncount it and free it. n->list_lock held. */
static void discard_slab(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab)
{
	dec_slabs_node(n, slab->objects);
	free_slab(s, slab);
}

/* ---- cpu slabs and cpu partial lists ---- */

/*
 * Replaces @slab's (freelist, counters) if they still are (@freelist_old, @counters_old):
 * the one way they change once another cpu can reach the slab, so that __slab_free's push
 * and the owner's take of slab->freelist never lose each other's update (Linux's
 * __cmpxchg_double_slab). False: they changed, the caller reads them again.
 */
static inline bool cmpxchg_double_slab(struct slab *slab, void *freelist_old,
				       unsigned long counters_old, void *freelist_new,
				       unsigned long counters_new)
{
	if (cmpxchg_double(&slab->freelist, &slab->counters, freelist_old, counters_old,
			   freelist_new, counters_new))
		return true;
	cpu_relax();
	return false;
}

/*
 * deactivate_slab - give the cpu slab @slab back to its node, with @freelist (the cpu's
 * remaining free objects). Empty beyond min_partial: freed; some free: node partial
 * list; full: no list. The node's list_lock is taken before the slab is unfrozen, so a
 * __slab_free that empties it meanwhile finds it on the partial list. Irqs off.
 */
static void deactivate_slab(struct kmem_cache *s, struct slab *slab, void *freelist)
{
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));
	unsigned int free_delta = 0;
	unsigned long counters;
	void *tail = NULL, *prior;
	struct slab new;

	for (void *p = freelist; p; p = get_freepointer(s, p)) {
		tail = p;
		free_delta++;
	}
	spin_lock(&n->list_lock);
	do {
		prior = READ_ONCE(slab->freelist);
		counters = READ_ONCE(slab->counters);
		new.counters = counters;
		VM_BUG_ON(!new.frozen);
		new.frozen = 0;
		new.inuse -= free_delta;
		new.freelist = prior;
		if (tail) {
			set_freepointer(s, tail, prior);
			new.freelist = freelist;
		}
	} while (!cmpxchg_double_slab(slab, prior, counters, new.freelist, new.counters));
	if (!new.inuse && n->nr_partial >= s->min_partial)
		discard_slab(s, n, slab);
	else if (new.freelist)
		add_partial(n, slab, true);
	spin_unlock(&n->list_lock);
}

#define FROZEN_IF_FREELIST	(-1)	/* the cpu slab: still frozen if it has free objects */

/*
 * Sets @slab's frozen bit to @frozen (0, 1 or FROZEN_IF_FREELIST) and, if @take, takes
 * its freelist (every object then counted in use), in one exchange: frees from other
 * cpus may come in between and are never lost. Returns the freelist it found; the
 * counters it set go to *@counters when not NULL.
 */
static void *slab_set_frozen(struct slab *slab, int frozen, bool take, unsigned long *counters)
{
	unsigned long old;
	struct slab new;
	void *freelist;

	do {
		freelist = READ_ONCE(slab->freelist);
		old = READ_ONCE(slab->counters);
		new.counters = old;
		VM_BUG_ON(new.frozen == (frozen == 1));	/* the bit changes, or it is the cpu's */
		new.frozen = frozen == FROZEN_IF_FREELIST ? freelist != NULL : frozen;
		if (take)
			new.inuse = slab->objects;
	} while (!cmpxchg_double_slab(slab, freelist, old, take ? NULL : freelist,
				      new.counters));
	if (counters)
		*counters = new.counters;
	return freelist;
}

/*
 * Unfreezes the slabs of a cpu partial list @slab onto their nodes, one node list_lock
 * at a time: the caller holds none (see put_cpu_partial's @drain). Irqs off.
 */
static void unfreeze_partials(struct kmem_cache *s, struct slab *slab)
{
	while (slab) {
		struct kmem_cache_node *n = get_node(s, slab_nid(slab));
		struct slab *next = slab->next;	/* slab_list overwrites it once on a node */
		struct slab new;

		spin_lock(&n->list_lock);
		slab_set_frozen(slab, 0, false, &new.counters);
		if (!new.inuse && n->nr_partial >= s->min_partial)
			discard_slab(s, n, slab);
		else
			add_partial(n, slab, true);
		spin_unlock(&n->list_lock);
		slab = next;
	}
}

/*
 * Puts the frozen @slab on this cpu's partial list. With @drain, a full list is first
 * unfrozen onto the nodes, which takes their list_locks: a caller holding one (as
 * get_partial_node) passes false and lets the list grow past cpu_partial_slabs, as
 * Linux 6.1 does. Irqs off.
 */
static void put_cpu_partial(struct kmem_cache *s, struct slab *slab, bool drain)
{
	struct kmem_cache_cpu *c = this_cpu_slab(s);
	struct slab *old = c->partial;
	int slabs = 0;

	if (old) {
		if (drain && old->slabs >= (int)s->cpu_partial_slabs) {
			unfreeze_partials(s, old);
			old = NULL;
		} else {
			slabs = old->slabs;
		}
	}
	slab->slabs = slabs + 1;
	slab->next = old;
	c->partial = slab;
}

/* Gives this cpu's slab and partial slabs back to the nodes (Linux's __flush_cpu_slab). */
static void flush_cpu_slab(struct kmem_cache *s, int cpu)
{
	struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);
	unsigned long flags;

	local_irq_save(flags);
	if (c->slab)
		deactivate_slab(s, c->slab, c->freelist);
	c->slab = NULL;
	c->freelist = NULL;
	c->tid++;
	unfreeze_partials(s, c->partial);
	c->partial = NULL;
	local_irq_restore(flags);
}

/*
 * Takes the frozen cpu slab @slab's freelist (objects other cpus freed to it) for this
 * cpu. NULL when it has none: then the slab is full and unfrozen in the same exchange,
 * so a free that races with it sees either a frozen slab that still gets the object or
 * a full one it must put on a list itself. Irqs off.
 */
static void *get_freelist(struct slab *slab)
{
	return slab_set_frozen(slab, FROZEN_IF_FREELIST, true, NULL);
}

/*
 * Freezes @slab of @n's partial list for this cpu and takes it off the list. With
 * @take_all its whole freelist is returned (it becomes the cpu slab), else the slab
 * keeps it (it goes to the cpu partial list). n->list_lock held: lockless frees may
 * still push to the slab (Linux's acquire_slab).
 */
static void *acquire_slab(struct kmem_cache_node *n, struct slab *slab, bool take_all)
{
	void *freelist = slab_set_frozen(slab, 1, take_all, NULL);

	remove_partial(n, slab);
	return freelist;
}

/*
 * Takes slabs off node @node's partial list: the first becomes the cpu slab (its
 * freelist returned), more go to the cpu partial list up to half its size, without
 * draining it (n->list_lock is held, and the list may hold slabs of this node). Irqs off.
 */
static void *get_partial_node(struct kmem_cache *s, int node, struct kmem_cache_cpu *c)
{
	struct kmem_cache_node *n = get_node(s, node);
	struct slab *slab, *next;
	void *object = NULL;
	unsigned int taken = 0;

	if (!n || !n->nr_partial)
		return NULL;
	spin_lock(&n->list_lock);
	list_for_each_entry_safe(slab, next, &n->partial, slab_list) {
		if (!object) {
			object = acquire_slab(n, slab, true);
			c->slab = slab;
		} else {
			acquire_slab(n, slab, false);
			put_cpu_partial(s, slab, false);
		}
		if (++taken > s->cpu_partial_slabs / 2)
			break;
	}
	spin_unlock(&n->list_lock);
	return object;
}

/*
 * Whether another node lends partial slabs to a NUMA_NO_NODE allocation: only those
 * beyond the min_partial it keeps for its own cpus (Linux's get_any_partial). A node
 * without memory has no kmem_cache_node and is never looked at.
 */
static bool node_lends_partial(struct kmem_cache *s, struct kmem_cache_node *n)
{
	return READ_ONCE(n->nr_partial) > s->min_partial;
}

/* Partial slabs from @node, or (NUMA_NO_NODE) this cpu's node, then one that lends. */
static void *get_partial(struct kmem_cache *s, int node, struct kmem_cache_cpu *c)
{
	struct kmem_cache_node *n;
	void *object;
	int nid;

	if (node != NUMA_NO_NODE)
		return get_partial_node(s, node, c);
	object = get_partial_node(s, numa_mem_id(), c);
	for_each_kmem_cache_node(s, nid, n)
		if (!object && node_lends_partial(s, n))
			object = get_partial_node(s, nid, c);
	return object;
}

static bool node_match(struct slab *slab, int node)
{
	return node == NUMA_NO_NODE || slab_nid(slab) == node;
}

/*
 * A new slab with interrupts back on when the allocation may block, as Linux: the page
 * allocator is not to be entered with them off for a GFP_KERNEL request (might_alloc).
 * Called and returns with interrupts off.
 */
static struct slab *new_slab_irqs_on(struct kmem_cache *s, gfp_t gfp, int node)
{
	bool irqs_on = gfpflags_allow_blocking(gfp);
	struct slab *slab;

	if (irqs_on)
		local_irq_enable();
	slab = new_slab(s, gfp, node);
	if (irqs_on)
		local_irq_disable();
	return slab;
}

/*
 * ___slab_alloc - the slow path: c->freelist is empty or on the wrong node. Refills it
 * from the cpu slab's own freelist, the cpu partial list, the node partial lists or a
 * new slab, and returns the first object. Irqs off (on again while a new slab is
 * allocated for a request that may block).
 */
static void *___slab_alloc(struct kmem_cache *s, gfp_t gfp, int node, struct kmem_cache_cpu *c)
{
	struct slab *slab;
	void *freelist;

redo:
	slab = c->slab;
	if (slab) {
		if (!node_match(slab, node)) {
			deactivate_slab(s, slab, c->freelist);
			c->slab = NULL;
			c->freelist = NULL;
		} else {
			freelist = c->freelist ? c->freelist : get_freelist(slab);
			if (freelist)
				goto load_freelist;
			c->slab = NULL;	/* full, unfrozen by get_freelist: on no list */
		}
	}
	if (c->partial && node_match(c->partial, node)) {
		c->slab = c->partial;
		c->partial = c->slab->next;
		goto redo;
	}
	freelist = get_partial(s, node, c);
	if (freelist)
		goto load_freelist;
	slab = new_slab_irqs_on(s, gfp, node);
	if (!slab)
		return NULL;
	/* Interrupts were on: maybe another cpu now, and maybe a cpu slab got installed. */
	c = this_cpu_slab(s);
	if (c->slab) {
		deactivate_slab(s, c->slab, c->freelist);
		c->freelist = NULL;
	}
	/* No other cpu can reach the new slab yet: plain stores. */
	freelist = slab->freelist;
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	slab->frozen = 1;
	c->slab = slab;
load_freelist:
	c->freelist = get_freepointer(s, freelist);
	c->tid++;
	return freelist;
}

/* ---- debug caches: every object through the node lists ---- */

/* @n with its list_lock taken if it has partial slabs; else NULL (and not locked). */
static struct kmem_cache_node *lock_partial_node(struct kmem_cache_node *n,
						 unsigned long *flags)
{
	if (!n || !READ_ONCE(n->nr_partial))
		return NULL;
	spin_lock_irqsave(&n->list_lock, *flags);
	if (n->nr_partial)
		return n;
	spin_unlock_irqrestore(&n->list_lock, *flags);
	return NULL;
}

/*
 * The node whose partial list a debug allocation for @node takes from, locked: @node's,
 * or for NUMA_NO_NODE this cpu's node, then one that lends, as get_partial. NULL: none.
 */
static struct kmem_cache_node *lock_partial_debug(struct kmem_cache *s, int node,
						  unsigned long *flags)
{
	struct kmem_cache_node *n, *found;
	int nid;

	if (node != NUMA_NO_NODE)
		return lock_partial_node(get_node(s, node), flags);
	found = lock_partial_node(get_node(s, numa_mem_id()), flags);
	for_each_kmem_cache_node(s, nid, n)
		if (!found && node_lends_partial(s, n))
			found = lock_partial_node(n, flags);
	return found;
}

/*
 * An object of the debug cache @s from @node (NUMA_NO_NODE: any, this cpu's node
 * first), checked under its slab's node list_lock. Without a partial slab a new one
 * comes from where the page allocator finds memory.
 */
static void *alloc_from_node_debug(struct kmem_cache *s, gfp_t gfp, int node,
				   unsigned long addr)
{
	struct kmem_cache_node *n;
	struct slab *slab;
	unsigned long flags;
	void *object;

retry:
	n = lock_partial_debug(s, node, &flags);
	if (!n) {
		slab = new_slab(s, gfp, node);
		if (!slab)
			return NULL;
		n = get_node(s, slab_nid(slab));
		spin_lock_irqsave(&n->list_lock, flags);
		add_partial(n, slab, false);
	}
	slab = list_first_entry(&n->partial, struct slab, slab_list);
	object = slab->freelist;
	if (!alloc_debug_processing(s, slab, object, addr)) {
		pr_err("FIX %s: Marking all objects used\n", s->name);
		slab->inuse = slab->objects;
		slab->freelist = NULL;
		remove_partial(n, slab);
		spin_unlock_irqrestore(&n->list_lock, flags);
		goto retry;
	}
	slab->freelist = get_freepointer(s, object);
	slab->inuse++;
	if (!slab->freelist) {
		remove_partial(n, slab);
		add_full(s, n, slab);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	return object;
}

static void free_to_node_debug(struct kmem_cache *s, struct slab *slab, void *object,
			       unsigned long addr)
{
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));
	unsigned long flags;
	void *prior;

	spin_lock_irqsave(&n->list_lock, flags);
	if (!free_debug_processing(s, slab, object, addr))
		goto out;
	prior = slab->freelist;
	set_freepointer(s, object, prior);
	slab->freelist = object;
	slab->inuse--;
	if (!prior) {
		remove_full(s, n, slab);
		add_partial(n, slab, true);
	}
	if (!slab->inuse && n->nr_partial > s->min_partial) {
		remove_partial(n, slab);
		discard_slab(s, n, slab);
	}
out:
	spin_unlock_irqrestore(&n->list_lock, flags);
}

/* ---- the fast paths ---- */

/*
 * slab_alloc_node - an object of @s from node @node (NUMA_NO_NODE: any), or NULL.
 * The fast path pops c->freelist with interrupts off (so no migration either) and bumps
 * c->tid; Linux does it without disabling them, by this_cpu_cmpxchg_double on
 * (freelist, tid).
 */
static void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *object;

	might_alloc(gfp);
	gfp &= gfp_allowed_mask;
	if (node != NUMA_NO_NODE && (node < 0 || node >= MAX_NUMNODES || !get_node(s, node)))
		node = NUMA_NO_NODE;	/* a node without memory (Linux's slab_nodes) */
	if (kmem_cache_debug(s)) {
		object = alloc_from_node_debug(s, gfp, node, addr);
	} else {
		local_irq_save(flags);
		c = this_cpu_slab(s);
		object = c->freelist;
		if (!object || !c->slab || !node_match(c->slab, node)) {
			object = ___slab_alloc(s, gfp, node, c);
		} else {
			c->freelist = get_freepointer(s, object);
			c->tid++;
		}
		local_irq_restore(flags);
	}
	if (object && (gfp & __GFP_ZERO))
		memset(object, 0, s->object_size);
	return object;
}

/*
 * __slab_free - free @x to @slab, which is not this cpu's slab, by one exchange of the
 * slab's (freelist, counters). A frozen slab just gets it on slab->freelist; a full one
 * is frozen in the same exchange and goes to this cpu's partial list; a partial slab
 * that becomes empty may leave its node's list, whose list_lock is taken before the
 * exchange, so that deactivate_slab and unfreeze_partials (which add to the list under
 * it) have finished (Linux's __slab_free). Not for debug caches (free_to_node_debug).
 * Irqs off.
 */
static void __slab_free(struct kmem_cache *s, struct slab *slab, void *x)
{
	struct kmem_cache_node *n = NULL;
	unsigned long counters;
	bool was_frozen;
	struct slab new;
	void *prior;

	do {
		if (n) {
			spin_unlock(&n->list_lock);
			n = NULL;
		}
		prior = READ_ONCE(slab->freelist);
		counters = READ_ONCE(slab->counters);
		set_freepointer(s, x, prior);
		new.counters = counters;
		was_frozen = new.frozen;
		new.inuse--;
		if (!was_frozen && !prior) {
			new.frozen = 1;
		} else if (!was_frozen && !new.inuse) {
			n = get_node(s, slab_nid(slab));
			spin_lock(&n->list_lock);
		}
	} while (!cmpxchg_double_slab(slab, prior, counters, x, new.counters));
	if (!n) {
		if (new.frozen && !was_frozen)
			put_cpu_partial(s, slab, true);
		return;
	}
	/* Empty, and on the partial list (it had free objects): keep or free it. */
	if (n->nr_partial >= s->min_partial) {
		remove_partial(n, slab);
		discard_slab(s, n, slab);
	}
	spin_unlock(&n->list_lock);
}

static void do_slab_free(struct kmem_cache *s, struct slab *slab, void *x, unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;

	if (kmem_cache_debug(s)) {
		free_to_node_debug(s, slab, x, addr);
		return;
	}
	local_irq_save(flags);
	c = this_cpu_slab(s);
	if (slab == c->slab) {
		set_freepointer(s, x, c->freelist);
		c->freelist = x;
		c->tid++;
	} else {
		__slab_free(s, slab, x);
	}
	local_irq_restore(flags);
}

void *__kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, unsigned long caller)
{
	return slab_alloc_node(s, gfp, node, caller);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags)
{
	return slab_alloc_node(s, gfpflags, NUMA_NO_NODE, _RET_IP_);
}

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfpflags, int node)
{
	return slab_alloc_node(s, gfpflags, node, _RET_IP_);
}

/* Frees @x to the cache of its slab (the caller checked that it is a slab object). */
void __kmem_cache_free(struct kmem_cache *s, void *x, unsigned long caller)
{
	struct slab *slab = virt_to_slab(x);

	if (kmem_cache_debug(s) && (s->flags & SLAB_CONSISTENCY_CHECKS) &&
	    !check_valid_pointer(s, slab, x)) {
		slab_err(s, slab, "Invalid object pointer 0x%px", x);
		return;
	}
	do_slab_free(s, slab, x, caller);
}

/* The cache @x really belongs to: a mismatch with @s is reported (cache_from_obj). */
static struct kmem_cache *cache_from_obj(struct kmem_cache *s, void *x)
{
	struct slab *slab = virt_to_slab(x);

	if (!slab) {
		slab_bug_reports++;
		pr_err("kmem_cache_free(%s): 0x%px is not a slab object\n", s->name, x);
		return NULL;
	}
	if (slab->slab_cache == s)
		return s;
	slab_bug_reports++;
	pr_err("%s: Wrong slab cache. %s but object is from %s\n", __func__, s->name,
	       slab->slab_cache->name);
	return slab->slab_cache;
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	unsigned long caller = _RET_IP_;

	if (!x)
		return;
	s = cache_from_obj(s, x);
	if (s)
		__kmem_cache_free(s, x, caller);
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

/* ---- cache geometry: calculate_sizes, calculate_order ---- */

static unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (PAGE_SIZE << order) / size;
}

/* The lowest order from slub_min_order holding @min_objects with at most 1/@fract waste. */
static int calc_slab_order(unsigned int size, unsigned int min_objects,
			   unsigned int max_order, unsigned int fract_leftover)
{
	unsigned int order;

	if (order_objects(slub_min_order, size) > MAX_OBJS_PER_PAGE)
		return get_order(size * MAX_OBJS_PER_PAGE) - 1;
	for (order = max(slub_min_order, get_order(min_objects * size));
	     order <= max_order; order++) {
		unsigned long slab_size = PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract_leftover)
			break;
	}
	return order;
}

/* Linux's calculate_order: many objects per slab, little waste, order <= slub_max_order. */
static int calculate_order(unsigned int size)
{
	unsigned int min_objects = slub_min_objects, max_objects;
	int order;

	if (!min_objects)
		min_objects = 4 * (fls_long(nr_cpu_ids) + 1);
	max_objects = order_objects(slub_max_order, size);
	min_objects = min(min_objects, max_objects);
	while (min_objects > 1) {
		for (unsigned int fraction = 16; fraction >= 4; fraction /= 2) {
			order = calc_slab_order(size, min_objects, slub_max_order, fraction);
			if (order <= (int)slub_max_order)
				return order;
		}
		min_objects--;
	}
	order = calc_slab_order(size, 1, slub_max_order, 1);
	if (order <= (int)slub_max_order)
		return order;
	order = calc_slab_order(size, 1, MAX_ORDER - 1, 1);
	return order < MAX_ORDER ? order : -ENOSYS;
}

/*
 * calculate_sizes - lay out an object: red zone after object_size (Z), the free pointer
 * in the middle of the object or, when the object must be kept (poison, ctor, RCU),
 * after it, then the tracks (U), all rounded to s->align; then the slab order.
 */
static bool calculate_sizes(struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	unsigned int size = ALIGN(s->object_size, sizeof(void *));
	int order;

	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;
	if ((flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON)) || s->ctor ||
	    ((flags & SLAB_RED_ZONE) && s->object_size < sizeof(void *))) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *));
	}
	if (flags & SLAB_STORE_USER)
		size += 2 * sizeof(struct track);
	size = ALIGN(size, s->align);
	s->size = size;
	order = calculate_order(size);
	if (order < 0)
		return false;
	/* A slab of more than one page is a compound page: objects find it by compound_head. */
	s->allocflags = order ? __GFP_COMP : 0;
	s->oo = oo_make(order, size);
	s->min = oo_make(get_order(size), size);
	return oo_objects(s->oo) != 0;
}

static void set_min_partial(struct kmem_cache *s, unsigned long min)
{
	s->min_partial = clamp(min, (unsigned long)MIN_PARTIAL, (unsigned long)MAX_PARTIAL);
}

/*
 * How many slabs a cpu keeps on its partial list: Linux's object counts by size, as
 * slabs assumed half full (Linux's slub_set_cpu_partial). A free drains a full list
 * first; get_partial_node may let it grow beyond.
 */
static void set_cpu_partial(struct kmem_cache *s)
{
	unsigned int nr_objects;

	if (kmem_cache_debug(s)) {
		s->cpu_partial_slabs = 0;
		return;
	}
	if (s->size >= PAGE_SIZE)
		nr_objects = 6;
	else if (s->size >= 1024)
		nr_objects = 24;
	else if (s->size >= 256)
		nr_objects = 52;
	else
		nr_objects = 120;
	s->cpu_partial_slabs = DIV_ROUND_UP(nr_objects * 2, oo_objects(s->oo));
}

/* ---- per-node structures ---- */

/*
 * The kmem_cache_node of kmem_cache_node itself, before the cache can allocate: the first
 * object of a new slab on @node becomes the node structure (Linux's
 * early_kmem_cache_node_alloc).
 */
static void early_kmem_cache_node_alloc(int node)
{
	struct kmem_cache_node *n;
	struct slab *slab;

	slab = allocate_slab(kmem_cache_node, GFP_NOWAIT | __GFP_THISNODE, node);
	BUG_ON(!slab);
	if (slab_nid(slab) != node)
		pr_err("SLUB: Unable to allocate memory from node %d\n", node);
	n = slab->freelist;
	slab->freelist = get_freepointer(kmem_cache_node, n);
	slab->inuse = 1;
	if (kmem_cache_debug(kmem_cache_node)) {
		init_object(kmem_cache_node, n, SLUB_RED_ACTIVE);
		set_track(kmem_cache_node, n, TRACK_ALLOC, _RET_IP_);
	}
	kmem_cache_node->node[node] = n;
	init_kmem_cache_node(n);
	n->nr_slabs = 1;
	n->total_objects = slab->objects;
	if (slab->freelist)
		add_partial(n, slab, true);
	else
		add_full(kmem_cache_node, n, slab);
}

static void free_kmem_cache_nodes(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	int node;

	for_each_kmem_cache_node(s, node, n) {
		s->node[node] = NULL;
		kmem_cache_free(kmem_cache_node, n);
	}
}

static bool init_kmem_cache_nodes(struct kmem_cache *s)
{
	int node;

	for_each_node_state(node, N_MEMORY) {
		struct kmem_cache_node *n;

		if (slab_state == DOWN) {
			early_kmem_cache_node_alloc(node);
			continue;
		}
		n = kmem_cache_alloc_node(kmem_cache_node, GFP_KERNEL, node);
		if (!n) {
			free_kmem_cache_nodes(s);
			return false;
		}
		init_kmem_cache_node(n);
		s->node[node] = n;
	}
	return true;
}

/*
 * Every possible cpu's kmem_cache_cpu, zeroed, each tid starting at its cpu number
 * (Linux's alloc_kmem_cache_cpus; the alignment lets a cmpxchg pair cover freelist
 * and tid). False when there is no per-cpu memory.
 */
static bool alloc_kmem_cache_cpus(struct kmem_cache *s)
{
	unsigned int cpu;

	s->cpu_slab = __alloc_percpu(sizeof(struct kmem_cache_cpu), 2 * sizeof(void *));
	if (!s->cpu_slab)
		return false;
	for_each_possible_cpu(cpu)
		per_cpu_ptr(s->cpu_slab, cpu)->tid = cpu;
	return true;
}

/* ---- cache create, shrink, shutdown (slab_common.c calls these) ---- */

int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags)
{
	s->flags = kmem_cache_flags(s->size, flags, s->name);
	s->random = slub_get_random(s);
	if (!calculate_sizes(s))
		return -EINVAL;
	set_min_partial(s, fls_long(s->size) / 2);
	set_cpu_partial(s);
	if (!init_kmem_cache_nodes(s))
		return -ENOMEM;
	if (!alloc_kmem_cache_cpus(s)) {
		__kmem_cache_release(s);
		return -ENOMEM;
	}
	return 0;
}

/* Frees every empty slab on every node's partial list of @s; returns slabs left. */
static unsigned long discard_empty_partials(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	struct slab *slab, *t;
	unsigned long flags, left = 0;
	int node;

	for_each_kmem_cache_node(s, node, n) {
		spin_lock_irqsave(&n->list_lock, flags);
		list_for_each_entry_safe(slab, t, &n->partial, slab_list) {
			if (slab->inuse)
				continue;
			remove_partial(n, slab);
			discard_slab(s, n, slab);
		}
		left += n->nr_slabs;
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	return left;
}

static void flush_cpu_slab_local(void *s)
{
	flush_cpu_slab(s, smp_processor_id());
}

/*
 * Every online cpu gives its slabs back itself (Linux's flush_all): a kmem_cache_cpu is
 * only ever touched by its own cpu. Cpus never brought up have nothing to give.
 */
static void flush_all(struct kmem_cache *s)
{
	on_each_cpu(flush_cpu_slab_local, s, true);
}

int __kmem_cache_shrink(struct kmem_cache *s)
{
	flush_all(s);
	discard_empty_partials(s);
	return 0;
}

/* Lists the objects still allocated in @s's slabs (list_slab_objects). */
static void list_slab_objects(struct kmem_cache *s, struct slab *slab)
{
	void *p;

	slab_err(s, slab, "Objects remaining in %s on __kmem_cache_shutdown()", s->name);
	for_each_object(p, s, slab_address(slab), slab->objects)
		if (!on_freelist(s, slab, p))
			pr_err("Object 0x%px @offset=%lu\n", p,
			       (unsigned long)((u8 *)p - (u8 *)slab_address(slab)));
}

/* Empties @s before it is freed; -EBUSY (and a report) if objects are still allocated. */
int __kmem_cache_shutdown(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	struct slab *slab;
	int node;

	__kmem_cache_shrink(s);
	for_each_kmem_cache_node(s, node, n) {
		if (!n->nr_slabs)
			continue;
		list_for_each_entry(slab, &n->partial, slab_list)
			list_slab_objects(s, slab);
		if (list_empty(&n->partial))
			slab_bug(s, "Objects remaining on __kmem_cache_shutdown()");
		return -EBUSY;
	}
	return 0;
}

void __kmem_cache_release(struct kmem_cache *s)
{
	free_percpu(s->cpu_slab);
	s->cpu_slab = NULL;
	free_kmem_cache_nodes(s);
}

/* ---- bootstrap ---- */

static struct kmem_cache boot_kmem_cache, boot_kmem_cache_node;

/* Moves a static boot cache into an object of kmem_cache (Linux's bootstrap). */
static struct kmem_cache *bootstrap(struct kmem_cache *static_cache)
{
	struct kmem_cache *s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
	struct kmem_cache_node *n;
	struct slab *p;
	int node;

	memcpy(s, static_cache, sizeof(*s));
	flush_cpu_slab(s, smp_processor_id());
	for_each_kmem_cache_node(s, node, n) {
		list_for_each_entry(p, &n->partial, slab_list)
			p->slab_cache = s;
		list_for_each_entry(p, &n->full, slab_list)
			p->slab_cache = s;
	}
	list_add(&s->list, &slab_caches);
	return s;
}

/**
 * kmem_cache_init - bring up SLUB: the two boot caches, then the kmalloc caches
 * Context: boot, after mem_init (the buddy works), one cpu, before any kmalloc.
 */
void __init kmem_cache_init(void)
{
	slub_random_state ^= read_sysreg(cntvct_el0);	/* seed the freelist keys */
	memset(&boot_kmem_cache, 0, sizeof(boot_kmem_cache));
	memset(&boot_kmem_cache_node, 0, sizeof(boot_kmem_cache_node));
	INIT_LIST_HEAD(&slab_caches);
	slab_state = DOWN;
	kmem_cache_node = &boot_kmem_cache_node;
	kmem_cache = &boot_kmem_cache;
	create_boot_cache(kmem_cache_node, "kmem_cache_node", sizeof(struct kmem_cache_node),
			  SLAB_HWCACHE_ALIGN);
	slab_state = PARTIAL;
	create_boot_cache(kmem_cache, "kmem_cache", sizeof(struct kmem_cache),
			  SLAB_HWCACHE_ALIGN);
	kmem_cache = bootstrap(&boot_kmem_cache);
	kmem_cache_node = bootstrap(&boot_kmem_cache_node);
	create_kmalloc_caches(0);
	pr_info("SLUB: HWalign=%d, Order=%u-%u, MinObjects=%u, CPUs=%u, Nodes=%u\n",
		SMP_CACHE_BYTES, slub_min_order, slub_max_order, slub_min_objects,
		nr_cpu_ids, num_online_nodes());
	slab_state = FULL;
}

/* ---- merging, debug flags, parameters ---- */

struct kmem_cache *find_mergeable(unsigned int size, unsigned int align,
				  slab_flags_t flags, const char *name, void (*ctor)(void *))
{
	struct kmem_cache *s;

	if (slab_nomerge_param() || ctor || (flags & SLAB_NEVER_MERGE))
		return NULL;
	size = ALIGN(size, sizeof(void *));
	align = calculate_alignment(flags, align, size);
	size = ALIGN(size, align);
	flags = kmem_cache_flags(size, flags, name);
	if (flags & SLAB_NEVER_MERGE)
		return NULL;
	list_for_each_entry(s, &slab_caches, list) {
		if (slab_unmergeable(s) || size > s->size)
			continue;
		if ((flags & SLAB_MERGE_SAME) != (s->flags & SLAB_MERGE_SAME))
			continue;
		if ((s->size & ~(align - 1)) != s->size)
			continue;
		if (s->size - size >= sizeof(void *))
			continue;
		return s;
	}
	return NULL;
}

/* Whether @name is in the comma-separated slub_debug_names. */
static bool slub_debug_names_match(const char *name)
{
	size_t len = strlen(name);

	for (const char *p = slub_debug_names; *p; ) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !strncmp(p, name, len))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

/* @flags plus the slub_debug= flags if they apply to the cache called @name. */
slab_flags_t kmem_cache_flags(unsigned int object_size, slab_flags_t flags, const char *name)
{
	if (!slub_debug || (slub_debug_names[0] && !slub_debug_names_match(name)))
		return flags;
	return flags | slub_debug;
}

/*
 * slub_debug[=FZPU[,cache,...]]: F sanity checks, Z red zones, P poisoning, U tracking;
 * no letters: all four; "-": none. Cache names limit it to those caches.
 */
int slub_debug_setup(char *str)
{
	slub_debug = 0;
	slub_debug_names[0] = '\0';
	if (!str || !*str || *str == ',')
		slub_debug = SLAB_DEBUG_FLAGS;
	for (; str && *str && *str != ','; str++) {
		switch (*str | 0x20) {
		case 'f': slub_debug |= SLAB_CONSISTENCY_CHECKS; break;
		case 'z': slub_debug |= SLAB_RED_ZONE; break;
		case 'p': slub_debug |= SLAB_POISON; break;
		case 'u': slub_debug |= SLAB_STORE_USER; break;
		case '-': slub_debug = 0; break;
		default: pr_err("slub_debug option '%c' unknown. skipped\n", *str);
		}
	}
	if (str && *str == ',')
		strscpy(slub_debug_names, str + 1, sizeof(slub_debug_names));
	return 0;
}
early_param("slub_debug", slub_debug_setup);

static int __init setup_slub_min_order(char *str)
{
	return kstrtouint(str, 0, &slub_min_order);
}
early_param("slub_min_order", setup_slub_min_order);

static int __init setup_slub_max_order(char *str)
{
	int ret = kstrtouint(str, 0, &slub_max_order);

	slub_max_order = min(slub_max_order, (unsigned int)MAX_ORDER - 1);
	return ret;
}
early_param("slub_max_order", setup_slub_max_order);

static int __init setup_slub_min_objects(char *str)
{
	return kstrtouint(str, 0, &slub_min_objects);
}
early_param("slub_min_objects", setup_slub_min_objects);

/* /proc/slabinfo's numbers of @s, summed over nodes. */
void get_slabinfo(struct kmem_cache *s, unsigned long *active_objs, unsigned long *num_objs,
		  unsigned long *active_slabs, unsigned long *num_slabs)
{
	struct kmem_cache_node *n;
	struct slab *slab;
	unsigned long flags, free = 0;
	int node;

	*num_objs = *num_slabs = 0;
	for_each_kmem_cache_node(s, node, n) {
		spin_lock_irqsave(&n->list_lock, flags);
		*num_slabs += n->nr_slabs;
		*num_objs += n->total_objects;
		list_for_each_entry(slab, &n->partial, slab_list)
			free += slab->objects - slab->inuse;
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	*active_slabs = *num_slabs;
	*active_objs = *num_objs - free;
}
