/*
 * ext4's calls into the journal, as Linux 6.1's fs/ext4/ext4_jbd2.h: every metadata
 * change goes through a handle (ext4_journal_start .. ext4_journal_stop), asks for
 * write or create access to a buffer before changing it, and hands it back with
 * ext4_handle_dirty_metadata. Without a journal the handle is a small reference count
 * in current->journal_info rather than a pointer, and the buffer is simply marked dirty.
 */
#ifndef _EXT4_JBD2_H
#define _EXT4_JBD2_H

#include <linux/fs.h>
#include <linux/jbd2.h>
#include "ext4.h"

#define EXT4_JOURNAL(inode)	(EXT4_SB((inode)->i_sb)->s_journal)

/*
 * Credits: the metadata blocks one operation may dirty. Changing one data block of a
 * file with extents: the extent tree path (depth up to 5, each level a block and maybe
 * a split), a bitmap, a group descriptor, the inode and the superblock.
 */
#define EXT4_SINGLEDATA_TRANS_BLOCKS(sb)	20U
#define EXT4_XATTR_TRANS_BLOCKS			6U
#define EXT4_DATA_TRANS_BLOCKS(sb)	(EXT4_SINGLEDATA_TRANS_BLOCKS(sb) + \
					 EXT4_XATTR_TRANS_BLOCKS - 2)
#define EXT4_META_TRANS_BLOCKS(sb)	EXT4_XATTR_TRANS_BLOCKS
#define EXT4_MAX_TRANS_DATA		64U
#define EXT4_RESERVE_TRANS_BLOCKS	12U
#define EXT4_INDEX_EXTRA_TRANS_BLOCKS	12U

/* Handle types, for messages (h_type). */
#define EXT4_HT_MISC		0
#define EXT4_HT_INODE		1
#define EXT4_HT_WRITE_PAGE	2
#define EXT4_HT_MAP_BLOCKS	3
#define EXT4_HT_DIR		4
#define EXT4_HT_TRUNCATE	5
#define EXT4_HT_QUOTA		6
#define EXT4_HT_RESIZE		7
#define EXT4_HT_MIGRATE		8
#define EXT4_HT_MOVE_EXTENTS	9
#define EXT4_HT_XATTR		10
#define EXT4_HT_EXT_CONVERT	11
#define EXT4_HT_MAX		12

/*
 * Commit-time triggers: Linux's only one computes the orphan file's block checksums;
 * there is no orphan file here, so every caller passes EXT4_JTR_NONE.
 */
enum ext4_journal_trigger_type {
	EXT4_JTR_ORPHAN_FILE,
	EXT4_JTR_NONE,
};

int __ext4_journal_get_write_access(const char *where, unsigned int line, handle_t *handle,
				    struct super_block *sb, struct buffer_head *bh,
				    enum ext4_journal_trigger_type trigger_type);
int __ext4_forget(const char *where, unsigned int line, handle_t *handle, int is_metadata,
		  struct inode *inode, struct buffer_head *bh, ext4_fsblk_t blocknr);
int __ext4_journal_get_create_access(const char *where, unsigned int line, handle_t *handle,
				     struct super_block *sb, struct buffer_head *bh,
				     enum ext4_journal_trigger_type trigger_type);
int __ext4_handle_dirty_metadata(const char *where, unsigned int line, handle_t *handle,
				 struct inode *inode, struct buffer_head *bh);

#define ext4_journal_get_write_access(handle, sb, bh, trigger_type) \
	__ext4_journal_get_write_access(__func__, __LINE__, (handle), (sb), (bh), \
					(trigger_type))
#define ext4_forget(handle, is_metadata, inode, bh, block_nr) \
	__ext4_forget(__func__, __LINE__, (handle), (is_metadata), (inode), (bh), (block_nr))
#define ext4_journal_get_create_access(handle, sb, bh, trigger_type) \
	__ext4_journal_get_create_access(__func__, __LINE__, (handle), (sb), (bh), \
					 (trigger_type))
#define ext4_handle_dirty_metadata(handle, inode, bh) \
	__ext4_handle_dirty_metadata(__func__, __LINE__, (handle), (inode), (bh))

handle_t *__ext4_journal_start_sb(struct super_block *sb, unsigned int line, int type,
				  int blocks, int rsv_blocks, int revoke_creds);
int __ext4_journal_stop(const char *where, unsigned int line, handle_t *handle);

/* A handle below this is the no-journal reference count, not a pointer. */
#define EXT4_NOJOURNAL_MAX_REF_COUNT	((unsigned long)4096)

static inline int ext4_handle_valid(handle_t *handle)
{
	return (unsigned long)handle >= EXT4_NOJOURNAL_MAX_REF_COUNT;
}

/* Makes the handle's transaction commit, and ext4_journal_stop wait for it. */
static inline void ext4_handle_sync(handle_t *handle)
{
	if (ext4_handle_valid(handle))
		handle->h_sync = 1;
}

static inline int ext4_handle_is_aborted(handle_t *handle)
{
	if (ext4_handle_valid(handle))
		return is_handle_aborted(handle);
	return 0;
}

/* Freeing a metadata block may free a cluster: one revoke record per block. */
static inline int ext4_free_metadata_revoke_credits(struct super_block *sb, int blocks)
{
	return blocks * EXT4_SB(sb)->s_cluster_ratio;
}

