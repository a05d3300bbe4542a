/*
 * The tty layer's character devices: /dev/console, /dev/tty and /dev/ttyAMA0, all the
 * PL011. Output goes through OPOST/ONLCR processing ("\n" becomes "\r\n").
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/console.h>
#include <linux/tty.h>
#include <linux/devtmpfs.h>
#include <linux/mutex.h>

#define TTY_CHUNK	256

/* One writer at a time, so lines from different writers do not interleave mid-chunk. */
static DEFINE_MUTEX(tty_write_lock);

/* Writes buf with ONLCR: each "\n" as "\r\n". */
static void tty_put_onlcr(const char *buf, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		pl011_tty_put_chars(buf + start, (unsigned int)(i - start));
		pl011_tty_put_chars("\r\n", 2);
		start = i + 1;
	}
	pl011_tty_put_chars(buf + start, (unsigned int)(n - start));
}

static ssize_t tty_write(struct kiocb *iocb, struct iov_iter *from)
{
	char buf[TTY_CHUNK];
	ssize_t done = 0;

	mutex_lock(&tty_write_lock);
	while (iov_iter_count(from)) {
		size_t want = min_t(size_t, sizeof(buf), iov_iter_count(from));
		size_t n = copy_from_iter(buf, want, from);

		tty_put_onlcr(buf, n);
		done += (ssize_t)n;
		if (n < want)
			break;
	}
	mutex_unlock(&tty_write_lock);
	return done ? done : -EFAULT;
}

static const struct file_operations tty_fops = {
	.llseek		= no_llseek,
	.write_iter	= tty_write,
	.open		= stream_open,
};

int __init tty_init(void)
{
	static const struct {
		const char *name;
		unsigned int major, minor;
		umode_t mode;
	} nodes[] = {
		{ "tty", TTYAUX_MAJOR, 0, 0666 },
		{ "console", TTYAUX_MAJOR, 1, 0600 },
		{ "ttyAMA0", AMBA_MAJOR, AMBA_MINOR, 0600 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(nodes); i++) {
		int err = register_chrdev(nodes[i].major, nodes[i].minor, nodes[i].name, &tty_fops);

		if (!err)
			err = devtmpfs_create_node(nodes[i].name, S_IFCHR | nodes[i].mode,
						   MKDEV(nodes[i].major, nodes[i].minor));
		if (err)
			return err;
	}
	return 0;
}
