/*
 * The memory character devices of major 1: /dev/null (reads end at once, writes vanish),
 * /dev/zero (reads zeroes, writes vanish), /dev/full (reads zeroes, writes -ENOSPC), and
 * /dev/random and /dev/urandom (reads from get_random_bytes; writes are taken and, with
 * no entropy pool to mix them into, dropped, as the generator in random.c has none).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/devtmpfs.h>
#include <linux/memdev.h>
#include <linux/random.h>
#include <linux/sched/signal.h>

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

/* A page at a time: a signal ends a long read short, after its first page (Linux). */
static ssize_t read_iter_zero(struct kiocb *iocb, struct iov_iter *to)
{
	ssize_t done = 0;

	while (iov_iter_count(to)) {
		size_t want = min_t(size_t, PAGE_SIZE, iov_iter_count(to)), n;

		if (done && signal_pending(current))
			return done;
		n = iov_iter_zero(want, to);
		done += (ssize_t)n;
		if (n < want)
			return done ? done : -EFAULT;
	}
	return done;
}

/* Random bytes, a chunk at a time; short at a fault, -EFAULT when nothing went. */
static ssize_t read_iter_random(struct kiocb *iocb, struct iov_iter *to)
{
	u8 chunk[64];
	ssize_t done = 0;

	while (iov_iter_count(to)) {
		size_t want = min(sizeof(chunk), iov_iter_count(to)), n;

		if (done && !(done % PAGE_SIZE) && signal_pending(current))
			break;
		get_random_bytes(chunk, want);
		n = copy_to_iter(chunk, want, to);
		done += (ssize_t)n;
		if (n < want)
			break;
	}
	return done ? done : (iov_iter_count(to) ? -EFAULT : 0);
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

static const struct file_operations random_fops = {
	.llseek		= noop_llseek,
	.read_iter	= read_iter_random,
	.write_iter	= write_iter_null,
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
	{ "random", 8, 0666, &random_fops },
	{ "urandom", 9, 0666, &random_fops },
};

int __init chr_dev_init(void)
{
	int err = register_chrdev_region(MKDEV(MEM_MAJOR, 0), 256, "mem");

	if (err)
		return err;
	for (unsigned int i = 0; i < ARRAY_SIZE(devlist); i++) {
		const struct memdev *d = &devlist[i];

		err = register_chrdev(MEM_MAJOR, d->minor, d->name, d->fops);
		if (!err)
			err = devtmpfs_create_node(d->name, S_IFCHR | d->mode,
						   MKDEV(MEM_MAJOR, d->minor));
		if (err)
			return err;
	}
	return 0;
}
