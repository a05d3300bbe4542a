/*
 * jbd2's journal: creating and destroying a journal_t, reading and writing its
 * superblock, mapping log blocks through the journal inode, the kjournald2 thread that
 * commits transactions (every j_commit_interval, or when asked), and the journal heads
 * that tie a buffer_head to the transactions holding it. As Linux 6.1's
 * fs/jbd2/journal.c.
 *
 * The log's state: j_tail..j_head is the part of the ring recovery would scan (the
 * transactions not yet checkpointed), j_free the blocks outside it; the superblock's
 * s_start/s_sequence lag j_tail/j_tail_sequence until jbd2_cleanup_journal_tail writes
 * them, and s_start 0 says the log is empty.
 */
#include <linux/jbd2.h>
#include <linux/blkdev.h>
#include <linux/crc32c.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

/* Attaching and detaching journal heads (Linux's per-buffer BH_JournalHead bit lock). */
static DEFINE_SPINLOCK(journal_head_lock);

u32 jbd2_chksum(journal_t *journal, u32 crc, const void *buf, unsigned int len)
{
	return crc32c(crc, buf, len);
}

static __be32 jbd2_superblock_csum(journal_t *j, journal_superblock_t *sb)
{
	__be32 old_csum = sb->s_checksum;
	u32 csum;

	sb->s_checksum = 0;
	csum = jbd2_chksum(j, ~0, sb, sizeof(journal_superblock_t));
	sb->s_checksum = old_csum;
	return cpu_to_be32(csum);
}

/* The size of a descriptor tag: 16 with csum v3, else 8, +4 with 64bit, +2 with v2. */
size_t journal_tag_bytes(journal_t *journal)
{
	size_t sz;

	if (jbd2_has_feature_csum3(journal))
		return sizeof(journal_block_tag3_t);
	sz = sizeof(journal_block_tag_t);
	if (jbd2_has_feature_csum2(journal))
		sz += sizeof(u16);
	if (jbd2_has_feature_64bit(journal))
		return sz;
	return sz - sizeof(u32);
}

/* Log blocks not used by the log, less what open transactions may still claim. */
unsigned long jbd2_log_space_left(journal_t *journal)
{
	long free = journal->j_free;
	transaction_t *t = journal->j_committing_transaction;

	/* Room for descriptor and commit blocks, as Linux keeps. */
	free -= journal->j_total_len >> JBD2_CONTROL_BLOCKS_SHIFT;
	if (t)
		free -= t->t_outstanding_credits;
	return free > 0 ? free : 0;
}

/*
 * kjournald2: commits the transaction asked for (j_commit_request) or whose commit
 * interval expired, until the journal is destroyed. The commit timer wakes it.
 */
static void commit_timeout(struct timer_list *t)
{
	journal_t *journal = from_timer(journal, t, j_commit_timer);

	wake_up_process(journal->j_task);
}

/* Whether kjournald2 has nothing to do. Called under j_state_lock. */
static bool kjournald2_idle(journal_t *journal)
{
	transaction_t *transaction = journal->j_running_transaction;

	if (journal->j_commit_sequence != journal->j_commit_request)
		return false;
	if (transaction && time_after_eq(jiffies, transaction->t_expires))
		return false;
	return !(journal->j_flags & JBD2_UNMOUNT);
}

static int kjournald2(void *arg)
{
	journal_t *journal = arg;
	transaction_t *transaction;

	timer_setup(&journal->j_commit_timer, commit_timeout, 0);
	write_lock(&journal->j_state_lock);
	journal->j_task = current;
	wake_up(&journal->j_wait_done_commit);
	while (!(journal->j_flags & JBD2_UNMOUNT)) {
		if (journal->j_commit_sequence != journal->j_commit_request) {
			write_unlock(&journal->j_state_lock);
			del_timer_sync(&journal->j_commit_timer);
			jbd2_journal_commit_transaction(journal);
			write_lock(&journal->j_state_lock);
			continue;
		}
		wake_up(&journal->j_wait_done_commit);
		if (kjournald2_idle(journal)) {
			DEFINE_WAIT(wait);

			prepare_to_wait(&journal->j_wait_commit, &wait, TASK_INTERRUPTIBLE);
			write_unlock(&journal->j_state_lock);
			if (kjournald2_idle(journal))
				schedule();
			finish_wait(&journal->j_wait_commit, &wait);
			write_lock(&journal->j_state_lock);
		}
		transaction = journal->j_running_transaction;
		if (transaction && time_after_eq(jiffies, transaction->t_expires))
			journal->j_commit_request = transaction->t_tid;
	}
	journal->j_task = NULL;
	wake_up(&journal->j_wait_done_commit);
	write_unlock(&journal->j_state_lock);
	del_timer_sync(&journal->j_commit_timer);
	return 0;
}

static int jbd2_journal_start_thread(journal_t *journal)
{
	struct task_struct *t;

	t = kthread_run(kjournald2, journal, "jbd2/%s", journal->j_devname);
	if (IS_ERR(t))
		return PTR_ERR(t);
	wait_event(journal->j_wait_done_commit, journal->j_task != NULL);
	return 0;
}

