/*
 * current: the task running on this cpu, kept in SP_EL0 while in the kernel (as Linux
 * arm64 does). head.S installs init_task before start_kernel; a secondary cpu installs
 * its idle task before any C code; cpu_switch_to installs next.
 */
#ifndef _ASM_CURRENT_H
#define _ASM_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

/*
 * Not volatile: within one task the value never changes (a task that is switched out
 * and back finds itself again), so the compiler may keep it in a register.
 */
static __always_inline struct task_struct *get_current(void)
{
	unsigned long sp_el0;

	__asm__ ("mrs %0, sp_el0" : "=r" (sp_el0));
	return (struct task_struct *)sp_el0;
}

#define current get_current()

#endif
