/*
 * The out-of-memory killer (Linux's mm/oom_kill.c): when an allocation that may reclaim
 * still fails after reclaim, out_of_memory picks the process whose memory counts most
 * (oom_badness: RSS, swap entries and page tables in pages, moved by oom_score_adj per
 * mille of memory), reports it as Linux does, kills it with SIGKILL and hands its mm to
 * the oom_reaper thread, which frees the private memory at once instead of waiting for
 * the victim to reach exit_mmap. While a victim's memory has not been reaped, no second
 * victim is chosen: the allocator waits a tick and retries.
 *
 * oom_lock serialises out_of_memory (the allocator only trylocks it). The reaper's
 * queue of victims (Linux links them through the task; ours is a small ring of mms,
 * pids and names) is under oom_reaper_lock.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include <asm/stacktrace.h>

DEFINE_MUTEX(oom_lock);

/* Pages to KiB. */
#define K(x) ((x) << (PAGE_SHIFT - 10))

/* What out_of_memory was asked to satisfy and what it chose. */
struct oom_control {
	gfp_t gfp_mask;
	int order;
	unsigned long totalpages;
	struct task_struct *chosen;	/* a reference, or (void *)-1: wait for a victim */
	long chosen_points;
};

static bool mm_flag_test(struct mm_struct *mm, int bit)
{
	return __atomic_load_n(&mm->flags, __ATOMIC_ACQUIRE) & (1UL << bit);
}

static void mm_flag_set(struct mm_struct *mm, int bit)
{
	__atomic_fetch_or(&mm->flags, 1UL << bit, __ATOMIC_RELEASE);
}

static bool oom_unkillable_task(struct task_struct *p)
{
	if (p->pid == 1 || p->tgid == 1)
		return true;		/* is_global_init */
	return p->flags & PF_KTHREAD;
}

/* A thread of p's group that still has its mm, with task_lock held; or NULL. */
static struct task_struct *find_lock_task_mm(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t) {
		task_lock(t);
		if (likely(t->mm))
			return t;
		task_unlock(t);
	}
	return NULL;
}

static unsigned long mm_pgtables_bytes(struct mm_struct *mm)
{
	return __atomic_load_n(&mm->pgtables_bytes, __ATOMIC_RELAXED);
}

/**
 * oom_badness - how much killing p would free, for choosing a victim
 * @p: a thread group leader
 * @totalpages: the memory the allocation could have used, in pages
 *
 * Return: RSS + swap entries + page-table pages of p's mm, plus oom_score_adj per
 * mille of @totalpages; LONG_MIN for a task never to kill (init, kernel threads,
 * oom_score_adj -1000, an mm already reaped).
 */
long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj;

	if (oom_unkillable_task(p))
		return LONG_MIN;
	p = find_lock_task_mm(p);
	if (!p)
		return LONG_MIN;
	adj = p->signal->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || mm_flag_test(p->mm, MMF_OOM_SKIP)) {
		task_unlock(p);
		return LONG_MIN;
	}
	points = get_mm_rss(p->mm) + get_mm_counter(p->mm, MM_SWAPENTS) +
		 mm_pgtables_bytes(p->mm) / PAGE_SIZE;
	task_unlock(p);
	adj *= totalpages / 1000;
	return points + adj;
}

static bool tsk_is_oom_victim(struct task_struct *p)
{
	return READ_ONCE(p->signal->oom_mm) != NULL;
}

/* select_bad_process's look at one process; false to stop (a victim is still dying). */
static bool oom_evaluate_task(struct task_struct *task, struct oom_control *oc)
{
	long points;

	if (oom_unkillable_task(task))
		return true;
	/* A victim not yet reaped will free memory: choose nobody else meanwhile. */
	if (tsk_is_oom_victim(task)) {
		if (mm_flag_test(task->signal->oom_mm, MMF_OOM_SKIP))
			return true;
		goto abort;
	}
	points = oom_badness(task, oc->totalpages);
	if (points == LONG_MIN || points < oc->chosen_points)
		return true;
	if (oc->chosen)
		put_task_struct(oc->chosen);
	get_task_struct(task);
	oc->chosen = task;
	oc->chosen_points = points;
	return true;
abort:
	if (oc->chosen)
		put_task_struct(oc->chosen);
	oc->chosen = (void *)-1UL;
	return false;
}

static void select_bad_process(struct oom_control *oc)
{
	struct task_struct *p;

	oc->chosen_points = LONG_MIN;
	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p != p->group_leader || p->exit_state)
			continue;
		if (!oom_evaluate_task(p, oc))
			break;
	}
	spin_unlock(&tasklist_lock);
}

