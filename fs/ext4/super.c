/*
 * ext4's superblock: mounting (ext4_fill_super reads and checks the superblock, the
 * features, the geometry and every group descriptor before anything is written),
 * unmounting (ext4_put_super), statfs, writing the superblock back with its checksum
 * (ext4_commit_super), and the error reports every other file of ext4 calls
 * (ext4_error and friends). Linux 6.1's fs/ext4/super.c, reduced to what this kernel has.
 *
 * A superblock this kernel cannot trust (bad magic, bad checksum, impossible geometry,
 * an incompat feature it does not know) is refused before the first write, so a refused
 * file system is never modified.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/crc32c.h>
#include <linux/blkdev.h>
#include <linux/sched.h>
#include <linux/ktime.h>
#include <linux/panic.h>
#include <linux/log2.h>
#include <linux/init.h>
#include <linux/dcache.h>
#include <stdarg.h>
#include "ext4.h"
#include "ext4_jbd2.h"

u32 ext4_chksum(struct ext4_sb_info *sbi, u32 crc, const void *address, unsigned int length)
{
	return crc32c(crc, address, length);
}

static __le32 ext4_superblock_csum(struct ext4_super_block *es)
{
	int offset = offsetof(struct ext4_super_block, s_checksum);

	return cpu_to_le32(crc32c(~0U, es, offset));
}

/* 1 when the superblock's checksum matches, or when it has none. */
int ext4_superblock_csum_verify(struct super_block *sb, struct ext4_super_block *es)
{
	if (!ext4_has_metadata_csum(sb))
		return 1;
	return es->s_checksum == ext4_superblock_csum(es);
}

void ext4_superblock_csum_set(struct super_block *sb)
{
	struct ext4_super_block *es = EXT4_SB(sb)->s_es;

	if (ext4_has_metadata_csum(sb))
		es->s_checksum = ext4_superblock_csum(es);
}

