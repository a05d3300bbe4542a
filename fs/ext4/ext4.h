/*
 * ext4: the on-disk structures (superblock, group descriptor, inode, directory entry),
 * the feature bits and which of them this kernel handles, and the in-memory state of a
 * mounted file system (ext4_sb_info) and of one inode (ext4_inode_info). Linux 6.1's
 * fs/ext4/ext4.h names; the extent tree's structures are in ext4_extents.h.
 *
 * Every on-disk field is little-endian (__le16/32/64). A 64-bit block number is split
 * into _lo and _hi halves; the accessors below (ext4_blocks_count, ext4_block_bitmap, ...)
 * join them, reading the _hi half only when the 64bit feature says it is there.
 */
#ifndef _EXT4_H
#define _EXT4_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/buffer_head.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/dcache.h>
#include <linux/sched.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/errno.h>
#include <asm/byteorder.h>

/* ext4's names for its errors: a corrupted structure, a checksum that does not match. */
#define EFSCORRUPTED	EUCLEAN
#define EFSBADCRC	EBADMSG

typedef u64 ext4_fsblk_t;	/* a block number on the device */
typedef u32 ext4_lblk_t;	/* a block number inside a file */
typedef unsigned int ext4_group_t;
typedef int ext4_grpblk_t;	/* a block number inside a group */

#define EXT4_SUPER_MAGIC	0xEF53
#define EXT4_MIN_BLOCK_SIZE	1024
#define EXT4_MAX_BLOCK_SIZE	65536
#define EXT4_MIN_BLOCK_LOG_SIZE	10
#define EXT4_MAX_BLOCK_LOG_SIZE	16
#define EXT4_MAX_CLUSTER_LOG_SIZE 30
#define EXT4_MIN_DESC_SIZE	32
#define EXT4_MIN_DESC_SIZE_64BIT 64
#define EXT4_MAX_DESC_SIZE	EXT4_MIN_BLOCK_SIZE
#define EXT4_GOOD_OLD_INODE_SIZE 128
#define EXT4_GOOD_OLD_FIRST_INO	11
#define EXT4_GOOD_OLD_REV	0
#define EXT4_DYNAMIC_REV	1
#define EXT4_LINK_MAX		65000
#define EXT4_NAME_LEN		255
#define EXT4_LABEL_MAX		16
#define EXT4_CRC32C_CHKSUM	1
#define EXT4_MAX_LOGICAL_BLOCK	0xFFFFFFFE
#define EXT3_JNL_BACKUP_BLOCKS	1	/* s_jnl_blocks holds the journal's i_block, size */

/* s_flags */
#define EXT2_FLAGS_SIGNED_HASH		0x0001
#define EXT2_FLAGS_UNSIGNED_HASH	0x0002
#define EXT2_FLAGS_TEST_FILESYS		0x0004

/* The reserved inodes. */
#define EXT4_BAD_INO		1
#define EXT4_ROOT_INO		2
#define EXT4_USR_QUOTA_INO	3
#define EXT4_GRP_QUOTA_INO	4
#define EXT4_BOOT_LOADER_INO	5
#define EXT4_UNDEL_DIR_INO	6
#define EXT4_RESIZE_INO		7
#define EXT4_JOURNAL_INO	8

/* i_block[]: 12 direct, then single, double, triple indirect (or an extent tree root). */
#define EXT4_NDIR_BLOCKS	12
#define EXT4_IND_BLOCK		EXT4_NDIR_BLOCKS
#define EXT4_DIND_BLOCK		(EXT4_IND_BLOCK + 1)
#define EXT4_TIND_BLOCK		(EXT4_DIND_BLOCK + 1)
#define EXT4_N_BLOCKS		(EXT4_TIND_BLOCK + 1)

/* s_state */
#define EXT4_VALID_FS		0x0001	/* unmounted cleanly */
#define EXT4_ERROR_FS		0x0002	/* errors detected */
#define EXT4_ORPHAN_FS		0x0004	/* orphans being recovered */

/* s_errors: what to do when an error is detected. */
#define EXT4_ERRORS_CONTINUE	1
#define EXT4_ERRORS_RO		2
#define EXT4_ERRORS_PANIC	3

/* bg_flags */
#define EXT4_BG_INODE_UNINIT	0x0001	/* inode table and bitmap not in use */
#define EXT4_BG_BLOCK_UNINIT	0x0002	/* block bitmap not in use */
#define EXT4_BG_INODE_ZEROED	0x0004	/* inode table zeroed */

/* A block group's descriptor: where its bitmaps and inode table are, what is free. */
struct ext4_group_desc {
	__le32	bg_block_bitmap_lo;
	__le32	bg_inode_bitmap_lo;
	__le32	bg_inode_table_lo;
	__le16	bg_free_blocks_count_lo;
	__le16	bg_free_inodes_count_lo;
	__le16	bg_used_dirs_count_lo;
	__le16	bg_flags;
	__le32	bg_exclude_bitmap_lo;
	__le16	bg_block_bitmap_csum_lo;	/* crc32c(uuid+group+bitmap), low 16 bits */
	__le16	bg_inode_bitmap_csum_lo;
	__le16	bg_itable_unused_lo;		/* inodes never used, at the table's end */
	__le16	bg_checksum;			/* crc32c(uuid+group+desc) & 0xffff */
	/* from here, only with the 64bit feature (s_desc_size >= 64) */
	__le32	bg_block_bitmap_hi;
	__le32	bg_inode_bitmap_hi;
	__le32	bg_inode_table_hi;
	__le16	bg_free_blocks_count_hi;
	__le16	bg_free_inodes_count_hi;
	__le16	bg_used_dirs_count_hi;
	__le16	bg_itable_unused_hi;
	__le32	bg_exclude_bitmap_hi;
	__le16	bg_block_bitmap_csum_hi;
	__le16	bg_inode_bitmap_csum_hi;
	__u32	bg_reserved;
};

#define EXT4_BG_INODE_BITMAP_CSUM_HI_END \
	(offsetof(struct ext4_group_desc, bg_inode_bitmap_csum_hi) + sizeof(__le16))
#define EXT4_BG_BLOCK_BITMAP_CSUM_HI_END \
	(offsetof(struct ext4_group_desc, bg_block_bitmap_csum_hi) + sizeof(__le16))

/* An inode as stored in the inode table; s_inode_size bytes, the first 128 fixed. */
struct ext4_inode {
	__le16	i_mode;
	__le16	i_uid;
	__le32	i_size_lo;
	__le32	i_atime;
	__le32	i_ctime;
	__le32	i_mtime;
	__le32	i_dtime;		/* deletion time */
	__le16	i_gid;
	__le16	i_links_count;
	__le32	i_blocks_lo;		/* 512-byte units, or fs blocks with HUGE_FILE_FL */
	__le32	i_flags;		/* EXT4_*_FL */
	union {
		struct {
			__le32	l_i_version;
		} linux1;
	} osd1;
	__le32	i_block[EXT4_N_BLOCKS];	/* block map, extent tree root, or symlink */
	__le32	i_generation;
	__le32	i_file_acl_lo;		/* extended attribute block */
	__le32	i_size_high;
	__le32	i_obso_faddr;
	union {
		struct {
			__le16	l_i_blocks_high;
			__le16	l_i_file_acl_high;
			__le16	l_i_uid_high;
			__le16	l_i_gid_high;
			__le16	l_i_checksum_lo;	/* crc32c(uuid+ino+gen+inode), low */
			__le16	l_i_reserved;
		} linux2;
	} osd2;
	/* from here, only when i_extra_isize covers the field */
	__le16	i_extra_isize;
	__le16	i_checksum_hi;
	__le32	i_ctime_extra;		/* nsec << 2 | epoch */
	__le32	i_mtime_extra;
	__le32	i_atime_extra;
	__le32	i_crtime;
	__le32	i_crtime_extra;
	__le32	i_version_hi;
	__le32	i_projid;
};

