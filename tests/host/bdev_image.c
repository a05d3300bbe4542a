/*
 * Host tests of disk file systems (ext4, jbd2): a block_device over an image file and the
 * buffer_head calls of Linux 6.1 on top of it, each block cached once per device while
 * the test runs. bdev_image_open/close/sync are the test's handles; the rest is Linux's API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/buffer_head.h>
#include "bdev_image.h"

#define BH_HASH	1024

struct image_bdev {
	struct block_device bdev;
	FILE *file;
	int fd;				/* file's */
	bool fail_writes;		/* every write fails with -EIO */
	long reads, writes;		/* blocks moved, for the tests */
	struct list_head hash[BH_HASH];	/* every buffer_head of the device, by block */
};

/* A buffer_head and its data, on its device's hash list. */
struct host_bh {
	struct buffer_head bh;
	struct list_head hash;
};

static struct image_bdev *I(struct block_device *bdev)
{
	return container_of(bdev, struct image_bdev, bdev);
}

struct block_device *bdev_image_open(const char *path)
{
	struct image_bdev *ib = calloc(1, sizeof(*ib));
	off_t size;

	if (!ib)
		return NULL;
	ib->file = fopen(path, "r+b");
	if (!ib->file) {
		free(ib);
		return NULL;
	}
	ib->fd = fileno(ib->file);
	size = lseek(ib->fd, 0, SEEK_END);
	ib->bdev.bd_nr_sectors = size >> 9;
	ib->bdev.bd_dev = MKDEV(254, 0);
	for (int i = 0; i < BH_HASH; i++)
		INIT_LIST_HEAD(&ib->hash[i]);
	return &ib->bdev;
}

static int write_block(struct image_bdev *ib, struct buffer_head *bh)
{
	off_t off = (off_t)bh->b_blocknr * bh->b_size;

	if (ib->fail_writes ||
	    pwrite(ib->fd, bh->b_data, bh->b_size, off) != (ssize_t)bh->b_size) {
		set_buffer_write_io_error(bh);
		return -EIO;
	}
	ib->writes++;
	clear_buffer_dirty(bh);
	return 0;
}

int bdev_image_sync(struct block_device *bdev)
{
	struct image_bdev *ib = I(bdev);
	struct host_bh *h;
	int err = 0;

	for (int i = 0; i < BH_HASH; i++)
		list_for_each_entry(h, &ib->hash[i], hash)
			if (buffer_dirty(&h->bh) && write_block(ib, &h->bh))
				err = -EIO;
	return err;
}

/* Buffers still referenced: a leak when the file system is gone. */
long bdev_image_busy(struct block_device *bdev)
{
	struct image_bdev *ib = I(bdev);
	struct host_bh *h;
	long n = 0;

	for (int i = 0; i < BH_HASH; i++)
		list_for_each_entry(h, &ib->hash[i], hash)
			n += atomic_read(&h->bh.b_count) != 0;
	return n;
}

/* Drops every cached block (dirty ones are lost: sync first), as a reboot would. */
void bdev_image_drop(struct block_device *bdev)
{
	struct image_bdev *ib = I(bdev);
	struct host_bh *h, *n;

	for (int i = 0; i < BH_HASH; i++) {
		list_for_each_entry_safe(h, n, &ib->hash[i], hash) {
			list_del(&h->hash);
			free(h->bh.b_data);
			free(h);
		}
	}
}

void bdev_image_close(struct block_device *bdev)
{
	bdev_image_drop(bdev);
	fclose(I(bdev)->file);
	free(I(bdev));
}

void bdev_image_fail_writes(struct block_device *bdev, bool fail)
{
	I(bdev)->fail_writes = fail;
}

long bdev_image_writes(struct block_device *bdev)
{
	return I(bdev)->writes;
}

struct buffer_head *__find_get_block(struct block_device *bdev, sector_t block,
				     unsigned int size)
{
	struct image_bdev *ib = I(bdev);
	struct host_bh *h;

	list_for_each_entry(h, &ib->hash[block % BH_HASH], hash) {
		if (h->bh.b_blocknr == block && h->bh.b_size == size) {
			get_bh(&h->bh);
			return &h->bh;
		}
	}
	return NULL;
}

