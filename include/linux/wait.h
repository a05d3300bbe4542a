/*
 * Wait queues (Linux's wait.h): a list of sleeping tasks behind a spinlock. A sleeper
 * puts itself on the queue and sets its state before checking its condition
 * (prepare_to_wait), so a waker that changes the condition then calls wake_up() cannot
 * be missed. Exclusive waiters (WQ_FLAG_EXCLUSIVE: completions) are at the tail, and
 * wake_up() wakes one of them; wake_up_all wakes them all.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01

struct wait_queue_entry {
	unsigned int flags;
	void *private;			/* the waiting task */
	wait_queue_func_t func;
	struct list_head entry;		/* on wait_queue_head.head, under its lock */
};

/* lock (taken with irqs off: wake_up may come from interrupts) protects head. */
struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;
typedef struct wait_queue_entry wait_queue_entry_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)	\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key);
/* Wakes and removes the entry (DEFINE_WAIT's function). */
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			     void *key);

#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = {		\
	.private = (tsk), .func = default_wake_function,			\
	.entry = LIST_HEAD_INIT((name).entry) }
#define DEFINE_WAIT(name) struct wait_queue_entry name = {			\
	.private = current, .func = autoremove_wake_function,			\
	.entry = LIST_HEAD_INIT((name).entry) }

static inline bool waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

/* Queues wq_entry (once) and sets current's state; then check the condition, then schedule. */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state);
/* Puts wq_entry on (takes it off) wq_head without touching the task's state (poll). */
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
/* Back to TASK_RUNNING and off the queue. */
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
/* Wakes the non-exclusive waiters and nr_exclusive exclusive ones (0: all). */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key);
/* The same with wq_head->lock already held. */
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);

#define wake_up(x)		__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_all(x)		__wake_up(x, TASK_NORMAL, 0, NULL)

/* Sleeps in state until condition, or timeout jiffies; evaluates to what is left (>= 1). */
#define ___wait_event(wq_head, condition, state, timeout) ({			\
	long __ret = (timeout);							\
	DEFINE_WAIT(__wq_entry);						\
	for (;;) {								\
		prepare_to_wait(&(wq_head), &__wq_entry, (state));		\
		if (condition)							\
			break;							\
		__ret = schedule_timeout(__ret);				\
		if (!__ret) {							\
			__ret = (condition);					\
			break;							\
		}								\
	}									\
	finish_wait(&(wq_head), &__wq_entry);					\
	__ret;									\
})

/* Sleeps (uninterruptibly) until condition is true. Context: may sleep. */
#define wait_event(wq_head, condition) do {					\
	might_sleep();								\
	if (!(condition))							\
		___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE,		\
			      MAX_SCHEDULE_TIMEOUT);				\
} while (0)

/* Return: 0 when timeout elapsed with condition false, else the jiffies left (>= 1). */
#define wait_event_timeout(wq_head, condition, timeout) ({			\
	long __t = (timeout);							\
	might_sleep();								\
	if (!(condition))							\
		__t = ___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, __t); \
	else if (!__t)								\
		__t = 1;							\
	__t;									\
})

#endif
