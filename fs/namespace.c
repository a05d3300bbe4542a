/*
 * The mount tree: struct mount (fs/mount.h) for each mount, found from a (mount,
 * dentry) mount point through mount_hashtable; the root is rootfs, mounted by mnt_init.
 * There is one namespace. mount(2) and umount2(2) are path_mount and path_umount.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <linux/seq_file.h>
#include "mount.h"
#include <linux/init_syscalls.h>
#include "internal.h"

#define MNT_HASHSIZE	256

DEFINE_SPINLOCK(mount_lock);
static DEFINE_MUTEX(namespace_sem);
static struct list_head *mount_hashtable;	/* MNT_HASHSIZE buckets, from mnt_init */
static LIST_HEAD(ns_list);		/* every attached mount, in mount order */
static int next_mnt_id;			/* under mount_lock */
static long mounts_alive;		/* under mount_lock */

static struct list_head *m_hash(struct vfsmount *mnt, struct dentry *dentry)
{
	unsigned long h = ((unsigned long)mnt >> 6) + ((unsigned long)dentry >> 6);

	return &mount_hashtable[(h ^ (h >> 8)) & (MNT_HASHSIZE - 1)];
}

long nr_mounts(void)
{
	return READ_ONCE(mounts_alive);
}

static struct mount *alloc_vfsmnt(const char *name)
{
	struct mount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);

	if (!mnt)
		return NULL;
	if (name) {
		size_t len = strlen(name) + 1;
		char *copy = kmalloc(len, GFP_KERNEL);

		if (!copy) {
			kfree(mnt);
			return NULL;
		}
		memcpy(copy, name, len);
		mnt->mnt_devname = copy;
	}
	mnt->mnt_count = 1;
	mnt->mnt_parent = mnt;
	INIT_LIST_HEAD(&mnt->mnt_hash);
	INIT_LIST_HEAD(&mnt->mnt_mounts);
	INIT_LIST_HEAD(&mnt->mnt_child);
	INIT_LIST_HEAD(&mnt->mnt_list);
	spin_lock(&mount_lock);
	mnt->mnt_id = ++next_mnt_id;
	mounts_alive++;
	spin_unlock(&mount_lock);
	return mnt;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags, const char *name,
				void *data)
{
	struct mount *mnt;
	struct dentry *root;

	if (!type)
		return ERR_PTR(-ENODEV);
	mnt = alloc_vfsmnt(name);
	if (!mnt)
		return ERR_PTR(-ENOMEM);
	root = type->mount(type, flags, name, data);
	if (IS_ERR(root)) {
		spin_lock(&mount_lock);
		mounts_alive--;
		spin_unlock(&mount_lock);
		kfree(mnt->mnt_devname);
		kfree(mnt);
		return ERR_CAST(root);
	}
	mnt->mnt.mnt_root = root;
	mnt->mnt.mnt_sb = root->d_sb;
	mnt->mnt_mountpoint = root;
	return &mnt->mnt;
}

struct vfsmount *kern_mount(struct file_system_type *type)
{
	return vfs_kern_mount(type, 0, type->name, NULL);
}

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt) {
		spin_lock(&mount_lock);
		real_mount(mnt)->mnt_count++;
		spin_unlock(&mount_lock);
	}
	return mnt;
}

void mntput(struct vfsmount *m)
{
	struct mount *mnt;
	int left;

	if (!m)
		return;
	mnt = real_mount(m);
	spin_lock(&mount_lock);
	WARN_ON(mnt->mnt_count <= 0);
	left = --mnt->mnt_count;
	if (!left)
		mounts_alive--;
	spin_unlock(&mount_lock);
	if (left)
		return;
	dput(m->mnt_root);
	deactivate_super(m->mnt_sb);
	kfree(mnt->mnt_devname);
	kfree(mnt);
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct list_head *head = m_hash(path->mnt, path->dentry);
	struct mount *p, *found = NULL;

	spin_lock(&mount_lock);
	list_for_each_entry(p, head, mnt_hash) {
		if (&p->mnt_parent->mnt == path->mnt && p->mnt_mountpoint == path->dentry) {
			found = p;
			found->mnt_count++;
			break;
		}
	}
	spin_unlock(&mount_lock);
	return found ? &found->mnt : NULL;
}

/* Whether some mount still sits on dentry (any parent); mount_lock held. */
static bool dentry_still_mounted(struct dentry *dentry)
{
	struct mount *p;

	list_for_each_entry(p, &ns_list, mnt_list)
		if (mnt_has_parent(p) && p->mnt_mountpoint == dentry)
			return true;
	return false;
}

/* Puts mnt on path (the tree takes over mnt's reference and one on path). */
static void attach_mnt(struct mount *mnt, const struct path *path)
{
	struct mount *parent = real_mount(path->mnt);

	dget(path->dentry);
	spin_lock(&mount_lock);
	parent->mnt_count++;
	mnt->mnt_parent = parent;
	mnt->mnt_mountpoint = path->dentry;
	list_add_tail(&mnt->mnt_hash, m_hash(path->mnt, path->dentry));
	list_add_tail(&mnt->mnt_child, &parent->mnt_mounts);
	list_add_tail(&mnt->mnt_list, &ns_list);
	spin_lock(&dcache_lock);
	path->dentry->d_flags |= DCACHE_MOUNTED;
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
}

