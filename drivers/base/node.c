/*
 * /sys/devices/system/node (Linux's drivers/base/node.c): the node states, and a
 * directory per online node with its cpus, memory counters, NUMA events, distances and
 * vmstat, and links to its cpus' directories. numactl and numastat read these.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/nodemask.h>
#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/cpu.h>

#define K(x) ((x) << (PAGE_SHIFT - 10))

struct node {
	struct kobject kobj;
	int nid;
};

static struct node node_devices[MAX_NUMNODES];
static struct kobject node_subsys;

static int kobj_nid(struct kobject *kobj)
{
	return container_of(kobj, struct node, kobj)->nid;
}

static ssize_t cpumap_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%*pb\n", nr_cpu_ids, cpumask_of_node(kobj_nid(kobj))->bits);
}

static ssize_t cpulist_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%*pbl\n", nr_cpu_ids, cpumask_of_node(kobj_nid(kobj))->bits);
}

/* A zone counter summed over the node's zones (Linux's sum_zone_node_page_state). */
static unsigned long sum_zone_node_page_state(int nid, enum zone_stat_item item)
{
	struct zone *zones = NODE_DATA(nid)->node_zones;
	unsigned long count = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		count += zone_page_state(zones + i, item);
	return count;
}

static unsigned long sum_zone_numa_event_state(int nid, enum numa_stat_item item)
{
	struct zone *zones = NODE_DATA(nid)->node_zones;
	unsigned long count = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		count += zone_numa_event_state(zones + i, item);
	return count;
}

static unsigned long node_managed_pages(int nid)
{
	struct zone *zones = NODE_DATA(nid)->node_zones;
	unsigned long managed = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		managed += zone_managed_pages(zones + i);
	return managed;
}

static int node_meminfo_lru(char *buf, int len, int nid)
{
	struct pglist_data *pgdat = NODE_DATA(nid);
	unsigned long total = node_managed_pages(nid);
	unsigned long free = sum_zone_node_page_state(nid, NR_FREE_PAGES);

	return sysfs_emit_at(buf, len,
		"Node %d MemTotal:       %8lu kB\nNode %d MemFree:        %8lu kB\n"
		"Node %d MemUsed:        %8lu kB\nNode %d SwapCached:     %8lu kB\n"
		"Node %d Active:         %8lu kB\nNode %d Inactive:       %8lu kB\n"
		"Node %d Active(anon):   %8lu kB\nNode %d Inactive(anon): %8lu kB\n"
		"Node %d Active(file):   %8lu kB\nNode %d Inactive(file): %8lu kB\n"
		"Node %d Unevictable:    %8lu kB\nNode %d Mlocked:        %8lu kB\n",
		nid, K(total), nid, K(free), nid, K(total - free),
		nid, K(node_page_state(pgdat, NR_SWAPCACHE)),
		nid, K(node_page_state(pgdat, NR_ACTIVE_ANON) +
		       node_page_state(pgdat, NR_ACTIVE_FILE)),
		nid, K(node_page_state(pgdat, NR_INACTIVE_ANON) +
		       node_page_state(pgdat, NR_INACTIVE_FILE)),
		nid, K(node_page_state(pgdat, NR_ACTIVE_ANON)),
		nid, K(node_page_state(pgdat, NR_INACTIVE_ANON)),
		nid, K(node_page_state(pgdat, NR_ACTIVE_FILE)),
		nid, K(node_page_state(pgdat, NR_INACTIVE_FILE)),
		nid, K(node_page_state(pgdat, NR_UNEVICTABLE)),
		nid, K(sum_zone_node_page_state(nid, NR_MLOCK)));
}

