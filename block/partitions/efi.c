/*
 * GUID partition tables (Linux's block/partitions/efi.c): a protective MBR in sector 0,
 * the header at LBA 1 (or its backup at the last LBA) checked by its CRC32, its field
 * values and the CRC32 of the entry array it points to; each used entry is a partition.
 * LBAs count logical blocks.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/decompress/inflate.h>
#include "check.h"

#define GPT_HEADER_SIGNATURE	0x5452415020494645ULL	/* "EFI PART" */
#define GPT_PRIMARY_PARTITION_TABLE_LBA 1
#define EFI_PMBR_OSTYPE_EFI_GPT	0xee
#define GPT_ENTRY_SIZE		128
#define GPT_MAX_ENTRIES		1024

/* The header fields used, at their byte offsets (all little-endian). */
struct gpt_header {
	u64 signature;
	u32 revision;
	u32 header_size;
	u32 header_crc32;
	u32 reserved1;
	u64 my_lba;
	u64 alternate_lba;
	u64 first_usable_lba;
	u64 last_usable_lba;
	u8 disk_guid[16];
	u64 partition_entry_lba;
	u32 num_partition_entries;
	u32 sizeof_partition_entry;
	u32 partition_entry_array_crc32;
} __attribute__((packed));

struct gpt_entry {
	u8 partition_type_guid[16];
	u8 unique_partition_guid[16];
	u64 starting_lba;
	u64 ending_lba;
	u64 attributes;
	u16 partition_name[36];
} __attribute__((packed));

/* Linux's efi_crc32: the CRC-32 of zlib and of the UEFI specification. */
static u32 efi_crc32(const void *buf, size_t len)
{
	return crc32_le_gzip(0, buf, len);
}

static u64 last_lba(struct parsed_partitions *state)
{
	return bdev_nr_sectors(state->bdev) / (bdev_logical_block_size(state->bdev) / 512) - 1;
}

/* Copies count bytes from logical block lba on; the bytes read (short at the end). */
static size_t read_lba(struct parsed_partitions *state, u64 lba, u8 *buffer, size_t count)
{
	sector_t n = lba * (bdev_logical_block_size(state->bdev) / 512);
	size_t done = 0;

	if (lba > last_lba(state))
		return 0;
	while (done < count) {
		unsigned char *data = read_part_sector(state, n++);
		size_t copy = min_t(size_t, count - done, 512);

		if (!data)
			break;
		memcpy(buffer + done, data, copy);
		done += copy;
	}
	return done;
}

/* Whether sector 0 holds a protective (or hybrid) MBR: an entry of type 0xEE from LBA 1. */
static bool is_pmbr_valid(struct parsed_partitions *state)
{
	unsigned char *mbr = read_part_sector(state, 0);

	if (!mbr || mbr[510] != 0x55 || mbr[511] != 0xaa)
		return false;
	for (int i = 0; i < 4; i++) {
		const unsigned char *rec = mbr + 0x1be + 16 * i;

		if (rec[4] == EFI_PMBR_OSTYPE_EFI_GPT && get_unaligned_le32(rec + 8) == 1)
			return true;
	}
	return false;
}

static bool gpt_header_fields_valid(struct parsed_partitions *state, struct gpt_header *gpt,
				    u64 lba)
{
	u32 origcrc = gpt->header_crc32, crc;
	u64 lastlba = last_lba(state);

	if (gpt->signature != GPT_HEADER_SIGNATURE || gpt->header_size < sizeof(*gpt) ||
	    gpt->header_size > bdev_logical_block_size(state->bdev))
		return false;
	gpt->header_crc32 = 0;
	crc = efi_crc32(gpt, gpt->header_size);
	gpt->header_crc32 = origcrc;
	if (crc != origcrc) {
		pr_debug("GPT: header CRC is wrong: %x != %x\n", crc, origcrc);
		return false;
	}
	return gpt->my_lba == lba && gpt->first_usable_lba <= lastlba &&
	       gpt->last_usable_lba <= lastlba && gpt->first_usable_lba <= gpt->last_usable_lba &&
	       gpt->sizeof_partition_entry == GPT_ENTRY_SIZE &&
	       gpt->num_partition_entries <= GPT_MAX_ENTRIES;
}

/*
 * The header at lba and its entries (kmalloc'd in *ptes) if both check out. The header
 * block is read whole: its CRC covers header_size bytes, up to the block size.
 */
static bool is_gpt_valid(struct parsed_partitions *state, u64 lba, struct gpt_header *gpt,
			 struct gpt_entry **ptes)
{
	unsigned int lbs = bdev_logical_block_size(state->bdev);
	u8 *block = kmalloc(lbs, GFP_KERNEL);
	size_t size;

	*ptes = NULL;
	if (!block)
		return false;
	if (read_lba(state, lba, block, lbs) < lbs)
		goto fail;
	memcpy(gpt, block, sizeof(*gpt));
	if (!gpt_header_fields_valid(state, (struct gpt_header *)block, lba))
		goto fail;
	size = (size_t)gpt->num_partition_entries * GPT_ENTRY_SIZE;
	*ptes = kmalloc(size ? size : 1, GFP_KERNEL);
	if (!*ptes || read_lba(state, gpt->partition_entry_lba, (u8 *)*ptes, size) < size)
		goto fail;
	if (efi_crc32(*ptes, size) != gpt->partition_entry_array_crc32) {
		pr_debug("GPT: partition entry CRC is wrong\n");
		goto fail;
	}
	kfree(block);
	return true;
fail:
	kfree(*ptes);
	*ptes = NULL;
	kfree(block);
	return false;
}

static bool is_pte_valid(const struct gpt_entry *pte, u64 lastlba)
{
	static const u8 unused[16];

	return memcmp(pte->partition_type_guid, unused, sizeof(unused)) &&
	       pte->starting_lba <= lastlba && pte->ending_lba <= lastlba &&
	       pte->starting_lba <= pte->ending_lba;
}

int efi_partition(struct parsed_partitions *state)
{
	u64 ssz = bdev_logical_block_size(state->bdev) / 512, lastlba = last_lba(state);
	struct gpt_entry *ptes;
	struct gpt_header gpt;

	if (!is_pmbr_valid(state))
		return 0;
	if (!is_gpt_valid(state, GPT_PRIMARY_PARTITION_TABLE_LBA, &gpt, &ptes) &&
	    !is_gpt_valid(state, lastlba, &gpt, &ptes)) {
		pr_warn("%s: GPT: no valid header\n", state->name);
		return 0;
	}
	if (gpt.my_lba != GPT_PRIMARY_PARTITION_TABLE_LBA)
		pr_warn("Primary GPT is invalid, using alternate GPT.\n");
	for (u32 i = 0; i < gpt.num_partition_entries && i < (u32)state->limit - 1; i++) {
		if (!is_pte_valid(&ptes[i], lastlba))
			continue;
		put_partition(state, (int)i + 1, ptes[i].starting_lba * ssz,
			      (ptes[i].ending_lba - ptes[i].starting_lba + 1) * ssz);
	}
	kfree(ptes);
	snprintf(state->pp_buf + strlen(state->pp_buf),
		 sizeof(state->pp_buf) - strlen(state->pp_buf), "\n");
	return 1;
}
