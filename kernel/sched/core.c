/*
 * The scheduler core (Linux's kernel/sched/core.c): per-cpu run queues, schedule() and
 * the context switch, wake-ups (try_to_wake_up) and the tick. The policy is CFS
 * (fair.c); each cpu's idle task (idle.c) runs when its CFS queue is empty.
 *
 * A task's life on a run queue: wake_up_new_task or try_to_wake_up enqueue it
 * (activate_task, on_rq = TASK_ON_RQ_QUEUED) on the cpu select_task_rq picks; __schedule
 * dequeues a task that set a sleeping state (deactivate_task, on_rq = 0). on_cpu is 1
 * from the moment the task is picked until the switch away from it has finished
 * (finish_task_switch), so a waker on another cpu waits for on_cpu == 0 before moving
 * the task to another run queue.
 */
#include <linux/kernel.h>
#include <linux/wait_bit.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <asm/mmu_context.h>
#include <asm/uaccess.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/clocksource.h>
#include <linux/jiffies.h>
#include <linux/blkdev.h>
#include <asm/stacktrace.h>
#include "sched.h"

DEFINE_PER_CPU(struct rq, runqueues);

void update_rq_clock(struct rq *rq)
{
	u64 now = sched_clock();

	if ((s64)(now - rq->clock) > 0)
		rq->clock = now;
}

u64 nr_context_switches_cpu(int cpu)
{
	return READ_ONCE(cpu_rq(cpu)->nr_switches);
}

/* Asks rq's cpu to reschedule: the flag, and an IPI when that cpu is not this one. */
void resched_curr(struct rq *rq)
{
	struct task_struct *curr = rq->curr;

	if (test_tsk_need_resched(curr))
		return;
	set_tsk_need_resched(curr);
	if (rq->cpu != (int)smp_processor_id())
		smp_send_reschedule(rq->cpu);
}

/*
 * kick_process - make a task running on another cpu enter the kernel, so that it sees
 * a flag just set for it (a pending signal) before it returns to user space.
 */
void kick_process(struct task_struct *p)
{
	int cpu;

	preempt_disable();
	cpu = task_cpu(p);
	if (cpu != (int)smp_processor_id() && READ_ONCE(p->on_cpu))
		smp_send_reschedule(cpu);
	preempt_enable();
}

static void __set_task_cpu(struct task_struct *p, unsigned int cpu)
{
	WRITE_ONCE(task_thread_info(p)->cpu, cpu);
}

/* Moves a task that is not running to cpu; a waking task's vruntime goes relative. */
void set_task_cpu(struct task_struct *p, unsigned int cpu)
{
	if (task_cpu(p) == cpu)
		return;
	if (READ_ONCE(p->__state) == TASK_WAKING)
		migrate_task_rq_fair(p);
	__set_task_cpu(p, cpu);
}

void activate_task(struct rq *rq, struct task_struct *p, int flags)
{
	enqueue_task_fair(rq, p, flags);
	rq->nr_running++;
	WRITE_ONCE(p->on_rq, TASK_ON_RQ_QUEUED);
}

/* A sleeping task leaves with on_rq 0; a migrating one stays non-zero for ttwu to see. */
void deactivate_task(struct rq *rq, struct task_struct *p, int flags)
{
	WRITE_ONCE(p->on_rq, (flags & DEQUEUE_SLEEP) ? 0 : TASK_ON_RQ_MIGRATING);
	dequeue_task_fair(rq, p, flags);
	rq->nr_running--;
}

/* Locks the rq p is on, retrying while p moves; the caller has irqs off. */
static struct rq *__task_rq_lock(struct task_struct *p)
{
	for (;;) {
		struct rq *rq = task_rq(p);

		raw_spin_lock(&rq->lock);
		if (rq == task_rq(p) && READ_ONCE(p->on_rq) != TASK_ON_RQ_MIGRATING)
			return rq;
		raw_spin_unlock(&rq->lock);
		cpu_relax();
	}
}

static struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags)
{
	raw_spin_lock_irqsave(&p->pi_lock, *flags);
	return __task_rq_lock(p);
}

static void task_rq_unlock(struct rq *rq, struct task_struct *p, unsigned long flags)
{
	raw_spin_unlock(&rq->lock);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
}

