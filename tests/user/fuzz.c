/*
 * The system call fuzzer, as init: workers on every cpu make random system calls by
 * number with hostile arguments (bad, kernel-space and read-only pointers, closed and
 * huge fds, random flags and lengths); a watchdog catches calls stuck in the kernel; when
 * the workers are gone, free pages must be back at their baseline. Prints KTAP. Before
 * fuzzing it replays the kernel bugs it found, each as a targeted check.
 *
 * Boot arguments (the kernel passes "a=b" words to init's environment):
 *   fuzz_seed=N     the master seed (printed; each worker's seed derives from it)
 *   fuzz_calls=N    system calls in all (default 200000)
 *   fuzz_workers=N  worker processes (default 8, spread over the cpus)
 *   fuzz_rounds=N   rounds, free pages measured after each (default 2)
 *   fuzz_wseed=N    one worker, this exact seed: replays a worker a report named
 *   fuzz_verbose=1  also list calls that spent over SLOW_MS in the kernel
 *   fuzz_as_mib=N   each worker's RLIMIT_AS in MiB (default 128; 0: none)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <err.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <linux/close_range.h>
#include <linux/futex.h>
#include <poll.h>
#include <sys/resource.h>
#include "ktap.h"

#define PG		4096UL
#define NR_MAX		460	/* past asm-generic's last number (450) */
#define REPORT_FD	1000	/* a worker's pipe to the parent; the fuzz never closes it */
#define SANDBOX		"/fuzz"
/* The watchdog's bounds: a call still in the kernel after PROBE_MS gets SIGUSR1 (an
 * interruptible sleep returns -EINTR); after KILL_MS the worker is killed (a killable
 * sleep ends); a worker still not dead HANG_MS after that is stuck in the kernel. */
#define PROBE_MS	500
#define KILL_MS		3000
#define HANG_MS		20000
#define SILENT_MS	30000	/* no heartbeat at all: the whole worker is stuck */
#define SLOW_MS		100	/* slower calls are listed with fuzz_verbose=1 */

/* ---- what a worker draws arguments from -------------------------------------------- */
enum kind { K_ANY, K_INT, K_FD, K_FLAGS, K_PTR, K_LEN, K_PATH, K_PID, K_SIG, K_ADDR, K_IOV,
	    K_MODE, K_TIME, K_CLOCK, NR_KINDS };

struct sysc {
	int nr;
	const char *name;
	unsigned char arg[6];
	unsigned char weight;	/* 0: the default (16) */
	unsigned int calls, enosys;
};

#define A K_ANY
#define I K_INT
#define F K_FD
#define FL K_FLAGS
#define P K_PTR
#define L K_LEN
#define PA K_PATH
#define PI K_PID
#define SI K_SIG
#define AD K_ADDR
#define IO K_IOV
#define MO K_MODE
#define TI K_TIME
#define CL K_CLOCK
#define S(name, ...)	{ __NR_##name, #name, { __VA_ARGS__ }, 0, 0, 0 }
#define SW(name, w, ...) { __NR_##name, #name, { __VA_ARGS__ }, w, 0, 0 }

/*
 * asm-generic's calls with the kind of each argument. Left out, because they would
 * legitimately end the run or the machine: reboot, kexec_load, kexec_file_load and
 * pivot_root (the parent's root). Numbers not listed are still called, rarely, with
 * arguments of any kind; a number that only ever answers -ENOSYS is called 16 times less.
 */
