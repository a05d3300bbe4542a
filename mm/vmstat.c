/*
 * Virtual-memory statistics: the counters' names and the /proc printers of the page
 * allocator's state, in Linux 6.1's exact text: buddyinfo (free blocks per order),
 * pagetypeinfo (per migratetype, and pageblocks per type), zoneinfo (watermarks, spans,
 * counters, pcp state). They write into a seq_file; mm/debug.c prints them at boot.
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/workqueue.h>
#include <linux/jiffies.h>
#include <linux/smp.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/proc_fs.h>
#include <linux/writeback.h>
#include "internal.h"

long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
long vm_node_stat[NR_VM_NODE_STAT_ITEMS];
long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];

static const char * const zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_free_cma",
};

static const char * const numa_stat_names[NR_VM_NUMA_EVENT_ITEMS] = {
	"numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local",
	"numa_other",
};

static const char * const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable",
	"nr_isolated_anon", "nr_isolated_file", "workingset_nodes",
	"workingset_refault_anon", "workingset_refault_file", "workingset_activate_anon",
	"workingset_activate_file", "workingset_restore_anon", "workingset_restore_file",
	"workingset_nodereclaim", "nr_anon_pages", "nr_mapped", "nr_file_pages",
	"nr_dirty", "nr_writeback", "nr_writeback_temp", "nr_shmem",
	"nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_file_hugepages",
	"nr_file_pmdmapped", "nr_anon_transparent_hugepages", "nr_vmscan_write",
	"nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written", "nr_throttled_written",
	"nr_kernel_misc_reclaimable", "nr_foll_pin_acquired", "nr_foll_pin_released",
	"nr_kernel_stack", "nr_page_table_pages", "nr_sec_page_table_pages",
	"nr_swapcached",
};

#define TEXT_FOR_ALL_ZONES(x) x "_dma", x "_dma32", x "_normal", x "_movable"

static const char * const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"pgpgin", "pgpgout", "pswpin", "pswpout",
	TEXT_FOR_ALL_ZONES("pgalloc"), TEXT_FOR_ALL_ZONES("allocstall"),
	TEXT_FOR_ALL_ZONES("pgskip"),
	"pgfree", "pgactivate", "pgdeactivate", "pglazyfree", "pgfault", "pgmajfault",
	"pglazyfreed", "pgrefill", "pgreuse", "pgsteal_kswapd", "pgsteal_direct",
	"pgdemote_kswapd", "pgdemote_direct", "pgscan_kswapd", "pgscan_direct",
	"pgscan_direct_throttle", "pgscan_anon", "pgscan_file", "pgsteal_anon",
	"pgsteal_file", "zone_reclaim_failed", "pginodesteal", "slabs_scanned",
	"kswapd_inodesteal", "kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly",
	"pageoutrun", "pgrotated", "drop_pagecache", "drop_slab", "oom_kill",
};

DEFINE_PER_CPU(struct vm_event_state, vm_event_states);

void all_vm_events(unsigned long *ret)
{
	int cpu;

	memset(ret, 0, NR_VM_EVENT_ITEMS * sizeof(*ret));
	for_each_online_cpu(cpu) {
		struct vm_event_state *this = per_cpu_ptr(&vm_event_states, cpu);

		for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
			ret[i] += __atomic_load_n(&this->event[i], __ATOMIC_RELAXED);
	}
}

const char *vm_event_name(enum vm_event_item item)
{
	return vm_event_names[item];
}

const char *zone_stat_name(enum zone_stat_item item)
{
	return zone_stat_names[item];
}

const char *numa_stat_name(enum numa_stat_item item)
{
	return numa_stat_names[item];
}

const char *node_stat_name(enum node_stat_item item)
{
	return node_stat_names[item];
}

/* ---- per-cpu diffs ---- */

/* Adds delta to a cpu's diff; returns what must go to the shared counter (0: nothing). */
static long mod_diff(s8 *diff, long delta, long threshold)
{
	long x = delta + *diff;

	if (x > threshold || x < -threshold) {
		*diff = 0;
		return x;
	}
	*diff = x;
	return 0;
}

