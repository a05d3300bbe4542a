/*
 * Threads, as init: pthread_create and join (clone with CLONE_THREAD, SETTLS,
 * PARENT_SETTID, CHILD_CLEARTID and the futex wake at exit), TLS, mutexes and condition
 * variables under contention (futex wait/wake), pthread_kill, futex timeouts and errors,
 * a thread's exit_group ending the whole process, and robust mutexes (the kernel walks
 * a dead thread's robust list: the next locker gets EOWNERDEAD); group signals reach the
 * thread that does not block them, tkill/tgkill reach the one named, set_tid_address's
 * word is cleared and woken at exit, per-thread and per-process cpu time (and sleeping on
 * the latter), and an interval timer that outlives exec from a non-leader thread.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/rseq.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ktap.h"

enum { THREADS = 4, ROUNDS = 20000 };

static __thread int tls_value = 7;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;

static void *worker(void *arg)
{
	long id = (long)arg;

	tls_value = (int)id * 100;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(long)(tls_value + syscall(SYS_gettid) * 0);
}

static void test_create_join(void)
{
	pthread_t t[THREADS];
	int ok = 1;

	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)(i + 1)))
			ok = 0;
	CHECK("pthread_create", ok, "");
	for (long i = 0; i < THREADS; i++) {
		void *ret;

		pthread_join(t[i], &ret);
		if ((long)ret != (i + 1) * 100)
			ok = 0;
	}
	CHECK("join_returns_values_tls_per_thread", ok && tls_value == 7, "tls %d", tls_value);
	CHECK("mutex_counter_exact", counter == (long)THREADS * ROUNDS, "%ld", counter);
}

static void *waiter(void *arg)
{
	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	return (void *)syscall(SYS_gettid);
}

static void test_condvar(void)
{
	pthread_t t[THREADS];
	int distinct = 1;
	void *tid[THREADS];

	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	usleep(20000);
	pthread_mutex_lock(&lock);
	ready = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], &tid[i]);
		if ((long)tid[i] == getpid())
			distinct = 0;
	}
	CHECK("condvar_broadcast_wakes_all", distinct, "");
}

static volatile int usr1_tid;

static void on_usr1(int sig)
{
	usr1_tid = (int)syscall(SYS_gettid);
}

static void *sleeper(void *arg)
{
	*(int *)arg = (int)syscall(SYS_gettid);
	for (int i = 0; i < 200 && !usr1_tid; i++)
		usleep(1000);
	return NULL;
}

static void test_pthread_kill(void)
{
	pthread_t t;
	int tid = 0;

	signal(SIGUSR1, on_usr1);
	pthread_create(&t, NULL, sleeper, &tid);
	while (!__atomic_load_n(&tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	CHECK("pthread_kill_hits_that_thread", usr1_tid == tid, "handler in %d, thread %d", usr1_tid, tid);
}

static void test_futex_direct(void)
{
	int word = 0;
	struct timespec ts = { 0, 10000000 };

	CHECK_ERR("futex_wait_value_changed", syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0), EAGAIN);
	CHECK_ERR("futex_wait_timeout", syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0), ETIMEDOUT);
	CHECK("futex_wake_none", syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 0, "");
	CHECK_ERR("futex_unaligned", syscall(SYS_futex, (char *)&word + 1, FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL);
	CHECK_ERR("futex_efault", syscall(SYS_futex, (void *)0xffff000040000000UL, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
	CHECK_ERR("futex_bad_op", syscall(SYS_futex, &word, 77, 0, NULL, NULL, 0), ENOSYS);
	CHECK_ERR("futex_bitset_zero", syscall(SYS_futex, &word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0), EINVAL);
}

static void *exiter(void *arg)
{
	usleep(10000);
	exit(33);
}

static void test_exit_group_from_thread(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, exiter, NULL);
		for (;;)
			pause();
	}
	CHECK("thread_exit_group_ends_process", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 33, "status %#x", status);
}

static pthread_mutex_t robust;
static volatile int robust_held;

/* Takes the robust mutex and ends without unlocking it. */
static void *die_holding(void *arg)
{
	pthread_mutex_lock(&robust);
	robust_held = 1;
	if (arg)
		usleep(50000);	/* time for the main thread to block on it */
	return NULL;
}