void check_preempt_curr(struct rq *rq, struct task_struct *p)
{
	if (rq->curr == rq->idle)
		resched_curr(rq);
	else
		check_preempt_wakeup(rq, p);
}

/* An online cpu p may run on; with none left, any online cpu (Linux breaks affinity too). */
static int select_fallback_rq(struct task_struct *p)
{
	int cpu;

	for_each_cpu(cpu, &p->cpus_mask)
		if (cpu_online(cpu))
			return cpu;
	cpu = cpumask_first(cpu_online_mask);
	pr_info("process %d (%s) no longer affine to its cpus, runs on cpu%d\n",
		p->pid, p->comm, cpu);
	return cpu;
}

/* Called with p->pi_lock held: never an offline cpu, never one p may not run on. */
static int select_task_rq(struct task_struct *p, int prev_cpu)
{
	int cpu;

	if (p->nr_cpus_allowed > 1)
		cpu = select_task_rq_fair(p, prev_cpu);
	else
		cpu = cpumask_first(&p->cpus_mask);
	if (cpu < 0 || cpu >= NR_CPUS || !cpu_online(cpu) ||
	    !cpumask_test_cpu(cpu, &p->cpus_mask))
		cpu = select_fallback_rq(p);
	return cpu;
}

/* p is still queued (it has not reached schedule yet, or was preempted): just run it. */
static int ttwu_runnable(struct task_struct *p)
{
	struct rq *rq = __task_rq_lock(p);
	int ret = 0;

	if (task_on_rq_queued(p)) {
		if (!task_current(rq, p)) {
			update_rq_clock(rq);
			check_preempt_curr(rq, p);
		}
		WRITE_ONCE(p->__state, TASK_RUNNING);
		ret = 1;
	}
	raw_spin_unlock(&rq->lock);
	return ret;
}

static void ttwu_queue(struct task_struct *p, int cpu, int enqueue_flags)
{
	struct rq *rq = cpu_rq(cpu);

	raw_spin_lock(&rq->lock);
	update_rq_clock(rq);
	activate_task(rq, p, enqueue_flags);
	check_preempt_curr(rq, p);
	WRITE_ONCE(p->__state, TASK_RUNNING);
	raw_spin_unlock(&rq->lock);
}

/*
 * try_to_wake_up - wake p if its state is one of state
 * The barrier after taking pi_lock pairs with set_current_state's: either the sleeper
 * sees the condition it waits for, or we see its sleeping state. Return: 1 when p was
 * woken, 0 when it was not in state. Context: any; takes p->pi_lock and a rq lock.
 */
int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	unsigned long flags;
	int cpu, success = 0, enqueue_flags = ENQUEUE_WAKEUP;

	preempt_disable();
	if (p == current) {
		/* Woken before it reached schedule(): it is still on its run queue. */
		if (READ_ONCE(p->__state) & state) {
			WRITE_ONCE(p->__state, TASK_RUNNING);
			success = 1;
		}
		goto out;
	}
	raw_spin_lock_irqsave(&p->pi_lock, flags);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!(READ_ONCE(p->__state) & state))
		goto unlock;
	success = 1;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (READ_ONCE(p->on_rq) && ttwu_runnable(p))
		goto unlock;
	WRITE_ONCE(p->__state, TASK_WAKING);
	/* The cpu that ran p may still be switching away from it; its stack is in use. */
	while (__atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	cpu = select_task_rq(p, task_cpu(p));
	if (task_cpu(p) != (unsigned int)cpu) {
		enqueue_flags |= ENQUEUE_MIGRATED;
		set_task_cpu(p, cpu);
	}
	ttwu_queue(p, cpu, enqueue_flags);
unlock:
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
out:
	preempt_enable();
	return success;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL, 0);
}

/* Scheduler state of a task copy_process made: nice 0, all cpus, TASK_NEW until woken. */
void sched_fork(struct task_struct *p)
{
	p->__state = TASK_NEW;
	p->on_rq = 0;
	p->on_cpu = 0;
	p->static_prio = DEFAULT_PRIO;
	memset(&p->se, 0, sizeof(p->se));
	RB_CLEAR_NODE(&p->se.run_node);
	set_load_weight(p);
	cpumask_copy(&p->cpus_mask, cpu_possible_mask);
	p->nr_cpus_allowed = (int)cpumask_weight(&p->cpus_mask);
	/* Two counts: schedule()'s and the rq lock's, both dropped in schedule_tail. */
	task_thread_info(p)->preempt_count = 2 * PREEMPT_DISABLE_OFFSET;
	__set_task_cpu(p, smp_processor_id());
	task_fork_fair(p);
}

