/* struct kstat: what vfs_getattr reports, before stat/statx put it in the user's layout. */
#ifndef _LINUX_STAT_H
#define _LINUX_STAT_H

#include <linux/types.h>
#include <linux/fs.h>

struct kstat {
	u32 result_mask;
	umode_t mode;
	unsigned int nlink;
	u32 blksize;
	u64 ino;
	dev_t dev;
	dev_t rdev;
	uid_t uid;
	gid_t gid;
	loff_t size;
	struct timespec64 atime, mtime, ctime;
	u64 blocks;
	u64 mnt_id;
};

/* The attributes of path's inode (the file system's getattr or generic_fillattr). */
int vfs_getattr(const struct path *path, struct kstat *stat, u32 request_mask,
		unsigned int query_flags);
void generic_fillattr(struct inode *inode, struct kstat *stat);

#endif
