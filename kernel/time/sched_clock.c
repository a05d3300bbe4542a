/* sched_clock: the scheduler's cheap ns clock over a counter (Linux's generic sched_clock). */
#define pr_fmt(fmt) "sched_clock: " fmt
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/clocksource.h>
#include <linux/time.h>

/* Set once by sched_clock_register on the boot cpu; read-only after. */
static struct {
	u64 (*read)(void);
	u64 mask;
	u64 epoch_cyc;
	u32 mult;
	u32 shift;
} cd;

void sched_clock_register(u64 (*read)(void), int bits, unsigned long rate)
{
	u32 new_mult, new_shift;
	u64 new_mask = CLOCKSOURCE_MASK(bits), res, wrap;
	unsigned long r = rate;
	char r_unit = ' ';

	clocks_calc_mult_shift(&new_mult, &new_shift, rate, NSEC_PER_SEC, 3600);
	wrap = clocks_calc_max_nsecs(new_mult, new_shift, 0, new_mask, NULL);
	cd.epoch_cyc = read();
	cd.mask = new_mask;
	cd.mult = new_mult;
	cd.shift = new_shift;
	cd.read = read;
	if (r >= 4000000) {
		r = (r + 500000) / 1000000;
		r_unit = 'M';
	} else if (r >= 4000) {
		r = (r + 500) / 1000;
		r_unit = 'k';
	}
	res = clocksource_cyc2ns(1ULL, new_mult, new_shift);
	pr_info("%u bits at %lu%cHz, resolution %lluns, wraps every %lluns\n", bits, r, r_unit,
		(unsigned long long)res, (unsigned long long)wrap);
}

u64 sched_clock(void)
{
	u64 cyc;

	if (!cd.read)
		return 0;
	cyc = (cd.read() - cd.epoch_cyc) & cd.mask;
	return ((unsigned __int128)cyc * cd.mult) >> cd.shift;
}
