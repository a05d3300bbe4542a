/*
 * What fs/jbd2 needs from a host test: kthreads that really run (kjournald2), the
 * schedule() and wake-ups under kernel/sched/wait.c's wait queues, timers, and the
 * buffer writes and flushes of the block layer over tests/host/bdev_image.c.
 *
 * The tasks are POSIX threads, but only one runs at a time: the one host_running
 * names, until it sleeps in schedule(), which hands the baton to a runnable task. So
 * the kernel code runs as on one cpu without preemption, the host build's spinlocks (a
 * held one is a BUG) stay right, and a sleep that no task is left to end is reported as
 * the deadlock it is. current is per thread (host_current, which tests/host/host_task.c's
 * get_current returns when set). Timers never fire: a test moves jiffies_64 and calls
 * what a timer would.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/buffer_head.h>
#include <linux/blkdev.h>
#include <linux/pagemap.h>
#include "bdev_image.h"
#include "host_jbd2.h"

extern __thread struct task_struct *host_current;

u64 jiffies_64;
long host_flushes;		/* blkdev_issue_flush and REQ_PREFLUSH writes */
long host_fua_writes;		/* writes with REQ_FUA */

/* A host kthread: its task, its thread, and what it runs. */
struct host_kthread {
	struct task_struct task;
	pthread_t thread;
	int (*threadfn)(void *data);
	void *data;
	struct host_kthread *next;	/* on host_kthreads, under host_baton_lock */
};

static pthread_mutex_t host_baton_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t host_baton_cond = PTHREAD_COND_INITIALIZER;
static struct task_struct *host_running;	/* who may run; NULL: the test's thread */
static struct task_struct *host_test_task;	/* the test thread's current */
static struct host_kthread *host_kthreads;	/* live ones */

/* The task the baton goes to when me sleeps: a runnable kthread, else the test. */
static struct task_struct *pick_next(struct task_struct *me)
{
	struct host_kthread *k;

	for (k = host_kthreads; k; k = k->next)
		if (&k->task != me && task_is_running(&k->task))
			return &k->task;
	if (host_test_task && host_test_task != me && task_is_running(host_test_task))
		return host_test_task;
	fprintf(stderr, "host_jbd2: %s sleeps and no task is runnable: a deadlock\n", me->comm);
	abort();
}

/* Hands the baton on and waits for it. Called with host_baton_lock. */
static void switch_from(struct task_struct *me)
{
	host_running = pick_next(me);
	pthread_cond_broadcast(&host_baton_cond);
	while (host_running != me)
		pthread_cond_wait(&host_baton_cond, &host_baton_lock);
}

void schedule(void)
{
	struct task_struct *me = current;

	pthread_mutex_lock(&host_baton_lock);
	if (!host_current)
		host_test_task = me;
	if (!task_is_running(me))
		switch_from(me);
	pthread_mutex_unlock(&host_baton_lock);
}

long schedule_timeout(long timeout)
{
	BUG_ON(timeout != MAX_SCHEDULE_TIMEOUT);
	schedule();
	return timeout;
}

/* Makes p runnable if it sleeps in one of state; it runs when the running task next sleeps. */
int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	if (!(READ_ONCE(p->__state) & state))
		return 0;
	WRITE_ONCE(p->__state, TASK_RUNNING);
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL, 0);
}

static void *host_kthread_main(void *arg)
{
	struct host_kthread *k = arg;
	struct host_kthread **pp;

	host_current = &k->task;
	pthread_mutex_lock(&host_baton_lock);
	while (host_running != &k->task)
		pthread_cond_wait(&host_baton_cond, &host_baton_lock);
	pthread_mutex_unlock(&host_baton_lock);
	k->threadfn(k->data);
	pthread_mutex_lock(&host_baton_lock);
	for (pp = &host_kthreads; *pp != k; pp = &(*pp)->next)
		;
	*pp = k->next;
	k->task.__state = TASK_DEAD;
	host_running = pick_next(&k->task);
	pthread_cond_broadcast(&host_baton_cond);
	pthread_mutex_unlock(&host_baton_lock);
	/* Like a reaped task: nothing refers to it (kjournald2 cleared j_task). */
	free(k);
	return NULL;
}

/* A kthread, asleep until woken; its thread waits for the baton. */
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	struct host_kthread *k = calloc(1, sizeof(*k));
	va_list ap;

	BUG_ON(!k);
	k->threadfn = threadfn;
	k->data = data;
	k->task.__state = TASK_UNINTERRUPTIBLE;
	va_start(ap, namefmt);
	vsnprintf(k->task.comm, sizeof(k->task.comm), namefmt, ap);
	va_end(ap);
	pthread_mutex_lock(&host_baton_lock);
	if (!host_current)
		host_test_task = current;
	k->next = host_kthreads;
	host_kthreads = k;
	pthread_mutex_unlock(&host_baton_lock);
	BUG_ON(pthread_create(&k->thread, NULL, host_kthread_main, k));
	pthread_detach(k->thread);
	return &k->task;
}

void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *), unsigned int flags)
{
	timer->function = fn;
	timer->flags = flags;
	timer->entry.next = NULL;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	int pending = timer->entry.next != NULL;

	timer->expires = expires;
	timer->entry.next = &timer->entry;
	return pending;
}

int del_timer_sync(struct timer_list *timer)
{
	int pending = timer->entry.next != NULL;

	timer->entry.next = NULL;
	return pending;
}

/* The block layer: writes go to the image at once; flushes are counted. */
int submit_bh(blk_opf_t opf, struct buffer_head *bh)
{
	int err;

	BUG_ON((opf & REQ_OP_MASK) != REQ_OP_WRITE || !buffer_locked(bh));
	if (opf & REQ_PREFLUSH)
		host_flushes++;
	if (opf & REQ_FUA)
		host_fua_writes++;
	set_buffer_dirty(bh);
	err = sync_dirty_buffer(bh);
	bh->b_end_io(bh, !err);
	return 0;
}

void end_buffer_write_sync(struct buffer_head *bh, int uptodate)
{
	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		set_buffer_write_io_error(bh);
		clear_buffer_uptodate(bh);
	}
	unlock_buffer(bh);
	put_bh(bh);
}

void write_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags)
{
	lock_buffer(bh);
	if (!test_clear_buffer_dirty(bh)) {
		unlock_buffer(bh);
		return;
	}
	bh->b_end_io = end_buffer_write_sync;
	get_bh(bh);
	submit_bh(REQ_OP_WRITE | op_flags, bh);
}

int sync_blockdev(struct block_device *bdev)
{
	return bdev_image_sync(bdev);
}

int blkdev_issue_flush(struct block_device *bdev)
{
	host_flushes++;
	return 0;
}

/*
 * No page cache on the host: a mapping holds no pages, so ordered data has nothing to
 * write or wait for (the tests write file data through buffers before committing).
 */
int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end)
{
	BUG_ON(mapping->nrpages);
	return 0;
}

int filemap_fdatawait_range(struct address_space *mapping, loff_t start_byte, loff_t end_byte)
{
	BUG_ON(mapping->nrpages);
	return 0;
}
