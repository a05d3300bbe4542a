/*
 * Host build of include/asm/vmemmap.h: vmemmap points into an array the test mallocs
 * (shifted so that vmemmap[pfn] is the struct page of pfn); vmemmap_populate is a stub
 * in the test, since the host array needs no mapping.
 */
#ifndef _ASM_VMEMMAP_H
#define _ASM_VMEMMAP_H

struct page;

extern struct page *vmemmap;

int vmemmap_populate(unsigned long start, unsigned long end, int node);

#endif