/* Linux 6.1's node_read_meminfo, without the HIGHMEM, SCS and THP lines (configured out). */
static ssize_t meminfo_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int nid = kobj_nid(kobj);
	struct pglist_data *pgdat = NODE_DATA(nid);
	unsigned long sreclaimable = node_page_state(pgdat, NR_SLAB_RECLAIMABLE_B);
	unsigned long sunreclaimable = node_page_state(pgdat, NR_SLAB_UNRECLAIMABLE_B);
	int len = node_meminfo_lru(buf, 0, nid);

	len += sysfs_emit_at(buf, len,
		"Node %d Dirty:          %8lu kB\nNode %d Writeback:      %8lu kB\n"
		"Node %d FilePages:      %8lu kB\nNode %d Mapped:         %8lu kB\n"
		"Node %d AnonPages:      %8lu kB\nNode %d Shmem:          %8lu kB\n"
		"Node %d KernelStack:    %8lu kB\nNode %d PageTables:     %8lu kB\n"
		"Node %d SecPageTables:  %8lu kB\nNode %d NFS_Unstable:   %8lu kB\n"
		"Node %d Bounce:         %8lu kB\nNode %d WritebackTmp:   %8lu kB\n"
		"Node %d KReclaimable:   %8lu kB\nNode %d Slab:           %8lu kB\n"
		"Node %d SReclaimable:   %8lu kB\nNode %d SUnreclaim:     %8lu kB\n",
		nid, K(node_page_state(pgdat, NR_FILE_DIRTY)),
		nid, K(node_page_state(pgdat, NR_WRITEBACK)),
		nid, K(node_page_state(pgdat, NR_FILE_PAGES)),
		nid, K(node_page_state(pgdat, NR_FILE_MAPPED)),
		nid, K(node_page_state(pgdat, NR_ANON_MAPPED)),
		nid, K(node_page_state(pgdat, NR_SHMEM)),
		nid, node_page_state(pgdat, NR_KERNEL_STACK_KB),
		nid, K(node_page_state(pgdat, NR_PAGETABLE)),
		nid, K(node_page_state(pgdat, NR_SECONDARY_PAGETABLE)),
		nid, 0UL,
		nid, K(sum_zone_node_page_state(nid, NR_BOUNCE)),
		nid, K(node_page_state(pgdat, NR_WRITEBACK_TEMP)),
		nid, K(sreclaimable + node_page_state(pgdat, NR_KERNEL_MISC_RECLAIMABLE)),
		nid, K(sreclaimable + sunreclaimable),
		nid, K(sreclaimable), nid, K(sunreclaimable));
	return len;
}

static ssize_t numastat_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int nid = kobj_nid(kobj);

	fold_vm_numa_events();
	return sysfs_emit(buf, "numa_hit %lu\nnuma_miss %lu\nnuma_foreign %lu\n"
			  "interleave_hit %lu\nlocal_node %lu\nother_node %lu\n",
			  sum_zone_numa_event_state(nid, NUMA_HIT),
			  sum_zone_numa_event_state(nid, NUMA_MISS),
			  sum_zone_numa_event_state(nid, NUMA_FOREIGN),
			  sum_zone_numa_event_state(nid, NUMA_INTERLEAVE_HIT),
			  sum_zone_numa_event_state(nid, NUMA_LOCAL),
			  sum_zone_numa_event_state(nid, NUMA_OTHER));
}

static ssize_t distance_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int nid = kobj_nid(kobj), len = 0, i;

	for_each_online_node(i)
		len += sysfs_emit_at(buf, len, "%s%d", i ? " " : "", node_distance(nid, i));
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}

/* The zone counters summed over the node's zones, its NUMA events, its node counters. */
static ssize_t vmstat_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int nid = kobj_nid(kobj), len = 0, i;

	fold_vm_numa_events();
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		len += sysfs_emit_at(buf, len, "%s %lu\n", zone_stat_name(i),
				     sum_zone_node_page_state(nid, i));
	for (i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		len += sysfs_emit_at(buf, len, "%s %lu\n", numa_stat_name(i),
				     sum_zone_numa_event_state(nid, i));
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		len += sysfs_emit_at(buf, len, "%s %lu\n", node_stat_name(i),
				     node_page_state(NODE_DATA(nid), i));
	return len;
}

