/*
 * Making tasks (Linux's kernel/fork.c): kernel threads (kernel_thread) and user
 * processes and threads (fork, vfork, clone, clone3), all through kernel_clone ->
 * copy_process, which duplicates or shares each part of the parent as the clone flags
 * say: the address space (copy_mm: dup_mm copies the VMAs and, with COW, the page
 * tables), signal handlers (copy_sighand), the thread group's signal_struct
 * (copy_signal), credentials, and the architecture's registers (copy_thread).
 *
 * A task_struct comes from kmalloc and its THREAD_SIZE-aligned stack from the page
 * allocator, on the node the task is meant for. References (usage): one for the live
 * task, dropped once it has been switched away from for the last time
 * (finish_task_switch), and one for its place in the task lists, dropped by
 * release_task when it is reaped (kernel/exit.c).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mempolicy.h>
#include <uapi/linux/mman.h>
#include <linux/slab.h>
#include <linux/numa.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/kthread.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/futex.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <asm/fpsimd.h>
#include <asm/uaccess.h>

#define THREAD_SIZE_ORDER	(THREAD_SHIFT - PAGE_SHIFT)

/* Protects the task list (init_task.tasks), nr_threads and every parent/child link. */
DEFINE_SPINLOCK(tasklist_lock);
int nr_threads;
/* The last pid given out; idle tasks are pid 0, kernel_init 1, kthreadd 2. */
int last_pid;
/* task_structs from alloc_task_struct not yet given back by free_task (atomic). */
static int task_structs_allocated;
/* Processes forked since boot (for /proc/stat's "processes"; atomic). */
unsigned long total_forks;

int nr_task_structs(void)
{
	return __atomic_load_n(&task_structs_allocated, __ATOMIC_RELAXED);
}

/* KernelStack in /proc/meminfo: a task's stack, in KiB on the node holding it. */
static void account_kernel_stack(struct task_struct *tsk, int account)
{
	mod_node_page_state(page_pgdat(virt_to_page(tsk->stack)), NR_KERNEL_STACK_KB,
			    account * (long)(THREAD_SIZE / 1024));
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
	account_kernel_stack(tsk, 1);
	tsk->usage = 1;
	__atomic_fetch_add(&task_structs_allocated, 1, __ATOMIC_RELAXED);
	tsk->pref_node_fork = NUMA_NO_NODE;
	raw_spin_lock_init(&tsk->pi_lock);
	spin_lock_init(&tsk->alloc_lock);
	INIT_LIST_HEAD(&tsk->tasks);
	INIT_LIST_HEAD(&tsk->children);
	INIT_LIST_HEAD(&tsk->sibling);
	INIT_LIST_HEAD(&tsk->thread_node);
	INIT_LIST_HEAD(&tsk->ptrace_entry);
	INIT_LIST_HEAD(&tsk->pending.list);
	prev_cputime_init(&tsk->prev_cputime);
	return tsk;
}

static void free_task(struct task_struct *tsk)
{
	if (tsk->stack)
		account_kernel_stack(tsk, -1);
	if (tsk->stack)
		free_pages((unsigned long)tsk->stack, THREAD_SIZE_ORDER);
	free_kthread_struct(tsk);
	mpol_put(tsk->mempolicy);
	if (tsk->cred)
		put_cred(tsk->cred);
	kfree(tsk);
	__atomic_fetch_sub(&task_structs_allocated, 1, __ATOMIC_RELAXED);
}

void __put_task_struct(struct task_struct *tsk)
{
	WARN_ON(!(tsk->__state & TASK_DEAD) && tsk->exit_state != EXIT_DEAD);
	free_task(tsk);
}

/* ---- signal handlers and the thread group -------------------------------------- */

void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (__atomic_sub_fetch(&sighand->count, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sighand);
}

/* A private copy of current's signal actions (fork, or exec of a CLONE_SIGHAND child). */
struct sighand_struct *dup_sighand(void)
{
	struct sighand_struct *sig = kmalloc(sizeof(*sig), GFP_KERNEL);

	if (!sig)
		return NULL;
	sig->count = 1;
	spin_lock_init(&sig->siglock);
	spin_lock_irq(&current->sighand->siglock);
	memcpy(sig->action, current->sighand->action, sizeof(sig->action));
	spin_unlock_irq(&current->sighand->siglock);
	return sig;
}

