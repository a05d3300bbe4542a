/*
 * The preempt_count accessors (Linux's asm/preempt.h): the count lives in thread_info,
 * so each task carries its own. linux/preempt.h builds preempt_disable and the context
 * tests (in_hardirq, in_atomic) on these.
 */
#ifndef _ASM_PREEMPT_H
#define _ASM_PREEMPT_H

#include <linux/compiler.h>
#include <asm/thread_info.h>

static __always_inline int preempt_count(void)
{
	return READ_ONCE(current_thread_info()->preempt_count);
}

/* Only the task itself changes its count, so a plain add is enough. */
static __always_inline void preempt_count_add(int val)
{
	current_thread_info()->preempt_count += val;
}

static __always_inline void preempt_count_sub(int val)
{
	current_thread_info()->preempt_count -= val;
}

static __always_inline bool need_resched(void)
{
	return test_thread_flag(TIF_NEED_RESCHED);
}

#endif
