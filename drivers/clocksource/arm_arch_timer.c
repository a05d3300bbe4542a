/*
 * The ARMv8 generic timer ("arm,armv8-timer"): the virtual counter as clocksource and
 * sched_clock, and each cpu's virtual timer (PPI 27) as its tick's clock_event_device.
 * Linux's arm_arch_timer.c, cp15 (system register) timers only, virtual timer only.
 */
#define pr_fmt(fmt) "arch_timer: " fmt
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/percpu.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <asm/arch_timer.h>
#include <asm/smp.h>

/* The DT's "interrupts" order. */
enum arch_timer_ppi_nr {
	ARCH_TIMER_PHYS_SECURE_PPI,
	ARCH_TIMER_PHYS_NONSECURE_PPI,
	ARCH_TIMER_VIRT_PPI,
	ARCH_TIMER_HYP_PPI,
	ARCH_TIMER_MAX_TIMER_PPI
};

/* The counter must not wrap within 40 years; the architecture promises at least 56 bits. */
#define MIN_ROLLOVER_SECS	(40ULL * 365 * 24 * 3600)

/* Set once by arch_timer_of_init on the boot cpu, read-only after. */
static u32 arch_timer_rate;
static unsigned int arch_timer_ppi[ARCH_TIMER_MAX_TIMER_PPI];	/* Linux irqs */
static unsigned int arch_timer_ppi_type[ARCH_TIMER_MAX_TIMER_PPI];	/* IRQ_TYPE_* */
/* Per cpu: that cpu's virtual timer; touched only by that cpu, irqs off. */
static DEFINE_PER_CPU(struct clock_event_device, arch_timer_evt);

static u64 arch_counter_read(struct clocksource *cs)
{
	return arch_counter_get_cntvct();
}

static u64 arch_counter_read_sc(void)
{
	return arch_counter_get_cntvct();
}

static struct clocksource clocksource_counter = {
	.name	= "arch_sys_counter",
	.rating	= 400,
	.read	= arch_counter_read,
};

static irqreturn_t arch_timer_handler_virt(int irq, void *dev_id)
{
	struct clock_event_device *evt = dev_id;
	u64 ctrl = read_sysreg(cntv_ctl_el0);

	if (!(ctrl & ARCH_TIMER_CTRL_IT_STAT))
		return IRQ_NONE;
	write_sysreg(ctrl | ARCH_TIMER_CTRL_IT_MASK, cntv_ctl_el0);
	isb();
	evt->event_handler(evt);
	return IRQ_HANDLED;
}

/* Fire evt cycles from now: CVAL = counter + evt, then enabled and unmasked. */
static int arch_timer_set_next_event_virt(unsigned long evt, struct clock_event_device *clk)
{
	u64 ctrl = read_sysreg(cntv_ctl_el0);

	ctrl |= ARCH_TIMER_CTRL_ENABLE;
	ctrl &= ~ARCH_TIMER_CTRL_IT_MASK;
	write_sysreg(arch_counter_get_cntvct() + evt, cntv_cval_el0);
	write_sysreg(ctrl, cntv_ctl_el0);
	isb();
	return 0;
}

static int arch_timer_shutdown_virt(struct clock_event_device *clk)
{
	write_sysreg(read_sysreg(cntv_ctl_el0) & ~ARCH_TIMER_CTRL_ENABLE, cntv_ctl_el0);
	isb();
	return 0;
}

static int arch_counter_get_width(void)
{
	u64 min_cycles = MIN_ROLLOVER_SECS * arch_timer_rate;
	int width = fls_long(min_cycles - 1);

	return clamp(width, 56, 64);
}

/*
 * arch_timer_starting_cpu - start this cpu's tick on its virtual timer
 * Context: on cpu itself, irqs off, after gic_cpu_init_this_cpu (the SMP layer calls it
 * for each secondary; time_init for the boot cpu).
 */
void arch_timer_starting_cpu(unsigned int cpu)
{
	struct clock_event_device *clk = per_cpu_ptr(&arch_timer_evt, cpu);

	*clk = (struct clock_event_device){
		.name = "arch_sys_timer", .rating = 450, .cpu = cpu,
		.features = CLOCK_EVT_FEAT_ONESHOT, .irq = arch_timer_ppi[ARCH_TIMER_VIRT_PPI],
		.set_next_event = arch_timer_set_next_event_virt,
		.set_state_shutdown = arch_timer_shutdown_virt,
		.set_state_oneshot = arch_timer_shutdown_virt,
	};
	arch_timer_shutdown_virt(clk);
	write_sysreg(ARCH_TIMER_USR_VCT_ACCESS_EN, cntkctl_el1);
	clockevents_config_and_register(clk, arch_timer_rate, 0xf, 0x7fffffff);
	enable_percpu_irq(clk->irq, arch_timer_ppi_type[ARCH_TIMER_VIRT_PPI]);
}

