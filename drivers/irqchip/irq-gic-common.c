/*
 * Shared by the GICv2 and GICv3 drivers: the mapping of their registers, distributor and
 * per-cpu defaults, the device-tree specifier, the IPI irqs, and irqchip_init's probe.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/irqchip.h>
#include <linux/irqdesc.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <asm/io.h>
#include "irq-gic-common.h"

static const struct gic_percpu_ops *gic_ops;
/* Linux irq of each IPI (SGI n); written once by gic_smp_init. */
static unsigned int gic_ipi_irqs[GIC_NR_IPI];

int gic_of_reg(int node, int idx, phys_addr_t *phys, u64 *size)
{
	int cells = dt_root_addr_cells + dt_root_size_cells, len;
	const __be32 *reg = fdt_getprop(initial_boot_params, node, "reg", &len);

	if (!reg || len < (int)((idx + 1) * cells * sizeof(*reg)))
		return -EINVAL;
	reg += idx * cells;
	*phys = dt_mem_next_cell(dt_root_addr_cells, &reg);
	*size = dt_mem_next_cell(dt_root_size_cells, &reg);
	return 0;
}

void *gic_of_iomap(int node, int idx, phys_addr_t *phys, u64 *size)
{
	void *base;

	if (gic_of_reg(node, idx, phys, size))
		return NULL;
	base = ioremap(*phys, *size);
	if (!base)
		pr_err("GIC: cannot map %#llx bytes at %#llx\n", (unsigned long long)*size,
		       (unsigned long long)*phys);
	return base;
}

int gic_configure_irq(unsigned int irq, unsigned int type, void *base)
{
	void *reg = base + GIC_DIST_CONFIG + (irq / 16) * 4;
	u32 mask = 2U << ((irq % 16) * 2), old = readl_relaxed(reg), val = old;

	if (type & IRQ_TYPE_LEVEL_MASK)
		val &= ~mask;
	else if (type & IRQ_TYPE_EDGE_BOTH)
		val |= mask;
	if (val == old)
		return 0;
	writel_relaxed(val, reg);
	return (readl_relaxed(reg) & mask) == (val & mask) ? 0 : -EINVAL;
}

void gic_dist_config(void *base, int gic_irqs)
{
	int i;

	for (i = 32; i < gic_irqs; i += 16)
		writel_relaxed(0, base + GIC_DIST_CONFIG + i / 4);
	for (i = 32; i < gic_irqs; i += 4)
		writel_relaxed(GICD_INT_DEF_PRI_X4, base + GIC_DIST_PRI + i);
	for (i = 32; i < gic_irqs; i += 32) {
		writel_relaxed(~0U, base + GIC_DIST_ACTIVE_CLEAR + i / 8);
		writel_relaxed(~0U, base + GIC_DIST_ENABLE_CLEAR + i / 8);
	}
}

void gic_cpu_config(void *base, int nr)
{
	writel_relaxed(~0U, base + GIC_DIST_ACTIVE_CLEAR);
	writel_relaxed(0xffff0000, base + GIC_DIST_ENABLE_CLEAR);
	writel_relaxed(0x0000ffff, base + GIC_DIST_ENABLE_SET);
	for (int i = 0; i < nr; i += 4)
		writel_relaxed(GICD_INT_DEF_PRI_X4, base + GIC_DIST_PRI + i);
}

static int gic_irq_domain_translate(struct irq_domain *d, const u32 *spec, int cells,
				    unsigned long *hwirq, unsigned int *type)
{
	if (cells < 3)
		return -EINVAL;
	switch (spec[0]) {
	case GIC_DT_SPI:
		*hwirq = spec[1] + 32;
		break;
	case GIC_DT_PPI:
		if (spec[1] > 15)
			return -EINVAL;
		*hwirq = spec[1] + 16;
		break;
	default:
		return -EINVAL;
	}
	*type = spec[2] & IRQ_TYPE_SENSE_MASK;
	return *hwirq < d->hwirq_max ? 0 : -EINVAL;
}

/* Chip and flow handler by INTID range: per-cpu for SGI/PPI, fasteoi for SPIs. */
static int gic_irq_domain_map(struct irq_domain *d, unsigned int irq, unsigned long hwirq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (hwirq < 32) {
		irq_set_chip_and_handler_data(irq, gic_ops->chip, d->host_data,
					      handle_percpu_devid_irq);
		irq_set_percpu_devid(irq);
		desc->irq_data.type = hwirq < 16 ? IRQ_TYPE_EDGE_RISING : IRQ_TYPE_LEVEL_HIGH;
	} else {
		irq_set_chip_and_handler_data(irq, gic_ops->chip, d->host_data,
					      handle_fasteoi_irq);
		desc->irq_data.type = IRQ_TYPE_LEVEL_HIGH;
	}
	return 0;
}

const struct irq_domain_ops gic_domain_ops = {
	.translate	= gic_irq_domain_translate,
	.map		= gic_irq_domain_map,
};

void gic_smp_init(struct irq_domain *d)
{
	for (unsigned int n = 0; n < GIC_NR_IPI; n++) {
		gic_ipi_irqs[n] = irq_create_mapping(d, n);
		irq_set_hidden(gic_ipi_irqs[n]);
	}
}

unsigned int gic_ipi_irq(unsigned int n)
{
	return n < GIC_NR_IPI ? gic_ipi_irqs[n] : 0;
}

void gic_set_percpu_ops(const struct gic_percpu_ops *ops)
{
	gic_ops = ops;
}

int gic_cpu_init_this_cpu(unsigned int cpu)
{
	return gic_ops ? gic_ops->cpu_init(cpu) : 0;
}

void gic_send_sgi(unsigned long cpumask, unsigned int sgi)
{
	if (gic_ops && sgi < 16)
		gic_ops->send_sgi(cpumask, sgi);
}

static const struct {
	const char *compatible;
	int (*init)(int node);
} gic_of_match[] = {
	{ "arm,gic-v3", gic_v3_of_init },
	{ "arm,cortex-a15-gic", gic_of_init },
	{ "arm,gic-400", gic_of_init },
	{ "arm,cortex-a9-gic", gic_of_init },
};

void __init irqchip_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(gic_of_match); i++) {
		int node = fdt_node_offset_by_compatible(initial_boot_params, -1,
							 gic_of_match[i].compatible);

		if (node >= 0 && !gic_of_match[i].init(node))
			return;
	}
	panic("No interrupt controller found in the device tree");
}
