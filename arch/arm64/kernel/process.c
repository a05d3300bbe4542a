/*
 * The architecture's side of tasks: the registers a new kernel thread starts with
 * (copy_thread), and the switch from one task to another (__switch_to).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched.h>

void ret_from_fork(void);
struct task_struct *cpu_switch_to(struct task_struct *prev, struct task_struct *next);

/*
 * A new kernel thread starts in ret_from_fork on an empty stack with fn in x19 and arg
 * in x20; fp = 0 ends the unwinder's frame chain there.
 */
int copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	memset(&p->thread.cpu_context, 0, sizeof(p->thread.cpu_context));
	p->thread.cpu_context.x19 = (unsigned long)fn;
	p->thread.cpu_context.x20 = (unsigned long)arg;
	p->thread.cpu_context.pc = (unsigned long)ret_from_fork;
	p->thread.cpu_context.sp = (unsigned long)p->stack + THREAD_SIZE;
	return 0;
}

/* Returns the task that ran on this cpu before current (prev, seen from next's side). */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	/* Stores of prev must be visible before another cpu may run prev (on_cpu = 0 later). */
	dsb(ish);
	return cpu_switch_to(prev, next);
}
