/*
 * ext4 inode allocation, as Linux's fs/ext4/ialloc.c: the inode bitmaps, the free-inode
 * and directory counts of the group descriptors, the flex groups and the file system,
 * and the checksums of bitmaps and descriptors kept right at every change.
 *
 * A group is chosen as Linux chooses it: for a directory by the Orlov allocator (top
 * directories spread over the flex groups, others near their parent), for anything else
 * by find_group_other (the parent's flex group or group first, then a quadratic hash
 * away from it, then every group in turn). Group state is
 * changed under ext4_lock_group; the caller holds the parent directory's i_rwsem.
 */
#include <linux/bitops.h>
#include <linux/buffer_head.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/string.h>
#include "ext4.h"
#include "ext4_jbd2.h"

/* Sets bits start_bit..end_bit-1: the padding past the last inode of a group's bitmap. */
static void ext4_mark_bitmap_end(int start_bit, int end_bit, char *bitmap)
{
	int i;

	for (i = start_bit; i < end_bit; i++)
		ext4_set_bit(i, bitmap);
}

/* An INODE_UNINIT group's bitmap: all free, the padding past the last inode in use. */
static void ext4_init_inode_bitmap(struct super_block *sb, struct buffer_head *bh,
				   ext4_group_t block_group)
{
	ext4_lock_group(sb, block_group);
	memset(bh->b_data, 0, sb->s_blocksize);
	ext4_mark_bitmap_end(EXT4_INODES_PER_GROUP(sb), sb->s_blocksize * 8, bh->b_data);
	set_buffer_uptodate(bh);
	set_buffer_verified(bh);
	ext4_unlock_group(sb, block_group);
}

/* Checks a bitmap read from the disk against its descriptor's checksum, once. */
static int ext4_validate_inode_bitmap(struct super_block *sb, struct ext4_group_desc *desc,
				      ext4_group_t block_group, struct buffer_head *bh)
{
	int err = 0;

	if (buffer_verified(bh))
		return 0;
	ext4_lock_group(sb, block_group);
	if (!buffer_verified(bh)) {
		if (ext4_inode_bitmap_csum_verify(sb, block_group, desc, bh,
						  EXT4_INODES_PER_GROUP(sb) / 8))
			set_buffer_verified(bh);
		else
			err = -EFSBADCRC;
	}
	ext4_unlock_group(sb, block_group);
	if (err)
		ext4_error(sb, "Corrupt inode bitmap - block_group = %u, inode_bitmap = %llu",
			   block_group, (unsigned long long)ext4_inode_bitmap(sb, desc));
	return err;
}

/*
 * The inode bitmap of block_group, read (under the buffer lock, so a second reader
 * waits rather than reading over the first one's changes) and checksum-verified once;
 * an INODE_UNINIT group's bitmap is made in memory instead. ERR_PTR when it cannot be
 * read or trusted. Context: may sleep.
 */
struct buffer_head *ext4_read_inode_bitmap(struct super_block *sb, ext4_group_t block_group)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_group_desc *desc;
	struct buffer_head *bh;
	ext4_fsblk_t bitmap_blk;

	desc = ext4_get_group_desc(sb, block_group, NULL);
	if (!desc)
		return ERR_PTR(-EFSCORRUPTED);
	bitmap_blk = ext4_inode_bitmap(sb, desc);
	if (bitmap_blk <= le32_to_cpu(sbi->s_es->s_first_data_block) ||
	    bitmap_blk >= ext4_blocks_count(sbi->s_es)) {
		ext4_error(sb, "Invalid inode bitmap blk %llu in block_group %u",
			   (unsigned long long)bitmap_blk, block_group);
		return ERR_PTR(-EFSCORRUPTED);
	}
	bh = sb_getblk(sb, bitmap_blk);
	if (!bh)
		return ERR_PTR(-ENOMEM);
	if (!bh_uptodate_or_lock(bh)) {
		if (ext4_has_group_desc_csum(sb) &&
		    (desc->bg_flags & cpu_to_le16(EXT4_BG_INODE_UNINIT))) {
			if (block_group == 0)
				goto bad_uninit;
			ext4_init_inode_bitmap(sb, bh, block_group);
			unlock_buffer(bh);
			return bh;
		}
		if (__bh_read(bh, REQ_META | REQ_PRIO, true)) {
			ext4_error(sb, "Cannot read inode bitmap - block_group = %u, inode_bitmap = %llu",
				   block_group, (unsigned long long)bitmap_blk);
			brelse(bh);
			return ERR_PTR(-EIO);
		}
	}
	if (ext4_validate_inode_bitmap(sb, desc, block_group, bh)) {
		brelse(bh);
		return ERR_PTR(-EFSBADCRC);
	}
	return bh;
