/*
 * Virtual-memory counters: per zone (NR_FREE_PAGES ...), per node, NUMA events, and the
 * machine-wide sums, as Linux's vmstat.h names them; and the /proc printers of mm/vmstat.c.
 * Counters are updated atomically on the zone and the global sum at once (Linux batches
 * per-cpu diffs first; we will when per-cpu areas exist).
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/mmzone.h>

extern long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
extern long vm_node_stat[NR_VM_NODE_STAT_ITEMS];
extern long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];

static inline unsigned long zone_page_state(struct zone *zone, enum zone_stat_item item)
{
	long x = __atomic_load_n(&zone->vm_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long x = __atomic_load_n(&vm_zone_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

static inline unsigned long node_page_state(struct pglist_data *pgdat,
					    enum node_stat_item item)
{
	long x = __atomic_load_n(&pgdat->vm_stat[item], __ATOMIC_RELAXED);

	return x < 0 ? 0 : x;
}

static inline void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item,
					 long delta)
{
	__atomic_fetch_add(&zone->vm_stat[item], delta, __ATOMIC_RELAXED);
	__atomic_fetch_add(&vm_zone_stat[item], delta, __ATOMIC_RELAXED);
}

#define mod_zone_page_state	__mod_zone_page_state

static inline void __mod_node_page_state(struct pglist_data *pgdat,
					 enum node_stat_item item, long delta)
{
	__atomic_fetch_add(&pgdat->vm_stat[item], delta, __ATOMIC_RELAXED);
	__atomic_fetch_add(&vm_node_stat[item], delta, __ATOMIC_RELAXED);
}

static inline void __count_numa_event(struct zone *zone, enum numa_stat_item item)
{
	__atomic_fetch_add(&zone->vm_numa_event[item], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&vm_numa_event[item], 1, __ATOMIC_RELAXED);
}

static inline unsigned long zone_numa_event_state(struct zone *zone,
						  enum numa_stat_item item)
{
	return __atomic_load_n(&zone->vm_numa_event[item], __ATOMIC_RELAXED);
}

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

/* vm stats threshold per cpu and zone, as Linux's calculate_normal_threshold. */
void refresh_zone_stat_thresholds(void);

struct seq_file;
/* /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo: all nodes, Linux 6.1's text. */
void buddyinfo_show(struct seq_file *m);
void pagetypeinfo_show(struct seq_file *m);
void zoneinfo_show(struct seq_file *m);
/* Prints the three at boot (the mm_debug command-line flag), through a seq_file buffer. */
void mm_debug_show(void);

#endif
