/* tests/host/bdev_image.c: a block_device over an image file, for disk file system tests. */
#ifndef _HOST_BDEV_IMAGE_H
#define _HOST_BDEV_IMAGE_H

#include <linux/blk_types.h>

/* The image at path, read-write; NULL when it cannot be opened. */
struct block_device *bdev_image_open(const char *path);
/* Writes every dirty buffer; -EIO if one failed. */
int bdev_image_sync(struct block_device *bdev);
/* Forgets every cached buffer (sync first to keep changes). */
void bdev_image_drop(struct block_device *bdev);
void bdev_image_close(struct block_device *bdev);
/* Buffers with references held. */
long bdev_image_busy(struct block_device *bdev);
void bdev_image_fail_writes(struct block_device *bdev, bool fail);
long bdev_image_writes(struct block_device *bdev);

#endif
