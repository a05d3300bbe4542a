/*
 * Clock event devices: per-cpu timers that interrupt at a programmed time (Linux's
 * clockchips.h). The tick layer drives them: periodic ticks emulated on one-shot timers.
 */
#ifndef _LINUX_CLOCKCHIPS_H
#define _LINUX_CLOCKCHIPS_H

#include <linux/types.h>
#include <linux/ktime.h>

#define CLOCK_EVT_FEAT_PERIODIC	0x000001
#define CLOCK_EVT_FEAT_ONESHOT	0x000002

/*
 * One per cpu, used only by that cpu with irqs off (its timer interrupt and its
 * set-up), so no lock.
 */
struct clock_event_device {
	void (*event_handler)(struct clock_event_device *dev);	/* the tick's */
	int (*set_next_event)(unsigned long cycles, struct clock_event_device *dev);
	int (*set_state_shutdown)(struct clock_event_device *dev);
	int (*set_state_oneshot)(struct clock_event_device *dev);
	ktime_t next_event;		/* when it should fire next (ktime_get ns) */
	u64 max_delta_ns;
	u64 min_delta_ns;
	u32 mult;			/* cycles = (ns * mult) >> shift */
	u32 shift;
	unsigned int features;		/* CLOCK_EVT_FEAT_* */
	unsigned long max_delta_ticks;
	unsigned long min_delta_ticks;
	const char *name;
	int rating;
	int irq;
	unsigned int cpu;		/* the cpu it interrupts */
};

/* Sets dev's factors for freq Hz and starts the periodic tick on it (call on dev->cpu). */
void clockevents_config_and_register(struct clock_event_device *dev, u32 freq,
				     unsigned long min_delta, unsigned long max_delta);
/* Programs dev to fire at expires; -ETIME when that has passed already. */
int clockevents_program_event(struct clock_event_device *dev, ktime_t expires);

/* The periodic tick's handler: one jiffy per TICK_NSEC, caught up after a late interrupt. */
void tick_handle_periodic(struct clock_event_device *dev);
/* Ticks this cpu handled (for the self-test), per cpu. */
u64 tick_count_cpu(unsigned int cpu);

/* The arch's timer set-up (start_kernel): clocksource, boot cpu tick, loops_per_jiffy. */
void time_init(void);
/* Prints the BogoMIPS line from loops_per_jiffy (Linux's calibrate_delay, timer case). */
void calibrate_delay(void);

#endif
