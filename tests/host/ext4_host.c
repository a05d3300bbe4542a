/*
 * Host stand-ins for the VFS calls ext4 makes, for tests/host/test_ext4.c: an inode
 * cache on the super block's s_inodes list (iget_locked and friends, through the file
 * system's alloc_inode/free_inode; no LRU, the last iput evicts), a root dentry, the block size of the image device,
 * and the clock. The host tests have no page cache, so there are no pages to drop.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/dcache.h>
#include <linux/blk_types.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include "ext4.h"
#include "bdev_image.h"
#include "ext4_host.h"
#include "ktest.h"

long host_ext4_inodes;

ktime_t ktime_get(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ktime_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

u64 ktime_get_real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

struct timespec64 current_time(struct inode *inode)
{
	u64 ns = ktime_get_real_ns();

	return (struct timespec64){ .tv_sec = ns / NSEC_PER_SEC, .tv_nsec = ns % NSEC_PER_SEC };
}

/* What a file system's inode constructor does once: an empty inode, its lists empty. */
void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_LIST_HEAD(&inode->i_lru);
	INIT_LIST_HEAD(&inode->i_sb_list);
}

/* A new inode of sb, on s_inodes, with one reference (iget_locked's and ext4_new_inode's). */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = sb->s_op->alloc_inode(sb);

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_blkbits = sb->s_blocksize_bits;
	atomic_set(&inode->i_count, 1);
	inode->i_nlink = 1;
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	init_rwsem(&inode->i_rwsem);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	host_ext4_inodes++;
	return inode;
}

struct inode *iget_locked(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (inode->i_ino == ino) {
			BUG_ON(inode->i_state & I_NEW);
			atomic_inc(&inode->i_count);
			return inode;
		}
	}
	inode = new_inode(sb);
	if (!inode)
		return NULL;
	inode->i_ino = ino;
	inode->i_state = I_NEW;
	return inode;
}

void unlock_new_inode(struct inode *inode)
{
	inode->i_state &= ~I_NEW;
}

/* The last reference evicts: no inode stays cached, so every test starts cold. */
void iput(struct inode *inode)
{
	if (!inode || !atomic_dec_and_test(&inode->i_count))
		return;
	inode->i_state |= I_FREEING;
	inode->i_sb->s_op->evict_inode(inode);
	BUG_ON(inode->i_state != (I_FREEING | I_CLEAR));
	list_del(&inode->i_sb_list);
	host_ext4_inodes--;
	inode->i_sb->s_op->free_inode(inode);
}

static const struct inode_operations bad_inode_ops;

void make_bad_inode(struct inode *inode)
{
	inode->i_mode = S_IFREG;
	inode->i_op = &bad_inode_ops;
}

bool is_bad_inode(struct inode *inode)
{
	return inode->i_op == &bad_inode_ops;
}

void clear_inode(struct inode *inode)
{
	BUG_ON(!(inode->i_state & I_FREEING) || (inode->i_state & I_CLEAR));
	inode->i_state = I_FREEING | I_CLEAR;
}

void iget_failed(struct inode *inode)
{
	make_bad_inode(inode);
	unlock_new_inode(inode);
	iput(inode);
}

void set_nlink(struct inode *inode, unsigned int nlink)
{
	inode->i_nlink = nlink;
}

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = rdev;
}

struct dentry *d_make_root(struct inode *inode)
{
	struct dentry *d = calloc(1, sizeof(*d));

	if (!d) {
		iput(inode);
		return NULL;
	}
	d->d_inode = inode;
	d->d_sb = inode->i_sb;
	d->d_parent = d;
	d->d_count = 1;
	return d;
}

void dput(struct dentry *dentry)
{
	if (!dentry || --dentry->d_count)
		return;
	iput(dentry->d_inode);
	free(dentry);
}

int sb_set_blocksize(struct super_block *sb, int size)
{
	if (size < 512 || size > 65536 || (size & (size - 1)))
		return 0;
	sb->s_blocksize = size;
	sb->s_blocksize_bits = ilog2(size);
	return size;
}

int sb_min_blocksize(struct super_block *sb, int size)
{
	return sb_set_blocksize(sb, size);
}

/* No page cache on the host: nothing cached past the new size, nothing at eviction. */
void truncate_pagecache(struct inode *inode, loff_t newsize)
{
}

void truncate_inode_pages_final(struct address_space *mapping)
{
}

/* fs/attr.c's notify_change falls back to it; ext4 has its own ->setattr. */
int simple_setattr(struct dentry *dentry, struct iattr *attr)
{
	BUG();
}

