/*
 * ext4's extent tree (Linux 6.1's fs/ext4/extents.c, the part this kernel uses): lookup
 * (ext4_find_extent, binary search at each level, every node read from disk checked by
 * __ext4_ext_check), mapping file blocks (ext4_ext_map_blocks, allocating on a miss),
 * insertion (merge with a neighbour, else a free slot, else split the nodes below the
 * lowest level with room, else grow the tree in depth), and removal from a block to
 * the end of the file (truncate), freeing emptied nodes.
 *
 * Locking: callers hold EXT4_I(inode)->i_data_sem, shared to look up, exclusive to change.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/falloc.h>
#include "ext4.h"
#include "ext4_jbd2.h"
#include "ext4_extents.h"

static __le32 ext4_extent_block_csum(struct inode *inode, struct ext4_extent_header *eh)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);

	return cpu_to_le32(ext4_chksum(sbi, EXT4_I(inode)->i_csum_seed, eh,
				       EXT4_EXTENT_TAIL_OFFSET(eh)));
}

static int ext4_extent_block_csum_verify(struct inode *inode, struct ext4_extent_header *eh)
{
	if (!ext4_has_metadata_csum(inode->i_sb))
		return 1;
	return find_ext4_extent_tail(eh)->et_checksum == ext4_extent_block_csum(inode, eh);
}

static void ext4_extent_block_csum_set(struct inode *inode, struct ext4_extent_header *eh)
{
	if (ext4_has_metadata_csum(inode->i_sb))
		find_ext4_extent_tail(eh)->et_checksum = ext4_extent_block_csum(inode, eh);
}

static int ext4_ext_space_block(struct inode *inode)
{
	return (inode->i_sb->s_blocksize - sizeof(struct ext4_extent_header)) /
		sizeof(struct ext4_extent);
}

static int ext4_ext_space_block_idx(struct inode *inode)
{
	return (inode->i_sb->s_blocksize - sizeof(struct ext4_extent_header)) /
		sizeof(struct ext4_extent_idx);
}

static int ext4_ext_space_root(struct inode *inode)
{
	return (sizeof(EXT4_I(inode)->i_data) - sizeof(struct ext4_extent_header)) /
		sizeof(struct ext4_extent);
}

static int ext4_ext_space_root_idx(struct inode *inode)
{
	return (sizeof(EXT4_I(inode)->i_data) - sizeof(struct ext4_extent_header)) /
		sizeof(struct ext4_extent_idx);
}

static int ext4_ext_max_entries(struct inode *inode, int depth)
{
	if (depth == ext_depth(inode))
		return depth ? ext4_ext_space_root_idx(inode) : ext4_ext_space_root(inode);
	return depth ? ext4_ext_space_block_idx(inode) : ext4_ext_space_block(inode);
}

/* The device blocks [pblk, pblk + len) lie in the data area. */
static bool ext4_data_block_valid(struct super_block *sb, ext4_fsblk_t pblk, unsigned int len)
{
	struct ext4_super_block *es = EXT4_SB(sb)->s_es;

	return pblk > le32_to_cpu(es->s_first_data_block) && pblk + len > pblk &&
		pblk + len <= ext4_blocks_count(es);
}

/* Entries sorted, not overlapping, pointing inside the file system. */
static int ext4_valid_extent_entries(struct inode *inode, struct ext4_extent_header *eh,
				     int depth)
{
	unsigned short entries = le16_to_cpu(eh->eh_entries);
	ext4_lblk_t next = 0;

	if (depth == 0) {
		struct ext4_extent *ext = EXT_FIRST_EXTENT(eh);

		for (; entries; entries--, ext++) {
			ext4_lblk_t lblk = le32_to_cpu(ext->ee_block);
			unsigned int len = ext4_ext_get_actual_len(ext);

			if (lblk < next || !len || lblk + len - 1 < lblk ||
			    !ext4_data_block_valid(inode->i_sb, ext4_ext_pblock(ext), len))
				return 0;
			next = lblk + len;
		}
		return 1;
	}
	for (struct ext4_extent_idx *ix = EXT_FIRST_INDEX(eh); entries; entries--, ix++) {
		ext4_lblk_t lblk = le32_to_cpu(ix->ei_block);

		if ((ix != EXT_FIRST_INDEX(eh) && lblk < next) ||
		    !ext4_data_block_valid(inode->i_sb, ext4_idx_pblock(ix), 1))
			return 0;
		next = lblk + 1;
	}
	return 1;
}

/* A node of the tree as read: magic, depth, counts, entries, checksum; 0 or -errno. */
static int __ext4_ext_check(const char *function, unsigned int line, struct inode *inode,
			    struct ext4_extent_header *eh, int depth, ext4_fsblk_t pblk)
{
	const char *error_msg;
	int err = -EFSCORRUPTED;

	if (eh->eh_magic != EXT4_EXT_MAGIC) {
		error_msg = "invalid magic";
		goto corrupted;
	}
	if (le16_to_cpu(eh->eh_depth) != depth || depth > EXT4_MAX_EXTENT_DEPTH) {
		error_msg = "unexpected eh_depth";
		goto corrupted;
	}
	if (eh->eh_max == 0) {
		error_msg = "invalid eh_max";
		goto corrupted;
	}
	if (le16_to_cpu(eh->eh_max) > ext4_ext_max_entries(inode, depth)) {
		error_msg = "too large eh_max";
		goto corrupted;
	}
	if (le16_to_cpu(eh->eh_entries) > le16_to_cpu(eh->eh_max)) {
		error_msg = "invalid eh_entries";
		goto corrupted;
	}
	if (!ext4_valid_extent_entries(inode, eh, depth)) {
		error_msg = "invalid extent entries";
		goto corrupted;
	}
	if (depth != ext_depth(inode) && !ext4_extent_block_csum_verify(inode, eh)) {
		error_msg = "extent tree corrupted";
		err = -EFSBADCRC;
		goto corrupted;
	}
	return 0;

corrupted:
	ext4_error_inode_err(inode, function, line, 0, -err,
			     "pblk %llu bad header/extent: %s - magic %x, entries %u, max %u(%u), "
			     "depth %u(%u)", (unsigned long long)pblk, error_msg,
			     le16_to_cpu(eh->eh_magic), le16_to_cpu(eh->eh_entries),
			     le16_to_cpu(eh->eh_max), ext4_ext_max_entries(inode, depth),
			     le16_to_cpu(eh->eh_depth), depth);
	return err;
}

