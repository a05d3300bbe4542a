/*
 * Low-level task state that entry code and the preemption checks read: the first member
 * of struct task_struct, so current (SP_EL0) is also current_thread_info().
 */
#ifndef _ASM_THREAD_INFO_H
#define _ASM_THREAD_INFO_H

/* Offsets for entry.S and cpu_switch_to (checked in sched.h). */
#define TSK_TI_FLAGS		0
#define TSK_TI_TTBR0		16
#define THREAD_CPU_CONTEXT	32	/* thread_struct is 16-byte aligned (FP registers) */

#define TIF_SIGPENDING		0	/* a signal is pending: do_signal on return to user */
#define TIF_NEED_RESCHED	1	/* rescheduling necessary */
#define TIF_NOTIFY_RESUME	2	/* callback before returning to user */
#define _TIF_SIGPENDING		(1UL << TIF_SIGPENDING)
#define _TIF_NEED_RESCHED	(1UL << TIF_NEED_RESCHED)
#define _TIF_NOTIFY_RESUME	(1UL << TIF_NOTIFY_RESUME)
/* What exit_to_user_mode must deal with before the registers go back to user space. */
#define _TIF_WORK_MASK		(_TIF_SIGPENDING | _TIF_NEED_RESCHED | _TIF_NOTIFY_RESUME)

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <asm/current.h>

/*
 * flags: TIF_* bits, set by any cpu (atomic bit operations), cleared by the owner.
 * preempt_count: only the task itself changes it (it is per task, so a migrated task
 * takes its count along). cpu: the task's cpu, written by set_task_cpu under the rules
 * of kernel/sched/core.c. ttbr0: with software PAN, the TTBR0 value (user pgd and ASID)
 * that uaccess and the return to user space install, 0 without a user mm; written by
 * the task's own cpu with interrupts off when it switches mm (check_and_switch_context).
 */
struct thread_info {
	unsigned long flags;
	int preempt_count;
	unsigned int cpu;
	u64 ttbr0;
};

#define INIT_THREAD_INFO(tsk)	{ .flags = 0, .preempt_count = 1, .cpu = 0, .ttbr0 = 0 }

static __always_inline struct thread_info *current_thread_info(void)
{
	return (struct thread_info *)current;
}

static inline void set_ti_thread_flag(struct thread_info *ti, int flag)
{
	__atomic_fetch_or(&ti->flags, 1UL << flag, __ATOMIC_RELAXED);
}

static inline void clear_ti_thread_flag(struct thread_info *ti, int flag)
{
	__atomic_fetch_and(&ti->flags, ~(1UL << flag), __ATOMIC_RELAXED);
}

static inline bool test_ti_thread_flag(struct thread_info *ti, int flag)
{
	return (READ_ONCE(ti->flags) >> flag) & 1;
}

#define set_thread_flag(flag)	set_ti_thread_flag(current_thread_info(), flag)
#define clear_thread_flag(flag)	clear_ti_thread_flag(current_thread_info(), flag)
#define test_thread_flag(flag)	test_ti_thread_flag(current_thread_info(), flag)
#endif

#endif
