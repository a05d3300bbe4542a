/* The command line: parse_args, and parse_early_param for the early_param() table. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

extern const struct obs_kernel_param __setup_start[], __setup_end[];

bool parameq(const char *a, const char *b)
{
	for (; *a || *b; a++, b++) {
		char ca = *a == '-' ? '_' : *a;
		char cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
	}
	return true;
}

int parse_args(const char *doing, char *args, void *arg,
	       int (*unknown)(char *param, char *val, const char *doing, void *arg))
{
	char *param, *val;
	int ret;

	args = skip_spaces(args);
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!strcmp(param, "--"))
			break;
		ret = unknown(param, val, doing, arg);
		if (ret)
			return ret;
	}
	return 0;
}

/* "earlycon" also runs for console=, as Linux lets console= name an early console. */
static int do_early_param(char *param, char *val, const char *doing, void *arg)
{
	for (const struct obs_kernel_param *p = __setup_start; p < __setup_end; p++) {
		if (!p->early)
			continue;
		if (parameq(param, p->str) ||
		    (!strcmp(param, "console") && !strcmp(p->str, "earlycon"))) {
			if (p->setup_func(val) != 0)
				pr_warn("Malformed early option '%s'\n", param);
		}
	}
	return 0;
}

/* Runs the early_param() handlers on a copy of boot_command_line (parse_args edits it). */
void __init parse_early_param(void)
{
	static char tmp_cmdline[COMMAND_LINE_SIZE] __initdata;
	static bool done __initdata;

	if (done)
		return;
	strscpy(tmp_cmdline, boot_command_line, COMMAND_LINE_SIZE);
	parse_args("early options", tmp_cmdline, NULL, do_early_param);
	done = true;
}
