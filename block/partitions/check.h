/* What the partition table parsers share (Linux's block/partitions/check.h). */
#ifndef _BLOCK_PARTITIONS_CHECK_H
#define _BLOCK_PARTITIONS_CHECK_H

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/blkdev.h>

struct page;

/*
 * One scan of a disk: the partitions found (parts[1..limit), size 0 for none), the
 * " vda: vda1 vda2" line being built, and the page of the disk last read.
 */
struct parsed_partitions {
	struct block_device *bdev;
	char name[DISK_NAME_LEN];
	struct {
		sector_t from;
		sector_t size;
	} *parts;
	int limit;
	int next;			/* the next logical (extended) partition's number */
	char pp_buf[256];
	struct page *page;		/* holds the disk's bytes at page_index, if valid */
	loff_t page_index;
	bool page_valid;
};

/*
 * read_part_sector - the 512 bytes of sector n of the disk
 * Return: a pointer valid until the next call, or NULL past the end or on an I/O error.
 */
unsigned char *read_part_sector(struct parsed_partitions *state, sector_t n);

static inline void put_partition(struct parsed_partitions *p, int n, sector_t from,
				 sector_t size)
{
	size_t len = strlen(p->pp_buf);

	if (n >= p->limit)
		return;
	p->parts[n].from = from;
	p->parts[n].size = size;
	snprintf(p->pp_buf + len, sizeof(p->pp_buf) - len, " %s%d", p->name, n);
}

/* Each returns 1 when it found its table, 0 when the disk has none of its kind, -1 on error. */
int efi_partition(struct parsed_partitions *state);
int msdos_partition(struct parsed_partitions *state);

static inline u32 get_unaligned_le32(const void *p)
{
	const u8 *b = p;

	return b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

static inline u64 get_unaligned_le64(const void *p)
{
	return get_unaligned_le32(p) | (u64)get_unaligned_le32((const u8 *)p + 4) << 32;
}

#endif
