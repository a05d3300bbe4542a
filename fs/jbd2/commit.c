/*
 * jbd2 commit: write the committing transaction into the log, as Linux 6.1's
 * fs/jbd2/commit.c, run by kjournald2 (or by jbd2_journal_destroy for the last one).
 *
 * In order: lock the transaction and wait for its handles to stop; freeze a copy of
 * each buffer it logs; let a new transaction run; start writing the ordered data of
 * its files; write its revoke blocks, descriptor blocks and logged copies; wait for
 * the data and the log writes; then the commit block, with REQ_PREFLUSH (everything
 * before it is on stable storage first) and REQ_FUA (it is itself stable when done).
 * Only then do its buffers turn dirty for writeback to their homes (checkpointing).
 */
#include <linux/jbd2.h>
#include <linux/blkdev.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/time.h>

/* Locks the running transaction and waits for its last handle to stop. */
static transaction_t *lock_transaction_for_commit(journal_t *journal)
{
	transaction_t *commit_transaction;

	write_lock(&journal->j_state_lock);
	commit_transaction = journal->j_running_transaction;
	if (!commit_transaction) {
		/* Nothing ran since the request: it is satisfied. */
		journal->j_commit_sequence = journal->j_commit_request;
		write_unlock(&journal->j_state_lock);
		wake_up(&journal->j_wait_done_commit);
		return NULL;
	}
	commit_transaction->t_state = T_LOCKED;
	while (commit_transaction->t_updates) {
		DEFINE_WAIT(wait);

		prepare_to_wait(&journal->j_wait_updates, &wait, TASK_UNINTERRUPTIBLE);
		if (commit_transaction->t_updates) {
			write_unlock(&journal->j_state_lock);
			schedule();
			write_lock(&journal->j_state_lock);
		}
		finish_wait(&journal->j_wait_updates, &wait);
	}
	write_unlock(&journal->j_state_lock);
	return commit_transaction;
}

/*
 * While the transaction is locked and no handle runs: buffers it reserved but never
 * dirtied leave it, and each logged buffer's contents are copied (b_frozen_data), so
 * the next transaction may change the buffer while this one is written.
 */
static void freeze_transaction(journal_t *journal, transaction_t *commit_transaction)
{
	struct journal_head *jh;

	spin_lock(&journal->j_list_lock);
	while (!list_empty(&commit_transaction->t_reserved_list)) {
		jh = list_first_entry(&commit_transaction->t_reserved_list,
				      struct journal_head, b_list);
		__jbd2_journal_refile_buffer(jh);
	}
	spin_unlock(&journal->j_list_lock);
	/* No handle can reach t_buffers while the transaction is T_LOCKED. */
	list_for_each_entry(jh, &commit_transaction->t_buffers, b_list) {
		struct buffer_head *bh = jh2bh(jh);

		if (!jh->b_frozen_data)
			jh->b_frozen_data = kmalloc(bh->b_size, GFP_NOFS | __GFP_NOFAIL);
		memcpy(jh->b_frozen_data, bh->b_data, bh->b_size);
	}
}

/* The locked transaction becomes the committing one; a new one may start. */
static void switch_to_committing(journal_t *journal, transaction_t *commit_transaction)
{
	/* The running table's buffers lose BH_Revoked: its records go to the log now. */
	jbd2_clear_buffer_revoked_flags(journal);
	write_lock(&journal->j_state_lock);
	jbd2_journal_switch_revoke_table(journal);
	commit_transaction->t_state = T_FLUSH;
	commit_transaction->t_log_start = journal->j_head;
	journal->j_committing_transaction = commit_transaction;
	journal->j_running_transaction = NULL;
	write_unlock(&journal->j_state_lock);
	wake_up_all(&journal->j_wait_transaction_locked);
}

