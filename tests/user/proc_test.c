/*
 * Process system calls, as init: ids, fork/vfork/clone/wait4/waitid with exit codes and
 * rusage, zombies and reparenting, execve (ELF and #!) with its stack and auxv, uname,
 * rlimits, affinity, time and sleeping, getrandom, and the error returns (EFAULT on
 * unmapped and kernel pointers, EINVAL, ECHILD, ESRCH, ENOSYS); waitid's variants,
 * clone3, set_tid_address, prlimit64 on another process, prctl's name, every clock, and
 * the user/system split of cpu time.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "ktap.h"

#define BAD_USER	((void *)0x10)			/* never mapped */
#define KERNEL_PTR	((void *)0xffff000040000000UL)	/* the linear map */

static void test_ids(void)
{
	CHECK("getpid_is_1", getpid() == 1, "pid %d", getpid());
	CHECK("gettid_is_pid", syscall(SYS_gettid) == getpid(), "tid %ld", syscall(SYS_gettid));
	CHECK("getppid_of_init_is_0", getppid() == 0, "ppid %d", getppid());
	CHECK("uids_root", getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0,
	      "uid %d", getuid());
}

static void test_errors(void)
{
	struct timespec ts;

	CHECK_ERR("enosys_unknown_number", syscall(1000), ENOSYS);
	CHECK_ERR("enosys_past_table", syscall(100000), ENOSYS);
	CHECK_ERR("clock_gettime_efault_unmapped", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD_USER), EFAULT);
	CHECK_ERR("clock_gettime_efault_kernel", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, KERNEL_PTR), EFAULT);
	CHECK_ERR("clock_gettime_einval", syscall(SYS_clock_gettime, 99, &ts), EINVAL);
	CHECK_ERR("uname_efault_kernel", syscall(SYS_uname, KERNEL_PTR), EFAULT);
	CHECK_ERR("getrandom_efault", syscall(SYS_getrandom, KERNEL_PTR, 16, 0), EFAULT);
	CHECK_ERR("getrandom_einval_flags", syscall(SYS_getrandom, &ts, 8, 0x100), EINVAL);
	CHECK_ERR("wait4_echild", wait4(-1, NULL, 0, NULL), ECHILD);
	CHECK_ERR("wait4_einval_options", wait4(-1, NULL, 0x1000, NULL), EINVAL);
	CHECK_ERR("kill_esrch", kill(12345, 0), ESRCH);
	CHECK_ERR("kill_einval", kill(1, 100), EINVAL);
	CHECK_ERR("nanosleep_einval", syscall(SYS_nanosleep, &(struct timespec){ 0, 2000000000L }, NULL), EINVAL);
	CHECK_ERR("nanosleep_efault", syscall(SYS_nanosleep, BAD_USER, NULL), EFAULT);
	CHECK_ERR("execve_enoent", execve("/no/such/file", (char *[]){ "x", NULL }, NULL), ENOENT);
	CHECK_ERR("execve_efault_path", syscall(SYS_execve, KERNEL_PTR, NULL, NULL), EFAULT);
	CHECK_ERR("execve_efault_argv", syscall(SYS_execve, "/init", KERNEL_PTR, NULL), EFAULT);
	CHECK_ERR("execve_eacces_dir", execve("/bin", (char *[]){ "x", NULL }, NULL), EACCES);
	CHECK_ERR("rt_sigaction_efault", syscall(SYS_rt_sigaction, SIGUSR1, KERNEL_PTR, NULL, 8), EFAULT);
	CHECK_ERR("rt_sigaction_einval_kill", syscall(SYS_rt_sigaction, SIGKILL, &(struct sigaction){ 0 }, NULL, 8), EINVAL);
	CHECK_ERR("sched_getaffinity_efault", syscall(SYS_sched_getaffinity, 0, 8, KERNEL_PTR), EFAULT);
	CHECK_ERR("prlimit_einval", prlimit(0, 99, NULL, NULL), EINVAL);
}

static void test_uname_and_info(void)
{
	struct utsname u;
	struct sysinfo si;
	unsigned char rnd[32] = { 0 };
	int nonzero = 0;

	CHECK("uname", uname(&u) == 0 && !strcmp(u.sysname, "Linux") &&
	      !strncmp(u.release, "6.1.0", 5) && !strcmp(u.machine, "aarch64"),
	      "%s %s %s", u.sysname, u.release, u.machine);
	CHECK("sysinfo", sysinfo(&si) == 0 && si.totalram > 100000 && si.freeram > 0 &&
	      si.mem_unit == 4096, "total %lu free %lu unit %u", si.totalram, si.freeram, si.mem_unit);
	CHECK("getrandom", getrandom(rnd, sizeof(rnd), 0) == sizeof(rnd), "");
	for (unsigned i = 0; i < sizeof(rnd); i++)
		nonzero += rnd[i] != 0;
	CHECK("getrandom_not_zero", nonzero > 16, "%d nonzero bytes", nonzero);
}

