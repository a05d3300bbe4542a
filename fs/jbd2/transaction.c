/*
 * jbd2 transactions and handles, as Linux 6.1's fs/jbd2/transaction.c: a handle is one
 * atomic change (jbd2_journal_start .. jbd2_journal_stop) inside the running
 * transaction; it takes write or create access to each metadata buffer before changing
 * it and files it on the transaction with jbd2_journal_dirty_metadata. The transaction
 * collects every such buffer and commits them together.
 *
 * A buffer the committing transaction logs may be changed at once by the next one: the
 * commit logs the copy (b_frozen_data) it took while no handle ran, and the buffer
 * moves to the next transaction (b_next_transaction) when the commit is done. Journaled
 * buffers are BH_JBDDirty, never BH_Dirty, until their transaction commits: nothing
 * writes them home before the log holds them.
 */
#include <linux/jbd2.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/pagemap.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/writeback.h>

/* A new running transaction. Context: j_state_lock held for writing. */
static void jbd2_get_transaction(journal_t *journal, transaction_t *transaction)
{
	transaction->t_journal = journal;
	transaction->t_state = T_RUNNING;
	transaction->t_start = jiffies;
	transaction->t_tid = journal->j_transaction_sequence++;
	transaction->t_expires = jiffies + journal->j_commit_interval;
	INIT_LIST_HEAD(&transaction->t_buffers);
	INIT_LIST_HEAD(&transaction->t_forget);
	INIT_LIST_HEAD(&transaction->t_reserved_list);
	INIT_LIST_HEAD(&transaction->t_inode_list);
	INIT_LIST_HEAD(&transaction->t_checkpoint_list);
	INIT_LIST_HEAD(&transaction->t_cplist);
	INIT_LIST_HEAD(&transaction->t_private_list);
	mod_timer(&journal->j_commit_timer, transaction->t_expires);
	journal->j_running_transaction = transaction;
}

void jbd2_journal_free_transaction(transaction_t *transaction)
{
	kfree(transaction);
}

/* The log blocks a handle of blocks credits and revokes revoke records reserves. */
static int jbd2_handle_log_blocks(journal_t *journal, int blocks, int revokes)
{
	int per_block = journal->j_revoke_records_per_block;

	return blocks + (revokes + per_block - 1) / per_block;
}

/*
 * Whether the running transaction can take blocks more log blocks, or must first
 * commit (too big) or the log must first be checkpointed (too full). Returns 0 when it
 * can, else what to wait for. Context: j_state_lock held for writing.
 */
enum { CREDITS_OK, CREDITS_COMMIT, CREDITS_SPACE };

static int add_transaction_credits(journal_t *journal, transaction_t *transaction,
				   int blocks)
{
	int total = transaction->t_outstanding_credits + blocks;

	if (total > journal->j_max_transaction_buffers)
		return CREDITS_COMMIT;
	if (jbd2_log_space_left(journal) < (unsigned long)jbd2_journal_blocks_needed(journal, total))
		return CREDITS_SPACE;
	transaction->t_outstanding_credits = total;
	return CREDITS_OK;
}

/* Waits while the running transaction is locked for its commit. Drops j_state_lock. */
static void wait_transaction_locked(journal_t *journal)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(&journal->j_wait_transaction_locked, &wait, TASK_UNINTERRUPTIBLE);
	write_unlock(&journal->j_state_lock);
	schedule();
	finish_wait(&journal->j_wait_transaction_locked, &wait);
}

/* Makes the running transaction commit and waits for it. Drops j_state_lock. */
static void wait_for_commit_locked(journal_t *journal, transaction_t *transaction)
{
	tid_t tid = transaction->t_tid;

	__jbd2_log_start_commit(journal, tid);
	write_unlock(&journal->j_state_lock);
	jbd2_log_wait_commit(journal, tid);
}

