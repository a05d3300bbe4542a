/*
 * statfs and fstatfs (Linux 6.1's fs/statfs.c): the super block's ->statfs fills a
 * kstatfs (ext4 its block and inode counts, tmpfs its size= limit, the in-memory file
 * systems simple_statfs), the mount adds its flags, and the native struct statfs goes out.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>

#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_SYNCHRONOUS	0x0010
#define ST_VALID	0x0020	/* f_flags is filled in */
#define ST_MANDLOCK	0x0040

/* asm-generic's struct statfs on a 64-bit machine: the same layout as kstatfs. */
struct statfs {
	long f_type;
	long f_bsize;
	u64 f_blocks;
	u64 f_bfree;
	u64 f_bavail;
	u64 f_files;
	u64 f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};

static int flags_by_mnt(int mnt_flags)
{
	return (mnt_flags & MNT_READONLY ? ST_RDONLY : 0) |
	       (mnt_flags & MNT_NOSUID ? ST_NOSUID : 0) |
	       (mnt_flags & MNT_NODEV ? ST_NODEV : 0) |
	       (mnt_flags & MNT_NOEXEC ? ST_NOEXEC : 0);
}

static int flags_by_sb(unsigned long s_flags)
{
	return (s_flags & SB_SYNCHRONOUS ? ST_SYNCHRONOUS : 0) |
	       (s_flags & SB_MANDLOCK ? ST_MANDLOCK : 0) |
	       (s_flags & SB_RDONLY ? ST_RDONLY : 0);
}

static int statfs_by_dentry(struct dentry *dentry, struct kstatfs *buf)
{
	int err;

	if (!dentry->d_sb->s_op || !dentry->d_sb->s_op->statfs)
		return -ENOSYS;
	memset(buf, 0, sizeof(*buf));
	err = dentry->d_sb->s_op->statfs(dentry, buf);
	if (!err && !buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	return err;
}

/* What statfs(2) reports for path: its file system's counts and the mount's flags. */
int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	int err = statfs_by_dentry(path->dentry, buf);

	if (!err)
		buf->f_flags = ST_VALID | flags_by_mnt(path->mnt->mnt_flags) |
			       flags_by_sb(path->mnt->mnt_sb->s_flags);
	return err;
}

static int do_statfs_native(struct kstatfs *st, struct statfs __user *p)
{
	struct statfs buf;

	memset(&buf, 0, sizeof(buf));
	buf.f_type = st->f_type;
	buf.f_bsize = st->f_bsize;
	buf.f_blocks = st->f_blocks;
	buf.f_bfree = st->f_bfree;
	buf.f_bavail = st->f_bavail;
	buf.f_files = st->f_files;
	buf.f_ffree = st->f_ffree;
	memcpy(buf.f_fsid, &st->f_fsid, sizeof(buf.f_fsid));
	buf.f_namelen = st->f_namelen;
	buf.f_frsize = st->f_frsize;
	buf.f_flags = st->f_flags;
	return copy_to_user(p, &buf, sizeof(buf)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	struct kstatfs st;
	struct path path;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = vfs_statfs(&path, &st);
	path_put(&path);
	return err ? err : do_statfs_native(&st, buf);
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *f = fget_raw(fd);
	struct kstatfs st;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(&f->f_path, &st);
	fput(f);
	return err ? err : do_statfs_native(&st, buf);
}
