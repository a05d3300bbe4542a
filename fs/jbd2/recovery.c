/*
 * jbd2 recovery: replay a journal left non-empty by a crash, at mount, as Linux 6.1's
 * fs/jbd2/recovery.c. Three passes over the log from the superblock's s_start:
 * PASS_SCAN finds the last transaction with a valid commit block, PASS_REVOKE collects
 * the revoke records of those transactions, PASS_REPLAY writes each logged block home
 * unless a revoke record of the same or a later transaction cancels it. A transaction
 * without its commit block (a torn write) and everything after it is ignored.
 */
#include <linux/jbd2.h>
#include <linux/blkdev.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/string.h>

enum passtype { PASS_SCAN, PASS_REVOKE, PASS_REPLAY };

/* What the passes learn and count; end_transaction is the first tid not replayed. */
struct recovery_info {
	tid_t start_transaction;
	tid_t end_transaction;
	int nr_replays;
	int nr_revokes;
	int nr_revoke_hits;
};

/* Reads log block offset (journal-relative) into *bhp; 0 or -errno. */
static int jread(struct buffer_head **bhp, journal_t *journal, unsigned int offset)
{
	unsigned long long blocknr;
	struct buffer_head *bh;
	int err;

	*bhp = NULL;
	if (offset >= journal->j_total_len) {
		pr_err("JBD2: corrupted journal superblock: log block %u past the end %u\n",
		       offset, journal->j_total_len);
		return -EFSCORRUPTED;
	}
	err = jbd2_journal_bmap(journal, offset, &blocknr);
	if (err) {
		pr_err("JBD2: bad block at offset %u\n", offset);
		return err;
	}
	bh = __getblk(journal->j_dev, blocknr, journal->j_blocksize);
	if (!bh)
		return -ENOMEM;
	if (bh_read(bh, 0) < 0) {
		pr_err("JBD2: Failed to read block at offset %u\n", offset);
		brelse(bh);
		return -EIO;
	}
	*bhp = bh;
	return 0;
}

/* The log is a ring: a block number past j_last continues at j_first. */
#define wrap(journal, var)						\
do {									\
	if ((var) >= (journal)->j_last)					\
		(var) -= ((journal)->j_last - (journal)->j_first);	\
} while (0)

/* The bytes of a descriptor or revoke block that may hold tags or records. */
static int journal_block_payload(journal_t *journal)
{
	int size = journal->j_blocksize;

	if (jbd2_journal_has_csum_v2or3(journal))
		size -= sizeof(struct jbd2_journal_block_tail);
	return size;
}

static int jbd2_descriptor_block_csum_verify(journal_t *j, void *buf)
{
	struct jbd2_journal_block_tail *tail;
	__be32 provided;
	u32 calculated;

	if (!jbd2_journal_has_csum_v2or3(j))
		return 1;
	tail = (struct jbd2_journal_block_tail *)((char *)buf + j->j_blocksize -
						  sizeof(*tail));
	provided = tail->t_checksum;
	tail->t_checksum = 0;
	calculated = jbd2_chksum(j, j->j_csum_seed, buf, j->j_blocksize);
	tail->t_checksum = provided;
	return provided == cpu_to_be32(calculated);
}

static int jbd2_commit_block_csum_verify(journal_t *j, void *buf)
{
	struct commit_header *h = buf;
	__be32 provided;
	u32 calculated;

	if (!jbd2_journal_has_csum_v2or3(j))
		return 1;
	provided = h->h_chksum[0];
	h->h_chksum[0] = 0;
	calculated = jbd2_chksum(j, j->j_csum_seed, buf, j->j_blocksize);
	h->h_chksum[0] = provided;
	return provided == cpu_to_be32(calculated);
}

