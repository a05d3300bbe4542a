/*
 * The monotonic clock: ktime_get() is the registered clocksource's cycles since its
 * registration, in ns. Linux accumulates into a base every tick; with a 57-bit counter and
 * a 128-bit multiply, one base taken at registration is exact for centuries.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/clocksource.h>
#include <linux/ktime.h>

/* Written once by time_init on the boot cpu before any reader; read-only after. */
static struct {
	struct clocksource *clock;
	u64 cycle_last;		/* counter at registration */
} tk_core;

void timekeeping_set_clocksource(struct clocksource *cs)
{
	tk_core.cycle_last = cs->read(cs);
	tk_core.clock = cs;
}

ktime_t ktime_get(void)
{
	struct clocksource *cs = READ_ONCE(tk_core.clock);
	u64 delta;

	if (!cs)
		return 0;
	delta = (cs->read(cs) - tk_core.cycle_last) & cs->mask;
	return (ktime_t)(((unsigned __int128)delta * cs->mult) >> cs->shift);
}
