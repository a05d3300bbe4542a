/*
 * Host stand-ins for the VFS calls of ext4's directory side (fs/ext4/namei.c, ialloc.c),
 * for tests/host/test_ext4_dir.c, beside tests/host/ext4_host.c's inode cache: new
 * inodes hashed, link counts, dentries made by the test and filled by the file system.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/random.h>

/* Hashes a new inode under its number, I_NEW; -EBUSY when the number is in memory. */
int insert_inode_locked(struct inode *inode)
{
	struct inode *old;

	list_for_each_entry(old, &inode->i_sb->s_inodes, i_sb_list)
		if (old != inode && old->i_ino == inode->i_ino)
			return -EBUSY;
	inode->i_state |= I_NEW;
	return 0;
}

void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = 0;
	inode->i_gid = dir && (dir->i_mode & S_ISGID) ? dir->i_gid : 0;
	inode->i_mode = mode;
}

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

void drop_nlink(struct inode *inode)
{
	BUG_ON(!inode->i_nlink);
	inode->i_nlink--;
}

void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void ihold(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	dentry->d_inode = inode;
}

void d_instantiate_new(struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
	unlock_new_inode(inode);
}

void d_add(struct dentry *dentry, struct inode *inode)
{
	dentry->d_inode = inode;
}

const char *simple_get_link(struct dentry *dentry, struct inode *inode)
{
	return inode->i_link;
}

u64 get_random_u64(void)
{
	return ((u64)random() << 33) ^ ((u64)random() << 11) ^ (u64)random();
}