static struct sysc table[] = {
	S(io_setup, I, P), S(io_destroy, A), S(io_submit, A, L, P), S(io_cancel, A, P, P),
	S(io_getevents, A, L, L, P, TI),
	S(setxattr, PA, PA, P, L, FL), S(lsetxattr, PA, PA, P, L, FL), S(fsetxattr, F, PA, P, L, FL),
	S(getxattr, PA, PA, P, L), S(lgetxattr, PA, PA, P, L), S(fgetxattr, F, PA, P, L),
	S(listxattr, PA, P, L), S(llistxattr, PA, P, L), S(flistxattr, F, P, L),
	S(removexattr, PA, PA), S(lremovexattr, PA, PA), S(fremovexattr, F, PA),
	S(getcwd, P, L), S(eventfd2, I, FL), S(epoll_create1, FL), S(epoll_ctl, F, I, F, P),
	S(epoll_pwait, F, P, I, I, P, L), S(dup, F), S(dup3, F, F, FL), S(fcntl, F, I, A),
	S(inotify_init1, FL), S(inotify_add_watch, F, PA, FL), S(inotify_rm_watch, F, I),
	S(ioctl, F, I, P), S(ioprio_set, I, PI, I), S(ioprio_get, I, PI), S(flock, F, I),
	S(mknodat, F, PA, MO, I), S(mkdirat, F, PA, MO), S(unlinkat, F, PA, FL),
	S(symlinkat, PA, F, PA), S(linkat, F, PA, F, PA, FL), S(renameat, F, PA, F, PA),
	S(umount2, PA, FL), S(mount, PA, PA, PA, FL, P), S(statfs, PA, P), S(fstatfs, F, P),
	S(truncate, PA, L), S(ftruncate, F, L), S(fallocate, F, I, L, L), S(faccessat, F, PA, MO),
	S(chdir, PA), S(fchdir, F), S(chroot, PA), S(fchmod, F, MO), S(fchmodat, F, PA, MO),
	S(fchownat, F, PA, I, I, FL), S(fchown, F, I, I), S(openat, F, PA, FL, MO), S(close, F),
	S(vhangup), S(pipe2, P, FL), S(quotactl, I, PA, I, P), S(getdents64, F, P, L),
	S(lseek, F, L, I), S(read, F, P, L), S(write, F, P, L), S(readv, F, IO, I),
	S(writev, F, IO, I), S(pread64, F, P, L, L), S(pwrite64, F, P, L, L),
	S(preadv, F, IO, I, L), S(pwritev, F, IO, I, L), S(sendfile, F, F, P, L),
	S(pselect6, I, P, P, P, TI, P), S(ppoll, P, I, TI, P, L), S(signalfd4, F, P, L, FL),
	S(vmsplice, F, IO, I, FL), S(splice, F, P, F, P, L, FL), S(tee, F, F, L, FL),
	S(readlinkat, F, PA, P, L), S(newfstatat, F, PA, P, FL), S(fstat, F, P), S(sync),
	S(fsync, F), S(fdatasync, F), S(sync_file_range, F, L, L, FL),
	S(timerfd_create, CL, FL), S(timerfd_settime, F, FL, P, P), S(timerfd_gettime, F, P),
	S(utimensat, F, PA, P, FL), S(acct, PA), S(capget, P, P), S(capset, P, P),
	S(personality, I), SW(exit, 1, I), SW(exit_group, 1, I), S(waitid, I, PI, P, FL, P),
	S(set_tid_address, P), S(unshare, FL), S(futex, P, I, I, TI, P, I),
	S(set_robust_list, P, L), S(get_robust_list, PI, P, P), S(nanosleep, TI, P),
	S(getitimer, I, P), S(setitimer, I, P, P), S(init_module, P, L, PA),
	S(delete_module, PA, FL), S(timer_create, CL, P, P), S(timer_gettime, I, P),
	S(timer_getoverrun, I), S(timer_settime, I, FL, P, P), S(timer_delete, I),
	S(clock_settime, CL, TI), S(clock_gettime, CL, P), S(clock_getres, CL, P),
	S(clock_nanosleep, CL, FL, TI, P), S(syslog, I, P, L), S(ptrace, I, PI, P, P),
	S(sched_setparam, PI, P), S(sched_setscheduler, PI, I, P), S(sched_getscheduler, PI),
	S(sched_getparam, PI, P), S(sched_setaffinity, PI, L, P), S(sched_getaffinity, PI, L, P),
	S(sched_yield), S(sched_get_priority_max, I), S(sched_get_priority_min, I),
	S(sched_rr_get_interval, PI, P), S(restart_syscall), S(kill, PI, SI), S(tkill, PI, SI),
	S(tgkill, PI, PI, SI), S(sigaltstack, P, P), S(rt_sigsuspend, P, L),
	S(rt_sigaction, SI, P, P, L), S(rt_sigprocmask, I, P, P, L), S(rt_sigpending, P, L),
	S(rt_sigtimedwait, P, P, TI, L), S(rt_sigqueueinfo, PI, SI, P), SW(rt_sigreturn, 1),
	S(setpriority, I, PI, I), S(getpriority, I, PI), S(setregid, I, I), S(setgid, I),
	S(setreuid, I, I), S(setuid, I), S(setresuid, I, I, I), S(getresuid, P, P, P),
	S(setresgid, I, I, I), S(getresgid, P, P, P), S(setfsuid, I), S(setfsgid, I),
	S(times, P), S(setpgid, PI, PI), S(getpgid, PI), S(getsid, PI), S(setsid),
	S(getgroups, I, P), S(setgroups, L, P), S(uname, P), S(sethostname, P, L),
	S(setdomainname, P, L), S(getrlimit, I, P), S(setrlimit, I, P), S(getrusage, I, P),
	S(umask, MO), S(prctl, I, A, A, A, A), S(getcpu, P, P, P), S(gettimeofday, P, P),
	S(settimeofday, P, P), S(adjtimex, P), S(getpid), S(getppid), S(getuid), S(geteuid),
	S(getgid), S(getegid), S(gettid), S(sysinfo, P), S(mq_open, PA, FL, MO, P),
	S(mq_unlink, PA), S(mq_timedsend, F, P, L, I, TI), S(mq_timedreceive, F, P, L, P, TI),
	S(mq_notify, F, P), S(mq_getsetattr, F, P, P), S(msgget, I, FL), S(msgctl, I, I, P),
	S(msgrcv, I, P, L, I, FL), S(msgsnd, I, P, L, FL), S(semget, I, I, FL),
	S(semctl, I, I, I, P), S(semtimedop, I, P, L, TI), S(semop, I, P, L), S(shmget, I, L, FL),
	S(shmctl, I, I, P), S(shmat, I, AD, FL), S(shmdt, AD), S(socket, I, I, I),
	S(socketpair, I, I, I, P), S(bind, F, P, L), S(listen, F, I), S(accept, F, P, P),
	S(connect, F, P, L), S(getsockname, F, P, P), S(getpeername, F, P, P),
	S(sendto, F, P, L, FL, P, L), S(recvfrom, F, P, L, FL, P, P), S(setsockopt, F, I, I, P, L),
	S(getsockopt, F, I, I, P, P), S(shutdown, F, I), S(sendmsg, F, P, FL), S(recvmsg, F, P, FL),
	S(readahead, F, L, L), S(brk, AD), S(munmap, AD, L), S(mremap, AD, L, L, FL, AD),
	S(add_key, PA, PA, P, L, I), S(request_key, PA, PA, PA, I), S(keyctl, I, A, A, A, A),
	SW(clone, 4, FL, AD, P, P, P), SW(execve, 2, PA, P, P), S(mmap, AD, L, FL, FL, F, L),
	S(fadvise64, F, L, L, I), S(swapon, PA, FL), S(swapoff, PA), S(mprotect, AD, L, FL),
	S(msync, AD, L, FL), S(mlock, AD, L), S(munlock, AD, L), S(mlockall, FL), S(munlockall),
	S(mincore, AD, L, P), S(madvise, AD, L, I), S(remap_file_pages, AD, L, FL, L, FL),
	S(mbind, AD, L, I, P, L, FL), S(get_mempolicy, P, P, L, AD, FL), S(set_mempolicy, I, P, L),
	S(migrate_pages, PI, L, P, P), S(move_pages, PI, L, P, P, P, FL),
	S(rt_tgsigqueueinfo, PI, PI, SI, P), S(perf_event_open, P, PI, I, F, FL),
	S(accept4, F, P, P, FL), S(recvmmsg, F, P, L, FL, TI), S(wait4, PI, P, FL, P),
	S(prlimit64, PI, I, P, P), S(fanotify_init, FL, FL), S(fanotify_mark, F, FL, L, F, PA),
	S(name_to_handle_at, F, PA, P, P, FL), S(open_by_handle_at, F, P, FL),
	S(clock_adjtime, CL, P), S(syncfs, F), S(setns, F, FL), S(sendmmsg, F, P, L, FL),
	S(process_vm_readv, PI, IO, L, IO, L, FL), S(process_vm_writev, PI, IO, L, IO, L, FL),
	S(kcmp, PI, PI, I, L, L), S(finit_module, F, PA, FL), S(sched_setattr, PI, P, FL),
	S(sched_getattr, PI, P, L, FL), S(renameat2, F, PA, F, PA, FL), S(seccomp, I, FL, P),
	S(getrandom, P, L, FL), S(memfd_create, PA, FL), S(bpf, I, P, L), S(execveat, F, PA, P, P, FL),
	S(userfaultfd, FL), S(membarrier, I, FL, I), S(mlock2, AD, L, FL),
	S(copy_file_range, F, P, F, P, L, FL), S(preadv2, F, IO, I, L, L, FL),
	S(pwritev2, F, IO, I, L, L, FL), S(pkey_mprotect, AD, L, FL, I), S(pkey_alloc, FL, FL),
	S(pkey_free, I), S(statx, F, PA, FL, FL, P), S(io_pgetevents, A, L, L, P, TI, P),
	S(rseq, P, L, FL, I), S(pidfd_send_signal, F, SI, P, FL), S(io_uring_setup, L, P),
	S(io_uring_enter, F, L, L, FL, P, L), S(io_uring_register, F, I, P, L),
	S(open_tree, F, PA, FL), S(move_mount, F, PA, F, PA, FL), S(fsopen, PA, FL),
	S(fsconfig, F, I, PA, P, I), S(fsmount, F, FL, FL), S(fspick, F, PA, FL),
	S(pidfd_open, PI, FL), SW(clone3, 4, P, L), S(close_range, F, F, FL),
	S(openat2, F, PA, P, L), S(pidfd_getfd, F, F, FL), S(faccessat2, F, PA, MO, FL),
	S(process_madvise, F, IO, L, I, FL), S(epoll_pwait2, F, P, I, TI, P, L),
	S(mount_setattr, F, PA, FL, P, L), S(quotactl_fd, F, I, I, P),
	S(landlock_create_ruleset, P, L, FL), S(landlock_add_rule, F, I, P, FL),
	S(landlock_restrict_self, F, FL), S(memfd_secret, FL), S(process_mrelease, F, FL),
	S(futex_waitv, P, I, FL, TI, CL), S(set_mempolicy_home_node, AD, L, I, FL),
};
#define NR_TABLE	(sizeof(table) / sizeof(table[0]))

