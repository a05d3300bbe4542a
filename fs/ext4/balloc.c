/*
 * ext4's block groups: where a block lies (group and offset), which groups carry a
 * superblock copy and descriptor blocks, reading a group's block bitmap (built in
 * memory for a BLOCK_UNINIT group, checked against its checksum and its group's own
 * metadata otherwise), the free-block count, and the allocation entry points for
 * metadata blocks and the goal of a file's data. Linux 6.1's fs/ext4/balloc.c.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "ext4.h"
#include "ext4_jbd2.h"

void ext4_get_group_no_and_offset(struct super_block *sb, ext4_fsblk_t blocknr,
				  ext4_group_t *blockgrpp, ext4_grpblk_t *offsetp)
{
	struct ext4_super_block *es = EXT4_SB(sb)->s_es;

	blocknr -= le32_to_cpu(es->s_first_data_block);
	if (offsetp)
		*offsetp = blocknr % EXT4_BLOCKS_PER_GROUP(sb);
	if (blockgrpp)
		*blockgrpp = blocknr / EXT4_BLOCKS_PER_GROUP(sb);
}

ext4_group_t ext4_get_group_number(struct super_block *sb, ext4_fsblk_t block)
{
	ext4_group_t group;

	ext4_get_group_no_and_offset(sb, block, &group, NULL);
	return group;
}

/* The descriptor of block_group inside its held block (and that block in *bh), or NULL. */
struct ext4_group_desc *ext4_get_group_desc(struct super_block *sb, ext4_group_t block_group,
					    struct buffer_head **bh)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	unsigned int group_desc = block_group >> EXT4_DESC_PER_BLOCK_BITS(sb);
	unsigned int offset = block_group & (EXT4_DESC_PER_BLOCK(sb) - 1);
	struct buffer_head *bh_p;

	if (block_group >= sbi->s_groups_count) {
		ext4_error(sb, "block_group >= groups_count - block_group = %u, groups_count = %u",
			   block_group, sbi->s_groups_count);
		return NULL;
	}
	bh_p = sbi->s_group_desc[group_desc];
	if (bh)
		*bh = bh_p;
	return (struct ext4_group_desc *)(bh_p->b_data + offset * EXT4_DESC_SIZE(sb));
}

static int test_root(ext4_group_t a, int b)
{
	while (1) {
		if (a < (ext4_group_t)b)
			return 0;
		if (a == (ext4_group_t)b)
			return 1;
		if (a % b)
			return 0;
		a = a / b;
	}
}

/* 1 if group holds a copy of the superblock (sparse_super: 0, 1, powers of 3, 5, 7). */
int ext4_bg_has_super(struct super_block *sb, ext4_group_t group)
{
	struct ext4_super_block *es = EXT4_SB(sb)->s_es;

	if (group == 0)
		return 1;
	if (ext4_has_feature_sparse_super2(sb))
		return group == le32_to_cpu(es->s_backup_bgs[0]) ||
			group == le32_to_cpu(es->s_backup_bgs[1]);
	if (group <= 1 || !ext4_has_feature_sparse_super(sb))
		return 1;
	if (!(group & 1))
		return 0;
	return test_root(group, 3) || test_root(group, 5) || test_root(group, 7);
}

/* The descriptor blocks (primary or copy) at the start of group (no meta_bg). */
unsigned long ext4_bg_num_gdb(struct super_block *sb, ext4_group_t group)
{
	return ext4_bg_has_super(sb, group) ? EXT4_SB(sb)->s_gdb_count : 0;
}

/* The blocks at the start of block_group: superblock copy, descriptors, reserved gdt. */
unsigned int ext4_num_base_meta_clusters(struct super_block *sb, ext4_group_t block_group)
{
	unsigned int num = ext4_bg_has_super(sb, block_group);

	if (num) {
		num += ext4_bg_num_gdb(sb, block_group);
		num += le16_to_cpu(EXT4_SB(sb)->s_es->s_reserved_gdt_blocks);
	}
	return num;
}

/* The blocks group has: s_blocks_per_group, but for a shorter last group. */
static unsigned int ext4_group_blocks(struct super_block *sb, ext4_group_t group)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	if (group == sbi->s_groups_count - 1)
		return ext4_blocks_count(sbi->s_es) - ext4_group_first_block_no(sb, group);
	return EXT4_BLOCKS_PER_GROUP(sb);
}

