/* jiffies: the tick count, HZ per second, advanced by the boot cpu's tick. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/time.h>

#define HZ		250
#define TICK_NSEC	((NSEC_PER_SEC + HZ / 2) / HZ)
/* Like Linux, start 5 minutes before the 32-bit wrap, so wrap bugs show early. */
#define INITIAL_JIFFIES	((unsigned long)(unsigned int)(-300 * HZ))

/*
 * Written only by the cpu that does the timekeeping tick (tick_do_timer_cpu), with irqs
 * off; a 64-bit store is atomic on arm64, so readers need no lock (Linux's jiffies_lock
 * seqcount guards the 32-bit case).
 */
extern u64 jiffies_64;
#define jiffies		(*(volatile unsigned long *)&jiffies_64)

/* Loops of udelay's calibrated loop per jiffy; here timer cycles per jiffy (rate / HZ). */
extern unsigned long loops_per_jiffy;

/*
 * The jiffies a sleep of ts must wait to last at least ts: rounded up, plus one for the
 * partial jiffy already begun when the timer is armed (as msleep); capped.
 */
#define timespec_to_jiffies_ceil(ts) ({					\
	u64 __ns = (u64)(ts)->tv_nsec + TICK_NSEC - 1;			\
	!(ts)->tv_sec && !(ts)->tv_nsec ? 0L :				\
	(u64)(ts)->tv_sec >= (u64)LONG_MAX / HZ - 2 ? (long)(LONG_MAX - 1) :	\
		(long)((ts)->tv_sec * HZ + __ns / TICK_NSEC + 1);	\
})

static inline u64 get_jiffies_64(void)
{
	return READ_ONCE(jiffies_64);
}

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_is_before_jiffies(a)	time_after(jiffies, a)

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)(j * (MSEC_PER_SEC / HZ));
}

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return DIV_ROUND_UP((unsigned long)m, MSEC_PER_SEC / HZ);
}

#endif
