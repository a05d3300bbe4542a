/*
 * ext4's block allocator, with the names and the search of Linux 6.1's
 * fs/ext4/mballoc.c but no buddy caches: ext4_mb_new_blocks builds an allocation
 * context, takes the file's next blocks from its preallocation when it has one
 * (ext4_mb_use_preallocated), else normalises a request that extends a file to the
 * size Linux would preallocate (ext4_mb_normalize_request) and searches: the goal
 * block itself (the block after the file's last extent), then the first free run as
 * long as the normalised request in the goal's group and the groups after it, then
 * any free run. What it finds beyond the request becomes the inode's preallocation.
 * Each allocation or free updates, in this order, the group's bitmap and its checksum,
 * the group descriptor's free count, flags and checksum, the flex group and the free
 * counter that ext4_commit_super writes into the superblock.
 *
 * Locking: a group's bitmap bits, its descriptor, its ext4_group_info and its
 * preallocation list change under ext4_lock_group; the counters under s_flex_lock,
 * taken inside it.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "ext4.h"
#include "ext4_jbd2.h"
#include "ext4_extents.h"

/* A run of blocks: fe_len blocks of fe_group from fe_start, for file block fe_logical. */
struct ext4_free_extent {
	ext4_lblk_t fe_logical;
	ext4_grpblk_t fe_start;
	ext4_group_t fe_group;
	ext4_grpblk_t fe_len;
};

/*
 * One allocation (Linux's ext4_allocation_context): the original request (ac_o_ex),
 * the normalised one (ac_g_ex: its length is what the search looks for), the run
 * found (ac_b_ex). ac_criteria: 0 the goal block, 1 a run of ac_g_ex's length, 2 any
 * run, 3 any run inside other inodes' preallocations too (space is short).
 */
struct ext4_allocation_context {
	struct inode *ac_inode;
	struct super_block *ac_sb;
	struct ext4_free_extent ac_o_ex, ac_g_ex, ac_b_ex;
	unsigned int ac_flags;
	int ac_criteria;
};

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
		INIT_LIST_HEAD(&sbi->s_group_info[i].bb_prealloc_list);
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
 * Drops the inode's preallocation: its blocks go back to everyone. Context: the
 * inode's i_data_sem held exclusive, or the inode no longer in use.
 */
