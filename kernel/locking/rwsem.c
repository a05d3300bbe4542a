/*
 * Read-write semaphores. Linux 6.1 packs the state into an atomic count with optimistic
 * spinning; this is the simpler design Linux had as rwsem-spinlock.c: a count and a FIFO
 * of waiters under wait_lock. A waiter sleeps until the releaser grants it the lock
 * (clears waiter->task), so a granted lock cannot be stolen by a newcomer.
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/sched.h>

enum rwsem_waiter_type {
	RWSEM_WAITING_FOR_WRITE,
	RWSEM_WAITING_FOR_READ,
};

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;	/* NULL once granted (store-release) */
	enum rwsem_waiter_type type;
};

/* init_rwsem's body; key is the call site's (NULL without CONFIG_PROVE_LOCKING). */
void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	sem->count = 0;
	sem->owner = NULL;
	raw_spin_lock_init(&sem->wait_lock);
	INIT_LIST_HEAD(&sem->wait_list);
#ifdef CONFIG_PROVE_LOCKING
	lockdep_init_map(&sem->dep_map, name, key, LD_WAIT_SLEEP);
#endif
}

/* Grants the lock to waiter and wakes it; the reference keeps its task alive meanwhile. */
static void rwsem_grant(struct rwsem_waiter *waiter)
{
	struct task_struct *tsk = waiter->task;

	list_del(&waiter->list);
	get_task_struct(tsk);
	__atomic_store_n(&waiter->task, NULL, __ATOMIC_RELEASE);
	wake_up_process(tsk);
	put_task_struct(tsk);
}

/* With the lock free (or read-held), hands it to the head of the queue. wait_lock held. */
static void rwsem_wake(struct rw_semaphore *sem)
{
	struct rwsem_waiter *waiter, *next;

	if (list_empty(&sem->wait_list))
		return;
	waiter = list_first_entry(&sem->wait_list, struct rwsem_waiter, list);
	if (waiter->type == RWSEM_WAITING_FOR_WRITE) {
		if (sem->count == 0) {
			sem->count = -1;
			sem->owner = waiter->task;
			rwsem_grant(waiter);
		}
		return;
	}
	list_for_each_entry_safe(waiter, next, &sem->wait_list, list) {
		if (waiter->type == RWSEM_WAITING_FOR_WRITE)
			break;
		sem->count++;
		rwsem_grant(waiter);
	}
}

/* Queues current and sleeps until granted. Called and returns with wait_lock held. */
static void rwsem_down_slowpath(struct rw_semaphore *sem, enum rwsem_waiter_type type)
{
	struct rwsem_waiter waiter = { .task = current, .type = type };

	list_add_tail(&waiter.list, &sem->wait_list);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!__atomic_load_n(&waiter.task, __ATOMIC_ACQUIRE))
			break;
		raw_spin_unlock_irq(&sem->wait_lock);
		schedule();
		raw_spin_lock_irq(&sem->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
}

static bool rwsem_read_trylock_locked(struct rw_semaphore *sem)
{
	if (sem->count < 0 || !list_empty(&sem->wait_list))
		return false;
	sem->count++;
	return true;
}

static bool rwsem_write_trylock_locked(struct rw_semaphore *sem)
{
	if (sem->count != 0 || !list_empty(&sem->wait_list))
		return false;
	sem->count = -1;
	sem->owner = current;
	return true;
}

static void __down_common(struct rw_semaphore *sem, bool (*trylock)(struct rw_semaphore *),
			  enum rwsem_waiter_type type)
{
	raw_spin_lock_irq(&sem->wait_lock);
	if (!trylock(sem))
		rwsem_down_slowpath(sem, type);
	raw_spin_unlock_irq(&sem->wait_lock);
}

void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	rwsem_acquire_read(&sem->dep_map, 0, 0, _RET_IP_);
	__down_common(sem, rwsem_read_trylock_locked, RWSEM_WAITING_FOR_READ);
}

/* ip: the caller's, for the lock validator's reports. */
static void __down_write(struct rw_semaphore *sem, int subclass, unsigned long ip)
{
	might_sleep();
	rwsem_acquire(&sem->dep_map, subclass, 0, ip);
	__down_common(sem, rwsem_write_trylock_locked, RWSEM_WAITING_FOR_WRITE);
}

void down_write(struct rw_semaphore *sem)
{
	__down_write(sem, 0, _RET_IP_);
}

void down_write_nested(struct rw_semaphore *sem, int subclass)
{
	__down_write(sem, subclass, _RET_IP_);
}

static int rwsem_trylock(struct rw_semaphore *sem, bool (*trylock)(struct rw_semaphore *))
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&sem->wait_lock, flags);
	ret = trylock(sem);
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
