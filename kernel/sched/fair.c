/*
 * CFS, the Completely Fair Scheduler (Linux's kernel/sched/fair.c, without groups or
 * load tracking): each task's vruntime advances by its runtime scaled by NICE_0_LOAD /
 * its weight, and the runnable task with the smallest vruntime runs next. Tasks wait
 * in a red-black tree keyed by vruntime; the running one is kept out of it. A task
 * runs for its slice of the latency period (sched_slice, in proportion to its weight)
 * before the tick preempts it, and a waking task preempts when it is behind by more than
 * the wake-up granularity. min_vruntime (monotonic) places new and waking tasks, and
 * makes a vruntime relative while the task moves between cpus.
 *
 * Load balancing here: a cpu about to go idle pulls a waiting task from the busiest cpu
 * (newidle_balance), and the tick pulls one when the imbalance is two tasks or more.
 * Everything runs under the rq lock (both rq locks when a task moves).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include "sched.h"

/* Linux's table: each nice level is ~10% of cpu time, a ratio of 1.25 between levels. */
const int sched_prio_to_weight[40] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */  9548,  7620,  6100,  4904,  3906,
	/*  -5 */  3121,  2501,  1991,  1586,  1277,
	/*   0 */  1024,   820,   655,   526,   423,
	/*   5 */   335,   272,   215,   172,   137,
	/*  10 */   110,    87,    70,    56,    45,
	/*  15 */    36,    29,    23,    18,    15,
};

/* Tunables in ns for one cpu; init_sched_fair_class scales them by 1 + log2(cpus). */
static u64 sysctl_sched_latency = 6000000ULL;
static u64 sysctl_sched_min_granularity = 750000ULL;
static u64 sysctl_sched_wakeup_granularity = 1000000ULL;
/* latency / min_granularity: more tasks than this stretch the period. */
static const unsigned int sched_nr_latency = 8;
/* Ticks between two periodic balance attempts of a cpu, at first and at most. */
#define BALANCE_INTERVAL	4U
#define MAX_BALANCE_INTERVAL	64U

void __init init_sched_fair_class(void)
{
	unsigned int cpus = min(num_possible_cpus(), 8U), factor = 1;

	while (cpus >>= 1)
		factor++;
	sysctl_sched_latency *= factor;
	sysctl_sched_min_granularity *= factor;
	sysctl_sched_wakeup_granularity *= factor;
}

void set_load_weight(struct task_struct *p)
{
	p->se.load.weight = sched_prio_to_weight[p->static_prio - MAX_RT_PRIO];
}

void init_cfs_rq(struct cfs_rq *cfs_rq)
{
	cfs_rq->tasks_timeline = RB_ROOT;
	cfs_rq->rb_leftmost = NULL;
	/* Like Linux, start near the wrap so comparisons that ignore it fail early. */
	cfs_rq->min_vruntime = (u64)(-(1LL << 20));
}

static inline struct rq *rq_of(struct cfs_rq *cfs_rq)
{
	return container_of(cfs_rq, struct rq, cfs);
}

static inline struct task_struct *task_of(struct sched_entity *se)
{
	return container_of(se, struct task_struct, se);
}

/* delta * weight / lw->weight: runtime converted between weights (Linux's __calc_delta). */
static u64 __calc_delta(u64 delta, unsigned long weight, struct load_weight *lw)
{
	return delta * weight / lw->weight;
}

/* Runtime delta as vruntime: faster for light (high nice) tasks, slower for heavy ones. */
static u64 calc_delta_fair(u64 delta, struct sched_entity *se)
{
	if (se->load.weight != NICE_0_LOAD)
		delta = __calc_delta(delta, NICE_0_LOAD, &se->load);
	return delta;
}

static inline bool entity_before(struct sched_entity *a, struct sched_entity *b)
{
	return (s64)(a->vruntime - b->vruntime) < 0;
}

static inline u64 max_vruntime(u64 max, u64 vruntime)
{
	return (s64)(vruntime - max) > 0 ? vruntime : max;
}

static inline u64 min_vruntime(u64 min, u64 vruntime)
{
	return (s64)(vruntime - min) < 0 ? vruntime : min;
}

static struct sched_entity *__pick_first_entity(struct cfs_rq *cfs_rq)
{
	return cfs_rq->rb_leftmost ? rb_entry(cfs_rq->rb_leftmost, struct sched_entity, run_node)
				   : NULL;
}

