/* What the GICv2 and GICv3 drivers share: register mapping, distributor set-up, DT specifiers. */
#ifndef _IRQ_GIC_COMMON_H
#define _IRQ_GIC_COMMON_H

#include <linux/types.h>
#include <linux/irq.h>

/* Distributor registers with the same layout in GICv2 and GICv3. */
#define GIC_DIST_CTRL			0x000
#define GIC_DIST_CTR			0x004
#define GIC_DIST_IGROUP			0x080
#define GIC_DIST_ENABLE_SET		0x100
#define GIC_DIST_ENABLE_CLEAR		0x180
#define GIC_DIST_PENDING_SET		0x200
#define GIC_DIST_PENDING_CLEAR		0x280
#define GIC_DIST_ACTIVE_CLEAR		0x380
#define GIC_DIST_PRI			0x400
#define GIC_DIST_CONFIG			0xc00

#define GICD_INT_DEF_PRI		0xa0
#define GICD_INT_DEF_PRI_X4		0xa0a0a0a0
#define GIC_PRI_MASK			0xf0	/* PMR: lets every priority above 0xf0 in */
#define GIC_SPURIOUS			1020	/* INTIDs from here on are not interrupts */
#define GIC_NR_IPI			8	/* SGIs 0-7 are the kernel's IPIs */
#define GIC_DT_SPI			0	/* first cell of a DT specifier */
#define GIC_DT_PPI			1

/*
 * The driver the root handler, per-cpu init and IPI sending go to, and its irqs' chip.
 * cpu_init: 0, or -errno when this cpu has no interface to the GIC.
 */
struct gic_percpu_ops {
	int (*cpu_init)(unsigned int cpu);
	void (*send_sgi)(unsigned long cpumask, unsigned int sgi);
	struct irq_chip *chip;
};
void gic_set_percpu_ops(const struct gic_percpu_ops *ops);

/* The idx-th (address, size) of node's "reg", in root cells; -EINVAL when missing. */
int gic_of_reg(int node, int idx, phys_addr_t *phys, u64 *size);
/* That region ioremap'd for good (Linux's of_iomap), its place in *phys, *size; or NULL. */
void *gic_of_iomap(int node, int idx, phys_addr_t *phys, u64 *size);

/* Trigger type of one irq in the ICFGR at base (PPIs may refuse: -EINVAL). */
int gic_configure_irq(unsigned int irq, unsigned int type, void *base);
/* All SPIs level, lowest priority, disabled and inactive. */
void gic_dist_config(void *base, int gic_irqs);
/* This cpu's SGIs and PPIs: PPIs disabled, priorities set, all inactive. */
void gic_cpu_config(void *base, int nr);

/*
 * Both drivers' domain: Linux's 3-cell DT translation, and a map that gives each irq the
 * registered driver's chip (with the domain's host_data as chip data) and a flow handler
 * by INTID range. gic_set_percpu_ops must come before the first mapping.
 */
extern const struct irq_domain_ops gic_domain_ops;
/* Maps SGIs 0-7 as Linux irqs (the IPIs), first, as Linux does: irqs 1-8. */
void gic_smp_init(struct irq_domain *d);

#endif
