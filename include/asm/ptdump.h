/* Dumping and checking the kernel page tables (arch/arm64/mm/ptdump.c). */
#ifndef _ASM_PTDUMP_H
#define _ASM_PTDUMP_H

/*
 * Warns about W+X and non-UXN kernel mappings, and writable aliases of text or rodata;
 * prints the verdict (Linux's debug_checkwx, from mark_rodata_ro).
 */
void ptdump_check_wx(void);
/* Prints swapper_pg_dir as /sys/kernel/debug/kernel_page_tables would, under "ptdump". */
void ptdump_boot_dump(void);
/*
 * Under "paging_selftest": asks the MMU (AT S1E1R/W) whether every page of RAM and of the
 * image translates as paging_init mapped it, and text and rodata refuse writes.
 */
void paging_selftest(void);

#endif