void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	struct per_cpu_zonestat *pzstats = this_cpu_ptr(zone->per_cpu_zonestats);
	long x = mod_diff(&pzstats->vm_stat_diff[item], delta, pzstats->stat_threshold);

	if (x)
		zone_page_state_add(x, zone, item);
}

void __mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	struct per_cpu_nodestat *pcp = this_cpu_ptr(pgdat->per_cpu_nodestats);
	long x;

	/* The *_B items are given in bytes and kept in pages, as in Linux. */
	if (vmstat_item_in_bytes(item)) {
		VM_WARN_ON_ONCE(delta & (PAGE_SIZE - 1));
		delta >>= PAGE_SHIFT;
	}
	x = mod_diff(&pcp->vm_node_stat_diff[item], delta, pcp->stat_threshold);

	if (x)
		node_page_state_add(x, pgdat, item);
}

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	unsigned long flags;

	local_irq_save(flags);
	__mod_node_page_state(pgdat, item, delta);
	local_irq_restore(flags);
}

void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	unsigned long flags;

	local_irq_save(flags);
	__mod_zone_page_state(zone, item, delta);
	local_irq_restore(flags);
}

void fold_vm_numa_events(void)
{
	struct zone *zone;
	int cpu;

	for_each_populated_zone(zone)
		for_each_online_cpu(cpu) {
			struct per_cpu_zonestat *pzstats = per_cpu_ptr(zone->per_cpu_zonestats, cpu);

			for (int i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++) {
				unsigned long v = __atomic_exchange_n(&pzstats->vm_numa_event[i], 0,
								      __ATOMIC_RELAXED);

				__atomic_fetch_add(&zone->vm_numa_event[i], v, __ATOMIC_RELAXED);
				__atomic_fetch_add(&vm_numa_event[i], v, __ATOMIC_RELAXED);
			}
		}
}

/* Folds this cpu's diffs into the zones and nodes; true if there were any. Irqs off. */
static bool refresh_cpu_vm_stats(void)
{
	struct pglist_data *pgdat;
	struct zone *zone;
	bool changes = false;

	for_each_populated_zone(zone) {
		s8 *diff = this_cpu_ptr(zone->per_cpu_zonestats)->vm_stat_diff;

		for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
			if (diff[i]) {
				zone_page_state_add(diff[i], zone, i);
				diff[i] = 0;
				changes = true;
			}
	}
	for_each_online_pgdat(pgdat) {
		s8 *diff = this_cpu_ptr(pgdat->per_cpu_nodestats)->vm_node_stat_diff;

		for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			if (diff[i]) {
				node_page_state_add(diff[i], pgdat, i);
				diff[i] = 0;
				changes = true;
			}
	}
	return changes;
}

static void refresh_vm_stats(void *unused)
{
	refresh_cpu_vm_stats();
}

void vmstat_refresh(void)
{
	on_each_cpu(refresh_vm_stats, NULL, true);
	fold_vm_numa_events();
}

static bool any_diff(const s8 *diff, int n)
{
	for (int i = 0; i < n; i++)
		if (READ_ONCE(diff[i]))
			return true;
	return false;
}

/* Whether cpu has diffs to fold; read from the shepherd's cpu, so only a hint. */
static bool need_update(int cpu)
{
	struct pglist_data *pgdat;
	struct zone *zone;

	for_each_populated_zone(zone)
		if (any_diff(per_cpu_ptr(zone->per_cpu_zonestats, cpu)->vm_stat_diff,
			     NR_VM_ZONE_STAT_ITEMS))
			return true;
	for_each_online_pgdat(pgdat)
		if (any_diff(per_cpu_ptr(pgdat->per_cpu_nodestats, cpu)->vm_node_stat_diff,
			     NR_VM_NODE_STAT_ITEMS))
			return true;
	return false;
}

/* Each cpu's fold, queued on that cpu by the shepherd. */
static DEFINE_PER_CPU(struct work_struct, vmstat_work);