/* Joins handle to the running transaction (made if none runs); 0 or -errno. */
static int start_this_handle(journal_t *journal, handle_t *handle, gfp_t gfp_mask)
{
	int blocks = jbd2_handle_log_blocks(journal, handle->h_total_credits,
					    handle->h_revoke_credits);
	transaction_t *transaction, *new_transaction = NULL;

	if (blocks > journal->j_max_transaction_buffers) {
		pr_err("JBD2: %s wants too many credits (%d > %d)\n", current->comm, blocks,
		       journal->j_max_transaction_buffers);
		return -ENOSPC;
	}
	for (;;) {
		if (!journal->j_running_transaction && !new_transaction) {
			new_transaction = kzalloc(sizeof(*new_transaction), gfp_mask);
			if (!new_transaction)
				return -ENOMEM;
		}
		write_lock(&journal->j_state_lock);
		if (is_journal_aborted(journal) ||
		    (journal->j_errno && !(journal->j_flags & JBD2_ACK_ERR))) {
			write_unlock(&journal->j_state_lock);
			kfree(new_transaction);
			return -EROFS;
		}
		if (journal->j_barrier_count) {
			write_unlock(&journal->j_state_lock);
			wait_event(journal->j_wait_transaction_locked,
				   READ_ONCE(journal->j_barrier_count) == 0);
			continue;
		}
		if (!journal->j_running_transaction) {
			if (!new_transaction) {
				write_unlock(&journal->j_state_lock);
				continue;
			}
			jbd2_get_transaction(journal, new_transaction);
			new_transaction = NULL;
		}
		transaction = journal->j_running_transaction;
		if (transaction->t_state == T_LOCKED) {
			wait_transaction_locked(journal);
			continue;
		}
		switch (add_transaction_credits(journal, transaction, blocks)) {
		case CREDITS_COMMIT:
			wait_for_commit_locked(journal, transaction);
			continue;
		case CREDITS_SPACE:
			write_unlock(&journal->j_state_lock);
			__jbd2_log_wait_for_space(journal);
			continue;
		}
		break;
	}
	transaction->t_updates++;
	transaction->t_outstanding_revokes += handle->h_revoke_credits;
	handle->h_transaction = transaction;
	handle->h_requested_credits = handle->h_total_credits;
	write_unlock(&journal->j_state_lock);
	kfree(new_transaction);
	current->journal_info = handle;
	return 0;
}

/**
 * jbd2__journal_start - open a handle for blocks buffer changes and revoke_records revokes
 * @journal: a loaded journal
 * @blocks: the most buffers the handle will dirty (its credits)
 * @rsv_blocks: reserved handles are not implemented: must be 0
 * @revoke_records: the most blocks it will revoke
 * @gfp_mask, @type, @line_no: allocation flags; the caller's handle type and line
 *
 * A task already inside a handle gets the same one back (nested). May wait for a
 * commit or a checkpoint to make room. Context: process, may sleep.
 * Return: the handle, or ERR_PTR(-EROFS) once the journal aborted, -ENOSPC, -ENOMEM.
 */
handle_t *jbd2__journal_start(journal_t *journal, int blocks, int rsv_blocks,
			      int revoke_records, gfp_t gfp_mask, unsigned int type,
			      unsigned int line_no)
{
	handle_t *handle = journal_current_handle();
	int err;

	if (!journal)
		return ERR_PTR(-EROFS);
	if (WARN_ON_ONCE(rsv_blocks))
		return ERR_PTR(-EINVAL);
	if (handle) {
		J_ASSERT(handle->h_transaction->t_journal == journal);
		handle->h_ref++;
		return handle;
	}
	handle = kzalloc(sizeof(*handle), gfp_mask);
	if (!handle)
		return ERR_PTR(-ENOMEM);
	handle->h_total_credits = blocks;
	handle->h_revoke_credits = revoke_records;
	handle->h_revoke_credits_requested = revoke_records;
	handle->h_ref = 1;
	handle->h_type = type;
	handle->h_line_no = line_no;
	err = start_this_handle(journal, handle, gfp_mask);
	if (err) {
		kfree(handle);
		return ERR_PTR(err);
	}
	return handle;
}

handle_t *jbd2_journal_start(journal_t *journal, int nblocks)
{
	return jbd2__journal_start(journal, nblocks, 0, 0, GFP_NOFS, 0, 0);
}

/*
 * Takes the handle out of its transaction: its unused credits go back, and the commit
 * waiting for the last handle is woken. Returns whether the transaction should commit
 * now (its interval passed).
 */
