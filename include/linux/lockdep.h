/*
 * The lock validator (Linux's lockdep, a much smaller version in kernel/locking/lockdep.c),
 * on under CONFIG_PROVE_LOCKING (debug builds: `make test`, host tests; off in `make bench`).
 *
 * Every lock carries a lockdep_map that names its class: the static lock_class_key of the
 * place that initialised it (spin_lock_init, rwlock_init, mutex_init and init_rwsem are
 * macros that declare one), so every lock initialised at one place is one class; a lock
 * initialised statically (DEFINE_SPINLOCK, DEFINE_MUTEX, ...) is a class of its own. Each
 * task keeps the locks it holds; every acquisition is checked against them and against
 * everything seen before: the same class taken twice (recursion), an order that closes a
 * cycle in the graph of class pairs seen nested (circular dependency), a lock taken in
 * hardirq context that is also taken with interrupts on (inconsistent lock state), or an
 * irq-safe lock held while taking an irq-unsafe one. Reports use Linux's wording.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

#include <linux/types.h>

/*
 * The caller's address (out-of-line lock functions) or this place's (inline ones); the
 * empty asm goto keeps the label where it is written (as Linux's _THIS_IP_ now does).
 */
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#define _THIS_IP_	({ __label__ __here; __here: __asm__ goto("" : : : : __here);	\
			   (unsigned long)&&__here; })

#define MAX_LOCKDEP_SUBCLASSES	8
/* The subclass of the second lock of one class taken by design (spin_lock_nested). */
#define SINGLE_DEPTH_NESTING	1

/* What a waiter for the lock does (Linux's values): spins, or sleeps. */
enum lockdep_wait_type {
	LD_WAIT_INV = 0,
	LD_WAIT_SPIN = 2,
	LD_WAIT_SLEEP = 3,
};

/* The reports, as bits: what lockdep_expect_end says a self-test provoked. */
enum lockdep_report_kind {
	LOCKDEP_RECURSIVE	= 1 << 0,	/* possible recursive locking detected */
	LOCKDEP_CIRCULAR	= 1 << 1,	/* possible circular locking dependency */
	LOCKDEP_INCONSISTENT	= 1 << 2,	/* inconsistent lock state */
	LOCKDEP_IRQ_ORDER	= 1 << 3,	/* HARDIRQ-safe -> HARDIRQ-unsafe lock order */
	LOCKDEP_BAD_UNLOCK	= 1 << 4,	/* bad unlock balance */
	LOCKDEP_SLEEP		= 1 << 5,	/* sleeping function called from invalid context */
	LOCKDEP_LIMIT		= 1 << 6,	/* a table is full, or a key is not static */
};

/* mutex_init and init_rwsem pass NULL for it without CONFIG_PROVE_LOCKING. */
struct lock_class_key;

#ifdef CONFIG_PROVE_LOCKING

/* A class's identity is the address of one of these bytes: subkeys[subclass]. */
struct lock_class_key {
	char subkeys[MAX_LOCKDEP_SUBCLASSES];
};

struct lock_class;

/* Per lock: its class's key and name; class_cache is set on first use (subclass 0). */
struct lockdep_map {
	struct lock_class_key *key;	/* NULL: statically initialised, the map is its key */
	struct lock_class *class_cache;
	const char *name;
	u8 wait_type_inner;		/* enum lockdep_wait_type */
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _wait)				\
	{ .key = NULL, .class_cache = NULL, .name = (_name), .wait_type_inner = (_wait) }

/* One lock a task holds: which, where taken, and how. */
struct held_lock {
	struct lockdep_map *instance;
	unsigned long acquire_ip;
	u16 class_idx;
	u8 read;		/* 0: exclusive; 1: shared; 2: shared, may recurse (irq reader) */
	u8 trylock;
	u8 hardirq;		/* taken in hardirq context */
};

#define MAX_LOCK_DEPTH	32

