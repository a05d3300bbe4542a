/* Ending a run: power off, restart, halt. */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>

void __noreturn kernel_power_off(void);
void __noreturn kernel_restart(const char *cmd);
void __noreturn machine_power_off(void);
void __noreturn machine_restart(const char *cmd);
/* Stops this cpu for good, interrupts off. */
void __noreturn machine_halt(void);

#endif