/* The descriptor's 64-bit fields: the _hi half only exists in a 64-byte descriptor. */
#define EXT4_GD_FIELD64(name)						\
ext4_fsblk_t ext4_##name(struct super_block *sb, struct ext4_group_desc *bg) \
{									\
	return le32_to_cpu(bg->bg_##name##_lo) |			\
		(EXT4_DESC_SIZE(sb) >= EXT4_MIN_DESC_SIZE_64BIT ?	\
		 (ext4_fsblk_t)le32_to_cpu(bg->bg_##name##_hi) << 32 : 0); \
}
EXT4_GD_FIELD64(block_bitmap)
EXT4_GD_FIELD64(inode_bitmap)
EXT4_GD_FIELD64(inode_table)

#define EXT4_GD_FIELD32(name, setter, field)				\
__u32 ext4_##name(struct super_block *sb, struct ext4_group_desc *bg)	\
{									\
	return le16_to_cpu(bg->bg_##field##_lo) |			\
		(EXT4_DESC_SIZE(sb) >= EXT4_MIN_DESC_SIZE_64BIT ?	\
		 (__u32)le16_to_cpu(bg->bg_##field##_hi) << 16 : 0);	\
}									\
void ext4_##setter(struct super_block *sb, struct ext4_group_desc *bg, __u32 count) \
{									\
	bg->bg_##field##_lo = cpu_to_le16((__u16)count);		\
	if (EXT4_DESC_SIZE(sb) >= EXT4_MIN_DESC_SIZE_64BIT)		\
		bg->bg_##field##_hi = cpu_to_le16(count >> 16);		\
}
EXT4_GD_FIELD32(free_group_clusters, free_group_clusters_set, free_blocks_count)
EXT4_GD_FIELD32(used_dirs_count, used_dirs_set, used_dirs_count)
EXT4_GD_FIELD32(itable_unused_count, itable_unused_set, itable_unused)

__u32 ext4_free_inodes_count(struct super_block *sb, struct ext4_group_desc *bg)
{
	return le16_to_cpu(bg->bg_free_inodes_count_lo) |
		(EXT4_DESC_SIZE(sb) >= EXT4_MIN_DESC_SIZE_64BIT ?
		 (__u32)le16_to_cpu(bg->bg_free_inodes_count_hi) << 16 : 0);
}

void ext4_free_inodes_set(struct super_block *sb, struct ext4_group_desc *bg, __u32 count)
{
	bg->bg_free_inodes_count_lo = cpu_to_le16((__u16)count);
	if (EXT4_DESC_SIZE(sb) >= EXT4_MIN_DESC_SIZE_64BIT)
		bg->bg_free_inodes_count_hi = cpu_to_le16(count >> 16);
}

/*
 * A descriptor's checksum: crc32c over the group number and the descriptor with its
 * bg_checksum field taken as zero, low 16 bits. (The crc16 of gdt_csum is not done:
 * that feature is not in EXT4_FEATURE_RO_COMPAT_SUPP.)
 */
static __le16 ext4_group_desc_csum(struct super_block *sb, __u32 block_group,
				   struct ext4_group_desc *gdp)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	int offset = offsetof(struct ext4_group_desc, bg_checksum);
	__le32 le_group = cpu_to_le32(block_group);
	__u16 dummy_csum = 0;
	u32 csum32;

	csum32 = ext4_chksum(sbi, sbi->s_csum_seed, &le_group, sizeof(le_group));
	csum32 = ext4_chksum(sbi, csum32, gdp, offset);
	csum32 = ext4_chksum(sbi, csum32, &dummy_csum, sizeof(dummy_csum));
	offset += sizeof(dummy_csum);
	if (offset < (int)sbi->s_desc_size)
		csum32 = ext4_chksum(sbi, csum32, (u8 *)gdp + offset, sbi->s_desc_size - offset);
	return cpu_to_le16(csum32 & 0xFFFF);
}

int ext4_group_desc_csum_verify(struct super_block *sb, __u32 block_group,
				struct ext4_group_desc *gdp)
{
	if (ext4_has_metadata_csum(sb) &&
	    gdp->bg_checksum != ext4_group_desc_csum(sb, block_group, gdp))
		return 0;
	return 1;
}

void ext4_group_desc_csum_set(struct super_block *sb, __u32 block_group,
			      struct ext4_group_desc *gdp)
{
	if (ext4_has_metadata_csum(sb))
		gdp->bg_checksum = ext4_group_desc_csum(sb, block_group, gdp);
}

/* ---- error reports ------------------------------------------------------------------ */

void __ext4_msg(struct super_block *sb, const char *prefix, const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk("%sEXT4-fs (%s): %s\n", prefix, sb->s_id, buf);
}

void __ext4_warning(struct super_block *sb, const char *function, unsigned int line,
		    const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_WARNING "EXT4-fs warning (device %s): %s:%d: %s\n", sb->s_id, function,
	       line, buf);
}

/* A function name in a fixed 32-byte field, NUL-padded, not necessarily terminated. */
static void ext4_set_error_func(__u8 field[32], const char *func)
{
	memset(field, 0, 32);
	memcpy(field, func, min_t(size_t, strlen(func), 32));
}

/* Records the first and the last error in the superblock, as e2fsck reports them. */
static void save_error_info(struct super_block *sb, int error, __u32 ino, __u64 block,
			    const char *func, unsigned int line)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->s_es;
	__u32 now = ktime_get_real_seconds();

	mutex_lock(&sbi->s_error_lock);
	sbi->s_mount_state |= EXT4_ERROR_FS;
	es->s_state |= cpu_to_le16(EXT4_ERROR_FS);
	le32_add_cpu(&es->s_error_count, 1);
	if (!es->s_first_error_time) {
		es->s_first_error_time = cpu_to_le32(now);
		es->s_first_error_ino = cpu_to_le32(ino);
		es->s_first_error_block = cpu_to_le64(block);
		es->s_first_error_line = cpu_to_le32(line);
		es->s_first_error_errcode = error;
		ext4_set_error_func(es->s_first_error_func, func);
	}
	es->s_last_error_time = cpu_to_le32(now);
	es->s_last_error_ino = cpu_to_le32(ino);
	es->s_last_error_block = cpu_to_le64(block);
	es->s_last_error_line = cpu_to_le32(line);
	es->s_last_error_errcode = error;
	ext4_set_error_func(es->s_last_error_func, func);
	mutex_unlock(&sbi->s_error_lock);
}

/*
 * After an error: note it on disk (unless mounted read-only), then do what s_errors
 * says: go on, turn the mount read-only, or panic.
 */
static void ext4_handle_error(struct super_block *sb, bool force_ro, int error, __u32 ino,
			      __u64 block, const char *func, unsigned int line)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	if (sb_rdonly(sb))
		return;
	save_error_info(sb, error, ino, block, func, line);
	ext4_commit_super(sb);
	if (sbi->s_mount_opt & EXT4_MOUNT_ERRORS_PANIC)
		panic("EXT4-fs (device %s): panic forced after error\n", sb->s_id);
	if (force_ro || (sbi->s_mount_opt & EXT4_MOUNT_ERRORS_RO)) {
		ext4_msg(sb, KERN_CRIT, "Remounting filesystem read-only");
		sb->s_flags |= SB_RDONLY;
	}
}

void __ext4_error(struct super_block *sb, const char *function, unsigned int line,
		  bool force_ro, int error, __u64 block, const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_CRIT "EXT4-fs error (device %s): %s:%d: comm %s: %s\n", sb->s_id,
	       function, line, current->comm, buf);
	ext4_handle_error(sb, force_ro, error, 0, block, function, line);
}

void __ext4_error_inode(struct inode *inode, const char *function, unsigned int line,
			ext4_fsblk_t block, int error, const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (block)
		printk(KERN_CRIT "EXT4-fs error (device %s): %s:%d: inode #%lu: block %llu: "
		       "comm %s: %s\n", inode->i_sb->s_id, function, line, inode->i_ino,
		       (unsigned long long)block, current->comm, buf);
	else
		printk(KERN_CRIT "EXT4-fs error (device %s): %s:%d: inode #%lu: comm %s: %s\n",
		       inode->i_sb->s_id, function, line, inode->i_ino, current->comm, buf);
	ext4_handle_error(inode->i_sb, false, error, inode->i_ino, block, function, line);
}

static const char *ext4_decode_error(int errno)
{
	switch (errno) {
	case -EFSCORRUPTED:
		return "Corrupt filesystem";
	case -EFSBADCRC:
		return "Filesystem failed CRC";
	case -EIO:
		return "IO failure";
	case -ENOMEM:
		return "Out of memory";
	case -EROFS:
		return "Readonly filesystem";
	default:
		return "error";
	}
}

/* An error from a lower layer, in a path with no better report (Linux's ext4_std_error). */
void __ext4_std_error(struct super_block *sb, const char *function, unsigned int line,
		      int errno)
{
	if (errno == -EROFS && sb_rdonly(sb))
		return;
	printk(KERN_CRIT "EXT4-fs error (device %s) in %s:%d: %s\n", sb->s_id, function,
	       line, ext4_decode_error(errno));
	ext4_handle_error(sb, false, -errno, 0, 0, function, line);
}

/* ---- mounting ----------------------------------------------------------------------- */

/*
 * 1 when this kernel may mount sb (read-only if readonly): an unknown incompat feature
 * refuses any mount, an unknown ro_compat one a read-write mount, as Linux 6.1 decides.
 */
static int ext4_feature_set_ok(struct super_block *sb, int readonly)
{
	struct ext4_super_block *es = EXT4_SB(sb)->s_es;
	u32 incompat = le32_to_cpu(es->s_feature_incompat) & ~EXT4_FEATURE_INCOMPAT_SUPP;
	u32 ro_compat = le32_to_cpu(es->s_feature_ro_compat) & ~EXT4_FEATURE_RO_COMPAT_SUPP;

	if (incompat) {
		ext4_msg(sb, KERN_ERR, "Couldn't mount because of unsupported optional "
			 "features (%x)", incompat);
		return 0;
	}
	if (readonly)
		return 1;
	if (ext4_has_feature_readonly(sb)) {
		ext4_msg(sb, KERN_INFO, "filesystem is read-only");
		sb->s_flags |= SB_RDONLY;
		return 1;
	}
	if (ro_compat) {
		ext4_msg(sb, KERN_ERR, "couldn't mount RDWR because of unsupported optional "
			 "features (%x)", ro_compat);
		return 0;
	}
	return 1;
}

/*
 * The largest file: extents address 2^32 blocks; i_blocks (in 512-byte units, or in
 * blocks with huge_file) must also hold the file's blocks.
 */
static loff_t ext4_max_size(int blkbits, int has_huge_files)
{
	loff_t upper_limit = MAX_LFS_FILESIZE;
	loff_t res = EXT4_MAX_LOGICAL_BLOCK;

	if (!has_huge_files) {
		upper_limit = (1LL << 32) - 1;
		upper_limit >>= (blkbits - 9);
		upper_limit <<= blkbits;
	}
	res <<= blkbits;
	if (res > upper_limit)
		res = upper_limit;
	return res;
}

/* Where group descriptor block nr lies (no meta_bg: right after the superblock). */
static ext4_fsblk_t descriptor_loc(struct super_block *sb, ext4_fsblk_t logical_sb_block,
				   int nr)
{
	return logical_sb_block + nr + 1;
}

/* A metadata block of group i (or of its flex group) that lies outside it, or 0. */
static int ext4_check_meta_block(struct super_block *sb, ext4_group_t i, const char *what,
				 ext4_fsblk_t block, unsigned long count, ext4_fsblk_t first,
				 ext4_fsblk_t last, ext4_fsblk_t sb_block)
{
	ext4_fsblk_t last_bg_block = sb_block + EXT4_SB(sb)->s_gdb_count;

	if (block <= last_bg_block && block + count > sb_block) {
		ext4_msg(sb, KERN_ERR, "ext4_check_descriptors: %s for group %u overlaps "
			 "superblock or block group descriptors", what, i);
		return -EFSCORRUPTED;
	}
	if (block < first || block + count - 1 > last) {
		ext4_msg(sb, KERN_ERR, "ext4_check_descriptors: %s for group %u not in group "
			 "(block %llu)!", what, i, (unsigned long long)block);
		return -EFSCORRUPTED;
	}
	return 0;
}

/* Every descriptor's checksum, and its bitmaps and table inside the file system. */
static int ext4_check_descriptors(struct super_block *sb, ext4_fsblk_t sb_block)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	ext4_fsblk_t first_block = le32_to_cpu(sbi->s_es->s_first_data_block);
	ext4_fsblk_t last_block;
	ext4_group_t i;
	int err;

	for (i = 0; i < sbi->s_groups_count; i++) {
		struct ext4_group_desc *gdp = ext4_get_group_desc(sb, i, NULL);

		if (i == sbi->s_groups_count - 1 || ext4_has_feature_flex_bg(sb))
			last_block = ext4_blocks_count(sbi->s_es) - 1;
		else
			last_block = first_block + EXT4_BLOCKS_PER_GROUP(sb) - 1;
		err = ext4_check_meta_block(sb, i, "Block bitmap", ext4_block_bitmap(sb, gdp), 1,
					    first_block, last_block, sb_block);
		if (!err)
			err = ext4_check_meta_block(sb, i, "Inode bitmap",
						    ext4_inode_bitmap(sb, gdp), 1, first_block,
						    last_block, sb_block);
		if (!err)
			err = ext4_check_meta_block(sb, i, "Inode table",
						    ext4_inode_table(sb, gdp),
						    sbi->s_itb_per_group, first_block, last_block,
						    sb_block);
		if (err)
			return err;
		if (!ext4_group_desc_csum_verify(sb, i, gdp)) {
			ext4_msg(sb, KERN_ERR, "ext4_check_descriptors: Checksum for group %u "
				 "failed (%u!=%u)", i,
				 le16_to_cpu(ext4_group_desc_csum(sb, i, gdp)),
				 le16_to_cpu(gdp->bg_checksum));
			return -EFSBADCRC;
		}
		if (!ext4_has_feature_flex_bg(sb))
			first_block += EXT4_BLOCKS_PER_GROUP(sb);
	}
	return 0;
}

