/*
 * File descriptors: the fd table of a process (files_struct, include/linux/fdtable.h),
 * allocating the lowest free fd, installing and closing files, dup, close-on-exec, and
 * the table's copy at fork and release at exit.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>

struct files_struct init_files = {
	.count		= 1,
	.file_lock	= __SPIN_LOCK_UNLOCKED(init_files.file_lock),
	.fdt		= &init_files.fdtab,
	.fdtab		= {
		.max_fds	= NR_OPEN_DEFAULT,
		.fd		= &init_files.fd_array[0],
		.close_on_exec	= init_files.close_on_exec_init,
		.open_fds	= init_files.open_fds_init,
	},
};

static void init_embedded_fdtable(struct files_struct *files)
{
	struct fdtable *fdt = &files->fdtab;

	fdt->max_fds = NR_OPEN_DEFAULT;
	fdt->fd = files->fd_array;
	fdt->close_on_exec = files->close_on_exec_init;
	fdt->open_fds = files->open_fds_init;
	files->fdt = fdt;
}

static void free_fdtable(struct files_struct *files, struct fdtable *fdt)
{
	if (fdt == &files->fdtab)
		return;
	kfree(fdt->fd);
	kfree(fdt->open_fds);
	kfree(fdt->close_on_exec);
	kfree(fdt);
}

/* A table of nr slots (a power of two, at least NR_OPEN_DEFAULT), zeroed. */
static struct fdtable *alloc_fdtable(unsigned int nr)
{
	struct fdtable *fdt = kzalloc(sizeof(*fdt), GFP_KERNEL);

	if (!fdt)
		return NULL;
	fdt->max_fds = nr;
	fdt->fd = kcalloc(nr, sizeof(struct file *), GFP_KERNEL);
	fdt->open_fds = kcalloc(BITS_TO_LONGS(nr), sizeof(long), GFP_KERNEL);
	fdt->close_on_exec = kcalloc(BITS_TO_LONGS(nr), sizeof(long), GFP_KERNEL);
	if (!fdt->fd || !fdt->open_fds || !fdt->close_on_exec) {
		kfree(fdt->fd);
		kfree(fdt->open_fds);
		kfree(fdt->close_on_exec);
		kfree(fdt);
		return NULL;
	}
	return fdt;
}

static void copy_fdtable(struct fdtable *nfdt, const struct fdtable *ofdt, unsigned int n)
{
	memcpy(nfdt->fd, ofdt->fd, n * sizeof(struct file *));
	memcpy(nfdt->open_fds, ofdt->open_fds, BITS_TO_LONGS(n) * sizeof(long));
	memcpy(nfdt->close_on_exec, ofdt->close_on_exec, BITS_TO_LONGS(n) * sizeof(long));
}

static unsigned int fdtable_size_for(unsigned int nr)
{
	unsigned int size = NR_OPEN_DEFAULT;

	while (size <= nr)
		size *= 2;
	return size;
}

/*
 * Grows files' table to hold fd nr. Called and returns with file_lock held, dropping it
 * to allocate: 1 when it grew (the caller looks again), 0 when big enough, or -errno.
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	struct fdtable *nfdt, *cur;

	if (nr < files->fdt->max_fds)
		return 0;
	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	spin_unlock(&files->file_lock);
	nfdt = alloc_fdtable(fdtable_size_for(nr));
	spin_lock(&files->file_lock);
	if (!nfdt)
		return -ENOMEM;
	cur = files->fdt;
	if (nr < cur->max_fds) {
		/* Someone else grew it meanwhile. */
		free_fdtable(files, nfdt);
		return 1;
	}
	copy_fdtable(nfdt, cur, cur->max_fds);
	files->fdt = nfdt;
	free_fdtable(files, cur);
	return 1;
}

static void __set_close_on_exec(unsigned int fd, struct fdtable *fdt, bool set)
{
	if (set)
		__set_bit(fd, fdt->close_on_exec);
	else if (test_bit(fd, fdt->close_on_exec))
		__clear_bit(fd, fdt->close_on_exec);
}

/* The lowest free fd in [start, end), reserved; -EMFILE when there is none. */
static int alloc_fd(unsigned int start, unsigned int end, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct fdtable *fdt;
	unsigned int fd;
	int err;

	spin_lock(&files->file_lock);
repeat:
	fdt = files->fdt;
	fd = max(start, files->next_fd);
	if (fd < fdt->max_fds)
		fd = (unsigned int)find_next_zero_bit(fdt->open_fds, fdt->max_fds, fd);
	err = -EMFILE;
	if (fd >= end)
		goto out;
	err = expand_files(files, fd);
	if (err < 0)
		goto out;
	if (err)
		goto repeat;
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	__set_bit(fd, fdt->open_fds);
	__set_close_on_exec(fd, fdt, flags & O_CLOEXEC);
	err = (int)fd;
out:
	spin_unlock(&files->file_lock);
	return err;
}

