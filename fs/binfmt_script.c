/*
 * `#!` scripts (Linux's fs/binfmt_script.c): the first line names an interpreter and at
 * most one argument; the interpreter runs with argv = interp, [arg,] script path, then
 * the script's argv[1..]. The line must fit in the first BINPRM_BUF_SIZE bytes, unless
 * what is cut off is only the tail of a single-word interpreter line.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/binfmts.h>
#include <linux/fs.h>

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

static char *next_non_spacetab(char *first, const char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

static char *next_terminator(char *first, const char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || !*first)
			return first;
	return NULL;
}

/* Splits the #! line in buf into name and optional arg; -ENOEXEC if there is none. */
int parse_shebang(char *buf, size_t size, char **name, char **arg)
{
	char *buf_end = buf + size - 1, *i_end, *i_name, *i_sep;

	if (buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	i_end = memchr(buf, '\n', size);
	if (!i_end) {
		/* No newline in the buffer: only a lone, whole interpreter word may pass. */
		i_end = next_non_spacetab(buf + 2, buf_end);
		if (!i_end || !next_terminator(i_end, buf_end))
			return -ENOEXEC;
		i_end = buf_end;
	}
	while (i_end > buf + 2 && spacetab(i_end[-1]))
		i_end--;
	i_name = next_non_spacetab(buf + 2, i_end);
	if (!i_name || i_name == i_end)
		return -ENOEXEC;
	*arg = NULL;
	i_sep = next_terminator(i_name, i_end);
	if (i_sep && *i_sep != '\0' && i_sep < i_end)
		*arg = next_non_spacetab(i_sep, i_end);
	*i_end = '\0';
	if (i_sep)
		*i_sep = '\0';
	if (*arg && *arg >= i_end)
		*arg = NULL;
	*name = i_name;
	return 0;
}

int load_script(struct linux_binprm *bprm)
{
	char buf[BINPRM_BUF_SIZE], *name, *arg;
	int ret;

	memcpy(buf, bprm->buf, sizeof(buf));
	ret = parse_shebang(buf, sizeof(buf), &name, &arg);
	if (ret)
		return ret;
	if (bprm->recursion >= BINPRM_MAX_RECURSION)
		return -ELOOP;
	/* The interpreter would open the script by a path that the exec closes. */
	if (bprm->interp_flags & BINPRM_FLAGS_PATH_INACCESSIBLE)
		return -ENOENT;
	ret = bprm_change_interp(bprm, name, arg);
	if (ret)
		return ret;
	/* The interpreter's name lives in the strings now: argv[0]. */
	ret = open_exec_file(bprm, bprm->strings);
	if (ret)
		return ret;
	bprm->recursion++;
	ret = load_elf_binary(bprm);
	if (ret == -ENOEXEC)
		ret = load_script(bprm);
	return ret;
}