static struct kobj_attribute cpumap_attr = __ATTR_RO(cpumap);
static struct kobj_attribute cpulist_attr = __ATTR_RO(cpulist);
static struct kobj_attribute meminfo_attr = __ATTR_RO(meminfo);
static struct kobj_attribute numastat_attr = __ATTR_RO(numastat);
static struct kobj_attribute distance_attr = __ATTR_RO(distance);
static struct kobj_attribute vmstat_attr = __ATTR_RO(vmstat);

static struct attribute *node_dev_attrs[] = {
	&cpumap_attr.attr, &cpulist_attr.attr, &meminfo_attr.attr, &numastat_attr.attr,
	&distance_attr.attr, &vmstat_attr.attr, NULL,
};

static const struct attribute_group node_dev_group = { .attrs = node_dev_attrs };

/* /sys/devices/system/node/{possible,online,has_...}: the node_states masks. */
struct node_attr {
	struct kobj_attribute attr;
	enum node_states state;
};

static ssize_t show_node_state(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct node_attr *na = container_of(attr, struct node_attr, attr);

	return sysfs_emit(buf, "%*pbl\n", MAX_NUMNODES, node_states[na->state].bits);
}

#define _NODE_ATTR(_name, _state) \
	{ { .attr = { .name = _name, .mode = 0444 }, .show = show_node_state }, _state }

static struct node_attr node_state_attr[] = {
	_NODE_ATTR("possible", N_POSSIBLE),
	_NODE_ATTR("online", N_ONLINE),
	_NODE_ATTR("has_memory", N_MEMORY),
	_NODE_ATTR("has_cpu", N_CPU),
};

/* Nodes with memory below ZONE_MOVABLE (Linux's N_NORMAL_MEMORY, without HIGHMEM). */
static ssize_t has_normal_memory_show(struct kobject *kobj, struct kobj_attribute *attr,
				      char *buf)
{
	unsigned long mask = 0;
	int nid;

	for_each_online_node(nid)
		for (int i = 0; i < ZONE_MOVABLE; i++)
			if (populated_zone(&NODE_DATA(nid)->node_zones[i]))
				mask |= 1UL << nid;
	return sysfs_emit(buf, "%*pbl\n", MAX_NUMNODES, &mask);
}

static struct kobj_attribute has_normal_memory_attr = __ATTR_RO(has_normal_memory);

/* Each online node's directory with its attributes and its cpus' links. */
static int __init register_node(int nid)
{
	struct node *node = &node_devices[nid];
	int cpu, err;

	node->nid = nid;
	err = kobject_init_and_add(&node->kobj, &node_subsys, "node%d", nid);
	if (!err)
		err = sysfs_create_group(&node->kobj, &node_dev_group);
	for_each_cpu(cpu, cpumask_of_node(nid)) {
		struct kobject *cpu_kobj = get_cpu_kobj(cpu);
		char name[16];

		if (err || !cpu_kobj)
			continue;
		snprintf(name, sizeof(name), "cpu%d", cpu);
		err = sysfs_create_link(&node->kobj, cpu_kobj, name);
		snprintf(name, sizeof(name), "node%d", nid);
		if (!err)
			err = sysfs_create_link(cpu_kobj, &node->kobj, name);
	}
	return err;
}

int __init node_dev_init(void)
{
	int nid, err;

	err = kobject_init_and_add(&node_subsys, system_kobj, "node");
	for (unsigned int i = 0; i < ARRAY_SIZE(node_state_attr) && !err; i++) {
		err = sysfs_create_file(&node_subsys, &node_state_attr[i].attr.attr);
		if (!err && node_state_attr[i].state == N_ONLINE)
			err = sysfs_create_file(&node_subsys, &has_normal_memory_attr.attr);
	}
	for_each_online_node(nid)
		if (!err)
			err = register_node(nid);
	return err;
}