static bool ext4_block_in_group(struct super_block *sb, ext4_fsblk_t block,
				ext4_group_t block_group)
{
	return ext4_get_group_number(sb, block) == block_group;
}

/*
 * The bitmap of a BLOCK_UNINIT group, which is not on disk: its base metadata, its own
 * bitmaps and inode table if they lie inside it, and the bits past a short last group.
 */
static int ext4_init_block_bitmap(struct super_block *sb, struct buffer_head *bh,
				  ext4_group_t block_group, struct ext4_group_desc *gdp)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	ext4_fsblk_t start = ext4_group_first_block_no(sb, block_group);
	ext4_fsblk_t tmp;
	unsigned int bit, bit_max = ext4_num_base_meta_clusters(sb, block_group);

	memset(bh->b_data, 0, sb->s_blocksize);
	for (bit = 0; bit < bit_max; bit++)
		ext4_set_bit(bit, bh->b_data);
	tmp = ext4_block_bitmap(sb, gdp);
	if (ext4_block_in_group(sb, tmp, block_group))
		ext4_set_bit(tmp - start, bh->b_data);
	tmp = ext4_inode_bitmap(sb, gdp);
	if (ext4_block_in_group(sb, tmp, block_group))
		ext4_set_bit(tmp - start, bh->b_data);
	tmp = ext4_inode_table(sb, gdp);
	for (; tmp < ext4_inode_table(sb, gdp) + sbi->s_itb_per_group; tmp++)
		if (ext4_block_in_group(sb, tmp, block_group))
			ext4_set_bit(tmp - start, bh->b_data);
	for (bit = ext4_group_blocks(sb, block_group); bit < sb->s_blocksize * 8; bit++)
		ext4_set_bit(bit, bh->b_data);
	return 0;
}

/* A block (of the group's own metadata) that the bitmap calls free, or 0. */
static ext4_fsblk_t ext4_valid_block_bitmap(struct super_block *sb,
					    struct ext4_group_desc *desc,
					    ext4_group_t block_group, struct buffer_head *bh)
{
	ext4_fsblk_t start = ext4_group_first_block_no(sb, block_group);
	ext4_fsblk_t blk;

	blk = ext4_block_bitmap(sb, desc);
	if (ext4_block_in_group(sb, blk, block_group) && !ext4_test_bit(blk - start, bh->b_data))
		return blk;
	blk = ext4_inode_bitmap(sb, desc);
	if (ext4_block_in_group(sb, blk, block_group) && !ext4_test_bit(blk - start, bh->b_data))
		return blk;
	blk = ext4_inode_table(sb, desc);
	for (unsigned long i = 0; i < EXT4_SB(sb)->s_itb_per_group; i++, blk++)
		if (ext4_block_in_group(sb, blk, block_group) &&
		    !ext4_test_bit(blk - start, bh->b_data))
			return blk;
	return 0;
}

void ext4_mark_group_bitmap_corrupted(struct super_block *sb, ext4_group_t block_group,
				      unsigned int flags)
{
	struct ext4_group_info *grp = ext4_get_group_info(sb, block_group);

	ext4_lock_group(sb, block_group);
	grp->bb_state |= flags;
	ext4_unlock_group(sb, block_group);
}

static int ext4_validate_block_bitmap(struct super_block *sb, struct ext4_group_desc *desc,
				      ext4_group_t block_group, struct buffer_head *bh)
{
	ext4_fsblk_t blk;

	if (!ext4_block_bitmap_csum_verify(sb, block_group, desc, bh)) {
		ext4_error(sb, "bg %u: bad block bitmap checksum", block_group);
		ext4_mark_group_bitmap_corrupted(sb, block_group,
						 EXT4_GROUP_INFO_BBITMAP_CORRUPT);
		return -EFSBADCRC;
	}
	blk = ext4_valid_block_bitmap(sb, desc, block_group, bh);
	if (blk) {
		ext4_error(sb, "bg %u: block %llu: invalid block bitmap", block_group,
			   (unsigned long long)blk);
		ext4_mark_group_bitmap_corrupted(sb, block_group,
						 EXT4_GROUP_INFO_BBITMAP_CORRUPT);
		return -EFSCORRUPTED;
	}
	return 0;
}

/*
 * The block bitmap of block_group, read and checked (or built, for BLOCK_UNINIT), with
 * a reference; ERR_PTR(-EFSCORRUPTED / -EFSBADCRC / -EIO / -ENOMEM). A bitmap read
 * from disk is checked once, when it is read; a bad one marks its group unusable.
 * Context: may sleep.
 */
