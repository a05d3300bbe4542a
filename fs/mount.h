/*
 * struct mount: a vfsmount and its place in the mount tree (fs/namespace.c). mount_lock
 * covers mnt_hash, the tree links (mnt_parent, mnt_mountpoint, mnt_mounts, mnt_child),
 * mnt_list and mnt_count; namespace_sem serialises mount and umount as a whole.
 */
#ifndef _FS_MOUNT_H
#define _FS_MOUNT_H

#include <linux/list.h>
#include <linux/path.h>
#include <linux/mount.h>
#include <linux/spinlock.h>

struct mount {
	struct list_head mnt_hash;		/* on mount_hashtable by (parent, mountpoint) */
	struct mount *mnt_parent;		/* itself for the root of the tree */
	struct dentry *mnt_mountpoint;		/* where in mnt_parent it sits */
	struct vfsmount mnt;
	int mnt_count;				/* references: the tree's, paths', files' */
	struct list_head mnt_mounts;		/* mounts on top of our dentries */
	struct list_head mnt_child;		/* on mnt_parent->mnt_mounts */
	struct list_head mnt_list;		/* on the namespace's list, in mount order */
	const char *mnt_devname;
	int mnt_id;
};

extern spinlock_t mount_lock;

struct seq_file;
/* An open /proc/PID/mounts or mountinfo: the reader's root and the line printer. */
struct proc_mounts {
	struct path root;
	int (*show)(struct seq_file *m, struct vfsmount *mnt);
};

/* Their iterator over the mounts (namespace_sem held from start to stop). */
extern const struct seq_operations mounts_op;

static inline struct mount *real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct mount, mnt);
}

static inline bool mnt_has_parent(const struct mount *mnt)
{
	return mnt != mnt->mnt_parent;
}

#endif
