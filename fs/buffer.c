/*
 * Buffer heads (Linux 6.1's fs/buffer.c): disk blocks held in page cache pages. The
 * block device's own page cache is the buffer cache: __getblk finds or makes the page
 * of the device holding a block and gives that page buffers of the block size, each
 * mapped to its block; __bread reads one. File systems built on get_block_t use the
 * same buffers for file pages: block_read_full_folio reads the blocks of a page,
 * __block_write_begin maps (allocates) and reads the edges for a write,
 * block_write_full_page writes the dirty ones.
 *
 * A page's buffers are a ring (b_this_page) attached to folio->private, created and
 * torn down under the mapping's private_lock with the page locked. Each buffer's I/O is
 * one bio; async page I/O (a page's buffers read or written together) ends the page's
 * read (unlock) or writeback when its last buffer completes, under the first buffer's
 * b_uptodate_lock, from interrupts.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/log2.h>

static struct kmem_cache *bh_cachep;
static long nr_buffer_heads;	/* atomic: buffer heads alive */

/* ---- buffer heads and a page's ring of them --------------------------------------- */

struct buffer_head *alloc_buffer_head(gfp_t gfp_flags)
{
	struct buffer_head *bh = kmem_cache_zalloc(bh_cachep, gfp_flags);

	if (!bh)
		return NULL;
	INIT_LIST_HEAD(&bh->b_assoc_buffers);
	spin_lock_init(&bh->b_uptodate_lock);
	__atomic_fetch_add(&nr_buffer_heads, 1, __ATOMIC_RELAXED);
	return bh;
}

void free_buffer_head(struct buffer_head *bh)
{
	BUG_ON(!list_empty(&bh->b_assoc_buffers));
	__atomic_fetch_sub(&nr_buffer_heads, 1, __ATOMIC_RELAXED);
	kmem_cache_free(bh_cachep, bh);
}

void set_bh_page(struct buffer_head *bh, struct page *page, unsigned long offset)
{
	bh->b_page = page;
	BUG_ON(offset >= PAGE_SIZE);
	bh->b_data = (char *)page_address(page) + offset;
}

/*
 * Buffers of size for the folio's bytes, linked by b_this_page (not yet a ring), the
 * first one's at offset 0; NULL without memory unless retry (then it waits for some).
 */
struct buffer_head *folio_alloc_buffers(struct folio *folio, unsigned long size, bool retry)
{
	gfp_t gfp = GFP_NOFS | __GFP_ACCOUNT | (retry ? __GFP_NOFAIL : 0);
	struct buffer_head *bh, *head = NULL;
	long offset = (long)PAGE_SIZE;

	while ((offset -= (long)size) >= 0) {
		bh = alloc_buffer_head(gfp);
		if (!bh)
			goto no_grow;
		bh->b_this_page = head;
		bh->b_blocknr = (sector_t)-1;
		head = bh;
		bh->b_size = size;
		set_bh_page(bh, &folio->page, (unsigned long)offset);
	}
	return head;
no_grow:
	while (head) {
		bh = head;
		head = head->b_this_page;
		free_buffer_head(bh);
	}
	return NULL;
}

struct buffer_head *alloc_page_buffers(struct page *page, unsigned long size, bool retry)
{
	return folio_alloc_buffers(page_folio(page), size, retry);
}

/* Closes the ring and hangs it on the folio (private_lock held or folio unseen). */
static void link_folio_buffers(struct folio *folio, struct buffer_head *head)
{
	struct buffer_head *bh = head, *tail;

	do {
		tail = bh;
		bh = bh->b_this_page;
	} while (bh);
	tail->b_this_page = head;
	folio_attach_private(folio, head);
}

void create_empty_buffers(struct page *page, unsigned long blocksize,
			  unsigned long b_state)
{
	struct folio *folio = page_folio(page);
	struct buffer_head *bh, *head = folio_alloc_buffers(folio, blocksize, true);

	bh = head;
	do {
		bh->b_state |= b_state;
		bh = bh->b_this_page;
	} while (bh);
	spin_lock(&page->mapping->private_lock);
	if (folio_test_uptodate(folio) || folio_test_dirty(folio)) {
		for (bh = head; bh; bh = bh->b_this_page) {
			if (folio_test_dirty(folio))
				set_buffer_dirty(bh);
			if (folio_test_uptodate(folio))
				set_buffer_uptodate(bh);
		}
	}
	link_folio_buffers(folio, head);
	spin_unlock(&page->mapping->private_lock);
}

/* The locked page's buffers, made of the inode's block size if it has none. */
static struct buffer_head *create_page_buffers(struct page *page, struct inode *inode,
					       unsigned int b_state)
{
	BUG_ON(!PageLocked(page));
	if (!page_has_buffers(page))
		create_empty_buffers(page, 1UL << inode->i_blkbits, b_state);
	return page_buffers(page);
}

/* ---- the buffer lock ---------------------------------------------------------------- */

void __lock_buffer(struct buffer_head *bh)
{
	wait_on_bit_lock_io(&bh->b_state, BH_Lock, TASK_UNINTERRUPTIBLE);
}

void unlock_buffer(struct buffer_head *bh)
{
	clear_and_wake_up_bit(BH_Lock, &bh->b_state);
}

void __wait_on_buffer(struct buffer_head *bh)
{
	wait_on_bit_io(&bh->b_state, BH_Lock, TASK_UNINTERRUPTIBLE);
}

/* ---- submitting I/O ---------------------------------------------------------------- */

static void end_bio_bh_io_sync(struct bio *bio)
{
	struct buffer_head *bh = bio->bi_private;

	bh->b_end_io(bh, !bio->bi_status);
	bio_put(bio);
}