/* ---- one worker's state ------------------------------------------------------------- */
static uint64_t rng;
static struct {
	char *rw;		/* RW_PAGES of read-write memory, random bytes */
	char *tail;		/* read-write, the page after it unmapped */
	char *ro, *none, *hole;	/* read-only, PROT_NONE, unmapped */
	char *mm;		/* MM_PAGES the memory calls may map, unmap and protect */
	const char *paths[32];	/* path strings, in a read-only page */
	int npaths;
	int fds[12];		/* fds opened at start */
	int nfds;
	pid_t pid;
} w;
#define RW_PAGES	16
#define MM_PAGES	64

/* The call in progress, for the watchdog thread: seq is odd while it is in the kernel. */
static struct {
	volatile unsigned long seq, calls, probes;
	volatile long nr;
	volatile unsigned long a[6];
} cur;
static pid_t fuzz_tid;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned long pick(unsigned long n)
{
	return next() % n;
}

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static const unsigned long kernel_addrs[] = {
	0xffff000000000000UL, 0xffff000040000000UL, 0xffff000040080000UL,
	0xffff800008000000UL, 0xffff800008010000UL, 0xffff800080000000UL,
	0xfffffbfffe000000UL, 0xfffffffffffff000UL, 0xffffffffffffffffUL,
	0xffff7fffffffffffUL, 0x0001000000000000UL, 0x8000000000000000UL,
	0x0000fffffffff000UL, 0x00007ffffffff000UL,
};

static unsigned long gen(enum kind k);

/* A pointer: mostly to valid memory (with random contents), else hostile. */
static unsigned long gen_ptr(void)
{
	unsigned long off = pick(RW_PAGES * PG - 256) & ~7UL;

	switch (pick(16)) {
	case 0 ... 5:
		for (int i = 0; i < 32; i++)
			((uint64_t *)(w.rw + off))[i] = pick(4) ? next() : pick(64);
		return (unsigned long)w.rw + off;
	case 6: return (unsigned long)w.tail + PG - 1 - pick(64);
	case 7: return (unsigned long)w.ro + pick(PG);
	case 8: return (unsigned long)w.none + pick(PG);
	case 9: return (unsigned long)w.hole + pick(PG);
	case 10: return kernel_addrs[pick(sizeof(kernel_addrs) / sizeof(kernel_addrs[0]))];
	case 11: return pick(2) ? 0 : pick(PG * 2);
	case 12: return (unsigned long)w.rw + off + 1 + pick(7);	/* misaligned */
	case 13: return (unsigned long)w.rw + (0x5aUL << 56);	/* a tag in the top byte */
	case 14: return (unsigned long)w.rw + RW_PAGES * PG - 1 - pick(16);
	default: return next();
	}
}

static unsigned long gen_len(void)
{
	static const unsigned long lens[] = { 0, 1, 7, 8, 16, 64, 128, 4095, 4096, 4097,
		65536, 1UL << 20, 1UL << 30, 0x7fffffff, 0xffffffff, 1UL << 40, -1UL, -4096UL };

	if (pick(4) == 0)
		return pick(512);
	return pick(8) ? lens[pick(sizeof(lens) / sizeof(lens[0]))] : next();
}

static unsigned long gen_int(void)
{
	static const unsigned long ints[] = { 0, 1, 2, 3, -1UL, 0x7fffffff, 0x80000000,
		0xffffffff, 1UL << 32, -2UL };

	switch (pick(4)) {
	case 0: return ints[pick(sizeof(ints) / sizeof(ints[0]))];
	case 1: return pick(16);
	case 2: return pick(256);
	default: return pick(4) ? (uint32_t)next() : next();
	}
}

static unsigned long gen_fd(void)
{
	static const long odd[] = { -1, -100 /* AT_FDCWD */, 999, 1 << 20, 0x7fffffff, -2 };

	switch (pick(8)) {
	case 0 ... 3: return w.fds[pick(w.nfds)];
	case 4 ... 5: return pick(32);
	case 6: return odd[pick(sizeof(odd) / sizeof(odd[0]))];
	default: return pick(2) ? -100 : w.fds[pick(w.nfds)];
	}
}

static unsigned long gen_flags(void)
{
	unsigned long f = 0;

	switch (pick(6)) {
	case 0: return 0;
	case 1: return pick(2) ? -1UL : 0xffffffff;
	case 2: return (uint32_t)next();
	default:
		for (int n = 1 + pick(3); n; n--)
			f |= 1UL << pick(32);
		return f;
	}
}

/* A pid, never the parent (1) or every process (-1): the run would end for nothing. */
static unsigned long gen_pid(void)
{
	switch (pick(8)) {
	case 0: return 0;
	case 1: return w.pid;
	case 2: return syscall(SYS_gettid);
	case 3: return -(long)(2 + pick(64));
	case 4: return pick(2) ? 0x7fffffff : 0x80000000;
	default: return 2 + pick(128);
	}
}

/* An address for the memory calls: inside their own area mostly, so the worker lives. */
static unsigned long gen_addr(void)
{
	switch (pick(10)) {
	case 0 ... 5: return (unsigned long)w.mm + pick(MM_PAGES) * PG;
	case 6: return (unsigned long)w.mm + pick(MM_PAGES * PG);
	case 7: return 0;
	case 8: return kernel_addrs[pick(sizeof(kernel_addrs) / sizeof(kernel_addrs[0]))];
	default: return (unsigned long)w.hole;
	}
}

static unsigned long gen_iov(void)
{
	struct iovec *iov = (struct iovec *)(w.rw + (pick(RW_PAGES * PG - 256) & ~15UL));
	int n = 1 + pick(8);

	if (pick(8) == 0)
		return gen_ptr();
	for (int i = 0; i < n; i++) {
		iov[i].iov_base = (void *)(pick(2) ? gen_ptr() : (unsigned long)w.rw + pick(PG));
		iov[i].iov_len = pick(2) ? pick(PG) : gen_len();
	}
	return (unsigned long)iov;
}

/*
 * A timespec: mostly valid and at most 1 ms, so sleeps end on their own (a long one costs
 * the watchdog's PROBE_MS); else hostile (negative, nanoseconds out of range, the longest
 * sleep) or NULL.
 */
static unsigned long gen_time(void)
{
	struct timespec *ts = (struct timespec *)(w.rw + (pick(RW_PAGES * PG - 64) & ~15UL));
	static const long nsecs[] = { 0, 1, 1000, 100000, 1000000 };
	static const long bad_nsecs[] = { 999999999, 1000000000, -1 };

	ts->tv_sec = 0;
	ts->tv_nsec = nsecs[pick(sizeof(nsecs) / sizeof(nsecs[0]))];
	switch (pick(32)) {
	case 0: return 0;
	case 1: return gen_ptr();
	case 2: ts->tv_sec = pick(2) ? -1 : 0x7fffffffffffffffL; break;
	case 3: ts->tv_nsec = bad_nsecs[pick(sizeof(bad_nsecs) / sizeof(bad_nsecs[0]))]; break;
	}
	return (unsigned long)ts;
}

static unsigned long gen(enum kind k)
{
	switch (k) {
	case K_ANY: return gen(1 + pick(NR_KINDS - 1));
	case K_INT: return gen_int();
	case K_FD: return gen_fd();
	case K_FLAGS: return gen_flags();
	case K_PTR: return gen_ptr();
	case K_LEN: return gen_len();
	case K_PATH: return pick(8) ? (unsigned long)w.paths[pick(w.npaths)] : gen_ptr();
	case K_PID: return gen_pid();
	case K_SIG: return pick(8) ? pick(65) : gen_int();
	case K_ADDR: return gen_addr();
	case K_IOV: return gen_iov();
	case K_MODE: return pick(8) ? pick(010000) | (pick(16) << 12) : gen_int();
	case K_TIME: return gen_time();
	case K_CLOCK: return pick(8) ? pick(12) : gen_int();
	default: return 0;
	}
}