static void test_auxv(int argc, char **argv)
{
	unsigned long phdr = getauxval(AT_PHDR), entry = getauxval(AT_ENTRY);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	unsigned char *rnd = (unsigned char *)getauxval(AT_RANDOM);

	CHECK("auxv_pagesz", getauxval(AT_PAGESZ) == 4096, "%lu", getauxval(AT_PAGESZ));
	CHECK("auxv_phent", getauxval(AT_PHENT) == 56, "%lu", getauxval(AT_PHENT));
	CHECK("auxv_phdr_entry", phdr && entry && getauxval(AT_PHNUM) > 2, "phdr %lx entry %lx", phdr, entry);
	CHECK("auxv_clktck", getauxval(AT_CLKTCK) == 100, "%lu", getauxval(AT_CLKTCK));
	CHECK("auxv_hwcap_fp_asimd", (getauxval(AT_HWCAP) & 3) == 3, "%lx", getauxval(AT_HWCAP));
	CHECK("auxv_execfn", execfn && !strcmp(execfn, argv[0]), "%s", execfn ? execfn : "(null)");
	CHECK("auxv_random", rnd != NULL, "");
	CHECK("auxv_minsigstksz", getauxval(AT_MINSIGSTKSZ) >= 1024 && getauxval(AT_MINSIGSTKSZ) <= 5120,
	      "%lu", getauxval(AT_MINSIGSTKSZ));
	CHECK("auxv_platform", getauxval(AT_PLATFORM) &&
	      !strcmp((char *)getauxval(AT_PLATFORM), "aarch64"), "");
	/* The stack: argv and envp strings sit above the pointer arrays, as Linux lays them. */
	CHECK("stack_layout", (unsigned long)argv[0] > (unsigned long)&argv[argc] &&
	      argv[argc] == NULL && ((unsigned long)&argv[-1] & 15) == 0, "argv at %p", (void *)argv);
}

static void test_fork_wait(void)
{
	struct rusage ru;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (getppid() != 1)
			_exit(99);
		_exit(42);
	}
	CHECK("fork_returns_pid", pid > 1, "pid %d", pid);
	CHECK("wait4_exit_status", wait4(pid, &status, 0, &ru) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 42, "status %#x", status);
	pid = fork();
	if (pid == 0) {
		raise(SIGKILL);
		_exit(0);
	}
	CHECK("wait_killed_by_signal", waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGKILL, "status %#x", status);
	pid = fork();
	if (pid == 0) {
		int *volatile bad = BAD_USER;

		*bad = 1;
		_exit(0);
	}
	CHECK("segv_kills_child", waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGSEGV, "status %#x", status);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	CHECK("wnohang_running_child", waitpid(pid, &status, WNOHANG) == 0, "");
	kill(pid, SIGTERM);
	CHECK("sigterm_default_kills", waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGTERM, "status %#x", status);
}

static void test_waitid_and_zombies(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(7);
	memset(&si, 0, sizeof(si));
	CHECK("waitid_wnowait", waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 &&
	      si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 7, "code %d status %d",
	      si.si_code, si.si_status);
	CHECK("zombie_still_there", waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_pid == pid, "");
	CHECK_ERR("reaped_echild", waitid(P_PID, pid, &si, WEXITED), ECHILD);
	/* A grandchild whose parent dies is reparented to init (us) and reaped here. */
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			usleep(50000);
			_exit(5);
		}
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	int status = 0;
	pid_t got = wait(&status);
	CHECK("orphan_reparented_to_init", got > pid && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "got %d status %#x", got, status);
}

static void test_vfork_clone(void)
{
	volatile int shared = 0;
	int status;
	pid_t pid = vfork();

	if (pid == 0) {
		shared = 1;
		_exit(3);
	}
	CHECK("vfork_shares_memory", shared == 1 && waitpid(pid, &status, 0) == pid &&
	      WEXITSTATUS(status) == 3, "shared %d", shared);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, 0, NULL);
	if (pid == 0)
		_exit(4);
	CHECK("clone_like_fork", pid > 0 && waitpid(pid, &status, 0) == pid &&
	      WEXITSTATUS(status) == 4, "pid %d", pid);
	CHECK_ERR("clone_thread_without_sighand", syscall(SYS_clone, CLONE_THREAD, 0, NULL, 0, NULL), EINVAL);
}

