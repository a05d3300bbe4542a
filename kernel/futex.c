/*
 * Fast user-space mutexes (Linux's kernel/futex/): a thread sleeps on a 32-bit user word
 * only while the word still holds the value it expects, and wakers name the word. Waiters
 * queue on a hash bucket picked by the key (mm, address); the bucket lock orders "check
 * the value, then sleep" against "change the value, then wake", so no wake-up is lost.
 * Every futex is keyed by its mm and address: without shared memory mappings yet, a
 * "shared" futex can only be shared by the threads of one mm, so private and shared keys
 * coincide. Operations: WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAIT_BITSET, WAKE_BITSET, with
 * FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME. Robust lists: at exit (and exec) the
 * kernel walks the list of futexes the thread holds, marks each FUTEX_OWNER_DIED and
 * wakes a waiter, so the next locker learns the owner died (EOWNERDEAD in pthreads).
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <uapi/linux/time_types.h>
#include <asm/futex.h>
#include <asm/uaccess.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

#define FUTEX_HASH_BITS		8

struct futex_key {
	struct mm_struct *mm;
	unsigned long address;
};

/* A sleeping waiter; on its bucket's chain until a waker takes it off (list empty). */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;
};

/* lock: the chain, and the waiters' keys (requeue moves them). */
struct futex_hash_bucket {
	spinlock_t lock;
	struct list_head chain;
};

static struct futex_hash_bucket *futex_queues;	/* 1 << FUTEX_HASH_BITS, from futex_init */

void __init futex_init(void)
{
	futex_queues = alloc_large_system_hash("futex", sizeof(*futex_queues),
					       1 << FUTEX_HASH_BITS, 0, 0, NULL, NULL, 0, 0);
	for (unsigned int i = 0; i < 1U << FUTEX_HASH_BITS; i++) {
		spin_lock_init(&futex_queues[i].lock);
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
}

static int get_futex_key(u32 __user *uaddr, struct futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !current->mm)
		return -EFAULT;
	key->mm = current->mm;
	key->address = address;
	return 0;
}

static struct futex_hash_bucket *hash_futex(const struct futex_key *key)
{
	unsigned long h = (unsigned long)key->mm ^ (key->address >> 2) * 0x9e3779b97f4a7c15UL;

	return &futex_queues[(h >> 32) & ((1 << FUTEX_HASH_BITS) - 1)];
}

static bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->address == b->address;
}

/*
 * The word's value with the bucket lock held: no page fault can be taken here (atomic
 * context), so a missing page is -EFAULT and the caller faults it in unlocked and retries.
 */
static int get_futex_value_locked(u32 *val, u32 __user *uaddr)
{
	return get_user(*val, uaddr);
}

static void wake_futex(struct futex_q *q)
{
	struct task_struct *p = q->task;

	get_task_struct(p);
	/* The waiter may return (and its q go) as soon as it sees the list empty. */
	list_del_init(&q->list);
	wake_up_process(p);
	put_task_struct(p);
}

int futex_wake(u32 __user *uaddr, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_q *q, *n;
	struct futex_key key;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, &key);
	if (ret)
		return ret;
	hb = hash_futex(&key);
	spin_lock(&hb->lock);
	list_for_each_entry_safe(q, n, &hb->chain, list) {
		if (!match_futex(&q->key, &key) || !(q->bitset & bitset))
			continue;
		wake_futex(q);
		if (++ret >= nr_wake)
			break;
	}
	spin_unlock(&hb->lock);
	return ret;
}

/* exit's CLONE_CHILD_CLEARTID wake-up (pthread_join's waiter). */
int do_futex_wake(u32 __user *uaddr, int nr_wake)
{
	return futex_wake(uaddr, nr_wake, FUTEX_BITSET_MATCH_ANY);
}

/* Jiffies until abs (ns on clock), at least 1 while it is in the future; 0 when past. */
static long abs_timeout_jiffies(u64 abs_ns, bool realtime)
{
	u64 now = realtime ? ktime_get_real_ns() : (u64)ktime_get();

	if (abs_ns <= now)
		return 0;
	return (long)min_t(u64, (abs_ns - now + TICK_NSEC - 1) / TICK_NSEC + 1, LONG_MAX - 1);
}

#define FLAGS_CLOCKRT		0x02	/* the timeout is on CLOCK_REALTIME */

static long futex_wait_restart(struct restart_block *restart);

/*
 * Sleeps while *uaddr == val until woken, until abs_time (ns on the monotonic clock, or
 * the real-time one with FLAGS_CLOCKRT; NULL: no timeout) or a signal. A timed wait cut
 * short by a signal without a handler resumes towards the same end (restart_syscall),
 * an untimed one restarts (-ERESTARTSYS), as Linux's futex_wait.
 */