static void test_robust_mutex(void)
{
	pthread_mutexattr_t attr;
	pthread_t t;
	int r;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &attr);
	pthread_create(&t, NULL, die_holding, NULL);
	pthread_join(t, NULL);
	r = pthread_mutex_lock(&robust);
	CHECK("robust_owner_died_eownerdead", r == EOWNERDEAD, "returned %d", r);
	CHECK("robust_consistent", pthread_mutex_consistent(&robust) == 0 &&
	      pthread_mutex_unlock(&robust) == 0 && pthread_mutex_lock(&robust) == 0, "");
	pthread_mutex_unlock(&robust);
	/* A waiter blocked in the kernel is woken by the owner's death. */
	robust_held = 0;
	pthread_create(&t, NULL, die_holding, (void *)1);
	while (!robust_held)
		usleep(1000);
	r = pthread_mutex_lock(&robust);
	CHECK("robust_waiter_woken_eownerdead", r == EOWNERDEAD, "returned %d", r);
	pthread_mutex_consistent(&robust);
	pthread_mutex_unlock(&robust);
	pthread_join(t, NULL);
}

/* A robust list built by hand: the head, and one entry whose futex word follows it. */
struct fake_robust {
	struct { void *next; long futex_offset; void *pending; } head;
};

static volatile int robust_ro_tid;

/*
 * Sets a list whose one entry's word (holding our tid) sits on a read-only page, and
 * exits: the kernel's cmpxchg on the word faults, the walk stops, nothing else happens.
 */
static void *exit_with_readonly_robust_entry(void *arg)
{
	static struct fake_robust fr;
	void **entry = arg;
	int *word = (int *)(entry + 1);

	fr.head.next = entry;
	fr.head.futex_offset = sizeof(void *);
	fr.head.pending = NULL;
	*entry = &fr.head;	/* the entry's next: back to the head */
	*word = robust_ro_tid = (int)syscall(SYS_gettid);
	mprotect(entry, 4096, PROT_READ);
	syscall(SYS_set_robust_list, &fr.head, sizeof(fr.head));
	syscall(SYS_exit, 0);
	return NULL;
}

static void test_robust_list_readonly_word(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pthread_t t;

		pthread_create(&t, NULL, exit_with_readonly_robust_entry, page);
		usleep(100000);
		/* The word is untouched: no FUTEX_OWNER_DIED could be written. */
		_exit(((int *)page)[2] == robust_ro_tid ? 7 : 1);
	}
	CHECK("robust_list_readonly_word_efault_walk_stops", waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);
}

static void test_robust_list_calls(void)
{
	void *head = NULL;
	size_t len = 0;

	CHECK("get_robust_list_glibc_head", syscall(SYS_get_robust_list, 0, &head, &len) == 0 &&
	      head != NULL && len == 24, "head %p len %zu", head, len);
	CHECK("get_robust_list_by_pid", syscall(SYS_get_robust_list, getpid(), &head, &len) == 0 &&
	      head != NULL, "");
	CHECK_ERR("set_robust_list_einval_len", syscall(SYS_set_robust_list, head, 16), EINVAL);
	CHECK_ERR("get_robust_list_esrch", syscall(SYS_get_robust_list, 99999, &head, &len), ESRCH);
	CHECK_ERR("get_robust_list_efault", syscall(SYS_get_robust_list, 0, (void *)0xffff000040000000UL, &len),
		  EFAULT);
}

/*
 * rseq is not implemented: -ENOSYS, which glibc's start-up takes as "no rseq" (its
 * __rseq_size stays 0) in every thread; the kernel logs the number once (a boot check).
 */
