/*
 * Host stand-in for the slab allocator, for suites that test code above it (the VFS,
 * the inflater): kmalloc and caches on malloc, so ASan sees every object's bounds.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/slab.h>

struct kmem_cache {
	unsigned int size;
	void (*ctor)(void *);
};

void *__kmalloc(size_t size, gfp_t flags)
{
	void *p = malloc(size ? size : 1);

	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void kfree(const void *objp)
{
	free((void *)objp);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = calloc(1, sizeof(*s));

	s->size = size;
	s->ctor = ctor;
	return s;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags)
{
	void *p = __kmalloc(s->size, gfpflags);

	if (p && s->ctor)
		s->ctor(p);
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	free(x);
}