static void ext4_group_desc_free(struct ext4_sb_info *sbi)
{
	if (!sbi->s_group_desc)
		return;
	for (unsigned long i = 0; i < sbi->s_gdb_count; i++)
		brelse(sbi->s_group_desc[i]);
	kfree(sbi->s_group_desc);
	sbi->s_group_desc = NULL;
}

/* Reads (and holds) the descriptor blocks, then checks every descriptor. */
static int ext4_group_desc_init(struct super_block *sb, ext4_fsblk_t logical_sb_block)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	unsigned long i;

	sbi->s_group_desc = kcalloc(sbi->s_gdb_count, sizeof(struct buffer_head *), GFP_KERNEL);
	if (!sbi->s_group_desc)
		return -ENOMEM;
	for (i = 0; i < sbi->s_gdb_count; i++) {
		ext4_fsblk_t block = descriptor_loc(sb, logical_sb_block, i);

		sbi->s_group_desc[i] = sb_bread(sb, block);
		if (!sbi->s_group_desc[i]) {
			ext4_msg(sb, KERN_ERR, "can't read group descriptor %lu", i);
			return -EIO;
		}
	}
	return ext4_check_descriptors(sb, logical_sb_block);
}

/* The superblock's numbers against each other and against the device. */
static int ext4_check_geometry(struct super_block *sb, struct ext4_super_block *es)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u64 blocks_count = ext4_blocks_count(es);
	u64 dev_blocks = bdev_nr_sectors(sb->s_bdev) >> (sb->s_blocksize_bits - 9);

	if (blocks_count > dev_blocks) {
		ext4_msg(sb, KERN_WARNING, "bad geometry: block count %llu exceeds size of "
			 "device (%llu blocks)", (unsigned long long)blocks_count,
			 (unsigned long long)dev_blocks);
		return -EINVAL;
	}
	if (le32_to_cpu(es->s_first_data_block) >= blocks_count ||
	    (sb->s_blocksize == 1024) != (le32_to_cpu(es->s_first_data_block) == 1)) {
		ext4_msg(sb, KERN_WARNING, "bad geometry: first data block %u is beyond end "
			 "of filesystem (%llu) or wrong for the block size",
			 le32_to_cpu(es->s_first_data_block), (unsigned long long)blocks_count);
		return -EINVAL;
	}
	if (sbi->s_blocks_per_group == 0 || sbi->s_blocks_per_group > sb->s_blocksize * 8 ||
	    sbi->s_inodes_per_group < sbi->s_inodes_per_block ||
	    sbi->s_inodes_per_group > sb->s_blocksize * 8) {
		ext4_msg(sb, KERN_ERR, "invalid blocks (%lu) or inodes (%lu) per group",
			 sbi->s_blocks_per_group, sbi->s_inodes_per_group);
		return -EINVAL;
	}
	sbi->s_groups_count = DIV_ROUND_UP(blocks_count - le32_to_cpu(es->s_first_data_block),
					   sbi->s_blocks_per_group);
	if ((u64)sbi->s_groups_count * sbi->s_inodes_per_group != le32_to_cpu(es->s_inodes_count)) {
		ext4_msg(sb, KERN_WARNING, "inodes count not valid: %u vs %llu",
			 le32_to_cpu(es->s_inodes_count),
			 (unsigned long long)sbi->s_groups_count * sbi->s_inodes_per_group);
		return -EINVAL;
	}
	return 0;
}