static int jbd2_block_tag_csum_verify(journal_t *j, journal_block_tag_t *tag,
				      void *buf, u32 sequence)
{
	journal_block_tag3_t *tag3 = (journal_block_tag3_t *)tag;
	__be32 seq = cpu_to_be32(sequence);
	u32 csum32;

	if (!jbd2_journal_has_csum_v2or3(j))
		return 1;
	csum32 = jbd2_chksum(j, j->j_csum_seed, &seq, sizeof(seq));
	csum32 = jbd2_chksum(j, csum32, buf, j->j_blocksize);
	if (jbd2_has_feature_csum3(j))
		return tag3->t_checksum == cpu_to_be32(csum32);
	return tag->t_checksum == cpu_to_be16(csum32);
}

/*
 * The flags of a tag: a be16 at byte 6 in both layouts (the low half of tag3's be32
 * t_flags), so one read serves both.
 */
static unsigned int tag_flags(const journal_block_tag_t *tag)
{
	return be16_to_cpu(tag->t_flags);
}

static unsigned long long read_tag_block(journal_t *journal, journal_block_tag_t *tag)
{
	unsigned long long block = be32_to_cpu(tag->t_blocknr);

	if (jbd2_has_feature_64bit(journal))
		block |= (u64)be32_to_cpu(tag->t_blocknr_high) << 32;
	return block;
}

/* The next tag after tagp in a descriptor, or NULL after the last one. */
static char *next_tag(journal_t *journal, struct buffer_head *bh, char *tagp)
{
	unsigned int flags = tag_flags((journal_block_tag_t *)tagp);
	int tag_bytes = journal_tag_bytes(journal);

	if (flags & JBD2_FLAG_LAST_TAG)
		return NULL;
	tagp += tag_bytes;
	if (!(flags & JBD2_FLAG_SAME_UUID))
		tagp += 16;
	if (tagp - bh->b_data + tag_bytes > journal_block_payload(journal))
		return NULL;
	return tagp;
}

#define for_each_tag(journal, bh, tagp)					\
	for ((tagp) = (bh)->b_data + sizeof(journal_header_t); (tagp);	\
	     (tagp) = next_tag((journal), (bh), (tagp)))

/* How many logged blocks follow a descriptor block. */
static int count_tags(journal_t *journal, struct buffer_head *bh)
{
	char *tagp;
	int nr = 0;

	for_each_tag(journal, bh, tagp)
		nr++;
	return nr;
}

/* Writes one logged block (log block io_block) home to blocknr. 0 or -errno. */
static int replay_one_block(journal_t *journal, unsigned long io_block,
			    journal_block_tag_t *tag, tid_t sequence)
{
	unsigned long long blocknr = read_tag_block(journal, tag);
	struct buffer_head *obh, *nbh;
	int err;

	err = jread(&obh, journal, io_block);
	if (err) {
		pr_err("JBD2: IO error %d recovering block %lu in log\n", err, io_block);
		return err;
	}
	if (!jbd2_block_tag_csum_verify(journal, tag, obh->b_data, sequence)) {
		pr_err("JBD2: Invalid checksum recovering data block %llu in log block %lu\n",
		       blocknr, io_block);
		brelse(obh);
		return -EFSBADCRC;
	}
	nbh = __getblk(journal->j_fs_dev, blocknr, journal->j_blocksize);
	if (!nbh) {
		pr_err("JBD2: Out of memory during recovery.\n");
		brelse(obh);
		return -ENOMEM;
	}
	lock_buffer(nbh);
	memcpy(nbh->b_data, obh->b_data, journal->j_blocksize);
	if (tag_flags(tag) & JBD2_FLAG_ESCAPE)
		*(__be32 *)nbh->b_data = cpu_to_be32(JBD2_MAGIC_NUMBER);
	set_buffer_uptodate(nbh);
	mark_buffer_dirty(nbh);
	unlock_buffer(nbh);
	brelse(obh);
	brelse(nbh);
	return 0;
}

/*
 * PASS_REPLAY of one descriptor: each tag's block goes home unless revoked. A block
 * that fails its checksum is skipped and reported; the pass goes on with the others,
 * as Linux's does, and the error is returned at the end.
 */
static int replay_descriptor(journal_t *journal, struct buffer_head *bh,
			     unsigned long *next_log_block, tid_t sequence,
			     struct recovery_info *info)
{
	int err, ret = 0;
	char *tagp;

