/* arm64's interrupt set-up: init_IRQ probes the controller, which installs the root handler. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irq.h>
#include <linux/irqchip.h>
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
