/*
 * Pageblock flags: NR_PAGEBLOCK_BITS bits per pageblock (2^pageblock_order pages) in the
 * zone's pageblock_flags bitmap, holding the block's migratetype (which free list its
 * pages go back to) and the compaction skip bit, as Linux 6.1.
 */
#ifndef _LINUX_PAGEBLOCK_FLAGS_H
#define _LINUX_PAGEBLOCK_FLAGS_H

/* Bit indices within one pageblock's group of bits. */
enum pageblock_bits {
	PB_migrate,
	PB_migrate_end = PB_migrate + 3 - 1,	/* 3 bits: the migratetype */
	PB_migrate_skip,			/* compaction: skip this block */
	NR_PAGEBLOCK_BITS
};

/* No huge pages yet: a pageblock is a MAX_ORDER - 1 block, 4 MiB ("Page block order: 10"). */
#define pageblock_order		10
#define pageblock_nr_pages	(1UL << pageblock_order)
#define pageblock_align(pfn)	ALIGN((pfn), pageblock_nr_pages)
#define pageblock_aligned(pfn)	IS_ALIGNED((pfn), pageblock_nr_pages)
#define pageblock_start_pfn(pfn) ALIGN_DOWN((pfn), pageblock_nr_pages)
#define pageblock_end_pfn(pfn)	ALIGN((pfn) + 1, pageblock_nr_pages)

#define MIGRATETYPE_MASK	((1UL << (PB_migrate_end + 1)) - 1)

struct page;

unsigned long get_pfnblock_flags_mask(const struct page *page, unsigned long pfn,
				      unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long mask);

#endif
