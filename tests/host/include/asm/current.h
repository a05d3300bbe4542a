/*
 * Host build of include/asm/current.h: a host test is one thread, so current is always
 * the same task, init_task, which the test that uses current defines.
 */
#ifndef _HOST_ASM_CURRENT_H
#define _HOST_ASM_CURRENT_H

struct task_struct;
extern struct task_struct init_task;

#define current (&init_task)

#endif
