/*
 * Clock event devices and the periodic tick on top of them (Linux's clockevents.c and
 * tick-common.c, without broadcast or NO_HZ): each cpu's timer is programmed one-shot for
 * the next TICK_NSEC boundary; the boot cpu's tick advances jiffies.
 */
#include <linux/kernel.h>
#include <linux/sched/loadavg.h>
#include <linux/percpu.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>
#include <asm/smp.h>

#ifndef ETIME
#define ETIME		62	/* Linux's errno: timer expired */
#endif

/* The cpu whose tick advances jiffies: the first to register (the boot cpu). */
static int tick_do_timer_cpu = -1;
/*
 * The next tick boundary, shared so all cpus tick in step; written only by
 * tick_do_timer_cpu in its tick, read by a cpu starting its tick.
 */
static ktime_t tick_next_period;
/* Ticks handled, per cpu; each written only by its own cpu's timer interrupt. */
static DEFINE_PER_CPU(u64, tick_count);

u64 tick_count_cpu(unsigned int cpu)
{
	return READ_ONCE(per_cpu(tick_count, cpu));
}

static u64 cev_delta2ns(unsigned long ticks, u32 freq)
{
	u64 ns = cycles_to_ns(ticks, freq);

	return ns > 1000 ? ns : 1000;
}

/* Linux's clockevents_config: mult/shift for ns -> cycles, and the delta limits in ns. */
static void clockevents_config(struct clock_event_device *dev, u32 freq)
{
	u64 sec = dev->max_delta_ticks / freq;

	if (!sec)
		sec = 1;
	else if (sec > 600 && dev->max_delta_ticks > UINT_MAX)
		sec = 600;
	clocks_calc_mult_shift(&dev->mult, &dev->shift, NSEC_PER_SEC, freq, sec);
	dev->min_delta_ns = cev_delta2ns(dev->min_delta_ticks, freq);
	dev->max_delta_ns = cev_delta2ns(dev->max_delta_ticks, freq);
}

int clockevents_program_event(struct clock_event_device *dev, ktime_t expires)
{
	s64 delta;
	u64 clc;

	dev->next_event = expires;
	delta = ktime_sub(expires, ktime_get());
	if (delta <= 0)
		return -ETIME;
	delta = min((u64)delta, dev->max_delta_ns);
	delta = max((u64)delta, dev->min_delta_ns);
	clc = ((unsigned __int128)delta * dev->mult) >> dev->shift;
	return dev->set_next_event((unsigned long)clc, dev);
}

/* One tick's work: jiffies on the timekeeping cpu; timers and the scheduler on every cpu. */
static void tick_periodic(unsigned int cpu)
{
	if ((int)cpu == tick_do_timer_cpu) {
		tick_next_period = ktime_add_ns(tick_next_period, TICK_NSEC);
		WRITE_ONCE(jiffies_64, jiffies_64 + 1);
		calc_global_load();
	}
	per_cpu(tick_count, cpu)++;
	update_process_times(user_mode(get_irq_regs()));
}

void tick_handle_periodic(struct clock_event_device *dev)
{
	ktime_t next = dev->next_event;

	tick_periodic(dev->cpu);
	/* Late (a long irqs-off stretch)? Tick again for every boundary that passed. */
	for (;;) {
		next = ktime_add_ns(next, TICK_NSEC);
		if (!clockevents_program_event(dev, next))
			return;
		tick_periodic(dev->cpu);
	}
}

/* Linux's tick_setup_periodic in one-shot mode: first event at the shared boundary. */
static void tick_setup_periodic(struct clock_event_device *dev)
{
	ktime_t next;

	if (tick_do_timer_cpu < 0) {
		tick_do_timer_cpu = dev->cpu;
		tick_next_period = ktime_get();
	}
	next = READ_ONCE(tick_next_period);
	dev->event_handler = tick_handle_periodic;
	if (dev->set_state_oneshot)
		dev->set_state_oneshot(dev);
	while (clockevents_program_event(dev, next))
		next = ktime_add_ns(next, TICK_NSEC);
}

void clockevents_config_and_register(struct clock_event_device *dev, u32 freq,
				     unsigned long min_delta, unsigned long max_delta)
{
	dev->min_delta_ticks = min_delta;
	dev->max_delta_ticks = max_delta;
	clockevents_config(dev, freq);
	tick_setup_periodic(dev);
}
