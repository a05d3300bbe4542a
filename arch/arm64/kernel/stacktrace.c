/*
 * The frame-pointer unwinder: every function stores (x29, x30) as a frame record and
 * points x29 at it, so the chain of records is the chain of callers. A record is only
 * followed while it lies on the same THREAD_SIZE-aligned kernel stack and moves up it.
 * It prints oops backtraces and walks a blocked task's stack (arch_stack_walk).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <asm/memory.h>
#include <asm/stacktrace.h>

static bool on_stack(unsigned long fp, unsigned long low)
{
	return fp >= low && fp + 16 <= low + THREAD_SIZE && !(fp & 7);
}

/* The return address of each record from fp up its stack, until consume_entry says stop. */
static void walk_frame_records(unsigned long fp, stack_trace_consume_fn consume_entry,
			       void *cookie)
{
	unsigned long low = ALIGN_DOWN(fp, THREAD_SIZE);
	int depth = 0;

	while (on_stack(fp, low) && depth++ < 64) {
		unsigned long next = ((unsigned long *)fp)[0];
		unsigned long lr = ((unsigned long *)fp)[1];

		if (!lr || !consume_entry(cookie, lr) || next <= fp)
			break;
		fp = next;
	}
}

void arch_stack_walk(stack_trace_consume_fn consume_entry, void *cookie,
		     struct task_struct *task, struct pt_regs *regs)
{
	unsigned long fp, pc;

	if (regs) {
		fp = regs->regs[29];
		pc = regs->pc;
	} else if (task == current) {
		fp = (unsigned long)__builtin_frame_address(0);
		pc = (unsigned long)arch_stack_walk;
	} else {
		fp = task->thread.cpu_context.fp;
		pc = task->thread.cpu_context.pc;
	}
	if (consume_entry(cookie, pc))
		walk_frame_records(fp, consume_entry, cookie);
}

/* %pB names the caller even when the call was its last instruction (noreturn). */
static bool print_frame(void *loglvl, unsigned long lr)
{
	printk("%s %pB\n", (const char *)loglvl, (void *)lr);
	return true;
}

void dump_backtrace(struct pt_regs *regs, const char *loglvl)
{
	unsigned long fp, pc;

	if (regs) {
		fp = regs->regs[29];
		pc = regs->pc;
	} else {
		fp = (unsigned long)__builtin_frame_address(0);
		pc = (unsigned long)dump_backtrace;
	}
	printk("%sCall trace:\n", loglvl);
	printk("%s %pS\n", loglvl, (void *)pc);
	walk_frame_records(fp, print_frame, (void *)loglvl);
}
