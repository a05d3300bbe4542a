/*
 * ext4's inodes (Linux 6.1's fs/ext4/inode.c, the part this kernel uses): reading one
 * from its inode table (ext4_iget, checksum and fields checked), writing it back
 * (ext4_mark_inode_dirty, ext4_write_inode), mapping its blocks (ext4_map_blocks over
 * the extent tree, ext4_get_block for the page cache, ext4_getblk/ext4_bread for
 * metadata-like users such as directories), truncate, setattr, and freeing everything
 * at the last iput of an unlinked inode (ext4_evict_inode).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/blkdev.h>
#include "ext4.h"
#include "ext4_jbd2.h"
#include "ext4_extents.h"

static __u32 ext4_inode_csum(struct inode *inode, struct ext4_inode *raw,
			     struct ext4_inode_info *ei)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	int offset = offsetof(struct ext4_inode, i_checksum_lo);
	__u16 dummy_csum = 0;
	__u32 csum;

	csum = ext4_chksum(sbi, ei->i_csum_seed, raw, offset);
	csum = ext4_chksum(sbi, csum, &dummy_csum, sizeof(dummy_csum));
	offset += sizeof(dummy_csum);
	csum = ext4_chksum(sbi, csum, (u8 *)raw + offset, EXT4_GOOD_OLD_INODE_SIZE - offset);
	if (EXT4_INODE_SIZE(inode->i_sb) > EXT4_GOOD_OLD_INODE_SIZE) {
		offset = offsetof(struct ext4_inode, i_checksum_hi);
		csum = ext4_chksum(sbi, csum, (u8 *)raw + EXT4_GOOD_OLD_INODE_SIZE,
				   offset - EXT4_GOOD_OLD_INODE_SIZE);
		if (EXT4_FITS_IN_INODE(raw, ei, i_checksum_hi)) {
			csum = ext4_chksum(sbi, csum, &dummy_csum, sizeof(dummy_csum));
			offset += sizeof(dummy_csum);
		}
		csum = ext4_chksum(sbi, csum, (u8 *)raw + offset,
				   EXT4_INODE_SIZE(inode->i_sb) - offset);
	}
	return csum;
}

int ext4_inode_csum_verify(struct inode *inode, struct ext4_inode *raw,
			   struct ext4_inode_info *ei)
{
	__u32 provided, calculated;

	if (le32_to_cpu(EXT4_SB(inode->i_sb)->s_es->s_creator_os) != 0 ||
	    !ext4_has_metadata_csum(inode->i_sb))
		return 1;
	provided = le16_to_cpu(raw->i_checksum_lo);
	calculated = ext4_inode_csum(inode, raw, ei);
	if (EXT4_INODE_SIZE(inode->i_sb) > EXT4_GOOD_OLD_INODE_SIZE &&
	    EXT4_FITS_IN_INODE(raw, ei, i_checksum_hi))
		provided |= (__u32)le16_to_cpu(raw->i_checksum_hi) << 16;
	else
		calculated &= 0xFFFF;
	return provided == calculated;
}

void ext4_inode_csum_set(struct inode *inode, struct ext4_inode *raw, struct ext4_inode_info *ei)
{
	__u32 csum;

	if (le32_to_cpu(EXT4_SB(inode->i_sb)->s_es->s_creator_os) != 0 ||
	    !ext4_has_metadata_csum(inode->i_sb))
		return;
	csum = ext4_inode_csum(inode, raw, ei);
	raw->i_checksum_lo = cpu_to_le16(csum & 0xFFFF);
	if (EXT4_INODE_SIZE(inode->i_sb) > EXT4_GOOD_OLD_INODE_SIZE &&
	    EXT4_FITS_IN_INODE(raw, ei, i_checksum_hi))
		raw->i_checksum_hi = cpu_to_le16(csum >> 16);
}

/* The inode table block holding inode ino (read, with a reference) and its offset. */
static int __ext4_get_inode_loc(struct super_block *sb, unsigned long ino,
				struct ext4_iloc *iloc)
{
	struct ext4_group_desc *gdp;
	ext4_fsblk_t block;
	int inodes_per_block, inode_offset;

	iloc->bh = NULL;
	if (ino < EXT4_ROOT_INO || ino > le32_to_cpu(EXT4_SB(sb)->s_es->s_inodes_count))
		return -EFSCORRUPTED;
	iloc->block_group = (ino - 1) / EXT4_INODES_PER_GROUP(sb);
	gdp = ext4_get_group_desc(sb, iloc->block_group, NULL);
	if (!gdp)
		return -EIO;
	inodes_per_block = EXT4_SB(sb)->s_inodes_per_block;
	inode_offset = (ino - 1) % EXT4_INODES_PER_GROUP(sb);
	block = ext4_inode_table(sb, gdp) + inode_offset / inodes_per_block;
	iloc->offset = (inode_offset % inodes_per_block) * EXT4_INODE_SIZE(sb);
	iloc->bh = sb_bread(sb, block);
	if (!iloc->bh) {
		ext4_error_err(sb, EIO, "unable to read itable block %llu for inode %lu",
			       (unsigned long long)block, ino);
		return -EIO;
	}
	return 0;
}

