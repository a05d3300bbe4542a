/*
 * Signals, as init: handlers entered and returned from (rt_sigreturn through the
 * sigpage), the frame (siginfo, ucontext with the registers, FP/SIMD state kept across a
 * handler), masks and pending sets, SA_RESETHAND, SA_NODEFER, sigaltstack, sigsuspend,
 * sigtimedwait, SIGCHLD, stop and continue, EINTR vs SA_RESTART, tgkill and the errors;
 * interval timers and alarm, fatal and core-dumping default actions, breakpoint traps,
 * sigqueue and real-time queueing, nanosleep's EINTR, and the error returns of each call.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <ucontext.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ktap.h"

#define KERNEL_PTR	((void *)0xffff000040000000UL)	/* the linear map */

static volatile int hits, last_sig, last_code, last_pid, on_alt;
static volatile uintptr_t alt_lo, alt_hi;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	int local;

	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	on_alt = (uintptr_t)&local >= alt_lo && (uintptr_t)&local < alt_hi;
	/* The interrupted context is readable: pc inside our own code. */
	if (!uc->uc_mcontext.pc)
		hits += 100;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void test_delivery(void)
{
	set_handler(SIGUSR1, 0);
	hits = 0;
	raise(SIGUSR1);
	CHECK("handler_runs_and_returns", hits == 1 && last_sig == SIGUSR1 && last_code == SI_TKILL,
	      "hits %d sig %d code %d", hits, last_sig, last_code);
	kill(getpid(), SIGUSR1);
	CHECK("kill_siginfo", hits == 2 && last_code == SI_USER && last_pid == getpid(), "code %d pid %d",
	      last_code, last_pid);
	CHECK("tgkill", syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1) == 0 && hits == 3, "");
	CHECK_ERR("tgkill_wrong_group", syscall(SYS_tgkill, 77777, getpid(), SIGUSR1), ESRCH);
	CHECK_ERR("tkill_bad_tid", syscall(SYS_tkill, -5, SIGUSR1), EINVAL);
}

static void test_fpsimd_preserved(void)
{
	volatile double d = 1.5;

	set_handler(SIGUSR2, 0);
	__asm__ __volatile__("fmov d8, #2.5" ::: "d8");
	raise(SIGUSR2);
	double after;
	__asm__ __volatile__("fmov %d0, d8" : "=w" (after));
	CHECK("fpsimd_kept_across_handler", after == 2.5 && d * 2 == 3.0, "d8 %f", after);
}

static void test_mask_pending(void)
{
	sigset_t set, old, pend;

	hits = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	sigpending(&pend);
	CHECK("blocked_stays_pending", hits == 0 && sigismember(&pend, SIGUSR1), "");
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK("unblock_delivers", hits == 1, "hits %d", hits);
	sigfillset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	sigprocmask(SIG_SETMASK, NULL, &old);
	CHECK("kill_stop_unblockable", !sigismember(&old, SIGKILL) && !sigismember(&old, SIGSTOP), "");
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	CHECK_ERR("sigprocmask_einval", syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8), EINVAL);
	CHECK_ERR("sigprocmask_efault", syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)0x10, NULL, 8), EFAULT);
}

static void test_flags(void)
{
	struct sigaction cur;

	set_handler(SIGUSR1, SA_RESETHAND);
	hits = 0;
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &cur);
	CHECK("sa_resethand", hits == 1 && cur.sa_handler == SIG_DFL, "");
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	CHECK("sig_ign_ignored", 1, "");
	signal(SIGUSR2, SIG_DFL);
}