static int submit_bh_wbc(blk_opf_t opf, struct buffer_head *bh, struct writeback_control *wbc)
{
	struct bio *bio;

	BUG_ON(!buffer_locked(bh));
	BUG_ON(!buffer_mapped(bh));
	BUG_ON(!bh->b_end_io);
	/* A buffer written again may succeed this time: forget the last write's error. */
	if (test_set_buffer_req(bh) && (opf & REQ_OP_MASK) == REQ_OP_WRITE)
		clear_buffer_write_io_error(bh);
	if (buffer_meta(bh))
		opf |= REQ_META;
	if (buffer_prio(bh))
		opf |= REQ_PRIO;
	bio = bio_alloc(bh->b_bdev, 1, opf, GFP_NOIO);
	bio->bi_iter.bi_sector = bh->b_blocknr * (bh->b_size >> 9);
	bio_add_page(bio, bh->b_page, (unsigned int)bh->b_size, (unsigned int)bh_offset(bh));
	bio->bi_end_io = end_bio_bh_io_sync;
	bio->bi_private = bh;
	submit_bio(bio);
	return 0;
}

int submit_bh(blk_opf_t opf, struct buffer_head *bh)
{
	return submit_bh_wbc(opf, bh, NULL);
}

void end_buffer_read_sync(struct buffer_head *bh, int uptodate)
{
	if (uptodate)
		set_buffer_uptodate(bh);
	else
		clear_buffer_uptodate(bh);
	unlock_buffer(bh);
	put_bh(bh);
}

void mark_buffer_write_io_error(struct buffer_head *bh)
{
	set_buffer_write_io_error(bh);
	if (bh->b_page && bh->b_page->mapping)
		mapping_set_error(bh->b_page->mapping, -EIO);
	if (bh->b_assoc_map)
		mapping_set_error(bh->b_assoc_map, -EIO);
}

void end_buffer_write_sync(struct buffer_head *bh, int uptodate)
{
	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		pr_err("Buffer I/O error, logical block %llu: lost sync page write\n",
				   (unsigned long long)bh->b_blocknr);
		mark_buffer_write_io_error(bh);
		clear_buffer_uptodate(bh);
	}
	unlock_buffer(bh);
	put_bh(bh);
}

int bh_uptodate_or_lock(struct buffer_head *bh)
{
	if (!buffer_uptodate(bh)) {
		lock_buffer(bh);
		if (!buffer_uptodate(bh))
			return 0;
		unlock_buffer(bh);
	}
	return 1;
}

int __bh_read(struct buffer_head *bh, blk_opf_t op_flags, bool wait)
{
	BUG_ON(!buffer_locked(bh));
	get_bh(bh);
	bh->b_end_io = end_buffer_read_sync;
	submit_bh(REQ_OP_READ | op_flags, bh);
	if (!wait)
		return 0;
	wait_on_buffer(bh);
	return buffer_uptodate(bh) ? 0 : -EIO;
}

void __bh_read_batch(int nr, struct buffer_head *bhs[], blk_opf_t op_flags, bool force_lock)
{
	for (int i = 0; i < nr; i++) {
		struct buffer_head *bh = bhs[i];

		if (buffer_uptodate(bh))
			continue;
		if (force_lock)
			lock_buffer(bh);
		else if (!trylock_buffer(bh))
			continue;
		if (buffer_uptodate(bh)) {
			unlock_buffer(bh);
			continue;
		}
		bh->b_end_io = end_buffer_read_sync;
		get_bh(bh);
		submit_bh(REQ_OP_READ | op_flags, bh);
	}
}

void write_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags)
{
	lock_buffer(bh);
	if (!test_clear_buffer_dirty(bh)) {
		unlock_buffer(bh);
		return;
	}
	bh->b_end_io = end_buffer_write_sync;
	get_bh(bh);
	submit_bh(REQ_OP_WRITE | op_flags, bh);
}

int __sync_dirty_buffer(struct buffer_head *bh, blk_opf_t op_flags)
{
	WARN_ON(atomic_read(&bh->b_count) < 1);
	lock_buffer(bh);
	if (!test_clear_buffer_dirty(bh)) {
		unlock_buffer(bh);
		return 0;
	}
	/* A dirty buffer that was never mapped: its block was freed (bforget raced). */
	if (!buffer_mapped(bh)) {
		unlock_buffer(bh);
		return -EIO;
	}
	get_bh(bh);
	bh->b_end_io = end_buffer_write_sync;
	submit_bh(REQ_OP_WRITE | op_flags, bh);
	wait_on_buffer(bh);
	return buffer_uptodate(bh) ? 0 : -EIO;
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	return __sync_dirty_buffer(bh, REQ_SYNC);
}

/* ---- async page I/O --------------------------------------------------------------- */

/*
 * Whether another buffer of bh's page still has flag bit set (its I/O running); the
 * caller holds the first buffer's b_uptodate_lock, irqs off.
 */
static bool page_io_pending(struct buffer_head *bh, int bit)
{
	struct buffer_head *tmp;

	for (tmp = bh->b_this_page; tmp != bh; tmp = tmp->b_this_page)
		if (test_bit((unsigned long)bit, &tmp->b_state))
			return true;
	return false;
}

/* One buffer of a page read with its siblings is done; the last one ends the page's read. */
static void end_buffer_async_read(struct buffer_head *bh, int uptodate)
{
	struct folio *folio = page_folio(bh->b_page);
	struct buffer_head *first = folio_buffers(folio), *tmp;
	unsigned long flags;
	bool page_uptodate = true, pending;

	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		clear_buffer_uptodate(bh);
		pr_err("Buffer I/O error, logical block %llu: async page read\n",
				   (unsigned long long)bh->b_blocknr);
		folio_set_error(folio);
	}
	spin_lock_irqsave(&first->b_uptodate_lock, flags);
	clear_buffer_async_read(bh);
	unlock_buffer(bh);
	pending = page_io_pending(bh, BH_Async_Read);
	tmp = bh;
	do {
		if (!buffer_uptodate(tmp))
			page_uptodate = false;
		tmp = tmp->b_this_page;
	} while (tmp != bh);
	spin_unlock_irqrestore(&first->b_uptodate_lock, flags);
	if (pending)
		return;
	if (page_uptodate && !folio_test_error(folio))
		folio_mark_uptodate(folio);
	folio_unlock(folio);
}

