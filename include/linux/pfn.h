/* Page frame numbers: conversions between physical addresses and pfns (asm/memory.h). */
#ifndef _LINUX_PFN_H
#define _LINUX_PFN_H

#include <asm/memory.h>

#endif