static void dump_task(struct task_struct *p)
{
	struct task_struct *task;

	if (oom_unkillable_task(p))
		return;
	task = find_lock_task_mm(p);
	if (!task)
		return;
	pr_info("[%7d] %5u %5d %8lu %8lu %8ld %8lu         %5hd %s\n", task->pid,
		task->cred->uid, task->tgid, task->mm->total_vm, get_mm_rss(task->mm),
		mm_pgtables_bytes(task->mm), get_mm_counter(task->mm, MM_SWAPENTS),
		task->signal->oom_score_adj, task->comm);
	task_unlock(task);
}

/* The processes the choice was made among, as Linux's dump_tasks prints them. */
static void dump_tasks(void)
{
	struct task_struct *p;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p == p->group_leader && !p->exit_state)
			dump_task(p);
	spin_unlock(&tasklist_lock);
}

static void dump_header(struct oom_control *oc)
{
	char gfp[64];

	format_gfp_flags(gfp, sizeof(gfp), oc->gfp_mask);
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%hd\n",
		current->comm, oc->gfp_mask, gfp, oc->order, current->signal->oom_score_adj);
	dump_stack();
	__show_mem(SHOW_MEM_FILTER_NODES, NULL, gfp_zone(oc->gfp_mask));
	dump_tasks();
}

/* ---- the reaper --------------------------------------------------------------------- */

#define OOM_REAPER_QUEUE	16
#define MAX_OOM_REAP_RETRIES	10

static DECLARE_WAIT_QUEUE_HEAD(oom_reaper_wait);
static DEFINE_SPINLOCK(oom_reaper_lock);
/* Victims' mms waiting for the reaper, each with a mm_count reference (oom_reaper_lock). */
static struct mm_struct *oom_reaper_queue[OOM_REAPER_QUEUE];
static unsigned int oom_reaper_head, oom_reaper_tail;
static pid_t oom_reaper_pids[OOM_REAPER_QUEUE];
static char oom_reaper_comms[OOM_REAPER_QUEUE][TASK_COMM_LEN];

/*
 * Unmaps the private anonymous memory of a dying mm (what exit would free first), with
 * mmap_lock held for reading: faults may still run, as for MADV_DONTNEED.
 */
static void __oom_reap_task_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		if (vma->vm_flags & (VM_LOCKED | VM_SHARED))
			continue;
		if (vma_is_anonymous(vma))
			zap_page_range(vma, vma->vm_start, vma->vm_end);
	}
}

static void oom_reap_task_mm(struct mm_struct *mm, pid_t pid, const char *comm)
{
	int attempts = 0;

	while (!mmap_read_trylock(mm)) {
		/* exit_mmap holds it for writing: it frees everything anyway. */
		if (++attempts > MAX_OOM_REAP_RETRIES || mm_flag_test(mm, MMF_OOM_SKIP))
			goto done;
		schedule_timeout_uninterruptible(HZ / 10);
	}
	__oom_reap_task_mm(mm);
	pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB\n",
		pid, comm, K(get_mm_counter(mm, MM_ANONPAGES)),
		K(get_mm_counter(mm, MM_FILEPAGES)), K(get_mm_counter(mm, MM_SHMEMPAGES)));
	mmap_read_unlock(mm);
done:
	/* Reaped or dying: the killer may choose another victim now. */
	mm_flag_set(mm, MMF_OOM_SKIP);
}

static int oom_reaper(void *unused)
{
	for (;;) {
		struct mm_struct *mm;
		char comm[TASK_COMM_LEN];
		pid_t pid;

		wait_event(oom_reaper_wait, READ_ONCE(oom_reaper_head) != READ_ONCE(oom_reaper_tail));
		spin_lock(&oom_reaper_lock);
		mm = oom_reaper_queue[oom_reaper_tail % OOM_REAPER_QUEUE];
		pid = oom_reaper_pids[oom_reaper_tail % OOM_REAPER_QUEUE];
		memcpy(comm, oom_reaper_comms[oom_reaper_tail % OOM_REAPER_QUEUE], sizeof(comm));
		oom_reaper_tail++;
		spin_unlock(&oom_reaper_lock);
		oom_reap_task_mm(mm, pid, comm);
		mmdrop(mm);
	}
	return 0;
}

