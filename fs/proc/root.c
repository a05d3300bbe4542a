/*
 * A minimal /proc: what busybox needs before the full proc issue lands. The root lists
 * "self" (a symlink to the caller's process), "mounts", "filesystems" and a directory
 * per process; /proc/PID holds "comm". Nothing here is cached in the dcache: every
 * lookup makes a fresh dentry and inode, so a name always answers for the task asking
 * and for the processes alive now. Files are generated whole at open and read from that
 * snapshot, as seq_file's single_open does.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uio.h>
#include <linux/proc_fs.h>

#define PROC_SUPER_MAGIC	0x9fa0
#define PROC_FILE_MAX		PAGE_SIZE
#define PROC_ROOT_INO		1
/* Where readdir positions of process directories start, past the fixed entries. */
#define FIRST_PROCESS_ENTRY	256

struct proc_entry {
	const char *name;
	umode_t mode;
	/* A file's text into buf (at most size bytes); its length or -errno. */
	int (*show)(char *buf, size_t size, pid_t pid);
};

/* What an inode of ours stands for (i_private): an entry, of a process or the root. */
struct proc_inode {
	const struct proc_entry *entry;
	pid_t pid;			/* 0 for the root's entries */
	char link[16];			/* "self": the caller's pid */
};

/* A generated file's text, made at open (file->private_data). */
struct proc_snapshot {
	size_t len;
	char buf[];
};

static int show_mounts(char *buf, size_t size, pid_t pid)
{
	struct path root;
	int len;

	get_fs_root(current->fs, &root);
	len = mounts_show(&root, buf, size);
	path_put(&root);
	return len;
}

static int show_filesystems(char *buf, size_t size, pid_t pid)
{
	return filesystems_list(buf, size);
}

static int show_comm(char *buf, size_t size, pid_t pid)
{
	struct task_struct *p;
	int len = -ESRCH;

	spin_lock(&tasklist_lock);
	p = find_task_by_pid_locked(pid);
	if (p)
		len = scnprintf(buf, size, "%s\n", p->comm);
	spin_unlock(&tasklist_lock);
	return len;
}

static const struct proc_entry root_entries[] = {
	{ "self", S_IFLNK | 0777, NULL },
	{ "mounts", S_IFREG | 0444, show_mounts },
	{ "filesystems", S_IFREG | 0444, show_filesystems },
};

static const struct proc_entry pid_entries[] = {
	{ "comm", S_IFREG | 0644, show_comm },
};

static const struct proc_entry pid_dir_entry = { "", S_IFDIR | 0555, NULL };

static const struct inode_operations proc_root_inode_operations;
static const struct inode_operations proc_pid_inode_operations;
static const struct file_operations proc_root_operations;
static const struct file_operations proc_pid_operations;
static const struct file_operations proc_file_operations;

static struct proc_inode *PROC_I(const struct inode *inode)
{
	return inode->i_private;
}

/* ---- files ----------------------------------------------------------------------------- */

static int proc_single_open(struct inode *inode, struct file *file)
{
	const struct proc_inode *pi = PROC_I(inode);
	struct proc_snapshot *snap = kmalloc(sizeof(*snap) + PROC_FILE_MAX, GFP_KERNEL);
	int len;

	if (!snap)
		return -ENOMEM;
	len = pi->entry->show(snap->buf, PROC_FILE_MAX, pi->pid);
	if (len < 0) {
		kfree(snap);
		return len;
	}
	snap->len = (size_t)len;
	file->private_data = snap;
	return 0;
}

static ssize_t proc_single_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct proc_snapshot *snap = iocb->ki_filp->private_data;
	size_t copied;

	if (iocb->ki_pos >= (loff_t)snap->len)
		return 0;
	copied = copy_to_iter(snap->buf + iocb->ki_pos,
			      snap->len - (size_t)iocb->ki_pos, to);
	if (!copied && iov_iter_count(to))
		return -EFAULT;
	iocb->ki_pos += (loff_t)copied;
	return (ssize_t)copied;
}

static int proc_single_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations proc_file_operations = {
	.open		= proc_single_open,
	.read_iter	= proc_single_read,
	.llseek		= default_llseek,
	.release	= proc_single_release,
};

/* ---- inodes ----------------------------------------------------------------------------- */

static struct inode *proc_get_inode(struct super_block *sb, const struct proc_entry *e,
				    pid_t pid)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	if (!inode || !pi) {
		kfree(pi);
		iput(inode);
		return NULL;
	}
	pi->entry = e;
	pi->pid = pid;
	inode->i_private = pi;
	inode->i_mode = e->mode;
	if (S_ISDIR(e->mode)) {
		inode->i_op = &proc_pid_inode_operations;
		inode->i_fop = &proc_pid_operations;
		set_nlink(inode, 2);
	} else if (S_ISLNK(e->mode)) {
		inode->i_op = &simple_symlink_inode_operations;
		snprintf(pi->link, sizeof(pi->link), "%d", current->tgid);
		inode->i_link = pi->link;
		i_size_write(inode, (loff_t)strlen(pi->link));
	} else {
		inode->i_fop = &proc_file_operations;
	}
	return inode;
}