#define ext4_ext_check(inode, eh, depth, pblk) \
	__ext4_ext_check(__func__, __LINE__, (inode), (eh), (depth), (pblk))

/* The root in i_block, checked when the inode is read. */
int ext4_ext_check_inode(struct inode *inode)
{
	return ext4_ext_check(inode, ext_inode_hdr(inode), ext_depth(inode), 0);
}

/* An empty tree: a root leaf with no extent. */
int ext4_ext_tree_init(handle_t *handle, struct inode *inode)
{
	struct ext4_extent_header *eh = ext_inode_hdr(inode);

	eh->eh_depth = 0;
	eh->eh_entries = 0;
	eh->eh_magic = EXT4_EXT_MAGIC;
	eh->eh_max = cpu_to_le16(ext4_ext_space_root(inode));
	eh->eh_generation = 0;
	ext4_mark_inode_dirty(handle, inode);
	return 0;
}

/* A node of depth depth at pblk, read and checked once (when read from disk). */
static struct buffer_head *read_extent_tree_block(struct inode *inode, ext4_fsblk_t pblk,
						  int depth)
{
	struct buffer_head *bh = sb_getblk(inode->i_sb, pblk);
	int err;

	if (!bh)
		return ERR_PTR(-ENOMEM);
	if (bh_uptodate_or_lock(bh))
		return bh;
	err = __bh_read(bh, REQ_META | REQ_PRIO, true);
	if (err) {
		EXT4_ERROR_INODE_ERR(inode, EIO, "cannot read extent block %llu",
				     (unsigned long long)pblk);
		goto fail;
	}
	err = ext4_ext_check(inode, ext_block_hdr(bh), depth, pblk);
	if (err) {
		clear_buffer_uptodate(bh);
		goto fail;
	}
	return bh;
fail:
	brelse(bh);
	return ERR_PTR(err);
}

void ext4_ext_drop_refs(struct ext4_ext_path *path)
{
	if (!path)
		return;
	for (int i = 0; i <= path->p_maxdepth; i++) {
		brelse(path[i].p_bh);
		path[i].p_bh = NULL;
	}
}

static void ext4_ext_free_path(struct ext4_ext_path *path)
{
	ext4_ext_drop_refs(path);
	kfree(path);
}

/* The index of node eh whose child covers block: the last with ei_block <= block. */
static struct ext4_extent_idx *ext4_ext_binsearch_idx(struct ext4_extent_header *eh,
						      ext4_lblk_t block)
{
	struct ext4_extent_idx *l = EXT_FIRST_INDEX(eh) + 1, *r = EXT_LAST_INDEX(eh), *m;

	while (l <= r) {
		m = l + (r - l) / 2;
		if (block < le32_to_cpu(m->ei_block))
			r = m - 1;
		else
			l = m + 1;
	}
	return l - 1;
}

/* The extent of leaf eh at or before block (NULL for an empty leaf). */
static struct ext4_extent *ext4_ext_binsearch(struct ext4_extent_header *eh, ext4_lblk_t block)
{
	struct ext4_extent *l = EXT_FIRST_EXTENT(eh) + 1, *r = EXT_LAST_EXTENT(eh), *m;

	if (!eh->eh_entries)
		return NULL;
	while (l <= r) {
		m = l + (r - l) / 2;
		if (block < le32_to_cpu(m->ee_block))
			r = m - 1;
		else
			l = m + 1;
	}
	return l - 1;
}

/*
 * The path from the root to the leaf where block is or would go; *orig_path, if given,
 * is reused (or freed and replaced). ERR_PTR(-errno) on a bad or unreadable node.
 */
struct ext4_ext_path *ext4_find_extent(struct inode *inode, ext4_lblk_t block,
				       struct ext4_ext_path **orig_path, int flags)
{
	struct ext4_extent_header *eh = ext_inode_hdr(inode);
	struct ext4_ext_path *path = orig_path ? *orig_path : NULL;
	short depth = ext_depth(inode), i = depth, ppos = 0;
	struct buffer_head *bh;

	if (depth > EXT4_MAX_EXTENT_DEPTH) {
		EXT4_ERROR_INODE(inode, "inode has invalid extent depth: %d", depth);
		return ERR_PTR(-EFSCORRUPTED);
	}
	if (path) {
		ext4_ext_drop_refs(path);
		if (depth > path[0].p_maxdepth) {
			kfree(path);
			*orig_path = path = NULL;
		}
	}
	if (!path) {
		path = kcalloc(depth + 2, sizeof(struct ext4_ext_path), GFP_NOFS);
		if (!path)
			return ERR_PTR(-ENOMEM);
		path[0].p_maxdepth = depth + 1;
	}
	path[0].p_hdr = eh;
	path[0].p_bh = NULL;
	while (i) {
		path[ppos].p_idx = ext4_ext_binsearch_idx(eh, block);
		path[ppos].p_block = ext4_idx_pblock(path[ppos].p_idx);
		path[ppos].p_depth = i;
		path[ppos].p_ext = NULL;
		bh = read_extent_tree_block(inode, path[ppos].p_block, --i);
		if (IS_ERR(bh)) {
			ext4_ext_free_path(path);
			if (orig_path)
				*orig_path = NULL;
			return ERR_CAST(bh);
		}
		eh = ext_block_hdr(bh);
		ppos++;
		path[ppos].p_bh = bh;
		path[ppos].p_hdr = eh;
	}
	path[ppos].p_depth = i;
	path[ppos].p_ext = ext4_ext_binsearch(eh, block);
	path[ppos].p_idx = NULL;
	if (path[ppos].p_ext)
		path[ppos].p_block = ext4_ext_pblock(path[ppos].p_ext);
	if (orig_path)
		*orig_path = path;
	return path;
}

static int ext4_ext_get_access(handle_t *handle, struct inode *inode, struct ext4_ext_path *path)
{
	if (path->p_bh)
		return ext4_journal_get_write_access(handle, inode->i_sb, path->p_bh,
						     EXT4_JTR_NONE);
	return 0;
}