bad_uninit:
	unlock_buffer(bh);
	ext4_error(sb, "Inode bitmap for bg 0 marked uninitialized");
	brelse(bh);
	return ERR_PTR(-EFSCORRUPTED);
}

/*
 * The file system's and the flex group's free-inode and directory counts after taken
 * inodes were allocated (1) or freed (-1); ext4_commit_super writes them to disk.
 */
static void ext4_count_inodes(struct ext4_sb_info *sbi, ext4_group_t group, bool is_dir,
			      int taken)
{
	struct flex_groups *fg;

	spin_lock(&sbi->s_flex_lock);
	sbi->s_freeinodes_counter -= taken;
	if (is_dir)
		sbi->s_dirs_counter += taken;
	if (sbi->s_log_groups_per_flex) {
		fg = &sbi->s_flex_groups[ext4_flex_group(sbi, group)];
		fg->free_inodes -= taken;
		if (is_dir)
			fg->used_dirs += taken;
	}
	spin_unlock(&sbi->s_flex_lock);
}

/* The flags a new inode inherits from its directory, as fit its type. */
static u32 ext4_mask_flags(umode_t mode, u32 flags)
{
	if (S_ISDIR(mode))
		return flags;
	if (S_ISREG(mode))
		return flags & ~(EXT4_DIRSYNC_FL | EXT4_TOPDIR_FL | EXT4_CASEFOLD_FL);
	return flags & (EXT4_NODUMP_FL | EXT4_NOATIME_FL);
}

/* Whether group has a free inode (and, with want_clusters, free blocks too). */
static bool group_has_room(struct super_block *sb, ext4_group_t group, bool want_clusters)
{
	struct ext4_group_desc *desc = ext4_get_group_desc(sb, group, NULL);

	return desc && ext4_free_inodes_count(sb, desc) &&
	       (!want_clusters || ext4_free_group_clusters(sb, desc));
}

/*
 * The group for a new inode under parent: its flex group first (or the flex group of
 * the parent's last allocation), else the parent's group, then a quadratic hash from
 * there, then any group with a free inode. -1 when the file system has none.
 */
static int find_group_other(struct super_block *sb, struct inode *parent, ext4_group_t *group)
{
	ext4_group_t parent_group = EXT4_I(parent)->i_block_group;
	ext4_group_t i, last, ngroups = EXT4_SB(sb)->s_groups_count;
	int flex_size = 1 << EXT4_SB(sb)->s_log_groups_per_flex;

	if (flex_size > 1) {
		parent_group &= ~(flex_size - 1);
		last = min_t(ext4_group_t, parent_group + flex_size, ngroups);
		for (i = parent_group; i < last; i++) {
			if (group_has_room(sb, i, false)) {
				*group = i;
				return 0;
			}
		}
	} else {
		*group = parent_group;
		if (group_has_room(sb, *group, true))
			return 0;
	}
	/* files of one directory together, other directories' files spread away from it */
	*group = (parent_group + parent->i_ino) % ngroups;
	for (i = 1; i < ngroups; i <<= 1) {
		*group += i;
		if (*group >= ngroups)
			*group -= ngroups;
		if (group_has_room(sb, *group, true))
			return 0;
	}
	*group = parent_group;
	for (i = 0; i < ngroups; i++) {
		if (++*group >= ngroups)
			*group = 0;
		if (group_has_room(sb, *group, false))
			return 0;
	}
	return -1;
}

