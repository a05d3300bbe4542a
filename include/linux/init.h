/* Section markers for boot-only code and data, and the command-line parameter tables. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#ifndef __KERNEL__
#define __init
#define __initdata
#define __initconst
#else
#define __init		__section(".init.text") noinline
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")
#endif

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

extern char boot_command_line[COMMAND_LINE_SIZE];
void parse_early_param(void);

#endif
