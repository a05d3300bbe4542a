/*
 * jbd2 revoke records, as Linux 6.1's fs/jbd2/revoke.c. A metadata block freed by a
 * transaction must not be replayed from an older transaction in the log over its next
 * user: the freeing transaction logs a revoke record for it, and recovery skips every
 * copy of the block logged by a transaction no newer than the record's.
 *
 * Two hash tables of records: one collects the running transaction's revokes, the
 * other is written out by the committing transaction (they switch at each commit).
 * Recovery uses the running table for what it finds in the log. Under j_revoke_lock.
 */
#include <linux/jbd2.h>
#include <linux/log2.h>
#include <linux/printk.h>
#include <linux/slab.h>

struct jbd2_revoke_record_s {
	struct list_head hash;
	tid_t sequence;			/* the newest transaction revoking it */
	unsigned long long blocknr;
};

struct jbd2_revoke_table_s {
	int hash_size;			/* a power of two */
	int hash_shift;
	struct list_head *hash_table;
};

/* The chain of a block: the top hash_shift bits of a multiplicative hash. */
static inline int hash(journal_t *journal, unsigned long long block)
{
	return (block * 0x61c8864680b583ebULL) >> (64 - journal->j_revoke->hash_shift);
}

static struct jbd2_revoke_record_s *find_revoke_record(journal_t *journal,
						       unsigned long long blocknr)
{
	struct list_head *hash_list = &journal->j_revoke->hash_table[hash(journal, blocknr)];
	struct jbd2_revoke_record_s *record;

	list_for_each_entry(record, hash_list, hash)
		if (record->blocknr == blocknr)
			return record;
	return NULL;
}

static int insert_revoke_hash(journal_t *journal, unsigned long long blocknr, tid_t seq)
{
	struct jbd2_revoke_record_s *record;

	record = kmalloc(sizeof(*record), GFP_NOFS);
	if (!record)
		return -ENOMEM;
	record->sequence = seq;
	record->blocknr = blocknr;
	spin_lock(&journal->j_revoke_lock);
	list_add(&record->hash, &journal->j_revoke->hash_table[hash(journal, blocknr)]);
	spin_unlock(&journal->j_revoke_lock);
	return 0;
}

static struct jbd2_revoke_table_s *jbd2_journal_init_revoke_table(int hash_size)
{
	struct jbd2_revoke_table_s *table;
	int i;

	table = kzalloc(sizeof(*table), GFP_KERNEL);
	if (!table)
		return NULL;
	table->hash_size = hash_size;
	table->hash_shift = ilog2(hash_size);
	table->hash_table = kmalloc_array(hash_size, sizeof(struct list_head), GFP_KERNEL);
	if (!table->hash_table) {
		kfree(table);
		return NULL;
	}
	for (i = 0; i < hash_size; i++)
		INIT_LIST_HEAD(&table->hash_table[i]);
	return table;
}

static void jbd2_journal_destroy_revoke_table(struct jbd2_revoke_table_s *table)
{
	int i;

	if (!table)
		return;
	for (i = 0; i < table->hash_size; i++)
		WARN_ON(!list_empty(&table->hash_table[i]));
	kfree(table->hash_table);
	kfree(table);
}

/* The journal's two revoke tables of hash_size (a power of two) chains. 0 or -ENOMEM. */
int jbd2_journal_init_revoke(journal_t *journal, int hash_size)
{
	journal->j_revoke_table[0] = jbd2_journal_init_revoke_table(hash_size);
	if (!journal->j_revoke_table[0])
		return -ENOMEM;
	journal->j_revoke_table[1] = jbd2_journal_init_revoke_table(hash_size);
	if (!journal->j_revoke_table[1]) {
		jbd2_journal_destroy_revoke_table(journal->j_revoke_table[0]);
		return -ENOMEM;
	}
	journal->j_revoke = journal->j_revoke_table[1];
	return 0;
}

void jbd2_journal_destroy_revoke(journal_t *journal)
{
	journal->j_revoke = NULL;
	jbd2_journal_destroy_revoke_table(journal->j_revoke_table[0]);
	jbd2_journal_destroy_revoke_table(journal->j_revoke_table[1]);
}