static void journal_kill_thread(journal_t *journal)
{
	write_lock(&journal->j_state_lock);
	journal->j_flags |= JBD2_UNMOUNT;
	write_unlock(&journal->j_state_lock);
	wake_up(&journal->j_wait_commit);
	wait_event(journal->j_wait_done_commit, journal->j_task == NULL);
}

/*
 * __jbd2_log_start_commit - ask kjournald2 to commit transaction target
 * Context: j_state_lock held for writing.
 * Return: 1 if this call asked for it, 0 if it was asked already or is not running.
 */
int __jbd2_log_start_commit(journal_t *journal, tid_t target)
{
	if (journal->j_commit_request == target)
		return 0;
	if (journal->j_running_transaction &&
	    journal->j_running_transaction->t_tid == target) {
		journal->j_commit_request = target;
		wake_up(&journal->j_wait_commit);
		return 1;
	}
	if (WARN_ON_ONCE(!tid_geq(journal->j_commit_request, target)))
		pr_err("JBD2: bad log_start_commit: %u %u %u\n", journal->j_commit_request,
		       journal->j_commit_sequence, target);
	return 0;
}

int jbd2_log_start_commit(journal_t *journal, tid_t tid)
{
	int ret;

	write_lock(&journal->j_state_lock);
	ret = __jbd2_log_start_commit(journal, tid);
	write_unlock(&journal->j_state_lock);
	return ret;
}

/*
 * jbd2_journal_start_commit - start committing what has been done so far
 * @ptid: set to the tid to wait for, when there is one
 * Return: 1 if there is a transaction to wait for, else 0.
 */
int jbd2_journal_start_commit(journal_t *journal, tid_t *ptid)
{
	int ret = 0;

	write_lock(&journal->j_state_lock);
	if (journal->j_running_transaction) {
		tid_t tid = journal->j_running_transaction->t_tid;

		__jbd2_log_start_commit(journal, tid);
		if (ptid)
			*ptid = tid;
		ret = 1;
	} else if (journal->j_committing_transaction) {
		if (ptid)
			*ptid = journal->j_committing_transaction->t_tid;
		ret = 1;
	}
	write_unlock(&journal->j_state_lock);
	return ret;
}

/* Waits until transaction tid has committed. 0, or -EIO if the journal aborted. */
int jbd2_log_wait_commit(journal_t *journal, tid_t tid)
{
	wait_event(journal->j_wait_done_commit,
		   !tid_gt(tid, READ_ONCE(journal->j_commit_sequence)));
	return is_journal_aborted(journal) ? -EIO : 0;
}

/* Whether transaction tid is on disk (committed). */
int jbd2_transaction_committed(journal_t *journal, tid_t tid)
{
	int ret = 1;

	read_lock(&journal->j_state_lock);
	if (journal->j_running_transaction &&
	    journal->j_running_transaction->t_tid == tid)
		ret = 0;
	if (journal->j_committing_transaction &&
	    journal->j_committing_transaction->t_tid == tid)
		ret = 0;
	read_unlock(&journal->j_state_lock);
	return ret;
}

/*
 * jbd2_complete_transaction - make transaction tid reach the disk (fsync)
 * Starts its commit if it is still running and waits for it; returns at once if it is
 * already committed. Context: process, no handle open. Return: 0 or -EIO.
 */
int jbd2_complete_transaction(journal_t *journal, tid_t tid)
{
	int need_to_wait = 1;

	write_lock(&journal->j_state_lock);
	if (journal->j_running_transaction &&
	    journal->j_running_transaction->t_tid == tid)
		__jbd2_log_start_commit(journal, tid);
	else if (!journal->j_committing_transaction ||
		 journal->j_committing_transaction->t_tid != tid)
		need_to_wait = 0;
	write_unlock(&journal->j_state_lock);
	if (!need_to_wait)
		return is_journal_aborted(journal) ? -EIO : 0;
	return jbd2_log_wait_commit(journal, tid);
}

/*
 * jbd2_journal_force_commit - commit what is running and wait for it
 * Context: process, not inside a handle (that would wait for itself).
 * Return: 0 or -EIO.
 */
int jbd2_journal_force_commit(journal_t *journal)
{
	tid_t tid;

	WARN_ON_ONCE(journal_current_handle());
	if (!jbd2_journal_start_commit(journal, &tid))
		return 0;
	return jbd2_log_wait_commit(journal, tid);
}

/*
 * The disk block of log block blocknr: the file system's j_bmap, else the journal
 * inode's bmap, else j_blk_offset on.
 */
int jbd2_journal_bmap(journal_t *journal, unsigned long blocknr, unsigned long long *retp)
{
	sector_t block = blocknr;
	int err = 0;

	if (journal->j_bmap)
		err = journal->j_bmap(journal, &block);
	else if (journal->j_inode)
		err = bmap(journal->j_inode, &block);
	else
		block = blocknr + journal->j_blk_offset;
	if (err || !block) {
		pr_alert("jbd2_journal_bmap: journal block not found at offset %lu on %s\n",
			 blocknr, journal->j_devname);
		jbd2_journal_abort(journal, -EIO);
		return -EIO;
	}
	*retp = block;
	return 0;
}

