/*
 * The extent tree (Linux 6.1's fs/ext4/ext4_extents.h): i_block holds its root, a header
 * and up to 4 entries; a node of depth 0 is a leaf of extents (file blocks -> a run of
 * device blocks), any other node holds indexes (first file block -> child node's block).
 * A node in a block ends with the crc32c of the block's used part (ext4_extent_tail).
 */
#ifndef _EXT4_EXTENTS
#define _EXT4_EXTENTS

#include "ext4.h"

struct ext4_extent_tail {
	__le32	et_checksum;	/* crc32c(uuid+inum+generation+node) */
};

struct ext4_extent {
	__le32	ee_block;	/* first file block it covers */
	__le16	ee_len;		/* blocks; above EXT_INIT_MAX_LEN: unwritten */
	__le16	ee_start_hi;
	__le32	ee_start_lo;
};

struct ext4_extent_idx {
	__le32	ei_block;	/* the child covers file blocks from here */
	__le32	ei_leaf_lo;	/* the child's block */
	__le16	ei_leaf_hi;
	__u16	ei_unused;
};

struct ext4_extent_header {
	__le16	eh_magic;
	__le16	eh_entries;	/* entries in use */
	__le16	eh_max;		/* entries that fit */
	__le16	eh_depth;	/* 0: a leaf */
	__le32	eh_generation;
};

#define EXT4_EXT_MAGIC		cpu_to_le16(0xf30a)
#define EXT4_MAX_EXTENT_DEPTH	5

#define EXT4_EXTENT_TAIL_OFFSET(hdr) \
	(sizeof(struct ext4_extent_header) + \
	 (sizeof(struct ext4_extent) * le16_to_cpu((hdr)->eh_max)))

static inline struct ext4_extent_tail *find_ext4_extent_tail(struct ext4_extent_header *eh)
{
	return (struct ext4_extent_tail *)(((void *)eh) + EXT4_EXTENT_TAIL_OFFSET(eh));
}

/* One level of a lookup: the node (in p_bh, or the inode for level 0) and the entry. */
struct ext4_ext_path {
	ext4_fsblk_t			p_block;
	__u16				p_depth;
	__u16				p_maxdepth;
	struct ext4_extent		*p_ext;
	struct ext4_extent_idx		*p_idx;
	struct ext4_extent_header	*p_hdr;
	struct buffer_head		*p_bh;
};

#define EXT_INIT_MAX_LEN	(1UL << 15)
#define EXT_UNWRITTEN_MAX_LEN	(EXT_INIT_MAX_LEN - 1)
#define EXT_MAX_BLOCKS		0xffffffff

#define EXT_FIRST_EXTENT(__hdr__) \
	((struct ext4_extent *)(((char *)(__hdr__)) + sizeof(struct ext4_extent_header)))
#define EXT_FIRST_INDEX(__hdr__) \
	((struct ext4_extent_idx *)(((char *)(__hdr__)) + sizeof(struct ext4_extent_header)))
#define EXT_HAS_FREE_INDEX(__path__) \
	(le16_to_cpu((__path__)->p_hdr->eh_entries) < le16_to_cpu((__path__)->p_hdr->eh_max))
#define EXT_LAST_EXTENT(__hdr__) \
	(EXT_FIRST_EXTENT((__hdr__)) + le16_to_cpu((__hdr__)->eh_entries) - 1)
#define EXT_LAST_INDEX(__hdr__) \
	(EXT_FIRST_INDEX((__hdr__)) + le16_to_cpu((__hdr__)->eh_entries) - 1)
#define EXT_MAX_EXTENT(__hdr__) \
	((le16_to_cpu((__hdr__)->eh_max)) ? \
	 (EXT_FIRST_EXTENT((__hdr__)) + le16_to_cpu((__hdr__)->eh_max) - 1) : NULL)
#define EXT_MAX_INDEX(__hdr__) \
	((le16_to_cpu((__hdr__)->eh_max)) ? \
	 (EXT_FIRST_INDEX((__hdr__)) + le16_to_cpu((__hdr__)->eh_max) - 1) : NULL)

static inline struct ext4_extent_header *ext_inode_hdr(struct inode *inode)
{
	return (struct ext4_extent_header *)EXT4_I(inode)->i_data;
}

static inline struct ext4_extent_header *ext_block_hdr(struct buffer_head *bh)
{
	return (struct ext4_extent_header *)bh->b_data;
}

static inline unsigned short ext_depth(struct inode *inode)
{
	return le16_to_cpu(ext_inode_hdr(inode)->eh_depth);
}

static inline int ext4_ext_is_unwritten(struct ext4_extent *ext)
{
	return le16_to_cpu(ext->ee_len) > EXT_INIT_MAX_LEN;
}

static inline int ext4_ext_get_actual_len(struct ext4_extent *ext)
{
	return le16_to_cpu(ext->ee_len) <= EXT_INIT_MAX_LEN ?
		le16_to_cpu(ext->ee_len) : le16_to_cpu(ext->ee_len) - EXT_INIT_MAX_LEN;
}

/* An extent allocated but never written (fallocate): it reads as zeroes. */
static inline void ext4_ext_mark_unwritten(struct ext4_extent *ext)
{
	ext->ee_len |= cpu_to_le16(EXT_INIT_MAX_LEN);
}

static inline void ext4_ext_mark_initialized(struct ext4_extent *ext)
{
	ext->ee_len = cpu_to_le16(ext4_ext_get_actual_len(ext));
}

static inline ext4_fsblk_t ext4_ext_pblock(struct ext4_extent *ex)
{
	return le32_to_cpu(ex->ee_start_lo) | ((ext4_fsblk_t)le16_to_cpu(ex->ee_start_hi) << 32);
}

static inline ext4_fsblk_t ext4_idx_pblock(struct ext4_extent_idx *ix)
{
	return le32_to_cpu(ix->ei_leaf_lo) | ((ext4_fsblk_t)le16_to_cpu(ix->ei_leaf_hi) << 32);
}

static inline void ext4_ext_store_pblock(struct ext4_extent *ex, ext4_fsblk_t pb)
{
	ex->ee_start_lo = cpu_to_le32((u32)pb);
	ex->ee_start_hi = cpu_to_le16((u16)(pb >> 32));
}

static inline void ext4_idx_store_pblock(struct ext4_extent_idx *ix, ext4_fsblk_t pb)
{
	ix->ei_leaf_lo = cpu_to_le32((u32)pb);
	ix->ei_leaf_hi = cpu_to_le16((u16)(pb >> 32));
}

struct ext4_ext_path *ext4_find_extent(struct inode *inode, ext4_lblk_t block,
				       struct ext4_ext_path **orig_path, int flags);
void ext4_ext_drop_refs(struct ext4_ext_path *path);
int ext4_ext_insert_extent(handle_t *handle, struct inode *inode,
			   struct ext4_ext_path **ppath, struct ext4_extent *newext, int gb_flags);

#endif