static void vmstat_update(struct work_struct *work)
{
	local_irq_disable();
	refresh_cpu_vm_stats();
	local_irq_enable();
}

/*
 * Every sysctl_stat_interval (a second, vm.stat_interval): a fold on every cpu with diffs,
 * so the counters are never more than that stale on a cpu that stopped updating them.
 */
static void vmstat_shepherd(struct work_struct *work);
static struct delayed_work shepherd;

/* vm.stat_interval: the shepherd's period, in jiffies (shown in seconds). */
int sysctl_stat_interval = HZ;

static void vmstat_shepherd(struct work_struct *work)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct work_struct *w = per_cpu_ptr(&vmstat_work, cpu);

		if (!work_pending(w) && need_update(cpu))
			queue_work_on(cpu, system_wq, w);
	}
	schedule_delayed_work(&shepherd, READ_ONCE(sysctl_stat_interval));
}

/* vm.stat_refresh: a write (or read) folds every cpu's diffs now; it shows nothing. */
int vmstat_refresh_sysctl_handler(struct ctl_table *table, int write, void *buffer,
				  size_t *lenp, loff_t *ppos)
{
	vmstat_refresh();
	if (!write)
		*lenp = 0;
	return 0;
}

/* ---- /proc/vmstat: one "name value" line per counter ---- */

#define NR_VMSTAT_ITEMS (NR_VM_ZONE_STAT_ITEMS + NR_VM_NUMA_EVENT_ITEMS + \
			 NR_VM_NODE_STAT_ITEMS + 2 + NR_VM_EVENT_ITEMS)

/*
 * The counters in Linux's order: zone, NUMA events, node, the two dirty thresholds, then
 * the events (pgfault, pgalloc_*, ...: Linux's CONFIG_VM_EVENT_COUNTERS).
 */
