/*
 * Time on arm64: time_init starts the generic timer (drivers/clocksource/arm_arch_timer.c);
 * local_clock (printk's stamps, from the kernel's first instruction) and udelay read the
 * virtual counter directly, so they work before time_init too.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/time.h>
#include <linux/clockchips.h>
#include <linux/jiffies.h>
#include <asm/arch_timer.h>
#include <asm/sysreg.h>

/* The counter at the kernel's first instruction; head.S stores it once BSS is clear. */
u64 boot_counter;

static u64 cntfrq(void)
{
	u64 f = read_sysreg(cntfrq_el0);

	return f ? f : 62500000;	/* QEMU's 62.5 MHz if firmware left it unset */
}

static u64 counter_read(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

u64 local_clock(void)
{
	return cycles_to_ns(counter_read() - boot_counter, cntfrq());
}

void udelay(unsigned long usecs)
{
	u64 start = counter_read();
	u64 wait = usecs * cntfrq() / USEC_PER_SEC;

	while (counter_read() - start < wait)
		cpu_relax();
}

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}

/* Linux's arm64 time_init: the timer from the tree, then lpj from its rate. */
void __init time_init(void)
{
	u32 rate = arch_timer_of_init();

	if (!rate)
		panic("Unable to initialise architected timer.\n");
	loops_per_jiffy = rate / HZ;
	calibrate_delay();
}