/* Takes the next block at the log head for the committing transaction. */
int jbd2_journal_next_log_block(journal_t *journal, unsigned long long *retp)
{
	unsigned long blocknr;

	write_lock(&journal->j_state_lock);
	if (journal->j_free <= 1) {
		/* The credits and the checkpoint should never let this happen. */
		write_unlock(&journal->j_state_lock);
		pr_err("JBD2: %s: log full at block %lu\n", journal->j_devname, journal->j_head);
		jbd2_journal_abort(journal, -ENOSPC);
		return -ENOSPC;
	}
	blocknr = journal->j_head;
	journal->j_head++;
	journal->j_free--;
	if (journal->j_head == journal->j_last)
		journal->j_head = journal->j_first;
	write_unlock(&journal->j_state_lock);
	return jbd2_journal_bmap(journal, blocknr, retp);
}

/* The buffer of log block blocknr, locked for the caller to fill; NULL without memory. */
static struct buffer_head *lock_log_buffer(journal_t *journal, unsigned long long blocknr)
{
	struct buffer_head *bh = __getblk(journal->j_dev, blocknr, journal->j_blocksize);

	if (bh)
		lock_buffer(bh);
	return bh;
}

/*
 * jbd2_journal_write_metadata_buffer - the log copy of a committing buffer
 * @transaction: the committing transaction
 * @jh_in: the buffer, its frozen copy taken
 * @bh_out: set to the log buffer at blocknr holding the copy, uptodate
 * @blocknr: its log block, from jbd2_journal_next_log_block
 *
 * A copy beginning with the journal magic has it zeroed (escaped): recovery would take
 * it for a log block. Return: 1 if escaped, 0 if not, -ENOMEM.
 */
int jbd2_journal_write_metadata_buffer(transaction_t *transaction, struct journal_head *jh_in,
				       struct buffer_head **bh_out, sector_t blocknr)
{
	journal_t *journal = transaction->t_journal;
	struct buffer_head *bh = lock_log_buffer(journal, blocknr);
	int do_escape = 0;

	if (!bh)
		return -ENOMEM;
	memcpy(bh->b_data, jh_in->b_frozen_data, journal->j_blocksize);
	if (*(__be32 *)bh->b_data == cpu_to_be32(JBD2_MAGIC_NUMBER)) {
		*(__be32 *)bh->b_data = 0;
		do_escape = 1;
	}
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	*bh_out = bh;
	return do_escape;
}

/* A zeroed log block at the head with the header of type for the transaction. */
struct buffer_head *jbd2_journal_get_descriptor_buffer(transaction_t *transaction, int type)
{
	journal_t *journal = transaction->t_journal;
	journal_header_t *header;
	unsigned long long blocknr;
	struct buffer_head *bh;

	if (jbd2_journal_next_log_block(journal, &blocknr))
		return NULL;
	bh = lock_log_buffer(journal, blocknr);
	if (!bh)
		return NULL;
	memset(bh->b_data, 0, journal->j_blocksize);
	header = (journal_header_t *)bh->b_data;
	header->h_magic = cpu_to_be32(JBD2_MAGIC_NUMBER);
	header->h_blocktype = cpu_to_be32(type);
	header->h_sequence = cpu_to_be32(transaction->t_tid);
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	return bh;
}

/* Fills the checksum tail of a descriptor or revoke block (csum v2/v3). */
void jbd2_descriptor_block_csum_set(journal_t *j, struct buffer_head *bh)
{
	struct jbd2_journal_block_tail *tail;

	if (!jbd2_journal_has_csum_v2or3(j))
		return;
	tail = (struct jbd2_journal_block_tail *)(bh->b_data + j->j_blocksize -
						  sizeof(*tail));
	tail->t_checksum = 0;
	tail->t_checksum = cpu_to_be32(jbd2_chksum(j, j->j_csum_seed, bh->b_data,
						   j->j_blocksize));
}

/*
 * The oldest transaction still in the log and its first block: what the superblock's
 * s_sequence/s_start may say. Return: whether that is past the current tail.
 */
int jbd2_journal_get_log_tail(journal_t *journal, tid_t *tid, unsigned long *block)
{
	transaction_t *transaction;

	read_lock(&journal->j_state_lock);
	spin_lock(&journal->j_list_lock);
	if (!list_empty(&journal->j_checkpoint_transactions)) {
		transaction = list_first_entry(&journal->j_checkpoint_transactions,
					       transaction_t, t_cplist);
		*tid = transaction->t_tid;
		*block = transaction->t_log_start;
	} else if ((transaction = journal->j_committing_transaction)) {
		*tid = transaction->t_tid;
		*block = transaction->t_log_start;
	} else if ((transaction = journal->j_running_transaction)) {
		*tid = transaction->t_tid;
		*block = journal->j_head;
	} else {
		*tid = journal->j_transaction_sequence;
		*block = journal->j_head;
	}
	spin_unlock(&journal->j_list_lock);
	read_unlock(&journal->j_state_lock);
	return tid_gt(*tid, journal->j_tail_sequence);
}

