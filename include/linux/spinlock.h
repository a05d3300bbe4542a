/*
 * raw_spinlock_t, spinlock_t and their irq-saving forms. Holding either disables
 * preemption (one count of preempt_count per lock held), so a lock is never held across
 * a sleep: might_sleep() reports it. raw_spinlock_t is the scheduler's own kind (rq->lock,
 * p->pi_lock); spinlock_t wraps one, as in Linux without PREEMPT_RT.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <asm/spinlock.h>

typedef struct {
	arch_spinlock_t raw;
} raw_spinlock_t;

typedef struct {
	raw_spinlock_t rlock;
} spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED(name)	{ __ARCH_SPIN_LOCK_UNLOCKED }
#define DEFINE_RAW_SPINLOCK(name)	raw_spinlock_t name = __RAW_SPIN_LOCK_UNLOCKED(name)
#define __SPIN_LOCK_UNLOCKED(name)	{ __RAW_SPIN_LOCK_UNLOCKED(name) }
#define DEFINE_SPINLOCK(name)		spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void raw_spin_lock_init(raw_spinlock_t *lock)
{
	lock->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;
}

static inline void raw_spin_lock(raw_spinlock_t *lock)
{
	preempt_disable();
	arch_spin_lock(&lock->raw);
}

static inline void raw_spin_unlock(raw_spinlock_t *lock)
{
	arch_spin_unlock(&lock->raw);
	preempt_enable();
}

static inline bool raw_spin_trylock(raw_spinlock_t *lock)
{
	preempt_disable();
	if (arch_spin_trylock(&lock->raw))
		return true;
	preempt_enable();
	return false;
}

static inline bool raw_spin_is_locked(raw_spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw);
}

static inline void raw_spin_lock_irq(raw_spinlock_t *lock)
{
	local_irq_disable();
	raw_spin_lock(lock);
}

/* Interrupts come on before the preemption check, so a pending reschedule happens here. */
static inline void raw_spin_unlock_irq(raw_spinlock_t *lock)
{
	arch_spin_unlock(&lock->raw);
	local_irq_enable();
	preempt_enable();
}

#define raw_spin_lock_irqsave(lock, flags)				\
	do { local_irq_save(flags); raw_spin_lock(lock); } while (0)
#define raw_spin_unlock_irqrestore(lock, flags)				\
	do {								\
		arch_spin_unlock(&(lock)->raw);				\
		local_irq_restore(flags);				\
		preempt_enable();					\
	} while (0)

static inline void spin_lock_init(spinlock_t *lock) { raw_spin_lock_init(&lock->rlock); }
static inline void spin_lock(spinlock_t *lock) { raw_spin_lock(&lock->rlock); }
static inline void spin_unlock(spinlock_t *lock) { raw_spin_unlock(&lock->rlock); }
static inline bool spin_trylock(spinlock_t *lock) { return raw_spin_trylock(&lock->rlock); }
static inline bool spin_is_locked(spinlock_t *lock) { return raw_spin_is_locked(&lock->rlock); }
static inline void spin_lock_irq(spinlock_t *lock) { raw_spin_lock_irq(&lock->rlock); }
static inline void spin_unlock_irq(spinlock_t *lock) { raw_spin_unlock_irq(&lock->rlock); }

#define spin_lock_irqsave(lock, flags)	raw_spin_lock_irqsave(&(lock)->rlock, flags)
#define spin_unlock_irqrestore(lock, flags) raw_spin_unlock_irqrestore(&(lock)->rlock, flags)

#endif
