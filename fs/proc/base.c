/*
 * /proc/PID and /proc/PID/task/TID (Linux's fs/proc/base.c): a directory per process,
 * whose files are the tables tgid_base_stuff and tid_base_stuff (the same files for one
 * thread). Every inode names its task by thread id; each read looks the task up again,
 * so a file of a process that has gone answers -ESRCH.
 */
#include <linux/kernel.h>
#include <linux/sched/debug.h>
#include <linux/kallsyms.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs_struct.h>
#include <linux/mm.h>
#include <linux/uio.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/oom.h>
#include <linux/cred.h>
#include "internal.h"

/* One file of a process directory; op is its show or its link's target. */
struct pid_entry {
	const char *name;
	unsigned int len;
	umode_t mode;
	const struct inode_operations *iop;
	const struct file_operations *fop;
	union proc_op op;
};

#define NOD(NAME, MODE, IOP, FOP, OP) {				\
	.name = (NAME), .len = sizeof(NAME) - 1, .mode = MODE,		\
	.iop = IOP, .fop = FOP, .op = OP }
#define DIR(NAME, MODE, iops, fops)	NOD(NAME, (S_IFDIR | (MODE)), &iops, &fops, {})
#define LNK(NAME, get_link)	NOD(NAME, (S_IFLNK | S_IRWXUGO),			\
				    &proc_pid_link_inode_operations, NULL,		\
				    { .proc_get_link = get_link })
#define REG(NAME, MODE, fops)	NOD(NAME, (S_IFREG | (MODE)), NULL, &fops, {})
#define ONE(NAME, MODE, show)	NOD(NAME, (S_IFREG | (MODE)), NULL,			\
				    &proc_single_file_operations, { .proc_show = show })

struct task_struct *get_proc_task(const struct inode *inode)
{
	struct task_struct *task;

	spin_lock(&tasklist_lock);
	task = find_task_by_pid_locked(PROC_I(inode)->pid);
	if (task && task->exit_state == EXIT_DEAD)
		task = NULL;
	if (task)
		get_task_struct(task);
	spin_unlock(&tasklist_lock);
	return task;
}

struct mm_struct *proc_mem_open(struct inode *inode)
{
	struct task_struct *task = get_proc_task(inode);
	struct mm_struct *mm;

	if (!task)
		return ERR_PTR(-ESRCH);
	mm = get_task_mm(task);
	put_task_struct(task);
	return mm;
}

/* ---- files of one show ------------------------------------------------------------------ */

static int proc_single_show(struct seq_file *m, void *v)
{
	struct inode *inode = m->private;
	struct task_struct *task = get_proc_task(inode);
	int ret;

	if (!task)
		return -ESRCH;
	ret = PROC_I(inode)->op.proc_show(m, task);
	put_task_struct(task);
	return ret;
}

static int proc_single_open(struct inode *inode, struct file *filp)
{
	return single_open(filp, proc_single_show, inode);
}

