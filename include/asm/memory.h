/*
 * The kernel's virtual address space (48-bit VA, 4 KiB pages), as Linux 6.1 lays it out:
 *
 *   0xffff000000000000  PAGE_OFFSET   linear map of all RAM (128 TiB)
 *   0xffff800000000000  MODULES_VADDR modules (128 MiB)
 *   0xffff800008000000  KIMAGE_VADDR  kernel image, and VMALLOC_START
 *   0xfffffbfff0000000  VMALLOC_END
 *   0xfffffbfffe000000  FIXADDR_TOP   fixmap grows down from here
 *   0xfffffc0000000000  VMEMMAP_START struct page array (2 TiB)
 *   0xfffffe0000800000  PCI_IO_START  (16 MiB)
 */
#ifndef _ASM_MEMORY_H
#define _ASM_MEMORY_H

#include <linux/const.h>
#include <linux/sizes.h>
#include <asm/page-def.h>

#define VA_BITS_MIN		48
#define PAGE_OFFSET		(-(UL(1) << VA_BITS_MIN))
#define PAGE_END		(-(UL(1) << (VA_BITS_MIN - 1)))
#define MODULES_VADDR		PAGE_END
#define MODULES_VSIZE		SZ_128M
#define MODULES_END		(MODULES_VADDR + MODULES_VSIZE)
#define KIMAGE_VADDR		MODULES_END
#define STRUCT_PAGE_MAX_SHIFT	6
#define VMEMMAP_SHIFT		(PAGE_SHIFT - STRUCT_PAGE_MAX_SHIFT)
#define VMEMMAP_SIZE		((PAGE_END - PAGE_OFFSET) >> VMEMMAP_SHIFT)
#define VMEMMAP_START		(-(UL(1) << (VA_BITS_MIN - VMEMMAP_SHIFT)))
#define VMEMMAP_END		(VMEMMAP_START + VMEMMAP_SIZE)
#define PCI_IO_START		(VMEMMAP_END + SZ_8M)
#define PCI_IO_END		(PCI_IO_START + SZ_16M)
#define FIXADDR_TOP		(VMEMMAP_START - SZ_32M)
#define VMALLOC_START		MODULES_END
#define VMALLOC_END		(VMEMMAP_START - SZ_256M)

#define THREAD_SHIFT		14
#define THREAD_SIZE		(UL(1) << THREAD_SHIFT)

/* Boot modes recorded by head.S: the exception level the kernel was entered at. */
#define BOOT_CPU_MODE_EL1	0xe11
#define BOOT_CPU_MODE_EL2	0xe12

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Set by head.S: kernel image VA minus its PA. */
extern u64 kimage_voffset;
/* The physical address PAGE_OFFSET maps: the start of RAM, rounded down (arm64_memblock_init). */
extern s64 memstart_addr;
#define PHYS_OFFSET		((phys_addr_t)memstart_addr)

#define __is_lm_address(a)	(((u64)(a) - PAGE_OFFSET) < (PAGE_END - PAGE_OFFSET))
#define __lm_to_phys(a)		((phys_addr_t)((u64)(a) - PAGE_OFFSET) + PHYS_OFFSET)
#define __kimg_to_phys(a)	((phys_addr_t)((u64)(a) - kimage_voffset))
#define __pa_symbol(x)		__kimg_to_phys((u64)(x))
#define __phys_to_virt(x)	((u64)((x) - PHYS_OFFSET) + PAGE_OFFSET)
#define __phys_to_kimg(x)	((u64)((x) + kimage_voffset))

/* Physical address of a linear-map or kernel-image address. */
static inline phys_addr_t __virt_to_phys(u64 x)
{
	return __is_lm_address(x) ? __lm_to_phys(x) : __kimg_to_phys(x);
}

#define __pa(x)			__virt_to_phys((u64)(x))
#define __va(x)			((void *)__phys_to_virt((phys_addr_t)(x)))
#define virt_to_phys(x)		__pa(x)
#define phys_to_virt(x)		__va(x)
#define lm_alias(x)		__va(__pa_symbol(x))

#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)		((phys_addr_t)(x) << PAGE_SHIFT)
#define PFN_UP(x)		(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)		((x) >> PAGE_SHIFT)
#endif

#endif
