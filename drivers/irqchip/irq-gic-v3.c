/*
 * ARM GICv3 ("arm,gic-v3", QEMU's -M virt,gic-version=3): a memory-mapped distributor,
 * one redistributor per cpu (found by MPIDR), and the cpu interface in ICC_* system
 * registers. Linux's irq-gic-v3.c without ITS, LPIs, EPPI/ESPI or multiple regions.
 */
#define pr_fmt(fmt) "GICv3: " fmt
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irqchip.h>
#include <linux/irqdesc.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <linux/time.h>
#include <asm/io.h>
#include <asm/smp.h>
#include "irq-gic-common.h"

/* ICC_* by encoding, so the assembler needs no GICv3 support. */
#define ICC_PMR_EL1			S3_0_C4_C6_0
#define ICC_IAR1_EL1			S3_0_C12_C12_0
#define ICC_EOIR1_EL1			S3_0_C12_C12_1
#define ICC_BPR1_EL1			S3_0_C12_C12_3
#define ICC_CTLR_EL1			S3_0_C12_C12_4
#define ICC_SRE_EL1			S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1			S3_0_C12_C12_7
#define ICC_SGI1R_EL1			S3_0_C12_C11_5
#define ICC_SRE_EL1_SRE			BIT(0)
#define ICC_CTLR_EL1_EOImode_drop	BIT(1)

#define GICD_CTLR_RWP			BIT(31)
#define GICD_CTLR_ARE_NS		BIT(4)
#define GICD_CTLR_ENABLE_G1A		BIT(1)
#define GICD_CTLR_ENABLE_G1		BIT(0)
#define GICD_IROUTER			0x6000

#define GICR_CTLR			0x0000
#define GICR_TYPER			0x0008
#define GICR_WAKER			0x0014
#define GICR_CTLR_RWP			BIT(3)
#define GICR_TYPER_VLPIS		BIT(1)
#define GICR_TYPER_LAST			BIT(4)
#define GICR_WAKER_ProcessorSleep	BIT(1)
#define GICR_WAKER_ChildrenAsleep	BIT(2)
#define GICR_SGI_OFFSET			0x10000	/* the SGI_base frame follows RD_base */
#define GICR_FRAME			0x10000

#define MPIDR_AFF(mpidr, n)		(((mpidr) >> ((n) == 3 ? 32 : (n) * 8)) & 0xff)

struct gic_chip_data {
	void *dist_base;
	void *redist_base;		/* the (single) redistributor region, all of it mapped */
	phys_addr_t redist_phys;
	u64 redist_size;
	u64 redist_stride;		/* 0: from GICR_TYPER.VLPIS, as Linux does */
	unsigned int gic_irqs;
	struct irq_domain domain;
};

static struct gic_chip_data gic_data;
static unsigned int gic_revmap[GIC_SPURIOUS];
/*
 * Per cpu, written by that cpu in gic_cpu_init and read by the others after (send_sgi):
 * its redistributor's RD_base and SGI_base pages and its MPIDR.
 */
struct gic_rdist {
	void *rd_base;
	void *sgi_base;
	u64 mpidr;
};
static DEFINE_PER_CPU(struct gic_rdist, gic_rdist);

static inline void *gic_this_sgi_base(void)
{
	return this_cpu_ptr(&gic_rdist)->sgi_base;
}

static void gic_do_wait_for_rwp(void *base, u32 bit)
{
	u32 count = 1000000;	/* 1 s */

	while (readl_relaxed(base) & bit) {
		if (!--count) {
			pr_err("RWP timeout, gone fishing\n");
			return;
		}
		cpu_relax();
		udelay(1);
	}
}