/* One buffer of a page written with its siblings is done; the last ends the writeback. */
static void end_buffer_async_write(struct buffer_head *bh, int uptodate)
{
	struct folio *folio = page_folio(bh->b_page);
	struct buffer_head *first = folio_buffers(folio);
	unsigned long flags;
	bool pending;

	if (uptodate) {
		set_buffer_uptodate(bh);
	} else {
		pr_err("Buffer I/O error, logical block %llu: lost async page write\n",
				   (unsigned long long)bh->b_blocknr);
		mark_buffer_write_io_error(bh);
		clear_buffer_uptodate(bh);
		folio_set_error(folio);
	}
	spin_lock_irqsave(&first->b_uptodate_lock, flags);
	clear_buffer_async_write(bh);
	unlock_buffer(bh);
	pending = page_io_pending(bh, BH_Async_Write);
	spin_unlock_irqrestore(&first->b_uptodate_lock, flags);
	if (!pending)
		folio_end_writeback(folio);
}

static void mark_buffer_async_read(struct buffer_head *bh)
{
	bh->b_end_io = end_buffer_async_read;
	set_buffer_async_read(bh);
}

static void mark_buffer_async_write_endio(struct buffer_head *bh, bh_end_io_t *handler)
{
	bh->b_end_io = handler;
	set_buffer_async_write(bh);
}

/* ---- the block device's buffer cache ------------------------------------------------ */

static struct address_space *bdev_mapping(struct block_device *bdev)
{
	return bdev->bd_inode->i_mapping;
}

/* The cached buffer of block, found through its page; a reference taken. */
static struct buffer_head *__find_get_block_slow(struct block_device *bdev, sector_t block)
{
	struct address_space *mapping = bdev_mapping(bdev);
	unsigned int bbits = bdev->bd_inode->i_blkbits;
	pgoff_t index = (pgoff_t)(block >> (PAGE_SHIFT - bbits));
	struct buffer_head *ret = NULL, *bh, *head;
	struct folio *folio = filemap_get_folio(mapping, index);

	if (!folio)
		return NULL;
	spin_lock(&mapping->private_lock);
	head = folio_buffers(folio);
	if (!head)
		goto out;
	bh = head;
	do {
		if (buffer_mapped(bh) && bh->b_blocknr == block) {
			ret = bh;
			get_bh(bh);
			break;
		}
		bh = bh->b_this_page;
	} while (bh != head);
out:
	spin_unlock(&mapping->private_lock);
	folio_put(folio);
	return ret;
}

struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block,
				     unsigned size)
{
	struct buffer_head *bh = __find_get_block_slow(bdev, block);

	if (bh && bh->b_size != size) {
		brelse(bh);
		return NULL;
	}
	return bh;
}

/* Maps the page's buffers to the device blocks from block; the end block of the page. */
static sector_t init_page_buffers(struct page *page, struct block_device *bdev,
				  sector_t block, int size)
{
	struct buffer_head *head = page_buffers(page), *bh = head;
	bool uptodate = PageUptodate(page);
	sector_t end_block = (sector_t)(i_size_read(bdev->bd_inode) >> ilog2(size));

	do {
		if (!buffer_mapped(bh)) {
			bh->b_end_io = NULL;
			bh->b_private = NULL;
			bh->b_bdev = bdev;
			bh->b_blocknr = block;
			if (uptodate)
				set_buffer_uptodate(bh);
			if (block < end_block)
				set_buffer_mapped(bh);
		}
		block++;
		bh = bh->b_this_page;
	} while (bh != head);
	return end_block;
}

/*
 * Makes the device page holding block (of size bytes) and its buffers. 1 when done,
 * 0 when the page has buffers of another size that are busy, -ENOMEM.
 */
static int grow_dev_page(struct block_device *bdev, sector_t block, pgoff_t index, int size,
			 int sizebits, gfp_t gfp)
{
	struct address_space *mapping = bdev_mapping(bdev);
	struct buffer_head *bh;
	struct folio *folio;
	int ret = 0;

	gfp |= mapping_gfp_constraint(mapping, ~__GFP_FS) | __GFP_NOFAIL;
	folio = __filemap_get_folio(mapping, index, FGP_LOCK | FGP_ACCESSED | FGP_CREAT, gfp);
	if (!folio)
		return -ENOMEM;
	bh = folio_buffers(folio);
	if (bh) {
		if (bh->b_size == (size_t)size) {
			init_page_buffers(&folio->page, bdev,
					  (sector_t)index << sizebits, size);
			ret = 1;
			goto unlock;
		}
		/* The device's block size changed: the old buffers must go first. */
		if (!try_to_free_buffers(folio))
			goto unlock;
	}
	bh = folio_alloc_buffers(folio, (unsigned long)size, true);
	spin_lock(&mapping->private_lock);
	link_folio_buffers(folio, bh);
	init_page_buffers(&folio->page, bdev, (sector_t)index << sizebits, size);
	spin_unlock(&mapping->private_lock);
	ret = 1;
unlock:
	folio_unlock(folio);
	folio_put(folio);
	return ret;
}

/* Makes the buffers of the device page holding block; see grow_dev_page. */
static int grow_buffers(struct block_device *bdev, sector_t block, int size, gfp_t gfp)
{
	int sizebits = PAGE_SHIFT - ilog2(size);
	pgoff_t index = (pgoff_t)(block >> sizebits);

	/* The page index must fit: the block is past any device's size otherwise. */
	if (unlikely((sector_t)index << sizebits != (block & ~(((sector_t)1 << sizebits) - 1)))) {
		pr_err("%s: requested out-of-range block %llu for device\n", __func__,
		       (unsigned long long)block);
		return -EIO;
	}
	return grow_dev_page(bdev, block, index, size, sizebits, gfp);
}

static struct buffer_head *__getblk_slow(struct block_device *bdev, sector_t block,
					 unsigned size, gfp_t gfp)
{
	/* The size must be a power of two between the sector and page sizes. */
	if (unlikely(size & (bdev_logical_block_size(bdev) - 1) || size < 512 ||
		     size > PAGE_SIZE || (size & (size - 1)))) {
		pr_err("getblk(): invalid block size %u requested\n", size);
		return NULL;
	}
	for (;;) {
		struct buffer_head *bh = __find_get_block(bdev, block, size);
		int ret;

		if (bh)
			return bh;
		ret = grow_buffers(bdev, block, (int)size, gfp);
		if (ret < 0)
			return NULL;
	}
}

