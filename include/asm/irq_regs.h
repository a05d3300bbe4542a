/*
 * The registers an interrupt interrupted, per cpu (Linux's asm-generic/irq_regs.h): the
 * tick reads them to charge its time to user or system mode. Set by the irq entry
 * handlers for the length of one interrupt; irqs are off while they are in use.
 */
#ifndef _ASM_IRQ_REGS_H
#define _ASM_IRQ_REGS_H

#include <linux/percpu.h>

struct pt_regs;

DECLARE_PER_CPU(struct pt_regs *, __irq_regs);

static inline struct pt_regs *get_irq_regs(void)
{
	return __this_cpu_read(__irq_regs);
}

/* Returns the previous value, for the caller to put back when the interrupt ends. */
static inline struct pt_regs *set_irq_regs(struct pt_regs *new_regs)
{
	struct pt_regs *old_regs = __this_cpu_read(__irq_regs);

	__this_cpu_write(__irq_regs, new_regs);
	return old_regs;
}

#endif