#define i_blocks_high	osd2.linux2.l_i_blocks_high
#define i_file_acl_high	osd2.linux2.l_i_file_acl_high
#define i_uid_high	osd2.linux2.l_i_uid_high
#define i_gid_high	osd2.linux2.l_i_gid_high
#define i_checksum_lo	osd2.linux2.l_i_checksum_lo

#define EXT4_EPOCH_BITS		2
#define EXT4_EPOCH_MASK		((1 << EXT4_EPOCH_BITS) - 1)
#define EXT4_NSEC_MASK		(~0UL << EXT4_EPOCH_BITS)

/* Does field of struct ext4_inode lie inside this inode's extra space? */
#define EXT4_FITS_IN_INODE(ext4_inode, einode, field)			\
	((offsetof(typeof(*ext4_inode), field) + sizeof((ext4_inode)->field)) \
	 <= (EXT4_GOOD_OLD_INODE_SIZE + (size_t)(einode)->i_extra_isize))

/* i_flags */
#define EXT4_SECRM_FL		0x00000001
#define EXT4_UNRM_FL		0x00000002
#define EXT4_COMPR_FL		0x00000004
#define EXT4_SYNC_FL		0x00000008
#define EXT4_IMMUTABLE_FL	0x00000010
#define EXT4_APPEND_FL		0x00000020
#define EXT4_NODUMP_FL		0x00000040
#define EXT4_NOATIME_FL		0x00000080
#define EXT4_INDEX_FL		0x00001000	/* hash-indexed directory */
#define EXT4_JOURNAL_DATA_FL	0x00004000
#define EXT4_DIRSYNC_FL		0x00010000
#define EXT4_TOPDIR_FL		0x00020000
#define EXT4_HUGE_FILE_FL	0x00040000	/* i_blocks in fs blocks */
#define EXT4_EXTENTS_FL		0x00080000	/* i_block holds an extent tree */
#define EXT4_VERITY_FL		0x00100000
#define EXT4_EA_INODE_FL	0x00200000
#define EXT4_INLINE_DATA_FL	0x10000000
#define EXT4_CASEFOLD_FL	0x40000000
#define EXT4_FL_INHERITED	(EXT4_SECRM_FL | EXT4_UNRM_FL | EXT4_COMPR_FL | \
				 EXT4_SYNC_FL | EXT4_NODUMP_FL | EXT4_NOATIME_FL | \
				 EXT4_JOURNAL_DATA_FL | EXT4_DIRSYNC_FL | EXT4_TOPDIR_FL)

/* The superblock, at byte 1024 of the device; its copies start groups 0, 1 and powers of 3, 5, 7. */
struct ext4_super_block {
	__le32	s_inodes_count;
	__le32	s_blocks_count_lo;
	__le32	s_r_blocks_count_lo;	/* reserved for root */
	__le32	s_free_blocks_count_lo;
	__le32	s_free_inodes_count;
	__le32	s_first_data_block;	/* 1 with 1 KiB blocks, else 0 */
	__le32	s_log_block_size;	/* block size = 1024 << this */
	__le32	s_log_cluster_size;
	__le32	s_blocks_per_group;
	__le32	s_clusters_per_group;
	__le32	s_inodes_per_group;
	__le32	s_mtime;
	__le32	s_wtime;
	__le16	s_mnt_count;
	__le16	s_max_mnt_count;
	__le16	s_magic;
	__le16	s_state;		/* EXT4_VALID_FS, EXT4_ERROR_FS */
	__le16	s_errors;
	__le16	s_minor_rev_level;
	__le32	s_lastcheck;
	__le32	s_checkinterval;
	__le32	s_creator_os;
	__le32	s_rev_level;
	__le16	s_def_resuid;
	__le16	s_def_resgid;
	/* EXT4_DYNAMIC_REV */
	__le32	s_first_ino;		/* first inode not reserved */
	__le16	s_inode_size;
	__le16	s_block_group_nr;	/* group of this copy */
	__le32	s_feature_compat;
	__le32	s_feature_incompat;
	__le32	s_feature_ro_compat;
	__u8	s_uuid[16];
	char	s_volume_name[EXT4_LABEL_MAX];
	char	s_last_mounted[64];
	__le32	s_algorithm_usage_bitmap;
	__u8	s_prealloc_blocks;
	__u8	s_prealloc_dir_blocks;
	__le16	s_reserved_gdt_blocks;	/* after the descriptors, for online growth */
	__u8	s_journal_uuid[16];
	__le32	s_journal_inum;
	__le32	s_journal_dev;
	__le32	s_last_orphan;		/* first inode of the orphan list */
	__le32	s_hash_seed[4];		/* htree hash seed */
	__u8	s_def_hash_version;
	__u8	s_jnl_backup_type;
	__le16	s_desc_size;		/* group descriptor size, with 64bit */
	__le32	s_default_mount_opts;
	__le32	s_first_meta_bg;
	__le32	s_mkfs_time;
	__le32	s_jnl_blocks[17];	/* a copy of the journal inode's i_block, i_size */
	/* 64bit */
	__le32	s_blocks_count_hi;
	__le32	s_r_blocks_count_hi;
	__le32	s_free_blocks_count_hi;
	__le16	s_min_extra_isize;
	__le16	s_want_extra_isize;
	__le32	s_flags;
	__le16	s_raid_stride;
	__le16	s_mmp_update_interval;
	__le64	s_mmp_block;
	__le32	s_raid_stripe_width;
	__u8	s_log_groups_per_flex;	/* flex_bg: 1 << this groups share their metadata */
	__u8	s_checksum_type;	/* EXT4_CRC32C_CHKSUM */
	__u8	s_encryption_level;
	__u8	s_reserved_pad;
	__le64	s_kbytes_written;
	__le32	s_snapshot_inum;
	__le32	s_snapshot_id;
	__le64	s_snapshot_r_blocks_count;
	__le32	s_snapshot_list;
	__le32	s_error_count;
	__le32	s_first_error_time;
	__le32	s_first_error_ino;
	__le64	s_first_error_block;
	__u8	s_first_error_func[32];
	__le32	s_first_error_line;
	__le32	s_last_error_time;
	__le32	s_last_error_ino;
	__le32	s_last_error_line;
	__le64	s_last_error_block;
	__u8	s_last_error_func[32];
	__u8	s_mount_opts[64];
	__le32	s_usr_quota_inum;
	__le32	s_grp_quota_inum;
	__le32	s_overhead_clusters;
	__le32	s_backup_bgs[2];
	__u8	s_encrypt_algos[4];
	__u8	s_encrypt_pw_salt[16];
	__le32	s_lpf_ino;
	__le32	s_prj_quota_inum;
	__le32	s_checksum_seed;	/* crc32c(uuid), with csum_seed */
	__u8	s_wtime_hi;
	__u8	s_mtime_hi;
	__u8	s_mkfs_time_hi;
	__u8	s_lastcheck_hi;
	__u8	s_first_error_time_hi;
	__u8	s_last_error_time_hi;
	__u8	s_first_error_errcode;
	__u8	s_last_error_errcode;
	__le16	s_encoding;
	__le16	s_encoding_flags;
	__le32	s_orphan_file_inum;
	__le32	s_reserved[94];
	__le32	s_checksum;		/* crc32c(superblock up to here) */
};

_Static_assert(sizeof(struct ext4_super_block) == 1024, "ext4_super_block is 1 KiB");
_Static_assert(sizeof(struct ext4_group_desc) == 64, "64bit group descriptor");
_Static_assert(sizeof(struct ext4_inode) == 160, "ext4_inode with its extra fields");