/* The distributor's registers for SPIs, this cpu's redistributor for SGIs and PPIs. */
static void gic_poke_irq(struct irq_data *d, u32 offset)
{
	void *base = d->hwirq < 32 ? gic_this_sgi_base() : gic_data.dist_base;

	writel_relaxed(1U << (d->hwirq % 32), base + offset + (d->hwirq / 32) * 4);
	if (d->hwirq < 32)
		gic_do_wait_for_rwp(this_cpu_ptr(&gic_rdist)->rd_base + GICR_CTLR,
				    GICR_CTLR_RWP);
	else
		gic_do_wait_for_rwp(gic_data.dist_base + GIC_DIST_CTRL, GICD_CTLR_RWP);
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
	write_sysreg(d->hwirq, ICC_EOIR1_EL1);
	isb();
}

static int gic_set_type(struct irq_data *d, unsigned int type)
{
	void *base = d->hwirq < 32 ? gic_this_sgi_base() : gic_data.dist_base;

	if (d->hwirq < 16)
		return type == IRQ_TYPE_EDGE_RISING ? 0 : -EINVAL;
	if (d->hwirq >= 32 && type != IRQ_TYPE_LEVEL_HIGH && type != IRQ_TYPE_EDGE_RISING)
		return -EINVAL;
	return gic_configure_irq(d->hwirq, type, base);
}

static int gic_irq_set_irqchip_state(struct irq_data *d, int which, bool state)
{
	if (which != IRQCHIP_STATE_PENDING)
		return -EINVAL;
	gic_poke_irq(d, state ? GIC_DIST_PENDING_SET : GIC_DIST_PENDING_CLEAR);
	return 0;
}

static struct irq_chip gic_chip = {
	.name			= "GICv3",
	.irq_mask		= gic_mask_irq,
	.irq_unmask		= gic_unmask_irq,
	.irq_eoi		= gic_eoi_irq,
	.irq_set_type		= gic_set_type,
	.irq_set_irqchip_state	= gic_irq_set_irqchip_state,
};

/* The root handler: one INTID per exception, as Linux 6.1 takes them. */
static void gic_handle_irq(struct pt_regs *regs)
{
	u32 irqnr = read_sysreg(ICC_IAR1_EL1);

	if (irqnr >= GIC_SPURIOUS && irqnr <= 1023)
		return;
	if (irqnr < 16)
		dmb(ishld);	/* the sender's data is visible once the ack is */
	if (generic_handle_domain_irq(&gic_data.domain, irqnr)) {
		pr_warn("unexpected IRQ %u\n", irqnr);
		write_sysreg(irqnr, ICC_EOIR1_EL1);
		isb();
	}
}

static u64 gic_mpidr_to_affinity(u64 mpidr)
{
	return MPIDR_AFF(mpidr, 3) << 32 | MPIDR_AFF(mpidr, 2) << 16 |
	       MPIDR_AFF(mpidr, 1) << 8 | MPIDR_AFF(mpidr, 0);
}

static inline void gic_write_irouter(u64 val, void *addr)
{
	__asm__ __volatile__("str %x0, [%1]" : : "rZ" (val), "r" (addr));
}

/* One write of ICC_SGI1R_EL1 per target: its affinity path, and its bit in the Aff0 list. */
static void gic_send_sgi_v3(unsigned long cpumask, unsigned int sgi)
{
	dsb(ishst);	/* what the target reads after the SGI is written before it */
	for (; cpumask; cpumask &= cpumask - 1) {
		unsigned int cpu = __builtin_ctzl(cpumask);
		u64 mpidr;

		/* Only a possible cpu has a per-cpu area, and one that came up a frame. */
		if (!cpu_possible(cpu) || !per_cpu(gic_rdist, cpu).rd_base)
			continue;
		mpidr = per_cpu(gic_rdist, cpu).mpidr;
		write_sysreg(MPIDR_AFF(mpidr, 3) << 48 | MPIDR_AFF(mpidr, 2) << 32 |
			     (u64)(MPIDR_AFF(mpidr, 0) >> 4) << 44 | (u64)sgi << 24 |
			     MPIDR_AFF(mpidr, 1) << 16 | 1U << (MPIDR_AFF(mpidr, 0) & 0xf),
			     ICC_SGI1R_EL1);
	}
	isb();
}

