/*
 * Workqueues (Linux's workqueue.h): work items run later, in process context, by a
 * kernel thread. Each cpu has a worker pool with one worker thread, "kworker/N:0"; work
 * queued on a cpu runs on that cpu, in queueing order. A work item is queued at most once
 * at a time (WORK_STRUCT_PENDING) and never runs on two cpus at once.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/timer.h>

struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

#define WORK_STRUCT_PENDING	1UL	/* bit 0 of data: queued or its timer armed */
#define WORK_STRUCT_FLAG_MASK	7UL
#define WORK_CPU_UNBOUND	NR_CPUS	/* queue on the queueing cpu */

/*
 * data: WORK_STRUCT_PENDING | the worker_pool it was last queued on (atomic). entry: on
 * that pool's worklist, under the pool's lock.
 */
struct work_struct {
	unsigned long data;
	struct list_head entry;
	work_func_t func;
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;	/* queues work when it fires */
	struct workqueue_struct *wq;	/* where, once the timer fires */
	int cpu;
};

static inline void INIT_WORK(struct work_struct *work, work_func_t func)
{
	work->data = 0;
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
}

#define __WORK_INITIALIZER(n, f) {					\
	.data = 0, .entry = LIST_HEAD_INIT((n).entry), .func = (f) }
#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)

void delayed_work_timer_fn(struct timer_list *t);

static inline void INIT_DELAYED_WORK(struct delayed_work *dwork, work_func_t func)
{
	INIT_WORK(&dwork->work, func);
	timer_setup(&dwork->timer, delayed_work_timer_fn, 0);
}

#define to_delayed_work(w)	container_of(w, struct delayed_work, work)
#define work_pending(work)	(READ_ONCE((work)->data) & WORK_STRUCT_PENDING)

/* The kernel's general-purpose per-cpu workqueue (schedule_work and friends). */
extern struct workqueue_struct *system_wq;

/* Queue work on cpu (WORK_CPU_UNBOUND: this cpu); false if it was already pending. Any context. */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay);

static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, system_wq, dwork, delay);
}

/* Waits for the last queueing of work to finish; false if it was idle. Context: may sleep. */
bool flush_work(struct work_struct *work);
/* Fires a pending timer now, then flush_work. Context: may sleep. */
bool flush_delayed_work(struct delayed_work *dwork);
/* Unqueues work and waits for a running instance; true if it was pending. May sleep. */
bool cancel_work_sync(struct work_struct *work);
bool cancel_delayed_work_sync(struct delayed_work *dwork);

/* Pools and system_wq, so work can be queued early (start_kernel, after sched_init). */
void workqueue_init_early(void);
/* The worker threads of the online cpus (kernel_init, once kthreadd runs). */
void workqueue_init(void);

#endif