int ext4_get_inode_loc(struct inode *inode, struct ext4_iloc *iloc)
{
	return __ext4_get_inode_loc(inode->i_sb, inode->i_ino, iloc);
}

/* A symlink whose target lies in i_block (no data block). */
static int ext4_inode_is_fast_symlink(struct inode *inode)
{
	int ea_blocks = EXT4_I(inode)->i_file_acl ? inode->i_sb->s_blocksize >> 9 : 0;

	return S_ISLNK(inode->i_mode) && inode->i_blocks - ea_blocks == 0;
}

static void ext4_decode_extra_time(struct timespec64 *time, __le32 extra)
{
	if (extra & cpu_to_le32(EXT4_EPOCH_MASK))
		time->tv_sec += (u64)(le32_to_cpu(extra) & EXT4_EPOCH_MASK) << 32;
	time->tv_nsec = (le32_to_cpu(extra) & EXT4_NSEC_MASK) >> EXT4_EPOCH_BITS;
}

static __le32 ext4_encode_extra_time(struct timespec64 *time)
{
	u32 extra = ((time->tv_sec - (s32)time->tv_sec) >> 32) & EXT4_EPOCH_MASK;

	return cpu_to_le32(extra | (time->tv_nsec << EXT4_EPOCH_BITS));
}

