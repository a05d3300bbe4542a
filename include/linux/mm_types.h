/*
 * struct page (one per physical page frame, in the vmemmap array) and struct mm_struct
 * (an address space), as Linux 6.1's mm_types.h names them.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/cpumask.h>
#include <asm/pgtable-types.h>

struct address_space;
struct anon_vma;
struct file;
struct mempolicy;
struct vm_area_struct;
struct vm_fault;

/**
 * struct page - what the kernel knows about one 4 KiB page frame (exactly 64 bytes)
 * @flags: page flags (enum pageflags) in the low bits; the node and zone ids in the top
 *	bits (NODES_PGOFF, ZONES_PGOFF, as Linux's page-flags-layout.h with
 *	SPARSEMEM_VMEMMAP: no section bits)
 * @lru: list link of the page's current owner: @buddy_list on a zone free list
 *	(PageBuddy, first page of a free block), @pcp_list on a per-cpu list; a user
 *	page's link on its node's LRU list (PageLRU, under the lruvec's lru_lock)
 * @compound_head: in a tail page of a compound page (over @lru.next), the head page's
 *	address + 1: bit 0 tells a tail (PageTail) from a page on a list
 * @compound_order: in the first tail page (over @lru.prev), the compound page's order
 * @mapping: the file or anon mapping the page belongs to; NULL for kernel pages. An
 *	anonymous page's is its anon_vma with bit 0 (PAGE_MAPPING_ANON) set (mm/rmap.c)
 * @index: offset in @mapping (an anonymous page's: its address in pages,
 *	linear_page_index); on pcp lists and fresh from the buddy, the migratetype the
 *	page was taken for (get/set_pcppage_migratetype, as Linux)
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
			union {
				/* On an LRU list (lru_lock), or in a batch or private list. */
				struct list_head lru;
				/*
				 * PG_unevictable and PG_lru: on no list (6.1 keeps none for
				 * LRU_UNEVICTABLE), lru.next poisoned; mlock_count counts
				 * the VM_LOCKED VMAs that mlocked it (lru_lock; may
				 * undercount, never past 0), as 6.1's.
				 */
				struct {
					void *__filler;
					unsigned int mlock_count;
				};
			};
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

/* What a VMA's owner does on a fault (vm_ops->fault) and when the VMA goes away. */
struct vm_operations_struct {
	void (*close)(struct vm_area_struct *vma);
	unsigned int (*fault)(struct vm_fault *vmf);	/* VM_FAULT_* */
	/* Fault-around: maps what is already cached in [start_pgoff, end_pgoff]. */
	unsigned int (*map_pages)(struct vm_fault *vmf, unsigned long start_pgoff,
				  unsigned long end_pgoff);
	/*
	 * A shared mapping's page is about to become writable (a write fault on it): the
	 * owner readies it for the store (blocks allocated, times updated). VM_FAULT_*;
	 * with VM_FAULT_LOCKED the page is returned locked.
	 */
	unsigned int (*page_mkwrite)(struct vm_fault *vmf);
	const char *(*name)(struct vm_area_struct *vma);
};

