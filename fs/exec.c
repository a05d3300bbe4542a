/*
 * execve (Linux's fs/exec.c): open the program, gather its arguments and environment
 * into kernel memory while the old address space still exists, let a loader (ELF, #!)
 * check the file, then at the point of no return (begin_new_exec) kill the other
 * threads, swap in a fresh mm, reset signal handlers and close-on-exec fds; the loader
 * maps the program and setup_arg_pages/copy_strings_to_stack build the new stack.
 * Failures before begin_new_exec return an error to the caller; after it, the process
 * can only die (SIGSEGV).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/namei.h>
#include <linux/syscalls.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/stat.h>
#include <asm/fpsimd.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/signal.h>
#include <asm/uaccess.h>
#include "internal.h"

/* The first stack: 128 KiB (Linux's stack_expand), growing down on faults. */
#define STACK_INITIAL	(128UL * 1024)

/* argv or envp: user pointers (execve) or kernel ones (kernel_execve). */
struct user_arg_ptr {
	bool is_kernel;
	const char __user *const __user *user;
	const char *const *kernel;
};

static int get_arg_ptr(struct user_arg_ptr argv, int nr, const char **ptr)
{
	const char __user *p;

	if (argv.is_kernel) {
		*ptr = argv.kernel[nr];
		return 0;
	}
	if (get_user(p, argv.user + nr))
		return -EFAULT;
	*ptr = (const char *)p;
	return 0;
}

/* Entries before the NULL: at most max, -E2BIG beyond, -EFAULT on a bad array. */
static int count(struct user_arg_ptr argv, int max)
{
	const char *p;
	int i = 0;

	if (!argv.user && !argv.kernel)
		return 0;
	for (;;) {
		if (get_arg_ptr(argv, i, &p))
			return -EFAULT;
		if (!p)
			return i;
		if (++i > max)
			return -E2BIG;
		if (fatal_signal_pending(current))
			return -ERESTARTNOHAND;
	}
}

