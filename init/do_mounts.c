/*
 * The root file system (Linux 6.1's init/do_mounts.c): rootfs, the ramfs at the root of
 * the mount tree that the initramfs fills; and, when the initramfs has no /init and the
 * command line names a root device (root=/dev/vda, rootfstype=, rootflags=, rootwait,
 * rootdelay=, ro/rw), prepare_namespace mounts that device and makes it the root.
 *
 * Linux finds root=/dev/NAME in the block layer's table of disks; here the name is
 * looked up in devtmpfs, which prepare_namespace mounts on the rootfs's /dev first
 * (and on the new root's /dev afterwards, as CONFIG_DEVTMPFS_MOUNT does).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/blkdev.h>
#include <linux/init_syscalls.h>
#include <linux/namei.h>
#include <linux/dcache.h>
#include <linux/fs_struct.h>

static char saved_root_name[64];	/* root= */
static char *root_fs_names;		/* rootfstype= */
static char *root_mount_data;		/* rootflags= */
static int root_wait;			/* rootwait */
static int root_delay;			/* rootdelay=, seconds */
/* ro (the default, as Linux) or rw */
static int root_mountflags = MS_RDONLY | MS_SILENT;
static dev_t ROOT_DEV;

static int __init root_dev_setup(char *line)
{
	strscpy(saved_root_name, line, sizeof(saved_root_name));
	return 0;
}
__setup("root=", root_dev_setup);

static int __init rootwait_setup(char *str)
{
	if (*str)
		return 1;
	root_wait = 1;
	return 0;
}
__setup("rootwait", rootwait_setup);

static int __init root_delay_setup(char *str)
{
	root_delay = simple_strtoul(str, NULL, 0);
	return 0;
}
__setup("rootdelay=", root_delay_setup);

static int __init fs_names_setup(char *str)
{
	root_fs_names = str;
	return 0;
}
__setup("rootfstype=", fs_names_setup);

static int __init root_data_setup(char *str)
{
	root_mount_data = str;
	return 0;
}
__setup("rootflags=", root_data_setup);

static int __init readonly(char *str)
{
	if (*str)
		return 1;
	root_mountflags |= MS_RDONLY;
	return 0;
}
__setup("ro", readonly);

static int __init readwrite(char *str)
{
	if (*str)
		return 1;
	root_mountflags &= ~MS_RDONLY;
	return 0;
}
__setup("rw", readwrite);

/*
 * The device a root= names: MAJ:MIN, a hexadecimal number (Linux's old form), or a
 * block device node /dev/NAME; 0 when there is none (yet).
 */
static dev_t __init name_to_dev_t(const char *name)
{
	unsigned long maj, min;
	dev_t dev = 0;
	char *end;

	if (strncmp(name, "/dev/", 5)) {
		maj = simple_strtoul(name, &end, 10);
		if (*end == ':') {
			min = simple_strtoul(end + 1, &end, 10);
			return *end ? 0 : MKDEV(maj, min);
		}
		dev = simple_strtoul(name, &end, 16);
		return *end ? 0 : new_decode_dev(dev);
	}
	if (lookup_bdev(name, &dev))
		return 0;
	return dev;
}

/* The names of the file systems to try, NUL-separated, ending with an empty one. */
static int __init root_fs_list(char *buf, size_t size)
{
	int n = 0;

	if (!root_fs_names)
		return list_bdev_fs_names(buf, size);
	strscpy(buf, root_fs_names, size);
	for (char *p = buf; *p; p++) {
		if (*p == ',')
			*p = '\0';
	}
	for (char *p = buf; *p; p += strlen(p) + 1)
		n++;
	return n;
}

static int __init do_mount_root(const char *name, const char *fs, int flags, void *data)
{
	struct super_block *s;
	int ret = init_mount(name, "/root", fs, flags, data);

	if (ret)
		return ret;
	init_chdir("/root");
	s = current->fs->pwd.dentry->d_sb;
	ROOT_DEV = s->s_dev;
	pr_info("VFS: Mounted root (%s filesystem)%s on device %u:%u.\n", s->s_type->name,
		sb_rdonly(s) ? " readonly" : "", MAJOR(ROOT_DEV), MINOR(ROOT_DEV));
	return 0;
}

