/*
 * ext4 symbolic links, as Linux's fs/ext4/symlink.c: a fast symlink keeps its target in
 * i_block (inode->i_link points there); a slow one in its first data block.
 */
#include <linux/buffer_head.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "ext4.h"

/*
 * The target of a slow symlink. The VFS walks the returned string after we return and
 * has no callback to release it, so the block's text is copied once into inode->i_link
 * (freed with the inode: ext4_free_link_cache) and later walks use the copy.
 */
static const char *ext4_get_link(struct dentry *dentry, struct inode *inode)
{
	struct buffer_head *bh;
	char *link;

	if (inode->i_size <= 0 || inode->i_size >= (loff_t)inode->i_sb->s_blocksize) {
		EXT4_ERROR_INODE(inode, "bad symlink size %lld", (long long)inode->i_size);
		return ERR_PTR(-EFSCORRUPTED);
	}
	bh = ext4_bread(NULL, inode, 0, 0);
	if (IS_ERR(bh))
		return ERR_CAST(bh);
	if (!bh) {
		EXT4_ERROR_INODE(inode, "bad symlink.");
		return ERR_PTR(-EFSCORRUPTED);
	}
	link = kmalloc(inode->i_size + 1, GFP_KERNEL);
	if (link) {
		memcpy(link, bh->b_data, inode->i_size);
		link[inode->i_size] = 0;
	}
	brelse(bh);
	if (!link)
		return ERR_PTR(-ENOMEM);
	inode->i_link = link;
	return link;
}

const struct inode_operations ext4_symlink_inode_operations = {
	.get_link	= ext4_get_link,
	.setattr	= ext4_setattr,
};

/* The VFS reads inode->i_link (i_block) directly; get_link is never reached. */
const struct inode_operations ext4_fast_symlink_inode_operations = {
	.get_link	= simple_get_link,
	.setattr	= ext4_setattr,
};