static void test_altstack(void)
{
	static char stack[64 * 1024];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) }, old;

	alt_lo = (uintptr_t)stack;
	alt_hi = alt_lo + sizeof(stack);
	CHECK("sigaltstack_set", sigaltstack(&ss, &old) == 0 && old.ss_flags == SS_DISABLE, "");
	set_handler(SIGUSR1, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK("handler_on_altstack", on_alt, "");
	ss.ss_size = 100;
	CHECK_ERR("sigaltstack_too_small", sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_flags = 77;
	ss.ss_size = sizeof(stack);
	CHECK_ERR("sigaltstack_bad_flags", sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
}

static void test_sigsuspend_timedwait(void)
{
	sigset_t block, wait_mask;
	struct timespec ts = { 0, 20000000 };
	siginfo_t si;

	set_handler(SIGUSR1, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	hits = 0;
	if (fork() == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	sigemptyset(&wait_mask);
	int r = sigsuspend(&wait_mask);
	CHECK("sigsuspend_eintr_after_handler", r == -1 && errno == EINTR && hits == 1, "hits %d", hits);
	wait(NULL);
	CHECK_ERR("sigtimedwait_timeout", sigtimedwait(&block, &si, &ts), EAGAIN);
	raise(SIGUSR1);
	r = sigtimedwait(&block, &si, &ts);
	/* glibc folds SI_TKILL (raise) into SI_USER for sigtimedwait. */
	CHECK("sigtimedwait_dequeues", r == SIGUSR1 && si.si_code == SI_USER && hits == 1,
	      "ret %d errno %d code %d hits %d", r, errno, si.si_code, hits);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
}

static volatile int chld;

static void on_chld(int sig)
{
	chld++;
}

static void test_sigchld_stop_cont(void)
{
	int status;
	pid_t pid;

	signal(SIGCHLD, on_chld);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	CHECK("wuntraced_reports_stop", waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) &&
	      WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	kill(pid, SIGCONT);
	CHECK("wcontinued_reports_cont", waitpid(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status),
	      "status %#x", status);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	CHECK("sigchld_delivered", chld >= 2, "chld %d", chld);
	signal(SIGCHLD, SIG_DFL);
}

static void test_restart(void)
{
	struct sigaction sa = { .sa_handler = on_chld };
	int fds[2], status;
	char c;

	/* A read interrupted by a handler without SA_RESTART fails with EINTR. */
	if (pipe(fds)) {
		printf("ok %d read_eintr_and_restart # SKIP pipe2: errno %d\n", ++ktap_n, errno);
		return;
	}
	sigaction(SIGALRM, &sa, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(30000);
		kill(getppid(), SIGALRM);
		usleep(30000);
		write(fds[1], "x", 1);
		_exit(0);
	}
	errno = 0;
	CHECK("read_eintr_without_restart", read(fds[0], &c, 1) == -1 && errno == EINTR, "errno %d", errno);
	waitpid(pid, &status, 0);
	read(fds[0], &c, 1);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		usleep(30000);
		kill(getppid(), SIGALRM);
		usleep(30000);
		write(fds[1], "y", 1);
		_exit(0);
	}
	CHECK("read_restarted_with_sa_restart", read(fds[0], &c, 1) == 1 && c == 'y', "");
	waitpid(pid, &status, 0);
	close(fds[0]);
	close(fds[1]);
}

static volatile int timer_hits[NSIG], timer_code;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	timer_hits[sig]++;
	timer_code = si->si_code;
}

static long now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static long tv_us(const struct timeval *tv)
{
	return tv->tv_sec * 1000000L + tv->tv_usec;
}

static void test_itimer_real(void)
{
	struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } }, cur, old;
	long start = now_ns(CLOCK_MONOTONIC), took;
	int status;

	sigaction(SIGALRM, &sa, NULL);
	CHECK("setitimer_real", setitimer(ITIMER_REAL, &it, NULL) == 0, "errno %d", errno);
	CHECK("getitimer_real_left", getitimer(ITIMER_REAL, &cur) == 0 && tv_us(&cur.it_value) > 0 &&
	      tv_us(&cur.it_value) <= 10000 && tv_us(&cur.it_interval) == 10000, "value %ld interval %ld",
	      tv_us(&cur.it_value), tv_us(&cur.it_interval));
	while (timer_hits[SIGALRM] < 5 && now_ns(CLOCK_MONOTONIC) - start < 5000000000L)
		pause();
	took = now_ns(CLOCK_MONOTONIC) - start;
	CHECK("itimer_real_reloads", timer_hits[SIGALRM] >= 5 && took >= 50000000L && timer_code == SI_KERNEL,
	      "%d SIGALRMs in %ld ns, code %d", timer_hits[SIGALRM], took, timer_code);
	memset(&it, 0, sizeof(it));
	CHECK("setitimer_disarm_returns_old", setitimer(ITIMER_REAL, &it, &old) == 0 &&
	      tv_us(&old.it_interval) == 10000 && tv_us(&old.it_value) <= 10000, "interval %ld value %ld",
	      tv_us(&old.it_interval), tv_us(&old.it_value));
	getitimer(ITIMER_REAL, &cur);
	CHECK("getitimer_disarmed", !tv_us(&cur.it_value) && !tv_us(&cur.it_interval), "");
	/* A forked child starts without the parent's timers. */
	it.it_value.tv_sec = 10;
	setitimer(ITIMER_REAL, &it, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		getitimer(ITIMER_REAL, &cur);
		_exit(cur.it_value.tv_sec || cur.it_value.tv_usec ? 1 : 0);
	}
	CHECK("itimer_not_inherited", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "status %#x", status);
	it.it_value.tv_sec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void test_alarm(void)
{
	struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
	long start;
	unsigned left;

	sigaction(SIGALRM, &sa, NULL);
	CHECK("alarm_none_before", alarm(5) == 0, "");
	left = alarm(3);
	CHECK("alarm_returns_remaining", left == 5, "%u", left);
	left = alarm(0);
	CHECK("alarm_cancel_returns_remaining", left == 3, "%u", left);
	timer_hits[SIGALRM] = 0;
	start = now_ns(CLOCK_MONOTONIC);
	alarm(1);
	while (!timer_hits[SIGALRM])
		pause();
	long took = now_ns(CLOCK_MONOTONIC) - start;
	CHECK("alarm_delivers_after_1s", took >= 1000000000L && took < 3000000000L, "%ld ns", took);
	signal(SIGALRM, SIG_DFL);
}

/* ITIMER_VIRTUAL counts user time only, ITIMER_PROF user and system time. */
static void test_itimer_cpu(void)
{
	struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
	struct itimerval it = { { 0, 0 }, { 0, 30000 } }, cur;
	long cpu0, wall0;

	sigaction(SIGVTALRM, &sa, NULL);
	sigaction(SIGPROF, &sa, NULL);
	setitimer(ITIMER_VIRTUAL, &it, NULL);
	nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	getitimer(ITIMER_VIRTUAL, &cur);
	CHECK("itimer_virtual_stands_still_asleep", !timer_hits[SIGVTALRM] && tv_us(&cur.it_value) > 20000,
	      "hits %d left %ld us", timer_hits[SIGVTALRM], tv_us(&cur.it_value));
	cpu0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	wall0 = now_ns(CLOCK_MONOTONIC);
	while (!timer_hits[SIGVTALRM] && now_ns(CLOCK_MONOTONIC) - wall0 < 5000000000L)
		;
	long cpu = now_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	CHECK("itimer_virtual_fires_on_user_time", timer_hits[SIGVTALRM] == 1 && cpu >= 20000000L &&
	      timer_code == SI_KERNEL, "hits %d after %ld ns of cpu", timer_hits[SIGVTALRM], cpu);
	it.it_interval.tv_usec = 20000;
	setitimer(ITIMER_PROF, &it, NULL);
	wall0 = now_ns(CLOCK_MONOTONIC);
	while (timer_hits[SIGPROF] < 3 && now_ns(CLOCK_MONOTONIC) - wall0 < 5000000000L)
		getppid();
	CHECK("itimer_prof_reloads", timer_hits[SIGPROF] >= 3, "hits %d", timer_hits[SIGPROF]);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_PROF, &it, &cur);
	CHECK("itimer_prof_old_interval", tv_us(&cur.it_interval) == 20000, "%ld", tv_us(&cur.it_interval));
	signal(SIGVTALRM, SIG_DFL);
	signal(SIGPROF, SIG_DFL);
}

