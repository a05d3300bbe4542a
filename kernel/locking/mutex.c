/*
 * Mutexes (Linux's kernel/locking/mutex.c without optimistic spinning or hand-off): a
 * compare-and-swap of owner for the uncontended case; otherwise the locker queues on
 * wait_list, sets MUTEX_FLAG_WAITERS (so the owner's fast unlock fails and it goes the
 * slow way), and sleeps until a trylock succeeds. The unlocker clears the owner, then
 * wakes the first waiter under wait_lock.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>

#define MUTEX_FLAG_WAITERS	0x01	/* wait_list is not empty: unlock must wake */
#define MUTEX_FLAGS		0x07

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

/* mutex_init's body; key is the call site's (NULL without CONFIG_PROVE_LOCKING). */
void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->owner = 0;
	raw_spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
#ifdef CONFIG_PROVE_LOCKING
	lockdep_init_map(&lock->dep_map, name, key, LD_WAIT_SLEEP);
#endif
}

struct task_struct *__mutex_owner(struct mutex *lock)
{
	return (struct task_struct *)(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) &
				      ~MUTEX_FLAGS);
}

bool mutex_is_locked(struct mutex *lock)
{
	return __mutex_owner(lock) != NULL;
}

/* Takes the mutex when it has no owner, keeping the flags. */
static bool __mutex_trylock(struct mutex *lock)
{
	unsigned long owner = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);

	while (!(owner & ~MUTEX_FLAGS)) {
		if (__atomic_compare_exchange_n(&lock->owner, &owner,
						owner | (unsigned long)current, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	}
	return false;
}

int mutex_trylock(struct mutex *lock)
{
	if (!__mutex_trylock(lock))
		return 0;
	mutex_acquire(&lock->dep_map, 0, 1, _RET_IP_);
	return 1;
}

static bool __mutex_trylock_fast(struct mutex *lock)
{
	unsigned long zero = 0;

	return __atomic_compare_exchange_n(&lock->owner, &zero, (unsigned long)current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static noinline void __sched __mutex_lock_slowpath(struct mutex *lock)
{
	struct mutex_waiter waiter = { .task = current };

	preempt_disable();
	raw_spin_lock_irq(&lock->wait_lock);
	list_add_tail(&waiter.list, &lock->wait_list);
	__atomic_fetch_or(&lock->owner, MUTEX_FLAG_WAITERS, __ATOMIC_RELAXED);
	/* The state is set under wait_lock, which the unlocker takes before waking us. */
	for (;;) {
		if (__mutex_trylock(lock))
			break;
		set_current_state(TASK_UNINTERRUPTIBLE);
		raw_spin_unlock_irq(&lock->wait_lock);
		schedule_preempt_disabled();
		raw_spin_lock_irq(&lock->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
	list_del(&waiter.list);
	if (list_empty(&lock->wait_list))
		__atomic_fetch_and(&lock->owner, ~(unsigned long)MUTEX_FLAG_WAITERS,
				   __ATOMIC_RELAXED);
	raw_spin_unlock_irq(&lock->wait_lock);
	preempt_enable();
}

static __always_inline void __mutex_lock(struct mutex *lock, unsigned int subclass,
					 unsigned long ip)
{
	might_sleep();
	mutex_acquire(&lock->dep_map, subclass, 0, ip);
	if (!__mutex_trylock_fast(lock))
		__mutex_lock_slowpath(lock);
}

void __sched mutex_lock(struct mutex *lock)
{
	__mutex_lock(lock, 0, _RET_IP_);
}

void __sched mutex_lock_nested(struct mutex *lock, unsigned int subclass)
{
	__mutex_lock(lock, subclass, _RET_IP_);
}

static noinline void __mutex_unlock_slowpath(struct mutex *lock)
{
	unsigned long owner;
	struct task_struct *next = NULL;

	owner = __atomic_fetch_and(&lock->owner, MUTEX_FLAGS, __ATOMIC_RELEASE);
	if (!(owner & MUTEX_FLAG_WAITERS))
		return;
	raw_spin_lock_irq(&lock->wait_lock);
	if (!list_empty(&lock->wait_list))
		next = list_first_entry(&lock->wait_list, struct mutex_waiter, list)->task;
	if (next)
		wake_up_process(next);
	raw_spin_unlock_irq(&lock->wait_lock);
}

void mutex_unlock(struct mutex *lock)
{
	unsigned long owner = (unsigned long)current;

	WARN_ON_ONCE(__mutex_owner(lock) != current);
	mutex_release(&lock->dep_map, _RET_IP_);
	if (!__atomic_compare_exchange_n(&lock->owner, &owner, 0, false, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED))
		__mutex_unlock_slowpath(lock);
}
