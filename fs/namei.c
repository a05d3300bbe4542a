/*
 * Path walk: from a name to a (mount, dentry). link_path_walk walks every component
 * but the last from the starting point (the root for '/', the cwd or the directory of an
 * fd otherwise), looking each up in the dcache or through the directory's lookup,
 * crossing mount points downwards (follow_mount) and upwards at '..', and following
 * symlinks by walking their bodies in turn (at most 8 nested, 40 in all: -ELOOP). What
 * to do with the last component is the caller's: look it up (filename_lookup), create
 * it (filename_create), open it (do_filp_open) or remove it (filename_parentat).
 * The vfs_* operations that change a directory run with its i_rwsem held.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/file.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include "mount.h"
#include "internal.h"

#define MAX_NESTED_LINKS	8

struct nameidata {
	struct path path;		/* where the walk is */
	struct qstr last;		/* the component after path, once link_path_walk ends */
	int last_type;			/* LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT */
	struct path root;		/* '/' and the floor of '..' */
	unsigned int flags;		/* LOOKUP_* */
	int depth;			/* symlinks being walked, nested */
	int total_link_count;		/* symlinks followed in this walk */
	int dfd;
};

/*
 * A name from kernel memory. An empty one is -ENOENT as getname's without LOOKUP_EMPTY:
 * only execveat's AT_EMPTY_PATH (a user name) may mean the starting point by "".
 */
struct filename *getname_kernel(const char *name)
{
	size_t len = strlen(name) + 1;
	struct filename *result;

	if (len == 1)
		return ERR_PTR(-ENOENT);
	if (len > PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	result = kmalloc(sizeof(*result) + len, GFP_KERNEL);
	if (!result)
		return ERR_PTR(-ENOMEM);
	memcpy(result + 1, name, len);
	result->name = (const char *)(result + 1);
	result->refcnt = 1;
	return result;
}

/* The name at filename in user memory; an empty one is -ENOENT unless LOOKUP_EMPTY. */
struct filename *getname_flags(const char __user *filename, int flags, int *empty)
{
	struct filename *result = kmalloc(sizeof(*result) + PATH_MAX, GFP_KERNEL);
	char *kname;
	long len;

