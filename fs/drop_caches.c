/*
 * vm.drop_caches (Linux's fs/drop_caches.c): 1 drops the clean, unmapped page cache of
 * every file system (invalidate_mapping_pages; dirty, mapped and locked pages stay),
 * 2 the unused dentries and inodes (what Linux's slab shrinkers free), 3 both.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/sched.h>
#include <linux/sysctl.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include "internal.h"

int sysctl_drop_caches;

static void drop_pagecache_inode(struct inode *inode, void *unused)
{
	invalidate_mapping_pages(inode->i_mapping, 0, ULONG_MAX);
}

static void drop_pagecache_sb(struct super_block *sb, void *unused)
{
	iterate_sb_inodes(sb, drop_pagecache_inode, NULL);
}

static void prune_icache_one_sb(struct super_block *sb, void *unused)
{
	prune_icache_sb(sb, 0);
}

int drop_caches_sysctl_handler(struct ctl_table *table, int write, void *buffer,
			       size_t *lenp, loff_t *ppos)
{
	static bool stfu;
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (ret || !write)
		return ret;
	if (sysctl_drop_caches & 1) {
		/*
		 * A folio in a cpu's LRU-add batch holds the batch's reference, which makes
		 * it look in use. Linux 6.1 leaves up to a batch per cpu behind; we empty the
		 * batches first (as its invalidate_bdev does) so every clean page goes.
		 */
		lru_add_drain_all();
		iterate_supers(drop_pagecache_sb, NULL);
	}
	if (sysctl_drop_caches & 2) {
		prune_dcache(0);	/* parents freed by their children's pruning too */
		/* The dentries held the inodes: now unused, they can go. */
		iterate_supers(prune_icache_one_sb, NULL);
	}
	if (!stfu)
		pr_info("%s (%d): drop_caches: %d\n", current->comm, current->pid,
			sysctl_drop_caches);
	stfu |= sysctl_drop_caches & 4;
	return 0;
}
