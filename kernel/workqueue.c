/*
 * Workqueues (Linux's kernel/workqueue.c, per-cpu pools only, without concurrency
 * management): each cpu has one worker_pool with one worker thread, "kworker/N:0", bound
 * to the cpu, which runs the pool's worklist in order. Every workqueue (system_wq and
 * those that may come) feeds these pools. work->data keeps the pool a work item was last
 * queued on, so flush_work and cancel_work_sync find it, and so a work item queued again
 * while it runs goes to the pool running it: it never runs on two cpus at once.
 *
 * flush_work queues a barrier work right behind the target (or first, when the target is
 * running) and waits for it, as Linux does.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/workqueue.h>

/*
 * lock (irqs off: work is queued from interrupts) protects worklist, current_work and
 * current_func, and the entry of every work item on worklist.
 */
struct worker_pool {
	raw_spinlock_t lock;
	int cpu;
	struct list_head worklist;		/* pending work, run in order */
	struct work_struct *current_work;	/* the item the worker runs now */
	work_func_t current_func;
	struct task_struct *worker;		/* set once by workqueue_init */
} __aligned(8);

struct workqueue_struct {
	const char *name;
};

static DEFINE_PER_CPU(struct worker_pool, cpu_worker_pools);
static struct workqueue_struct system_wq_struct = { .name = "events" };
struct workqueue_struct *system_wq = &system_wq_struct;

static struct worker_pool *get_work_pool(struct work_struct *work)
{
	return (struct worker_pool *)(READ_ONCE(work->data) & ~WORK_STRUCT_FLAG_MASK);
}

static void set_work_pool(struct work_struct *work, struct worker_pool *pool,
			  unsigned long flags)
{
	__atomic_store_n(&work->data, (unsigned long)pool | flags, __ATOMIC_RELEASE);
}

/* Sets PENDING; true when this caller did (and so owns the right to queue the work). */
static bool test_and_set_pending(struct work_struct *work)
{
	return !(__atomic_fetch_or(&work->data, WORK_STRUCT_PENDING, __ATOMIC_ACQ_REL) &
		 WORK_STRUCT_PENDING);
}

/* The pool of cpu; work for an offline cpu runs on this one (none may wake there). */
static struct worker_pool *cpu_pool(int cpu)
{
	if (cpu == WORK_CPU_UNBOUND || !cpu_online(cpu)) {
		WARN_ON_ONCE(cpu != WORK_CPU_UNBOUND);
		cpu = raw_smp_processor_id();
	}
	return per_cpu_ptr(&cpu_worker_pools, cpu);
}

