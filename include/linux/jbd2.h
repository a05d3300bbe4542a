/*
 * jbd2: the journal ext4 writes its metadata through, as Linux 6.1's include/linux/jbd2.h:
 * the on-disk log format (superblock, descriptor, commit and revoke blocks) and the
 * in-memory journal, transactions, handles and journal heads of fs/jbd2.
 *
 * The log is a ring of blocks [j_first, j_last) after the journal superblock. Each
 * transaction is written as descriptor blocks (tags naming the home block of each
 * following logged block), the logged blocks themselves, optional revoke blocks, and a
 * commit block; recovery replays every transaction that has its commit block, minus
 * the blocks a later revoke record cancels. Metadata a transaction logged is written
 * home after the commit (checkpointing), which lets the log tail move past it.
 */
#ifndef _LINUX_JBD2_H
#define _LINUX_JBD2_H

#include <linux/types.h>
#include <asm/byteorder.h>

#define JBD2_DEFAULT_MAX_COMMIT_AGE	5	/* seconds: ext4's default commit interval */
#define JBD2_MIN_JOURNAL_BLOCKS		1024
#define JBD2_MIN_FC_BLOCKS		256

/* The header of every log block that is not a logged copy of a metadata block. */
#define JBD2_MAGIC_NUMBER	0xc03b3998U

#define JBD2_DESCRIPTOR_BLOCK	1
#define JBD2_COMMIT_BLOCK	2
#define JBD2_SUPERBLOCK_V1	3
#define JBD2_SUPERBLOCK_V2	4
#define JBD2_REVOKE_BLOCK	5
#define JBD2_FC_BLOCK		6

typedef struct journal_header_s {
	__be32 h_magic;
	__be32 h_blocktype;
	__be32 h_sequence;	/* the transaction's tid */
} journal_header_t;

/* Checksum types of a commit block (JBD2_FEATURE_COMPAT_CHECKSUM, version 1). */
#define JBD2_CRC32_CHKSUM	1
#define JBD2_MD5_CHKSUM		2
#define JBD2_SHA1_CHKSUM	3
#define JBD2_CRC32C_CHKSUM	4

#define JBD2_CRC32_CHKSUM_SIZE	4
#define JBD2_CHECKSUM_BYTES	(32 / sizeof(u32))

/* The commit block: a transaction whose commit block is on disk is replayed. */
struct commit_header {
	__be32 h_magic;
	__be32 h_blocktype;
	__be32 h_sequence;
	unsigned char h_chksum_type;
	unsigned char h_chksum_size;
	unsigned char h_padding[2];
	__be32 h_chksum[JBD2_CHECKSUM_BYTES];	/* [0]: crc32c of the block (csum v2/v3) */
	__be64 h_commit_sec;
	__be32 h_commit_nsec;
};

/* A tag in a descriptor block with JBD2_FEATURE_INCOMPAT_CSUM_V3. */
typedef struct journal_block_tag3_s {
	__be32 t_blocknr;	/* the home block, low 32 bits */
	__be32 t_flags;		/* JBD2_FLAG_* */
	__be32 t_blocknr_high;	/* high 32 bits (JBD2_FEATURE_INCOMPAT_64BIT) */
	__be32 t_checksum;	/* crc32c(seed, tid, logged block) */
} journal_block_tag3_t;

/* A tag without csum v3: 8 bytes, or 12 with 64bit; t_checksum is used by csum v2. */
typedef struct journal_block_tag_s {
	__be32 t_blocknr;
	__be16 t_checksum;	/* low 16 bits of crc32c(seed, tid, logged block) */
	__be16 t_flags;
	__be32 t_blocknr_high;
} journal_block_tag_t;

/* The last 4 bytes of a descriptor or revoke block with csum v2/v3. */
struct jbd2_journal_block_tail {
	__be32 t_checksum;	/* crc32c(seed, the whole block with this field 0) */
};