/* Block size, inode size, descriptor size: each within what ext4 allows. */
static int ext4_inode_and_desc_sizes(struct super_block *sb, struct ext4_super_block *es)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	if (le32_to_cpu(es->s_rev_level) == EXT4_GOOD_OLD_REV) {
		sbi->s_inode_size = EXT4_GOOD_OLD_INODE_SIZE;
		sbi->s_first_ino = EXT4_GOOD_OLD_FIRST_INO;
	} else {
		sbi->s_inode_size = le16_to_cpu(es->s_inode_size);
		sbi->s_first_ino = le32_to_cpu(es->s_first_ino);
	}
	if (sbi->s_inode_size < EXT4_GOOD_OLD_INODE_SIZE ||
	    (sbi->s_inode_size & (sbi->s_inode_size - 1)) ||
	    sbi->s_inode_size > (int)sb->s_blocksize) {
		ext4_msg(sb, KERN_ERR, "unsupported inode size: %d", sbi->s_inode_size);
		return -EINVAL;
	}
	if (sbi->s_first_ino < EXT4_GOOD_OLD_FIRST_INO) {
		ext4_msg(sb, KERN_ERR, "invalid first ino: %u", sbi->s_first_ino);
		return -EINVAL;
	}
	sbi->s_desc_size = EXT4_MIN_DESC_SIZE;
	if (ext4_has_feature_64bit(sb)) {
		sbi->s_desc_size = le16_to_cpu(es->s_desc_size);
		if (sbi->s_desc_size < EXT4_MIN_DESC_SIZE_64BIT ||
		    sbi->s_desc_size > EXT4_MAX_DESC_SIZE ||
		    (sbi->s_desc_size & (sbi->s_desc_size - 1))) {
			ext4_msg(sb, KERN_ERR, "unsupported descriptor size %lu",
				 sbi->s_desc_size);
			return -EINVAL;
		}
	}
	if (sbi->s_inode_size > EXT4_GOOD_OLD_INODE_SIZE) {
		sbi->s_want_extra_isize = sizeof(struct ext4_inode) - EXT4_GOOD_OLD_INODE_SIZE;
		if (sbi->s_want_extra_isize < le16_to_cpu(es->s_want_extra_isize))
			sbi->s_want_extra_isize = le16_to_cpu(es->s_want_extra_isize);
		if (EXT4_GOOD_OLD_INODE_SIZE + sbi->s_want_extra_isize > (unsigned)sbi->s_inode_size)
			sbi->s_want_extra_isize = sbi->s_inode_size - EXT4_GOOD_OLD_INODE_SIZE;
	}
	return 0;
}

