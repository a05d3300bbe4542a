/*
 * ext4 directory files: the check every directory record passes before it is used, and
 * readdir (getdents64) in block order for linear directories or in hash order for
 * indexed ones, as Linux's fs/ext4/dir.c.
 *
 * f_pos of a linear directory is a byte offset; of an indexed one, the hash of the next
 * name: (major >> 1) << 32 | minor, or EXT4_HTREE_EOF_64BIT at the end. A hash position
 * stays valid while names are added or removed (block splits move records, not hashes),
 * so a reader sees each name that stays in the directory exactly once.
 */
#include <linux/buffer_head.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/iversion.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "ext4.h"
#include "ext4_jbd2.h"

/* "." and ".." of a dx_root and the checksum tail: records with a fixed, shorter form. */
static bool is_fake_dir_entry(struct ext4_dir_entry_2 *de)
{
	if (de->name_len > 0 && de->name_len <= 2 && de->name[0] == '.' &&
	    (de->name_len == 1 || de->name[1] == '.'))
		return true;
	return de->file_type == EXT4_FT_DIR_CSUM;
}

/*
 * Checks the record de at offset in buf (size bytes): its length, its name's fit, its
 * inode number. 0 when sound; 1, with an error report naming the directory, when not.
 */
int __ext4_check_dir_entry(const char *function, unsigned int line, struct inode *dir,
			   struct file *filp, struct ext4_dir_entry_2 *de,
			   struct buffer_head *bh, char *buf, int size, unsigned int offset)
{
	const int rlen = ext4_rec_len_from_disk(de->rec_len, dir->i_sb->s_blocksize);
	const int next_offset = ((char *)de - buf) + rlen;
	bool fake = is_fake_dir_entry(de);
	bool has_csum = ext4_has_metadata_csum(dir->i_sb);
	const char *error_msg;

	if (rlen < (int)ext4_dir_rec_len(1, fake ? NULL : dir))
		error_msg = "rec_len is smaller than minimal";
	else if (rlen % 4 != 0)
		error_msg = "rec_len % 4 != 0";
	else if (rlen < (int)ext4_dir_rec_len(de->name_len, fake ? NULL : dir))
		error_msg = "rec_len is too small for name_len";
	else if (next_offset > size)
		error_msg = "directory entry overrun";
	else if (next_offset > size - (int)ext4_dir_rec_len(1, has_csum ? NULL : dir) &&
		 next_offset != size)
		error_msg = "directory entry too close to block end";
	else if (le32_to_cpu(de->inode) > le32_to_cpu(EXT4_SB(dir->i_sb)->s_es->s_inodes_count))
		error_msg = "inode out of bounds";
	else if (next_offset == size && de->name_len == 1 && de->name[0] == '.')
		error_msg = "'.' directory cannot be the last in data block";
	else
		return 0;
	ext4_error_inode(dir, function, line, bh ? bh->b_blocknr : 0,
			 "bad entry in directory: %s - offset=%u, inode=%u, rec_len=%d, size=%d fake=%d",
			 error_msg, offset, le32_to_cpu(de->inode), rlen, size, fake);
	return 1;
}

/* The DT_* type getdents64 reports for a record's EXT4_FT_* (DT_UNKNOWN without filetype). */
unsigned char ext4_get_dtype(struct super_block *sb, int filetype)
{
	static const unsigned char dtype[EXT4_FT_MAX] = {
		[EXT4_FT_UNKNOWN] = DT_UNKNOWN,	[EXT4_FT_REG_FILE] = DT_REG,
		[EXT4_FT_DIR] = DT_DIR,		[EXT4_FT_CHRDEV] = DT_CHR,
		[EXT4_FT_BLKDEV] = DT_BLK,	[EXT4_FT_FIFO] = DT_FIFO,
		[EXT4_FT_SOCK] = DT_SOCK,	[EXT4_FT_SYMLINK] = DT_LNK,
	};

	if (!ext4_has_feature_filetype(sb) || filetype >= EXT4_FT_MAX || filetype < 0)
		return DT_UNKNOWN;
	return dtype[filetype];
}

/*
 * After the directory changed under an open reader, realigns offset (within bh) to the
 * start of a record by walking the block from its beginning.
 */
static unsigned int ext4_realign_offset(struct inode *inode, struct buffer_head *bh,
					unsigned int offset)
{
	unsigned int blocksize = inode->i_sb->s_blocksize, i, rlen;
	struct ext4_dir_entry_2 *de;

	for (i = 0; i < blocksize && i < offset; i += rlen) {
		de = (struct ext4_dir_entry_2 *)(bh->b_data + i);
		rlen = ext4_rec_len_from_disk(de->rec_len, blocksize);
		if (rlen < ext4_dir_rec_len(1, inode))
			break;
	}
	return i;
}

/* Emits one block's records from ctx->pos on; false when the caller's buffer is full. */
static bool ext4_readdir_block(struct file *file, struct dir_context *ctx,
			       struct buffer_head *bh, unsigned int offset)
{
	struct inode *inode = file_inode(file);
	unsigned int blocksize = inode->i_sb->s_blocksize;
	struct ext4_dir_entry_2 *de;

