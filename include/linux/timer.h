/*
 * Timers (Linux's timer_list): fn(timer) runs once, from the tick of the cpu that armed
 * the timer, at the first tick with jiffies >= expires. Here the callbacks run in the
 * tick's hard interrupt (Linux runs them from the timer softirq): they may wake tasks and
 * queue work, never sleep.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/list.h>

/* flags: the cpu whose base the timer is on, and TIMER_MIGRATING while it moves. */
#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000

struct timer_list {
	struct list_head entry;		/* on its base's list; next == NULL when not pending */
	unsigned long expires;		/* jiffies */
	void (*function)(struct timer_list *);
	u32 flags;
};

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*var), timer_fieldname)

/* Prepares timer to call fn; it is not pending. */
void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *), unsigned int flags);

static inline bool timer_pending(const struct timer_list *timer)
{
	return READ_ONCE(timer->entry.next) != NULL;
}

/* Arms a timer that is not pending, at timer->expires, on this cpu. */
void add_timer(struct timer_list *timer);
/* (Re)arms timer at expires on this cpu; returns 1 when it was pending, else 0. */
int mod_timer(struct timer_list *timer, unsigned long expires);
/* Disarms timer; returns 1 when it was pending. Its callback may still be running. */
int del_timer(struct timer_list *timer);
/* Disarms timer unless its callback runs right now (-1); else what del_timer returns. */
int try_to_del_timer_sync(struct timer_list *timer);
/* Disarms timer and waits for a running callback. Not from the callback or irqs. */
int del_timer_sync(struct timer_list *timer);
/* Sets up every possible cpu's timer base; start_kernel, before the tick starts. */
void init_timers(void);
/* From the tick, irqs off: runs this cpu's expired timers. */
void run_local_timers(void);
/*
 * The tick's per-cpu work (Linux's update_process_times): its time charged to current
 * (user_tick: it interrupted user mode), timers, the scheduler, the cpu itimers.
 */
void update_process_times(int user_tick);

#endif