/* ---- making the calls ---------------------------------------------------------------- */
static long fuzz_syscall(long nr, const unsigned long *a)
{
	register long x8 asm("x8") = nr;
	register unsigned long x0 asm("x0") = a[0], x1 asm("x1") = a[1], x2 asm("x2") = a[2],
		x3 asm("x3") = a[3], x4 asm("x4") = a[4], x5 asm("x5") = a[5];

	asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
		     : "memory");
	return x0;
}

/*
 * clone and clone3: the child (x0 == 0) exits at once, in the same asm, touching no
 * memory: it may share the parent's stack (CLONE_VM without a new one) or have a
 * random one.
 */
static long fuzz_clone(long nr, const unsigned long *a)
{
	register long x8 asm("x8") = nr;
	register unsigned long x0 asm("x0") = a[0], x1 asm("x1") = a[1], x2 asm("x2") = a[2],
		x3 asm("x3") = a[3], x4 asm("x4") = a[4], x5 asm("x5") = a[5];

	asm volatile("svc #0\n\t"
		     "cbnz x0, 1f\n\t"
		     "mov x8, %[exit]\n\t"
		     "svc #0\n"
		     "1:"
		     : "+r"(x0), "+r"(x8) : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5),
		       [exit] "i"(__NR_exit) : "memory");
	return x0;
}

/* What must not be called as drawn: fixed here instead (see the table's comment). */
static int sanitize(long nr, unsigned long *a)
{
	switch (nr) {
	case __NR_reboot: case __NR_kexec_load: case __NR_kexec_file_load: case __NR_pivot_root:
		return 0;
	case __NR_kill: case __NR_tkill: case __NR_rt_sigqueueinfo: case __NR_prlimit64:
	case __NR_setpriority: case __NR_sched_setaffinity: case __NR_sched_setscheduler:
	case __NR_sched_setparam: case __NR_sched_setattr: case __NR_ptrace:
		if ((int)a[0] == 1 || (int)a[0] == -1)
			a[0] = 0;
		if (nr == __NR_setpriority && ((int)a[1] == 1 || (int)a[1] == -1))
			a[1] = 0;
		if (nr == __NR_ptrace && ((int)a[1] == 1 || (int)a[1] == -1))
			a[1] = 0;
		break;
	case __NR_tgkill: case __NR_rt_tgsigqueueinfo:
		if ((int)a[0] == 1 || (int)a[0] == -1 || (int)a[1] == 1 || (int)a[1] == -1)
			a[0] = a[1] = w.pid;
		break;
	case __NR_close:
		if ((int)a[0] == REPORT_FD)
			a[0] = REPORT_FD - 1;
		break;
	case __NR_dup3:
		if ((int)a[1] == REPORT_FD)
			a[1] = REPORT_FD - 1;
		break;
	case __NR_close_range:
		if ((unsigned int)a[0] <= REPORT_FD && (unsigned int)a[1] >= REPORT_FD)
			a[1] = REPORT_FD - 1;
		break;
	case __NR_syslog:	/* console off or its level: the test's output would go */
		if ((int)a[0] == 6 || (int)a[0] == 8)
			return 0;
		break;
	case __NR_fcntl:	/* F_DUPFD onto the pipe is fine: it takes a free fd */
		break;
	}
	return 1;
}

static struct sysc *choose(long *nr)
{
	for (;;) {
		if (pick(16) == 0) {
			*nr = pick(NR_MAX);
			for (unsigned int i = 0; i < NR_TABLE; i++)
				if (table[i].nr == *nr)
					return &table[i];
			return NULL;
		}
		struct sysc *s = &table[pick(NR_TABLE)];
		unsigned int wgt = s->weight ? s->weight : 16;

		if (s->calls >= 4 && s->enosys == s->calls)
			wgt = 1;
		if (pick(16) < wgt) {
			*nr = s->nr;
			return s;
		}
	}
}

static void *fuzz_thread(void *arg)
{
	unsigned long a[6];
	long nr, ret;

	fuzz_tid = syscall(SYS_gettid);
	for (;;) {
		struct sysc *s = choose(&nr);

		for (int i = 0; i < 6; i++)
			a[i] = gen(s ? s->arg[i] : K_ANY);
		if (!sanitize(nr, a))
			continue;
		cur.nr = nr;
		for (int i = 0; i < 6; i++)
			cur.a[i] = a[i];
		__atomic_add_fetch(&cur.seq, 1, __ATOMIC_RELEASE);
		if (nr == __NR_clone || nr == __NR_clone3)
			ret = fuzz_clone(nr, a);
		else
			ret = fuzz_syscall(nr, a);
		__atomic_add_fetch(&cur.seq, 1, __ATOMIC_RELEASE);
		cur.calls++;
		if (s) {
			s->calls++;
			s->enosys += ret == -ENOSYS;
		}
	}
	return NULL;
}

/* ---- the worker: its setup, and its watchdog (the main thread) ------------------------ */
enum msg_type { MSG_BEAT, MSG_KILL, MSG_SLOW };
struct msg {
	int type, slot;
	unsigned long calls, probes, ms;
	long nr;
	unsigned long a[6];
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static char *map(unsigned long len, int prot)
{
	char *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void add_path(char **strs, const char *s)
{
	size_t n = strlen(s) + 1;

	memcpy(*strs, s, n);
	w.paths[w.npaths++] = *strs;
	*strs += n;
}

static void setup_paths(void)
{
	static const char *names[] = { "a", "b", "d", "d/a", "d/d", "d/d/a", ".", "..", "/",
		"", "null", "zero", "full", "urandom", "f", "a/", "d/", "../../a", "/d/a", "s",
		"d/s", "proc", "/proc/self/maps", "f/a" };
	char *page = map(4 * PG, PROT_READ | PROT_WRITE), *p = page;

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		add_path(&p, names[i]);
	w.paths[w.npaths++] = p;	/* a name longer than NAME_MAX */
	memset(p, 'x', 300);
	p += 301;
	w.paths[w.npaths++] = p;	/* a path longer than PATH_MAX, unterminated at the end */
	for (int i = 0; p + 2 < page + 4 * PG; i++)
		*p++ = i & 1 ? '/' : 'd';
	page[4 * PG - 1] = 'd';
	mprotect(page, 4 * PG, PROT_READ);
}

static void setup_fds(void)
{
	int pfd[2];

	w.nfds = 0;
	mkdir("d", 0755);
	w.fds[w.nfds++] = open("f", O_RDWR | O_CREAT, 0644);
	w.fds[w.nfds++] = open(".", O_RDONLY | O_DIRECTORY);
	w.fds[w.nfds++] = open("d", O_RDONLY | O_DIRECTORY);
	w.fds[w.nfds++] = open("null", O_RDWR);
	w.fds[w.nfds++] = open("zero", O_RDONLY);
	w.fds[w.nfds++] = open("a", O_RDWR | O_CREAT | O_APPEND, 0600);
	if (pipe2(pfd, O_NONBLOCK) == 0) {
		w.fds[w.nfds++] = pfd[0];
		w.fds[w.nfds++] = pfd[1];
		write(pfd[1], "fuzz", 4);
	}
	w.fds[w.nfds++] = open("/", O_PATH);
	w.fds[w.nfds++] = 200;	/* closed */
}

static void setup_memory(void)
{
	w.rw = map(RW_PAGES * PG, PROT_READ | PROT_WRITE);
	w.tail = map(2 * PG, PROT_READ | PROT_WRITE);
	munmap(w.tail + PG, PG);
	w.ro = map(PG, PROT_READ);
	w.none = map(PG, PROT_NONE);
	w.hole = map(PG, PROT_READ);
	munmap(w.hole, PG);
	w.mm = map(MM_PAGES * PG, PROT_READ | PROT_WRITE);
	for (unsigned long i = 0; i < RW_PAGES * PG / 8; i++)
		((uint64_t *)w.rw)[i] = next();
}

static void on_signal(int sig)
{
}

/*
 * Signals the fuzz sends itself are caught and return (-EINTR where they interrupt),
 * which exercises delivery and sigreturn and keeps the worker alive; the fuzz may
 * change this with rt_sigaction. Faults keep their default action: a handler returning
 * to the faulting instruction would loop.
 */
static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */

	for (int sig = 1; sig < 65; sig++) {
		if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
		    sig == SIGTRAP || sig == SIGSYS)
			continue;
		sigaction(sig, &sa, NULL);
	}
}

