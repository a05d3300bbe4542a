/*
 * The allocator-independent half of the slab layer (Linux 6.1's mm/slab_common.c):
 * kmem_cache_create/destroy with cache merging, the kmalloc size classes and their caches,
 * kmalloc/kfree/ksize/krealloc, large kmalloc straight from the buddy, /proc/slabinfo.
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/page-flags.h>
#include "slab.h"

enum slab_state slab_state;
/*
 * Every cache, newest first (list_add), and their refcounts: slab_mutex, a sleeping lock
 * since creating a cache allocates its per-cpu slabs (pcpu_alloc may sleep).
 */
LIST_HEAD(slab_caches);
DEFINE_MUTEX(slab_mutex);
static bool slab_nomerge;

struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

static int __init setup_slab_nomerge(char *str)
{
	slab_nomerge = true;
	return 0;
}
early_param("slub_nomerge", setup_slab_nomerge);
__setup_param("slab_nomerge", slab_nomerge_alias, setup_slab_nomerge, 1);

bool slab_nomerge_param(void)
{
	return slab_nomerge;
}

/* Cache-line alignment for SLAB_HWCACHE_ALIGN (halved for small objects), at least 8. */
unsigned int calculate_alignment(slab_flags_t flags, unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = SMP_CACHE_BYTES;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)ARCH_KMALLOC_MINALIGN);
	return ALIGN(align, sizeof(void *));
}

bool slab_unmergeable(struct kmem_cache *s)
{
	return slab_nomerge || (s->flags & SLAB_NEVER_MERGE) || s->ctor || s->refcount < 0;
}

/* A cache the boot code sets up in place (kmem_cache, kmem_cache_node, kmalloc-*). */
void __init create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size,
			      slab_flags_t flags)
{
	s->name = name;
	s->size = s->object_size = size;
	s->align = calculate_alignment(flags, ARCH_KMALLOC_MINALIGN, size);
	if (__kmem_cache_create(s, flags))
		panic("Creation of kmalloc slab %s size=%u failed.\n", name, size);
	s->refcount = -1;	/* not mergeable until boot is done */
}

struct kmem_cache *__init create_kmalloc_cache(const char *name, unsigned int size,
					       slab_flags_t flags)
{
	struct kmem_cache *s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);

	if (!s)
		panic("Out of memory when creating slab %s\n", name);
	create_boot_cache(s, name, size, flags);
	list_add(&s->list, &slab_caches);
	s->refcount = 1;
	return s;
}

/* kmalloc_slab's table for sizes up to 192, by (size - 1) / 8 (Linux's size_index). */
static const u8 size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6,		/* 8 16 24 32 40 48 56 64 */
	1, 1, 1, 1,			/* 72 .. 96 */
	7, 7, 7, 7,			/* 104 .. 128 */
	2, 2, 2, 2, 2, 2, 2, 2		/* 136 .. 192 */
};

static const struct {
	const char *name;
	unsigned int size;
} kmalloc_info[KMALLOC_SHIFT_HIGH + 1] = {
	{ NULL, 0 }, { "kmalloc-96", 96 }, { "kmalloc-192", 192 },
	{ "kmalloc-8", 8 }, { "kmalloc-16", 16 }, { "kmalloc-32", 32 },
	{ "kmalloc-64", 64 }, { "kmalloc-128", 128 }, { "kmalloc-256", 256 },
	{ "kmalloc-512", 512 }, { "kmalloc-1k", 1024 }, { "kmalloc-2k", 2048 },
	{ "kmalloc-4k", 4096 }, { "kmalloc-8k", 8192 },
};

/* The kmalloc cache for @size (<= KMALLOC_MAX_CACHE_SIZE); ZERO_SIZE_PTR for 0. */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	unsigned int index;

	if (size <= 192) {
		if (!size)
			return ZERO_SIZE_PTR;
		index = size_index[(size - 1) / 8];
	} else {
		index = fls_long(size - 1);
	}
	return kmalloc_caches[KMALLOC_NORMAL][index];
}

/* Makes kmalloc-8 .. kmalloc-8k, with 96 after 64 and 192 after 128 as Linux. */
void __init create_kmalloc_caches(slab_flags_t flags)
{
	for (unsigned int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		kmalloc_caches[KMALLOC_NORMAL][i] =
			create_kmalloc_cache(kmalloc_info[i].name, kmalloc_info[i].size, flags);
		if (i == 6)
			kmalloc_caches[KMALLOC_NORMAL][1] =
				create_kmalloc_cache(kmalloc_info[1].name, 96, flags);
		if (i == 7)
			kmalloc_caches[KMALLOC_NORMAL][2] =
				create_kmalloc_cache(kmalloc_info[2].name, 192, flags);
	}
	slab_state = UP;
}

static struct kmem_cache *create_cache(const char *name, unsigned int size,
				       unsigned int align, slab_flags_t flags,
				       void (*ctor)(void *))
{
	struct kmem_cache *s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);

	if (!s)
		return NULL;
	s->name = name;
	s->size = s->object_size = size;
	s->align = align;
	s->ctor = ctor;
	if (__kmem_cache_create(s, flags)) {
		kmem_cache_free(kmem_cache, s);
		return NULL;
	}
	s->refcount = 1;
	list_add(&s->list, &slab_caches);
	return s;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;

	if (!name || !size || size > KMALLOC_MAX_SIZE || (align & (align - 1)))
		goto out;
	mutex_lock(&slab_mutex);
	s = find_mergeable(size, align, flags, name, ctor);
	if (s) {
		s->refcount++;
		s->object_size = max(s->object_size, size);
	} else {
		s = create_cache(name, size, calculate_alignment(flags, align, size), flags, ctor);
	}
	mutex_unlock(&slab_mutex);
