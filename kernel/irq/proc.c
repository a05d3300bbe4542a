/* /proc/interrupts in Linux 6.1's columns (show_interrupts), into a seq_file buffer. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irqdesc.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>

static void show_irq_chip(struct seq_file *p, struct irq_desc *desc, int prec)
{
	struct irq_data *d = &desc->irq_data;

	if (!d->chip)
		seq_printf(p, " %8s", "None");
	else if (d->chip->irq_print_chip)
		d->chip->irq_print_chip(d, p);
	else
		seq_printf(p, " %8s", d->chip->name ? d->chip->name : "-");
	if (d->domain)
		seq_printf(p, " %*lu", prec, d->hwirq);
	else
		seq_printf(p, " %*s", prec, "");
	seq_printf(p, " %-8s", d->type & IRQ_TYPE_LEVEL_MASK ? "Level" : "Edge");
	if (desc->name)
		seq_printf(p, "-%-8s", desc->name);
}

static void show_one_irq(struct seq_file *p, unsigned int irq, int prec)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned int cpu, any = 0;

	for_each_online_cpu(cpu)
		any |= kstat_irqs_cpu(irq, cpu);
	if ((desc->status & IRQ_HIDDEN) || (!desc->action && !any))
		return;
	seq_printf(p, "%*u: ", prec, irq);
	for_each_online_cpu(cpu)
		seq_printf(p, "%10u ", kstat_irqs_cpu(irq, cpu));
	show_irq_chip(p, desc, prec);
	if (desc->action) {
		seq_printf(p, "  %s", desc->action->name);
		for (struct irqaction *a = desc->action->next; a; a = a->next)
			seq_printf(p, ", %s", a->name);
	}
	seq_putc(p, '\n');
}

/* Linux's layout: prec is the width of the largest irq number, at least 3. */
int show_interrupts(struct seq_file *p, void *v)
{
	unsigned int cpu;
	int prec = 3;

	for (int n = NR_IRQS; n >= 1000; n /= 10)
		prec++;
	seq_printf(p, "%*s", prec + 8, "");
	for_each_online_cpu(cpu)
		seq_printf(p, "CPU%-8u", cpu);
	seq_putc(p, '\n');
	for (unsigned int irq = 1; irq < NR_IRQS; irq++)
		show_one_irq(p, irq, prec);
	return arch_show_interrupts(p, prec);
}
