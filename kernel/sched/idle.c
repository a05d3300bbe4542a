/*
 * The idle loop (Linux's kernel/sched/idle.c): what each cpu's idle task runs when no
 * other task is runnable there. It waits for an interrupt with WFI and schedules as
 * soon as a wake-up or the tick set TIF_NEED_RESCHED.
 */
#include <linux/kernel.h>
#include <asm/sysreg.h>
#include "sched.h"

/*
 * Called with irqs off, returns with them on. WFI wakes on a pending interrupt even while
 * it is masked, so a wake-up IPI that arrives between the need_resched check and the WFI
 * is not lost: the WFI returns at once and the interrupt is taken when irqs come on.
 */
static void arch_cpu_idle(void)
{
	dsb(sy);
	wfi();
	local_irq_enable();
}

static void do_idle(void)
{
	while (!need_resched()) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			break;
		}
		arch_cpu_idle();
	}
	schedule_idle();
}

void __noreturn cpu_startup_entry(void)
{
	for (;;)
		do_idle();
}
