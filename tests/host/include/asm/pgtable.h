/*
 * Host build of include/asm/pgtable.h: the kernel's header, except that a table reached
 * "through its fixmap slot" is reached through the simulated linear map (__va) instead,
 * since the host has no fixmap. Code under test builds tables in simulated RAM.
 */
#ifndef _HOST_ASM_PGTABLE_H
#define _HOST_ASM_PGTABLE_H

#include_next <asm/pgtable.h>

#undef pgd_set_fixmap
#undef pgd_clear_fixmap
#undef pud_set_fixmap
#undef pud_clear_fixmap
#undef pmd_set_fixmap
#undef pmd_clear_fixmap
#undef pte_set_fixmap
#undef pte_clear_fixmap
#define pgd_set_fixmap(phys)	((pgd_t *)__va(phys))
#define pgd_clear_fixmap()	do { } while (0)
#define pud_set_fixmap(phys)	((pud_t *)__va(phys))
#define pud_clear_fixmap()	do { } while (0)
#define pmd_set_fixmap(phys)	((pmd_t *)__va(phys))
#define pmd_clear_fixmap()	do { } while (0)
#define pte_set_fixmap(phys)	((pte_t *)__va(phys))
#define pte_clear_fixmap()	do { } while (0)

#endif