static void test_itimer_errors(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 1000000 } };

	CHECK_ERR("setitimer_einval_which", setitimer(7, &it, NULL), EINVAL);
	CHECK_ERR("setitimer_einval_usec", setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	CHECK_ERR("getitimer_einval_which", syscall(SYS_getitimer, -1, &it), EINVAL);
	CHECK_ERR("getitimer_efault_kernel", syscall(SYS_getitimer, ITIMER_REAL, KERNEL_PTR), EFAULT);
	CHECK_ERR("setitimer_efault_unmapped", syscall(SYS_setitimer, ITIMER_REAL, (void *)0x10, NULL), EFAULT);
}

/* What a child died of: the wait status, and waitid's code for it. */
static int child_death(void (*body)(void), int *code)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0) {
		body();
		_exit(0);
	}
	memset(&si, 0, sizeof(si));
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	*code = si.si_code;
	int status = 0;
	waitpid(pid, &status, 0);
	return status;
}

static void do_quit(void)
{
	raise(SIGQUIT);
}

static void do_segv(void)
{
	int *volatile bad = (int *)0x10;

	*bad = 1;
}

static void do_trap(void)
{
	__asm__ __volatile__("brk #0x7");
}

/* Core-dumping signals with RLIMIT_CORE 0 (init's default): killed, no core flag. */
static void test_core_signals(void)
{
	static const struct { const char *name; void (*body)(void); int sig; } cases[] = {
		{ "sigquit_kills_no_core", do_quit, SIGQUIT },
		{ "abort_kills_no_core", abort, SIGABRT },
		{ "sigsegv_kills_no_core", do_segv, SIGSEGV },
		{ "brk_sigtrap_kills_no_core", do_trap, SIGTRAP },
	};
	struct rlimit rl;

	CHECK("rlimit_core_zero", getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur == 0, "%lu",
	      (unsigned long)rl.rlim_cur);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int code, status = child_death(cases[i].body, &code);

		CHECK(cases[i].name, WIFSIGNALED(status) && WTERMSIG(status) == cases[i].sig &&
		      !WCOREDUMP(status) && code == CLD_KILLED, "status %#x code %d", status, code);
	}
}

