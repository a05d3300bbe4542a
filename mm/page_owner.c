/*
 * page_owner (Linux 6.1's mm/page_owner.c): with page_owner=on, each page's page_ext
 * entry records its last allocation (order, gfp mask, the allocating task, time, and a
 * stack trace kept in the stack depot) and its last free (time and stack), and
 * /sys/kernel/debug/page_owner prints a record for every allocated block in Linux's text,
 * which tools/vm/page_owner_sort reads.
 *
 * The records are written without a lock, as Linux's: a reader may see one half-updated
 * by a concurrent allocation or free and prints it as found.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/memblock.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/bitmap.h>
#include <linux/stacktrace.h>
#include <linux/stackdepot.h>
#include <linux/page_ext.h>
#include <linux/page_owner.h>
#include <linux/pageblock-flags.h>
#include <linux/debugfs.h>
#include <linux/uio.h>
#include <linux/time.h>
#include "internal.h"

#define PAGE_OWNER_STACK_DEPTH	16

struct page_owner {
	unsigned short order;
	short last_migrate_reason;	/* -1: never migrated (there is no migration here) */
	gfp_t gfp_mask;
	depot_stack_handle_t handle;
	depot_stack_handle_t free_handle;
	u64 ts_nsec;
	u64 free_ts_nsec;
	char comm[TASK_COMM_LEN];
	pid_t pid;
	pid_t tgid;
};

static bool page_owner_enabled __initdata;
bool page_owner_inited;

static depot_stack_handle_t dummy_handle;	/* a page_owner allocation inside another */
static depot_stack_handle_t failure_handle;	/* the depot had no room */
static depot_stack_handle_t early_handle;	/* allocated before page_owner was up */

static int __init early_page_owner_param(char *buf)
{
	return kstrtobool(buf, &page_owner_enabled);
}
early_param("page_owner", early_page_owner_param);

static bool __init need_page_owner(void)
{
	return page_owner_enabled;
}

static inline struct page_owner *get_page_owner(struct page_ext *page_ext)
{
	return (void *)page_ext + page_owner_ops.offset;
}

/* The caller's caller's stack, in the depot; the recursion through its own allocation
 * (current->in_page_owner) and a full depot get the dummy and failure handles. */
static noinline depot_stack_handle_t save_stack(gfp_t flags)
{
	unsigned long entries[PAGE_OWNER_STACK_DEPTH];
	depot_stack_handle_t handle;
	unsigned int nr_entries;

	if (current->in_page_owner)
		return dummy_handle;
	current->in_page_owner = 1;
	nr_entries = stack_trace_save(entries, ARRAY_SIZE(entries), 2);
	handle = stack_depot_save(entries, nr_entries, flags);
	if (!handle)
		handle = failure_handle;
	current->in_page_owner = 0;
	return handle;
}

void __reset_page_owner(struct page *page, unsigned short order)
{
	struct page_ext *page_ext = lookup_page_ext(page);
	depot_stack_handle_t handle;
	u64 free_ts_nsec = local_clock();

	if (unlikely(!page_ext))
		return;
	handle = save_stack(GFP_NOWAIT | __GFP_NOWARN);
	for (unsigned int i = 0; i < (1U << order); i++) {
		struct page_owner *page_owner = get_page_owner(page_ext);

		clear_bit(PAGE_EXT_OWNER_ALLOCATED, &page_ext->flags);
		page_owner->free_handle = handle;
		page_owner->free_ts_nsec = free_ts_nsec;
		page_ext = page_ext_next(page_ext);
	}
}

static void __set_page_owner_handle(struct page_ext *page_ext, depot_stack_handle_t handle,
				    unsigned short order, gfp_t gfp_mask)
{
	for (unsigned int i = 0; i < (1U << order); i++) {
		struct page_owner *page_owner = get_page_owner(page_ext);

		page_owner->handle = handle;
		page_owner->order = order;
		page_owner->gfp_mask = gfp_mask;
		page_owner->last_migrate_reason = -1;
		page_owner->pid = current->pid;
		page_owner->tgid = current->tgid;
		page_owner->ts_nsec = local_clock();
		strscpy(page_owner->comm, current->comm, sizeof(page_owner->comm));
		set_bit(PAGE_EXT_OWNER, &page_ext->flags);
		set_bit(PAGE_EXT_OWNER_ALLOCATED, &page_ext->flags);
		page_ext = page_ext_next(page_ext);
	}
}

noinline void __set_page_owner(struct page *page, unsigned short order, gfp_t gfp_mask)
{
	struct page_ext *page_ext = lookup_page_ext(page);

	if (unlikely(!page_ext))
		return;
	__set_page_owner_handle(page_ext, save_stack(gfp_mask), order, gfp_mask);
}

/* split_page: each page of the block is now an order-0 allocation of its own. */
void __split_page_owner(struct page *page, unsigned int nr)
{
	struct page_ext *page_ext = lookup_page_ext(page);

	for (unsigned int i = 0; page_ext && i < nr; i++) {
		get_page_owner(page_ext)->order = 0;
		page_ext = page_ext_next(page_ext);
	}
}