struct buffer_head *ext4_read_block_bitmap(struct super_block *sb, ext4_group_t block_group)
{
	struct ext4_group_desc *desc = ext4_get_group_desc(sb, block_group, NULL);
	struct buffer_head *bh;
	int err;

	if (!desc)
		return ERR_PTR(-EFSCORRUPTED);
	if (EXT4_MB_GRP_BBITMAP_CORRUPT(ext4_get_group_info(sb, block_group)))
		return ERR_PTR(-EFSCORRUPTED);
	bh = sb_getblk(sb, ext4_block_bitmap(sb, desc));
	if (!bh)
		return ERR_PTR(-ENOMEM);
	if (bh_uptodate_or_lock(bh))
		return bh;
	if (desc->bg_flags & cpu_to_le16(EXT4_BG_BLOCK_UNINIT)) {
		ext4_lock_group(sb, block_group);
		ext4_init_block_bitmap(sb, bh, block_group, desc);
		set_buffer_uptodate(bh);
		ext4_unlock_group(sb, block_group);
		unlock_buffer(bh);
		return bh;
	}
	err = __bh_read(bh, REQ_META | REQ_PRIO, true);
	if (err) {
		ext4_error_err(sb, EIO, "Cannot read block bitmap - block_group = %u, "
			       "block_bitmap = %llu", block_group,
			       (unsigned long long)ext4_block_bitmap(sb, desc));
		brelse(bh);
		return ERR_PTR(-EIO);
	}
	err = ext4_validate_block_bitmap(sb, desc, block_group, bh);
	if (err) {
		/* not uptodate: the next reader reads and rejects it again */
		clear_buffer_uptodate(bh);
		brelse(bh);
		return ERR_PTR(err);
	}
	return bh;
}

/* The free clusters of the whole file system, from the descriptors. */
ext4_fsblk_t ext4_count_free_clusters(struct super_block *sb)
{
	ext4_fsblk_t desc_count = 0;

	for (ext4_group_t i = 0; i < EXT4_SB(sb)->s_groups_count; i++) {
		struct ext4_group_desc *gdp = ext4_get_group_desc(sb, i, NULL);

		desc_count += ext4_free_group_clusters(sb, gdp);
	}
	return desc_count;
}

/*
 * Takes nclusters off the free count: 0, or -ENOSPC. The root reserve (s_r_blocks_count)
 * is left alone: everything this kernel runs is root, whom Linux lets use it.
 */
int ext4_claim_free_clusters(struct ext4_sb_info *sbi, s64 nclusters, unsigned int flags)
{
	int err = 0;

	spin_lock(&sbi->s_flex_lock);
	if (sbi->s_freeclusters_counter < nclusters)
		err = -ENOSPC;
	else
		sbi->s_freeclusters_counter -= nclusters;
	spin_unlock(&sbi->s_flex_lock);
	return err;
}

/*
 * Where to look for an inode's first data block: at its group's first block past the
 * group's inode table when the table lies in the group, else at the flex group's start
 * (its metadata is packed at the head of the flex group).
 */
ext4_fsblk_t ext4_inode_to_goal_block(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	ext4_group_t block_group = EXT4_I(inode)->i_block_group;
	int flex_size = 1 << sbi->s_log_groups_per_flex;

	if (flex_size >= 4 && S_ISREG(inode->i_mode)) {
		block_group &= ~(flex_size - 1);
		if (block_group + flex_size < sbi->s_groups_count)
			block_group++;
	}
	return ext4_group_first_block_no(sb, block_group);
}

/*
 * Allocates up to *count (default 1) metadata blocks near goal for inode: the first
 * block, *count set to how many were given; 0 and *errp on failure.
 */
ext4_fsblk_t ext4_new_meta_blocks(handle_t *handle, struct inode *inode, ext4_fsblk_t goal,
				  unsigned int flags, unsigned long *count, int *errp)
{
	struct ext4_allocation_request ar = {
		.inode = inode,
		.goal = goal,
		.len = count ? *count : 1,
		.flags = flags | EXT4_MB_HINT_METADATA,
	};
	ext4_fsblk_t ret = ext4_mb_new_blocks(handle, &ar, errp);

	if (count)
		*count = ar.len;
	return ret;
}