/* Fills sbi's per-group geometry from the superblock. */
static void ext4_geometry_init(struct super_block *sb, struct ext4_super_block *es)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	sbi->s_blocks_per_group = le32_to_cpu(es->s_blocks_per_group);
	sbi->s_clusters_per_group = sbi->s_blocks_per_group;
	sbi->s_cluster_ratio = 1;
	sbi->s_cluster_bits = 0;
	sbi->s_inodes_per_group = le32_to_cpu(es->s_inodes_per_group);
	sbi->s_inodes_per_block = sb->s_blocksize / sbi->s_inode_size;
	sbi->s_itb_per_group = sbi->s_inodes_per_group / sbi->s_inodes_per_block;
	sbi->s_desc_per_block = sb->s_blocksize / sbi->s_desc_size;
	sbi->s_addr_per_block_bits = ilog2(EXT4_ADDR_PER_BLOCK(sb));
	sbi->s_desc_per_block_bits = ilog2(sbi->s_desc_per_block);
	sbi->s_mount_state = le16_to_cpu(es->s_state);
	for (int i = 0; i < 4; i++)
		sbi->s_hash_seed[i] = le32_to_cpu(es->s_hash_seed[i]);
	sbi->s_def_hash_version = es->s_def_hash_version;
	if (le32_to_cpu(es->s_flags) & EXT2_FLAGS_UNSIGNED_HASH)
		sbi->s_hash_unsigned = 3;
	sbi->s_resuid = le16_to_cpu(es->s_def_resuid);
	sbi->s_resgid = le16_to_cpu(es->s_def_resgid);
	sbi->s_inode_readahead_blks = 32;
	sbi->s_max_links = EXT4_LINK_MAX;
	if (ext4_has_feature_csum_seed(sb))
		sbi->s_csum_seed = le32_to_cpu(es->s_checksum_seed);
	else
		sbi->s_csum_seed = ext4_chksum(sbi, ~0U, es->s_uuid, sizeof(es->s_uuid));
	switch (le16_to_cpu(es->s_errors)) {
	case EXT4_ERRORS_PANIC:
		sbi->s_mount_opt |= EXT4_MOUNT_ERRORS_PANIC;
		break;
	case EXT4_ERRORS_RO:
		sbi->s_mount_opt |= EXT4_MOUNT_ERRORS_RO;
		break;
	default:
		sbi->s_mount_opt |= EXT4_MOUNT_ERRORS_CONT;
	}
}

