/*
 * vmalloc: virtually contiguous kernel memory built from scattered pages, and the
 * vmap/ioremap mappings that share its address range [VMALLOC_START, VMALLOC_END).
 * mm/vmalloc.c has the overview.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/mm_types.h>
#include <asm/memory.h>
#include <asm/pgtable-prot.h>

struct seq_file;
struct page;

/* vm_struct.flags, Linux's bits. */
#define VM_IOREMAP		0x00000001	/* ioremap() and friends */
#define VM_ALLOC		0x00000002	/* vmalloc() */
#define VM_MAP			0x00000004	/* vmap()ed pages, or a kernel image segment */
#define VM_USERMAP		0x00000008
#define VM_DMA_COHERENT		0x00000010
#define VM_UNINITIALIZED	0x00000020	/* vmalloc: pages not all mapped yet */
#define VM_NO_GUARD		0x00000040	/* no guard page after the area */

/*
 * One mapping in the vmalloc range, as /proc/vmallocinfo lists them. size counts the
 * guard page (unless VM_NO_GUARD); get_vm_area_size() gives the usable size.
 */
struct vm_struct {
	void *addr;
	unsigned long size;		/* bytes, guard page included */
	unsigned long flags;		/* VM_* */
	struct page **pages;		/* VM_ALLOC: the pages, nr_pages of them */
	unsigned int nr_pages;
	phys_addr_t phys_addr;		/* VM_IOREMAP and kernel segments: the start */
	const void *caller;		/* who asked: shown with %pS */
};

/*
 * A range of the vmalloc address space, busy (in vmap_area_root, vm says what for) or
 * free (in free_vmap_area_root, subtree_max_size is the largest free area below it).
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;		/* exclusive */
	struct rb_node rb_node;		/* in the busy, free or no tree */
	struct list_head list;		/* the same tree's list, sorted by address */
	union {
		unsigned long subtree_max_size;	/* free tree */
		struct vm_struct *vm;		/* busy tree: NULL until set up, or freed */
	};
};

static inline size_t get_vm_area_size(const struct vm_struct *area)
{
	return area->size - ((area->flags & VM_NO_GUARD) ? 0 : PAGE_SIZE);
}

/* Boot: the free space around the kernel image's segments. After mem_init. */
void vmalloc_init(void);

/* Page-backed memory, mapped PAGE_KERNEL; NULL on failure. Process context. */
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_node(unsigned long size, int node);
void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp_mask, pgprot_t prot,
			   unsigned long vm_flags, int node, const void *caller);
/* Frees what vmalloc gave; NULL is ignored. Not from interrupts. */
void vfree(const void *addr);

/* count pages mapped contiguously with prot; vunmap takes the mapping (not the pages) down. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);

/* Address space alone; the caller maps it. */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller);
struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end,
				       const void *caller);
struct vm_struct *find_vm_area(const void *addr);
/* Unmaps and takes the area out (its address space is freed lazily); the vm_struct stays. */
struct vm_struct *remove_vm_area(const void *addr);
void free_vm_area(struct vm_struct *area);

/* Address-space layer (host-tested). ERR_PTR(-ENOMEM) or -EBUSY on failure. */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend,
				  int node, gfp_t gfp_mask);
struct vmap_area *find_vmap_area(unsigned long addr);
void free_vmap_area_noflush(struct vmap_area *va);
/* Flushes the TLB once for every lazily freed area and returns them to the free tree. */
void purge_vmap_area_lazy(void);

/* Page tables of the vmalloc range; no TLB maintenance. */
int vmap_pages_range_noflush(unsigned long addr, unsigned long end, pgprot_t prot,
			     struct page **pages);
int vmap_range_noflush(unsigned long addr, unsigned long end, phys_addr_t phys_addr,
		       pgprot_t prot);
void vunmap_range_noflush(unsigned long start, unsigned long end);
/* The same, then the TLB flush: nothing maps [start, end) once it returns. */
void vunmap_range(unsigned long start, unsigned long end);

static inline bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/* /proc/vmallocinfo; /proc/meminfo's VmallocTotal and VmallocUsed, in kB. */
int vmallocinfo_show(struct seq_file *m, void *v);
unsigned long vmalloc_total_kb(void);
unsigned long vmalloc_used_kb(void);
/* Pages vmalloc holds (Linux's vmalloc_nr_pages). */
unsigned long vmalloc_nr_pages(void);
/* The size of the vmalloc area (meminfo's VmallocTotal). */
#define VMALLOC_TOTAL (VMALLOC_END - VMALLOC_START)
/* For the selftest: a hash of the free areas' bounds, and their number in *nr. */
unsigned long vmap_free_areas_hash(unsigned int *nr);

#endif
