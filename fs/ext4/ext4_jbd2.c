/*
 * ext4's interface to jbd2, as Linux 6.1's fs/ext4/ext4_jbd2.c: handles, access to and
 * dirtying of metadata buffers, forgetting freed ones, with and without a journal; and
 * the journal's part of mount, unmount, sync and fsync (Linux's super.c and fsync.c).
 */
#include "ext4_jbd2.h"
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/slab.h>

/* Only data=ordered with a journal: data=journal and data=writeback are not built. */
int ext4_inode_journal_mode(struct inode *inode)
{
	if (!EXT4_JOURNAL(inode))
		return EXT4_INODE_WRITEBACK_DATA_MODE;
	return EXT4_INODE_ORDERED_DATA_MODE;
}

/* Without a journal the "handle" counts the nesting in current->journal_info. */
static handle_t *ext4_get_nojournal(void)
{
	unsigned long ref_cnt = (unsigned long)current->journal_info;

	BUG_ON(ref_cnt >= EXT4_NOJOURNAL_MAX_REF_COUNT - 1);
	current->journal_info = (handle_t *)(ref_cnt + 1);
	return current->journal_info;
}

static void ext4_put_nojournal(handle_t *handle)
{
	unsigned long ref_cnt = (unsigned long)handle;

	BUG_ON(ref_cnt == 0);
	current->journal_info = (handle_t *)(ref_cnt - 1);
}

static int ext4_journal_check_start(struct super_block *sb)
{
	journal_t *journal = EXT4_SB(sb)->s_journal;

	might_sleep();
	if (sb_rdonly(sb))
		return -EROFS;
	if (journal && is_journal_aborted(journal)) {
		ext4_msg(sb, KERN_ERR, "Detected aborted journal");
		return -EROFS;
	}
	return 0;
}

/* A handle for blocks credits (and revoke_creds revoke records), or ERR_PTR. */
handle_t *__ext4_journal_start_sb(struct super_block *sb, unsigned int line, int type,
				  int blocks, int rsv_blocks, int revoke_creds)
{
	journal_t *journal;
	int err;

	err = ext4_journal_check_start(sb);
	if (err < 0)
		return ERR_PTR(err);
	journal = EXT4_SB(sb)->s_journal;
	if (!journal)
		return ext4_get_nojournal();
	return jbd2__journal_start(journal, blocks, rsv_blocks, revoke_creds, GFP_NOFS,
				   type, line);
}

/* Ends the handle; its error, or the commit's for a synchronous one. */
int __ext4_journal_stop(const char *where, unsigned int line, handle_t *handle)
{
	struct super_block *sb;
	int err, rc;

	if (!ext4_handle_valid(handle)) {
		ext4_put_nojournal(handle);
		return 0;
	}
	err = handle->h_err;
	if (!handle->h_transaction) {
		rc = jbd2_journal_stop(handle);
		return err ? err : rc;
	}
	sb = handle->h_transaction->t_journal->j_private;
	rc = jbd2_journal_stop(handle);
	if (!err)
		err = rc;
	if (err)
		__ext4_std_error(sb, where, line, err);
	return err;
}

int __ext4_journal_ensure_credits(handle_t *handle, int check_cred, int extend_cred,
				  int revoke_cred)
{
	if (!ext4_handle_valid(handle))
		return 0;
	if (jbd2_handle_buffer_credits(handle) >= check_cred &&
	    handle->h_revoke_credits >= revoke_cred)
		return 0;
	extend_cred = max(0, extend_cred - jbd2_handle_buffer_credits(handle));
	revoke_cred = max(0, revoke_cred - handle->h_revoke_credits);
	return ext4_journal_extend(handle, extend_cred, revoke_cred);
}

static void ext4_journal_abort_handle(const char *caller, unsigned int line,
				      const char *err_fn, struct buffer_head *bh,
				      handle_t *handle, int err)
{
	if (bh)
		pr_err("EXT4-fs: %s:%u: aborting transaction: error %d in %s (block %llu)\n",
		       caller, line, err, err_fn, (unsigned long long)bh->b_blocknr);
	else
		pr_err("EXT4-fs: %s:%u: aborting transaction: error %d in %s\n",
		       caller, line, err, err_fn);
	jbd2_journal_abort_handle(handle);
}