/* The counters statfs and the allocators keep, summed from the descriptors. */
static int ext4_counters_init(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	ext4_group_t i, nflex = (sbi->s_groups_count >> sbi->s_log_groups_per_flex) + 1;

	sbi->s_flex_groups = kcalloc(nflex, sizeof(struct flex_groups), GFP_KERNEL);
	if (!sbi->s_flex_groups)
		return -ENOMEM;
	for (i = 0; i < sbi->s_groups_count; i++) {
		struct ext4_group_desc *gdp = ext4_get_group_desc(sb, i, NULL);
		struct flex_groups *fg = &sbi->s_flex_groups[ext4_flex_group(sbi, i)];

		fg->free_clusters += ext4_free_group_clusters(sb, gdp);
		fg->free_inodes += ext4_free_inodes_count(sb, gdp);
		fg->used_dirs += ext4_used_dirs_count(sb, gdp);
		sbi->s_freeinodes_counter += ext4_free_inodes_count(sb, gdp);
		sbi->s_dirs_counter += ext4_used_dirs_count(sb, gdp);
	}
	sbi->s_freeclusters_counter = ext4_count_free_clusters(sb);
	return 0;
}

/* Metadata blocks of the whole file system (what df leaves out), the journal's included. */
static unsigned long ext4_calculate_overhead(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->s_es;
	unsigned long overhead = le32_to_cpu(es->s_first_data_block);

	for (ext4_group_t i = 0; i < sbi->s_groups_count; i++)
		overhead += ext4_num_base_meta_clusters(sb, i) + 2 + sbi->s_itb_per_group;
	if (ext4_has_feature_journal(sb) && es->s_jnl_backup_type == EXT3_JNL_BACKUP_BLOCKS)
		overhead += le32_to_cpu(es->s_jnl_blocks[16]) >> sb->s_blocksize_bits;
	return overhead;
}

/*
 * Reads the superblock at byte 1024 with block size blocksize into sbi->s_sbh/s_es,
 * and checks its magic (and, once the features are known, its checksum).
 */
static int ext4_load_super(struct super_block *sb, int blocksize, int silent)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	ext4_fsblk_t logical_sb_block = EXT4_MIN_BLOCK_SIZE / blocksize;
	unsigned long offset = EXT4_MIN_BLOCK_SIZE % blocksize;
	struct ext4_super_block *es;

	brelse(sbi->s_sbh);
	sbi->s_sbh = sb_bread(sb, logical_sb_block);
	if (!sbi->s_sbh) {
		ext4_msg(sb, KERN_ERR, "unable to read superblock");
		return -EIO;
	}
	es = (struct ext4_super_block *)(sbi->s_sbh->b_data + offset);
	sbi->s_es = es;
	sbi->s_sb_block = logical_sb_block;
	if (le16_to_cpu(es->s_magic) != EXT4_SUPER_MAGIC) {
		if (!silent)
			ext4_msg(sb, KERN_ERR, "VFS: Can't find ext4 filesystem");
		return -EINVAL;
	}
	if (ext4_has_feature_metadata_csum(sb) && es->s_checksum_type != EXT4_CRC32C_CHKSUM) {
		ext4_msg(sb, KERN_ERR, "VFS: Found ext4 filesystem with unknown checksum "
			 "algorithm.");
		return -EINVAL;
	}
	if (!ext4_superblock_csum_verify(sb, es)) {
		ext4_msg(sb, KERN_ERR, "VFS: Found ext4 filesystem with invalid superblock "
			 "checksum.  Run e2fsck?");
		return -EFSBADCRC;
	}
	return 0;
}

/* Reads the superblock at the file system's own block size. */
static int ext4_load_super_blocksize(struct super_block *sb, int silent)
{
	struct ext4_super_block *es = EXT4_SB(sb)->s_es;
	unsigned int log = le32_to_cpu(es->s_log_block_size);
	int blocksize;

	if (log > EXT4_MAX_BLOCK_LOG_SIZE - EXT4_MIN_BLOCK_LOG_SIZE ||
	    le32_to_cpu(es->s_log_cluster_size) != log) {
		ext4_msg(sb, KERN_ERR, "Invalid log block size: %u", log);
		return -EINVAL;
	}
	blocksize = EXT4_MIN_BLOCK_SIZE << log;
	if (blocksize == (int)sb->s_blocksize)
		return 0;
	if (!sb_set_blocksize(sb, blocksize)) {
		ext4_msg(sb, KERN_ERR, "bad block size %d", blocksize);
		return -EINVAL;
	}
	return ext4_load_super(sb, blocksize, silent);
}