/* Walks the redistributor region for the frame whose GICR_TYPER names this cpu's MPIDR. */
static int gic_populate_rdist(unsigned int cpu)
{
	u32 aff = (u32)gic_mpidr_to_affinity(read_sysreg(mpidr_el1));
	u64 off = 0;

	while (off + 2 * GICR_FRAME <= gic_data.redist_size) {
		void *ptr = gic_data.redist_base + off;
		u32 typer_lo = readl_relaxed(ptr + GICR_TYPER);
		u32 typer_hi = readl_relaxed(ptr + GICR_TYPER + 4);

		if (typer_hi == aff) {
			pr_info("CPU%u: found redistributor %llx region 0:0x%016llx\n", cpu,
				(unsigned long long)(read_sysreg(mpidr_el1) & 0xff00ffffffUL),
				(unsigned long long)(gic_data.redist_phys + off));
			per_cpu(gic_rdist, cpu).rd_base = ptr;
			per_cpu(gic_rdist, cpu).sgi_base = ptr + GICR_SGI_OFFSET;
			return 0;
		}
		if (typer_lo & GICR_TYPER_LAST)
			break;
		off += gic_data.redist_stride ? gic_data.redist_stride :
		       (typer_lo & GICR_TYPER_VLPIS ? 4 : 2) * GICR_FRAME;
	}
	/* Linux's WARN: the tree's region (or stride) does not cover this cpu. */
	pr_warn("CPU%u: mpidr %llx has no re-distributor!\n", cpu,
		(unsigned long long)(read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK));
	WARN_ON(1);
	return -ENODEV;
}

/* Clears ProcessorSleep and waits for ChildrenAsleep to drop: the redistributor is awake. */
static void gic_enable_redist(void *rd_base)
{
	u32 count = 1000000;	/* 1 s */

	writel_relaxed(readl_relaxed(rd_base + GICR_WAKER) & ~GICR_WAKER_ProcessorSleep,
		       rd_base + GICR_WAKER);
	while (readl_relaxed(rd_base + GICR_WAKER) & GICR_WAKER_ChildrenAsleep) {
		if (!--count) {
			pr_err("redistributor failed to wake up...\n");
			return;
		}
		cpu_relax();
		udelay(1);
	}
}

/* The cpu interface through system registers: SRE on, priority mask, group 1 enabled. */
static void gic_cpu_sys_reg_init(void)
{
	u64 sre = read_sysreg(ICC_SRE_EL1);

	if (!(sre & ICC_SRE_EL1_SRE)) {
		write_sysreg(sre | ICC_SRE_EL1_SRE, ICC_SRE_EL1);
		isb();
		sre = read_sysreg(ICC_SRE_EL1);
	}
	if (!(sre & ICC_SRE_EL1_SRE)) {
		pr_err("GIC: unable to set SRE (disabled at EL2), panic ahead\n");
		return;
	}
	write_sysreg(GIC_PRI_MASK, ICC_PMR_EL1);
	write_sysreg(0, ICC_BPR1_EL1);
	write_sysreg(0, ICC_CTLR_EL1);		/* EOI drops priority and deactivates */
	write_sysreg(1, ICC_IGRPEN1_EL1);
	isb();
}

static int gic_cpu_init(unsigned int cpu)
{
	if (!per_cpu(gic_rdist, cpu).rd_base && gic_populate_rdist(cpu))
		return -ENODEV;
	per_cpu(gic_rdist, cpu).mpidr = read_sysreg(mpidr_el1);
	gic_enable_redist(per_cpu(gic_rdist, cpu).rd_base);
	writel_relaxed(~0U, per_cpu(gic_rdist, cpu).sgi_base + GIC_DIST_IGROUP);
	gic_cpu_config(per_cpu(gic_rdist, cpu).sgi_base, 32);
	gic_do_wait_for_rwp(per_cpu(gic_rdist, cpu).rd_base + GICR_CTLR, GICR_CTLR_RWP);
	gic_cpu_sys_reg_init();
	return 0;
}

