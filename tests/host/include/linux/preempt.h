/* Host build: one thread and no scheduler, so there is nothing to count or preempt. */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#define preempt_disable()		do { } while (0)
#define preempt_enable()		do { } while (0)
#define preempt_enable_no_resched()	do { } while (0)
#define in_interrupt()			0
#define in_atomic()			0

#endif