static void wake_oom_reaper(struct task_struct *tsk, struct mm_struct *mm)
{
	spin_lock(&oom_reaper_lock);
	if (oom_reaper_head - oom_reaper_tail == OOM_REAPER_QUEUE) {
		/* Full: the victim's exit frees the memory; do not wait on it. */
		spin_unlock(&oom_reaper_lock);
		mm_flag_set(mm, MMF_OOM_SKIP);
		return;
	}
	mmgrab(mm);
	oom_reaper_queue[oom_reaper_head % OOM_REAPER_QUEUE] = mm;
	oom_reaper_pids[oom_reaper_head % OOM_REAPER_QUEUE] = tsk->tgid;
	memcpy(oom_reaper_comms[oom_reaper_head % OOM_REAPER_QUEUE], tsk->comm, TASK_COMM_LEN);
	oom_reaper_head++;
	spin_unlock(&oom_reaper_lock);
	wake_up(&oom_reaper_wait);
}

/* Starts the reaper (kernel_init, once kernel threads can run). */
void __init oom_init(void)
{
	kthread_run(oom_reaper, NULL, "oom_reaper");
}

/* ---- killing ------------------------------------------------------------------------ */

/* victim's group gets mm as its oom_mm, once (a mm_count reference). */
static void mark_oom_victim(struct task_struct *tsk, struct mm_struct *mm)
{
	struct mm_struct *none = NULL;

	if (__atomic_compare_exchange_n(&tsk->signal->oom_mm, &none, mm, false,
					__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		mmgrab(mm);
}

static void __oom_kill_process(struct task_struct *victim)
{
	struct task_struct *p = find_lock_task_mm(victim);
	struct mm_struct *mm;

	if (!p)
		return;		/* exited meanwhile: its memory is free already */
	mm = p->mm;
	mmgrab(mm);
	count_vm_event(OOM_KILL);
	mark_oom_victim(p, mm);
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       p->tgid, p->comm, K(mm->total_vm), K(get_mm_counter(mm, MM_ANONPAGES)),
	       K(get_mm_counter(mm, MM_FILEPAGES)), K(get_mm_counter(mm, MM_SHMEMPAGES)),
	       p->cred->uid, mm_pgtables_bytes(mm) >> 10, p->signal->oom_score_adj);
	task_unlock(p);
	send_sig(SIGKILL, victim, 1);
	wake_oom_reaper(victim, mm);
	mmdrop(mm);
}

static void oom_kill_process(struct oom_control *oc)
{
	struct task_struct *victim = oc->chosen;

	dump_header(oc);
	pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),task=%s,pid=%d,uid=%u\n",
		victim->comm, victim->tgid, victim->cred->uid);
	__oom_kill_process(victim);
	put_task_struct(victim);
}

/**
 * out_of_memory - kill a process to free memory
 * @gfp_mask: the allocation that failed
 * @order: its order
 *
 * Context: oom_lock held; may sleep.
 * Return: true if memory is on its way back (a victim was killed, or one killed before
 * is still being reaped): the allocation is worth retrying. false when no process can
 * be killed (Linux panics there; we let the allocation fail).
 */
bool out_of_memory(gfp_t gfp_mask, int order)
{
	struct oom_control oc = { .gfp_mask = gfp_mask, .order = order };

	/* Dying already: its own exit frees memory; the allocation just fails. */
	if (fatal_signal_pending(current) || (current->flags & PF_EXITING))
		return false;
	oc.totalpages = totalram_pages();
	select_bad_process(&oc);
	if (oc.chosen == (void *)-1UL)
		return true;
	if (!oc.chosen) {
		pr_warn("Out of memory and no killable processes...\n");
		return false;
	}
	oom_kill_process(&oc);
	return true;
}

/* A fault got VM_FAULT_OOM: the allocator ran the OOM killer already (or we are dying). */
void pagefault_out_of_memory(void)
{
	if (fatal_signal_pending(current))
		return;
	pr_warn("Huh VM_FAULT_OOM leaked out to the #PF handler. Retrying PF\n");
}

/**
 * set_oom_score_adj - the OOM score adjustment of p's thread group
 * @p: the task
 * @adj: OOM_SCORE_ADJ_MIN (-1000, never chosen) .. OOM_SCORE_ADJ_MAX (1000)
 *
 * For /proc/PID/oom_score_adj. Return: 0 or -EINVAL.
 */
int set_oom_score_adj(struct task_struct *p, int adj)
{
	if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	WRITE_ONCE(p->signal->oom_score_adj, (short)adj);
	return 0;
}