/* The tests call ext4_fill_super themselves: the VFS's mount path is never reached. */
int register_filesystem(struct file_system_type *fs)
{
	BUG();
}

struct dentry *mount_bdev(struct file_system_type *fs_type, int flags, const char *dev_name,
			  void *data, int (*fill_super)(struct super_block *, void *, int))
{
	BUG();
}

void kill_block_super(struct super_block *sb)
{
	BUG();
}

/*
 * The page cache's side of ext4 (ext4_aops, write_begin/write_end) runs in the kernel's
 * boot tests; the host suite maps and reads blocks directly, so none of these is reached.
 */
#define HOST_NO_PAGE_CACHE(decl) decl { BUG(); }
HOST_NO_PAGE_CACHE(void __folio_lock(struct folio *folio))
HOST_NO_PAGE_CACHE(void __folio_put(struct folio *folio))
HOST_NO_PAGE_CACHE(void folio_unlock(struct folio *folio))
HOST_NO_PAGE_CACHE(void folio_wait_stable(struct folio *folio))
HOST_NO_PAGE_CACHE(struct page *grab_cache_page_write_begin(struct address_space *mapping,
							    pgoff_t index))
HOST_NO_PAGE_CACHE(int block_read_full_folio(struct folio *folio, get_block_t *get_block))
HOST_NO_PAGE_CACHE(int ext4_mpage_readpages(struct inode *inode, struct readahead_control *rac,
					    struct page *page))
HOST_NO_PAGE_CACHE(int block_write_full_page(struct page *page, get_block_t *get_block,
					     struct writeback_control *wbc))
HOST_NO_PAGE_CACHE(int write_cache_pages(struct address_space *mapping,
					 struct writeback_control *wbc, writepage_t writepage,
					 void *data))
HOST_NO_PAGE_CACHE(int ext4_bio_write_page(struct ext4_io_submit *io, struct page *page, int len,
					   bool keep_towrite))
HOST_NO_PAGE_CACHE(void ext4_io_submit(struct ext4_io_submit *io))
HOST_NO_PAGE_CACHE(void ext4_io_submit_init(struct ext4_io_submit *io,
					    struct writeback_control *wbc))
HOST_NO_PAGE_CACHE(int __block_write_begin(struct page *page, loff_t pos, unsigned len,
					   get_block_t *get_block))
HOST_NO_PAGE_CACHE(int block_write_end(struct file *file, struct address_space *mapping,
				       loff_t pos, unsigned len, unsigned copied,
				       struct page *page, void *fsdata))
HOST_NO_PAGE_CACHE(bool try_to_free_buffers(struct folio *folio))
HOST_NO_PAGE_CACHE(int block_page_mkwrite(struct vm_area_struct *vma, struct vm_fault *vmf,
					  get_block_t get_block))
HOST_NO_PAGE_CACHE(int file_update_time(struct file *file))
HOST_NO_PAGE_CACHE(void truncate_inode_pages(struct address_space *mapping, loff_t lstart))
HOST_NO_PAGE_CACHE(int ext4_punch_hole(struct file *file, loff_t offset, loff_t length))
HOST_NO_PAGE_CACHE(int file_remove_privs(struct file *file))
HOST_NO_PAGE_CACHE(bool block_dirty_folio(struct address_space *mapping, struct folio *folio))
HOST_NO_PAGE_CACHE(void block_invalidate_folio(struct folio *folio, size_t offset,
					       size_t length))
HOST_NO_PAGE_CACHE(bool block_is_partially_uptodate(struct folio *folio, size_t from,
						    size_t count))

/*
 * Truncate's zeroing of the last block's tail, with no page cache: straight in the
 * block's buffer, which is what reaches the disk here.
 */
int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	unsigned int bs = inode->i_sb->s_blocksize, offset = from & (bs - 1);
	struct buffer_head map = { .b_size = bs }, *bh;
	int err = get_block(inode, from >> inode->i_blkbits, &map, 0);

	if (err || !buffer_mapped(&map))
		return err;
	bh = sb_bread(inode->i_sb, map.b_blocknr);
	if (!bh)
		return -EIO;
	memset(bh->b_data + offset, 0, bs - offset);
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

void umount_img(struct super_block *sb)
{
	struct block_device *bdev = sb->s_bdev;

	dput(sb->s_root);
	ext4_put_super(sb);
	/* After put_super: the journal holds its inode until then. */
	EXPECT_EQ(host_ext4_inodes, 0);
	EXPECT_EQ(bdev_image_sync(bdev), 0);
	EXPECT_EQ(bdev_image_busy(bdev), 0);
	bdev_image_close(bdev);
	free(sb);
}
