/*
 * Kernel threads (Linux's kthread.h): made by kthreadd on request, so they all start from
 * a clean context; created asleep, started with wake_up_process (kthread_run does both),
 * and stopped with kthread_stop, which returns what the thread function returned.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/sched.h>

/*
 * kthread_create_on_node - a new kernel thread running threadfn(data), asleep
 * node: where its stack and task come from (NUMA_NO_NODE: anywhere); namefmt: its name.
 * Return: the task, or ERR_PTR(-ENOMEM). Context: may sleep (waits for kthreadd).
 */
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...) __printf(4, 5);
#define kthread_create(threadfn, data, namefmt, ...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##__VA_ARGS__)

/* A kthread bound to cpu, named with namefmt and the cpu number ("kworker/%u:0"). */
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt);

#define kthread_run(threadfn, data, namefmt, ...) ({				\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!IS_ERR(__k))							\
		wake_up_process(__k);						\
	__k;									\
})

/* Binds a just-created (not yet woken) kthread to cpu, or to the cpus of mask. May sleep. */
void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask);
/* For the thread function: true once kthread_stop was called for this thread. */
bool kthread_should_stop(void);
/*
 * kthread_stop - ask k to stop, wake it, wait for it to exit
 * Return: threadfn's return value, or -EINTR when k was stopped before it ran threadfn.
 * Context: may sleep; k must not exit on its own before (hold a reference if it may).
 */
int kthread_stop(struct task_struct *k);
/* Ends the calling kthread with result (what kthread_stop returns). */
void __noreturn kthread_exit(long result);
/* The thread that makes kthreads (pid 2), started by rest_init. */
int kthreadd(void *unused);
extern struct task_struct *kthreadd_task;
/* Frees k's struct kthread with the task (kernel/fork.c). */
void free_kthread_struct(struct task_struct *k);

#endif