/**
 * jbd2_journal_revoke - block blocknr, metadata, is freed by the handle's change
 * @handle: the change's handle, with a revoke credit left
 * @blocknr: the block
 * @bh_in: its buffer if the caller has it (its reference is dropped), or NULL
 *
 * Return: 0, -EIO on a second revoke without reuse between or no credit, -ENOMEM.
 */
int jbd2_journal_revoke(handle_t *handle, unsigned long long blocknr,
			struct buffer_head *bh_in)
{
	journal_t *journal = handle->h_transaction->t_journal;
	struct buffer_head *bh = bh_in;
	int err;

	if (!jbd2_journal_set_features(journal, 0, 0, JBD2_FEATURE_INCOMPAT_REVOKE))
		return -EINVAL;
	if (!bh)
		bh = __find_get_block(journal->j_fs_dev, blocknr, journal->j_blocksize);
	if (WARN_ON_ONCE(handle->h_revoke_credits <= 0)) {
		if (!bh_in)
			brelse(bh);
		return -EIO;
	}
	if (bh) {
		if (buffer_revoked(bh)) {
			pr_err("JBD2: block %llu revoked twice: inconsistent data on disk\n",
			       blocknr);
			if (!bh_in)
				brelse(bh);
			return -EIO;
		}
		set_buffer_revoked(bh);
		set_buffer_revokevalid(bh);
		if (bh_in)
			jbd2_journal_forget(handle, bh_in);
		else
			__brelse(bh);
	}
	handle->h_revoke_credits--;
	err = insert_revoke_hash(journal, blocknr, handle->h_transaction->t_tid);
	return err;
}

/*
 * jbd2_journal_cancel_revoke - the handle reuses a block its transaction revoked (it
 * takes write or create access): the running transaction's record goes. A record an
 * older transaction already committed stays in the log, where it only hides older
 * copies. Return: whether a record was removed.
 */
int jbd2_journal_cancel_revoke(handle_t *handle, struct journal_head *jh)
{
	journal_t *journal = handle->h_transaction->t_journal;
	struct buffer_head *bh = jh2bh(jh);
	struct jbd2_revoke_record_s *record;
	int need_cancel, did_revoke = 0;

	/* Without BH_RevokeValid the buffer's revoked state is unknown: look it up. */
	if (test_set_buffer_revokevalid(bh))
		need_cancel = test_clear_buffer_revoked(bh);
	else {
		need_cancel = 1;
		clear_buffer_revoked(bh);
	}
	if (!need_cancel)
		return 0;
	spin_lock(&journal->j_revoke_lock);
	record = find_revoke_record(journal, bh->b_blocknr);
	if (record) {
		list_del(&record->hash);
		did_revoke = 1;
	}
	spin_unlock(&journal->j_revoke_lock);
	kfree(record);
	return did_revoke;
}

/*
 * After recovery or at a table switch, the buffers' BH_Revoked bits describe the
 * table being retired: forget them so the next revoke of a buffer is not refused.
 */
void jbd2_clear_buffer_revoked_flags(journal_t *journal)
{
	struct jbd2_revoke_table_s *revoke = journal->j_revoke;
	int i;

	for (i = 0; i < revoke->hash_size; i++) {
		struct jbd2_revoke_record_s *record;

		list_for_each_entry(record, &revoke->hash_table[i], hash) {
			struct buffer_head *bh;

			bh = __find_get_block(journal->j_fs_dev, record->blocknr,
					      journal->j_blocksize);
			if (bh) {
				clear_buffer_revoked(bh);
				__brelse(bh);
			}
		}
	}
}

/* The committing transaction takes the running table; the other one starts empty. */
void jbd2_journal_switch_revoke_table(journal_t *journal)
{
	int i;

	if (journal->j_revoke == journal->j_revoke_table[0])
		journal->j_revoke = journal->j_revoke_table[1];
	else
		journal->j_revoke = journal->j_revoke_table[0];
	for (i = 0; i < journal->j_revoke->hash_size; i++)
		INIT_LIST_HEAD(&journal->j_revoke->hash_table[i]);
}