static int futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, const u64 *abs_time,
		      u32 bitset)
{
	struct restart_block *restart;
	struct futex_hash_bucket *hb;
	struct futex_q q = { .task = current, .bitset = bitset };
	long timeout = MAX_SCHEDULE_TIMEOUT;
	u32 uval;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, &q.key);
	if (ret)
		return ret;
	hb = hash_futex(&q.key);
retry:
	if (abs_time) {
		timeout = abs_timeout_jiffies(*abs_time, flags & FLAGS_CLOCKRT);
		if (!timeout)
			return -ETIMEDOUT;
	}
	spin_lock(&hb->lock);
	if (get_futex_value_locked(&uval, uaddr)) {
		spin_unlock(&hb->lock);
		if (get_user(uval, uaddr))
			return -EFAULT;
		goto retry;
	}
	if (uval != val) {
		spin_unlock(&hb->lock);
		return -EAGAIN;
	}
	list_add_tail(&q.list, &hb->chain);
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock(&hb->lock);
	if (!signal_pending(current))
		schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);

	spin_lock(&hb->lock);
	if (list_empty(&q.list)) {
		spin_unlock(&hb->lock);
		return 0;
	}
	list_del_init(&q.list);
	spin_unlock(&hb->lock);
	/* The time ran out, or a spurious wake-up: look at the clock and the value again. */
	if (!signal_pending(current))
		goto retry;
	if (!abs_time)
		return -ERESTARTSYS;
	restart = &current->restart_block;
	restart->futex.uaddr = uaddr;
	restart->futex.val = val;
	restart->futex.time = *abs_time;
	restart->futex.bitset = bitset;
	restart->futex.flags = flags;
	restart->fn = futex_wait_restart;
	return -ERESTART_RESTARTBLOCK;
}

static long futex_wait_restart(struct restart_block *restart)
{
	u64 t = restart->futex.time;

	restart->fn = do_no_restart_syscall;
	return futex_wait(restart->futex.uaddr, restart->futex.flags, restart->futex.val, &t,
			  restart->futex.bitset);
}

static void double_lock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
{
	if (a > b)
		swap(a, b);
	spin_lock(&a->lock);
	/* Two buckets of one lock class, always in address order: nested by design. */
	if (a != b)
		spin_lock_nested(&b->lock, SINGLE_DEPTH_NESTING);
}

static void double_unlock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/* Wakes nr_wake waiters of uaddr1, moves up to nr_requeue others to uaddr2. */
static int futex_requeue(u32 __user *uaddr1, u32 __user *uaddr2, int nr_wake, int nr_requeue,
			 const u32 *cmpval)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	struct futex_q *q, *n;
	int ret, woken = 0, moved = 0;
	u32 curval;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_futex_key(uaddr1, &key1);
	if (!ret)
		ret = get_futex_key(uaddr2, &key2);
	if (ret)
		return ret;
	hb1 = hash_futex(&key1);
	hb2 = hash_futex(&key2);
retry:
	double_lock_hb(hb1, hb2);
	if (cmpval) {
		if (get_futex_value_locked(&curval, uaddr1)) {
			double_unlock_hb(hb1, hb2);
			if (get_user(curval, uaddr1))
				return -EFAULT;
			goto retry;
		}
		if (curval != *cmpval) {
			double_unlock_hb(hb1, hb2);
			return -EAGAIN;
		}
	}
	list_for_each_entry_safe(q, n, &hb1->chain, list) {
		if (!match_futex(&q->key, &key1))
			continue;
		if (woken < nr_wake) {
			wake_futex(q);
			woken++;
		} else if (moved < nr_requeue) {
			q->key = key2;
			list_move_tail(&q->list, &hb2->chain);
			moved++;
		} else {
			break;
		}
	}
	double_unlock_hb(hb1, hb2);
	return woken + moved;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	struct __kernel_timespec ts;
	u64 abs_time;

	if (realtime && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (utime) {
			if (copy_from_user(&ts, utime, sizeof(ts)))
				return -EFAULT;
			if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
				return -EINVAL;
			/* FUTEX_WAIT's timeout is relative, WAIT_BITSET's absolute (Linux's rule). */
			abs_time = min_t(u64, ts.tv_sec, LLONG_MAX / NSEC_PER_SEC - 1) * NSEC_PER_SEC +
				   ts.tv_nsec;
			if (cmd == FUTEX_WAIT)
				abs_time += ktime_get();
		}
		return futex_wait(uaddr, realtime ? FLAGS_CLOCKRT : 0, val, utime ? &abs_time : NULL,
				  cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
		/* For REQUEUE, the utime argument carries nr_requeue, as in Linux. */
		return futex_requeue(uaddr, uaddr2, (int)val, (int)(unsigned long)utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, (int)(unsigned long)utime, &val3);
	}
	return -ENOSYS;
}

