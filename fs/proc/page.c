/*
 * /proc/kpagecount and /proc/kpageflags (Linux's fs/proc/page.c): a 64-bit entry per
 * physical page frame, indexed by pfn, with its mapcount and its KPF_* flags, for
 * tools/vm/page-types. Reads are in whole entries at entry offsets, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/page-flags.h>
#include <linux/uio.h>
#include <linux/proc_fs.h>
#include "internal.h"

#define KPMSIZE		sizeof(u64)
#define KPMMASK		(KPMSIZE - 1)
#define KPMBUFSIZE	(PAGE_SIZE / KPMSIZE)

/* Linux's include/uapi/linux/kernel-page-flags.h bit numbers. */
#define KPF_LOCKED		0
#define KPF_ERROR		1
#define KPF_REFERENCED		2
#define KPF_UPTODATE		3
#define KPF_DIRTY		4
#define KPF_LRU			5
#define KPF_ACTIVE		6
#define KPF_SLAB		7
#define KPF_WRITEBACK		8
#define KPF_RECLAIM		9
#define KPF_BUDDY		10
#define KPF_MMAP		11
#define KPF_ANON		12
#define KPF_SWAPBACKED		14
#define KPF_COMPOUND_HEAD	15
#define KPF_COMPOUND_TAIL	16
#define KPF_UNEVICTABLE		18
#define KPF_NOPAGE		20
#define KPF_OFFLINE		23
#define KPF_ZERO_PAGE		24
#define KPF_PGTABLE		26
#define KPF_RESERVED		32
#define KPF_MLOCKED		33
#define KPF_MAPPEDTODISK	34
#define KPF_PRIVATE		35
#define KPF_PRIVATE_2		36
#define KPF_OWNER_PRIVATE	37
#define KPF_ARCH		38

/* The struct page of pfn, or NULL for a frame without one. */
static struct page *kpage(unsigned long pfn)
{
	return pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

/*
 * The user mappings of a page: _mapcount + 1, 0 for slab and typed pages (buddy,
 * table...), whose word holds something else.
 */
static u64 kpage_mapcount(const struct page *page)
{
	int mapcount;

	if (!page || PageSlab(page) || (page->page_type & PAGE_TYPE_BASE) == PAGE_TYPE_BASE)
		return 0;
	mapcount = __atomic_load_n(&page->_mapcount, __ATOMIC_RELAXED) + 1;
	return mapcount > 0 ? (u64)mapcount : 0;
}

static u64 kpf_copy_bit(u64 kflags, int ubit, int kbit)
{
	return ((kflags >> kbit) & 1) << ubit;
}

static u64 stable_page_flags(struct page *page)
{
	u64 k, u = 0;

	if (!page)
		return 1ULL << KPF_NOPAGE;
	k = page->flags;
	if (kpage_mapcount(page))
		u |= 1ULL << KPF_MMAP;
	if ((unsigned long)page->mapping & 1)	/* PAGE_MAPPING_ANON */
		u |= 1ULL << KPF_ANON;
	if (PageHead(page))
		u |= 1ULL << KPF_COMPOUND_HEAD;
	if (PageTail(page))
		u |= 1ULL << KPF_COMPOUND_TAIL;
	if (page_to_pfn(page) == zero_pfn)
		u |= 1ULL << KPF_ZERO_PAGE;
	/* Every page of a free block, as Linux: the head is PageBuddy, the rest count 0. */
	if (PageBuddy(page) || (!page_ref_count(page) && is_free_buddy_page(page)))
		u |= 1ULL << KPF_BUDDY;
	if (PageType(page, PG_offline))
		u |= 1ULL << KPF_OFFLINE;
	if (PageType(page, PG_table))
		u |= 1ULL << KPF_PGTABLE;
	u |= kpf_copy_bit(k, KPF_LOCKED, PG_locked);
	u |= kpf_copy_bit(k, KPF_SLAB, PG_slab);
	if (PageTail(page) && PageSlab(compound_head(page)))
		u |= 1ULL << KPF_SLAB;
	u |= kpf_copy_bit(k, KPF_ERROR, PG_error);
	u |= kpf_copy_bit(k, KPF_DIRTY, PG_dirty);
	u |= kpf_copy_bit(k, KPF_UPTODATE, PG_uptodate);
	u |= kpf_copy_bit(k, KPF_WRITEBACK, PG_writeback);
	u |= kpf_copy_bit(k, KPF_LRU, PG_lru);
	u |= kpf_copy_bit(k, KPF_REFERENCED, PG_referenced);
	u |= kpf_copy_bit(k, KPF_ACTIVE, PG_active);
	u |= kpf_copy_bit(k, KPF_RECLAIM, PG_reclaim);
	u |= kpf_copy_bit(k, KPF_SWAPBACKED, PG_swapbacked);
	u |= kpf_copy_bit(k, KPF_UNEVICTABLE, PG_unevictable);
	u |= kpf_copy_bit(k, KPF_MLOCKED, PG_mlocked);
	u |= kpf_copy_bit(k, KPF_RESERVED, PG_reserved);
	u |= kpf_copy_bit(k, KPF_MAPPEDTODISK, PG_mappedtodisk);
	u |= kpf_copy_bit(k, KPF_PRIVATE, PG_private);
	u |= kpf_copy_bit(k, KPF_PRIVATE_2, PG_private_2);
	u |= kpf_copy_bit(k, KPF_OWNER_PRIVATE, PG_owner_priv_1);
	u |= kpf_copy_bit(k, KPF_ARCH, PG_arch_1);
	return u;
}

/* Entries of pfns from pos / 8, each from entry(page), up to max_pfn. */
static ssize_t kpage_read(struct kiocb *iocb, struct iov_iter *to,
			  u64 (*entry)(struct page *page))
{
	size_t count = iov_iter_count(to);
	unsigned long pfn = (unsigned long)iocb->ki_pos / KPMSIZE;
	u64 buf[64];
	ssize_t done = 0;

	if (iocb->ki_pos & KPMMASK || count & KPMMASK)
		return -EINVAL;
	while (count && pfn < max_pfn) {
		size_t n = min3(count / KPMSIZE, ARRAY_SIZE(buf), (size_t)(max_pfn - pfn));
		size_t copied;

		for (size_t i = 0; i < n; i++)
			buf[i] = entry(kpage(pfn + i));
		copied = copy_to_iter(buf, n * KPMSIZE, to);
		done += (ssize_t)copied;
		if (copied < n * KPMSIZE)
			break;
		pfn += n;
		count -= copied;
	}
	if (!done && count)
		return pfn < max_pfn ? -EFAULT : 0;
	iocb->ki_pos += done;
	return done;
}

static u64 kpagecount_entry(struct page *page)
{
	return kpage_mapcount(page);
}

static ssize_t kpagecount_read(struct kiocb *iocb, struct iov_iter *to)
{
	return kpage_read(iocb, to, kpagecount_entry);
}

static ssize_t kpageflags_read(struct kiocb *iocb, struct iov_iter *to)
{
	return kpage_read(iocb, to, stable_page_flags);
}

static const struct proc_ops kpagecount_proc_ops = {
	.proc_lseek	= generic_file_llseek,
	.proc_read_iter	= kpagecount_read,
};

static const struct proc_ops kpageflags_proc_ops = {
	.proc_lseek	= generic_file_llseek,
	.proc_read_iter	= kpageflags_read,
};

static int __init proc_page_init(void)
{
	proc_create("kpagecount", 0400, NULL, &kpagecount_proc_ops);
	proc_create("kpageflags", 0400, NULL, &kpageflags_proc_ops);
	return 0;
}
late_initcall(proc_page_init);