/* The checks and the in-memory state that need only the superblock. */
static int ext4_fill_super_geometry(struct super_block *sb, int silent)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es;
	int err;

	err = ext4_load_super(sb, EXT4_MIN_BLOCK_SIZE, silent);
	if (!err)
		err = ext4_load_super_blocksize(sb, silent);
	if (err)
		return err;
	es = sbi->s_es;
	if (!ext4_feature_set_ok(sb, sb_rdonly(sb)))
		return -EINVAL;
	if (!ext4_has_feature_extents(sb)) {
		ext4_msg(sb, KERN_ERR, "file system without extents: indirect block maps are "
			 "not supported");
		return -EINVAL;
	}
	err = ext4_inode_and_desc_sizes(sb, es);
	if (err)
		return err;
	ext4_geometry_init(sb, es);
	err = ext4_check_geometry(sb, es);
	if (err)
		return err;
	sbi->s_gdb_count = DIV_ROUND_UP(sbi->s_groups_count, sbi->s_desc_per_block);
	sbi->s_log_groups_per_flex = ext4_has_feature_flex_bg(sb) ? es->s_log_groups_per_flex : 0;
	if (sbi->s_log_groups_per_flex > 31) {
		ext4_msg(sb, KERN_ERR, "invalid log groups per flex: %u",
			 sbi->s_log_groups_per_flex);
		return -EINVAL;
	}
	sb->s_maxbytes = ext4_max_size(sb->s_blocksize_bits, ext4_has_feature_huge_file(sb));
	return 0;
}

/* Marks the file system mounted: not cleanly unmounted until put_super says so. */
static int ext4_setup_super(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->s_es;

	if (!(sbi->s_mount_state & EXT4_VALID_FS))
		ext4_msg(sb, KERN_WARNING, "warning: mounting unchecked fs, running e2fsck is "
			 "recommended");
	else if (sbi->s_mount_state & EXT4_ERROR_FS)
		ext4_msg(sb, KERN_WARNING, "warning: mounting fs with errors, running e2fsck "
			 "is recommended");
	if (sb_rdonly(sb))
		return 0;
	if (!sbi->s_journal)
		es->s_state &= cpu_to_le16(~EXT4_VALID_FS);
	le16_add_cpu(&es->s_mnt_count, 1);
	es->s_mtime = cpu_to_le32(ktime_get_real_seconds());
	return ext4_commit_super(sb);
}

static void ext4_sb_info_free(struct ext4_sb_info *sbi)
{
	ext4_group_desc_free(sbi);
	brelse(sbi->s_sbh);
	kfree(sbi->s_flex_groups);
	kfree(sbi);
}

static int ext4_fill_super_root(struct super_block *sb)
{
	struct inode *root = ext4_iget(sb, EXT4_ROOT_INO, EXT4_IGET_SPECIAL);

	if (IS_ERR(root)) {
		ext4_msg(sb, KERN_ERR, "get root inode failed");
		return PTR_ERR(root);
	}
	if (!S_ISDIR(root->i_mode) || !root->i_blocks || !root->i_size) {
		ext4_msg(sb, KERN_ERR, "corrupt root inode, run e2fsck");
		iput(root);
		return -EFSCORRUPTED;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		ext4_msg(sb, KERN_ERR, "get root dentry failed");
		return -ENOMEM;
	}
	return 0;
}

/*
 * Mounts the ext4 on sb->s_bdev: 0, or -EINVAL (not ext4, impossible geometry, a
 * feature this kernel cannot handle), -EFSBADCRC / -EFSCORRUPTED, -EIO, -ENOMEM;
 * nothing is written unless it succeeds. Context: may sleep; the VFS's mount path.
 */
int ext4_fill_super(struct super_block *sb, void *data, int silent)
{
	struct ext4_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	int err;

	if (!sbi)
		return -ENOMEM;
	sb->s_fs_info = sbi;
	spin_lock_init(&sbi->s_flex_lock);
	mutex_init(&sbi->s_error_lock);
	INIT_LIST_HEAD(&sbi->s_orphan);
	mutex_init(&sbi->s_orphan_lock);
	for (int i = 0; i < NR_BG_LOCKS; i++)
		spin_lock_init(&sbi->s_bg_locks[i]);
	if (!sb_min_blocksize(sb, EXT4_MIN_BLOCK_SIZE)) {
		ext4_msg(sb, KERN_ERR, "unable to set blocksize");
		err = -EINVAL;
		goto failed;
	}
	/* Before the journal inode is read: iget allocates through s_op. */
	sb->s_op = &ext4_sops;
	err = ext4_fill_super_geometry(sb, silent);
	if (!err)
		err = ext4_group_desc_init(sb, sbi->s_sb_block);
	/* Replayed before the counters and the allocator read the bitmaps and groups. */
	if (!err && ext4_has_feature_journal(sb))
		err = ext4_load_journal(sb, sbi->s_es, 0);
	if (!err)
		err = ext4_counters_init(sb);
	if (!err)
		err = ext4_mb_init(sb);
	if (err)
		goto failed;
	sbi->s_overhead = ext4_calculate_overhead(sb);
	sb->s_magic = EXT4_SUPER_MAGIC;
	sb->s_time_gran = 1;
	err = ext4_fill_super_root(sb);
	if (!err)
		err = ext4_setup_super(sb);
	if (err)
		goto failed_root;
	ext4_orphan_cleanup(sb, sbi->s_es);
	ext4_msg(sb, KERN_INFO, "mounted filesystem with%s. Quota mode: none.",
		 sbi->s_journal ? " ordered data mode" : "out journal");
	return 0;

failed_root:
	if (sb->s_root) {
		dput(sb->s_root);
		sb->s_root = NULL;
	}
	ext4_mb_release(sb);
failed:
	if (sbi->s_journal)
		ext4_journal_destroy(sbi, sbi->s_journal);
	ext4_sb_info_free(sbi);
	sb->s_fs_info = NULL;
	return err;
}