/*
 * __jbd2_update_log_tail - move the log tail to (tid, block) on disk, then in memory
 * The blocks behind the new tail become free. Context: j_checkpoint_mutex held.
 */
void __jbd2_update_log_tail(journal_t *journal, tid_t tid, unsigned long block)
{
	unsigned long freed;

	if (jbd2_journal_update_sb_log_tail(journal, tid, block, REQ_SYNC | REQ_FUA))
		return;
	write_lock(&journal->j_state_lock);
	freed = block - journal->j_tail;
	if (block < journal->j_tail)
		freed += journal->j_last - journal->j_first;
	journal->j_free += freed;
	journal->j_tail_sequence = tid;
	journal->j_tail = block;
	write_unlock(&journal->j_state_lock);
}

static int jbd2_write_superblock(journal_t *journal, blk_opf_t write_flags)
{
	struct buffer_head *bh = journal->j_sb_buffer;
	journal_superblock_t *sb = journal->j_superblock;
	int ret;

	if (!(journal->j_flags & JBD2_BARRIER))
		write_flags &= ~(REQ_FUA | REQ_PREFLUSH);
	lock_buffer(bh);
	if (buffer_write_io_error(bh)) {
		/* A failed earlier write: the buffer still holds what we mean. */
		pr_err("JBD2: previous I/O error detected for journal superblock update for %s.\n",
		       journal->j_devname);
		clear_buffer_write_io_error(bh);
		set_buffer_uptodate(bh);
	}
	if (jbd2_journal_has_csum_v2or3(journal))
		sb->s_checksum = jbd2_superblock_csum(journal, sb);
	get_bh(bh);
	bh->b_end_io = end_buffer_write_sync;
	submit_bh(REQ_OP_WRITE | write_flags, bh);
	wait_on_buffer(bh);
	ret = buffer_write_io_error(bh) ? -EIO : 0;
	if (ret) {
		pr_err("JBD2: Error %d detected when updating journal superblock for %s.\n",
		       ret, journal->j_devname);
		jbd2_journal_abort(journal, ret);
	}
	return ret;
}

/* Writes the log tail (tid, block) into the superblock. Context: j_checkpoint_mutex. */
int jbd2_journal_update_sb_log_tail(journal_t *journal, tid_t tail_tid,
				    unsigned long tail_block, blk_opf_t write_flags)
{
	journal_superblock_t *sb = journal->j_superblock;
	int ret;

	if (is_journal_aborted(journal))
		return -EIO;
	sb->s_sequence = cpu_to_be32(tail_tid);
	sb->s_start = cpu_to_be32(tail_block);
	ret = jbd2_write_superblock(journal, write_flags);
	if (ret)
		return ret;
	write_lock(&journal->j_state_lock);
	journal->j_flags &= ~JBD2_FLUSHED;
	write_unlock(&journal->j_state_lock);
	return 0;
}

/* Says on disk that the log is empty (s_start 0): a clean unmount or a flush. */
static void jbd2_mark_journal_empty(journal_t *journal, blk_opf_t write_flags)
{
	journal_superblock_t *sb = journal->j_superblock;

	if (sb->s_start == 0)
		return;
	sb->s_sequence = cpu_to_be32(journal->j_tail_sequence);
	sb->s_start = 0;
	jbd2_write_superblock(journal, write_flags);
	write_lock(&journal->j_state_lock);
	journal->j_flags |= JBD2_FLUSHED;
	write_unlock(&journal->j_state_lock);
}

/* Records the journal's error in its superblock. */
void jbd2_journal_update_sb_errno(journal_t *journal)
{
	journal->j_superblock->s_errno = cpu_to_be32(journal->j_errno);
	jbd2_write_superblock(journal, REQ_SYNC | REQ_FUA);
}

/*
 * jbd2_journal_abort - stop the journal after an I/O error: no more commits, handles
 * fail, and the error is recorded for the next mount.
 */
void jbd2_journal_abort(journal_t *journal, int errno)
{
	write_lock(&journal->j_state_lock);
	if (journal->j_flags & JBD2_ABORT) {
		write_unlock(&journal->j_state_lock);
		return;
	}
	pr_err("Aborting journal on device %s.\n", journal->j_devname);
	journal->j_flags |= JBD2_ABORT;
	journal->j_errno = errno;
	if (journal->j_running_transaction)
		__jbd2_log_start_commit(journal, journal->j_running_transaction->t_tid);
	write_unlock(&journal->j_state_lock);
	wake_up_all(&journal->j_wait_done_commit);
	wake_up_all(&journal->j_wait_transaction_locked);
	if (errno != -EIO && journal->j_sb_buffer)
		jbd2_journal_update_sb_errno(journal);
}

int jbd2_journal_errno(journal_t *journal)
{
	int err;

	read_lock(&journal->j_state_lock);
	err = (journal->j_flags & JBD2_ABORT) ? -EROFS : journal->j_errno;
	read_unlock(&journal->j_state_lock);
	return err;
}