struct buffer_head *__getblk_gfp(struct block_device *bdev, sector_t block, unsigned size,
				 gfp_t gfp)
{
	struct buffer_head *bh = __find_get_block(bdev, block, size);

	might_sleep();
	if (!bh)
		bh = __getblk_slow(bdev, block, size, gfp);
	return bh;
}

void __breadahead(struct block_device *bdev, sector_t block, unsigned size)
{
	struct buffer_head *bh = __getblk_gfp(bdev, block, size, 0);

	if (likely(bh)) {
		bh_readahead(bh, REQ_RAHEAD);
		brelse(bh);
	}
}

struct buffer_head *__bread_gfp(struct block_device *bdev, sector_t block, unsigned size,
				gfp_t gfp)
{
	struct buffer_head *bh = __getblk_gfp(bdev, block, size, gfp);

	if (likely(bh) && !buffer_uptodate(bh) && bh_read(bh, 0) < 0) {
		brelse(bh);
		return NULL;
	}
	return bh;
}

void __brelse(struct buffer_head *bh)
{
	if (atomic_read(&bh->b_count)) {
		put_bh(bh);
		return;
	}
	WARN_ON(1);
	pr_err("VFS: brelse: Trying to free free buffer\n");
}

static void __remove_assoc_queue(struct buffer_head *bh)
{
	list_del_init(&bh->b_assoc_buffers);
	WARN_ON(!bh->b_assoc_map);
	bh->b_assoc_map = NULL;
}

void __bforget(struct buffer_head *bh)
{
	clear_buffer_dirty(bh);
	if (bh->b_assoc_map) {
		struct address_space *buffer_mapping = bh->b_page->mapping;

		spin_lock(&buffer_mapping->private_lock);
		list_del_init(&bh->b_assoc_buffers);
		bh->b_assoc_map = NULL;
		spin_unlock(&buffer_mapping->private_lock);
	}
	__brelse(bh);
}

/* ---- dirtying -------------------------------------------------------------------- */

void mark_buffer_dirty(struct buffer_head *bh)
{
	WARN_ON_ONCE(!buffer_uptodate(bh));
	/* Already dirty: nothing to do (the fence pairs with the I/O path's clearing). */
	if (buffer_dirty(bh)) {
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (buffer_dirty(bh))
			return;
	}
	if (!test_set_buffer_dirty(bh)) {
		struct folio *folio = page_folio(bh->b_page);
		struct address_space *mapping = NULL;

		if (!folio_test_set_dirty(folio)) {
			mapping = folio_mapping(folio);
			if (mapping)
				__folio_mark_dirty(folio, mapping, 0);
		}
		if (mapping)
			__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	}
}

bool block_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	struct buffer_head *head;
	bool newly_dirty;

	spin_lock(&mapping->private_lock);
	head = folio_buffers(folio);
	if (head) {
		struct buffer_head *bh = head;

		do {
			set_buffer_dirty(bh);
			bh = bh->b_this_page;
		} while (bh != head);
	}
	newly_dirty = !folio_test_set_dirty(folio);
	spin_unlock(&mapping->private_lock);
	if (newly_dirty) {
		__folio_mark_dirty(folio, mapping, 1);
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	}
	return newly_dirty;
}

void mark_buffer_dirty_inode(struct buffer_head *bh, struct inode *inode)
{
	struct address_space *mapping = inode->i_mapping;
	struct address_space *buffer_mapping = bh->b_page->mapping;

	mark_buffer_dirty(bh);
	if (!mapping->private_data) {
		mapping->private_data = buffer_mapping;
	} else {
		BUG_ON(mapping->private_data != buffer_mapping);
	}
	if (!bh->b_assoc_map) {
		spin_lock(&buffer_mapping->private_lock);
		list_move_tail(&bh->b_assoc_buffers, &mapping->private_list);
		bh->b_assoc_map = mapping;
		spin_unlock(&buffer_mapping->private_lock);
	}
}

int inode_has_buffers(struct inode *inode)
{
	return !list_empty(&inode->i_data.private_list);
}

/*
 * Writes the buffers on list (another mapping's private_list) and waits for them, the
 * way Linux's fsync_buffers_list does; lock is that mapping's private_lock.
 */
static int fsync_buffers_list(spinlock_t *lock, struct list_head *list)
{
	struct buffer_head *bh;
	LIST_HEAD(tmp);
	int err = 0;

	spin_lock(lock);
	while (!list_empty(list)) {
		bh = list_first_entry(list, struct buffer_head, b_assoc_buffers);
		__remove_assoc_queue(bh);
		if (buffer_dirty(bh) || buffer_locked(bh)) {
			list_add(&bh->b_assoc_buffers, &tmp);
			get_bh(bh);
			spin_unlock(lock);
			write_dirty_buffer(bh, REQ_SYNC);
			spin_lock(lock);
		}
	}
	while (!list_empty(&tmp)) {
		bh = list_last_entry(&tmp, struct buffer_head, b_assoc_buffers);
		list_del_init(&bh->b_assoc_buffers);
		spin_unlock(lock);
		wait_on_buffer(bh);
		if (!buffer_uptodate(bh))
			err = -EIO;
		brelse(bh);
		spin_lock(lock);
	}
	spin_unlock(lock);
	return err;
}

int sync_mapping_buffers(struct address_space *mapping)
{
	struct address_space *buffer_mapping = mapping->private_data;

	if (!buffer_mapping || list_empty(&mapping->private_list))
		return 0;
	return fsync_buffers_list(&buffer_mapping->private_lock, &mapping->private_list);
}

void invalidate_inode_buffers(struct inode *inode)
{
	struct address_space *mapping = &inode->i_data;
	struct address_space *buffer_mapping = mapping->private_data;

	if (!inode_has_buffers(inode))
		return;
	spin_lock(&buffer_mapping->private_lock);
	while (!list_empty(&mapping->private_list))
		__remove_assoc_queue(list_first_entry(&mapping->private_list, struct buffer_head,
						      b_assoc_buffers));
	spin_unlock(&buffer_mapping->private_lock);
}

