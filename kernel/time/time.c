/*
 * The time system calls (Linux's kernel/time/time.c, posix-timers.c and the nanosleep
 * of hrtimer.c): clocks REALTIME, MONOTONIC, BOOTTIME (the monotonic clock: nothing
 * suspends here), their RAW and COARSE forms, and the cpu-time clocks of the process and
 * the thread. REALTIME is the monotonic clock plus wall_offset: 1970 at boot until the
 * RTC's driver sets it (do_settimeofday64), moved by clock_settime/settimeofday. Sleeps
 * wait in jiffies (HZ) until their clock (a wall clock, or the process's cpu time)
 * reaches their end; one cut short by a signal without a handler resumes towards the
 * same end through restart_syscall, as Linux.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/posix-timers.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/timekeeping.h>
#include <linux/sched/debug.h>
#include <uapi/linux/time_types.h>
#include <uapi/linux/resource.h>
#include <asm/uaccess.h>

/* ns to add to the monotonic clock for CLOCK_REALTIME (atomic). */
static s64 wall_offset;

u64 ktime_get_real_ns(void)
{
	return ktime_get() + __atomic_load_n(&wall_offset, __ATOMIC_RELAXED);
}

/* CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID as the cpu clock ids they stand for. */
static clockid_t cpu_clock_id(clockid_t which)
{
	if (which == CLOCK_PROCESS_CPUTIME_ID)
		return MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED);
	if (which == CLOCK_THREAD_CPUTIME_ID)
		return MAKE_THREAD_CPUCLOCK(0, CPUCLOCK_SCHED);
	return which;
}

static bool is_cpu_clock(clockid_t which)
{
	return cpu_clock_id(which) < 0;
}

static int clock_get_ns(clockid_t which, u64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:		/* the TAI offset is 0 until adjtimex sets it, as in Linux */
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get();
		return 0;
	}
	if (is_cpu_clock(which))
		return posix_cpu_clock_get(cpu_clock_id(which), ns);
	return -EINVAL;
}