/* Closes a full (or the last) revoke block: its byte count and checksum. */
static void flush_descriptor(journal_t *journal, struct buffer_head *descriptor,
			     int offset, struct list_head *log_bufs)
{
	jbd2_journal_revoke_header_t *header = (void *)descriptor->b_data;

	header->r_count = cpu_to_be32(offset);
	jbd2_descriptor_block_csum_set(journal, descriptor);
	list_add_tail(&descriptor->b_assoc_buffers, log_bufs);
}

/*
 * jbd2_journal_write_revoke_records - the committing transaction's revoke records into
 * revoke blocks at the log head, queued on log_bufs (via b_assoc_buffers) for the
 * caller to write. The records are freed.
 */
void jbd2_journal_write_revoke_records(transaction_t *transaction, struct list_head *log_bufs)
{
	journal_t *journal = transaction->t_journal;
	int record_len = jbd2_has_feature_64bit(journal) ? 8 : 4;
	int csum_size = jbd2_journal_has_csum_v2or3(journal) ?
			sizeof(struct jbd2_journal_block_tail) : 0;
	struct jbd2_revoke_table_s *revoke;
	struct buffer_head *descriptor = NULL;
	int i, offset = 0;

	revoke = journal->j_revoke == journal->j_revoke_table[0] ?
		 journal->j_revoke_table[1] : journal->j_revoke_table[0];
	for (i = 0; i < revoke->hash_size; i++) {
		struct list_head *hash_list = &revoke->hash_table[i];

		while (!list_empty(hash_list)) {
			struct jbd2_revoke_record_s *record =
				list_first_entry(hash_list, struct jbd2_revoke_record_s, hash);

			if (descriptor &&
			    offset + record_len > journal->j_blocksize - csum_size) {
				flush_descriptor(journal, descriptor, offset, log_bufs);
				descriptor = NULL;
			}
			if (!descriptor && !is_journal_aborted(journal)) {
				descriptor = jbd2_journal_get_descriptor_buffer(transaction,
										JBD2_REVOKE_BLOCK);
				offset = sizeof(jbd2_journal_revoke_header_t);
			}
			if (descriptor) {
				if (record_len == 8)
					*(__be64 *)(descriptor->b_data + offset) =
						cpu_to_be64(record->blocknr);
				else
					*(__be32 *)(descriptor->b_data + offset) =
						cpu_to_be32(record->blocknr);
				offset += record_len;
			}
			list_del(&record->hash);
			kfree(record);
		}
	}
	if (descriptor)
		flush_descriptor(journal, descriptor, offset, log_bufs);
}

/*
 * jbd2_journal_set_revoke - recovery found a revoke record of transaction sequence
 * Keeps the newest transaction revoking each block. Return: 0 or -ENOMEM.
 */
int jbd2_journal_set_revoke(journal_t *journal, unsigned long long blocknr, tid_t sequence)
{
	struct jbd2_revoke_record_s *record = find_revoke_record(journal, blocknr);

	if (record) {
		if (tid_gt(sequence, record->sequence))
			record->sequence = sequence;
		return 0;
	}
	return insert_revoke_hash(journal, blocknr, sequence);
}

/* Whether recovery must skip the copy of blocknr that transaction sequence logged. */
int jbd2_journal_test_revoke(journal_t *journal, unsigned long long blocknr, tid_t sequence)
{
	struct jbd2_revoke_record_s *record = find_revoke_record(journal, blocknr);

	if (!record)
		return 0;
	return !tid_gt(sequence, record->sequence);
}

/* Empties the running table (after recovery). */
void jbd2_journal_clear_revoke(journal_t *journal)
{
	struct jbd2_revoke_table_s *revoke = journal->j_revoke;
	int i;

	for (i = 0; i < revoke->hash_size; i++) {
		struct list_head *hash_list = &revoke->hash_table[i];

		while (!list_empty(hash_list)) {
			struct jbd2_revoke_record_s *record =
				list_first_entry(hash_list, struct jbd2_revoke_record_s, hash);

			list_del(&record->hash);
			kfree(record);
		}
	}
}