static const struct file_operations proc_single_file_operations = {
	.open		= proc_single_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/* ---- cmdline and environ: the process's own memory ----------------------------------------- */

/* Reads [start, end) of the task's memory at *ppos, as Linux's get_mm_cmdline and environ. */
static ssize_t proc_read_mm_range(struct kiocb *iocb, struct iov_iter *to, bool environ)
{
	struct mm_struct *mm = proc_mem_open(file_inode(iocb->ki_filp));
	unsigned long start, end, pos;
	ssize_t done = 0;
	char *page;

	if (IS_ERR_OR_NULL(mm))
		return mm ? PTR_ERR(mm) : 0;
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page) {
		mmput(mm);
		return -ENOMEM;
	}
	spin_lock(&mm->page_table_lock);
	start = environ ? mm->env_start : mm->arg_start;
	end = environ ? mm->env_end : mm->arg_end;
	spin_unlock(&mm->page_table_lock);
	pos = start + (unsigned long)iocb->ki_pos;
	while (pos < end && iov_iter_count(to)) {
		size_t want = min3((size_t)(end - pos), iov_iter_count(to), (size_t)PAGE_SIZE);
		int got = access_remote_vm(mm, pos, page, (int)want, 0);
		size_t copied;

		if (got <= 0)
			break;
		copied = copy_to_iter(page, (size_t)got, to);
		done += (ssize_t)copied;
		pos += copied;
		if (copied < (size_t)got) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	kfree(page);
	mmput(mm);
	if (done > 0)
		iocb->ki_pos += done;
	return done;
}

static ssize_t proc_pid_cmdline_read(struct kiocb *iocb, struct iov_iter *to)
{
	return proc_read_mm_range(iocb, to, false);
}

static ssize_t environ_read(struct kiocb *iocb, struct iov_iter *to)
{
	return proc_read_mm_range(iocb, to, true);
}

static const struct file_operations proc_pid_cmdline_ops = {
	.read_iter	= proc_pid_cmdline_read,
	.llseek		= generic_file_llseek,
};

static const struct file_operations proc_environ_operations = {
	.read_iter	= environ_read,
	.llseek		= generic_file_llseek,
};

/* ---- comm (writable by the process itself), limits, oom, wchan ----------------------------- */

static int comm_show(struct seq_file *m, void *v)
{
	struct task_struct *p = get_proc_task(m->private);
	char comm[TASK_COMM_LEN];

	if (!p)
		return -ESRCH;
	task_lock(p);
	memcpy(comm, p->comm, sizeof(comm));
	task_unlock(p);
	comm[TASK_COMM_LEN - 1] = '\0';
	seq_puts(m, comm);
	seq_putc(m, '\n');
	put_task_struct(p);
	return 0;
}

static int comm_open(struct inode *inode, struct file *filp)
{
	return single_open(filp, comm_show, inode);
}

/* Only a thread of the same process may rename a thread, as in Linux. */
static ssize_t comm_write(struct kiocb *iocb, struct iov_iter *from)
{
	char buffer[TASK_COMM_LEN] = { 0 };
	size_t count = min(sizeof(buffer) - 1, iov_iter_count(from));
	struct task_struct *p;
	size_t len = iov_iter_count(from);

	if (copy_from_iter(buffer, count, from) != count)
		return -EFAULT;
	iov_iter_advance(from, iov_iter_count(from));
	p = get_proc_task(file_inode(iocb->ki_filp));
	if (!p)
		return -ESRCH;
	if (p->tgid == current->tgid) {
		task_lock(p);
		strscpy(p->comm, buffer, sizeof(p->comm));
		task_unlock(p);
	} else {
		len = (size_t)-EINVAL;
	}
	put_task_struct(p);
	return (ssize_t)len;
}

static const struct file_operations proc_pid_set_comm_operations = {
	.open		= comm_open,
	.read_iter	= seq_read_iter,
	.write_iter	= comm_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

struct limit_names {
	const char *name;
	const char *unit;
};

static const struct limit_names lnames[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = {"Max cpu time", "seconds"},
	[RLIMIT_FSIZE] = {"Max file size", "bytes"},
	[RLIMIT_DATA] = {"Max data size", "bytes"},
	[RLIMIT_STACK] = {"Max stack size", "bytes"},
	[RLIMIT_CORE] = {"Max core file size", "bytes"},
	[RLIMIT_RSS] = {"Max resident set", "bytes"},
	[RLIMIT_NPROC] = {"Max processes", "processes"},
	[RLIMIT_NOFILE] = {"Max open files", "files"},
	[RLIMIT_MEMLOCK] = {"Max locked memory", "bytes"},
	[RLIMIT_AS] = {"Max address space", "bytes"},
	[RLIMIT_LOCKS] = {"Max file locks", "locks"},
	[RLIMIT_SIGPENDING] = {"Max pending signals", "signals"},
	[RLIMIT_MSGQUEUE] = {"Max msgqueue size", "bytes"},
	[RLIMIT_NICE] = {"Max nice priority", NULL},
	[RLIMIT_RTPRIO] = {"Max realtime priority", NULL},
	[RLIMIT_RTTIME] = {"Max realtime timeout", "us"},
};

static void limit_value(struct seq_file *m, unsigned long v)
{
	if (v == RLIM_INFINITY)
		seq_printf(m, "%-20s ", "unlimited");
	else
		seq_printf(m, "%-20lu ", v);
}

static int proc_pid_limits(struct seq_file *m, struct task_struct *task)
{
	struct rlimit rlim[RLIM_NLIMITS];

	if (!lock_task_signal(task))
		return -ESRCH;
	spin_lock_irq(&task->sighand->siglock);
	memcpy(rlim, task->signal->rlim, sizeof(rlim));
	spin_unlock_irq(&task->sighand->siglock);
	unlock_task_signal();
	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(m, "%-25s ", lnames[i].name);
		limit_value(m, rlim[i].rlim_cur);
		limit_value(m, rlim[i].rlim_max);
		if (lnames[i].unit)
			seq_printf(m, "%-10s\n", lnames[i].unit);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

/* wchan: the function a sleeping task waits in (get_wchan, kallsyms), or "0". */
static int proc_pid_wchan(struct seq_file *m, struct task_struct *task)
{
	unsigned long wchan = get_wchan(task);
	char symname[KSYM_NAME_LEN];
	unsigned long size, offset;

	if (wchan && kallsyms_lookup(wchan, &size, &offset, NULL, symname)) {
		seq_puts(m, symname);
		return 0;
	}
	seq_putc(m, '0');
	return 0;
}

/*
 * oom_score: what the OOM killer would weigh the task at (oom_badness: RSS, page tables
 * and oom_score_adj thousandths of all pages), scaled into 0..2000 and by 2/3 as Linux
 * 6.1 prints it; 0 for a task the killer never picks.
 */
static int proc_oom_score(struct seq_file *m, struct task_struct *task)
{
	long totalpages = (long)max(totalram_pages(), 1UL);
	unsigned long points = 0;
	long badness = oom_badness(task, totalpages);

	if (badness != LONG_MIN)
		points = (1000 + badness * 1000 / totalpages) * 2 / 3;
	seq_printf(m, "%lu\n", points);
	return 0;
}

static int oom_score_adj_show(struct seq_file *m, void *v)
{
	struct task_struct *task = get_proc_task(m->private);

	if (!task)
		return -ESRCH;
	if (lock_task_signal(task)) {
		seq_printf(m, "%hd\n", task->signal->oom_score_adj);
		unlock_task_signal();
	}
	put_task_struct(task);
	return 0;
}

static int oom_score_adj_open(struct inode *inode, struct file *filp)
{
	return single_open(filp, oom_score_adj_show, inode);
}

static ssize_t oom_score_adj_write(struct kiocb *iocb, struct iov_iter *from)
{
	char buffer[16] = { 0 };
	size_t count = min(sizeof(buffer) - 1, iov_iter_count(from));
	size_t len = iov_iter_count(from);
	struct task_struct *task;
	long v;
	int err;

	if (copy_from_iter(buffer, count, from) != count)
		return -EFAULT;
	iov_iter_advance(from, iov_iter_count(from));
	err = kstrtol(strim(buffer), 0, &v);
	if (err)
		return err;
	if (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	task = get_proc_task(file_inode(iocb->ki_filp));
	if (!task)
		return -ESRCH;
	/* Lowering it is a privilege (CAP_SYS_RESOURCE): root only, as we have no caps. */
	if (!lock_task_signal(task)) {
		err = -ESRCH;
	} else {
		if (v < task->signal->oom_score_adj_min && current->cred->euid)
			err = -EACCES;
		else
			err = set_oom_score_adj(task, (int)v);
		unlock_task_signal();
	}
	put_task_struct(task);
	return err ? err : (ssize_t)len;
}

static const struct file_operations proc_oom_score_adj_operations = {
	.open		= oom_score_adj_open,
	.read_iter	= seq_read_iter,
	.write_iter	= oom_score_adj_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/* ---- links: cwd, root, exe -------------------------------------------------------------- */

static int proc_fs_path(struct dentry *dentry, struct path *path, bool root)
{
	struct task_struct *task = get_proc_task(d_inode(dentry));
	int result = -ENOENT;

	if (!task)
		return -ENOENT;
	task_lock(task);
	if (task->fs) {
		if (root)
			get_fs_root(task->fs, path);
		else
			get_fs_pwd(task->fs, path);
		result = 0;
	}
	task_unlock(task);
	put_task_struct(task);
	return result;
}

static int proc_cwd_link(struct dentry *dentry, struct path *path)
{
	return proc_fs_path(dentry, path, false);
}

static int proc_root_link(struct dentry *dentry, struct path *path)
{
	return proc_fs_path(dentry, path, true);
}

static int proc_exe_link(struct dentry *dentry, struct path *exe_path)
{
	struct mm_struct *mm = proc_mem_open(d_inode(dentry));
	struct file *exe_file;

	if (IS_ERR_OR_NULL(mm))
		return -ENOENT;
	exe_file = get_mm_exe_file(mm);
	mmput(mm);
	if (!exe_file)
		return -ENOENT;
	*exe_path = exe_file->f_path;
	path_get(exe_path);
	fput(exe_file);
	return 0;
}

/* A link's target: the path op.proc_get_link gives, as text kept with the inode. */
static const char *proc_pid_get_link(struct dentry *dentry, struct inode *inode)
{
	struct proc_inode *pi = PROC_I(inode);
	struct path path;
	char *name;
	int err;

	if (pi->link)
		return pi->link;
	err = pi->op.proc_get_link(dentry, &path);
	if (err)
		return ERR_PTR(err);
	pi->link = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!pi->link) {
		path_put(&path);
		return ERR_PTR(-ENOMEM);
	}
	name = d_path(&path, pi->link, PATH_MAX);
	path_put(&path);
	if (IS_ERR(name))
		return name;
	memmove(pi->link, name, strlen(name) + 1);
	return pi->link;
}

const struct inode_operations proc_pid_link_inode_operations = {
	.get_link	= proc_pid_get_link,
};

/* ---- inodes and directories of a process ---------------------------------------------------- */

/* An inode for task's entry (mode), standing for the task by thread id. */
static struct inode *proc_pid_make_inode(struct super_block *sb, struct task_struct *task,
					 umode_t mode)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	struct inode *inode;

	if (!pi)
		return NULL;
	pi->pid = task->pid;
	inode = proc_new_inode(sb, mode, pi);
	if (inode) {
		inode->i_uid = task->cred->euid;
		inode->i_gid = task->cred->egid;
	}
	return inode;
}

static struct dentry *proc_pident_instantiate(struct dentry *dentry, struct task_struct *task,
					      const struct pid_entry *p)
{
	struct inode *inode = proc_pid_make_inode(dentry->d_sb, task, p->mode);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (S_ISDIR(inode->i_mode))
		set_nlink(inode, 2);
	if (p->iop)
		inode->i_op = p->iop;
	if (p->fop)
		inode->i_fop = p->fop;
	PROC_I(inode)->op = p->op;
	return proc_splice_unmountable(dentry, inode);
}

static struct dentry *proc_pident_lookup(struct inode *dir, struct dentry *dentry,
					 const struct pid_entry *p, const struct pid_entry *end)
{
	struct task_struct *task = get_proc_task(dir);
	struct dentry *res = ERR_PTR(-ENOENT);

	if (!task)
		return res;
	for (; p < end; p++) {
		if (p->len != dentry->d_name.len || memcmp(dentry->d_name.name, p->name, p->len))
			continue;
		res = proc_pident_instantiate(dentry, task, p);
		break;
	}
	put_task_struct(task);
	return res;
}

static int proc_pident_readdir(struct file *file, struct dir_context *ctx,
			       const struct pid_entry *ents, unsigned int nents)
{
	struct task_struct *task = get_proc_task(file_inode(file));

	if (!task)
		return -ENOENT;
	if (proc_emit_dots(file, ctx)) {
		for (; ctx->pos - 2 < (loff_t)nents; ctx->pos++) {
			const struct pid_entry *p = &ents[ctx->pos - 2];

			if (!dir_emit(ctx, p->name, (int)p->len, PROC_FILL_INO,
				      fs_umode_to_dtype(p->mode)))
				break;
		}
	}
	put_task_struct(task);
	return 0;
}

static const struct inode_operations proc_task_inode_operations;
static const struct file_operations proc_task_operations;

/*
 * The files a process and each of its threads have, in Linux's order of tgid_base_stuff
 * (for the files we have); stat is the group's or the thread's.
 */
#define PID_BASE_FILES(stat_show)						\
	DIR("fd", 0500, proc_fd_inode_operations, proc_fd_operations),		\
	DIR("fdinfo", 0555, proc_fdinfo_inode_operations, proc_fdinfo_operations), \
	REG("environ", 0400, proc_environ_operations),				\
	ONE("status", 0444, proc_pid_status),					\
	ONE("limits", 0444, proc_pid_limits),					\
	REG("comm", 0644, proc_pid_set_comm_operations),			\
	REG("cmdline", 0444, proc_pid_cmdline_ops),				\
	ONE("stat", 0444, stat_show),						\
	ONE("statm", 0444, proc_pid_statm),					\
	REG("maps", 0444, proc_pid_maps_operations),				\
	REG("numa_maps", 0444, proc_pid_numa_maps_operations),			\
	LNK("cwd", proc_cwd_link),						\
	LNK("root", proc_root_link),						\
	LNK("exe", proc_exe_link),						\
	REG("mounts", 0444, proc_mounts_operations),				\
	REG("mountinfo", 0444, proc_mountinfo_operations),			\
	REG("smaps", 0444, proc_pid_smaps_operations),				\
	REG("smaps_rollup", 0444, proc_pid_smaps_rollup_operations),		\
	REG("pagemap", 0400, proc_pagemap_operations),				\
	ONE("wchan", 0444, proc_pid_wchan),					\
	ONE("oom_score", 0444, proc_oom_score),					\
	REG("oom_score_adj", 0644, proc_oom_score_adj_operations)

static const struct pid_entry tgid_base_stuff[] = {
	DIR("task", 0555, proc_task_inode_operations, proc_task_operations),
	PID_BASE_FILES(proc_pid_stat),
};

static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	return proc_pident_readdir(file, ctx, tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff));
}

static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *dentry,
					    unsigned int flags)
{
	return proc_pident_lookup(dir, dentry, tgid_base_stuff,
				  tgid_base_stuff + ARRAY_SIZE(tgid_base_stuff));
}