static bool stop_this_handle(handle_t *handle)
{
	transaction_t *transaction = handle->h_transaction;
	journal_t *journal = transaction->t_journal;
	bool expired;

	write_lock(&journal->j_state_lock);
	transaction->t_outstanding_credits -=
		jbd2_handle_log_blocks(journal, handle->h_total_credits,
				       handle->h_revoke_credits);
	transaction->t_outstanding_revokes -= handle->h_revoke_credits;
	expired = time_after_eq(jiffies, transaction->t_expires);
	if (handle->h_sync)
		transaction->t_synchronous_commit = 1;
	if (handle->h_sync || expired)
		__jbd2_log_start_commit(journal, transaction->t_tid);
	if (--transaction->t_updates == 0)
		wake_up(&journal->j_wait_updates);
	write_unlock(&journal->j_state_lock);
	handle->h_transaction = NULL;
	return expired;
}

/**
 * jbd2_journal_stop - end a handle
 * @handle: from jbd2__journal_start
 *
 * Its changes commit with the transaction; a synchronous handle (h_sync) waits for
 * that commit. Context: process. Return: 0, or -EIO if the journal aborted.
 */
int jbd2_journal_stop(handle_t *handle)
{
	journal_t *journal;
	int err = 0, wait_for_commit;
	tid_t tid;

	if (--handle->h_ref > 0)
		return is_handle_aborted(handle) ? -EIO : 0;
	if (!handle->h_transaction) {
		current->journal_info = NULL;
		kfree(handle);
		return -EIO;
	}
	if (is_handle_aborted(handle))
		err = -EIO;
	journal = handle->h_transaction->t_journal;
	tid = handle->h_transaction->t_tid;
	wait_for_commit = handle->h_sync;
	stop_this_handle(handle);
	current->journal_info = NULL;
	if (wait_for_commit) {
		int ret = jbd2_log_wait_commit(journal, tid);

		if (!err)
			err = ret;
	}
	kfree(handle);
	return err;
}

/*
 * jbd2_journal_extend - give the handle nblocks more credits (and revoke_records)
 * Return: 0 when done, 1 when the transaction cannot take them (the caller restarts
 * the handle), -EROFS once the journal aborted.
 */
int jbd2_journal_extend(handle_t *handle, int nblocks, int revoke_records)
{
	transaction_t *transaction = handle->h_transaction;
	journal_t *journal;
	int blocks, ret = 1;

	if (is_handle_aborted(handle))
		return -EROFS;
	journal = transaction->t_journal;
	blocks = jbd2_handle_log_blocks(journal, handle->h_total_credits + nblocks,
					handle->h_revoke_credits + revoke_records) -
		 jbd2_handle_log_blocks(journal, handle->h_total_credits,
					handle->h_revoke_credits);
	write_lock(&journal->j_state_lock);
	if (transaction->t_state == T_RUNNING &&
	    add_transaction_credits(journal, transaction, blocks) == CREDITS_OK) {
		handle->h_total_credits += nblocks;
		handle->h_requested_credits += nblocks;
		handle->h_revoke_credits += revoke_records;
		transaction->t_outstanding_revokes += revoke_records;
		ret = 0;
	}
	write_unlock(&journal->j_state_lock);
	return ret;
}

/*
 * jbd2__journal_restart - close the handle's part of its transaction and rejoin the
 * running one with nblocks credits. What it changed so far commits without the rest.
 * Return: 0 or -errno.
 */
int jbd2__journal_restart(handle_t *handle, int nblocks, int revoke_records,
			  gfp_t gfp_mask)
{
	journal_t *journal;
	tid_t tid;
	int need_to_start;

	if (is_handle_aborted(handle))
		return -EROFS;
	journal = handle->h_transaction->t_journal;
	tid = handle->h_transaction->t_tid;
	stop_this_handle(handle);
	read_lock(&journal->j_state_lock);
	need_to_start = !tid_geq(journal->j_commit_request, tid);
	read_unlock(&journal->j_state_lock);
	if (need_to_start)
		jbd2_log_start_commit(journal, tid);
	handle->h_total_credits = nblocks;
	handle->h_revoke_credits = revoke_records;
	handle->h_revoke_credits_requested = revoke_records;
	return start_this_handle(journal, handle, gfp_mask);
}