/* A revoke block: r_count bytes used, from the header on; then 4 or 8 byte blocks. */
typedef struct jbd2_journal_revoke_header_s {
	journal_header_t r_header;
	__be32 r_count;
} jbd2_journal_revoke_header_t;

#define JBD2_FLAG_ESCAPE	1	/* the logged block began with the magic: zeroed */
#define JBD2_FLAG_SAME_UUID	2	/* no 16-byte uuid follows this tag */
#define JBD2_FLAG_DELETED	4
#define JBD2_FLAG_LAST_TAG	8	/* the descriptor's last tag */

/* The journal superblock: block 0 of the journal. */
typedef struct journal_superblock_s {
	journal_header_t s_header;
	/* 0x000c: the journal's geometry */
	__be32 s_blocksize;
	__be32 s_maxlen;		/* blocks in the journal */
	__be32 s_first;			/* first log block */
	/* 0x0018: the log's state; s_start 0 means the log is empty (clean) */
	__be32 s_sequence;		/* the tid of the oldest transaction in the log */
	__be32 s_start;			/* the log block it starts at */
	/* 0x0020 */
	__be32 s_errno;
	/* 0x0024: version 2 only */
	__be32 s_feature_compat;
	__be32 s_feature_incompat;
	__be32 s_feature_ro_compat;
	/* 0x0030 */
	__u8 s_uuid[16];
	/* 0x0040 */
	__be32 s_nr_users;
	__be32 s_dynsuper;
	/* 0x0048 */
	__be32 s_max_transaction;
	__be32 s_max_trans_data;
	/* 0x0050 */
	__u8 s_checksum_type;		/* JBD2_CRC32C_CHKSUM with csum v2/v3 */
	__u8 s_padding2[3];
	/* 0x0054 */
	__be32 s_num_fc_blks;
	/* 0x0058 */
	__u32 s_padding[41];
	__be32 s_checksum;		/* crc32c(~0, superblock with this field 0) */
	/* 0x0100 */
	__u8 s_users[16 * 48];
	/* 0x0400 */
} journal_superblock_t;

#define JBD2_FEATURE_COMPAT_CHECKSUM		0x00000001

#define JBD2_FEATURE_INCOMPAT_REVOKE		0x00000001
#define JBD2_FEATURE_INCOMPAT_64BIT		0x00000002
#define JBD2_FEATURE_INCOMPAT_ASYNC_COMMIT	0x00000004
#define JBD2_FEATURE_INCOMPAT_CSUM_V2		0x00000008
#define JBD2_FEATURE_INCOMPAT_CSUM_V3		0x00000010
#define JBD2_FEATURE_INCOMPAT_FAST_COMMIT	0x00000020

/*
 * What this jbd2 handles. Fast commits and asynchronous commits are not implemented,
 * so a journal using them is refused; nor is the version 1 (crc32) commit checksum.
 */
#define JBD2_KNOWN_COMPAT_FEATURES	0
#define JBD2_KNOWN_ROCOMPAT_FEATURES	0
#define JBD2_KNOWN_INCOMPAT_FEATURES	(JBD2_FEATURE_INCOMPAT_REVOKE | \
					 JBD2_FEATURE_INCOMPAT_64BIT | \
					 JBD2_FEATURE_INCOMPAT_CSUM_V2 | \
					 JBD2_FEATURE_INCOMPAT_CSUM_V3)

#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/buffer_head.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rwlock.h>
#include <linux/timer.h>
#include <linux/wait.h>

#define J_ASSERT(assert)	BUG_ON(!(assert))

/* A checksum that does not match; metadata that cannot be right (ext4.h's too). */
#define EFSBADCRC	EBADMSG
#define EFSCORRUPTED	EUCLEAN

typedef unsigned int tid_t;
typedef struct jbd2_journal_handle handle_t;
typedef struct journal_s journal_t;
typedef struct transaction_s transaction_t;

