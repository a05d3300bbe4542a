/*
 * ext4's block allocator, with the names of Linux 6.1's fs/ext4/mballoc.c but none of
 * its buddy caches or preallocation: ext4_mb_new_blocks takes the goal block when it is
 * free and extends the run from there, else the first free run of the goal's group and
 * of the groups after it (flex_bg packs a file's data after its flex group's metadata).
 * Each allocation or free updates, in this order, the group's bitmap and its checksum,
 * the group descriptor's free count, flags and checksum, the flex group and the free
 * counter that ext4_commit_super writes into the superblock.
 *
 * Locking: a group's bitmap bits, its descriptor and its ext4_group_info change under
 * ext4_lock_group; the counters under s_flex_lock, taken inside it.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "ext4.h"
#include "ext4_jbd2.h"

int ext4_mb_init(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	sbi->s_group_info = kcalloc(sbi->s_groups_count, sizeof(struct ext4_group_info),
				    GFP_KERNEL);
	if (!sbi->s_group_info)
		return -ENOMEM;
	for (ext4_group_t i = 0; i < sbi->s_groups_count; i++) {
		struct ext4_group_desc *gdp = ext4_get_group_desc(sb, i, NULL);

		sbi->s_group_info[i].bb_free = ext4_free_group_clusters(sb, gdp);
	}
	return 0;
}

void ext4_mb_release(struct super_block *sb)
{
	kfree(EXT4_SB(sb)->s_group_info);
	EXT4_SB(sb)->s_group_info = NULL;
}

static void ext4_mb_count_flex(struct ext4_sb_info *sbi, ext4_group_t group, s64 delta)
{
	spin_lock(&sbi->s_flex_lock);
	sbi->s_flex_groups[ext4_flex_group(sbi, group)].free_clusters += delta;
	spin_unlock(&sbi->s_flex_lock);
}

/*
 * Claims the bits [start, start + len) of group in bitmap_bh and updates the group's
 * descriptor; the caller holds the write access to both buffers and the group lock.
 */
static void ext4_mb_mark_used(struct super_block *sb, ext4_group_t group,
			      struct buffer_head *bitmap_bh, struct ext4_group_desc *gdp,
			      ext4_grpblk_t start, unsigned int len)
{
	struct ext4_group_info *grp = ext4_get_group_info(sb, group);

	for (unsigned int i = 0; i < len; i++)
		ext4_set_bit(start + i, bitmap_bh->b_data);
	if (gdp->bg_flags & cpu_to_le16(EXT4_BG_BLOCK_UNINIT))
		gdp->bg_flags &= cpu_to_le16(~EXT4_BG_BLOCK_UNINIT);
	grp->bb_free -= len;
	ext4_free_group_clusters_set(sb, gdp, ext4_free_group_clusters(sb, gdp) - len);
	ext4_block_bitmap_csum_set(sb, group, gdp, bitmap_bh);
	ext4_group_desc_csum_set(sb, group, gdp);
}

/*
 * The first free run in group at or after start, up to len long: its start, and its
 * length in *found; -1 when the group has no free block there.
 */
static ext4_grpblk_t ext4_mb_find_free(struct super_block *sb, ext4_group_t group,
				       struct buffer_head *bitmap_bh, ext4_grpblk_t start,
				       unsigned int len, unsigned int *found)
{
	unsigned int max = EXT4_CLUSTERS_PER_GROUP(sb);
	unsigned int first, end;

	if (group == EXT4_SB(sb)->s_groups_count - 1)
		max = ext4_blocks_count(EXT4_SB(sb)->s_es) - ext4_group_first_block_no(sb, group);
	first = ext4_find_next_zero_bit(bitmap_bh->b_data, max, start);
	if (first >= max)
		return -1;
	end = ext4_find_next_bit(bitmap_bh->b_data, max, first);
	*found = min_t(unsigned int, end - first, len);
	return first;
}

/*
 * Tries to allocate up to ar->len blocks in group, from goal_off (the goal's offset, or
 * 0): the first block, or 0 (ar untouched) when the group has nothing free there.
 */