int remove_inode_buffers(struct inode *inode)
{
	int ret = 1;

	if (inode_has_buffers(inode)) {
		struct address_space *mapping = &inode->i_data;
		struct address_space *buffer_mapping = mapping->private_data;

		spin_lock(&buffer_mapping->private_lock);
		while (!list_empty(&mapping->private_list)) {
			struct buffer_head *bh = list_first_entry(&mapping->private_list,
								  struct buffer_head,
								  b_assoc_buffers);
			if (buffer_dirty(bh)) {
				ret = 0;
				break;
			}
			__remove_assoc_queue(bh);
		}
		spin_unlock(&buffer_mapping->private_lock);
	}
	return ret;
}

/* ---- freeing a page's buffers -------------------------------------------------------- */

static bool buffer_busy(struct buffer_head *bh)
{
	return atomic_read(&bh->b_count) || (bh->b_state & ((1UL << BH_Dirty) | (1UL << BH_Lock)));
}

/* Detaches the folio's idle buffers into *buffers_to_free; false if one is busy. */
static bool drop_buffers(struct folio *folio, struct buffer_head **buffers_to_free)
{
	struct buffer_head *head = folio_buffers(folio), *bh = head;

	do {
		if (buffer_busy(bh))
			return false;
		bh = bh->b_this_page;
	} while (bh != head);
	do {
		struct buffer_head *next = bh->b_this_page;

		if (bh->b_assoc_map)
			__remove_assoc_queue(bh);
		bh = next;
	} while (bh != head);
	*buffers_to_free = head;
	folio_detach_private(folio);
	return true;
}

bool try_to_free_buffers(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;
	struct buffer_head *buffers_to_free = NULL;
	bool ret;

	BUG_ON(!folio_test_locked(folio));
	if (folio_test_writeback(folio))
		return false;
	if (!mapping) {
		ret = drop_buffers(folio, &buffers_to_free);
		goto out;
	}
	spin_lock(&mapping->private_lock);
	ret = drop_buffers(folio, &buffers_to_free);
	/* Clean buffers of a dirty folio (a file system wrote them by hand): it is clean. */
	if (ret)
		folio_cancel_dirty(folio);
	spin_unlock(&mapping->private_lock);
out:
	if (buffers_to_free) {
		struct buffer_head *bh = buffers_to_free;

		do {
			struct buffer_head *next = bh->b_this_page;

			free_buffer_head(bh);
			bh = next;
		} while (bh != buffers_to_free);
	}
	return ret;
}

/* The block is going away: the buffer forgets it (truncate, invalidate). */
static void discard_buffer(struct buffer_head *bh)
{
	lock_buffer(bh);
	clear_buffer_dirty(bh);
	bh->b_bdev = NULL;
	bh->b_state &= ~((1UL << BH_Mapped) | (1UL << BH_Req) | (1UL << BH_New) |
			 (1UL << BH_Delay) | (1UL << BH_Unwritten));
	unlock_buffer(bh);
}

void block_invalidate_folio(struct folio *folio, size_t offset, size_t length)
{
	struct buffer_head *head, *bh, *next;
	size_t curr_off = 0, stop = length + offset;

	BUG_ON(!folio_test_locked(folio));
	BUG_ON(stop > folio_size(folio) || stop < length);
	head = folio_buffers(folio);
	if (!head)
		return;
	bh = head;
	do {
		size_t next_off = curr_off + bh->b_size;

		next = bh->b_this_page;
		if (next_off > stop)
			return;
		if (offset <= curr_off)
			discard_buffer(bh);
		curr_off = next_off;
		bh = next;
	} while (bh != head);
	/* The whole folio is going: its buffers with it, if they are idle. */
	if (length == folio_size(folio))
		filemap_release_folio(folio, 0);
}

void clean_bdev_aliases(struct block_device *bdev, sector_t block, sector_t len)
{
	for (sector_t b = block; b < block + len; b++) {
		struct buffer_head *bh = __find_get_block_slow(bdev, b);

		if (!bh)
			continue;
		/* The block now belongs to a file: the device's stale copy must not be written. */
		lock_buffer(bh);
		clear_buffer_dirty(bh);
		clear_buffer_req(bh);
		unlock_buffer(bh);
		brelse(bh);
	}
}

/* ---- file pages mapped block by block ------------------------------------------------ */

/* Zeroes [from, to) of the page. */
static void zero_page_range(struct page *page, unsigned int from, unsigned int to)
{
	memset((char *)page_address(page) + from, 0, to - from);
}

/*
 * Reads the folio's buffers in arr[0..nr) asynchronously; the last to complete unlocks
 * the folio. All are locked first, so the first completion cannot see the others idle.
 */
static void submit_async_reads(struct buffer_head **arr, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		lock_buffer(arr[i]);
		mark_buffer_async_read(arr[i]);
	}
	for (i = 0; i < nr; i++) {
		if (buffer_uptodate(arr[i]))
			end_buffer_async_read(arr[i], 1);
		else
			submit_bh(REQ_OP_READ, arr[i]);
	}
}

