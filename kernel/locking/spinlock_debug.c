/*
 * The bodies of spin_lock_init and rwlock_init under CONFIG_PROVE_LOCKING (Linux's
 * spinlock_debug.c): the lock, and its lockdep_map naming the call site's class.
 */
#include <linux/spinlock.h>
#include <linux/rwlock.h>

#ifdef CONFIG_PROVE_LOCKING
void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key)
{
	lock->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;
	lockdep_init_map(&lock->dep_map, name, key, LD_WAIT_SPIN);
}

void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key)
{
	lock->cnt = 0;
	lockdep_init_map(&lock->dep_map, name, key, LD_WAIT_SPIN);
}
#endif
