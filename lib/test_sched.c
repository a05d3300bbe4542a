/*
 * selftest=sched: KTAP checks of the scheduler, kthreads, the sleeping primitives and
 * timers. The threads are spread over every online cpu (for_each_online_cpu), so the
 * same cases test cross-cpu wake-ups, locking and balancing once the other cpus are up;
 * none assumes more than one cpu is online.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/selftest.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/kthread.h>
#include <linux/smp.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/rwlock.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/clocksource.h>
#include <linux/workqueue.h>
#include "../kernel/sched/sched.h"

#define NR_TEST_THREADS	8

/* The n-th online cpu, round robin: where test thread n is bound. */
static unsigned int nth_online_cpu(unsigned int n)
{
	unsigned int cpu, i = 0, want = n % num_online_cpus();

	for_each_online_cpu(cpu)
		if (i++ == want)
			return cpu;
	return 0;
}

/* A kthread bound to the n-th online cpu, woken; NULL (reported) on failure. */
static struct task_struct *start_thread(int (*fn)(void *), void *arg, unsigned int n)
{
	struct task_struct *p = kthread_create(fn, arg, "sched_test/%u", n);

	if (IS_ERR(p)) {
		pr_err("# kthread_create: %ld\n", PTR_ERR(p));
		return NULL;
	}
	kthread_bind(p, nth_online_cpu(n));
	wake_up_process(p);
	return p;
}

/* Test threads that reached wait_for_stop since the last finish_threads (atomic). */
static int threads_finished;

/* The end of a test thread: count itself finished, sleep until kthread_stop gets ret. */
static int wait_for_stop(int ret)
{
	__atomic_add_fetch(&threads_finished, 1, __ATOMIC_SEQ_CST);
	selftest_sleep_until_stop();
	return ret;
}

/*
 * Waits (up to 10 s) for the n threads of p to finish their work, then stops them, with
 * their results in ret (when not NULL). A thread stopped before it ran would return
 * -EINTR instead of doing its work, so the work is waited for first. False if a thread
 * is missing or late.
 */
static bool __init finish_threads(struct task_struct **p, int n, int *ret)
{
	unsigned long until = jiffies + 10 * HZ;
	bool ok = true;

	while (READ_ONCE(threads_finished) < n && time_before(jiffies, until))
		msleep(1);
	ok = READ_ONCE(threads_finished) == n;
	WRITE_ONCE(threads_finished, 0);
	for (int i = 0; i < n; i++) {
		int r = p[i] ? kthread_stop(p[i]) : -ENOMEM;

		ok &= p[i] != NULL;
		if (ret)
			ret[i] = r;
	}
	return ok;
}

/* Ping-pong: two threads hand a token back and forth through completions. */
struct pingpong {
	struct completion ping, pong;
	int rounds;
};

static int pong_thread(void *arg)
{
	struct pingpong *pp = arg;

	for (int i = 0; i < pp->rounds; i++) {
		wait_for_completion(&pp->ping);
		complete(&pp->pong);
	}
	return wait_for_stop(pp->rounds);
}

static bool __init test_context_switch(void)
{
	struct pingpong pp = { .rounds = 500 };
	u64 before = 0, after = 0;
	int ret;
	struct task_struct *p;
	unsigned int cpu;

	init_completion(&pp.ping);
	init_completion(&pp.pong);
	for_each_online_cpu(cpu)
		before += nr_context_switches_cpu(cpu);
	p = start_thread(pong_thread, &pp, 0);
	if (!p)
		return false;
	for (int i = 0; i < pp.rounds; i++) {
		complete(&pp.ping);
		wait_for_completion(&pp.pong);
	}
	for_each_online_cpu(cpu)
		after += nr_context_switches_cpu(cpu);
	pr_info("# %d round trips, %llu context switches\n", pp.rounds,
		(unsigned long long)(after - before));
	return finish_threads(&p, 1, &ret) && ret == pp.rounds && after - before >= (u64)pp.rounds;
}

/* Busy threads: each spins for ticks jiffies, yielding only to the tick's preemption. */
struct busy_arg {
	unsigned long ticks;
	int id;
};

static int busy_thread(void *arg)
{
	struct busy_arg *b = arg;
	unsigned long until = jiffies + b->ticks;

	while (time_before(jiffies, until))
		cpu_relax();
	return wait_for_stop(b->id);
}