/* Room for len more bytes in bprm->strings, within the argument limit. */
static int strings_reserve(struct linux_binprm *bprm, unsigned long len)
{
	unsigned long need = bprm->strings_len + len, size;
	char *new;

	/* Linux's limit: a quarter of the stack rlimit for strings and pointers together. */
	if (need + (bprm->argc + bprm->envc + 2) * sizeof(void *) > bprm->argmin)
		return -E2BIG;
	if (need <= bprm->strings_size)
		return 0;
	size = max(need, max(bprm->strings_size * 2, PAGE_SIZE));
	new = kmalloc(size, GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	if (bprm->strings)
		memcpy(new, bprm->strings, bprm->strings_len);
	kfree(bprm->strings);
	bprm->strings = new;
	bprm->strings_size = size;
	return 0;
}

static int add_kernel_string(struct linux_binprm *bprm, const char *s)
{
	unsigned long len = strlen(s) + 1;
	int err = strings_reserve(bprm, len);

	if (err)
		return err;
	memcpy(bprm->strings + bprm->strings_len, s, len);
	bprm->strings_len += len;
	return 0;
}

static int add_user_string(struct linux_binprm *bprm, const char __user *s)
{
	long len = strnlen_user(s, MAX_ARG_STRLEN);
	int err;

	if (!len)
		return -EFAULT;
	if (len > (long)MAX_ARG_STRLEN)
		return -E2BIG;
	err = strings_reserve(bprm, len);
	if (err)
		return err;
	if (copy_from_user(bprm->strings + bprm->strings_len, s, len))
		return -EFAULT;
	/* The string may have changed under us: it ends where we measured it. */
	bprm->strings[bprm->strings_len + len - 1] = '\0';
	bprm->strings_len += len;
	return 0;
}

static int copy_strings(int argc, struct user_arg_ptr argv, struct linux_binprm *bprm)
{
	for (int i = 0; i < argc; i++) {
		const char *str;
		int err = get_arg_ptr(argv, i, &str);

		if (!err)
			err = argv.is_kernel ? add_kernel_string(bprm, str) :
			      add_user_string(bprm, (const char __user *)str);
		if (err)
			return err;
	}
	return 0;
}

/* The byte length of the first n strings of s. */
static unsigned long strings_span(const char *s, int n)
{
	const char *p = s;

	while (n--)
		p += strlen(p) + 1;
	return p - s;
}

int bprm_change_interp(struct linux_binprm *bprm, const char *interp, const char *arg)
{
	unsigned long skip = bprm->argc ? strings_span(bprm->strings, 1) : 0;
	char *old = bprm->strings;
	unsigned long old_len = bprm->strings_len;
	int err;

	bprm->strings = NULL;
	bprm->strings_len = bprm->strings_size = 0;
	err = add_kernel_string(bprm, interp);
	if (!err && arg)
		err = add_kernel_string(bprm, arg);
	/* The path the kernel opened: the script's, or an outer #! interpreter's. */
	if (!err)
		err = add_kernel_string(bprm, bprm->interp);
	if (!err)
		err = strings_reserve(bprm, old_len - skip);
	if (err) {
		kfree(old);
		return err;
	}
	memcpy(bprm->strings + bprm->strings_len, old + skip, old_len - skip);
	bprm->strings_len += old_len - skip;
	bprm->argc += (arg ? 3 : 2) - (skip ? 1 : 0);
	kfree(old);
	return 0;
}

/*
 * Opens the program for execveat: name relative to fd, the last symlink not followed
 * under AT_SYMLINK_NOFOLLOW (-ELOOP, as an O_NOFOLLOW open), an empty name meaning fd's
 * own file (getname let it through only under AT_EMPTY_PATH). Only a regular file with
 * some execute bit runs: -EACCES otherwise, as Linux's may_open for MAY_EXEC.
 */
static struct file *do_open_execat(int fd, struct filename *name, int flags)
{
	int open_flags = O_RDONLY | O_LARGEFILE;
	struct file *file;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return ERR_PTR(-EINVAL);
	if (flags & AT_SYMLINK_NOFOLLOW)
		open_flags |= O_NOFOLLOW;
	file = do_filp_open(fd, name, open_flags, 0);
	if (IS_ERR(file))
		return file;
	if (!S_ISREG(file_inode(file)->i_mode) || !(file_inode(file)->i_mode & 0111)) {
		fput(file);
		return ERR_PTR(-EACCES);
	}
	return file;
}

/* Makes file (a reference the caller gives up) the one bprm runs, its first bytes read. */
static int bprm_set_file(struct linux_binprm *bprm, struct file *file)
{
	loff_t pos = 0;
	ssize_t n;

	memset(bprm->buf, 0, sizeof(bprm->buf));
	n = kernel_read(file, bprm->buf, sizeof(bprm->buf), &pos);
	if (n < 0) {
		fput(file);
		return (int)n;
	}
	if (bprm->file)
		fput(bprm->file);
	bprm->file = file;
	return 0;
}

struct file *open_exec(const char *name)
{
	struct filename *fname = getname_kernel(name);
	struct file *file;

	if (IS_ERR(fname))
		return ERR_CAST(fname);
	file = do_open_execat(AT_FDCWD, fname, 0);
	putname(fname);
	return file;
}

int open_exec_file(struct linux_binprm *bprm, const char *name)
{
	struct file *file = open_exec(name);
	int err;

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	err = bprm_set_file(bprm, file);
	if (!err)
		bprm->interp = name;
	return err;
}

static int search_binary_handler(struct linux_binprm *bprm)
{
	int ret;

	if (bprm->recursion > BINPRM_MAX_RECURSION)
		return -ELOOP;
	ret = load_script(bprm);
	if (ret != -ENOEXEC)
		return ret;
	return load_elf_binary(bprm);
}

/* ---- the point of no return -------------------------------------------------------- */

/*
 * Kills the other threads of the group and waits until they are gone; a non-leader
 * thread then takes the leader's place and pid, as Linux's de_thread.
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *leader;

	if (thread_group_empty(tsk))
		return 0;
	spin_lock_irq(&tsk->sighand->siglock);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		spin_unlock_irq(&tsk->sighand->siglock);
		return -EAGAIN;
	}
	sig->group_exec_task = tsk;
	zap_other_threads(tsk);
	spin_unlock_irq(&tsk->sighand->siglock);
	/* The others are gone when only we (and a zombie leader) are still counted. */
	for (;;) {
		int others;

		spin_lock(&tasklist_lock);
		others = sig->nr_threads - 1 - (tsk->group_leader != tsk);
		spin_unlock(&tasklist_lock);
		if (!others)
			break;
		if (fatal_signal_pending(tsk) && !(sig->flags & SIGNAL_GROUP_EXIT))
			return -EINTR;
		schedule_timeout_uninterruptible(1);
	}
	leader = tsk->group_leader;
	if (leader != tsk) {
		while (READ_ONCE(leader->exit_state) != EXIT_ZOMBIE)
			schedule_timeout_uninterruptible(1);
		spin_lock(&tasklist_lock);
		swap(tsk->pid, leader->pid);
		tsk->exit_signal = leader->exit_signal;
		leader->exit_signal = -1;
		tsk->real_parent = leader->real_parent;
		tsk->parent = leader->parent;
		list_add(&tsk->sibling, &leader->sibling);
		list_del_init(&leader->sibling);
		tsk->group_leader = tsk;
		leader->group_leader = tsk;
		leader->exit_state = EXIT_DEAD;
		spin_unlock(&tasklist_lock);
		itimer_change_leader(sig, tsk);
		release_task(leader);
	}
	sig->group_exec_task = NULL;
	sig->notify_count = 0;
	return 0;
}

