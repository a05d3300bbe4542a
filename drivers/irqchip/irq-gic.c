/*
 * ARM GICv2 ("arm,cortex-a15-gic" on QEMU virt): a memory-mapped distributor and a
 * memory-mapped cpu interface, banked per cpu. Linux's irq-gic.c, one controller only.
 */
#define pr_fmt(fmt) "GIC: " fmt
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irqchip.h>
#include <linux/irqdesc.h>
#include <linux/seq_file.h>
#include <asm/io.h>
#include <asm/smp.h>
#include "irq-gic-common.h"

#define GIC_DIST_TARGET			0x800
#define GIC_DIST_SOFTINT		0xf00
#define GIC_CPU_CTRL			0x00
#define GIC_CPU_PRIMASK			0x04
#define GIC_CPU_BINPOINT		0x08
#define GIC_CPU_INTACK			0x0c
#define GIC_CPU_EOI			0x10
#define GICC_IAR_INT_ID_MASK		0x3ff
#define GICC_ENABLE			0x1
#define GICD_ENABLE			0x1
#define GICD_SGIR_TO_SELF		(2U << 24)	/* TargetListFilter: the sender only */

struct gic_chip_data {
	void *dist_base;
	void *cpu_base;			/* banked: each cpu sees its own interface here */
	unsigned int gic_irqs;		/* INTIDs the distributor implements */
	struct irq_domain domain;
};

static struct gic_chip_data gic_data;
static unsigned int gic_revmap[GIC_SPURIOUS];
/* The distributor's cpu-interface bit of each logical cpu, from ITARGETSR0 at its init. */
static u8 gic_cpu_map[NR_CPUS];
/* Per cpu: the last SGI's IAR (the source cpu bits must go back in its EOI). Own cpu only. */
static DEFINE_PER_CPU(u32, sgi_intid);

static void gic_poke_irq(struct irq_data *d, u32 offset)
{
	writel_relaxed(1U << (d->hwirq % 32), gic_data.dist_base + offset + (d->hwirq / 32) * 4);
}

static void gic_mask_irq(struct irq_data *d)
{
	gic_poke_irq(d, GIC_DIST_ENABLE_CLEAR);
}

static void gic_unmask_irq(struct irq_data *d)
{
	gic_poke_irq(d, GIC_DIST_ENABLE_SET);
}

static void gic_eoi_irq(struct irq_data *d)
{
	u32 hwirq = d->hwirq;

	if (hwirq < 16)
		hwirq = __this_cpu_read(sgi_intid);
	writel_relaxed(hwirq, gic_data.cpu_base + GIC_CPU_EOI);
}

static int gic_set_type(struct irq_data *d, unsigned int type)
{
	if (d->hwirq < 16)
		return type == IRQ_TYPE_EDGE_RISING ? 0 : -EINVAL;
	if (d->hwirq >= 32 && type != IRQ_TYPE_LEVEL_HIGH && type != IRQ_TYPE_EDGE_RISING)
		return -EINVAL;
	return gic_configure_irq(d->hwirq, type, gic_data.dist_base);
}

static int gic_irq_set_irqchip_state(struct irq_data *d, int which, bool state)
{
	if (which != IRQCHIP_STATE_PENDING)
		return -EINVAL;
	gic_poke_irq(d, state ? GIC_DIST_PENDING_SET : GIC_DIST_PENDING_CLEAR);
	return 0;
}

static void gic_irq_print_chip(struct irq_data *d, struct seq_file *p)
{
	seq_printf(p, "GIC-%d", 0);
}

static struct irq_chip gic_chip = {
	.name			= "GIC",
	.irq_mask		= gic_mask_irq,
	.irq_unmask		= gic_unmask_irq,
	.irq_eoi		= gic_eoi_irq,
	.irq_set_type		= gic_set_type,
	.irq_print_chip		= gic_irq_print_chip,
	.irq_set_irqchip_state	= gic_irq_set_irqchip_state,
};