static bool __init test_many_threads(void)
{
	struct task_struct *p[NR_TEST_THREADS];
	struct busy_arg args[NR_TEST_THREADS];
	int ret[NR_TEST_THREADS];
	unsigned long start = jiffies;
	bool ok;
	int i;

	for (i = 0; i < NR_TEST_THREADS; i++) {
		args[i] = (struct busy_arg){ .ticks = 10, .id = i + 100 };
		p[i] = start_thread(busy_thread, &args[i], i);
	}
	ok = finish_threads(p, NR_TEST_THREADS, ret);
	for (i = 0; i < NR_TEST_THREADS; i++)
		ok &= ret[i] == args[i].id;
	pr_info("# %d busy threads finished in %lu ticks\n", NR_TEST_THREADS, jiffies - start);
	return ok;
}

/* Unbound busy threads: wake-up placement and balancing spread them over the cpus. */
struct spread_test {
	unsigned long cpus_used;	/* bit per cpu a thread was seen on, atomic */
	unsigned long ticks;
};

static int spread_thread(void *arg)
{
	struct spread_test *t = arg;
	unsigned long until = jiffies + t->ticks;

	while (time_before(jiffies, until))
		__atomic_fetch_or(&t->cpus_used, 1UL << raw_smp_processor_id(),
				  __ATOMIC_RELAXED);
	return wait_for_stop(0);
}

static bool __init test_wakeup_spread(void)
{
	struct spread_test t = { .cpus_used = 0, .ticks = 10 };
	struct task_struct *p[NR_TEST_THREADS];
	unsigned int n = min(2 * num_online_cpus(), (unsigned int)NR_TEST_THREADS);
	unsigned int used;
	bool ok;

	for (unsigned int i = 0; i < n; i++) {
		p[i] = kthread_run(spread_thread, &t, "spread/%u", i);
		if (IS_ERR(p[i]))
			p[i] = NULL;
	}
	ok = finish_threads(p, n, NULL);
	used = 0;
	for (unsigned long m = t.cpus_used; m; m &= m - 1)
		used++;
	pr_info("# %u unbound threads ran on %u of %u online cpus (mask %#lx)\n", n, used,
		num_online_cpus(), t.cpus_used);
	return ok && used == num_online_cpus();
}

/* Spins until *stop: a cpu-bound thread whose runtime the fair-share cases measure. */
static int spin_thread(void *arg)
{
	int *stop = arg;

	while (!READ_ONCE(*stop))
		cpu_relax();
	return wait_for_stop(0);
}

/*
 * Two cpu-bound threads on one cpu with nice a and b for 1 s: returns 1000 * the ratio
 * of their runtimes (a's over b's), or 0 on failure.
 */
static u64 __init measure_share(int nice_a, int nice_b)
{
	unsigned int cpu = nth_online_cpu(num_online_cpus() - 1);
	struct task_struct *p[2];
	int nice[2] = { nice_a, nice_b }, stop = 0;
	u64 r0[2], r1[2];

	for (int i = 0; i < 2; i++) {
		p[i] = kthread_create(spin_thread, &stop, "spin/%d", i);
		if (IS_ERR(p[i]))
			return 0;
		kthread_bind(p[i], cpu);
		set_user_nice(p[i], nice[i]);
	}
	wake_up_process(p[0]);
	wake_up_process(p[1]);
	msleep(100);
	for (int i = 0; i < 2; i++)
		r0[i] = task_sched_runtime(p[i]);
	msleep(1000);
	for (int i = 0; i < 2; i++)
		r1[i] = task_sched_runtime(p[i]) - r0[i];
	WRITE_ONCE(stop, 1);
	if (!finish_threads(p, 2, NULL))
		return 0;
	pr_info("# cpu%u: nice %d ran %llu us, nice %d ran %llu us\n", cpu, nice_a,
		(unsigned long long)r1[0] / 1000, nice_b, (unsigned long long)r1[1] / 1000);
	return r1[1] ? r1[0] * 1000 / r1[1] : 0;
}

/*
 * Whether two threads of nice a and b share a cpu in the ratio want/1000, within pct
 * percent. Runtime is charged by the clock, so a long stall of the emulated cpu by the
 * host lands on one thread at once; up to three tries, each printed.
 */
