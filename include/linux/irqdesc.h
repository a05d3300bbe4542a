/* struct irq_desc: everything the kernel keeps about one Linux irq number (kernel/irq/). */
#ifndef _LINUX_IRQDESC_H
#define _LINUX_IRQDESC_H

#include <linux/irq.h>
#include <linux/spinlock.h>
#include <asm/smp.h>

struct irqaction;

/* desc->status bits */
#define IRQ_PER_CPU_DEVID	(1U << 0)	/* PPI/SGI: one action, every cpu has its own line */
#define IRQ_HIDDEN		(1U << 1)	/* not listed by show_interrupts (IPIs) */
#define IRQ_MAPPED		(1U << 2)	/* has a chip and a flow handler */
#define IRQ_INPROGRESS		(1U << 3)	/* a cpu is running its actions (not per-cpu irqs) */

/*
 * One per Linux irq, in a static table of NR_IRQS. lock (irqs off) covers action, depth,
 * status and percpu_enabled; irq_data and handle_irq are written once at mapping time;
 * each cpu's kstat_irqs count is written only by that cpu, in its interrupt handler.
 */
struct irq_desc {
	struct irq_data irq_data;
	irq_flow_handler_t handle_irq;
	struct irqaction *action;	/* chain of handlers (several only with IRQF_SHARED) */
	unsigned int depth;		/* nested disable_irq calls; 0 = enabled */
	unsigned int status;		/* IRQ_* above */
	u32 percpu_enabled;		/* per-cpu irqs: bit n set while cpu n has it unmasked */
	const char *name;		/* flow name for /proc/interrupts, or NULL */
	unsigned int __percpu *kstat_irqs;	/* interrupts taken, per cpu */
	spinlock_t lock;
};

/* The descriptor of irq, or NULL outside 1..NR_IRQS-1. */
struct irq_desc *irq_to_desc(unsigned int irq);
/* Interrupts irq took on cpu. */
unsigned int kstat_irqs_cpu(unsigned int irq, int cpu);
/* Runs the actions of desc (the flow handler's middle part); IRQ_HANDLED if one claimed it. */
int handle_irq_event(struct irq_desc *desc);
/* A free descriptor number, or 0 when all NR_IRQS-1 are taken. */
unsigned int irq_alloc_desc(void);

#endif