/* A node changed: its checksum and buffer, or the inode for the root. */
static int ext4_ext_dirty(handle_t *handle, struct inode *inode, struct ext4_ext_path *path)
{
	if (path->p_bh) {
		ext4_extent_block_csum_set(inode, ext_block_hdr(path->p_bh));
		return ext4_handle_dirty_metadata(handle, inode, path->p_bh);
	}
	return ext4_mark_inode_dirty(handle, inode);
}

/*
 * After an extent was put first in its leaf: the indexes above that lead to it start
 * at its block, up to the first level where it is not the first entry.
 */
static int ext4_ext_correct_indexes(handle_t *handle, struct inode *inode,
				    struct ext4_ext_path *path)
{
	int depth = ext_depth(inode), k;
	struct ext4_extent *ex = path[depth].p_ext;
	__le32 border;
	int err;

	if (!depth || ex != EXT_FIRST_EXTENT(path[depth].p_hdr))
		return 0;
	border = ex->ee_block;
	for (k = depth - 1; k >= 0; k--) {
		err = ext4_ext_get_access(handle, inode, path + k);
		if (err)
			return err;
		path[k].p_idx->ei_block = border;
		err = ext4_ext_dirty(handle, inode, path + k);
		if (err || path[k].p_idx != EXT_FIRST_INDEX(path[k].p_hdr))
			return err;
	}
	return 0;
}

static ext4_fsblk_t ext4_ext_new_meta_block(handle_t *handle, struct inode *inode,
					    struct ext4_ext_path *path, int *err)
{
	ext4_fsblk_t goal = path[0].p_block ? path[0].p_block : ext4_inode_to_goal_block(inode);
	ext4_fsblk_t block = ext4_new_meta_blocks(handle, inode, goal, 0, NULL, err);

	if (block)
		inode->i_blocks += inode->i_sb->s_blocksize >> 9;
	return block;
}

/* A fresh node at newblock, of depth depth, uptodate and with write access, or ERR_PTR. */
static struct buffer_head *ext4_ext_new_node(handle_t *handle, struct inode *inode,
					     ext4_fsblk_t newblock, int depth)
{
	struct buffer_head *bh = sb_getblk(inode->i_sb, newblock);
	struct ext4_extent_header *neh;
	int err;

	if (!bh)
		return ERR_PTR(-ENOMEM);
	lock_buffer(bh);
	err = ext4_journal_get_create_access(handle, inode->i_sb, bh, EXT4_JTR_NONE);
	if (err) {
		unlock_buffer(bh);
		brelse(bh);
		return ERR_PTR(err);
	}
	memset(bh->b_data, 0, inode->i_sb->s_blocksize);
	neh = ext_block_hdr(bh);
	neh->eh_magic = EXT4_EXT_MAGIC;
	neh->eh_depth = cpu_to_le16(depth);
	neh->eh_max = cpu_to_le16(depth ? ext4_ext_space_block_idx(inode) :
				  ext4_ext_space_block(inode));
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	return bh;
}

static int ext4_ext_write_node(handle_t *handle, struct inode *inode, struct buffer_head *bh)
{
	ext4_extent_block_csum_set(inode, ext_block_hdr(bh));
	return ext4_handle_dirty_metadata(handle, inode, bh);
}

/*
 * Splits the nodes from the leaf up to below level at (which has a free index slot):
 * at each of those levels a new node takes the entries right of the path, and level at
 * gets an index to the new subtree, starting at border. blocks[] must hold a new block
 * for each split level.
 */
static int ext4_ext_split_levels(handle_t *handle, struct inode *inode,
				 struct ext4_ext_path *path, int at, ext4_lblk_t border,
				 ext4_fsblk_t *blocks)
{
	int depth = ext_depth(inode), i, err = 0;
	ext4_fsblk_t child = 0;

	for (i = depth; i > at; i--) {
		struct ext4_extent_header *eh = path[i].p_hdr, *neh;
		struct buffer_head *bh = ext4_ext_new_node(handle, inode, blocks[i - at - 1],
							   depth - i);
		int m;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		neh = ext_block_hdr(bh);
		err = ext4_ext_get_access(handle, inode, path + i);
		if (err)
			goto out;
		if (i == depth) {
			m = path[i].p_ext ? EXT_LAST_EXTENT(eh) - path[i].p_ext : 0;
			memcpy(EXT_FIRST_EXTENT(neh), EXT_LAST_EXTENT(eh) - m + 1,
			       m * sizeof(struct ext4_extent));
		} else {
			struct ext4_extent_idx *fidx = EXT_FIRST_INDEX(neh);

			m = EXT_LAST_INDEX(eh) - path[i].p_idx;
			fidx->ei_block = cpu_to_le32(border);
			ext4_idx_store_pblock(fidx, child);
			memcpy(fidx + 1, path[i].p_idx + 1, m * sizeof(struct ext4_extent_idx));
			le16_add_cpu(&neh->eh_entries, 1);
		}
		le16_add_cpu(&neh->eh_entries, m);
		le16_add_cpu(&eh->eh_entries, -m);
		err = ext4_ext_write_node(handle, inode, bh);
		if (!err)
			err = ext4_ext_dirty(handle, inode, path + i);
out:
		child = bh->b_blocknr;
		brelse(bh);
		if (err)
			return err;
	}
	/* level at: an index to the new subtree, right after the path's one */
	err = ext4_ext_get_access(handle, inode, path + at);
	if (err)
		return err;
	{
		struct ext4_extent_idx *ix = path[at].p_idx + 1;

		memmove(ix + 1, ix, (EXT_LAST_INDEX(path[at].p_hdr) - path[at].p_idx) *
			sizeof(struct ext4_extent_idx));
		ix->ei_block = cpu_to_le32(border);
		ext4_idx_store_pblock(ix, child);
		ix->ei_unused = 0;
		le16_add_cpu(&path[at].p_hdr->eh_entries, 1);
	}
	return ext4_ext_dirty(handle, inode, path + at);
}

