/* The scheduler's functions as a sleeping task's stack shows them (Linux's sched/debug.h). */
#ifndef _LINUX_SCHED_DEBUG_H
#define _LINUX_SCHED_DEBUG_H

#include <linux/compiler.h>

struct task_struct;

/* Functions a task sleeps in on its way to __schedule: get_wchan looks past them. */
#define __sched		__section(".sched.text")

/* Whether addr lies in a __sched function. */
int in_sched_functions(unsigned long addr);
/*
 * The address a blocked task waits at, outside the scheduler's functions; 0 for a task
 * that is running or about to (Linux's get_wchan). Context: takes p->pi_lock.
 */
unsigned long get_wchan(struct task_struct *p);
/* The arch's walk behind it: p blocked and kept so by the caller (pi_lock held). */
unsigned long __get_wchan(struct task_struct *p);

#endif