/* A group's (or, with flex_bg, a flex group's) free inodes and clusters and directories. */
struct orlov_stats {
	u32 free_inodes;
	u32 used_dirs;
	u64 free_clusters;
};

static void get_orlov_stats(struct super_block *sb, ext4_group_t g, int flex_size,
			    struct orlov_stats *stats)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_group_desc *desc;

	if (flex_size > 1) {
		spin_lock(&sbi->s_flex_lock);
		stats->free_inodes = sbi->s_flex_groups[g].free_inodes;
		stats->free_clusters = sbi->s_flex_groups[g].free_clusters;
		stats->used_dirs = sbi->s_flex_groups[g].used_dirs;
		spin_unlock(&sbi->s_flex_lock);
		return;
	}
	desc = ext4_get_group_desc(sb, g, NULL);
	if (!desc) {
		memset(stats, 0, sizeof(*stats));
		return;
	}
	stats->free_inodes = ext4_free_inodes_count(sb, desc);
	stats->free_clusters = ext4_free_group_clusters(sb, desc);
	stats->used_dirs = ext4_used_dirs_count(sb, desc);
}

/* The first group of flex group fg with a free inode; false when none has one. */
static bool orlov_pick_in_flex(struct super_block *sb, ext4_group_t fg, int flex_size,
			       ext4_group_t *group)
{
	ext4_group_t i, g, ngroups = EXT4_SB(sb)->s_groups_count;

	for (i = 0; i < (ext4_group_t)flex_size; i++) {
		g = fg * flex_size + i;
		if (g >= ngroups)
			break;
		if (group_has_room(sb, g, false)) {
			*group = g;
			return true;
		}
	}
	return false;
}

/*
 * A top-level directory (under the root, or under a TOPDIR_FL one) goes to the (flex)
 * group with the fewest directories among those with at least the average free inodes
 * and blocks, the search starting where the name hashes: top directories spread. -1
 * when none qualifies.
 */
static int orlov_spread(struct super_block *sb, struct inode *parent, const struct qstr *qstr,
			ext4_group_t ngroups, int flex_size, u64 avefreei, u64 avefreec)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct dx_hash_info hinfo = { .hash_version = DX_HASH_HALF_MD4,
				      .seed = sbi->s_hash_seed };
	u32 best_ndir = EXT4_INODES_PER_GROUP(sb) * flex_size;
	ext4_group_t i, g, start = 0;
	struct orlov_stats stats;
	int best = -1;

	if (qstr && !ext4fs_dirhash(parent, (const char *)qstr->name, qstr->len, &hinfo))
		start = hinfo.hash % ngroups;
	for (i = 0; i < ngroups; i++) {
		g = (start + i) % ngroups;
		get_orlov_stats(sb, g, flex_size, &stats);
		if (!stats.free_inodes || stats.used_dirs >= best_ndir ||
		    stats.free_inodes < avefreei || stats.free_clusters < avefreec)
			continue;
		best = g;
		best_ndir = stats.used_dirs;
	}
	return best;
}

/*
 * Any other directory: the first (flex) group from the parent's with room to spare,
 * fewer directories than the average plus a margin, and not too few free inodes and
 * blocks, so that a subtree stays together while its groups have room.
 */
