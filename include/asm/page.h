/* Whole-page operations in assembly (arch/arm64/lib/clear_page.S), as Linux's asm/page.h. */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <asm/page-def.h>

/* page and to/from: page-aligned kernel addresses of one 4 KiB page. */
void clear_page(void *page);
void copy_page(void *to, const void *from);

#endif
