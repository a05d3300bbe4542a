/*
 * The struct page array of SPARSEMEM_VMEMMAP: page frame pfn is described by
 * vmemmap[pfn]. The array is virtually contiguous at VMEMMAP_START, shifted so that
 * memstart_addr's pfn is its first entry; vmemmap_populate maps its pages for the
 * sections that have memory. (Linux keeps this in asm/pgtable.h; host tests replace this
 * header with one pointing at a malloc'd array.)
 */
#ifndef _ASM_VMEMMAP_H
#define _ASM_VMEMMAP_H

#include <asm/memory.h>

struct page;

#define vmemmap	((struct page *)VMEMMAP_START - (memstart_addr >> PAGE_SHIFT))

/* Maps [start, end) of the vmemmap with memory from node @node; 0 or -ENOMEM (mmu.c). */
int vmemmap_populate(unsigned long start, unsigned long end, int node);

#endif