static int orlov_near_parent(struct super_block *sb, ext4_group_t parent_group,
			     ext4_group_t ngroups, int flex_size, u64 avefreei, u64 avefreec)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	s64 min_inodes = (s64)avefreei - EXT4_INODES_PER_GROUP(sb) * flex_size / 4;
	s64 min_clusters = (s64)avefreec - EXT4_CLUSTERS_PER_GROUP(sb) * flex_size / 4;
	u64 max_dirs = sbi->s_dirs_counter / ngroups + EXT4_INODES_PER_GROUP(sb) * flex_size / 16;
	struct orlov_stats stats;
	ext4_group_t i, g;

	min_inodes = max_t(s64, min_inodes, 1);
	min_clusters = max_t(s64, min_clusters, 0);
	for (i = 0; i < ngroups; i++) {
		g = (parent_group + i) % ngroups;
		get_orlov_stats(sb, g, flex_size, &stats);
		if (stats.used_dirs >= max_dirs || stats.free_inodes < min_inodes ||
		    stats.free_clusters < (u64)min_clusters)
			continue;
		return g;
	}
	return -1;
}

/*
 * The group for a new directory, as Linux's Orlov allocator chooses it: spread at the
 * top of the tree, near the parent below it; failing both, the first group from the
 * parent's with at least the average free inodes, then with any. -1 when none is free.
 */
static int find_group_orlov(struct super_block *sb, struct inode *parent, ext4_group_t *group,
			    const struct qstr *qstr)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	ext4_group_t real_ngroups = sbi->s_groups_count, ngroups = real_ngroups, i, g;
	ext4_group_t parent_group = EXT4_I(parent)->i_block_group;
	int flex_size = 1 << sbi->s_log_groups_per_flex, found;
	u64 freei, avefreei, avefreec;

	if (flex_size > 1) {
		ngroups = (real_ngroups + flex_size - 1) >> sbi->s_log_groups_per_flex;
		parent_group >>= sbi->s_log_groups_per_flex;
	}
	spin_lock(&sbi->s_flex_lock);
	freei = max_t(s64, sbi->s_freeinodes_counter, 0);
	avefreec = max_t(s64, sbi->s_freeclusters_counter, 0) / ngroups;
	spin_unlock(&sbi->s_flex_lock);
	avefreei = freei / ngroups;
	if (parent->i_ino == EXT4_ROOT_INO || ext4_test_inode_flag(parent, EXT4_TOPDIR_FL))
		found = orlov_spread(sb, parent, qstr, ngroups, flex_size, avefreei, avefreec);
	else
		found = orlov_near_parent(sb, parent_group, ngroups, flex_size, avefreei,
					  avefreec);
	if (found >= 0) {
		if (flex_size == 1) {
			*group = found;
			return 0;
		}
		if (orlov_pick_in_flex(sb, found, flex_size, group))
			return 0;
	}
	avefreei = freei / real_ngroups;
	parent_group = EXT4_I(parent)->i_block_group;
	for (;;) {
		for (i = 0; i < real_ngroups; i++) {
			g = (parent_group + i) % real_ngroups;
			if (group_has_room(sb, g, false) &&
			    ext4_free_inodes_count(sb, ext4_get_group_desc(sb, g, NULL)) >= avefreei) {
				*group = g;
				return 0;
			}
		}
		if (!avefreei)
			return -1;
		avefreei = 0;	/* the counters are approximate: take any free inode */
	}
}

/*
 * Takes inode number `ino` (1-based within group) in the group descriptor: the free
 * and directory counts, bg_itable_unused and INODE_UNINIT, and both checksums.
 * Under ext4_lock_group, with write access to the bitmap and descriptor buffers.
 */