/* min_vruntime follows the smallest of curr and leftmost, and never goes back. */
static void update_min_vruntime(struct cfs_rq *cfs_rq)
{
	struct sched_entity *curr = cfs_rq->curr, *left = __pick_first_entity(cfs_rq);
	u64 vruntime = cfs_rq->min_vruntime;

	if (curr && !curr->on_rq)
		curr = NULL;
	if (curr)
		vruntime = curr->vruntime;
	if (left)
		vruntime = curr ? min_vruntime(vruntime, left->vruntime) : left->vruntime;
	cfs_rq->min_vruntime = max_vruntime(cfs_rq->min_vruntime, vruntime);
}

static void __enqueue_entity(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	struct rb_node **link = &cfs_rq->tasks_timeline.rb_node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (entity_before(se, rb_entry(parent, struct sched_entity, run_node))) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&se->run_node, parent, link);
	rb_insert_color(&se->run_node, &cfs_rq->tasks_timeline);
	if (leftmost)
		cfs_rq->rb_leftmost = &se->run_node;
}

static void __dequeue_entity(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	if (cfs_rq->rb_leftmost == &se->run_node)
		cfs_rq->rb_leftmost = rb_next(&se->run_node);
	rb_erase(&se->run_node, &cfs_rq->tasks_timeline);
	RB_CLEAR_NODE(&se->run_node);
}

/* Charges the running entity for the time since it was last charged. */
static void update_curr(struct cfs_rq *cfs_rq)
{
	struct sched_entity *curr = cfs_rq->curr;
	s64 delta;

	if (!curr)
		return;
	delta = (s64)(rq_of(cfs_rq)->clock - curr->exec_start);
	if (delta <= 0)
		return;
	curr->exec_start = rq_of(cfs_rq)->clock;
	curr->sum_exec_runtime += delta;
	curr->vruntime += calc_delta_fair(delta, curr);
	update_min_vruntime(cfs_rq);
}

void update_curr_fair(struct rq *rq)
{
	update_curr(&rq->cfs);
}

/* The period in which every runnable task runs once: the latency, or longer when crowded. */
static u64 __sched_period(unsigned long nr_running)
{
	if (unlikely(nr_running > sched_nr_latency))
		return nr_running * sysctl_sched_min_granularity;
	return sysctl_sched_latency;
}

/* se's wall-time share of the period: period * its weight / the queue's weight. */
static u64 sched_slice(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	unsigned int nr_running = cfs_rq->nr_running + !se->on_rq;
	struct load_weight load = cfs_rq->load;
	u64 slice = __sched_period(nr_running);

	if (!se->on_rq)
		load.weight += se->load.weight;
	return __calc_delta(slice, se->load.weight, &load);
}

static u64 sched_vslice(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	return calc_delta_fair(sched_slice(cfs_rq, se), se);
}

/*
 * A new task starts one vslice after min_vruntime (it cannot take over the cpu by
 * forking); a waking one gets half a latency of credit for its sleep, but never more.
 */
static void place_entity(struct cfs_rq *cfs_rq, struct sched_entity *se, bool initial)
{
	u64 vruntime = cfs_rq->min_vruntime;

	if (initial)
		vruntime += sched_vslice(cfs_rq, se);
	else
		vruntime -= sysctl_sched_latency >> 1;
	se->vruntime = max_vruntime(se->vruntime, vruntime);
}

static void enqueue_entity(struct cfs_rq *cfs_rq, struct sched_entity *se, int flags)
{
	bool renorm = !(flags & ENQUEUE_WAKEUP) || (flags & ENQUEUE_MIGRATED);
	bool curr = cfs_rq->curr == se;

	if (renorm && curr)
		se->vruntime += cfs_rq->min_vruntime;
	update_curr(cfs_rq);
	if (renorm && !curr)
		se->vruntime += cfs_rq->min_vruntime;
	cfs_rq->load.weight += se->load.weight;
	cfs_rq->nr_running++;
	if (flags & ENQUEUE_WAKEUP)
		place_entity(cfs_rq, se, false);
	if (!curr)
		__enqueue_entity(cfs_rq, se);
	se->on_rq = 1;
}

/* A task that leaves other than to sleep keeps its vruntime relative to min_vruntime. */
static void dequeue_entity(struct cfs_rq *cfs_rq, struct sched_entity *se, int flags)
{
	update_curr(cfs_rq);
	if (se != cfs_rq->curr)
		__dequeue_entity(cfs_rq, se);
	se->on_rq = 0;
	cfs_rq->load.weight -= se->load.weight;
	cfs_rq->nr_running--;
	if (!(flags & DEQUEUE_SLEEP))
		se->vruntime -= cfs_rq->min_vruntime;
	update_min_vruntime(cfs_rq);
}

