/*
 * Flow handlers: what happens between the root handler finding a Linux irq and the
 * controller's end-of-interrupt (Linux's handle.c and chip.c). Runs with irqs masked on
 * this cpu, in the el1 irq exception.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>

bool irq_set_chip_and_handler_data(unsigned int irq, struct irq_chip *chip, void *data,
				   irq_flow_handler_t handle)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return false;
	desc->irq_data.chip = chip;
	desc->irq_data.chip_data = data;
	desc->handle_irq = handle;
	desc->name = NULL;
	desc->depth = 1;		/* masked until a handler is requested */
	desc->status |= IRQ_MAPPED;
	return true;
}

void irq_set_percpu_devid(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (desc)
		desc->status |= IRQ_PER_CPU_DEVID;
}

void irq_set_hidden(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (desc)
		desc->status |= IRQ_HIDDEN;
}

/* Every action on a shared line sees every interrupt; each says whether it was its device's. */
int handle_irq_event(struct irq_desc *desc)
{
	int ret = IRQ_NONE;

	for (struct irqaction *a = READ_ONCE(desc->action); a; a = a->next)
		ret |= a->handler(desc->irq_data.irq, a->dev_id);
	return ret;
}

/*
 * handle_fasteoi_irq - an SPI: one cpu at a time, eoi once the actions ran. A line that is
 * disabled or has no action is masked and left for enable_irq.
 */
void handle_fasteoi_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	spin_lock(&desc->lock);
	__this_cpu_inc(*desc->kstat_irqs);
	if (!desc->action || desc->depth) {
		chip->irq_mask(&desc->irq_data);
		goto out;
	}
	desc->status |= IRQ_INPROGRESS;
	spin_unlock(&desc->lock);
	handle_irq_event(desc);
	spin_lock(&desc->lock);
	desc->status &= ~IRQ_INPROGRESS;
out:
	chip->irq_eoi(&desc->irq_data);
	spin_unlock(&desc->lock);
}

/*
 * handle_percpu_devid_irq - a PPI or SGI: each cpu has its own line and enable bit, so no
 * lock; the single action gets this cpu's instance of its per-cpu dev_id. A line nobody
 * claimed is masked on this cpu.
 */
void handle_percpu_devid_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;
	struct irqaction *action = READ_ONCE(desc->action);

	__this_cpu_inc(*desc->kstat_irqs);
	if (action)
		action->handler(desc->irq_data.irq,
				action->dev_id ? raw_cpu_ptr(action->dev_id) : NULL);
	else
		chip->irq_mask(&desc->irq_data);
	chip->irq_eoi(&desc->irq_data);
}
