/*
 * dump_stack and the line that heads every report (oops, BUG, WARN, panic): which cpu,
 * which task, which kernel and which machine it happened on.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <asm/stacktrace.h>

/* "Hardware name:" of the reports, set once at boot from the device tree's model. */
static char dump_stack_arch_desc_str[128];

void __init dump_stack_set_arch_desc(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(dump_stack_arch_desc_str, sizeof(dump_stack_arch_desc_str), fmt, args);
	va_end(args);
}

void dump_stack_print_info(const char *log_lvl)
{
	printk("%sCPU: %u PID: %d Comm: %.20s Not tainted " UTS_RELEASE "\n", log_lvl,
	       raw_smp_processor_id(), current->pid, current->comm);
	if (dump_stack_arch_desc_str[0])
		printk("%sHardware name: %s\n", log_lvl, dump_stack_arch_desc_str);
}

void dump_stack(void)
{
	dump_stack_print_info(KERN_DEFAULT);
	dump_backtrace(NULL, KERN_DEFAULT);
}