/* Before changing an existing metadata block: the journal may need its old state. */
int __ext4_journal_get_write_access(const char *where, unsigned int line, handle_t *handle,
				    struct super_block *sb, struct buffer_head *bh,
				    enum ext4_journal_trigger_type trigger_type)
{
	int err;

	might_sleep();
	if (!ext4_handle_valid(handle))
		return 0;
	err = jbd2_journal_get_write_access(handle, bh);
	if (err)
		ext4_journal_abort_handle(where, line, __func__, bh, handle, err);
	return err;
}

/* Before filling a newly allocated metadata block whose old contents do not matter. */
int __ext4_journal_get_create_access(const char *where, unsigned int line, handle_t *handle,
				     struct super_block *sb, struct buffer_head *bh,
				     enum ext4_journal_trigger_type trigger_type)
{
	int err;

	if (!ext4_handle_valid(handle))
		return 0;
	err = jbd2_journal_get_create_access(handle, bh);
	if (err)
		ext4_journal_abort_handle(where, line, __func__, bh, handle, err);
	return err;
}

/*
 * A block is being freed. Metadata must be revoked so a replay of an older transaction
 * cannot write it over the block's next user; a data block (never journaled in
 * data=ordered) only loses its buffer. bh may be NULL (not in memory), and is released.
 */
int __ext4_forget(const char *where, unsigned int line, handle_t *handle, int is_metadata,
		  struct inode *inode, struct buffer_head *bh, ext4_fsblk_t blocknr)
{
	int err;

	might_sleep();
	if (!ext4_handle_valid(handle)) {
		if (bh) {
			clear_buffer_dirty(bh);
			wait_on_buffer(bh);
			__bforget(bh);
		}
		return 0;
	}
	if (!is_metadata && !ext4_should_journal_data(inode)) {
		if (!bh)
			return 0;
		err = jbd2_journal_forget(handle, bh);
		if (err)
			ext4_journal_abort_handle(where, line, __func__, bh, handle, err);
		return err;
	}
	err = jbd2_journal_revoke(handle, blocknr, bh);
	if (err) {
		ext4_journal_abort_handle(where, line, __func__, bh, handle, err);
		__ext4_error(inode->i_sb, where, line, true, -err, 0,
			     "error %d when attempting revoke", err);
	}
	return err;
}

/* The buffer's change is done: log it in the handle's transaction, or mark it dirty. */
int __ext4_handle_dirty_metadata(const char *where, unsigned int line, handle_t *handle,
				 struct inode *inode, struct buffer_head *bh)
{
	int err;

	might_sleep();
	set_buffer_meta(bh);
	set_buffer_uptodate(bh);
	if (!ext4_handle_valid(handle)) {
		mark_buffer_dirty(bh);
		return 0;
	}
	err = jbd2_journal_dirty_metadata(handle, bh);
	if (err && !is_handle_aborted(handle)) {
		ext4_journal_abort_handle(where, line, __func__, bh, handle, err);
		pr_err("EXT4-fs: jbd2_journal_dirty_metadata failed: handle type %u started at line %u, credits %u/%u, errcode %d\n",
		       handle->h_type, handle->h_line_no, handle->h_requested_credits,
		       jbd2_handle_buffer_credits(handle), err);
	}
	return err;
}

int ext4_inode_attach_jinode(struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct jbd2_inode *jinode;

	if (ei->jinode || !EXT4_JOURNAL(inode))
		return 0;
	jinode = kmalloc(sizeof(*jinode), GFP_NOFS);
	if (!jinode)
		return -ENOMEM;
	jbd2_journal_init_jbd_inode(jinode, inode);
	/* Two writers may race to attach one: the journal's list lock picks one. */
	spin_lock(&EXT4_JOURNAL(inode)->j_list_lock);
	if (!ei->jinode) {
		ei->jinode = jinode;
		jinode = NULL;
	}
	spin_unlock(&EXT4_JOURNAL(inode)->j_list_lock);
	kfree(jinode);
	return 0;
}