static int copy_sighand(u64 clone_flags, struct task_struct *tsk)
{
	if (clone_flags & CLONE_SIGHAND) {
		__atomic_fetch_add(&current->sighand->count, 1, __ATOMIC_RELAXED);
		tsk->sighand = current->sighand;
		return 0;
	}
	tsk->sighand = dup_sighand();
	if (!tsk->sighand)
		return -ENOMEM;
	/* Reset all signal handlers not set to SIG_IGN to SIG_DFL. */
	if (clone_flags & CLONE_CLEAR_SIGHAND)
		flush_signal_handlers(tsk, 0);
	return 0;
}

static int copy_signal(u64 clone_flags, struct task_struct *tsk)
{
	struct signal_struct *sig, *cur = current->signal;

	if (clone_flags & CLONE_THREAD) {
		__atomic_fetch_add(&cur->sigcnt, 1, __ATOMIC_RELAXED);
		tsk->signal = cur;
		return 0;
	}
	sig = kzalloc(sizeof(*sig), GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	sig->sigcnt = 1;
	sig->live = 1;
	itimers_init(sig, tsk);
	prev_cputime_init(&sig->prev_cputime);
	INIT_LIST_HEAD(&sig->thread_head);
	init_waitqueue_head(&sig->wait_chldexit);
	INIT_LIST_HEAD(&sig->shared_pending.list);
	spin_lock(&tasklist_lock);
	sig->pgrp = cur->pgrp;
	sig->session = cur->session;
	sig->tty = cur->tty;
	spin_unlock(&tasklist_lock);
	memcpy(sig->rlim, cur->rlim, sizeof(sig->rlim));
	sig->oom_score_adj = cur->oom_score_adj;
	sig->oom_score_adj_min = cur->oom_score_adj_min;
	tsk->signal = sig;
	return 0;
}

/* Drops a reference to a thread group's signal_struct; the last frees it. */
void put_signal_struct(struct signal_struct *sig)
{
	if (__atomic_sub_fetch(&sig->sigcnt, 1, __ATOMIC_ACQ_REL))
		return;
	if (sig->oom_mm)
		mmdrop(sig->oom_mm);
	kfree(sig);
}

/* ---- address space -------------------------------------------------------------- */

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);

static struct mm_struct *mm_init(struct mm_struct *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->mm_rb = RB_ROOT;
	mm->mm_users = 1;
	mm->mm_count = 1;
	init_rwsem(&mm->mmap_lock);
	spin_lock_init(&mm->page_table_lock);
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm = mm_init(mm);
	if (mm)
		arch_pick_mmap_layout(mm);
	return mm;
}

static const char *const resident_page_types[NR_MM_COUNTERS] = {
	"MM_FILEPAGES", "MM_ANONPAGES", "MM_SWAPENTS", "MM_SHMEMPAGES",
};

/* Every page the mm mapped was unmapped and counted out again (Linux's check_mm). */
static void check_mm(struct mm_struct *mm)
{
	for (int i = 0; i < NR_MM_COUNTERS; i++) {
		long x = get_mm_counter(mm, i);

		if (unlikely(x))
			pr_alert("BUG: Bad rss-counter state mm:%p type:%s val:%ld\n", mm,
				 resident_page_types[i], x);
	}
}

/* The last mm_count reference: the pgd (every lower table is gone) and the struct. */
void __mmdrop(struct mm_struct *mm)
{
	WARN_ON(mm == &init_mm);
	check_mm(mm);
	pgd_free(mm, mm->pgd);
	if (WARN_ON(mm->pgtables_bytes))
		pr_err("mm: %lu bytes of page tables left at __mmdrop\n", mm->pgtables_bytes);
	kfree(mm);
}

/* Points mm at the file exec ran (with a reference), dropping the old one. */
void set_mm_exe_file(struct mm_struct *mm, struct file *new_exe_file)
{
	struct file *old = mm->exe_file;

	mm->exe_file = new_exe_file ? get_file(new_exe_file) : NULL;
	if (old)
		fput(old);
}

/* mm's executable with a reference, or NULL. Context: the caller pins mm (mm_users). */
struct file *get_mm_exe_file(struct mm_struct *mm)
{
	struct file *exe_file;

	mmap_read_lock(mm);
	exe_file = mm->exe_file ? get_file(mm->exe_file) : NULL;
	mmap_read_unlock(mm);
	return exe_file;
}

/* task's mm with an mm_users reference, or NULL for a kernel thread or an exited task. */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	task_lock(task);
	mm = task->mm;
	if (mm && !(task->flags & PF_KTHREAD))
		mmget(mm);
	else
		mm = NULL;
	task_unlock(task);
	return mm;
}

