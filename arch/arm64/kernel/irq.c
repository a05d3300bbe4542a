/* arm64's interrupt set-up: init_IRQ probes the controller, which installs the root handler. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irq.h>
#include <linux/irqchip.h>
#include <linux/seq_file.h>
#include <asm/irq.h>

int __init set_handle_irq(void (*handle_irq)(struct pt_regs *regs))
{
	if (handle_arch_irq)
		return -EBUSY;
	handle_arch_irq = handle_irq;
	pr_info("Root IRQ handler: %ps\n", handle_irq);
	return 0;
}

void __init init_IRQ(void)
{
	early_irq_init();
	irqchip_init();
	if (!handle_arch_irq)
		panic("No interrupt controller found.");
}

/* Linux ends /proc/interrupts with the IPIs and the error count; IPIs come with SMP. */
int arch_show_interrupts(struct seq_file *p, int prec)
{
	seq_printf(p, "%*s: %10lu\n", prec, "Err", 0UL);
	return 0;
}
