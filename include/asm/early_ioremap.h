/*
 * Temporary mappings before the page allocator and vmalloc exist: up to FIX_BTMAPS_SLOTS
 * at once, each at most NR_FIX_BTMAPS pages, in the fixmap (mm/early_ioremap.c).
 */
#ifndef _ASM_EARLY_IOREMAP_H
#define _ASM_EARLY_IOREMAP_H

#include <linux/types.h>

void early_ioremap_init(void);
/* Device memory at phys; NULL if every slot is taken or size is 0 or too large. */
void *early_ioremap(phys_addr_t phys_addr, unsigned long size);
/* Normal memory at phys (RAM, firmware tables); NULL as for early_ioremap. */
void *early_memremap(phys_addr_t phys_addr, unsigned long size);
/* As early_memremap, read-only. */
void *early_memremap_ro(phys_addr_t phys_addr, unsigned long size);
/* Undo a mapping: addr and size exactly as mapped. */
void early_iounmap(void *addr, unsigned long size);
void early_memunmap(void *addr, unsigned long size);
/* Under early_ioremap_selftest on the command line: map the FDT, check it, unmap. */
void early_ioremap_selftest(void);

#endif
