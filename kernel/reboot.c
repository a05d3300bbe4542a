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
#include <linux/syscalls.h>
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

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_MAGIC2A		85072278
#define LINUX_REBOOT_MAGIC2B		369367448
#define LINUX_REBOOT_MAGIC2C		537993216
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC
#define LINUX_REBOOT_CMD_RESTART2	0xA1B2C3D4

/* Whether Ctrl-Alt-Del reboots at once (CAD_ON) or is sent to init as SIGINT (CAD_OFF). */
static int C_A_D = 1;

/* reboot(2), with Linux's magic numbers; everyone is root here. */
SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		kernel_restart(NULL);
		break;
	case LINUX_REBOOT_CMD_HALT:
		pr_emerg("System halted\n");
		machine_halt();
		break;
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off();
		break;
	case LINUX_REBOOT_CMD_CAD_ON:
		C_A_D = 1;
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		C_A_D = 0;
		return 0;
	}
	return -EINVAL;
}