static bool __init share_within(int nice_a, int nice_b, u64 want, unsigned int pct)
{
	for (int try = 0; try < 3; try++) {
		u64 got = measure_share(nice_a, nice_b);

		pr_info("# nice %d / nice %d runtime ratio %lu.%03lu, weight ratio %lu.%03lu\n",
			nice_a, nice_b, (unsigned long)got / 1000, (unsigned long)got % 1000,
			(unsigned long)want / 1000, (unsigned long)want % 1000);
		if (got * 100 >= want * (100 - pct) && got * 100 <= want * (100 + pct))
			return true;
	}
	return false;
}

/* Weights 1024 and 335: a ratio of 3.057, accepted within 25%. */
static bool __init test_fair_share_nice(void)
{
	return share_within(0, 5, 1000ULL * sched_prio_to_weight[20] / sched_prio_to_weight[25],
			    25);
}

/* Equal weights: equal shares within 20%. */
static bool __init test_fair_share_equal(void)
{
	return share_within(0, 0, 1000, 20);
}

/* Mutex stress: the owner check and an in-section count catch any two holders at once. */
struct mutex_stress {
	struct mutex lock;
	int inside;		/* tasks between lock and unlock: must stay 0 or 1 */
	int violations;
	long counter;
	int iterations;
};

static int mutex_thread(void *arg)
{
	struct mutex_stress *ms = arg;

	for (int i = 0; i < ms->iterations; i++) {
		mutex_lock(&ms->lock);
		if (__mutex_owner(&ms->lock) != current || ++ms->inside != 1)
			ms->violations++;
		ms->counter++;
		for (int spin = 0; spin < 200; spin++)
			cpu_relax();	/* long enough for the tick to land inside */
		ms->inside--;
		mutex_unlock(&ms->lock);
	}
	return wait_for_stop(0);
}

static bool __init test_mutex_stress(void)
{
	static struct mutex_stress ms = { .iterations = 2000 };
	struct task_struct *p[NR_TEST_THREADS];
	bool ok = true;

	mutex_init(&ms.lock);
	mutex_lock(&ms.lock);
	ok &= mutex_is_locked(&ms.lock) && !mutex_trylock(&ms.lock);
	for (int i = 0; i < NR_TEST_THREADS; i++)
		p[i] = start_thread(mutex_thread, &ms, i);
	msleep(10);		/* let them queue up behind the held mutex */
	mutex_unlock(&ms.lock);
	ok &= finish_threads(p, NR_TEST_THREADS, NULL);
	pr_info("# mutex: counter %ld of %d, %d violations\n", ms.counter,
		NR_TEST_THREADS * ms.iterations, ms.violations);
	return ok && ms.counter == (long)NR_TEST_THREADS * ms.iterations && !ms.violations &&
	       !mutex_is_locked(&ms.lock);
}

/* rwsem: readers get in together; a writer is alone; a waiting writer keeps readers out. */
struct rwsem_test {
	struct rw_semaphore sem;
	int readers;		/* readers inside, atomic */
	int max_readers;
	int arrived;		/* readers that got in so far, atomic */
	int writers;		/* writers inside */
	int violations;
	int nr_readers;		/* how many readers to wait for inside */
};

static int rwsem_reader(void *arg)
{
	struct rwsem_test *t = arg;
	unsigned long until = jiffies + HZ;

	down_read(&t->sem);
	__atomic_add_fetch(&t->readers, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&t->arrived, 1, __ATOMIC_SEQ_CST);
	if (READ_ONCE(t->writers))
		t->violations++;
	/* Stay until every reader got in: proves they hold the rwsem at the same time. */
	while (READ_ONCE(t->arrived) < t->nr_readers && time_before(jiffies, until))
		msleep(1);
	t->max_readers = max(t->max_readers, READ_ONCE(t->readers));
	__atomic_sub_fetch(&t->readers, 1, __ATOMIC_SEQ_CST);
	up_read(&t->sem);
	return wait_for_stop(0);
}

static int rwsem_writer(void *arg)
{
	struct rwsem_test *t = arg;

	for (int i = 0; i < 200; i++) {
		down_write(&t->sem);
		if (++t->writers != 1 || READ_ONCE(t->readers))
			t->violations++;
		for (int spin = 0; spin < 200; spin++)
			cpu_relax();
		t->writers--;
		up_write(&t->sem);
	}
	return wait_for_stop(0);
}