static void report(int slot, int type)
{
	struct msg m = { .type = type, .slot = slot, .calls = cur.calls, .probes = cur.probes,
			 .nr = cur.nr };

	for (int i = 0; i < 6; i++)
		m.a[i] = cur.a[i];
	/* A caught signal may interrupt the write (the pipe blocks when the parent lags). */
	while (write(REPORT_FD, &m, sizeof(m)) != sizeof(m))
		if (errno != EINTR)
			_exit(3);	/* the pipe is gone: the parent sees the worker end */
}

/*
 * The watchdog: a heartbeat to the parent every 250 ms; a call in the kernel for
 * PROBE_MS gets SIGUSR1, for KILL_MS its worker is killed, after telling the parent which
 * call it was (the parent then waits for the death: a worker that cannot die is a hang).
 */
static void watchdog(int slot)
{
	unsigned long seen = 0;
	long since = now_ms(), beat = 0;
	int probed = 0;

	for (;;) {
		long now;

		sleep_ms(50);
		now = now_ms();
		/* The fuzz thread made exit (its tid is gone): a new worker takes over. */
		if (fuzz_tid && syscall(SYS_tgkill, w.pid, fuzz_tid, 0) && errno == ESRCH)
			_exit(0);
		if (now - beat >= 250) {
			report(slot, MSG_BEAT);
			beat = now;
		}
		unsigned long seq = __atomic_load_n(&cur.seq, __ATOMIC_ACQUIRE);

		if (seq != seen || !(seq & 1)) {
			seen = seq;
			since = now;
			probed = 0;
			continue;
		}
		if (probed == 0 && now - since >= SLOW_MS) {
			report(slot, MSG_SLOW);
			probed = -1;
		}
		if (probed != 1 && now - since >= PROBE_MS) {
			syscall(SYS_tgkill, w.pid, fuzz_tid, SIGUSR1);
			probed = 1;
			cur.probes++;
		}
		if (now - since >= KILL_MS) {
			report(slot, MSG_KILL);
			kill(w.pid, SIGKILL);
		}
	}
}

static void worker(int slot, uint64_t seed, unsigned long as_bytes)
{
	pthread_t t;

	/*
	 * Each worker's mappings stay under fuzz_as_mib: a random mlockall over a random
	 * 1 GiB mapping would otherwise fill the machine, and the OOM killer's report (a
	 * stack, as Linux prints it) is no kernel fault. The fuzz may raise the limit again;
	 * rarely. A replay may lift it (fuzz_as_mib=0).
	 */
	const struct rlimit as = { as_bytes, as_bytes };

	rng = seed | 1;
	w.pid = getpid();
	if (as_bytes)
		setrlimit(RLIMIT_AS, &as);
	setsid();
	close_range(0, REPORT_FD - 1, 0);
	close_range(REPORT_FD + 1, ~0U, 0);
	if (chroot(SANDBOX) || chdir("/"))
		_exit(2);
	catch_signals();
	setup_memory();
	setup_paths();
	setup_fds();
	if (!w.rw || !w.mm || pthread_create(&t, NULL, fuzz_thread, NULL))
		_exit(2);
	watchdog(slot);
}

/* ---- the parent: workers per slot, respawned until the slot's calls are made -------- */
struct slot {
	pid_t pid;
	int gen, done, stopping, abandoned;
	uint64_t seed;
	unsigned long base, now_calls;	/* calls of ended workers; of the live one */
	unsigned long now_probes;
	long last, kill_at;		/* the last message; when the watchdog killed */
	struct msg killed;
};

static struct {
	uint64_t seed, wseed;
	unsigned long calls;
	unsigned long as_mib;
	int workers, rounds, ncpus, verbose;
} cfg = { .calls = 200000, .workers = 8, .rounds = 2, .as_mib = 128 };

static struct {
	unsigned long calls, spawns, kills, hangs, probes, slow, exits[4], signals[65];
	long ms;
} stats;
static int report_rd, report_wr;

static const char *call_name(long nr)
{
	static char buf[32];

	for (unsigned int i = 0; i < NR_TABLE; i++)
		if (table[i].nr == nr)
			return table[i].name;
	snprintf(buf, sizeof(buf), "syscall_%ld", nr);
	return buf;
}

static void print_call(const char *what, const struct slot *s, int slot)
{
	const struct msg *m = &s->killed;

	printf("# fuzz: %s: slot %d seed %#llx (fuzz_wseed=%llu): %s(%#lx, %#lx, %#lx, %#lx, "
	       "%#lx, %#lx)\n", what, slot, (unsigned long long)s->seed,
	       (unsigned long long)s->seed, call_name(m->nr), m->a[0], m->a[1], m->a[2],
	       m->a[3], m->a[4], m->a[5]);
}

