/*
 * ppoll and pselect6: poll every file once with a poll_table that queues us on its wait
 * queues (__pollwait), then sleep until one of them wakes us (pollwake), a signal comes
 * or the timeout passes, and poll again without queueing. The temporary signal mask is
 * kept until the signal's handler has run, as Linux's restore_saved_sigmask_unless.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/poll.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <uapi/linux/time_types.h>
#include <asm/uaccess.h>

struct poll_table_entry {
	struct list_head list;
	struct file *filp;
	wait_queue_entry_t wait;
	wait_queue_head_t *wait_address;
};

/* One poll or select call's wait entries; triggered is set by any wake-up. */
struct poll_wqueues {
	poll_table pt;
	struct list_head entries;
	struct task_struct *polling_task;
	int triggered;
	int error;
};

struct pollfd {
	int fd;
	short events;
	short revents;
};

static int pollwake(wait_queue_entry_t *wait, unsigned int mode, int sync, void *key)
{
	struct poll_wqueues *pwq = wait->private;

	WRITE_ONCE(pwq->triggered, 1);
	return wake_up_process(pwq->polling_task);
}

static void __pollwait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_entry *entry = kmalloc(sizeof(*entry), GFP_KERNEL);

	if (!entry) {
		pwq->error = -ENOMEM;
		return;
	}
	entry->filp = get_file(filp);
	entry->wait_address = wait_address;
	entry->wait.flags = 0;
	entry->wait.private = pwq;
	entry->wait.func = pollwake;
	INIT_LIST_HEAD(&entry->wait.entry);
	list_add_tail(&entry->list, &pwq->entries);
	add_wait_queue(wait_address, &entry->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt._qproc = __pollwait;
	INIT_LIST_HEAD(&pwq->entries);
	pwq->polling_task = current;
	pwq->triggered = 0;
	pwq->error = 0;
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_entry *entry, *next;

	list_for_each_entry_safe(entry, next, &pwq->entries, list) {
		remove_wait_queue(entry->wait_address, &entry->wait);
		fput(entry->filp);
		kfree(entry);
	}
}

/* Sleeps until woken through a queued entry or timeout jiffies; the jiffies left. */
static long poll_schedule_timeout(struct poll_wqueues *pwq, long timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (!READ_ONCE(pwq->triggered))
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	WRITE_ONCE(pwq->triggered, 0);
	return timeout;
}

/* ---- timeouts and the signal mask ---------------------------------------------------- */

/* The user's timeout as jiffies (rounded up), MAX_SCHEDULE_TIMEOUT for none; -errno. */
static long get_timeout(const struct __kernel_timespec __user *tsp, u64 *end_ns)
{
	struct __kernel_timespec ts;
	u64 ns;

	*end_ns = 0;
	if (!tsp)
		return MAX_SCHEDULE_TIMEOUT;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec > (s64)(MAX_SCHEDULE_TIMEOUT / HZ / 2))
		return MAX_SCHEDULE_TIMEOUT;
	ns = (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	*end_ns = ktime_get_ns() + ns;
	/*
	 * A timer n jiffies on fires when the count has advanced n times, up to a tick
	 * sooner than n ticks from now: one more keeps the wait at least what was asked
	 * (Linux's pre-hrtimer rule; its hrtimers are never early either).
	 */
	return (long)((ns + TICK_NSEC - 1) / TICK_NSEC) + (ns != 0);
}

/* Writes back what is left of the timeout, as Linux's poll_select_finish. */
static int put_timeout_left(struct __kernel_timespec __user *tsp, u64 end_ns)
{
	struct __kernel_timespec ts = { 0, 0 };
	u64 now = ktime_get_ns();

	if (!tsp || !end_ns)
		return 0;
	if (end_ns > now) {
		ts.tv_sec = (s64)((end_ns - now) / NSEC_PER_SEC);
		ts.tv_nsec = (long)((end_ns - now) % NSEC_PER_SEC);
	}
	return copy_to_user(tsp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

static int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize, sigset_t *saved)
{
	sigset_t kmask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&kmask, umask, sizeof(kmask)))
		return -EFAULT;
	sigdelset(&kmask, SIGKILL);
	sigdelset(&kmask, SIGSTOP);
	*saved = current->blocked;
	set_current_blocked(&kmask);
	return 0;
}

/* Interrupted: the old mask comes back after the handler; else at once. */
static void restore_user_sigmask(const void __user *umask, sigset_t *saved, bool interrupted)
{
	if (!umask)
		return;
	if (interrupted) {
		current->saved_sigmask = *saved;
		current->restore_sigmask = true;
		return;
	}
	set_current_blocked(saved);
}

/* ---- poll ------------------------------------------------------------------------------ */

static unsigned int do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	unsigned int mask = 0;
	struct file *f;

	if (pfd->fd < 0)
		goto out;
	f = fget((unsigned int)pfd->fd);
	if (!f) {
		mask = EPOLLNVAL;
		goto out;
	}
	mask = vfs_poll(f, pt) & ((unsigned short)pfd->events | EPOLLERR | EPOLLHUP);
	fput(f);
out:
	pfd->revents = (short)mask;
	return mask;
}

