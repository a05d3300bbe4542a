/*
 * The tree of registered /proc names (Linux's fs/proc/generic.c): proc_mkdir and the
 * proc_create family add a proc_dir_entry under a parent; lookup and readdir of a
 * directory walk its children. Entries live as long as the kernel (nothing removes one).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/seq_file.h>
#include <linux/dcache.h>
#include <asm/uaccess.h>
#include "internal.h"

/* Guards every entry's subdir list (additions only). */
static DEFINE_SPINLOCK(proc_subdir_lock);

/* Inode numbers of registered entries, clear of the per-process ones new_inode gives. */
#define PROC_DYNAMIC_FIRST 0xF0000000U
static unsigned int proc_next_inum = PROC_DYNAMIC_FIRST;	/* under proc_subdir_lock */

static struct proc_dir_entry *pde_subdir_find(struct proc_dir_entry *dir, const char *name,
					      unsigned int len)
{
	struct proc_dir_entry *de;

	list_for_each_entry(de, &dir->subdir, subdir_node)
		if (de->namelen == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

/* The parent directory of a path like "sys/vm/x" under *ret (default /proc); its last name. */
static int xlate_proc_name(const char *name, struct proc_dir_entry **ret,
			   const char **residual)
{
	struct proc_dir_entry *de = *ret ? *ret : &proc_root;
	const char *cp = name, *next;

	spin_lock(&proc_subdir_lock);
	while ((next = strchr(cp, '/'))) {
		de = pde_subdir_find(de, cp, (unsigned int)(next - cp));
		if (!de) {
			spin_unlock(&proc_subdir_lock);
			pr_warn("name '%s'\n", name);
			return -ENOENT;
		}
		cp = next + 1;
	}
	spin_unlock(&proc_subdir_lock);
	*residual = cp;
	*ret = de;
	return 0;
}

struct proc_dir_entry *__proc_create(struct proc_dir_entry **parent, const char *name,
				     umode_t mode, unsigned int nlink)
{
	struct proc_dir_entry *ent;
	const char *fn;
	size_t len;

	if (xlate_proc_name(name, parent, &fn))
		return NULL;
	len = strlen(fn);
	if (!len || len > 255 || strchr(fn, '/')) {
		pr_warn("proc: bad name '%s'\n", name);
		return NULL;
	}
	ent = kzalloc(sizeof(*ent) + len + 1, GFP_KERNEL);
	if (!ent)
		return NULL;
	memcpy(ent->name, fn, len + 1);
	ent->namelen = (u8)len;
	ent->mode = mode;
	ent->nlink = nlink;
	INIT_LIST_HEAD(&ent->subdir);
	return ent;
}

/* Adds dp under dir; a name already there is refused (dp freed, NULL). */
struct proc_dir_entry *proc_register(struct proc_dir_entry *dir, struct proc_dir_entry *dp)
{
	spin_lock(&proc_subdir_lock);
	if (pde_subdir_find(dir, dp->name, dp->namelen)) {
		spin_unlock(&proc_subdir_lock);
		pr_warn("proc_dir_entry '%s/%s' already registered\n", dir->name, dp->name);
		kfree(dp);
		return NULL;
	}
	dp->low_ino = proc_next_inum++;
	dp->parent = dir;
	list_add_tail(&dp->subdir_node, &dir->subdir);
	if (S_ISDIR(dp->mode))
		dir->nlink++;
	spin_unlock(&proc_subdir_lock);
	return dp;
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *ent = __proc_create(&parent, name, S_IFDIR | 0555, 2);

	if (!ent)
		return NULL;
	ent->proc_dir_ops = NULL;	/* proc_get_inode gives directories proc_dir_operations */
	return proc_register(parent, ent);
}

struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest)
{
	struct proc_dir_entry *ent = __proc_create(&parent, name, S_IFLNK | 0777, 1);

	if (!ent)
		return NULL;
	ent->data = (void *)dest;
	ent->size = (loff_t)strlen(dest);
	return proc_register(parent, ent);
}

static struct proc_dir_entry *proc_create_reg(const char *name, umode_t mode,
					      struct proc_dir_entry **parent, void *data)
{
	struct proc_dir_entry *p;

	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (!(mode & S_IALLUGO))
		mode |= 0444;
	p = __proc_create(parent, name, mode, 1);
	if (p)
		p->data = data;
	return p;
}

struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data)
{
	struct proc_dir_entry *p = proc_create_reg(name, mode, &parent, data);

	if (!p)
		return NULL;
	p->proc_ops = proc_ops;
	return proc_register(parent, p);
}

struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops)
{
	return proc_create_data(name, mode, parent, proc_ops, NULL);
}

/* The proc_ops of seq and single files: seq_file's, with the entry's writer. */
static int proc_seq_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);

	if (de->state_size)
		return seq_open_private(file, de->seq_ops, (int)de->state_size);
	return seq_open(file, de->seq_ops);
}

static int proc_seq_release(struct inode *inode, struct file *file)
{
	if (PDE(inode)->state_size)
		return seq_release_private(inode, file);
	return seq_release(inode, file);
}

static int proc_single_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);

	return single_open(file, de->single_show, de->data);
}

/* Copies a write into a kernel buffer (NUL-terminated) for a proc_write_t. */
static ssize_t proc_simple_write(struct file *file, const char __user *ubuf, size_t size,
				 loff_t *pos)
{
	proc_write_t write = PDE(file_inode(file))->write;
	char *buf;
	int ret;

	if (!write)
		return -EIO;
	if (size > PAGE_SIZE - 1)
		return -EINVAL;
	buf = kmalloc(size + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, ubuf, size)) {
		kfree(buf);
		return -EFAULT;
	}
	buf[size] = '\0';
	ret = write(file, buf, size);
	kfree(buf);
	return ret ? ret : (ssize_t)size;
}

static const struct proc_ops proc_seq_ops = {
	.proc_open	= proc_seq_open,
	.proc_read_iter	= seq_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= proc_seq_release,
	.proc_write	= proc_simple_write,
};

static const struct proc_ops proc_single_ops = {
	.proc_open	= proc_single_open,
	.proc_read_iter	= seq_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
	.proc_write	= proc_simple_write,
};

struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data)
{
	struct proc_dir_entry *p = proc_create_reg(name, mode, &parent, data);

	if (!p)
		return NULL;
	p->proc_ops = &proc_seq_ops;
	p->seq_ops = ops;
	p->state_size = state_size;
	return proc_register(parent, p);
}

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data)
{
	struct proc_dir_entry *p = proc_create_reg(name, mode, &parent, data);

	if (!p)
		return NULL;
	p->proc_ops = &proc_single_ops;
	p->single_show = show;
	return proc_register(parent, p);
}

void proc_set_write(struct proc_dir_entry *de, proc_write_t write)
{
	de->write = write;
	de->mode |= S_IWUSR;
}

void *pde_data(const struct inode *inode)
{
	return PDE(inode)->data;
}

/* ---- lookup and readdir of registered directories ----------------------------------------- */

struct dentry *proc_lookup_de(struct inode *dir, struct dentry *dentry,
			      struct proc_dir_entry *de)
{
	struct inode *inode;

	spin_lock(&proc_subdir_lock);
	de = pde_subdir_find(de, (const char *)dentry->d_name.name, dentry->d_name.len);
	spin_unlock(&proc_subdir_lock);
	if (!de)
		return NULL;	/* negative */
	inode = proc_get_inode(dir->i_sb, de);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	return proc_splice_unmountable(dentry, inode);
}

struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	return proc_lookup_de(dir, dentry, PDE(dir));
}

bool proc_emit_dots(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, file_inode(file)->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct dentry *parent = file->f_path.dentry->d_parent;

		if (!dir_emit(ctx, "..", 2, parent->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/* The i'th child of de (positions from 0), or NULL. */
static struct proc_dir_entry *pde_nth_child(struct proc_dir_entry *de, loff_t i)
{
	struct proc_dir_entry *p;

	list_for_each_entry(p, &de->subdir, subdir_node)
		if (i-- == 0)
			return p;
	return NULL;
}

int proc_readdir_de(struct file *file, struct dir_context *ctx, struct proc_dir_entry *de)
{
	struct proc_dir_entry *p;

	if (!proc_emit_dots(file, ctx))
		return 0;
	for (;;) {
		spin_lock(&proc_subdir_lock);
		p = pde_nth_child(de, ctx->pos - 2);
		spin_unlock(&proc_subdir_lock);
		if (!p)
			return 1;
		if (!dir_emit(ctx, p->name, p->namelen, p->low_ino, fs_umode_to_dtype(p->mode)))
			return 0;
		ctx->pos++;
	}
}

int proc_readdir(struct file *file, struct dir_context *ctx)
{
	return proc_readdir_de(file, ctx, PDE(file_inode(file)));
}