static void test_exec(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		execve("/bin/proc_test", (char *[]){ "/bin/proc_test", "exec-child", "two", NULL },
		       (char *[]){ "A=1", NULL });
		_exit(100);
	}
	CHECK("execve_elf_args_env", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 21, "status %#x", status);
	pid = fork();
	if (pid == 0) {
		execve("/bin/script.sh", (char *[]){ "/bin/script.sh", "arg1", NULL }, NULL);
		_exit(100);
	}
	CHECK("execve_script", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 22, "status %#x", status);
}

/* Run by test_exec: checks what execve handed over. */
static int exec_child(int argc, char **argv, char **envp)
{
	if (argc == 3 && !strcmp(argv[2], "two") && envp[0] && !strcmp(envp[0], "A=1") && !envp[1])
		return 21;
	/* From #!: interpreter, its argument, the script path, the script's arguments. */
	if (argc == 4 && !strcmp(argv[1], "script-arg") && !strcmp(argv[2], "/bin/script.sh") &&
	    !strcmp(argv[3], "arg1"))
		return 22;
	return 1;
}

static void test_time(void)
{
	struct timespec a, b, res;
	struct timeval tv;

	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK("nanosleep_20ms", nanosleep(&(struct timespec){ 0, 20000000 }, NULL) == 0, "");
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ns = (b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec;
	CHECK("monotonic_advances_by_sleep", ns >= 20000000 && ns < 2000000000L, "%ld ns", ns);
	CHECK("clock_getres", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 &&
	      res.tv_nsec > 0, "");
	CHECK("gettimeofday", gettimeofday(&tv, NULL) == 0, "");
	CHECK("thread_cputime", clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a) == 0 &&
	      (a.tv_sec || a.tv_nsec), "");
	clock_gettime(CLOCK_MONOTONIC, &a);
	a.tv_nsec += 10000000;
	if (a.tv_nsec >= 1000000000) {
		a.tv_sec++;
		a.tv_nsec -= 1000000000;
	}
	CHECK("clock_nanosleep_abstime", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &a, NULL) == 0, "");
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK("abstime_reached", b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec), "");
	struct tms t;
	CHECK("times", times(&t) != (clock_t)-1, "");
}

static void test_limits_affinity(void)
{
	struct rlimit rl;
	cpu_set_t set;

	CHECK("getrlimit_stack_8m", getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur == 8 << 20, "%lu",
	      (unsigned long)rl.rlim_cur);
	rl.rlim_max = RLIM_INFINITY;
	CHECK_ERR("setrlimit_nofile_above_nr_open", setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	rl.rlim_cur = 512;
	rl.rlim_max = 4096;
	CHECK("setrlimit_nofile", setrlimit(RLIMIT_NOFILE, &rl) == 0, "");
	CHECK("getrlimit_back", getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 512, "");
	CPU_ZERO(&set);
	CHECK("sched_getaffinity", sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) == 4,
	      "%d cpus", CPU_COUNT(&set));
	CHECK("sched_yield", sched_yield() == 0, "");
	CHECK("setsid_new_session", setsid() == 1 && getsid(0) == 1 && getpgid(0) == 1, "sid %d", getsid(0));
	CHECK_ERR("setsid_again_eperm", setsid(), EPERM);
	CHECK("umask", umask(022) == 022 && umask(077) == 022, "");
}

static long ru_us(const struct timeval *tv)
{
	return tv->tv_sec * 1000000L + tv->tv_usec;
}

static long thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Spins in user space until this thread has used ns of cpu time. */
static void spin_user(long ns)
{
	long end = thread_cpu_ns() + ns;
	volatile unsigned long x = 0;

	while (thread_cpu_ns() < end)
		for (int i = 0; i < 1000000; i++)
			x += i;
}

/* Stays in the kernel: getrandom fills a page per call, for ns of cpu time. */
static void spin_system(long ns)
{
	static char buf[4096];
	long end = thread_cpu_ns() + ns;

	while (thread_cpu_ns() < end)
		for (int i = 0; i < 20; i++)
			getrandom(buf, sizeof(buf), 0);
}

static volatile long chld_utime = -1, chld_stime = -1;

/* SIGCHLD's siginfo carries the child's user and system time, in clock ticks. */
static void on_chld_times(int sig, siginfo_t *si, void *uc)
{
	chld_utime = si->si_utime;
	chld_stime = si->si_stime;
}