/*
 * jbd2_journal_lock_updates - no handle runs until jbd2_journal_unlock_updates
 * Waits for the running handles to stop. Context: process, not inside a handle.
 */
void jbd2_journal_lock_updates(journal_t *journal)
{
	mutex_lock(&journal->j_barrier);
	write_lock(&journal->j_state_lock);
	++journal->j_barrier_count;
	/* The running transaction may commit and be freed meanwhile: look under the lock. */
	for (;;) {
		transaction_t *transaction = journal->j_running_transaction;
		DEFINE_WAIT(wait);

		if (!transaction || !transaction->t_updates)
			break;
		prepare_to_wait(&journal->j_wait_updates, &wait, TASK_UNINTERRUPTIBLE);
		write_unlock(&journal->j_state_lock);
		schedule();
		finish_wait(&journal->j_wait_updates, &wait);
		write_lock(&journal->j_state_lock);
	}
	write_unlock(&journal->j_state_lock);
}

void jbd2_journal_unlock_updates(journal_t *journal)
{
	write_lock(&journal->j_state_lock);
	--journal->j_barrier_count;
	write_unlock(&journal->j_state_lock);
	mutex_unlock(&journal->j_barrier);
	wake_up_all(&journal->j_wait_transaction_locked);
}

/*
 * Unlinks jh from its transaction's list; a journaled-dirty buffer becomes plainly
 * dirty (visible to writeback) unless the journal aborted.
 * Context: j_list_lock held.
 */
static void __jbd2_journal_temp_unlink_buffer(struct journal_head *jh)
{
	transaction_t *transaction = jh->b_transaction;
	struct buffer_head *bh = jh2bh(jh);

	if (jh->b_jlist != BJ_None)
		list_del_init(&jh->b_list);
	if (jh->b_jlist == BJ_Metadata)
		transaction->t_nr_buffers--;
	jh->b_jlist = BJ_None;
	if (transaction && is_journal_aborted(transaction->t_journal))
		clear_buffer_jbddirty(bh);
	else if (test_clear_buffer_jbddirty(bh))
		mark_buffer_dirty(bh);
}

/* Takes jh off its transaction, dropping the transaction's reference. j_list_lock. */
void __jbd2_journal_unfile_buffer(struct journal_head *jh)
{
	__jbd2_journal_temp_unlink_buffer(jh);
	jh->b_transaction = NULL;
	jbd2_journal_put_journal_head(jh);
}

static struct list_head *jbd2_list(transaction_t *transaction, int jlist)
{
	switch (jlist) {
	case BJ_Metadata:
		return &transaction->t_buffers;
	case BJ_Forget:
		return &transaction->t_forget;
	default:
		return &transaction->t_reserved_list;
	}
}

/*
 * Files jh on list jlist of transaction, taking it off any other; a transaction
 * holds one journal-head reference for its buffer. Context: j_list_lock held.
 */
void __jbd2_journal_file_buffer(struct journal_head *jh, transaction_t *transaction,
				int jlist)
{
	struct buffer_head *bh = jh2bh(jh);
	int was_dirty = 0;

	if (jh->b_transaction && jh->b_jlist == jlist)
		return;
	if (jlist == BJ_Metadata || jlist == BJ_Reserved || jlist == BJ_Forget) {
		/* Dirty or journaled-dirty: the journal decides when it goes home. */
		if (test_clear_buffer_dirty(bh) || test_clear_buffer_jbddirty(bh))
			was_dirty = 1;
	}
	if (jh->b_transaction)
		__jbd2_journal_temp_unlink_buffer(jh);
	else
		jbd2_journal_grab_journal_head(bh);
	jh->b_transaction = transaction;
	list_add_tail(&jh->b_list, jbd2_list(transaction, jlist));
	if (jlist == BJ_Metadata)
		transaction->t_nr_buffers++;
	jh->b_jlist = jlist;
	if (was_dirty)
		set_buffer_jbddirty(bh);
}

/*
 * After its transaction committed: jh moves to the next transaction that wanted it,
 * or leaves the transactions (a journaled-dirty buffer turns dirty for writeback).
 * Context: j_list_lock held.
 */