#define EXT4_INODE_GET_XTIME(xtime, inode, raw)					\
do {										\
	(inode)->xtime.tv_sec = (signed)le32_to_cpu((raw)->xtime);		\
	(inode)->xtime.tv_nsec = 0;						\
	if (EXT4_FITS_IN_INODE(raw, EXT4_I(inode), xtime ## _extra))		\
		ext4_decode_extra_time(&(inode)->xtime, (raw)->xtime ## _extra); \
} while (0)

#define EXT4_INODE_SET_XTIME(xtime, inode, raw)					\
do {										\
	(raw)->xtime = cpu_to_le32((inode)->xtime.tv_sec);			\
	if (EXT4_FITS_IN_INODE(raw, EXT4_I(inode), xtime ## _extra))		\
		(raw)->xtime ## _extra = ext4_encode_extra_time(&(inode)->xtime); \
} while (0)

/* The inode's seed for its own checksums and its blocks' (extent, directory). */
static void ext4_inode_csum_seed_init(struct inode *inode)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	__le32 inum = cpu_to_le32(inode->i_ino);
	__le32 gen = cpu_to_le32(inode->i_generation);
	__u32 csum;

	if (!ext4_has_metadata_csum(inode->i_sb))
		return;
	csum = ext4_chksum(sbi, sbi->s_csum_seed, &inum, sizeof(inum));
	EXT4_I(inode)->i_csum_seed = ext4_chksum(sbi, csum, &gen, sizeof(gen));
}

/* i_extra_isize: even, and inside the on-disk inode. */
static int ext4_iget_extra_inode(struct inode *inode, struct ext4_inode *raw)
{
	struct ext4_inode_info *ei = EXT4_I(inode);

	ei->i_extra_isize = 0;
	if (EXT4_INODE_SIZE(inode->i_sb) <= EXT4_GOOD_OLD_INODE_SIZE)
		return 0;
	ei->i_extra_isize = le16_to_cpu(raw->i_extra_isize);
	if (EXT4_GOOD_OLD_INODE_SIZE + ei->i_extra_isize > EXT4_INODE_SIZE(inode->i_sb) ||
	    (ei->i_extra_isize & 3)) {
		EXT4_ERROR_INODE(inode, "bad extra_isize %u (inode size %u)", ei->i_extra_isize,
				 EXT4_INODE_SIZE(inode->i_sb));
		return -EFSCORRUPTED;
	}
	return 0;
}

/* The VFS inode's fields from the on-disk inode. */
static void ext4_iget_fields(struct inode *inode, struct ext4_inode *raw)
{
	struct ext4_inode_info *ei = EXT4_I(inode);

	inode->i_mode = le16_to_cpu(raw->i_mode);
	inode->i_uid = le16_to_cpu(raw->i_uid) | (u32)le16_to_cpu(raw->i_uid_high) << 16;
	inode->i_gid = le16_to_cpu(raw->i_gid) | (u32)le16_to_cpu(raw->i_gid_high) << 16;
	set_nlink(inode, le16_to_cpu(raw->i_links_count));
	ei->i_dtime = le32_to_cpu(raw->i_dtime);
	ei->i_flags = le32_to_cpu(raw->i_flags);
	inode->i_blocks = le32_to_cpu(raw->i_blocks_lo);
	if (ext4_has_feature_huge_file(inode->i_sb)) {
		inode->i_blocks |= (u64)le16_to_cpu(raw->i_blocks_high) << 32;
		if (ei->i_flags & EXT4_HUGE_FILE_FL)
			inode->i_blocks <<= inode->i_blkbits - 9;
	}
	ei->i_file_acl = le32_to_cpu(raw->i_file_acl_lo) |
		(u64)le16_to_cpu(raw->i_file_acl_high) << 32;
	ei->i_disksize = le32_to_cpu(raw->i_size_lo) | (u64)le32_to_cpu(raw->i_size_high) << 32;
	inode->i_size = ei->i_disksize;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	EXT4_INODE_GET_XTIME(i_ctime, inode, raw);
	EXT4_INODE_GET_XTIME(i_mtime, inode, raw);
	EXT4_INODE_GET_XTIME(i_atime, inode, raw);
	if (EXT4_FITS_IN_INODE(raw, ei, i_crtime)) {
		ei->i_crtime.tv_sec = (signed)le32_to_cpu(raw->i_crtime);
		ext4_decode_extra_time(&ei->i_crtime, raw->i_crtime_extra);
	}
}

/* The operations for the inode's type; the directory side's come from namei.c etc. */
static int ext4_iget_ops(struct inode *inode, struct ext4_inode *raw)
{
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext4_file_inode_operations;
		inode->i_fop = &ext4_file_operations;
		ext4_set_aops(inode);
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext4_dir_inode_operations;
		inode->i_fop = &ext4_dir_operations;
		ext4_set_aops(inode);
	} else if (S_ISLNK(inode->i_mode)) {
		if (ext4_inode_is_fast_symlink(inode)) {
			if (inode->i_size >= (loff_t)sizeof(EXT4_I(inode)->i_data))
				return -EFSCORRUPTED;
			inode->i_op = &ext4_fast_symlink_inode_operations;
			inode->i_link = (char *)EXT4_I(inode)->i_data;
			((char *)EXT4_I(inode)->i_data)[inode->i_size] = '\0';
		} else {
			inode->i_op = &ext4_symlink_inode_operations;
			ext4_set_aops(inode);
		}
	} else if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode) ||
		   S_ISFIFO(inode->i_mode) || S_ISSOCK(inode->i_mode)) {
		inode->i_op = &ext4_special_inode_operations;
		if (raw->i_block[0])
			init_special_inode(inode, inode->i_mode,
					   old_decode_dev(le32_to_cpu(raw->i_block[0])));
		else
			init_special_inode(inode, inode->i_mode,
					   new_decode_dev(le32_to_cpu(raw->i_block[1])));
	} else {
		return -EFSCORRUPTED;
	}
	return 0;
}

/* Fills a new in-core inode from disk: 0 or -errno (reported if the inode is bad). */
static int ext4_iget_read(struct inode *inode, ext4_iget_flags flags, const char *function,
			  unsigned int line)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct ext4_iloc iloc;
	struct ext4_inode *raw;
	int ret;

	ret = __ext4_get_inode_loc(inode->i_sb, inode->i_ino, &iloc);
	if (ret)
		return ret;
	raw = ext4_raw_inode(&iloc);
	ei->i_block_group = iloc.block_group;
	if ((flags & EXT4_IGET_HANDLE) && !raw->i_links_count && !raw->i_mode) {
		ret = -ESTALE;	/* a file handle to a freed inode */
		goto out;
	}
	ret = ext4_iget_extra_inode(inode, raw);
	if (ret)
		goto out;
	inode->i_generation = le32_to_cpu(raw->i_generation);
	ext4_inode_csum_seed_init(inode);
	if (!ext4_inode_csum_verify(inode, raw, ei)) {
		ext4_error_inode_err(inode, function, line, 0, EFSBADCRC,
				     "iget: checksum invalid");
		ret = -EFSBADCRC;
		goto out;
	}
	ext4_iget_fields(inode, raw);
	if (inode->i_nlink == 0 && !(flags & EXT4_IGET_SPECIAL) &&
	    (inode->i_mode == 0 || !(EXT4_SB(inode->i_sb)->s_mount_state & EXT4_ORPHAN_FS))) {
		/* a deleted inode (not an orphan being cleaned up): a stale handle */
		ret = -ESTALE;
		goto out;
	}
	if (ei->i_flags & EXT4_INLINE_DATA_FL) {
		ext4_error_inode(inode, function, line, 0, "inline data is not supported");
		ret = -EFSCORRUPTED;
		goto out;
	}
	if ((ei->i_flags & EXT4_EXTENTS_FL) && !ext4_inode_is_fast_symlink(inode)) {
		ret = ext4_ext_check_inode(inode);
		if (ret)
			goto out;
	} else if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) ||
		   (S_ISLNK(inode->i_mode) && !ext4_inode_is_fast_symlink(inode))) {
		ext4_error_inode(inode, function, line, 0, "not an extent-mapped inode");
		ret = -EFSCORRUPTED;
		goto out;
	}
	ret = ext4_iget_ops(inode, raw);
	if (ret)
		ext4_error_inode(inode, function, line, 0, "iget: bogus i_mode (%o)",
				 inode->i_mode);
out:
	brelse(iloc.bh);
	return ret;
}

/*
 * The in-core inode ino of sb, read from disk the first time: a referenced inode or
 * ERR_PTR(-EFSCORRUPTED, -EFSBADCRC, -ESTALE (deleted), -EIO, -ENOMEM). A reserved
 * inode (below s_first_ino, the root aside) only with EXT4_IGET_SPECIAL.
 * Context: may sleep.
 */
