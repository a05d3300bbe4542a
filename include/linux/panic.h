/* panic(): the kernel cannot go on. */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/compiler.h>

/* Prints the reason and a backtrace, stops the other cpus, then halts or reboots (panic=). */
void __noreturn panic(const char *fmt, ...) __printf(1, 2);
extern int panic_timeout;
/* Non-zero while an oops is being reported: its backtrace is out, panic need not repeat it. */
extern int oops_in_progress;

#endif