/*
 * struct vm_area_struct - one range [vm_start, vm_end) of an address space with the
 * same protection and backing. Linked in its mm's sorted list (vm_next/vm_prev) and
 * rbtree (vm_rb), both under mm->mmap_lock held for writing. rb_subtree_gap is the
 * largest free gap below a VMA of this subtree (the gap before a VMA being
 * vm_start - prev->vm_end), which lets get_unmapped_area find room in O(log n): the
 * augmented rbtree of Linux 5.x (6.1 replaced it with the maple tree; we keep the
 * rbtree, which lib/ has and which the Linux 5.x study notes read).
 */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct vm_area_struct *vm_next, *vm_prev;
	struct rb_node vm_rb;
	unsigned long rb_subtree_gap;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;		/* from vm_flags: vm_get_page_prot */
	unsigned long vm_flags;		/* VM_* */
	unsigned long vm_pgoff;		/* offset in vm_file, in pages */
	struct file *vm_file;		/* a reference, or NULL for anonymous memory */
	/*
	 * On vm_file's mapping->i_mmap, under its i_mmap_rwsem (empty when not linked).
	 * Linux keeps an interval tree by pgoff; a list walked in full is enough for the
	 * few mappings a file has here.
	 */
	struct list_head shared;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	/*
	 * Reverse mapping (mm/rmap.c): anon_vma_chain lists this VMA's anon_vma_chains
	 * (avc->same_vma), under mmap_lock for writing, or for reading plus
	 * page_table_lock; anon_vma is the one new anonymous pages get (set once, under
	 * page_table_lock, by anon_vma_prepare), NULL until the first anonymous page;
	 * vma_merge joins only VMAs whose anon_vmas agree.
	 */
	struct list_head anon_vma_chain;
	struct anon_vma *anon_vma;
	/*
	 * The NUMA policy its pages are allocated by (NULL: the task's), a reference;
	 * set under mmap_lock for writing (mbind), read under it for reading (faults).
	 */
	struct mempolicy *vm_policy;
};

/* Per-mm counters of mapped pages (get_mm_counter), atomic. */
enum {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SWAPENTS,
	MM_SHMEMPAGES,
	NR_MM_COUNTERS
};

/*
 * The architecture's part (arch/arm64/mm/context.c, all atomic): id is the ASID in the
 * low 16 bits and its generation above; cpus (mm_cpumask): the cpus that have the mm
 * loaded now, set before a cpu installs it and cleared when it switches to another mm,
 * so a TLB flush is broadcast only when another cpu may be using the entries; tlb_gen
 * counts the flushes, flushed_gen[cpu] the count a cpu had caught up with when it last
 * loaded the mm: a cpu that missed a local flush while away flushes the ASID on return
 * (Linux x86's tlb_gen rule).
 */
typedef struct {
	u64 id;
	struct cpumask cpus;
	u64 tlb_gen;
	u64 flushed_gen[NR_CPUS];
} mm_context_t;

/*
 * struct mm_struct - an address space.
 * mmap_lock: the VMA set and the layout fields below it (brk, stack, args) - read for
 * faults, write for mmap/munmap/brk/mprotect. page_table_lock: every page table entry
 * of this mm (one lock per mm; Linux splits it per table page). mm_users: tasks using
 * the address space (the last mmput tears it down); mm_count: references to the struct
 * itself, one of them held by all the mm_users together (mmdrop frees it).
 */
struct mm_struct {
	struct vm_area_struct *mmap;	/* the VMA list, sorted by address */
	struct rb_root mm_rb;
	int map_count;			/* VMAs */
	unsigned long mmap_base;	/* top of the top-down mmap area */
	unsigned long task_size;
	unsigned long highest_vm_end;
	pgd_t *pgd;		/* level 0 table, in TTBR0 (user) or TTBR1 (init_mm) */
	int mm_users;
	int mm_count;
	unsigned long pgtables_bytes;	/* page-table pages, for leak checks */
	struct rw_semaphore mmap_lock;
	spinlock_t page_table_lock;
	unsigned long total_vm, locked_vm, data_vm, exec_vm, stack_vm;	/* pages */
	/* The peaks of RSS and total_vm, as of the last unmap (update_hiwater_*). */
	unsigned long hiwater_rss, hiwater_vm;				/* pages */
	unsigned long def_flags;	/* mlockall(MCL_FUTURE)'s VM_LOCKED for new VMAs (mmap_lock) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long sigpage;		/* the sigreturn trampoline's page */
	struct file *exe_file;		/* what exec ran (a reference): /proc/PID/exe */
	long rss_stat[NR_MM_COUNTERS];
	unsigned long flags;		/* MMF_*, atomic bit operations */
	mm_context_t context;
};

/* mm->flags: the OOM reaper is done with this mm (or gave up): no victim to wait for. */
#define MMF_OOM_SKIP	21

/* The kernel's address space; its pgd is init_pg_dir until paging_init installs swapper_pg_dir. */
extern struct mm_struct init_mm;

#endif
