/*
 * Inodes: allocation (new_inode), references (ihold, igrab, iput), eviction at the last
 * iput (the page cache truncated, then the file system's evict_inode), link counts and
 * timestamps. Each super block lists its inodes on s_inodes for umount's checks.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/fs.h>
#include <linux/blkdev.h>
#include "internal.h"

static struct kmem_cache *inode_cachep;
static long inodes_alive;	/* atomic */

long nr_inodes(void)
{
	return __atomic_load_n(&inodes_alive, __ATOMIC_RELAXED);
}

void address_space_init_once(struct address_space *mapping)
{
	memset(mapping, 0, sizeof(*mapping));
	xa_init(&mapping->i_pages);
	init_rwsem(&mapping->i_mmap_rwsem);
	INIT_LIST_HEAD(&mapping->i_mmap);
}

static int no_open(struct inode *inode, struct file *file)
{
	return -ENXIO;
}

/* Files nothing here can open (block devices, sockets), and a new inode's default. */
static const struct file_operations no_open_fops = {
	.open = no_open,
};

/* What an inode has until its file system says otherwise: no operations. */
static const struct inode_operations empty_iops;

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kmem_cache_zalloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_op = &empty_iops;
	inode->i_fop = &no_open_fops;
	inode->i_count = 1;
	inode->i_nlink = 1;
	init_rwsem(&inode->i_rwsem);
	address_space_init_once(&inode->i_data);
	inode->i_data.host = inode;
	inode->i_mapping = &inode->i_data;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	spin_lock(&sb->s_inode_list_lock);
	inode->i_ino = ++sb->s_next_ino;
	list_add(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb->s_inode_list_lock);
	__atomic_fetch_add(&inodes_alive, 1, __ATOMIC_RELAXED);
	return inode;
}

static void evict(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	truncate_inode_pages(&inode->i_data, 0);
	if (sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(inode);
	spin_lock(&sb->s_inode_list_lock);
	list_del(&inode->i_sb_list);
	spin_unlock(&sb->s_inode_list_lock);
	__atomic_fetch_sub(&inodes_alive, 1, __ATOMIC_RELAXED);
	kmem_cache_free(inode_cachep, inode);
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	WARN_ON(__atomic_load_n(&inode->i_count, __ATOMIC_RELAXED) <= 0);
	if (__atomic_sub_fetch(&inode->i_count, 1, __ATOMIC_ACQ_REL) == 0)
		evict(inode);
}

void ihold(struct inode *inode)
{
	WARN_ON(__atomic_fetch_add(&inode->i_count, 1, __ATOMIC_RELAXED) < 1);
}

struct inode *igrab(struct inode *inode)
{
	ihold(inode);
	return inode;
}

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

void drop_nlink(struct inode *inode)
{
	WARN_ON(inode->i_nlink == 0);
	inode->i_nlink--;
}

void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void set_nlink(struct inode *inode, unsigned int nlink)
{
	inode->i_nlink = nlink;
}

/* Wall-clock time (CLOCK_REALTIME, from the RTC at boot), as Linux stamps inodes. */
struct timespec64 current_time(struct inode *inode)
{
	u64 ns = ktime_get_real_ns();

	return (struct timespec64){ .tv_sec = ns / NSEC_PER_SEC, .tv_nsec = ns % NSEC_PER_SEC };
}

void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = 0;
	inode->i_gid = 0;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	inode->i_mode = mode;
}


void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &pipefifo_fops;
	} else {
		inode->i_fop = &no_open_fops;
		inode->i_rdev = rdev;
	}
}

void __init inode_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 8, SLAB_PANIC,
					 NULL);
}