void __jbd2_journal_refile_buffer(struct journal_head *jh)
{
	struct buffer_head *bh = jh2bh(jh);
	int was_dirty, jlist;

	if (!jh->b_next_transaction) {
		__jbd2_journal_unfile_buffer(jh);
		return;
	}
	was_dirty = test_clear_buffer_jbddirty(bh);
	__jbd2_journal_temp_unlink_buffer(jh);
	jh->b_transaction = jh->b_next_transaction;
	jh->b_next_transaction = NULL;
	if (buffer_freed(bh))
		jlist = BJ_Forget;
	else if (jh->b_modified)
		jlist = BJ_Metadata;
	else
		jlist = BJ_Reserved;
	__jbd2_journal_file_buffer(jh, jh->b_transaction, jlist);
	if (was_dirty)
		set_buffer_jbddirty(bh);
}

/*
 * Write access for the handle's transaction to a buffer holding jh. A dirty buffer
 * (written outside the journal so far) becomes journaled-dirty; the buffer's I/O
 * to its home, if any, is waited for by the buffer lock.
 */
static int do_get_write_access(handle_t *handle, struct journal_head *jh)
{
	transaction_t *transaction = handle->h_transaction;
	journal_t *journal = transaction->t_journal;
	struct buffer_head *bh = jh2bh(jh);

	lock_buffer(bh);
	spin_lock(&journal->j_list_lock);
	if (buffer_dirty(bh) && jh->b_transaction) {
		clear_buffer_dirty(bh);
		set_buffer_jbddirty(bh);
	}
	unlock_buffer(bh);
	if (jh->b_transaction == transaction || jh->b_next_transaction == transaction)
		goto done;
	/* This transaction's first touch of the buffer. */
	jh->b_modified = 0;
	if (!jh->b_transaction) {
		__jbd2_journal_file_buffer(jh, transaction, BJ_Reserved);
		goto done;
	}
	/* The committing transaction logs its frozen copy; ours follows it. */
	J_ASSERT(jh->b_transaction == journal->j_committing_transaction);
	J_ASSERT(!jh->b_next_transaction);
	jh->b_next_transaction = transaction;
done:
	spin_unlock(&journal->j_list_lock);
	jbd2_journal_cancel_revoke(handle, jh);
	return 0;
}

/**
 * jbd2_journal_get_write_access - announce a change to an existing metadata buffer
 * @handle: the change's handle
 * @bh: an uptodate metadata buffer of the file system's device
 *
 * Context: process, may sleep. Return: 0, or -EROFS once the journal aborted.
 */
int jbd2_journal_get_write_access(handle_t *handle, struct buffer_head *bh)
{
	struct journal_head *jh;
	int rc;

	if (is_handle_aborted(handle))
		return -EROFS;
	jh = jbd2_journal_add_journal_head(bh);
	rc = do_get_write_access(handle, jh);
	jbd2_journal_put_journal_head(jh);
	return rc;
}

/**
 * jbd2_journal_get_create_access - announce a newly allocated metadata buffer
 * @handle: the change's handle
 * @bh: the block's buffer, about to be filled whole
 *
 * Its earlier contents do not matter, and a revoke of the block is cancelled.
 * Return: 0, or -EROFS once the journal aborted.
 */
int jbd2_journal_get_create_access(handle_t *handle, struct buffer_head *bh)
{
	transaction_t *transaction = handle->h_transaction;
	struct journal_head *jh;
	journal_t *journal;

	if (is_handle_aborted(handle))
		return -EROFS;
	journal = transaction->t_journal;
	jh = jbd2_journal_add_journal_head(bh);
	spin_lock(&journal->j_list_lock);
	if (!jh->b_transaction) {
		clear_buffer_dirty(bh);
		jh->b_modified = 0;
		__jbd2_journal_file_buffer(jh, transaction, BJ_Reserved);
	} else if (jh->b_transaction == journal->j_committing_transaction &&
		   jh->b_next_transaction != transaction) {
		jh->b_modified = 0;
		jh->b_next_transaction = transaction;
	}
	spin_unlock(&journal->j_list_lock);
	jbd2_journal_cancel_revoke(handle, jh);
	jbd2_journal_put_journal_head(jh);
	return 0;
}

