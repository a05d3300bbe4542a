/* TLB maintenance for kernel mappings, broadcast to every cpu (inner shareable). */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

#include <asm/sysreg.h>
#include <asm/page-def.h>

static inline void flush_tlb_all(void)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi vmalle1is" : : : "memory");
	dsb(ish);
	isb();
}

/* This cpu only: after changing its own TTBRs. */
static inline void local_flush_tlb_all(void)
{
	dsb(nshst);
	__asm__ __volatile__("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	isb();
}

static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	dsb(ishst);
	for (start &= PAGE_MASK; start < end; start += PAGE_SIZE)
		__asm__ __volatile__("tlbi vaale1is, %0" : : "r" (start >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

#endif