void jbd2_journal_clear_err(journal_t *journal)
{
	write_lock(&journal->j_state_lock);
	if (!(journal->j_flags & JBD2_ABORT))
		journal->j_errno = 0;
	write_unlock(&journal->j_state_lock);
}

/* The fields every journal starts with; NULL if memory runs out. */
static journal_t *journal_init_common(struct block_device *bdev,
				      struct block_device *fs_dev,
				      unsigned long long start, int len, int blocksize)
{
	journal_t *journal;

	journal = kzalloc(sizeof(*journal), GFP_KERNEL);
	if (!journal)
		return NULL;
	init_waitqueue_head(&journal->j_wait_transaction_locked);
	init_waitqueue_head(&journal->j_wait_done_commit);
	init_waitqueue_head(&journal->j_wait_commit);
	init_waitqueue_head(&journal->j_wait_updates);
	mutex_init(&journal->j_barrier);
	mutex_init(&journal->j_checkpoint_mutex);
	spin_lock_init(&journal->j_revoke_lock);
	spin_lock_init(&journal->j_list_lock);
	rwlock_init(&journal->j_state_lock);
	INIT_LIST_HEAD(&journal->j_checkpoint_transactions);
	INIT_LIST_HEAD(&journal->j_all_inodes);
	journal->j_commit_interval = HZ * JBD2_DEFAULT_MAX_COMMIT_AGE;
	/* Not usable until jbd2_journal_load. */
	journal->j_flags = JBD2_ABORT;
	journal->j_dev = bdev;
	journal->j_fs_dev = fs_dev;
	journal->j_blk_offset = start;
	journal->j_total_len = len;
	journal->j_blocksize = blocksize;
	if (jbd2_journal_init_revoke(journal, 256))
		goto err_free;
	/* A commit's buffers in flight: at most one descriptor's worth (8-byte tags). */
	journal->j_wbufsize = blocksize / 8;
	journal->j_wbuf = kcalloc(journal->j_wbufsize, sizeof(struct buffer_head *),
				  GFP_KERNEL);
	if (!journal->j_wbuf)
		goto err_revoke;
	journal->j_sb_buffer = __getblk(bdev, start, blocksize);
	if (!journal->j_sb_buffer)
		goto err_wbuf;
	journal->j_superblock = (journal_superblock_t *)journal->j_sb_buffer->b_data;
	return journal;

err_wbuf:
	kfree(journal->j_wbuf);
err_revoke:
	jbd2_journal_destroy_revoke(journal);
err_free:
	kfree(journal);
	return NULL;
}

/*
 * jbd2_journal_init_dev - a journal at blocks start..start+len-1 of bdev
 * Return: the journal (not yet loaded), or NULL.
 */
journal_t *jbd2_journal_init_dev(struct block_device *bdev, struct block_device *fs_dev,
				 unsigned long long start, int len, int blocksize)
{
	journal_t *journal = journal_init_common(bdev, fs_dev, start, len, blocksize);

	if (journal)
		snprintf(journal->j_devname, sizeof(journal->j_devname), "%s",
			 bdev->bd_disk ? bdev->bd_disk->disk_name : "journal");
	return journal;
}

/*
 * jbd2_journal_init_inode - a journal in the file inode (ext4's inode 8)
 * Its blocks are found with the inode's bmap. Return: the journal, or NULL.
 */
journal_t *jbd2_journal_init_inode(struct inode *inode)
{
	struct block_device *bdev = inode->i_sb->s_bdev;
	sector_t blocknr = 0;
	journal_t *journal;

	if (bmap(inode, &blocknr) || !blocknr) {
		pr_err("%s: Cannot locate journal superblock\n", __func__);
		return NULL;
	}
	journal = journal_init_common(bdev, bdev, blocknr,
				      inode->i_size >> inode->i_blkbits,
				      inode->i_sb->s_blocksize);
	if (!journal)
		return NULL;
	journal->j_inode = inode;
	snprintf(journal->j_devname, sizeof(journal->j_devname), "%s-%lu",
		 bdev->bd_disk ? bdev->bd_disk->disk_name : "bdev", inode->i_ino);
	return journal;
}

/* Reads and checks the journal superblock. 0 or -errno, with a message. */
static int journal_get_superblock(journal_t *journal)
{
	struct buffer_head *bh = journal->j_sb_buffer;
	journal_superblock_t *sb = journal->j_superblock;

	if (bh_read(bh, 0) < 0) {
		pr_err("JBD2: IO error reading journal superblock\n");
		return -EIO;
	}
	if (sb->s_header.h_magic != cpu_to_be32(JBD2_MAGIC_NUMBER) ||
	    sb->s_blocksize != cpu_to_be32(journal->j_blocksize)) {
		pr_warn("JBD2: no valid journal superblock found\n");
		return -EINVAL;
	}
	switch (be32_to_cpu(sb->s_header.h_blocktype)) {
	case JBD2_SUPERBLOCK_V1:
		journal->j_format_version = 1;
		break;
	case JBD2_SUPERBLOCK_V2:
		journal->j_format_version = 2;
		break;
	default:
		pr_warn("JBD2: unrecognised superblock format ID\n");
		return -EINVAL;
	}
	if (be32_to_cpu(sb->s_maxlen) > journal->j_total_len ||
	    be32_to_cpu(sb->s_maxlen) < JBD2_MIN_JOURNAL_BLOCKS) {
		pr_warn("JBD2: journal file too short or bad s_maxlen %u (file %u blocks)\n",
			be32_to_cpu(sb->s_maxlen), journal->j_total_len);
		return -EINVAL;
	}
	journal->j_total_len = be32_to_cpu(sb->s_maxlen);
	if (!be32_to_cpu(sb->s_first) ||
	    be32_to_cpu(sb->s_first) >= journal->j_total_len) {
		pr_warn("JBD2: Invalid start block of journal: %u\n", be32_to_cpu(sb->s_first));
		return -EINVAL;
	}
	return 0;
}