/**
 * jbd2_journal_dirty_metadata - the handle changed this buffer: log it
 * @handle: the handle that took write or create access to @bh
 * @bh: the changed buffer
 *
 * The first change of a buffer in a transaction uses one of the handle's credits.
 * Return: 0; -EUCLEAN or -EINVAL without access first, -ENOSPC without credits,
 * -EROFS once the journal aborted.
 */
int jbd2_journal_dirty_metadata(handle_t *handle, struct buffer_head *bh)
{
	transaction_t *transaction = handle->h_transaction;
	struct journal_head *jh;
	journal_t *journal;
	int ret = 0;

	if (!buffer_jbd(bh))
		return -EUCLEAN;
	if (is_handle_aborted(handle))
		return -EROFS;
	journal = transaction->t_journal;
	jh = bh2jh(bh);
	spin_lock(&journal->j_list_lock);
	if (jh->b_transaction != transaction && jh->b_next_transaction != transaction) {
		pr_err("JBD2: block %llu dirtied without write access by transaction %u\n",
		       (unsigned long long)bh->b_blocknr, transaction->t_tid);
		ret = -EINVAL;
		goto out;
	}
	if (!jh->b_modified) {
		if (handle->h_total_credits <= 0) {
			pr_err("JBD2: no credits left for block %llu (handle type %u line %u)\n",
			       (unsigned long long)bh->b_blocknr, handle->h_type,
			       handle->h_line_no);
			ret = -ENOSPC;
			goto out;
		}
		jh->b_modified = 1;
		handle->h_total_credits--;
	}
	set_buffer_jbddirty(bh);
	if (jh->b_transaction == transaction && jh->b_jlist != BJ_Metadata)
		__jbd2_journal_file_buffer(jh, transaction, BJ_Metadata);
out:
	spin_unlock(&journal->j_list_lock);
	return ret;
}

/*
 * The block of a buffer on a checkpoint list only is being freed: its home write is
 * no longer wanted, but the older transaction stays in the log until this one commits
 * (the checkpoint waits for it), so a crash before then still replays the old copy.
 */
static void forget_checkpointed(struct journal_head *jh, transaction_t *transaction)
{
	clear_buffer_dirty(jh2bh(jh));
	__jbd2_journal_file_buffer(jh, transaction, BJ_Forget);
	clear_buffer_jbddirty(jh2bh(jh));
}

/**
 * jbd2_journal_forget - the block of @bh is freed by the handle's change
 * @handle: the change's handle
 * @bh: its buffer, whose reference the call drops
 *
 * Whatever this transaction logged of it is dropped; a committing transaction still
 * logs its copy, but it is not written home afterwards. Return: 0.
 */
int jbd2_journal_forget(handle_t *handle, struct buffer_head *bh)
{
	transaction_t *transaction = handle->h_transaction;
	struct journal_head *jh;
	journal_t *journal;

	if (is_handle_aborted(handle)) {
		__bforget(bh);
		return -EROFS;
	}
	journal = transaction->t_journal;
	jh = jbd2_journal_grab_journal_head(bh);
	if (!jh) {
		__bforget(bh);
		return 0;
	}
	spin_lock(&journal->j_list_lock);
	if (jh->b_modified) {
		/* Its credit is not needed any more. */
		jh->b_modified = 0;
		if (jh->b_transaction == transaction || jh->b_next_transaction == transaction)
			handle->h_total_credits++;
	}
	if (jh->b_transaction == transaction) {
		clear_buffer_dirty(bh);
		clear_buffer_jbddirty(bh);
		if (jh->b_cp_transaction)
			__jbd2_journal_file_buffer(jh, transaction, BJ_Forget);
		else
			__jbd2_journal_unfile_buffer(jh);
	} else if (jh->b_transaction) {
		J_ASSERT(jh->b_transaction == journal->j_committing_transaction);
		set_buffer_freed(bh);
		if (jh->b_next_transaction == transaction)
			jh->b_next_transaction = NULL;
	} else if (jh->b_cp_transaction) {
		forget_checkpointed(jh, transaction);
	}
	spin_unlock(&journal->j_list_lock);
	jbd2_journal_put_journal_head(jh);
	__brelse(bh);
	return 0;
}