struct inode *__ext4_iget(struct super_block *sb, unsigned long ino, ext4_iget_flags flags,
			  const char *function, unsigned int line)
{
	struct inode *inode;
	int ret;

	if ((!(flags & EXT4_IGET_SPECIAL) && ino < EXT4_FIRST_INO(sb) && ino != EXT4_ROOT_INO) ||
	    ino < EXT4_ROOT_INO || ino > le32_to_cpu(EXT4_SB(sb)->s_es->s_inodes_count)) {
		if (flags & EXT4_IGET_HANDLE)
			return ERR_PTR(-ESTALE);
		__ext4_error(sb, function, line, false, EFSCORRUPTED, 0,
			     "inode #%lu: comm %s: iget: illegal inode #", ino, current->comm);
		return ERR_PTR(-EFSCORRUPTED);
	}
	inode = iget_locked(sb, ino);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_state & I_NEW))
		return inode;
	inode->i_blkbits = sb->s_blocksize_bits;
	ret = ext4_iget_read(inode, flags, function, line);
	if (ret) {
		iget_failed(inode);
		return ERR_PTR(ret);
	}
	unlock_new_inode(inode);
	return inode;
}

/* Copies the in-core inode into its on-disk copy (in iloc's buffer), checksum last. */
static void ext4_fill_raw_inode(struct inode *inode, struct ext4_inode *raw)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	u64 i_blocks = inode->i_blocks;

	if (EXT4_I(inode)->i_extra_isize == 0 && ext4_test_inode_state(inode, EXT4_STATE_NEW) &&
	    EXT4_INODE_SIZE(inode->i_sb) > EXT4_GOOD_OLD_INODE_SIZE)
		ei->i_extra_isize = EXT4_SB(inode->i_sb)->s_want_extra_isize;
	if (ext4_test_inode_state(inode, EXT4_STATE_NEW))
		memset(raw, 0, EXT4_INODE_SIZE(inode->i_sb));
	raw->i_mode = cpu_to_le16(inode->i_mode);
	raw->i_uid = cpu_to_le16(inode->i_uid & 0xffff);
	raw->i_uid_high = cpu_to_le16(inode->i_uid >> 16);
	raw->i_gid = cpu_to_le16(inode->i_gid & 0xffff);
	raw->i_gid_high = cpu_to_le16(inode->i_gid >> 16);
	raw->i_links_count = cpu_to_le16(inode->i_nlink);
	EXT4_INODE_SET_XTIME(i_ctime, inode, raw);
	EXT4_INODE_SET_XTIME(i_mtime, inode, raw);
	EXT4_INODE_SET_XTIME(i_atime, inode, raw);
	if (EXT4_FITS_IN_INODE(raw, ei, i_crtime)) {
		raw->i_crtime = cpu_to_le32(ei->i_crtime.tv_sec);
		raw->i_crtime_extra = ext4_encode_extra_time(&ei->i_crtime);
	}
	if (i_blocks >> 32 && ext4_has_feature_huge_file(inode->i_sb) &&
	    i_blocks >> (32 + 16)) {
		ei->i_flags |= EXT4_HUGE_FILE_FL;
		i_blocks >>= inode->i_blkbits - 9;
	} else {
		ei->i_flags &= ~EXT4_HUGE_FILE_FL;
	}
	raw->i_blocks_lo = cpu_to_le32((u32)i_blocks);
	raw->i_blocks_high = cpu_to_le16(i_blocks >> 32);
	raw->i_dtime = cpu_to_le32(ei->i_dtime);
	raw->i_flags = cpu_to_le32(ei->i_flags);
	raw->i_file_acl_lo = cpu_to_le32((u32)ei->i_file_acl);
	raw->i_file_acl_high = cpu_to_le16(ei->i_file_acl >> 32);
	raw->i_size_lo = cpu_to_le32((u32)ei->i_disksize);
	raw->i_size_high = cpu_to_le32(ei->i_disksize >> 32);
	raw->i_generation = cpu_to_le32(inode->i_generation);
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		memset(raw->i_block, 0, sizeof(raw->i_block));
		raw->i_block[1] = cpu_to_le32(new_encode_dev(inode->i_rdev));
	} else {
		memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
	}
	if (EXT4_INODE_SIZE(inode->i_sb) > EXT4_GOOD_OLD_INODE_SIZE)
		raw->i_extra_isize = cpu_to_le16(ei->i_extra_isize);
	ext4_inode_csum_set(inode, raw, ei);
}

/*
 * Writes the in-core inode into its inode table buffer and marks that dirty (through
 * the journal when there is one). 0 or -errno. Context: may sleep; inside handle.
 */
int __ext4_mark_inode_dirty(handle_t *handle, struct inode *inode, const char *func,
			    unsigned int line)
{
	struct ext4_iloc iloc;
	int err;

	err = ext4_get_inode_loc(inode, &iloc);
	if (err)
		goto fail;
	err = ext4_journal_get_write_access(handle, inode->i_sb, iloc.bh, EXT4_JTR_NONE);
	if (!err) {
		lock_buffer(iloc.bh);
		ext4_fill_raw_inode(inode, ext4_raw_inode(&iloc));
		unlock_buffer(iloc.bh);
		ext4_clear_inode_state(inode, EXT4_STATE_NEW);
		err = ext4_handle_dirty_metadata(handle, NULL, iloc.bh);
	}
	brelse(iloc.bh);
	if (!err)
		return 0;
fail:
	ext4_std_error(inode->i_sb, err);
	return err;
}

