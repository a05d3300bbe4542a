/* Masking interrupts on this cpu (PSTATE.DAIF). */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <linux/types.h>

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #3" : "=r" (flags) : : "memory");
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr daif, %0" : : "r" (flags) : "memory");
}

static inline void arch_local_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #3" : : : "memory");
}

static inline void arch_local_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #3" : : : "memory");
}

static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	return flags & (1UL << 7);
}

static inline bool arch_irqs_disabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif" : "=r" (flags));
	return arch_irqs_disabled_flags(flags);
}

#endif