int block_read_full_folio(struct folio *folio, get_block_t *get_block)
{
	struct inode *inode = folio->mapping->host;
	struct buffer_head *bh, *head, *arr[MAX_BUF_PER_PAGE];
	unsigned int blocksize, bbits, nr = 0, i = 0;
	sector_t iblock, lblock;
	bool fully_mapped = true, page_error = false;

	head = create_page_buffers(&folio->page, inode, 0);
	blocksize = (unsigned int)head->b_size;
	bbits = (unsigned int)inode->i_blkbits;
	iblock = (sector_t)folio->index << (PAGE_SHIFT - bbits);
	lblock = (sector_t)((i_size_read(inode) + blocksize - 1) >> bbits);
	bh = head;
	do {
		if (buffer_uptodate(bh))
			continue;
		if (!buffer_mapped(bh)) {
			int err = 0;

			fully_mapped = false;
			if (iblock < lblock) {
				err = get_block(inode, iblock, bh, 0);
				if (err) {
					folio_set_error(folio);
					page_error = true;
				}
			}
			if (!buffer_mapped(bh)) {
				/* A hole, or past the end: zeroes. */
				zero_page_range(&folio->page, i * blocksize, (i + 1) * blocksize);
				if (!err)
					set_buffer_uptodate(bh);
				continue;
			}
			/* get_block may have read the block (its own metadata). */
			if (buffer_uptodate(bh))
				continue;
		}
		arr[nr++] = bh;
	} while (i++, iblock++, (bh = bh->b_this_page) != head);

	if (fully_mapped)
		folio_set_mappedtodisk(folio);
	if (!nr) {
		if (!page_error)
			folio_mark_uptodate(folio);
		folio_unlock(folio);
		return 0;
	}
	submit_async_reads(arr, nr);
	return 0;
}

void page_zero_new_buffers(struct page *page, unsigned from, unsigned to)
{
	struct buffer_head *head, *bh;
	unsigned int block_start = 0, block_end;

	if (!page_has_buffers(page))
		return;
	bh = head = page_buffers(page);
	do {
		block_end = block_start + (unsigned int)bh->b_size;
		if (buffer_new(bh)) {
			if (block_end > from && block_start < to) {
				if (!PageUptodate(page))
					zero_page_range(page, max(from, block_start),
							min(to, block_end));
				clear_buffer_new(bh);
				mark_buffer_dirty(bh);
			}
		}
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);
}

/* A new block (BH_New) of a page not up to date: zero what the write will not fill. */
static void zero_new_block_edges(struct page *page, unsigned int block_start,
				 unsigned int block_end, unsigned int from, unsigned int to)
{
	if (block_end > to)
		zero_page_range(page, to, block_end);
	if (block_start < from)
		zero_page_range(page, block_start, from);
}

/* Waits for the reads of wait[0..end - wait); -EIO when one failed. */
static int wait_for_reads(struct buffer_head **wait, struct buffer_head **end)
{
	int err = 0;

	while (end > wait) {
		wait_on_buffer(*--end);
		if (!buffer_uptodate(*end))
			err = -EIO;
	}
	return err;
}

int __block_write_begin(struct page *page, loff_t pos, unsigned len, get_block_t *get_block)
{
	unsigned int from = (unsigned int)(pos & ~PAGE_MASK), to = from + len;
	struct inode *inode = page->mapping->host;
	unsigned int block_start, block_end, blocksize, bbits;
	struct buffer_head *bh, *head, *wait[2], **wait_bh = wait;
	sector_t block;
	int err = 0;

	BUG_ON(!PageLocked(page));
	BUG_ON(from > PAGE_SIZE || to > PAGE_SIZE || from > to);
	head = create_page_buffers(page, inode, 0);
	blocksize = (unsigned int)head->b_size;
	bbits = (unsigned int)inode->i_blkbits;
	block = (sector_t)page->index << (PAGE_SHIFT - bbits);

	for (bh = head, block_start = 0; bh != head || !block_start;
	     block++, block_start = block_end, bh = bh->b_this_page) {
		block_end = block_start + blocksize;
		if (block_end <= from || block_start >= to) {
			if (PageUptodate(page) && !buffer_uptodate(bh))
				set_buffer_uptodate(bh);
			continue;
		}
		if (buffer_new(bh))
			clear_buffer_new(bh);
		if (!buffer_mapped(bh)) {
			WARN_ON(bh->b_size != blocksize);
			err = get_block(inode, block, bh, 1);
			if (err)
				break;
			if (buffer_new(bh)) {
				clean_bdev_bh_alias(bh);
				if (PageUptodate(page)) {
					clear_buffer_new(bh);
					set_buffer_uptodate(bh);
					mark_buffer_dirty(bh);
					continue;
				}
				zero_new_block_edges(page, block_start, block_end, from, to);
				continue;
			}
		}
		if (PageUptodate(page)) {
			if (!buffer_uptodate(bh))
				set_buffer_uptodate(bh);
			continue;
		}
		/* A block the write covers only partly: read the rest of it first. */
		if (!buffer_uptodate(bh) && !buffer_delay(bh) && !buffer_unwritten(bh) &&
		    (block_start < from || block_end > to)) {
			bh_read_nowait(bh, 0);
			*wait_bh++ = bh;
		}
	}
	if (wait_for_reads(wait, wait_bh))
		err = -EIO;
	if (unlikely(err))
		page_zero_new_buffers(page, from, to);
	return err;
}

int block_write_begin(struct address_space *mapping, loff_t pos, unsigned len,
		      struct page **pagep, get_block_t *get_block)
{
	pgoff_t index = (pgoff_t)(pos >> PAGE_SHIFT);
	struct page *page = grab_cache_page_write_begin(mapping, index);
	int status;

	if (!page)
		return -ENOMEM;
	status = __block_write_begin(page, pos, len, get_block);
	if (unlikely(status)) {
		unlock_page(page);
		put_page(page);
		page = NULL;
	}
	*pagep = page;
	return status;
}

/* The buffers of [from, to) are written: up to date and dirty; the page too if all are. */
static void __block_commit_write(struct page *page, unsigned int from, unsigned int to)
{
	unsigned int block_start = 0, block_end;
	struct buffer_head *bh, *head;
	bool partial = false;

	bh = head = page_buffers(page);
	do {
		block_end = block_start + (unsigned int)bh->b_size;
		if (block_end <= from || block_start >= to) {
			if (!buffer_uptodate(bh))
				partial = true;
		} else {
			set_buffer_uptodate(bh);
			mark_buffer_dirty(bh);
		}
		if (buffer_new(bh))
			clear_buffer_new(bh);
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);
	if (!partial)
		SetPageUptodate(page);
}

