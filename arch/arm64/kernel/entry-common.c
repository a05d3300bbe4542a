/*
 * C side of the exception vectors (entry.S): one handler per vector, named as Linux
 * names them. Synchronous exceptions are sorted by ESR class; interrupts go to the
 * irq chip's handler once one is registered.
 */
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <asm/esr.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>

void __noreturn __panic_unhandled(struct pt_regs *regs, const char *vector, unsigned long esr);
void __noreturn do_el1_undef(struct pt_regs *regs, unsigned long esr);
void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs);

/* Set by the interrupt controller driver (set_handle_irq). */
void (*handle_arch_irq)(struct pt_regs *regs);

void el1h_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_CUR:
	case ESR_ELx_EC_IABT_CUR:
		do_mem_abort(read_sysreg(far_el1), esr, regs);
		break;
	case ESR_ELx_EC_UNKNOWN:
	case ESR_ELx_EC_SYS64:
	case ESR_ELx_EC_ILL:
		do_el1_undef(regs, esr);
	default:
		__panic_unhandled(regs, "64-bit el1h sync", esr);
	}
}

/*
 * On the way out of an interrupt taken in the kernel: switch away from the interrupted
 * task if the tick or a wake-up asked for it and the task is preemptible (count 0).
 */
static void arm64_preempt_schedule_irq(void)
{
	if (READ_ONCE(current_thread_info()->preempt_count) == 0 && need_resched())
		preempt_schedule_irq();
}

/* The handler runs with HARDIRQ_OFFSET in preempt_count: in_interrupt() is true there. */
void el1h_64_irq_handler(struct pt_regs *regs)
{
	if (!handle_arch_irq)
		__panic_unhandled(regs, "64-bit el1h irq", read_sysreg(esr_el1));
	preempt_count_add(HARDIRQ_OFFSET);
	handle_arch_irq(regs);
	preempt_count_sub(HARDIRQ_OFFSET);
	arm64_preempt_schedule_irq();
}

#define UNHANDLED(elht, regsize, vector, name)				\
void el##elht##_##regsize##_##vector##_handler(struct pt_regs *regs)	\
{									\
	__panic_unhandled(regs, name, read_sysreg(esr_el1));		\
}

UNHANDLED(1t, 64, sync, "64-bit el1t sync")
UNHANDLED(1t, 64, irq, "64-bit el1t irq")
UNHANDLED(1t, 64, fiq, "64-bit el1t fiq")
UNHANDLED(1t, 64, error, "64-bit el1t error")
UNHANDLED(1h, 64, fiq, "64-bit el1h fiq")
UNHANDLED(1h, 64, error, "64-bit el1h error")
UNHANDLED(0t, 64, sync, "64-bit el0t sync")
UNHANDLED(0t, 64, irq, "64-bit el0t irq")
UNHANDLED(0t, 64, fiq, "64-bit el0t fiq")
UNHANDLED(0t, 64, error, "64-bit el0t error")
UNHANDLED(0t, 32, sync, "32-bit el0t sync")
UNHANDLED(0t, 32, irq, "32-bit el0t irq")
UNHANDLED(0t, 32, fiq, "32-bit el0t fiq")
UNHANDLED(0t, 32, error, "32-bit el0t error")
