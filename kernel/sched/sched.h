/*
 * The scheduler's internals shared by core.c, fair.c and idle.c: the per-cpu run queue
 * and its CFS part, and the locking helpers.
 *
 * Lock order: p->pi_lock, then rq->lock. Two rq locks are taken in cpu order (lower
 * cpu number first: double_lock_balance in fair.c). rq->lock is always taken with
 * interrupts off, since the tick and wake-ups from interrupts take it.
 */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/smp.h>

#define TASK_ON_RQ_QUEUED	1
#define TASK_ON_RQ_MIGRATING	2	/* being moved between run queues (both locked) */

/* Flags of enqueue_task/dequeue_task. */
#define DEQUEUE_SLEEP		0x01	/* the task goes to sleep (vruntime kept absolute) */
#define ENQUEUE_WAKEUP		0x01	/* the task wakes up (placed by place_entity) */
#define ENQUEUE_MIGRATED	0x40	/* the task's vruntime is relative: add min_vruntime */

/* Flags of try_to_wake_up. */
#define WF_FORK			0x08	/* the first wake-up of a new task */
#define WF_SYNC			0x10	/* the waker is about to sleep: its cpu frees up */

#define NICE_0_LOAD_SHIFT	10
#define NICE_0_LOAD		(1UL << NICE_0_LOAD_SHIFT)

/*
 * CFS run queue: the runnable tasks of one cpu in a red-black tree ordered by vruntime.
 * The running task (curr) is kept out of the tree. Protected by the rq's lock.
 */
struct cfs_rq {
	struct load_weight load;	/* sum of the weights of the queued entities */
	unsigned int nr_running;	/* queued entities, curr included */
	u64 min_vruntime;		/* monotonic floor of the queued entities' vruntime */
	struct rb_root tasks_timeline;
	struct rb_node *rb_leftmost;	/* smallest vruntime, cached */
	struct sched_entity *curr;	/* the running entity, or NULL (idle running) */
};

/*
 * Per-cpu run queue. Everything is protected by lock (taken with irqs off), except
 * clock_task-free counters read without it for statistics (nr_switches, nr_running
 * for a load estimate).
 */
struct rq {
	raw_spinlock_t lock;
	unsigned int nr_running;	/* runnable tasks, curr included, idle excluded */
	u64 nr_switches;		/* context switches so far */
	struct cfs_rq cfs;
	struct task_struct *curr;	/* the task running on this cpu */
	struct task_struct *idle;	/* this cpu's idle task */
	u64 clock;			/* sched_clock() at the last update_rq_clock, ns */
	int cpu;
	unsigned long next_balance;	/* jiffies of the next periodic balance */
	unsigned int balance_interval;	/* ticks between them: doubles while nothing moves */
	struct mm_struct *prev_mm;	/* a kernel thread's borrowed mm, dropped after the switch */
	/* loadavg.c: when this cpu next folds its runnable count, and what it folded last. */
	unsigned long calc_load_update;
	long calc_load_active;
};

/* Each cpu's run queue, in its per-cpu area (its node's memory). */
DECLARE_PER_CPU(struct rq, runqueues);
#define cpu_rq(cpu)		(&per_cpu(runqueues, (cpu)))
#define this_rq()		this_cpu_ptr(&runqueues)
#define task_rq(p)		cpu_rq(task_cpu(p))

static inline bool task_current(struct rq *rq, struct task_struct *p)
{
	return rq->curr == p;
}

static inline bool task_on_rq_queued(struct task_struct *p)
{
	return READ_ONCE(p->on_rq) == TASK_ON_RQ_QUEUED;
}

void update_rq_clock(struct rq *rq);
/* loadavg.c */
void calc_global_load_tick(struct rq *this_rq);
void calc_load_init_rq(struct rq *rq);
void resched_curr(struct rq *rq);
/* p was just queued on rq: preempt rq's current task if p should run first. */
void check_preempt_curr(struct rq *rq, struct task_struct *p);
void set_task_cpu(struct task_struct *p, unsigned int cpu);
void activate_task(struct rq *rq, struct task_struct *p, int flags);
void deactivate_task(struct rq *rq, struct task_struct *p, int flags);
/* Schedule from the idle loop (preemption already disabled). */
void schedule_idle(void);

/* fair.c: CFS, called with rq->lock held. */
extern const int sched_prio_to_weight[40];
void init_cfs_rq(struct cfs_rq *cfs_rq);
/* Scales the latency tunables with the number of cpus, as Linux's update_sysctl. */
void init_sched_fair_class(void);
void set_load_weight(struct task_struct *p);
void enqueue_task_fair(struct rq *rq, struct task_struct *p, int flags);
void dequeue_task_fair(struct rq *rq, struct task_struct *p, int flags);
struct task_struct *pick_next_task_fair(struct rq *rq, struct task_struct *prev);
void put_prev_task_fair(struct rq *rq, struct task_struct *prev);
void task_tick_fair(struct rq *rq, struct task_struct *curr);
void check_preempt_wakeup(struct rq *rq, struct task_struct *p);
void task_fork_fair(struct task_struct *p);
void migrate_task_rq_fair(struct task_struct *p);
void update_curr_fair(struct rq *rq);
/* Pulls a task from the busiest cpu when this rq is idle; rq->lock held, may drop it. */
void newidle_balance(struct rq *this_rq);
/* The tick's balance: pulls a task when this cpu has two fewer than the busiest. */
void trigger_load_balance(struct rq *rq);
/*
 * The cpu a waking p should run on: the waker's for a sync wake-up when the waker is
 * all it runs, else prev_cpu if idle, else an idle or the least loaded.
 */
int select_task_rq_fair(struct task_struct *p, int prev_cpu, int wake_flags);

#endif
