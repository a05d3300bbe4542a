/*
 * preempt_count: the per-task count of reasons the task may not be switched away from
 * (Linux's layout). Bits 0-7 count preempt_disable (each spinlock held is one), bits
 * 8-15 softirq, bits 16-19 hardirq nesting (the irq entry adds HARDIRQ_OFFSET).
 * preempt_enable reschedules when the count drops to 0 and TIF_NEED_RESCHED is set.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <asm/preempt.h>

#define PREEMPT_BITS		8
#define SOFTIRQ_BITS		8
#define HARDIRQ_BITS		4
#define PREEMPT_SHIFT		0
#define SOFTIRQ_SHIFT		(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT		(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define PREEMPT_MASK		(((1 << PREEMPT_BITS) - 1) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK		(((1 << SOFTIRQ_BITS) - 1) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK		(((1 << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT)
#define PREEMPT_OFFSET		(1 << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET		(1 << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET		(1 << HARDIRQ_SHIFT)
/* The count of a task inside schedule(): schedule's own preempt_disable. */
#define PREEMPT_DISABLE_OFFSET	PREEMPT_OFFSET

#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define in_hardirq()		(hardirq_count())
#define in_interrupt()		(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK))
#define in_task()		(!in_interrupt())
/* Atomic: anything that forbids sleeping and is counted (irqs off is checked apart). */
#define in_atomic()		(preempt_count() != 0)

/* kernel/sched/core.c: schedule if needed, from preempt_enable at count 0, irqs on. */
void preempt_schedule(void);

#define preempt_disable() do { preempt_count_add(1); barrier(); } while (0)
#define preempt_enable_no_resched() do { barrier(); preempt_count_sub(1); } while (0)
#define preempt_enable() do {						\
	barrier();							\
	preempt_count_sub(1);						\
	if (unlikely(preempt_count() == 0 && need_resched()))		\
		preempt_schedule();					\
} while (0)

#endif
