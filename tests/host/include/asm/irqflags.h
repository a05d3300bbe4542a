/* Host build: one thread, no interrupts; the flags only check save/restore pairing. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <linux/types.h>

extern int host_irqs_off;

static inline unsigned long arch_local_irq_save(void)
{
	return host_irqs_off++;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	host_irqs_off = (int)flags;
}

static inline void arch_local_irq_enable(void) { host_irqs_off = 0; }
static inline void arch_local_irq_disable(void) { host_irqs_off = 1; }
static inline bool arch_irqs_disabled(void) { return host_irqs_off != 0; }

#endif
