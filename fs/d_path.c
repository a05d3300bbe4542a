/* The name of a path as a string (d_path, __d_path): for getcwd, /proc/mounts and messages. */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include "mount.h"

static int prepend(char **buffer, int *buflen, const char *str, int namelen)
{
	*buflen -= namelen;
	if (*buflen < 0)
		return -ENAMETOOLONG;
	*buffer -= namelen;
	memcpy(*buffer, str, namelen);
	return 0;
}

/*
 * Builds path's name from the end of buf up to root, crossing mounts upwards. Returns the
 * start of the name, or ERR_PTR(-ENAMETOOLONG); *reached says whether root was met
 * (else the walk stopped at the top of the tree).
 */
static char *prepend_path(const struct path *path, const struct path *root, char *buf,
			  int buflen, bool *reached)
{
	struct dentry *dentry = path->dentry;
	struct mount *mnt = real_mount(path->mnt);
	char *end = buf + buflen;
	int err = 0;

	*reached = false;
	if (prepend(&end, &buflen, "", 1))
		return ERR_PTR(-ENAMETOOLONG);
	spin_lock(&mount_lock);
	spin_lock(&dcache_lock);
	for (;;) {
		if (dentry == root->dentry && &mnt->mnt == root->mnt) {
			*reached = true;
			break;
		}
		if (dentry == mnt->mnt.mnt_root || IS_ROOT(dentry)) {
			if (!mnt_has_parent(mnt))
				break;
			dentry = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		err = prepend(&end, &buflen, (const char *)dentry->d_name.name,
			      (int)dentry->d_name.len);
		if (!err)
			err = prepend(&end, &buflen, "/", 1);
		if (err)
			break;
		dentry = dentry->d_parent;
	}
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	if (!err && !*end)
		err = prepend(&end, &buflen, "/", 1);
	return err ? ERR_PTR(err) : end;
}

char *__d_path(const struct path *path, const struct path *root, char *buf, int buflen)
{
	bool reached;
	char *res = prepend_path(path, root, buf, buflen, &reached);

	if (!IS_ERR(res) && !reached)
		return NULL;
	return res;
}

char *d_path(const struct path *path, char *buf, int buflen)
{
	struct path root;
	bool reached;
	char *res;

	get_fs_root(current->fs, &root);
	res = prepend_path(path, &root, buf, buflen, &reached);
	path_put(&root);
	return res;
}

/* The cwd as seen from the root; -ENOENT when it was removed, -ERANGE when size is short. */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char *page = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path pwd, root;
	bool reached;
	char *cwd;
	long err;

	if (!page)
		return -ENOMEM;
	get_fs_root(current->fs, &root);
	get_fs_pwd(current->fs, &pwd);
	err = -ENOENT;
	if (d_unhashed(pwd.dentry) && !IS_ROOT(pwd.dentry))
		goto out;
	cwd = prepend_path(&pwd, &root, page, PATH_MAX, &reached);
	err = PTR_ERR(cwd);
	if (IS_ERR(cwd))
		goto out;
	if (!reached) {
		/* Outside the root (after a chroot): Linux marks the name so. */
		cwd -= 13;
		if (cwd < page) {
			err = -ENAMETOOLONG;
			goto out;
		}
		memcpy(cwd, "(unreachable)", 13);
	}
	err = -ERANGE;
	if ((unsigned long)(page + PATH_MAX - cwd) <= size) {
		err = page + PATH_MAX - cwd;
		if (copy_to_user(buf, cwd, (size_t)err))
			err = -EFAULT;
	}
out:
	path_put(&pwd);
	path_put(&root);
	kfree(page);
	return err;
}