/* Adds work (PENDING owned by the caller) to a pool's list; irqs off. */
static void __queue_work(int cpu, struct work_struct *work)
{
	struct worker_pool *pool = cpu_pool(cpu), *last_pool = get_work_pool(work);

	/* Still running on its last pool? Queue it there, behind itself. */
	if (last_pool && last_pool != pool) {
		raw_spin_lock(&last_pool->lock);
		if (last_pool->current_work == work) {
			pool = last_pool;
		} else {
			raw_spin_unlock(&last_pool->lock);
			raw_spin_lock(&pool->lock);
		}
	} else {
		raw_spin_lock(&pool->lock);
	}
	set_work_pool(work, pool, WORK_STRUCT_PENDING);
	list_add_tail(&work->entry, &pool->worklist);
	if (pool->worker)
		wake_up_process(pool->worker);
	raw_spin_unlock(&pool->lock);
}

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	if (test_and_set_pending(work)) {
		__queue_work(cpu, work);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	__queue_work(dwork->cpu, &dwork->work);
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay)
{
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	if (test_and_set_pending(&dwork->work)) {
		dwork->wq = wq;
		dwork->cpu = cpu;
		if (!delay)
			__queue_work(cpu, &dwork->work);
		else
			mod_timer(&dwork->timer, jiffies + delay);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/* Runs one work item; called and returns with pool->lock held (dropped around func). */
static void process_one_work(struct worker_pool *pool, struct work_struct *work)
{
	list_del_init(&work->entry);
	pool->current_work = work;
	pool->current_func = work->func;
	/* Not pending any more: it may be queued again while it runs. */
	set_work_pool(work, pool, 0);
	raw_spin_unlock_irq(&pool->lock);
	pool->current_func(work);
	WARN_ON_ONCE(preempt_count() || irqs_disabled());
	raw_spin_lock_irq(&pool->lock);
	pool->current_work = NULL;
	pool->current_func = NULL;
}

/* A kworker: runs its pool's worklist, sleeps when it is empty. */
static int worker_thread(void *arg)
{
	struct worker_pool *pool = arg;

	current->flags |= PF_WQ_WORKER;
	for (;;) {
		raw_spin_lock_irq(&pool->lock);
		while (!list_empty(&pool->worklist))
			process_one_work(pool, list_first_entry(&pool->worklist,
								struct work_struct, entry));
		/* Asleep before the lock goes: a queue_work after this wakes us. */
		set_current_state(TASK_INTERRUPTIBLE);
		raw_spin_unlock_irq(&pool->lock);
		schedule();
	}
	return 0;
}

struct wq_barrier {
	struct work_struct work;
	struct completion done;
};

static void wq_barrier_func(struct work_struct *work)
{
	complete(&container_of(work, struct wq_barrier, work)->done);
}

/*
 * Queues barr behind work on work's pool: right after it when it is pending there, first
 * when it is running. False when work is neither (nothing to wait for).
 */
static bool start_flush_work(struct work_struct *work, struct wq_barrier *barr)
{
	struct worker_pool *pool;
	struct list_head *pos;

	local_irq_disable();
	pool = get_work_pool(work);
	if (!pool) {
		local_irq_enable();
		return false;
	}
	raw_spin_lock(&pool->lock);
	if (work_pending(work) && get_work_pool(work) == pool && !list_empty(&work->entry))
		pos = work->entry.next;
	else if (pool->current_work == work)
		pos = pool->worklist.next;
	else
		pos = NULL;
	if (pos) {
		INIT_WORK(&barr->work, wq_barrier_func);
		init_completion(&barr->done);
		set_work_pool(&barr->work, pool, WORK_STRUCT_PENDING);
		list_add_tail(&barr->work.entry, pos);
		if (pool->worker)
			wake_up_process(pool->worker);
	}
	raw_spin_unlock_irq(&pool->lock);
	return pos != NULL;
}

bool flush_work(struct work_struct *work)
{
	struct wq_barrier barr;

	might_sleep();
	if (!start_flush_work(work, &barr))
		return false;
	wait_for_completion(&barr.done);
	return true;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	local_irq_disable();
	if (del_timer_sync(&dwork->timer))
		__queue_work(dwork->cpu, &dwork->work);
	local_irq_enable();
	return flush_work(&dwork->work);
}

/*
 * Takes PENDING from work, unqueueing it: 1 if it was pending (now ours), 0 if it was
 * idle (now ours too), -EAGAIN while it moves (timer firing): retry. Irqs off on return.
 */
static int try_to_grab_pending(struct work_struct *work, bool is_dwork, unsigned long *flags)
{
	struct worker_pool *pool;

	local_irq_save(*flags);
	if (is_dwork && del_timer(&to_delayed_work(work)->timer))
		return 1;
	if (test_and_set_pending(work))
		return 0;
	pool = get_work_pool(work);
	if (pool) {
		raw_spin_lock(&pool->lock);
		if (get_work_pool(work) == pool && !list_empty(&work->entry)) {
			list_del_init(&work->entry);
			raw_spin_unlock(&pool->lock);
			return 1;
		}
		raw_spin_unlock(&pool->lock);
	}
	local_irq_restore(*flags);
	return -EAGAIN;
}

static bool __cancel_work_sync(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	int ret;

	while ((ret = try_to_grab_pending(work, is_dwork, &flags)) < 0)
		cpu_relax();
	local_irq_restore(flags);
	/* PENDING is ours: nobody queues it now; wait for a running instance. */
	flush_work(work);
	set_work_pool(work, get_work_pool(work), 0);
	return ret;
}

bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true);
}

void __init workqueue_init_early(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct worker_pool *pool = per_cpu_ptr(&cpu_worker_pools, cpu);

		raw_spin_lock_init(&pool->lock);
		pool->cpu = cpu;
		INIT_LIST_HEAD(&pool->worklist);
	}
}

void __init workqueue_init(void)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct worker_pool *pool = per_cpu_ptr(&cpu_worker_pools, cpu);
		struct task_struct *worker = kthread_create_on_cpu(worker_thread, pool, cpu,
								   "kworker/%u:0");
		unsigned long flags;

		BUG_ON(IS_ERR(worker));
		raw_spin_lock_irqsave(&pool->lock, flags);
		pool->worker = worker;
		raw_spin_unlock_irqrestore(&pool->lock, flags);
		wake_up_process(worker);
	}
}