/*
 * The tick charges user or system time by the mode it interrupted: a user-space spin
 * grows utime, a loop of system calls grows stime, in getrusage and times.
 */
static void test_cputime_split(void)
{
	struct rusage a, b, c;
	struct tms ta, tb;
	long du, ds;

	getrusage(RUSAGE_SELF, &a);
	times(&ta);
	spin_user(300000000L);
	getrusage(RUSAGE_SELF, &b);
	times(&tb);
	du = ru_us(&b.ru_utime) - ru_us(&a.ru_utime);
	ds = ru_us(&b.ru_stime) - ru_us(&a.ru_stime);
	/* The split is by tick samples, and the spin reads its clock now and then: mostly user. */
	CHECK("user_spin_grows_utime", du >= 200000 && ds < du / 2, "utime +%ld us, stime +%ld us", du, ds);
	CHECK("times_utime_ticks", tb.tms_utime - ta.tms_utime >= 20 && tb.tms_stime - ta.tms_stime < 10,
	      "utime +%ld stime +%ld", (long)(tb.tms_utime - ta.tms_utime), (long)(tb.tms_stime - ta.tms_stime));
	spin_system(300000000L);
	getrusage(RUSAGE_SELF, &c);
	du = ru_us(&c.ru_utime) - ru_us(&b.ru_utime);
	ds = ru_us(&c.ru_stime) - ru_us(&b.ru_stime);
	CHECK("syscall_loop_grows_stime", ds >= 150000 && ds > du, "utime +%ld us, stime +%ld us", du, ds);
	getrusage(RUSAGE_THREAD, &a);
	CHECK("rusage_thread", ru_us(&a.ru_utime) >= 200000 && ru_us(&a.ru_stime) >= 150000,
	      "utime %ld stime %ld", ru_us(&a.ru_utime), ru_us(&a.ru_stime));
	CHECK_ERR("getrusage_einval", getrusage(7, &a), EINVAL);
	CHECK_ERR("getrusage_efault", syscall(SYS_getrusage, RUSAGE_SELF, KERNEL_PTR), EFAULT);
	CHECK_ERR("times_efault", syscall(SYS_times, KERNEL_PTR), EFAULT);
}

