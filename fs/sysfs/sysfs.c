/*
 * sysfs (Linux's fs/sysfs over kernfs, in one small piece): a tree of kernfs_nodes, one
 * directory per kobject, one file per attribute, and symlinks; and the file system that
 * shows it at /sys. Nodes are added at boot and never removed. As in /proc, every lookup
 * makes a fresh inode and an unhashed dentry.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/seq_file.h>

#define SYSFS_MAGIC	0x62656572

/* One name in /sys. children and sibling under kernfs_lock (additions only). */
struct kernfs_node {
	const char *name;
	umode_t mode;
	unsigned int ino;
	struct kernfs_node *parent;
	struct list_head children;
	struct list_head sibling;
	struct kobject *kobj;			/* a directory's kobject, a file's owner */
	const struct kobj_attribute *attr;	/* a file's attribute */
	char *symlink;				/* a link's relative target */
	bool mount_point;			/* a mount point or its ancestor: never removed */
};

static DEFINE_SPINLOCK(kernfs_lock);
static unsigned int kernfs_next_ino = 2;	/* under kernfs_lock; 1 is the root's */

static struct kernfs_node sysfs_root_kn = {
	.name		= "",
	.mode		= S_IFDIR | 0755,
	.ino		= 1,
	.children	= LIST_HEAD_INIT(sysfs_root_kn.children),
};

static struct kernfs_node *kernfs_find_ns(struct kernfs_node *parent, const char *name,
					  size_t len)
{
	struct kernfs_node *kn;

	list_for_each_entry(kn, &parent->children, sibling)
		if (strlen(kn->name) == len && !memcmp(kn->name, name, len))
			return kn;
	return NULL;
}

/*
 * A new node name under parent (NULL if the name is taken, NULL or memory is short).
 * name must outlive the node: a kobject's, an attribute's, or allocated for it.
 */
static struct kernfs_node *kernfs_new_node(struct kernfs_node *parent, const char *name,
					   umode_t mode)
{
	struct kernfs_node *kn = name ? kzalloc(sizeof(*kn), GFP_KERNEL) : NULL;

	if (!kn)
		return NULL;
	kn->name = name;
	kn->mode = mode;
	kn->parent = parent;
	INIT_LIST_HEAD(&kn->children);
	spin_lock(&kernfs_lock);
	if (kernfs_find_ns(parent, name, strlen(name))) {
		spin_unlock(&kernfs_lock);
		pr_warn("sysfs: cannot create duplicate filename '%s'\n", name);
		kfree(kn);
		return NULL;
	}
	kn->ino = kernfs_next_ino++;
	list_add_tail(&kn->sibling, &parent->children);
	spin_unlock(&kernfs_lock);
	return kn;
}

static struct kernfs_node *kobj_sd(struct kobject *kobj)
{
	return kobj ? kobj->sd : &sysfs_root_kn;
}

int sysfs_create_dir_ns(struct kobject *kobj)
{
	struct kernfs_node *kn = kernfs_new_node(kobj_sd(kobj->parent), kobj->name,
						 S_IFDIR | 0755);

	if (!kn)
		return -EEXIST;
	kn->kobj = kobj;
	kobj->sd = kn;
	return 0;
}

/*
 * An empty directory name under parent_kobj for a file system to be mounted on; it and
 * the directories above it are never removed after.
 */
int sysfs_create_mount_point(struct kobject *parent_kobj, const char *name)
{
	struct kernfs_node *kn = kernfs_new_node(kobj_sd(parent_kobj), name, S_IFDIR | 0755);

	if (!kn)
		return -EEXIST;
	for (; kn; kn = kn->parent)
		kn->mount_point = true;
	return 0;
}

static int sysfs_add_file(struct kernfs_node *parent, struct kobject *kobj,
			  const struct attribute *attr)
{
	struct kernfs_node *kn = kernfs_new_node(parent, attr->name, S_IFREG | attr->mode);

	if (!kn)
		return -EEXIST;
	kn->kobj = kobj;
	kn->attr = container_of(attr, struct kobj_attribute, attr);
	return 0;
}

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
	return sysfs_add_file(kobj->sd, kobj, attr);
}