	while (ctx->pos < inode->i_size && offset < blocksize) {
		de = (struct ext4_dir_entry_2 *)(bh->b_data + offset);
		if (ext4_check_dir_entry(inode, file, de, bh, bh->b_data, bh->b_size, offset)) {
			/* skip the rest of a damaged block */
			ctx->pos = (ctx->pos | (blocksize - 1)) + 1;
			return true;
		}
		offset += ext4_rec_len_from_disk(de->rec_len, blocksize);
		if (le32_to_cpu(de->inode) &&
		    !dir_emit(ctx, de->name, de->name_len, le32_to_cpu(de->inode),
			      ext4_get_dtype(inode->i_sb, de->file_type)))
			return false;
		ctx->pos += ext4_rec_len_from_disk(de->rec_len, blocksize);
	}
	return true;
}

/* readdir of a linear directory: block by block, f_pos a byte offset. */
static int ext4_readdir_linear(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bh;
	unsigned int offset;

	while (ctx->pos < inode->i_size) {
		offset = ctx->pos & (sb->s_blocksize - 1);
		bh = ext4_bread(NULL, inode, ctx->pos >> sb->s_blocksize_bits, 0);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (!bh) {
			ctx->pos += sb->s_blocksize - offset;
			continue;
		}
		if (!buffer_verified(bh) && !ext4_dirblock_csum_verify(inode, bh)) {
			ext4_error_inode(inode, __func__, __LINE__, bh->b_blocknr,
					 "directory fails checksum at offset %llu",
					 (unsigned long long)ctx->pos);
			ctx->pos += sb->s_blocksize - offset;
			brelse(bh);
			continue;
		}
		set_buffer_verified(bh);
		if (!inode_eq_iversion(inode, file->f_version)) {
			offset = ext4_realign_offset(inode, bh, offset);
			ctx->pos = (ctx->pos & ~(loff_t)(sb->s_blocksize - 1)) | offset;
			file->f_version = inode_query_iversion(inode);
		}
		if (!ext4_readdir_block(file, ctx, bh, offset)) {
			brelse(bh);
			return 0;
		}
		brelse(bh);
	}
	return 0;
}

/* ---- readdir in hash order ---- */

/* A name of the current hash range, in dir_private_info's tree; collisions chain on next. */
struct fname {
	u32 hash;
	u32 minor_hash;
	struct rb_node rb_hash;
	struct fname *next;
	u32 inode;
	u8 name_len;
	u8 file_type;
	char name[];
};

static inline loff_t hash2pos(u32 major, u32 minor)
{
	return ((u64)(major >> 1) << 32) | (u64)minor;
}

static inline u32 pos2maj_hash(loff_t pos)
{
	return ((pos >> 32) << 1) & 0xffffffff;
}

static inline u32 pos2min_hash(loff_t pos)
{
	return pos & 0xffffffff;
}

static void free_rb_tree_fname(struct rb_root *root)
{
	struct rb_node *node = rb_first(root);
	struct fname *fname, *old;

	while (node) {
		fname = rb_entry(node, struct fname, rb_hash);
		node = rb_next(node);
		rb_erase(&fname->rb_hash, root);
		while (fname) {
			old = fname;
			fname = fname->next;
			kfree(old);
		}
	}
}

void ext4_htree_free_dir_info(struct dir_private_info *p)
{
	free_rb_tree_fname(&p->root);
	kfree(p);
}

/* Copies one record into the reader's tree, keyed by (hash, minor_hash). */
int ext4_htree_store_dirent(struct file *dir_file, u32 hash, u32 minor_hash,
			    struct ext4_dir_entry_2 *dirent, const struct qstr *ent_name)
{
	struct dir_private_info *info = dir_file->private_data;
	struct rb_node **p = &info->root.rb_node, *parent = NULL;
	struct fname *fname, *new_fn;

	new_fn = kzalloc(sizeof(*new_fn) + ent_name->len + 1, GFP_KERNEL);
	if (!new_fn)
		return -ENOMEM;
	new_fn->hash = hash;
	new_fn->minor_hash = minor_hash;
	new_fn->inode = le32_to_cpu(dirent->inode);
	new_fn->name_len = ent_name->len;
	new_fn->file_type = dirent->file_type;
	memcpy(new_fn->name, ent_name->name, ent_name->len);
	while (*p) {
		parent = *p;
		fname = rb_entry(parent, struct fname, rb_hash);
		if (hash == fname->hash && minor_hash == fname->minor_hash) {
			new_fn->next = fname->next;
			fname->next = new_fn;
			return 0;
		}
		if (hash < fname->hash || (hash == fname->hash && minor_hash < fname->minor_hash))
			p = &(*p)->rb_left;
		else
			p = &(*p)->rb_right;
	}
	rb_link_node(&new_fn->rb_hash, parent, p);
	rb_insert_color(&new_fn->rb_hash, &info->root);
	return 0;
}

