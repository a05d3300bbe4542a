/* Clocksources: free-running counters turned into nanoseconds by mult and shift (Linux's). */
#ifndef _LINUX_CLOCKSOURCE_H
#define _LINUX_CLOCKSOURCE_H

#include <linux/types.h>

#define CLOCKSOURCE_MASK(bits)	((bits) < 64 ? (1ULL << ((bits) & 63)) - 1 : ~0ULL)

/* Filled by the driver (name, read, mask, rating), the rest by clocksource_register_hz. */
struct clocksource {
	const char *name;
	u64 (*read)(struct clocksource *cs);
	u64 mask;
	u32 mult;		/* ns = (cycles * mult) >> shift */
	u32 shift;
	u32 maxadj;		/* the most NTP may move mult: 11% */
	u64 max_idle_ns;	/* longest time between reads that stays exact */
	u64 max_cycles;
	int rating;
};

/* cycles -> ns with the clocksource's factors (cycles below max_cycles). */
static inline s64 clocksource_cyc2ns(u64 cycles, u32 mult, u32 shift)
{
	return (s64)((cycles * mult) >> shift);
}

/* Computes mult/shift so that from-units convert to to-units for maxsec seconds. */
void clocks_calc_mult_shift(u32 *mult, u32 *shift, u32 from, u32 to, u32 maxsec);
/* The longest interval (ns, halved for safety) mult+maxadj can convert; *max_cyc its cycles. */
u64 clocks_calc_max_nsecs(u32 mult, u32 shift, u32 maxadj, u64 mask, u64 *max_cyc);
/* Sets cs's factors for freq Hz, prints Linux's line, and makes it the timekeeping clock. */
int clocksource_register_hz(struct clocksource *cs, u32 hz);

/* sched_clock: a counter for ns timestamps; prints Linux's sched_clock line. */
void sched_clock_register(u64 (*read)(void), int bits, unsigned long rate);
/* ns since sched_clock_register (0 before). */
u64 sched_clock(void);

#endif
