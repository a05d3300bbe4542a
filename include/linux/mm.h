/*
 * The core memory-management API most of the kernel uses: struct page <-> pfn <->
 * address conversions (SPARSEMEM_VMEMMAP and the linear map), a page's zone and node,
 * reference counting, and the boot entry points of the page allocator.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/mmdebug.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <linux/pfn.h>
#include <linux/gfp.h>
#include <linux/vmstat.h>
#include <asm/memory.h>
#include <asm/vmemmap.h>

/*
 * page->flags layout, as Linux's page-flags-layout.h with SPARSEMEM_VMEMMAP (no section
 * field): | NODE (4 bits) | ZONE (2 bits) | ... | flags (__NR_PAGEFLAGS bits) |
 */
#define NODES_WIDTH		NODES_SHIFT
#define ZONES_WIDTH		ZONES_SHIFT
#define NODES_PGOFF		(64 - NODES_WIDTH)
#define ZONES_PGOFF		(NODES_PGOFF - ZONES_WIDTH)
#define ZONEID_PGOFF		ZONES_PGOFF
#define ZONEID_SHIFT		(NODES_SHIFT + ZONES_SHIFT)
#define NODES_MASK		((1UL << NODES_WIDTH) - 1)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
#define ZONEID_MASK		((1UL << ZONEID_SHIFT) - 1)

_Static_assert(__NR_PAGEFLAGS <= ZONES_PGOFF, "page flags overlap the zone and node ids");

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGOFF) & ZONES_MASK;
}

static inline int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGOFF) & NODES_MASK;
}

/* Node and zone together: pages of one zone have the same zone id. */
static inline int page_zone_id(const struct page *page)
{
	return (page->flags >> ZONEID_PGOFF) & ZONEID_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(page_to_nid(page));
}

static inline pg_data_t *folio_pgdat(const struct folio *folio)
{
	return page_pgdat(&folio->page);
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGOFF);
	page->flags |= (zone & ZONES_MASK) << ZONES_PGOFF;
}

static inline void set_page_node(struct page *page, unsigned long node)
{
	page->flags &= ~(NODES_MASK << NODES_PGOFF);
	page->flags |= (node & NODES_MASK) << NODES_PGOFF;
}

/*
 * Zeroes a struct page with eight stores: memset, a call under -ffreestanding, would cost
 * more than the stores for every one of the boot's struct pages (Linux's, for 64-byte ones).
 */
static inline void mm_zero_struct_page(struct page *page)
{
	unsigned long *pp = (unsigned long *)page;

	_Static_assert(sizeof(struct page) == 8 * sizeof(unsigned long), "struct page: 8 words");
	pp[0] = pp[1] = pp[2] = pp[3] = pp[4] = pp[5] = pp[6] = pp[7] = 0;
}

static inline void set_page_links(struct page *page, enum zone_type zone,
				  unsigned long node, unsigned long pfn)
{
	set_page_zone(page, zone);
	set_page_node(page, node);
}

/* SPARSEMEM_VMEMMAP: the struct page array is indexed by pfn. */
#define __pfn_to_page(pfn)	(vmemmap + (pfn))
#define __page_to_pfn(page)	((unsigned long)((page) - vmemmap))
#define pfn_to_page		__pfn_to_page
#define page_to_pfn		__page_to_pfn
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define phys_to_page(phys)	pfn_to_page(PHYS_PFN(phys))

/* The linear-map address of a page, and back. */
#define page_address(page)	__va(page_to_phys(page))
#define virt_to_page(addr)	pfn_to_page(PHYS_PFN(__pa(addr)))
/* The folio (compound page, or lone page) holding linear-map address addr. */
#define virt_to_folio(addr)	page_folio(virt_to_page(addr))
#define folio_address(folio)	page_address(&(folio)->page)
#define virt_to_pfn(addr)	PHYS_PFN(__pa(addr))
#define pfn_to_virt(pfn)	__va(PFN_PHYS(pfn))

static inline int page_mapcount_reset(struct page *page)
{
	return page->_mapcount = -1;
}

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) <= 0, page);
	page_ref_inc(page);
}

