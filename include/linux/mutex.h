/*
 * Sleeping mutual exclusion (Linux's mutex): one owner at a time, others sleep in FIFO
 * order on wait_list. owner holds the owning task with MUTEX_FLAG_* in its low bits
 * (task_structs are aligned, so those bits are free); the uncontended lock and unlock
 * are a single compare-and-swap of owner. Only the owner may unlock; never from irqs.
 * mutex_init is a macro with a static lockdep key (linux/lockdep.h).
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct task_struct;

/* wait_lock protects wait_list and the MUTEX_FLAG_WAITERS bit's meaning. */
struct mutex {
	unsigned long owner;		/* atomic: task | MUTEX_FLAG_* */
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
#ifdef CONFIG_PROVE_LOCKING
	struct lockdep_map dep_map;
#endif
};

#ifdef CONFIG_PROVE_LOCKING
#define __DEP_MAP_MUTEX_INITIALIZER(lockname)				\
	, .dep_map = STATIC_LOCKDEP_MAP_INIT(#lockname, LD_WAIT_SLEEP)
#else
#define __DEP_MAP_MUTEX_INITIALIZER(lockname)
#endif

#define __MUTEX_INITIALIZER(name) {					\
	.owner = 0,							\
	.wait_lock = __RAW_SPIN_LOCK_UNLOCKED(name.wait_lock),		\
	.wait_list = LIST_HEAD_INIT(name.wait_list)			\
	__DEP_MAP_MUTEX_INITIALIZER(name) }
#define DEFINE_MUTEX(name)	struct mutex name = __MUTEX_INITIALIZER(name)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
#ifdef CONFIG_PROVE_LOCKING
#define mutex_init(mutex) do {						\
	static struct lock_class_key __key;				\
	__mutex_init((mutex), #mutex, &__key);				\
} while (0)
#else
#define mutex_init(mutex)	__mutex_init((mutex), #mutex, NULL)
#endif
/* Takes lock, sleeping while another task holds it. Context: may sleep. */
void mutex_lock(struct mutex *lock);
/* mutex_lock of a second mutex of a class already held, by design. */
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
/* Takes lock if free; returns 1 then, else 0. Never sleeps. */
int mutex_trylock(struct mutex *lock);
/* Releases lock, held by the caller, and wakes the first waiter. */
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
/* The task that holds lock, or NULL. */
struct task_struct *__mutex_owner(struct mutex *lock);

#endif
