/*
 * Host stand-in for kernel/locking/mutex.c: a host test is one thread, so a mutex is
 * free or held by it, and taking a held one (a deadlock in the kernel) is a BUG.
 * host_mutexes_held lets a test check that a path runs under some mutex.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>

int host_mutexes_held;

void mutex_lock(struct mutex *lock)
{
	BUG_ON(lock->owner);
	lock->owner = 1;
	host_mutexes_held++;
}

void mutex_unlock(struct mutex *lock)
{
	BUG_ON(!lock->owner);
	lock->owner = 0;
	host_mutexes_held--;
}