static void ext4_take_inode_in_desc(struct super_block *sb, ext4_group_t group,
				    struct ext4_group_desc *gdp, struct buffer_head *bitmap_bh,
				    unsigned long ino, bool is_dir)
{
	unsigned long used;

	if (ext4_has_group_desc_csum(sb)) {
		used = EXT4_INODES_PER_GROUP(sb) - ext4_itable_unused_count(sb, gdp);
		if (gdp->bg_flags & cpu_to_le16(EXT4_BG_INODE_UNINIT)) {
			gdp->bg_flags &= cpu_to_le16(~EXT4_BG_INODE_UNINIT);
			used = 0;
		}
		/* the inode table is in use up to the highest inode ever taken */
		if (ino > used)
			ext4_itable_unused_set(sb, gdp, EXT4_INODES_PER_GROUP(sb) - ino);
	}
	ext4_free_inodes_set(sb, gdp, ext4_free_inodes_count(sb, gdp) - 1);
	if (is_dir)
		ext4_used_dirs_set(sb, gdp, ext4_used_dirs_count(sb, gdp) + 1);
	ext4_inode_bitmap_csum_set(sb, group, gdp, bitmap_bh, EXT4_INODES_PER_GROUP(sb) / 8);
	ext4_group_desc_csum_set(sb, group, gdp);
}

/*
 * Claims a free inode in group: its bit set in the bitmap, the descriptor updated.
 * Returns the inode's number within the group (1-based), 0 when the group is full (or
 * its bitmap unusable), or an error. Starts the transaction when *handle is NULL.
 */
static long ext4_claim_inode(struct super_block *sb, ext4_group_t group, struct inode *dir,
			     bool is_dir, handle_t **handle, int handle_type, int nblocks)
{
	struct buffer_head *bitmap_bh, *gd_bh;
	struct ext4_group_desc *gdp;
	unsigned long ino = 0;
	int err;

	gdp = ext4_get_group_desc(sb, group, &gd_bh);
	if (!gdp || !ext4_free_inodes_count(sb, gdp))
		return 0;
	bitmap_bh = ext4_read_inode_bitmap(sb, group);
	if (IS_ERR(bitmap_bh))
		return 0;	/* reported; try another group */
	if (!*handle) {
		*handle = ext4_journal_start_sb(dir->i_sb, handle_type, nblocks);
		if (IS_ERR(*handle)) {
			err = PTR_ERR(*handle);
			*handle = NULL;
			goto out;
		}
	}
	err = ext4_journal_get_write_access(*handle, sb, bitmap_bh, EXT4_JTR_NONE);
	if (!err)
		err = ext4_journal_get_write_access(*handle, sb, gd_bh, EXT4_JTR_NONE);
	if (err)
		goto out;
	ext4_lock_group(sb, group);
	ino = ext4_find_next_zero_bit(bitmap_bh->b_data, EXT4_INODES_PER_GROUP(sb), 0);
	if (ino < EXT4_INODES_PER_GROUP(sb) && group == 0 && ino < EXT4_FIRST_INO(sb) - 1)
		ino = ext4_find_next_zero_bit(bitmap_bh->b_data, EXT4_INODES_PER_GROUP(sb),
					      EXT4_FIRST_INO(sb) - 1);
	if (ino >= EXT4_INODES_PER_GROUP(sb)) {
		ext4_unlock_group(sb, group);
		ino = 0;
		goto out;
	}
	ext4_set_bit(ino, bitmap_bh->b_data);
	ino++;
	ext4_take_inode_in_desc(sb, group, gdp, bitmap_bh, ino, is_dir);
	ext4_unlock_group(sb, group);
	err = ext4_handle_dirty_metadata(*handle, NULL, bitmap_bh);
	if (!err)
		err = ext4_handle_dirty_metadata(*handle, NULL, gd_bh);
out:
	brelse(bitmap_bh);
	return err ? err : (long)ino;
}

/*
 * Claims a free inode for a new inode of mode under dir: from goal's group when goal is
 * an inode number, else from the group Orlov (directories) or find_group_other picks,
 * then the groups after it. Returns the number within *group (1-based), -ENOSPC when
 * every group is full, or another error.
 */