void mmput(struct mm_struct *mm)
{
	might_sleep();
	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL) == 0) {
		exit_mmap(mm);
		set_mm_exe_file(mm, NULL);
		mmdrop(mm);
	}
}

struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm = mm_init(mm);
	if (!mm)
		return NULL;
	mm->mmap_base = oldmm->mmap_base;
	mm->task_size = oldmm->task_size;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->sigpage = oldmm->sigpage;
	set_mm_exe_file(mm, oldmm->exe_file);
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

static int copy_mm(u64 clone_flags, struct task_struct *tsk)
{
	struct mm_struct *oldmm = current->mm, *mm;

	tsk->mm = NULL;
	tsk->active_mm = NULL;
	if (!oldmm)
		return 0;
	if (clone_flags & CLONE_VM) {
		mmget(oldmm);
		mm = oldmm;
	} else {
		mm = dup_mm(tsk, oldmm);
		if (!mm)
			return -ENOMEM;
	}
	tsk->mm = mm;
	tsk->active_mm = mm;
	return 0;
}

/* ---- copy_process -------------------------------------------------------------------- */

static int check_clone_flags(u64 clone_flags)
{
	/* Threads share handlers; shared handlers need a shared address space. */
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return -EINVAL;
	if ((clone_flags & CLONE_PARENT) && (current->signal->flags & SIGNAL_UNKILLABLE))
		return -EINVAL;
	if ((clone_flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	/* Namespaces, pidfds and cgroups are not there: refuse rather than ignore. */
	if (clone_flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
			   CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_PIDFD |
			   CLONE_INTO_CGROUP))
		return -EINVAL;
	return 0;
}

int pid_max = PID_MAX_DEFAULT;
int max_threads = MAX_THREADS;

/*
 * The next pid after last_pid not used by a task, wrapping from pid_max back to
 * RESERVED_PIDS (Linux's alloc_pid); -EAGAIN when every one is taken. tasklist_lock held.
 */
static pid_t alloc_pid_locked(void)
{
	pid_t pid = last_pid;

	for (int tries = 0; tries < pid_max; tries++) {
		if (++pid >= READ_ONCE(pid_max))
			pid = RESERVED_PIDS;
		if (!find_task_by_pid_locked(pid)) {
			last_pid = pid;
			return pid;
		}
	}
	return -EAGAIN;
}

/* Linux's set_max_threads: at most an eighth of memory in thread stacks. */
void __init fork_init(void)
{
	u64 threads = (u64)totalram_pages() * PAGE_SIZE / ((u64)THREAD_SIZE * 8);

	max_threads = (int)clamp(threads, (u64)MIN_THREADS, (u64)MAX_THREADS);
	init_task.signal->rlim[RLIMIT_NPROC].rlim_cur = max_threads / 2;
	init_task.signal->rlim[RLIMIT_NPROC].rlim_max = max_threads / 2;
	init_task.signal->rlim[RLIMIT_SIGPENDING] = init_task.signal->rlim[RLIMIT_NPROC];
}

/* Under tasklist_lock: the new task's parent, thread group and list places. */
static void link_new_task(struct task_struct *p, const struct kernel_clone_args *args)
{
	u64 clone_flags = args->flags;

	if (clone_flags & (CLONE_PARENT | CLONE_THREAD)) {
		p->real_parent = current->real_parent;
		p->exit_signal = (clone_flags & CLONE_THREAD) ? -1 :
				 current->group_leader->exit_signal;
	} else {
		p->real_parent = current;
		p->exit_signal = args->exit_signal;
	}
	p->parent = p->real_parent;
	if (clone_flags & CLONE_THREAD) {
		p->group_leader = current->group_leader;
		p->tgid = current->tgid;
		p->signal->nr_threads++;
		__atomic_fetch_add(&p->signal->live, 1, __ATOMIC_RELAXED);
	} else {
		p->group_leader = p;
		p->tgid = p->pid;
		/* init takes only the signals it has handlers for (Linux's child reaper). */
		if (p->pid == 1)
			p->signal->flags |= SIGNAL_UNKILLABLE;
		p->signal->nr_threads = 1;
		list_add_tail(&p->sibling, &p->real_parent->children);
	}
	/* Signal senders walk the threads under siglock alone (complete_signal). */
	spin_lock_irq(&p->sighand->siglock);
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	spin_unlock_irq(&p->sighand->siglock);
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	total_forks++;
}

/* The parent's user-visible register state, so the child starts from the same values. */
static void copy_user_state(struct task_struct *p, u64 clone_flags)
{
	fpsimd_preserve_current_state();
	p->thread.uw.fpsimd_state = current->thread.uw.fpsimd_state;
	p->blocked = current->blocked;
	/* A thread sharing the stack space must not inherit the alternate signal stack. */
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		p->sas_ss_sp = current->sas_ss_sp;
		p->sas_ss_size = current->sas_ss_size;
		p->sas_ss_flags = current->sas_ss_flags;
	}
}

