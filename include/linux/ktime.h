/* ktime_t: nanoseconds as a signed 64-bit count, and the monotonic clock ktime_get(). */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>
#include <linux/time.h>

typedef s64 ktime_t;

#define KTIME_MAX	((s64)~((u64)1 << 63))

static inline ktime_t ns_to_ktime(u64 ns) { return (ktime_t)ns; }
static inline s64 ktime_to_ns(ktime_t kt) { return kt; }
static inline s64 ktime_to_us(ktime_t kt) { return kt / NSEC_PER_USEC; }
static inline s64 ktime_to_ms(ktime_t kt) { return kt / (NSEC_PER_SEC / MSEC_PER_SEC); }
#define ktime_add_ns(kt, ns)	((kt) + (ns))
#define ktime_sub(a, b)		((a) - (b))

/* Nanoseconds since the clocksource was registered (monotonic; 0 before time_init). */
ktime_t ktime_get(void);
static inline u64 ktime_get_ns(void) { return ktime_get(); }
/* CLOCK_REALTIME in ns since 1970: the monotonic clock plus the offset settimeofday sets. */
u64 ktime_get_real_ns(void);
/* CLOCK_REALTIME in whole seconds (timestamps on disk). */
static inline s64 ktime_get_real_seconds(void)
{
	return ktime_get_real_ns() / NSEC_PER_SEC;
}

#endif