/* RLIMIT_NOFILE: no fd at or above it (Linux's rlimit check in each allocator). */
static unsigned int nofile_limit(void)
{
	return (unsigned int)min_t(unsigned long, rlimit(RLIMIT_NOFILE), NR_OPEN_MAX);
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, nofile_limit(), flags);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	__clear_bit(fd, files->fdt->open_fds);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	__put_unused_fd(files, fd);
	spin_unlock(&files->file_lock);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	BUG_ON(files->fdt->fd[fd]);
	files->fdt->fd[fd] = file;
	spin_unlock(&files->file_lock);
}

/* Takes the file out of slot fd (file_lock held); NULL when none is there. */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct fdtable *fdt = files->fdt;
	struct file *file;

	if (fd >= fdt->max_fds)
		return NULL;
	file = fdt->fd[fd];
	if (file) {
		fdt->fd[fd] = NULL;
		__set_close_on_exec(fd, fdt, false);
		__put_unused_fd(files, fd);
	}
	return file;
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *file;

	spin_lock(&files->file_lock);
	file = pick_file(files, fd);
	spin_unlock(&files->file_lock);
	if (!file)
		return -EBADF;
	return filp_close(file, files);
}

struct file *files_lookup_fd_locked(struct files_struct *files, unsigned int fd)
{
	struct fdtable *fdt = files->fdt;

	return fd < fdt->max_fds ? fdt->fd[fd] : NULL;
}

static struct file *__fget(unsigned int fd, fmode_t mask)
{
	struct files_struct *files = current->files;
	struct file *file;

	spin_lock(&files->file_lock);
	file = files_lookup_fd_locked(files, fd);
	if (file && (file->f_mode & mask))
		file = NULL;
	if (file)
		get_file(file);
	spin_unlock(&files->file_lock);
	return file;
}

struct file *fget(unsigned int fd)
{
	return __fget(fd, FMODE_PATH);
}

struct file *fget_raw(unsigned int fd)
{
	return __fget(fd, 0);
}

int replace_fd(unsigned int fd, struct file *file, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *tofree;
	struct fdtable *fdt;
	int err;

	if (fd >= nofile_limit())
		return -EBADF;
	spin_lock(&files->file_lock);
	do {
		err = expand_files(files, fd);
	} while (err > 0);
	if (err < 0)
		goto out_unlock;
	fdt = files->fdt;
	tofree = fdt->fd[fd];
	err = -EBUSY;
	if (!tofree && test_bit(fd, fdt->open_fds))
		goto out_unlock;
	fdt->fd[fd] = get_file(file);
	__set_bit(fd, fdt->open_fds);
	__set_close_on_exec(fd, fdt, flags & O_CLOEXEC);
	spin_unlock(&files->file_lock);
	if (tofree)
		filp_close(tofree, files);
	return (int)fd;
out_unlock:
	spin_unlock(&files->file_lock);
	return err;
}

int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	int fd;

	if (from >= nofile_limit())
		return -EINVAL;
	fd = alloc_fd(from, nofile_limit(), flags);
	if (fd >= 0)
		fd_install((unsigned int)fd, get_file(file));
	return fd;
}

void set_close_on_exec(unsigned int fd, int flag)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	if (fd < files->fdt->max_fds)
		__set_close_on_exec(fd, files->fdt, flag);
	spin_unlock(&files->file_lock);
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;
	bool res;

	spin_lock(&files->file_lock);
	res = fd < files->fdt->max_fds && test_bit(fd, files->fdt->close_on_exec);
	spin_unlock(&files->file_lock);
	return res;
}

/* The number of slots up to the last open fd (what a copy must hold); file_lock held. */
static unsigned int count_open_files(const struct fdtable *fdt)
{
	unsigned long last = find_last_bit(fdt->open_fds, fdt->max_fds);

	return last >= fdt->max_fds ? 0 : (unsigned int)last + 1;
}

unsigned int files_count_open(struct files_struct *files)
{
	unsigned int n = 0;

	spin_lock(&files->file_lock);
	for (unsigned int fd = 0; fd < files->fdt->max_fds; fd++)
		n += !!files->fdt->fd[fd];
	spin_unlock(&files->file_lock);
	return n;
}

/* newf's table big enough for oldf's open fds; oldf's file_lock held, dropped to allocate. */
static int dup_fd_size(struct files_struct *oldf, struct files_struct *newf)
{
	for (;;) {
		unsigned int open = count_open_files(oldf->fdt);
		struct fdtable *nfdt;

		if (open <= newf->fdt->max_fds)
			return 0;
		spin_unlock(&oldf->file_lock);
		free_fdtable(newf, newf->fdt);
		nfdt = alloc_fdtable(fdtable_size_for(open - 1));
		spin_lock(&oldf->file_lock);
		if (!nfdt) {
			init_embedded_fdtable(newf);
			return -ENOMEM;
		}
		newf->fdt = nfdt;
	}
}