/* dentry's name as a process id with a live group leader, or 0. */
static pid_t name_to_pid(const struct qstr *name)
{
	struct task_struct *p;
	pid_t pid = 0;

	for (u32 i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9' || pid > 100000000)
			return 0;
		pid = pid * 10 + (name->name[i] - '0');
	}
	spin_lock(&tasklist_lock);
	p = pid ? find_task_by_pid_locked(pid) : NULL;
	if (!p || !thread_group_leader(p) || p->exit_state)
		pid = 0;
	spin_unlock(&tasklist_lock);
	return pid;
}

static struct dentry *proc_lookup_in(struct inode *dir, struct dentry *dentry,
				     const struct proc_entry *entries, unsigned int n, pid_t pid)
{
	const struct qstr *name = &dentry->d_name;
	struct inode *inode;

	for (unsigned int i = 0; i < n; i++) {
		if (strlen(entries[i].name) != name->len ||
		    memcmp(entries[i].name, name->name, name->len))
			continue;
		inode = proc_get_inode(dir->i_sb, &entries[i], pid);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		d_instantiate(dentry, inode);	/* unhashed: looked up afresh each time */
		return NULL;
	}
	return NULL;
}

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	pid_t pid = name_to_pid(&dentry->d_name);
	struct inode *inode;

	if (!pid)
		return proc_lookup_in(dir, dentry, root_entries, ARRAY_SIZE(root_entries), 0);
	inode = proc_get_inode(dir->i_sb, &pid_dir_entry, pid);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(dentry, inode);
	return NULL;
}

static struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry,
				      unsigned int flags)
{
	return proc_lookup_in(dir, dentry, pid_entries, ARRAY_SIZE(pid_entries),
			      PROC_I(dir)->pid);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup		= proc_root_lookup,
};

static const struct inode_operations proc_pid_inode_operations = {
	.lookup		= proc_pid_lookup,
};

/* ---- directories ------------------------------------------------------------------------ */

static bool emit_entries(struct dir_context *ctx, const struct proc_entry *entries,
			 unsigned int n)
{
	while (ctx->pos - 2 < (loff_t)n) {
		const struct proc_entry *e = &entries[ctx->pos - 2];

		if (!dir_emit(ctx, e->name, (int)strlen(e->name), 0, fs_umode_to_dtype(e->mode)))
			return false;
		ctx->pos++;
	}
	return true;
}

static bool emit_dots(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, file_inode(file)->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, PROC_ROOT_INO, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/* The first live process with a pid of at least from, or 0. */
static pid_t next_tgid(pid_t from)
{
	struct task_struct *p;
	pid_t found = 0;

	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (thread_group_leader(p) && !p->exit_state && p->pid >= from &&
		    (!found || p->pid < found))
			found = p->pid;
	}
	spin_unlock(&tasklist_lock);
	return found;
}

static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	pid_t pid;

	if (!emit_dots(file, ctx) || !emit_entries(ctx, root_entries, ARRAY_SIZE(root_entries)))
		return 0;
	if (ctx->pos < FIRST_PROCESS_ENTRY)
		ctx->pos = FIRST_PROCESS_ENTRY;
	while ((pid = next_tgid((pid_t)(ctx->pos - FIRST_PROCESS_ENTRY)))) {
		char name[16];
		int len = snprintf(name, sizeof(name), "%d", pid);

		ctx->pos = FIRST_PROCESS_ENTRY + pid;
		if (!dir_emit(ctx, name, len, 0, DT_DIR))
			break;
		ctx->pos++;
	}
	return 0;
}

static int proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	if (emit_dots(file, ctx))
		emit_entries(ctx, pid_entries, ARRAY_SIZE(pid_entries));
	return 0;
}

static const struct file_operations proc_root_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_root_readdir,
	.llseek		= default_llseek,
};

static const struct file_operations proc_pid_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= proc_pid_readdir,
	.llseek		= default_llseek,
};

/* ---- the file system -------------------------------------------------------------------- */

static void proc_evict_inode(struct inode *inode)
{
	kfree(inode->i_private);
}

static const struct super_operations proc_sops = {
	.evict_inode	= proc_evict_inode,
};

static int proc_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root = new_inode(sb);

	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	if (!root)
		return -ENOMEM;
	root->i_ino = PROC_ROOT_INO;
	root->i_mode = S_IFDIR | 0555;
	root->i_op = &proc_root_inode_operations;
	root->i_fop = &proc_root_operations;
	set_nlink(root, 2);
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *proc_mount(struct file_system_type *fs_type, int flags,
				 const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, proc_fill_super);
}

static struct file_system_type proc_fs_type = {
	.name		= "proc",
	.mount		= proc_mount,
	.kill_sb	= kill_litter_super,
};

int __init proc_root_init(void)
{
	return register_filesystem(&proc_fs_type);
}