/* Drops a reference; true when the caller must free the page (it was the last). */
static inline bool put_page_testzero(struct page *page)
{
	return page_ref_dec_and_test(page);
}

/* The order of page's compound page if page is its head; 0 for any other page. */
static inline unsigned int compound_order(const struct page *page)
{
	if (!PageHead(page))
		return 0;
	return page[1].compound_order;
}

static inline void set_compound_order(struct page *page, unsigned int order)
{
	page[1].compound_order = order;
}

static inline unsigned int folio_order(const struct folio *folio)
{
	return compound_order(&folio->page);
}

static inline unsigned long folio_nr_pages(const struct folio *folio)
{
	return 1UL << folio_order(folio);
}

static inline void folio_get(struct folio *folio)
{
	get_page(&folio->page);
}

/* Frees all of folio's pages, off the LRU first: its last reference is gone (mm/swap.c). */
void __folio_put(struct folio *folio);

/* Drops a reference to folio; the last one frees all 2^order pages. */
static inline void folio_put(struct folio *folio)
{
	if (put_page_testzero(&folio->page))
		__folio_put(folio);
}

/* Drops a reference to the folio page belongs to (a tail's goes to its head). */
static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

/* Pages the buddy allocator manages, all zones (totalram_pages in Linux). */
extern long _totalram_pages;
static inline unsigned long totalram_pages(void)
{
	return (unsigned long)__atomic_load_n(&_totalram_pages, __ATOMIC_RELAXED);
}

void totalram_pages_add(long count);
/* count more (or, negative, fewer) pages managed by page's zone and in totalram. */
void adjust_managed_page_count(struct page *page, long count);
/*
 * Gives the reserved pages wholly inside [start, end) (linear-map addresses) to the
 * buddy, each filled with poison first unless poison is negative; prints "Freeing s
 * memory: NK" and returns the number of pages.
 */
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);
/* The image's init sections to the buddy, once nothing runs from them (kernel_init). */
void free_initmem(void);
/* After free_initmem: the read-only rules are final; checks the tables for W+X. */
void mark_rodata_ro(void);

/* min_free_kbytes: the reserve below which only atomic allocations may go (KiB). */
extern int min_free_kbytes;
extern int watermark_scale_factor;
/* vm.percpu_pagelist_high_fraction: pcp high as 1/n of the zone; 0 follows the low mark. */
extern int percpu_pagelist_high_fraction;
struct ctl_table;
/* /proc/sys/vm handlers that recompute the watermarks or the pcp limits on a write. */
int min_free_kbytes_sysctl_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos);
int watermark_scale_factor_sysctl_handler(struct ctl_table *table, int write, void *buffer,
					  size_t *lenp, loff_t *ppos);
int percpu_pagelist_high_fraction_sysctl_handler(struct ctl_table *table, int write,
						 void *buffer, size_t *lenp, loff_t *ppos);

/* Boot: mm/mm_init.c, mm/page_alloc.c, mm/memblock.c, arch/arm64/mm/init.c. */
void free_area_init(unsigned long *max_zone_pfn);
void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn);
void setup_node_data(int nid, u64 start_pfn, u64 end_pfn);
void build_all_zonelists(pg_data_t *pgdat);
/*
 * For memblock_free_all: the pages of [start, end) (bytes) PageReserved, those waiting for
 * deferred init initialised first (mm/mm_init.c).
 */
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);
void __mem_init_print_info(unsigned long codesize, unsigned long datasize,
			   unsigned long rosize, unsigned long initsize,
			   unsigned long bss_size);
/* arch/arm64/mm/init.c: every free page to the buddy allocator, and the Memory: line. */
void mem_init(void);
void mem_init_print_info(void);
void setup_per_cpu_pageset(void);
/* Waits for every node's deferred struct pages (kernel_init, after smp_init). */
void page_alloc_init_late(void);
int init_per_zone_wmark_min(void);
void setup_per_zone_wmarks(void);
unsigned long get_num_physpages(void);
unsigned long nr_free_buffer_pages(void);
/* MemAvailable: free pages above the reserves plus what reclaim could free. */
long si_mem_available(void);