/* Refuses features this jbd2 cannot handle, naming them; sets up the checksum seed. */
static int journal_check_features(journal_t *journal)
{
	journal_superblock_t *sb = journal->j_superblock;
	u32 unknown;

	if (journal->j_format_version < 2)
		return 0;
	unknown = be32_to_cpu(sb->s_feature_incompat) & ~JBD2_KNOWN_INCOMPAT_FEATURES;
	if (unknown || (be32_to_cpu(sb->s_feature_ro_compat) & ~JBD2_KNOWN_ROCOMPAT_FEATURES)) {
		pr_warn("JBD2: Unrecognised features on journal %s: incompat 0x%x ro_compat 0x%x\n",
			journal->j_devname, unknown, be32_to_cpu(sb->s_feature_ro_compat));
		return -EINVAL;
	}
	if (be32_to_cpu(sb->s_feature_compat) & JBD2_FEATURE_COMPAT_CHECKSUM) {
		pr_warn("JBD2: journal %s uses version 1 (crc32) commit checksums, not supported\n",
			journal->j_devname);
		return -EINVAL;
	}
	if (jbd2_has_feature_csum2(journal) && jbd2_has_feature_csum3(journal)) {
		pr_err("JBD2: Can't enable checksumming v2 and v3 at the same time!\n");
		return -EINVAL;
	}
	if (!jbd2_journal_has_csum_v2or3(journal))
		return 0;
	if (sb->s_checksum_type != JBD2_CRC32C_CHKSUM) {
		pr_err("JBD2: Unknown checksum type %u\n", sb->s_checksum_type);
		return -EINVAL;
	}
	if (jbd2_superblock_csum(journal, sb) != sb->s_checksum) {
		pr_err("JBD2: journal checksum error\n");
		return -EFSBADCRC;
	}
	journal->j_csum_seed = jbd2_chksum(journal, ~0, sb->s_uuid, sizeof(sb->s_uuid));
	return 0;
}

static int load_superblock(journal_t *journal)
{
	journal_superblock_t *sb = journal->j_superblock;
	int err;

	err = journal_get_superblock(journal);
	if (err)
		return err;
	err = journal_check_features(journal);
	if (err)
		return err;
	journal->j_tail_sequence = be32_to_cpu(sb->s_sequence);
	journal->j_tail = be32_to_cpu(sb->s_start);
	journal->j_first = be32_to_cpu(sb->s_first);
	journal->j_last = be32_to_cpu(sb->s_maxlen);
	journal->j_errno = be32_to_cpu(sb->s_errno);
	memcpy(journal->j_uuid, sb->s_uuid, sizeof(journal->j_uuid));
	return 0;
}

/* An empty log at j_first after load or recovery, and kjournald2 started. */
static int journal_reset(journal_t *journal)
{
	journal_superblock_t *sb = journal->j_superblock;
	unsigned long long first = be32_to_cpu(sb->s_first);
	unsigned long long last = be32_to_cpu(sb->s_maxlen);

	if (first + JBD2_MIN_JOURNAL_BLOCKS > last + 1) {
		pr_err("JBD2: Journal too short (blocks %llu-%llu).\n", first, last);
		return -EINVAL;
	}
	journal->j_first = first;
	journal->j_last = last;
	journal->j_head = first;
	journal->j_tail = first;
	journal->j_free = last - first;
	journal->j_tail_sequence = journal->j_transaction_sequence;
	journal->j_commit_sequence = journal->j_transaction_sequence - 1;
	journal->j_commit_request = journal->j_commit_sequence;
	/* A quarter of the log: a committing and a running one and slack always fit. */
	journal->j_max_transaction_buffers = (last - first) / 4;
	journal->j_revoke_records_per_block =
		(journal->j_blocksize - sizeof(jbd2_journal_revoke_header_t) -
		 (jbd2_journal_has_csum_v2or3(journal) ?
		  sizeof(struct jbd2_journal_block_tail) : 0)) /
		(jbd2_has_feature_64bit(journal) ? 8 : 4);
	if (sb->s_start == 0) {
		journal->j_flags |= JBD2_FLUSHED;
	} else {
		/* The recovered log is done with: the next transaction starts at j_first. */
		mutex_lock(&journal->j_checkpoint_mutex);
		jbd2_journal_update_sb_log_tail(journal, journal->j_tail_sequence,
						journal->j_tail, REQ_SYNC | REQ_FUA);
		mutex_unlock(&journal->j_checkpoint_mutex);
	}
	return jbd2_journal_start_thread(journal);
}

