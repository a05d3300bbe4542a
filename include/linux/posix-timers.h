/*
 * The cpu-time clocks (Linux's include/linux/posix-timers.h): a negative clockid names
 * the cpu time of a process or a thread, ~pid in its upper bits, a thread flag and which
 * time in the low three: PROF (user + system), VIRT (user) or SCHED (exact). glibc's
 * clock_getcpuclockid, pthread_getcpuclockid and its clock_nanosleep on
 * CLOCK_PROCESS_CPUTIME_ID build these.
 */
#ifndef _LINUX_POSIX_TIMERS_H
#define _LINUX_POSIX_TIMERS_H

#include <linux/types.h>
#include <uapi/linux/time_types.h>

#define CPUCLOCK_PID(clock)		((pid_t)~((clock) >> 3))
#define CPUCLOCK_PERTHREAD(clock)	(((clock) & (clockid_t)CPUCLOCK_PERTHREAD_MASK) != 0)
#define CPUCLOCK_PERTHREAD_MASK		4
#define CPUCLOCK_WHICH(clock)		((clock) & (clockid_t)CPUCLOCK_CLOCK_MASK)
#define CPUCLOCK_CLOCK_MASK		3
#define CPUCLOCK_PROF			0
#define CPUCLOCK_VIRT			1
#define CPUCLOCK_SCHED			2
#define CPUCLOCK_MAX			3

#define MAKE_PROCESS_CPUCLOCK(pid, clock)	((clockid_t)(~(u32)(pid) << 3) | (clockid_t)(clock))
#define MAKE_THREAD_CPUCLOCK(tid, clock)	\
	MAKE_PROCESS_CPUCLOCK(tid, (clock) | CPUCLOCK_PERTHREAD_MASK)

struct task_struct;

/* kernel/time/posix-cpu-timers.c */
/* A cpu clock's reading, ns; -EINVAL when it names no task the caller may read. */
int posix_cpu_clock_get(clockid_t clock, u64 *ns);
/* Its resolution, ns (1 for SCHED, a tick for the others); -EINVAL as above. */
int posix_cpu_clock_getres(clockid_t clock, u64 *ns);
/* The group's tick-accounted time on clkid (CPUCLOCK_PROF: user + system; _VIRT: user). */
u64 cpu_clock_sample_group(unsigned int clkid, struct task_struct *tsk);
/* setitimer: *newval relative -> absolute on the group's clock, *oldval the other way. */
void set_process_cpu_timer(struct task_struct *tsk, unsigned int clkid, u64 *newval, u64 *oldval);

#endif