/* Reports a failed allocation (unless __GFP_NOWARN) with the free memory per zone. */
void warn_alloc(gfp_t gfp_mask, nodemask_t *nodemask, const char *fmt, ...) __printf(3, 4);

/* SHOW_MEM_FILTER_NODES: show only the nodes of the nodemask given. */
#define SHOW_MEM_FILTER_NODES	0x0001u

/*
 * Where memory is (page_alloc.c): the machine's, each node's and zone's counts and the
 * buddy lists ("Node 0 DMA: 3*4kB (UM) ... = 1234kB"); show_mem (lib/show_mem.c) adds
 * "Mem-Info:" before and the RAM totals after, as the OOM killer prints them.
 */
void __show_free_areas(unsigned int flags, nodemask_t *nodemask, int max_zone_idx);

static inline void show_free_areas(unsigned int flags, nodemask_t *nodemask)
{
	__show_free_areas(flags, nodemask, MAX_NR_ZONES - 1);
}

void __show_mem(unsigned int flags, nodemask_t *nodemask, int max_zone_idx);

static inline void show_mem(unsigned int flags, nodemask_t *nodemask)
{
	__show_mem(flags, nodemask, MAX_NR_ZONES - 1);
}

/* ---- Process address spaces (mm/mmap.c, mm/memory.c, mm/mprotect.c) ---- */

struct pt_regs;

/* addr rounded up to a page boundary (user addresses and lengths). */
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)

/* vm_flags: what a VMA allows (the VM_MAY* bits: what mprotect may still allow). */
#define VM_NONE		0x00000000
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_MAYSHARE	0x00000080
#define VM_GROWSDOWN	0x00000100
#define VM_PFNMAP	0x00000400
#define VM_LOCKED	0x00002000
#define VM_IO		0x00004000
#define VM_SEQ_READ	0x00008000	/* madvise(MADV_SEQUENTIAL) */
#define VM_RAND_READ	0x00010000	/* madvise(MADV_RANDOM) */
#define VM_DONTCOPY	0x00020000	/* madvise(MADV_DONTFORK): fork leaves it out */
#define VM_DONTEXPAND	0x00040000
#define VM_LOCKONFAULT	0x00080000	/* mlock2(MLOCK_ONFAULT): locked, not populated */
#define VM_ACCOUNT	0x00100000	/* charged to vm_committed_as (overcommit) */
#define VM_NORESERVE	0x00200000
#define VM_HUGETLB	0x00400000
#define VM_WIPEONFORK	0x02000000	/* madvise(MADV_WIPEONFORK): the child's is empty */
#define VM_DONTDUMP	0x04000000
#define VM_MIXEDMAP	0x10000000
#define VM_STACK	VM_GROWSDOWN
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_STACK_FLAGS	(VM_STACK | VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | \
			 VM_ACCOUNT)
/* Mappings vma_merge and mlock leave alone: their pages are not ordinary memory. */
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
/* What munlock and fork clear. */
#define VM_LOCKED_CLEAR_MASK	(~(VM_LOCKED | VM_LOCKONFAULT))
#define VM_DATA_DEFAULT_FLAGS	(VM_READ | VM_WRITE | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* handle_mm_fault's flags and result. */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_MKWRITE	0x02	/* the fault is for ->page_mkwrite */
#define FAULT_FLAG_USER		0x40
#define FAULT_FLAG_INSTRUCTION	0x100
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGBUS		0x0002
#define VM_FAULT_MAJOR		0x0004	/* the page came from disk: a major fault */
#define VM_FAULT_SIGSEGV	0x0040
#define VM_FAULT_NOPAGE		0x0100	/* the handler installed the entry itself */
#define VM_FAULT_LOCKED		0x0200	/* ->page_mkwrite returns the page locked */
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/* What a fault handler works on (Linux's struct vm_fault). */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;		/* page-aligned */
	unsigned int flags;		/* FAULT_FLAG_* */
	unsigned long pgoff;		/* in vma->vm_file, pages */
	pmd_t *pmd;
	pte_t *pte;			/* the entry, mapped */
	pte_t orig_pte;			/* its value when the fault looked */
	struct page *page;		/* from vm_ops->fault, with a reference */
	struct page *cow_page;		/* do_cow_fault's private copy */
};