static bool __init test_rwsem(void)
{
	static struct rwsem_test t = { .nr_readers = 3 };
	struct task_struct *r[3], *w[2];
	bool ok = true, writer_waits;

	init_rwsem(&t.sem);
	for (int i = 0; i < 3; i++)
		r[i] = start_thread(rwsem_reader, &t, i);
	ok &= finish_threads(r, 3, NULL);
	ok &= t.max_readers == 3;
	/* Writer starvation: with a reader in and a writer queued, a new reader must wait. */
	down_read(&t.sem);
	w[0] = start_thread(rwsem_writer, &t, 1);
	msleep(20);
	writer_waits = !down_read_trylock(&t.sem);
	up_read(&t.sem);
	w[1] = start_thread(rwsem_writer, &t, 2);
	ok &= finish_threads(w, 2, NULL);
	pr_info("# rwsem: %d readers at once, writer kept new readers out: %s, %d violations\n",
		t.max_readers, writer_waits ? "yes" : "no", t.violations);
	ok &= writer_waits && !t.violations && down_write_trylock(&t.sem);
	up_write(&t.sem);
	return ok;
}

/* rwlock_t: readers share it, a writer is alone, with the plain and irq-saving forms. */
struct rwlock_test {
	rwlock_t lock;
	int readers;		/* atomic */
	int writers;
	int violations;
	long writes;
};

static int rwlock_thread(void *arg)
{
	struct rwlock_test *t = arg;
	unsigned long flags;

	for (int i = 0; i < 2000; i++) {
		if (i % 4 == 0) {
			write_lock_irqsave(&t->lock, flags);
			if (++t->writers != 1 || READ_ONCE(t->readers))
				t->violations++;
			t->writes++;
			t->writers--;
			write_unlock_irqrestore(&t->lock, flags);
		} else {
			read_lock(&t->lock);
			__atomic_add_fetch(&t->readers, 1, __ATOMIC_SEQ_CST);
			if (READ_ONCE(t->writers))
				t->violations++;
			for (int spin = 0; spin < 50; spin++)
				cpu_relax();
			__atomic_sub_fetch(&t->readers, 1, __ATOMIC_SEQ_CST);
			read_unlock(&t->lock);
		}
	}
	return wait_for_stop(0);
}

static bool __init test_rwlock(void)
{
	static struct rwlock_test t;
	struct task_struct *p[4];
	bool ok;

	rwlock_init(&t.lock);
	for (int i = 0; i < 4; i++)
		p[i] = start_thread(rwlock_thread, &t, i);
	ok = finish_threads(p, 4, NULL);
	pr_info("# rwlock: %ld writes, %d violations\n", t.writes, t.violations);
	return ok && t.writes == 4 * 500 && !t.violations;
}

/* Wait queue hand-off: a thread sleeps in wait_event until we set its condition. */
struct wq_test {
	struct wait_queue_head wq;
	int go;
	int woke;
};

static int wq_waiter(void *arg)
{
	struct wq_test *t = arg;

	wait_event(t->wq, READ_ONCE(t->go));
	__atomic_add_fetch(&t->woke, 1, __ATOMIC_SEQ_CST);
	return wait_for_stop(0);
}

static bool __init test_waitqueue(void)
{
	struct wq_test t = { .go = 0 };
	struct task_struct *p[4];
	int woke_early;
	bool ok = true;

	init_waitqueue_head(&t.wq);
	for (int i = 0; i < 4; i++)
		p[i] = start_thread(wq_waiter, &t, i);
	msleep(20);
	woke_early = READ_ONCE(t.woke);
	WRITE_ONCE(t.go, 1);
	wake_up_all(&t.wq);
	ok &= finish_threads(p, 4, NULL);
	ok &= wait_event_timeout(t.wq, false, 2) == 0;
	return ok && !woke_early && t.woke == 4 && !waitqueue_active(&t.wq);
}

static int completer_thread(void *arg)
{
	struct completion *done = arg;

	msleep(10);
	complete(done);
	return wait_for_stop(0);
}

/* complete() from another thread wakes the waiter; without one, the timeout expires. */
static bool __init test_completion(void)
{
	DECLARE_COMPLETION_ONSTACK(done);
	unsigned long start = jiffies, left;
	struct task_struct *p = start_thread(completer_thread, &done, 1);
	bool ok = p != NULL;

	wait_for_completion(&done);
	ok &= finish_threads(&p, 1, NULL);
	left = wait_for_completion_timeout(&done, 3);
	ok &= left == 0 && time_after_eq(jiffies, start + 3);
	complete_all(&done);
	wait_for_completion(&done);
	wait_for_completion(&done);
	ok &= completion_done(&done);
	return ok;
}

