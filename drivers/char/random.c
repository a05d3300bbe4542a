/*
 * The kernel's random numbers: a splitmix64 generator whose state is stirred with the
 * generic timer's counter at every call. Unpredictable enough for AT_RANDOM's stack
 * canaries and getrandom's callers in tests, but not a cryptographic generator: Linux's
 * ChaCha20 pool with entropy accounting is another piece of work.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/random.h>
#include <linux/spinlock.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/sysreg.h>
#include <asm/uaccess.h>

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

/* random_lock: state. */
static DEFINE_RAW_SPINLOCK(random_lock);
static u64 state = 0x853c49e6748fea9bULL;

u64 get_random_u64(void)
{
	unsigned long flags;
	u64 z;

	raw_spin_lock_irqsave(&random_lock, flags);
	state += 0x9e3779b97f4a7c15ULL ^ read_sysreg(cntvct_el0);
	z = state;
	raw_spin_unlock_irqrestore(&random_lock, flags);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		u64 v = get_random_u64();
		size_t n = min(len, sizeof(v));

		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}

SYSCALL_DEFINE3(getrandom, char __user *, ubuf, size_t, len, unsigned int, flags)
{
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > INT_MAX)
		len = INT_MAX;
	while (done < len) {
		u64 v = get_random_u64();
		size_t n = min(len - done, sizeof(v));

		if (copy_to_user(ubuf + done, &v, n))
			return done ? (long)done : -EFAULT;
		done += n;
		/* Up to 2 GB: a signal ends it short, page by page, as Linux. */
		if (!(done % PAGE_SIZE) && signal_pending(current))
			break;
	}
	return (long)done;
}