/* The feature sets: compat (ignorable), ro_compat (read-only if unknown), incompat. */
#define EXT4_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT4_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT4_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT4_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT4_FEATURE_COMPAT_RESIZE_INODE	0x0010
#define EXT4_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT4_FEATURE_COMPAT_SPARSE_SUPER2	0x0200
#define EXT4_FEATURE_COMPAT_FAST_COMMIT		0x0400
#define EXT4_FEATURE_COMPAT_STABLE_INODES	0x0800
#define EXT4_FEATURE_COMPAT_ORPHAN_FILE		0x1000

#define EXT4_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT4_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT4_FEATURE_RO_COMPAT_BTREE_DIR	0x0004
#define EXT4_FEATURE_RO_COMPAT_HUGE_FILE	0x0008
#define EXT4_FEATURE_RO_COMPAT_GDT_CSUM		0x0010
#define EXT4_FEATURE_RO_COMPAT_DIR_NLINK	0x0020
#define EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE	0x0040
#define EXT4_FEATURE_RO_COMPAT_QUOTA		0x0100
#define EXT4_FEATURE_RO_COMPAT_BIGALLOC		0x0200
#define EXT4_FEATURE_RO_COMPAT_METADATA_CSUM	0x0400
#define EXT4_FEATURE_RO_COMPAT_READONLY		0x1000
#define EXT4_FEATURE_RO_COMPAT_PROJECT		0x2000
#define EXT4_FEATURE_RO_COMPAT_VERITY		0x8000
#define EXT4_FEATURE_RO_COMPAT_ORPHAN_PRESENT	0x10000

#define EXT4_FEATURE_INCOMPAT_COMPRESSION	0x0001
#define EXT4_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT4_FEATURE_INCOMPAT_RECOVER		0x0004	/* the journal needs replay */
#define EXT4_FEATURE_INCOMPAT_JOURNAL_DEV	0x0008
#define EXT4_FEATURE_INCOMPAT_META_BG		0x0010
#define EXT4_FEATURE_INCOMPAT_EXTENTS		0x0040
#define EXT4_FEATURE_INCOMPAT_64BIT		0x0080
#define EXT4_FEATURE_INCOMPAT_MMP		0x0100
#define EXT4_FEATURE_INCOMPAT_FLEX_BG		0x0200
#define EXT4_FEATURE_INCOMPAT_EA_INODE		0x0400
#define EXT4_FEATURE_INCOMPAT_DIRDATA		0x1000
#define EXT4_FEATURE_INCOMPAT_CSUM_SEED		0x2000
#define EXT4_FEATURE_INCOMPAT_LARGEDIR		0x4000
#define EXT4_FEATURE_INCOMPAT_INLINE_DATA	0x8000
#define EXT4_FEATURE_INCOMPAT_ENCRYPT		0x10000
#define EXT4_FEATURE_INCOMPAT_CASEFOLD		0x20000

/*
 * What this kernel handles. Linux 6.1's lists are longer (inline data, encryption,
 * casefolding, bigalloc, quota, verity, mmp, meta_bg, gdt_csum); the features missing here are
 * "unknown" to ext4_feature_set_ok: an incompat one refuses the mount, a ro_compat one
 * refuses a read-write mount, exactly as Linux treats a feature it does not know.
 */
#define EXT4_FEATURE_COMPAT_SUPP	(EXT4_FEATURE_COMPAT_EXT_ATTR)
#define EXT4_FEATURE_INCOMPAT_SUPP	(EXT4_FEATURE_INCOMPAT_FILETYPE | \
					 EXT4_FEATURE_INCOMPAT_RECOVER | \
					 EXT4_FEATURE_INCOMPAT_EXTENTS | \
					 EXT4_FEATURE_INCOMPAT_64BIT | \
					 EXT4_FEATURE_INCOMPAT_FLEX_BG | \
					 EXT4_FEATURE_INCOMPAT_CSUM_SEED | \
					 EXT4_FEATURE_INCOMPAT_LARGEDIR)
#define EXT4_FEATURE_RO_COMPAT_SUPP	(EXT4_FEATURE_RO_COMPAT_SPARSE_SUPER | \
					 EXT4_FEATURE_RO_COMPAT_LARGE_FILE | \
					 EXT4_FEATURE_RO_COMPAT_DIR_NLINK | \
					 EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE | \
					 EXT4_FEATURE_RO_COMPAT_BTREE_DIR | \
					 EXT4_FEATURE_RO_COMPAT_HUGE_FILE | \
					 EXT4_FEATURE_RO_COMPAT_METADATA_CSUM)

/* Linux's in-memory mount options (s_mount_opt). */
#define EXT4_MOUNT_ERRORS_CONT		0x00010
#define EXT4_MOUNT_ERRORS_RO		0x00020
#define EXT4_MOUNT_ERRORS_PANIC		0x00040
#define EXT4_MOUNT_ERRORS_MASK		0x00070

/*
 * The block groups whose block bitmaps share one lock (Linux's blockgroup_lock):
 * group g is under s_bg_locks[g % NR_BG_LOCKS].
 */
#define NR_BG_LOCKS	16

/*
 * What the allocator keeps per group (Linux's ext4_group_info, reduced): bb_free is
 * the group's free block count, a copy of the descriptor's, under ext4_lock_group.
 */
struct ext4_group_info {
	unsigned long bb_state;			/* EXT4_GROUP_INFO_*, atomic bit ops */
	ext4_grpblk_t bb_free;
	ext4_grpblk_t bb_first_free;		/* no free block below it */
	struct list_head bb_prealloc_list;	/* ext4_prealloc_space.pa_group_list */
};

/*
 * An inode's preallocation (Linux's inode PA, one per inode here): free blocks of one
 * group kept, in memory only, for the file's next blocks: pa_lstart maps to pa_pstart,
 * for pa_len blocks. Other inodes' allocations pass them by while space remains, so a
 * file written a block at a time among others still gets one run. Nothing of it is on
 * disk: the bitmap stays the truth, and a crash loses nothing. The fields change under
 * the owner's i_data_sem (exclusive) and, while on bb_prealloc_list, under
 * ext4_lock_group of pa_group too; pa_len 0: none.
 */
struct ext4_prealloc_space {
	struct list_head pa_group_list;
	ext4_fsblk_t pa_pstart;
	ext4_lblk_t pa_lstart;
	ext4_grpblk_t pa_len;
	ext4_group_t pa_group;
};

/* bb_state: a bitmap found bad is not used again until e2fsck has run. */
#define EXT4_GROUP_INFO_BBITMAP_CORRUPT_BIT	2
#define EXT4_GROUP_INFO_IBITMAP_CORRUPT_BIT	3
#define EXT4_GROUP_INFO_BBITMAP_CORRUPT		(1UL << EXT4_GROUP_INFO_BBITMAP_CORRUPT_BIT)
#define EXT4_GROUP_INFO_IBITMAP_CORRUPT		(1UL << EXT4_GROUP_INFO_IBITMAP_CORRUPT_BIT)
#define EXT4_MB_GRP_BBITMAP_CORRUPT(grp)	((grp)->bb_state & EXT4_GROUP_INFO_BBITMAP_CORRUPT)
#define EXT4_MB_GRP_IBITMAP_CORRUPT(grp)	((grp)->bb_state & EXT4_GROUP_INFO_IBITMAP_CORRUPT)

/* A flex group: 1 << s_log_groups_per_flex groups whose metadata lies together. */
struct flex_groups {
	s64 free_clusters;			/* under s_flex_lock */
	s32 free_inodes;
	s32 used_dirs;
};

struct journal_s;

