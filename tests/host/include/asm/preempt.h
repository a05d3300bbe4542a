/*
 * Host build of asm/preempt.h: a host test is one thread, so one count (host_preempt_count,
 * in ktest.c) stands for the task's; each spinlock held adds one, as in the kernel, so
 * in_atomic() and might_sleep see them. There is no scheduler: nothing ever needs one.
 */
#ifndef _ASM_PREEMPT_H
#define _ASM_PREEMPT_H

#include <linux/types.h>

extern int host_preempt_count;

static inline int preempt_count(void) { return host_preempt_count; }
static inline void preempt_count_add(int val) { host_preempt_count += val; }
static inline void preempt_count_sub(int val) { host_preempt_count -= val; }
static inline bool need_resched(void) { return false; }

#endif
