/* The file syscalls for the kernel's own use on kernel-space names (include/linux/init_syscalls.h). */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/stat.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/init_syscalls.h>
#include "internal.h"

int init_chdir(const char *filename)
{
	struct path path;
	int err = kern_path(filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_pwd(current->fs, &path);
	path_put(&path);
	return 0;
}

int init_chroot(const char *filename)
{
	struct path path;
	int err = kern_path(filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_root(current->fs, &path);
	path_put(&path);
	return 0;
}

int init_chown(const char *filename, uid_t user, gid_t group, int flags)
{
	unsigned int lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct path path;
	int err = kern_path(filename, lookup, &path);

	if (err)
		return err;
	err = chown_common(&path, user, group);
	path_put(&path);
	return err;
}

int init_chmod(const char *filename, umode_t mode)
{
	struct path path;
	int err = kern_path(filename, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_common(&path, mode);
	path_put(&path);
	return err;
}

int init_eaccess(const char *filename)
{
	struct path path;
	int err = kern_path(filename, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = inode_permission(path.dentry->d_inode, MAY_EXEC);
	path_put(&path);
	return err;
}

int init_stat(const char *filename, struct kstat *stat, int flags)
{
	unsigned int lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct path path;
	int err = kern_path(filename, lookup, &path);

	if (err)
		return err;
	err = vfs_getattr(&path, stat, STATX_BASIC_STATS, flags);
	path_put(&path);
	return err;
}

int init_mknod(const char *filename, umode_t mode, unsigned int dev)
{
	return do_mknodat(AT_FDCWD, getname_kernel(filename), mode, dev);
}

int init_link(const char *oldname, const char *newname)
{
	return do_linkat(AT_FDCWD, getname_kernel(oldname), AT_FDCWD, getname_kernel(newname), 0);
}

int init_symlink(const char *oldname, const char *newname)
{
	return do_symlinkat(getname_kernel(oldname), AT_FDCWD, getname_kernel(newname));
}

int init_unlink(const char *pathname)
{
	return do_unlinkat(AT_FDCWD, getname_kernel(pathname));
}

int init_mkdir(const char *pathname, umode_t mode)
{
	return do_mkdirat(AT_FDCWD, getname_kernel(pathname), mode);
}

int init_rmdir(const char *pathname)
{
	return do_rmdir(AT_FDCWD, getname_kernel(pathname));
}

int init_utimes(char *filename, struct timespec64 *ts)
{
	struct path path;
	int err = kern_path(filename, 0, &path);

	if (err)
		return err;
	err = vfs_utimes(&path, ts);
	path_put(&path);
	return err;
}
