/*
 * The fixmap: virtual addresses fixed at compile time, counted down from FIXADDR_TOP,
 * for what must be mapped before (or outside) the normal allocators: the device tree,
 * the early console, early_ioremap slots and the page-table fixmap slots that let
 * paging_init edit tables that are not mapped anywhere else.
 */
#ifndef _ASM_FIXMAP_H
#define _ASM_FIXMAP_H

#include <linux/sizes.h>
#include <asm/memory.h>
#include <asm/pgtable-prot.h>

#define MAX_FDT_SIZE		SZ_2M
/* An FDT of up to 2 MiB at any offset in a 2 MiB block spans two blocks. */
#define FIX_FDT_SIZE		(MAX_FDT_SIZE + SZ_2M)

#define NR_FIX_BTMAPS		(SZ_256K / PAGE_SIZE)
#define FIX_BTMAPS_SLOTS	7
#define TOTAL_FIX_BTMAPS	(NR_FIX_BTMAPS * FIX_BTMAPS_SLOTS)

enum fixed_addresses {
	FIX_HOLE,
	FIX_FDT_END,
	FIX_FDT = FIX_FDT_END + FIX_FDT_SIZE / PAGE_SIZE - 1,
	FIX_EARLYCON_MEM_BASE,
	__end_of_permanent_fixed_addresses,
	FIX_BTMAP_END = __end_of_permanent_fixed_addresses,
	FIX_BTMAP_BEGIN = FIX_BTMAP_END + TOTAL_FIX_BTMAPS - 1,
	/* Used by paging_init to reach tables that are not mapped yet. */
	FIX_PTE,
	FIX_PMD,
	FIX_PUD,
	FIX_PGD,
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE		(__end_of_permanent_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START		(FIXADDR_TOP - FIXADDR_SIZE)
#define FIXADDR_TOT_SIZE	(__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_TOT_START	(FIXADDR_TOP - FIXADDR_TOT_SIZE)

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x)	((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)
#define fix_to_virt(x)		__fix_to_virt(x)

void early_fixmap_init(void);
/* Maps phys at slot idx with prot, or unmaps it when prot is empty. */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot);

#define set_fixmap_io(idx, phys)	__set_fixmap(idx, phys, FIXMAP_PAGE_IO)
#define clear_fixmap(idx)		__set_fixmap(idx, 0, __pgprot(0))

/* Maps the device tree read-only at FIX_FDT; returns its address and size, or NULL. */
void *fixmap_remap_fdt(phys_addr_t dt_phys, int *size, pgprot_t prot);

#endif
