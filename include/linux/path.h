/* struct path: a (mount, dentry) pair, the name of a place in the mount tree. */
#ifndef _LINUX_PATH_H
#define _LINUX_PATH_H

struct dentry;
struct vfsmount;

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* Takes and drops a reference on both halves. */
void path_get(const struct path *path);
void path_put(const struct path *path);

static inline int path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

#endif
