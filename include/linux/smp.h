/* Running on several cpus: bring-up, and calling functions on other cpus (IPIs). */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <asm/smp.h>

typedef void (*smp_call_func_t)(void *info);

/* This cpu's number, valid until put_cpu: preemption (so migration) is off meanwhile. */
#define get_cpu()	({ preempt_disable(); smp_processor_id(); })
#define put_cpu()	preempt_enable()

/* Marks the boot cpu possible, present and online (start_kernel, first thing). */
void boot_cpu_init(void);
/* nr_cpu_ids = highest possible cpu + 1 (after setup_arch has read the device tree). */
void setup_nr_cpu_ids(void);

/*
 * Runs func(info) on cpu, with interrupts off there; waits for it to finish if wait.
 * Returns 0, or -ENXIO if cpu is not online. Must not be called with interrupts off
 * (two cpus calling each other would deadlock), except for the calling cpu itself.
 */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, bool wait);
/* Runs func(info) on every other online cpu of mask. */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait);
/* Runs func(info) on every other online cpu. */
void smp_call_function(smp_call_func_t func, void *info, bool wait);
/* Runs func(info) on every online cpu, this one included (here with interrupts off). */
void on_each_cpu(smp_call_func_t func, void *info, bool wait);
/* Asks cpu to call schedule() on its way out of the interrupt (the reschedule IPI). */
void smp_send_reschedule(int cpu);
/* Stops every other cpu (panic, power off). */
void smp_send_stop(void);

/* Brings up the secondary cpus (kernel_init, before the initcalls). */
void smp_init(void);

#endif
