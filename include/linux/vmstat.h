/*
 * Virtual-memory counters: per zone (NR_FREE_PAGES ...), per node, NUMA events, and the
 * machine-wide sums, as Linux's vmstat.h names them; and the /proc printers of mm/vmstat.c.
 *
 * As in Linux, an update goes first to this cpu's diff (struct per_cpu_zonestat and
 * per_cpu_nodestat); only when a diff passes the zone's stat_threshold is it added to the
 * zone's (node's) atomic counter and the global one. So zone_page_state may be off by up
 * to stat_threshold per online cpu: zone_page_state_snapshot adds the diffs in, and
 * vmstat_refresh folds every cpu's. The diffs are also folded once a second by vmstat_work
 * on each cpu that has any (the vmstat shepherd), and the thresholds are 0 until
 * setup_per_cpu_pageset, so boot's figures are exact.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/cpumask.h>
#include <linux/percpu-defs.h>
#include <linux/vm_event_item.h>

extern long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
extern long vm_node_stat[NR_VM_NODE_STAT_ITEMS];
extern long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];

static inline void zone_page_state_add(long x, struct zone *zone, enum zone_stat_item item)
{
	__atomic_fetch_add(&zone->vm_stat[item], x, __ATOMIC_RELAXED);
	__atomic_fetch_add(&vm_zone_stat[item], x, __ATOMIC_RELAXED);
}

static inline void node_page_state_add(long x, struct pglist_data *pgdat,
				       enum node_stat_item item)
{
	__atomic_fetch_add(&pgdat->vm_stat[item], x, __ATOMIC_RELAXED);
	__atomic_fetch_add(&vm_node_stat[item], x, __ATOMIC_RELAXED);
}

static inline unsigned long zone_page_state(struct zone *zone, enum zone_stat_item item)
{
	long x = __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

/* zone_page_state with the online cpus' unfolded diffs added: exact now, and costlier. */
static inline unsigned long zone_page_state_snapshot(struct zone *zone,
						     enum zone_stat_item item)
{
	long x = __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);
	int cpu;

	for_each_online_cpu(cpu)
		x += READ_ONCE(per_cpu_ptr(zone->per_cpu_zonestats, cpu)->vm_stat_diff[item]);
	return x < 0 ? 0 : x;
}

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long x = __atomic_load_n(&vm_zone_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	long x = __atomic_load_n(&vm_node_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

static inline unsigned long node_page_state(struct pglist_data *pgdat,
					    enum node_stat_item item)
{
	long x = __atomic_load_n(&pgdat->vm_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

/*
 * struct vm_event_state - this cpu's VM event counts (per cpu; atomic adds, so a task
 * moved to another cpu mid-count still counts once, on one of them)
 */
struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
};

DECLARE_PER_CPU(struct vm_event_state, vm_event_states);

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	__atomic_fetch_add(&raw_cpu_ptr(&vm_event_states)->event[item], delta, __ATOMIC_RELAXED);
}

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

/* An event counted per zone (pgalloc_dma, pgalloc_normal ...), for zone index zid. */
#define __count_zid_vm_events(item, zid, delta) \
	count_vm_events(item##_NORMAL - ZONE_NORMAL + (zid), delta)

/* The events summed over the online cpus, into ret[NR_VM_EVENT_ITEMS]. */
void all_vm_events(unsigned long *ret);
const char *vm_event_name(enum vm_event_item item);

/* The node items counted in bytes by their callers (kept in pages). */
static inline bool vmstat_item_in_bytes(int idx)
{
	return idx == NR_SLAB_RECLAIMABLE_B || idx == NR_SLAB_UNRECLAIMABLE_B;
}

/* Adds delta to this cpu's diff, folding it past the threshold. Interrupts off. */
void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta);
void __mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta);
/* The same from any context. */
void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta);
void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta);

/* One NUMA event on this cpu's counter (any context; atomic, as fold takes it remotely). */
static inline void __count_numa_event(struct zone *zone, enum numa_stat_item item)
{
	struct per_cpu_zonestat *pzstats = raw_cpu_ptr(zone->per_cpu_zonestats);

	__atomic_fetch_add(&pzstats->vm_numa_event[item], 1, __ATOMIC_RELAXED);
}

/* Moves every online cpu's NUMA event counts into the zones' and the global ones. */
void fold_vm_numa_events(void);

/* A zone's NUMA events as of the last fold_vm_numa_events. */
static inline unsigned long zone_numa_event_state(struct zone *zone,
						  enum numa_stat_item item)
{
	return __atomic_load_n(&zone->vm_numa_event[item], __ATOMIC_RELAXED);
}

/* Folds every online cpu's diffs, on that cpu (Linux's /proc/sys/vm/stat_refresh). */
void vmstat_refresh(void);
/* vm.stat_interval (jiffies) and vm.stat_refresh. */
extern int sysctl_stat_interval;
struct ctl_table;
int vmstat_refresh_sysctl_handler(struct ctl_table *table, int write, void *buffer,
				  size_t *lenp, loff_t *ppos);
/* Starts the vmstat shepherd (kernel_init, once workqueues run). */
void init_mm_internals(void);

/* Free pages of a zone, as the buddy counts them (pcp pages excluded). */
static inline void __mod_zone_freepage_state(struct zone *zone, int nr_pages,
					     int migratetype)
{
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
}

/* Free pages in all zones. */
#define nr_free_pages()		global_zone_page_state(NR_FREE_PAGES)

const char *zone_stat_name(enum zone_stat_item item);
const char *numa_stat_name(enum numa_stat_item item);
const char *node_stat_name(enum node_stat_item item);

/* vm stats threshold per cpu of every zone and node (Linux's calculate_normal_threshold). */
void refresh_zone_stat_thresholds(void);

struct seq_file;
/* /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo: all nodes, Linux 6.1's text. */
int buddyinfo_show(struct seq_file *m, void *v);
int pagetypeinfo_show(struct seq_file *m, void *v);
int zoneinfo_show(struct seq_file *m, void *v);

#endif
