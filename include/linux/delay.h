/* Delays by busy-waiting on the generic timer, until a scheduler can sleep instead. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/time.h>	/* udelay, mdelay */

#define ndelay(n)	udelay(DIV_ROUND_UP((n), 1000))
/* Waits msecs milliseconds (busy: there is nothing to switch to yet). */
void msleep(unsigned int msecs);

#endif