int ext4_mark_inode_dirty(handle_t *handle, struct inode *inode)
{
	return __ext4_mark_inode_dirty(handle, inode, __func__, __LINE__);
}

/*
 * ->write_inode: with a journal the inode is already in the running transaction; without
 * one, a data-integrity writeback writes its inode table block now.
 */
int ext4_write_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct ext4_iloc iloc;
	int err;

	if (EXT4_SB(inode->i_sb)->s_journal)
		return 0;
	err = ext4_get_inode_loc(inode, &iloc);
	if (err)
		return err;
	err = sync_dirty_buffer(iloc.bh);
	brelse(iloc.bh);
	return err;
}

/*
 * Maps map->m_len blocks of inode from map->m_lblk (allocating with
 * EXT4_GET_BLOCKS_CREATE): how many are mapped, 0 for a hole, or -errno.
 * Context: may sleep; takes i_data_sem (shared to look up, exclusive to allocate).
 */
int ext4_map_blocks(handle_t *handle, struct inode *inode, struct ext4_map_blocks *map,
		    int flags)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	unsigned int len = map->m_len;
	int retval;

	map->m_flags = 0;
	if (!len)
		return 0;
	if (map->m_lblk > EXT4_MAX_LOGICAL_BLOCK || len > EXT4_MAX_LOGICAL_BLOCK - map->m_lblk + 1)
		return -EFSCORRUPTED;
	down_read(&ei->i_data_sem);
	retval = ext4_ext_map_blocks(handle, inode, map, 0);
	up_read(&ei->i_data_sem);
	if (retval != 0 || !(flags & EXT4_GET_BLOCKS_CREATE))
		return retval;
	/* a hole to fill: look again under the exclusive lock, then allocate */
	map->m_len = len;
	map->m_flags = 0;
	down_write(&ei->i_data_sem);
	retval = ext4_ext_map_blocks(handle, inode, map, flags);
	up_write(&ei->i_data_sem);
	if (retval <= 0 || !(map->m_flags & EXT4_MAP_NEW))
		return retval;
	ext4_mark_inode_dirty(handle, inode);
	/*
	 * data=ordered: the new blocks' data reaches the disk before the commit naming
	 * them (unwritten ones have none: they read as zeroes until written)
	 */
	if (S_ISREG(inode->i_mode) && !(flags & EXT4_GET_BLOCKS_ZERO) &&
	    !(map->m_flags & EXT4_MAP_UNWRITTEN) &&
	    ext4_should_order_data(inode)) {
		int err = ext4_jbd2_inode_add_write(handle, inode,
						    (loff_t)map->m_lblk << inode->i_blkbits,
						    (loff_t)map->m_len << inode->i_blkbits);
		if (err)
			return err;
	}
	return retval;
}

/* The page cache's get_block: maps bh (b_size bytes of blocks from iblock). */
int ext4_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create)
{
	struct ext4_map_blocks map = {
		.m_lblk = iblock,
		.m_len = bh->b_size >> inode->i_blkbits,
	};
	int ret;

	ret = ext4_map_blocks(ext4_journal_current_handle(), inode, &map,
			      create ? EXT4_GET_BLOCKS_CREATE : 0);
	if (ret <= 0)
		return ret;
	map_bh(bh, inode->i_sb, map.m_pblk);
	bh->b_state = (bh->b_state & ~EXT4_MAP_FLAGS) | map.m_flags;
	bh->b_size = (size_t)map.m_len << inode->i_blkbits;
	return 0;
}

/*
 * The buffer of file block `block` (allocated with EXT4_GET_BLOCKS_CREATE, then zeroed
 * and uptodate), NULL for a hole, ERR_PTR(-errno). Not read: see ext4_bread.
 */
struct buffer_head *ext4_getblk(handle_t *handle, struct inode *inode, ext4_lblk_t block,
				int map_flags)
{
	struct ext4_map_blocks map = { .m_lblk = block, .m_len = 1 };
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bh;
	int err;

	err = ext4_map_blocks(handle, inode, &map, map_flags);
	if (err == 0)
		return (map_flags & EXT4_GET_BLOCKS_CREATE) ? ERR_PTR(-ENOSPC) : NULL;
	if (err < 0)
		return ERR_PTR(err);
	bh = sb_getblk(sb, map.m_pblk);
	if (!bh)
		return ERR_PTR(-ENOMEM);
	if (map.m_flags & EXT4_MAP_NEW) {
		lock_buffer(bh);
		err = ext4_journal_get_create_access(handle, sb, bh, EXT4_JTR_NONE);
		if (!err) {
			memset(bh->b_data, 0, sb->s_blocksize);
			set_buffer_uptodate(bh);
		}
		unlock_buffer(bh);
		if (!err)
			err = ext4_handle_dirty_metadata(handle, inode, bh);
		if (err) {
			brelse(bh);
			return ERR_PTR(err);
		}
	}
	return bh;
}

