/* siginfo_t as user space sees it (128 bytes), and the si_code values: Linux's ABI. */
#ifndef _UAPI_ASM_GENERIC_SIGINFO_H
#define _UAPI_ASM_GENERIC_SIGINFO_H

#include <linux/types.h>

typedef union sigval {
	int sival_int;
	void __user *sival_ptr;
} sigval_t;

#define SI_MAX_SIZE	128

/* The fields after signo/errno/code; which member is valid follows from signo and code. */
union __sifields {
	struct {			/* kill, tkill, SI_USER */
		int _pid;
		unsigned int _uid;
	} _kill;
	struct {			/* POSIX timers */
		int _tid;
		int _overrun;
		sigval_t _sigval;
		int _sys_private;
	} _timer;
	struct {			/* rt_sigqueueinfo, SI_QUEUE */
		int _pid;
		unsigned int _uid;
		sigval_t _sigval;
	} _rt;
	struct {			/* SIGCHLD */
		int _pid;
		unsigned int _uid;
		int _status;
		long _utime;
		long _stime;
	} _sigchld;
	struct {			/* SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP */
		void __user *_addr;
		short _addr_lsb;
	} _sigfault;
	struct {			/* SIGPOLL */
		long _band;
		int _fd;
	} _sigpoll;
};

/* The kernel keeps the user's whole 128 bytes, so it copies out without repacking. */
typedef struct kernel_siginfo {
	union {
		struct {
			int si_signo;
			int si_errno;
			int si_code;
			union __sifields _sifields;
		};
		int _si_pad[SI_MAX_SIZE / sizeof(int)];
	};
} kernel_siginfo_t;

#define si_pid		_sifields._kill._pid
#define si_uid		_sifields._kill._uid
#define si_tid		_sifields._timer._tid
#define si_overrun	_sifields._timer._overrun
#define si_value	_sifields._rt._sigval
#define si_int		_sifields._rt._sigval.sival_int
#define si_ptr		_sifields._rt._sigval.sival_ptr
#define si_status	_sifields._sigchld._status
#define si_utime	_sifields._sigchld._utime
#define si_stime	_sifields._sigchld._stime
#define si_addr		_sifields._sigfault._addr
#define si_band		_sifields._sigpoll._band
#define si_fd		_sifields._sigpoll._fd

#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	-1
#define SI_TIMER	-2
#define SI_MESGQ	-3
#define SI_ASYNCIO	-4
#define SI_SIGIO	-5
#define SI_TKILL	-6

#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define ILL_ILLADR	3
#define ILL_ILLTRP	4
#define ILL_PRVOPC	5
#define ILL_PRVREG	6
#define ILL_COPROC	7
#define ILL_BADSTK	8
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define SEGV_MTESERR	9	/* arm64: synchronous MTE tag check fault */
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define BUS_OBJERR	3
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define TRAP_BRANCH	3
#define TRAP_HWBKPT	4
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#endif
