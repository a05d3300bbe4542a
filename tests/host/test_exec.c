/*
 * The #! parser of fs/binfmt_script.c (parse_shebang): interpreter and optional
 * argument, spaces and tabs, a line longer than the buffer, and what is no script.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/binfmts.h>
#include "ktest.h"

int parse_shebang(char *buf, size_t size, char **name, char **arg);

/* load_script's other callees: not reached by these cases. */
int bprm_change_interp(struct linux_binprm *bprm, const char *interp, const char *arg)
{
	return -ENOEXEC;
}

int open_exec_file(struct linux_binprm *bprm, const char *name)
{
	return -ENOEXEC;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	return -ENOEXEC;
}

/* Parses text in a BINPRM_BUF_SIZE buffer as exec reads it. */
static int parse(const char *text, char **name, char **arg, char *buf)
{
	memset(buf, 0, BINPRM_BUF_SIZE);
	memcpy(buf, text, strlen(text) < BINPRM_BUF_SIZE ? strlen(text) : BINPRM_BUF_SIZE);
	return parse_shebang(buf, BINPRM_BUF_SIZE, name, arg);
}

static void shebang_name_only(void)
{
	char buf[BINPRM_BUF_SIZE], *name, *arg;

	EXPECT_EQ(parse("#!/bin/sh\necho hi\n", &name, &arg, buf), 0);
	EXPECT_STREQ(name, "/bin/sh");
	EXPECT_TRUE(arg == NULL);
}

static void shebang_argument_and_blanks(void)
{
	char buf[BINPRM_BUF_SIZE], *name, *arg;

	/* Leading and trailing blanks go; everything after the name is one argument. */
	EXPECT_EQ(parse("#! \t/usr/bin/env  python3 -u \t\nx", &name, &arg, buf), 0);
	EXPECT_STREQ(name, "/usr/bin/env");
	EXPECT_STREQ(arg, "python3 -u");
}

static void shebang_not_a_script(void)
{
	char buf[BINPRM_BUF_SIZE], *name, *arg;

	EXPECT_EQ(parse("\177ELF", &name, &arg, buf), -ENOEXEC);
	EXPECT_EQ(parse("#/bin/sh\n", &name, &arg, buf), -ENOEXEC);
	EXPECT_EQ(parse("#!   \n", &name, &arg, buf), -ENOEXEC);
	EXPECT_EQ(parse("#!\n", &name, &arg, buf), -ENOEXEC);
}

static void shebang_longer_than_buffer(void)
{
	char buf[BINPRM_BUF_SIZE], *name, *arg, text[400];

	/* A name cut by the buffer's end cannot be trusted: not a script. */
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	memcpy(text, "#!/", 3);
	EXPECT_EQ(parse(text, &name, &arg, buf), -ENOEXEC);
	/* A whole name followed by a long argument cut short: the name is enough. */
	memcpy(text, "#!/bin/sh ", 10);
	EXPECT_EQ(parse(text, &name, &arg, buf), 0);
	EXPECT_STREQ(name, "/bin/sh");
}

KTEST_MAIN("exec", KTEST_CASE(shebang_name_only), KTEST_CASE(shebang_argument_and_blanks),
	   KTEST_CASE(shebang_not_a_script), KTEST_CASE(shebang_longer_than_buffer));
