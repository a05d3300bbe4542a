/*
 * Sleeping mutual exclusion (Linux's mutex): one owner at a time, others sleep in FIFO
 * order on wait_list. owner holds the owning task with MUTEX_FLAG_* in its low bits
 * (task_structs are aligned, so those bits are free); the uncontended lock and unlock
 * are a single compare-and-swap of owner. Only the owner may unlock; never from irqs.
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
};

#define __MUTEX_INITIALIZER(name) {					\
	.owner = 0,							\
	.wait_lock = __RAW_SPIN_LOCK_UNLOCKED(name.wait_lock),		\
	.wait_list = LIST_HEAD_INIT(name.wait_list) }
#define DEFINE_MUTEX(name)	struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *lock);
/* Takes lock, sleeping while another task holds it. Context: may sleep. */
void mutex_lock(struct mutex *lock);
/* Takes lock if free; returns 1 then, else 0. Never sleeps. */
int mutex_trylock(struct mutex *lock);
/* Releases lock, held by the caller, and wakes the first waiter. */
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
/* The task that holds lock, or NULL. */
struct task_struct *__mutex_owner(struct mutex *lock);

#endif
