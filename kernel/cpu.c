/* The cpu state masks (see linux/cpumask.h for who writes them and when). */
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/smp.h>

struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask;
unsigned int nr_cpu_ids = NR_CPUS;

static void set_cpu_state(struct cpumask *m, unsigned int cpu, bool set)
{
	if (set)
		cpumask_set_cpu(cpu, m);
	else
		cpumask_clear_cpu(cpu, m);
}

void set_cpu_possible(unsigned int cpu, bool possible)
{
	set_cpu_state(&__cpu_possible_mask, cpu, possible);
}

void set_cpu_present(unsigned int cpu, bool present)
{
	set_cpu_state(&__cpu_present_mask, cpu, present);
}

void set_cpu_online(unsigned int cpu, bool online)
{
	set_cpu_state(&__cpu_online_mask, cpu, online);
}

/* The boot cpu is possible, present and online before anything else runs. */
void __init boot_cpu_init(void)
{
	unsigned int cpu = smp_processor_id();

	set_cpu_possible(cpu, true);
	set_cpu_present(cpu, true);
	set_cpu_online(cpu, true);
}

/* nr_cpu_ids from the possible mask, once setup_arch has filled it. */
void __init setup_nr_cpu_ids(void)
{
	unsigned int last = 0, cpu;

	for_each_possible_cpu(cpu)
		last = cpu;
	nr_cpu_ids = last + 1;
}