void enqueue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	enqueue_entity(&rq->cfs, &p->se, flags);
}

void dequeue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	dequeue_entity(&rq->cfs, &p->se, flags);
}

static void set_next_entity(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	if (se->on_rq)
		__dequeue_entity(cfs_rq, se);
	cfs_rq->curr = se;
	se->exec_start = rq_of(cfs_rq)->clock;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
}

struct task_struct *pick_next_task_fair(struct rq *rq, struct task_struct *prev)
{
	struct sched_entity *se = __pick_first_entity(&rq->cfs);

	if (!se)
		return NULL;
	set_next_entity(&rq->cfs, se);
	return task_of(se);
}

void put_prev_task_fair(struct rq *rq, struct task_struct *prev)
{
	struct cfs_rq *cfs_rq = &rq->cfs;
	struct sched_entity *se = &prev->se;

	if (se->on_rq) {
		update_curr(cfs_rq);
		__enqueue_entity(cfs_rq, se);
	}
	cfs_rq->curr = NULL;
}

/* Preempt curr once it has had its slice, or is a slice ahead of the leftmost. */
static void check_preempt_tick(struct cfs_rq *cfs_rq, struct sched_entity *curr)
{
	u64 ideal_runtime = sched_slice(cfs_rq, curr);
	u64 delta_exec = curr->sum_exec_runtime - curr->prev_sum_exec_runtime;
	struct sched_entity *se;
	s64 delta;

	if (delta_exec > ideal_runtime) {
		resched_curr(rq_of(cfs_rq));
		return;
	}
	if (delta_exec < sysctl_sched_min_granularity)
		return;
	se = __pick_first_entity(cfs_rq);
	if (!se)
		return;
	delta = (s64)(curr->vruntime - se->vruntime);
	if (delta > (s64)ideal_runtime)
		resched_curr(rq_of(cfs_rq));
}

void task_tick_fair(struct rq *rq, struct task_struct *curr)
{
	struct cfs_rq *cfs_rq = &rq->cfs;

	update_curr(cfs_rq);
	if (cfs_rq->nr_running > 1)
		check_preempt_tick(cfs_rq, &curr->se);
}

/* A waking task preempts curr when curr is ahead by more than the wake-up granularity. */
void check_preempt_wakeup(struct rq *rq, struct task_struct *p)
{
	struct sched_entity *curr = &rq->curr->se, *se = &p->se;
	s64 vdiff;

	if (rq->curr == p || test_tsk_need_resched(rq->curr))
		return;
	update_curr(&rq->cfs);
	vdiff = (s64)(curr->vruntime - se->vruntime);
	if (vdiff > (s64)calc_delta_fair(sysctl_sched_wakeup_granularity, se))
		resched_curr(rq);
}

/* A new task starts from its parent's vruntime, placed, and relative until enqueued. */
void task_fork_fair(struct task_struct *p)
{
	struct rq *rq = this_rq();
	struct cfs_rq *cfs_rq = &rq->cfs;
	struct sched_entity *se = &p->se;
	unsigned long flags;

	raw_spin_lock_irqsave(&rq->lock, flags);
	update_rq_clock(rq);
	if (cfs_rq->curr) {
		update_curr(cfs_rq);
		se->vruntime = cfs_rq->curr->vruntime;
	}
	place_entity(cfs_rq, se, true);
	se->vruntime -= cfs_rq->min_vruntime;
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}

/* A waking task moves to another cpu: its vruntime becomes relative to the old queue. */
void migrate_task_rq_fair(struct task_struct *p)
{
	p->se.vruntime -= READ_ONCE(task_rq(p)->cfs.min_vruntime);
}

static bool idle_cpu(int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	return READ_ONCE(rq->curr) == rq->idle && !READ_ONCE(rq->nr_running);
}

/*
 * "Wake-up with load balancing": the waker's cpu for a sync wake-up when the waker is
 * all it runs (Linux's wake_affine_idle: the waker sleeps next, so the wakee runs at
 * once, with no IPI and no idle cpu to bring out of WFI); else prev_cpu when it is idle
 * (its caches are warm), else the first idle allowed cpu, else the allowed cpu with the
 * fewest runnable tasks. Reads the other run queues without their locks: a stale answer
 * only costs balance.
 */