/* Takes mnt off the tree; the caller puts the returned mount point and parent. */
static void detach_mnt(struct mount *mnt, struct path *old)
{
	old->dentry = mnt->mnt_mountpoint;
	old->mnt = &mnt->mnt_parent->mnt;
	list_del_init(&mnt->mnt_hash);
	list_del_init(&mnt->mnt_child);
	list_del_init(&mnt->mnt_list);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt.mnt_root;
	if (!dentry_still_mounted(old->dentry)) {
		spin_lock(&dcache_lock);
		old->dentry->d_flags &= ~DCACHE_MOUNTED;
		spin_unlock(&dcache_lock);
	}
}

static int do_add_mount(struct mount *newmnt, const struct path *path)
{
	struct vfsmount *top;

	if (d_is_dir(path->dentry) != S_ISDIR(newmnt->mnt.mnt_root->d_inode->i_mode))
		return -ENOTDIR;
	/* Mounted on since our walk (namespace_sem was not held then). */
	top = lookup_mnt(path);
	if (top) {
		mntput(top);
		return -EBUSY;
	}
	attach_mnt(newmnt, path);
	return 0;
}

static int do_new_mount(const struct path *path, const char *fstype, int flags,
			const char *name, void *data)
{
	struct file_system_type *type;
	struct vfsmount *mnt;
	int err;

	if (!fstype)
		return -EINVAL;
	type = get_fs_type(fstype);
	if (!type)
		return -ENODEV;
	mnt = vfs_kern_mount(type, flags, name, data);
	if (IS_ERR(mnt))
		return (int)PTR_ERR(mnt);
	mnt->mnt_flags = (flags & MS_RDONLY) ? MNT_READONLY : 0;
	err = do_add_mount(real_mount(mnt), path);
	if (err)
		mntput(mnt);
	return err;
}

/* MS_BIND: the subtree at old_name mounted again at path. */
static int do_loopback(const struct path *path, const char *old_name)
{
	struct path old;
	struct mount *mnt;
	int err;

	/* mount(2) passes a NULL source as NULL: a bind needs one (Linux's do_loopback). */
	if (!old_name || !*old_name)
		return -EINVAL;
	err = kern_path(old_name, LOOKUP_FOLLOW, &old);
	if (err)
		return err;
	err = -ENOMEM;
	mnt = alloc_vfsmnt(real_mount(old.mnt)->mnt_devname);
	if (!mnt)
		goto out;
	get_super_active(old.mnt->mnt_sb);
	mnt->mnt.mnt_sb = old.mnt->mnt_sb;
	mnt->mnt.mnt_root = dget(old.dentry);
	mnt->mnt_mountpoint = mnt->mnt.mnt_root;
	err = do_add_mount(mnt, path);
	if (err)
		mntput(&mnt->mnt);
out:
	path_put(&old);
	return err;
}

int path_mount(const char *dev_name, const struct path *path, const char *type_page,
	       unsigned long flags, void *data_page)
{
	int err;

	mutex_lock(&namespace_sem);
	if (flags & MS_REMOUNT)
		err = path->dentry == path->mnt->mnt_root ? 0 : -EINVAL;
	else if (flags & MS_BIND)
		err = do_loopback(path, dev_name);
	else if (flags & MS_MOVE)
		err = -EINVAL;
	else
		err = do_new_mount(path, type_page, (int)flags, dev_name, data_page);
	mutex_unlock(&namespace_sem);
	return err;
}

int init_mount(const char *dev_name, const char *dir_name, const char *type_page,
	       unsigned long flags, void *data_page)
{
	struct path path;
	int err = kern_path(dir_name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = path_mount(dev_name, &path, type_page, flags, data_page);
	path_put(&path);
	return err;
}

/*
 * Unmounts the mount path names (its root). Busy (-EBUSY) when something beyond the
 * tree and the caller holds it or it has mounts on top, unless MNT_DETACH: then it leaves
 * the tree now and goes when its last user does.
 */
int path_umount(struct path *path, int flags)
{
	struct mount *mnt = real_mount(path->mnt);
	struct path old = { NULL, NULL };
	int err = 0;

	if (path->dentry != path->mnt->mnt_root || !mnt_has_parent(mnt)) {
		path_put(path);
		return -EINVAL;
	}
	mutex_lock(&namespace_sem);
	spin_lock(&mount_lock);
	if (!(flags & MNT_DETACH) && (mnt->mnt_count > 2 || !list_empty(&mnt->mnt_mounts)))
		err = -EBUSY;
	else if (!list_empty(&mnt->mnt_mounts))
		err = -EBUSY;
	else
		detach_mnt(mnt, &old);
	spin_unlock(&mount_lock);
	mutex_unlock(&namespace_sem);
	path_put(path);
	if (!err) {
		path_put(&old);
		mntput(&mnt->mnt);
	}
	return err;
}

int init_umount(const char *name, int flags)
{
	struct path path;
	int err = kern_path(name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	return path_umount(&path, flags);
}

/* /proc/PID/mounts' iterator (fs/proc_namespace.c shows): the mounts in mount order. */
static void *m_start(struct seq_file *m, loff_t *pos)
{
	mutex_lock(&namespace_sem);
	return seq_list_start(&ns_list, *pos);
}

static void *m_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &ns_list, pos);
}

