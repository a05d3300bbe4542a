/*
 * Buffer heads (Linux 6.1's buffer_head.h): one disk block held in a page cache page.
 * A file system's metadata lives in the block device's page cache (sb_bread, sb_getblk),
 * a page's buffers form a ring through b_this_page hanging off folio->private; file data
 * pages get buffers when a file system maps them block by block (get_block_t).
 * b_state bits say what the block's copy is: up to date, dirty, mapped to a disk block,
 * locked for I/O, newly allocated...
 */
#ifndef _LINUX_BUFFER_HEAD_H
#define _LINUX_BUFFER_HEAD_H

#include <linux/types.h>
#include <linux/fs.h>
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/wait_bit.h>
#include <linux/pagemap.h>
#include <linux/blk_types.h>

struct block_device;
struct writeback_control;

enum bh_state_bits {
	BH_Uptodate,	/* contains valid data */
	BH_Dirty,	/* differs from the disk */
	BH_Lock,	/* locked (I/O in flight, or being changed) */
	BH_Req,		/* has been submitted for I/O */
	BH_Mapped,	/* b_bdev and b_blocknr are valid */
	BH_New,		/* just allocated by get_block, not yet written */
	BH_Async_Read,	/* being read with the rest of its page (end_buffer_async_read) */
	BH_Async_Write,	/* being written with the rest of its page */
	BH_Delay,	/* allocation delayed (no disk block yet) */
	BH_Boundary,	/* the next block is discontiguous */
	BH_Write_EIO,	/* the last write failed */
	BH_Unwritten,	/* allocated but not written (an unwritten extent) */
	BH_Quiet,
	BH_Meta,	/* metadata */
	BH_Prio,
	BH_Defer_Completion,
	BH_PrivateStart,	/* the first bit a file system (jbd2) may use */
};

#define MAX_BUF_PER_PAGE (PAGE_SIZE / 512)

struct buffer_head;
typedef void (bh_end_io_t)(struct buffer_head *bh, int uptodate);

/*
 * struct buffer_head - one block of a page cache page
 * @b_state: enum bh_state_bits, atomic bit operations
 * @b_this_page: the next buffer of the same page (a ring)
 * @b_page: the page holding the block's data, at @b_data
 * @b_blocknr: the block's number on @b_bdev, in b_size units
 * @b_count: references (get_bh, put_bh); a buffer with references is not freed
 * @b_assoc_buffers: on another mapping's private_list (mark_buffer_dirty_inode)
 * @b_assoc_map: that mapping
 */
struct buffer_head {
	unsigned long b_state;
	struct buffer_head *b_this_page;
	struct page *b_page;
	sector_t b_blocknr;
	size_t b_size;
	char *b_data;
	struct block_device *b_bdev;
	bh_end_io_t *b_end_io;
	void *b_private;		/* the end_io's (jbd2: its journal_head) */
	struct list_head b_assoc_buffers;
	struct address_space *b_assoc_map;
	atomic_t b_count;
	spinlock_t b_uptodate_lock;	/* the page's first buffer's: async I/O completion */
};