/* ext4_getblk, then read: the buffer uptodate, NULL for a hole, or ERR_PTR(-EIO ...). */
struct buffer_head *ext4_bread(handle_t *handle, struct inode *inode, ext4_lblk_t block,
			       int map_flags)
{
	struct buffer_head *bh = ext4_getblk(handle, inode, block, map_flags);

	if (IS_ERR_OR_NULL(bh) || buffer_uptodate(bh))
		return bh;
	if (bh_read(bh, REQ_META | REQ_PRIO) < 0) {
		brelse(bh);
		return ERR_PTR(-EIO);
	}
	return bh;
}

/*
 * Frees the blocks past i_size and records the new size on disk. 0 or -errno.
 * Context: i_rwsem held; the page cache past i_size already dropped.
 */
int ext4_truncate(struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	handle_t *handle;
	int err, err2;

	if (!(S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		return 0;
	if (S_ISLNK(inode->i_mode) && ext4_inode_is_fast_symlink(inode))
		return 0;
	handle = ext4_journal_start(inode, EXT4_HT_TRUNCATE, EXT4_DATA_TRANS_BLOCKS(inode->i_sb));
	if (IS_ERR(handle))
		return PTR_ERR(handle);
	ei->i_disksize = inode->i_size;
	if (S_ISREG(inode->i_mode) && (inode->i_size & (inode->i_sb->s_blocksize - 1))) {
		err = ext4_block_truncate_page(handle, inode->i_mapping, inode->i_size);
		if (err)
			goto out;
	}
	/*
	 * Listed as an orphan (with the new size) first: a truncate that spans several
	 * transactions and is cut short by a crash is finished at the next mount.
	 */
	err = ext4_orphan_add(handle, inode);
	if (err)
		goto out;
	down_write(&ei->i_data_sem);
	ext4_discard_preallocations(inode);
	err = ext4_ext_truncate(handle, inode);
	up_write(&ei->i_data_sem);
	/* An unlinked inode stays listed until ext4_delete_inode frees it. */
	if (inode->i_nlink)
		ext4_orphan_del(handle, inode);
	inode->i_mtime = inode->i_ctime = current_time(inode);
	err2 = ext4_mark_inode_dirty(handle, inode);
	if (!err)
		err = err2;
out:
	err2 = ext4_journal_stop(handle);
	return err ? err : err2;
}

/* Frees an unlinked inode's blocks and the inode itself, its dtime set for e2fsck. */
static void ext4_delete_inode(struct inode *inode)
{
	handle_t *handle;

	handle = ext4_journal_start(inode, EXT4_HT_TRUNCATE,
				    EXT4_DATA_TRANS_BLOCKS(inode->i_sb) + 3);
	if (IS_ERR(handle)) {
		ext4_std_error(inode->i_sb, PTR_ERR(handle));
		return;
	}
	inode->i_size = 0;
	if (inode->i_blocks && ext4_truncate(inode))
		ext4_warning(inode->i_sb, "couldn't truncate inode %lu", inode->i_ino);
	/* Off the orphan list (unlink or truncate put it there) before dtime is a time. */
	ext4_orphan_del(handle, inode);
	EXT4_I(inode)->i_dtime = ktime_get_real_seconds();
	if (ext4_mark_inode_dirty(handle, inode))
		ext4_warning(inode->i_sb, "couldn't mark inode %lu dirty", inode->i_ino);
	else
		ext4_free_inode(handle, inode);
	ext4_journal_stop(handle);
}

/*
 * ->evict_inode, at the last iput of an inode leaving the cache: an unlinked one gives
 * back its blocks and its inode number (a bad one is left alone); then the page cache
 * goes and the inode is clear. Context: may sleep.
 */
void ext4_evict_inode(struct inode *inode)
{
	truncate_inode_pages_final(&inode->i_data);
	if (!inode->i_nlink && !is_bad_inode(inode))
		ext4_delete_inode(inode);
	clear_inode(inode);
	ext4_discard_preallocations(inode);
	/* No transaction may write its data any more (Linux's ext4_clear_inode). */
	ext4_inode_release_jinode(inode);
}

/*
 * ->dirty_inode: the VFS changed the inode (times, size): its on-disk copy follows, in
 * a handle of its own unless one is running.
 */
void ext4_dirty_inode(struct inode *inode, int flags)
{
	handle_t *handle = ext4_journal_start(inode, EXT4_HT_INODE, 2);

	if (IS_ERR(handle))
		return;
	ext4_mark_inode_dirty(handle, inode);
	ext4_journal_stop(handle);
}

/* A new size (ATTR_SIZE): the page cache and the blocks past a smaller one dropped. */
static int ext4_setattr_size(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = inode->i_size;

	if (newsize > inode->i_sb->s_maxbytes)
		return -EFBIG;
	i_size_write(inode, newsize);
	inode->i_mtime = inode->i_ctime = current_time(inode);
	if (newsize > oldsize) {
		EXT4_I(inode)->i_disksize = newsize;
		return 0;
	}
	truncate_pagecache(inode, newsize);
	return ext4_truncate(inode);
}

/*
 * ->setattr: the VFS's checks and copy, a new size (which may free blocks), and the
 * inode written in a handle. Context: i_rwsem held.
 */
int ext4_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	handle_t *handle;
	int err = setattr_prepare(dentry, attr);

	if (err)
		return err;
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != inode->i_size) {
		err = ext4_setattr_size(inode, attr->ia_size);
		if (err)
			return err;
	}
	handle = ext4_journal_start(inode, EXT4_HT_INODE, 3);
	if (IS_ERR(handle))
		return PTR_ERR(handle);
	setattr_copy(inode, attr);
	err = ext4_mark_inode_dirty(handle, inode);
	ext4_journal_stop(handle);
	return err;
}

