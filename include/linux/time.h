/* Time units and the clock printk stamps messages with. */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>

#define MSEC_PER_SEC	1000L
#define USEC_PER_SEC	1000000L
#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L

/*
 * Counter cycles at freq Hz to nanoseconds, without 128-bit arithmetic: split into whole
 * seconds and a remainder; rem * NSEC_PER_SEC stays below 2^64 because rem < freq < 2^34.
 */
static inline u64 cycles_to_ns(u64 cycles, u64 freq)
{
	return cycles / freq * NSEC_PER_SEC + cycles % freq * NSEC_PER_SEC / freq;
}

/* Nanoseconds since the kernel's first instruction, from the generic timer counter. */
u64 local_clock(void);
/* Busy-waits, for use before the scheduler and timers exist. */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif
