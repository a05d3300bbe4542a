/*
 * struct page (one per physical page frame, in the vmemmap array) and struct mm_struct
 * (an address space), as Linux 6.1's mm_types.h names them.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <asm/pgtable-types.h>

struct address_space;

/**
 * struct page - what the kernel knows about one 4 KiB page frame (exactly 64 bytes)
 * @flags: page flags (enum pageflags) in the low bits; the node and zone ids in the top
 *	bits (NODES_PGOFF, ZONES_PGOFF, as Linux's page-flags-layout.h with
 *	SPARSEMEM_VMEMMAP: no section bits)
 * @lru: list link of the page's current owner: @buddy_list on a zone free list
 *	(PageBuddy, first page of a free block), @pcp_list on a per-cpu list
 * @compound_head: in a tail page of a compound page (over @lru.next), the head page's
 *	address + 1: bit 0 tells a tail (PageTail) from a page on a list
 * @compound_order: in the first tail page (over @lru.prev), the compound page's order
 * @mapping: the file or anon mapping the page belongs to; NULL for kernel pages
 * @index: offset in @mapping; on pcp lists and fresh from the buddy, the migratetype
 *	the page was taken for (get/set_pcppage_migratetype, as Linux)
 * @private: for PageBuddy pages the order of the free block (buddy_order)
 * @_mapcount: -1 plus the number of user mappings; shares space with @page_type
 * @page_type: for pages that are never mapped: PAGE_TYPE_BASE with the type's bit
 *	cleared marks PageBuddy (and later PageTable...), as 6.1 does
 * @_refcount: references; 0 while free, 1 after allocation. Use page_ref.h only.
 * @memcg_data: unused until memory cgroups; keeps the 64 bytes Linux has on arm64
 */
struct page {
	unsigned long flags;
	union {
		struct list_head lru;
		struct list_head buddy_list;
		struct list_head pcp_list;
		struct {	/* tail pages of a compound page */
			unsigned long compound_head;	/* bit 0 set */
			unsigned char compound_order;	/* first tail page only */
		};
	};
	struct address_space *mapping;
	unsigned long index;
	unsigned long private;
	union {
		int _mapcount;
		unsigned int page_type;
	};
	int _refcount;
	unsigned long memcg_data;
};

_Static_assert(sizeof(struct page) == 64, "struct page is 64 bytes (STRUCT_PAGE_MAX_SHIFT)");

/**
 * struct folio - a page that is not a tail page: a lone page, or the head of a compound
 * page with all its tails (Linux 6.1's folio, which the memory manager passes where it
 * means the whole block). It overlays the head's struct page field for field, so
 * &folio->page is the head; the order sits in the first tail page.
 */
struct folio {
	union {
		struct {
			unsigned long flags;
			struct list_head lru;
			struct address_space *mapping;
			unsigned long index;
			unsigned long private;
			int _mapcount;
			int _refcount;
			unsigned long memcg_data;
		};
		struct page page;
	};
};

#define FOLIO_MATCH(pg, fl)						\
	_Static_assert(__builtin_offsetof(struct page, pg) ==		\
		       __builtin_offsetof(struct folio, fl), #pg " vs " #fl)
FOLIO_MATCH(flags, flags);
FOLIO_MATCH(lru, lru);
FOLIO_MATCH(mapping, mapping);
FOLIO_MATCH(index, index);
FOLIO_MATCH(private, private);
FOLIO_MATCH(_mapcount, _mapcount);
FOLIO_MATCH(_refcount, _refcount);
FOLIO_MATCH(memcg_data, memcg_data);
#undef FOLIO_MATCH
_Static_assert(sizeof(struct folio) == sizeof(struct page), "struct folio overlays the head page");

struct mm_struct {
	pgd_t *pgd;		/* level 0 table, in TTBR0 (user) or TTBR1 (init_mm) */
};

/* The kernel's address space; its pgd is init_pg_dir until paging_init installs swapper_pg_dir. */
extern struct mm_struct init_mm;

#endif
