/*
 * Character devices: a table from (major, minor) to the driver's file_operations. A
 * char device inode opens through def_chr_fops, whose open swaps in the driver's ops.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/seq_file.h>

#define MAX_CHRDEVS	32

struct char_device {
	dev_t dev;
	const char *name;
	const struct file_operations *fops;
};

/* chrdevs[0..nr_chrdevs), append-only, under chrdevs_lock. */
static struct char_device chrdevs[MAX_CHRDEVS];
static int nr_chrdevs;
static DEFINE_SPINLOCK(chrdevs_lock);

int register_chrdev(unsigned int major, unsigned int minor, const char *name,
		    const struct file_operations *fops)
{
	dev_t dev = MKDEV(major, minor);
	int err = 0;

	spin_lock(&chrdevs_lock);
	for (int i = 0; i < nr_chrdevs; i++)
		if (chrdevs[i].dev == dev)
			err = -EBUSY;
	if (!err && nr_chrdevs == MAX_CHRDEVS)
		err = -ENOSPC;
	if (!err)
		chrdevs[nr_chrdevs++] = (struct char_device){ dev, name, fops };
	spin_unlock(&chrdevs_lock);
	return err;
}

/*
 * /proc/devices' character half: "%3d %s" per registration by major. Linux registers a
 * name per major range ("mem", "/dev/console"); here each device registers itself, so
 * the lines name the devices.
 */
void chrdev_show(struct seq_file *f)
{
	unsigned int last = 0;

	spin_lock(&chrdevs_lock);
	for (;;) {
		struct char_device *next = NULL;

		for (int i = 0; i < nr_chrdevs; i++)
			if (chrdevs[i].dev > last && (!next || chrdevs[i].dev < next->dev))
				next = &chrdevs[i];
		if (!next)
			break;
		seq_printf(f, "%3u %s\n", MAJOR(next->dev), next->name);
		last = next->dev;
	}
	spin_unlock(&chrdevs_lock);
}

static const struct file_operations *lookup_chrdev(dev_t dev)
{
	const struct file_operations *fops = NULL;

	spin_lock(&chrdevs_lock);
	for (int i = 0; i < nr_chrdevs; i++)
		if (chrdevs[i].dev == dev)
			fops = chrdevs[i].fops;
	spin_unlock(&chrdevs_lock);
	return fops;
}

static int chrdev_open(struct inode *inode, struct file *filp)
{
	const struct file_operations *fops = lookup_chrdev(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	filp->f_op = fops;
	return fops->open ? fops->open(inode, filp) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};