static void m_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&namespace_sem);
}

static int m_show(struct seq_file *m, void *v)
{
	struct proc_mounts *p = m->private;

	return p->show(m, &list_entry(v, struct mount, mnt_list)->mnt);
}

const struct seq_operations mounts_op = {
	.start	= m_start,
	.next	= m_next,
	.stop	= m_stop,
	.show	= m_show,
};

/* The root of the tree: rootfs, with init_task's root and cwd on it. */
static void __init init_mount_tree(void)
{
	struct vfsmount *mnt = vfs_kern_mount(&rootfs_fs_type, 0, "rootfs", NULL);
	struct path root;

	if (IS_ERR(mnt))
		panic("Can't create rootfs");
	list_add_tail(&real_mount(mnt)->mnt_list, &ns_list);
	root.mnt = mnt;
	root.dentry = mnt->mnt_root;
	set_fs_pwd(current->fs, &root);
	set_fs_root(current->fs, &root);
}

void __init mnt_init(void)
{
	mount_hashtable = alloc_large_system_hash("Mount-cache", sizeof(struct list_head),
						  MNT_HASHSIZE, 19, 0, NULL, NULL, 0, 0);
	for (unsigned int i = 0; i < MNT_HASHSIZE; i++)
		INIT_LIST_HEAD(&mount_hashtable[i]);
	init_mount_tree();
}

/* path to the mount on top of it, if any: true when it moved. */
bool follow_down_one(struct path *path)
{
	struct vfsmount *mounted = lookup_mnt(path);

	if (!mounted)
		return false;
	dput(path->dentry);
	mntput(path->mnt);
	path->mnt = mounted;
	path->dentry = dget(mounted->mnt_root);
	return true;
}

/* path (a mount's root) to its mount point in the parent mount: 1, or 0 at the top. */
int follow_up(struct path *path)
{
	struct mount *mnt = real_mount(path->mnt), *parent;
	struct dentry *mountpoint;

	spin_lock(&mount_lock);
	parent = mnt->mnt_parent;
	if (parent == mnt) {
		spin_unlock(&mount_lock);
		return 0;
	}
	parent->mnt_count++;
	mountpoint = dget(mnt->mnt_mountpoint);
	spin_unlock(&mount_lock);
	dput(path->dentry);
	path->dentry = mountpoint;
	mntput(path->mnt);
	path->mnt = &parent->mnt;
	return 1;
}

/* ---- the syscalls ------------------------------------------------------------------ */

#define MS_MGC_VAL	0xC0ED0000
#define MS_MGC_MSK	0xffff0000

/* A string argument of mount(2) copied in (NULL stays NULL); ERR_PTR on a bad one. */
static char *copy_mount_string(const char __user *s, long max)
{
	char *k;
	long len;

	if (!s)
		return NULL;
	k = kmalloc((size_t)max, GFP_KERNEL);
	if (!k)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(k, s, max);
	if (len < 0 || len == max) {
		kfree(k);
		return ERR_PTR(len < 0 ? len : -EINVAL);
	}
	return k;
}

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name, char __user *, type,
		unsigned long, flags, void __user *, data)
{
	char *kdev = NULL, *ktype = NULL, *kdata = NULL;
	struct path path;
	long err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	kdev = copy_mount_string(dev_name, PATH_MAX);
	ktype = copy_mount_string(type, PAGE_SIZE);
	kdata = copy_mount_string(data, PAGE_SIZE);
	err = IS_ERR(kdev) ? PTR_ERR(kdev) : IS_ERR(ktype) ? PTR_ERR(ktype) :
	      IS_ERR(kdata) ? PTR_ERR(kdata) : 0;
	if (!err)
		err = user_path_at(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &path);
	if (!err) {
		err = path_mount(kdev, &path, ktype, flags, kdata);
		path_put(&path);
	}
	if (!IS_ERR(kdev))
		kfree(kdev);
	if (!IS_ERR(ktype))
		kfree(ktype);
	if (!IS_ERR(kdata))
		kfree(kdata);
	return err;
}

SYSCALL_DEFINE2(umount, char __user *, name, int, flags)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (flags & UMOUNT_NOFOLLOW)
		lookup_flags = 0;
	err = user_path_at(AT_FDCWD, name, lookup_flags, &path);
	if (err)
		return err;
	return path_umount(&path, flags);
}