/* A private copy of shared signal handlers (a CLONE_SIGHAND child that execs). */
static int unshare_sighand(struct task_struct *me)
{
	struct sighand_struct *old = me->sighand, *new;

	if (__atomic_load_n(&old->count, __ATOMIC_RELAXED) == 1)
		return 0;
	new = dup_sighand();
	if (!new)
		return -ENOMEM;
	spin_lock_irq(&old->siglock);
	me->sighand = new;
	spin_unlock_irq(&old->siglock);
	__cleanup_sighand(old);
	return 0;
}

static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm = tsk->mm, *active_mm;

	if (old_mm)
		exec_mm_release(tsk, old_mm);
	task_lock(tsk);
	local_irq_disable();
	active_mm = tsk->active_mm;
	tsk->mm = mm;
	tsk->active_mm = mm;
	switch_mm_irqs_off(active_mm, mm, tsk);
	local_irq_enable();
	task_unlock(tsk);
	if (old_mm)
		mmput(old_mm);
	else
		mmdrop(active_mm);
}

int begin_new_exec(struct linux_binprm *bprm)
{
	struct task_struct *me = current;
	const char *base;
	int err;

	err = de_thread(me);
	if (!err)
		err = unshare_sighand(me);
	if (err)
		return err;
	set_mm_exe_file(bprm->mm, bprm->file);
	exec_mmap(bprm->mm);
	bprm->mm = NULL;
	me->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC);
	base = strrchr(bprm->filename, '/');
	strscpy(me->comm, base ? base + 1 : bprm->filename, sizeof(me->comm));
	me->sas_ss_sp = me->sas_ss_size = 0;
	me->sas_ss_flags = SS_DISABLE;
	flush_signal_handlers(me, 0);
	do_close_on_exec(me->files);
	/* The new program starts with zeroed FP/SIMD registers and no TLS. */
	fpsimd_flush_thread();
	me->thread.uw.tp_value = 0;
	write_sysreg(0, tpidr_el0);
	return 0;
}

void setup_new_exec(struct linux_binprm *bprm)
{
	arch_pick_mmap_layout(current->mm);
}

int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vm_area_alloc(mm);
	int err;

	if (!vma)
		return -ENOMEM;
	vma->vm_end = stack_top;
	vma->vm_start = stack_top - STACK_INITIAL;
	vma->vm_flags = VM_STACK_FLAGS;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	mmap_write_lock(mm);
	err = insert_vm_struct(mm, vma);
	if (!err)
		mm->stack_vm = vma_pages(vma);
	mmap_write_unlock(mm);
	if (err)
		vm_area_free(vma);
	return err;
}

int copy_strings_to_stack(struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;
	unsigned long p = mm->start_stack - sizeof(void *);
	unsigned long len = strlen(bprm->filename) + 1;

	p -= len;
	if (copy_to_user((void __user *)p, bprm->filename, len))
		return -EFAULT;
	bprm->exec = p;
	p -= bprm->strings_len;
	if (copy_to_user((void __user *)p, bprm->strings, bprm->strings_len))
		return -EFAULT;
	mm->arg_start = p;
	mm->arg_end = mm->env_start = p + strings_span(bprm->strings, bprm->argc);
	mm->env_end = p + bprm->strings_len;
	bprm->p = p;
	return 0;
}

