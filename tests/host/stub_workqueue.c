/*
 * Host stand-ins for the workqueue and timer calls of mm/vmstat.c's shepherd
 * (init_mm_internals). No host suite starts it, and a host test is one cpu whose
 * counters vmstat_refresh folds directly, so none of these is ever reached: each fails.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/timer.h>

struct workqueue_struct *system_wq;

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	BUG();
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay)
{
	BUG();
}

void delayed_work_timer_fn(struct timer_list *t)
{
	BUG();
}

void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *), unsigned int flags)
{
	BUG();
}