/* msleep sleeps at least as asked, by jiffies and by the clock. */
static bool __init test_msleep(void)
{
	static const unsigned int ms[] = { 1, 10, 50 };
	bool ok = true;

	for (unsigned int i = 0; i < ARRAY_SIZE(ms); i++) {
		unsigned long j0 = jiffies;
		u64 t0 = sched_clock(), slept;

		msleep(ms[i]);
		slept = sched_clock() - t0;
		pr_info("# msleep(%u): %llu us, %lu jiffies\n", ms[i],
			(unsigned long long)slept / 1000, jiffies - j0);
		ok &= slept >= ms[i] * 1000000ULL && jiffies - j0 >= msecs_to_jiffies(ms[i]);
	}
	return ok;
}

/*
 * A signal pending before an interruptible sleep begins (it came between the caller's
 * last check and set_current_state, and found the task running) ends the sleep at once;
 * an uninterruptible one still sleeps. The flag alone stands for the signal: this
 * kernel thread has no handlers to run.
 */
static bool __init test_signal_before_sleep(void)
{
	long left, slept;

	set_tsk_thread_flag(current, TIF_SIGPENDING);
	set_current_state(TASK_INTERRUPTIBLE);
	left = schedule_timeout(5 * HZ);
	set_current_state(TASK_UNINTERRUPTIBLE);
	slept = 2 - schedule_timeout(2);
	clear_tsk_thread_flag(current, TIF_SIGPENDING);
	pr_info("# interruptible sleep with a signal pending: %ld of %d jiffies left; "
		"uninterruptible: %ld of 2 slept\n", left, 5 * HZ, slept);
	return left == 5 * HZ && slept == 2;
}

struct timer_test {
	struct timer_list timer;
	int fired;
	unsigned int cpu;
};

static void timer_test_fn(struct timer_list *t)
{
	struct timer_test *tt = from_timer(tt, t, timer);

	tt->cpu = smp_processor_id();
	WRITE_ONCE(tt->fired, tt->fired + 1);
}

/* A timer fires once, on the cpu that armed it; a deleted one does not fire. */
static bool __init test_timer(void)
{
	struct timer_test tt = { .fired = 0 }, cancelled = { .fired = 0 };
	unsigned int cpu;
	bool ok;

	preempt_disable();
	cpu = smp_processor_id();
	timer_setup(&tt.timer, timer_test_fn, 0);
	mod_timer(&tt.timer, jiffies + 2);
	timer_setup(&cancelled.timer, timer_test_fn, 0);
	mod_timer(&cancelled.timer, jiffies + 2);
	preempt_enable();
	ok = timer_pending(&cancelled.timer) && del_timer_sync(&cancelled.timer) == 1;
	msleep(20);
	ok &= tt.fired == 1 && tt.cpu == cpu && !timer_pending(&tt.timer);
	ok &= !cancelled.fired && del_timer_sync(&tt.timer) == 0;
	return ok;
}

static int never_runs(void *arg)
{
	return 1;
}

/* kthread_stop gets the thread's result, or -EINTR for a thread stopped before it ran. */
static bool __init test_kthread_stop(void)
{
	struct task_struct *p = kthread_create(never_runs, NULL, "never_runs");

	if (IS_ERR(p))
		return false;
	return kthread_stop(p) == -EINTR;
}

/* What a test work item saw when it ran. */
struct work_test {
	struct work_struct work;
	struct delayed_work dwork;
	unsigned int sleep_ms;		/* how long the function sleeps */
	int runs;
	int cpu;
	char comm[TASK_COMM_LEN];
	unsigned long ran_at;		/* jiffies */
};

static void work_test_record(struct work_test *t)
{
	if (t->sleep_ms)
		msleep(t->sleep_ms);
	t->cpu = smp_processor_id();
	strscpy(t->comm, current->comm, sizeof(t->comm));
	t->ran_at = jiffies;
	WRITE_ONCE(t->runs, t->runs + 1);
}

static void work_test_fn(struct work_struct *work)
{
	work_test_record(container_of(work, struct work_test, work));
}

static void dwork_test_fn(struct work_struct *work)
{
	work_test_record(container_of(to_delayed_work(work), struct work_test, dwork));
}