/* ext4_ext_split: allocates the new nodes, then splits below level at at newext. */
static int ext4_ext_split(handle_t *handle, struct inode *inode, struct ext4_ext_path *path,
			  struct ext4_extent *newext, int at)
{
	int depth = ext_depth(inode), n = depth - at, i, err = 0;
	struct ext4_extent *ex = path[depth].p_ext;
	ext4_fsblk_t blocks[EXT4_MAX_EXTENT_DEPTH];
	ext4_lblk_t border;

	if (ex && ex != EXT_LAST_EXTENT(path[depth].p_hdr))
		border = le32_to_cpu(ex[1].ee_block);
	else
		border = le32_to_cpu(newext->ee_block);
	for (i = 0; i < n && !err; i++)
		blocks[i] = ext4_ext_new_meta_block(handle, inode, path, &err);
	if (!err)
		err = ext4_ext_split_levels(handle, inode, path, at, border, blocks);
	if (err) {
		for (int j = 0; j < i - (err ? 1 : 0) && blocks[j]; j++) {
			ext4_free_blocks(handle, inode, NULL, blocks[j], 1,
					 EXT4_FREE_BLOCKS_METADATA | EXT4_FREE_BLOCKS_FORGET);
			inode->i_blocks -= inode->i_sb->s_blocksize >> 9;
		}
	}
	return err;
}

/* Moves the root into a new block and makes the root an index to it: one level more. */
static int ext4_ext_grow_indepth(handle_t *handle, struct inode *inode,
				 struct ext4_ext_path *path)
{
	struct ext4_extent_header *root = ext_inode_hdr(inode), *neh;
	int depth = ext_depth(inode), err = 0;
	ext4_fsblk_t newblock = ext4_ext_new_meta_block(handle, inode, path, &err);
	struct buffer_head *bh;

	if (!newblock)
		return err;
	bh = ext4_ext_new_node(handle, inode, newblock, depth);
	if (IS_ERR(bh)) {
		ext4_free_blocks(handle, inode, NULL, newblock, 1, EXT4_FREE_BLOCKS_METADATA);
		inode->i_blocks -= inode->i_sb->s_blocksize >> 9;
		return PTR_ERR(bh);
	}
	neh = ext_block_hdr(bh);
	memcpy(EXT_FIRST_INDEX(neh), EXT_FIRST_INDEX(root),
	       le16_to_cpu(root->eh_entries) * sizeof(struct ext4_extent));
	neh->eh_entries = root->eh_entries;
	err = ext4_ext_write_node(handle, inode, bh);
	brelse(bh);
	if (err)
		return err;
	root->eh_depth = cpu_to_le16(depth + 1);
	root->eh_entries = cpu_to_le16(1);
	root->eh_max = cpu_to_le16(ext4_ext_space_root_idx(inode));
	EXT_FIRST_INDEX(root)->ei_block = depth ? EXT_FIRST_INDEX(neh)->ei_block :
		EXT_FIRST_EXTENT(neh)->ee_block;
	ext4_idx_store_pblock(EXT_FIRST_INDEX(root), newblock);
	EXT_FIRST_INDEX(root)->ei_unused = 0;
	return ext4_mark_inode_dirty(handle, inode);
}

/*
 * Makes room in the leaf where newext goes: split below the lowest level with a free
 * index slot, or, with none, grow the tree and try again. The path is looked up anew.
 */
static int ext4_ext_create_new_leaf(handle_t *handle, struct inode *inode,
				    struct ext4_ext_path **ppath, struct ext4_extent *newext)
{
	ext4_lblk_t lblk = le32_to_cpu(newext->ee_block);
	struct ext4_ext_path *path;
	int at, err;

	for (;;) {
		path = *ppath;
		for (at = ext_depth(inode) - 1; at >= 0; at--)
			if (EXT_HAS_FREE_INDEX(path + at))
				break;
		if (at >= 0)
			err = ext4_ext_split(handle, inode, path, newext, at);
		else
			err = ext4_ext_grow_indepth(handle, inode, path);
		if (err)
			return err;
		path = ext4_find_extent(inode, lblk, ppath, 0);
		if (IS_ERR(path))
			return PTR_ERR(path);
		if (EXT_HAS_FREE_INDEX(path + ext_depth(inode)))
			return 0;
	}
}

/*
 * ex and newext are adjacent in the file and on disk, both written or both unwritten,
 * and fit in one extent together.
 */
static bool ext4_can_extents_be_merged(struct ext4_extent *ex, struct ext4_extent *newext)
{
	unsigned int len1 = ext4_ext_get_actual_len(ex), len2 = ext4_ext_get_actual_len(newext);

	if (ext4_ext_is_unwritten(ex) != ext4_ext_is_unwritten(newext))
		return false;
	if (le32_to_cpu(ex->ee_block) + len1 != le32_to_cpu(newext->ee_block))
		return false;
	if (len1 + len2 > (ext4_ext_is_unwritten(ex) ? EXT_UNWRITTEN_MAX_LEN : EXT_INIT_MAX_LEN))
		return false;
	return ext4_ext_pblock(ex) + len1 == ext4_ext_pblock(newext);
}

/*
 * Puts newext (not overlapping any extent) into the tree: appended to its left
 * neighbour when they are contiguous, else as a new entry, making room as needed.
 * *ppath: the path to where it goes; it may be looked up anew.
 */
int ext4_ext_insert_extent(handle_t *handle, struct inode *inode,
			   struct ext4_ext_path **ppath, struct ext4_extent *newext, int gb_flags)
{
	struct ext4_ext_path *path = *ppath;
	int depth = ext_depth(inode), err;
	struct ext4_extent_header *eh;
	struct ext4_extent *ex, *nearex;