	if (!result)
		return ERR_PTR(-ENOMEM);
	kname = (char *)(result + 1);
	len = strncpy_from_user(kname, filename, PATH_MAX);
	if (len < 0) {
		kfree(result);
		return ERR_PTR(len);
	}
	if (len == PATH_MAX) {
		kfree(result);
		return ERR_PTR(-ENAMETOOLONG);
	}
	if (!len) {
		if (empty)
			*empty = 1;
		if (!(flags & LOOKUP_EMPTY)) {
			kfree(result);
			return ERR_PTR(-ENOENT);
		}
	}
	result->name = kname;
	result->refcnt = 1;
	return result;
}

struct filename *getname(const char __user *filename)
{
	return getname_flags(filename, 0, NULL);
}

void putname(struct filename *name)
{
	if (!IS_ERR_OR_NULL(name) && !--name->refcnt)
		kfree(name);
}

int inode_permission(struct inode *inode, int mask)
{
	/* Root may execute only what has some execute bit, as Linux's capable() check. */
	if ((mask & MAY_EXEC) && !S_ISDIR(inode->i_mode) &&
	    !(inode->i_mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		return -EACCES;
	return 0;
}

static bool can_lookup(const struct dentry *dentry)
{
	return dentry->d_inode && dentry->d_inode->i_op && dentry->d_inode->i_op->lookup;
}

/* The child name of base (base's i_rwsem held): cached, or asked of the file system. */
static struct dentry *__lookup_hash(struct qstr *name, struct dentry *base, unsigned int flags)
{
	struct inode *dir = base->d_inode;
	struct dentry *dentry, *old;

	name->hash = full_name_hash(base, (const char *)name->name, name->len);
	dentry = d_lookup(base, name);
	if (dentry)
		return dentry;
	if (!dir || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	if (IS_DEADDIR(dir))
		return ERR_PTR(-ENOENT);
	dentry = d_alloc(base, name);
	if (!dentry)
		return ERR_PTR(-ENOMEM);
	old = dir->i_op->lookup(dir, dentry, flags);
	if (old) {
		dput(dentry);
		dentry = old;
	}
	return dentry;
}

/* The child from the dcache, else under the directory's lock from the file system. */
static struct dentry *lookup_dcache_or_slow(struct qstr *name, struct dentry *base,
					    unsigned int flags)
{
	struct dentry *dentry;

	name->hash = full_name_hash(base, (const char *)name->name, name->len);
	dentry = d_lookup(base, name);
	if (dentry)
		return dentry;
	inode_lock(base->d_inode);
	dentry = __lookup_hash(name, base, flags);
	inode_unlock(base->d_inode);
	return dentry;
}

struct dentry *lookup_one_len(const char *name, struct dentry *base, int len)
{
	struct qstr this = QSTR_INIT(name, len);

	if (!len || memchr(name, '/', len))
		return ERR_PTR(-EACCES);
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return ERR_PTR(-EACCES);
	return __lookup_hash(&this, base, 0);
}

/* Down through every mount stacked on path. */
static void follow_mount(struct path *path)
{
	while (d_mountpoint(path->dentry) && follow_down_one(path))
		;
}

static void set_root(struct nameidata *nd)
{
	if (!nd->root.mnt)
		get_fs_root(current->fs, &nd->root);
}

static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct dentry *parent;

		if (path_equal(&nd->path, &nd->root))
			break;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			parent = dget_parent(nd->path.dentry);
			dput(nd->path.dentry);
			nd->path.dentry = parent;
			break;
		}
		if (!follow_up(&nd->path))
			break;
	}
	follow_mount(&nd->path);
}

/* Replaces nd->path with path (whose references pass to nd). */
static void nd_jump(struct nameidata *nd, struct path *path)
{
	path_put(&nd->path);
	nd->path = *path;
}

static int walk_component(struct nameidata *nd, bool follow);
static int link_path_walk(const char *name, struct nameidata *nd);

/*
 * Walks the body of the symlink at link (a child of nd->path) from the root or from
 * nd->path, all but its last component, which is left in nd->last for the caller. The
 * link stays held (its body is in use) until the caller puts it; on error it is put.
 */
static int walk_link_body(struct nameidata *nd, struct path *link)
{
	struct inode *inode = link->dentry->d_inode;
	const char *body;
	int err;

	if (nd->depth >= MAX_NESTED_LINKS || ++nd->total_link_count > MAXSYMLINKS) {
		path_put(link);
		return -ELOOP;
	}
	body = inode->i_link;
	if (!body && inode->i_op->get_link)
		body = inode->i_op->get_link(link->dentry, inode);
	if (IS_ERR_OR_NULL(body)) {
		path_put(link);
		return body ? (int)PTR_ERR(body) : -EINVAL;
	}
	if (*body == '/') {
		struct path root = nd->root;

		path_get(&root);
		nd_jump(nd, &root);
	}
	/* Only the body's inner components nest; its last is walked as the link's own step. */
	nd->depth++;
	err = link_path_walk(body, nd);
	nd->depth--;
	if (err)
		path_put(link);
	return err;
}

/* Walks the symlink at link, its body's last component included. */
static int pick_link(struct nameidata *nd, struct path *link)
{
	int err = walk_link_body(nd, link);

	if (err)
		return err;
	err = walk_component(nd, true);
	path_put(link);
	return err;
}

/*
 * Steps nd->path to nd->last: '.', '..', or a name looked up, its mounts crossed, and
 * its symlink walked when follow. A negative name is -ENOENT.
 */
static int walk_component(struct nameidata *nd, bool follow)
{
	struct path path;
	struct dentry *dentry;

	if (nd->last_type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	if (nd->last_type != LAST_NORM)
		return 0;
	if (!can_lookup(nd->path.dentry))
		return -ENOTDIR;
	dentry = lookup_dcache_or_slow(&nd->last, nd->path.dentry, nd->flags);
	if (IS_ERR(dentry))
		return (int)PTR_ERR(dentry);
	if (d_is_negative(dentry)) {
		dput(dentry);
		return -ENOENT;
	}
	path.mnt = mntget(nd->path.mnt);
	path.dentry = dentry;
	follow_mount(&path);
	if (follow && d_is_symlink(path.dentry))
		return pick_link(nd, &path);
	nd_jump(nd, &path);
	return 0;
}

/* Splits the next component off name into nd->last; returns what follows it. */
static const char *next_component(const char *name, struct nameidata *nd)
{
	size_t len = 0;

	while (name[len] && name[len] != '/')
		len++;
	nd->last.name = (const unsigned char *)name;
	nd->last.len = (u32)len;
	nd->last_type = LAST_NORM;
	if (name[0] == '.' && len == 1)
		nd->last_type = LAST_DOT;
	else if (name[0] == '.' && name[1] == '.' && len == 2)
		nd->last_type = LAST_DOTDOT;
	return name + len;
}

/*
 * Walks every component of name but the last, leaving nd->path at the last one's
 * directory and the last in nd->last (LAST_ROOT when name is only slashes). A trailing
 * slash asks for a directory (LOOKUP_DIRECTORY, and symlinks followed).
 */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	while (*name == '/')
		name++;
	if (!*name) {
		nd->last_type = LAST_ROOT;
		return 0;
	}
	for (;;) {
		int err;

		name = next_component(name, nd);
		if (nd->last.len > NAME_MAX)
			return -ENAMETOOLONG;
		if (!*name)
			return 0;
		while (*name == '/')
			name++;
		if (!*name) {
			if (!nd->depth)
				nd->flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
			return 0;
		}
		err = walk_component(nd, true);
		if (err)
			return err;
		if (!can_lookup(nd->path.dentry))
			return -ENOTDIR;
	}
}

/* Where the walk of name starts: the root, the cwd, or the directory of dfd. */
static int path_init(struct nameidata *nd, const char *name)
{
	struct file *f;

	set_root(nd);
	if (*name == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
		return 0;
	}
	if (nd->dfd == AT_FDCWD) {
		get_fs_pwd(current->fs, &nd->path);
		return 0;
	}
	f = fget_raw(nd->dfd);
	if (!f)
		return -EBADF;
	if (*name && !can_lookup(f->f_path.dentry)) {
		fput(f);
		return -ENOTDIR;
	}
	nd->path = f->f_path;
	path_get(&nd->path);
	fput(f);
	return 0;
}

static void nd_init(struct nameidata *nd, int dfd, unsigned int flags, const struct path *root)
{
	memset(nd, 0, sizeof(*nd));
	nd->dfd = dfd;
	nd->flags = flags;
	if (root) {
		nd->root = *root;
		path_get(&nd->root);
	}
}

static void terminate_walk(struct nameidata *nd)
{
	path_put(&nd->path);
	path_put(&nd->root);
	nd->path.mnt = NULL;
	nd->path.dentry = NULL;
}

static int path_lookupat(struct nameidata *nd, const char *name, struct path *path)
{
	int err;

	if (!*name && !(nd->flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(nd, name);
	if (!err)
		err = link_path_walk(name, nd);
	if (!err)
		err = walk_component(nd, nd->flags & LOOKUP_FOLLOW);
	if (!err && (nd->flags & LOOKUP_DIRECTORY) && !can_lookup(nd->path.dentry))
		err = -ENOTDIR;
	if (!err) {
		*path = nd->path;
		nd->path.mnt = NULL;
		nd->path.dentry = NULL;
	}
	return err;
}

int filename_lookup(int dfd, struct filename *name, unsigned int flags, struct path *path,
		    const struct path *root)
{
	struct nameidata nd;
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	nd_init(&nd, dfd, flags, root);
	err = path_lookupat(&nd, name->name, path);
	terminate_walk(&nd);
	return err;
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	struct filename *filename = getname_kernel(name);
	int err = filename_lookup(AT_FDCWD, filename, flags, path, NULL);

	putname(filename);
	return err;
}

int filename_parentat(int dfd, struct filename *name, unsigned int flags,
		      struct path *parent, struct qstr *last, int *type)
{
	struct nameidata nd;
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	nd_init(&nd, dfd, flags, NULL);
	err = *name->name ? path_init(&nd, name->name) : -ENOENT;
	if (!err)
		err = link_path_walk(name->name, &nd);
	if (!err) {
		*parent = nd.path;
		*last = nd.last;
		*type = nd.last_type;
		nd.path.mnt = NULL;
		nd.path.dentry = NULL;
	}
	terminate_walk(&nd);
	return err;
}

struct dentry *filename_create(int dfd, struct filename *name, struct path *path,
			       unsigned int lookup_flags)
{
	struct dentry *dentry;
	struct qstr last;
	int type, err;

	err = filename_parentat(dfd, name, 0, path, &last, &type);
	if (err)
		return ERR_PTR(err);
	if (type != LAST_NORM) {
		path_put(path);
		return ERR_PTR(-EEXIST);
	}
	inode_lock_nested(path->dentry->d_inode, I_MUTEX_PARENT);
	dentry = __lookup_hash(&last, path->dentry, lookup_flags);
	if (IS_ERR(dentry))
		goto unlock;
	err = -EEXIST;
	if (!d_is_negative(dentry))
		goto fail;
	/* "name/" creates only directories: anything else does not exist. */
	err = -ENOENT;
	if (last.name[last.len] && !(lookup_flags & LOOKUP_DIRECTORY))
		goto fail;
	return dentry;
fail:
	dput(dentry);
	dentry = ERR_PTR(err);
unlock:
	inode_unlock(path->dentry->d_inode);
	path_put(path);
	return dentry;
}

struct dentry *kern_path_create(int dfd, const char *pathname, struct path *path,
				unsigned int lookup_flags)
{
	struct filename *filename = getname_kernel(pathname);
	struct dentry *dentry;

	if (IS_ERR(filename))
		return ERR_CAST(filename);
	dentry = filename_create(dfd, filename, path, lookup_flags);
	putname(filename);
	return dentry;
}

void done_path_create(struct path *path, struct dentry *dentry)
{
	dput(dentry);
	inode_unlock(path->dentry->d_inode);
	path_put(path);
}

/* ---- open ------------------------------------------------------------------------- */

static int may_open(const struct path *path, int acc_mode, int flag)
{
	struct inode *inode = path->dentry->d_inode;

	if (S_ISLNK(inode->i_mode))
		return -ELOOP;
	if (S_ISDIR(inode->i_mode) && (acc_mode & MAY_WRITE))
		return -EISDIR;
	if ((flag & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if ((S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) &&
	    (path->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;
	if ((acc_mode & MAY_WRITE) && (path->mnt->mnt_flags & MNT_READONLY))
		return -EROFS;
	return inode_permission(inode, acc_mode);
}

static int follow_link_for_open(struct nameidata *nd, struct path *link, int flags,
				umode_t mode, bool *created);

/*
 * The last component of an open with O_CREAT: found, or created in the locked parent.
 * Sets *created when it made the file.
 */
static struct dentry *lookup_open(struct nameidata *nd, int flags, umode_t mode, bool *created)
{
	struct inode *dir = nd->path.dentry->d_inode;
	struct dentry *dentry;
	int err;

	inode_lock(dir);
	dentry = __lookup_hash(&nd->last, nd->path.dentry, nd->flags);
	if (IS_ERR(dentry) || !d_is_negative(dentry))
		goto out;
	if (nd->path.mnt->mnt_flags & MNT_READONLY)
		err = -EROFS;
	else
		err = vfs_create(dir, dentry, mode & ~current->fs->umask, true);
	if (err) {
		dput(dentry);
		dentry = ERR_PTR(err);
	} else {
		*created = true;
	}
out:
	inode_unlock(dir);
	return dentry;
}

/*
 * The last component of an open: looked up (or created), mounts crossed, a trailing
 * symlink walked unless O_NOFOLLOW (-ELOOP) or O_CREAT|O_EXCL (-EEXIST); on success
 * nd->path is the file to open.
 */
static int open_last_lookups(struct nameidata *nd, int flags, umode_t mode, bool *created)
{
	struct path path;
	struct dentry *dentry;

	if (nd->last_type != LAST_NORM) {
		if (flags & O_CREAT)
			return -EISDIR;
		return walk_component(nd, true);
	}
	if (!(flags & O_CREAT)) {
		if (!(flags & O_NOFOLLOW))
			nd->flags |= LOOKUP_FOLLOW;
		return walk_component(nd, nd->flags & LOOKUP_FOLLOW);
	}
	if (nd->last.name[nd->last.len])
		return -EISDIR;
	dentry = lookup_open(nd, flags, mode, created);
	if (IS_ERR(dentry))
		return (int)PTR_ERR(dentry);
	if (!*created && (flags & O_EXCL)) {
		dput(dentry);
		return -EEXIST;
	}
	path.mnt = mntget(nd->path.mnt);
	path.dentry = dentry;
	follow_mount(&path);
	/* The target, which O_CREAT may make, is opened through the link. */
	if (d_is_symlink(path.dentry) && !(flags & O_NOFOLLOW))
		return follow_link_for_open(nd, &path, flags, mode, created);
	nd_jump(nd, &path);
	return 0;
}

/* Walks link's body from nd->path and opens its last component as open_last_lookups. */
static int follow_link_for_open(struct nameidata *nd, struct path *link, int flags,
				umode_t mode, bool *created)
{
	int err = walk_link_body(nd, link);

	if (err)
		return err;
	err = open_last_lookups(nd, flags, mode, created);
	path_put(link);
	return err;
}

fmode_t open_flags_to_fmode(int flags)
{
	fmode_t mode = FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;

	if ((flags & O_ACCMODE) != O_WRONLY)
		mode |= FMODE_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		mode |= FMODE_WRITE;
	return mode;
}

static int open_acc_mode(int flags)
{
	int acc = 0;

	if ((flags & O_ACCMODE) != O_WRONLY)
		acc |= MAY_READ;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		acc |= MAY_WRITE;
	return acc;
}

static int do_open(struct nameidata *nd, struct file *file, int flags, bool created)
{
	struct inode *inode = nd->path.dentry->d_inode;
	int err;

	if ((nd->flags & LOOKUP_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (flags & O_PATH) {
		if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
			return -ENOTDIR;
		return vfs_open(&nd->path, file);
	}
	err = may_open(&nd->path, open_acc_mode(flags), flags);
	if (err)
		return err;
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created) {
		err = do_truncate(nd->path.dentry, 0, ATTR_MTIME | ATTR_CTIME, NULL);
		if (err)
			return err;
	}
	return vfs_open(&nd->path, file);
}

struct file *do_filp_open(int dfd, struct filename *pathname, int flags, umode_t mode)
{
	struct nameidata nd;
	struct file *file;
	bool created = false;
	int err;

	if (IS_ERR(pathname))
		return ERR_CAST(pathname);
	file = alloc_empty_file(flags);
	if (IS_ERR(file))
		return file;
	nd_init(&nd, dfd, (flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0, NULL);
	/* An empty name (getname allowed it: LOOKUP_EMPTY) opens dfd's own file again. */
	err = path_init(&nd, pathname->name);
	if (!err)
		err = link_path_walk(pathname->name, &nd);
	if (!err)
		err = open_last_lookups(&nd, flags, mode, &created);
	if (!err)
		err = do_open(&nd, file, flags, created);
	terminate_walk(&nd);
	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

/* ---- the directory operations ------------------------------------------------------ */

static int may_create(struct inode *dir, struct dentry *child)
{
	if (child->d_inode)
		return -EEXIST;
	if (IS_DEADDIR(dir))
		return -ENOENT;
	return 0;
}

/* Whether victim, a child of dir, may be removed (as a directory when isdir). */
static int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	if (d_is_negative(victim))
		return -ENOENT;
	if (victim->d_parent->d_inode != dir)
		return -ENOENT;
	if (isdir) {
		if (!d_is_dir(victim))
			return -ENOTDIR;
		if (IS_ROOT(victim))
			return -EBUSY;
	} else if (d_is_dir(victim)) {
		return -EISDIR;
	}
	if (IS_DEADDIR(dir))
		return -ENOENT;
	return 0;
}

int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool want_excl)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if (!dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, dentry, (mode & S_IALLUGO) | S_IFREG, want_excl);
}

int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, mode & (S_IRWXUGO | S_ISVTX));
}

int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, dev);
}

int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *oldname)
{
	int err = may_create(dir, dentry);

	if (err)
		return err;
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, oldname);
}

int vfs_link(struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry)
{
	struct inode *inode = old_dentry->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = may_create(dir, new_dentry);
	if (err)
		return err;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op->link)
		return -EPERM;
	inode_lock(inode);
	err = inode->i_nlink ? dir->i_op->link(old_dentry, dir, new_dentry) : -ENOENT;
	inode_unlock(inode);
	return err;
}

