/*
 * raw_spinlock_t, spinlock_t and their irq-saving forms. Holding either disables
 * preemption (one count of preempt_count per lock held), so a lock is never held across
 * a sleep: might_sleep() reports it. raw_spinlock_t is the scheduler's own kind (rq->lock,
 * p->pi_lock); spinlock_t wraps one, as in Linux without PREEMPT_RT. Under
 * CONFIG_PROVE_LOCKING each lock has a lockdep_map, and spin_lock_init is a macro whose
 * static key makes all the locks it initialises one class (linux/lockdep.h).
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>
#include <asm/spinlock.h>

typedef struct {
	arch_spinlock_t raw;
#ifdef CONFIG_PROVE_LOCKING
	struct lockdep_map dep_map;
#endif
} raw_spinlock_t;

typedef struct {
	raw_spinlock_t rlock;
} spinlock_t;

#ifdef CONFIG_PROVE_LOCKING
#define RAW_SPIN_DEP_MAP_INIT(lockname)					\
	, .dep_map = STATIC_LOCKDEP_MAP_INIT(#lockname, LD_WAIT_SPIN)

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key);
#define raw_spin_lock_init(lock) do {					\
	static struct lock_class_key __key;				\
	__raw_spin_lock_init((lock), #lock, &__key);			\
} while (0)
#define spin_lock_init(_lock) do {					\
	static struct lock_class_key __key;				\
	__raw_spin_lock_init(&(_lock)->rlock, #_lock, &__key);		\
} while (0)
#else
#define RAW_SPIN_DEP_MAP_INIT(lockname)
#define raw_spin_lock_init(lock)					\
	do { (lock)->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED; } while (0)
#define spin_lock_init(_lock)		raw_spin_lock_init(&(_lock)->rlock)
#endif

#define __RAW_SPIN_LOCK_UNLOCKED(lockname)				\
	{ .raw = __ARCH_SPIN_LOCK_UNLOCKED RAW_SPIN_DEP_MAP_INIT(lockname) }
#define DEFINE_RAW_SPINLOCK(name)	raw_spinlock_t name = __RAW_SPIN_LOCK_UNLOCKED(name)
#define __SPIN_LOCK_UNLOCKED(lockname)	{ .rlock = __RAW_SPIN_LOCK_UNLOCKED(lockname) }
#define DEFINE_SPINLOCK(name)		spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

/*
 * Inline, so _THIS_IP_ is the locker's own address, which reports print ("at:"). The
 * validator looks before the lock is taken (a deadlock is reported before it spins) and
 * after it is dropped, to keep its bookkeeping out of the critical section: under TCG
 * on a loaded host, a longer hold made the smp self-test's contended ticket lock stall
 * more often. It never touches the lock itself then, only compares its address.
 */
static __always_inline void raw_spin_lock_nested(raw_spinlock_t *lock, unsigned int subclass)
{
	preempt_disable();
	spin_acquire(&lock->dep_map, subclass, 0, _THIS_IP_);
	arch_spin_lock(&lock->raw);
}

static __always_inline void raw_spin_lock(raw_spinlock_t *lock)
{
	raw_spin_lock_nested(lock, 0);
}

static __always_inline void raw_spin_unlock(raw_spinlock_t *lock)
{
	arch_spin_unlock(&lock->raw);
	spin_release(&lock->dep_map, _THIS_IP_);
	preempt_enable();
}

static __always_inline bool raw_spin_trylock(raw_spinlock_t *lock)
{
	preempt_disable();
	if (arch_spin_trylock(&lock->raw)) {
		spin_acquire(&lock->dep_map, 0, 1, _THIS_IP_);
		return true;
	}
	preempt_enable();
	return false;
}

static inline bool raw_spin_is_locked(raw_spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw);
}

static __always_inline void raw_spin_lock_irq(raw_spinlock_t *lock)
{
	local_irq_disable();
	raw_spin_lock_nested(lock, 0);
}

/* Interrupts come on before the preemption check, so a pending reschedule happens here. */
static __always_inline void raw_spin_unlock_irq(raw_spinlock_t *lock)
{
	arch_spin_unlock(&lock->raw);
	spin_release(&lock->dep_map, _THIS_IP_);
	local_irq_enable();
	preempt_enable();
}

#define raw_spin_lock_irqsave(lock, flags)				\
	do { local_irq_save(flags); raw_spin_lock_nested(lock, 0); } while (0)
#define raw_spin_unlock_irqrestore(lock, flags)				\
	do {								\
		arch_spin_unlock(&(lock)->raw);				\
		spin_release(&(lock)->dep_map, _THIS_IP_);		\
		local_irq_restore(flags);				\
		preempt_enable();					\
	} while (0)

static __always_inline void spin_lock(spinlock_t *lock) { raw_spin_lock(&lock->rlock); }
static __always_inline void spin_unlock(spinlock_t *lock) { raw_spin_unlock(&lock->rlock); }
static __always_inline bool spin_trylock(spinlock_t *lock)
{
	return raw_spin_trylock(&lock->rlock);
}

static inline bool spin_is_locked(spinlock_t *lock) { return raw_spin_is_locked(&lock->rlock); }
static __always_inline void spin_lock_irq(spinlock_t *lock) { raw_spin_lock_irq(&lock->rlock); }
static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	raw_spin_unlock_irq(&lock->rlock);
}

/* A second lock of a class already held, by design (Linux's spin_lock_nested). */
static __always_inline void spin_lock_nested(spinlock_t *lock, unsigned int subclass)
{
	raw_spin_lock_nested(&lock->rlock, subclass);
}

#define spin_lock_irqsave(lock, flags)	raw_spin_lock_irqsave(&(lock)->rlock, flags)
#define spin_unlock_irqrestore(lock, flags) raw_spin_unlock_irqrestore(&(lock)->rlock, flags)

#endif
