/* The wall clock (Linux's timekeeping.h): setting it, and when the machine booted by it. */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/time64.h>

/* Sets CLOCK_REALTIME to ts: 0, or -EINVAL for a negative or unnormalized time. */
int do_settimeofday64(const struct timespec64 *ts);
/* The CLOCK_REALTIME time at which the monotonic clock read 0 (/proc/stat's btime). */
void getboottime64(struct timespec64 *ts);

#endif
