/* rootfs: the file system at the root of the mount tree, a ramfs the initramfs fills. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>


static struct dentry *rootfs_mount(struct file_system_type *fs_type, int flags,
				   const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, ramfs_fill_super);
}

static struct file_system_type rootfs_fs_type = {
	.name		= "rootfs",
	.mount		= rootfs_mount,
	.kill_sb	= kill_litter_super,
};

void __init init_rootfs(void)
{
	if (register_filesystem(&rootfs_fs_type))
		panic("VFS: cannot register rootfs");
}
