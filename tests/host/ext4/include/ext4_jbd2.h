/*
 * Host tests only: ext4's journal calls of Linux 6.1's fs/ext4/ext4_jbd2.h as they
 * behave on a file system without a journal (a NULL handle; a metadata change marks its
 * buffer dirty). fs/ext4/ext4_jbd2.h, once there, is found first (it sits beside the
 * sources) and this file is no longer read.
 */
#ifndef _EXT4_JBD2_H
#define _EXT4_JBD2_H

#include <linux/errno.h>
/* included after ext4.h, as in every ext4 source */

#define EXT4_HT_MISC		0
#define EXT4_HT_INODE		1
#define EXT4_HT_WRITE_PAGE	2
#define EXT4_HT_MAP_BLOCKS	3
#define EXT4_HT_DIR		4
#define EXT4_HT_TRUNCATE	5

enum ext4_journal_trigger_type {
	EXT4_JTR_ORPHAN_FILE,
	EXT4_JTR_NONE
};

#define EXT4_RESERVE_TRANS_BLOCKS	12U
#define EXT4_INDEX_EXTRA_TRANS_BLOCKS	12U
/* jbd2.h's: a metadata block whose checksum was checked once. */
#define BH_Verified	(BH_PrivateStart + 8)
BUFFER_FNS(Verified, verified)
#define EXT4_DATA_TRANS_BLOCKS(sb)	8
#define EXT4_META_TRANS_BLOCKS(sb)	8

static inline int ext4_handle_valid(handle_t *handle)
{
	return handle != NULL;
}

static inline handle_t *ext4_journal_start(struct inode *inode, int type, int nblocks)
{
	return NULL;
}

static inline handle_t *ext4_journal_start_sb(struct super_block *sb, int type, int nblocks)
{
	return NULL;
}

static inline int ext4_journal_stop(handle_t *handle)
{
	return 0;
}

static inline handle_t *ext4_journal_current_handle(void)
{
	return NULL;
}

static inline int ext4_journal_get_write_access(handle_t *handle, struct super_block *sb,
						struct buffer_head *bh,
						enum ext4_journal_trigger_type type)
{
	return 0;
}

static inline int ext4_journal_get_create_access(handle_t *handle, struct super_block *sb,
						 struct buffer_head *bh,
						 enum ext4_journal_trigger_type type)
{
	return 0;
}

static inline int ext4_handle_dirty_metadata(handle_t *handle, struct inode *inode,
					     struct buffer_head *bh)
{
	mark_buffer_dirty(bh);
	return 0;
}

static inline int ext4_forget(handle_t *handle, int is_metadata, struct inode *inode,
			      struct buffer_head *bh, ext4_fsblk_t blocknr)
{
	bforget(bh);
	return 0;
}

static inline int ext4_journal_ensure_credits(handle_t *handle, int credits, int revoke_creds)
{
	return 0;
}

#endif