int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	int err = may_delete(dir, dentry, true);

	if (err)
		return err;
	if (!dir->i_op->rmdir)
		return -EPERM;
	inode_lock(dentry->d_inode);
	if (d_mountpoint(dentry))
		err = -EBUSY;
	else
		err = dir->i_op->rmdir(dir, dentry);
	if (!err)
		dentry->d_inode->i_flags |= S_DEAD;
	inode_unlock(dentry->d_inode);
	if (!err)
		d_delete(dentry);
	return err;
}

int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *target = dentry->d_inode;
	int err = may_delete(dir, dentry, false);

	if (err)
		return err;
	if (!dir->i_op->unlink)
		return -EPERM;
	inode_lock(target);
	err = d_mountpoint(dentry) ? -EBUSY : dir->i_op->unlink(dir, dentry);
	inode_unlock(target);
	if (!err)
		d_delete(dentry);
	return err;
}

/* Checks and locks for a rename of old_dentry to new_dentry (both children of locked dirs). */
static int may_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		      struct dentry *new_dentry, unsigned int flags)
{
	bool is_dir = d_is_dir(old_dentry);
	int err = may_delete(old_dir, old_dentry, is_dir);

	if (err)
		return err;
	if (d_is_negative(new_dentry)) {
		if (flags & RENAME_EXCHANGE)
			return -ENOENT;
		return may_create(new_dir, new_dentry);
	}
	if (flags & RENAME_NOREPLACE)
		return -EEXIST;
	if (flags & RENAME_EXCHANGE)
		return may_delete(new_dir, new_dentry, d_is_dir(new_dentry));
	return may_delete(new_dir, new_dentry, is_dir);
}

int vfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	       struct dentry *new_dentry, unsigned int flags)
{
	struct inode *source = old_dentry->d_inode, *target = new_dentry->d_inode;
	int err;

	if (source == target)
		return 0;
	err = may_rename(old_dir, old_dentry, new_dir, new_dentry, flags);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	if (d_mountpoint(old_dentry) || d_mountpoint(new_dentry))
		return -EBUSY;
	inode_lock(source);
	if (target)
		inode_lock_nested(target, I_MUTEX_NONDIR2);
	err = old_dir->i_op->rename(old_dir, old_dentry, new_dir, new_dentry, flags);
	if (!err && target && S_ISDIR(target->i_mode) && !(flags & RENAME_EXCHANGE))
		target->i_flags |= S_DEAD;
	if (target)
		inode_unlock(target);
	inode_unlock(source);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE)
		d_exchange(old_dentry, new_dentry);
	else
		d_move(old_dentry, new_dentry);
	return 0;
}

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

/* ---- the *at operations on names, for the syscalls and fs/init.c ------------------- */

static int may_mknod(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
	case 0:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

int do_mknodat(int dfd, struct filename *name, umode_t mode, unsigned int dev)
{
	struct dentry *dentry;
	struct path path;
	struct inode *dir;
	int err = may_mknod(mode);

	if (err)
		goto out;
	dentry = filename_create(dfd, name, &path, 0);
	err = (int)PTR_ERR(dentry);
	if (IS_ERR(dentry))
		goto out;
	dir = path.dentry->d_inode;
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	mode &= (umode_t)~current->fs->umask;
	if (S_ISREG(mode))
		err = vfs_create(dir, dentry, mode, true);
	else
		err = vfs_mknod(dir, dentry, mode, new_decode_dev(dev));
	done_path_create(&path, dentry);
out:
	putname(name);
	return err;
}

int do_mkdirat(int dfd, struct filename *name, umode_t mode)
{
	struct dentry *dentry;
	struct path path;
	int err;

	dentry = filename_create(dfd, name, &path, LOOKUP_DIRECTORY);
	err = (int)PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		err = vfs_mkdir(path.dentry->d_inode, dentry, mode & (umode_t)~current->fs->umask);
		done_path_create(&path, dentry);
	}
	putname(name);
	return err;
}