static int do_poll(struct pollfd *fds, unsigned int nfds, struct poll_wqueues *wait,
		   long timeout)
{
	poll_table *pt = &wait->pt;
	int count;

	for (;;) {
		count = 0;
		for (unsigned int i = 0; i < nfds; i++) {
			if (do_pollfd(&fds[i], pt)) {
				count++;
				pt = NULL;
			}
		}
		pt = NULL;
		if (count || !timeout)
			break;
		if (wait->error)
			return wait->error;
		if (signal_pending(current))
			return -ERESTARTNOHAND;
		timeout = poll_schedule_timeout(wait, timeout);
	}
	return count;
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp, const sigset_t __user *, sigmask,
		size_t, sigsetsize)
{
	struct poll_wqueues table;
	struct pollfd *fds = NULL;
	sigset_t saved;
	u64 end_ns;
	long timeout, ret;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	timeout = get_timeout(tsp, &end_ns);
	if (timeout < 0)
		return timeout;
	fds = kmalloc_array(nfds ? nfds : 1, sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds)))
		goto out;
	ret = set_user_sigmask(sigmask, sigsetsize, &saved);
	if (ret)
		goto out;
	poll_initwait(&table);
	ret = do_poll(fds, nfds, &table, timeout);
	poll_freewait(&table);
	restore_user_sigmask(sigmask, &saved, ret == -ERESTARTNOHAND);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents))
			ret = -EFAULT;
	if (put_timeout_left(tsp, end_ns))
		ret = -EFAULT;
out:
	kfree(fds);
	return ret;
}

/* ---- select ---------------------------------------------------------------------------- */

#define POLLIN_SET	(EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR)
#define POLLOUT_SET	(EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR)
#define POLLEX_SET	EPOLLPRI

/* in, out, ex and their results, n bits each, in one allocation. */
struct fd_sets {
	unsigned long *in, *out, *ex, *res_in, *res_out, *res_ex;
};

/* One pass over the fds of the sets; the number ready, or -EBADF. */
static int select_pass(int n, struct fd_sets *fds, poll_table *pt)
{
	int count = 0;

	for (int fd = 0; fd < n; fd++) {
		bool in = test_bit(fd, fds->in), out = test_bit(fd, fds->out);
		bool ex = test_bit(fd, fds->ex);
		unsigned int mask;
		struct file *f;

		if (!in && !out && !ex)
			continue;
		f = fget((unsigned int)fd);
		if (!f)
			return -EBADF;
		mask = vfs_poll(f, pt);
		fput(f);
		if (in && (mask & POLLIN_SET)) {
			__set_bit(fd, fds->res_in);
			count++;
		}
		if (out && (mask & POLLOUT_SET)) {
			__set_bit(fd, fds->res_out);
			count++;
		}
		if (ex && (mask & POLLEX_SET)) {
			__set_bit(fd, fds->res_ex);
			count++;
		}
		if (count)
			pt = NULL;
	}
	return count;
}

static int do_select(int n, struct fd_sets *fds, long timeout)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	int ret;

	poll_initwait(&table);
	for (;;) {
		ret = select_pass(n, fds, pt);
		pt = NULL;
		if (ret || !timeout)
			break;
		ret = table.error;
		if (ret)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTNOHAND;
			break;
		}
		timeout = poll_schedule_timeout(&table, timeout);
	}
	poll_freewait(&table);
	return ret;
}

static int get_fd_set(unsigned long *dst, const void __user *src, size_t bytes)
{
	if (!src) {
		memset(dst, 0, bytes);
		return 0;
	}
	return copy_from_user(dst, src, bytes) ? -EFAULT : 0;
}

static int put_fd_set(void __user *dst, const unsigned long *src, size_t bytes)
{
	return dst && copy_to_user(dst, src, bytes) ? -EFAULT : 0;
}

struct sigset_argpack {
	sigset_t __user *p;
	size_t size;
};

SYSCALL_DEFINE6(pselect6, int, n, void __user *, inp, void __user *, outp, void __user *, exp,
		struct __kernel_timespec __user *, tsp, void __user *, sig)
{
	struct sigset_argpack pack = { NULL, 0 };
	struct fd_sets fds;
	size_t bytes;
	unsigned long *bits;
	sigset_t saved;
	u64 end_ns;
	long timeout, ret;

	if (n < 0)
		return -EINVAL;
	/* Bits past the fd table can name no open file: Linux looks only as far as it goes. */
	n = min_t(int, n, (int)READ_ONCE(files_fdtable(current->files)->max_fds));
	timeout = get_timeout(tsp, &end_ns);
	if (timeout < 0)
		return timeout;
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	bytes = BITS_TO_LONGS(n) * sizeof(long);
	bits = kzalloc(6 * (bytes ? bytes : sizeof(long)), GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	fds.in = bits;
	fds.out = fds.in + bytes / sizeof(long);
	fds.ex = fds.out + bytes / sizeof(long);
	fds.res_in = fds.ex + bytes / sizeof(long);
	fds.res_out = fds.res_in + bytes / sizeof(long);
	fds.res_ex = fds.res_out + bytes / sizeof(long);
	ret = get_fd_set(fds.in, inp, bytes);
	if (!ret)
		ret = get_fd_set(fds.out, outp, bytes);
	if (!ret)
		ret = get_fd_set(fds.ex, exp, bytes);
	if (!ret)
		ret = set_user_sigmask(pack.p, pack.size, &saved);
	if (ret)
		goto out;
	ret = do_select(n, &fds, timeout);
	restore_user_sigmask(pack.p, &saved, ret == -ERESTARTNOHAND);
	if (ret >= 0 && (put_fd_set(inp, fds.res_in, bytes) || put_fd_set(outp, fds.res_out, bytes) ||
			 put_fd_set(exp, fds.res_ex, bytes)))
		ret = -EFAULT;
	if (put_timeout_left(tsp, end_ns))
		ret = -EFAULT;
out:
	kfree(bits);
	return ret;
}
