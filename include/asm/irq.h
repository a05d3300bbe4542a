/* arm64's side of interrupt set-up: the root handler hook the irq chip installs. */
#ifndef _ASM_IRQ_H
#define _ASM_IRQ_H

#include <linux/types.h>
#include <asm/ptrace.h>

struct seq_file;

/* The root handler entry-common.c calls for every el1 irq (set by set_handle_irq). */
extern void (*handle_arch_irq)(struct pt_regs *regs);
/* Installs the root handler once; -EBUSY when one is already set. */
int set_handle_irq(void (*handle_irq)(struct pt_regs *regs));
/* Boot cpu: probes the interrupt controller from the device tree (start_kernel). */
void init_IRQ(void);
/* The arch's lines at the end of /proc/interrupts (IPIs, Err). */
int arch_show_interrupts(struct seq_file *p, int prec);

#endif