out:
	if (!s && (flags & SLAB_PANIC))
		panic("%s: Failed to create slab '%s'.\n", __func__, name ? name : "(null)");
	if (!s)
		pr_warn("kmem_cache_create(%s) failed\n", name ? name : "(null)");
	return s;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	mutex_lock(&slab_mutex);
	if (--s->refcount > 0)
		goto out;
	if (__kmem_cache_shutdown(s)) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects when called from %pS\n",
		       s->name, (void *)_RET_IP_);
		goto out;
	}
	list_del(&s->list);
	__kmem_cache_release(s);
	kmem_cache_free(kmem_cache, s);
out:
	mutex_unlock(&slab_mutex);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	return __kmem_cache_shrink(s);
}

/* ---- kmalloc ---- */

void *kmalloc_large_node(size_t size, gfp_t flags, int node)
{
	/*
	 * A compound page of order 1 at least: kfree tells a large kmalloc from a stray
	 * page by PageHead. Never PageSlab.
	 */
	unsigned int order = size <= 2 * PAGE_SIZE ? 1 : get_order(size);
	struct page *page;

	if (order >= MAX_ORDER)
		return NULL;
	flags |= __GFP_COMP;
	page = node == NUMA_NO_NODE ? alloc_pages(flags, order) :
				      alloc_pages_node(node, flags, order);
	if (!page)
		return NULL;
	return page_address(page);
}

void *kmalloc_large(size_t size, gfp_t flags)
{
	return kmalloc_large_node(size, flags, NUMA_NO_NODE);
}

static void free_large_kmalloc(struct folio *folio)
{
	__free_pages(folio_page(folio, 0), folio_order(folio));
}

static __always_inline void *__do_kmalloc_node(size_t size, gfp_t flags, int node,
					       unsigned long caller)
{
	struct kmem_cache *s;

	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large_node(size, flags, node);
	s = kmalloc_slab(size, flags);
	if (ZERO_OR_NULL_PTR(s))
		return s;
	return __kmem_cache_alloc_node(s, flags, node, caller);
}

void *__kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __do_kmalloc_node(size, flags, node, _RET_IP_);
}

void *__kmalloc(size_t size, gfp_t flags)
{
	return __do_kmalloc_node(size, flags, NUMA_NO_NODE, _RET_IP_);
}

void kfree(const void *object)
{
	unsigned long caller = _RET_IP_;
	struct folio *folio;

	if (ZERO_OR_NULL_PTR(object))
		return;
	folio = virt_to_folio(object);
	if (PageSlab(&folio->page)) {
		__kmem_cache_free(page_slab(&folio->page)->slab_cache, (void *)object, caller);
		return;
	}
	if (!folio_test_large(folio) || folio_address(folio) != object) {
		slab_bug_reports++;
		pr_err("kfree: 0x%px is neither a slab object nor a large kmalloc\n", object);
		WARN_ON(1);
		return;
	}
	free_large_kmalloc(folio);
}

size_t ksize(const void *object)
{
	struct folio *folio;

	if (ZERO_OR_NULL_PTR(object))
		return 0;
	folio = virt_to_folio(object);
	if (PageSlab(&folio->page))
		return page_slab(&folio->page)->slab_cache->object_size;
	return PAGE_SIZE << folio_order(folio);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks = ksize(p);
	void *ret;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ks >= new_size && p) {
		if (flags & __GFP_ZERO)
			memset((char *)p + new_size, 0, ks - new_size);
		return (void *)p;
	}
	ret = kmalloc(new_size, flags);
	if (ret && p) {
		memcpy(ret, p, ks);
		kfree(p);
	}
	return ret;
}

/* ---- /proc/slabinfo ---- */

static void slabinfo_show_cache(struct seq_file *m, struct kmem_cache *s)
{
	unsigned long active_objs, num_objs, active_slabs, num_slabs;

	get_slabinfo(s, &active_objs, &num_objs, &active_slabs, &num_slabs);
	seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d", s->name, active_objs, num_objs, s->size,
		   oo_objects(s->oo), 1 << oo_order(s->oo));
	seq_printf(m, " : tunables %4u %4u %4u", 0, 0, 0);
	seq_printf(m, " : slabdata %6lu %6lu %6lu\n", active_slabs, num_slabs, 0UL);
}

/* /proc/slabinfo: Linux 6.1's header and one line per cache, newest first. */
int slabinfo_show(struct seq_file *m, void *v)
{
	struct kmem_cache *s;

	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		 "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
		 "<active_slabs> <num_slabs> <sharedavail>\n");
	mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list)
		slabinfo_show_cache(m, s);
	mutex_unlock(&slab_mutex);
	return 0;
}

static int __init slab_proc_init(void)
{
	proc_create_single("slabinfo", 0400, NULL, slabinfo_show);
	return 0;
}
late_initcall(slab_proc_init);
