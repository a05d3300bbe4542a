/*
 * The system call path from SVC at EL0: the number in x8, arguments in x0..x5, the
 * result back in x0 (el0_svc_common, invoke_syscall, as Linux arm64). orig_x0 keeps the
 * first argument for a restarted call, syscallno the number (-1: not in a syscall).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <uapi/asm-generic/unistd.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>

static void invoke_syscall(struct pt_regs *regs, unsigned int scno)
{
	long ret;

	if (scno < __NR_syscalls)
		ret = sys_call_table[scno](regs);
	else
		ret = __arm64_sys_ni_syscall(regs);
	regs->regs[0] = ret;
}

/* From el0_svc with interrupts masked; runs the call with them on. */
void do_el0_svc(struct pt_regs *regs)
{
	regs->orig_x0 = regs->regs[0];
	regs->syscallno = regs->regs[8];
	local_irq_enable();
	invoke_syscall(regs, (unsigned int)regs->regs[8]);
}
