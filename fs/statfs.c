/*
 * statfs and fstatfs. Every file system here lives in the page cache with no size limit
 * of its own, so each reports what Linux's simple_statfs does for ramfs: its magic, the
 * page as block size, NAME_MAX, and no block or inode counts.
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

/* asm-generic's struct statfs on a 64-bit machine. */
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

static int do_statfs(const struct path *path, struct statfs __user *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int mnt_flags = path->mnt->mnt_flags;
	struct statfs st;

	memset(&st, 0, sizeof(st));
	st.f_type = (long)sb->s_magic;
	st.f_bsize = st.f_frsize = PAGE_SIZE;
	st.f_namelen = NAME_MAX;
	st.f_fsid[0] = (int)new_encode_dev(sb->s_dev);
	st.f_flags = (mnt_flags & MNT_READONLY ? ST_RDONLY : 0) |
		     (mnt_flags & MNT_NOSUID ? ST_NOSUID : 0) |
		     (mnt_flags & MNT_NODEV ? ST_NODEV : 0) |
		     (mnt_flags & MNT_NOEXEC ? ST_NOEXEC : 0);
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = do_statfs(&path, buf);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = do_statfs(&f->f_path, buf);
	fput(f);
	return err;
}