int do_symlinkat(struct filename *from, int newdfd, struct filename *to)
{
	struct dentry *dentry;
	struct path path;
	int err = (int)PTR_ERR(from);

	if (IS_ERR(from))
		goto out;
	dentry = filename_create(newdfd, to, &path, 0);
	err = (int)PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		err = vfs_symlink(path.dentry->d_inode, dentry, from->name);
		done_path_create(&path, dentry);
	}
out:
	putname(from);
	putname(to);
	return err;
}

int do_linkat(int olddfd, struct filename *old, int newdfd, struct filename *new, int flags)
{
	struct path old_path, new_path;
	struct dentry *new_dentry;
	unsigned int how = 0;
	int err = -EINVAL;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		goto out;
	if (flags & AT_SYMLINK_FOLLOW)
		how |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	err = filename_lookup(olddfd, old, how, &old_path, NULL);
	if (err)
		goto out;
	new_dentry = filename_create(newdfd, new, &new_path, 0);
	err = (int)PTR_ERR(new_dentry);
	if (IS_ERR(new_dentry))
		goto out_put;
	err = -EXDEV;
	if (old_path.mnt == new_path.mnt)
		err = vfs_link(old_path.dentry, new_path.dentry->d_inode, new_dentry);
	done_path_create(&new_path, new_dentry);
out_put:
	path_put(&old_path);
out:
	putname(old);
	putname(new);
	return err;
}