/* ---- execve ------------------------------------------------------------------------ */

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->mm)
		mmput(bprm->mm);
	if (bprm->file)
		fput(bprm->file);
	kfree(bprm->strings);
	kfree(bprm->fdpath);
	kfree(bprm);
}

/*
 * The name the new program knows itself by (AT_EXECFN, comm, a script's path for its
 * interpreter): the path as given, or /dev/fd/N[/path] for one relative to a dirfd, as
 * Linux. A path through a close-on-exec fd will not exist after the exec: a #! script
 * there cannot be reopened by its interpreter (BINPRM_FLAGS_PATH_INACCESSIBLE).
 */
static int bprm_set_filename(struct linux_binprm *bprm, int fd, const char *name)
{
	size_t len;

	if (fd == AT_FDCWD || name[0] == '/') {
		bprm->filename = name;
		return 0;
	}
	len = strlen(name) + sizeof("/dev/fd/") + 12;
	bprm->fdpath = kmalloc(len, GFP_KERNEL);
	if (!bprm->fdpath)
		return -ENOMEM;
	if (*name)
		snprintf(bprm->fdpath, len, "/dev/fd/%d/%s", fd, name);
	else
		snprintf(bprm->fdpath, len, "/dev/fd/%d", fd);
	if (get_close_on_exec((unsigned int)fd))
		bprm->interp_flags |= BINPRM_FLAGS_PATH_INACCESSIBLE;
	bprm->filename = bprm->fdpath;
	return 0;
}

static int do_execveat_common(int fd, struct filename *filename, struct user_arg_ptr argv,
			      struct user_arg_ptr envp, int flags)
{
	struct linux_binprm *bprm;
	struct file *file;
	int ret;

	if (IS_ERR(filename))
		return (int)PTR_ERR(filename);
	bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	if (!bprm)
		return -ENOMEM;
	bprm->argmin = max(rlimit(RLIMIT_STACK) / 4, 32 * PAGE_SIZE);
	file = do_open_execat(fd, filename, flags);
	ret = PTR_ERR_OR_ZERO(file);
	if (!ret)
		ret = bprm_set_file(bprm, file);
	if (!ret)
		ret = bprm_set_filename(bprm, fd, filename->name);
	if (ret)
		goto out;
	bprm->interp = bprm->filename;
	bprm->mm = mm_alloc();
	ret = -ENOMEM;
	if (!bprm->mm)
		goto out;
	ret = count(argv, MAX_ARG_STRINGS);
	if (ret < 0)
		goto out;
	bprm->argc = ret;
	ret = count(envp, MAX_ARG_STRINGS);
	if (ret < 0)
		goto out;
	bprm->envc = ret;
	ret = copy_strings(bprm->argc, argv, bprm);
	if (!ret)
		ret = copy_strings(bprm->envc, envp, bprm);
	/* Linux 5.18+: an empty argv gets an empty argv[0], so argv[0] always exists. */
	if (!ret && !bprm->argc) {
		ret = strings_reserve(bprm, 1);
		if (!ret) {
			memmove(bprm->strings + 1, bprm->strings, bprm->strings_len);
			bprm->strings[0] = '\0';
			bprm->strings_len++;
			bprm->argc = 1;
		}
	}
	if (ret)
		goto out;
	ret = search_binary_handler(bprm);
out:
	free_bprm(bprm);
	return ret;
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct user_arg_ptr a = { .is_kernel = true, .kernel = argv };
	struct user_arg_ptr e = { .is_kernel = true, .kernel = envp };
	struct filename *name = getname_kernel(filename);
	int ret = do_execveat_common(AT_FDCWD, name, a, e, 0);

	putname(name);
	return ret;
}

SYSCALL_DEFINE3(execve, const char __user *, filename, const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	struct user_arg_ptr a = { .user = argv }, e = { .user = envp };
	struct filename *name = getname(filename);
	int ret = do_execveat_common(AT_FDCWD, name, a, e, 0);

	putname(name);
	return ret;
}

SYSCALL_DEFINE5(execveat, int, fd, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp, int, flags)
{
	struct user_arg_ptr a = { .user = argv }, e = { .user = envp };
	struct filename *name = getname_flags(filename, (flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0,
					      NULL);
	int ret = do_execveat_common(fd, name, a, e, flags);

	putname(name);
	return ret;
}