static void spawn(struct slot *s, int slot, int round)
{
	cpu_set_t cpus;

	s->seed = cfg.wseed && !s->gen && !round ? cfg.wseed :
		  mix(cfg.seed ^ ((uint64_t)slot << 32) ^ ((uint64_t)round << 48) ^ s->gen);
	s->gen++;
	s->now_calls = 0;
	s->stopping = 0;
	s->kill_at = 0;
	s->last = now_ms();
	stats.spawns++;
	s->pid = fork();
	if (s->pid)
		return;
	if (dup2(report_wr, REPORT_FD) < 0)
		_exit(2);
	CPU_ZERO(&cpus);
	CPU_SET(slot % cfg.ncpus, &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	worker(slot, s->seed, cfg.as_mib << 20);
}

static void take_messages(struct slot *slots)
{
	struct msg m;

	while (read(report_rd, &m, sizeof(m)) == sizeof(m)) {
		struct slot *s = &slots[m.slot];

		if (m.slot < 0 || m.slot >= cfg.workers || s->done)
			continue;
		s->now_calls = m.calls;
		s->now_probes = m.probes;
		s->last = now_ms();
		if (m.type == MSG_SLOW && cfg.verbose && ++stats.slow <= 40) {
			s->killed = m;
			print_call("slow", s, m.slot);
		}
		if (m.type == MSG_KILL && !s->kill_at) {
			s->killed = m;
			s->kill_at = s->last;
			if (++stats.kills <= 10)
				print_call("still in the kernel after 3 s, killed", s, m.slot);
		}
	}
}

static struct slot *slot_of(struct slot *slots, pid_t pid)
{
	for (int i = 0; i < cfg.workers; i++)
		if (slots[i].pid == pid && !slots[i].done)
			return &slots[i];
	return NULL;
}

/* Reaps every child that ended (workers and what they forked); stopped ones are killed. */
static void reap(struct slot *slots, unsigned long budget, int round)
{
	int status;
	pid_t pid;

	while ((pid = wait4(-1, &status, WNOHANG | WUNTRACED, NULL)) > 0) {
		struct slot *s = slot_of(slots, pid);

		if (WIFSTOPPED(status)) {
			kill(pid, SIGKILL);
			continue;
		}
		if (!s)
			continue;
		if (WIFSIGNALED(status))
			stats.signals[WTERMSIG(status) & 63]++;
		else
			stats.exits[WEXITSTATUS(status) & 3]++;
		stats.probes += s->now_probes;
		s->now_probes = 0;
		s->base += s->now_calls;
		s->now_calls = 0;
		if (s->base >= budget)
			s->done = 1;
		else
			spawn(s, s - slots, round);
	}
}

/* A worker silent too long, killed and not dying, or done: acts on it. */
static void police(struct slot *s, int slot, unsigned long budget, long now)
{
	if (s->done || s->abandoned)
		return;
	if (!s->kill_at && now - s->last > SILENT_MS) {
		s->killed = (struct msg){ .nr = -1 };
		s->kill_at = now;
		kill(s->pid, SIGKILL);
		print_call("worker silent for 30 s, killed", s, slot);
	}
	if (s->kill_at && now - s->kill_at > HANG_MS) {
		print_call("HANG: its worker did not die from SIGKILL in 20 s", s, slot);
		s->abandoned = s->done = 1;
		stats.hangs++;
	}
	if (!s->stopping && s->base + s->now_calls >= budget) {
		kill(s->pid, SIGKILL);
		s->stopping = 1;
	}
}

static int round_over(struct slot *slots)
{
	for (int i = 0; i < cfg.workers; i++)
		if (!slots[i].done)
			return 0;
	return 1;
}

static void run_round(int round, unsigned long calls)
{
	struct slot slots[cfg.workers];
	unsigned long budget = calls / cfg.workers;
	long start = now_ms();

	memset(slots, 0, sizeof(slots));
	for (int i = 0; i < cfg.workers; i++)
		spawn(&slots[i], i, round);
	while (!round_over(slots)) {
		struct pollfd pfd = { .fd = report_rd, .events = POLLIN };
		long now;

		poll(&pfd, 1, 100);
		take_messages(slots);
		reap(slots, budget, round);
		now = now_ms();
		for (int i = 0; i < cfg.workers; i++)
			police(&slots[i], i, budget, now);
	}
	for (int i = 0; i < cfg.workers; i++)
		stats.calls += slots[i].base;
	stats.ms += now_ms() - start;
}

/* Waits for every descendant to end (reparented ones too), for at most HANG_MS. */
static int reap_all(void)
{
	long end = now_ms() + HANG_MS;
	int status;
	pid_t pid;

	while ((pid = wait4(-1, &status, WNOHANG | WUNTRACED, NULL)) != -1 || errno != ECHILD) {
		if (pid > 0 && WIFSTOPPED(status))
			kill(pid, SIGKILL);
		if (pid <= 0 && now_ms() > end)
			return 0;
		if (pid <= 0)
			sleep_ms(10);
	}
	return 1;
}

/* ---- what the fuzzer found, each replayed on purpose before fuzzing ------------------ */

/* A child sends init signals it has no handler for, SIGKILL and SIGSTOP too: all ignored. */
static void test_init_unkillable(void)
{
	static const int sigs[] = { SIGHUP, SIGTERM, SIGUSR1, SIGKILL, SIGSTOP };
	int status = -1, sent = 0;
	pid_t pid = fork();

	if (pid == 0) {
		for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			sent += kill(1, sigs[i]) == 0;
		_exit(sent);
	}
	waitpid(pid, &status, 0);
	/* Still here, and not stopped: the child's exit woke us. */
	CHECK("init_ignores_unhandled_signals", WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "status %#x", status);
}

/*
 * A child whose exit signal is not SIGCHLD (clone's CSIGNAL byte), orphaned: reparented
 * to init it exits with SIGCHLD, so init is not signalled and a plain wait4 finds it.
 */
static void test_reparented_exit_signal(void)
{
	int id[2], go[2], status = -1;
	pid_t orphan = -1, mid;
	char c;

	if (pipe(id) || pipe(go))
		return;
	mid = fork();
	if (mid == 0) {
		pid_t g = syscall(SYS_clone, SIGUSR1, 0, 0, 0, 0);

		if (g == 0) {
			read(go[0], &c, 1);
			_exit(7);
		}
		write(id[1], &g, sizeof(g));
		_exit(0);
	}
	read(id[0], &orphan, sizeof(orphan));
	waitpid(mid, NULL, 0);
	write(go[1], "x", 1);
	CHECK("reparented_child_waitable", wait4(orphan, &status, 0, NULL) == orphan &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 7, "errno %d status %#x", errno, status);
	close(id[0]);
	close(id[1]);
	close(go[0]);
	close(go[1]);
}

/* FUTEX_CMP_REQUEUE between futexes in two hash buckets: both locked, no lock report. */
static void test_futex_requeue(void)
{
	static uint32_t words[8][64];
	long bad = 0;

	for (int i = 1; i < 8; i++)
		bad += syscall(SYS_futex, &words[0][0], FUTEX_CMP_REQUEUE_PRIVATE, 0, 1,
			       &words[i][0], 0) != 0;
	CHECK("futex_requeue_across_buckets", bad == 0, "%ld calls failed", bad);
}

/* A bind mount with no source (NULL or ""), which oopsed in kern_path: -EINVAL. */
static void test_bind_mount_no_source(void)
{
	CHECK_ERR("bind_mount_null_source", mount(NULL, "/", NULL, MS_BIND, NULL), EINVAL);
	CHECK_ERR("bind_mount_empty_source", mount("", "/", NULL, MS_BIND, NULL), EINVAL);
}

/* restart_syscall in a new process, with nothing to restart (it jumped to NULL): -EINTR. */
static void test_restart_nothing(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(syscall(SYS_restart_syscall) == -1 && errno == EINTR ? 0 : 1);
	waitpid(pid, &status, 0);
	CHECK("restart_syscall_nothing_eintr", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
}

/*
 * getrandom into 64 MB with SIGUSR1 arriving every 10 ms: a signal ends it short. It
 * filled all it was given first, unkillable for as long (a worker of the fuzz hung in
 * it for minutes).
 */
static void test_getrandom_interrupted(void)
{
	const size_t len = 64UL << 20;
	int status = -1, ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return;
	pid = fork();
	if (pid == 0) {
		char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				 -1, 0);

		catch_signals();
		write(ready[1], "r", 1);
		_exit(syscall(SYS_getrandom, buf, len, 0) < (long)len ? 0 : 1);
	}
	read(ready[0], &c, 1);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGUSR1);
		sleep_ms(10);
	}
	CHECK("getrandom_interrupted_short", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	close(ready[0]);
	close(ready[1]);
}