static const struct file_operations proc_tgid_base_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_tgid_base_readdir,
	.llseek		= default_llseek,
};

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup		= proc_tgid_base_lookup,
};

/* A thread's directory: the process's files less task/, with the thread's stat. */
static const struct pid_entry tid_base_stuff[] = {
	PID_BASE_FILES(proc_tid_stat),
};

static int proc_tid_base_readdir(struct file *file, struct dir_context *ctx)
{
	return proc_pident_readdir(file, ctx, tid_base_stuff, ARRAY_SIZE(tid_base_stuff));
}

static struct dentry *proc_tid_base_lookup(struct inode *dir, struct dentry *dentry,
					   unsigned int flags)
{
	return proc_pident_lookup(dir, dentry, tid_base_stuff,
				  tid_base_stuff + ARRAY_SIZE(tid_base_stuff));
}

static const struct file_operations proc_tid_base_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_tid_base_readdir,
	.llseek		= default_llseek,
};

static const struct inode_operations proc_tid_base_inode_operations = {
	.lookup		= proc_tid_base_lookup,
};

/* Subdirectories count in a directory's link count, as in Linux's pid_entry_nlink. */
static unsigned int pid_entry_nlink(const struct pid_entry *entries, unsigned int n)
{
	unsigned int count = 2;

	for (unsigned int i = 0; i < n; i++)
		if (S_ISDIR(entries[i].mode))
			count++;
	return count;
}