/*
 * Mounts name on /root with each file system in turn (rootfstype= or every one that
 * needs a device), read-write first unless ro, then read-only; panics when none can.
 */
static void __init mount_block_root(const char *name, int flags)
{
	char *fs_names = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int num_fs, i, err;
	char *p;

	if (!fs_names)
		panic("VFS: no memory to mount root fs");
	num_fs = root_fs_list(fs_names, PAGE_SIZE);
retry:
	for (i = 0, p = fs_names; i < num_fs; i++, p += strlen(p) + 1) {
		err = do_mount_root(name, p, flags, root_mount_data);
		if (!err)
			goto out;
		if (err == -EACCES || err == -EINVAL || err == -EROFS)
			continue;
		pr_err("VFS: Cannot open root device \"%s\" or unknown-block(%u,%u): error %d\n",
		       saved_root_name, MAJOR(ROOT_DEV), MINOR(ROOT_DEV), err);
		pr_err("Please append a correct \"root=\" boot option\n");
		panic("VFS: Unable to mount root fs on unknown-block(%u,%u)", MAJOR(ROOT_DEV),
		      MINOR(ROOT_DEV));
	}
	if (!(flags & MS_RDONLY)) {
		flags |= MS_RDONLY;
		goto retry;
	}
	pr_err("No filesystem could mount root, tried: ");
	for (i = 0, p = fs_names; i < num_fs; i++, p += strlen(p) + 1)
		pr_cont(" %s", p);
	pr_cont("\n");
	panic("VFS: Unable to mount root fs on unknown-block(%u,%u)", MAJOR(ROOT_DEV),
	      MINOR(ROOT_DEV));
out:
	kfree(fs_names);
}

/*
 * The device root= names, looked up in devtmpfs mounted for the while on the rootfs's
 * /dev (waiting for it to appear with rootwait); 0 when there is none.
 */
static dev_t __init root_dev_lookup(void)
{
	bool mounted;
	dev_t dev;

	init_mkdir("/dev", 0755);
	mounted = !init_mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	dev = name_to_dev_t(saved_root_name);
	if (!dev && root_wait) {
		pr_info("Waiting for root device %s...\n", saved_root_name);
		while (!(dev = name_to_dev_t(saved_root_name)))
			msleep(5);
	}
	if (mounted)
		init_umount("/dev", 0);
	return dev;
}

/*
 * Mounts the root device on /root (waiting for it with rootwait), then makes it /:
 * devtmpfs on its /dev, moved over the rootfs, chroot'd into. Only when root= is given;
 * without it the rootfs stays the root. Context: kernel_init, before init runs.
 */
void __init prepare_namespace(void)
{
	if (!saved_root_name[0])
		return;
	if (root_delay) {
		pr_info("Waiting %d sec before mounting root device...\n", root_delay);
		msleep(root_delay * 1000);
	}
	ROOT_DEV = root_dev_lookup();
	init_mkdir("/root", 0700);
	init_mknod("/dev/root", S_IFBLK | 0600, new_encode_dev(ROOT_DEV));
	mount_block_root("/dev/root", root_mountflags);
	if (init_mount("devtmpfs", "dev", "devtmpfs", 0, NULL))
		pr_warn("devtmpfs: not mounted on the root's /dev\n");
	init_mount(".", "/", NULL, MS_MOVE, NULL);
	init_chroot(".");
}

static struct dentry *rootfs_mount(struct file_system_type *fs_type, int flags,
				   const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, ramfs_fill_super);
}

struct file_system_type rootfs_fs_type = {
	.name		= "rootfs",
	.mount		= rootfs_mount,
	.kill_sb	= kill_litter_super,
};