int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *dir = kobj->sd;
	int err = 0;

	if (grp->name) {
		dir = kernfs_new_node(kobj->sd, grp->name, S_IFDIR | 0755);
		if (!dir)
			return -EEXIST;
		dir->kobj = kobj;
	}
	for (struct attribute **attr = grp->attrs; *attr && !err; attr++)
		err = sysfs_add_file(dir, kobj, *attr);
	return err;
}

static bool kernfs_is_ancestor(const struct kernfs_node *a, const struct kernfs_node *kn)
{
	for (; kn; kn = kn->parent)
		if (kn == a)
			return true;
	return false;
}

/*
 * target's path relative to the directory parent: "../" up to their nearest common
 * ancestor, then down (Linux's kernfs_get_target_path).
 */
static int kernfs_get_target_path(struct kernfs_node *parent, struct kernfs_node *target,
				  char *path, size_t size)
{
	struct kernfs_node *base = parent, *kn;
	size_t up = 0, down = 0, pos;

	while (!kernfs_is_ancestor(base, target->parent)) {
		base = base->parent;
		up += 3;
	}
	for (kn = target; kn != base; kn = kn->parent)
		down += strlen(kn->name) + 1;
	if (!down || up + down > size)
		return -ENAMETOOLONG;
	for (pos = 0; pos < up; pos += 3)
		memcpy(path + pos, "../", 3);
	pos = up + down - 1;
	path[pos] = '\0';
	for (kn = target; kn != base; kn = kn->parent) {
		size_t n = strlen(kn->name);

		pos -= n;
		memcpy(path + pos, kn->name, n);
		if (kn->parent != base)
			path[--pos] = '/';
	}
	return 0;
}

int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	char *link_name = kasprintf(GFP_KERNEL, "%s", name);
	struct kernfs_node *kn = NULL;
	int err = -ENOMEM;

	if (!path || !link_name)
		goto fail;
	err = kernfs_get_target_path(kobj->sd, target->sd, path, PATH_MAX);
	if (err)
		goto fail;
	kn = kernfs_new_node(kobj->sd, link_name, S_IFLNK | 0777);
	err = -EEXIST;
	if (!kn)
		goto fail;
	kn->symlink = path;
	return 0;
fail:
	kfree(link_name);
	kfree(path);
	return err;
}

int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
	va_list args;
	int len;

	if (at < 0 || at >= (int)PAGE_SIZE)
		return 0;
	va_start(args, fmt);
	len = vscnprintf(buf + at, PAGE_SIZE - (size_t)at, fmt, args);
	va_end(args);
	return len;
}

int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, PAGE_SIZE, fmt, args);
	va_end(args);
	return len;
}

/* ---- the file system ---------------------------------------------------------------------- */

static const struct inode_operations sysfs_dir_inode_operations;
static const struct file_operations sysfs_dir_operations;
static const struct file_operations sysfs_file_operations;

static struct inode *kernfs_get_inode(struct super_block *sb, struct kernfs_node *kn)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_private = kn;
	inode->i_ino = kn->ino;
	inode->i_mode = kn->mode;
	if (S_ISDIR(kn->mode)) {
		inode->i_op = &sysfs_dir_inode_operations;
		inode->i_fop = &sysfs_dir_operations;
		set_nlink(inode, 2);
	} else if (S_ISLNK(kn->mode)) {
		inode->i_op = &simple_symlink_inode_operations;
		inode->i_link = kn->symlink;
		i_size_write(inode, (loff_t)strlen(kn->symlink));
	} else {
		inode->i_fop = &sysfs_file_operations;
		i_size_write(inode, PAGE_SIZE);	/* as Linux: a page, whatever the text */
	}
	return inode;
}

