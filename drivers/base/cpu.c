/*
 * /sys/devices/system/cpu (Linux's drivers/base/cpu.c and topology.c): the possible,
 * present, online and offline masks, and per cpu its topology from the MPIDR, as
 * arm64's store_cpu_topology reads it when the device tree has no cpu-map.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/cpu.h>
#include <asm/smp.h>

struct cpu {
	struct kobject kobj;
	int cpu;
};

static struct cpu cpu_devices[NR_CPUS];
static struct kobject cpu_subsys;

struct kobject *get_cpu_kobj(int cpu)
{
	return cpu_devices[cpu].kobj.sd ? &cpu_devices[cpu].kobj : NULL;
}

static ssize_t show_mask(char *buf, const struct cpumask *mask)
{
	return sysfs_emit(buf, "%*pbl\n", nr_cpu_ids, mask->bits);
}

static ssize_t online_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_mask(buf, cpu_online_mask);
}

static ssize_t possible_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_mask(buf, cpu_possible_mask);
}

static ssize_t present_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_mask(buf, cpu_present_mask);
}

/* Possible cpus not online (none, usually: Linux prints the empty list, "\n"). */
static ssize_t offline_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cpumask offline = { .bits = { cpu_possible_mask->bits[0] &
					      ~cpu_online_mask->bits[0] } };

	return show_mask(buf, &offline);
}

static ssize_t kernel_max_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", NR_CPUS - 1);
}

static struct kobj_attribute online_attr = __ATTR_RO(online);
static struct kobj_attribute possible_attr = __ATTR_RO(possible);
static struct kobj_attribute present_attr = __ATTR_RO(present);
static struct kobj_attribute offline_attr = __ATTR_RO(offline);
static struct kobj_attribute kernel_max_attr = __ATTR_RO(kernel_max);

static struct attribute *cpu_root_attrs[] = {
	&kernel_max_attr.attr, &offline_attr.attr, &online_attr.attr, &possible_attr.attr,
	&present_attr.attr, NULL,
};

static const struct attribute_group cpu_root_group = { .attrs = cpu_root_attrs };

/* ---- topology: no SMT threads, each cpu a core, packages from MPIDR Aff1-3 ---------------- */

#define MPIDR_AFF(mpidr, level)	((unsigned int)((mpidr) >> ((level) == 3 ? 32 : 8 * (level))) & 0xff)

static int topology_core_id(int cpu)
{
	return (int)MPIDR_AFF(cpu_logical_map(cpu), 0);
}

static int topology_physical_package_id(int cpu)
{
	u64 mpidr = cpu_logical_map(cpu);

	return (int)(MPIDR_AFF(mpidr, 1) | MPIDR_AFF(mpidr, 2) << 8 | MPIDR_AFF(mpidr, 3) << 16);
}

/* The possible cpus sharing cpu's package. */
static void package_mask(int cpu, struct cpumask *mask)
{
	int other;

	mask->bits[0] = 0;
	for_each_possible_cpu(other)
		if (topology_physical_package_id(other) == topology_physical_package_id(cpu))
			mask->bits[0] |= 1UL << other;
}

static int kobj_cpu(struct kobject *kobj)
{
	return container_of(kobj, struct cpu, kobj)->cpu;
}

static ssize_t physical_package_id_show(struct kobject *kobj, struct kobj_attribute *attr,
					char *buf)
{
	return sysfs_emit(buf, "%d\n", topology_physical_package_id(kobj_cpu(kobj)));
}

static ssize_t core_id_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", topology_core_id(kobj_cpu(kobj)));
}

/* A cpu's own core and thread: itself alone (no SMT). */
static ssize_t self_mask(struct kobject *kobj, char *buf, bool list)
{
	unsigned long self = 1UL << kobj_cpu(kobj);

	return sysfs_emit(buf, list ? "%*pbl\n" : "%*pb\n", nr_cpu_ids, &self);
}

static ssize_t pkg_mask(struct kobject *kobj, char *buf, bool list)
{
	struct cpumask mask;

	package_mask(kobj_cpu(kobj), &mask);
	return sysfs_emit(buf, list ? "%*pbl\n" : "%*pb\n", nr_cpu_ids, mask.bits);
}

#define SELF_ATTR(name, list)							\
static ssize_t name##_show(struct kobject *kobj, struct kobj_attribute *attr,	\
			   char *buf)						\
{										\
	return self_mask(kobj, buf, list);					\
}										\
static struct kobj_attribute name##_attr = __ATTR_RO(name)

#define PKG_ATTR(name, list)							\
static ssize_t name##_show(struct kobject *kobj, struct kobj_attribute *attr,	\
			   char *buf)						\
{										\
	return pkg_mask(kobj, buf, list);					\
}										\
static struct kobj_attribute name##_attr = __ATTR_RO(name)

SELF_ATTR(core_cpus, false);
SELF_ATTR(core_cpus_list, true);
SELF_ATTR(thread_siblings, false);
SELF_ATTR(thread_siblings_list, true);
PKG_ATTR(core_siblings, false);
PKG_ATTR(core_siblings_list, true);
PKG_ATTR(package_cpus, false);
PKG_ATTR(package_cpus_list, true);

static struct kobj_attribute physical_package_id_attr = __ATTR_RO(physical_package_id);
static struct kobj_attribute core_id_attr = __ATTR_RO(core_id);

static struct attribute *topology_attrs[] = {
	&physical_package_id_attr.attr, &core_id_attr.attr, &core_cpus_attr.attr,
	&core_cpus_list_attr.attr, &thread_siblings_attr.attr, &thread_siblings_list_attr.attr,
	&core_siblings_attr.attr, &core_siblings_list_attr.attr, &package_cpus_attr.attr,
	&package_cpus_list_attr.attr, NULL,
};

static const struct attribute_group topology_attr_group = {
	.name = "topology",
	.attrs = topology_attrs,
};

int __init cpu_dev_init(void)
{
	int cpu, err;

	err = kobject_init_and_add(&cpu_subsys, system_kobj, "cpu");
	if (!err)
		err = sysfs_create_group(&cpu_subsys, &cpu_root_group);
	for_each_possible_cpu(cpu) {
		struct cpu *c = &cpu_devices[cpu];

		if (err)
			break;
		c->cpu = cpu;
		err = kobject_init_and_add(&c->kobj, &cpu_subsys, "cpu%d", cpu);
		if (!err)
			err = sysfs_create_group(&c->kobj, &topology_attr_group);
	}
	return err;
}
