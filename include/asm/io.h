/* Device register access. The _relaxed forms do not order against normal memory. */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>
#include <asm/sysreg.h>

static inline u32 readl_relaxed(const volatile void *addr)
{
	u32 v;

	__asm__ __volatile__("ldr %w0, [%1]" : "=r" (v) : "r" (addr));
	return v;
}

static inline void writel_relaxed(u32 v, volatile void *addr)
{
	__asm__ __volatile__("str %w0, [%1]" : : "rZ" (v), "r" (addr));
}

static inline u8 readb_relaxed(const volatile void *addr)
{
	u8 v;

	__asm__ __volatile__("ldrb %w0, [%1]" : "=r" (v) : "r" (addr));
	return v;
}

static inline void writeb_relaxed(u8 v, volatile void *addr)
{
	__asm__ __volatile__("strb %w0, [%1]" : : "rZ" (v), "r" (addr));
}

/* readl completes before later memory reads; writel waits for earlier memory writes. */
/*
 * ioremap - map device registers at phys (size bytes) into the vmalloc range, Device-nGnRE
 * (ioremap_wc: Normal non-cacheable). Returns the address of phys, or NULL; RAM is refused
 * with a warning. iounmap takes the mapping down. Process context (arch/arm64/mm/ioremap.c).
 */
void *ioremap_prot(phys_addr_t phys_addr, size_t size, u64 prot);
void *ioremap(phys_addr_t phys_addr, size_t size);
void *ioremap_wc(phys_addr_t phys_addr, size_t size);
void iounmap(volatile void *addr);

#define readl(a)	({ u32 __v = readl_relaxed(a); dmb(oshld); __v; })
#define writel(v, a)	({ dmb(oshst); writel_relaxed((v), (a)); })

#endif
