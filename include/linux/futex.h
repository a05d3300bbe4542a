/* Futexes (kernel/futex.c): the calls other parts of the kernel make. */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>

void futex_init(void);
/* Wakes up to nr_wake waiters of uaddr (in current's mm); the number woken or -errno. */
int do_futex_wake(u32 __user *uaddr, int nr_wake);

#endif
