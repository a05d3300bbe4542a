/* Futexes (kernel/futex.c): the calls other parts of the kernel make. */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>

void futex_init(void);
/* Wakes up to nr_wake waiters of uaddr (in current's mm); the number woken or -errno. */
int do_futex_wake(u32 __user *uaddr, int nr_wake);
struct task_struct;
/* exit and exec, with the old mm still in place: the robust list's futexes are released. */
void futex_exit_release(struct task_struct *tsk);
void futex_exec_release(struct task_struct *tsk);

#endif
