/*
 * Drivers' side of interrupts (Linux's manage.c): request_irq/free_irq attach and detach
 * handlers, enable_irq/disable_irq mask a line with nesting, and the per-cpu forms for
 * PPIs and SGIs. Handlers are struct irqaction from a static pool.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/irqdesc.h>
#include <linux/string.h>

#define NR_IRQ_ACTIONS	(2 * NR_IRQS)

static struct irqaction action_pool[NR_IRQ_ACTIONS];
/*
 * Guards action_pool (a slot is free while its handler is NULL). Taken inside desc->lock,
 * which interrupts take: so never with interrupts on (lockdep: HARDIRQ-safe -> unsafe).
 */
static DEFINE_SPINLOCK(action_pool_lock);

static struct irqaction *alloc_action(void)
{
	struct irqaction *a = NULL;

	spin_lock(&action_pool_lock);
	for (int i = 0; i < NR_IRQ_ACTIONS && !a; i++)
		if (!action_pool[i].handler)
			a = &action_pool[i];
	if (a)
		a->handler = (irq_handler_t)1;	/* taken; the caller fills it in */
	spin_unlock(&action_pool_lock);
	return a;
}

static void free_action(struct irqaction *a)
{
	unsigned long flags;

	spin_lock_irqsave(&action_pool_lock, flags);
	memset(a, 0, sizeof(*a));
	spin_unlock_irqrestore(&action_pool_lock, flags);
}

/* Adds an action to desc (desc->lock held); unmasks the line for the first one. */
static int __setup_irq(struct irq_desc *desc, irq_handler_t handler, unsigned long flags,
		       const char *name, void *dev_id)
{
	struct irqaction *old = desc->action, *a;

	if (old && (!(old->flags & flags & IRQF_SHARED)))
		return -EBUSY;
	a = alloc_action();
	if (!a)
		return -ENOMEM;
	*a = (struct irqaction){ .handler = handler, .dev_id = dev_id, .flags = flags,
				 .name = name, .irq = desc->irq_data.irq };
	if (!old) {
		WRITE_ONCE(desc->action, a);
		return 0;
	}
	while (old->next)
		old = old->next;
	WRITE_ONCE(old->next, a);
	return 0;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long irqflags;
	int ret;

	if (!desc || !(desc->status & IRQ_MAPPED) || (desc->status & IRQ_PER_CPU_DEVID))
		return -EINVAL;
	if (!handler || ((flags & IRQF_SHARED) && !dev_id))
		return -EINVAL;
	spin_lock_irqsave(&desc->lock, irqflags);
	ret = __setup_irq(desc, handler, flags & ~IRQF_PERCPU, name, dev_id);
	if (!ret && desc->action->next == NULL && desc->depth) {
		desc->depth = 0;
		desc->irq_data.chip->irq_unmask(&desc->irq_data);
	}
	spin_unlock_irqrestore(&desc->lock, irqflags);
	return ret;
}

/* Unlinks dev_id's action (desc->lock held); NULL when there is none. */
static struct irqaction *__unlink_action(struct irq_desc *desc, void *dev_id)
{
	struct irqaction **pp = &desc->action;

	for (; *pp; pp = &(*pp)->next) {
		struct irqaction *a = *pp;

		if (a->dev_id == dev_id) {
			WRITE_ONCE(*pp, a->next);
			return a;
		}
	}
	return NULL;
}

/* Waits until no cpu runs desc's actions (never call it from one of them). */
static void synchronize_irq_desc(struct irq_desc *desc)
{
	while (READ_ONCE(desc->status) & IRQ_INPROGRESS)
		cpu_relax();
}

static struct irqaction *__free_irq(struct irq_desc *desc, void *dev_id)
{
	unsigned long flags;
	struct irqaction *a;