/*
 * One mounted ext4 (sb->s_fs_info). Set by ext4_fill_super and read-only after it, but
 * for the counters: s_freeclusters_counter, s_freeinodes_counter, s_dirs_counter and
 * s_flex_groups are under s_flex_lock (Linux uses per-cpu counters and atomics), and
 * the superblock buffer's fields are changed under lock_buffer(s_sbh).
 */
struct ext4_sb_info {
	unsigned long s_desc_size;		/* bytes per group descriptor */
	unsigned long s_inodes_per_block;
	unsigned long s_blocks_per_group;
	unsigned long s_clusters_per_group;
	unsigned long s_inodes_per_group;
	unsigned long s_itb_per_group;		/* inode table blocks per group */
	unsigned long s_gdb_count;		/* group descriptor blocks */
	unsigned long s_desc_per_block;
	ext4_group_t s_groups_count;
	ext4_group_t s_blockfile_groups;	/* groups an indirect-mapped file may use */
	unsigned long s_overhead;		/* metadata blocks, for statfs */
	unsigned int s_cluster_ratio;		/* 1: no bigalloc */
	unsigned int s_cluster_bits;
	loff_t s_bitmap_maxbytes;		/* largest file of an indirect-mapped inode */
	struct buffer_head *s_sbh;		/* the block holding the superblock */
	struct ext4_super_block *s_es;		/* the superblock inside s_sbh */
	struct buffer_head **s_group_desc;	/* the descriptor blocks, held */
	unsigned int s_mount_opt;
	unsigned int s_mount_flags;
	unsigned int s_def_mount_opt;
	ext4_fsblk_t s_sb_block;
	unsigned long s_mount_state;		/* s_state at mount | errors seen since */
	unsigned short s_resuid, s_resgid;
	int s_addr_per_block_bits;
	int s_desc_per_block_bits;
	int s_inode_size;
	unsigned int s_first_ino;
	unsigned int s_inode_readahead_blks;
	u32 s_hash_seed[4];
	int s_def_hash_version;
	int s_hash_unsigned;			/* 3 if char is unsigned for the dx hash */
	u32 s_csum_seed;			/* crc32c(~0, uuid), the start of every csum */
	spinlock_t s_flex_lock;
	s64 s_freeclusters_counter;
	s64 s_freeinodes_counter;
	s64 s_dirs_counter;
	unsigned int s_log_groups_per_flex;
	struct flex_groups *s_flex_groups;	/* [s_groups_count >> s_log_groups_per_flex + 1] */
	struct ext4_group_info *s_group_info;	/* [s_groups_count] */
	spinlock_t s_bg_locks[NR_BG_LOCKS];	/* ext4_lock_group */
	struct mutex s_error_lock;		/* error fields of the superblock, s_mount_state */
	/*
	 * The orphan list in memory (ext4_inode_info.i_orphan), in the on-disk chain's
	 * order (s_last_orphan first); s_orphan_lock orders both and NEXT_ORPHAN links.
	 */
	struct list_head s_orphan;
	struct mutex s_orphan_lock;
	struct journal_s *s_journal;		/* NULL: no journal (or not yet loaded) */
	unsigned int s_want_extra_isize;
	u32 s_max_links;
};

static inline struct ext4_sb_info *EXT4_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/*
 * The in-memory part of an ext4 inode, around the VFS inode. i_data_sem orders changes
 * to the block map (i_data, the extent tree, i_disksize against allocation) and lookups
 * in it; i_rwsem of the VFS inode is held around writes and truncate.
 */
struct ext4_inode_info {
	__le32 i_data[15];		/* i_block: the extent tree root, or a symlink */
	__u32 i_dtime;
	ext4_fsblk_t i_file_acl;
	ext4_group_t i_block_group;	/* the group the inode lives in: the goal for data */
	ext4_lblk_t i_dir_start_lookup;	/* where the last directory search found its entry */
	unsigned long i_state_flags;	/* EXT4_STATE_* */
	unsigned long i_flags;		/* EXT4_*_FL of the on-disk inode */
	struct rw_semaphore i_data_sem;
	loff_t i_disksize;		/* the size on disk (i_size may run ahead of it) */
	u16 i_extra_isize;
	u32 i_csum_seed;		/* crc32c(s_csum_seed, ino, generation) */
	struct timespec64 i_crtime;
	struct jbd2_inode *jinode;	/* ordered data (ext4_jbd2.c); NULL until first written */
	unsigned int i_sync_tid;	/* tid_t: the transaction fsync waits for */
	unsigned int i_datasync_tid;	/* tid_t: the one fdatasync waits for */
	struct ext4_prealloc_space i_prealloc;	/* mballoc.c */
	struct list_head i_orphan;	/* on s_orphan while on the orphan list (orphan.c) */
	struct inode vfs_inode;
};

static inline struct ext4_inode_info *EXT4_I(struct inode *inode)
{
	return container_of(inode, struct ext4_inode_info, vfs_inode);
}

/* On the orphan list, i_dtime holds the next orphan's inode number (0: the last). */
#define NEXT_ORPHAN(inode) EXT4_I(inode)->i_dtime

/* i_state_flags */
enum {
	EXT4_STATE_NEW,			/* just allocated: zero the whole on-disk inode */
	EXT4_STATE_XATTR,		/* has in-inode extended attributes */
};

static inline int ext4_test_inode_state(struct inode *inode, int bit)
{
	return (EXT4_I(inode)->i_state_flags >> bit) & 1;
}

static inline void ext4_set_inode_state(struct inode *inode, int bit)
{
	EXT4_I(inode)->i_state_flags |= 1UL << bit;
}

static inline void ext4_clear_inode_state(struct inode *inode, int bit)
{
	EXT4_I(inode)->i_state_flags &= ~(1UL << bit);
}

static inline int ext4_test_inode_flag(struct inode *inode, unsigned long fl)
{
	return (EXT4_I(inode)->i_flags & fl) != 0;
}

static inline void ext4_set_inode_flag(struct inode *inode, unsigned long fl)
{
	EXT4_I(inode)->i_flags |= fl;
}

static inline void ext4_clear_inode_flag(struct inode *inode, unsigned long fl)
{
	EXT4_I(inode)->i_flags &= ~fl;
}

/* ext4 bitmaps are little-endian bit strings: on this little-endian kernel, Linux's _le ops. */
#define ext4_test_bit(nr, addr)		test_bit((nr), (const unsigned long *)(addr))
#define ext4_set_bit(nr, addr)		__set_bit((nr), (unsigned long *)(addr))
#define ext4_clear_bit(nr, addr)	__clear_bit((nr), (unsigned long *)(addr))
#define ext4_find_next_zero_bit(addr, size, off) \
	find_next_zero_bit((const unsigned long *)(addr), (size), (off))
#define ext4_find_next_bit(addr, size, off) \
	find_next_bit((const unsigned long *)(addr), (size), (off))