/* The buffer_head state bits jbd2 owns. */
enum jbd_state_bits {
	BH_JBD = BH_PrivateStart,	/* has a journal_head in b_private */
	BH_JWrite,			/* being written to the log */
	BH_Freed,
	BH_Revoked,			/* revoked in the running transaction */
	BH_RevokeValid,			/* BH_Revoked is meaningful */
	BH_JBDDirty,			/* dirty, but only the journal may write it home */
	BH_JournalHead,
	BH_Shadow,
	BH_Verified,
	BH_JBDPrivateStart,		/* the file system's first private bit */
};

BUFFER_FNS(JBD, jbd)
BUFFER_FNS(JWrite, jwrite)
BUFFER_FNS(JBDDirty, jbddirty)
TAS_BUFFER_FNS(JBDDirty, jbddirty)
BUFFER_FNS(Revoked, revoked)
TAS_BUFFER_FNS(Revoked, revoked)
BUFFER_FNS(RevokeValid, revokevalid)
TAS_BUFFER_FNS(RevokeValid, revokevalid)
BUFFER_FNS(Freed, freed)
BUFFER_FNS(Verified, verified)

/*
 * struct journal_head - what the journal knows about one metadata buffer. Attached to
 * the buffer_head (b_private, BH_JBD) while any transaction or checkpoint list holds it.
 * All fields are under journal->j_list_lock.
 */
struct journal_head {
	struct buffer_head *b_bh;
	int b_jcount;			/* references: jbd2_journal_grab/put_journal_head */
	int b_jlist;			/* which list of b_transaction: BJ_* */
	unsigned int b_modified;	/* dirtied by the running transaction's handle */
	char *b_frozen_data;		/* the copy the committing transaction logs */
	transaction_t *b_transaction;	/* running or committing transaction it is on */
	transaction_t *b_next_transaction; /* the running one, while b_transaction commits */
	struct list_head b_list;	/* on b_transaction's BJ_* list */
	transaction_t *b_cp_transaction; /* committed, not yet written home */
	struct list_head b_cplist;	/* on b_cp_transaction->t_checkpoint_list */
};

#define BJ_None		0	/* on no list */
#define BJ_Metadata	1	/* dirtied metadata: logged at commit */
#define BJ_Forget	2	/* freed: dropped from its checkpoint list at commit */
#define BJ_Reserved	3	/* write access taken, not (yet) dirtied */
#define BJ_Types	4

/*
 * struct jbd2_inode - a file whose data pages (i_dirty_start..i_dirty_end) the
 * transaction i_transaction writes before its commit block (ordered mode). Under
 * journal->j_list_lock.
 */
struct jbd2_inode {
	transaction_t *i_transaction;
	transaction_t *i_next_transaction;
	struct list_head i_list;	/* on i_transaction->t_inode_list */
	struct inode *i_vfs_inode;
	unsigned long i_flags;		/* JI_* */
	loff_t i_dirty_start;
	loff_t i_dirty_end;
};

#define __JI_COMMIT_RUNNING	0
#define JI_COMMIT_RUNNING	(1 << __JI_COMMIT_RUNNING)	/* its data is being written */
#define JI_WRITE_DATA		(1 << 1)
#define JI_WAIT_DATA		(1 << 2)

/* struct jbd2_journal_handle - one atomic update: what a caller may still log. */
struct jbd2_journal_handle {
	transaction_t *h_transaction;	/* NULL once the journal aborted under it */
	int h_total_credits;		/* buffers it may still dirty */
	int h_revoke_credits;		/* revoke records it may still add */
	int h_revoke_credits_requested;
	int h_ref;			/* nested jbd2_journal_start of the same task */
	int h_err;
	unsigned int h_sync:1;		/* commit and wait when it stops */
	unsigned int h_aborted:1;
	unsigned int h_type:8;
	unsigned int h_line_no:16;
	int h_requested_credits;
};

