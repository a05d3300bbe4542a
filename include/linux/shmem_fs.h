/* tmpfs (mm/shmem.c): a mount's size= and nr_inodes= limits and a file's charged pages. */
#ifndef _LINUX_SHMEM_FS_H
#define _LINUX_SHMEM_FS_H

#include <linux/fs.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>

#define TMPFS_MAGIC	0x01021994

/* A tmpfs file: its pages charged to the mount (alloced, under vfs_inode.i_lock). */
struct shmem_inode_info {
	unsigned long alloced;
	struct inode vfs_inode;
};

/*
 * One tmpfs mount (sb->s_fs_info). max_blocks and max_inodes are fixed at mount, 0 for no
 * limit; used_blocks counts the pages charged to its files, in pages; stat_lock covers
 * free_inodes.
 */
struct shmem_sb_info {
	unsigned long max_blocks;
	atomic_long_t used_blocks;
	unsigned long max_inodes;
	unsigned long free_inodes;
	spinlock_t stat_lock;
	umode_t mode;
};

static inline struct shmem_inode_info *SHMEM_I(struct inode *inode)
{
	return container_of(inode, struct shmem_inode_info, vfs_inode);
}

static inline struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* A regular tmpfs file's operations, which ramfs_get_inode gives tmpfs's files. */
extern const struct address_space_operations shmem_aops;
extern const struct inode_operations shmem_file_inode_operations;

#endif