/* ---- the page cache: address_space_operations ------------------------------------ */

static int ext4_read_folio(struct file *file, struct folio *folio)
{
	return ext4_mpage_readpages(folio->mapping->host, NULL, &folio->page);
}

static void ext4_readahead(struct readahead_control *rac)
{
	ext4_mpage_readpages(rac->mapping->host, rac, NULL);
}

/* Credits for writing one page: its blocks' extent tree path and bitmaps, the inode. */
int ext4_writepage_trans_blocks(struct inode *inode)
{
	return EXT4_DATA_TRANS_BLOCKS(inode->i_sb) + (PAGE_SIZE >> inode->i_blkbits);
}

/*
 * ->write_begin: the page locked, its blocks allocated (ext4_get_block in a handle that
 * stays open until write_end), the parts the copy does not cover read in. Blocks past
 * i_size allocated for a write that then fails are truncated again.
 */
static int ext4_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned len, struct page **pagep, void **fsdata)
{
	struct inode *inode = mapping->host;
	pgoff_t index = pos >> PAGE_SHIFT;
	struct page *page;
	handle_t *handle;
	int ret;

retry:
	page = grab_cache_page_write_begin(mapping, index);
	if (!page)
		return -ENOMEM;
	/* the handle before the page lock, as commit takes them in that order */
	unlock_page(page);
	handle = ext4_journal_start(inode, EXT4_HT_WRITE_PAGE, ext4_writepage_trans_blocks(inode));
	if (IS_ERR(handle)) {
		put_page(page);
		return PTR_ERR(handle);
	}
	lock_page(page);
	if (page->mapping != mapping) {
		unlock_page(page);
		put_page(page);
		ext4_journal_stop(handle);
		goto retry;
	}
	wait_for_stable_page(page);
	ret = __block_write_begin(page, pos, len, ext4_get_block);
	if (ret) {
		unlock_page(page);
		put_page(page);
		ext4_journal_stop(handle);
		if (pos + len > inode->i_size)
			ext4_truncate(inode);
		return ret;
	}
	*pagep = page;
	return 0;
}

/* i_size and i_disksize grow to newsize if it is larger: true if they did. */
bool ext4_update_inode_size(struct inode *inode, loff_t newsize)
{
	bool changed = false;

	if (newsize > inode->i_size) {
		i_size_write(inode, newsize);
		changed = true;
	}
	if (newsize > EXT4_I(inode)->i_disksize) {
		down_write(&EXT4_I(inode)->i_data_sem);
		if (newsize > EXT4_I(inode)->i_disksize)
			EXT4_I(inode)->i_disksize = newsize;
		up_write(&EXT4_I(inode)->i_data_sem);
		changed = true;
	}
	return changed;
}

/* ->write_end: the copied bytes dirty, the size updated, write_begin's handle closed. */
static int ext4_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			  unsigned len, unsigned copied, struct page *page, void *fsdata)
{
	handle_t *handle = ext4_journal_current_handle();
	struct inode *inode = mapping->host;
	bool size_changed;
	int ret = 0, ret2;

	copied = block_write_end(file, mapping, pos, len, copied, page, fsdata);
	size_changed = ext4_update_inode_size(inode, pos + copied);
	unlock_page(page);
	put_page(page);
	if (size_changed)
		ret = ext4_mark_inode_dirty(handle, inode);
	ext4_update_inode_fsync_trans(handle, inode, 1);
	ret2 = ext4_journal_stop(handle);
	if (!ret)
		ret = ret2;
	/* a short copy left blocks past i_size allocated */
	if (pos + len > inode->i_size)
		ext4_truncate(inode);
	return ret ? ret : (int)copied;
}

/* Whether a dirty block among the page's first len bytes has no plain mapping yet. */
static bool ext4_page_needs_mapping(struct page *page, unsigned int len)
{
	struct buffer_head *bh, *head = page_buffers(page);

	bh = head;
	do {
		if (bh_offset(bh) < len && buffer_dirty(bh) &&
		    (!buffer_mapped(bh) || buffer_delay(bh) || buffer_unwritten(bh)))
			return true;
	} while ((bh = bh->b_this_page) != head);
	return false;
}

/*
 * Writes one locked page whose dirty bit writeback cleared, through io. Its blocks were
 * allocated at write_begin; a page with a block still to map (written through mmap),
 * without buffers, or past i_size goes through block_write_full_page instead.
 */
static int ext4_writepage_io(struct page *page, struct writeback_control *wbc,
			     struct ext4_io_submit *io)
{
	struct inode *inode = page->mapping->host;
	loff_t size = i_size_read(inode);
	pgoff_t end_index = (pgoff_t)(size >> PAGE_SHIFT);
	unsigned int len = PAGE_SIZE;

