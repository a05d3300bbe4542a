/*
 * Floating proportions (Linux's lib/flex_proportions.c): a local counter's share of the
 * events, aged by halving at each new period. A local catches up with the periods it
 * missed (halving once per period) when it is next counted or read.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/flex_proportions.h>

void fprop_global_init(struct fprop_global *p)
{
	spin_lock_init(&p->lock);
	p->period = 0;
	p->events = 1;	/* never 0: no division by zero, as in Linux */
}

bool fprop_new_period(struct fprop_global *p, int periods)
{
	unsigned long flags;
	bool aged = false;

	spin_lock_irqsave(&p->lock, flags);
	if (p->events > 1) {
		p->events = periods < BITS_PER_LONG ? p->events >> periods : 0;
		p->events = max(p->events, 1UL);
		p->period += (unsigned int)periods;
		aged = true;
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return aged;
}

void fprop_local_init_single(struct fprop_local_single *pl)
{
	pl->events = 0;
	pl->period = 0;
}

/* Under p->lock: halves pl's events once per period it missed. */
static void fprop_reflect_period_single(struct fprop_global *p, struct fprop_local_single *pl)
{
	unsigned int missed = p->period - pl->period;

	if (!missed)
		return;
	pl->events = missed < BITS_PER_LONG ? pl->events >> missed : 0;
	pl->period = p->period;
}

void __fprop_inc_single_max(struct fprop_global *p, struct fprop_local_single *pl,
			    unsigned long max_frac)
{
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	fprop_reflect_period_single(p, pl);
	/* Over its share already: counting it would only push it further over. */
	if (max_frac >= FPROP_FRAC_BASE || pl->events * FPROP_FRAC_BASE < max_frac * p->events) {
		pl->events++;
		p->events++;
	}
	spin_unlock_irqrestore(&p->lock, flags);
}

void fprop_fraction_single(struct fprop_global *p, struct fprop_local_single *pl,
			   unsigned long *numerator, unsigned long *denominator)
{
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	fprop_reflect_period_single(p, pl);
	*denominator = p->events;
	*numerator = min(pl->events, p->events);
	spin_unlock_irqrestore(&p->lock, flags);
}