/* One record, as Linux's print_page_owner: its size, -ENOMEM if count is too small. */
static ssize_t print_page_owner(struct iov_iter *to, size_t count, unsigned long pfn,
				struct page *page, struct page_owner *page_owner,
				depot_stack_handle_t handle)
{
	int pageblock_mt = get_pageblock_migratetype(page);
	int page_mt = gfp_migratetype(page_owner->gfp_mask);
	char gfp_names[160] = "";	/* %pGg's text: nothing for an empty mask */
	char *kbuf;
	int ret;

	count = min_t(size_t, count, PAGE_SIZE);
	kbuf = kmalloc(count, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (page_owner->gfp_mask)
		format_gfp_flags(gfp_names, sizeof(gfp_names), page_owner->gfp_mask);
	ret = scnprintf(kbuf, count, "Page allocated via order %u, mask %#x(%s), pid %d, "
			"tgid %d (%s), ts %llu ns, free_ts %llu ns\n", page_owner->order,
			page_owner->gfp_mask, gfp_names, page_owner->pid, page_owner->tgid,
			page_owner->comm, (unsigned long long)page_owner->ts_nsec,
			(unsigned long long)page_owner->free_ts_nsec);
	ret += scnprintf(kbuf + ret, count - ret, "PFN %lu type %s Block %lu type %s Flags %pGp\n",
			 pfn, migratetype_names[page_mt], pfn >> pageblock_order,
			 migratetype_names[pageblock_mt], &page->flags);
	ret += stack_depot_snprint(handle, kbuf + ret, count - ret, 0);
	if ((size_t)ret >= count)
		goto err;
	ret += snprintf(kbuf + ret, count - ret, "\n");
	if ((size_t)ret >= count)
		goto err;
	if (copy_to_iter(kbuf, ret, to) != (size_t)ret)
		ret = -EFAULT;
	kfree(kbuf);
	return ret;
err:
	kfree(kbuf);
	return -ENOMEM;
}

/* The first allocated block's head at or after pfn (its record's copy in *owner), or 0. */
static unsigned long next_owned_pfn(unsigned long pfn, struct page_owner *owner,
				    depot_stack_handle_t *handle)
{
	for (; pfn < max_pfn; pfn++) {
		struct page_ext *page_ext;
		struct page *page;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (PageBuddy(page)) {
			unsigned long order = READ_ONCE(page->private);

			if (order < MAX_ORDER)
				pfn += (1UL << order) - 1;
			continue;
		}
		page_ext = lookup_page_ext(page);
		if (!page_ext || !test_bit(PAGE_EXT_OWNER, &page_ext->flags) ||
		    !test_bit(PAGE_EXT_OWNER_ALLOCATED, &page_ext->flags))
			continue;
		*owner = *get_page_owner(page_ext);
		/* Tail pages of a larger block would count it again. */
		if (!IS_ALIGNED(pfn, 1UL << owner->order))
			continue;
		*handle = READ_ONCE(get_page_owner(page_ext)->handle);
		if (*handle)
			return pfn;
	}
	return 0;
}

/* Each read gives one block's record; the file position is the next pfn to look at. */
static ssize_t read_page_owner(struct kiocb *iocb, struct iov_iter *to)
{
	unsigned long pfn = iocb->ki_pos ? (unsigned long)iocb->ki_pos : min_low_pfn;
	struct page_owner page_owner;
	depot_stack_handle_t handle;

	if (!READ_ONCE(page_owner_inited))
		return -EINVAL;
	pfn = next_owned_pfn(pfn, &page_owner, &handle);
	if (!pfn)
		return 0;
	iocb->ki_pos = (loff_t)pfn + 1;
	return print_page_owner(to, iov_iter_count(to), pfn, pfn_to_page(pfn), &page_owner,
				handle);
}

static loff_t lseek_page_owner(struct file *file, loff_t offset, int orig)
{
	if (orig != SEEK_SET || offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* zone's pages allocated before page_owner was up, as allocated early (order 0, no mask). */
static void __init init_pages_in_zone(pg_data_t *pgdat, struct zone *zone)
{
	unsigned long count = 0;

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page;
		struct page_ext *page_ext;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (PageBuddy(page) || PageReserved(page) || !page_count(page))
			continue;
		page_ext = lookup_page_ext(page);
		if (!page_ext || test_bit(PAGE_EXT_OWNER, &page_ext->flags))
			continue;
		__set_page_owner_handle(page_ext, early_handle, 0, 0);
		count++;
	}
	pr_info("Node %d, zone %8s: page owner found early allocated %lu pages\n",
		pgdat->node_id, zone->name, count);
}

static void __init init_early_allocated_pages(void)
{
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (struct zone *zone = pgdat->node_zones;
		     zone < pgdat->node_zones + MAX_NR_ZONES; zone++)
			if (populated_zone(zone))
				init_pages_in_zone(pgdat, zone);
	}
}

/* Each a stack of its own, so the dummy, failure and early records are told apart. */
static noinline void register_dummy_stack(void)
{
	dummy_handle = save_stack(GFP_KERNEL);
}

static noinline void register_failure_stack(void)
{
	failure_handle = save_stack(GFP_KERNEL);
}

static noinline void register_early_stack(void)
{
	early_handle = save_stack(GFP_KERNEL);
}

static void __init init_page_owner(void)
{
	if (stack_depot_init()) {
		pr_err("page_owner: no stack depot\n");
		return;
	}
	register_dummy_stack();
	register_failure_stack();
	register_early_stack();
	WRITE_ONCE(page_owner_inited, true);
	init_early_allocated_pages();
}

struct page_ext_operations page_owner_ops = {
	.size = sizeof(struct page_owner),
	.need = need_page_owner,
	.init = init_page_owner,
};

static const struct file_operations proc_page_owner_operations = {
	.read_iter	= read_page_owner,
	.llseek		= lseek_page_owner,
};

static int __init pageowner_init(void)
{
	struct dentry *dentry;

	if (!READ_ONCE(page_owner_inited)) {
		pr_info("page_owner is disabled\n");
		return 0;
	}
	dentry = debugfs_create_file("page_owner", 0400, NULL, NULL, &proc_page_owner_operations);
	return IS_ERR(dentry) ? (int)PTR_ERR(dentry) : 0;
}
late_initcall(pageowner_init);