int do_rmdir(int dfd, struct filename *name)
{
	struct path path;
	struct qstr last;
	struct dentry *dentry;
	int type, err;

	err = filename_parentat(dfd, name, 0, &path, &last, &type);
	if (err)
		goto out;
	if (type != LAST_NORM) {
		err = type == LAST_DOTDOT ? -ENOTEMPTY : type == LAST_DOT ? -EINVAL : -EBUSY;
		goto put;
	}
	inode_lock_nested(path.dentry->d_inode, I_MUTEX_PARENT);
	dentry = __lookup_hash(&last, path.dentry, 0);
	err = (int)PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		err = vfs_rmdir(path.dentry->d_inode, dentry);
		dput(dentry);
	}
	inode_unlock(path.dentry->d_inode);
put:
	path_put(&path);
out:
	putname(name);
	return err;
}

int do_unlinkat(int dfd, struct filename *name)
{
	struct path path;
	struct qstr last;
	struct dentry *dentry;
	int type, err;

	err = filename_parentat(dfd, name, 0, &path, &last, &type);
	if (err)
		goto out;
	err = -EISDIR;
	if (type != LAST_NORM)
		goto put;
	inode_lock_nested(path.dentry->d_inode, I_MUTEX_PARENT);
	dentry = __lookup_hash(&last, path.dentry, 0);
	err = (int)PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		/* "name/": a directory is -EISDIR (vfs_unlink), anything else -ENOTDIR. */
		if (last.name[last.len] && dentry->d_inode && !d_is_dir(dentry))
			err = -ENOTDIR;
		else
			err = vfs_unlink(path.dentry->d_inode, dentry);
		dput(dentry);
	}
	inode_unlock(path.dentry->d_inode);