void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags;
	struct rq *rq;

	raw_spin_lock_irqsave(&p->pi_lock, flags);
	WRITE_ONCE(p->__state, TASK_RUNNING);
	__set_task_cpu(p, select_task_rq(p, task_cpu(p)));
	rq = __task_rq_lock(p);
	update_rq_clock(rq);
	activate_task(rq, p, 0);
	check_preempt_curr(rq, p);
	task_rq_unlock(rq, p, flags);
}

/* Finishes the switch from prev on this cpu: prev may run elsewhere now, or is freed. */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	struct mm_struct *mm = rq->prev_mm;
	unsigned int prev_state = READ_ONCE(prev->__state);

	rq->prev_mm = NULL;
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	/* rq->lock came with the switch: prev took it, this task lets it go (lockdep). */
	spin_acquire(&rq->lock.dep_map, 0, 0, _THIS_IP_);
	raw_spin_unlock_irq(&rq->lock);
	if (mm)
		mmdrop(mm);
	if (prev_state == TASK_DEAD)
		put_task_struct(prev);	/* the reference of the live task */
}

/* A new task's first C code (ret_from_fork): the other half of its first switch. */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable();
	/* CLONE_CHILD_SETTID: written from the child, in the child's address space. */
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

/*
 * The address space half of a switch, as Linux: a kernel thread (no mm) borrows prev's
 * active_mm and keeps its tables loaded (lazy TLB); a user task gets its own tables; the
 * mm a kernel thread borrowed is dropped once the switch away from it is complete.
 */
static void context_switch(struct rq *rq, struct task_struct *prev, struct task_struct *next)
{
	WRITE_ONCE(next->on_cpu, 1);
	/* next releases rq->lock in finish_task_switch: prev no longer holds it (lockdep). */
	spin_release(&rq->lock.dep_map, _THIS_IP_);
	if (!next->mm) {
		next->active_mm = prev->active_mm;
		if (prev->mm)
			mmgrab(prev->active_mm);
		else
			prev->active_mm = NULL;
	} else {
		switch_mm_irqs_off(prev->active_mm, next->mm, next);
		if (!prev->mm) {
			rq->prev_mm = prev->active_mm;
			prev->active_mm = NULL;
		}
	}
	prev = __switch_to(prev, next);
	finish_task_switch(prev);
}

/*
 * The fair class first, then a task pulled from a busier cpu, then the idle task. The
 * second pick is needed even when nothing was pulled: newidle_balance may drop rq->lock,
 * and a task woken onto this rq meanwhile is only seen by picking again (its waker's
 * TIF_NEED_RESCHED went to prev, and __schedule clears that).
 */
static struct task_struct *pick_next_task(struct rq *rq, struct task_struct *prev)
{
	struct task_struct *next;

	if (prev != rq->idle)
		put_prev_task_fair(rq, prev);
	next = pick_next_task_fair(rq, prev);
	if (!next) {
		newidle_balance(rq);
		next = pick_next_task_fair(rq, prev);
	}
	return next ? next : rq->idle;
}

static noinline void __schedule_bug(struct task_struct *prev)
{
	pr_err("BUG: scheduling while atomic: %s/%d/0x%08x\n", prev->comm, prev->pid,
	       preempt_count());
	dump_stack();
}

/*
 * __schedule - pick the next task on this cpu and switch to it
 * preempt: current is being preempted (stays queued whatever its state); otherwise a
 * current that set a sleeping state leaves the run queue. Context: preemption disabled
 * once, irqs on.
 */
