/*
 * Host stand-in for kernel/locking/mutex.c: a host test is one thread, so a mutex is
 * free or held by it, and taking a held one (a deadlock in the kernel) is a BUG. The
 * validator sees them as the kernel's do. host_mutexes_held lets a test check that a
 * path runs under some mutex.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>

int host_mutexes_held;

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->owner = 0;
	lockdep_init_map(&lock->dep_map, name, key, LD_WAIT_SLEEP);
}

static void host_mutex_lock(struct mutex *lock, unsigned int subclass, unsigned long ip)
{
	might_sleep();
	mutex_acquire(&lock->dep_map, subclass, 0, ip);
	BUG_ON(lock->owner);
	lock->owner = 1;
	host_mutexes_held++;
}

void mutex_lock(struct mutex *lock)
{
	host_mutex_lock(lock, 0, _RET_IP_);
}

void mutex_lock_nested(struct mutex *lock, unsigned int subclass)
{
	host_mutex_lock(lock, subclass, _RET_IP_);
}

void mutex_unlock(struct mutex *lock)
{
	mutex_release(&lock->dep_map, _RET_IP_);
	BUG_ON(!lock->owner);
	lock->owner = 0;
	host_mutexes_held--;
}

int mutex_trylock(struct mutex *lock)
{
	if (lock->owner)
		return 0;
	host_mutex_lock(lock, 0, _RET_IP_);
	return 1;
}