/* A reaped child's times, through wait4, RUSAGE_CHILDREN, times() and SIGCHLD's siginfo. */
static void test_cputime_children(void)
{
	struct rusage a, b, c;
	struct tms ta, tb;
	int status;

	getrusage(RUSAGE_CHILDREN, &a);
	times(&ta);
	pid_t pid = fork();
	if (pid == 0) {
		spin_user(200000000L);
		spin_system(100000000L);
		_exit(0);
	}
	CHECK("wait4_rusage_split", wait4(pid, &status, 0, &b) == pid && ru_us(&b.ru_utime) >= 130000 &&
	      ru_us(&b.ru_stime) >= 50000, "utime %ld stime %ld", ru_us(&b.ru_utime), ru_us(&b.ru_stime));
	getrusage(RUSAGE_CHILDREN, &c);
	times(&tb);
	/* The same nanoseconds, each sum truncated to microseconds on its own. */
	CHECK("rusage_children_adds_reaped", labs(ru_us(&c.ru_utime) - ru_us(&a.ru_utime) - ru_us(&b.ru_utime)) <= 1 &&
	      labs(ru_us(&c.ru_stime) - ru_us(&a.ru_stime) - ru_us(&b.ru_stime)) <= 1,
	      "utime +%ld stime +%ld, wait4 %ld %ld",
	      ru_us(&c.ru_utime) - ru_us(&a.ru_utime), ru_us(&c.ru_stime) - ru_us(&a.ru_stime),
	      ru_us(&b.ru_utime), ru_us(&b.ru_stime));
	CHECK("times_children", tb.tms_cutime - ta.tms_cutime >= 13 && tb.tms_cstime - ta.tms_cstime >= 5,
	      "cutime +%ld cstime +%ld", (long)(tb.tms_cutime - ta.tms_cutime),
	      (long)(tb.tms_cstime - ta.tms_cstime));
	struct sigaction sa = { .sa_sigaction = on_chld_times, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		spin_user(200000000L);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	signal(SIGCHLD, SIG_DFL);
	CHECK("sigchld_si_utime_ticks", chld_utime >= 15 && chld_stime < chld_utime, "si_utime %ld si_stime %ld",
	      chld_utime, chld_stime);
}

static void test_waitid_variants(void)
{
	siginfo_t si;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(3);
	memset(&si, 0, sizeof(si));
	CHECK("waitid_p_all", waitid(P_ALL, 0, &si, WEXITED) == 0 && si.si_pid == pid &&
	      si.si_signo == SIGCHLD && si.si_code == CLD_EXITED && si.si_status == 3, "pid %d code %d status %d",
	      si.si_pid, si.si_code, si.si_status);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		usleep(20000);
		_exit(4);
	}
	setpgid(pid, pid);
	CHECK("waitid_p_pgid", waitid(P_PGID, pid, &si, WEXITED) == 0 && si.si_pid == pid && si.si_status == 4,
	      "pid %d status %d", si.si_pid, si.si_status);
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		pause();
		_exit(0);
	}
	CHECK("waitid_wstopped", waitid(P_PID, pid, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED &&
	      si.si_status == SIGSTOP, "code %d status %d", si.si_code, si.si_status);
	memset(&si, 0xff, sizeof(si));
	CHECK("waitid_wnohang_nothing", waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0,
	      "si_pid %d", si.si_pid);
	kill(pid, SIGCONT);
	CHECK("waitid_wcontinued", waitid(P_PID, pid, &si, WCONTINUED) == 0 && si.si_code == CLD_CONTINUED &&
	      si.si_status == SIGCONT, "code %d status %d", si.si_code, si.si_status);
	kill(pid, SIGKILL);
	CHECK("waitid_killed", waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_code == CLD_KILLED &&
	      si.si_status == SIGKILL, "code %d status %d", si.si_code, si.si_status);
	CHECK_ERR("waitid_einval_no_options", waitid(P_ALL, 0, &si, 0), EINVAL);
	CHECK_ERR("waitid_einval_which", waitid(7, 0, &si, WEXITED), EINVAL);
	CHECK_ERR("waitid_echild", waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	/* As Linux, the child is reaped before the result is found unwritable. */
	pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK_ERR("waitid_efault_infop", syscall(SYS_waitid, P_PID, pid, KERNEL_PTR, WEXITED, NULL), EFAULT);
	pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK_ERR("wait4_efault_status", wait4(pid, KERNEL_PTR, 0, NULL), EFAULT);
	CHECK_ERR("wait4_efault_rusage", (fork() == 0 ? _exit(0), 0 : wait4(-1, NULL, 0, KERNEL_PTR)), EFAULT);
	CHECK_ERR("efault_waits_reaped_them", wait(NULL), ECHILD);
}

/* clone3's arguments as the uapi lays them out (version 2, 88 bytes). */
struct clone_args_v2 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

static void test_clone3_tid_address(void)
{
	static char big[8192];
	int ptid = 0, ctid = 0, status;
	struct clone_args_v2 ca = { .flags = CLONE_PARENT_SETTID | CLONE_CHILD_SETTID,
				    .parent_tid = (uintptr_t)&ptid, .child_tid = (uintptr_t)&ctid,
				    .exit_signal = SIGCHLD };
	pid_t pid = syscall(SYS_clone3, &ca, sizeof(ca));

	if (pid == 0)
		_exit(ctid == getpid() ? 6 : 1);
	CHECK("clone3_fork_settid", pid > 0 && ptid == pid && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 6, "pid %d ptid %d status %#x", pid, ptid, status);
	CHECK_ERR("clone3_einval_small", syscall(SYS_clone3, &ca, 32), EINVAL);
	CHECK_ERR("clone3_e2big_over_page", syscall(SYS_clone3, big, sizeof(big)), E2BIG);
	big[200] = 1;
	memcpy(big, &ca, sizeof(ca));
	CHECK_ERR("clone3_e2big_unknown_field", syscall(SYS_clone3, big, 256), E2BIG);
	CHECK_ERR("clone3_efault", syscall(SYS_clone3, KERNEL_PTR, sizeof(ca)), EFAULT);
	ca.exit_signal = 100;
	CHECK_ERR("clone3_einval_signal", syscall(SYS_clone3, &ca, sizeof(ca)), EINVAL);
	ca.exit_signal = SIGCHLD;
	ca.flags = CLONE_THREAD;
	CHECK_ERR("clone3_einval_thread_no_vm", syscall(SYS_clone3, &ca, sizeof(ca)), EINVAL);
	ca.flags = 0;
	ca.stack_size = 4096;
	CHECK_ERR("clone3_einval_size_no_stack", syscall(SYS_clone3, &ca, sizeof(ca)), EINVAL);
	CHECK("set_tid_address_returns_tid", syscall(SYS_set_tid_address, NULL) == getpid(), "");
}

static void test_prlimit_other(void)
{
	struct rlimit64 new = { 100, 200 }, old;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	CHECK("prlimit64_other_process", syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &new, NULL) == 0 &&
	      syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, NULL, &old) == 0 && old.rlim_cur == 100 &&
	      old.rlim_max == 200, "cur %llu max %llu", (unsigned long long)old.rlim_cur,
	      (unsigned long long)old.rlim_max);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK_ERR("prlimit64_esrch", syscall(SYS_prlimit64, 99999, RLIMIT_NOFILE, NULL, &old), ESRCH);
	CHECK_ERR("prlimit64_efault_new", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, KERNEL_PTR, NULL), EFAULT);
	CHECK_ERR("prlimit64_efault_old", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, KERNEL_PTR), EFAULT);
	new.rlim_cur = 300;
	CHECK_ERR("prlimit64_einval_cur_above_max", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &new, NULL), EINVAL);
	CHECK_ERR("getrlimit_efault", syscall(SYS_getrlimit, RLIMIT_STACK, BAD_USER), EFAULT);
	CHECK_ERR("setrlimit_efault", syscall(SYS_setrlimit, RLIMIT_STACK, KERNEL_PTR), EFAULT);
}

