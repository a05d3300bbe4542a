/*
 * Floating proportions (Linux's flex_proportions.h): each local counter's share of all
 * events, where the events of each past period count half as much as those of the one
 * after it. The dirty limits use them for each device's share of completed writeback.
 */
#ifndef _LINUX_FLEX_PROPORTIONS_H
#define _LINUX_FLEX_PROPORTIONS_H

#include <linux/types.h>
#include <linux/spinlock.h>

/* Fractions are given in FPROP_FRAC_BASE units (a bdi's max_prop_frac). */
#define FPROP_FRAC_SHIFT 10
#define FPROP_FRAC_BASE (1UL << FPROP_FRAC_SHIFT)

/*
 * struct fprop_global - all events
 * @lock: covers events, period and every local's events and period (Linux has a
 *	percpu counter and a seqcount; one irq-safe lock here, as events come from
 *	writeback completions in interrupts)
 * @events: the events of the current period plus the aged ones before it
 */
struct fprop_global {
	spinlock_t lock;
	unsigned long events;
	unsigned int period;
};

/* One counter's events, as of its period (aged when the global period moves on). */
struct fprop_local_single {
	unsigned long events;
	unsigned int period;
};

void fprop_global_init(struct fprop_global *p);
/* Ages every count by half per period passed; false if there was nothing to age. */
bool fprop_new_period(struct fprop_global *p, int periods);
void fprop_local_init_single(struct fprop_local_single *pl);
/*
 * Counts an event of pl unless pl already has more than max_frac (of FPROP_FRAC_BASE)
 * of all events (Linux's __fprop_add_percpu_max, one event).
 */
void __fprop_inc_single_max(struct fprop_global *p, struct fprop_local_single *pl,
			    unsigned long max_frac);
/* pl's share: *numerator / *denominator. */
void fprop_fraction_single(struct fprop_global *p, struct fprop_local_single *pl,
			   unsigned long *numerator, unsigned long *denominator);

#endif
