/*
 * Secondary cpus: which exist (the device tree's /cpus, by MPIDR), bringing them up through
 * PSCI CPU_ON, and the inter-processor interrupts that run functions on them.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <linux/of_fdt.h>
#include <linux/libfdt.h>
#include <linux/irqflags.h>
#include <asm/smp.h>

/* MPIDR affinity of each logical cpu; INVALID_HWID when the cpu does not exist. */
u64 __cpu_logical_map[NR_CPUS] = { [0 ... NR_CPUS - 1] = INVALID_HWID };

DEFINE_PER_CPU_READ_MOSTLY(int, cpu_number);

/* Linux numbers the cpus in smp_prepare_cpus; that comes with secondary bring-up. */
void __init smp_prepare_boot_cpu(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		per_cpu(cpu_number, cpu) = (int)cpu;
	set_my_cpu_offset(per_cpu_offset(smp_processor_id()));
}

static bool __init is_cpu_node(int node)
{
	int len;
	const char *p = of_get_flat_dt_prop(node, "device_type", &len);

	return p && len > 0 && strnlen(p, len) < (size_t)len && !strcmp(p, "cpu");
}

/* The MPIDR in a cpu node's reg, with #address-cells ac of /cpus, or INVALID_HWID. */
static u64 __init of_get_cpu_hwid(int node, int ac)
{
	int len;
	const __be32 *reg = of_get_flat_dt_prop(node, "reg", &len);

	if (!reg || ac < 1 || ac > 2 || len != ac * (int)sizeof(*reg))
		return INVALID_HWID;
	return of_read_number(reg, ac) & MPIDR_HWID_BITMASK;
}

/* Gives cpu hwid the next logical number: the boot cpu keeps 0, the others follow. */
static void __init smp_add_cpu(u64 hwid, unsigned int *next)
{
	if (hwid == cpu_logical_map(0))
		return;
	for (unsigned int cpu = 1; cpu < *next; cpu++)
		if (cpu_logical_map(cpu) == hwid) {
			pr_err("duplicate cpu reg 0x%llx in the device tree\n",
			       (unsigned long long)hwid);
			return;
		}
	if (*next >= NR_CPUS) {
		pr_warn("cpu 0x%llx ignored: NR_CPUS=%d\n", (unsigned long long)hwid, NR_CPUS);
		return;
	}
	set_cpu_logical_map(*next, hwid);
	(*next)++;
}

/*
 * smp_init_cpus - read the cpus of the device tree into the logical map, and mark them
 * possible and present. Context: setup_arch, after psci_dt_init.
 */
void __init smp_init_cpus(void)
{
	int cpus = fdt_path_offset(initial_boot_params, "/cpus");
	unsigned int next = 1, cpu;
	const __be32 *prop;
	int node, ac = 1, len;

	if (cpus >= 0) {
		prop = of_get_flat_dt_prop(cpus, "#address-cells", &len);
		if (prop && len == sizeof(*prop))
			ac = (int)fdt32_to_cpu(*prop);
		fdt_for_each_subnode(node, initial_boot_params, cpus) {
			u64 hwid;

			if (!is_cpu_node(node))
				continue;
			hwid = of_get_cpu_hwid(node, ac);
			if (hwid == INVALID_HWID)
				pr_warn("cpu node without a usable reg, skipped\n");
			else
				smp_add_cpu(hwid, &next);
		}
	}
	for (cpu = 0; cpu < next; cpu++) {
		set_cpu_possible(cpu, true);
		set_cpu_present(cpu, true);
	}
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, bool wait)
{
	unsigned long flags;

	(void)wait;
	if (cpu != (int)smp_processor_id())
		return cpu_online(cpu) ? -EBUSY : -ENXIO;
	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
	return 0;
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait)
{
	int cpu;

	for_each_cpu(cpu, mask)
		if (cpu != (int)smp_processor_id() && cpu_online(cpu))
			smp_call_function_single(cpu, func, info, wait);
}

void smp_call_function(smp_call_func_t func, void *info, bool wait)
{
	smp_call_function_many(cpu_online_mask, func, info, wait);
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	smp_call_function(func, info, wait);
	smp_call_function_single(smp_processor_id(), func, info, wait);
}

void smp_send_reschedule(int cpu)
{
	(void)cpu;
}

void smp_send_stop(void)
{
}

void __init smp_init(void)
{
}