	if (page->index == end_index)
		len = (unsigned int)(size & ~PAGE_MASK);
	if (page->index > end_index || !len || !page_has_buffers(page) ||
	    ext4_page_needs_mapping(page, len)) {
		ext4_io_submit(io);
		return block_write_full_page(page, ext4_get_block, wbc);
	}
	return ext4_bio_write_page(io, page, (int)len, false);
}

static int ext4_writepage(struct page *page, struct writeback_control *wbc)
{
	struct ext4_io_submit io;
	int ret;

	ext4_io_submit_init(&io, wbc);
	ret = ext4_writepage_io(page, wbc, &io);
	ext4_io_submit(&io);
	return ret;
}

static int ext4_writepages_cb(struct folio *folio, struct writeback_control *wbc, void *data)
{
	int ret = ext4_writepage_io(&folio->page, wbc, data);

	mapping_set_error(folio->mapping, ret);
	return ret;
}

/* Successive pages whose blocks follow on disk leave in one bio (ext4_bio_write_page). */
static int ext4_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct ext4_io_submit io;
	struct blk_plug plug;
	int ret;

	ext4_io_submit_init(&io, wbc);
	blk_start_plug(&plug);
	ret = write_cache_pages(mapping, wbc, ext4_writepages_cb, &io);
	ext4_io_submit(&io);
	blk_finish_plug(&plug);
	return ret;
}

static bool ext4_release_folio(struct folio *folio, gfp_t wait)
{
	return try_to_free_buffers(folio);
}

/* Whether every buffer of the page's first len bytes is mapped to a disk block. */
static bool ext4_page_buffers_mapped(struct page *page, unsigned int len)
{
	struct buffer_head *head, *bh;
	unsigned int start = 0;

	if (!page_has_buffers(page))
		return false;
	bh = head = page_buffers(page);
	do {
		if (start >= len)
			break;
		if (!buffer_mapped(bh))
			return false;
		start += (unsigned int)bh->b_size;
		bh = bh->b_this_page;
	} while (bh != head);
	return true;
}

/*
 * ->page_mkwrite: a store through a shared mapping is coming. The file's times are
 * updated; a page whose blocks are all mapped only waits for writeback to end; one
 * over a hole (or an unwritten extent) gets its blocks in a journal handle
 * (block_page_mkwrite). VM_FAULT_LOCKED with the page locked and dirty,
 * VM_FAULT_NOPAGE when truncation took it, VM_FAULT_SIGBUS past the end of the file
 * or without space (ENOSPC), VM_FAULT_OOM.
 */
unsigned int ext4_page_mkwrite(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page = vmf->page;
	struct inode *inode = file_inode(vma->vm_file);
	struct address_space *mapping = inode->i_mapping;
	unsigned int ret, len;
	handle_t *handle;
	loff_t size;
	int err;

	file_update_time(vma->vm_file);
	/* Keeps punch hole and truncation from freeing the blocks under us. */
	down_read(&mapping->invalidate_lock);
	lock_page(page);
	size = i_size_read(inode);
	if (page->mapping != mapping || page_offset(page) >= size) {
		unlock_page(page);
		ret = page->mapping != mapping ? VM_FAULT_NOPAGE : VM_FAULT_SIGBUS;
		goto out;
	}
	len = page->index == (pgoff_t)(size >> PAGE_SHIFT) ?
	      (unsigned int)(size & ~PAGE_MASK) : PAGE_SIZE;
	if (ext4_page_buffers_mapped(page, len)) {
		/* Already backed: only keep the page stable while it is written. */
		wait_for_stable_page(page);
		ret = VM_FAULT_LOCKED;
		goto out;
	}
	unlock_page(page);
	handle = ext4_journal_start(inode, EXT4_HT_WRITE_PAGE, ext4_writepage_trans_blocks(inode));
	if (IS_ERR(handle)) {
		ret = VM_FAULT_SIGBUS;
		goto out;
	}
	err = block_page_mkwrite(vma, vmf, ext4_get_block);
	ext4_journal_stop(handle);
	ret = block_page_mkwrite_return(err);
out:
	up_read(&mapping->invalidate_lock);
	return ret;
}

static const struct address_space_operations ext4_aops = {
	.read_folio		= ext4_read_folio,
	.readahead		= ext4_readahead,
	.writepage		= ext4_writepage,
	.writepages		= ext4_writepages,
	.write_begin		= ext4_write_begin,
	.write_end		= ext4_write_end,
	.dirty_folio		= block_dirty_folio,
	.bmap			= ext4_bmap,
	.invalidate_folio	= block_invalidate_folio,
	.release_folio		= ext4_release_folio,
	.is_partially_uptodate	= block_is_partially_uptodate,
};

void ext4_set_aops(struct inode *inode)
{
	inode->i_mapping->a_ops = &ext4_aops;
}

/*
 * The block holding new i_size from `from` on is zeroed past it, so a later extension
 * reads zeros there (Linux's ext4_block_truncate_page).
 */
int ext4_block_truncate_page(handle_t *handle, struct address_space *mapping, loff_t from)
{
	if (!(from & (mapping->host->i_sb->s_blocksize - 1)))
		return 0;
	return block_truncate_page(mapping, from, ext4_get_block);
}