static inline int ext4_trans_default_revoke_credits(struct super_block *sb)
{
	return ext4_free_metadata_revoke_credits(sb, 8);
}

#define ext4_journal_start_sb(sb, type, nblocks) \
	__ext4_journal_start_sb((sb), __LINE__, (type), (nblocks), 0, \
				ext4_trans_default_revoke_credits(sb))
#define ext4_journal_start(inode, type, nblocks) \
	__ext4_journal_start_sb((inode)->i_sb, __LINE__, (type), (nblocks), 0, \
				ext4_trans_default_revoke_credits((inode)->i_sb))
#define ext4_journal_start_with_revoke(inode, type, blocks, revoke_creds) \
	__ext4_journal_start_sb((inode)->i_sb, __LINE__, (type), (blocks), 0, (revoke_creds))
#define ext4_journal_stop(handle) \
	__ext4_journal_stop(__func__, __LINE__, (handle))

static inline handle_t *ext4_journal_current_handle(void)
{
	return journal_current_handle();
}

static inline int ext4_journal_extend(handle_t *handle, int nblocks, int revoke)
{
	if (ext4_handle_valid(handle))
		return jbd2_journal_extend(handle, nblocks, revoke);
	return 0;
}

static inline int ext4_journal_restart(handle_t *handle, int nblocks, int revoke)
{
	if (ext4_handle_valid(handle))
		return jbd2__journal_restart(handle, nblocks, revoke, GFP_NOFS);
	return 0;
}

/*
 * Makes sure the handle has check_cred credits: extends it, or else restarts it (its
 * changes so far commit apart) with extend_cred. Returns 0 when it had or got them by
 * extending, 1 when it restarted, -errno.
 */
int __ext4_journal_ensure_credits(handle_t *handle, int check_cred, int extend_cred,
				  int revoke_cred);

static inline int ext4_journal_ensure_credits(handle_t *handle, int credits,
					      int revoke_creds)
{
	int err = __ext4_journal_ensure_credits(handle, credits, credits, revoke_creds);

	if (err <= 0)
		return err;
	err = ext4_journal_restart(handle, credits, revoke_creds);
	return err ? err : 1;
}

static inline int ext4_journal_force_commit(journal_t *journal)
{
	if (journal)
		return jbd2_journal_force_commit(journal);
	return 0;
}

/*
 * The inode's jbd2_inode for ordered data, made on first need (Linux makes it at open
 * for write): 0 or -ENOMEM. ext4_inode_release_jinode frees it when the inode is
 * evicted (Linux's ext4_clear_inode does).
 */
int ext4_inode_attach_jinode(struct inode *inode);
void ext4_inode_release_jinode(struct inode *inode);

/* Orders the file's bytes start..start+length-1 before the handle's commit block. */
int ext4_jbd2_inode_add_write(handle_t *handle, struct inode *inode, loff_t start_byte,
			      loff_t length);
int ext4_jbd2_inode_add_wait(handle_t *handle, struct inode *inode, loff_t start_byte,
			     loff_t length);

/* Records the transaction fsync must wait for to cover this inode's change. */
static inline void ext4_update_inode_fsync_trans(handle_t *handle, struct inode *inode,
						 int datasync)
{
	struct ext4_inode_info *ei = EXT4_I(inode);

	if (ext4_handle_valid(handle) && !is_handle_aborted(handle)) {
		ei->i_sync_tid = handle->h_transaction->t_tid;
		if (datasync)
			ei->i_datasync_tid = handle->h_transaction->t_tid;
	}
}

int ext4_force_commit(struct super_block *sb);

#define EXT4_INODE_JOURNAL_DATA_MODE	0x01
#define EXT4_INODE_ORDERED_DATA_MODE	0x02
#define EXT4_INODE_WRITEBACK_DATA_MODE	0x04

/* Only data=ordered (ext4's default) is implemented with a journal. */
int ext4_inode_journal_mode(struct inode *inode);

static inline int ext4_should_journal_data(struct inode *inode)
{
	return ext4_inode_journal_mode(inode) & EXT4_INODE_JOURNAL_DATA_MODE;
}

static inline int ext4_should_order_data(struct inode *inode)
{
	return ext4_inode_journal_mode(inode) & EXT4_INODE_ORDERED_DATA_MODE;
}

static inline int ext4_should_writeback_data(struct inode *inode)
{
	return ext4_inode_journal_mode(inode) & EXT4_INODE_WRITEBACK_DATA_MODE;
}

/*
 * The journal's part of super.c and fsync.c, kept here: mounting the journal (replay
 * included), unmounting it, and syncing through it.
 */
int ext4_load_journal(struct super_block *sb, struct ext4_super_block *es,
		      unsigned long journal_devnum);
int ext4_journal_destroy(struct ext4_sb_info *sbi, journal_t *journal);
int ext4_sync_fs(struct super_block *sb, int wait);
int ext4_fsync_journal(struct inode *inode, bool datasync, bool *needs_barrier);
/* The aops' bmap, for the journal inode (ext4_aops should name it). */
sector_t ext4_bmap(struct address_space *mapping, sector_t block);

#endif