	ex = path[depth].p_ext;
	if (ex && !(gb_flags & EXT4_GET_BLOCKS_PRE_IO) && ext4_can_extents_be_merged(ex, newext)) {
		bool unwritten = ext4_ext_is_unwritten(ex);

		err = ext4_ext_get_access(handle, inode, path + depth);
		if (err)
			return err;
		ex->ee_len = cpu_to_le16(ext4_ext_get_actual_len(ex) +
					 ext4_ext_get_actual_len(newext));
		if (unwritten)
			ext4_ext_mark_unwritten(ex);
		return ext4_ext_dirty(handle, inode, path + depth);
	}
	if (!EXT_HAS_FREE_INDEX(path + depth)) {
		err = ext4_ext_create_new_leaf(handle, inode, ppath, newext);
		if (err)
			return err;
		path = *ppath;
		depth = ext_depth(inode);
	}
	eh = path[depth].p_hdr;
	err = ext4_ext_get_access(handle, inode, path + depth);
	if (err)
		return err;
	nearex = path[depth].p_ext;
	if (!nearex)
		nearex = EXT_FIRST_EXTENT(eh);
	else if (le32_to_cpu(newext->ee_block) > le32_to_cpu(nearex->ee_block))
		nearex++;
	memmove(nearex + 1, nearex, (EXT_LAST_EXTENT(eh) - nearex + 1) * sizeof(*nearex));
	le16_add_cpu(&eh->eh_entries, 1);
	*nearex = *newext;
	path[depth].p_ext = nearex;
	err = ext4_ext_correct_indexes(handle, inode, path);
	if (err)
		return err;
	return ext4_ext_dirty(handle, inode, path + depth);
}

/* The first file block mapped after the path's extent, or EXT_MAX_BLOCKS. */
static ext4_lblk_t ext4_ext_next_allocated_block(struct ext4_ext_path *path)
{
	int depth = path->p_depth;

	if (depth == 0 && path->p_ext == NULL)
		return EXT_MAX_BLOCKS;
	while (depth >= 0) {
		struct ext4_ext_path *p = &path[depth];

		if (depth == path->p_depth) {
			if (p->p_ext && p->p_ext != EXT_LAST_EXTENT(p->p_hdr))
				return le32_to_cpu(p->p_ext[1].ee_block);
			if (!p->p_ext && p->p_hdr->eh_entries)
				return le32_to_cpu(EXT_FIRST_EXTENT(p->p_hdr)->ee_block);
		} else if (p->p_idx != EXT_LAST_INDEX(p->p_hdr)) {
			return le32_to_cpu(p->p_idx[1].ei_block);
		}
		depth--;
	}
	return EXT_MAX_BLOCKS;
}

/* Where to put block: after its left neighbour on disk, or at the inode's goal. */
static ext4_fsblk_t ext4_ext_find_goal(struct inode *inode, struct ext4_ext_path *path,
				       ext4_lblk_t block)
{
	int depth = ext_depth(inode);
	struct ext4_extent *ex = path[depth].p_ext;

	if (ex) {
		ext4_fsblk_t ext_pblk = ext4_ext_pblock(ex);
		ext4_lblk_t ext_block = le32_to_cpu(ex->ee_block);

		if (block > ext_block)
			return ext_pblk + (block - ext_block);
		return ext_pblk > block - ext_block ? ext_pblk - (ext_block - block) : ext_pblk;
	}
	if (path[depth].p_bh)
		return path[depth].p_bh->b_blocknr;
	return ext4_inode_to_goal_block(inode);
}

/* map->m_lblk lies in ex: the mapped part, up to map->m_len. */
static int ext4_ext_map_found(struct inode *inode, struct ext4_map_blocks *map,
			      struct ext4_extent *ex)
{
	ext4_lblk_t ee_block = le32_to_cpu(ex->ee_block);
	unsigned int ee_len = ext4_ext_get_actual_len(ex);
	unsigned int allocated = ee_len - (map->m_lblk - ee_block);

	map->m_pblk = ext4_ext_pblock(ex) + map->m_lblk - ee_block;
	map->m_len = min_t(unsigned int, map->m_len, allocated);
	map->m_flags |= EXT4_MAP_MAPPED;
	return map->m_len;
}

/* ---- unwritten extents: splitting and conversion ------------------------------------ */

/* What ext4_split_extent_at makes of the two halves. */
#define EXT4_EXT_MARK_UNWRIT1	0x2	/* the first half stays unwritten */
#define EXT4_EXT_MARK_UNWRIT2	0x4	/* the second half stays unwritten */

/*
 * Splits the path's extent at file block split into [ee_block, split) and [split,
 * end), each half written or unwritten as split_flag says. A split at the extent's
 * first block only changes its state. *ppath may be looked up anew (the leaf split).
 */
static int ext4_split_extent_at(handle_t *handle, struct inode *inode,
				struct ext4_ext_path **ppath, ext4_lblk_t split, int split_flag,
				int flags)
{
	struct ext4_ext_path *path = *ppath;
	int depth = ext_depth(inode), err;
	struct ext4_extent *ex = path[depth].p_ext, newex;
	ext4_lblk_t ee_block = le32_to_cpu(ex->ee_block);
	unsigned int ee_len = ext4_ext_get_actual_len(ex);
	__le16 orig_len = ex->ee_len;

	err = ext4_ext_get_access(handle, inode, path + depth);
	if (err)
		return err;
	if (split == ee_block) {
		if (split_flag & EXT4_EXT_MARK_UNWRIT2)
			ext4_ext_mark_unwritten(ex);
		else
			ext4_ext_mark_initialized(ex);
		return ext4_ext_dirty(handle, inode, path + depth);
	}
	ex->ee_len = cpu_to_le16(split - ee_block);
	if (split_flag & EXT4_EXT_MARK_UNWRIT1)
		ext4_ext_mark_unwritten(ex);
	err = ext4_ext_dirty(handle, inode, path + depth);
	if (err)
		goto fix_extent_len;
	newex.ee_block = cpu_to_le32(split);
	newex.ee_len = cpu_to_le16(ee_len - (split - ee_block));
	ext4_ext_store_pblock(&newex, ext4_ext_pblock(ex) + (split - ee_block));
	if (split_flag & EXT4_EXT_MARK_UNWRIT2)
		ext4_ext_mark_unwritten(&newex);
	err = ext4_ext_insert_extent(handle, inode, ppath, &newex, flags | EXT4_GET_BLOCKS_PRE_IO);
	if (!err)
		return 0;
	/* No room for the second half: the extent is whole again. */
	path = ext4_find_extent(inode, ee_block, ppath, 0);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ex = path[depth = ext_depth(inode)].p_ext;
fix_extent_len:
	ex->ee_len = orig_len;
	ext4_ext_dirty(handle, inode, path + depth);
	return err;
}

