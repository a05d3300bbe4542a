/*
 * Host stand-ins for the kthreads and completions of mm/mm_init.c's page_alloc_init_late:
 * a host test is one thread, so a kthread runs to its end when woken, and a completion
 * must already be complete when waited for (else the wait would never end: BUG).
 */
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/time.h>

/* A kthread made and not yet woken: what to run, and a task to name it by. */
struct host_kthread {
	struct task_struct task;
	int (*threadfn)(void *data);
	void *data;
};

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	struct host_kthread *k = calloc(1, sizeof(*k));

	BUG_ON(!k);
	k->threadfn = threadfn;
	k->data = data;
	k->task.usage = 1;	/* the live task's */
	return &k->task;
}

void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask)
{
}

/* Only the kthreads made above are ever woken here: each runs to its end, once. */
int wake_up_process(struct task_struct *p)
{
	struct host_kthread *k = container_of(p, struct host_kthread, task);

	k->threadfn(k->data);
	p->__state = TASK_DEAD;
	put_task_struct(p);
	return 1;
}

void __put_task_struct(struct task_struct *p)
{
	free(container_of(p, struct host_kthread, task));
}

/* page_alloc_init_late's wait for a thread to be released: they all are, at once. */
long schedule_timeout_uninterruptible(long timeout)
{
	BUG();
}

void complete(struct completion *x)
{
	x->done++;
}

void wait_for_completion(struct completion *x)
{
	BUG_ON(!x->done);
	x->done--;
}

u64 local_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}