static void *blocked_reader(void *arg)
{
	char c;

	read(*(int *)arg, &c, 1);
	return NULL;
}

/*
 * A fatal signal with no handler takes down every thread of the group; a stopped
 * process keeps it pending until SIGCONT (Linux's wants_signal: a stopped thread wants
 * only SIGKILL); a thread waiting for it in sigtimedwait gets it instead of dying.
 */
static void test_fatal_signals(void)
{
	int status = 0, fds[2];
	sigset_t set;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, blocked_reader, &fds[0]);
		pthread_join(t, NULL);
		_exit(1);
	}
	usleep(20000);
	kill(pid, SIGTERM);
	CHECK("sigterm_kills_threaded_group", waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGTERM, "status %#x", status);
	close(fds[0]);
	close(fds[1]);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	kill(pid, SIGTERM);
	usleep(50000);
	CHECK("sigterm_pending_while_stopped", waitpid(pid, &status, WNOHANG) == 0, "status %#x", status);
	kill(pid, SIGCONT);
	CHECK("sigterm_kills_after_sigcont", waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGTERM, "status %#x", status);
	pid = fork();
	if (pid == 0) {
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		_exit(sigwaitinfo(&set, NULL) == SIGTERM ? 9 : 1);
	}
	usleep(20000);
	kill(pid, SIGTERM);
	CHECK("sigtimedwait_takes_fatal_signal", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 9, "status %#x", status);
}

static volatile uintptr_t trap_addr;
static volatile int trap_code;

/* Skips the brk: resuming at its pc would trap again. */
static void on_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	trap_addr = (uintptr_t)si->si_addr;
	trap_code = si->si_code;
	uc->uc_mcontext.pc += 4;
}

static void test_brk_trap(void)
{
	struct sigaction sa = { .sa_sigaction = on_trap, .sa_flags = SA_SIGINFO };
	uintptr_t at;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTRAP, &sa, NULL);
	__asm__ __volatile__("adr %0, 1f\n1:\tbrk #0x123" : "=&r" (at) : : "memory");
	CHECK("brk_sigtrap_trap_brkpt", trap_code == TRAP_BRKPT && trap_addr == at,
	      "code %d addr %#lx, brk at %#lx", trap_code, (unsigned long)trap_addr, (unsigned long)at);
	signal(SIGTRAP, SIG_DFL);
}

static volatile int q_hits, q_values[8], q_code;

static void on_queue(int sig, siginfo_t *si, void *uc)
{
	if (q_hits < 8)
		q_values[q_hits] = si->si_value.sival_int;
	q_hits++;
	q_code = si->si_code;
}

