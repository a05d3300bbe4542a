/* Host build: current is the test's one thread, a task named "ktest" (tests/host/ktest.c). */
#ifndef _ASM_CURRENT_H
#define _ASM_CURRENT_H

struct task_struct;

struct task_struct *get_current(void);

#define current get_current()

#endif
