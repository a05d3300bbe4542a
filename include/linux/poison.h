/* Byte patterns written over memory that must not be used any more (Linux's poison.h). */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/* Over the kernel's init sections once free_initmem has given them to the buddy. */
#define POISON_FREE_INITMEM	0xcc

/* page->mapping of a compound page's tail pages: a use of it as a mapping faults. */
#define TAIL_MAPPING		((void *)0x400)

#endif
