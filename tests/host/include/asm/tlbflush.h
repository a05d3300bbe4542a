/* Host build of include/asm/tlbflush.h: no TLB, so nothing to flush. */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

static inline void flush_tlb_all(void) { }
static inline void local_flush_tlb_all(void) { }
static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end) { }

#endif