put:
	path_put(&path);
out:
	putname(name);
	return err;
}

/* The child of ancestor on the way up from dentry, or NULL when it is not below it. */
static struct dentry *d_ancestor(struct dentry *ancestor, struct dentry *dentry)
{
	for (struct dentry *p = dentry; !IS_ROOT(p); p = p->d_parent)
		if (p->d_parent == ancestor)
			return p;
	return NULL;
}

/*
 * Locks both directories of a rename, the ancestor first; returns the child of one that
 * is an ancestor of the other (a rename into or over it is a loop), or NULL.
 */
static struct dentry *lock_rename(struct dentry *p1, struct dentry *p2)
{
	struct dentry *p;

	if (p1 == p2) {
		inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
		return NULL;
	}
	mutex_lock(&p1->d_sb->s_vfs_rename_mutex);
	spin_lock(&dcache_lock);
	p = d_ancestor(p2, p1);
	spin_unlock(&dcache_lock);
	if (p) {
		inode_lock_nested(p2->d_inode, I_MUTEX_PARENT);
		inode_lock_nested(p1->d_inode, I_MUTEX_CHILD);
		return p;
	}
	spin_lock(&dcache_lock);
	p = d_ancestor(p1, p2);
	spin_unlock(&dcache_lock);
	inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
	inode_lock_nested(p2->d_inode, p ? I_MUTEX_CHILD : I_MUTEX_PARENT2);
	return p;
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	inode_unlock(p1->d_inode);
	if (p1 != p2) {
		inode_unlock(p2->d_inode);
		mutex_unlock(&p1->d_sb->s_vfs_rename_mutex);
	}
}

