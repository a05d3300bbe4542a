/* Host build of include/asm/current.h: the one task a host test runs as. */
#ifndef _ASM_CURRENT_H
#define _ASM_CURRENT_H

struct task_struct;

/* Set by the suite (tests/host/host_vfs.c makes it init_task). */
extern struct task_struct *host_current;

#define current host_current

#endif