static void __schedule(bool preempt)
{
	struct rq *rq = this_rq();
	struct task_struct *prev = rq->curr, *next;

	local_irq_disable();
	raw_spin_lock(&rq->lock);
	/* Pairs with try_to_wake_up's barrier: we read prev's state after its waker's store. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	update_rq_clock(rq);
	if (!preempt && READ_ONCE(prev->__state) != TASK_RUNNING) {
		/*
		 * A signal that came before prev set its sleeping state found it running and
		 * woke nothing: an interruptible (or killable, for a fatal one) sleep with it
		 * pending does not start, as in Linux, or it would last until its timeout.
		 */
		if (signal_pending_state(READ_ONCE(prev->__state), prev))
			WRITE_ONCE(prev->__state, TASK_RUNNING);
		else
			deactivate_task(rq, prev, DEQUEUE_SLEEP);
	}
	next = pick_next_task(rq, prev);
	clear_tsk_need_resched(prev);
	if (next == prev) {
		raw_spin_unlock_irq(&rq->lock);
		return;
	}
	rq->nr_switches++;
	rq->curr = next;
	context_switch(rq, prev, next);
}

static void schedule_debug(struct task_struct *prev)
{
	if (unlikely(preempt_count() != PREEMPT_DISABLE_OFFSET))
		__schedule_bug(prev);
}

/*
 * A task going to sleep sends its plugged block requests first: what it waits for may be
 * one of them (Linux's sched_submit_work).
 */
static void sched_submit_work(struct task_struct *tsk)
{
	if (READ_ONCE(tsk->__state) != TASK_RUNNING && tsk->plug)
		blk_flush_plug(tsk->plug, true);
}

void schedule(void)
{
	sched_submit_work(current);
	do {
		preempt_disable();
		schedule_debug(current);
		__schedule(false);
		preempt_enable_no_resched();
	} while (need_resched());
}

void schedule_preempt_disabled(void)
{
	preempt_enable_no_resched();
	schedule();
	preempt_disable();
}

void schedule_idle(void)
{
	do {
		__schedule(false);
	} while (need_resched());
}

void preempt_schedule(void)
{
	if (likely(preempt_count() || irqs_disabled()))
		return;
	do {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	} while (need_resched());
}

void preempt_schedule_irq(void)
{
	BUG_ON(preempt_count() || !irqs_disabled());
	do {
		preempt_disable();
		local_irq_enable();
		__schedule(true);
		local_irq_disable();
		preempt_enable_no_resched();
	} while (need_resched());
}

void __noreturn do_task_dead(void)
{
	unsigned long flags;

	/*
	 * Preemption off first: a dead task preempted before its last schedule would be
	 * freed by finish_task_switch while still queued. The state is set under pi_lock
	 * so a concurrent try_to_wake_up cannot turn it back to running.
	 */
	preempt_disable();
	raw_spin_lock_irqsave(&current->pi_lock, flags);
	WRITE_ONCE(current->__state, TASK_DEAD);
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
	__schedule(false);
	BUG();
}

void scheduler_tick(void)
{
	struct rq *rq = this_rq();

	raw_spin_lock(&rq->lock);
	update_rq_clock(rq);
	if (rq->curr != rq->idle)
		task_tick_fair(rq, rq->curr);
	calc_global_load_tick(rq);
	raw_spin_unlock(&rq->lock);
	trigger_load_balance(rq);
}

/* The IPI's work is done by the flag the sender set: irq exit sees TIF_NEED_RESCHED. */
void scheduler_ipi(void)
{
}

void set_user_nice(struct task_struct *p, long nice)
{
	unsigned long flags;
	struct rq *rq;
	bool queued;

	nice = clamp(nice, (long)MIN_NICE, (long)MAX_NICE);
	rq = task_rq_lock(p, &flags);
	update_rq_clock(rq);
	queued = task_on_rq_queued(p);
	if (queued)
		dequeue_task_fair(rq, p, 0);
	p->static_prio = NICE_TO_PRIO(nice);
	set_load_weight(p);
	if (queued) {
		enqueue_task_fair(rq, p, 0);
		resched_curr(rq);
	}
	task_rq_unlock(rq, p, flags);
}