/* Real-time signals queue each instance with its value, in order; standard ones do not. */
static void test_sigqueue(void)
{
	struct sigaction sa = { .sa_sigaction = on_queue, .sa_flags = SA_SIGINFO };
	siginfo_t info;
	sigset_t set;
	int status;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	CHECK("sigqueue_value_si_queue", sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 42 }) == 0 &&
	      q_hits == 1 && q_values[0] == 42 && q_code == SI_QUEUE, "hits %d value %d code %d", q_hits,
	      q_values[0], q_code);
	q_hits = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 1; i <= 3; i++)
		sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i });
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK("rt_signals_queue_in_order", q_hits == 3 && q_values[0] == 1 && q_values[1] == 2 &&
	      q_values[2] == 3, "hits %d values %d %d %d", q_hits, q_values[0], q_values[1], q_values[2]);
	q_hits = 0;
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR2);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK("standard_signal_not_queued_twice", q_hits == 1, "hits %d", q_hits);
	memset(&info, 0, sizeof(info));
	info.si_code = SI_USER;
	pid_t pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	CHECK_ERR("rt_sigqueueinfo_eperm_forged_code", syscall(SYS_rt_sigqueueinfo, pid, SIGUSR1, &info), EPERM);
	info.si_code = SI_QUEUE;
	CHECK("rt_sigqueueinfo_other_process", syscall(SYS_rt_sigqueueinfo, pid, SIGTERM, &info) == 0 &&
	      waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "status %#x", status);
	CHECK_ERR("rt_sigqueueinfo_esrch", syscall(SYS_rt_sigqueueinfo, 99999, SIGUSR1, &info), ESRCH);
	CHECK_ERR("rt_sigqueueinfo_einval", syscall(SYS_rt_sigqueueinfo, getpid(), 100, &info), EINVAL);
	CHECK_ERR("rt_sigqueueinfo_efault", syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, KERNEL_PTR), EFAULT);
	signal(SIGRTMIN, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static volatile int alt_eperm, alt_onstack_flag;

/* On the alternate stack: it cannot be changed, and sigaltstack says we are on it. */
static void on_alt_handler(int sig)
{
	stack_t ss = { .ss_size = 1 << 16 }, old;

	alt_eperm = sigaltstack(&ss, NULL) == -1 && errno == EPERM;
	alt_onstack_flag = sigaltstack(NULL, &old) == 0 && (old.ss_flags & SS_ONSTACK);
}

static void test_altstack_more(void)
{
	static char stack[64 * 1024];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) };
	struct sigaction sa = { .sa_handler = on_alt_handler, .sa_flags = SA_ONSTACK };

	sigaltstack(&ss, NULL);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	CHECK("sigaltstack_eperm_on_stack", alt_eperm && alt_onstack_flag, "eperm %d onstack %d", alt_eperm,
	      alt_onstack_flag);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	CHECK_ERR("sigaltstack_efault", syscall(SYS_sigaltstack, KERNEL_PTR, NULL), EFAULT);
	CHECK_ERR("sigaltstack_efault_old", syscall(SYS_sigaltstack, NULL, KERNEL_PTR), EFAULT);
	signal(SIGUSR1, SIG_DFL);
}

static void on_alrm(int sig)
{
	timer_hits[sig]++;
}

static void arm_alarm_ms(int ms)
{
	struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };
	struct sigaction sa = { .sa_handler = on_alrm };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void test_wait_errors(void)
{
	sigset_t set, old;
	siginfo_t si;
	struct timespec rem = { 0, 0 };
	int r;

