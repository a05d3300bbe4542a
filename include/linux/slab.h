/*
 * The slab allocator's API (Linux 6.1's include/linux/slab.h, SLUB only): named caches of
 * equal-sized objects (kmem_cache_*) and the general-purpose kmalloc family on top of
 * them. Sizes above KMALLOC_MAX_CACHE_SIZE come straight from the page allocator.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

/* Cache flags (slab_flags_t), Linux's values. */
typedef unsigned int slab_flags_t;
#define SLAB_CONSISTENCY_CHECKS	0x00000100U	/* F: sanity checks on alloc and free */
#define SLAB_RED_ZONE		0x00000400U	/* Z: red zone after each object */
#define SLAB_POISON		0x00000800U	/* P: poison free objects */
#define SLAB_HWCACHE_ALIGN	0x00002000U	/* align objects on cache lines */
#define SLAB_CACHE_DMA		0x00004000U
#define SLAB_STORE_USER		0x00010000U	/* U: remember alloc and free callers */
#define SLAB_PANIC		0x00040000U	/* panic if kmem_cache_create fails */
#define SLAB_TYPESAFE_BY_RCU	0x00080000U
#define SLAB_NOLEAKTRACE	0x00800000U
#define SLAB_RECLAIM_ACCOUNT	0x00020000U
#define SLAB_ACCOUNT		0x04000000U
#define SLAB_NO_USER_FLAGS	0x10000000U

/* ZERO_SIZE_PTR: what kmalloc(0) returns; kfree takes it like NULL. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* kmalloc's size classes: 8 .. 8192 (2 pages) from caches, larger from the buddy. */
#define ARCH_KMALLOC_MINALIGN	8
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)
#define KMALLOC_SHIFT_MAX	(MAX_ORDER + PAGE_SHIFT - 1)
#define KMALLOC_MIN_SIZE	(1 << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)

enum kmalloc_cache_type {
	KMALLOC_NORMAL = 0,
	NR_KMALLOC_TYPES
};

struct kmem_cache;
struct seq_file;

extern struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

/* Index in kmalloc_caches of the smallest class holding @size (1: 96, 2: 192); 0 for 0. */
static inline unsigned int kmalloc_index(size_t size)
{
	if (!size)
		return 0;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	for (unsigned int i = 4; i <= KMALLOC_SHIFT_HIGH; i++)
		if (size <= (1UL << i))
			return i;
	return (unsigned int)-1;
}

/**
 * kmem_cache_create - make a cache of @size-byte objects
 * @name: shown in /proc/slabinfo and reports; must outlive the cache
 * @size: object size; @align: minimum alignment (0: word); @flags: SLAB_*
 * @ctor: called on every object when its slab is made (objects are freed constructed)
 * Context: may sleep. Return: the cache (maybe a merged existing one) or NULL.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
/* Frees every slab of @s and @s itself; objects still allocated are reported. */
void kmem_cache_destroy(struct kmem_cache *s);
/* Gives the empty slabs of @s back to the page allocator; returns 0. */
int kmem_cache_shrink(struct kmem_cache *s);
/* An object of @s, or NULL. Context: any; GFP_ATOMIC where sleeping is not allowed. */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags);
/* The same from node @node's slabs if it can (NUMA_NO_NODE: any). */
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfpflags, int node);
/* Returns @x (from kmem_cache_alloc on @s) to @s. */
void kmem_cache_free(struct kmem_cache *s, void *x);
/* Object size of @s as created (for callers and tests). */
unsigned int kmem_cache_size(struct kmem_cache *s);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}

/* @size bytes, at least 8-byte aligned (power-of-two sizes: naturally aligned), or NULL. */
void *__kmalloc(size_t size, gfp_t flags);
/* The same from node @node if it can. */
void *__kmalloc_node(size_t size, gfp_t flags, int node);
/* Whole pages from the buddy for sizes above KMALLOC_MAX_CACHE_SIZE. */
void *kmalloc_large(size_t size, gfp_t flags);
void *kmalloc_large_node(size_t size, gfp_t flags, int node);
/* Frees what any kmalloc returned; NULL and ZERO_SIZE_PTR are ignored. */
void kfree(const void *objp);
/* lib/kasprintf.c: printf into a new allocation, or NULL. */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap);
char *kasprintf(gfp_t gfp, const char *fmt, ...) __printf(2, 3);
/* The usable size of a kmalloc'd block (>= what was asked). */
size_t ksize(const void *objp);
/* Resizes @p keeping its contents (up to the smaller size); NULL @p: kmalloc. */
void *krealloc(const void *p, size_t new_size, gfp_t flags);

static inline void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static inline void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node(size, flags, node);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

/* Sets up the kmem_cache caches and kmalloc caches; after mem_init (start_kernel). */
void kmem_cache_init(void);
/* /proc/slabinfo, "slabinfo - version: 2.1". */
int slabinfo_show(struct seq_file *m, void *v);

#endif