/* Maps the node's four PPIs in DT order (Linux irqs 9-12 after the 8 IPIs, as in Linux). */
static int __init arch_timer_map_ppis(int node)
{
	const __be32 *prop;
	int len;

	prop = fdt_getprop(initial_boot_params, node, "interrupts", &len);
	if (!prop || len < (int)(3 * sizeof(*prop) * (ARCH_TIMER_VIRT_PPI + 1)))
		return -EINVAL;
	for (int i = 0; i < ARCH_TIMER_MAX_TIMER_PPI && (i + 1) * 12 <= len; i++) {
		u32 spec[3] = { fdt32_ld(prop + 3 * i), fdt32_ld(prop + 3 * i + 1),
				fdt32_ld(prop + 3 * i + 2) };

		arch_timer_ppi[i] = irq_create_of_mapping(irq_default_domain, spec, 3);
		arch_timer_ppi_type[i] = spec[2] & IRQ_TYPE_SENSE_MASK;
	}
	return arch_timer_ppi[ARCH_TIMER_VIRT_PPI] ? 0 : -EINVAL;
}

/* Below this the tick and delays lose their resolution (Linux: "can cause trouble"). */
#define ARCH_TIMER_MIN_RATE	1000000

/*
 * The tree's clock-frequency overrides CNTFRQ_EL0, for firmware that leaves the register
 * wrong. One that is 0 or below 1 MHz is refused, with a message, for CNTFRQ_EL0 (Linux
 * warns and runs at it: at 1 Hz the first tick is 15 s away, and the boot seems hung).
 * Return: the rate, or 0 when neither is usable.
 */
static u32 __init arch_timer_get_rate(int node)
{
	const __be32 *prop = fdt_getprop(initial_boot_params, node, "clock-frequency", NULL);
	u32 cntfrq = (u32)arch_timer_get_cntfrq();

	if (prop && fdt32_ld(prop) >= ARCH_TIMER_MIN_RATE)
		return fdt32_ld(prop);
	if (prop)
		pr_warn("clock-frequency of %u Hz in the device tree is below 1 MHz: ignored, "
			"CNTFRQ_EL0 says %u Hz\n", fdt32_ld(prop), cntfrq);
	if (cntfrq >= ARCH_TIMER_MIN_RATE)
		return cntfrq;
	pr_err("frequency not available: CNTFRQ_EL0 is %u Hz, below 1 MHz\n", cntfrq);
	return 0;
}

static void __init arch_counter_register(void)
{
	int width = arch_counter_get_width();

	clocksource_counter.mask = CLOCKSOURCE_MASK(width);
	clocksource_register_hz(&clocksource_counter, arch_timer_rate);
	sched_clock_register(arch_counter_read_sc, width, arch_timer_rate);
}

/* Probes the timer from the tree and starts the boot cpu's tick; returns the rate, 0 on failure. */
u32 __init arch_timer_of_init(void)
{
	int node = fdt_node_offset_by_compatible(initial_boot_params, -1, "arm,armv8-timer");
	int ret;

	if (node < 0) {
		pr_err("no arm,armv8-timer node\n");
		return 0;
	}
	arch_timer_rate = arch_timer_get_rate(node);
	if (!arch_timer_rate)
		return 0;
	if (arch_timer_map_ppis(node)) {
		pr_err("No interrupt available, giving up\n");
		return 0;
	}
	pr_info("cp15 timer(s) running at %lu.%02luMHz (virt).\n",
		(unsigned long)arch_timer_rate / 1000000,
		(unsigned long)(arch_timer_rate / 10000) % 100);
	arch_counter_register();
	ret = request_percpu_irq(arch_timer_ppi[ARCH_TIMER_VIRT_PPI], arch_timer_handler_virt,
				 "arch_timer", &arch_timer_evt);
	if (ret) {
		pr_err("can't register interrupt %u (%d)\n", arch_timer_ppi[ARCH_TIMER_VIRT_PPI], ret);
		return 0;
	}
	arch_timer_starting_cpu(smp_processor_id());
	return arch_timer_rate;
}