/* Starts writeback of each ordered file's range (phase 2). */
static int journal_submit_data_buffers(journal_t *journal, transaction_t *commit_transaction)
{
	int (*submit)(struct jbd2_inode *) = journal->j_submit_inode_data_buffers ?:
					     jbd2_journal_submit_inode_data_buffers;
	struct jbd2_inode *jinode;
	int err, ret = 0;

	spin_lock(&journal->j_list_lock);
	list_for_each_entry(jinode, &commit_transaction->t_inode_list, i_list) {
		if (!(jinode->i_flags & JI_WRITE_DATA))
			continue;
		jinode->i_flags |= JI_COMMIT_RUNNING;
		spin_unlock(&journal->j_list_lock);
		/* The inode stays: release_jbd_inode waits for JI_COMMIT_RUNNING. */
		err = submit(jinode);
		if (!ret)
			ret = err;
		spin_lock(&journal->j_list_lock);
		jinode->i_flags &= ~JI_COMMIT_RUNNING;
	}
	spin_unlock(&journal->j_list_lock);
	wake_up_all(&journal->j_wait_done_commit);
	return ret;
}

/*
 * Waits for the ordered data (phase 4), then moves each jbd2_inode on to the next
 * transaction that wrote it, or off the lists.
 */
static int journal_finish_inode_data_buffers(journal_t *journal,
					     transaction_t *commit_transaction)
{
	int (*finish)(struct jbd2_inode *) = journal->j_finish_inode_data_buffers ?:
					     jbd2_journal_finish_inode_data_buffers;
	struct jbd2_inode *jinode, *next_i;
	int err, ret = 0;

	spin_lock(&journal->j_list_lock);
	list_for_each_entry(jinode, &commit_transaction->t_inode_list, i_list) {
		if (!(jinode->i_flags & JI_WAIT_DATA))
			continue;
		jinode->i_flags |= JI_COMMIT_RUNNING;
		spin_unlock(&journal->j_list_lock);
		err = finish(jinode);
		if (!ret)
			ret = err;
		spin_lock(&journal->j_list_lock);
		jinode->i_flags &= ~JI_COMMIT_RUNNING;
	}
	list_for_each_entry_safe(jinode, next_i, &commit_transaction->t_inode_list, i_list) {
		list_del(&jinode->i_list);
		if (jinode->i_next_transaction) {
			jinode->i_transaction = jinode->i_next_transaction;
			jinode->i_next_transaction = NULL;
			list_add(&jinode->i_list, &jinode->i_transaction->t_inode_list);
		} else {
			jinode->i_transaction = NULL;
			jinode->i_dirty_start = 0;
			jinode->i_dirty_end = 0;
		}
	}
	spin_unlock(&journal->j_list_lock);
	wake_up_all(&journal->j_wait_done_commit);
	return ret;
}

/* Writes bufs[0..n-1] (locked, uptodate log buffers) and waits; drops them. */
static int write_log_buffers(struct buffer_head **bufs, int n)
{
	struct blk_plug plug;
	int i, err = 0;

	/* Plugged, the log's consecutive blocks leave as a few large requests (as Linux). */
	blk_start_plug(&plug);
	for (i = 0; i < n; i++) {
		struct buffer_head *bh = bufs[i];

		lock_buffer(bh);
		clear_buffer_dirty(bh);
		set_buffer_uptodate(bh);
		get_bh(bh);
		bh->b_end_io = end_buffer_write_sync;
		submit_bh(REQ_OP_WRITE | REQ_SYNC, bh);
	}
	blk_finish_plug(&plug);
	for (i = 0; i < n; i++) {
		wait_on_buffer(bufs[i]);
		if (unlikely(!buffer_uptodate(bufs[i])))
			err = -EIO;
		brelse(bufs[i]);
	}
	return err;
}

static void jbd2_block_tag_csum_set(journal_t *j, journal_block_tag_t *tag,
				    struct buffer_head *bh, u32 sequence)
{
	journal_block_tag3_t *tag3 = (journal_block_tag3_t *)tag;
	__be32 seq = cpu_to_be32(sequence);
	u32 csum32;