void ext4_discard_preallocations(struct inode *inode)
{
	struct ext4_prealloc_space *pa = &EXT4_I(inode)->i_prealloc;

	if (!pa->pa_len)
		return;
	ext4_lock_group(inode->i_sb, pa->pa_group);
	list_del(&pa->pa_group_list);
	pa->pa_len = 0;
	ext4_unlock_group(inode->i_sb, pa->pa_group);
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
 * Shortens the free run [*start, *end) of group to keep out of preallocations: the
 * run starts after one covering its start, ends before the first inside it. Under
 * ext4_lock_group.
 */
static void ext4_mb_pa_clip(struct ext4_allocation_context *ac, ext4_group_t group,
			    ext4_grpblk_t *start, ext4_grpblk_t *end)
{
	struct ext4_group_info *grp = ext4_get_group_info(ac->ac_sb, group);
	struct ext4_prealloc_space *pa, *own = &EXT4_I(ac->ac_inode)->i_prealloc;
	ext4_fsblk_t first = ext4_group_first_block_no(ac->ac_sb, group);
	bool moved = true;

	if (ac->ac_criteria == 3)
		return;
	while (moved && *start < *end) {
		moved = false;
		list_for_each_entry(pa, &grp->bb_prealloc_list, pa_group_list) {
			ext4_grpblk_t ps = (ext4_grpblk_t)(pa->pa_pstart - first);
			ext4_grpblk_t pe = ps + pa->pa_len;

			/* A data block may come from its own; metadata keeps out. */
			if ((pa == own && (ac->ac_flags & EXT4_MB_HINT_DATA)) ||
			    pe <= *start || ps >= *end)
				continue;
			if (ps <= *start) {
				*start = pe;
				moved = true;	/* earlier entries may now overlap */
			} else {
				*end = ps;
			}
		}
	}
}

/*
 * The first free run of group at or after bit `from`, clear of other inodes'
 * preallocations and at least min_len long (exactly at `from` when ac_criteria is 0):
 * its start and its length in *len; -1 when there is none.
 */
static ext4_grpblk_t ext4_mb_find_free(struct ext4_allocation_context *ac, ext4_group_t group,
				       struct buffer_head *bitmap_bh, ext4_grpblk_t from,
				       ext4_grpblk_t min_len, ext4_grpblk_t *len)
{
	struct super_block *sb = ac->ac_sb;
	ext4_grpblk_t max = EXT4_CLUSTERS_PER_GROUP(sb);

	if (group == EXT4_SB(sb)->s_groups_count - 1)
		max = (ext4_grpblk_t)(ext4_blocks_count(EXT4_SB(sb)->s_es) -
				      ext4_group_first_block_no(sb, group));
	while (from < max) {
		ext4_grpblk_t first = (ext4_grpblk_t)ext4_find_next_zero_bit(bitmap_bh->b_data, max, from);
		ext4_grpblk_t end;

		if (first >= max || (!ac->ac_criteria && first != from))
			return -1;
		end = (ext4_grpblk_t)ext4_find_next_bit(bitmap_bh->b_data, max, first);
		ext4_mb_pa_clip(ac, group, &first, &end);
		if (!ac->ac_criteria && first != from)
			return -1;
		if (first < end && end - first >= min_len) {
			*len = end - first;
			return first;
		}
		/* Past this run, or to the preallocation that cut it short. */
		from = max(end, first);
	}
	return -1;
}
/*
 * What the search found beyond the request (ac_b_ex's tail) becomes the inode's
 * preallocation, for its next file blocks. Under the group's lock.
 */
static void ext4_mb_new_inode_pa(struct ext4_allocation_context *ac, ext4_grpblk_t used)
{
	struct ext4_prealloc_space *pa = &EXT4_I(ac->ac_inode)->i_prealloc;
	struct ext4_free_extent *b = &ac->ac_b_ex;

	pa->pa_pstart = ext4_group_first_block_no(ac->ac_sb, b->fe_group) + b->fe_start + used;
	pa->pa_lstart = ac->ac_o_ex.fe_logical + used;
	pa->pa_len = b->fe_len - used;
	pa->pa_group = b->fe_group;
	list_add(&pa->pa_group_list, &ext4_get_group_info(ac->ac_sb, b->fe_group)->bb_prealloc_list);
}

/*
 * Looks in group, from bit `from`, for a run the context's criteria accepts, marks
 * the original request's part of it and keeps the rest as the inode's preallocation
 * (a data allocation); ac_b_ex says what was taken. Under the group's lock, the old
 * preallocation already dropped. False when the group has no such run.
 */
static bool ext4_mb_take_in_group(struct ext4_allocation_context *ac, ext4_group_t group,
				  struct buffer_head *bitmap_bh, struct ext4_group_desc *gdp,
				  ext4_grpblk_t from)
{
	ext4_grpblk_t min_len = ac->ac_criteria == 1 ? ac->ac_g_ex.fe_len : 1;
	ext4_grpblk_t start, len, used;

	start = ext4_mb_find_free(ac, group, bitmap_bh, from, min_len, &len);
	if (start < 0)
		return false;
	ac->ac_b_ex.fe_group = group;
	ac->ac_b_ex.fe_start = start;
	ac->ac_b_ex.fe_len = min(len, ac->ac_g_ex.fe_len);
	used = min(ac->ac_b_ex.fe_len, ac->ac_o_ex.fe_len);
	ext4_mb_mark_used(ac->ac_sb, group, bitmap_bh, gdp, start, (unsigned int)used);
	if (ac->ac_b_ex.fe_len > used && ac->ac_g_ex.fe_len > ac->ac_o_ex.fe_len)
		ext4_mb_new_inode_pa(ac, used);
	ac->ac_b_ex.fe_len = used;
	return true;
}

/*
 * Tries to allocate in group from bit `from` under the context's criteria: the first
 * block, or 0 (with *errp on an error) when the group cannot serve.
 */
static ext4_fsblk_t ext4_mb_alloc_in_group(handle_t *handle, struct ext4_allocation_context *ac,
					   ext4_group_t group, ext4_grpblk_t from, int *errp)
{
	struct super_block *sb = ac->ac_sb;
	struct ext4_group_info *grp = ext4_get_group_info(sb, group);
	ext4_grpblk_t min_len = ac->ac_criteria == 1 ? ac->ac_g_ex.fe_len : 1;
	struct buffer_head *bitmap_bh, *gdp_bh;
	struct ext4_group_desc *gdp;
	bool found;
	int err;

	if (grp->bb_free < min_len || EXT4_MB_GRP_BBITMAP_CORRUPT(grp))
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
	found = ext4_mb_take_in_group(ac, group, bitmap_bh, gdp, from);
	ext4_unlock_group(sb, group);
	if (found) {
		ext4_mb_count_flex(EXT4_SB(sb), group, -(s64)ac->ac_b_ex.fe_len);
		err = ext4_handle_dirty_metadata(handle, NULL, bitmap_bh);
		if (!err)
			err = ext4_handle_dirty_metadata(handle, NULL, gdp_bh);
		if (err)
			*errp = err;
	}
	brelse(bitmap_bh);
	if (!found || *errp)
		return 0;
	return ext4_group_first_block_no(sb, group) + ac->ac_b_ex.fe_start;
}

/*
 * Linux's ext4_mb_normalize_request: a data request that extends the file grows to
 * the size Linux would preallocate for a file of that size (16 KiB to 1 MiB, then
 * aligned chunks of 2, 4 or 8 MiB), within a group and an extent's reach.
 */
static void ext4_mb_normalize_request(struct ext4_allocation_context *ac)
{
	struct inode *inode = ac->ac_inode;
	unsigned int bits = inode->i_blkbits;
	loff_t size = (loff_t)(ac->ac_o_ex.fe_logical + ac->ac_o_ex.fe_len) << bits;
	loff_t start_off = 0, end;
	ext4_grpblk_t max = min_t(ext4_grpblk_t, EXT4_BLOCKS_PER_GROUP(ac->ac_sb),
				  EXT_INIT_MAX_LEN);

	if (!(ac->ac_flags & EXT4_MB_HINT_DATA) || !S_ISREG(inode->i_mode) ||
	    (loff_t)ac->ac_o_ex.fe_logical << bits < EXT4_I(inode)->i_disksize)
		return;
	if (size <= (loff_t)SZ_1M) {
		size = max_t(loff_t, (loff_t)roundup_pow_of_two((unsigned long)size), 16 << 10);
	} else {
		loff_t chunk = size <= 4 * (loff_t)SZ_1M ? 2 * (loff_t)SZ_1M :
			       size <= 8 * (loff_t)SZ_1M ? 4 * (loff_t)SZ_1M : 8 * (loff_t)SZ_1M;

		start_off = ((loff_t)ac->ac_o_ex.fe_logical << bits) & ~(chunk - 1);
		size = chunk;
	}
	end = (start_off + size) >> bits;
	if (end - ac->ac_o_ex.fe_logical > ac->ac_o_ex.fe_len)
		ac->ac_g_ex.fe_len = (ext4_grpblk_t)min_t(loff_t, end - ac->ac_o_ex.fe_logical, max);
}

/*
 * Linux's ext4_mb_use_preallocated: the file block lies in the inode's preallocation:
 * its block there is taken (with the ones after it the request wants), and the
 * preallocation shrinks by what the file used from its front. False when it does not
 * apply, or another allocation took the block meanwhile (space was short): then the
 * preallocation is dropped and the search proper runs.
 */
static bool ext4_mb_use_preallocated(handle_t *handle, struct ext4_allocation_context *ac,
				     ext4_fsblk_t *block, int *errp)
{
	struct ext4_prealloc_space *pa = &EXT4_I(ac->ac_inode)->i_prealloc;
	ext4_lblk_t lblk = ac->ac_o_ex.fe_logical;
	ext4_group_t group;
	ext4_grpblk_t off;

	if (!pa->pa_len || !(ac->ac_flags & EXT4_MB_HINT_DATA) || lblk < pa->pa_lstart ||
	    lblk >= pa->pa_lstart + (ext4_lblk_t)pa->pa_len)
		return false;
	ext4_get_group_no_and_offset(ac->ac_sb, pa->pa_pstart + (lblk - pa->pa_lstart), &group,
				     &off);
	ac->ac_g_ex.fe_len = ac->ac_o_ex.fe_len =
		min_t(ext4_grpblk_t, ac->ac_o_ex.fe_len,
		      (ext4_grpblk_t)(pa->pa_lstart + pa->pa_len - lblk));
	ac->ac_criteria = 0;
	*block = ext4_mb_alloc_in_group(handle, ac, group, off, errp);
	if (!*block) {
		ext4_discard_preallocations(ac->ac_inode);
		return *errp != 0;
	}
	ext4_lock_group(ac->ac_sb, pa->pa_group);
	if (lblk == pa->pa_lstart) {
		pa->pa_lstart += ac->ac_b_ex.fe_len;
		pa->pa_pstart += ac->ac_b_ex.fe_len;
		pa->pa_len -= ac->ac_b_ex.fe_len;
	}
	if (!pa->pa_len)
		list_del(&pa->pa_group_list);
	ext4_unlock_group(ac->ac_sb, pa->pa_group);
	return true;
}

/*
 * Linux's ext4_mb_regular_allocator, over bitmaps: the goal block, then a run as long
 * as the normalised request from the goal's group on, then any run, then (space being
 * short) any run inside other inodes' preallocations. The first block, or 0.
 */
static ext4_fsblk_t ext4_mb_regular_allocator(handle_t *handle, struct ext4_allocation_context *ac,
					      int *errp)
{
	ext4_group_t ngroups = EXT4_SB(ac->ac_sb)->s_groups_count;
	ext4_fsblk_t block;

	if (ac->ac_g_ex.fe_len > ac->ac_o_ex.fe_len)
		ext4_discard_preallocations(ac->ac_inode);	/* a new one replaces it */
	ac->ac_criteria = 0;
	block = ext4_mb_alloc_in_group(handle, ac, ac->ac_g_ex.fe_group, ac->ac_g_ex.fe_start,
				       errp);
	for (ac->ac_criteria = 1; !block && !*errp && ac->ac_criteria <= 3; ac->ac_criteria++) {
		ext4_group_t group = ac->ac_g_ex.fe_group;

		if (ac->ac_criteria > 1)
			ac->ac_g_ex.fe_len = ac->ac_o_ex.fe_len;
		for (ext4_group_t n = 0; n < ngroups && !block && !*errp; n++) {
			block = ext4_mb_alloc_in_group(handle, ac, group, 0, errp);
			if (++group == ngroups)
				group = 0;
		}
	}
	return block;
}

/*
 * Allocates up to ar->len (at least 1) contiguous blocks, as near ar->goal as it finds:
 * the first block, ar->len set to how many; 0 with *errp = -ENOSPC (nothing free),
 * -EIO, or another error. Context: may sleep; inside a journal handle when there is
 * one; for a data block, the inode's i_data_sem held exclusive.
 */
ext4_fsblk_t ext4_mb_new_blocks(handle_t *handle, struct ext4_allocation_request *ar,
				int *errp)
{
	struct super_block *sb = ar->inode->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	unsigned int wanted = max_t(unsigned int, ar->len, 1);
	struct ext4_allocation_context ac = { .ac_inode = ar->inode, .ac_sb = sb,
					      .ac_flags = ar->flags };
	ext4_fsblk_t block = 0, goal = ar->goal;

	*errp = 0;
	wanted = min_t(unsigned int, wanted, EXT4_BLOCKS_PER_GROUP(sb));
	while (wanted && ext4_claim_free_clusters(sbi, wanted, ar->flags))
		wanted >>= 1;
	if (!wanted) {
		*errp = -ENOSPC;
		return 0;
	}
	if (goal < le32_to_cpu(sbi->s_es->s_first_data_block) ||
	    goal >= ext4_blocks_count(sbi->s_es))
		goal = le32_to_cpu(sbi->s_es->s_first_data_block);
	ac.ac_o_ex.fe_logical = ar->logical;
	ac.ac_o_ex.fe_len = (ext4_grpblk_t)wanted;
	ext4_get_group_no_and_offset(sb, goal, &ac.ac_g_ex.fe_group, &ac.ac_g_ex.fe_start);
	ac.ac_g_ex.fe_len = ac.ac_o_ex.fe_len;
	if (!ext4_mb_use_preallocated(handle, &ac, &block, errp) && !*errp) {
		ext4_mb_normalize_request(&ac);
		block = ext4_mb_regular_allocator(handle, &ac, errp);
	}
	if (!block && !*errp)
		*errp = -ENOSPC;
	ar->len = block ? (unsigned int)ac.ac_b_ex.fe_len : 0;
	spin_lock(&sbi->s_flex_lock);
	sbi->s_freeclusters_counter += wanted - ar->len;
	spin_unlock(&sbi->s_flex_lock);
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
