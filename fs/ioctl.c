/* ioctl: the commands every file takes (FIOCLEX, FIONCLEX, FIONBIO), then the file's own. */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>

#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *filp = fget(fd);
	long err = 0;
	int on;

	if (!filp)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, 1);
		break;
	case FIONCLEX:
		set_close_on_exec(fd, 0);
		break;
	case FIONBIO:
		err = get_user(on, (int __user *)arg);
		if (!err) {
			if (on)
				filp->f_flags |= O_NONBLOCK;
			else
				filp->f_flags &= ~O_NONBLOCK;
		}
		break;
	default:
		err = -ENOTTY;
		if (filp->f_op && filp->f_op->unlocked_ioctl)
			err = filp->f_op->unlocked_ioctl(filp, cmd, arg);
		if (err == -ENOIOCTLCMD)
			err = -ENOTTY;
		break;
	}
	fput(filp);
	return err;
}
