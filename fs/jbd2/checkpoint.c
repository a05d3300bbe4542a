/*
 * jbd2 checkpointing, as Linux 6.1's fs/jbd2/checkpoint.c: a committed transaction
 * stays in the log until every buffer it logged has been written to its home block
 * (by writeback, or here). Then it is dropped and the log tail moves past it, freeing
 * log space. When the log runs short, jbd2_log_do_checkpoint writes the oldest
 * transaction's buffers itself.
 *
 * journal->j_checkpoint_transactions lists the committed transactions still in the
 * log, oldest first; each one's t_checkpoint_list holds the journal heads of its
 * buffers not yet known to be home. Both under j_list_lock; checkpointing itself and
 * tail moves under j_checkpoint_mutex.
 */
#include <linux/jbd2.h>
#include <linux/blkdev.h>
#include <linux/printk.h>
#include <linux/sched.h>

/* Puts jh on transaction's checkpoint list (a journal-head reference). j_list_lock. */
void __jbd2_journal_insert_checkpoint(struct journal_head *jh, transaction_t *transaction)
{
	J_ASSERT(buffer_dirty(jh2bh(jh)) || buffer_jbddirty(jh2bh(jh)));
	J_ASSERT(!jh->b_cp_transaction);
	jbd2_journal_grab_journal_head(jh2bh(jh));
	jh->b_cp_transaction = transaction;
	list_add_tail(&jh->b_cplist, &transaction->t_checkpoint_list);
}

/*
 * Takes jh off its checkpoint list; a finished transaction left with nothing to
 * write home is dropped. Return: 1 if the transaction was freed. j_list_lock held.
 */
int __jbd2_journal_remove_checkpoint(struct journal_head *jh)
{
	transaction_t *transaction = jh->b_cp_transaction;

	if (!transaction)
		return 0;
	list_del_init(&jh->b_cplist);
	jh->b_cp_transaction = NULL;
	jbd2_journal_put_journal_head(jh);
	if (!list_empty(&transaction->t_checkpoint_list) || transaction->t_state != T_FINISHED)
		return 0;
	list_del(&transaction->t_cplist);
	jbd2_journal_free_transaction(transaction);
	return 1;
}

/*
 * jbd2_cleanup_journal_tail - move the log tail past the transactions dropped so far
 * The file system's device is flushed first: the home writes that let them go must
 * be stable before the log stops covering them.
 * Context: j_checkpoint_mutex held. Return: 0 if the tail moved, 1 if it could not,
 * -EIO once the journal aborted.
 */
int jbd2_cleanup_journal_tail(journal_t *journal)
{
	unsigned long blocknr;
	tid_t first_tid;

	if (is_journal_aborted(journal))
		return -EIO;
	if (!jbd2_journal_get_log_tail(journal, &first_tid, &blocknr))
		return 1;
	if (journal->j_flags & JBD2_BARRIER)
		blkdev_issue_flush(journal->j_fs_dev);
	__jbd2_update_log_tail(journal, first_tid, blocknr);
	return 0;
}

/* Writes bufs[0..n-1] (held dirty buffers) home and waits; drops them. */
static int flush_batch(struct buffer_head **bufs, int n)
{
	int i, err = 0;

	for (i = 0; i < n; i++)
		write_dirty_buffer(bufs[i], REQ_SYNC);
	for (i = 0; i < n; i++) {
		wait_on_buffer(bufs[i]);
		if (buffer_write_io_error(bufs[i]))
			err = -EIO;
		put_bh(bufs[i]);
	}
	return err;
}

/* Starts the commit of transaction tid, which holds a buffer to checkpoint, and waits. */
static void wait_for_holder(journal_t *journal, tid_t tid)
{
	mutex_unlock(&journal->j_checkpoint_mutex);
	jbd2_log_start_commit(journal, tid);
	jbd2_log_wait_commit(journal, tid);
	mutex_lock(&journal->j_checkpoint_mutex);
}

/*
 * One pass over the oldest transaction's checkpoint list: clean buffers leave it,
 * dirty ones are collected in j_wbuf. Returns how many were collected, or -1 when the
 * caller must retry after *wait_tid commits (a newer transaction holds a buffer), or
 * -2 when the transaction is gone. Context: j_list_lock held.
 */
static int checkpoint_scan(journal_t *journal, transaction_t *transaction,
			   tid_t *wait_tid, int *result)
{
	struct journal_head *jh, *next;
	int batch = 0;

	list_for_each_entry_safe(jh, next, &transaction->t_checkpoint_list, b_cplist) {
		struct buffer_head *bh = jh2bh(jh);

		if (jh->b_transaction) {
			/* Its newer copy is not committed yet: home cannot take it now. */
			*wait_tid = jh->b_transaction->t_tid;
			return -1;
		}
		if (buffer_dirty(bh) || buffer_locked(bh)) {
			if (batch < journal->j_wbufsize) {
				get_bh(bh);
				journal->j_wbuf[batch++] = bh;
			}
			continue;
		}
		if (buffer_write_io_error(bh))
			*result = -EIO;
		if (__jbd2_journal_remove_checkpoint(jh))
			return -2;
	}
	return batch;
}