/* ---- the sandbox the workers are chrooted in, and its removal ----------------------- */
static void make_sandbox(void)
{
	static const struct { const char *name; unsigned int minor; } devs[] = {
		{ "null", 3 }, { "zero", 5 }, { "full", 7 }, { "urandom", 9 } };
	char path[64];

	mkdir(SANDBOX, 0777);
	mkdir(SANDBOX "/proc", 0755);
	for (unsigned int i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		snprintf(path, sizeof(path), SANDBOX "/%s", devs[i].name);
		mknod(path, S_IFCHR | 0666, makedev(1, devs[i].minor));
	}
}

/*
 * Unmounts whatever is stacked on path: the fuzz may have stacked any number of mounts
 * (binds of / onto itself). umount2 here refuses a mount that has mounts under it, even
 * with MNT_DETACH (Linux detaches the whole tree), so callers come back after the
 * subtree's mounts are gone.
 */
static void unmount_all(const char *path)
{
	for (int i = 0; i < 100000 && umount2(path, MNT_DETACH) == 0; i++)
		;
}

/* Removes path and everything under it, mounts first (the workers may mount anything). */
static int remove_tree(const char *path)
{
	char child[4096];
	struct dirent *d;
	struct stat st;
	DIR *dir;
	int ok = 1;

	unmount_all(path);
	if (lstat(path, &st))
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode) && unlink(path) == 0)
		return 1;
	dir = S_ISDIR(st.st_mode) ? opendir(path) : NULL;
	if (!dir) {
		printf("# fuzz: cannot remove %s: %s\n", path, strerror(errno));
		return 0;
	}
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if ((size_t)snprintf(child, sizeof(child), "%s/%s", path, d->d_name) >= sizeof(child))
			ok = 0;
		else
			ok &= remove_tree(child);
	}
	closedir(dir);
	/* Again: a mount with mounts under it stays until they are gone (see unmount_all). */
	unmount_all(path);
	if (ok && rmdir(path)) {
		printf("# fuzz: rmdir %s: %s\n", path, strerror(errno));
		ok = 0;
	}
	return ok;
}

/*
 * What the workers leave outside their chroot. A root process escapes a chroot as on
 * Linux: chroot("d"), fchdir to an fd of the old root, then ".." climbs past the new root
 * (follow_dotdot stops only at the process's root), so the fuzz's "a", "full", "d/a" ...
 * may land in the real "/". Those are files the calls made, not leaks: they are removed
 * with the sandbox, by comparing "/" with its listing from before the fuzz.
 */
struct listing {
	int n;
	char name[64][256];	/* NAME_MAX + 1 each */
};

static void list_root(struct listing *l)
{
	DIR *dir = opendir("/");
	struct dirent *d;

	l->n = 0;
	while (dir && (d = readdir(dir))) {
		if (l->n == 64)
			errx(1, "fuzz: over 64 entries in /");
		strcpy(l->name[l->n++], d->d_name);
	}
	if (dir)
		closedir(dir);
}

static int listed(const struct listing *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->name[i], name))
			return 1;
	return 0;
}

/* Removes every entry of "/" that was not in before (the sandbox is one of them). */
static int remove_escapes(const struct listing *before)
{
	static struct listing now;
	char path[260];
	int ok = 1;

	list_root(&now);
	for (int i = 0; i < now.n; i++) {
		if (listed(before, now.name[i]))
			continue;
		snprintf(path, sizeof(path), "/%s", now.name[i]);
		if (strcmp(path, SANDBOX))
			printf("# fuzz: removing %s, made outside the sandbox\n", path);
		ok &= remove_tree(path);
	}
	return ok;
}

/* ---- the leak baseline ------------------------------------------------------------ */
static unsigned long free_pages(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit / PG;
}

/*
 * How far below the baseline free pages may legitimately stay with nothing leaked:
 * - pcp lists. Freed pages wait on the freeing cpu's list for their zone, uncounted as
 *   free, up to pcp->high each; zone_highsize makes high the zone's low watermark split
 *   over the cpus of its node (at least one), so a cpu holds at most the sum of the low
 *   watermarks, and all cpus that many times. The low watermarks add up to 5/4 of
 *   min_free_kbytes, which init_per_zone_wmark_min sets to 4 * sqrt(lowmem in KB).
 *   User space can neither drain these lists nor read their counts (no /proc/zoneinfo yet).
 * - SLUB's per-cpu and partial slabs: a cache keeps its cpu slab and up to
 *   cpu_partial_slabs more per cpu, and min_partial empty slabs per node; counted as
 *   SLAB_CACHES caches the fuzz touches, each with SLAB_KEPT slabs of SLAB_PAGES pages
 *   on every cpu (a node per cpu at most, as here).
 * - The dcache: one negative dentry, SANDBOX's, in /.
 * Anything beyond that grows with the calls made: the long run (make fuzz) shows it.
 */
#define SLAB_CACHES	32
#define SLAB_KEPT	5	/* the cpu slab, ~2 cpu partial ones, ~2 of min_partial */
#define SLAB_PAGES	2
static unsigned long leak_tolerance(void)
{
	struct sysinfo si;
	unsigned long kb, min_kb = 1, low_pages;

	sysinfo(&si);
	kb = si.totalram * si.mem_unit / 1024;
	while ((min_kb + 1) * (min_kb + 1) <= kb * 16)
		min_kb++;			/* 4 * sqrt(kb) = sqrt(16 * kb) */
	low_pages = min_kb * 5 / 4 / (PG / 1024);
	return cfg.ncpus * low_pages + SLAB_CACHES * SLAB_KEPT * SLAB_PAGES * cfg.ncpus + 1;
}

/* Active objects per SLUB cache, from /proc/slabinfo (Linux's format) when proc has it. */
struct slabs {
	int n;
	struct { char name[32]; long active, objsize, perslab; } c[160];
};

/*
 * Read after vm.drop_caches=2: the unused dentries and inodes the calls left cached (the
 * dcache keeps negative entries, as Linux's, until memory is short) are not a leak.
 */
static void drop_dentries(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "2", 1) != 1)
			printf("# fuzz: drop_caches: %s\n", strerror(errno));
		close(fd);
	}
}

static int read_slabs(struct slabs *sl)
{
	FILE *f;
	char line[256];

	drop_dentries();
	f = fopen("/proc/slabinfo", "r");

	sl->n = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f) && sl->n < 160) {
		if (sscanf(line, "%31s %ld %*d %ld %ld", sl->c[sl->n].name, &sl->c[sl->n].active,
			   &sl->c[sl->n].objsize, &sl->c[sl->n].perslab) == 4)
			sl->n++;
	}
	fclose(f);
	return sl->n > 0;
}

