/* Kernel command line helpers (Linux's lib/cmdline.c): split "param=value" words, read
 * integers and sizes such as "mem=512M". */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

/*
 * get_option - reads an integer (base by prefix, optional '-') from *str and moves *str
 * past it, and past a following ','. Stores it in *pint when pint is not NULL.
 * Return: 0 when there was no number, 1 for a number alone, 2 when a ',' followed (and
 * was skipped), 3 when a '-' follows (a range: *str is left at the '-').
 */
int get_option(char **str, int *pint)
{
	char *cur = *str;
	int value;

	if (!cur || !*cur)
		return 0;
	if (*cur == '-')
		value = -simple_strtoull(++cur, str, 0);
	else
		value = simple_strtoull(cur, str, 0);
	if (pint)
		*pint = value;
	if (cur == *str)
		return 0;
	if (**str == ',') {
		(*str)++;
		return 2;
	}
	if (**str == '-')
		return 3;
	return 1;
}

/*
 * memparse - reads a size such as "64K", "0x1000", "2g": a number (base by prefix) times
 * the power of 1024 its suffix K, M, G, T, P or E names (either case). Sets *retptr (if
 * retptr) past what was read, suffix included. Returns the size (wrapping, like Linux).
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	static const char suffixes[] = "kmgtpe";
	char *end;
	unsigned long long ret = simple_strtoull(ptr, &end, 0);
	const char *s;

	if (*end) {
		s = strchr(suffixes, *end | 0x20);
		if (s) {
			ret <<= 10 * (s - suffixes + 1);
			end++;
		}
	}
	if (retptr)
		*retptr = end;
	return ret;
}

/*
 * next_arg - splits the first word off args: "param", "param=value" or a word in double
 * quotes (spaces inside quotes do not end it; the quotes around a value or around the
 * whole word are removed). Writes NULs into args, sets *param and *val (*val is NULL when
 * there is no '='). Returns the rest of args, past white space.
 */
char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	bool in_quote = false, quoted = false;

	if (*args == '"') {
		args++;
		in_quote = true;
		quoted = true;
	}
	for (i = 0; args[i]; i++) {
		if (isspace(args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}

	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		/* Don't include quotes in value. */
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';

	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args += i;
	}
	return skip_spaces(args);
}