/* schedule_work runs the item once, in a kworker; flush_work waits until it has run. */
static bool __init test_schedule_work(void)
{
	struct work_test t = { .sleep_ms = 20 };
	bool ok;

	INIT_WORK(&t.work, work_test_fn);
	ok = schedule_work(&t.work) && !schedule_work(&t.work);
	ok &= flush_work(&t.work) && READ_ONCE(t.runs) == 1;
	ok &= !strncmp(t.comm, "kworker/", 8) && !flush_work(&t.work);
	return ok;
}

/* schedule_work_on(cpu) runs on cpu, in kworker/cpu:0, and has run once flush_work returns. */
static bool __init test_schedule_work_on(void)
{
	struct work_test t = { .sleep_ms = 0 };
	unsigned int cpu;
	bool ok = true;

	for_each_online_cpu(cpu) {
		char name[TASK_COMM_LEN];

		INIT_WORK(&t.work, work_test_fn);
		t.runs = 0;
		ok &= schedule_work_on(cpu, &t.work);
		/* False when the kworker of another cpu was done before the call. */
		flush_work(&t.work);
		snprintf(name, sizeof(name), "kworker/%u:0", cpu);
		ok &= t.runs == 1 && t.cpu == (int)cpu && !strcmp(t.comm, name);
	}
	return ok;
}

/* Delayed work waits its delay; cancel_work_sync takes back work that has not run. */
static bool __init test_delayed_and_cancel(void)
{
	struct work_test busy = { .sleep_ms = 30 }, t = { .sleep_ms = 0 };
	unsigned long start = jiffies;
	bool ok;

	INIT_DELAYED_WORK(&t.dwork, dwork_test_fn);
	ok = schedule_delayed_work(&t.dwork, 5);
	msleep(60);
	ok &= t.runs == 1 && time_after_eq(t.ran_at, start + 5);
	ok &= schedule_delayed_work(&t.dwork, HZ) && cancel_delayed_work_sync(&t.dwork);
	/* A worker busy with the first item leaves the second queued for us to cancel. */
	INIT_WORK(&busy.work, work_test_fn);
	INIT_WORK(&t.work, work_test_fn);
	preempt_disable();
	ok &= schedule_work(&busy.work) && schedule_work(&t.work);
	preempt_enable();
	msleep(5);
	ok &= cancel_work_sync(&t.work) && flush_work(&busy.work) && busy.runs == 1;
	msleep(10);
	return ok && t.runs == 1 && !work_pending(&t.work);
}

/* Taken before the first case: the leak check compares against them. */
static int tasks_before, task_structs_before;

/* Every task the suite made has exited and been freed (a dead task is freed once its cpu
 * has switched away from it, so allow that a moment). */
static bool __init test_tasks_freed(void)
{
	for (int i = 0; i < 100 && nr_task_structs() != task_structs_before; i++)
		msleep(1);
	pr_info("# tasks: %d before, %d after; task_structs: %d before, %d after\n",
		tasks_before, nr_threads, task_structs_before, nr_task_structs());
	return nr_threads == tasks_before && nr_task_structs() == task_structs_before;
}

static const struct ktap_case sched_cases[] __initconst = {
	{ test_context_switch, "context_switch" },
	{ test_many_threads, "many_threads" },
	{ test_wakeup_spread, "wakeup_spread" },
	{ test_fair_share_nice, "fair_share_nice" },
	{ test_fair_share_equal, "fair_share_equal" },
	{ test_mutex_stress, "mutex_stress" },
	{ test_rwsem, "rwsem" },
	{ test_rwlock, "rwlock" },
	{ test_waitqueue, "waitqueue" },
	{ test_completion, "completion" },
	{ test_msleep, "msleep" },
	{ test_signal_before_sleep, "signal_before_sleep" },
	{ test_timer, "timer" },
	{ test_kthread_stop, "kthread_stop" },
	{ test_schedule_work, "schedule_work" },
	{ test_schedule_work_on, "schedule_work_on" },
	{ test_delayed_and_cancel, "delayed_work_and_cancel" },
	{ test_tasks_freed, "tasks_freed" },
};

static void __init sched_selftest(void)
{
	tasks_before = nr_threads;
	task_structs_before = nr_task_structs();
	pr_info("sched: %u cpus online\n", num_online_cpus());
	ktap_run_suite("sched", sched_cases, ARRAY_SIZE(sched_cases));
}
selftest_initcall("sched", sched_selftest);
