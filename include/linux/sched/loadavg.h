/*
 * The load average (Linux's sched/loadavg.h): exponentially-decaying averages of the
 * runnable tasks over 1, 5 and 15 minutes, in fixed point with FSHIFT bits.
 */
#ifndef _LINUX_SCHED_LOADAVG_H
#define _LINUX_SCHED_LOADAVG_H

#define FSHIFT		11		/* bits of precision */
#define FIXED_1		(1 << FSHIFT)	/* 1.0 in fixed point */
#define LOAD_FREQ	(5 * HZ + 1)	/* 5 s between samples */
#define EXP_1		1884		/* 1/exp(5s/1min) in fixed point */
#define EXP_5		2014		/* 1/exp(5s/5min) */
#define EXP_15		2037		/* 1/exp(5s/15min) */

#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

/* avenrun[0..2] shifted left by shift - FSHIFT, as /proc/loadavg and sysinfo read them. */
void get_avenrun(unsigned long *loads, unsigned long offset, int shift);
/* Every tick, on the cpu keeping jiffies: a new sample every LOAD_FREQ. */
void calc_global_load(void);
/* Runnable tasks on every cpu now. */
unsigned int nr_running(void);

#endif
