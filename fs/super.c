/*
 * Super blocks: one per mounted instance of a file system (one shared by every mount
 * for mount_single types). s_active counts the mounts; the last deactivate_super calls
 * the type's kill_sb. sb_lock covers super_blocks, s_active and the anonymous dev numbers.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/blkdev.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include "internal.h"

static LIST_HEAD(super_blocks);
static DEFINE_SPINLOCK(sb_lock);
static unsigned int next_anon_minor;	/* under sb_lock; minor numbers of major 0 */

static struct super_block *alloc_super(struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_active = 1;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_time_gran = 1;
	sb->s_bdi = &noop_backing_dev_info;
	init_rwsem(&sb->s_umount);
	mutex_init(&sb->s_vfs_rename_mutex);
	spin_lock_init(&sb->s_inode_list_lock);
	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock_init(&sb->s_inode_lru_lock);
	INIT_LIST_HEAD(&sb->s_inode_lru);
	spin_lock(&sb_lock);
	sb->s_dev = MKDEV(0, ++next_anon_minor);
	list_add_tail(&sb->s_list, &super_blocks);
	spin_unlock(&sb_lock);
	return sb;
}

static void destroy_super(struct super_block *sb)
{
	spin_lock(&sb_lock);
	list_del(&sb->s_list);
	spin_unlock(&sb_lock);
	kfree(sb);
}

static struct dentry *fill_new_super(struct file_system_type *type, int flags, void *data,
				     int (*fill_super)(struct super_block *, void *, int))
{
	struct super_block *sb = alloc_super(type);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	err = fill_super(sb, data, flags & MS_SILENT);
	if (err) {
		if (sb->s_root)
			type->kill_sb(sb);
		destroy_super(sb);
		return ERR_PTR(err);
	}
	sb->s_flags |= SB_ACTIVE;
	return dget(sb->s_root);
}

struct dentry *mount_nodev(struct file_system_type *type, int flags, void *data,
			   int (*fill_super)(struct super_block *, void *, int))
{
	return fill_new_super(type, flags, data, fill_super);
}

struct dentry *mount_single(struct file_system_type *type, int flags, void *data,
			    int (*fill_super)(struct super_block *, void *, int))
{
	struct super_block *sb;

	spin_lock(&sb_lock);
	list_for_each_entry(sb, &super_blocks, s_list) {
		if (sb->s_type == type && sb->s_active) {
			sb->s_active++;
			spin_unlock(&sb_lock);
			return dget(sb->s_root);
		}
	}
	spin_unlock(&sb_lock);
	return fill_new_super(type, flags, data, fill_super);
}

void get_super_active(struct super_block *sb)
{
	spin_lock(&sb_lock);
	WARN_ON(sb->s_active <= 0);
	sb->s_active++;
	spin_unlock(&sb_lock);
}

/*
 * The common end of every kill_sb: the dcache below the root, the root, everything
 * written back, the cached inodes evicted, then the file system's put_super.
 */
void generic_shutdown_super(struct super_block *sb)
{
	struct dentry *root = sb->s_root;

	sb->s_root = NULL;
	if (root) {
		shrink_dcache_parent(root);
		dput(root);
		sync_filesystem(sb);
		sb->s_flags &= ~SB_ACTIVE;
		evict_inodes(sb);
	}
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	if (!list_empty(&sb->s_inodes))
		pr_err("VFS: Busy inodes after unmount of %s. Self-destruct in 5 seconds.  Have a nice day...\n",
		       sb->s_type->name);
}

void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root)
		d_genocide(sb->s_root);
	generic_shutdown_super(sb);
}

void deactivate_super(struct super_block *sb)
{
	bool last;

	spin_lock(&sb_lock);
	last = !--sb->s_active;
	spin_unlock(&sb_lock);
	if (!last)
		return;
	sb->s_type->kill_sb(sb);
	destroy_super(sb);
}

/* The active super block of type on bdev, with an active reference; NULL if none. */
static struct super_block *find_bdev_super(struct file_system_type *type,
					   struct block_device *bdev)
{
	struct super_block *sb;