/**
 * jbd2_journal_load - read the journal superblock, recover the log, start kjournald2
 * @journal: from jbd2_journal_init_inode or jbd2_journal_init_dev
 *
 * A journal with a feature this jbd2 does not know is refused, untouched.
 * Context: process, at mount. Return: 0, or -EINVAL, -EIO, -EFSBADCRC ...
 */
int jbd2_journal_load(journal_t *journal)
{
	int err;

	err = load_superblock(journal);
	if (err)
		return err;
	err = jbd2_journal_recover(journal);
	if (err) {
		pr_warn("JBD2: recovery failed\n");
		return err;
	}
	if (journal->j_failed_commit) {
		pr_err("JBD2: journal transaction %u on %s is corrupt.\n",
		       journal->j_failed_commit, journal->j_devname);
		return -EFSCORRUPTED;
	}
	journal->j_flags &= ~JBD2_ABORT;
	err = journal_reset(journal);
	if (err) {
		journal->j_flags |= JBD2_ABORT;
		return err;
	}
	journal->j_flags |= JBD2_LOADED;
	return 0;
}

/*
 * jbd2_journal_destroy - commit, checkpoint and empty the log, then free the journal
 * After it the log is marked empty (s_start 0): the next mount replays nothing.
 * Return: 0, or -EIO if the journal had aborted.
 */
int jbd2_journal_destroy(journal_t *journal)
{
	int err = 0;

	if (journal->j_task)
		journal_kill_thread(journal);
	if (journal->j_running_transaction)
		jbd2_journal_commit_transaction(journal);
	while (!list_empty(&journal->j_checkpoint_transactions)) {
		mutex_lock(&journal->j_checkpoint_mutex);
		err = jbd2_log_do_checkpoint(journal);
		mutex_unlock(&journal->j_checkpoint_mutex);
		if (err) {
			jbd2_journal_destroy_checkpoint(journal);
			break;
		}
	}
	if (journal->j_flags & JBD2_LOADED && !is_journal_aborted(journal)) {
		mutex_lock(&journal->j_checkpoint_mutex);
		write_lock(&journal->j_state_lock);
		journal->j_tail_sequence = ++journal->j_transaction_sequence;
		write_unlock(&journal->j_state_lock);
		jbd2_mark_journal_empty(journal, REQ_SYNC | REQ_PREFLUSH | REQ_FUA);
		mutex_unlock(&journal->j_checkpoint_mutex);
	} else if (is_journal_aborted(journal) && journal->j_flags & JBD2_LOADED) {
		err = -EIO;
	}
	brelse(journal->j_sb_buffer);
	if (journal->j_inode)
		iput(journal->j_inode);
	jbd2_journal_destroy_revoke(journal);
	kfree(journal->j_wbuf);
	kfree(journal);
	return err;
}

/* Whether the journal has every one of these features (version 2 only). */
int jbd2_journal_check_used_features(journal_t *journal, unsigned long compat,
				     unsigned long ro, unsigned long incompat)
{
	journal_superblock_t *sb = journal->j_superblock;

	if (!compat && !ro && !incompat)
		return 1;
	if (journal->j_format_version == 1)
		return 0;
	return (be32_to_cpu(sb->s_feature_compat) & compat) == compat &&
	       (be32_to_cpu(sb->s_feature_ro_compat) & ro) == ro &&
	       (be32_to_cpu(sb->s_feature_incompat) & incompat) == incompat;
}

/*
 * jbd2_journal_set_features - turn features on in the superblock (written at the next
 * tail update). Only known ones; csum v2 and v3 replace each other.
 * Return: 1 if they are now all set, 0 if one cannot be.
 */
int jbd2_journal_set_features(journal_t *journal, unsigned long compat, unsigned long ro,
			      unsigned long incompat)
{
	journal_superblock_t *sb = journal->j_superblock;

	if (jbd2_journal_check_used_features(journal, compat, ro, incompat))
		return 1;
	if (journal->j_format_version != 2 || (compat & ~JBD2_KNOWN_COMPAT_FEATURES) ||
	    (ro & ~JBD2_KNOWN_ROCOMPAT_FEATURES) ||
	    (incompat & ~JBD2_KNOWN_INCOMPAT_FEATURES))
		return 0;
	if (incompat & (JBD2_FEATURE_INCOMPAT_CSUM_V2 | JBD2_FEATURE_INCOMPAT_CSUM_V3)) {
		sb->s_feature_incompat &= ~cpu_to_be32(JBD2_FEATURE_INCOMPAT_CSUM_V2 |
						       JBD2_FEATURE_INCOMPAT_CSUM_V3);
		sb->s_checksum_type = JBD2_CRC32C_CHKSUM;
		journal->j_csum_seed = jbd2_chksum(journal, ~0, sb->s_uuid,
						   sizeof(sb->s_uuid));
	}
	sb->s_feature_compat |= cpu_to_be32(compat);
	sb->s_feature_ro_compat |= cpu_to_be32(ro);
	sb->s_feature_incompat |= cpu_to_be32(incompat);
	return 1;
}

