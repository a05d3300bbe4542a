/* Seconds and nanoseconds of a 64-bit clock (Linux's time64.h): inode times, the wall clock. */
#ifndef _LINUX_TIME64_H
#define _LINUX_TIME64_H

#include <linux/types.h>

typedef s64 time64_t;

struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};

#endif