static void ns_to_timespec(u64 ns, struct __kernel_timespec *ts)
{
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

static bool timespec_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

SYSCALL_DEFINE2(clock_gettime, clockid_t, which_clock, struct __kernel_timespec __user *, tp)
{
	struct __kernel_timespec ts;
	u64 ns;
	int err = clock_get_ns(which_clock, &ns);

	if (err)
		return err;
	ns_to_timespec(ns, &ts);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, clockid_t, which_clock, struct __kernel_timespec __user *, tp)
{
	struct __kernel_timespec ts = { 0, 1 };
	u64 ns;

	if (is_cpu_clock(which_clock)) {
		if (posix_cpu_clock_getres(cpu_clock_id(which_clock), &ns))
			return -EINVAL;
		ts.tv_nsec = (long)ns;
	} else if (clock_get_ns(which_clock, &ns)) {
		return -EINVAL;
	}
	if (which_clock == CLOCK_REALTIME_COARSE || which_clock == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = TICK_NSEC;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

static int set_realtime(u64 ns)
{
	__atomic_store_n(&wall_offset, (s64)(ns - ktime_get()), __ATOMIC_RELAXED);
	return 0;
}

int do_settimeofday64(const struct timespec64 *ts)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return set_realtime((u64)ts->tv_sec * NSEC_PER_SEC + (u64)ts->tv_nsec);
}

/* One read of the offset: two clock reads apart would not give the same boot time. */
void getboottime64(struct timespec64 *ts)
{
	s64 off = __atomic_load_n(&wall_offset, __ATOMIC_RELAXED);

	ts->tv_sec = off / NSEC_PER_SEC;
	ts->tv_nsec = off % NSEC_PER_SEC;
	if (ts->tv_nsec < 0) {
		ts->tv_sec--;
		ts->tv_nsec += NSEC_PER_SEC;
	}
}

SYSCALL_DEFINE2(clock_settime, clockid_t, which_clock, const struct __kernel_timespec __user *, tp)
{
	struct __kernel_timespec ts;
	u64 ns;

	/* A cpu clock that exists cannot be set (EPERM); any other clock but REALTIME is EINVAL. */
	if (which_clock < 0)
		return clock_get_ns(which_clock, &ns) ?: -EPERM;
	if (which_clock != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	return set_realtime(ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec);
}

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval __user *, tv,
		struct __kernel_timezone __user *, tz)
{
	u64 ns = ktime_get_real_ns();
	struct __kernel_old_timeval v = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / NSEC_PER_USEC };
	struct __kernel_timezone z = { 0, 0 };

	if (tv && copy_to_user(tv, &v, sizeof(v)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &z, sizeof(z)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(settimeofday, struct __kernel_old_timeval __user *, tv,
		struct __kernel_timezone __user *, tz)
{
	struct __kernel_old_timeval v;

	if (!tv)
		return 0;
	if (copy_from_user(&v, tv, sizeof(v)))
		return -EFAULT;
	if (v.tv_sec < 0 || v.tv_usec < 0 || v.tv_usec >= USEC_PER_SEC)
		return -EINVAL;
	return set_realtime(v.tv_sec * NSEC_PER_SEC + v.tv_usec * NSEC_PER_USEC);
}

/*
 * The jiffies to sleep before looking at clockid again, left ns before the end. A cpu
 * clock runs only while its threads do, up to one tick per cpu per tick: it is looked at
 * every tick (Linux arms a cpu timer that the tick checks).
 */
static long nanosleep_jiffies(clockid_t clockid, u64 left)
{
	if (is_cpu_clock(clockid))
		return 1;
	return (long)min_t(u64, (left + TICK_NSEC - 1) / TICK_NSEC, LONG_MAX - 1);
}

/*
 * Sleeps until clockid reads expires (ns), waking every time the jiffies timer says the
 * rest has passed and checking the clock, so no wake-up ends it early (Linux's
 * do_nanosleep). Returns 0, or -ERESTART_RESTARTBLOCK when a signal came, the time left
 * written to the restart block's rmtp (-EFAULT if that cannot be written).
 */
static long __sched do_nanosleep(clockid_t clockid, u64 expires)
{
	struct restart_block *restart = &current->restart_block;
	struct __kernel_timespec rmt;
	u64 now;

	for (;;) {
		/* A cpu clock's process may be gone: Linux's sleep then ends as well. */
		if (clock_get_ns(clockid, &now))
			return -EINVAL;
		if (now >= expires)
			return 0;
		if (signal_pending(current))
			break;
		schedule_timeout_interruptible(nanosleep_jiffies(clockid, expires - now));
	}
	if (restart->nanosleep.type != TT_NONE) {
		ns_to_timespec(expires - now, &rmt);
		if (copy_to_user(restart->nanosleep.rmtp, &rmt, sizeof(rmt)))
			return -EFAULT;
	}
	return -ERESTART_RESTARTBLOCK;
}

/* restart_syscall's way back into a relative sleep: towards the same end. */
static long hrtimer_nanosleep_restart(struct restart_block *restart)
{
	return do_nanosleep(restart->nanosleep.clockid, restart->nanosleep.expires);
}

/*
 * A sleep to expires on clockid. Interrupted without a handler, a relative one resumes
 * through its restart block, an absolute one restarts with its arguments (the same end).
 * A frame of its own, as Linux's: /proc/PID/wchan names it for a sleeping task.
 */
static noinline long hrtimer_nanosleep(u64 expires, bool absolute, clockid_t clockid)
{
	struct restart_block *restart = &current->restart_block;
	long ret = do_nanosleep(clockid, expires);

	if (ret != -ERESTART_RESTARTBLOCK)
		return ret;
	if (absolute)
		return -ERESTARTNOHAND;
	restart->nanosleep.clockid = clockid;
	restart->nanosleep.expires = expires;
	restart->fn = hrtimer_nanosleep_restart;
	return ret;
}

static u64 timespec_to_ns(const struct __kernel_timespec *ts)
{
	if ((u64)ts->tv_sec >= (u64)LLONG_MAX / NSEC_PER_SEC)
		return LLONG_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

/* The end of a relative sleep of ts on a clock that reads now, saturated. */
static u64 relative_expires(u64 now, const struct __kernel_timespec *ts)
{
	u64 rel = timespec_to_ns(ts);

	return rel > LLONG_MAX - now ? LLONG_MAX : now + rel;
}

SYSCALL_DEFINE2(nanosleep, struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	current->restart_block.fn = do_no_restart_syscall;
	current->restart_block.nanosleep.type = rmtp ? TT_NATIVE : TT_NONE;
	current->restart_block.nanosleep.rmtp = rmtp;
	return hrtimer_nanosleep(relative_expires(ktime_get(), &ts), false, CLOCK_MONOTONIC);
}

SYSCALL_DEFINE4(clock_nanosleep, clockid_t, which_clock, int, flags,
		const struct __kernel_timespec __user *, rqtp, struct __kernel_timespec __user *, rmtp)
{
	struct __kernel_timespec ts;
	bool absolute = flags & TIMER_ABSTIME;
	u64 now;

	if (clock_get_ns(which_clock, &now))
		return -EINVAL;
	/* Linux's thread clock has no nsleep (a thread cannot wait for its own cpu time). */
	if (which_clock == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP;
	if (which_clock < 0 && CPUCLOCK_PERTHREAD(which_clock) &&
	    (!CPUCLOCK_PID(which_clock) || CPUCLOCK_PID(which_clock) == current->pid))
		return -EINVAL;
	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	if (absolute)
		rmtp = NULL;
	current->restart_block.fn = do_no_restart_syscall;
	current->restart_block.nanosleep.type = rmtp ? TT_NATIVE : TT_NONE;
	current->restart_block.nanosleep.rmtp = rmtp;
	if (absolute)
		return hrtimer_nanosleep(timespec_to_ns(&ts), true, which_clock);
	/* A relative sleep does not move with the wall clock: Linux runs it on MONOTONIC. */
	if (!is_cpu_clock(which_clock))
		which_clock = CLOCK_MONOTONIC;
	clock_get_ns(which_clock, &now);
	return hrtimer_nanosleep(relative_expires(now, &ts), false, which_clock);
}

/* times(): clock ticks (USER_HZ) of the process and its reaped children; the return is uptime. */
struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

#define USER_HZ		100
#define NS_TO_CLOCK_T(ns)	((long)((ns) / (NSEC_PER_SEC / USER_HZ)))

SYSCALL_DEFINE1(times, struct tms __user *, tbuf)
{
	if (tbuf) {
		struct signal_struct *sig = current->signal;
		u64 tgutime, tgstime;
		struct tms t;

		spin_lock(&tasklist_lock);
		thread_group_cputime_adjusted(current, &tgutime, &tgstime);
		t.tms_utime = NS_TO_CLOCK_T(tgutime);
		t.tms_stime = NS_TO_CLOCK_T(tgstime);
		t.tms_cutime = NS_TO_CLOCK_T(sig->cutime);
		t.tms_cstime = NS_TO_CLOCK_T(sig->cstime);
		spin_unlock(&tasklist_lock);
		if (copy_to_user(tbuf, &t, sizeof(t)))
			return -EFAULT;
	}
	return (long)(get_jiffies_64() * USER_HZ / HZ);
}
