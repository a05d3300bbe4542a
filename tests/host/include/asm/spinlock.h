/* Host build: tests run on one thread; taking a held lock is a deadlock, so it is a BUG. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <linux/types.h>
#include <linux/bug.h>

typedef struct {
	int locked;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ 0 }

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	BUG_ON(lock->locked);
	lock->locked = 1;
}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	if (lock->locked)
		return false;
	lock->locked = 1;
	return true;
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	BUG_ON(!lock->locked);
	lock->locked = 0;
}

static inline bool arch_spin_is_locked(arch_spinlock_t *lock)
{
	return lock->locked;
}

#endif
