/*
 * Making and ending tasks (Linux's kernel/fork.c and kernel/exit.c, kernel threads only):
 * a task_struct from kmalloc and a THREAD_SIZE-aligned stack from the page allocator,
 * both on the node the task is meant for. Both go back with the last reference to the
 * task, which the task itself holds until it has been switched away from for the last
 * time (finish_task_switch); kthread_stop holds another while it reads the result.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/numa.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>

#define THREAD_SIZE_ORDER	(THREAD_SHIFT - PAGE_SHIFT)

/* Protects the task list (init_task.tasks) and nr_threads. */
DEFINE_SPINLOCK(tasklist_lock);
int nr_threads;
/* The last pid given out; idle tasks are pid 0, kernel_init 1, kthreadd 2. */
static int last_pid;
/* task_structs from alloc_task_struct not yet given back by free_task (atomic). */
static int task_structs_allocated;

int nr_task_structs(void)
{
	return __atomic_load_n(&task_structs_allocated, __ATOMIC_RELAXED);
}

static struct task_struct *alloc_task_struct(int node)
{
	struct task_struct *tsk = kmalloc_node(sizeof(*tsk), GFP_KERNEL | __GFP_ZERO, node);
	struct page *page;

	if (!tsk)
		return NULL;
	page = alloc_pages_node(node, GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!page) {
		kfree(tsk);
		return NULL;
	}
	tsk->stack = page_address(page);
	tsk->usage = 1;
	__atomic_fetch_add(&task_structs_allocated, 1, __ATOMIC_RELAXED);
	tsk->pref_node_fork = NUMA_NO_NODE;
	raw_spin_lock_init(&tsk->pi_lock);
	INIT_LIST_HEAD(&tsk->tasks);
	return tsk;
}

static void free_task(struct task_struct *tsk)
{
	if (tsk->stack)
		free_pages((unsigned long)tsk->stack, THREAD_SIZE_ORDER);
	free_kthread_struct(tsk);
	kfree(tsk);
	__atomic_fetch_sub(&task_structs_allocated, 1, __ATOMIC_RELAXED);
}

void __put_task_struct(struct task_struct *tsk)
{
	WARN_ON(!(tsk->__state & TASK_DEAD));
	free_task(tsk);
}

/*
 * A kernel thread's task, not yet runnable (TASK_NEW): sched_fork and copy_thread done,
 * its fd table and fs_struct shared with current or copied (CLONE_FILES, CLONE_FS).
 */
static struct task_struct *copy_process(int (*fn)(void *), void *arg, const char *name,
					int node, unsigned long clone_flags)
{
	struct task_struct *p = alloc_task_struct(node);
	int err;

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->flags = PF_KTHREAD;
	strscpy(p->comm, name, sizeof(p->comm));
	err = copy_files(clone_flags, p);
	if (!err) {
		err = copy_fs(clone_flags, p);
		if (err)
			exit_files(p);
	}
	if (err) {
		p->__state = TASK_DEAD;
		put_task_struct(p);
		return ERR_PTR(err);
	}
	sched_fork(p);
	copy_thread(p, fn, arg);
	return p;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags)
{
	struct task_struct *p = copy_process(fn, arg, name, current->pref_node_fork, flags);
	pid_t pid;

	if (IS_ERR(p))
		return (pid_t)PTR_ERR(p);
	spin_lock(&tasklist_lock);
	pid = p->pid = ++last_pid;
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	spin_unlock(&tasklist_lock);
	wake_up_new_task(p);
	return pid;
}

struct task_struct *fork_idle(int cpu)
{
	struct task_struct *p = copy_process(NULL, NULL, "swapper", cpu_to_node(cpu),
					     CLONE_FS | CLONE_FILES);

	if (!IS_ERR(p))
		init_idle(p, cpu);
	return p;
}

void __noreturn do_exit(long code)
{
	struct task_struct *tsk = current;

	WARN_ON(irqs_disabled() || in_atomic());
	tsk->flags |= PF_EXITING;
	tsk->exit_code = (int)code;
	exit_files(tsk);
	exit_fs(tsk);
	spin_lock(&tasklist_lock);
	list_del_init(&tsk->tasks);
	nr_threads--;
	spin_unlock(&tasklist_lock);
	do_task_dead();
}

/* The live task with pid nr, or NULL. Linux's find_task_by_vpid, by a walk of the list. */
struct task_struct *find_task_by_vpid(pid_t nr)
{
	struct task_struct *p, *found = NULL;

	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pid == nr) {
			found = p;
			break;
		}
	spin_unlock(&tasklist_lock);
	return found;
}
