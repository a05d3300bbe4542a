/*
 * Kernel threads (Linux's kernel/kthread.c). kthread_create queues a request for
 * kthreadd and waits; kthreadd forks a task that runs kthread(), which records its
 * struct kthread, tells the creator and sleeps until woken; then it runs threadfn.
 * kthread_stop sets KTHREAD_SHOULD_STOP and waits on kthread->exited.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/numa.h>
#include <linux/completion.h>
#include <linux/kthread.h>

enum kthread_bits {
	KTHREAD_IS_PER_CPU = 0,
	KTHREAD_SHOULD_STOP,
};

/* What a kthread keeps for its stopper; owned by the task, freed with it. */
struct kthread {
	unsigned long flags;		/* KTHREAD_* bits, atomic */
	int result;			/* threadfn's return, for kthread_stop */
	void *data;
	struct completion exited;	/* completed by kthread_exit */
};

/* A request to kthreadd; on the creator's stack, protected by kthread_create_lock. */
struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	int node;
	char name[TASK_COMM_LEN];
	struct task_struct *result;
	struct completion done;
	struct list_head list;		/* on kthread_create_list */
};

struct task_struct *kthreadd_task;
static DEFINE_SPINLOCK(kthread_create_lock);
static LIST_HEAD(kthread_create_list);

static struct kthread *to_kthread(struct task_struct *k)
{
	WARN_ON(!(k->flags & PF_KTHREAD));
	return k->worker_private;
}

void free_kthread_struct(struct task_struct *k)
{
	kfree(k->worker_private);
	k->worker_private = NULL;
}

static bool kthread_test_bit(struct kthread *kthread, int bit)
{
	return (__atomic_load_n(&kthread->flags, __ATOMIC_ACQUIRE) >> bit) & 1;
}

bool kthread_should_stop(void)
{
	return kthread_test_bit(to_kthread(current), KTHREAD_SHOULD_STOP);
}

void __noreturn kthread_exit(long result)
{
	struct kthread *kthread = to_kthread(current);

	kthread->result = (int)result;
	complete(&kthread->exited);
	do_exit(0);
}

/* Every kthread starts here: report to the creator, sleep until woken, run threadfn. */
static int kthread(void *_create)
{
	struct kthread_create_info *create = _create;
	int (*threadfn)(void *data) = create->threadfn;
	struct kthread *self = kzalloc(sizeof(*self), GFP_KERNEL);
	int ret = -EINTR;

	if (!self) {
		create->result = ERR_PTR(-ENOMEM);
		complete(&create->done);
		do_exit(-ENOMEM);
	}
	self->data = create->data;
	init_completion(&self->exited);
	current->worker_private = self;
	/* Asleep before the creator learns of us; preemption off so we get to schedule(). */
	__set_current_state(TASK_UNINTERRUPTIBLE);
	create->result = current;
	preempt_disable();
	complete(&create->done);
	schedule_preempt_disabled();
	preempt_enable();
	if (!kthread_test_bit(self, KTHREAD_SHOULD_STOP))
		ret = threadfn(self->data);
	kthread_exit(ret);
}

static void create_kthread(struct kthread_create_info *create)
{
	pid_t pid;

	current->pref_node_fork = create->node;
	pid = kernel_thread(kthread, create, create->name, 0);
	if (pid < 0) {
		create->result = ERR_PTR(pid);
		complete(&create->done);
	}
}

int kthreadd(void *unused)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (list_empty(&kthread_create_list))
			schedule();
		__set_current_state(TASK_RUNNING);
		spin_lock(&kthread_create_lock);
		while (!list_empty(&kthread_create_list)) {
			struct kthread_create_info *create =
				list_first_entry(&kthread_create_list,
						 struct kthread_create_info, list);

			list_del_init(&create->list);
			spin_unlock(&kthread_create_lock);
			create_kthread(create);
			spin_lock(&kthread_create_lock);
		}
		spin_unlock(&kthread_create_lock);
	}
	return 0;
}

static struct task_struct *__kthread_create_on_node(int (*threadfn)(void *data), void *data,
						    int node, const char *namefmt, va_list args)
{
	struct kthread_create_info create = {
		.threadfn = threadfn,
		.data = data,
		.node = node,
	};

	might_sleep();
	vsnprintf(create.name, sizeof(create.name), namefmt, args);
	init_completion(&create.done);
	spin_lock(&kthread_create_lock);
	list_add_tail(&create.list, &kthread_create_list);
	spin_unlock(&kthread_create_lock);
	wake_up_process(kthreadd_task);
	wait_for_completion(&create.done);
	return create.result;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	struct task_struct *task;
	va_list args;

	va_start(args, namefmt);
	task = __kthread_create_on_node(threadfn, data, node, namefmt, args);
	va_end(args);
	return task;
}

void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask)
{
	if (!wait_task_inactive(k, TASK_UNINTERRUPTIBLE)) {
		WARN_ON(1);
		return;
	}
	WARN_ON(set_cpus_allowed_ptr(k, mask));
	k->flags |= PF_NO_SETAFFINITY;
}

void kthread_bind(struct task_struct *k, unsigned int cpu)
{
	struct cpumask mask;

	cpumask_clear(&mask);
	cpumask_set_cpu(cpu, &mask);
	kthread_bind_mask(k, &mask);
}

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt)
{
	struct task_struct *p = kthread_create_on_node(threadfn, data, cpu_to_node(cpu),
						       namefmt, cpu);

	if (IS_ERR(p))
		return p;
	kthread_bind(p, cpu);
	__atomic_fetch_or(&to_kthread(p)->flags, 1UL << KTHREAD_IS_PER_CPU, __ATOMIC_RELAXED);
	return p;
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kthread;
	int ret;

	get_task_struct(k);
	kthread = to_kthread(k);
	__atomic_fetch_or(&kthread->flags, 1UL << KTHREAD_SHOULD_STOP, __ATOMIC_RELEASE);
	wake_up_process(k);
	wait_for_completion(&kthread->exited);
	ret = kthread->result;
	put_task_struct(k);
	return ret;
}