	CHECK_ERR("rt_sigsuspend_efault", syscall(SYS_rt_sigsuspend, KERNEL_PTR, 8), EFAULT);
	CHECK_ERR("rt_sigsuspend_einval_size", syscall(SYS_rt_sigsuspend, &set, 4), EINVAL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	CHECK_ERR("sigtimedwait_einval_timespec", sigtimedwait(&set, &si, &(struct timespec){ 0, 2000000000L }),
		  EINVAL);
	CHECK_ERR("sigtimedwait_zero_polls", sigtimedwait(&set, &si, &(struct timespec){ 0, 0 }), EAGAIN);
	CHECK_ERR("sigtimedwait_efault_set", syscall(SYS_rt_sigtimedwait, KERNEL_PTR, NULL, NULL, 8), EFAULT);
	arm_alarm_ms(20);
	CHECK_ERR("sigtimedwait_eintr_by_handler", sigtimedwait(&set, &si, &(struct timespec){ 2, 0 }), EINTR);
	raise(SIGUSR1);
	CHECK_ERR("sigtimedwait_efault_info", syscall(SYS_rt_sigtimedwait, &set, KERNEL_PTR, NULL, 8), EFAULT);
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* A handler ends nanosleep with EINTR and the time left, never restarted. */
	arm_alarm_ms(30);
	errno = 0;
	r = nanosleep(&(struct timespec){ 1, 0 }, &rem);
	CHECK("nanosleep_eintr_with_rest", r == -1 && errno == EINTR && rem.tv_sec == 0 &&
	      rem.tv_nsec > 800000000L, "r %d errno %d rem %ld.%09ld", r, errno, (long)rem.tv_sec, rem.tv_nsec);
	arm_alarm_ms(30);
	r = clock_nanosleep(CLOCK_MONOTONIC, 0, &(struct timespec){ 1, 0 }, &rem);
	CHECK("clock_nanosleep_eintr", r == EINTR && rem.tv_nsec > 800000000L, "r %d rem %ld", r, rem.tv_nsec);
	CHECK_ERR("nanosleep_efault_rem_after_eintr", (arm_alarm_ms(20),
		  syscall(SYS_nanosleep, &(struct timespec){ 1, 0 }, KERNEL_PTR)), EFAULT);
	signal(SIGALRM, SIG_DFL);
}

static void test_kill_errors(void)
{
	CHECK("kill_sig0_self", kill(getpid(), 0) == 0 && kill(0, 0) == 0, "");
	CHECK_ERR("kill_esrch_pgrp", kill(-99999, SIGUSR1), ESRCH);
	CHECK_ERR("tgkill_einval_sig", syscall(SYS_tgkill, getpid(), getpid(), 100), EINVAL);
	CHECK_ERR("tgkill_einval_tgid", syscall(SYS_tgkill, 0, getpid(), SIGUSR1), EINVAL);
	CHECK_ERR("tgkill_esrch_tid", syscall(SYS_tgkill, getpid(), 99999, SIGUSR1), ESRCH);
	CHECK("tkill_sig0_self", syscall(SYS_tkill, getpid(), 0) == 0, "");
	CHECK_ERR("tkill_esrch", syscall(SYS_tkill, 99999, SIGUSR1), ESRCH);
	CHECK_ERR("rt_sigaction_einval_size", syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4), EINVAL);
	CHECK_ERR("rt_sigaction_einval_sig", syscall(SYS_rt_sigaction, 0, NULL, NULL, 8), EINVAL);
	CHECK_ERR("rt_sigaction_efault_old", syscall(SYS_rt_sigaction, SIGUSR1, NULL, KERNEL_PTR, 8), EFAULT);
	CHECK_ERR("rt_sigpending_efault", syscall(SYS_rt_sigpending, KERNEL_PTR, 8), EFAULT);
	CHECK_ERR("rt_sigpending_einval", syscall(SYS_rt_sigpending, NULL, 16), EINVAL);
}

/* The sleeps of test_restart_after_stop, each ending 300 ms after it began. */
static int sleep_nanosleep(void)
{
	return nanosleep(&(struct timespec){ 0, 300000000 }, NULL) == 0;
}

static int sleep_clock_abstime(void)
{
	struct timespec end;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_nsec += 300000000;
	if (end.tv_nsec >= 1000000000) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000;
	}
	return clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &end, NULL) == 0;
}

static int sleep_futex_timeout(void)
{
	int word = 0;

	return syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &(struct timespec){ 0, 300000000 },
		       NULL, 0) == -1 && errno == ETIMEDOUT;
}

/*
 * A sleep stopped and continued (no handler ran) goes on towards its first end, as
 * Linux's restart_syscall: stopped longer than it had left, it ends at SIGCONT, never
 * with EINTR and never starting its whole length again.
 */
static void test_restart_after_stop(void)
{
	static const struct { const char *name; int (*sleep)(void); } cases[] = {
		{ "nanosleep_resumes_to_its_end", sleep_nanosleep },
		{ "clock_nanosleep_abstime_resumes", sleep_clock_abstime },
		{ "futex_timeout_resumes_no_eintr", sleep_futex_timeout },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int fds[2], status = 0;
		char c;

		pipe(fds);
		pid_t pid = fork();
		if (pid == 0) {
			write(fds[1], "r", 1);
			_exit(cases[i].sleep() ? 0 : 1);
		}
		read(fds[0], &c, 1);
		usleep(50000);
		kill(pid, SIGSTOP);
		waitpid(pid, &status, WUNTRACED);
		usleep(400000);
		long cont = now_ns(CLOCK_MONOTONIC);
		kill(pid, SIGCONT);
		waitpid(pid, &status, 0);
		long after = now_ns(CLOCK_MONOTONIC) - cont;
		CHECK(cases[i].name, WIFEXITED(status) && WEXITSTATUS(status) == 0 && after < 250000000L,
		      "status %#x, ended %ld ms after SIGCONT", status, after / 1000000);
		close(fds[0]);
		close(fds[1]);
	}
}