/* ext4_has_feature_<name>, ext4_set_feature_<name>, ext4_clear_feature_<name>. */
#define EXT4_FEATURE_FUNCS(set, name, flagname)				\
static inline bool ext4_has_feature_##name(struct super_block *sb)	\
{									\
	return (EXT4_SB(sb)->s_es->s_feature_##set &			\
		cpu_to_le32(EXT4_FEATURE_##flagname)) != 0;		\
}									\
static inline void ext4_set_feature_##name(struct super_block *sb)	\
{									\
	EXT4_SB(sb)->s_es->s_feature_##set |= cpu_to_le32(EXT4_FEATURE_##flagname); \
}									\
static inline void ext4_clear_feature_##name(struct super_block *sb)	\
{									\
	EXT4_SB(sb)->s_es->s_feature_##set &= ~cpu_to_le32(EXT4_FEATURE_##flagname); \
}

EXT4_FEATURE_FUNCS(compat, journal, COMPAT_HAS_JOURNAL)
EXT4_FEATURE_FUNCS(compat, xattr, COMPAT_EXT_ATTR)
EXT4_FEATURE_FUNCS(compat, resize_inode, COMPAT_RESIZE_INODE)
EXT4_FEATURE_FUNCS(compat, dir_index, COMPAT_DIR_INDEX)
EXT4_FEATURE_FUNCS(compat, sparse_super2, COMPAT_SPARSE_SUPER2)
EXT4_FEATURE_FUNCS(compat, orphan_file, COMPAT_ORPHAN_FILE)
EXT4_FEATURE_FUNCS(ro_compat, sparse_super, RO_COMPAT_SPARSE_SUPER)
EXT4_FEATURE_FUNCS(ro_compat, large_file, RO_COMPAT_LARGE_FILE)
EXT4_FEATURE_FUNCS(ro_compat, huge_file, RO_COMPAT_HUGE_FILE)
EXT4_FEATURE_FUNCS(ro_compat, gdt_csum, RO_COMPAT_GDT_CSUM)
EXT4_FEATURE_FUNCS(ro_compat, dir_nlink, RO_COMPAT_DIR_NLINK)
EXT4_FEATURE_FUNCS(ro_compat, extra_isize, RO_COMPAT_EXTRA_ISIZE)
EXT4_FEATURE_FUNCS(ro_compat, bigalloc, RO_COMPAT_BIGALLOC)
EXT4_FEATURE_FUNCS(ro_compat, metadata_csum, RO_COMPAT_METADATA_CSUM)
EXT4_FEATURE_FUNCS(ro_compat, readonly, RO_COMPAT_READONLY)
EXT4_FEATURE_FUNCS(incompat, filetype, INCOMPAT_FILETYPE)
EXT4_FEATURE_FUNCS(incompat, journal_needs_recovery, INCOMPAT_RECOVER)
EXT4_FEATURE_FUNCS(incompat, journal_dev, INCOMPAT_JOURNAL_DEV)
EXT4_FEATURE_FUNCS(incompat, meta_bg, INCOMPAT_META_BG)
EXT4_FEATURE_FUNCS(incompat, extents, INCOMPAT_EXTENTS)
EXT4_FEATURE_FUNCS(incompat, 64bit, INCOMPAT_64BIT)
EXT4_FEATURE_FUNCS(incompat, flex_bg, INCOMPAT_FLEX_BG)
EXT4_FEATURE_FUNCS(incompat, csum_seed, INCOMPAT_CSUM_SEED)
EXT4_FEATURE_FUNCS(incompat, largedir, INCOMPAT_LARGEDIR)
EXT4_FEATURE_FUNCS(incompat, inline_data, INCOMPAT_INLINE_DATA)
EXT4_FEATURE_FUNCS(incompat, encrypt, INCOMPAT_ENCRYPT)
EXT4_FEATURE_FUNCS(incompat, casefold, INCOMPAT_CASEFOLD)

/* metadata_csum: every structure carries a crc32c seeded with s_csum_seed. */
static inline bool ext4_has_metadata_csum(struct super_block *sb)
{
	return ext4_has_feature_metadata_csum(sb);
}

/* Old-style group descriptor checksums (crc16), or the new crc32c ones. */
static inline bool ext4_has_group_desc_csum(struct super_block *sb)
{
	return ext4_has_feature_gdt_csum(sb) || ext4_has_metadata_csum(sb);
}

#define EXT4_BLOCK_SIZE(s)		((s)->s_blocksize)
#define EXT4_BLOCK_SIZE_BITS(s)		((s)->s_blocksize_bits)
#define EXT4_ADDR_PER_BLOCK(s)		(EXT4_BLOCK_SIZE(s) / sizeof(__u32))
#define EXT4_INODE_SIZE(s)		(EXT4_SB(s)->s_inode_size)
#define EXT4_FIRST_INO(s)		(EXT4_SB(s)->s_first_ino)
#define EXT4_BLOCKS_PER_GROUP(s)	(EXT4_SB(s)->s_blocks_per_group)
#define EXT4_CLUSTERS_PER_GROUP(s)	(EXT4_SB(s)->s_clusters_per_group)
#define EXT4_DESC_SIZE(s)		(EXT4_SB(s)->s_desc_size)
#define EXT4_INODES_PER_GROUP(s)	(EXT4_SB(s)->s_inodes_per_group)
#define EXT4_DESC_PER_BLOCK(s)		(EXT4_SB(s)->s_desc_per_block)
#define EXT4_INODES_PER_BLOCK(s)	(EXT4_SB(s)->s_inodes_per_block)
#define EXT4_DESC_PER_BLOCK_BITS(s)	(EXT4_SB(s)->s_desc_per_block_bits)
#define EXT4_C2B(sbi, c)		((ext4_fsblk_t)(c) << (sbi)->s_cluster_bits)
#define EXT4_B2C(sbi, b)		((b) >> (sbi)->s_cluster_bits)
#define EXT4_NUM_B2C(sbi, b)		(((b) + (sbi)->s_cluster_ratio - 1) >> (sbi)->s_cluster_bits)

static inline ext4_fsblk_t ext4_blocks_count(struct ext4_super_block *es)
{
	return ((ext4_fsblk_t)le32_to_cpu(es->s_blocks_count_hi) << 32) |
		le32_to_cpu(es->s_blocks_count_lo);
}

static inline ext4_fsblk_t ext4_r_blocks_count(struct ext4_super_block *es)
{
	return ((ext4_fsblk_t)le32_to_cpu(es->s_r_blocks_count_hi) << 32) |
		le32_to_cpu(es->s_r_blocks_count_lo);
}

static inline ext4_fsblk_t ext4_free_blocks_count(struct ext4_super_block *es)
{
	return ((ext4_fsblk_t)le32_to_cpu(es->s_free_blocks_count_hi) << 32) |
		le32_to_cpu(es->s_free_blocks_count_lo);
}

static inline void ext4_free_blocks_count_set(struct ext4_super_block *es, ext4_fsblk_t blk)
{
	es->s_free_blocks_count_lo = cpu_to_le32((u32)blk);
	es->s_free_blocks_count_hi = cpu_to_le32(blk >> 32);
}

/* The group holding inode ino, and the inode's index in that group. */
static inline ext4_group_t ext4_inode_group(struct super_block *sb, unsigned long ino)
{
	return (ino - 1) / EXT4_INODES_PER_GROUP(sb);
}

static inline ext4_fsblk_t ext4_group_first_block_no(struct super_block *sb, ext4_group_t group)
{
	return (ext4_fsblk_t)group * EXT4_BLOCKS_PER_GROUP(sb) +
		le32_to_cpu(EXT4_SB(sb)->s_es->s_first_data_block);
}

/* A valid inode number: a reserved one we use, or one past s_first_ino. */
static inline int ext4_valid_inum(struct super_block *sb, unsigned long ino)
{
	return ino == EXT4_ROOT_INO ||
		(ino >= EXT4_FIRST_INO(sb) && ino <= le32_to_cpu(EXT4_SB(sb)->s_es->s_inodes_count));
}

static inline void ext4_lock_group(struct super_block *sb, ext4_group_t group)
{
	spin_lock(&EXT4_SB(sb)->s_bg_locks[group % NR_BG_LOCKS]);
}

static inline void ext4_unlock_group(struct super_block *sb, ext4_group_t group)
{
	spin_unlock(&EXT4_SB(sb)->s_bg_locks[group % NR_BG_LOCKS]);
}

static inline struct ext4_group_info *ext4_get_group_info(struct super_block *sb,
							  ext4_group_t group)
{
	return &EXT4_SB(sb)->s_group_info[group];
}

static inline ext4_group_t ext4_flex_group(struct ext4_sb_info *sbi, ext4_group_t group)
{
	return group >> sbi->s_log_groups_per_flex;
}

/* Directory entries (namei.c, dir.c). */
struct ext4_dir_entry {
	__le32	inode;
	__le16	rec_len;
	__le16	name_len;
	char	name[EXT4_NAME_LEN];
};

struct ext4_dir_entry_2 {
	__le32	inode;			/* 0: unused entry */
	__le16	rec_len;		/* to the next entry */
	__u8	name_len;
	__u8	file_type;		/* EXT4_FT_* */
	char	name[EXT4_NAME_LEN];
};

/* The fake entry at the end of a directory block that holds its checksum. */
struct ext4_dir_entry_tail {
	__le32	det_reserved_zero1;
	__le16	det_rec_len;		/* 12 */
	__u8	det_reserved_zero2;
	__u8	det_reserved_ft;	/* EXT4_FT_DIR_CSUM */
	__le32	det_checksum;		/* crc32c(uuid+ino+gen+block) */
};

#define EXT4_DIRENT_TAIL(block, blocksize) \
	((struct ext4_dir_entry_tail *)(((void *)(block)) + \
	 ((blocksize) - sizeof(struct ext4_dir_entry_tail))))

#define EXT4_FT_UNKNOWN		0
#define EXT4_FT_REG_FILE	1
#define EXT4_FT_DIR		2
#define EXT4_FT_CHRDEV		3
#define EXT4_FT_BLKDEV		4
#define EXT4_FT_FIFO		5
#define EXT4_FT_SOCK		6
#define EXT4_FT_SYMLINK		7
#define EXT4_FT_MAX		8
#define EXT4_FT_DIR_CSUM	0xDE

#define EXT4_DIR_PAD		4
#define EXT4_DIR_ROUND		(EXT4_DIR_PAD - 1)
#define EXT4_MAX_REC_LEN	((1 << 16) - 1)

/* The space an entry with a name of name_len bytes takes. */
static inline unsigned int ext4_dir_rec_len(__u8 name_len, const struct inode *dir)
{
	return (name_len + 8 + EXT4_DIR_ROUND) & ~EXT4_DIR_ROUND;
}

static inline unsigned int ext4_rec_len_from_disk(__le16 dlen, unsigned int blocksize)
{
	unsigned int len = le16_to_cpu(dlen);

	if (len == EXT4_MAX_REC_LEN || len == 0)
		return blocksize;
	return (len & 65532) | ((len & 3) << 16);
}

static inline __le16 ext4_rec_len_to_disk(unsigned int len, unsigned int blocksize)
{
	if (len < 65536)
		return cpu_to_le16(len);
	if (len == blocksize)
		return cpu_to_le16(blocksize == 65536 ? EXT4_MAX_REC_LEN : 0);
	return cpu_to_le16((len & 65532) | ((len >> 16) & 3));
}

/* ext4_map_blocks's request and answer: m_len blocks of the file from m_lblk. */
struct ext4_map_blocks {
	ext4_fsblk_t m_pblk;
	ext4_lblk_t m_lblk;
	unsigned int m_len;
	unsigned int m_flags;		/* EXT4_MAP_* */
};

#define EXT4_MAP_NEW		(1U << BH_New)
#define EXT4_MAP_MAPPED		(1U << BH_Mapped)
#define EXT4_MAP_UNWRITTEN	(1U << BH_Unwritten)
#define EXT4_MAP_BOUNDARY	(1U << BH_Boundary)
#define EXT4_MAP_FLAGS		(EXT4_MAP_NEW | EXT4_MAP_MAPPED | EXT4_MAP_UNWRITTEN | \
				 EXT4_MAP_BOUNDARY)

/* ext4_map_blocks's flags. */
#define EXT4_GET_BLOCKS_CREATE			0x0001
/* A hole is allocated as an unwritten extent (fallocate); an unwritten one is left so. */
#define EXT4_GET_BLOCKS_UNWRIT_EXT		0x0002
#define EXT4_GET_BLOCKS_CREATE_UNWRIT_EXT	(EXT4_GET_BLOCKS_UNWRIT_EXT | \
						 EXT4_GET_BLOCKS_CREATE)
