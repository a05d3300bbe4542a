/*
 * rwlock_t: a spinning reader-writer lock (Linux's rwlock API over a simple arch rwlock).
 * cnt counts the readers inside, or is RW_WRITER while a writer is; a writer first sets
 * RW_WAIT_WRITER so no new reader gets in, then waits for the readers to leave, so
 * writers are not starved. A reader in interrupt context ignores a waiting writer (as
 * Linux's qrwlock does): the cpu it interrupted may hold the read lock. Like spinlocks,
 * holding one disables preemption; rwlock_init is a macro with a static lockdep key.
 */
#ifndef _LINUX_RWLOCK_H
#define _LINUX_RWLOCK_H

#include <linux/types.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>
#include <asm/sysreg.h>

#define RW_WRITER	0x80000000u	/* a writer holds the lock */
#define RW_WAIT_WRITER	0x40000000u	/* a writer waits: readers stay out */
#define RW_READERS	0x3fffffffu

typedef struct {
	u32 cnt;	/* atomic: RW_WRITER | RW_WAIT_WRITER | readers */
#ifdef CONFIG_PROVE_LOCKING
	struct lockdep_map dep_map;
#endif
} rwlock_t;

#ifdef CONFIG_PROVE_LOCKING
#define RW_DEP_MAP_INIT(lockname)	, .dep_map = STATIC_LOCKDEP_MAP_INIT(#lockname, LD_WAIT_SPIN)
void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key);
#define rwlock_init(lock) do {						\
	static struct lock_class_key __key;				\
	__rwlock_init((lock), #lock, &__key);				\
} while (0)
#else
#define RW_DEP_MAP_INIT(lockname)
#define rwlock_init(lock)	do { (lock)->cnt = 0; } while (0)
#endif

#define __RW_LOCK_UNLOCKED(lockname)	{ .cnt = 0 RW_DEP_MAP_INIT(lockname) }
#define DEFINE_RWLOCK(name)		rwlock_t name = __RW_LOCK_UNLOCKED(name)

static inline void arch_read_lock(rwlock_t *lock)
{
	u32 v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
	u32 keep_out = in_interrupt() ? RW_WRITER : RW_WRITER | RW_WAIT_WRITER;

	for (;;) {
		if (v & keep_out) {
			cpu_relax();
			v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
		} else if (__atomic_compare_exchange_n(&lock->cnt, &v, v + 1, true,
						       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			return;
		}
	}
}

static inline void arch_read_unlock(rwlock_t *lock)
{
	__atomic_fetch_sub(&lock->cnt, 1, __ATOMIC_RELEASE);
}

/* Writers take turns on RW_WAIT_WRITER, then wait for the readers to drain. */
static inline void arch_write_lock(rwlock_t *lock)
{
	u32 v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	for (;;) {
		if (v & (RW_WRITER | RW_WAIT_WRITER)) {
			cpu_relax();
			v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
		} else if (__atomic_compare_exchange_n(&lock->cnt, &v, v | RW_WAIT_WRITER, true,
						       __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
			break;
		}
	}
	v = RW_WAIT_WRITER;
	while (!__atomic_compare_exchange_n(&lock->cnt, &v, RW_WRITER, true, __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		cpu_relax();
		v = RW_WAIT_WRITER;
	}
}

static inline void arch_write_unlock(rwlock_t *lock)
{
	__atomic_store_n(&lock->cnt, 0, __ATOMIC_RELEASE);
}

/* Inline, for _THIS_IP_; the validator looks before taking and after dropping (spinlock.h). */
static __always_inline void read_lock(rwlock_t *lock)
{
	preempt_disable();
	rwlock_acquire_read(&lock->dep_map, 0, 0, _THIS_IP_);
	arch_read_lock(lock);
}

static __always_inline void read_unlock(rwlock_t *lock)
{
	arch_read_unlock(lock);
	rwlock_release(&lock->dep_map, _THIS_IP_);
	preempt_enable();
}

static __always_inline void write_lock(rwlock_t *lock)
{
	preempt_disable();
	rwlock_acquire(&lock->dep_map, 0, 0, _THIS_IP_);
	arch_write_lock(lock);
}

static __always_inline void write_unlock(rwlock_t *lock)
{
	arch_write_unlock(lock);
	rwlock_release(&lock->dep_map, _THIS_IP_);
	preempt_enable();
}

static __always_inline void read_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	read_lock(lock);
}

static __always_inline void write_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	write_lock(lock);
}

static __always_inline void read_unlock_irq(rwlock_t *lock)
{
	arch_read_unlock(lock);
	rwlock_release(&lock->dep_map, _THIS_IP_);
	local_irq_enable();
	preempt_enable();
}

static __always_inline void write_unlock_irq(rwlock_t *lock)
{
	arch_write_unlock(lock);
	rwlock_release(&lock->dep_map, _THIS_IP_);
	local_irq_enable();
	preempt_enable();
}

#define read_lock_irqsave(lock, flags)	do { local_irq_save(flags); read_lock(lock); } while (0)
#define write_lock_irqsave(lock, flags)	do { local_irq_save(flags); write_lock(lock); } while (0)
#define read_unlock_irqrestore(lock, flags)				\
	do {								\
		arch_read_unlock(lock);					\
		rwlock_release(&(lock)->dep_map, _THIS_IP_);		\
		local_irq_restore(flags);				\
		preempt_enable();					\
	} while (0)
#define write_unlock_irqrestore(lock, flags)				\
	do {								\
		arch_write_unlock(lock);				\
		rwlock_release(&(lock)->dep_map, _THIS_IP_);		\
		local_irq_restore(flags);				\
		preempt_enable();					\
	} while (0)

#endif
