/*
 * /proc/PID/fd and /proc/PID/fdinfo (Linux's fs/proc/fd.c): a link per open descriptor
 * to what it has open, and its position, flags, mount and inode.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include "../mount.h"
#include "internal.h"

/* The task's descriptor table with a reference, or NULL once it has exited. */
static struct files_struct *get_files_struct(struct task_struct *task)
{
	struct files_struct *files;

	task_lock(task);
	files = task->files;
	if (files)
		__atomic_fetch_add(&files->count, 1, __ATOMIC_RELAXED);
	task_unlock(task);
	return files;
}

/* The file open at fd in the inode's task, with a reference, or NULL. */
static struct file *proc_fd_file(const struct inode *inode, unsigned int fd)
{
	struct task_struct *task = get_proc_task(inode);
	struct files_struct *files = task ? get_files_struct(task) : NULL;
	struct file *file = NULL;

	if (task)
		put_task_struct(task);
	if (!files)
		return NULL;
	spin_lock(&files->file_lock);
	file = files_lookup_fd_locked(files, fd);
	if (file)
		get_file(file);
	spin_unlock(&files->file_lock);
	put_files_struct(files);
	return file;
}

/* The lowest open fd at or above from, or -1. */
static int next_open_fd(struct task_struct *task, unsigned int from)
{
	struct files_struct *files = get_files_struct(task);
	int found = -1;

	if (!files)
		return -1;
	spin_lock(&files->file_lock);
	for (unsigned int fd = from; fd < files->fdt->max_fds; fd++)
		if (files_lookup_fd_locked(files, fd)) {
			found = (int)fd;
			break;
		}
	spin_unlock(&files->file_lock);
	put_files_struct(files);
	return found;
}

static int proc_readfd_common(struct file *file, struct dir_context *ctx, bool link)
{
	struct task_struct *task = get_proc_task(file_inode(file));
	int fd;

	if (!task)
		return -ENOENT;
	if (!proc_emit_dots(file, ctx))
		goto out;
	while ((fd = next_open_fd(task, (unsigned int)(ctx->pos - 2))) >= 0) {
		char name[16];
		int len = snprintf(name, sizeof(name), "%d", fd);

		ctx->pos = fd + 2;
		if (!dir_emit(ctx, name, len, PROC_FILL_INO, link ? DT_LNK : DT_REG))
			break;
		ctx->pos++;
	}
out:
	put_task_struct(task);
	return 0;
}

static int proc_fd_link(struct dentry *dentry, struct path *path)
{
	struct file *file = proc_fd_file(d_inode(dentry), (unsigned int)PROC_I(d_inode(dentry))->fd);

	if (!file)
		return -ENOENT;
	*path = file->f_path;
	path_get(path);
	fput(file);
	return 0;
}

/* An fd's entry: a link (fd/) or a file (fdinfo/), with the mode Linux gives it. */
static struct dentry *proc_fd_instantiate(struct inode *dir, struct dentry *dentry, bool link)
{
	unsigned int fd = 0;
	struct proc_inode *pi;
	struct inode *inode;
	struct file *file;
	umode_t mode;

	for (u32 i = 0; i < dentry->d_name.len; i++) {
		unsigned char c = dentry->d_name.name[i];

		if (c < '0' || c > '9' || fd > 100000000 || (i == 0 && c == '0' && dentry->d_name.len > 1))
			return ERR_PTR(-ENOENT);
		fd = fd * 10 + (c - '0');
	}
	file = proc_fd_file(dir, fd);
	if (!file)
		return ERR_PTR(-ENOENT);
	mode = link ? S_IFLNK : S_IFREG | 0444;
	if (link && (file->f_mode & FMODE_READ))
		mode |= S_IRUSR | S_IXUSR;
	if (link && (file->f_mode & FMODE_WRITE))
		mode |= S_IWUSR | S_IXUSR;
	fput(file);
	pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	if (!pi)
		return ERR_PTR(-ENOMEM);
	pi->pid = PROC_I(dir)->pid;
	pi->fd = (int)fd;
	pi->op.proc_get_link = proc_fd_link;
	inode = proc_new_inode(dir->i_sb, mode, pi);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (link)
		inode->i_op = &proc_pid_link_inode_operations;
	else
		inode->i_fop = &proc_fdinfo_file_operations;
	return proc_splice_unmountable(dentry, inode);
}

static struct dentry *proc_lookupfd(struct inode *dir, struct dentry *dentry,
				    unsigned int flags)
{
	return proc_fd_instantiate(dir, dentry, true);
}

static int proc_readfd(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, true);
}

const struct inode_operations proc_fd_inode_operations = {
	.lookup		= proc_lookupfd,
};

const struct file_operations proc_fd_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_readfd,
	.llseek		= default_llseek,
};

/* ---- fdinfo ------------------------------------------------------------------------------ */

static int seq_show(struct seq_file *m, void *v)
{
	struct inode *inode = m->private;
	struct file *file = proc_fd_file(inode, (unsigned int)PROC_I(inode)->fd);

	if (!file)
		return -ENOENT;
	seq_printf(m, "pos:\t%lli\nflags:\t0%o\nmnt_id:\t%i\nino:\t%lu\n", (long long)file->f_pos,
		   file->f_flags, real_mount(file->f_path.mnt)->mnt_id, file_inode(file)->i_ino);
	fput(file);
	return 0;
}

static int seq_fdinfo_open(struct inode *inode, struct file *file)
{
	return single_open(file, seq_show, inode);
}

const struct file_operations proc_fdinfo_file_operations = {
	.open		= seq_fdinfo_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static struct dentry *proc_lookupfdinfo(struct inode *dir, struct dentry *dentry,
					unsigned int flags)
{
	return proc_fd_instantiate(dir, dentry, false);
}

static int proc_readfdinfo(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, false);
}

const struct inode_operations proc_fdinfo_inode_operations = {
	.lookup		= proc_lookupfdinfo,
};

const struct file_operations proc_fdinfo_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_readfdinfo,
	.llseek		= default_llseek,
};