void ext4_inode_release_jinode(struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);

	if (!ei->jinode)
		return;
	jbd2_journal_release_jbd_inode(EXT4_JOURNAL(inode), ei->jinode);
	kfree(ei->jinode);
	ei->jinode = NULL;
}

static int ext4_jbd2_inode_add(handle_t *handle, struct inode *inode, loff_t start_byte,
			       loff_t length,
			       int (*add)(handle_t *, struct jbd2_inode *, loff_t, loff_t))
{
	int err;

	if (!ext4_handle_valid(handle))
		return 0;
	err = ext4_inode_attach_jinode(inode);
	if (err)
		return err;
	return add(handle, EXT4_I(inode)->jinode, start_byte, length);
}

int ext4_jbd2_inode_add_write(handle_t *handle, struct inode *inode, loff_t start_byte,
			      loff_t length)
{
	return ext4_jbd2_inode_add(handle, inode, start_byte, length,
				   jbd2_journal_inode_ranged_write);
}

int ext4_jbd2_inode_add_wait(handle_t *handle, struct inode *inode, loff_t start_byte,
			     loff_t length)
{
	return ext4_jbd2_inode_add(handle, inode, start_byte, length,
				   jbd2_journal_inode_ranged_wait);
}

/* The journal inode (inum 8), checked; NULL with a message. */
static struct inode *ext4_get_journal_inode(struct super_block *sb, unsigned int journal_inum)
{
	struct inode *journal_inode;

	journal_inode = ext4_iget(sb, journal_inum, EXT4_IGET_SPECIAL);
	if (IS_ERR(journal_inode)) {
		ext4_msg(sb, KERN_ERR, "no journal found");
		return NULL;
	}
	if (!journal_inode->i_nlink) {
		iput(journal_inode);
		ext4_msg(sb, KERN_ERR, "journal inode is deleted");
		return NULL;
	}
	if (!S_ISREG(journal_inode->i_mode)) {
		ext4_msg(sb, KERN_ERR, "invalid journal inode");
		iput(journal_inode);
		return NULL;
	}
	return journal_inode;
}

/* The disk block of a log block, through the journal inode's extent tree. */
static int ext4_journal_bmap(journal_t *journal, sector_t *block)
{
	struct ext4_map_blocks map;
	int ret;

	map.m_lblk = *block;
	map.m_len = 1;
	map.m_flags = 0;
	ret = ext4_map_blocks(NULL, journal->j_inode, &map, 0);
	if (ret <= 0) {
		ext4_msg(journal->j_inode->i_sb, KERN_CRIT, "journal bmap failed: block %llu ret %d",
			 (unsigned long long)*block, ret);
		jbd2_journal_abort(journal, ret ? ret : -EIO);
		return ret ? ret : -EIO;
	}
	*block = map.m_pblk;
	return 0;
}

static journal_t *ext4_get_journal(struct super_block *sb, unsigned int journal_inum)
{
	struct inode *journal_inode;
	journal_t *journal;

	journal_inode = ext4_get_journal_inode(sb, journal_inum);
	if (!journal_inode)
		return NULL;
	journal = jbd2_journal_init_inode(journal_inode);
	if (!journal) {
		ext4_msg(sb, KERN_ERR, "Could not load journal inode");
		iput(journal_inode);
		return NULL;
	}
	journal->j_private = sb;
	journal->j_bmap = ext4_journal_bmap;
	/* ext4's defaults: commit every 5 s, barriers on. */
	journal->j_commit_interval = HZ * JBD2_DEFAULT_MAX_COMMIT_AGE;
	journal->j_flags |= JBD2_BARRIER;
	return journal;
}