	for_each_tag(journal, bh, tagp) {
		journal_block_tag_t *tag = (journal_block_tag_t *)tagp;
		unsigned long io_block = (*next_log_block)++;

		wrap(journal, *next_log_block);
		if (jbd2_journal_test_revoke(journal, read_tag_block(journal, tag),
					     sequence)) {
			++info->nr_revoke_hits;
			continue;
		}
		err = replay_one_block(journal, io_block, tag, sequence);
		if (err && err != -EFSBADCRC)
			return err;
		if (err)
			ret = err;
		else
			++info->nr_replays;
	}
	return ret;
}

/* PASS_REVOKE: records the revoke block's records for transaction sequence. */
static int scan_revoke_records(journal_t *journal, struct buffer_head *bh, tid_t sequence,
			       struct recovery_info *info)
{
	jbd2_journal_revoke_header_t *header = (void *)bh->b_data;
	int offset = sizeof(jbd2_journal_revoke_header_t);
	int record_len = jbd2_has_feature_64bit(journal) ? 8 : 4;
	int rcount = be32_to_cpu(header->r_count);
	int err;

	if (rcount > journal_block_payload(journal) || rcount < offset) {
		pr_err("JBD2: bad revoke block count %d in transaction %u\n", rcount, sequence);
		return -EFSCORRUPTED;
	}
	for (; offset + record_len <= rcount; offset += record_len) {
		unsigned long long blocknr;

		if (record_len == 4)
			blocknr = be32_to_cpu(*(__be32 *)(bh->b_data + offset));
		else
			blocknr = be64_to_cpu(*(__be64 *)(bh->b_data + offset));
		err = jbd2_journal_set_revoke(journal, blocknr, sequence);
		if (err)
			return err;
		++info->nr_revokes;
	}
	return 0;
}

/*
 * One log block of one pass. Returns 1 to go on with the next block, 0 at the end of
 * the log (a block that is not the next one expected: no magic, another sequence, a
 * bad checksum while scanning), or -errno.
 */
static int pass_one_block(journal_t *journal, struct buffer_head *bh, enum passtype pass,
			  unsigned long *next_log_block, tid_t *next_commit_ID,
			  struct recovery_info *info)
{
	journal_header_t *tmp = (journal_header_t *)bh->b_data;
	tid_t sequence = be32_to_cpu(tmp->h_sequence);

	if (tmp->h_magic != cpu_to_be32(JBD2_MAGIC_NUMBER) || sequence != *next_commit_ID)
		return 0;

	switch (be32_to_cpu(tmp->h_blocktype)) {
	case JBD2_DESCRIPTOR_BLOCK:
		if (!jbd2_descriptor_block_csum_verify(journal, bh->b_data)) {
			if (pass != PASS_SCAN) {
				pr_err("JBD2: Invalid checksum recovering block %lu in log\n",
				       *next_log_block);
				return -EFSBADCRC;
			}
			pr_notice("JBD2: descriptor of transaction %u fails its checksum: the log ends there\n",
				  sequence);
			return 0;
		}
		if (pass == PASS_REPLAY)
			return replay_descriptor(journal, bh, next_log_block, sequence,
						 info) ?: 1;
		*next_log_block += count_tags(journal, bh);
		wrap(journal, *next_log_block);
		return 1;
	case JBD2_COMMIT_BLOCK:
		if (pass == PASS_SCAN && !jbd2_commit_block_csum_verify(journal, bh->b_data)) {
			/* Not a torn write (the block is whole): jbd2_journal_load refuses. */
			journal->j_failed_commit = sequence;
			return 0;
		}
		++*next_commit_ID;
		return 1;
	case JBD2_REVOKE_BLOCK:
		if (!jbd2_descriptor_block_csum_verify(journal, bh->b_data)) {
			if (pass != PASS_SCAN)
				return -EFSBADCRC;
			pr_notice("JBD2: revoke block of transaction %u fails its checksum: the log ends there\n",
				  sequence);
			return 0;
		}
		if (pass != PASS_REVOKE)
			return 1;
		return scan_revoke_records(journal, bh, sequence, info) ?: 1;
	default:
		return 0;
	}
}