/*
 * wait4 (-ERESTARTSYS) is restarted after an SA_RESTART handler and fails with EINTR
 * after another; sigsuspend and pause (-ERESTARTNOHAND) always end with EINTR.
 */
/* A child that exits 5 after 150 ms, with SIGALRM armed to come 30 ms from now. */
static pid_t child_and_alarm(const struct itimerval *it)
{
	pid_t pid = fork();

	if (pid == 0) {
		usleep(150000);
		_exit(5);
	}
	setitimer(ITIMER_REAL, it, NULL);
	return pid;
}

static void test_restart_flags(void)
{
	struct sigaction sa = { .sa_handler = on_alrm, .sa_flags = SA_RESTART };
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	int status;
	pid_t pid;
	sigset_t none;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	pid = child_and_alarm(&it);
	CHECK("wait4_restarted_sa_restart", waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 5,
	      "errno %d", errno);
	setitimer(ITIMER_REAL, &it, NULL);
	sigemptyset(&none);
	CHECK_ERR("sigsuspend_eintr_despite_sa_restart", sigsuspend(&none), EINTR);
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);
	pid = child_and_alarm(&it);
	CHECK_ERR("wait4_eintr_without_sa_restart", waitpid(pid, &status, 0), EINTR);
	waitpid(pid, &status, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_ERR("pause_eintr", pause(), EINTR);
	signal(SIGALRM, SIG_DFL);
}

static int xcpu_pipe;

/* Reports each SIGXCPU and the soft limit it left (one second further each time). */
static void on_xcpu(int sig)
{
	struct rlimit rl;
	char c;

	getrlimit(RLIMIT_CPU, &rl);
	c = (char)rl.rlim_cur;
	write(xcpu_pipe, &c, 1);
}

/* Spins under RLIMIT_CPU {soft, hard} until a signal ends it (or 30 s of wall time). */
static void spin_under_rlimit_cpu(rlim_t soft, rlim_t hard, int fd)
{
	struct rlimit rl = { soft, hard };
	long start = now_ns(CLOCK_MONOTONIC);

	xcpu_pipe = fd;
	if (fd >= 0)
		signal(SIGXCPU, on_xcpu);
	setrlimit(RLIMIT_CPU, &rl);
	while (now_ns(CLOCK_MONOTONIC) - start < 30000000000L)
		;
	_exit(1);
}

/* RLIMIT_CPU: SIGXCPU at the soft limit and each second after, SIGKILL at the hard one. */
static void test_rlimit_cpu(void)
{
	int fds[2], status = 0;
	char got[8];
	ssize_t n;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0)
		spin_under_rlimit_cpu(1, 2, fds[1]);
	close(fds[1]);
	waitpid(pid, &status, 0);
	n = read(fds[0], got, sizeof(got));
	CHECK("rlimit_cpu_sigxcpu_then_sigkill", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	      n >= 1 && got[0] == 2, "status %#x, %zd SIGXCPUs, soft limit after the first %d", status, n,
	      n > 0 ? got[0] : -1);
	close(fds[0]);
	pid = fork();
	if (pid == 0)
		spin_under_rlimit_cpu(1, RLIM_INFINITY, -1);
	CHECK("rlimit_cpu_sigxcpu_default_kills", waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGXCPU && !WCOREDUMP(status), "status %#x", status);
}

int main(void)
{
	ktap_suite = "signal";
	test_delivery();
	test_fpsimd_preserved();
	test_mask_pending();
	test_flags();
	test_altstack();
	test_sigsuspend_timedwait();
	test_sigchld_stop_cont();
	test_restart();
	test_itimer_real();
	test_alarm();
	test_itimer_cpu();
	test_itimer_errors();
	test_core_signals();
	test_fatal_signals();
	test_brk_trap();
	test_sigqueue();
	test_altstack_more();
	test_wait_errors();
	test_kill_errors();
	test_restart_after_stop();
	test_restart_flags();
	test_rlimit_cpu();
	return ktap_done();
}
