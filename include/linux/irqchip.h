/* Interrupt controller drivers, probed from the device tree by compatible string. */
#ifndef _LINUX_IRQCHIP_H
#define _LINUX_IRQCHIP_H

/* Probes the root interrupt controller the tree describes (GICv3, then GICv2). */
void irqchip_init(void);

/* The GIC drivers' entry points: node is the controller's offset in initial_boot_params. */
int gic_of_init(int node);
int gic_v3_of_init(int node);

/*
 * What the SMP layer calls. gic_cpu_init_this_cpu: on a starting secondary cpu, before it
 * enables interrupts (Linux's gic_starting_cpu); -errno when the cpu has no interface to
 * the GIC (a GICv3 cpu without a redistributor), and must not come online.
 * gic_send_sgi: raise SGI sgi (0-15) on every cpu in cpumask (bit n = logical cpu n), as
 * Linux's smp_cross_call does for IPIs.
 */
int gic_cpu_init_this_cpu(unsigned int cpu);
void gic_send_sgi(unsigned long cpumask, unsigned int sgi);
/* The Linux irq of IPI n (SGI n, n < 8); 0 before the GIC is up. */
unsigned int gic_ipi_irq(unsigned int n);

#endif