/*
 * Splits the unwritten extent holding map's range so that the range is an extent of
 * its own, made written (the parts before and after stay unwritten).
 */
static int ext4_split_extent(handle_t *handle, struct inode *inode,
			     struct ext4_ext_path **ppath, struct ext4_map_blocks *map)
{
	struct ext4_ext_path *path = *ppath;
	struct ext4_extent *ex = path[ext_depth(inode)].p_ext;
	ext4_lblk_t ee_block = le32_to_cpu(ex->ee_block);
	unsigned int ee_len = ext4_ext_get_actual_len(ex);
	int err;

	if (map->m_lblk + map->m_len < ee_block + ee_len) {
		err = ext4_split_extent_at(handle, inode, ppath, map->m_lblk + map->m_len,
					   EXT4_EXT_MARK_UNWRIT1 | EXT4_EXT_MARK_UNWRIT2, 0);
		if (err)
			return err;
	}
	/* The first split may have moved the extent to another leaf. */
	path = ext4_find_extent(inode, map->m_lblk, ppath, 0);
	if (IS_ERR(path))
		return PTR_ERR(path);
	return ext4_split_extent_at(handle, inode, ppath, map->m_lblk, EXT4_EXT_MARK_UNWRIT1, 0);
}

/*
 * A write into the unwritten extent at the path: the blocks of map's range become
 * written (data=ordered writes the data before the commit naming them). A range at the
 * extent's start next to a written extent contiguous on disk is moved into that
 * neighbour (the boundary shifts: a sequential writer never adds an extent); otherwise
 * the extent is split. Return: the blocks mapped, or -errno.
 */
static int ext4_ext_convert_to_initialized(handle_t *handle, struct inode *inode,
					   struct ext4_map_blocks *map,
					   struct ext4_ext_path **ppath)
{
	struct ext4_ext_path *path = *ppath;
	int depth = ext_depth(inode), err;
	struct ext4_extent *ex = path[depth].p_ext, *abut_ex = ex - 1;
	ext4_lblk_t ee_block = le32_to_cpu(ex->ee_block);
	unsigned int ee_len = ext4_ext_get_actual_len(ex);
	ext4_fsblk_t ee_pblk = ext4_ext_pblock(ex);
	unsigned int len = min_t(unsigned int, map->m_len, ee_block + ee_len - map->m_lblk);

	map->m_len = len;
	if (map->m_lblk == ee_block && len < ee_len && ex > EXT_FIRST_EXTENT(path[depth].p_hdr) &&
	    !ext4_ext_is_unwritten(abut_ex) &&
	    le32_to_cpu(abut_ex->ee_block) + ext4_ext_get_actual_len(abut_ex) == ee_block &&
	    ext4_ext_pblock(abut_ex) + ext4_ext_get_actual_len(abut_ex) == ee_pblk &&
	    ext4_ext_get_actual_len(abut_ex) + len <= EXT_INIT_MAX_LEN) {
		err = ext4_ext_get_access(handle, inode, path + depth);
		if (err)
			return err;
		abut_ex->ee_len = cpu_to_le16(ext4_ext_get_actual_len(abut_ex) + len);
		ex->ee_block = cpu_to_le32(ee_block + len);
		ext4_ext_store_pblock(ex, ee_pblk + len);
		ex->ee_len = cpu_to_le16(ee_len - len);
		ext4_ext_mark_unwritten(ex);
		err = ext4_ext_dirty(handle, inode, path + depth);
	} else {
		err = ext4_split_extent(handle, inode, ppath, map);
	}
	if (err)
		return err;
	map->m_pblk = ee_pblk + (map->m_lblk - ee_block);
	return (int)len;
}

/*
 * map->m_lblk lies in an unwritten extent: a lookup sees a hole (the blocks read as
 * zeroes), fallocate finds the blocks already there, a write converts them
 * (EXT4_MAP_NEW: the parts of a block the write does not cover are zeroed).
 */
static int ext4_ext_handle_unwritten_extents(handle_t *handle, struct inode *inode,
					     struct ext4_map_blocks *map,
					     struct ext4_ext_path **ppath, int flags)
{
	struct ext4_extent *ex = (*ppath)[ext_depth(inode)].p_ext;
	unsigned int left = le32_to_cpu(ex->ee_block) + ext4_ext_get_actual_len(ex) - map->m_lblk;
	int ret;

	map->m_len = min_t(unsigned int, map->m_len, left);
	if (!(flags & EXT4_GET_BLOCKS_CREATE))
		return 0;
	if (flags & EXT4_GET_BLOCKS_UNWRIT_EXT) {
		map->m_pblk = ext4_ext_pblock(ex) + map->m_lblk - le32_to_cpu(ex->ee_block);
		map->m_flags |= EXT4_MAP_MAPPED | EXT4_MAP_UNWRITTEN;
		return (int)map->m_len;
	}
	ret = ext4_ext_convert_to_initialized(handle, inode, map, ppath);
	if (ret > 0)
		map->m_flags |= EXT4_MAP_NEW | EXT4_MAP_MAPPED;
	return ret;
}

/*
 * Maps map->m_len file blocks from map->m_lblk: the count mapped (from m_pblk), 0 for a
 * hole without EXT4_GET_BLOCKS_CREATE (m_len: the hole's length), or -errno. With
 * CREATE a hole is allocated (EXT4_MAP_NEW). Context: i_data_sem held (exclusive to
 * create).
 */
