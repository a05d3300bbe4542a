/* Page size: 4 KiB granule. */
#ifndef _ASM_PAGE_DEF_H
#define _ASM_PAGE_DEF_H

#include <linux/const.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#ifndef __ASSEMBLY__
#include <linux/bitops.h>

/* The smallest order of pages that holds size bytes (size > 0). */
static inline unsigned int get_order(unsigned long size)
{
	return size <= PAGE_SIZE ? 0 : fls_long((size - 1) >> PAGE_SHIFT);
}
#endif

#endif
