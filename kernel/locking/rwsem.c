/*
 * Read-write semaphores. Linux 6.1 packs the state into an atomic count with optimistic
 * spinning; this is a count and a FIFO of waiters under wait_lock, with Linux's wake-up
 * rules: a release grants the lock to the readers at the head of the queue (they never
 * sleep again once granted), but only wakes a writer at the head, which takes the lock
 * itself if it is still free. Meanwhile a running task may take ("steal") a free lock:
 * handing it to a sleeping writer would keep it held, unused, for as long as that
 * writer's cpu takes to wake up (a halted vCPU: milliseconds, for every acquisition). A
 * first waiter that has waited RWSEM_WAIT_TIMEOUT sets handoff, which stops stealing.
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/sched/debug.h>

/* How long the first waiter lets others steal the lock before it sets handoff (4 ms). */
#define RWSEM_WAIT_TIMEOUT	DIV_ROUND_UP(HZ, 250)

enum rwsem_waiter_type {
	RWSEM_WAITING_FOR_WRITE,
	RWSEM_WAITING_FOR_READ,
};

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;	/* a reader's: NULL once granted (store-release) */
	enum rwsem_waiter_type type;
	unsigned long timeout;		/* jiffies after which it sets handoff */
};

/* init_rwsem's body; key is the call site's (NULL without CONFIG_PROVE_LOCKING). */
void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	sem->count = 0;
	sem->owner = NULL;
	sem->handoff = false;
	raw_spin_lock_init(&sem->wait_lock);
	INIT_LIST_HEAD(&sem->wait_list);
#ifdef CONFIG_PROVE_LOCKING
	lockdep_init_map(&sem->dep_map, name, key, LD_WAIT_SLEEP);
#endif
}

/* Grants a reader the lock and wakes it; the reference keeps its task alive meanwhile. */
static void rwsem_grant(struct rwsem_waiter *waiter)
{
	struct task_struct *tsk = waiter->task;

	list_del(&waiter->list);
	get_task_struct(tsk);
	__atomic_store_n(&waiter->task, NULL, __ATOMIC_RELEASE);
	wake_up_process(tsk);
	put_task_struct(tsk);
}

/*
 * The lock was just released (count 0): grants it to the readers at the head of the
 * queue, or wakes the writer there to take it (Linux's rwsem_mark_wake). wait_lock held.
 */
static void rwsem_wake(struct rw_semaphore *sem)
{
	struct rwsem_waiter *waiter, *next;

	if (list_empty(&sem->wait_list))
		return;
	waiter = list_first_entry(&sem->wait_list, struct rwsem_waiter, list);
	if (waiter->type == RWSEM_WAITING_FOR_WRITE) {
		wake_up_process(waiter->task);
		return;
	}
	list_for_each_entry_safe(waiter, next, &sem->wait_list, list) {
		if (waiter->type == RWSEM_WAITING_FOR_WRITE)
			break;
		sem->count++;
		rwsem_grant(waiter);
	}
}

/* With waiters queued a reader only steals a free lock, so readers cannot starve them. */
static bool rwsem_read_trylock_locked(struct rw_semaphore *sem)
{
	if (sem->count < 0 || sem->handoff ||
	    (sem->count > 0 && !list_empty(&sem->wait_list)))
		return false;
	sem->count++;
	return true;
}

static bool rwsem_write_trylock_locked(struct rw_semaphore *sem)
{
	if (sem->count != 0 || sem->handoff)
		return false;
	sem->count = -1;
	sem->owner = current;
	return true;
}

/*
 * A queued writer's try: only the first waiter, and it may ignore handoff (its own), or
 * set it once it has waited long enough. wait_lock held.
 */
static bool rwsem_try_write_lock(struct rw_semaphore *sem, struct rwsem_waiter *waiter)
{
	if (list_first_entry(&sem->wait_list, struct rwsem_waiter, list) != waiter)
		return false;
	if (sem->count != 0) {
		if (time_after(jiffies, waiter->timeout))
			sem->handoff = true;
		return false;
	}
	sem->count = -1;
	sem->owner = current;
	sem->handoff = false;
	list_del(&waiter->list);
	return true;
}