int ext4_ext_map_blocks(handle_t *handle, struct inode *inode, struct ext4_map_blocks *map,
			int flags)
{
	struct ext4_allocation_request ar = { .inode = inode, .logical = map->m_lblk };
	struct ext4_ext_path *path;
	struct ext4_extent newex, *ex;
	ext4_lblk_t next;
	ext4_fsblk_t newblock;
	int depth, err = 0;

	path = ext4_find_extent(inode, map->m_lblk, NULL, 0);
	if (IS_ERR(path))
		return PTR_ERR(path);
	depth = ext_depth(inode);
	ex = path[depth].p_ext;
	if (ex && map->m_lblk >= le32_to_cpu(ex->ee_block) &&
	    map->m_lblk < le32_to_cpu(ex->ee_block) + ext4_ext_get_actual_len(ex)) {
		if (!ext4_ext_is_unwritten(ex)) {
			err = ext4_ext_map_found(inode, map, ex);
			goto out;
		}
		err = ext4_ext_handle_unwritten_extents(handle, inode, map, &path, flags);
		goto out;
	}
	next = ext4_ext_next_allocated_block(path);
	map->m_len = min_t(ext4_lblk_t, map->m_len, next - map->m_lblk);
	if (!(flags & EXT4_GET_BLOCKS_CREATE))
		goto out;
	ar.len = min_t(unsigned int, map->m_len, (flags & EXT4_GET_BLOCKS_UNWRIT_EXT) ?
		       EXT_UNWRITTEN_MAX_LEN : EXT_INIT_MAX_LEN);
	ar.goal = ext4_ext_find_goal(inode, path, map->m_lblk);
	ar.flags = EXT4_MB_HINT_DATA;
	newblock = ext4_mb_new_blocks(handle, &ar, &err);
	if (!newblock)
		goto out;
	newex.ee_block = cpu_to_le32(map->m_lblk);
	ext4_ext_store_pblock(&newex, newblock);
	newex.ee_len = cpu_to_le16(ar.len);
	if (flags & EXT4_GET_BLOCKS_UNWRIT_EXT) {
		ext4_ext_mark_unwritten(&newex);
		map->m_flags |= EXT4_MAP_UNWRITTEN;
	}
	err = ext4_ext_insert_extent(handle, inode, &path, &newex, flags);
	if (err) {
		ext4_free_blocks(handle, inode, NULL, newblock, ar.len, EXT4_FREE_BLOCKS_FORGET);
		goto out;
	}
	inode->i_blocks += (u64)ar.len << (inode->i_blkbits - 9);
	map->m_pblk = newblock;
	map->m_len = ar.len;
	map->m_flags |= EXT4_MAP_NEW | EXT4_MAP_MAPPED;
	err = ar.len;
out:
	ext4_ext_free_path(path);
	return err;
}

/* Frees the last `num` blocks of extent ex (all of it when num is its length). */
static void ext4_remove_blocks(handle_t *handle, struct inode *inode, struct ext4_extent *ex,
			       unsigned int num)
{
	unsigned int len = ext4_ext_get_actual_len(ex);
	ext4_fsblk_t pblk = ext4_ext_pblock(ex) + len - num;

	ext4_free_blocks(handle, inode, NULL, pblk, num, EXT4_FREE_BLOCKS_FORGET);
	inode->i_blocks -= (u64)num << (inode->i_blkbits - 9);
}

/*
 * Drops the emptied node at level `level` of path: frees its block and removes its
 * index from the level above, up through levels that empty in turn; an empty root
 * becomes a leaf again.
 */
static int ext4_ext_rm_empty_node(handle_t *handle, struct inode *inode,
				  struct ext4_ext_path *path, int level)
{
	int err;

	while (level > 0 && !path[level].p_hdr->eh_entries) {
		struct ext4_ext_path *up = path + level - 1;
		ext4_fsblk_t pblk = ext4_idx_pblock(up->p_idx);

		err = ext4_ext_get_access(handle, inode, up);
		if (err)
			return err;
		memmove(up->p_idx, up->p_idx + 1,
			(EXT_LAST_INDEX(up->p_hdr) - up->p_idx) * sizeof(struct ext4_extent_idx));
		le16_add_cpu(&up->p_hdr->eh_entries, -1);
		err = ext4_ext_dirty(handle, inode, up);
		if (err)
			return err;
		ext4_free_blocks(handle, inode, path[level].p_bh, pblk, 1,
				 EXT4_FREE_BLOCKS_METADATA | EXT4_FREE_BLOCKS_FORGET);
		path[level].p_bh = NULL;
		inode->i_blocks -= inode->i_sb->s_blocksize >> 9;
		level--;
	}
	if (level == 0 && !path[0].p_hdr->eh_entries && ext_depth(inode)) {
		ext_inode_hdr(inode)->eh_depth = 0;
		ext_inode_hdr(inode)->eh_max = cpu_to_le16(ext4_ext_space_root(inode));
		return ext4_mark_inode_dirty(handle, inode);
	}
	return 0;
}

/*
 * A punched range ending at end inside an extent: the extent is split at end + 1 (both
 * halves keep its state), so the removal below never reaches past end.
 */
static int ext4_force_split_extent_at(handle_t *handle, struct inode *inode,
				      struct ext4_ext_path **ppath, ext4_lblk_t end)
{
	struct ext4_ext_path *path = ext4_find_extent(inode, end, ppath, 0);
	struct ext4_extent *ex;
	int flag;

	if (IS_ERR(path))
		return PTR_ERR(path);
	ex = path[ext_depth(inode)].p_ext;
	if (!ex || le32_to_cpu(ex->ee_block) > end ||
	    le32_to_cpu(ex->ee_block) + ext4_ext_get_actual_len(ex) - 1 <= end)
		return 0;
	flag = ext4_ext_is_unwritten(ex) ? EXT4_EXT_MARK_UNWRIT1 | EXT4_EXT_MARK_UNWRIT2 : 0;
	return ext4_split_extent_at(handle, inode, ppath, end + 1, flag, EXT4_GET_BLOCKS_PRE_IO);
}

/*
 * Frees the blocks at or after start of the extent path ends at (the last one there
 * that the removal reaches), dropping the extent when all of it goes and the leaf when
 * it empties. Return: 1 when nothing at or after start is left, 0 to go on, or -errno.
 */
