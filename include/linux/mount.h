/*
 * vfsmount: one mount of a super block, the part of struct mount (fs/mount.h) file
 * systems and struct path see. The mount tree and hash are in fs/namespace.c.
 */
#ifndef _LINUX_MOUNT_H
#define _LINUX_MOUNT_H

#include <linux/types.h>

struct dentry;
struct super_block;
struct path;
struct file_system_type;

#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_READONLY	0x40

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	int mnt_flags;
};

/* mount(2) flags that matter here */
#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_REMOUNT	32
#define MS_BIND		4096
#define MS_MOVE		8192
#define MS_REC		16384
#define MS_SILENT	32768

#define MNT_FORCE	0x00000001
#define MNT_DETACH	0x00000002
#define MNT_EXPIRE	0x00000004
#define UMOUNT_NOFOLLOW	0x00000008

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
/* A new mount of fs type (not attached anywhere), or ERR_PTR. */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags, const char *name,
				void *data);
struct vfsmount *kern_mount(struct file_system_type *type);
/* The rootfs mount and init_task's root and cwd on it (start_kernel, vfs_caches_init). */
void mnt_init(void);

#endif
