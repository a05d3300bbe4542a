/*
 * DOS (MBR) partition tables (Linux's block/partitions/msdos.c, the DOS part): four
 * primary entries at byte 446 of sector 0, and logical partitions (5, 6, ...) in the
 * chain of extended boot records an extended entry points to. Starts and sizes count
 * logical blocks.
 */
#include "check.h"

#define MSDOS_LABEL_MAGIC	0xaa55
#define MBR_PART_OFFSET		0x1be
#define DOS_EXTENDED_PARTITION	5
#define LINUX_EXTENDED_PARTITION 0x85
#define WIN98_EXTENDED_PARTITION 0x0f
#define EFI_PMBR_OSTYPE_EFI_GPT	0xee

/* One 16-byte entry, as on disk. */
struct msdos_partition {
	u8 boot_ind;		/* 0x80 - active */
	u8 head;
	u8 sector;
	u8 cyl;
	u8 sys_ind;		/* partition type */
	u8 end_head;
	u8 end_sector;
	u8 end_cyl;
	u8 start_sect[4];	/* little-endian, unaligned */
	u8 nr_sects[4];
};

static bool msdos_magic_present(const unsigned char *p)
{
	return p[0] == (MSDOS_LABEL_MAGIC & 0xff) && p[1] == (MSDOS_LABEL_MAGIC >> 8);
}

static bool is_extended_partition(const struct msdos_partition *p)
{
	return p->sys_ind == DOS_EXTENDED_PARTITION || p->sys_ind == WIN98_EXTENDED_PARTITION ||
	       p->sys_ind == LINUX_EXTENDED_PARTITION;
}

static sector_t start_sect(const struct msdos_partition *p)
{
	return get_unaligned_le32(p->start_sect);
}

static sector_t nr_sects(const struct msdos_partition *p)
{
	return get_unaligned_le32(p->nr_sects);
}

/*
 * Logical partitions of the extended partition at first_sector: each extended boot record
 * holds a data partition (relative to itself) and the link to the next record (relative
 * to the extended partition). At most 100 links without a partition: a loop.
 */
static void parse_extended(struct parsed_partitions *state, sector_t first_sector,
			   sector_t first_size, sector_t sector_size)
{
	sector_t this_sector = first_sector, this_size = first_size;
	struct msdos_partition *p;
	int loopct = 0, i;

	while (++loopct <= 100 && state->next < state->limit) {
		unsigned char *data = read_part_sector(state, this_sector);

		if (!data || !msdos_magic_present(data + 510))
			return;
		p = (struct msdos_partition *)(data + MBR_PART_OFFSET);
		for (i = 0; i < 4; i++, p++) {
			sector_t offs = start_sect(p) * sector_size, size = nr_sects(p) * sector_size;
			sector_t next = this_sector + offs;

			if (!size || is_extended_partition(p))
				continue;
			/* The 3rd and 4th entries sometimes hold garbage: they must fit. */
			if (i >= 2 && (offs + size > this_size || next < first_sector ||
				       next + size > first_sector + first_size))
				continue;
			put_partition(state, state->next, next, size);
			loopct = 0;
			if (++state->next == state->limit)
				return;
		}
		p -= 4;
		for (i = 0; i < 4 && !(nr_sects(p) && is_extended_partition(p)); i++, p++)
			;
		if (i == 4)
			return;
		this_sector = first_sector + start_sect(p) * sector_size;
		this_size = nr_sects(p) * sector_size;
	}
}

/* 0 for a sector 0 that is no DOS table: no magic, a bad boot flag, or a GPT's guard. */
static bool msdos_table_valid(const unsigned char *data)
{
	const struct msdos_partition *p = (const void *)(data + MBR_PART_OFFSET);

	if (!msdos_magic_present(data + 510))
		return false;
	for (int slot = 1; slot <= 4; slot++, p++)
		if ((p->boot_ind != 0 && p->boot_ind != 0x80) ||
		    p->sys_ind == EFI_PMBR_OSTYPE_EFI_GPT)
			return false;
	return true;
}

int msdos_partition(struct parsed_partitions *state)
{
	sector_t sector_size = bdev_logical_block_size(state->bdev) / 512;
	unsigned char *data = read_part_sector(state, 0);
	struct msdos_partition *p, entries[4];

	if (!data)
		return -1;
	if (!msdos_table_valid(data))
		return 0;
	/* parse_extended reads other sectors through the same buffer. */
	memcpy(entries, data + MBR_PART_OFFSET, sizeof(entries));
	state->next = 5;
	for (int slot = 1; slot <= 4; slot++) {
		sector_t start, size;

		p = &entries[slot - 1];
		start = start_sect(p) * sector_size;
		size = nr_sects(p) * sector_size;
		if (!size)
			continue;
		if (!is_extended_partition(p)) {
			put_partition(state, slot, start, size);
			continue;
		}
		/* The extended entry itself: room for a boot loader, not for a file system. */
		put_partition(state, slot, start, min(size, max(sector_size, (sector_t)2)));
		snprintf(state->pp_buf + strlen(state->pp_buf),
			 sizeof(state->pp_buf) - strlen(state->pp_buf), " <");
		parse_extended(state, start, size, sector_size);
		snprintf(state->pp_buf + strlen(state->pp_buf),
			 sizeof(state->pp_buf) - strlen(state->pp_buf), " >");
	}
	return 1;
}
