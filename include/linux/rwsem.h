/*
 * Read-write semaphores (Linux's rwsem API): many readers or one writer, sleeping.
 * Writers are not starved: once a writer waits, new readers queue behind it, and the
 * queue is served in order (a run of readers at its head goes in together). init_rwsem
 * is a macro with a static lockdep key (linux/lockdep.h).
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct task_struct;

/*
 * count: readers holding it (> 0), -1 while a writer holds it, 0 when free. owner: the
 * writer holding it. wait_lock protects count, owner and wait_list.
 */
struct rw_semaphore {
	long count;
	struct task_struct *owner;
	/* Set by a first waiter that waited past RWSEM_WAIT_TIMEOUT: no stealing then. */
	bool handoff;
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
#ifdef CONFIG_PROVE_LOCKING
	struct lockdep_map dep_map;
#endif
};

#ifdef CONFIG_PROVE_LOCKING
#define __RWSEM_DEP_MAP_INIT(lockname)					\
	, .dep_map = STATIC_LOCKDEP_MAP_INIT(#lockname, LD_WAIT_SLEEP)
#else
#define __RWSEM_DEP_MAP_INIT(lockname)
#endif

#define __RWSEM_INITIALIZER(name) {					\
	.count = 0,							\
	.handoff = false,						\
	.owner = NULL,							\
	.wait_lock = __RAW_SPIN_LOCK_UNLOCKED(name.wait_lock),		\
	.wait_list = LIST_HEAD_INIT(name.wait_list)			\
	__RWSEM_DEP_MAP_INIT(name) }
#define DECLARE_RWSEM(name)	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);
#ifdef CONFIG_PROVE_LOCKING
#define init_rwsem(sem) do {						\
	static struct lock_class_key __key;				\
	__init_rwsem((sem), #sem, &__key);				\
} while (0)
#else
#define init_rwsem(sem)		__init_rwsem((sem), #sem, NULL)
#endif
/* Context of the sleeping forms: may sleep. The trylocks return 1 on success. */
void down_read(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
/* down_write of a second rwsem of a class already held, by design (lockdep's subclass). */
void down_write_nested(struct rw_semaphore *sem, int subclass);
int down_write_trylock(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

#endif
