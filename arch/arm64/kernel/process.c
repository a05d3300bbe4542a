/*
 * The architecture's side of tasks: the registers a new task starts with (copy_thread),
 * and the switch from one task to another (__switch_to): TLS register, FP/SIMD state,
 * the per-cpu __entry_task that entry.S makes current on an exception from EL0, and
 * the callee-saved registers (cpu_switch_to).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/stacktrace.h>
#include <asm/fpsimd.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>

void ret_from_fork(void);
struct task_struct *cpu_switch_to(struct task_struct *prev, struct task_struct *next);

/* The task running on this cpu, for entry.S to put in SP_EL0 on entry from EL0. */
DEFINE_PER_CPU(struct task_struct *, __entry_task);

/*
 * Every task has its user register frame at the top of its stack (task_pt_regs), and
 * starts in ret_from_fork with sp just below it (fp = 0 ends the unwinder's chain). A
 * kernel thread runs fn(arg) from x19/x20; a user child (x19 = 0) returns to user space
 * with its parent's registers, x0 = 0, and the stack and TLS that clone asked for.
 */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct pt_regs *childregs = task_pt_regs(p);

	memset(&p->thread.cpu_context, 0, sizeof(p->thread.cpu_context));
	if (args->fn) {
		memset(childregs, 0, sizeof(*childregs));
		childregs->pstate = PSR_MODE_EL1h;
		p->thread.cpu_context.x19 = (unsigned long)args->fn;
		p->thread.cpu_context.x20 = (unsigned long)args->fn_arg;
	} else {
		*childregs = *current_pt_regs();
		childregs->regs[0] = 0;
		if (args->stack)
			childregs->sp = args->stack;
		p->thread.uw.tp_value = read_sysreg(tpidr_el0);
		if (args->flags & CLONE_SETTLS)
			p->thread.uw.tp_value = args->tls;
	}
	p->thread.cpu_context.pc = (unsigned long)ret_from_fork;
	p->thread.cpu_context.sp = (unsigned long)childregs;
	return 0;
}

static void tls_thread_switch(struct task_struct *next)
{
	current->thread.uw.tp_value = read_sysreg(tpidr_el0);
	write_sysreg(next->thread.uw.tp_value, tpidr_el0);
}

/* Returns the task that ran on this cpu before current (prev, seen from next's side). */
struct task_struct *__sched __switch_to(struct task_struct *prev, struct task_struct *next)
{
	fpsimd_thread_switch(next);
	tls_thread_switch(next);
	__this_cpu_write(__entry_task, next);
	/* Stores of prev must be visible before another cpu may run prev (on_cpu = 0 later). */
	dsb(ish);
	return cpu_switch_to(prev, next);
}

/* The first return address outside the scheduler's functions. */
static bool get_wchan_cb(void *arg, unsigned long pc)
{
	unsigned long *p = arg;

	if (in_sched_functions(pc))
		return true;
	*p = pc;
	return false;
}

unsigned long __get_wchan(struct task_struct *p)
{
	unsigned long pc = 0;

	arch_stack_walk(get_wchan_cb, &pc, p, NULL);
	return pc;
}
