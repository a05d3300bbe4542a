/* Delays: udelay/mdelay busy-wait on the generic timer; msleep sleeps (kernel/time/timer.c). */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/time.h>	/* udelay, mdelay */

#define ndelay(n)	udelay(DIV_ROUND_UP((n), 1000))
/* Sleeps at least msecs milliseconds. Context: may sleep. */
void msleep(unsigned int msecs);

#endif
