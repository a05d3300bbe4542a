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
 * The names /proc/devices gives, Linux's char_device_struct: a driver names a range of
 * minors of a major ("mem", "/dev/console", "ttyAMA"), whatever devices it then makes.
 * chrdev_regions[0..nr_chrdev_regions), append-only, under chrdevs_lock.
 */
#define MAX_CHRDEV_REGIONS	16

struct char_device_struct {
	unsigned int major, baseminor, minorct;
	const char *name;
};

static struct char_device_struct chrdev_regions[MAX_CHRDEV_REGIONS];
static int nr_chrdev_regions;

static bool regions_overlap(const struct char_device_struct *r, dev_t from, unsigned int count)
{
	return r->major == MAJOR(from) && r->baseminor < MINOR(from) + count &&
	       MINOR(from) < r->baseminor + r->minorct;
}

int register_chrdev_region(dev_t from, unsigned int count, const char *name)
{
	int err = 0;

	if (!count || MINOR(from) + count > MINORMASK + 1)
		return -EINVAL;
	spin_lock(&chrdevs_lock);
	for (int i = 0; i < nr_chrdev_regions; i++)
		if (regions_overlap(&chrdev_regions[i], from, count))
			err = -EBUSY;
	if (!err && nr_chrdev_regions == MAX_CHRDEV_REGIONS)
		err = -ENOSPC;
	if (!err)
		chrdev_regions[nr_chrdev_regions++] = (struct char_device_struct){
			MAJOR(from), MINOR(from), count, name };
	spin_unlock(&chrdevs_lock);
	return err;
}

/* /proc/devices' character half: "%3d %s" per named region, by major then minor. */
void chrdev_show(struct seq_file *f)
{
	const struct char_device_struct *last = NULL;

	spin_lock(&chrdevs_lock);
	for (;;) {
		const struct char_device_struct *next = NULL;

		for (int i = 0; i < nr_chrdev_regions; i++) {
			const struct char_device_struct *r = &chrdev_regions[i];
			dev_t d = MKDEV(r->major, r->baseminor);

			if ((!last || d > MKDEV(last->major, last->baseminor)) &&
			    (!next || d < MKDEV(next->major, next->baseminor)))
				next = r;
		}
		if (!next)
			break;
		seq_printf(f, "%3u %s\n", next->major, next->name);
		last = next;
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