static struct dentry *kernfs_iop_lookup(struct inode *dir, struct dentry *dentry,
					unsigned int flags)
{
	struct kernfs_node *kn;
	struct inode *inode;

	spin_lock(&kernfs_lock);
	kn = kernfs_find_ns(dir->i_private, (const char *)dentry->d_name.name,
			    dentry->d_name.len);
	spin_unlock(&kernfs_lock);
	if (!kn)
		return NULL;
	inode = kernfs_get_inode(dir->i_sb, kn);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	/*
	 * A mount point's dentry and its ancestors' stay hashed, so walks come to the same
	 * dentry and find what is mounted on it.
	 */
	if (kn->mount_point) {
		d_add(dentry, inode);
		return NULL;
	}
	d_instantiate(dentry, inode);	/* unhashed: looked up afresh each time */
	return NULL;
}

static struct kernfs_node *kernfs_nth_child(struct kernfs_node *parent, loff_t n)
{
	struct kernfs_node *kn;

	list_for_each_entry(kn, &parent->children, sibling)
		if (n-- == 0)
			return kn;
	return NULL;
}

static int kernfs_fop_readdir(struct file *file, struct dir_context *ctx)
{
	struct kernfs_node *parent = file_inode(file)->i_private, *kn;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, parent->ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, parent->parent ? parent->parent->ino : 1, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	for (;;) {
		spin_lock(&kernfs_lock);
		kn = kernfs_nth_child(parent, ctx->pos - 2);
		spin_unlock(&kernfs_lock);
		if (!kn || !dir_emit(ctx, kn->name, (int)strlen(kn->name), kn->ino,
				     fs_umode_to_dtype(kn->mode)))
			return 0;
		ctx->pos++;
	}
}

/* A file's text: its attribute's show() into a page, once per read from the start. */
static int sysfs_kf_seq_show(struct seq_file *m, void *v)
{
	struct kernfs_node *kn = m->private;
	char *buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t count;

	if (!buf)
		return -ENOMEM;
	count = kn->attr->show(kn->kobj, (struct kobj_attribute *)kn->attr, buf);
	if (count >= 0)
		seq_write(m, buf, min_t(size_t, (size_t)count, PAGE_SIZE));
	kfree(buf);
	return count < 0 ? (int)count : 0;
}

static int kernfs_fop_open(struct inode *inode, struct file *file)
{
	return single_open(file, sysfs_kf_seq_show, inode->i_private);
}

/* A write reaches store() whole, as one NUL-terminated string (Linux's kernfs_fop_write_iter). */
static ssize_t kernfs_fop_write_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct kernfs_node *kn = ((struct seq_file *)iocb->ki_filp->private_data)->private;
	size_t len = min_t(size_t, iov_iter_count(iter), PAGE_SIZE - 1);
	char *buf;
	ssize_t ret;

	if (!kn->attr->store)
		return -EIO;
	buf = kmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_iter(buf, len, iter) == len) {
		buf[len] = '\0';
		ret = kn->attr->store(kn->kobj, (struct kobj_attribute *)kn->attr, buf, len);
	}
	kfree(buf);
	return ret;
}

static const struct file_operations sysfs_file_operations = {
	.open		= kernfs_fop_open,
	.read_iter	= seq_read_iter,
	.write_iter	= kernfs_fop_write_iter,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static const struct file_operations sysfs_dir_operations = {
	.read_iter	= generic_read_dir,
	.iterate_shared	= kernfs_fop_readdir,
	.llseek		= default_llseek,
};

static const struct inode_operations sysfs_dir_inode_operations = {
	.lookup		= kernfs_iop_lookup,
};

static const struct super_operations sysfs_sops = {
	.statfs		= simple_statfs,
};

static int sysfs_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;

	sb->s_magic = SYSFS_MAGIC;
	sb->s_op = &sysfs_sops;
	root = kernfs_get_inode(sb, &sysfs_root_kn);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *sysfs_mount(struct file_system_type *fs_type, int flags,
				  const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, sysfs_fill_super);
}

static struct file_system_type sysfs_fs_type = {
	.name		= "sysfs",
	.mount		= sysfs_mount,
	.kill_sb	= kill_litter_super,
};

int __init sysfs_init(void)
{
	return register_filesystem(&sysfs_fs_type);
}