int block_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		    unsigned len, unsigned copied, struct page *page, void *fsdata)
{
	unsigned int start = (unsigned int)(pos & ~PAGE_MASK);

	if (unlikely(copied < len)) {
		/*
		 * A short copy into a page not up to date leaves blocks half written: the
		 * write is refused whole and the caller retries; new blocks read as zeroes.
		 */
		if (!PageUptodate(page))
			copied = 0;
		page_zero_new_buffers(page, start + copied, start + len);
	}
	__block_commit_write(page, start, start + copied);
	return (int)copied;
}

/*
 * block_page_mkwrite - ready a mapped page for stores (->page_mkwrite's body)
 * The blocks under the page's part inside i_size are mapped (allocated with get_block,
 * new ones zeroed unless the page is up to date) and its buffers dirty; the page is
 * dirty and locked on success. -EFAULT when truncation took the page meanwhile.
 * Context: the caller's journal handle, if any, is running; the page is not locked.
 */
int block_page_mkwrite(struct vm_area_struct *vma, struct vm_fault *vmf,
		       get_block_t get_block)
{
	struct page *page = vmf->page;
	struct inode *inode = file_inode(vma->vm_file);
	unsigned int end;
	loff_t size;
	int ret;

	lock_page(page);
	size = i_size_read(inode);
	if (page->mapping != inode->i_mapping || page_offset(page) > size) {
		ret = -EFAULT;
		goto out_unlock;
	}
	end = page->index == (pgoff_t)(size >> PAGE_SHIFT) ?
	      (unsigned int)(size & ~PAGE_MASK) : PAGE_SIZE;
	ret = __block_write_begin(page, 0, end, get_block);
	if (ret)
		goto out_unlock;
	__block_commit_write(page, 0, end);
	set_page_dirty(page);
	wait_for_stable_page(page);
	return 0;
out_unlock:
	unlock_page(page);
	return ret;
}

int generic_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		      unsigned len, unsigned copied, struct page *page, void *fsdata)
{
	struct inode *inode = mapping->host;
	bool i_size_changed = false;

	copied = (unsigned int)block_write_end(file, mapping, pos, len, copied, page, fsdata);
	/* i_rwsem held: only we change i_size; the page lock keeps truncation out. */
	if (pos + copied > inode->i_size) {
		i_size_write(inode, pos + copied);
		i_size_changed = true;
	}
	unlock_page(page);
	put_page(page);
	/* Outside the page lock: ->dirty_inode may take the journal. */
	if (i_size_changed)
		mark_inode_dirty(inode);
	return (int)copied;
}

/*
 * Maps the page's dirty buffers inside i_size that have no block yet (or a delayed one)
 * with get_block; the buffers past i_size are cleaned, nothing is written there. *bhp
 * is the buffer get_block failed on, head when none did.
 */
static int map_dirty_page_buffers(struct inode *inode, struct page *page,
				  struct buffer_head **bhp, get_block_t *get_block)
{
	unsigned int bbits = (unsigned int)inode->i_blkbits;
	sector_t block = (sector_t)page->index << (PAGE_SHIFT - bbits);
	sector_t last_block = (sector_t)((i_size_read(inode) - 1) >> bbits);
	struct buffer_head *head = *bhp, *bh = head;
	int err;

	do {
		if (block > last_block) {
			clear_buffer_dirty(bh);
			set_buffer_uptodate(bh);
		} else if ((!buffer_mapped(bh) || buffer_delay(bh)) && buffer_dirty(bh)) {
			err = get_block(inode, block, bh, 1);
			if (err) {
				*bhp = bh;
				return err;
			}
			clear_buffer_delay(bh);
			if (buffer_new(bh)) {
				clear_buffer_new(bh);
				clean_bdev_bh_alias(bh);
			}
		}
		bh = bh->b_this_page;
		block++;
	} while (bh != head);
	return 0;
}

/*
 * Locks and claims the mapped dirty buffers of the page from bh to the last for an
 * async write ending in handler, before the first write is issued; WB_SYNC_NONE skips
 * (and redirties for) a buffer someone else holds.
 */
static void mark_dirty_page_buffers_async(struct page *page, struct buffer_head *bh,
					  struct buffer_head *head, struct writeback_control *wbc,
					  bh_end_io_t *handler)
{
	do {
		if (!buffer_mapped(bh))
			continue;
		if (wbc->sync_mode != WB_SYNC_NONE) {
			lock_buffer(bh);
		} else if (!trylock_buffer(bh)) {
			redirty_page_for_writepage(wbc, page);
			continue;
		}
		if (test_clear_buffer_dirty(bh))
			mark_buffer_async_write_endio(bh, handler);
		else
			unlock_buffer(bh);
	} while ((bh = bh->b_this_page) != head);
}

/*
 * Writes the locked page's dirty buffers (mapping unmapped dirty ones with get_block)
 * as async writes ending in handler; the page is under writeback and unlocked on return.
 */
int __block_write_full_page(struct inode *inode, struct page *page, get_block_t *get_block,
			    struct writeback_control *wbc, bh_end_io_t *handler)
{
	blk_opf_t write_flags = wbc->sync_mode == WB_SYNC_ALL ? REQ_SYNC : 0;
	struct buffer_head *bh, *head;
	unsigned int nr_underway = 0;
	int err;

	head = create_page_buffers(page, inode, (1U << BH_Dirty) | (1U << BH_Uptodate));
	bh = head;
	err = map_dirty_page_buffers(inode, page, &bh, get_block);
	mark_dirty_page_buffers_async(page, bh, head, wbc, handler);
	if (err) {
		mapping_set_error(page->mapping, err);
		SetPageError(page);
	}
	BUG_ON(PageWriteback(page));
	set_page_writeback(page);
	bh = head;
	do {
		struct buffer_head *next = bh->b_this_page;

		if (buffer_async_write(bh)) {
			submit_bh_wbc(REQ_OP_WRITE | write_flags, bh, wbc);
			nr_underway++;
		}
		bh = next;
	} while (bh != head);
	unlock_page(page);
	/* Nothing needed writing: the writeback ends at once. */
	if (!nr_underway)
		end_page_writeback(page);
	return err;
}

int block_write_full_page(struct page *page, get_block_t *get_block,
			  struct writeback_control *wbc)
{
	struct inode *inode = page->mapping->host;
	loff_t i_size = i_size_read(inode);
	pgoff_t end_index = (pgoff_t)(i_size >> PAGE_SHIFT);
	unsigned int offset;

