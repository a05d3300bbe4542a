/*
 * The irq descriptor table (NR_IRQS static struct irq_desc) and linear irq domains, which
 * turn a controller's hwirq into a Linux irq number: Linux's irqdesc.c and irqdomain.c,
 * without sparse irqs or hierarchies.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>

static struct irq_desc irq_desc[NR_IRQS];
/* Guards the allocation of descriptors (next_free_irq) and domain revmaps. */
static DEFINE_SPINLOCK(sparse_irq_lock);
/* Linux irq 0 means "none", so numbers start at 1, in allocation order as Linux's do. */
static unsigned int next_free_irq = 1;

struct irq_domain *irq_default_domain;

void __init early_irq_init(void)
{
	pr_info("NR_IRQS: %d, nr_irqs: %d, preallocated irqs: %d\n", NR_IRQS, NR_IRQS, 0);
	for (unsigned int i = 0; i < NR_IRQS; i++) {
		irq_desc[i].irq_data.irq = i;
		spin_lock_init(&irq_desc[i].lock);
		irq_desc[i].kstat_irqs = alloc_percpu(unsigned int);
		if (!irq_desc[i].kstat_irqs)
			panic("early_irq_init: no per-cpu counters for irq %u\n", i);
	}
}

struct irq_desc *irq_to_desc(unsigned int irq)
{
	return irq && irq < NR_IRQS ? &irq_desc[irq] : NULL;
}

unsigned int kstat_irqs_cpu(unsigned int irq, int cpu)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc ? READ_ONCE(*per_cpu_ptr(desc->kstat_irqs, cpu)) : 0;
}

unsigned int irq_alloc_desc(void)
{
	unsigned long flags;
	unsigned int irq = 0;

	spin_lock_irqsave(&sparse_irq_lock, flags);
	if (next_free_irq < NR_IRQS)
		irq = next_free_irq++;
	spin_unlock_irqrestore(&sparse_irq_lock, flags);
	return irq;
}

void irq_domain_init_linear(struct irq_domain *d, const char *name, unsigned int size,
			    unsigned int *revmap, const struct irq_domain_ops *ops, void *data)
{
	d->name = name;
	d->ops = ops;
	d->host_data = data;
	d->hwirq_max = size;
	d->linear_revmap = revmap;
}

void irq_set_default_host(struct irq_domain *d)
{
	irq_default_domain = d;
}

unsigned int irq_find_mapping(struct irq_domain *d, unsigned long hwirq)
{
	if (!d || hwirq >= d->hwirq_max)
		return 0;
	return READ_ONCE(d->linear_revmap[hwirq]);
}

unsigned int irq_create_mapping(struct irq_domain *d, unsigned long hwirq)
{
	unsigned int irq = irq_find_mapping(d, hwirq);
	struct irq_desc *desc;

	if (irq || !d || hwirq >= d->hwirq_max)
		return irq;
	irq = irq_alloc_desc();
	if (!irq) {
		pr_err("irq: no free irq descriptor for hwirq %lu of %s\n", hwirq, d->name);
		return 0;
	}
	desc = irq_to_desc(irq);
	desc->irq_data.hwirq = hwirq;
	desc->irq_data.domain = d;
	if (d->ops->map(d, irq, hwirq))
		return 0;
	WRITE_ONCE(d->linear_revmap[hwirq], irq);
	return irq;
}

unsigned int irq_create_of_mapping(struct irq_domain *d, const u32 *spec, int cells)
{
	unsigned long hwirq;
	unsigned int type, irq;
	struct irq_desc *desc;

	if (!d || d->ops->translate(d, spec, cells, &hwirq, &type))
		return 0;
	irq = irq_create_mapping(d, hwirq);
	desc = irq_to_desc(irq);
	if (!desc)
		return 0;
	if (type != IRQ_TYPE_NONE && desc->irq_data.chip->irq_set_type &&
	    !desc->irq_data.chip->irq_set_type(&desc->irq_data, type))
		desc->irq_data.type = type;
	return irq;
}

int generic_handle_domain_irq(struct irq_domain *d, unsigned long hwirq)
{
	struct irq_desc *desc = irq_to_desc(irq_find_mapping(d, hwirq));

	if (!desc || !desc->handle_irq)
		return -EINVAL;
	desc->handle_irq(desc);
	return 0;
}