/* The lowest address mmap gives without MAP_FIXED (vm.mmap_min_addr). */
extern unsigned long mmap_min_addr;
/* vm.max_map_count: the most VMAs an mm may have. */
extern int sysctl_max_map_count;
/* The gap kept free below a stack VMA, in bytes (stack_guard_gap). */
extern unsigned long stack_guard_gap;

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

static inline long get_mm_counter(struct mm_struct *mm, int member)
{
	return __atomic_load_n(&mm->rss_stat[member], __ATOMIC_RELAXED);
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	__atomic_fetch_add(&mm->rss_stat[member], value, __ATOMIC_RELAXED);
}

/* The RSS counter a file page counts in: shmem's own, or files'. */
static inline int mm_counter_file(struct page *page)
{
	if (PageSwapBacked(page))
		return MM_SHMEMPAGES;
	return MM_FILEPAGES;
}

/* The RSS counter of a page mapped by a process. */
static inline int mm_counter(struct page *page)
{
	if (PageAnon(page))
		return MM_ANONPAGES;
	return mm_counter_file(page);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

/* Records the RSS and size about to shrink, for /proc's VmHWM and VmPeak. */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

/* The first VMA with vm_end > addr, or NULL. mmap_lock held. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* The VMA holding addr, or NULL. */
static inline struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}
/* The first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);
/* The page protection of a VMA with these flags (protection_map). */
pgprot_t vm_get_page_prot(unsigned long vm_flags);
/* A free range of len bytes (top-down below mmap_base), or -ENOMEM; addr is a hint. */
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
/* mmap's body, mmap_lock held for writing: the address mapped or -errno. */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff,
		      unsigned long *populate);
unsigned long mmap_region(struct file *file, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff);
/* Unmaps [start, start + len), splitting VMAs at the ends; mmap_lock held for writing. */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
/* An anonymous data VMA for the ELF loader's bss (flags: VM_EXEC or 0); takes mmap_lock. */
int vm_brk_flags(unsigned long addr, unsigned long request, unsigned long flags);
int vm_munmap(unsigned long start, size_t len);
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag, unsigned long offset);
/* Changes [start, end) of vma (split as needed) to newflags; mmap_lock held for writing. */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags);
/* mprotect's body: [start, start + len) to prot (PROT_*); takes mmap_lock. */
int do_mprotect_pkey(unsigned long start, size_t len, unsigned long prot);
/* Splits vma at addr (new_below: the new VMA is the lower part); mmap_lock held for writing. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below);
/* The same without the vm.max_map_count check (the caller made it). */
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below);
/*
 * [addr, end) with these properties, next to prev (NULL: below the first VMA): merged
 * into prev, the VMA after it, or both (Linux's cases 1-8); the merged VMA or NULL.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file, unsigned long pgoff,
				 struct mempolicy *policy);
/*
 * The anon_vma of a neighbour vma could merge with once their access flags agree, for
 * vma's first anonymous page to share (anon_vma_prepare); NULL if none. mmap_lock held.
 */
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma);
/*
 * [start, end) of vma to get new_flags and policy: the VMA (merged or split off) to set
 * them on, or an ERR_PTR.
 */
struct vm_area_struct *vma_modify(struct vm_area_struct *prev, struct vm_area_struct *vma,
				  unsigned long start, unsigned long end,
				  unsigned long new_flags, struct mempolicy *policy);

static inline struct vm_area_struct *vma_modify_flags(struct vm_area_struct *prev,
						      struct vm_area_struct *vma,
						      unsigned long start, unsigned long end,
						      unsigned long new_flags)
{
	return vma_modify(prev, vma, start, end, new_flags, vma->vm_policy);
}
/*
 * vma grows over [start, end) at pgoff, taking in or cutting back what is there: 0, or
 * -ENOMEM (for the rmap links of pages it takes in) with nothing changed.
 */
int vma_expand(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
	       unsigned long end, unsigned long pgoff);