static long ext4_find_free_inode(struct super_block *sb, struct inode *dir, umode_t mode,
				 const struct qstr *qstr, u32 goal, handle_t **handle,
				 int handle_type, int nblocks, ext4_group_t *group)
{
	ext4_group_t ngroups = EXT4_SB(sb)->s_groups_count, i;
	long ino;

	if (goal && goal <= le32_to_cpu(EXT4_SB(sb)->s_es->s_inodes_count))
		*group = (goal - 1) / EXT4_INODES_PER_GROUP(sb);
	else if (S_ISDIR(mode) ? find_group_orlov(sb, dir, group, qstr) :
				 find_group_other(sb, dir, group))
		return -ENOSPC;
	for (i = 0; i < ngroups; i++, *group = (*group + 1) % ngroups) {
		ino = ext4_claim_inode(sb, *group, dir, S_ISDIR(mode), handle, handle_type,
				       nblocks);
		if (ino)
			return ino;
	}
	return -ENOSPC;
}

/* The in-memory state of a new inode: times, flags inherited from dir, checksum seed. */
static void ext4_init_new_inode_info(struct inode *inode, struct inode *dir, umode_t mode,
				     ext4_group_t group, u32 i_flags)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	__le32 inum, gen;
	u32 csum;

	inode->i_blocks = 0;
	inode->i_mtime = inode->i_atime = inode->i_ctime = ei->i_crtime = current_time(inode);
	memset(ei->i_data, 0, sizeof(ei->i_data));
	ei->i_dir_start_lookup = 0;
	ei->i_disksize = 0;
	ei->i_flags = ext4_mask_flags(mode, EXT4_I(dir)->i_flags & EXT4_FL_INHERITED) | i_flags;
	ei->i_file_acl = 0;
	ei->i_dtime = 0;
	ei->i_block_group = group;
	inode->i_generation = (u32)get_random_u64();
	if (ext4_has_metadata_csum(inode->i_sb)) {
		inum = cpu_to_le32(inode->i_ino);
		gen = cpu_to_le32(inode->i_generation);
		csum = ext4_chksum(sbi, sbi->s_csum_seed, &inum, sizeof(inum));
		ei->i_csum_seed = ext4_chksum(sbi, csum, &gen, sizeof(gen));
	}
	ext4_set_inode_state(inode, EXT4_STATE_NEW);
	ei->i_extra_isize = sbi->s_want_extra_isize;
}

/*
 * A new inode of mode under dir: a free inode number claimed in a group chosen near dir
 * (bitmap, descriptor, flex group and file-system counts, checksums), the in-memory
 * inode initialised, locked and hashed (I_NEW: the caller unlocks it). With a NULL
 * handle, starts one of handle_type with nblocks credits (ext4_journal_current_handle).
 * ERR_PTR(-ENOSPC) when no inode is free, -EPERM when dir is being removed.
 */
struct inode *__ext4_new_inode(handle_t *handle, struct inode *dir, umode_t mode,
			       const struct qstr *qstr, u32 goal, uid_t *owner, u32 i_flags,
			       int handle_type, unsigned int line_no, int nblocks)
{
	struct super_block *sb;
	struct ext4_sb_info *sbi;
	ext4_group_t group;
	struct inode *inode;
	long ino;
	int err;

	if (!dir || !dir->i_nlink)
		return ERR_PTR(-EPERM);
	sb = dir->i_sb;
	sbi = EXT4_SB(sb);
	inode = new_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode_init_owner(inode, dir, mode);
	if (owner) {
		inode->i_uid = owner[0];
		inode->i_gid = owner[1];
	}
	ino = ext4_find_free_inode(sb, dir, mode, qstr, goal, &handle, handle_type, nblocks,
				   &group);
	if (ino < 0) {
		err = ino;
		goto out;
	}
	ext4_count_inodes(sbi, group, S_ISDIR(mode), 1);
	inode->i_ino = ino + group * EXT4_INODES_PER_GROUP(sb);
	ext4_init_new_inode_info(inode, dir, mode, group, i_flags);
	if (insert_inode_locked(inode) < 0) {
		/* the number is ours in the bitmap: another inode of it in memory is a bug */
		ext4_error(sb, "inode %lu in use in the inode cache", inode->i_ino);
		err = -EIO;
		goto out;
	}
	if (ext4_has_feature_extents(sb) &&
	    (S_ISDIR(mode) || S_ISREG(mode) || S_ISLNK(mode))) {
		ext4_set_inode_flag(inode, EXT4_EXTENTS_FL);
		ext4_ext_tree_init(handle, inode);
	}
	err = ext4_mark_inode_dirty(handle, inode);
	if (err) {
		ext4_std_error(sb, err);
		goto fail_drop;
	}
	return inode;
out:
	iput(inode);
	return ERR_PTR(err);
fail_drop:
	clear_nlink(inode);
	unlock_new_inode(inode);
	iput(inode);
	return ERR_PTR(err);
}

