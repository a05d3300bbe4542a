/*
 * vm.drop_caches (Linux's fs/drop_caches.c): 1 drops clean page cache, 2 the unused
 * dentries and inodes (what Linux's slab shrinkers free), 3 both. The page cache here
 * is ramfs's, which like Linux's ramfs cannot be dropped, so 1 frees nothing yet.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/sched.h>
#include <linux/sysctl.h>
#include <linux/fs.h>

int sysctl_drop_caches;

int drop_caches_sysctl_handler(struct ctl_table *table, int write, void *buffer,
			       size_t *lenp, loff_t *ppos)
{
	static bool stfu;
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (ret || !write)
		return ret;
	if (sysctl_drop_caches & 2)
		prune_dcache((unsigned long)nr_unused_dentries());
	if (!stfu)
		pr_info("%s (%d): drop_caches: %d\n", current->comm, current->pid,
			sysctl_drop_caches);
	stfu |= sysctl_drop_caches & 4;
	return 0;
}