/* The new task's own fields, before anything is shared with or copied into it. */
static void init_new_task(struct task_struct *p, const struct kernel_clone_args *args)
{
	/* One reference for the live task, one for its place in the lists (release_task). */
	p->usage = 2;
	p->flags = args->fn ? PF_KTHREAD : PF_FORKNOEXEC;
	strscpy(p->comm, args->name ? args->name : current->comm, sizeof(p->comm));
	p->cred = get_cred(current->cred);
	/* The parent's NUMA policy, shared (policies never change: mempolicy.h). */
	p->mempolicy = current->mempolicy;
	mpol_get(p->mempolicy);
	p->atomic_flags = current->atomic_flags;
	p->start_time = ktime_get();
	/* restart_syscall with nothing to restart says -EINTR (Linux's init_task value). */
	p->restart_block.fn = do_no_restart_syscall;
	p->nr_dirtied_pause = 128 >> (PAGE_SHIFT - 10);	/* Linux's first look: at 128 KiB */
}

/*
 * The new task's pid, and its place in the lists, under tasklist_lock; refused when a
 * fatal signal reached the parent's group meanwhile (the child would be left behind) and,
 * as in Linux, past kernel.threads-max or with kernel.pid_max's pids used up (-EAGAIN).
 */
static int publish_new_task(struct task_struct *p, const struct kernel_clone_args *args)
{
	int err = 0;

	spin_lock(&tasklist_lock);
	if (fatal_signal_pending(current)) {
		err = -ERESTARTNOINTR;
	} else {
		p->pid = nr_threads < max_threads ? alloc_pid_locked() : -EAGAIN;
		if (p->pid < 0)
			err = -EAGAIN;
		else
			link_new_task(p, args);
	}
	spin_unlock(&tasklist_lock);
	return err;
}

static struct task_struct *copy_process(const struct kernel_clone_args *args, int node)
{
	u64 clone_flags = args->flags;
	struct task_struct *p;
	int err = check_clone_flags(clone_flags);

	if (err)
		return ERR_PTR(err);
	p = alloc_task_struct(node);
	if (!p)
		return ERR_PTR(-ENOMEM);
	init_new_task(p, args);
	if (!args->fn)
		copy_user_state(p, clone_flags);
	err = copy_sighand(clone_flags, p);
	if (err)
		goto bad_free;
	err = copy_signal(clone_flags, p);
	if (err)
		goto bad_sighand;
	err = copy_mm(clone_flags, p);
	if (err)
		goto bad_signal;
	err = copy_files(clone_flags, p);
	if (err)
		goto bad_mm;
	err = copy_fs(clone_flags, p);
	if (err)
		goto bad_files;
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? args->child_tid : NULL;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? args->child_tid : NULL;
	sched_fork(p);
	copy_thread(p, args);
	err = publish_new_task(p, args);
	if (err)
		goto bad_fs;
	return p;

bad_fs:
	exit_fs(p);
bad_files:
	exit_files(p);
bad_mm:
	if (p->mm)
		mmput(p->mm);
bad_signal:
	if (!(clone_flags & CLONE_THREAD))
		put_signal_struct(p->signal);
	else
		__atomic_fetch_sub(&p->signal->sigcnt, 1, __ATOMIC_RELAXED);
bad_sighand:
	__cleanup_sighand(p->sighand);
bad_free:
	p->__state = TASK_DEAD;
	free_task(p);
	return ERR_PTR(err);
}

static void complete_vfork_done(struct task_struct *tsk)
{
	struct completion *vfork = tsk->vfork_done;

	if (vfork) {
		tsk->vfork_done = NULL;
		complete(vfork);
	}
}

/* Called by exec and exit: the vfork parent may go on, and CLONE_CHILD_CLEARTID is honoured. */
static void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (tsk->clear_child_tid) {
		if (atomic_read_mm_users(mm) > 1 && !put_user(0, tsk->clear_child_tid))
			do_futex_wake((u32 __user *)tsk->clear_child_tid, 1);
		tsk->clear_child_tid = NULL;
	}
	complete_vfork_done(tsk);
}