static struct dentry *proc_task_instantiate(struct dentry *dentry, struct task_struct *task,
					    bool tgid)
{
	struct inode *inode = proc_pid_make_inode(dentry->d_sb, task, S_IFDIR | 0555);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (tgid) {
		inode->i_op = &proc_tgid_base_inode_operations;
		inode->i_fop = &proc_tgid_base_operations;
		set_nlink(inode, pid_entry_nlink(tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff)));
	} else {
		inode->i_op = &proc_tid_base_inode_operations;
		inode->i_fop = &proc_tid_base_operations;
		set_nlink(inode, pid_entry_nlink(tid_base_stuff, ARRAY_SIZE(tid_base_stuff)));
	}
	return proc_splice_unmountable(dentry, inode);
}

/* A decimal name as a pid, or 0. */
static pid_t name_to_int(const struct qstr *qstr)
{
	long pid = 0;

	if (!qstr->len || (qstr->len > 1 && qstr->name[0] == '0'))
		return 0;
	for (u32 i = 0; i < qstr->len; i++) {
		if (qstr->name[i] < '0' || qstr->name[i] > '9' || pid > 100000000)
			return 0;
		pid = pid * 10 + (qstr->name[i] - '0');
	}
	return (pid_t)pid;
}

/* A live task (zombies included, as Linux lists them) by id, with a reference. */
static struct task_struct *get_task_by_nr(pid_t nr)
{
	struct task_struct *task;

