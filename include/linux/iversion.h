/*
 * The inode's change counter (i_version), as Linux's iversion.h names its uses: a
 * directory's readers compare it with the value they saw (file->f_version) to learn
 * that entries moved under them. Changed under the inode's i_rwsem.
 */
#ifndef _LINUX_IVERSION_H
#define _LINUX_IVERSION_H

#include <linux/fs.h>

static inline void inode_inc_iversion(struct inode *inode)
{
	inode->i_version++;
}

/* The current value, for a reader to remember. */
static inline u64 inode_query_iversion(struct inode *inode)
{
	return inode->i_version;
}

static inline u64 inode_peek_iversion(const struct inode *inode)
{
	return inode->i_version;
}

/* Whether the inode is unchanged since old was read. */
static inline bool inode_eq_iversion(const struct inode *inode, u64 old)
{
	return inode->i_version == old;
}

#endif
