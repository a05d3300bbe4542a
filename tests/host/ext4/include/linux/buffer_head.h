/*
 * Host tests only: Linux 6.1's buffer_head API, the part ext4 calls, for a build that
 * has no fs/buffer.c yet. tests/host/bdev_image.c implements it over an image file.
 * The kernel's include/linux/buffer_head.h, once there, comes first in the include path
 * and this file is no longer read.
 */
#ifndef _LINUX_BUFFER_HEAD_H
#define _LINUX_BUFFER_HEAD_H

#include <linux/types.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/bitmap.h>
#include <linux/blk_types.h>

enum bh_state_bits {
	BH_Uptodate,
	BH_Dirty,
	BH_Lock,
	BH_Req,
	BH_Mapped,
	BH_New,
	BH_Async_Read,
	BH_Async_Write,
	BH_Delay,
	BH_Boundary,
	BH_Write_EIO,
	BH_Unwritten,
	BH_Quiet,
	BH_Meta,
	BH_Prio,
	BH_Defer_Completion,
	BH_PrivateStart,
};

struct page;
struct buffer_head;
typedef void (bh_end_io_t)(struct buffer_head *bh, int uptodate);

/* One block of a device in memory; b_count: references, the last brelse keeps it cached. */
struct buffer_head {
	unsigned long b_state;
	struct buffer_head *b_this_page;
	struct page *b_page;
	sector_t b_blocknr;
	size_t b_size;
	char *b_data;
	struct block_device *b_bdev;
	bh_end_io_t *b_end_io;
	void *b_private;
	struct list_head b_assoc_buffers;
	struct address_space *b_assoc_map;
	int b_count;
};

#define BUFFER_FNS(bit, name)						\
static inline void set_buffer_##name(struct buffer_head *bh)		\
{									\
	__set_bit(BH_##bit, &bh->b_state);				\
}									\
static inline void clear_buffer_##name(struct buffer_head *bh)		\
{									\
	__clear_bit(BH_##bit, &bh->b_state);				\
}									\
static inline int buffer_##name(const struct buffer_head *bh)		\
{									\
	return test_bit(BH_##bit, &bh->b_state);			\
}

#define TAS_BUFFER_FNS(bit, name)					\
static inline int test_set_buffer_##name(struct buffer_head *bh)	\
{									\
	int old = test_bit(BH_##bit, &bh->b_state);			\
	__set_bit(BH_##bit, &bh->b_state);				\
	return old;							\
}									\
static inline int test_clear_buffer_##name(struct buffer_head *bh)	\
{									\
	int old = test_bit(BH_##bit, &bh->b_state);			\
	__clear_bit(BH_##bit, &bh->b_state);				\
	return old;							\
}

BUFFER_FNS(Uptodate, uptodate)
BUFFER_FNS(Dirty, dirty)
BUFFER_FNS(Lock, locked)
BUFFER_FNS(Mapped, mapped)
BUFFER_FNS(New, new)
BUFFER_FNS(Boundary, boundary)
BUFFER_FNS(Unwritten, unwritten)
BUFFER_FNS(Meta, meta)
BUFFER_FNS(Delay, delay)
BUFFER_FNS(Write_EIO, write_io_error)
TAS_BUFFER_FNS(Dirty, dirty)

typedef int (get_block_t)(struct inode *inode, sector_t iblock, struct buffer_head *bh_result,
			  int create);

struct folio;
struct readahead_control;
struct writeback_control;

/* fs/buffer.c's address_space_operations helpers, which ext4_aops names. */
int block_read_full_folio(struct folio *folio, get_block_t *get_block);
void mpage_readahead(struct readahead_control *rac, get_block_t *get_block);
int block_write_full_page(struct page *page, get_block_t *get_block,
			  struct writeback_control *wbc);
int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t *get_block);
int __block_write_begin(struct page *page, loff_t pos, unsigned len, get_block_t *get_block);
int block_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		    unsigned len, unsigned copied, struct page *page, void *fsdata);
bool try_to_free_buffers(struct folio *folio);
bool block_dirty_folio(struct address_space *mapping, struct folio *folio);
void block_invalidate_folio(struct folio *folio, size_t offset, size_t length);
bool block_is_partially_uptodate(struct folio *folio, size_t from, size_t count);
int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block);

void mark_buffer_dirty(struct buffer_head *bh);
struct buffer_head *__getblk_gfp(struct block_device *bdev, sector_t block, unsigned int size,
				 gfp_t gfp);
struct buffer_head *__bread_gfp(struct block_device *bdev, sector_t block, unsigned int size,
				gfp_t gfp);
struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block,
				     unsigned int size);
void __brelse(struct buffer_head *bh);
void __bforget(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
void __lock_buffer(struct buffer_head *bh);
int sync_dirty_buffer(struct buffer_head *bh);
int __bh_read(struct buffer_head *bh, blk_opf_t op_flags, bool wait);
int bh_uptodate_or_lock(struct buffer_head *bh);
void clean_bdev_aliases(struct block_device *bdev, sector_t block, sector_t len);
/* The block layer's side, for fs/jbd2 (tests/host/host_jbd2.c). */
void submit_bh(blk_opf_t opf, struct buffer_head *bh);
void end_buffer_write_sync(struct buffer_head *bh, int uptodate);
void write_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags);
int sync_blockdev(struct block_device *bdev);

static inline void get_bh(struct buffer_head *bh)
{
	bh->b_count++;
}

static inline void put_bh(struct buffer_head *bh)
{
	bh->b_count--;
}

static inline void brelse(struct buffer_head *bh)
{
	if (bh)
		__brelse(bh);
}

static inline void bforget(struct buffer_head *bh)
{
	if (bh)
		__bforget(bh);
}

static inline struct buffer_head *__getblk(struct block_device *bdev, sector_t block,
					   unsigned int size)
{
	return __getblk_gfp(bdev, block, size, 0);
}

static inline struct buffer_head *sb_bread(struct super_block *sb, sector_t block)
{
	return __bread_gfp(sb->s_bdev, block, sb->s_blocksize, 0);
}

static inline struct buffer_head *sb_getblk(struct super_block *sb, sector_t block)
{
	return __getblk_gfp(sb->s_bdev, block, sb->s_blocksize, 0);
}

static inline struct buffer_head *sb_find_get_block(struct super_block *sb, sector_t block)
{
	return __find_get_block(sb->s_bdev, block, sb->s_blocksize);
}

static inline void map_bh(struct buffer_head *bh, struct super_block *sb, sector_t block)
{
	set_buffer_mapped(bh);
	bh->b_bdev = sb->s_bdev;
	bh->b_blocknr = block;
	bh->b_size = sb->s_blocksize;
}

static inline void lock_buffer(struct buffer_head *bh)
{
	__lock_buffer(bh);
}

static inline void wait_on_buffer(struct buffer_head *bh)
{
}

static inline int bh_read(struct buffer_head *bh, blk_opf_t op_flags)
{
	if (bh_uptodate_or_lock(bh))
		return 1;
	return __bh_read(bh, op_flags, true);
}

#endif