/* An extent inserted by a split is not merged back into its neighbour. */
#define EXT4_GET_BLOCKS_PRE_IO			0x0008
#define EXT4_GET_BLOCKS_METADATA_NOFAIL		0x0020
#define EXT4_GET_BLOCKS_ZERO			0x0200

/* ext4_free_blocks's flags. */
#define EXT4_FREE_BLOCKS_METADATA	0x0001
#define EXT4_FREE_BLOCKS_FORGET		0x0002

/* How ext4_iget may be called: a normal inode, or a special (reserved) one. */
typedef enum {
	EXT4_IGET_NORMAL = 0,
	EXT4_IGET_SPECIAL = 1,
	EXT4_IGET_HANDLE = 2,
} ext4_iget_flags;

/* An allocation request (mballoc.c). */
struct ext4_allocation_request {
	struct inode *inode;
	unsigned int len;		/* blocks wanted */
	ext4_lblk_t logical;		/* the file block they start at */
	ext4_lblk_t lleft, lright;	/* the nearest mapped file blocks, left and right */
	ext4_fsblk_t goal;		/* the physical block to start looking at */
	ext4_fsblk_t pleft, pright;	/* where lleft and lright are */
	unsigned int flags;		/* EXT4_MB_HINT_* */
};

#define EXT4_MB_HINT_METADATA	0x0001
#define EXT4_MB_HINT_DATA	0x0004
#define EXT4_MB_HINT_TRY_GOAL	0x0200

/* The journal handle (ext4_jbd2.h): NULL when the file system has no journal. */
typedef struct jbd2_journal_handle handle_t;

struct kstat;
struct path;
struct dentry;
struct writeback_control;

/* super.c */
extern struct file_system_type ext4_fs_type;
extern const struct super_operations ext4_sops;
int ext4_fill_super(struct super_block *sb, void *data, int silent);
void ext4_put_super(struct super_block *sb);
int ext4_commit_super(struct super_block *sb);
int ext4_superblock_csum_verify(struct super_block *sb, struct ext4_super_block *es);
void ext4_superblock_csum_set(struct super_block *sb);
struct ext4_group_desc *ext4_get_group_desc(struct super_block *sb, ext4_group_t block_group,
					    struct buffer_head **bh);
int ext4_group_desc_csum_verify(struct super_block *sb, ext4_group_t group,
				struct ext4_group_desc *gdp);
void ext4_group_desc_csum_set(struct super_block *sb, ext4_group_t group,
			      struct ext4_group_desc *gdp);
ext4_fsblk_t ext4_block_bitmap(struct super_block *sb, struct ext4_group_desc *bg);
ext4_fsblk_t ext4_inode_bitmap(struct super_block *sb, struct ext4_group_desc *bg);
ext4_fsblk_t ext4_inode_table(struct super_block *sb, struct ext4_group_desc *bg);
__u32 ext4_free_group_clusters(struct super_block *sb, struct ext4_group_desc *bg);
__u32 ext4_free_inodes_count(struct super_block *sb, struct ext4_group_desc *bg);
__u32 ext4_used_dirs_count(struct super_block *sb, struct ext4_group_desc *bg);
__u32 ext4_itable_unused_count(struct super_block *sb, struct ext4_group_desc *bg);
void ext4_free_group_clusters_set(struct super_block *sb, struct ext4_group_desc *bg, __u32 count);
void ext4_free_inodes_set(struct super_block *sb, struct ext4_group_desc *bg, __u32 count);
void ext4_used_dirs_set(struct super_block *sb, struct ext4_group_desc *bg, __u32 count);
void ext4_itable_unused_set(struct super_block *sb, struct ext4_group_desc *bg, __u32 count);
__printf(7, 8) void __ext4_error(struct super_block *sb, const char *function, unsigned int line,
				 bool force_ro, int error, __u64 block, const char *fmt, ...);