/* The rename itself, both parents locked and trap the ancestor child lock_rename found. */
static int rename_locked(struct path *old_path, struct qstr *old_last, struct path *new_path,
			 struct qstr *new_last, struct dentry *trap, unsigned int flags)
{
	struct dentry *old_dentry, *new_dentry;
	int err;

	old_dentry = __lookup_hash(old_last, old_path->dentry, 0);
	if (IS_ERR(old_dentry))
		return (int)PTR_ERR(old_dentry);
	err = -ENOENT;
	if (d_is_negative(old_dentry))
		goto put_old;
	new_dentry = __lookup_hash(new_last, new_path->dentry, 0);
	err = (int)PTR_ERR(new_dentry);
	if (IS_ERR(new_dentry))
		goto put_old;
	err = -ENOTDIR;
	if (!d_is_dir(old_dentry) && (old_last->name[old_last->len] ||
	    (!(flags & RENAME_EXCHANGE) && new_last->name[new_last->len])))
		goto put_new;
	err = -EINVAL;
	if (old_dentry == trap)
		goto put_new;
	err = (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
	if (new_dentry == trap)
		goto put_new;
	err = vfs_rename(old_path->dentry->d_inode, old_dentry, new_path->dentry->d_inode,
			 new_dentry, flags);
put_new:
	dput(new_dentry);
put_old:
	dput(old_dentry);
	return err;
}

int do_renameat2(int olddfd, struct filename *from, int newdfd, struct filename *to,
		 unsigned int flags)
{
	struct path old_path, new_path;
	struct qstr old_last, new_last;
	int old_type, new_type, err = -EINVAL;
	struct dentry *trap;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		goto out;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		goto out;
	err = filename_parentat(olddfd, from, 0, &old_path, &old_last, &old_type);
	if (err)
		goto out;
	err = filename_parentat(newdfd, to, 0, &new_path, &new_last, &new_type);
	if (err)
		goto put_old;
	err = -EXDEV;
	if (old_path.mnt != new_path.mnt)
		goto put_new;
	err = -EBUSY;
	if (old_type != LAST_NORM || new_type != LAST_NORM)
		goto put_new;
	trap = lock_rename(new_path.dentry, old_path.dentry);
	err = rename_locked(&old_path, &old_last, &new_path, &new_last, trap, flags);
	unlock_rename(new_path.dentry, old_path.dentry);
put_new:
	path_put(&new_path);
put_old:
	path_put(&old_path);
out:
	putname(from);
	putname(to);
	return err;
}

int user_path_at_empty(int dfd, const char __user *name, unsigned int flags,
		       struct path *path, int *empty)
{
	struct filename *filename = getname_flags(name, flags, empty);
	int err = filename_lookup(dfd, filename, flags, path, NULL);

	putname(filename);
	return err;
}

int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path)
{
	return user_path_at_empty(dfd, name, flags, path, NULL);
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, umode_t, mode,
		unsigned int, dev)
{
	return do_mknodat(dfd, getname(filename), mode, dev);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	return do_mkdirat(dfd, getname(pathname), mode);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flag & AT_REMOVEDIR)
		return do_rmdir(dfd, getname(pathname));
	return do_unlinkat(dfd, getname(pathname));
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_symlinkat(getname(oldname), newdfd, getname(newname));
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, int, flags)
{
	int how = (flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0;

	return do_linkat(olddfd, getname_flags(oldname, how, NULL), newdfd, getname(newname),
			 flags);
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, unsigned int, flags)
{
	return do_renameat2(olddfd, getname(oldname), newdfd, getname(newname), flags);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_renameat2(olddfd, getname(oldname), newdfd, getname(newname), 0);
}
