/*
 * The frame-pointer unwinder: every function stores (x29, x30) as a frame record and
 * points x29 at it, so the chain of records is the chain of callers. A record is only
 * followed while it lies on the same THREAD_SIZE-aligned kernel stack and moves up it.
 */
#include <linux/kernel.h>
#include <asm/memory.h>
#include <asm/stacktrace.h>

static bool on_stack(unsigned long fp, unsigned long low)
{
	return fp >= low && fp + 16 <= low + THREAD_SIZE && !(fp & 7);
}

void dump_backtrace(struct pt_regs *regs, const char *loglvl)
{
	unsigned long fp, pc, low;
	int depth = 0;

	if (regs) {
		fp = regs->regs[29];
		pc = regs->pc;
	} else {
		fp = (unsigned long)__builtin_frame_address(0);
		pc = (unsigned long)dump_backtrace;
	}
	low = ALIGN_DOWN(fp, THREAD_SIZE);
	printk("%sCall trace:\n", loglvl);
	printk("%s %pS\n", loglvl, (void *)pc);
	while (on_stack(fp, low) && depth++ < 64) {
		unsigned long next = ((unsigned long *)fp)[0];
		unsigned long lr = ((unsigned long *)fp)[1];

		if (!lr)
			break;
		/* %pB names the caller even when the call was its last instruction (noreturn). */
		printk("%s %pB\n", loglvl, (void *)lr);
		if (next <= fp)
			break;
		fp = next;
	}
}
