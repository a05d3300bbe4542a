/*
 * page_ext (Linux 6.1's mm/page_ext.c): an extra entry per page for debugging features,
 * one table per node indexed by pfn from the node's start, allocated from vmalloc after
 * page_alloc_init_late only when a user's need() says so. Its users: page_owner.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/page_ext.h>

static struct page_ext_operations *page_ext_ops[] = {
	&page_owner_ops,
};

static size_t page_ext_size = sizeof(struct page_ext);
/* Each node's table, written once at page_ext_init before any reader looks. */
static struct page_ext *node_page_ext[MAX_NUMNODES];

static bool invoke_need_callbacks(void)
{
	bool need = false;

	for (size_t i = 0; i < ARRAY_SIZE(page_ext_ops); i++) {
		if (page_ext_ops[i]->need()) {
			page_ext_ops[i]->offset = page_ext_size;
			page_ext_size += page_ext_ops[i]->size;
			need = true;
		}
	}
	return need;
}

struct page_ext *lookup_page_ext(const struct page *page)
{
	int nid = page_to_nid(page);
	struct page_ext *base = READ_ONCE(node_page_ext[nid]);

	if (!base)
		return NULL;
	return (void *)base + (page_to_pfn(page) - NODE_DATA(nid)->node_start_pfn) * page_ext_size;
}

struct page_ext *page_ext_next(struct page_ext *page_ext)
{
	return (void *)page_ext + page_ext_size;
}

void __init page_ext_init(void)
{
	unsigned long total = 0;
	int nid;

	if (!invoke_need_callbacks())
		return;
	for_each_online_node(nid) {
		size_t size = NODE_DATA(nid)->node_spanned_pages * page_ext_size;
		void *base = vmalloc_node(size, nid);

		if (!base)
			panic("Out of memory: cannot allocate page_ext for node %d\n", nid);
		memset(base, 0, size);
		WRITE_ONCE(node_page_ext[nid], base);
		total += size;
	}
	pr_info("allocated %lu bytes of page_ext\n", total);
	for (size_t i = 0; i < ARRAY_SIZE(page_ext_ops); i++)
		if (page_ext_ops[i]->need())
			page_ext_ops[i]->init();
}
