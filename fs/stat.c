/* An inode's attributes as struct kstat (vfs_getattr), before the stat syscalls copy them out. */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include "mount.h"

void generic_fillattr(struct inode *inode, struct kstat *stat)
{
	stat->dev = inode->i_sb->s_dev;
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = i_size_read(inode);
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blksize = 1U << 12;
	stat->blocks = inode->i_blocks;
}

int vfs_getattr(const struct path *path, struct kstat *stat, u32 request_mask,
		unsigned int query_flags)
{
	struct inode *inode = path->dentry->d_inode;
	int err = 0;

	memset(stat, 0, sizeof(*stat));
	stat->result_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	if (inode->i_op->getattr)
		err = inode->i_op->getattr(path, stat, request_mask, query_flags);
	else
		generic_fillattr(inode, stat);
	stat->mnt_id = (u64)real_mount(path->mnt)->mnt_id;
	return err;
}