void exit_mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	futex_exit_release(tsk);
	mm_release(tsk, mm);
}

void exec_mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	futex_exec_release(tsk);
	mm_release(tsk, mm);
}

/*
 * kernel_clone - the common path of fork, vfork, clone, clone3 and kernel threads
 * Return: the child's pid, or -errno. Context: process, may sleep (vfork waits for the
 * child to exec or exit).
 */
pid_t kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	pid_t pid;

	p = copy_process(args, args->fn ? current->pref_node_fork : NUMA_NO_NODE);
	if (IS_ERR(p))
		return (pid_t)PTR_ERR(p);
	pid = p->pid;
	if (args->flags & CLONE_PARENT_SETTID)
		put_user(pid, args->parent_tid);
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
		get_task_struct(p);
	}
	wake_up_new_task(p);
	if (args->flags & CLONE_VFORK) {
		wait_for_completion(&vfork);
		put_task_struct(p);
	}
	return pid;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags)
{
	struct kernel_clone_args args = {
		.flags = flags & ~CSIGNAL,
		.exit_signal = flags & CSIGNAL,
		.fn = fn,
		.fn_arg = arg,
		.name = name,
	};

	return kernel_clone(&args);
}

/* An idle task never starts in ret_from_fork: its cpu boots straight onto its stack. */
static int idle_dummy(void *unused)
{
	return -1;
}

struct task_struct *fork_idle(int cpu)
{
	struct kernel_clone_args args = { .fn = idle_dummy, .name = "swapper" };
	struct task_struct *p = alloc_task_struct(cpu_to_node(cpu));

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->flags = PF_KTHREAD;
	strscpy(p->comm, "swapper", sizeof(p->comm));
	p->cred = get_cred(&init_cred);
	p->signal = init_task.signal;
	p->sighand = init_task.sighand;
	p->active_mm = &init_mm;
	mmgrab(&init_mm);
	/* Idle tasks share the boot task's fd table and fs_struct. */
	if (copy_files(CLONE_FILES, p) || copy_fs(CLONE_FS, p))
		panic("fork_idle: cannot share the boot task's files\n");
	sched_fork(p);
	copy_thread(p, &args);
	init_idle(p, cpu);
	return p;
}

/* The live task with pid nr, or NULL; tasklist_lock held. Linux hashes pids; we walk. */
struct task_struct *find_task_by_pid_locked(pid_t nr)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pid == nr)
			return p;
	return NULL;
}

struct task_struct *find_task_by_vpid(pid_t nr)
{
	struct task_struct *found;

	spin_lock(&tasklist_lock);
	found = find_task_by_pid_locked(nr);
	spin_unlock(&tasklist_lock);
	return found;
}

/* ---- system calls ---------------------------------------------------------------- */

SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int __user *, parent_tidptr, unsigned long, tls, int __user *, child_tidptr)
{
	struct kernel_clone_args args = {
		.flags = clone_flags & ~CSIGNAL,
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
		.exit_signal = clone_flags & CSIGNAL,
		.stack = newsp,
		.tls = tls,
	};

	if (!valid_signal(args.exit_signal))
		return -EINVAL;
	return kernel_clone(&args);
}

SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)
{
	struct clone_args ca;
	struct kernel_clone_args args;

	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	memset(&ca, 0, sizeof(ca));
	if (copy_from_user(&ca, uargs, min_t(size_t, size, sizeof(ca))))
		return -EFAULT;
	if (size > sizeof(ca)) {
		/* Unknown trailing fields must be zero, as Linux's copy_struct_from_user. */
		for (size_t off = sizeof(ca); off < size; off++) {
			u8 b;

			if (get_user(b, (u8 __user *)uargs + off))
				return -EFAULT;
			if (b)
				return -E2BIG;
		}
	}
	if ((ca.flags & CSIGNAL) || !valid_signal((int)ca.exit_signal) || ca.exit_signal > _NSIG ||
	    ca.set_tid || ca.set_tid_size || (!ca.stack != !ca.stack_size))
		return -EINVAL;
	args = (struct kernel_clone_args){
		.flags = ca.flags,
		.pidfd = (int __user *)ca.pidfd,
		.child_tid = (int __user *)ca.child_tid,
		.parent_tid = (int __user *)ca.parent_tid,
		.exit_signal = (int)ca.exit_signal,
		.stack = ca.stack + ca.stack_size,	/* the stack grows down from its end */
		.stack_size = ca.stack_size,
		.tls = ca.tls,
	};
	return kernel_clone(&args);
}

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}
