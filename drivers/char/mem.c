/*
 * The memory character devices of major 1: /dev/null (reads end at once, writes vanish),
 * /dev/zero (reads zeroes, writes vanish) and /dev/full (reads zeroes, writes -ENOSPC).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/devtmpfs.h>
#include <linux/memdev.h>

#define MEM_MAJOR	1

static ssize_t read_iter_null(struct kiocb *iocb, struct iov_iter *to)
{
	return 0;
}

static ssize_t write_iter_null(struct kiocb *iocb, struct iov_iter *from)
{
	size_t count = iov_iter_count(from);

	iov_iter_advance(from, count);
	return (ssize_t)count;
}

static ssize_t read_iter_zero(struct kiocb *iocb, struct iov_iter *to)
{
	size_t want = iov_iter_count(to), done = iov_iter_zero(want, to);

	return done ? (ssize_t)done : (want ? -EFAULT : 0);
}

static ssize_t write_iter_full(struct kiocb *iocb, struct iov_iter *from)
{
	return -ENOSPC;
}

static const struct file_operations null_fops = {
	.llseek		= noop_llseek,
	.read_iter	= read_iter_null,
	.write_iter	= write_iter_null,
};

static const struct file_operations zero_fops = {
	.llseek		= noop_llseek,
	.read_iter	= read_iter_zero,
	.write_iter	= write_iter_null,
};

static const struct file_operations full_fops = {
	.llseek		= noop_llseek,
	.read_iter	= read_iter_zero,
	.write_iter	= write_iter_full,
};

static const struct memdev {
	const char *name;
	unsigned int minor;
	umode_t mode;
	const struct file_operations *fops;
} devlist[] = {
	{ "null", 3, 0666, &null_fops },
	{ "zero", 5, 0666, &zero_fops },
	{ "full", 7, 0666, &full_fops },
};

int __init chr_dev_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(devlist); i++) {
		const struct memdev *d = &devlist[i];
		int err = register_chrdev(MEM_MAJOR, d->minor, d->name, d->fops);

		if (!err)
			err = devtmpfs_create_node(d->name, S_IFCHR | d->mode,
						   MKDEV(MEM_MAJOR, d->minor));
		if (err)
			return err;
	}
	return 0;
}