static void *vmstat_start(struct seq_file *m, loff_t *pos)
{
	unsigned long *v;
	int i;

	if (*pos >= NR_VMSTAT_ITEMS)
		return NULL;
	v = kmalloc_array(NR_VMSTAT_ITEMS, sizeof(*v), GFP_KERNEL);
	m->private = v;
	if (!v)
		return ERR_PTR(-ENOMEM);
	fold_vm_numa_events();
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		v[i] = global_zone_page_state(i);
	v += NR_VM_ZONE_STAT_ITEMS;
	for (i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		v[i] = __atomic_load_n(&vm_numa_event[i], __ATOMIC_RELAXED);
	v += NR_VM_NUMA_EVENT_ITEMS;
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		v[i] = global_node_page_state(i);
	v += NR_VM_NODE_STAT_ITEMS;
	global_dirty_limits(v + 1, v);
	all_vm_events(v + 2);
	return (unsigned long *)m->private + *pos;
}

static void *vmstat_next(struct seq_file *m, void *arg, loff_t *pos)
{
	(*pos)++;
	if (*pos >= NR_VMSTAT_ITEMS)
		return NULL;
	return (unsigned long *)m->private + *pos;
}

static const char *vmstat_text(long off)
{
	if (off < NR_VM_ZONE_STAT_ITEMS)
		return zone_stat_name(off);
	off -= NR_VM_ZONE_STAT_ITEMS;
	if (off < NR_VM_NUMA_EVENT_ITEMS)
		return numa_stat_name(off);
	off -= NR_VM_NUMA_EVENT_ITEMS;
	if (off < NR_VM_NODE_STAT_ITEMS)
		return node_stat_name(off);
	off -= NR_VM_NODE_STAT_ITEMS;
	if (off < 2)
		return off ? "nr_dirty_background_threshold" : "nr_dirty_threshold";
	return vm_event_name(off - 2);
}

static int vmstat_show(struct seq_file *m, void *arg)
{
	unsigned long *l = arg;
	long off = l - (unsigned long *)m->private;

	seq_puts(m, vmstat_text(off));
	seq_put_decimal_ull(m, " ", *l);
	seq_putc(m, '\n');
	return 0;
}

static void vmstat_stop(struct seq_file *m, void *arg)
{
	kfree(m->private);
	m->private = NULL;
}

static const struct seq_operations vmstat_op = {
	.start	= vmstat_start,
	.next	= vmstat_next,
	.stop	= vmstat_stop,
	.show	= vmstat_show,
};

void __init init_mm_internals(void)
{
	int cpu;

	proc_create_single("buddyinfo", 0444, NULL, buddyinfo_show);
	proc_create_single("pagetypeinfo", 0400, NULL, pagetypeinfo_show);
	proc_create_seq("vmstat", 0444, NULL, &vmstat_op);
	proc_create_single("zoneinfo", 0444, NULL, zoneinfo_show);

	for_each_possible_cpu(cpu)
		INIT_WORK(per_cpu_ptr(&vmstat_work, cpu), vmstat_update);
	INIT_DELAYED_WORK(&shepherd, vmstat_shepherd);
	schedule_delayed_work(&shepherd, sysctl_stat_interval);
}

/* The per-cpu counter drift allowed before folding (Linux's calculate_normal_threshold). */
static int calculate_normal_threshold(struct zone *zone)
{
	unsigned long mem = zone_managed_pages(zone) >> (27 - PAGE_SHIFT);
	int threshold = 2 * fls_long(mm_num_cpus()) * (1 + fls_long(mem));

	return min(125, threshold);
}

/* A node's threshold is its largest zone's; diffs are folded first, as the limits move. */
void refresh_zone_stat_thresholds(void)
{
	struct pglist_data *pgdat;
	struct zone *zone;
	int cpu;

	vmstat_refresh();
	for_each_online_pgdat(pgdat)
		for_each_possible_cpu(cpu)
			per_cpu_ptr(pgdat->per_cpu_nodestats, cpu)->stat_threshold = 0;
	for_each_populated_zone(zone) {
		struct per_cpu_nodestat __percpu *node_stats = zone->zone_pgdat->per_cpu_nodestats;
		int threshold = calculate_normal_threshold(zone);
		unsigned long max_drift = (unsigned long)mm_num_cpus() * threshold;
		unsigned long tolerated = low_wmark_pages(zone) - min_wmark_pages(zone);

		for_each_possible_cpu(cpu) {
			s8 *node_threshold = &per_cpu_ptr(node_stats, cpu)->stat_threshold;

			per_cpu_ptr(zone->per_cpu_zonestats, cpu)->stat_threshold = threshold;
			*node_threshold = max_t(int, *node_threshold, threshold);
		}
		zone->percpu_drift_mark = max_drift > tolerated ? high_wmark_pages(zone) + max_drift
								: 0;
	}
}

/* The zones of one node, each given to @print. */
static void walk_zones_in_node(struct seq_file *m, pg_data_t *pgdat, bool populated_only,
			       void (*print)(struct seq_file *m, pg_data_t *, struct zone *))
{
	for (struct zone *zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		if (populated_only && !populated_zone(zone))
			continue;
		print(m, pgdat, zone);
	}
}

/* ---- /proc/buddyinfo ---- */

static void frag_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (int order = 0; order < MAX_ORDER; ++order)
		seq_printf(m, "%6lu ", READ_ONCE(zone->free_area[order].nr_free));
	seq_putc(m, '\n');
}

int buddyinfo_show(struct seq_file *m, void *v)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		walk_zones_in_node(m, pgdat, true, frag_show_print);
	return 0;
}

/* ---- /proc/pagetypeinfo ---- */

