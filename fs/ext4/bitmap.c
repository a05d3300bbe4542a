/*
 * ext4's bitmaps: counting their free bits, and the crc32c of each group's block and
 * inode bitmap that metadata_csum keeps in the group descriptor (split in _lo and _hi
 * halves, the _hi half only in a 64-byte descriptor). Linux 6.1's fs/ext4/bitmap.c.
 */
#include "ext4.h"

/* The zero bits in the first numchars bytes of bitmap. */
unsigned int ext4_count_free(char *bitmap, unsigned int numchars)
{
	static const u8 nibble_weight[16] = { 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4 };
	unsigned int set = 0;

	for (unsigned int i = 0; i < numchars; i++)
		set += nibble_weight[(u8)bitmap[i] & 0xf] + nibble_weight[(u8)bitmap[i] >> 4];
	return numchars * 8 - set;
}

static u32 ext4_bitmap_csum(struct super_block *sb, struct buffer_head *bh, int sz,
			    size_t hi_end)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u32 csum = ext4_chksum(sbi, sbi->s_csum_seed, bh->b_data, sz);

	return sbi->s_desc_size >= hi_end ? csum : csum & 0xFFFF;
}

int ext4_inode_bitmap_csum_verify(struct super_block *sb, ext4_group_t group,
				  struct ext4_group_desc *gdp, struct buffer_head *bh, int sz)
{
	u32 provided;

	if (!ext4_has_metadata_csum(sb))
		return 1;
	provided = le16_to_cpu(gdp->bg_inode_bitmap_csum_lo);
	if (EXT4_SB(sb)->s_desc_size >= EXT4_BG_INODE_BITMAP_CSUM_HI_END)
		provided |= (u32)le16_to_cpu(gdp->bg_inode_bitmap_csum_hi) << 16;
	return provided == ext4_bitmap_csum(sb, bh, sz, EXT4_BG_INODE_BITMAP_CSUM_HI_END);
}

void ext4_inode_bitmap_csum_set(struct super_block *sb, ext4_group_t group,
				struct ext4_group_desc *gdp, struct buffer_head *bh, int sz)
{
	u32 csum;

	if (!ext4_has_metadata_csum(sb))
		return;
	csum = ext4_bitmap_csum(sb, bh, sz, EXT4_BG_INODE_BITMAP_CSUM_HI_END);
	gdp->bg_inode_bitmap_csum_lo = cpu_to_le16(csum & 0xFFFF);
	if (EXT4_SB(sb)->s_desc_size >= EXT4_BG_INODE_BITMAP_CSUM_HI_END)
		gdp->bg_inode_bitmap_csum_hi = cpu_to_le16(csum >> 16);
}

int ext4_block_bitmap_csum_verify(struct super_block *sb, ext4_group_t group,
				  struct ext4_group_desc *gdp, struct buffer_head *bh)
{
	int sz = EXT4_CLUSTERS_PER_GROUP(sb) / 8;
	u32 provided;

	if (!ext4_has_metadata_csum(sb))
		return 1;
	provided = le16_to_cpu(gdp->bg_block_bitmap_csum_lo);
	if (EXT4_SB(sb)->s_desc_size >= EXT4_BG_BLOCK_BITMAP_CSUM_HI_END)
		provided |= (u32)le16_to_cpu(gdp->bg_block_bitmap_csum_hi) << 16;
	return provided == ext4_bitmap_csum(sb, bh, sz, EXT4_BG_BLOCK_BITMAP_CSUM_HI_END);
}

void ext4_block_bitmap_csum_set(struct super_block *sb, ext4_group_t group,
				struct ext4_group_desc *gdp, struct buffer_head *bh)
{
	int sz = EXT4_CLUSTERS_PER_GROUP(sb) / 8;
	u32 csum;

	if (!ext4_has_metadata_csum(sb))
		return;
	csum = ext4_bitmap_csum(sb, bh, sz, EXT4_BG_BLOCK_BITMAP_CSUM_HI_END);
	gdp->bg_block_bitmap_csum_lo = cpu_to_le16(csum & 0xFFFF);
	if (EXT4_SB(sb)->s_desc_size >= EXT4_BG_BLOCK_BITMAP_CSUM_HI_END)
		gdp->bg_block_bitmap_csum_hi = cpu_to_le16(csum >> 16);
}