static void gic_dist_init(void)
{
	void *base = gic_data.dist_base;
	u64 affinity = gic_mpidr_to_affinity(read_sysreg(mpidr_el1));
	unsigned int i;

	writel_relaxed(0, base + GIC_DIST_CTRL);
	gic_do_wait_for_rwp(base + GIC_DIST_CTRL, GICD_CTLR_RWP);
	for (i = 32; i < gic_data.gic_irqs; i += 32)
		writel_relaxed(~0U, base + GIC_DIST_IGROUP + i / 8);
	gic_dist_config(base, gic_data.gic_irqs);
	gic_do_wait_for_rwp(base + GIC_DIST_CTRL, GICD_CTLR_RWP);
	writel_relaxed(GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1A | GICD_CTLR_ENABLE_G1,
		       base + GIC_DIST_CTRL);
	gic_do_wait_for_rwp(base + GIC_DIST_CTRL, GICD_CTLR_RWP);
	for (i = 32; i < gic_data.gic_irqs; i++)
		gic_write_irouter(affinity, base + GICD_IROUTER + i * 8);
}

static const struct gic_percpu_ops gic_v3_ops = {
	.cpu_init	= gic_cpu_init,
	.send_sgi	= gic_send_sgi_v3,
	.chip		= &gic_chip,
};

/*
 * redistributor-stride: a 64-bit multiple of 64K, at least RD_base and SGI_base; 0 (the
 * stride from GICR_TYPER) when absent. Linux ignores one it cannot read as a u64.
 */
static u64 __init gic_of_redist_stride(int node)
{
	int len;
	const __be32 *p = fdt_getprop(initial_boot_params, node, "redistributor-stride", &len);
	u64 stride;

	if (!p)
		return 0;
	if (len != 8) {
		pr_err("redistributor-stride has %d bytes, not a 64-bit value; ignored\n", len);
		return 0;
	}
	stride = of_read_number(p, 2);
	if (stride % GICR_FRAME || stride < 2 * GICR_FRAME) {
		pr_err("redistributor-stride %#llx is not a multiple of 64K of at least 128K; "
		       "ignored\n", (unsigned long long)stride);
		return 0;
	}
	return stride;
}

int __init gic_v3_of_init(int node)
{
	phys_addr_t dist;
	u64 dist_size;

	gic_data.redist_stride = gic_of_redist_stride(node);
	gic_data.dist_base = gic_of_iomap(node, 0, &dist, &dist_size);
	gic_data.redist_base = gic_of_iomap(node, 1, &gic_data.redist_phys, &gic_data.redist_size);
	if (!gic_data.dist_base || !gic_data.redist_base)
		return -ENOMEM;
	gic_data.gic_irqs = min(((readl_relaxed(gic_data.dist_base + GIC_DIST_CTR) & 0x1f) + 1) * 32,
				(u32)GIC_SPURIOUS);
	pr_info("%u SPIs implemented\n", gic_data.gic_irqs - 32);
	gic_set_percpu_ops(&gic_v3_ops);
	irq_domain_init_linear(&gic_data.domain, "GICv3", gic_data.gic_irqs, gic_revmap,
			       &gic_domain_ops, &gic_data);
	irq_set_default_host(&gic_data.domain);
	set_handle_irq(gic_handle_irq);
	gic_dist_init();
	/* Without its redistributor the boot cpu has no SGIs, PPIs (the timer) at all. */
	if (gic_cpu_init(smp_processor_id()))
		panic("GICv3: no redistributor for the boot CPU in [mem %#llx-%#llx]",
		      (unsigned long long)gic_data.redist_phys,
		      (unsigned long long)(gic_data.redist_phys + gic_data.redist_size - 1));
	gic_smp_init(&gic_data.domain);
	return 0;
}
