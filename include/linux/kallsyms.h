/* Address-to-symbol lookup for %pS/%ps/%pB and backtraces; kernel/kallsyms.c implements it
 * from the table the second link adds (see the Makefile), host tests provide a fake. */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

/* Longest symbol name, with its terminating NUL. */
#define KSYM_NAME_LEN		128
/* Longest "name+0xoff/0xsize [module]" that sprint-style helpers produce. */
#define KSYM_SYMBOL_LEN		(sizeof("%s+%#lx/%#lx [%s]") + (KSYM_NAME_LEN - 1) + \
				 2 * 20 + (KSYM_NAME_LEN - 1) + 1)

/*
 * kallsyms_lookup - the symbol that contains @addr.
 * Fills @namebuf (KSYM_NAME_LEN bytes) with the name, *@symbolsize with the symbol's size,
 * *@offset with @addr's distance from its start and *@modname with NULL for the kernel.
 * Return: the name (normally @namebuf), or NULL when no symbol covers @addr.
 * Context: any; takes no locks and does not allocate, so printk may call it.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset, char **modname, char *namebuf);

#endif