void jbd2_journal_clear_features(journal_t *journal, unsigned long compat,
				 unsigned long ro, unsigned long incompat)
{
	journal_superblock_t *sb = journal->j_superblock;

	sb->s_feature_compat &= ~cpu_to_be32(compat);
	sb->s_feature_ro_compat &= ~cpu_to_be32(ro);
	sb->s_feature_incompat &= ~cpu_to_be32(incompat);
}

/*
 * jbd2_journal_flush - commit everything, write it all home and empty the log
 * Context: process; no handle may be running (jbd2_journal_lock_updates).
 * Return: 0 or -EIO.
 */
int jbd2_journal_flush(journal_t *journal, unsigned int flags)
{
	int err = 0;

	jbd2_journal_force_commit(journal);
	read_lock(&journal->j_state_lock);
	if (journal->j_committing_transaction) {
		tid_t tid = journal->j_committing_transaction->t_tid;

		read_unlock(&journal->j_state_lock);
		jbd2_log_wait_commit(journal, tid);
	} else {
		read_unlock(&journal->j_state_lock);
	}
	if (is_journal_aborted(journal))
		return -EIO;
	mutex_lock(&journal->j_checkpoint_mutex);
	while (!err && !list_empty(&journal->j_checkpoint_transactions))
		err = jbd2_log_do_checkpoint(journal);
	if (!err)
		err = jbd2_cleanup_journal_tail(journal);
	if (err >= 0) {
		err = 0;
		jbd2_mark_journal_empty(journal, REQ_SYNC | REQ_FUA);
	}
	mutex_unlock(&journal->j_checkpoint_mutex);
	return is_journal_aborted(journal) ? -EIO : err;
}

/*
 * jbd2_journal_wipe - forget a log that need not be replayed (the file system says it
 * was cleanly unmounted): mark it empty. Return: 0 or -errno.
 */
int jbd2_journal_wipe(journal_t *journal, int write)
{
	int err;

	err = load_superblock(journal);
	if (err)
		return err;
	if (!journal->j_tail)
		return 0;
	pr_warn("JBD2: %s recovery information on journal\n", write ? "Clearing" : "Ignoring");
	err = jbd2_journal_skip_recovery(journal);
	if (write) {
		mutex_lock(&journal->j_checkpoint_mutex);
		journal->j_tail_sequence = journal->j_transaction_sequence;
		journal->j_superblock->s_start = cpu_to_be32(1);
		jbd2_mark_journal_empty(journal, REQ_SYNC | REQ_FUA);
		mutex_unlock(&journal->j_checkpoint_mutex);
	}
	return err;
}

/*
 * jbd2_journal_add_journal_head - the buffer's journal head, made if it has none
 * Takes a reference (b_jcount) the caller drops with jbd2_journal_put_journal_head;
 * the head holds a reference on the buffer while it exists.
 */
struct journal_head *jbd2_journal_add_journal_head(struct buffer_head *bh)
{
	struct journal_head *jh, *new_jh = NULL;

	if (!buffer_jbd(bh))
		new_jh = kzalloc(sizeof(*new_jh), GFP_NOFS | __GFP_NOFAIL);
	spin_lock(&journal_head_lock);
	if (buffer_jbd(bh)) {
		jh = bh2jh(bh);
	} else {
		if (!new_jh) {
			spin_unlock(&journal_head_lock);
			return jbd2_journal_add_journal_head(bh);
		}
		jh = new_jh;
		new_jh = NULL;
		INIT_LIST_HEAD(&jh->b_list);
		INIT_LIST_HEAD(&jh->b_cplist);
		jh->b_bh = bh;
		get_bh(bh);
		bh->b_private = jh;
		set_buffer_jbd(bh);
	}
	jh->b_jcount++;
	spin_unlock(&journal_head_lock);
	kfree(new_jh);
	return jh;
}

/* The buffer's journal head with a reference, or NULL if it has none. */
struct journal_head *jbd2_journal_grab_journal_head(struct buffer_head *bh)
{
	struct journal_head *jh = NULL;

	spin_lock(&journal_head_lock);
	if (buffer_jbd(bh)) {
		jh = bh2jh(bh);
		jh->b_jcount++;
	}
	spin_unlock(&journal_head_lock);
	return jh;
}

/* Drops a reference; the last one frees the head once no list holds the buffer. */
void jbd2_journal_put_journal_head(struct journal_head *jh)
{
	struct buffer_head *bh = jh2bh(jh);

	spin_lock(&journal_head_lock);
	J_ASSERT(jh->b_jcount > 0);
	if (--jh->b_jcount) {
		spin_unlock(&journal_head_lock);
		return;
	}
	J_ASSERT(!jh->b_transaction && !jh->b_next_transaction && !jh->b_cp_transaction);
	bh->b_private = NULL;
	clear_buffer_jbd(bh);
	spin_unlock(&journal_head_lock);
	kfree(jh->b_frozen_data);
	kfree(jh);
	__brelse(bh);
}