	spin_lock(&sb_lock);
	list_for_each_entry(sb, &super_blocks, s_list) {
		if (sb->s_type == type && sb->s_bdev == bdev && sb->s_active && sb->s_root) {
			sb->s_active++;
			spin_unlock(&sb_lock);
			return sb;
		}
	}
	spin_unlock(&sb_lock);
	return NULL;
}

/* Points a new super block at its device: number, bdi, name, the device's block size. */
static void set_bdev_super(struct super_block *sb, struct block_device *bdev)
{
	sb->s_bdev = bdev;
	sb->s_dev = bdev->bd_dev;
	sb->s_bdi = bdev->bd_disk->bdi;
	bdev_name(bdev, sb->s_id, sizeof(sb->s_id));
	sb_set_blocksize(sb, (int)max(bdev_logical_block_size(bdev), 512U));
}

/*
 * mount_bdev - a file system on the block device dev_name: the instance already mounted
 * from it (-EBUSY if one is read-only and the other not), or a new one fill_super sets
 * up. Return: its root (referenced) or ERR_PTR.
 */
struct dentry *mount_bdev(struct file_system_type *fs_type, int flags, const char *dev_name,
			  void *data, int (*fill_super)(struct super_block *, void *, int))
{
	fmode_t mode = FMODE_READ | (flags & MS_RDONLY ? 0 : FMODE_WRITE);
	struct block_device *bdev;
	struct super_block *sb;
	dev_t dev;
	int err;

	err = lookup_bdev(dev_name, &dev);
	if (err)
		return ERR_PTR(err);
	bdev = blkdev_get_by_dev(dev, mode, fs_type);
	if (IS_ERR(bdev))
		return ERR_CAST(bdev);
	sb = find_bdev_super(fs_type, bdev);
	if (sb) {
		blkdev_put(bdev, mode);	/* the first mount's open holds it */
		if ((flags ^ sb->s_flags) & SB_RDONLY) {
			deactivate_super(sb);
			return ERR_PTR(-EBUSY);
		}
		return dget(sb->s_root);
	}
	sb = alloc_super(fs_type);
	if (!sb) {
		blkdev_put(bdev, mode);
		return ERR_PTR(-ENOMEM);
	}
	sb->s_mode = mode;
	sb->s_flags = (unsigned long)flags & (SB_RDONLY | SB_NOSUID | SB_NODEV | SB_NOEXEC |
					      SB_SYNCHRONOUS | SB_DIRSYNC | SB_NOATIME);
	set_bdev_super(sb, bdev);
	err = fill_super(sb, data, flags & MS_SILENT ? 1 : 0);
	if (err) {
		if (sb->s_root)
			fs_type->kill_sb(sb);
		destroy_super(sb);
		blkdev_put(bdev, mode);
		return ERR_PTR(err);
	}
	sb->s_flags |= SB_ACTIVE;
	return dget(sb->s_root);
}

/* kill_sb of disk file systems: shut down, write the device's cache, close it. */
void kill_block_super(struct super_block *sb)
{
	struct block_device *bdev = sb->s_bdev;

	generic_shutdown_super(sb);
	sync_blockdev(bdev);
	invalidate_bdev(bdev);
	blkdev_put(bdev, sb->s_mode);
}

void iterate_supers(void (*f)(struct super_block *, void *), void *arg)
{
	struct super_block *sb, *prev = NULL;

	spin_lock(&sb_lock);
	list_for_each_entry(sb, &super_blocks, s_list) {
		if (!sb->s_active || !sb->s_root)
			continue;
		/* The active reference keeps sb, and the walk's place, while sb_lock is out. */
		sb->s_active++;
		spin_unlock(&sb_lock);
		if (prev)
			deactivate_super(prev);
		f(sb, arg);
		prev = sb;
		spin_lock(&sb_lock);
	}
	spin_unlock(&sb_lock);
	if (prev)
		deactivate_super(prev);
}