int select_task_rq_fair(struct task_struct *p, int prev_cpu, int wake_flags)
{
	int cpu, best = -1, this_cpu = smp_processor_id();
	unsigned int least = UINT_MAX;

	if ((wake_flags & WF_SYNC) && cpumask_test_cpu(this_cpu, &p->cpus_mask) &&
	    READ_ONCE(this_rq()->nr_running) == 1)
		return this_cpu;
	if (cpu_online(prev_cpu) && cpumask_test_cpu(prev_cpu, &p->cpus_mask) &&
	    idle_cpu(prev_cpu))
		return prev_cpu;
	for_each_online_cpu(cpu) {
		unsigned int nr = READ_ONCE(cpu_rq(cpu)->nr_running);

		if (!cpumask_test_cpu(cpu, &p->cpus_mask))
			continue;
		if (idle_cpu(cpu))
			return cpu;
		if (nr < least || (nr == least && cpu == prev_cpu)) {
			least = nr;
			best = cpu;
		}
	}
	return best;
}

/* The online cpu, other than this one, with the most runnable tasks (at least min_nr). */
static struct rq *find_busiest_queue(struct rq *this_rq, unsigned int min_nr)
{
	struct rq *busiest = NULL;
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		unsigned int nr = READ_ONCE(rq->nr_running);

		if (rq != this_rq && nr >= min_nr) {
			busiest = rq;
			min_nr = nr + 1;
		}
	}
	return busiest;
}

/*
 * Takes busiest->lock with this_rq->lock held, in cpu order: may drop and retake
 * this_rq->lock (so the caller must recheck what it saw). Linux's double_lock_balance;
 * the second rq lock is the nested one (SINGLE_DEPTH_NESTING), as in Linux.
 */
static void double_lock_balance(struct rq *this_rq, struct rq *busiest)
{
	if (raw_spin_trylock(&busiest->lock))
		return;
	if (busiest->cpu < this_rq->cpu) {
		raw_spin_unlock(&this_rq->lock);
		raw_spin_lock(&busiest->lock);
		raw_spin_lock_nested(&this_rq->lock, SINGLE_DEPTH_NESTING);
	} else {
		raw_spin_lock_nested(&busiest->lock, SINGLE_DEPTH_NESTING);
	}
}

/* A waiting task of src that may run on dst: not running, not mid-switch, allowed. */
static struct task_struct *detach_one_task(struct rq *src, int dst_cpu)
{
	for (struct rb_node *n = src->cfs.rb_leftmost; n; n = rb_next(n)) {
		struct task_struct *p = task_of(rb_entry(n, struct sched_entity, run_node));

		if (task_current(src, p) || READ_ONCE(p->on_cpu) ||
		    !cpumask_test_cpu(dst_cpu, &p->cpus_mask))
			continue;
		deactivate_task(src, p, 0);
		set_task_cpu(p, dst_cpu);
		return p;
	}
	return NULL;
}

/* Moves one task from busiest to this_rq if busiest still has imbalance tasks more. */
static bool move_one_task(struct rq *this_rq, struct rq *busiest, unsigned int imbalance)
{
	struct task_struct *p = NULL;

	if (busiest->nr_running >= this_rq->nr_running + imbalance) {
		update_rq_clock(busiest);
		p = detach_one_task(busiest, this_rq->cpu);
	}
	if (p) {
		update_rq_clock(this_rq);
		activate_task(this_rq, p, 0);
		check_preempt_curr(this_rq, p);
	}
	return p != NULL;
}

void newidle_balance(struct rq *this_rq)
{
	struct rq *busiest = find_busiest_queue(this_rq, 2);

	if (!busiest)
		return;
	double_lock_balance(this_rq, busiest);
	move_one_task(this_rq, busiest, 2);
	raw_spin_unlock(&busiest->lock);
}

/*
 * From the tick, so it never spins on another cpu's rq lock: a contended lock skips
 * this round. A round that moves nothing (the busiest cpu's tasks are pinned there)
 * doubles the interval, as Linux's balance_interval does, so idle cpus stop hammering
 * the busy cpu's lock.
 */
void trigger_load_balance(struct rq *rq)
{
	struct rq *busiest;
	bool moved = false;

	if (time_before(jiffies, rq->next_balance))
		return;
	busiest = find_busiest_queue(rq, READ_ONCE(rq->nr_running) + 2);
	if (busiest) {
		raw_spin_lock(&rq->lock);
		if (raw_spin_trylock(&busiest->lock)) {
			moved = move_one_task(rq, busiest, 2);
			raw_spin_unlock(&busiest->lock);
		}
		raw_spin_unlock(&rq->lock);
	}
	if (moved || !busiest)
		rq->balance_interval = BALANCE_INTERVAL;
	else
		rq->balance_interval = clamp(rq->balance_interval * 2, BALANCE_INTERVAL,
					     MAX_BALANCE_INTERVAL);
	rq->next_balance = jiffies + rq->balance_interval;
}