/*
 * A task's locks, oldest first (struct task_struct.lockdep). Only the task changes it,
 * with interrupts off, so an interrupt's locks stack on top of the interrupted task's.
 * recursion: inside lockdep (its own printk's locks are not tracked). expecting: a
 * self-test provokes reports, which are then recorded in reported and not printed.
 */
struct lockdep_task {
	int depth;
	int recursion;
	int expecting;
	unsigned int reported;		/* enum lockdep_report_kind bits */
	struct held_lock held_locks[MAX_LOCK_DEPTH];
};

/* Zero once a report has been printed: the checks stop, as in Linux, to spare a flood. */
extern int debug_locks;

/* Names map's class: key (NULL for a static lock) and name, for a lock of wait_type. */
void lockdep_init_map(struct lockdep_map *map, const char *name, struct lock_class_key *key,
		      int wait_type);
/*
 * lock_acquire - check and record that the running task takes map's lock
 * @subclass: 0, or the nesting level of a lock of a class already held (_nested calls)
 * @trylock: cannot deadlock, so adds no dependency; @read: held_lock.read's values.
 * Context: any; before the lock is actually taken.
 */
void lock_acquire(struct lockdep_map *map, unsigned int subclass, int trylock, int read,
		  unsigned long ip);
/* Records that the running task releases map's lock. Context: any, before the unlock. */
void lock_release(struct lockdep_map *map, unsigned long ip);
/* Prints the running task's held locks, as "N locks held by comm/pid:" and a line each. */
void lockdep_print_held_locks(void);
/*
 * Whether a report of kind should be printed (lockdep's own, and might_sleep's): not when
 * the running task expects it, which only records it.
 */
bool lockdep_report(unsigned int kind);
/* A self-test is about to provoke reports: record them for lockdep_expect_end; print? */
void lockdep_expect_begin(bool print);
/* Ends lockdep_expect_begin; returns the kinds reported since (lockdep_report_kind). */
unsigned int lockdep_expect_end(void);
/*
 * Forgets what the classes of key learnt (dependencies, irq usage), so a self-test can
 * provoke the same report again. No lock of key may be held or taken meanwhile.
 */
void lockdep_reset_key(struct lock_class_key *key);
/* Drops the running task's held locks and turns the checks back on (between tests). */
void lockdep_reset(void);

#define lock_acquire_exclusive(l, s, t, i)	lock_acquire(l, s, t, 0, i)
#define lock_acquire_shared(l, s, t, i)		lock_acquire(l, s, t, 1, i)
#define spin_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, i)
#define spin_release(l, i)			lock_release(l, i)
#define rwlock_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, i)
/* A reader in interrupt context passes a waiting writer (rwlock.h): it may recurse. */
#define rwlock_acquire_read(l, s, t, i)	lock_acquire(l, s, t, in_interrupt() ? 2 : 1, i)
#define rwlock_release(l, i)			lock_release(l, i)
#define mutex_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, i)
#define mutex_release(l, i)			lock_release(l, i)
#define rwsem_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, i)
#define rwsem_acquire_read(l, s, t, i)		lock_acquire_shared(l, s, t, i)
#define rwsem_release(l, i)			lock_release(l, i)

#else /* !CONFIG_PROVE_LOCKING */

#define spin_acquire(l, s, t, i)		do { } while (0)
#define spin_release(l, i)			do { } while (0)
#define rwlock_acquire(l, s, t, i)		do { } while (0)
#define rwlock_acquire_read(l, s, t, i)	do { } while (0)
#define rwlock_release(l, i)			do { } while (0)
#define mutex_acquire(l, s, t, i)		do { } while (0)
#define mutex_release(l, i)			do { } while (0)
#define rwsem_acquire(l, s, t, i)		do { } while (0)
#define rwsem_acquire_read(l, s, t, i)		do { } while (0)
#define rwsem_release(l, i)			do { } while (0)

static inline void lockdep_print_held_locks(void) { }
static inline bool lockdep_report(unsigned int kind) { return true; }

#endif /* CONFIG_PROVE_LOCKING */

#endif