/* A copy of *vmap's range at [addr, addr + len) for mremap (merged if it can be). */
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap, unsigned long addr,
				unsigned long len, unsigned long pgoff);
/* Counts npages (negative: fewer) in total_vm and the exec/stack/data counter vm_flags picks. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
/* Whether npages more of a mapping with flags stay within RLIMIT_AS and RLIMIT_DATA. */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages);
/* Faults in [start, end) of vma as mlock and MAP_POPULATE want; mmap_lock held. */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* Faults in every VMA part of [start, start + len); takes mmap_lock for reading. */
int __mm_populate(unsigned long start, unsigned long len, int ignore_errors);
static inline void mm_populate(unsigned long addr, unsigned long len)
{
	/* Errors are ignored: the pages come at first touch instead. */
	(void)__mm_populate(addr, len, 1);
}
/* mm/mlock.c: whether the task may lock memory at all, and len more under RLIMIT_MEMLOCK. */
bool can_do_mlock(void);
int mlock_future_check(struct mm_struct *mm, unsigned long flags, unsigned long len);
/* Grows a stack VMA down to address (within the guard gap and RLIMIT_STACK). */
int expand_stack(struct vm_area_struct *vma, unsigned long address);
/* Adds vma (no overlap) to mm's list and tree. */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
/* The last user's teardown: every VMA, page and page table. */
void exit_mmap(struct mm_struct *mm);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);
/* vma leaves its file's i_mmap (idempotent); before its page tables are freed. */
void unlink_file_vma(struct vm_area_struct *vma);

/* mm/filemap.c: the page cache's fault handlers (generic_file_vm_ops). */
unsigned int filemap_fault(struct vm_fault *vmf);
unsigned int filemap_map_pages(struct vm_fault *vmf, unsigned long start_pgoff,
			       unsigned long end_pgoff);
/* Marks a page cache page dirty (its contents differ from the backing store). */
bool set_page_dirty(struct page *page);

/* mm/shmem.c: MAP_SHARED | MAP_ANONYMOUS is a mapping of an unlinked shmem file. */
int shmem_zero_setup(struct vm_area_struct *vma);
struct file *shmem_file_setup(const char *name, loff_t size);
int shmem_init(void);

/* mm/memory.c */
unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			     unsigned int flags, struct pt_regs *regs);
/* A vm_ops->fault's answer: maps pfn (a kernel page, not counted) at vmf->address. */
unsigned int vmf_insert_special_pfn(struct vm_fault *vmf, unsigned long pfn);
/* fork: the parent's entries for vma into dst, private writable pages made COW. */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
/* Unmaps the pages of [start, end) in vma, freeing them when unshared. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* The same into a caller's mmu_gather (asm/tlb.h), which flushes and frees later. */
struct mmu_gather;
void unmap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      unsigned long addr, unsigned long end);
/* Hands the gather the page-table pages under [addr, end) that only map [floor, ceiling). */
void free_pgd_range(struct mmu_gather *tlb, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling);
/* A table page back to the allocator, uncounted from mm (mm/mmu_gather.c, after the flush). */
void free_table_page(struct mm_struct *mm, void *table);
/* Changes the protection of the present entries of [start, end) to newprot. */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot);
/* Unmaps pages holelen bytes from holebegin of mapping in every VMA mapping them. */
void unmap_mapping_range(struct address_space *mapping, loff_t const holebegin,
			 loff_t const holelen);
/* Maps page at addr through ptep, page_table_lock held, the entry empty (the ref is kept). */
void do_set_pte(struct vm_fault *vmf, struct page *page, pte_t *ptep, unsigned long addr);
/* Whether page may still be mapped: anonymous, or not yet truncated from its file. */
bool page_still_cached(struct page *page);
/* How much a read fault maps around the faulting page (64 KiB, as Linux). */
extern unsigned long fault_around_bytes;
/* The pfn of the shared zero page that anonymous read faults map. */
extern unsigned long zero_pfn;
void mm_zero_page_init(void);
/* The pgd of a new mm (zeroed) and its freeing. */
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, pgd_t *pgd);

/* mm/memory.c: bytes of another address space (a pinned mm) into a kernel buffer. */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags);
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

#endif
