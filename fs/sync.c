/*
 * sync, fsync and fdatasync. Every file system here lives in memory, so there is nothing
 * to write back: they check their argument and succeed, as Linux does on ramfs.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE0(sync)
{
	return 0;
}

static int do_fsync(unsigned int fd, int datasync)
{
	struct file *f = fget(fd);
	int ret;

	if (!f)
		return -EBADF;
	ret = vfs_fsync(f, datasync);
	fput(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(fd, 0);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(fd, 1);
}