/* metadata_csum: the journal's blocks carry crc32c checksums too (csum v3). */
static int set_journal_csum_feature_set(struct super_block *sb)
{
	journal_t *journal = EXT4_SB(sb)->s_journal;

	jbd2_journal_clear_features(journal, JBD2_FEATURE_COMPAT_CHECKSUM, 0,
				    JBD2_FEATURE_INCOMPAT_CSUM_V3 |
				    JBD2_FEATURE_INCOMPAT_CSUM_V2 |
				    JBD2_FEATURE_INCOMPAT_ASYNC_COMMIT);
	if (!ext4_has_metadata_csum(sb))
		return 1;
	return jbd2_journal_set_features(journal, 0, 0, JBD2_FEATURE_INCOMPAT_CSUM_V3);
}

/* Reports an error the journal recorded at the last mount, and clears it. */
static void ext4_clear_journal_err(struct super_block *sb)
{
	journal_t *journal = EXT4_SB(sb)->s_journal;
	int j_errno = jbd2_journal_errno(journal);

	if (!j_errno)
		return;
	ext4_msg(sb, KERN_ERR, "Filesystem error recorded from previous mount: %d", j_errno);
	jbd2_journal_clear_err(journal);
	jbd2_journal_update_sb_errno(journal);
}

/* After the journal is loaded: the features ext4 writes through it. 0 or -EINVAL. */
static int ext4_init_journal_features(struct super_block *sb)
{
	journal_t *journal = EXT4_SB(sb)->s_journal;

	if (ext4_has_feature_64bit(sb) &&
	    !jbd2_journal_set_features(journal, 0, 0, JBD2_FEATURE_INCOMPAT_64BIT)) {
		ext4_msg(sb, KERN_ERR, "Failed to set 64-bit journal feature");
		return -EINVAL;
	}
	if (!set_journal_csum_feature_set(sb)) {
		ext4_msg(sb, KERN_ERR, "Failed to set journal checksum feature set");
		return -EINVAL;
	}
	return 0;
}

/*
 * A read-only mount after a replay: nothing will mark the file system as needing
 * recovery again, so the log is emptied first (everything written home) and the flag
 * cleared. 0 or -errno.
 */
static int ext4_mark_recovery_complete(struct super_block *sb)
{
	journal_t *journal = EXT4_SB(sb)->s_journal;
	int err;

	jbd2_journal_lock_updates(journal);
	err = jbd2_journal_flush(journal, 0);
	jbd2_journal_unlock_updates(journal);
	if (err)
		return err;
	ext4_clear_feature_journal_needs_recovery(sb);
	return ext4_commit_super(sb);
}

/**
 * ext4_load_journal - open the journal at mount, replaying it if the file system
 * needs recovery (EXT4_FEATURE_INCOMPAT_RECOVER)
 * @sb: the file system being mounted, its superblock read
 * @es: its on-disk superblock (in EXT4_SB(sb)->s_sbh)
 * @journal_devnum: an external journal device: not supported, must be 0
 *
 * On success EXT4_SB(sb)->s_journal is set and kjournald2 runs. A read-write mount
 * then marks the file system as needing recovery on disk until ext4_journal_destroy,
 * so a crash in between makes the next mount replay the log.
 * Return: 0, or -errno with a console message; the file system is not changed.
 */
