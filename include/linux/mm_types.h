/* struct mm_struct: an address space. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <asm/pgtable-types.h>

struct mm_struct {
	pgd_t *pgd;		/* level 0 table, in TTBR0 (user) or TTBR1 (init_mm) */
};

/* The kernel's address space; its pgd is init_pg_dir until paging_init installs swapper_pg_dir. */
extern struct mm_struct init_mm;

#endif