/*
 * Gives a deleted inode's number back (its last reference is going and its nlink is 0):
 * the bitmap bit, the descriptor's free and directory counts, the flex group's and the
 * file system's, with the checksums.
 */
void ext4_free_inode(handle_t *handle, struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	bool is_directory = S_ISDIR(inode->i_mode);
	unsigned long ino = inode->i_ino, bit;
	struct buffer_head *bitmap_bh, *bh2;
	struct ext4_group_desc *gdp;
	ext4_group_t block_group;
	int fatal, cleared;

	if (inode->i_nlink) {
		ext4_msg(sb, KERN_ERR, "%s:%d: inode #%lu: nlink=%d", __func__, __LINE__,
			 ino, inode->i_nlink);
		return;
	}
	if (ino < EXT4_FIRST_INO(sb) || ino > le32_to_cpu(sbi->s_es->s_inodes_count)) {
		ext4_error(sb, "reserved or nonexistent inode %lu", ino);
		return;
	}
	block_group = (ino - 1) / EXT4_INODES_PER_GROUP(sb);
	bit = (ino - 1) % EXT4_INODES_PER_GROUP(sb);
	bitmap_bh = ext4_read_inode_bitmap(sb, block_group);
	if (IS_ERR(bitmap_bh))
		return;
	fatal = ext4_journal_get_write_access(handle, sb, bitmap_bh, EXT4_JTR_NONE);
	gdp = ext4_get_group_desc(sb, block_group, &bh2);
	if (!fatal)
		fatal = gdp ? ext4_journal_get_write_access(handle, sb, bh2, EXT4_JTR_NONE) :
			      -ESRCH;
	if (fatal)
		goto out;
	ext4_lock_group(sb, block_group);
	cleared = ext4_test_and_clear_bit(bit, bitmap_bh->b_data);
	if (!cleared) {
		ext4_unlock_group(sb, block_group);
		ext4_error(sb, "bit already cleared for inode %lu", ino);
		goto out;
	}
	ext4_free_inodes_set(sb, gdp, ext4_free_inodes_count(sb, gdp) + 1);
	if (is_directory)
		ext4_used_dirs_set(sb, gdp, ext4_used_dirs_count(sb, gdp) - 1);
	ext4_inode_bitmap_csum_set(sb, block_group, gdp, bitmap_bh,
				   EXT4_INODES_PER_GROUP(sb) / 8);
	ext4_group_desc_csum_set(sb, block_group, gdp);
	ext4_unlock_group(sb, block_group);
	ext4_count_inodes(sbi, block_group, is_directory, -1);
	fatal = ext4_handle_dirty_metadata(handle, NULL, bh2);
	if (!fatal)
		fatal = ext4_handle_dirty_metadata(handle, NULL, bitmap_bh);
out:
	brelse(bitmap_bh);
	if (fatal)
		ext4_std_error(sb, fatal);
}
