/*
 * /proc/PID/mounts and /proc/PID/mountinfo (Linux's fs/proc_namespace.c): one line per
 * mount visible from the task's root, in the formats of fstab and of Linux's mountinfo.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/dcache.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include "mount.h"
#include "proc/internal.h"

/* Mount flags as Linux spells them in both files' option lists. */
static void show_mnt_opts(struct seq_file *m, struct vfsmount *mnt)
{
	static const struct { int flag; const char *str; } mnt_opts[] = {
		{ MNT_NOSUID, ",nosuid" },
		{ MNT_NODEV, ",nodev" },
		{ MNT_NOEXEC, ",noexec" },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(mnt_opts); i++)
		if (mnt->mnt_flags & mnt_opts[i].flag)
			seq_puts(m, mnt_opts[i].str);
}

/* path's name from the reader's root, escaped; false if it lies outside that root. */
static bool seq_path_root(struct seq_file *m, const struct path *path,
			  const struct path *root, const char *esc)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	char *s;

	if (!buf)
		return false;
	s = __d_path(path, root, buf, PATH_MAX);
	if (!IS_ERR_OR_NULL(s))
		seq_escape(m, s, esc);
	kfree(buf);
	return !IS_ERR_OR_NULL(s);
}

static void show_devname(struct seq_file *m, struct vfsmount *mnt)
{
	const char *name = real_mount(mnt)->mnt_devname;

	seq_escape(m, name ? name : "none", " \t\n\\");
}

/* The file system's own options (tmpfs's size=, ...), each with its leading comma. */
static void show_sb_options(struct seq_file *m, struct vfsmount *mnt)
{
	const struct super_operations *op = mnt->mnt_sb->s_op;

	if (op && op->show_options)
		op->show_options(m, mnt->mnt_root);
}

static int show_vfsmnt(struct seq_file *m, struct vfsmount *mnt)
{
	struct proc_mounts *p = m->private;
	struct path mnt_path = { .dentry = mnt->mnt_root, .mnt = mnt };
	size_t start = m->count;

	show_devname(m, mnt);
	seq_putc(m, ' ');
	if (!seq_path_root(m, &mnt_path, &p->root, " \t\n\\")) {
		m->count = start;	/* outside the reader's root: not shown */
		return SEQ_SKIP;
	}
	seq_putc(m, ' ');
	seq_escape(m, mnt->mnt_sb->s_type->name, " \t\n\\");
	seq_puts(m, mnt->mnt_flags & MNT_READONLY ? " ro" : " rw");
	show_mnt_opts(m, mnt);
	show_sb_options(m, mnt);
	seq_puts(m, " 0 0\n");
	return 0;
}

static int show_mountinfo(struct seq_file *m, struct vfsmount *mnt)
{
	struct proc_mounts *p = m->private;
	struct mount *r = real_mount(mnt);
	struct super_block *sb = mnt->mnt_sb;
	struct path mnt_path = { .dentry = mnt->mnt_root, .mnt = mnt };
	struct path sb_root = { .dentry = sb->s_root, .mnt = mnt };
	size_t start = m->count;

	seq_printf(m, "%i %i %u:%u ", r->mnt_id, r->mnt_parent->mnt_id, MAJOR(sb->s_dev),
		   MINOR(sb->s_dev));
	seq_path_root(m, &mnt_path, &sb_root, " \t\n\\");
	seq_putc(m, ' ');
	if (!seq_path_root(m, &mnt_path, &p->root, " \t\n\\")) {
		m->count = start;
		return SEQ_SKIP;
	}
	seq_puts(m, mnt->mnt_flags & MNT_READONLY ? " ro" : " rw");
	show_mnt_opts(m, mnt);
	/* No shared subtrees here: no "shared:N" or "master:N" tags. */
	seq_puts(m, " - ");
	seq_escape(m, sb->s_type->name, " \t\n\\");
	seq_putc(m, ' ');
	show_devname(m, mnt);
	seq_puts(m, mnt->mnt_flags & MNT_READONLY ? " ro" : " rw");
	show_sb_options(m, mnt);
	seq_putc(m, '\n');
	return 0;
}

static int mounts_open_common(struct inode *inode, struct file *file,
			      int (*show)(struct seq_file *, struct vfsmount *))
{
	struct task_struct *task = get_proc_task(inode);
	struct proc_mounts *p;
	struct path root;
	int ret = -EINVAL;

	if (!task)
		return -ESRCH;
	task_lock(task);
	if (task->fs) {
		get_fs_root(task->fs, &root);
		ret = 0;
	}
	task_unlock(task);
	put_task_struct(task);
	if (ret)
		return ret;
	p = __seq_open_private(file, &mounts_op, sizeof(*p));
	if (!p) {
		path_put(&root);
		return -ENOMEM;
	}
	p->root = root;
	p->show = show;
	return 0;
}

static int mounts_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	struct proc_mounts *p = m->private;

	path_put(&p->root);
	return seq_release_private(inode, file);
}

static int mounts_open(struct inode *inode, struct file *file)
{
	return mounts_open_common(inode, file, show_vfsmnt);
}

static int mountinfo_open(struct inode *inode, struct file *file)
{
	return mounts_open_common(inode, file, show_mountinfo);
}

const struct file_operations proc_mounts_operations = {
	.open		= mounts_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= mounts_release,
};

const struct file_operations proc_mountinfo_operations = {
	.open		= mountinfo_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= mounts_release,
};
