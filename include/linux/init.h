/* Section markers for boot-only code and data, and the command-line parameter tables. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#define __init		__section(".init.text") noinline
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")

#define COMMAND_LINE_SIZE	2048

/*
 * A kernel command-line parameter: early ones run from parse_early_param in setup_arch,
 * the others from start_kernel once the core is up. setup_func returns 0 when it took
 * the value. The table lives between __setup_start and __setup_end.
 */
struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *);
	int early;
};

#define __setup_param(str, unique_id, fn, early)			\
	static const char __setup_str_##unique_id[] __initconst = str;	\
	static const struct obs_kernel_param __setup_##unique_id	\
		__used __section(".init.setup") __aligned(8) =		\
		{ __setup_str_##unique_id, fn, early }

#define __setup(str, fn)	__setup_param(str, fn, fn, 0)
#define early_param(str, fn)	__setup_param(str, fn, fn, 1)

/*
 * Initcalls: functions kernel_init runs once the core is up, from tables the linker
 * builds, level by level and in link order within a level (Linux's do_initcalls).
 * early_initcall: before the secondary cpus come up (do_pre_smp_initcalls);
 * late_initcall: level 7, the last, with every cpu and the workqueues up. A nonzero
 * return is reported on the console and does not stop the boot.
 */
typedef int (*initcall_t)(void);

#define ___define_initcall(fn, sec)					\
	static const initcall_t __initcall_##fn __used			\
		__section(".initcall" sec ".init") = fn

#define early_initcall(fn)	___define_initcall(fn, "early")
#define late_initcall(fn)	___define_initcall(fn, "7")

extern char boot_command_line[COMMAND_LINE_SIZE];
extern char saved_command_line[COMMAND_LINE_SIZE];
extern const char linux_banner[];
void parse_early_param(void);

#endif