	if (page->index < end_index)
		return __block_write_full_page(inode, page, get_block, wbc,
					       end_buffer_async_write);
	offset = (unsigned int)(i_size & ~PAGE_MASK);
	/* Wholly past the end (truncated while dirty): nothing to write. */
	if (page->index >= end_index + 1 || !offset) {
		folio_invalidate(page_folio(page), 0, PAGE_SIZE);
		unlock_page(page);
		return 0;
	}
	/* The page straddling i_size: what lies past it is written as zeroes. */
	zero_page_range(page, offset, PAGE_SIZE);
	return __block_write_full_page(inode, page, get_block, wbc, end_buffer_async_write);
}

int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	unsigned int offset = (unsigned int)(from & ~PAGE_MASK), blocksize, length, pos;
	pgoff_t index = (pgoff_t)(from >> PAGE_SHIFT);
	struct buffer_head *bh;
	struct page *page;
	sector_t iblock;
	int err = 0;

	blocksize = 1U << inode->i_blkbits;
	length = offset & (blocksize - 1);
	if (!length)	/* Block boundary: nothing to zero. */
		return 0;
	length = blocksize - length;
	iblock = (sector_t)index << (PAGE_SHIFT - inode->i_blkbits);
	page = grab_cache_page(mapping, index);
	if (!page)
		return -ENOMEM;
	bh = create_page_buffers(page, inode, 0);
	/* The buffer holding offset. */
	for (pos = blocksize; pos <= offset; pos += blocksize) {
		bh = bh->b_this_page;
		iblock++;
	}
	if (!buffer_mapped(bh)) {
		WARN_ON(bh->b_size != blocksize);
		err = get_block(inode, iblock, bh, 0);
		if (err || !buffer_mapped(bh))	/* A hole: it reads as zeroes already. */
			goto unlock;
	}
	if (PageUptodate(page))
		set_buffer_uptodate(bh);
	if (!buffer_uptodate(bh) && !buffer_delay(bh) && !buffer_unwritten(bh)) {
		err = bh_read(bh, 0);
		if (err < 0)
			goto unlock;
		err = 0;
	}
	zero_page_range(page, offset, offset + length);
	mark_buffer_dirty(bh);
unlock:
	unlock_page(page);
	put_page(page);
	return err;
}

sector_t generic_block_bmap(struct address_space *mapping, sector_t block,
			    get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	struct buffer_head tmp = {
		.b_size = 1UL << inode->i_blkbits,
	};

	get_block(inode, block, &tmp, 0);
	return tmp.b_blocknr;
}

void mpage_readahead(struct readahead_control *rac, get_block_t *get_block)
{
	struct folio *folio;

	while ((folio = readahead_folio(rac)))
		block_read_full_folio(folio, get_block);
}

static int __mpage_writepage(struct folio *folio, struct writeback_control *wbc, void *data)
{
	get_block_t *get_block = data;
	int ret = block_write_full_page(&folio->page, get_block, wbc);

	mapping_set_error(folio->mapping, ret);
	return ret;
}

int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t *get_block)
{
	return write_cache_pages(mapping, wbc, __mpage_writepage, get_block);
}

bool block_is_partially_uptodate(struct folio *folio, size_t from, size_t count)
{
	struct buffer_head *bh, *head = folio_buffers(folio);
	size_t block_start = 0, to;

	if (!head)
		return false;
	to = min(folio_size(folio) - from, count) + from;
	bh = head;
	do {
		size_t block_end = block_start + bh->b_size;

		if (block_end > from && block_start < to && !buffer_uptodate(bh))
			return false;
		block_start = block_end;
		bh = bh->b_this_page;
	} while (bh != head);
	return true;
}

/* ---- the block device's block size and page cache --------------------------------- */

int set_blocksize(struct block_device *bdev, int size)
{
	/* A power of two from the sector size to the page size, not below the device's. */
	if (size > (int)PAGE_SIZE || size < 512 || (size & (size - 1)))
		return -EINVAL;
	if (size < (int)bdev_logical_block_size(bdev))
		return -EINVAL;
	if (bdev->bd_inode->i_blkbits != (u8)ilog2(size)) {
		/* Buffers of the old size must not stay behind: write and drop them. */
		sync_blockdev(bdev);
		bdev->bd_inode->i_blkbits = (u8)ilog2(size);
		invalidate_bdev(bdev);
	}
	return 0;
}

int sb_set_blocksize(struct super_block *sb, int size)
{
	if (set_blocksize(sb->s_bdev, size))
		return 0;
	sb->s_blocksize = (unsigned long)size;
	sb->s_blocksize_bits = (unsigned char)ilog2(size);
	return sb->s_blocksize;
}

int sb_min_blocksize(struct super_block *sb, int size)
{
	int minsize = (int)bdev_logical_block_size(sb->s_bdev);

	if (size < minsize)
		size = minsize;
	return sb_set_blocksize(sb, size);
}

int sync_blockdev_nowait(struct block_device *bdev)
{
	if (!bdev)
		return 0;
	return filemap_flush(bdev_mapping(bdev));
}

int sync_blockdev(struct block_device *bdev)
{
	if (!bdev)
		return 0;
	return filemap_write_and_wait(bdev_mapping(bdev));
}

void invalidate_bdev(struct block_device *bdev)
{
	struct address_space *mapping = bdev_mapping(bdev);

	if (mapping->nrpages)
		invalidate_mapping_pages(mapping, 0, ULONG_MAX);
}

long nr_blockdev_pages(void)
{
	struct super_block *sb = blockdev_superblock;
	struct inode *inode;
	long ret = 0;

	if (!sb)
		return 0;
	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		ret += (long)READ_ONCE(inode->i_mapping->nrpages);
	spin_unlock(&sb->s_inode_list_lock);
	return ret;
}

void __init buffer_init(void)
{
	bh_cachep = kmem_cache_create("buffer_head", sizeof(struct buffer_head), 8,
				      SLAB_PANIC, NULL);
}
