/*
 * kernel_power_off and kernel_restart: the other cpus stop, the log is flushed, then the
 * firmware (PSCI) is asked.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/irqflags.h>
#include <linux/psci.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <asm/sysreg.h>

void machine_halt(void)
{
	local_irq_disable();
	smp_send_stop();
	for (;;)
		wfi();
}

void machine_power_off(void)
{
	local_irq_disable();
	smp_send_stop();
	psci_system_off();
}

void machine_restart(const char *cmd)
{
	local_irq_disable();
	smp_send_stop();
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