static void test_affinity_prctl_misc(void)
{
	cpu_set_t set, all;
	char name[32];
	unsigned cpu = 99, node = 99;

	sched_getaffinity(0, sizeof(all), &all);
	CPU_ZERO(&set);
	CPU_SET(1, &set);
	CHECK("sched_setaffinity_one_cpu", sched_setaffinity(0, sizeof(set), &set) == 0 &&
	      sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) == 1 && CPU_ISSET(1, &set), "");
	CHECK("getcpu_on_that_cpu", syscall(SYS_getcpu, &cpu, &node, NULL) == 0 && cpu == 1 && node == 1,
	      "cpu %u node %u", cpu, node);
	sched_setaffinity(0, sizeof(all), &all);
	CPU_ZERO(&set);
	CHECK_ERR("sched_setaffinity_einval_empty", sched_setaffinity(0, sizeof(set), &set), EINVAL);
	CHECK_ERR("sched_getaffinity_einval_len", syscall(SYS_sched_getaffinity, 0, 4, &set), EINVAL);
	CHECK_ERR("sched_setaffinity_esrch", sched_setaffinity(99999, sizeof(all), &all), ESRCH);
	CHECK_ERR("sched_setaffinity_efault", syscall(SYS_sched_setaffinity, 0, sizeof(all), KERNEL_PTR), EFAULT);
	CHECK_ERR("getcpu_efault", syscall(SYS_getcpu, KERNEL_PTR, NULL, NULL), EFAULT);
	CHECK("prctl_set_name_truncates", prctl(PR_SET_NAME, "averyveryverylongname") == 0 &&
	      prctl(PR_GET_NAME, name) == 0 && !strcmp(name, "averyveryverylo"), "%s", name);
	prctl(PR_SET_NAME, "proc_test");
	CHECK_ERR("prctl_set_name_efault", prctl(PR_SET_NAME, KERNEL_PTR), EFAULT);
	CHECK_ERR("prctl_get_name_efault", prctl(PR_GET_NAME, KERNEL_PTR), EFAULT);
	CHECK_ERR("prctl_einval", prctl(9999, 0, 0, 0, 0), EINVAL);
	CHECK("getrandom_nonblock", getrandom(name, 16, GRND_NONBLOCK) == 16, "");
	CHECK_ERR("getrandom_efault_unmapped", syscall(SYS_getrandom, BAD_USER, 16, 0), EFAULT);
	CHECK_ERR("sysinfo_efault", syscall(SYS_sysinfo, KERNEL_PTR), EFAULT);
	CHECK_ERR("uname_efault_unmapped", syscall(SYS_uname, BAD_USER), EFAULT);
	CHECK_ERR("getresuid_efault", syscall(SYS_getresuid, KERNEL_PTR, KERNEL_PTR, KERNEL_PTR), EFAULT);
	CHECK_ERR("gettimeofday_efault", syscall(SYS_gettimeofday, KERNEL_PTR, NULL), EFAULT);
}