static void test_rseq_enosys(void)
{
	CHECK_ERR("rseq_enosys", syscall(SYS_rseq, NULL, 32, 0, 0), ENOSYS);
	CHECK("glibc_runs_without_rseq", __rseq_size == 0, "__rseq_size %u", __rseq_size);
}

static volatile int got_tid;

static void on_usr2(int sig)
{
	got_tid = (int)syscall(SYS_gettid);
}

static int thread_tid;
static volatile int thread_stop;

/* Leaves SIGUSR2 unblocked, sleeps until told to stop. */
static void *unblocked_sleeper(void *arg)
{
	sigset_t set;

	sigemptyset(&set);
	pthread_sigmask(SIG_SETMASK, &set, NULL);
	__atomic_store_n(&thread_tid, (int)syscall(SYS_gettid), __ATOMIC_RELEASE);
	while (!thread_stop)
		usleep(1000);
	return NULL;
}

static void test_signal_targets(void)
{
	sigset_t set, old;
	pthread_t t;

	signal(SIGUSR2, on_usr2);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	thread_tid = 0;
	thread_stop = 0;
	pthread_create(&t, NULL, unblocked_sleeper, NULL);
	while (!__atomic_load_n(&thread_tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	got_tid = 0;
	kill(getpid(), SIGUSR2);
	for (int i = 0; i < 500 && !got_tid; i++)
		usleep(1000);
	CHECK("group_signal_to_unblocking_thread", got_tid == thread_tid, "handled in %d, thread %d", got_tid,
	      thread_tid);
	got_tid = 0;
	syscall(SYS_tkill, thread_tid, SIGUSR2);
	for (int i = 0; i < 500 && !got_tid; i++)
		usleep(1000);
	CHECK("tkill_to_thread", got_tid == thread_tid, "handled in %d", got_tid);
	pid_t other = fork();
	if (other == 0) {
		pause();
		_exit(0);
	}
	CHECK_ERR("tgkill_thread_other_group", syscall(SYS_tgkill, other, thread_tid, SIGUSR2), ESRCH);
	kill(other, SIGKILL);
	waitpid(other, NULL, 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	thread_stop = 1;
	pthread_join(t, NULL);
	signal(SIGUSR2, SIG_DFL);
}

static volatile int clear_word, clear_seen;

static void *cleartid_thread(void *arg)
{
	clear_word = (int)syscall(SYS_gettid);
	while (!clear_seen)
		usleep(1000);
	syscall(SYS_set_tid_address, &clear_word);
	syscall(SYS_exit, 0);	/* not pthread_exit: glibc would clear its own word */
	return NULL;
}

/* CLONE_CHILD_CLEARTID's word, moved by set_tid_address: zeroed and woken at exit. */
static void test_set_tid_address(void)
{
	pthread_t t;
	struct timespec ts = { 2, 0 };
	int tid;

	pthread_create(&t, NULL, cleartid_thread, NULL);
	while (!(tid = clear_word))
		usleep(1000);
	clear_seen = 1;
	while (clear_word == tid &&
	       (syscall(SYS_futex, &clear_word, FUTEX_WAIT, tid, &ts, NULL, 0) == 0 || errno == EAGAIN))
		;
	CHECK("set_tid_address_cleared_and_woken", clear_word == 0, "word %d errno %d", clear_word, errno);
}

static long tv_us(const struct timeval *tv)
{
	return tv->tv_sec * 1000000L + tv->tv_usec;
}

static void *spinner(void *arg)
{
	struct timespec ts;
	volatile long x = 0;

	do {
		for (int i = 0; i < 100000; i++)
			x += i;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000000000L + ts.tv_nsec < 200000000L);
	return NULL;
}

/* Another thread's cpu time is the process's, not this thread's. */
static void test_thread_cputime(void)
{
	struct rusage self0, self1, thr;
	struct timespec p0, p1;
	pthread_t t;

	getrusage(RUSAGE_SELF, &self0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p0);
	pthread_create(&t, NULL, spinner, NULL);
	pthread_join(t, NULL);
	getrusage(RUSAGE_SELF, &self1);
	getrusage(RUSAGE_THREAD, &thr);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p1);
	long d_self = tv_us(&self1.ru_utime) + tv_us(&self1.ru_stime) - tv_us(&self0.ru_utime) - tv_us(&self0.ru_stime);
	long d_proc = (p1.tv_sec - p0.tv_sec) * 1000000L + (p1.tv_nsec - p0.tv_nsec) / 1000;
	CHECK("rusage_self_counts_dead_thread", d_self >= 150000, "+%ld us", d_self);
	CHECK("process_cputime_counts_dead_thread", d_proc >= 190000, "+%ld us", d_proc);
	CHECK("rusage_thread_is_ours_only", tv_us(&thr.ru_utime) + tv_us(&thr.ru_stime) <
	      tv_us(&self1.ru_utime) + tv_us(&self1.ru_stime) - 150000, "thread %ld self %ld",
	      tv_us(&thr.ru_utime) + tv_us(&thr.ru_stime), tv_us(&self1.ru_utime) + tv_us(&self1.ru_stime));
}

static long process_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* clock_nanosleep on the process clock: asleep until the other thread's spinning adds up. */
static void test_process_cpu_sleep(void)
{
	long start, end;
	pthread_t t;
	int r;

	start = process_cpu_ns();
	pthread_create(&t, NULL, spinner, NULL);
	r = clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &(struct timespec){ 0, 60000000 }, NULL);
	end = process_cpu_ns();
	CHECK("clock_nanosleep_process_relative", r == 0 && end - start >= 60000000L, "r %d cpu +%ld ns", r,
	      end - start);
	long target = end + 60000000L;
	r = clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME,
			    &(struct timespec){ target / 1000000000L, target % 1000000000L }, NULL);
	end = process_cpu_ns();
	CHECK("clock_nanosleep_process_abstime", r == 0 && end >= target, "r %d short by %ld ns", r, target - end);
	pthread_join(t, NULL);
}

