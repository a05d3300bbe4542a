/*
 * What a system call interrupted by a signal needs to go on where it stopped (Linux's
 * restart_block): when no handler runs, -ERESTART_RESTARTBLOCK makes the task re-enter
 * the kernel through restart_syscall, which calls fn with the state saved here, so a
 * sleep resumes towards its original end instead of starting over.
 */
#ifndef _LINUX_RESTART_BLOCK_H
#define _LINUX_RESTART_BLOCK_H

#include <linux/types.h>

struct __kernel_timespec;

/* Whether the time left is copied out (nanosleep with a rmtp). */
enum timespec_type {
	TT_NONE		= 0,
	TT_NATIVE	= 1,
};

/* Written and read by the task itself only. */
struct restart_block {
	long (*fn)(struct restart_block *);
	union {
		/* futex_wait with a timeout: its absolute end, ns on the clock of flags */
		struct {
			u32 __user *uaddr;
			u32 val;
			u32 flags;
			u32 bitset;
			u64 time;
		} futex;
		/* nanosleep and clock_nanosleep: the absolute end, ns on clockid */
		struct {
			clockid_t clockid;
			enum timespec_type type;
			struct __kernel_timespec __user *rmtp;
			u64 expires;
		} nanosleep;
	};
};

/* The fn of a call that must not be restarted this way: -EINTR. */
long do_no_restart_syscall(struct restart_block *parm);

#endif