enum transaction_state {
	T_RUNNING,		/* handles may join */
	T_LOCKED,		/* no new handles; waiting for t_updates to drain */
	T_FLUSH,		/* writing its buffers and data */
	T_COMMIT,		/* writing its commit block */
	T_FINISHED,		/* committed: on the checkpoint list, or freed */
};

/*
 * transaction_t - one compound transaction. t_state, the handle count and credits are
 * under journal->j_state_lock; the buffer lists under journal->j_list_lock.
 */
struct transaction_s {
	journal_t *t_journal;
	tid_t t_tid;
	enum transaction_state t_state;
	unsigned long t_log_start;	/* its first log block */
	int t_nr_buffers;		/* on t_buffers */
	struct list_head t_buffers;	/* BJ_Metadata */
	struct list_head t_forget;	/* BJ_Forget */
	struct list_head t_reserved_list; /* BJ_Reserved */
	struct list_head t_inode_list;	/* jbd2_inodes whose data it orders */
	struct list_head t_checkpoint_list; /* journal_heads to write home */
	struct list_head t_cplist;	/* on journal->j_checkpoint_transactions */
	int t_updates;			/* handles running in it */
	int t_outstanding_credits;	/* log blocks its handles may still use */
	int t_outstanding_revokes;
	unsigned long t_start;		/* jiffies when it began */
	unsigned long t_expires;	/* jiffies when kjournald2 commits it */
	unsigned int t_synchronous_commit:1;
	unsigned int t_need_data_flush:1;
	struct list_head t_private_list; /* the file system's commit callbacks */
};

struct jbd2_revoke_table_s;

/* journal->j_flags */
#define JBD2_UNMOUNT	0x001	/* kjournald2 is to exit */
#define JBD2_ABORT	0x002	/* an I/O error: no more commits */
#define JBD2_ACK_ERR	0x004
#define JBD2_FLUSHED	0x008	/* the log is empty and the superblock says so */
#define JBD2_LOADED	0x010
#define JBD2_BARRIER	0x020	/* flush the device before, and FUA, the commit block */

/*
 * journal_t - one journal. j_state_lock (rwlock) covers the transaction pointers, the
 * log head/tail and sequence numbers and j_flags; j_list_lock the buffer lists of all
 * its transactions and the checkpoint lists; j_revoke_lock the revoke tables;
 * j_checkpoint_mutex serialises checkpointing and superblock tail updates.
 */
struct journal_s {
	unsigned long j_flags;
	int j_errno;
	struct buffer_head *j_sb_buffer;
	journal_superblock_t *j_superblock;
	int j_format_version;
	rwlock_t j_state_lock;
	int j_barrier_count;		/* jbd2_journal_lock_updates holders */
	struct mutex j_barrier;
	transaction_t *j_running_transaction;
	transaction_t *j_committing_transaction;
	struct list_head j_checkpoint_transactions; /* oldest first */
	wait_queue_head_t j_wait_transaction_locked;
	wait_queue_head_t j_wait_done_commit;
	wait_queue_head_t j_wait_commit;
	wait_queue_head_t j_wait_updates;
	struct mutex j_checkpoint_mutex;
	unsigned long j_head;		/* the next log block to write */
	unsigned long j_tail;		/* the oldest log block still needed */
	unsigned long j_free;		/* log blocks between head and tail */
	unsigned long j_first;		/* the log's first and one-past-last block */
	unsigned long j_last;
	struct block_device *j_dev;	/* where the log is */
	int j_blocksize;
	unsigned long long j_blk_offset;
	char j_devname[56];		/* for messages: "vda-8" */
	struct block_device *j_fs_dev;	/* where the metadata's home is */
	unsigned int j_total_len;
	struct inode *j_inode;		/* the journal file, or NULL */
	tid_t j_tail_sequence;		/* the oldest tid in the log */
	tid_t j_transaction_sequence;	/* the next tid to give */
	tid_t j_commit_sequence;	/* the last committed tid */
	tid_t j_commit_request;		/* the last tid asked to commit */
	tid_t j_failed_commit;		/* recovery: a commit block failed its checksum */
	__u8 j_uuid[16];
	struct task_struct *j_task;	/* kjournald2 */
	int j_max_transaction_buffers;
	int j_revoke_records_per_block;
	unsigned long j_commit_interval; /* jiffies */
	struct timer_list j_commit_timer;
	spinlock_t j_revoke_lock;
	struct jbd2_revoke_table_s *j_revoke; /* the running transaction's */
	struct jbd2_revoke_table_s *j_revoke_table[2];
	struct buffer_head **j_wbuf;	/* log buffers of one commit, in flight */
	int j_wbufsize;
	spinlock_t j_list_lock;
	struct list_head j_all_inodes;	/* jbd2_journal_init_jbd_inode'd: for unmount */
	void *j_private;		/* the file system's super_block */
	__u32 j_csum_seed;		/* crc32c(~0, uuid) */
	int (*j_submit_inode_data_buffers)(struct jbd2_inode *);
	int (*j_finish_inode_data_buffers)(struct jbd2_inode *);
	void (*j_commit_callback)(journal_t *, transaction_t *);
	/* The file system's mapping of log block *block to a disk block, or NULL: bmap. */
	int (*j_bmap)(struct journal_s *journal, sector_t *block);
};