	if (!jbd2_journal_has_csum_v2or3(j))
		return;
	csum32 = jbd2_chksum(j, j->j_csum_seed, &seq, sizeof(seq));
	csum32 = jbd2_chksum(j, csum32, bh->b_data, bh->b_size);
	if (jbd2_has_feature_csum3(j))
		tag3->t_checksum = cpu_to_be32(csum32);
	else
		tag->t_checksum = cpu_to_be16(csum32);
}

static void write_tag_block(journal_t *j, journal_block_tag_t *tag, unsigned long long block)
{
	tag->t_blocknr = cpu_to_be32(block & (u32)~0);
	if (jbd2_has_feature_64bit(j))
		tag->t_blocknr_high = cpu_to_be32((block >> 31) >> 1);
}

static void set_tag_flags(journal_t *j, journal_block_tag_t *tag, unsigned int flags)
{
	if (jbd2_has_feature_csum3(j))
		((journal_block_tag3_t *)tag)->t_flags = cpu_to_be32(flags);
	else
		tag->t_flags = cpu_to_be16(flags);
}

/*
 * Writes at *tagp the tag of jh's block, logged with escape (its first word was the
 * journal's magic); a descriptor's first tag is followed by the uuid, the others say
 * "same uuid". Moves *tagp past both and returns the tag's flags.
 */
static unsigned int write_block_tag(journal_t *journal, transaction_t *commit_transaction,
				    struct buffer_head *descriptor, struct journal_head *jh,
				    struct buffer_head *logged, int escape, char **tagp)
{
	journal_block_tag_t *tag = (journal_block_tag_t *)*tagp;
	unsigned int flags = escape ? JBD2_FLAG_ESCAPE : 0;

	write_tag_block(journal, tag, jh2bh(jh)->b_blocknr);
	if (*tagp != descriptor->b_data + sizeof(journal_header_t))
		flags |= JBD2_FLAG_SAME_UUID;
	set_tag_flags(journal, tag, flags);
	jbd2_block_tag_csum_set(journal, tag, logged, commit_transaction->t_tid);
	*tagp += journal_tag_bytes(journal);
	if (!(flags & JBD2_FLAG_SAME_UUID)) {
		memcpy(*tagp, journal->j_uuid, 16);
		*tagp += 16;
	}
	return flags;
}

/*
 * Phase 3: descriptor blocks and the logged copies of every buffer. A descriptor and
 * its blocks go out together in j_wbuf; the last tag of each descriptor is flagged.
 */
static int write_metadata_blocks(journal_t *journal, transaction_t *commit_transaction)
{
	int tag_bytes = journal_tag_bytes(journal);
	int csum_size = jbd2_journal_has_csum_v2or3(journal) ?
			sizeof(struct jbd2_journal_block_tail) : 0;
	struct buffer_head *descriptor = NULL;
	journal_block_tag_t *tag = NULL;
	struct journal_head *jh;
	int bufs = 0, space_left, err;
	char *tagp = NULL;

	list_for_each_entry(jh, &commit_transaction->t_buffers, b_list) {
		unsigned long long blocknr;
		unsigned int flags;
		int escape;

		if (!descriptor) {
			descriptor = jbd2_journal_get_descriptor_buffer(commit_transaction,
									JBD2_DESCRIPTOR_BLOCK);
			if (!descriptor)
				return -EIO;
			tagp = descriptor->b_data + sizeof(journal_header_t);
			journal->j_wbuf[bufs++] = descriptor;
		}
		if (jbd2_journal_next_log_block(journal, &blocknr))
			goto fail;
		escape = jbd2_journal_write_metadata_buffer(commit_transaction, jh,
							    &journal->j_wbuf[bufs], blocknr);
		if (escape < 0)
			goto fail;
		tag = (journal_block_tag_t *)tagp;
		flags = write_block_tag(journal, commit_transaction, descriptor, jh,
					journal->j_wbuf[bufs], escape, &tagp);
		bufs++;
		space_left = journal->j_blocksize - csum_size - (tagp - descriptor->b_data);
		if (bufs < journal->j_wbufsize && space_left >= tag_bytes + 16 &&
		    jh->b_list.next != &commit_transaction->t_buffers)
			continue;
		set_tag_flags(journal, tag, flags | JBD2_FLAG_LAST_TAG);
		jbd2_descriptor_block_csum_set(journal, descriptor);
		err = write_log_buffers(journal->j_wbuf, bufs);
		descriptor = NULL;
		bufs = 0;
		if (err)
			return err;
	}
	return 0;

fail:
	while (bufs--)
		brelse(journal->j_wbuf[bufs]);
	return -EIO;
}

