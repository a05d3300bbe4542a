/*
 * Clocksource arithmetic as Linux computes it (kernel/time/clocksource.c): the mult/shift
 * pair for a frequency, the longest safe interval, and registration, which prints the
 * "clocksource: NAME: mask: ..." line and hands the clock to timekeeping.
 */
#define pr_fmt(fmt) "clocksource: " fmt
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/clocksource.h>
#include <linux/time.h>

void timekeeping_set_clocksource(struct clocksource *cs);

void clocks_calc_mult_shift(u32 *mult, u32 *shift, u32 from, u32 to, u32 maxsec)
{
	u64 tmp;
	u32 sft, sftacc = 32;

	/* How many bits the largest conversion (maxsec of input) leaves for mult. */
	tmp = ((u64)maxsec * from) >> 32;
	while (tmp) {
		tmp >>= 1;
		sftacc--;
	}
	/* The largest shift whose mult still fits in sftacc bits: the best precision. */
	for (sft = 32; sft > 0; sft--) {
		tmp = (u64)to << sft;
		tmp += from / 2;
		tmp /= from;
		if ((tmp >> sftacc) == 0)
			break;
	}
	*mult = tmp;
	*shift = sft;
}

u64 clocks_calc_max_nsecs(u32 mult, u32 shift, u32 maxadj, u64 mask, u64 *max_cyc)
{
	u64 max_nsecs, max_cycles;

	/* No overflow of cycles * (mult + maxadj), and never past the counter's wrap. */
	max_cycles = ULLONG_MAX / (mult + maxadj);
	max_cycles = min(max_cycles, mask);
	max_nsecs = clocksource_cyc2ns(max_cycles, mult - maxadj, shift);
	if (max_cyc)
		*max_cyc = max_cycles;
	return max_nsecs >> 1;	/* half, as a safety margin */
}

static u32 clocksource_max_adjustment(struct clocksource *cs)
{
	return (u32)((u64)cs->mult * 11 / 100);
}

/* Linux's __clocksource_update_freq_scale with scale 1. */
static void clocksource_update_freq_hz(struct clocksource *cs, u32 freq)
{
	u64 sec = cs->mask / freq;

	if (!sec)
		sec = 1;
	else if (sec > 600 && cs->mask > UINT_MAX)
		sec = 600;
	clocks_calc_mult_shift(&cs->mult, &cs->shift, freq, NSEC_PER_SEC, sec);
	cs->maxadj = clocksource_max_adjustment(cs);
	while (cs->mult + cs->maxadj < cs->mult || cs->mult - cs->maxadj > cs->mult) {
		cs->mult >>= 1;
		cs->shift--;
		cs->maxadj = clocksource_max_adjustment(cs);
	}
	cs->max_idle_ns = clocks_calc_max_nsecs(cs->mult, cs->shift, cs->maxadj, cs->mask,
						&cs->max_cycles);
}

int clocksource_register_hz(struct clocksource *cs, u32 hz)
{
	clocksource_update_freq_hz(cs, hz);
	pr_info("%s: mask: 0x%llx max_cycles: 0x%llx, max_idle_ns: %lld ns\n", cs->name,
		(unsigned long long)cs->mask, (unsigned long long)cs->max_cycles,
		(long long)cs->max_idle_ns);
	timekeeping_set_clocksource(cs);
	return 0;
}