	spin_lock(&tasklist_lock);
	task = nr ? find_task_by_pid_locked(nr) : NULL;
	if (task && task->exit_state == EXIT_DEAD)
		task = NULL;
	if (task)
		get_task_struct(task);
	spin_unlock(&tasklist_lock);
	return task;
}

/* /proc/N: any task's id answers (a thread's too, as in Linux, though readdir hides it). */
struct dentry *proc_pid_lookup(struct dentry *dentry, unsigned int flags)
{
	struct task_struct *task = get_task_by_nr(name_to_int(&dentry->d_name));
	struct dentry *result;

	if (!task)
		return ERR_PTR(-ENOENT);
	result = proc_task_instantiate(dentry, task, true);
	put_task_struct(task);
	return result;
}

/* The live thread-group leader with the lowest tgid at or above from, or 0. */
static pid_t next_tgid(pid_t from)
{
	struct task_struct *p;
	pid_t found = 0;

	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (thread_group_leader(p) && p->exit_state != EXIT_DEAD && p->pid >= from &&
		    (!found || p->pid < found))
			found = p->pid;
	}
	spin_unlock(&tasklist_lock);
	return found;
}

int proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	pid_t pid;

	while ((pid = next_tgid((pid_t)(ctx->pos - FIRST_PROCESS_ENTRY)))) {
		char name[16];
		int len = snprintf(name, sizeof(name), "%d", pid);

		ctx->pos = FIRST_PROCESS_ENTRY + pid;
		if (!dir_emit(ctx, name, len, PROC_FILL_INO, DT_DIR))
			break;
		ctx->pos++;
	}
	return 0;
}