/* A file's jbd2_inode, for ordered data. */
void jbd2_journal_init_jbd_inode(struct jbd2_inode *jinode, struct inode *inode)
{
	jinode->i_transaction = NULL;
	jinode->i_next_transaction = NULL;
	jinode->i_vfs_inode = inode;
	jinode->i_flags = 0;
	jinode->i_dirty_start = 0;
	jinode->i_dirty_end = 0;
	INIT_LIST_HEAD(&jinode->i_list);
}

static int jbd2_journal_file_inode(handle_t *handle, struct jbd2_inode *jinode,
				   unsigned long flags, loff_t start_byte, loff_t end_byte)
{
	transaction_t *transaction = handle->h_transaction;
	journal_t *journal;

	if (is_handle_aborted(handle))
		return -EROFS;
	journal = transaction->t_journal;
	spin_lock(&journal->j_list_lock);
	jinode->i_flags |= flags;
	if (jinode->i_dirty_end) {
		jinode->i_dirty_start = min(jinode->i_dirty_start, start_byte);
		jinode->i_dirty_end = max(jinode->i_dirty_end, end_byte);
	} else {
		jinode->i_dirty_start = start_byte;
		jinode->i_dirty_end = end_byte;
	}
	if (jinode->i_transaction == transaction || jinode->i_next_transaction == transaction)
		goto done;
	transaction->t_need_data_flush = 1;
	if (jinode->i_transaction) {
		/* The committing transaction writes it now; we write it again after. */
		J_ASSERT(jinode->i_transaction == journal->j_committing_transaction);
		jinode->i_next_transaction = transaction;
		goto done;
	}
	jinode->i_transaction = transaction;
	list_add(&jinode->i_list, &transaction->t_inode_list);
done:
	spin_unlock(&journal->j_list_lock);
	return 0;
}

/**
 * jbd2_journal_inode_ranged_write - order a file's data before the commit block
 * @handle: the handle whose transaction must not commit before the data is on disk
 * @jinode: the file's jbd2_inode
 * @start_byte, @length: the byte range written (newly allocated blocks)
 *
 * The commit writes the range and waits for it (ordered mode). Return: 0 or -EROFS.
 */
int jbd2_journal_inode_ranged_write(handle_t *handle, struct jbd2_inode *jinode,
				    loff_t start_byte, loff_t length)
{
	return jbd2_journal_file_inode(handle, jinode, JI_WRITE_DATA | JI_WAIT_DATA,
				       start_byte, start_byte + length - 1);
}

/* The same, but the commit only waits for writeback already started on the range. */
int jbd2_journal_inode_ranged_wait(handle_t *handle, struct jbd2_inode *jinode,
				   loff_t start_byte, loff_t length)
{
	return jbd2_journal_file_inode(handle, jinode, JI_WAIT_DATA, start_byte,
				       start_byte + length - 1);
}

/*
 * jbd2_journal_release_jbd_inode - the file is being evicted: take it off the
 * transaction, after a commit writing its data has finished with it.
 */
void jbd2_journal_release_jbd_inode(journal_t *journal, struct jbd2_inode *jinode)
{
	for (;;) {
		spin_lock(&journal->j_list_lock);
		if (!(jinode->i_flags & JI_COMMIT_RUNNING))
			break;
		spin_unlock(&journal->j_list_lock);
		wait_event(journal->j_wait_done_commit,
			   !(READ_ONCE(jinode->i_flags) & JI_COMMIT_RUNNING));
	}
	if (jinode->i_transaction) {
		list_del(&jinode->i_list);
		jinode->i_transaction = NULL;
	}
	jinode->i_next_transaction = NULL;
	spin_unlock(&journal->j_list_lock);
}

/* The commit's default: start writeback of the file's ordered range. */
int jbd2_journal_submit_inode_data_buffers(struct jbd2_inode *jinode)
{
	return filemap_fdatawrite_range(jinode->i_vfs_inode->i_mapping,
					jinode->i_dirty_start, jinode->i_dirty_end);
}

/* The commit's default: wait for the range's writeback; its error, if any. */
int jbd2_journal_finish_inode_data_buffers(struct jbd2_inode *jinode)
{
	return filemap_fdatawait_range(jinode->i_vfs_inode->i_mapping, jinode->i_dirty_start,
				       jinode->i_dirty_end);
}