/* ---- robust futexes (Linux's exit_robust_list and friends) ----------------------- */

#define FUTEX_WAITERS		0x80000000
#define FUTEX_OWNER_DIED	0x40000000
#define FUTEX_TID_MASK		0x3fffffff
/* Entries walked at most: a list looped by a bug or on purpose ends here. */
#define ROBUST_LIST_LIMIT	2048

/* The user-space list (uapi linux/futex.h): each entry sits futex_offset before its word. */
struct robust_list {
	struct robust_list __user *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list __user *list_op_pending;	/* being locked or unlocked right now */
};

/*
 * The futex word of a thread that died: if curr still owns it, FUTEX_OWNER_DIED goes in
 * (with FUTEX_WAITERS kept) and one waiter is woken to find it. pending_op: the lock was
 * half taken or half released; an unowned word then still gets its wake-up, which the
 * unlocker may have died before giving. Returns -1 when the walk should stop.
 */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *curr, bool pi,
			      bool pending_op)
{
	u32 uval, nval, mval;
	int err;

	if ((unsigned long)uaddr % sizeof(*uaddr))
		return -1;
retry:
	if (get_user(uval, uaddr))
		return -1;
	if (pending_op && !pi && !(uval & FUTEX_TID_MASK)) {
		futex_wake(uaddr, 1, FUTEX_BITSET_MATCH_ANY);
		return 0;
	}
	if ((uval & FUTEX_TID_MASK) != (u32)curr->pid)
		return 0;
	mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	err = futex_atomic_cmpxchg_inatomic(&nval, uaddr, uval, mval);
	if (err == -EAGAIN)
		goto retry;
	if (err)
		return -1;
	/* The word changed under us (a waiter set FUTEX_WAITERS): look again. */
	if (nval != uval)
		goto retry;
	/* PI futexes are woken by their pi_state in Linux; here FUTEX_LOCK_PI does not exist. */
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* An entry pointer of the list, whose bit 0 says the futex is a PI one. */
static int fetch_robust_entry(struct robust_list __user **entry,
			      struct robust_list __user *__user *head, bool *pi)
{
	unsigned long uentry;

	if (get_user(uentry, (unsigned long __user *)head))
		return -EFAULT;
	*entry = (void __user *)(uentry & ~1UL);
	*pi = uentry & 1;
	return 0;
}

/*
 * Walks curr's robust list (in user memory, so any of it may be garbage: every read may
 * fail, and the walk then stops) and handles each futex's death; the pending one last.
 */
static void exit_robust_list(struct task_struct *curr)
{
	struct robust_list_head __user *head = curr->robust_list;
	struct robust_list __user *entry, *next_entry, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, pip, next_pi;
	long futex_offset;
	int rc;

	if (fetch_robust_entry(&entry, &head->list.next, &pi))
		return;
	if (get_user(futex_offset, &head->futex_offset))
		return;
	if (fetch_robust_entry(&pending, &head->list_op_pending, &pip))
		return;
	while (entry != &head->list) {
		/* The next pointer first: the death handling may free the entry's memory. */
		rc = fetch_robust_entry(&next_entry, &entry->next, &next_pi);
		if (entry != pending &&
		    handle_futex_death((u32 __user *)((char __user *)entry + futex_offset), curr, pi,
				       false))
			return;
		if (rc)
			return;
		entry = next_entry;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		handle_futex_death((u32 __user *)((char __user *)pending + futex_offset), curr, pip,
				   true);
}

static void futex_cleanup(struct task_struct *tsk)
{
	if (tsk->robust_list) {
		exit_robust_list(tsk);
		tsk->robust_list = NULL;
	}
}

void futex_exit_release(struct task_struct *tsk)
{
	futex_cleanup(tsk);
}

void futex_exec_release(struct task_struct *tsk)
{
	futex_cleanup(tsk);
}

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head, size_t, len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

SYSCALL_DEFINE3(get_robust_list, int, pid, struct robust_list_head __user * __user *, head_ptr,
		size_t __user *, len_ptr)
{
	struct robust_list_head __user *head;
	struct task_struct *p;

	spin_lock(&tasklist_lock);
	p = pid ? find_task_by_pid_locked(pid) : current;
	head = p ? p->robust_list : NULL;
	spin_unlock(&tasklist_lock);
	if (!p)
		return -ESRCH;
	if (put_user(sizeof(*head), len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr);
}
