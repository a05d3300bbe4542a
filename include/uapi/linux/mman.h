/* mmap, mprotect and madvise flags: Linux's ABI values (asm-generic/mman-common.h). */
#ifndef _UAPI_LINUX_MMAN_H
#define _UAPI_LINUX_MMAN_H

#define PROT_NONE		0x0
#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4
#define PROT_SEM		0x8
#define PROT_BTI		0x10	/* arm64 */
#define PROT_MTE		0x20	/* arm64 */
#define PROT_GROWSDOWN		0x01000000
#define PROT_GROWSUP		0x02000000

#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_HUGETLB		0x40000
#define MAP_SYNC		0x80000
#define MAP_FIXED_NOREPLACE	0x100000
#define MAP_UNINITIALIZED	0x4000000

#define MAP_FAILED		((void *)-1)

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

#define MS_ASYNC		1	/* sync memory asynchronously */
#define MS_INVALIDATE		2	/* invalidate the caches */
#define MS_SYNC			4	/* synchronous memory sync */

#define MCL_CURRENT		1	/* lock all current mappings */
#define MCL_FUTURE		2	/* lock all future mappings */
#define MCL_ONFAULT		4	/* lock all pages that are faulted in */
#define MLOCK_ONFAULT		0x01	/* lock pages in range after they are faulted in */

#define MADV_NORMAL		0	/* no further special treatment */
#define MADV_RANDOM		1	/* expect random page references */
#define MADV_SEQUENTIAL		2	/* expect sequential page references */
#define MADV_WILLNEED		3	/* will need these pages */
#define MADV_DONTNEED		4	/* don't need these pages */
#define MADV_FREE		8	/* free pages only if memory pressure */
#define MADV_DONTFORK		10	/* don't inherit across fork */
#define MADV_DOFORK		11	/* do inherit across fork */
#define MADV_DONTDUMP		16	/* explicity exclude from the core dump */
#define MADV_DODUMP		17	/* clear the MADV_DONTDUMP flag */
#define MADV_WIPEONFORK		18	/* zero memory on fork, child only */
#define MADV_KEEPONFORK		19	/* undo MADV_WIPEONFORK */

#endif
