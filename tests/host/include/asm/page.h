/* Host stand-in for asm/page.h: the whole-page operations in C over simulated memory. */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <string.h>
#include <asm/page-def.h>

static inline void clear_page(void *page)
{
	memset(page, 0, PAGE_SIZE);
}

static inline void copy_page(void *to, const void *from)
{
	memcpy(to, from, PAGE_SIZE);
}

#endif