/* Phase 6: the commit block, flushed before and forced to stable storage. */
static int journal_write_commit_record(journal_t *journal, transaction_t *commit_transaction)
{
	struct commit_header *tmp;
	u64 now = ktime_get_real_ns();
	struct buffer_head *bh;
	blk_opf_t opf = REQ_OP_WRITE | REQ_SYNC;
	int ret;

	bh = jbd2_journal_get_descriptor_buffer(commit_transaction, JBD2_COMMIT_BLOCK);
	if (!bh)
		return -EIO;
	tmp = (struct commit_header *)bh->b_data;
	tmp->h_commit_sec = cpu_to_be64(now / NSEC_PER_SEC);
	tmp->h_commit_nsec = cpu_to_be32(now % NSEC_PER_SEC);
	if (jbd2_journal_has_csum_v2or3(journal))
		tmp->h_chksum[0] = cpu_to_be32(jbd2_chksum(journal, journal->j_csum_seed,
							   bh->b_data, journal->j_blocksize));
	if (journal->j_flags & JBD2_BARRIER)
		opf |= REQ_PREFLUSH | REQ_FUA;
	lock_buffer(bh);
	clear_buffer_dirty(bh);
	set_buffer_uptodate(bh);
	get_bh(bh);
	bh->b_end_io = end_buffer_write_sync;
	submit_bh(opf, bh);
	wait_on_buffer(bh);
	ret = buffer_uptodate(bh) ? 0 : -EIO;
	brelse(bh);
	return ret;
}

/*
 * Phase 7: the transaction is in the log. Each logged buffer joins its checkpoint
 * list (it must be written home before the log space is reused), leaving an older
 * transaction's list; it moves to the next transaction or becomes dirty for
 * writeback. Freed buffers are dropped.
 */
static void process_committed_buffers(journal_t *journal, transaction_t *commit_transaction)
{
	struct journal_head *jh;

	spin_lock(&journal->j_list_lock);
	while (!list_empty(&commit_transaction->t_forget)) {
		jh = list_first_entry(&commit_transaction->t_forget, struct journal_head, b_list);
		if (jh->b_cp_transaction)
			__jbd2_journal_remove_checkpoint(jh);
		clear_buffer_freed(jh2bh(jh));
		__jbd2_journal_refile_buffer(jh);
	}
	while (!list_empty(&commit_transaction->t_buffers)) {
		struct buffer_head *bh;

		jh = list_first_entry(&commit_transaction->t_buffers, struct journal_head, b_list);
		bh = jh2bh(jh);
		kfree(jh->b_frozen_data);
		jh->b_frozen_data = NULL;
		if (jh->b_cp_transaction)
			__jbd2_journal_remove_checkpoint(jh);
		if (buffer_freed(bh) && !jh->b_next_transaction) {
			/* Freed while committing: logged, but never to be written home. */
			clear_buffer_freed(bh);
			clear_buffer_jbddirty(bh);
		}
		if (is_journal_aborted(journal))
			clear_buffer_jbddirty(bh);
		if (buffer_jbddirty(bh))
			__jbd2_journal_insert_checkpoint(jh, commit_transaction);
		__jbd2_journal_refile_buffer(jh);
	}
	spin_unlock(&journal->j_list_lock);
}