/* set_buffer_foo, clear_buffer_foo, buffer_foo (atomic) */
#define BUFFER_FNS(bit, name)						\
static inline void set_buffer_##name(struct buffer_head *bh)		\
{ if (!test_bit(BH_##bit, &bh->b_state)) set_bit(BH_##bit, &bh->b_state); } \
static inline void clear_buffer_##name(struct buffer_head *bh)		\
{ clear_bit(BH_##bit, &bh->b_state); }					\
static inline int buffer_##name(const struct buffer_head *bh)		\
{ return test_bit(BH_##bit, &bh->b_state); }

/* test_set_buffer_foo, test_clear_buffer_foo */
#define TAS_BUFFER_FNS(bit, name)					\
static inline int test_set_buffer_##name(struct buffer_head *bh)	\
{ return test_and_set_bit(BH_##bit, &bh->b_state); }			\
static inline int test_clear_buffer_##name(struct buffer_head *bh)	\
{ return test_and_clear_bit(BH_##bit, &bh->b_state); }

BUFFER_FNS(Dirty, dirty)
TAS_BUFFER_FNS(Dirty, dirty)
BUFFER_FNS(Lock, locked)
BUFFER_FNS(Req, req)
TAS_BUFFER_FNS(Req, req)
BUFFER_FNS(Mapped, mapped)
BUFFER_FNS(New, new)
BUFFER_FNS(Async_Read, async_read)
BUFFER_FNS(Async_Write, async_write)
BUFFER_FNS(Delay, delay)
BUFFER_FNS(Boundary, boundary)
BUFFER_FNS(Write_EIO, write_io_error)
BUFFER_FNS(Unwritten, unwritten)
BUFFER_FNS(Meta, meta)
BUFFER_FNS(Prio, prio)
BUFFER_FNS(Defer_Completion, defer_completion)

/* BH_Uptodate orders the data: whoever sees it set sees the block's contents. */
static inline void set_buffer_uptodate(struct buffer_head *bh)
{
	if (test_bit(BH_Uptodate, &bh->b_state))
		return;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	set_bit(BH_Uptodate, &bh->b_state);
}

static inline void clear_buffer_uptodate(struct buffer_head *bh)
{
	clear_bit(BH_Uptodate, &bh->b_state);
}

static inline int buffer_uptodate(const struct buffer_head *bh)
{
	int ret = test_bit(BH_Uptodate, &bh->b_state);

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return ret;
}

#define bh_offset(bh)		((unsigned long)(bh)->b_data & ~PAGE_MASK)

#define page_buffers(page)					\
	({ BUG_ON(!PagePrivate(page));				\
	   ((struct buffer_head *)page_private(page)); })
#define page_has_buffers(page)	PagePrivate(page)
#define folio_buffers(folio)	((struct buffer_head *)folio_get_private(folio))

static inline void get_bh(struct buffer_head *bh)
{
	atomic_inc(&bh->b_count);
}

static inline void put_bh(struct buffer_head *bh)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	atomic_dec(&bh->b_count);
}

void __brelse(struct buffer_head *bh);
void __bforget(struct buffer_head *bh);

/* Drops a reference taken by sb_bread, __getblk ... (NULL allowed). */
static inline void brelse(struct buffer_head *bh)
{
	if (bh)
		__brelse(bh);
}

/* Like brelse, and the buffer's dirty state is dropped: its block was freed. */
static inline void bforget(struct buffer_head *bh)
{
	if (bh)
		__bforget(bh);
}

#define page_private(page)	((page)->private)

/* Sets up bh as block of sb's device (mapped). */
static inline void map_bh(struct buffer_head *bh, struct super_block *sb, sector_t block)
{
	set_buffer_mapped(bh);
	bh->b_bdev = sb->s_bdev;
	bh->b_blocknr = block;
	bh->b_size = sb->s_blocksize;
}

/*
 * get_block_t - a file system's map of file block iblock to a disk block
 * Fills bh_result (b_blocknr, mapped; b_size may be grown to a run of blocks), with
 * create allocating a missing block (and setting BH_New). 0 or -errno; a hole without
 * create leaves bh_result unmapped.
 */
typedef int (get_block_t)(struct inode *inode, sector_t iblock,
			  struct buffer_head *bh_result, int create);

/* ---- locking ---- */

void __lock_buffer(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
void __wait_on_buffer(struct buffer_head *bh);

static inline int trylock_buffer(struct buffer_head *bh)
{
	return !test_and_set_bit_lock(BH_Lock, &bh->b_state);
}

static inline void lock_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (!trylock_buffer(bh))
		__lock_buffer(bh);
}

static inline void wait_on_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (buffer_locked(bh))
		__wait_on_buffer(bh);
}

/* ---- the block device's buffer cache ---- */

/*
 * __getblk - the buffer of block (size bytes) of bdev, made if missing, with a reference
 * Not read: check buffer_uptodate or use __bread. NULL only if size is invalid.
 * Context: may sleep.
 */
struct buffer_head *__getblk_gfp(struct block_device *bdev, sector_t block, unsigned size,
				 gfp_t gfp);
/* The buffer if it is in the cache, with a reference; NULL otherwise. */
struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block,
				     unsigned size);
/* __getblk, then read if not up to date: the buffer, or NULL on an I/O error. */
struct buffer_head *__bread_gfp(struct block_device *bdev, sector_t block, unsigned size,
				gfp_t gfp);
/* Starts reading the block into the cache if it is not there (read-ahead). */
void __breadahead(struct block_device *bdev, sector_t block, unsigned size);

static inline struct buffer_head *__getblk(struct block_device *bdev, sector_t block,
					   unsigned size)
{
	return __getblk_gfp(bdev, block, size, __GFP_MOVABLE);
}

static inline struct buffer_head *__bread(struct block_device *bdev, sector_t block,
					  unsigned size)
{
	return __bread_gfp(bdev, block, size, __GFP_MOVABLE);
}

static inline struct buffer_head *sb_bread(struct super_block *sb, sector_t block)
{
	return __bread_gfp(sb->s_bdev, block, (unsigned)sb->s_blocksize, __GFP_MOVABLE);
}

static inline struct buffer_head *sb_bread_unmovable(struct super_block *sb, sector_t block)
{
	return __bread_gfp(sb->s_bdev, block, (unsigned)sb->s_blocksize, 0);
}

static inline struct buffer_head *sb_getblk(struct super_block *sb, sector_t block)
{
	return __getblk_gfp(sb->s_bdev, block, (unsigned)sb->s_blocksize, __GFP_MOVABLE);
}

static inline struct buffer_head *sb_getblk_gfp(struct super_block *sb, sector_t block,
						gfp_t gfp)
{
	return __getblk_gfp(sb->s_bdev, block, (unsigned)sb->s_blocksize, gfp);
}

static inline struct buffer_head *sb_find_get_block(struct super_block *sb, sector_t block)
{
	return __find_get_block(sb->s_bdev, block, (unsigned)sb->s_blocksize);
}

static inline void sb_breadahead(struct super_block *sb, sector_t block)
{
	__breadahead(sb->s_bdev, block, (unsigned)sb->s_blocksize);
}

/* The block size of bdev's buffers (512 .. PAGE_SIZE, a power of two); 0 or -EINVAL. */
int set_blocksize(struct block_device *bdev, int size);
/* set_blocksize for sb's device, and sb's s_blocksize(_bits); the size, or 0 on failure. */
int sb_set_blocksize(struct super_block *sb, int size);
/* The same, but never below the device's logical block size. */
int sb_min_blocksize(struct super_block *sb, int size);

/* ---- I/O ---- */

/*
 * submit_bh - start I/O of the locked buffer
 * opf: REQ_OP_READ or REQ_OP_WRITE with REQ_* flags; bh->b_end_io runs at completion
 * (from interrupts) and must unlock the buffer. Return: 0.
 */
int submit_bh(blk_opf_t opf, struct buffer_head *bh);
/* The end_io of a synchronous read or write: uptodate or not, unlock, put. */
void end_buffer_read_sync(struct buffer_head *bh, int uptodate);
void end_buffer_write_sync(struct buffer_head *bh, int uptodate);
/* 1 if bh is up to date (unlocked), else 0 with bh locked for the caller's read. */
int bh_uptodate_or_lock(struct buffer_head *bh);
/* Reads the locked bh; wait: and waits, then 0 or -EIO. */
int __bh_read(struct buffer_head *bh, blk_opf_t op_flags, bool wait);
/* Reads those of bhs[0..nr) that are not up to date (force: locked ones too). */
void __bh_read_batch(int nr, struct buffer_head *bhs[], blk_opf_t op_flags, bool force_lock);

/* Starts a read of bh unless it is up to date or locked. */
static inline void bh_readahead(struct buffer_head *bh, blk_opf_t op_flags)
{
	if (!buffer_uptodate(bh) && trylock_buffer(bh)) {
		if (!buffer_uptodate(bh))
			__bh_read(bh, op_flags, false);
		else
			unlock_buffer(bh);
	}
}

static inline void bh_read_nowait(struct buffer_head *bh, blk_opf_t op_flags)
{
	if (!bh_uptodate_or_lock(bh))
		__bh_read(bh, op_flags, false);
}

/* 1 if it was up to date, 0 once read, -EIO on a read error. */
static inline int bh_read(struct buffer_head *bh, blk_opf_t op_flags)
{
	if (bh_uptodate_or_lock(bh))
		return 1;
	return __bh_read(bh, op_flags, true);
}

static inline void bh_read_batch(int nr, struct buffer_head *bhs[])
{
	__bh_read_batch(nr, bhs, 0, true);
}

static inline void bh_readahead_batch(int nr, struct buffer_head *bhs[], blk_opf_t op_flags)
{
	__bh_read_batch(nr, bhs, op_flags, false);
}
/* Writes the dirty buffer (locked here) and waits: 0 or -EIO. */
int sync_dirty_buffer(struct buffer_head *bh);
int __sync_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags);
/* Starts writing the buffer if it is dirty, not waiting. */
void write_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags);

/* ---- dirtying ---- */

/* The buffer (and its page, and its inode's pages) differs from the disk. */
void mark_buffer_dirty(struct buffer_head *bh);
/* The same, and fsync of inode's mapping must write it (private_list). */
void mark_buffer_dirty_inode(struct buffer_head *bh, struct inode *inode);
/* Writes and waits for the buffers fsync of mapping must write: 0 or -EIO. */
int sync_mapping_buffers(struct address_space *mapping);
/* Drops the association of mapping's buffers with it (eviction). */
void invalidate_inode_buffers(struct inode *inode);
int remove_inode_buffers(struct inode *inode);
int inode_has_buffers(struct inode *inode);
/* Records a failed async write: the buffer and its mapping get the error. */
void mark_buffer_write_io_error(struct buffer_head *bh);
/* The buffers are stale (the block was freed): not written, not up to date. */
void clean_bdev_aliases(struct block_device *bdev, sector_t block, sector_t len);
static inline void clean_bdev_bh_alias(struct buffer_head *bh)
{
	clean_bdev_aliases(bh->b_bdev, bh->b_blocknr, 1);
}

/* ---- a page's buffers ---- */

/* Gives the locked folio buffers of blocksize with b_state (none mapped). */
void create_empty_buffers(struct page *page, unsigned long blocksize,
			  unsigned long b_state);
struct buffer_head *folio_alloc_buffers(struct folio *folio, unsigned long size, bool retry);
struct buffer_head *alloc_page_buffers(struct page *page, unsigned long size, bool retry);
struct buffer_head *alloc_buffer_head(gfp_t gfp_flags);
void free_buffer_head(struct buffer_head *bh);
/* Points bh at offset of page (b_page, b_data). */
void set_bh_page(struct buffer_head *bh, struct page *page, unsigned long offset);
/* Frees the locked folio's buffers unless one is busy or dirty; true when gone. */
bool try_to_free_buffers(struct folio *folio);
/* ->invalidate_folio of buffer-backed mappings: unmaps the buffers in the range. */
void block_invalidate_folio(struct folio *folio, size_t offset, size_t length);
/* ->dirty_folio of buffer-backed mappings: the folio and all its buffers dirty. */
bool block_dirty_folio(struct address_space *mapping, struct folio *folio);
/* Whether [from, from + count) of the folio is up to date in its buffers. */
bool block_is_partially_uptodate(struct folio *folio, size_t from, size_t count);

/* ---- the generic a_ops of block-mapped file systems ---- */

/* ->read_folio: maps each block with get_block and reads those not up to date. */
int block_read_full_folio(struct folio *folio, get_block_t *get_block);
/* ->writepage: writes the dirty buffers inside i_size, mapping them with get_block. */
int block_write_full_page(struct page *page, get_block_t *get_block,
			  struct writeback_control *wbc);
int __block_write_full_page(struct inode *inode, struct page *page, get_block_t *get_block,
			    struct writeback_control *wbc, bh_end_io_t *handler);
/* ->write_begin: the page locked, its blocks mapped (allocated), the edges read. */
int block_write_begin(struct address_space *mapping, loff_t pos, unsigned len,
		      struct page **pagep, get_block_t *get_block);
int __block_write_begin(struct page *page, loff_t pos, unsigned len, get_block_t *get_block);
/* ->write_end: the copied buffers up to date and dirty. */
int block_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		    unsigned len, unsigned copied, struct page *page, void *fsdata);
/* block_write_end, then i_size updated, the page unlocked and put. */
int generic_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		      unsigned len, unsigned copied, struct page *page, void *fsdata);
/* ->page_mkwrite's body: the page's blocks mapped, buffers and page dirty, page locked. */
int block_page_mkwrite(struct vm_area_struct *vma, struct vm_fault *vmf,
		       get_block_t get_block);
/* block_page_mkwrite's errno as a VM_FAULT_* code (0: the page is locked). */
static inline unsigned int block_page_mkwrite_return(int err)
{
	if (err == 0)
		return VM_FAULT_LOCKED;
	if (err == -EFAULT || err == -EAGAIN)
		return VM_FAULT_NOPAGE;
	if (err == -ENOMEM)
		return VM_FAULT_OOM;
	return VM_FAULT_SIGBUS;
}
/* Marks [from, to) of the page's buffers up to date and dirty (write_end's part). */
void page_zero_new_buffers(struct page *page, unsigned from, unsigned to);
/* Zeroes the tail of the block holding from, reading it first (truncate). */
int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block);
/* ->bmap: the disk block of file block, or 0 for a hole. */
sector_t generic_block_bmap(struct address_space *mapping, sector_t block,
			    get_block_t *get_block);
/* ->readahead: block_read_full_folio on each folio (no multi-page bios yet). */
void mpage_readahead(struct readahead_control *rac, get_block_t *get_block);
/* ->writepages: block_write_full_page on each dirty page. */
int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t *get_block);

/* ---- the block device's page cache ---- */

/* Writes and waits for bdev's dirty buffers and pages (sync, umount): 0 or -EIO. */
int sync_blockdev(struct block_device *bdev);
int sync_blockdev_nowait(struct block_device *bdev);
/* Drops bdev's clean cached pages (umount, BLKFLSBUF). */
void invalidate_bdev(struct block_device *bdev);
/* Pages of the block devices' caches: /proc/meminfo's Buffers. */
long nr_blockdev_pages(void);

void buffer_init(void);

#endif