/*
 * Queues current and sleeps until it holds the lock: a reader until granted, a writer
 * until it takes the lock itself. Called and returns with wait_lock held.
 */
static void __sched rwsem_down_slowpath(struct rw_semaphore *sem, enum rwsem_waiter_type type)
{
	struct rwsem_waiter waiter = {
		.task = current, .type = type, .timeout = jiffies + RWSEM_WAIT_TIMEOUT,
	};

	list_add_tail(&waiter.list, &sem->wait_list);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (type == RWSEM_WAITING_FOR_READ) {
			if (!__atomic_load_n(&waiter.task, __ATOMIC_ACQUIRE))
				break;
		} else if (rwsem_try_write_lock(sem, &waiter)) {
			break;
		}
		raw_spin_unlock_irq(&sem->wait_lock);
		schedule();
		raw_spin_lock_irq(&sem->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
}

static void __sched __down_common(struct rw_semaphore *sem, bool (*trylock)(struct rw_semaphore *),
			  enum rwsem_waiter_type type)
{
	raw_spin_lock_irq(&sem->wait_lock);
	if (!trylock(sem))
		rwsem_down_slowpath(sem, type);
	raw_spin_unlock_irq(&sem->wait_lock);
}

void __sched down_read(struct rw_semaphore *sem)
{
	might_sleep();
	rwsem_acquire_read(&sem->dep_map, 0, 0, _RET_IP_);
	__down_common(sem, rwsem_read_trylock_locked, RWSEM_WAITING_FOR_READ);
}

/* ip: the caller's, for the lock validator's reports. */
static void __sched __down_write(struct rw_semaphore *sem, int subclass, unsigned long ip)
{
	might_sleep();
	rwsem_acquire(&sem->dep_map, subclass, 0, ip);
	__down_common(sem, rwsem_write_trylock_locked, RWSEM_WAITING_FOR_WRITE);
}

void __sched down_write(struct rw_semaphore *sem)
{
	__down_write(sem, 0, _RET_IP_);
}

void __sched down_write_nested(struct rw_semaphore *sem, int subclass)
{
	__down_write(sem, subclass, _RET_IP_);
}

static int rwsem_trylock(struct rw_semaphore *sem, bool (*trylock)(struct rw_semaphore *))
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&sem->wait_lock, flags);
	/* As Linux's: never past waiters (only a task about to queue may steal). */
	ret = list_empty(&sem->wait_list) && trylock(sem);
	raw_spin_unlock_irqrestore(&sem->wait_lock, flags);
	return ret;
}

int down_read_trylock(struct rw_semaphore *sem)
{
	if (!rwsem_trylock(sem, rwsem_read_trylock_locked))
		return 0;
	rwsem_acquire_read(&sem->dep_map, 0, 1, _RET_IP_);
	return 1;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	if (!rwsem_trylock(sem, rwsem_write_trylock_locked))
		return 0;
	rwsem_acquire(&sem->dep_map, 0, 1, _RET_IP_);
	return 1;
}

void up_read(struct rw_semaphore *sem)
{
	unsigned long flags;

	rwsem_release(&sem->dep_map, _RET_IP_);
	raw_spin_lock_irqsave(&sem->wait_lock, flags);
	WARN_ON_ONCE(sem->count <= 0);
	if (--sem->count == 0)
		rwsem_wake(sem);
	raw_spin_unlock_irqrestore(&sem->wait_lock, flags);
}

void up_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	rwsem_release(&sem->dep_map, _RET_IP_);
	raw_spin_lock_irqsave(&sem->wait_lock, flags);
	WARN_ON_ONCE(sem->count != -1 || sem->owner != current);
	sem->count = 0;
	sem->owner = NULL;
	rwsem_wake(sem);
	raw_spin_unlock_irqrestore(&sem->wait_lock, flags);
}
