/* fcntl: duplicating fds and the fd and file status flags (F_DUPFD.., F_GETFD.., F_GETFL..). */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/syscalls.h>

/* The status flags F_SETFL may change; the access mode and creation flags stay. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_NDELAY | FASYNC | O_DIRECT | O_NOATIME)

static int setfl(struct file *filp, unsigned long arg)
{
	filp->f_flags = (unsigned int)((arg & SETFL_MASK) | (filp->f_flags & ~SETFL_MASK));
	return 0;
}

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, struct file *filp)
{
	switch (cmd) {
	case F_DUPFD:
		return f_dupfd((unsigned int)arg, filp, 0);
	case F_DUPFD_CLOEXEC:
		return f_dupfd((unsigned int)arg, filp, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec((unsigned int)fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec((unsigned int)fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return filp->f_flags;
	case F_SETFL:
		return setfl(filp, arg);
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(filp, cmd, arg);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *filp = fget_raw(fd);
	long err = -EBADF;

	if (!filp)
		return err;
	/* An O_PATH file allows only the fd-level commands. */
	if ((filp->f_mode & FMODE_PATH) && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC &&
	    cmd != F_GETFD && cmd != F_SETFD && cmd != F_GETFL)
		goto out;
	err = do_fcntl((int)fd, cmd, arg, filp);
out:
	fput(filp);
	return err;
}
