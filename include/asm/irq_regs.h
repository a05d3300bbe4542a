/*
 * The registers an interrupt arrived with (Linux's asm-generic/irq_regs.h): set around
 * each irq by the entry code, so the tick can tell user time from system time.
 */
#ifndef _ASM_IRQ_REGS_H
#define _ASM_IRQ_REGS_H

#include <linux/percpu.h>

struct pt_regs;

/* Per cpu, written and read with irqs off on that cpu; NULL outside an irq. */
DECLARE_PER_CPU(struct pt_regs *, __irq_regs);

static inline struct pt_regs *get_irq_regs(void)
{
	return __this_cpu_read(__irq_regs);
}

static inline struct pt_regs *set_irq_regs(struct pt_regs *new_regs)
{
	struct pt_regs *old_regs = __this_cpu_read(__irq_regs);

	*raw_cpu_ptr(&__irq_regs) = new_regs;
	return old_regs;
}

#endif
