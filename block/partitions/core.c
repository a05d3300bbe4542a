/*
 * Partition scanning (Linux's block/partitions/core.c): each parser in turn looks at the
 * disk through read_part_sector; the first that recognises a table fills the partitions,
 * which are then added as block devices (vda1, ...) with their /dev and /sys entries.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include "check.h"
#include "../blk.h"

/* GPT first: a GPT disk's protective MBR must not be read as a DOS table. */
static int (*const check_part[])(struct parsed_partitions *) = {
	efi_partition,
	msdos_partition,
};

unsigned char *read_part_sector(struct parsed_partitions *state, sector_t n)
{
	struct block_device *bdev = state->bdev;
	loff_t pos = (loff_t)n << SECTOR_SHIFT, index = pos & ~(loff_t)(PAGE_SIZE - 1);
	loff_t size = bdev_nr_bytes(bdev);

	if (n >= bdev_nr_sectors(bdev))
		return NULL;
	if (!state->page_valid || state->page_index != index) {
		unsigned int len = (unsigned int)min_t(loff_t, PAGE_SIZE, size - index);

		state->page_valid = false;
		if (bdev_page_io(bdev, REQ_OP_READ, index, state->page, 0, len))
			return NULL;
		state->page_valid = true;
		state->page_index = index;
	}
	return (unsigned char *)page_address(state->page) + (pos - index);
}

static struct parsed_partitions *allocate_partitions(struct gendisk *disk)
{
	struct parsed_partitions *state = kzalloc(sizeof(*state), GFP_KERNEL);

	if (!state)
		return NULL;
	state->parts = kcalloc((size_t)disk->minors, sizeof(state->parts[0]), GFP_KERNEL);
	state->page = alloc_page(GFP_KERNEL);
	if (!state->parts || !state->page) {
		if (state->page)
			__free_page(state->page);
		kfree(state->parts);
		kfree(state);
		return NULL;
	}
	state->limit = disk->minors;
	state->bdev = disk->part0;
	snprintf(state->name, sizeof(state->name), "%s", disk->disk_name);
	snprintf(state->pp_buf, sizeof(state->pp_buf), " %s:", disk->disk_name);
	return state;
}

static void free_partitions(struct parsed_partitions *state)
{
	__free_page(state->page);
	kfree(state->parts);
	kfree(state);
}

/* Adds partition p unless it lies outside the disk (Linux warns and skips it). */
static void blk_add_partition(struct gendisk *disk, struct parsed_partitions *state, int p)
{
	sector_t size = state->parts[p].size, from = state->parts[p].from;
	int err;

	if (!size)
		return;
	if (from >= get_capacity(disk)) {
		pr_warn("%s: p%d start %llu is beyond EOD, truncated\n", disk->disk_name, p,
			(unsigned long long)from);
		return;
	}
	if (from + size > get_capacity(disk)) {
		pr_warn("%s: p%d size %llu extends beyond EOD, truncated\n", disk->disk_name, p,
			(unsigned long long)size);
		size = get_capacity(disk) - from;
	}
	err = add_partition(disk, p, from, size);
	if (err)
		pr_err("%s: partition %d: cannot add: %d\n", disk->disk_name, p, err);
}

int blk_add_partitions(struct gendisk *disk)
{
	struct parsed_partitions *state = allocate_partitions(disk);
	int res = 0, err = 0;

	if (!state)
		return -ENOMEM;
	for (unsigned int i = 0; i < ARRAY_SIZE(check_part) && !res; i++) {
		memset(state->parts, 0, sizeof(state->parts[0]) * (size_t)state->limit);
		res = check_part[i](state);
		/* An I/O error is reported only if no other parser recognises the disk. */
		if (res < 0) {
			err = res;
			res = 0;
		}
	}
	if (res > 0) {
		pr_info("%s\n", state->pp_buf);
		for (int p = 1; p < state->limit; p++)
			blk_add_partition(disk, state, p);
	} else if (err) {
		pr_info("%s unable to read partition table\n", state->pp_buf);
	}
	free_partitions(state);
	return res > 0 || !err ? 0 : -EIO;
}