static ext4_fsblk_t ext4_mb_alloc_in_group(handle_t *handle, struct ext4_allocation_request *ar,
					   ext4_group_t group, ext4_grpblk_t goal_off, int *errp)
{
	struct super_block *sb = ar->inode->i_sb;
	struct ext4_group_info *grp = ext4_get_group_info(sb, group);
	struct buffer_head *bitmap_bh, *gdp_bh;
	struct ext4_group_desc *gdp;
	ext4_grpblk_t start;
	unsigned int len = 0;
	int err;

	if (grp->bb_free <= 0 || EXT4_MB_GRP_BBITMAP_CORRUPT(grp))
		return 0;
	bitmap_bh = ext4_read_block_bitmap(sb, group);
	if (IS_ERR(bitmap_bh))
		return 0;	/* reported; another group may serve */
	gdp = ext4_get_group_desc(sb, group, &gdp_bh);
	err = ext4_journal_get_write_access(handle, sb, bitmap_bh, EXT4_JTR_NONE);
	if (!err)
		err = ext4_journal_get_write_access(handle, sb, gdp_bh, EXT4_JTR_NONE);
	if (err) {
		*errp = err;
		brelse(bitmap_bh);
		return 0;
	}
	ext4_lock_group(sb, group);
	start = ext4_mb_find_free(sb, group, bitmap_bh, goal_off, ar->len, &len);
	if (start < 0 && goal_off)
		start = ext4_mb_find_free(sb, group, bitmap_bh, 0, ar->len, &len);
	if (start >= 0)
		ext4_mb_mark_used(sb, group, bitmap_bh, gdp, start, len);
	ext4_unlock_group(sb, group);
	if (start >= 0) {
		ext4_mb_count_flex(EXT4_SB(sb), group, -(s64)len);
		err = ext4_handle_dirty_metadata(handle, NULL, bitmap_bh);
		if (!err)
			err = ext4_handle_dirty_metadata(handle, NULL, gdp_bh);
		if (err)
			*errp = err;
	}
	brelse(bitmap_bh);
	if (start < 0 || *errp)
		return 0;
	ar->len = len;
	return ext4_group_first_block_no(sb, group) + start;
}

/*
 * Allocates up to ar->len (at least 1) contiguous blocks, as near ar->goal as it finds:
 * the first block, ar->len set to how many; 0 with *errp = -ENOSPC (nothing free),
 * -EIO, or another error. Context: may sleep; inside a journal handle when there is one.
 */
ext4_fsblk_t ext4_mb_new_blocks(handle_t *handle, struct ext4_allocation_request *ar,
				int *errp)
{
	struct super_block *sb = ar->inode->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	unsigned int wanted = max_t(unsigned int, ar->len, 1);
	ext4_fsblk_t block = 0, goal = ar->goal;
	ext4_group_t group;
	ext4_grpblk_t off;

	*errp = 0;
	while (wanted && ext4_claim_free_clusters(sbi, wanted, ar->flags))
		wanted >>= 1;
	if (!wanted) {
		*errp = -ENOSPC;
		return 0;
	}
	if (goal < le32_to_cpu(sbi->s_es->s_first_data_block) ||
	    goal >= ext4_blocks_count(sbi->s_es))
		goal = le32_to_cpu(sbi->s_es->s_first_data_block);
	ext4_get_group_no_and_offset(sb, goal, &group, &off);
	ar->len = wanted;
	for (ext4_group_t n = 0; n < sbi->s_groups_count && !block && !*errp; n++) {
		block = ext4_mb_alloc_in_group(handle, ar, group, n ? 0 : off, errp);
		if (++group == sbi->s_groups_count)
			group = 0;
	}
	if (!block && !*errp)
		*errp = -ENOSPC;
	spin_lock(&sbi->s_flex_lock);
	sbi->s_freeclusters_counter += wanted - (block ? ar->len : 0);
	spin_unlock(&sbi->s_flex_lock);
	if (!block)
		ar->len = 0;
	return block;
}

/* Clears count bits of group from bit, which must all be set: 0 or -EFSCORRUPTED. */
static int ext4_mb_free_in_group(struct super_block *sb, ext4_group_t group,
				 struct buffer_head *bitmap_bh, struct ext4_group_desc *gdp,
				 ext4_grpblk_t bit, unsigned long count)
{
	for (unsigned long i = 0; i < count; i++) {
		if (!ext4_test_bit(bit + i, bitmap_bh->b_data))
			return -EFSCORRUPTED;
	}
	for (unsigned long i = 0; i < count; i++)
		ext4_clear_bit(bit + i, bitmap_bh->b_data);
	ext4_get_group_info(sb, group)->bb_free += count;
	ext4_free_group_clusters_set(sb, gdp, ext4_free_group_clusters(sb, gdp) + count);
	ext4_block_bitmap_csum_set(sb, group, gdp, bitmap_bh);
	ext4_group_desc_csum_set(sb, group, gdp);
	return 0;
}

