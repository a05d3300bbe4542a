/*
 * C side of the exception vectors (entry.S): one handler per vector, named as Linux
 * names them. Synchronous exceptions are sorted by ESR class; interrupts go to the
 * irq chip's handler once one is registered. Every handler of an exception from EL0
 * ends in exit_to_user_mode: with interrupts masked, the work flags (reschedule,
 * signals) are dealt with until none is left, so nothing is missed between the check
 * and the ERET.
 */
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <asm/esr.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <linux/signal.h>

void __noreturn __panic_unhandled(struct pt_regs *regs, const char *vector, unsigned long esr);
void __noreturn do_el1_undef(struct pt_regs *regs, unsigned long esr);
void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs);
void do_el0_svc(struct pt_regs *regs);

/* Set by the interrupt controller driver (set_handle_irq). */
void (*handle_arch_irq)(struct pt_regs *regs);

DEFINE_PER_CPU(struct pt_regs *, __irq_regs);

/* The irq chip's handler with HARDIRQ_OFFSET counted and the interrupted regs published. */
static void do_interrupt_handler(struct pt_regs *regs)
{
	struct pt_regs *old_regs = set_irq_regs(regs);

	preempt_count_add(HARDIRQ_OFFSET);
	handle_arch_irq(regs);
	preempt_count_sub(HARDIRQ_OFFSET);
	set_irq_regs(old_regs);
}

/*
 * A kernel abort may be a uaccess routine's fault on user memory, which may sleep in
 * handle_mm_fault: interrupts come back on if the interrupted code had them on.
 */
static void el1_abort(struct pt_regs *regs, unsigned long esr)
{
	unsigned long far = read_sysreg(far_el1);

	if (!(regs->pstate & PSR_I_BIT))
		local_irq_enable();
	do_mem_abort(far, esr, regs);
	local_irq_disable();
}

void el1h_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_CUR:
	case ESR_ELx_EC_IABT_CUR:
		el1_abort(regs, esr);
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
	do_interrupt_handler(regs);
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
UNHANDLED(0t, 64, fiq, "64-bit el0t fiq")
UNHANDLED(0t, 64, error, "64-bit el0t error")
UNHANDLED(0t, 32, sync, "32-bit el0t sync")
UNHANDLED(0t, 32, irq, "32-bit el0t irq")
UNHANDLED(0t, 32, fiq, "32-bit el0t fiq")
UNHANDLED(0t, 32, error, "32-bit el0t error")

/* Interrupts masked: the flags are read and acted on until none asks for work. */
static void exit_to_user_mode(struct pt_regs *regs)
{
	unsigned long flags;

	local_irq_disable();
	flags = READ_ONCE(current_thread_info()->flags);
	while (flags & _TIF_WORK_MASK) {
		local_irq_enable();
		if (flags & _TIF_NEED_RESCHED)
			schedule();
		if (flags & _TIF_SIGPENDING)
			do_signal(regs);
		local_irq_disable();
		flags = READ_ONCE(current_thread_info()->flags);
	}
}

/* ret_from_fork's way into user space. */
void asm_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode(regs);
}

static void el0_svc(struct pt_regs *regs)
{
	do_el0_svc(regs);
	exit_to_user_mode(regs);
}

static void el0_abort(struct pt_regs *regs, unsigned long esr)
{
	unsigned long far = read_sysreg(far_el1);

	local_irq_enable();
	do_mem_abort(far, esr, regs);
	exit_to_user_mode(regs);
}

static void el0_signal(struct pt_regs *regs, unsigned long esr, int sig, int code,
		       unsigned long addr)
{
	local_irq_enable();
	arm64_force_sig_fault(sig, code, addr, esr, "unhandled exception");
	exit_to_user_mode(regs);
}

void el0t_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_SVC64:
		el0_svc(regs);
		break;
	case ESR_ELx_EC_DABT_LOW:
	case ESR_ELx_EC_IABT_LOW:
		el0_abort(regs, esr);
		break;
	case ESR_ELx_EC_SP_ALIGN:
		el0_signal(regs, esr, SIGBUS, BUS_ADRALN, regs->sp);
		break;
	case ESR_ELx_EC_PC_ALIGN:
		el0_signal(regs, esr, SIGBUS, BUS_ADRALN, read_sysreg(far_el1));
		break;
	case ESR_ELx_EC_BRK64:
		el0_signal(regs, esr, SIGTRAP, TRAP_BRKPT, regs->pc);
		break;
	case ESR_ELx_EC_SOFTSTP_LOW:
	case ESR_ELx_EC_BREAKPT_LOW:
	case ESR_ELx_EC_WATCHPT_LOW:
		el0_signal(regs, esr, SIGTRAP, TRAP_HWBKPT, regs->pc);
		break;
	default:
		el0_signal(regs, esr, SIGILL, ILL_ILLOPC, regs->pc);
		break;
	}
}

void el0t_64_irq_handler(struct pt_regs *regs)
{
	if (!handle_arch_irq)
		__panic_unhandled(regs, "64-bit el0t irq", read_sysreg(esr_el1));
	do_interrupt_handler(regs);
	exit_to_user_mode(regs);
}