/*
 * set_cpus_allowed_ptr - restrict p to the cpus of new_mask
 * Linux migrates a task that runs on a cpu it leaves (its stopper thread); here p must
 * be asleep, already on a cpu of new_mask (the next wake-up places it), or the caller
 * itself, which sleeps one tick so that its wake-up puts it on an allowed cpu. Return:
 * 0, -EINVAL for a mask without an online cpu, -EBUSY when another task is runnable on
 * a cpu outside new_mask. Context: may sleep when p is current.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask)
{
	unsigned long flags;
	struct rq *rq;
	unsigned int cpu;
	bool move_self = false;
	int ret = -EINVAL;

	rq = task_rq_lock(p, &flags);
	for_each_cpu(cpu, new_mask)
		if (cpu_online(cpu))
			ret = 0;
	if (!ret && p->on_rq && !cpumask_test_cpu(task_cpu(p), new_mask)) {
		if (p == current)
			move_self = true;
		else
			ret = -EBUSY;
	}
	if (!ret) {
		cpumask_copy(&p->cpus_mask, new_mask);
		p->nr_cpus_allowed = (int)cpumask_weight(new_mask);
	}
	task_rq_unlock(rq, p, flags);
	/* try_to_wake_up's select_task_rq honours the new mask. */
	while (move_self && !cpumask_test_cpu(raw_smp_processor_id(), &p->cpus_mask))
		schedule_timeout_uninterruptible(1);
	return ret;
}

/*
 * wait_task_inactive - wait for p, in match_state, to be off its cpu and run queue
 * Return: false when p left match_state meanwhile. Context: may sleep.
 */
bool wait_task_inactive(struct task_struct *p, unsigned int match_state)
{
	for (;;) {
		unsigned long flags;
		struct rq *rq = task_rq_lock(p, &flags);
		bool running = task_current(rq, p) || READ_ONCE(p->on_cpu);
		bool queued = task_on_rq_queued(p);
		bool match = READ_ONCE(p->__state) == match_state;

		task_rq_unlock(rq, p, flags);
		if (!match)
			return false;
		if (!running && !queued)
			return true;
		if (queued)
			schedule_timeout_uninterruptible(1);	/* let it run to its sleep */
		else
			cpu_relax();
	}
}

void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	raw_spin_lock_irqsave(&idle->pi_lock, flags);
	raw_spin_lock(&rq->lock);
	idle->__state = TASK_RUNNING;
	idle->flags |= PF_IDLE | PF_KTHREAD;
	idle->se.exec_start = sched_clock();
	cpumask_clear(&idle->cpus_mask);
	cpumask_set_cpu(cpu, &idle->cpus_mask);
	idle->nr_cpus_allowed = 1;
	__set_task_cpu(idle, cpu);
	idle->on_rq = TASK_ON_RQ_QUEUED;
	idle->on_cpu = 1;
	rq->idle = idle;
	rq->curr = idle;
	snprintf(idle->comm, sizeof(idle->comm), "swapper/%d", cpu);
	raw_spin_unlock(&rq->lock);
	raw_spin_unlock_irqrestore(&idle->pi_lock, flags);
	/* After the unlocks, which count on idle itself when it is current (the boot task). */
	task_thread_info(idle)->preempt_count = PREEMPT_DISABLE_OFFSET;
}

void __init sched_init(void)
{
	int cpu;

	wait_bit_init();
	for_each_possible_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		raw_spin_lock_init(&rq->lock);
		rq->cpu = cpu;
		init_cfs_rq(&rq->cfs);
		rq->next_balance = jiffies;
		calc_load_init_rq(rq);
	}
	init_sched_fair_class();
	set_load_weight(&init_task);
	init_idle(current, smp_processor_id());
}

/*
 * __might_sleep - report a sleep attempted where sleeping is not allowed: preemption or
 * irqs disabled (a spinlock held counts), or from an idle task. Quiet during early boot,
 * when start_kernel runs with preemption off and nothing else can run anyway. The held
 * locks follow, as lockdep lists them; a self-test that expects the report only records it.
 */
void __might_sleep(const char *file, int line)
{
	if ((preempt_count() == 0 && !irqs_disabled() && !is_idle_task(current)) ||
	    system_state == SYSTEM_BOOTING || system_state > SYSTEM_RUNNING)
		return;
	if (!lockdep_report(LOCKDEP_SLEEP))
		return;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), current->pid, current->comm);
	pr_err("preempt_count: %x, expected: 0\n", preempt_count());
	lockdep_print_held_locks();
	dump_stack();
}

/* p's total cpu time in ns, including the current run if p is running now. */
u64 task_sched_runtime(struct task_struct *p)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);
	u64 ns;

	if (task_current(rq, p) && task_on_rq_queued(p)) {
		update_rq_clock(rq);
		update_curr_fair(rq);
	}
	ns = p->se.sum_exec_runtime;
	task_rq_unlock(rq, p, flags);
	return ns;
}
