/* The ARMv8 generic timer's virtual timer and counter, through CNTV_* system registers. */
#ifndef _ASM_ARCH_TIMER_H
#define _ASM_ARCH_TIMER_H

#include <linux/types.h>
#include <asm/sysreg.h>

#define ARCH_TIMER_CTRL_ENABLE		BIT(0)
#define ARCH_TIMER_CTRL_IT_MASK		BIT(1)
#define ARCH_TIMER_CTRL_IT_STAT		BIT(2)

/* CNTKCTL_EL1: EL0 may read the virtual counter (the vDSO will), nothing else. */
#define ARCH_TIMER_USR_VCT_ACCESS_EN	BIT(1)

static inline u64 arch_timer_get_cntfrq(void)
{
	return read_sysreg(cntfrq_el0);
}

/* The virtual counter, ordered after earlier instructions (Linux's arch_counter_get_cntvct). */
static inline u64 arch_counter_get_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

/* Probes the DT timer and starts the boot cpu's tick; its rate in Hz, 0 on failure. */
u32 arch_timer_of_init(void);
/* On a starting cpu (irqs off, after its GIC init): its tick on its virtual timer. */
void arch_timer_starting_cpu(unsigned int cpu);

#endif
