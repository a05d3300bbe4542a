/* Page frame numbers: conversions between physical addresses and pfns (asm/memory.h). */
#ifndef _LINUX_PFN_H
#define _LINUX_PFN_H

#include <asm/memory.h>

/* x rounded up to a page boundary. */
#define PFN_ALIGN(x)	(((unsigned long)(x) + (PAGE_SIZE - 1)) & PAGE_MASK)

#endif