static void pagetypeinfo_showfree_print(struct seq_file *m, pg_data_t *pgdat,
					struct zone *zone)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	for (int mtype = 0; mtype < MIGRATE_PRINT_TYPES; mtype++) {
		seq_printf(m, "Node %4d, zone %8s, type %12s ", pgdat->node_id, zone->name,
			   migratetype_names[mtype]);
		for (int order = 0; order < MAX_ORDER; ++order) {
			unsigned long freecount = 0;
			bool overflow = false;
			struct list_head *curr;

			list_for_each(curr, &zone->free_area[order].free_list[mtype]) {
				if (++freecount >= 100000) {
					overflow = true;
					break;
				}
			}
			seq_printf(m, "%s%6lu ", overflow ? ">" : "", freecount);
		}
		seq_putc(m, '\n');
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

static void pagetypeinfo_showblockcount_print(struct seq_file *m, pg_data_t *pgdat,
					      struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES] = { 0 };

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		struct page *page;
		int mtype;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (page_zone(page) != zone)
			continue;
		mtype = get_pageblock_migratetype(page);
		if (mtype < MIGRATE_TYPES)
			count[mtype]++;
	}
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (int mtype = 0; mtype < MIGRATE_PRINT_TYPES; mtype++)
		seq_printf(m, "%12lu ", count[mtype]);
	seq_putc(m, '\n');
}

static void pagetypeinfo_show_node(struct seq_file *m, pg_data_t *pgdat)
{
	if (!node_state(pgdat->node_id, N_MEMORY))
		return;
	seq_printf(m, "Page block order: %d\n", pageblock_order);
	seq_printf(m, "Pages per block:  %lu\n", pageblock_nr_pages);
	seq_putc(m, '\n');
	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (int order = 0; order < MAX_ORDER; ++order)
		seq_printf(m, "%6d ", order);
	seq_putc(m, '\n');
	walk_zones_in_node(m, pgdat, true, pagetypeinfo_showfree_print);
	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (int mtype = 0; mtype < MIGRATE_PRINT_TYPES; mtype++)
		seq_printf(m, "%12s ", migratetype_names[mtype]);
	seq_putc(m, '\n');
	walk_zones_in_node(m, pgdat, true, pagetypeinfo_showblockcount_print);
}

int pagetypeinfo_show(struct seq_file *m, void *v)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		pagetypeinfo_show_node(m, pgdat);
	return 0;
}

/* ---- /proc/zoneinfo ---- */

static bool is_zone_first_populated(pg_data_t *pgdat, struct zone *zone)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *compare = &pgdat->node_zones[i];

		if (populated_zone(compare))
			return zone == compare;
	}
	return false;
}

static void zoneinfo_show_pagesets(struct seq_file *m, struct zone *zone)
{
	int cpu;

	seq_printf(m, "\n  pagesets");
	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *pcp = per_cpu_ptr(zone->per_cpu_pageset, cpu);

		seq_printf(m, "\n    cpu: %i\n              count: %i\n              high:  %i\n              batch: %i",
			   cpu, pcp->count, pcp->high, pcp->batch);
		seq_printf(m, "\n  vm stats threshold: %d",
			   per_cpu_ptr(zone->per_cpu_zonestats, cpu)->stat_threshold);
	}
}

static void zoneinfo_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
	if (is_zone_first_populated(pgdat, zone)) {
		seq_printf(m, "\n  per-node stats");
		for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			seq_printf(m, "\n      %-12s %lu", node_stat_name(i),
				   node_page_state(pgdat, i));
	}
	seq_printf(m, "\n  pages free     %lu\n        boost    %lu\n        min      %lu\n        low      %lu\n        high     %lu\n        spanned  %lu\n        present  %lu\n        managed  %lu\n        cma      %lu",
		   zone_page_state(zone, NR_FREE_PAGES), zone->watermark_boost,
		   min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone),
		   zone->spanned_pages, zone->present_pages, zone_managed_pages(zone), 0UL);
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (int i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
	seq_putc(m, ')');
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", zone_stat_name(i), zone_page_state(zone, i));
	for (int i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", numa_stat_name(i),
			   zone_numa_event_state(zone, i));
	zoneinfo_show_pagesets(m, zone);
	seq_printf(m, "\n  node_unreclaimable:  %u\n  start_pfn:           %lu",
		   pgdat->kswapd_failures >= 16, zone->zone_start_pfn);
	seq_putc(m, '\n');
}

int zoneinfo_show(struct seq_file *m, void *v)
{
	pg_data_t *pgdat;

	fold_vm_numa_events();
	for_each_online_pgdat(pgdat)
		walk_zones_in_node(m, pgdat, false, zoneinfo_show_print);
	return 0;
}
