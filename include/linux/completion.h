/*
 * Completions (Linux's completion.h): one task waits for another to say "done". done
 * counts the complete() calls not yet consumed by a waiter; complete_all sets it to
 * UINT_MAX so every present and future waiter passes. Protected by wait.lock.
 */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work)	struct completion work = COMPLETION_INITIALIZER(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

/* On the stack the lock needs a key of its own (a static lock is its own key: lockdep.h). */
#define DECLARE_COMPLETION_ONSTACK(work)				\
	struct completion work = (*({ init_completion(&work); &work; }))

/* Wakes one waiter (or lets the next wait_for_completion pass). Any context. */
void complete(struct completion *x);
/* Wakes every waiter, now and later, until reinit_completion. Any context. */
void complete_all(struct completion *x);
/* Sleeps until complete(). Context: may sleep. */
void wait_for_completion(struct completion *x);
/* Return: 0 on timeout, else the jiffies left (at least 1). Context: may sleep. */
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
/* Whether a complete() is pending (wait_for_completion would not sleep). */
bool completion_done(struct completion *x);

#endif