	spin_lock_irqsave(&desc->lock, flags);
	a = __unlink_action(desc, dev_id);
	if (a && !desc->action && !(desc->status & IRQ_PER_CPU_DEVID)) {
		desc->irq_data.chip->irq_mask(&desc->irq_data);
		desc->depth = 1;
	}
	spin_unlock_irqrestore(&desc->lock, flags);
	if (!a)
		pr_warn("Trying to free already-free IRQ %u\n", desc->irq_data.irq);
	return a;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *a;
	const char *name;

	if (!desc || (desc->status & IRQ_PER_CPU_DEVID))
		return NULL;
	a = __free_irq(desc, dev_id);
	if (!a)
		return NULL;
	synchronize_irq_desc(desc);
	name = a->name;
	free_action(a);
	return name;
}

void disable_irq_nosync(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;

	if (!desc || !(desc->status & IRQ_MAPPED))
		return;
	spin_lock_irqsave(&desc->lock, flags);
	if (!desc->depth++)
		desc->irq_data.chip->irq_mask(&desc->irq_data);
	spin_unlock_irqrestore(&desc->lock, flags);
}

void disable_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	disable_irq_nosync(irq);
	if (desc)
		synchronize_irq_desc(desc);
}

void enable_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;

	if (!desc || !(desc->status & IRQ_MAPPED))
		return;
	spin_lock_irqsave(&desc->lock, flags);
	if (!desc->depth)
		pr_warn("Unbalanced enable for IRQ %u\n", irq);
	else if (!--desc->depth && desc->action)
		desc->irq_data.chip->irq_unmask(&desc->irq_data);
	spin_unlock_irqrestore(&desc->lock, flags);
}

int request_percpu_irq(unsigned int irq, irq_handler_t handler, const char *name,
		       void *percpu_dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;
	int ret;

	if (!desc || !(desc->status & IRQ_PER_CPU_DEVID) || !handler)
		return -EINVAL;
	spin_lock_irqsave(&desc->lock, flags);
	ret = __setup_irq(desc, handler, IRQF_PERCPU, name, percpu_dev_id);
	spin_unlock_irqrestore(&desc->lock, flags);
	return ret;
}

void free_percpu_irq(unsigned int irq, void *percpu_dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *a;

	if (!desc || !(desc->status & IRQ_PER_CPU_DEVID))
		return;
	if (desc->percpu_enabled)
		pr_warn("percpu IRQ %u still enabled on CPU mask %#x!\n", irq,
			desc->percpu_enabled);
	a = __free_irq(desc, percpu_dev_id);
	if (a)
		free_action(a);
}

/* Unmasks the per-cpu irq on the calling cpu, setting its trigger type first if given. */
void enable_percpu_irq(unsigned int irq, unsigned int type)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irq_data *d;
	unsigned long flags;

	if (!desc || !(desc->status & IRQ_PER_CPU_DEVID))
		return;
	d = &desc->irq_data;
	spin_lock_irqsave(&desc->lock, flags);
	type &= IRQ_TYPE_SENSE_MASK;
	if (type != IRQ_TYPE_NONE && d->chip->irq_set_type && !d->chip->irq_set_type(d, type))
		d->type = type;
	d->chip->irq_unmask(d);
	desc->percpu_enabled |= 1U << smp_processor_id();
	spin_unlock_irqrestore(&desc->lock, flags);
}

void disable_percpu_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;

	if (!desc || !(desc->status & IRQ_PER_CPU_DEVID))
		return;
	spin_lock_irqsave(&desc->lock, flags);
	desc->irq_data.chip->irq_mask(&desc->irq_data);
	desc->percpu_enabled &= ~(1U << smp_processor_id());
	spin_unlock_irqrestore(&desc->lock, flags);
}

int irq_set_irqchip_state(unsigned int irq, int which, bool state)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irq_chip *chip;

	if (!desc || !(desc->status & IRQ_MAPPED))
		return -EINVAL;
	chip = desc->irq_data.chip;
	if (!chip->irq_set_irqchip_state)
		return -EINVAL;
	return chip->irq_set_irqchip_state(&desc->irq_data, which, state);
}
