/* kernel_power_off and kernel_restart: flush the log, then ask the firmware (PSCI). */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/irqflags.h>
#include <linux/psci.h>
#include <linux/reboot.h>
#include <asm/sysreg.h>

void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		wfi();
}

void machine_power_off(void)
{
	local_irq_disable();
	psci_system_off();
}

void machine_restart(const char *cmd)
{
	local_irq_disable();
	psci_system_reset();
}

void kernel_power_off(void)
{
	pr_emerg("reboot: Power down\n");
	machine_power_off();
}

void kernel_restart(const char *cmd)
{
	pr_emerg("reboot: Restarting system\n");
	machine_restart(cmd);
}