/* Every clock reads, has a resolution, and keeps its order; the sleepable ones sleep. */
static void test_clocks(void)
{
	static const struct { clockid_t id; const char *name; } clocks[] = {
		{ CLOCK_REALTIME, "realtime" }, { CLOCK_MONOTONIC, "monotonic" },
		{ CLOCK_PROCESS_CPUTIME_ID, "process_cputime" }, { CLOCK_THREAD_CPUTIME_ID, "thread_cputime" },
		{ CLOCK_MONOTONIC_RAW, "monotonic_raw" }, { CLOCK_REALTIME_COARSE, "realtime_coarse" },
		{ CLOCK_MONOTONIC_COARSE, "monotonic_coarse" }, { CLOCK_BOOTTIME, "boottime" },
		{ CLOCK_TAI, "tai" },
	};
	struct timespec a, b, res;
	char name[64];

	for (unsigned i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		int ok = syscall(SYS_clock_gettime, clocks[i].id, &a) == 0 &&
			 syscall(SYS_clock_gettime, clocks[i].id, &b) == 0 &&
			 syscall(SYS_clock_getres, clocks[i].id, &res) == 0 &&
			 syscall(SYS_clock_getres, clocks[i].id, NULL) == 0;

		snprintf(name, sizeof(name), "clock_%s", clocks[i].name);
		CHECK(name, ok && (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)) &&
		      !res.tv_sec && res.tv_nsec > 0, "errno %d res %ld", errno, res.tv_nsec);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_BOOTTIME, &b);
	CHECK("boottime_not_behind_monotonic", b.tv_sec >= a.tv_sec, "");
	CHECK("clock_nanosleep_realtime", clock_nanosleep(CLOCK_REALTIME, 0, &(struct timespec){ 0, 5000000 },
	      NULL) == 0, "");
	CHECK("clock_nanosleep_boottime", clock_nanosleep(CLOCK_BOOTTIME, 0, &(struct timespec){ 0, 5000000 },
	      NULL) == 0, "");
	CHECK_ERR("clock_nanosleep_thread_cputime_eopnotsupp", syscall(SYS_clock_nanosleep,
		  CLOCK_THREAD_CPUTIME_ID, 0, &(struct timespec){ 0, 1000 }, NULL), EOPNOTSUPP);
	CHECK_ERR("clock_nanosleep_einval_clock", syscall(SYS_clock_nanosleep, 99, 0,
		  &(struct timespec){ 0, 1000 }, NULL), EINVAL);
	CHECK_ERR("clock_nanosleep_efault", syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, KERNEL_PTR, NULL),
		  EFAULT);
	CHECK_ERR("clock_getres_einval", syscall(SYS_clock_getres, 99, &res), EINVAL);
	CHECK_ERR("clock_getres_efault", syscall(SYS_clock_getres, CLOCK_MONOTONIC, KERNEL_PTR), EFAULT);
	CHECK_ERR("clock_settime_einval_monotonic", clock_settime(CLOCK_MONOTONIC, &a), EINVAL);
	clock_gettime(CLOCK_REALTIME, &a);
	CHECK("clock_settime_realtime_root", clock_settime(CLOCK_REALTIME, &a) == 0, "errno %d", errno);
	CHECK_ERR("clock_settime_efault", syscall(SYS_clock_settime, CLOCK_REALTIME, KERNEL_PTR), EFAULT);
}

static int pdeath_fd;

static void on_pdeath(int sig)
{
	write(pdeath_fd, "p", 1);
}

/* PR_SET_PDEATHSIG: the signal comes when the parent dies; the orphan then comes to init. */
static void test_pdeathsig(void)
{
	int fds[2], ready[2], v = -1;
	char c = 0;
	pid_t pid;

	CHECK("pdeathsig_default_none", prctl(PR_GET_PDEATHSIG, &v) == 0 && v == 0, "%d", v);
	CHECK_ERR("pdeathsig_einval", prctl(PR_SET_PDEATHSIG, 100), EINVAL);
	CHECK_ERR("pdeathsig_get_efault", prctl(PR_GET_PDEATHSIG, KERNEL_PTR), EFAULT);
	pipe(fds);
	pipe(ready);
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			pdeath_fd = fds[1];
			signal(SIGUSR1, on_pdeath);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			write(ready[1], "r", 1);
			pause();
			_exit(0);
		}
		read(ready[0], &c, 1);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	CHECK("pdeathsig_sent_at_parent_death", read(fds[0], &c, 1) == 1 && c == 'p', "got %c", c);
	CHECK("pdeath_orphan_reaped_by_init", wait(NULL) > pid, "");
	close(fds[0]);
	close(fds[1]);
	close(ready[0]);
	close(ready[1]);
}