/* Emits fname's collision chain at its hash position; 1 when the buffer filled. */
static int call_filldir(struct file *file, struct dir_context *ctx, struct fname *fname)
{
	struct dir_private_info *info = file->private_data;
	struct super_block *sb = file_inode(file)->i_sb;

	ctx->pos = hash2pos(fname->hash, fname->minor_hash);
	for (; fname; fname = fname->next) {
		if (!dir_emit(ctx, fname->name, fname->name_len, fname->inode,
			      ext4_get_dtype(sb, fname->file_type))) {
			info->extra_fname = fname;
			return 1;
		}
	}
	return 0;
}

/* Steps to the next name of the tree, or past the range to the next hash to fill from. */
static bool ext4_dx_readdir_next(struct dir_private_info *info, struct dir_context *ctx)
{
	struct fname *fname;

	info->curr_node = rb_next(info->curr_node);
	if (info->curr_node) {
		fname = rb_entry(info->curr_node, struct fname, rb_hash);
		info->curr_hash = fname->hash;
		info->curr_minor_hash = fname->minor_hash;
		return true;
	}
	if (info->next_hash == ~0u) {
		ctx->pos = EXT4_HTREE_EOF_64BIT;
		return false;
	}
	info->curr_hash = info->next_hash;
	info->curr_minor_hash = 0;
	return true;
}

/*
 * readdir of an indexed directory: the tree is filled one range of hashes at a time
 * (ext4_htree_fill_tree) and emitted in hash order; refilled from the current hash
 * when the directory changed since it was filled.
 */
static int ext4_dx_readdir(struct file *file, struct dir_context *ctx)
{
	struct dir_private_info *info = file->private_data;
	struct inode *inode = file_inode(file);
	struct fname *fname;
	int ret = 0;

	if (!info) {
		info = kzalloc(sizeof(*info), GFP_KERNEL);
		if (!info)
			return -ENOMEM;
		info->curr_hash = pos2maj_hash(ctx->pos);
		info->curr_minor_hash = pos2min_hash(ctx->pos);
		file->private_data = info;
	}
	if (ctx->pos == EXT4_HTREE_EOF_64BIT)
		return 0;
	if (info->last_pos != ctx->pos) {
		/* a seek: start over from the hash the position names */
		free_rb_tree_fname(&info->root);
		info->curr_node = NULL;
		info->extra_fname = NULL;
		info->curr_hash = pos2maj_hash(ctx->pos);
		info->curr_minor_hash = pos2min_hash(ctx->pos);
	}
	if (info->extra_fname) {
		if (call_filldir(file, ctx, info->extra_fname))
			goto finished;
		info->extra_fname = NULL;
		if (!ext4_dx_readdir_next(info, ctx))
			goto finished;
	} else if (!info->curr_node) {
		info->curr_node = rb_first(&info->root);
	}
	for (;;) {
		if (!info->curr_node || !inode_eq_iversion(inode, file->f_version)) {
			info->curr_node = NULL;
			free_rb_tree_fname(&info->root);
			file->f_version = inode_query_iversion(inode);
			ret = ext4_htree_fill_tree(file, info->curr_hash, info->curr_minor_hash,
						   &info->next_hash);
			if (ret < 0)
				goto finished;
			if (ret == 0) {
				ctx->pos = EXT4_HTREE_EOF_64BIT;
				break;
			}
			info->curr_node = rb_first(&info->root);
		}
		fname = rb_entry(info->curr_node, struct fname, rb_hash);
		info->curr_hash = fname->hash;
		info->curr_minor_hash = fname->minor_hash;
		if (call_filldir(file, ctx, fname))
			break;
		if (!ext4_dx_readdir_next(info, ctx))
			break;
	}
finished:
	info->last_pos = ctx->pos;
	return ret < 0 ? ret : 0;
}

static int ext4_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	int err;

	if (ext4_has_feature_dir_index(inode->i_sb) &&
	    (ext4_test_inode_flag(inode, EXT4_INDEX_FL) ||
	     ((inode->i_size >> inode->i_sb->s_blocksize_bits) == 1))) {
		err = ext4_dx_readdir(file, ctx);
		if (err != ERR_BAD_DX_DIR)
			return err;
		/* a damaged index: fall back to block order from the start */
		if (!ext4_has_metadata_csum(inode->i_sb))
			ext4_clear_inode_flag(inode, EXT4_INDEX_FL);
	}
	return ext4_readdir_linear(file, ctx);
}

/* A directory's position is a byte offset or a hash position: any value is kept as is. */
static loff_t ext4_dir_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);
	loff_t ret;

	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	if (offset < 0)
		return -EINVAL;
	ret = file->f_pos = offset;
	file->f_version = inode_peek_iversion(inode) - 1;
	return ret;
}

static int ext4_release_dir(struct inode *inode, struct file *filp)
{
	if (filp->private_data)
		ext4_htree_free_dir_info(filp->private_data);
	return 0;
}

const struct file_operations ext4_dir_operations = {
	.llseek		= ext4_dir_llseek,
	.iterate_shared	= ext4_readdir,
	.release	= ext4_release_dir,
};