struct files_struct *dup_fd(struct files_struct *oldf, int *errorp)
{
	struct files_struct *newf = kzalloc(sizeof(*newf), GFP_KERNEL);
	struct fdtable *ofdt, *nfdt;
	unsigned int open;

	*errorp = -ENOMEM;
	if (!newf)
		return NULL;
	newf->count = 1;
	spin_lock_init(&newf->file_lock);
	init_embedded_fdtable(newf);
	spin_lock(&oldf->file_lock);
	*errorp = dup_fd_size(oldf, newf);
	if (*errorp) {
		spin_unlock(&oldf->file_lock);
		kfree(newf);
		return NULL;
	}
	ofdt = oldf->fdt;
	nfdt = newf->fdt;
	open = count_open_files(ofdt);
	copy_fdtable(nfdt, ofdt, open);
	for (unsigned int fd = 0; fd < open; fd++) {
		if (nfdt->fd[fd])
			get_file(nfdt->fd[fd]);
		else if (test_bit(fd, nfdt->open_fds))
			__clear_bit(fd, nfdt->open_fds);	/* reserved, not yet installed */
	}
	spin_unlock(&oldf->file_lock);
	newf->next_fd = 0;
	return newf;
}

static void close_files(struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {
		struct file *file = fdt->fd[fd];

		if (file) {
			fdt->fd[fd] = NULL;
			filp_close(file, files);
		}
	}
}

void put_files_struct(struct files_struct *files)
{
	if (__atomic_sub_fetch(&files->count, 1, __ATOMIC_ACQ_REL))
		return;
	close_files(files);
	free_fdtable(files, files->fdt);
	if (files != &init_files)
		kfree(files);
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (files) {
		task_lock(tsk);
		tsk->files = NULL;
		task_unlock(tsk);
		put_files_struct(files);
	}
}

int copy_files(unsigned long clone_flags, struct task_struct *tsk)
{
	struct files_struct *oldf = current->files;
	int err;

	if (!oldf)
		return 0;
	if (clone_flags & CLONE_FILES) {
		__atomic_fetch_add(&oldf->count, 1, __ATOMIC_RELAXED);
		tsk->files = oldf;
		return 0;
	}
	tsk->files = dup_fd(oldf, &err);
	return tsk->files ? 0 : err;
}

/*
 * Closes the open fds in [fd, max_fd] of files (only the close-on-exec ones when
 * cloexec_only), taking file_lock around each pick and dropping it for the close.
 */
static void close_fds(struct files_struct *files, unsigned int fd, unsigned int max_fd,
		      bool cloexec_only)
{
	spin_lock(&files->file_lock);
	for (; fd <= max_fd && fd < files->fdt->max_fds; fd++) {
		struct file *file;

		if (cloexec_only && !test_bit(fd, files->fdt->close_on_exec))
			continue;
		file = pick_file(files, fd);
		if (!file)
			continue;
		spin_unlock(&files->file_lock);
		filp_close(file, files);
		spin_lock(&files->file_lock);
	}
	spin_unlock(&files->file_lock);
}

void do_close_on_exec(struct files_struct *files)
{
	close_fds(files, 0, ~0U, true);
}

/* CLOSE_RANGE_UNSHARE: current gets a table of its own before closing in it. */
static int unshare_files(void)
{
	struct files_struct *old = current->files, *copy;
	int err;

	if (__atomic_load_n(&old->count, __ATOMIC_ACQUIRE) == 1)
		return 0;
	copy = dup_fd(old, &err);
	if (!copy)
		return err;
	task_lock(current);
	current->files = copy;
	task_unlock(current);
	put_files_struct(old);
	return 0;
}

int __close_range(unsigned int fd, unsigned int max_fd, unsigned int flags)
{
	struct files_struct *files;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (fd > max_fd)
		return -EINVAL;
	if (flags & CLOSE_RANGE_UNSHARE) {
		int err = unshare_files();

		if (err)
			return err;
	}
	files = current->files;
	if (!(flags & CLOSE_RANGE_CLOEXEC)) {
		close_fds(files, fd, max_fd, false);
		return 0;
	}
	spin_lock(&files->file_lock);
	for (; fd <= max_fd && fd < files->fdt->max_fds; fd++)
		if (test_bit(fd, files->fdt->open_fds))
			__set_close_on_exec(fd, files->fdt, true);
	spin_unlock(&files->file_lock);
	return 0;
}

/* ---- the syscalls ------------------------------------------------------------------ */

static int ksys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *file;
	int err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	file = fget_raw(oldfd);
	if (!file)
		return -EBADF;
	err = replace_fd(newfd, file, (unsigned int)flags);
	fput(file);
	return err;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return ksys_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *file = fget_raw(fildes);
	int ret;

	if (!file)
		return -EBADF;
	ret = get_unused_fd_flags(0);
	if (ret >= 0)
		fd_install((unsigned int)ret, get_file(file));
	fput(file);
	return ret;
}