/* The root handler: acknowledge, hand the INTID to its flow handler, until none is left. */
static void gic_handle_irq(struct pt_regs *regs)
{
	for (;;) {
		u32 irqstat = readl_relaxed(gic_data.cpu_base + GIC_CPU_INTACK);
		u32 irqnr = irqstat & GICC_IAR_INT_ID_MASK;

		if (irqnr >= GIC_SPURIOUS)
			break;
		isb();
		if (irqnr < 16) {
			dmb(ishld);	/* the sender's data is visible once the ack is */
			__this_cpu_write(sgi_intid, irqstat);
		}
		if (generic_handle_domain_irq(&gic_data.domain, irqnr)) {
			pr_warn("unexpected IRQ %u\n", irqnr);
			writel_relaxed(irqstat, gic_data.cpu_base + GIC_CPU_EOI);
		}
	}
}

/*
 * GICD_SGIR: the target list from gic_cpu_map, or, for this cpu alone, the "to the
 * requesting cpu" filter (a uniprocessor GIC reads ITARGETSR as zero, so has no map).
 */
static void gic_send_sgi_v2(unsigned long cpumask, unsigned int sgi)
{
	u32 map = 0;

	if (cpumask == 1UL << smp_processor_id()) {
		map = GICD_SGIR_TO_SELF;
	} else {
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			if (cpumask & (1UL << cpu))
				map |= gic_cpu_map[cpu] << 16;
	}
	dsb(ishst);	/* what the target reads after the SGI is written before it */
	writel_relaxed(map | sgi, gic_data.dist_base + GIC_DIST_SOFTINT);
}

/* This cpu's interface bit: the first non-zero byte of the banked ITARGETSR0-7. */
static u8 gic_get_cpumask(void)
{
	u32 mask = 0;

	for (int i = 0; i < 32 && !mask; i += 4) {
		mask = readl_relaxed(gic_data.dist_base + GIC_DIST_TARGET + i);
		mask |= mask >> 16;
		mask |= mask >> 8;
	}
	return mask & 0xff;
}

static int gic_cpu_init(unsigned int cpu)
{
	gic_cpu_map[cpu] = gic_get_cpumask();
	gic_cpu_config(gic_data.dist_base, 32);
	writel_relaxed(GIC_PRI_MASK, gic_data.cpu_base + GIC_CPU_PRIMASK);
	writel_relaxed(0, gic_data.cpu_base + GIC_CPU_BINPOINT);
	writel_relaxed(GICC_ENABLE, gic_data.cpu_base + GIC_CPU_CTRL);
	return 0;
}

static void gic_dist_init(void)
{
	void *base = gic_data.dist_base;
	u32 cpumask = gic_get_cpumask();

	cpumask |= cpumask << 8;
	cpumask |= cpumask << 16;
	writel_relaxed(0, base + GIC_DIST_CTRL);
	for (unsigned int i = 32; i < gic_data.gic_irqs; i += 4)
		writel_relaxed(cpumask, base + GIC_DIST_TARGET + i);
	gic_dist_config(base, gic_data.gic_irqs);
	writel_relaxed(GICD_ENABLE, base + GIC_DIST_CTRL);
}

static const struct gic_percpu_ops gic_v2_ops = {
	.cpu_init	= gic_cpu_init,
	.send_sgi	= gic_send_sgi_v2,
	.chip		= &gic_chip,
};

int __init gic_of_init(int node)
{
	phys_addr_t dist, cpu;
	u64 dist_size, cpu_size;

	gic_data.dist_base = gic_of_iomap(node, 0, &dist, &dist_size);
	gic_data.cpu_base = gic_of_iomap(node, 1, &cpu, &cpu_size);
	if (!gic_data.dist_base || !gic_data.cpu_base)
		return -ENOMEM;
	gic_data.gic_irqs = min(((readl_relaxed(gic_data.dist_base + GIC_DIST_CTR) & 0x1f) + 1) * 32,
				(u32)GIC_SPURIOUS);
	gic_set_percpu_ops(&gic_v2_ops);
	irq_domain_init_linear(&gic_data.domain, "GIC-0", gic_data.gic_irqs, gic_revmap,
			       &gic_domain_ops, &gic_data);
	irq_set_default_host(&gic_data.domain);
	set_handle_irq(gic_handle_irq);
	gic_dist_init();
	gic_cpu_init(smp_processor_id());
	gic_smp_init(&gic_data.domain);
	return 0;
}