/* Dentries allocated now (/proc/sys/fs/dentry-state's first number), -1 without it. */
static long nr_dentry(void)
{
	FILE *f = fopen("/proc/sys/fs/dentry-state", "r");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

/*
 * A child escapes its chroot in the sandbox and makes a file in the real "/"; removing
 * the sandbox and what was made outside it gives every dentry back. (A worker's escape
 * once left "/a" and "/full" behind: dentries_back failed by their two dentries.)
 */
static void test_escape_removed(const struct listing *root)
{
	int status = -1, escaped, removed;
	long before;
	pid_t pid;

	drop_dentries();
	before = nr_dentry();
	make_sandbox();
	pid = fork();
	if (pid == 0) {
		int old;

		if (chroot(SANDBOX) || chdir("/") || (old = open("/", O_PATH)) < 0 ||
		    mkdir("d", 0755) || chroot("d") || fchdir(old) || chdir(".."))
			_exit(1);
		_exit(close(open("escaped", O_WRONLY | O_CREAT, 0644)) ? 2 : 0);
	}
	waitpid(pid, &status, 0);
	escaped = access("/escaped", F_OK) == 0;
	removed = remove_escapes(root) && access("/escaped", F_OK) != 0;
	drop_dentries();
	CHECK("escaped_files_removed", WIFEXITED(status) && !WEXITSTATUS(status) && escaped &&
	      removed && nr_dentry() == before, "status %#x, escaped %d, removed %d, dentries "
	      "%ld before, %ld after", status, escaped, removed, before, nr_dentry());
}

/*
 * The slabs a cpu may keep of a cache whose objects are objsize bytes, perslab a slab,
 * all their free objects counted active in slabinfo (as Linux's SLUB counts them): its
 * cpu slab, the cpu partial list's cpu_partial_slabs (mm/slub.c's set_cpu_partial: an
 * object count by size, as half-full slabs), and the batch a refill from the node may
 * add past that (get_partial_node takes up to half the limit and one more).
 */
static long cpu_slabs_kept(long objsize, long perslab)
{
	long nr = objsize >= (long)PG ? 6 : objsize >= 1024 ? 24 : objsize >= 256 ? 52 : 120;
	long partial = (nr * 2 + perslab - 1) / (perslab ? perslab : 1);

	return 1 + partial + partial / 2 + 1;
}

/* The cache that grew most past what the cpus' slabs may hold of it. -1: none. */
static int slab_growth(const struct slabs *before, const struct slabs *after, long *excess)
{
	int worst = -1;

	*excess = 0;
	for (int i = 0; i < after->n; i++) {
		long was = 0, over;

		for (int j = 0; j < before->n; j++)
			if (!strcmp(before->c[j].name, after->c[i].name))
				was = before->c[j].active;
		over = after->c[i].active - was - after->c[i].perslab * cfg.ncpus *
		       cpu_slabs_kept(after->c[i].objsize, after->c[i].perslab);
		if (over > *excess) {
			*excess = over;
			worst = i;
		}
	}
	return worst;
}

static uint64_t env_num(const char *name, uint64_t def)
{
	const char *v = getenv(name);

	return v ? strtoull(v, NULL, 0) : def;
}

static void configure(void)
{
	uint64_t seed;

	if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = now_ms();
	cfg.seed = env_num("fuzz_seed", seed);
	cfg.calls = env_num("fuzz_calls", cfg.calls);
	cfg.workers = env_num("fuzz_workers", cfg.workers);
	cfg.rounds = env_num("fuzz_rounds", cfg.rounds);
	cfg.wseed = env_num("fuzz_wseed", 0);
	cfg.verbose = env_num("fuzz_verbose", 0);
	cfg.as_mib = env_num("fuzz_as_mib", cfg.as_mib);
	if (cfg.wseed)
		cfg.workers = 1;
	cfg.ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cfg.ncpus < 1)
		cfg.ncpus = 1;
	if (cfg.workers < 1 || cfg.workers > 64)
		cfg.workers = 8;
	if (cfg.rounds < 1)
		cfg.rounds = 1;
}

/* The checks for bugs the fuzzer found once, each run before the fuzz itself. */
static void run_regressions(void)
{
	test_init_unkillable();
	test_reparented_exit_signal();
	test_futex_requeue();
	test_bind_mount_no_source();
	test_restart_nothing();
	test_getrandom_interrupted();
}

static void print_stats(void)
{
	printf("# fuzz: %lu calls in %ld ms: %lu calls/s; %lu workers started, %lu killed by "
	       "the watchdog\n", stats.calls, stats.ms, stats.calls * 1000 / (stats.ms ? stats.ms : 1),
	       stats.spawns, stats.kills);
	/* Each round gives each slot calls / rounds / workers: what is left over is not made. */
	/* Exit codes: 0 the fuzz's exit or exit_group, 2 setup failed, 3 report pipe lost. */
	printf("# fuzz: %lu sleeps interrupted by the watchdog; workers ended by exit (0, 1, 2, 3):"
	       " %lu %lu %lu %lu, by signal:", stats.probes, stats.exits[0], stats.exits[1],
	       stats.exits[2], stats.exits[3]);
	for (int i = 0; i < 65; i++)
		if (stats.signals[i])
			printf(" %d:%lu", i, stats.signals[i]);
	printf("\n");
}

int main(void)
{
	static struct slabs slabs_before, slabs_after;
	static struct listing root;
	unsigned long before, after[64];
	int pfd[2], reaped = 1, clean = 1, have_slabs, worst;
	long dentries;
	long excess;

	ktap_suite = "fuzz";
	configure();
	printf("# fuzz: seed=%llu calls=%lu workers=%d rounds=%d cpus=%d\n",
	       (unsigned long long)cfg.seed, cfg.calls, cfg.workers, cfg.rounds, cfg.ncpus);
	fflush(stdout);
	/* The workers' end blocks: a worker waits for a busy parent rather than drop a report. */
	if (pipe2(pfd, O_CLOEXEC) || fcntl(pfd[0], F_SETFL, O_NONBLOCK))
		return 1;
	report_rd = pfd[0];
	report_wr = pfd[1];
	run_regressions();
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	list_root(&root);
	test_escape_removed(&root);
	have_slabs = read_slabs(&slabs_before);
	dentries = nr_dentry();
	before = free_pages();
	printf("# fuzz: free pages %lu; up to %lu may stay cached (pcp lists, slabs)\n", before,
	       leak_tolerance());
	for (int r = 0; r < cfg.rounds && r < 64; r++) {
		make_sandbox();
		run_round(r, cfg.calls / cfg.rounds);
		reaped &= reap_all();
		clean &= remove_escapes(&root);
		after[r] = free_pages();
		printf("# fuzz: round %d: %lu calls in all, free pages %lu (%+ld from before)\n", r,
		       stats.calls, after[r], (long)(after[r] - before));
		fflush(stdout);
	}
	print_stats();
	CHECK("calls_made", stats.calls >= cfg.calls / cfg.rounds / cfg.workers * cfg.workers *
	      cfg.rounds, "%lu of %lu", stats.calls, cfg.calls);
	CHECK("no_hang", stats.hangs == 0, "%lu workers stuck in the kernel", stats.hangs);
	CHECK("all_reaped", reaped, "a descendant still there %d s after the round", HANG_MS / 1000);
	CHECK("sandbox_removed", clean, "");
	long lost = (long)(before - after[cfg.rounds - 1]);

	CHECK("free_pages_back", lost <= (long)leak_tolerance(), "%ld pages below the baseline, "
	      "%lu cached at most", lost, leak_tolerance());
	if (!have_slabs || !read_slabs(&slabs_after)) {
		printf("ok %d slab_objects_back # SKIP no /proc/slabinfo\n", ++ktap_n);
		return ktap_done();
	}
	/* Exact, unlike the slab counts: the report pipe's dentry is the only one added. */
	CHECK("dentries_back", dentries >= 0 && nr_dentry() <= dentries + 1,
	      "%ld dentries before, %ld after", dentries, nr_dentry());
	worst = slab_growth(&slabs_before, &slabs_after, &excess);
	CHECK("slab_objects_back", worst < 0, "%s: %ld objects more than cpu slabs keep",
	      worst < 0 ? "" : slabs_after.c[worst].name, excess);
	return ktap_done();
}