int ext4_load_journal(struct super_block *sb, struct ext4_super_block *es,
		      unsigned long journal_devnum)
{
	unsigned int journal_inum = le32_to_cpu(es->s_journal_inum);
	bool needs_recovery = ext4_has_feature_journal_needs_recovery(sb);
	journal_t *journal;
	int err = 0;

	if (journal_devnum || le32_to_cpu(es->s_journal_dev) || !journal_inum) {
		ext4_msg(sb, KERN_ERR, "external journal devices are not supported");
		return -EINVAL;
	}
	journal = ext4_get_journal(sb, journal_inum);
	if (!journal)
		return -EINVAL;
	if (needs_recovery && sb_rdonly(sb))
		ext4_msg(sb, KERN_INFO, "INFO: recovery required on readonly filesystem; write access will be enabled during recovery");
	if (!needs_recovery)
		err = jbd2_journal_wipe(journal, true);
	if (!err)
		err = jbd2_journal_load(journal);
	if (err) {
		ext4_msg(sb, KERN_ERR, "error loading journal");
		jbd2_journal_destroy(journal);
		return err;
	}
	EXT4_SB(sb)->s_journal = journal;
	ext4_clear_journal_err(sb);
	err = ext4_init_journal_features(sb);
	if (err) {
		EXT4_SB(sb)->s_journal = NULL;
		jbd2_journal_destroy(journal);
		return err;
	}
	if (needs_recovery)
		ext4_msg(sb, KERN_INFO, "recovery complete");
	if (sb_rdonly(sb))
		return needs_recovery ? ext4_mark_recovery_complete(sb) : 0;
	ext4_set_feature_journal_needs_recovery(sb);
	return ext4_commit_super(sb);
}

/**
 * ext4_journal_destroy - unmount the journal: commit, write everything home, mark the
 * log empty, stop kjournald2
 * @sbi: the file system's
 * @journal: sbi->s_journal
 *
 * Clears EXT4_FEATURE_INCOMPAT_RECOVER in the in-memory superblock when the journal
 * ended cleanly; the caller (ext4_put_super) writes the superblock after.
 * Return: 0, or -EIO if the journal had aborted (the flag then stays set).
 */
int ext4_journal_destroy(struct ext4_sb_info *sbi, journal_t *journal)
{
	bool aborted = is_journal_aborted(journal);
	struct super_block *sb = journal->j_private;
	int err;

	err = jbd2_journal_destroy(journal);
	sbi->s_journal = NULL;
	if (err < 0 || aborted) {
		ext4_msg(sb, KERN_ERR, "Couldn't clean up the journal");
		return err ? err : -EIO;
	}
	if (!sb_rdonly(sb))
		ext4_clear_feature_journal_needs_recovery(sb);
	return 0;
}

/* Commits the running transaction and waits (a sync of everything the fs changed). */
int ext4_force_commit(struct super_block *sb)
{
	return ext4_journal_force_commit(EXT4_SB(sb)->s_journal);
}

/**
 * ext4_sync_fs - super_operations.sync_fs: make every change so far durable
 * With a journal, committing the running transaction does it (its commit block
 * flushes the device); without one, the device's cache is flushed.
 * Return: 0 or -EIO.
 */
int ext4_sync_fs(struct super_block *sb, int wait)
{
	journal_t *journal = EXT4_SB(sb)->s_journal;
	tid_t target;

	if (!journal)
		return wait ? blkdev_issue_flush(sb->s_bdev) : 0;
	if (jbd2_journal_start_commit(journal, &target) && wait)
		return jbd2_log_wait_commit(journal, target);
	return 0;
}

/**
 * ext4_fsync_journal - fsync's journal part, after the file's data was written
 * Commits the transaction that last changed the inode (or, for fdatasync, its size
 * or blocks) and waits. *needs_barrier is set when that commit is already on disk,
 * so the caller must still flush the device for the data it just wrote.
 * Return: 0 or -EIO.
 */
int ext4_fsync_journal(struct inode *inode, bool datasync, bool *needs_barrier)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	journal_t *journal = EXT4_SB(inode->i_sb)->s_journal;
	tid_t commit_tid = datasync ? ei->i_datasync_tid : ei->i_sync_tid;

	if (jbd2_transaction_committed(journal, commit_tid))
		*needs_barrier = true;
	return jbd2_complete_transaction(journal, commit_tid);
}

/*
 * address_space_operations.bmap (Linux's is in inode.c): the disk block of a file
 * block, 0 for a hole. jbd2 finds the journal inode's superblock with it.
 */
sector_t ext4_bmap(struct address_space *mapping, sector_t block)
{
	struct ext4_map_blocks map = { .m_lblk = block, .m_len = 1 };

	if (ext4_map_blocks(NULL, mapping->host, &map, 0) <= 0)
		return 0;
	return map.m_pblk;
}