/* Feature tests of a version 2 superblock. */
#define JBD2_FEATURE_COMPAT_FUNCS(name, flagname) \
static inline bool jbd2_has_feature_##name(journal_t *j) \
{ \
	return j->j_format_version >= 2 && \
	       (j->j_superblock->s_feature_compat & \
		cpu_to_be32(JBD2_FEATURE_COMPAT_##flagname)); \
}
#define JBD2_FEATURE_INCOMPAT_FUNCS(name, flagname) \
static inline bool jbd2_has_feature_##name(journal_t *j) \
{ \
	return j->j_format_version >= 2 && \
	       (j->j_superblock->s_feature_incompat & \
		cpu_to_be32(JBD2_FEATURE_INCOMPAT_##flagname)); \
}

JBD2_FEATURE_COMPAT_FUNCS(checksum, CHECKSUM)
JBD2_FEATURE_INCOMPAT_FUNCS(revoke, REVOKE)
JBD2_FEATURE_INCOMPAT_FUNCS(64bit, 64BIT)
JBD2_FEATURE_INCOMPAT_FUNCS(async_commit, ASYNC_COMMIT)
JBD2_FEATURE_INCOMPAT_FUNCS(csum2, CSUM_V2)
JBD2_FEATURE_INCOMPAT_FUNCS(csum3, CSUM_V3)
JBD2_FEATURE_INCOMPAT_FUNCS(fast_commit, FAST_COMMIT)

/* Whether descriptor, revoke and commit blocks and tags carry crc32c checksums. */
static inline bool jbd2_journal_has_csum_v2or3(journal_t *journal)
{
	return jbd2_has_feature_csum2(journal) || jbd2_has_feature_csum3(journal);
}

/* crc32c of buf, continuing crc (the journal's checksum, JBD2_CRC32C_CHKSUM). */
u32 jbd2_chksum(journal_t *journal, u32 crc, const void *buf, unsigned int len);

/* The size of one tag in a descriptor block of this journal. */
size_t journal_tag_bytes(journal_t *journal);

static inline int tid_gt(tid_t x, tid_t y)
{
	return (int)(x - y) > 0;
}

static inline int tid_geq(tid_t x, tid_t y)
{
	return (int)(x - y) >= 0;
}

static inline handle_t *journal_current_handle(void)
{
	return current->journal_info;
}

static inline int is_journal_aborted(journal_t *journal)
{
	return journal->j_flags & JBD2_ABORT;
}

static inline int is_handle_aborted(handle_t *handle)
{
	if (handle->h_aborted || !handle->h_transaction)
		return 1;
	return is_journal_aborted(handle->h_transaction->t_journal);
}

static inline void jbd2_journal_abort_handle(handle_t *handle)
{
	handle->h_aborted = 1;
}

static inline struct journal_head *bh2jh(struct buffer_head *bh)
{
	return bh->b_private;
}

static inline struct buffer_head *jh2bh(struct journal_head *jh)
{
	return jh->b_bh;
}

static inline int jbd2_handle_buffer_credits(handle_t *handle)
{
	return handle->h_total_credits;
}

/* fs/jbd2/journal.c: the journal's life, its superblock, the log's blocks */
journal_t *jbd2_journal_init_inode(struct inode *inode);
journal_t *jbd2_journal_init_dev(struct block_device *bdev, struct block_device *fs_dev,
				 unsigned long long start, int len, int blocksize);
int jbd2_journal_load(journal_t *journal);
int jbd2_journal_destroy(journal_t *journal);
int jbd2_journal_check_used_features(journal_t *journal, unsigned long compat,
				     unsigned long ro, unsigned long incompat);
int jbd2_journal_set_features(journal_t *journal, unsigned long compat,
			      unsigned long ro, unsigned long incompat);
void jbd2_journal_clear_features(journal_t *journal, unsigned long compat,
				 unsigned long ro, unsigned long incompat);
int jbd2_journal_bmap(journal_t *journal, unsigned long blocknr, unsigned long long *retp);
int jbd2_journal_next_log_block(journal_t *journal, unsigned long long *retp);
struct buffer_head *jbd2_journal_get_descriptor_buffer(transaction_t *transaction, int type);
int jbd2_journal_write_metadata_buffer(transaction_t *transaction, struct journal_head *jh_in,
				       struct buffer_head **bh_out, sector_t blocknr);
void jbd2_descriptor_block_csum_set(journal_t *journal, struct buffer_head *bh);
int jbd2_journal_update_sb_log_tail(journal_t *journal, tid_t tail_tid,
				    unsigned long tail_block, blk_opf_t write_flags);
void jbd2_journal_update_sb_errno(journal_t *journal);
void jbd2_journal_abort(journal_t *journal, int errno);
int jbd2_journal_errno(journal_t *journal);
int jbd2_journal_flush(journal_t *journal, unsigned int flags);
int jbd2_journal_force_commit(journal_t *journal);
int jbd2_journal_start_commit(journal_t *journal, tid_t *ptid);
int jbd2_log_start_commit(journal_t *journal, tid_t tid);
int __jbd2_log_start_commit(journal_t *journal, tid_t tid);
int jbd2_log_wait_commit(journal_t *journal, tid_t tid);
int jbd2_complete_transaction(journal_t *journal, tid_t tid);
int jbd2_transaction_committed(journal_t *journal, tid_t tid);
void jbd2_journal_clear_err(journal_t *journal);
int jbd2_journal_wipe(journal_t *journal, int write);

/* fs/jbd2/journal.c: journal heads */
struct journal_head *jbd2_journal_add_journal_head(struct buffer_head *bh);
struct journal_head *jbd2_journal_grab_journal_head(struct buffer_head *bh);
void jbd2_journal_put_journal_head(struct journal_head *jh);

/* fs/jbd2/transaction.c: handles and the buffers they change */
handle_t *jbd2_journal_start(journal_t *journal, int nblocks);
handle_t *jbd2__journal_start(journal_t *journal, int blocks, int rsv_blocks,
			      int revoke_records, gfp_t gfp_mask, unsigned int type,
			      unsigned int line_no);
int jbd2_journal_stop(handle_t *handle);
int jbd2_journal_extend(handle_t *handle, int nblocks, int revoke_records);
int jbd2__journal_restart(handle_t *handle, int nblocks, int revoke_records,
			  gfp_t gfp_mask);
int jbd2_journal_get_write_access(handle_t *handle, struct buffer_head *bh);
int jbd2_journal_get_create_access(handle_t *handle, struct buffer_head *bh);
int jbd2_journal_dirty_metadata(handle_t *handle, struct buffer_head *bh);
int jbd2_journal_forget(handle_t *handle, struct buffer_head *bh);
void jbd2_journal_lock_updates(journal_t *journal);
void jbd2_journal_unlock_updates(journal_t *journal);
void jbd2_journal_init_jbd_inode(struct jbd2_inode *jinode, struct inode *inode);
int jbd2_journal_inode_ranged_write(handle_t *handle, struct jbd2_inode *inode,
				    loff_t start_byte, loff_t length);
int jbd2_journal_inode_ranged_wait(handle_t *handle, struct jbd2_inode *inode,
				   loff_t start_byte, loff_t length);
void jbd2_journal_release_jbd_inode(journal_t *journal, struct jbd2_inode *jinode);
int jbd2_journal_submit_inode_data_buffers(struct jbd2_inode *jinode);
int jbd2_journal_finish_inode_data_buffers(struct jbd2_inode *jinode);
void __jbd2_journal_file_buffer(struct journal_head *jh, transaction_t *transaction,
				int jlist);
void __jbd2_journal_unfile_buffer(struct journal_head *jh);
void __jbd2_journal_refile_buffer(struct journal_head *jh);
void jbd2_journal_free_transaction(transaction_t *transaction);

/* fs/jbd2/commit.c */
void jbd2_journal_commit_transaction(journal_t *journal);

/* fs/jbd2/checkpoint.c */
int jbd2_log_do_checkpoint(journal_t *journal);
int jbd2_cleanup_journal_tail(journal_t *journal);
void __jbd2_log_wait_for_space(journal_t *journal);
void __jbd2_journal_insert_checkpoint(struct journal_head *jh, transaction_t *transaction);
int __jbd2_journal_remove_checkpoint(struct journal_head *jh);
void jbd2_journal_destroy_checkpoint(journal_t *journal);
int jbd2_journal_get_log_tail(journal_t *journal, tid_t *tid, unsigned long *block);
void __jbd2_update_log_tail(journal_t *journal, tid_t tid, unsigned long block);

/* fs/jbd2/recovery.c */
int jbd2_journal_recover(journal_t *journal);
int jbd2_journal_skip_recovery(journal_t *journal);

/* fs/jbd2/revoke.c */
int jbd2_journal_init_revoke(journal_t *journal, int hash_size);
void jbd2_journal_destroy_revoke(journal_t *journal);
int jbd2_journal_revoke(handle_t *handle, unsigned long long blocknr,
			struct buffer_head *bh_in);
int jbd2_journal_cancel_revoke(handle_t *handle, struct journal_head *jh);
void jbd2_journal_write_revoke_records(transaction_t *transaction,
				       struct list_head *log_bufs);
int jbd2_journal_set_revoke(journal_t *journal, unsigned long long blocknr,
			    tid_t sequence);
int jbd2_journal_test_revoke(journal_t *journal, unsigned long long blocknr,
			     tid_t sequence);
void jbd2_journal_clear_revoke(journal_t *journal);
void jbd2_journal_switch_revoke_table(journal_t *journal);
void jbd2_clear_buffer_revoked_flags(journal_t *journal);

/* Log blocks a transaction of nblocks buffers may need, descriptors included. */
static inline int jbd2_journal_blocks_needed(journal_t *journal, int nblocks)
{
	int tags_per_block = (journal->j_blocksize - sizeof(journal_header_t) -
			      sizeof(struct jbd2_journal_block_tail)) /
			     journal_tag_bytes(journal);

	return nblocks + (nblocks + tags_per_block - 1) / tags_per_block;
}

/* Log blocks the transaction's commit needs beyond its buffers: descriptors, commit. */
#define JBD2_CONTROL_BLOCKS_SHIFT	5

/* Free log blocks, less what the running and committing transactions may still use. */
unsigned long jbd2_log_space_left(journal_t *journal);

#endif