/* Frees [block, block + count), all inside one group; 0 or -errno (reported). */
static int ext4_free_blocks_in_group(handle_t *handle, struct inode *inode,
				     ext4_fsblk_t block, unsigned long count)
{
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bitmap_bh, *gdp_bh;
	struct ext4_group_desc *gdp;
	ext4_group_t group;
	ext4_grpblk_t bit;
	int err;

	ext4_get_group_no_and_offset(sb, block, &group, &bit);
	bitmap_bh = ext4_read_block_bitmap(sb, group);
	if (IS_ERR(bitmap_bh))
		return PTR_ERR(bitmap_bh);
	gdp = ext4_get_group_desc(sb, group, &gdp_bh);
	err = ext4_journal_get_write_access(handle, sb, bitmap_bh, EXT4_JTR_NONE);
	if (!err)
		err = ext4_journal_get_write_access(handle, sb, gdp_bh, EXT4_JTR_NONE);
	if (err)
		goto out;
	ext4_lock_group(sb, group);
	err = ext4_mb_free_in_group(sb, group, bitmap_bh, gdp, bit, count);
	ext4_unlock_group(sb, group);
	if (err) {
		ext4_error(sb, "bit already cleared for block %llu (%lu blocks)",
			   (unsigned long long)block, count);
		ext4_mark_group_bitmap_corrupted(sb, group, EXT4_GROUP_INFO_BBITMAP_CORRUPT);
		goto out;
	}
	ext4_mb_count_flex(EXT4_SB(sb), group, count);
	spin_lock(&EXT4_SB(sb)->s_flex_lock);
	EXT4_SB(sb)->s_freeclusters_counter += count;
	spin_unlock(&EXT4_SB(sb)->s_flex_lock);
	err = ext4_handle_dirty_metadata(handle, NULL, bitmap_bh);
	if (!err)
		err = ext4_handle_dirty_metadata(handle, NULL, gdp_bh);
out:
	brelse(bitmap_bh);
	return err;
}

/*
 * Frees count blocks from block (bh: the first one's buffer, whose reference this
 * takes, with EXT4_FREE_BLOCKS_FORGET; or NULL). With
 * EXT4_FREE_BLOCKS_FORGET their cached buffers are forgotten, so a stale metadata
 * buffer is never written over the block's next owner. A range outside the data area
 * is reported and left alone. Context: may sleep; inside the caller's handle.
 */
void ext4_free_blocks(handle_t *handle, struct inode *inode, struct buffer_head *bh,
		      ext4_fsblk_t block, unsigned long count, int flags)
{
	struct super_block *sb = inode->i_sb;
	struct ext4_super_block *es = EXT4_SB(sb)->s_es;

	if (bh)
		block = bh->b_blocknr;
	if (block < le32_to_cpu(es->s_first_data_block) || count > ext4_blocks_count(es) ||
	    block + count > ext4_blocks_count(es)) {
		ext4_error(sb, "Freeing blocks not in datazone - block = %llu, count = %lu",
			   (unsigned long long)block, count);
		return;
	}
	if (flags & EXT4_FREE_BLOCKS_FORGET) {
		for (unsigned long i = 0; i < count; i++) {
			struct buffer_head *tbh = (bh && !i) ? bh : sb_find_get_block(sb, block + i);

			if (tbh)
				ext4_forget(handle, flags & EXT4_FREE_BLOCKS_METADATA, inode, tbh,
					    block + i);
		}
	}
	while (count) {
		ext4_grpblk_t bit;
		unsigned long n;

		ext4_get_group_no_and_offset(sb, block, NULL, &bit);
		n = min_t(unsigned long, count, EXT4_BLOCKS_PER_GROUP(sb) - bit);
		if (ext4_free_blocks_in_group(handle, inode, block, n))
			return;
		block += n;
		count -= n;
	}
}