/* The commit is done: the transaction goes to the checkpoint list or is freed. */
static void finish_commit(journal_t *journal, transaction_t *commit_transaction)
{
	if (journal->j_commit_callback)
		journal->j_commit_callback(journal, commit_transaction);
	write_lock(&journal->j_state_lock);
	spin_lock(&journal->j_list_lock);
	commit_transaction->t_state = T_FINISHED;
	journal->j_commit_sequence = commit_transaction->t_tid;
	journal->j_committing_transaction = NULL;
	if (list_empty(&commit_transaction->t_checkpoint_list))
		jbd2_journal_free_transaction(commit_transaction);
	else
		list_add_tail(&commit_transaction->t_cplist,
			      &journal->j_checkpoint_transactions);
	spin_unlock(&journal->j_list_lock);
	write_unlock(&journal->j_state_lock);
	wake_up_all(&journal->j_wait_done_commit);
}

/* Writes the log part of the commit, phases 2-6. 0, or -errno (the journal aborts). */
static int write_transaction(journal_t *journal, transaction_t *commit_transaction)
{
	LIST_HEAD(log_bufs);
	int err, err2;

	/*
	 * An empty log (s_start 0) on disk would hide this transaction from recovery: the
	 * superblock first says where the log starts (and carries any new features).
	 */
	if (journal->j_flags & JBD2_FLUSHED) {
		mutex_lock(&journal->j_checkpoint_mutex);
		err = jbd2_journal_update_sb_log_tail(journal, journal->j_tail_sequence,
						      journal->j_tail, REQ_SYNC);
		mutex_unlock(&journal->j_checkpoint_mutex);
		if (err)
			return err;
	}
	err = journal_submit_data_buffers(journal, commit_transaction);
	jbd2_journal_write_revoke_records(commit_transaction, &log_bufs);
	while (!list_empty(&log_bufs)) {
		struct buffer_head *bh = list_first_entry(&log_bufs, struct buffer_head,
							  b_assoc_buffers);

		list_del_init(&bh->b_assoc_buffers);
		err2 = write_log_buffers(&bh, 1);
		if (!err)
			err = err2;
	}
	err2 = write_metadata_blocks(journal, commit_transaction);
	if (!err)
		err = err2;
	err2 = journal_finish_inode_data_buffers(journal, commit_transaction);
	if (!err)
		err = err2;
	if (err)
		return err;
	/* An external journal: the file system's data must be stable before the commit. */
	if (journal->j_fs_dev != journal->j_dev && (journal->j_flags & JBD2_BARRIER))
		blkdev_issue_flush(journal->j_fs_dev);
	write_lock(&journal->j_state_lock);
	commit_transaction->t_state = T_COMMIT;
	write_unlock(&journal->j_state_lock);
	return journal_write_commit_record(journal, commit_transaction);
}

/**
 * jbd2_journal_commit_transaction - commit the running transaction
 * @journal: the journal
 *
 * An I/O error aborts the journal: the transaction is not committed, and the file
 * system turns read-only. Context: kjournald2, or the unmount after it stopped.
 */
void jbd2_journal_commit_transaction(journal_t *journal)
{
	transaction_t *commit_transaction;
	int err;

	commit_transaction = lock_transaction_for_commit(journal);
	if (!commit_transaction)
		return;
	freeze_transaction(journal, commit_transaction);
	switch_to_committing(journal, commit_transaction);
	if (is_journal_aborted(journal))
		err = -EIO;
	else
		err = write_transaction(journal, commit_transaction);
	if (err) {
		pr_err("JBD2: error %d committing transaction %u on %s\n", err,
		       commit_transaction->t_tid, journal->j_devname);
		jbd2_journal_abort(journal, err);
	}
	process_committed_buffers(journal, commit_transaction);
	finish_commit(journal, commit_transaction);
}