__printf(6, 7) void __ext4_error_inode(struct inode *inode, const char *function,
				       unsigned int line, ext4_fsblk_t block, int error,
				       const char *fmt, ...);
__printf(3, 4) void __ext4_msg(struct super_block *sb, const char *prefix, const char *fmt, ...);
__printf(4, 5) void __ext4_warning(struct super_block *sb, const char *function,
				   unsigned int line, const char *fmt, ...);
void __ext4_std_error(struct super_block *sb, const char *function, unsigned int line,
		      int errno);
u32 ext4_chksum(struct ext4_sb_info *sbi, u32 crc, const void *address, unsigned int length);

#define ext4_error(sb, fmt, ...) \
	__ext4_error((sb), __func__, __LINE__, false, EFSCORRUPTED, 0, (fmt), ##__VA_ARGS__)
#define ext4_error_err(sb, err, fmt, ...) \
	__ext4_error((sb), __func__, __LINE__, false, (err), 0, (fmt), ##__VA_ARGS__)
#define ext4_error_inode(inode, func, line, block, fmt, ...) \
	__ext4_error_inode((inode), (func), (line), (block), 0, (fmt), ##__VA_ARGS__)
#define ext4_error_inode_err(inode, func, line, block, err, fmt, ...) \
	__ext4_error_inode((inode), (func), (line), (block), (err), (fmt), ##__VA_ARGS__)
#define EXT4_ERROR_INODE(inode, fmt, ...) \
	ext4_error_inode((inode), __func__, __LINE__, 0, (fmt), ##__VA_ARGS__)
#define EXT4_ERROR_INODE_ERR(inode, err, fmt, ...) \
	__ext4_error_inode((inode), __func__, __LINE__, 0, (err), (fmt), ##__VA_ARGS__)
#define ext4_msg(sb, level, fmt, ...) __ext4_msg((sb), (level), (fmt), ##__VA_ARGS__)
#define ext4_warning(sb, fmt, ...) __ext4_warning((sb), __func__, __LINE__, (fmt), ##__VA_ARGS__)
#define ext4_std_error(sb, errno) do {					\
	if ((errno))								\
		__ext4_std_error((sb), __func__, __LINE__, (errno));		\
} while (0)

/* Where an inode lies: its inode table block (held) and its offset in it. */
struct ext4_iloc {
	struct buffer_head *bh;
	unsigned long offset;
	ext4_group_t block_group;
};

static inline struct ext4_inode *ext4_raw_inode(struct ext4_iloc *iloc)
{
	return (struct ext4_inode *)(iloc->bh->b_data + iloc->offset);
}

/* inode.c */
struct inode *__ext4_iget(struct super_block *sb, unsigned long ino, ext4_iget_flags flags,
			  const char *function, unsigned int line);
#define ext4_iget(sb, ino, flags) __ext4_iget((sb), (ino), (flags), __func__, __LINE__)
int ext4_map_blocks(handle_t *handle, struct inode *inode, struct ext4_map_blocks *map,
		    int flags);
int ext4_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh_result,
		   int create);
struct buffer_head *ext4_getblk(handle_t *handle, struct inode *inode, ext4_lblk_t block,
				int map_flags);
struct buffer_head *ext4_bread(handle_t *handle, struct inode *inode, ext4_lblk_t block,
			       int map_flags);
int ext4_write_inode(struct inode *inode, struct writeback_control *wbc);
int ext4_mark_inode_dirty(handle_t *handle, struct inode *inode);
int __ext4_mark_inode_dirty(handle_t *handle, struct inode *inode, const char *func,
			    unsigned int line);
void ext4_evict_inode(struct inode *inode);
void ext4_dirty_inode(struct inode *inode, int flags);
int ext4_truncate(struct inode *inode);
/* orphan.c */
int ext4_orphan_add(handle_t *handle, struct inode *inode);
int ext4_orphan_del(handle_t *handle, struct inode *inode);
void ext4_orphan_cleanup(struct super_block *sb, struct ext4_super_block *es);
int ext4_setattr(struct dentry *dentry, struct iattr *attr);
unsigned int ext4_page_mkwrite(struct vm_fault *vmf);
bool ext4_update_inode_size(struct inode *inode, loff_t newsize);
int ext4_writepage_trans_blocks(struct inode *inode);
int ext4_punch_hole(struct file *file, loff_t offset, loff_t length);
long ext4_fallocate(struct file *file, int mode, loff_t offset, loff_t len);
void ext4_set_inode_flags(struct inode *inode);
void ext4_set_aops(struct inode *inode);
int ext4_block_truncate_page(handle_t *handle, struct address_space *mapping, loff_t from);
int ext4_inode_csum_verify(struct inode *inode, struct ext4_inode *raw, struct ext4_inode_info *ei);
void ext4_inode_csum_set(struct inode *inode, struct ext4_inode *raw, struct ext4_inode_info *ei);
int ext4_get_inode_loc(struct inode *inode, struct ext4_iloc *iloc);

/* extents.c */
int ext4_ext_tree_init(handle_t *handle, struct inode *inode);
int ext4_ext_map_blocks(handle_t *handle, struct inode *inode, struct ext4_map_blocks *map,
			int flags);
int ext4_ext_truncate(handle_t *handle, struct inode *inode);
int ext4_ext_check_inode(struct inode *inode);
int ext4_ext_remove_space(struct inode *inode, ext4_lblk_t start, ext4_lblk_t end);

/* balloc.c */
ext4_fsblk_t ext4_count_free_clusters(struct super_block *sb);
unsigned int ext4_num_base_meta_clusters(struct super_block *sb, ext4_group_t block_group);
int ext4_bg_has_super(struct super_block *sb, ext4_group_t group);
unsigned long ext4_bg_num_gdb(struct super_block *sb, ext4_group_t group);
struct buffer_head *ext4_read_block_bitmap(struct super_block *sb, ext4_group_t block_group);
void ext4_get_group_no_and_offset(struct super_block *sb, ext4_fsblk_t blocknr,
				  ext4_group_t *blockgrpp, ext4_grpblk_t *offsetp);
ext4_group_t ext4_get_group_number(struct super_block *sb, ext4_fsblk_t block);
ext4_fsblk_t ext4_inode_to_goal_block(struct inode *inode);
ext4_fsblk_t ext4_new_meta_blocks(handle_t *handle, struct inode *inode, ext4_fsblk_t goal,
				  unsigned int flags, unsigned long *count, int *errp);
int ext4_claim_free_clusters(struct ext4_sb_info *sbi, s64 nclusters, unsigned int flags);
void ext4_mark_group_bitmap_corrupted(struct super_block *sb, ext4_group_t block_group,
				      unsigned int flags);

/* bitmap.c */
int ext4_block_bitmap_csum_verify(struct super_block *sb, ext4_group_t group,
				  struct ext4_group_desc *gdp, struct buffer_head *bh);
void ext4_block_bitmap_csum_set(struct super_block *sb, ext4_group_t group,
				struct ext4_group_desc *gdp, struct buffer_head *bh);
int ext4_inode_bitmap_csum_verify(struct super_block *sb, ext4_group_t group,
				  struct ext4_group_desc *gdp, struct buffer_head *bh, int sz);
void ext4_inode_bitmap_csum_set(struct super_block *sb, ext4_group_t group,
				struct ext4_group_desc *gdp, struct buffer_head *bh, int sz);
unsigned int ext4_count_free(char *bitmap, unsigned int numchars);

/* mballoc.c */
ext4_fsblk_t ext4_mb_new_blocks(handle_t *handle, struct ext4_allocation_request *ar,
				int *errp);
void ext4_free_blocks(handle_t *handle, struct inode *inode, struct buffer_head *bh,
		      ext4_fsblk_t block, unsigned long count, int flags);
void ext4_discard_preallocations(struct inode *inode);
int ext4_mb_init(struct super_block *sb);
void ext4_mb_release(struct super_block *sb);

/* readpage.c */
struct readahead_control;
int ext4_mpage_readpages(struct inode *inode, struct readahead_control *rac, struct page *page);

/*
 * page-io.c: the bio a writeback is filling (io_bio, NULL between bios) and the disk
 * block the next buffer must have to join it (io_next_block). Owned by one writer.
 */
struct ext4_io_submit {
	struct writeback_control *io_wbc;
	struct bio *io_bio;
	sector_t io_next_block;
};
void ext4_io_submit_init(struct ext4_io_submit *io, struct writeback_control *wbc);
void ext4_io_submit(struct ext4_io_submit *io);
int ext4_bio_write_page(struct ext4_io_submit *io, struct page *page, int len,
			bool keep_towrite);

/* file.c */
extern const struct file_operations ext4_file_operations;
extern const struct inode_operations ext4_file_inode_operations;

/* ialloc.c, namei.c, dir.c, symlink.c (the directory side) */
void ext4_free_inode(handle_t *handle, struct inode *inode);
extern const struct inode_operations ext4_dir_inode_operations;
extern const struct inode_operations ext4_special_inode_operations;
extern const struct file_operations ext4_dir_operations;
extern const struct inode_operations ext4_symlink_inode_operations;
extern const struct inode_operations ext4_fast_symlink_inode_operations;

/* ---- ext4-dir: directories (namei.c, dir.c, hash.c, symlink.c) and inode allocation (ialloc.c) ---- */

#include <linux/dcache.h>
#include <linux/rbtree.h>
#include <linux/slab.h>

#define ext4_warning_inode(inode, fmt, ...)					\
	__ext4_warning((inode)->i_sb, __func__, __LINE__, "inode #%lu: " fmt,	\
		       (inode)->i_ino, ##__VA_ARGS__)

/* Clears bit nr of a little-endian bitmap; whether it was set. */
static inline bool ext4_test_and_clear_bit(unsigned long nr, void *addr)
{
	bool was = ext4_test_bit(nr, addr);

	ext4_clear_bit(nr, addr);
	return was;
}

/* Hash versions of a directory index (s_def_hash_version, dx_root_info.hash_version). */
#define DX_HASH_LEGACY			0
#define DX_HASH_HALF_MD4		1
#define DX_HASH_TEA			2
#define DX_HASH_LEGACY_UNSIGNED		3
#define DX_HASH_HALF_MD4_UNSIGNED	4
#define DX_HASH_TEA_UNSIGNED		5
#define DX_HASH_SIPHASH			6

/* The hash readdir reports past the last entry: 31 bits for 32-bit callers, 63 for 64. */
#define EXT4_HTREE_EOF_32BIT	((1UL << (32 - 1)) - 1)
#define EXT4_HTREE_EOF_64BIT	((1ULL << (64 - 1)) - 1)

/* What a name hashes to: the input (version, seed) and the result (hash, minor_hash). */
struct dx_hash_info {
	u32 hash;
	u32 minor_hash;
	int hash_version;
	u32 *seed;		/* s_hash_seed, four words; all zero means the default */
};

/* Fills hinfo->hash and minor_hash for name; -EINVAL for an unknown hash_version. */
int ext4fs_dirhash(const struct inode *dir, const char *name, int len,
		   struct dx_hash_info *hinfo);

/* How a directory block is laid out and checked: see namei.c's overview. */
#define EXT4_BASE_DIR_LEN	8	/* inode, rec_len, name_len, file_type */

/* Index depth: two levels below the root, three with the largedir feature. */
#define EXT4_HTREE_LEVEL_COMPAT	2
#define EXT4_HTREE_LEVEL	3
/* dx_probe's "this index is unusable, search the blocks linearly"; never reaches users. */
#define ERR_BAD_DX_DIR		(-(4095 - 1))

/* The name being looked up or added, with its hash once computed (no encryption here). */
struct ext4_filename {
	const struct qstr *usr_fname;
	struct dx_hash_info hinfo;
};

static inline const char *fname_name(const struct ext4_filename *fname)
{
	return (const char *)fname->usr_fname->name;
}

static inline u32 fname_len(const struct ext4_filename *fname)
{
	return fname->usr_fname->len;
}

/* An htree readdir's state in file->private_data: the names of one hash range, sorted. */
struct dir_private_info {
	struct rb_root root;		/* struct fname by (hash, minor_hash) */
	struct rb_node *curr_node;
	struct fname *extra_fname;	/* a collision chain cut short by a full buffer */
	loff_t last_pos;
	u32 curr_hash;
	u32 curr_minor_hash;
	u32 next_hash;
};

struct buffer_head;
struct file;

/* dir.c */
#define ext4_check_dir_entry(dir, filp, de, bh, buf, size, offset)		\
	unlikely(__ext4_check_dir_entry(__func__, __LINE__, (dir), (filp),	\
					(de), (bh), (buf), (size), (offset)))
int __ext4_check_dir_entry(const char *function, unsigned int line, struct inode *dir,
			   struct file *filp, struct ext4_dir_entry_2 *de,
			   struct buffer_head *bh, char *buf, int size, unsigned int offset);
int ext4_htree_store_dirent(struct file *dir_file, u32 hash, u32 minor_hash,
			    struct ext4_dir_entry_2 *dirent, const struct qstr *ent_name);
void ext4_htree_free_dir_info(struct dir_private_info *p);
unsigned char ext4_get_dtype(struct super_block *sb, int filetype);

/* namei.c */
int ext4_htree_fill_tree(struct file *dir_file, u32 start_hash, u32 start_minor_hash,
			 u32 *next_hash);
int ext4_dirblock_csum_verify(struct inode *inode, struct buffer_head *bh);
int ext4_handle_dirty_dirblock(handle_t *handle, struct inode *inode,
			       struct buffer_head *bh);
void ext4_initialize_dirent_tail(struct buffer_head *bh, unsigned int blocksize);
bool ext4_empty_dir(struct inode *inode);

/* symlink.c: a slow symlink's target, copied once into i_link, freed with the inode. */
static inline void ext4_free_link_cache(struct inode *inode)
{
	if (inode->i_op == &ext4_symlink_inode_operations) {
		kfree(inode->i_link);
		inode->i_link = NULL;
	}
}

/* ialloc.c */
struct buffer_head *ext4_read_inode_bitmap(struct super_block *sb, ext4_group_t block_group);
struct inode *__ext4_new_inode(handle_t *handle, struct inode *dir, umode_t mode,
			       const struct qstr *qstr, u32 goal, uid_t *owner, u32 i_flags,
			       int handle_type, unsigned int line_no, int nblocks);
#define ext4_new_inode(handle, dir, mode, qstr, goal, owner, i_flags)		\
	__ext4_new_inode((handle), (dir), (mode), (qstr), (goal), (owner),	\
			 (i_flags), 0, 0, 0)
#define ext4_new_inode_start_handle(dir, mode, qstr, goal, owner, i_flags, type, nblocks) \
	__ext4_new_inode(NULL, (dir), (mode), (qstr), (goal), (owner), (i_flags), \
			 (type), __LINE__, (nblocks))

#endif