static void *exec_from_thread(void *arg)
{
	execl("/bin/thread_test", "thread_test", "alarm-after-exec", (char *)NULL);
	_exit(100);
}

static volatile int alarmed;

static void on_alarm(int sig)
{
	alarmed = 1;
}

/* Run by test_itimer_across_exec: the timer armed before exec still fires here. */
static int alarm_after_exec(void)
{
	struct itimerval it;

	signal(SIGALRM, on_alarm);
	getitimer(ITIMER_REAL, &it);
	if (!it.it_value.tv_sec && !it.it_value.tv_usec && !alarmed)
		return 2;
	while (!alarmed)
		pause();
	return getpid() == (int)syscall(SYS_gettid) ? 8 : 3;
}

static void test_itimer_across_exec(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct itimerval it = { { 0, 0 }, { 0, 300000 } };
		pthread_t t;

		/* Ignored until the new image sets its handler: exec keeps SIG_IGN. */
		signal(SIGALRM, SIG_IGN);
		setitimer(ITIMER_REAL, &it, NULL);
		pthread_create(&t, NULL, exec_from_thread, NULL);
		for (;;)
			pause();
	}
	CHECK("itimer_survives_exec_from_thread", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 8, "status %#x", status);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "alarm-after-exec"))
		return alarm_after_exec();
	ktap_suite = "thread";
	test_rseq_enosys();
	test_create_join();
	test_condvar();
	test_pthread_kill();
	test_futex_direct();
	test_exit_group_from_thread();
	test_robust_list_calls();
	test_robust_mutex();
	test_robust_list_readonly_word();
	test_signal_targets();
	test_thread_cputime();
	test_process_cpu_sleep();
	test_itimer_across_exec();
	test_set_tid_address();
	return ktap_done();
}