/**
 * jbd2_log_do_checkpoint - write the oldest transaction's buffers home and drop it
 * @journal: the journal
 *
 * Context: j_checkpoint_mutex held (dropped while waiting for a commit); sleeps.
 * Return: 0, or -EIO after a write error or once the journal aborted.
 */
int jbd2_log_do_checkpoint(journal_t *journal)
{
	transaction_t *transaction;
	int result, err, batch;
	tid_t this_tid, wait_tid = 0;

	result = jbd2_cleanup_journal_tail(journal);
	if (result <= 0)
		return result;
	result = 0;
	spin_lock(&journal->j_list_lock);
	if (list_empty(&journal->j_checkpoint_transactions))
		goto out;
	transaction = list_first_entry(&journal->j_checkpoint_transactions, transaction_t,
				       t_cplist);
	this_tid = transaction->t_tid;
	for (;;) {
		/* It may have been dropped while the lock was not held. */
		if (list_empty(&journal->j_checkpoint_transactions) ||
		    list_first_entry(&journal->j_checkpoint_transactions, transaction_t,
				     t_cplist)->t_tid != this_tid)
			break;
		batch = checkpoint_scan(journal, transaction, &wait_tid, &result);
		if (batch == -2 || batch == 0)
			break;
		spin_unlock(&journal->j_list_lock);
		if (batch == -1) {
			wait_for_holder(journal, wait_tid);
		} else {
			err = flush_batch(journal->j_wbuf, batch);
			if (err)
				result = err;
		}
		if (is_journal_aborted(journal))
			return -EIO;
		spin_lock(&journal->j_list_lock);
	}
out:
	spin_unlock(&journal->j_list_lock);
	err = jbd2_cleanup_journal_tail(journal);
	if (err < 0)
		return err;
	return result;
}

/*
 * __jbd2_log_wait_for_space - make room in the log for a whole transaction
 * Checkpoints the oldest transaction, or moves the tail, or waits for the committing
 * transaction; with none of these possible the log is too small and the journal
 * aborts. Context: process, no locks held.
 */
void __jbd2_log_wait_for_space(journal_t *journal)
{
	/* What start_this_handle needs for the largest transaction, descriptors included. */
	unsigned long nblocks = jbd2_journal_blocks_needed(journal,
							   journal->j_max_transaction_buffers);

	mutex_lock(&journal->j_checkpoint_mutex);
	while (jbd2_log_space_left(journal) < nblocks && !is_journal_aborted(journal)) {
		transaction_t *committing;
		bool chkpt;
		tid_t tid = 0;

		read_lock(&journal->j_state_lock);
		spin_lock(&journal->j_list_lock);
		chkpt = !list_empty(&journal->j_checkpoint_transactions);
		committing = journal->j_committing_transaction;
		if (committing)
			tid = committing->t_tid;
		spin_unlock(&journal->j_list_lock);
		read_unlock(&journal->j_state_lock);
		if (chkpt) {
			jbd2_log_do_checkpoint(journal);
		} else if (jbd2_cleanup_journal_tail(journal) == 0) {
			continue;
		} else if (committing) {
			mutex_unlock(&journal->j_checkpoint_mutex);
			jbd2_log_wait_commit(journal, tid);
			mutex_lock(&journal->j_checkpoint_mutex);
		} else {
			pr_err("JBD2: %s: needed %lu blocks and only had %lu space available: no way to get more journal space\n",
			       journal->j_devname, nblocks, jbd2_log_space_left(journal));
			mutex_unlock(&journal->j_checkpoint_mutex);
			jbd2_journal_abort(journal, -EIO);
			return;
		}
	}
	mutex_unlock(&journal->j_checkpoint_mutex);
}

/* Drops every checkpoint list without writing (the journal failed). */
void jbd2_journal_destroy_checkpoint(journal_t *journal)
{
	spin_lock(&journal->j_list_lock);
	while (!list_empty(&journal->j_checkpoint_transactions)) {
		transaction_t *transaction =
			list_first_entry(&journal->j_checkpoint_transactions, transaction_t,
					 t_cplist);

		while (!list_empty(&transaction->t_checkpoint_list)) {
			struct journal_head *jh =
				list_first_entry(&transaction->t_checkpoint_list,
						 struct journal_head, b_cplist);

			if (__jbd2_journal_remove_checkpoint(jh))
				break;
		}
	}
	spin_unlock(&journal->j_list_lock);
}