/* A child subreaper gets its orphaned descendants instead of init. */
static void test_child_subreaper(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		int v = 0, st = 0;
		pid_t me = getpid(), d;

		prctl(PR_SET_CHILD_SUBREAPER, 1);
		if (prctl(PR_GET_CHILD_SUBREAPER, &v) || v != 1)
			_exit(2);
		d = fork();
		if (d == 0) {
			if (fork() == 0) {
				usleep(50000);
				_exit(getppid() == me ? 11 : 12);
			}
			_exit(0);
		}
		waitpid(d, NULL, 0);
		pid_t e = wait(&st);
		_exit(e > d && WIFEXITED(st) && WEXITSTATUS(st) == 11 ? 0 : 3);
	}
	CHECK("child_subreaper_adopts_orphans", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "status %#x", status);
}

/* no_new_privs: set once, for ever, inherited by children. */
static void test_no_new_privs(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
			_exit(1);
		if (prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0) != -1 || errno != EINVAL)
			_exit(2);
		pid_t g = fork();
		if (g == 0)
			_exit(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 3);
		waitpid(g, &status, 0);
		_exit(WEXITSTATUS(status));
	}
	CHECK("no_new_privs_set_and_inherited", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "status %#x", status);
}

/* Linux's cpu clock ids: ~pid << 3, a thread bit, and PROF (0), VIRT (1) or SCHED (2). */
#define CPU_CLOCK(pid, thread, which)	((clockid_t)(~(unsigned)(pid) << 3 | (thread) << 2 | (which)))

static void test_cpu_clock_ids(void)
{
	struct timespec ts, res;
	clockid_t cid;
	pid_t pid;

	CHECK("clock_getcpuclockid_self", clock_getcpuclockid(0, &cid) == 0 &&
	      clock_gettime(cid, &ts) == 0 && (ts.tv_sec || ts.tv_nsec), "clock %d", cid);
	pid = fork();
	if (pid == 0) {
		spin_user(50000000L);
		pause();
		_exit(0);
	}
	usleep(300000);
	CHECK("cpu_clock_of_other_process", clock_getcpuclockid(pid, &cid) == 0 &&
	      clock_gettime(cid, &ts) == 0 && ts.tv_sec * 1000000000L + ts.tv_nsec >= 50000000L,
	      "%ld.%09ld", (long)ts.tv_sec, ts.tv_nsec);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK_ERR("cpu_clock_of_reaped_process", clock_gettime(cid, &ts), EINVAL);
	CHECK("cpu_clock_prof_virt_self", clock_gettime(CPU_CLOCK(0, 0, 0), &ts) == 0 &&
	      clock_gettime(CPU_CLOCK(0, 0, 1), &res) == 0 && ts.tv_sec * 1000000000L + ts.tv_nsec >=
	      res.tv_sec * 1000000000L + res.tv_nsec, "prof %ld.%09ld virt %ld.%09ld", (long)ts.tv_sec,
	      ts.tv_nsec, (long)res.tv_sec, res.tv_nsec);
	CHECK("cpu_clock_getres", clock_getres(CPU_CLOCK(0, 0, 2), &res) == 0 && res.tv_nsec == 1 &&
	      clock_getres(CPU_CLOCK(0, 1, 0), &res) == 0 && res.tv_nsec == 4000000, "%ld", res.tv_nsec);
	CHECK("thread_clock_by_tid", clock_gettime(CPU_CLOCK(getpid(), 1, 2), &ts) == 0, "errno %d", errno);
	CHECK_ERR("cpu_clock_einval_which", clock_gettime(CPU_CLOCK(0, 0, 3), &ts), EINVAL);
	CHECK_ERR("cpu_clock_einval_no_pid", clock_gettime(CPU_CLOCK(99999, 0, 2), &ts), EINVAL);
	CHECK_ERR("cpu_clock_settime_eperm", clock_settime(CPU_CLOCK(0, 0, 2), &ts), EPERM);
	CHECK_ERR("own_thread_clock_nanosleep_einval", syscall(SYS_clock_nanosleep, CPU_CLOCK(0, 1, 2), 0,
		  &(struct timespec){ 0, 1000 }, NULL), EINVAL);
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return exec_child(argc, argv, envp);
	if (argc > 1 && !strcmp(argv[1], "script-arg"))
		return exec_child(argc, argv, envp);
	ktap_suite = "proc";
	test_ids();
	test_errors();
	test_uname_and_info();
	test_auxv(argc, argv);
	test_fork_wait();
	test_waitid_and_zombies();
	test_vfork_clone();
	test_exec();
	test_time();
	test_limits_affinity();
	test_cputime_split();
	test_cputime_children();
	test_waitid_variants();
	test_clone3_tid_address();
	test_prlimit_other();
	test_affinity_prctl_misc();
	test_clocks();
	test_cpu_clock_ids();
	test_pdeathsig();
	test_child_subreaper();
	test_no_new_privs();
	return ktap_done();
}