static int do_one_pass(journal_t *journal, struct recovery_info *info, enum passtype pass)
{
	journal_superblock_t *sb = journal->j_superblock;
	tid_t next_commit_ID = be32_to_cpu(sb->s_sequence);
	unsigned long next_log_block = be32_to_cpu(sb->s_start);
	struct buffer_head *bh;
	int ret;

	if (pass == PASS_SCAN)
		info->start_transaction = next_commit_ID;
	for (;;) {
		/* Later passes stop where the scan found the log's end. */
		if (pass != PASS_SCAN && tid_geq(next_commit_ID, info->end_transaction))
			break;
		ret = jread(&bh, journal, next_log_block);
		if (ret)
			return ret;
		next_log_block++;
		wrap(journal, next_log_block);
		ret = pass_one_block(journal, bh, pass, &next_log_block, &next_commit_ID, info);
		brelse(bh);
		if (ret < 0)
			return ret;
		if (!ret)
			break;
	}
	if (pass == PASS_SCAN) {
		info->end_transaction = next_commit_ID;
		return 0;
	}
	if (info->end_transaction != next_commit_ID) {
		pr_err("JBD2: recovery pass %d ended at transaction %u, expected %u\n",
		       pass, next_commit_ID, info->end_transaction);
		return -EIO;
	}
	return 0;
}

/**
 * jbd2_journal_recover - replay the committed transactions of a non-empty log
 * @journal: a journal whose superblock jbd2_journal_load has read
 *
 * Writes the replayed blocks to the file system's device and flushes it. The next
 * transaction gets the tid after the last one found.
 * Context: process, at mount; sleeps.
 * Return: 0, or -errno (-EIO, -EFSBADCRC, -EFSCORRUPTED, -ENOMEM).
 */
int jbd2_journal_recover(journal_t *journal)
{
	journal_superblock_t *sb = journal->j_superblock;
	struct recovery_info info = { 0 };
	int err, err2;

	if (!sb->s_start) {
		journal->j_transaction_sequence = be32_to_cpu(sb->s_sequence) + 1;
		return 0;
	}
	err = do_one_pass(journal, &info, PASS_SCAN);
	if (!err)
		err = do_one_pass(journal, &info, PASS_REVOKE);
	if (!err)
		err = do_one_pass(journal, &info, PASS_REPLAY);
	pr_info("JBD2: recovery of %s: transactions %u to %u, %d blocks replayed, %d revoked (%d revoke records)%s\n",
		journal->j_devname, info.start_transaction, info.end_transaction - 1,
		info.nr_replays, info.nr_revoke_hits, info.nr_revokes,
		err ? ", failed" : "");
	journal->j_transaction_sequence = ++info.end_transaction;
	jbd2_journal_clear_revoke(journal);
	err2 = sync_blockdev(journal->j_fs_dev);
	if (!err)
		err = err2;
	if (journal->j_flags & JBD2_BARRIER) {
		err2 = blkdev_issue_flush(journal->j_fs_dev);
		if (!err)
			err = err2;
	}
	return err;
}

/**
 * jbd2_journal_skip_recovery - forget a non-empty log without replaying it
 * @journal: a loaded journal superblock
 *
 * For a read-only mount that must not write: the next tid follows the log's last.
 * Return: 0, or -errno if the log cannot be scanned.
 */
int jbd2_journal_skip_recovery(journal_t *journal)
{
	struct recovery_info info = { 0 };
	int err;

	err = do_one_pass(journal, &info, PASS_SCAN);
	if (err) {
		pr_err("JBD2: error %d scanning journal\n", err);
		++journal->j_transaction_sequence;
		return err;
	}
	journal->j_transaction_sequence = ++info.end_transaction;
	journal->j_superblock->s_start = 0;
	return 0;
}
