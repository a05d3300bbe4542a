/*
 * struct linux_binprm: a program being exec'd (fs/exec.c), what its loader
 * (fs/binfmt_elf.c, the #! handler) reads and fills in.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>

#define BINPRM_BUF_SIZE		256
#define MAX_ARG_STRLEN		(PAGE_SIZE * 32)
#define MAX_ARG_STRINGS		0x7FFFFFFF
/* #! and the like may nest this deep before -ELOOP. */
#define BINPRM_MAX_RECURSION	4
/* The path (/dev/fd/N/..., N close-on-exec) is gone once the exec is done. */
#define BINPRM_FLAGS_PATH_INACCESSIBLE	0x4

struct file;
struct mm_struct;

/*
 * The argument and environment strings are gathered into strings (kernel memory)
 * before the old address space goes: argc strings, then envc, each NUL-terminated, and
 * pushed onto the new stack at the end. filename: the path to open; interp: what the
 * #! line names instead (the path actually opened); fdpath: filename's storage when it is
 * /dev/fd/N[/path] (execveat relative to a dirfd).
 */
struct linux_binprm {
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	struct file *file;
	struct mm_struct *mm;		/* the new address space once built */
	char *strings;			/* argv then envp strings */
	unsigned long strings_len, strings_size;
	int argc, envc;
	const char *filename;		/* as given to execve (AT_EXECFN) */
	const char *interp;		/* the file opened (after #! rewriting) */
	char *fdpath;
	unsigned int interp_flags;	/* BINPRM_FLAGS_* */
	int recursion;
	unsigned long p;		/* the new stack pointer, once set up */
	unsigned long exec;		/* user address of the filename string (AT_EXECFN) */
	unsigned long argmin;		/* strings may not go below this on the new stack */
	int secureexec;
};

struct linux_binfmt {
	int (*load_binary)(struct linux_binprm *bprm);
};

/* fs/exec.c, for the loaders. */
int begin_new_exec(struct linux_binprm *bprm);
void setup_new_exec(struct linux_binprm *bprm);
int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top);
/* Puts the filename, then the environment, then the arguments on the new stack. */
int copy_strings_to_stack(struct linux_binprm *bprm);
/* Replaces argv[0] with the #! interpreter and its argument, and the script's path. */
int bprm_change_interp(struct linux_binprm *bprm, const char *interp, const char *arg);
/* An executable regular file opened for reading (an ELF interpreter too); ERR_PTR. */
struct file *open_exec(const char *name);
int open_exec_file(struct linux_binprm *bprm, const char *name);
/* Kernel-space execve: the caller's registers become the new program's (kernel_init). */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

int load_elf_binary(struct linux_binprm *bprm);
int load_script(struct linux_binprm *bprm);

#endif