struct buffer_head *__getblk_gfp(struct block_device *bdev, sector_t block, unsigned int size,
				 gfp_t gfp)
{
	struct buffer_head *bh = __find_get_block(bdev, block, size);
	struct host_bh *h;

	if (bh)
		return bh;
	h = calloc(1, sizeof(*h));
	if (!h || posix_memalign((void **)&h->bh.b_data, 64, size)) {
		free(h);
		return NULL;
	}
	memset(h->bh.b_data, 0, size);
	h->bh.b_bdev = bdev;
	h->bh.b_blocknr = block;
	h->bh.b_size = size;
	atomic_set(&h->bh.b_count, 1);
	set_buffer_mapped(&h->bh);
	list_add(&h->hash, &I(bdev)->hash[block % BH_HASH]);
	return &h->bh;
}

int __bh_read(struct buffer_head *bh, blk_opf_t op_flags, bool wait)
{
	struct image_bdev *ib = I(bh->b_bdev);
	off_t off = (off_t)bh->b_blocknr * bh->b_size;
	int err = 0;

	if (!buffer_locked(bh)) {
		fprintf(stderr, "bdev_image: read of unlocked buffer %llu\n",
			(unsigned long long)bh->b_blocknr);
		abort();
	}
	if (pread(ib->fd, bh->b_data, bh->b_size, off) != (ssize_t)bh->b_size)
		err = -EIO;
	else
		set_buffer_uptodate(bh);
	ib->reads++;
	unlock_buffer(bh);
	return err;
}

int bh_uptodate_or_lock(struct buffer_head *bh)
{
	if (buffer_uptodate(bh))
		return 1;
	lock_buffer(bh);
	if (buffer_uptodate(bh)) {
		unlock_buffer(bh);
		return 1;
	}
	return 0;
}

struct buffer_head *__bread_gfp(struct block_device *bdev, sector_t block, unsigned int size,
				gfp_t gfp)
{
	struct buffer_head *bh = __getblk_gfp(bdev, block, size, gfp);

	if (!bh)
		return NULL;
	if ((block + 1) * size > bdev->bd_nr_sectors << 9 || bh_read(bh, 0) < 0) {
		brelse(bh);
		return NULL;
	}
	return bh;
}

void __brelse(struct buffer_head *bh)
{
	if (atomic_read(&bh->b_count) <= 0) {
		fprintf(stderr, "bdev_image: brelse of free buffer %llu\n",
			(unsigned long long)bh->b_blocknr);
		abort();
	}
	atomic_dec(&bh->b_count);
}

void __bforget(struct buffer_head *bh)
{
	clear_buffer_dirty(bh);
	__brelse(bh);
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	set_buffer_dirty(bh);
}

/* Single-threaded tests: a buffer is never locked by someone else. */
void __lock_buffer(struct buffer_head *bh)
{
	if (buffer_locked(bh)) {
		fprintf(stderr, "bdev_image: buffer %llu locked twice\n",
			(unsigned long long)bh->b_blocknr);
		abort();
	}
	set_buffer_locked(bh);
}

/* Nothing is ever in flight: a buffer waited on is unlocked, or the test has a bug. */
void __wait_on_buffer(struct buffer_head *bh)
{
	if (buffer_locked(bh)) {
		fprintf(stderr, "bdev_image: waiting on locked buffer %llu\n",
			(unsigned long long)bh->b_blocknr);
		abort();
	}
}

void unlock_buffer(struct buffer_head *bh)
{
	clear_buffer_locked(bh);
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	if (!buffer_dirty(bh))
		return 0;
	return write_block(I(bh->b_bdev), bh);
}

/* A block freed and handed out again as data: its metadata buffer must not be written. */
void clean_bdev_aliases(struct block_device *bdev, sector_t block, sector_t len)
{
	struct image_bdev *ib = I(bdev);
	struct host_bh *h;

	for (sector_t b = block; b < block + len; b++)
		list_for_each_entry(h, &ib->hash[b % BH_HASH], hash)
			if (h->bh.b_blocknr == b)
				clear_buffer_dirty(&h->bh);
}

/* Each buffer reaches the image as it is submitted: a plug never holds a request. */
void blk_start_plug(struct blk_plug *plug)
{
}

void blk_finish_plug(struct blk_plug *plug)
{
}