/*
 * Writes the superblock back (the free counts from the counters, the checksum last)
 * and waits for it. 0 or -EIO. Context: may sleep.
 */
int ext4_commit_super(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->s_es;
	struct buffer_head *sbh = sbi->s_sbh;
	int err;

	lock_buffer(sbh);
	es->s_wtime = cpu_to_le32(ktime_get_real_seconds());
	spin_lock(&sbi->s_flex_lock);
	ext4_free_blocks_count_set(es, EXT4_C2B(sbi, sbi->s_freeclusters_counter));
	es->s_free_inodes_count = cpu_to_le32(sbi->s_freeinodes_counter);
	spin_unlock(&sbi->s_flex_lock);
	ext4_superblock_csum_set(sb);
	unlock_buffer(sbh);
	mark_buffer_dirty(sbh);
	err = sync_dirty_buffer(sbh);
	if (buffer_write_io_error(sbh)) {
		ext4_msg(sb, KERN_ERR, "I/O error while writing superblock");
		clear_buffer_write_io_error(sbh);
		set_buffer_uptodate(sbh);
		return -EIO;
	}
	return err;
}

/* Unmount: the clean state back on disk, everything held released. */
void ext4_put_super(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	/* Its last commit and checkpoint write every metadata change home. */
	if (sbi->s_journal)
		ext4_journal_destroy(sbi, sbi->s_journal);
	ext4_mb_release(sb);
	if (!sb_rdonly(sb)) {
		sbi->s_es->s_state = cpu_to_le16(sbi->s_mount_state);
		ext4_commit_super(sb);
	}
	ext4_sb_info_free(sbi);
	sb->s_fs_info = NULL;
}

static int ext4_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct super_block *sb = dentry->d_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->s_es;
	s64 bfree;

	buf->f_type = EXT4_SUPER_MAGIC;
	buf->f_bsize = sb->s_blocksize;
	buf->f_frsize = sb->s_blocksize;
	buf->f_blocks = ext4_blocks_count(es) - EXT4_C2B(sbi, sbi->s_overhead);
	spin_lock(&sbi->s_flex_lock);
	bfree = EXT4_C2B(sbi, sbi->s_freeclusters_counter);
	buf->f_ffree = sbi->s_freeinodes_counter;
	spin_unlock(&sbi->s_flex_lock);
	buf->f_bfree = bfree > 0 ? bfree : 0;
	buf->f_bavail = buf->f_bfree > ext4_r_blocks_count(es) ?
		buf->f_bfree - ext4_r_blocks_count(es) : 0;
	buf->f_files = le32_to_cpu(es->s_inodes_count);
	buf->f_namelen = EXT4_NAME_LEN;
	buf->f_fsid = crc32c(~0U, es->s_uuid, sizeof(es->s_uuid));
	return 0;
}

static struct inode *ext4_alloc_inode(struct super_block *sb)
{
	struct ext4_inode_info *ei = kzalloc(sizeof(*ei), GFP_KERNEL);

	if (!ei)
		return NULL;
	/* what Linux's slab constructor for ext4_inode_cache does */
	inode_init_once(&ei->vfs_inode);
	init_rwsem(&ei->i_data_sem);
	INIT_LIST_HEAD(&ei->i_orphan);
	return &ei->vfs_inode;
}

static void ext4_free_in_core_inode(struct inode *inode)
{
	ext4_free_link_cache(inode);
	kfree(EXT4_I(inode));
}

const struct super_operations ext4_sops = {
	.alloc_inode	= ext4_alloc_inode,
	.free_inode	= ext4_free_in_core_inode,
	.dirty_inode	= ext4_dirty_inode,
	.write_inode	= ext4_write_inode,
	.evict_inode	= ext4_evict_inode,
	.put_super	= ext4_put_super,
	.sync_fs	= ext4_sync_fs,
	.statfs		= ext4_statfs,
};

static struct dentry *ext4_mount(struct file_system_type *fs_type, int flags,
				 const char *dev_name, void *data)
{
	return mount_bdev(fs_type, flags, dev_name, data, ext4_fill_super);
}

struct file_system_type ext4_fs_type = {
	.name		= "ext4",
	.mount		= ext4_mount,
	.kill_sb	= kill_block_super,
	.fs_flags	= FS_REQUIRES_DEV,
};

/* Linux's module_init; a late initcall here, which still runs before the root is mounted. */
static int __init ext4_init_fs(void)
{
	return register_filesystem(&ext4_fs_type);
}
late_initcall(ext4_init_fs);
