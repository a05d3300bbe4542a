/* Protections of kernel mappings, as Linux composes them. */
#ifndef _ASM_PGTABLE_PROT_H
#define _ASM_PGTABLE_PROT_H

#include <asm/pgtable-hwdef.h>

#define PROT_DEFAULT		(PTE_TYPE_PAGE | PTE_AF | PTE_SHARED)
#define PROT_NORMAL		(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | PTE_DIRTY | PTE_ATTRINDX(MT_NORMAL))
#define PROT_DEVICE_nGnRE	(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | PTE_DIRTY | PTE_ATTRINDX(MT_DEVICE_nGnRE))

#define PAGE_KERNEL		__pgprot(PROT_NORMAL)
#define PAGE_KERNEL_RO		__pgprot((PROT_NORMAL & ~PTE_WRITE) | PTE_RDONLY)
#define PAGE_KERNEL_ROX		__pgprot((PROT_NORMAL & ~(PTE_WRITE | PTE_PXN)) | PTE_RDONLY)
#define PAGE_KERNEL_EXEC	__pgprot(PROT_NORMAL & ~PTE_PXN)
#define PAGE_KERNEL_IO		__pgprot(PROT_DEVICE_nGnRE)
#define FIXMAP_PAGE_IO		PAGE_KERNEL_IO

/*
 * User pages (not global: tagged with the ASID; never executable at EL1). Writable
 * pages start read-only in hardware (PTE_RDONLY) with PTE_WRITE saying they may become
 * writable: the first write faults and marks them dirty, as Linux's software dirty bit.
 * Private writable mappings use the read-only forms: a write is copy-on-write.
 * PAGE_NONE keeps a present-in-software entry the walker ignores (valid bit clear).
 */
#define PTE_PROT_NONE		(_AT(pteval_t, 1) << 58)
#define _PAGE_DEFAULT		(PTE_TYPE_PAGE | PTE_AF | PTE_SHARED | PTE_ATTRINDX(MT_NORMAL))
#define PAGE_NONE		__pgprot(((_PAGE_DEFAULT) & ~PTE_VALID) | PTE_PROT_NONE | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_UXN)
#define PAGE_SHARED		__pgprot(_PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_UXN | PTE_WRITE)
#define PAGE_SHARED_EXEC	__pgprot(_PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_WRITE)
#define PAGE_READONLY		__pgprot(_PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN | PTE_UXN)
#define PAGE_READONLY_EXEC	__pgprot(_PAGE_DEFAULT | PTE_USER | PTE_RDONLY | PTE_NG | PTE_PXN)
#define FIXMAP_PAGE_NORMAL	PAGE_KERNEL

#endif
