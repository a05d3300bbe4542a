/* spinlock_t and its irq-saving forms. A spinlock is never held across a sleep. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/irqflags.h>
#include <asm/spinlock.h>

typedef struct {
	arch_spinlock_t raw;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ __ARCH_SPIN_LOCK_UNLOCKED }
#define DEFINE_SPINLOCK(name)		spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;
}

static inline void spin_lock(spinlock_t *lock) { arch_spin_lock(&lock->raw); }
static inline void spin_unlock(spinlock_t *lock) { arch_spin_unlock(&lock->raw); }
static inline bool spin_trylock(spinlock_t *lock) { return arch_spin_trylock(&lock->raw); }
static inline bool spin_is_locked(spinlock_t *lock) { return arch_spin_is_locked(&lock->raw); }

#define spin_lock_irqsave(lock, flags)				\
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags)			\
	do { spin_unlock(lock); local_irq_restore(flags); } while (0)

static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

#endif