/* ---- /proc/PID/task ----------------------------------------------------------------------- */

static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	struct task_struct *leader = get_proc_task(dir);
	struct task_struct *task = get_task_by_nr(name_to_int(&dentry->d_name));
	struct dentry *result = ERR_PTR(-ENOENT);

	if (leader && task && task->tgid == leader->tgid)
		result = proc_task_instantiate(dentry, task, false);
	if (task)
		put_task_struct(task);
	if (leader)
		put_task_struct(leader);
	return result;
}

/* The thread of tgid's group with the lowest id at or above from, or 0. */
static pid_t next_tid(struct task_struct *leader, pid_t from)
{
	struct task_struct *t;
	pid_t found = 0;

	if (!lock_task_signal(leader))
		return 0;
	for_each_thread(leader, t)
		if (t->pid >= from && (!found || t->pid < found))
			found = t->pid;
	unlock_task_signal();
	return found;
}

static int proc_task_readdir(struct file *file, struct dir_context *ctx)
{
	struct task_struct *task = get_proc_task(file_inode(file));
	pid_t tid;

	if (!task)
		return -ENOENT;
	if (!proc_emit_dots(file, ctx))
		goto out;
	if (ctx->pos < FIRST_PROCESS_ENTRY)
		ctx->pos = FIRST_PROCESS_ENTRY;
	while ((tid = next_tid(task, (pid_t)(ctx->pos - FIRST_PROCESS_ENTRY)))) {
		char name[16];
		int len = snprintf(name, sizeof(name), "%d", tid);

		ctx->pos = FIRST_PROCESS_ENTRY + tid;
		if (!dir_emit(ctx, name, len, PROC_FILL_INO, DT_DIR))
			break;
		ctx->pos++;
	}
out:
	put_task_struct(task);
	return 0;
}

static const struct inode_operations proc_task_inode_operations = {
	.lookup		= proc_task_lookup,
};

static const struct file_operations proc_task_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_task_readdir,
	.llseek		= default_llseek,
};