static int ext4_ext_rm_leaf(handle_t *handle, struct inode *inode, struct ext4_ext_path *path,
			    ext4_lblk_t start)
{
	int depth = ext_depth(inode), err;
	struct ext4_extent *ex = path[depth].p_ext;
	ext4_lblk_t ee_block;
	unsigned int len, num;

	if (!ex)
		return 1;
	ee_block = le32_to_cpu(ex->ee_block);
	len = ext4_ext_get_actual_len(ex);
	if (ee_block + len <= start)
		return 1;
	num = ee_block >= start ? len : ee_block + len - start;
	err = ext4_ext_get_access(handle, inode, path + depth);
	if (err)
		return err;
	ext4_remove_blocks(handle, inode, ex, num);
	if (num == len) {
		memmove(ex, ex + 1, (EXT_LAST_EXTENT(path[depth].p_hdr) - ex) * sizeof(*ex));
		le16_add_cpu(&path[depth].p_hdr->eh_entries, -1);
	} else {
		ex->ee_len = cpu_to_le16(len - num +
					 (ext4_ext_is_unwritten(ex) ? EXT_INIT_MAX_LEN : 0));
	}
	err = ext4_ext_dirty(handle, inode, path + depth);
	/* A punched leaf's new first extent: the indexes above start at it. */
	if (!err && num == len && path[depth].p_hdr->eh_entries &&
	    ex == EXT_FIRST_EXTENT(path[depth].p_hdr))
		err = ext4_ext_correct_indexes(handle, inode, path);
	if (!err)
		err = ext4_ext_rm_empty_node(handle, inode, path, depth);
	return err;
}

/*
 * Removes the file's blocks from start to end, last extent first: each pass takes the
 * last extent at or before end and drops it (or its tail, for the one straddling
 * start). A range ending inside an extent (a punched hole) splits it first.
 */
int ext4_ext_remove_space(struct inode *inode, ext4_lblk_t start, ext4_lblk_t end)
{
	handle_t *handle = ext4_journal_current_handle();
	struct ext4_ext_path *path = NULL;
	int err = 0;

	if (end < EXT_MAX_BLOCKS - 1) {
		err = ext4_force_split_extent_at(handle, inode, &path, end);
		if (err) {
			ext4_ext_free_path(path);
			return err;
		}
	}
	for (;;) {
		int depth;

		/*
		 * Credits for one pass (its leaf, the index blocks above, bitmaps and group
		 * descriptors) and revokes for the tree blocks it may free; a handle run
		 * short commits what it did and goes on in a new transaction.
		 */
		depth = ext_depth(inode);
		err = ext4_journal_ensure_credits(handle, EXT4_DATA_TRANS_BLOCKS(inode->i_sb) +
						  depth, ext4_free_metadata_revoke_credits(
							  inode->i_sb, depth + 1));
		if (err < 0)
			break;
		err = 0;
		path = ext4_find_extent(inode, end, &path, 0);
		if (IS_ERR(path))
			return PTR_ERR(path);
		err = ext4_ext_rm_leaf(handle, inode, path, start);
		if (err)
			break;
	}
	if (err > 0)
		err = 0;
	ext4_ext_free_path(path);
	return err;
}

/* Frees every block past i_size (rounded up to a block). */
int ext4_ext_truncate(handle_t *handle, struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	ext4_lblk_t last_block = (inode->i_size + sb->s_blocksize - 1) >> sb->s_blocksize_bits;

	return ext4_ext_remove_space(inode, last_block, EXT_MAX_BLOCKS - 1);
}

/* ---- fallocate ----------------------------------------------------------------------- */

/*
 * Allocates len blocks from file block offset as unwritten extents, a handle per
 * extent; i_size grows to new_size (when not 0) as they come. Blocks already there
 * stay as they are. Return: 0 or -errno (-ENOSPC keeps what was allocated).
 */
static int ext4_alloc_file_blocks(struct file *file, ext4_lblk_t offset, ext4_lblk_t len,
				  loff_t new_size, int flags)
{
	struct inode *inode = file_inode(file);
	struct ext4_map_blocks map = { .m_lblk = offset, .m_len = len };
	int ret = 0, ret2 = 0;
	handle_t *handle;

	while (len) {
		loff_t epos;

		handle = ext4_journal_start(inode, EXT4_HT_MAP_BLOCKS,
					    EXT4_DATA_TRANS_BLOCKS(inode->i_sb) + ext_depth(inode));
		if (IS_ERR(handle))
			return PTR_ERR(handle);
		ret = ext4_map_blocks(handle, inode, &map, flags);
		if (ret <= 0) {
			ext4_mark_inode_dirty(handle, inode);
			ext4_journal_stop(handle);
			return ret ? ret : -ENOSPC;
		}
		map.m_lblk += ret;
		map.m_len = len = len - ret;
		epos = (loff_t)map.m_lblk << inode->i_blkbits;
		inode->i_ctime = current_time(inode);
		if (new_size && ext4_update_inode_size(inode, min(epos, new_size)))
			inode->i_mtime = inode->i_ctime;
		ret2 = ext4_mark_inode_dirty(handle, inode);
		ext4_update_inode_fsync_trans(handle, inode, 1);
		ret = ext4_journal_stop(handle);
		if (ret || ret2)
			return ret ? ret : ret2;
	}
	return 0;
}

/**
 * ext4_fallocate - ->fallocate of ext4's regular files
 * @mode: 0 or FALLOC_FL_KEEP_SIZE (allocate unwritten extents, which read as zeroes
 *	until written), or FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE (free the range)
 *
 * Return: 0, -EOPNOTSUPP (another mode, or a file without extents), -ENOSPC, -EFBIG.
 */
long ext4_fallocate(struct file *file, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file_inode(file);
	unsigned int blkbits = inode->i_blkbits;
	ext4_lblk_t lblk = (ext4_lblk_t)(offset >> blkbits);
	ext4_lblk_t max_blocks;
	loff_t new_size = 0;
	int ret;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & FALLOC_FL_PUNCH_HOLE)
		return ext4_punch_hole(file, offset, len);
	max_blocks = (ext4_lblk_t)((round_up(offset + len, (loff_t)1 << blkbits) >> blkbits) - lblk);
	inode_lock(inode);
	ret = -EOPNOTSUPP;
	if (!ext4_test_inode_flag(inode, EXT4_EXTENTS_FL))
		goto out;
	if (!(mode & FALLOC_FL_KEEP_SIZE) &&
	    (offset + len > inode->i_size || offset + len > EXT4_I(inode)->i_disksize))
		new_size = offset + len;
	ret = file_remove_privs(file);
	if (!ret)
		ret = ext4_alloc_file_blocks(file, lblk, max_blocks, new_size,
					     EXT4_GET_BLOCKS_CREATE_UNWRIT_EXT);
out:
	inode_unlock(inode);
	return ret;
}
