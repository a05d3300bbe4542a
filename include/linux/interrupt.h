/* Drivers' interrupt API (Linux's names): request_irq/free_irq, enable/disable, per-cpu irqs. */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/irq.h>
#include <linux/irqflags.h>

typedef enum irqreturn {
	IRQ_NONE	= 0,
	IRQ_HANDLED	= 1,
} irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED		0x00000080	/* several devices on one line */
#define IRQF_PERCPU		0x00000400	/* set by request_percpu_irq */
#define IRQF_TIMER		0x00000200	/* the tick: never threaded, never shared */

/* One handler on an irq; lives in a static pool (no allocator in irq set-up yet). */
struct irqaction {
	irq_handler_t handler;
	void *dev_id;			/* request_irq's cookie, free_irq's key */
	struct irqaction *next;		/* next handler on a shared line */
	unsigned int irq;
	unsigned int flags;		/* IRQF_* */
	const char *name;		/* shown in /proc/interrupts */
};

/*
 * request_irq - install handler on irq and unmask it
 * Return: 0; -EINVAL for an unmapped or per-cpu irq, no handler, or a shared request
 * without dev_id; -EBUSY when irq has a handler and either request is not IRQF_SHARED;
 * -ENOMEM when the action pool is empty. Context: may not be called from an irq handler.
 */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);
/* Removes the action of dev_id from irq (masking it when it was the last); returns its
 * name, or NULL (with a warning) when there was none. */
const void *free_irq(unsigned int irq, void *dev_id);
/* disable_irq nests: the line is unmasked again by as many enable_irq calls. */
void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void enable_irq(unsigned int irq);

/*
 * Per-cpu irqs (PPIs, SGIs): one action for all cpus, each cpu enables its own line with
 * enable_percpu_irq (on itself). percpu_dev_id is a per-cpu variable (or NULL): the
 * handler gets the running cpu's instance of it.
 */
int request_percpu_irq(unsigned int irq, irq_handler_t handler, const char *name,
		       void *percpu_dev_id);
void free_percpu_irq(unsigned int irq, void *percpu_dev_id);
void enable_percpu_irq(unsigned int irq, unsigned int type);
void disable_percpu_irq(unsigned int irq);

#endif
