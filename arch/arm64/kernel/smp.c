/*
 * Secondary cpus: which exist (the device tree's /cpus, by MPIDR), bringing them up through
 * PSCI CPU_ON, and the inter-processor interrupts that run functions on them.
 */
#include <linux/kernel.h>
#include <asm/uaccess.h>
#include <asm/elf.h>
#include <asm/cpu.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <linux/of_fdt.h>
#include <linux/libfdt.h>
#include <linux/irqflags.h>
#include <linux/interrupt.h>
#include <linux/irqchip.h>
#include <linux/irqdesc.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/psci.h>
#include <linux/arch_numa.h>
#include <linux/of_numa.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <asm/arch_timer.h>
#include <asm/mmu_context.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/cpu.h>

/* MPIDR affinity of each logical cpu; INVALID_HWID when the cpu does not exist. */
u64 __cpu_logical_map[NR_CPUS] = { [0 ... NR_CPUS - 1] = INVALID_HWID };

/* nr_cpus=N: only cpus 0..N-1 are possible at all (nr_cpu_ids). */
static unsigned int setup_nr_cpus = NR_CPUS;

static int __init nr_cpus(char *str)
{
	unsigned long long n;

	if (kstrtoull(str, 0, &n) || n == 0)
		return -EINVAL;
	setup_nr_cpus = n > NR_CPUS ? NR_CPUS : (unsigned int)n;
	return 0;
}
early_param("nr_cpus", nr_cpus);

/* Each cpu's logical number, read through its own offset (see asm/smp.h). */
DEFINE_PER_CPU_READ_MOSTLY(int, cpu_number);

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

/*
 * Gives cpu hwid the next logical number (the boot cpu keeps 0, the others follow) and
 * maps it to its node.
 */
static void __init smp_add_cpu(u64 hwid, int nid, unsigned int *next)
{
	if (hwid == cpu_logical_map(0)) {
		early_map_cpu_to_node(0, nid);
		return;
	}
	for (unsigned int cpu = 1; cpu < *next; cpu++)
		if (cpu_logical_map(cpu) == hwid) {
			pr_err("duplicate cpu reg 0x%llx in the device tree\n",
			       (unsigned long long)hwid);
			return;
		}
	if (*next >= setup_nr_cpus) {
		pr_warn("Number of cores exceeds configured maximum of %u - clipping\n",
			setup_nr_cpus);
		return;
	}
	set_cpu_logical_map(*next, hwid);
	early_map_cpu_to_node(*next, nid);
	(*next)++;
}

/*
 * smp_init_cpus - read the cpus of the device tree into the logical map, each with its
 * node (matched by reg, the MPIDR), and mark them possible and present.
 * Context: setup_arch, after psci_dt_init and the NUMA nodes (bootmem_init).
 */
void __init smp_init_cpus(void)
{
	int cpus = fdt_path_offset(initial_boot_params, "/cpus");
	unsigned int next = 1, cpu;
	const __be32 *prop;
	int node, ac = 1, len;

	early_map_cpu_to_node(0, NUMA_NO_NODE);	/* a tree without the boot cpu: node 0 */
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
				smp_add_cpu(hwid, of_node_to_nid(node), &next);
		}
	}
	for (cpu = 0; cpu < next; cpu++) {
		set_cpu_possible(cpu, true);
		set_cpu_present(cpu, true);
	}
}


/* Linux's IPI numbers, one SGI each; /proc/interrupts names them in this order. */
enum ipi_msg_type {
	IPI_RESCHEDULE,
	IPI_CALL_FUNC,
	IPI_CPU_STOP,
	IPI_CPU_CRASH_STOP,
	IPI_TIMER,
	IPI_IRQ_WORK,
	IPI_WAKEUP,
	NR_IPI
};

static const char *const ipi_types[NR_IPI] = {
	[IPI_RESCHEDULE]	= "Rescheduling interrupts",
	[IPI_CALL_FUNC]		= "Function call interrupts",
	[IPI_CPU_STOP]		= "CPU stop interrupts",
	[IPI_CPU_CRASH_STOP]	= "CPU stop (for crash dump) interrupts",
	[IPI_TIMER]		= "Timer broadcast interrupts",
	[IPI_IRQ_WORK]		= "IRQ work interrupts",
	[IPI_WAKEUP]		= "CPU wake-up interrupts",
};

static unsigned int ipi_irq[NR_IPI];	/* Linux irq of each IPI; written once at boot */

struct secondary_data secondary_data;
/* Completed by each secondary as it comes online; __cpu_up starts one at a time. */
static DECLARE_COMPLETION(cpu_running);
static u32 secondary_boot_mode[NR_CPUS];	/* each cpu's entry EL, written by that cpu */

/* maxcpus=N: bring up at most N cpus (the boot cpu counts), as Linux's setup_max_cpus. */
static unsigned int setup_max_cpus = NR_CPUS;

static int __init maxcpus(char *str)
{
	unsigned long long n;

	if (kstrtoull(str, 0, &n))
		return -EINVAL;
	setup_max_cpus = n > NR_CPUS ? NR_CPUS : (unsigned int)n;
	return 0;
}
early_param("maxcpus", maxcpus);


/*
 * A function call request (Linux's call_single_data). CSD_FLAG_LOCK is set by the
 * caller while the request is queued or running, and cleared by the target after func
 * returns; a caller that waits spins on it.
 */
#define CSD_FLAG_LOCK	1U

struct call_single_data {
	struct list_head list;
	smp_call_func_t func;
	void *info;
	unsigned int flags;
};

/*
 * Requests queued to each cpu, run by its IPI_CALL_FUNC handler. Each queue has its own
 * lock (irqsave), taken by any cpu that queues and by the owner that drains it.
 */
struct call_queue {
	spinlock_t lock;
	struct list_head list;
};
static DEFINE_PER_CPU(struct call_queue, call_single_queue);

/*
 * Each cpu's request slots for the others (Linux's per-cpu cfd_data), used by the
 * calls that do not wait: a slot is reused only after its last request has run.
 * Written by the owning cpu with interrupts off; CSD_FLAG_LOCK is shared with the target.
 */
static DEFINE_PER_CPU(struct call_single_data[NR_CPUS], cfd_csd);

static void csd_lock_wait(struct call_single_data *csd)
{
	while (__atomic_load_n(&csd->flags, __ATOMIC_ACQUIRE) & CSD_FLAG_LOCK)
		cpu_relax();
}

static void csd_lock(struct call_single_data *csd)
{
	csd_lock_wait(csd);
	csd->flags = CSD_FLAG_LOCK;
}

static void csd_unlock(struct call_single_data *csd)
{
	__atomic_store_n(&csd->flags, 0, __ATOMIC_RELEASE);
}

/* Queues csd on cpu; true if the queue was empty, so cpu needs an IPI to look. */
static bool queue_csd(int cpu, struct call_single_data *csd)
{
	struct call_queue *q = per_cpu_ptr(&call_single_queue, cpu);
	unsigned long flags;
	bool first;

	spin_lock_irqsave(&q->lock, flags);
	first = list_empty(&q->list);
	list_add_tail(&csd->list, &q->list);
	spin_unlock_irqrestore(&q->lock, flags);
	return first;
}

/* IPI_CALL_FUNC: runs every request queued to this cpu (interrupts are off). */
static void generic_smp_call_function_interrupt(void)
{
	struct call_queue *q = this_cpu_ptr(&call_single_queue);
	struct call_single_data *csd;

	for (;;) {
		spin_lock(&q->lock);
		csd = list_first_entry_or_null(&q->list, struct call_single_data, list);
		if (csd)
			list_del(&csd->list);
		spin_unlock(&q->lock);
		if (!csd)
			return;
		csd->func(csd->info);
		csd_unlock(csd);
	}
}

static void smp_cross_call(unsigned long cpumask, enum ipi_msg_type ipi)
{
	gic_send_sgi(cpumask, ipi);
}

/*
 * Two cpus each waiting with interrupts off for the other's request would never finish,
 * so callers must have them on once other cpus run (the caller's own cpu excepted).
 */
static void check_call_context(unsigned long flags)
{
	WARN_ON_ONCE(arch_irqs_disabled_flags(flags) && num_online_cpus() > 1);
}

/* Queues func on the online cpus of mask but this one. Preemption off. */
static void queue_call_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    int this)
{
	unsigned long ipi_mask = 0;
	int cpu;

	for_each_cpu(cpu, mask) {
		struct call_single_data *csd = &per_cpu(cfd_csd, this)[cpu];

		if (cpu == this || !cpu_online(cpu))
			continue;
		csd_lock(csd);
		csd->func = func;
		csd->info = info;
		if (queue_csd(cpu, csd))
			ipi_mask |= 1UL << cpu;
	}
	if (ipi_mask)
		smp_cross_call(ipi_mask, IPI_CALL_FUNC);
}

static void wait_call_many(const struct cpumask *mask, int this)
{
	int cpu;

	for_each_cpu(cpu, mask)
		if (cpu != this)
			csd_lock_wait(&per_cpu(cfd_csd, this)[cpu]);
}

/*
 * Preemption stays off to the end: this cpu's cfd_csd slots, and the on-stack request a
 * waiting caller spins on, must not be left behind by a migration.
 */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, bool wait)
{
	struct call_single_data on_stack = { .flags = CSD_FLAG_LOCK };
	struct call_single_data *csd = &on_stack;
	unsigned long flags;
	int this = get_cpu();

	local_irq_save(flags);
	if (cpu == this) {
		func(info);
		local_irq_restore(flags);
		put_cpu();
		return 0;
	}
	if ((unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		local_irq_restore(flags);
		put_cpu();
		return -ENXIO;
	}
	check_call_context(flags);
	if (!wait) {
		csd = &per_cpu(cfd_csd, this)[cpu];
		csd_lock(csd);
	}
	csd->func = func;
	csd->info = info;
	if (queue_csd(cpu, csd))
		smp_cross_call(1UL << cpu, IPI_CALL_FUNC);
	local_irq_restore(flags);
	if (wait)
		csd_lock_wait(csd);
	put_cpu();
	return 0;
}

/* The requests go out first, then this cpu runs func if run_local, then the wait. */
static void smp_call_function_many_cond(const struct cpumask *mask, smp_call_func_t func,
					void *info, bool wait, bool run_local)
{
	unsigned long flags;
	int this = get_cpu();

	local_irq_save(flags);
	check_call_context(flags);
	queue_call_many(mask, func, info, this);
	if (run_local && cpumask_test_cpu(this, mask))
		func(info);
	local_irq_restore(flags);
	if (wait)
		wait_call_many(mask, this);
	put_cpu();
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait)
{
	smp_call_function_many_cond(mask, func, info, wait, false);
}

void smp_call_function(smp_call_func_t func, void *info, bool wait)
{
	smp_call_function_many_cond(cpu_online_mask, func, info, wait, false);
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	smp_call_function_many_cond(cpu_online_mask, func, info, wait, true);
}

/* Interrupts off for good, then wait for nothing: a stopped cpu (Linux's cpu_park_loop). */
static void __noreturn cpu_park_loop(void)
{
	local_irq_disable();
	for (;;)
		__asm__ __volatile__("wfi");
}

static void __noreturn local_cpu_stop(void)
{
	set_cpu_online(smp_processor_id(), false);
	cpu_park_loop();
}

/* The handler of every IPI: dev_id is unused, the IPI number is irq - ipi_irq[0]. */
static irqreturn_t ipi_handler(int irq, void *dev_id)
{
	unsigned int ipi = (unsigned int)irq - ipi_irq[0];

	(void)dev_id;
	switch (ipi) {
	case IPI_RESCHEDULE:
		scheduler_ipi();
		break;
	case IPI_CALL_FUNC:
		generic_smp_call_function_interrupt();
		break;
	case IPI_CPU_STOP:
	case IPI_CPU_CRASH_STOP:
		local_cpu_stop();
	default:
		pr_crit("CPU%u: Unknown IPI message 0x%x\n", smp_processor_id(), ipi);
		break;
	}
	return IRQ_HANDLED;
}

void smp_send_reschedule(int cpu)
{
	smp_cross_call(1UL << cpu, IPI_RESCHEDULE);
}

/* Stops every other online cpu and waits up to a second for them to go offline. */
void smp_send_stop(void)
{
	unsigned long mask = cpumask_bits(cpu_online_mask)[0] & ~(1UL << smp_processor_id());
	ktime_t end = ktime_get() + NSEC_PER_SEC;

	if (!mask)
		return;
	smp_cross_call(mask, IPI_CPU_STOP);
	while (num_online_cpus() > 1 && ktime_get() < end)
		cpu_relax();
	if (num_online_cpus() > 1)
		pr_warn("SMP: failed to stop secondary CPUs %lx\n",
			cpumask_bits(cpu_online_mask)[0] & ~(1UL << smp_processor_id()));
}

/* Enables the IPIs on this cpu; the boot cpu requested them in smp_prepare_cpus. */
static void ipi_setup(void)
{
	for (int i = 0; i < NR_IPI; i++)
		enable_percpu_irq(ipi_irq[i], 0);
}

static void __init set_smp_ipi_range(void)
{
	for (int i = 0; i < NR_IPI; i++) {
		ipi_irq[i] = gic_ipi_irq(i);
		if (!ipi_irq[i] || ipi_irq[i] != ipi_irq[0] + i ||
		    request_percpu_irq(ipi_irq[i], ipi_handler, "IPI", NULL))
			panic("SMP: cannot request IPI%d (irq %u)", i, ipi_irq[i]);
	}
	ipi_setup();
}

/* The IPI rows of /proc/interrupts, then the error count, as Linux prints them. */
int arch_show_interrupts(struct seq_file *p, int prec)
{
	unsigned int cpu;

	for (int i = 0; i < NR_IPI && ipi_irq[0]; i++) {
		seq_printf(p, "%*s%u:%s", prec - 1, "IPI", i, prec >= 4 ? " " : "");
		for_each_online_cpu(cpu)
			seq_printf(p, "%10u ", kstat_irqs_cpu(ipi_irq[i], cpu));
		seq_printf(p, "      %s\n", ipi_types[i]);
	}
	seq_printf(p, "%*s: %10lu\n", prec, "Err", 0UL);
	return 0;
}

/*
 * smp_prepare_boot_cpu - right after setup_per_cpu_areas: number every possible cpu in
 * its per-cpu area, move the boot cpu onto its own unit, and record its caches.
 */
void __init smp_prepare_boot_cpu(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		per_cpu(cpu_number, cpu) = (int)cpu;
	set_my_cpu_offset(per_cpu_offset(smp_processor_id()));
	cpuinfo_store_cpu(0);
	cpu_enable_pan();
	setup_elf_hwcaps();
}

/* A secondary that cannot run (no interrupt controller interface) stays off for good. */
static void __noreturn cpu_die_early(unsigned int cpu)
{
	pr_crit("CPU%u: will not boot\n", cpu);
	set_cpu_present(cpu, false);
	cpu_park_loop();
}

/*
 * secondary_start_kernel - a secondary cpu's C entry, on its idle stack with the MMU on
 * (head.S __secondary_switched). Sets up its interrupt controller, tick and IPIs, says
 * it is online, then idles.
 */
void secondary_start_kernel(unsigned int cpu, unsigned int boot_mode)
{
	u64 mpidr = read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK;

	set_my_cpu_offset(per_cpu_offset(cpu));
	cpu_uninstall_idmap();
	secondary_boot_mode[cpu] = boot_mode;
	cpuinfo_store_cpu(cpu);
	cpu_enable_pan();
	if (gic_cpu_init_this_cpu(cpu))
		cpu_die_early(cpu);
	numa_add_cpu(cpu);
	ipi_setup();
	arch_timer_starting_cpu(cpu);
	pr_info("CPU%u: Booted secondary processor 0x%010llx [0x%08x]\n", cpu,
		(unsigned long long)mpidr, (u32)read_sysreg(midr_el1));
	set_cpu_online(cpu, true);
	complete(&cpu_running);
	local_irq_enable();
	cpu_startup_entry();
}

/*
 * Powers cpu on at secondary_entry, on a new idle task's stack, and waits up to five
 * seconds (Linux's limit) for it to come online. A cpu later than that parks itself in
 * head.S: the task is cleared here, and the next cpu's data names another MPIDR.
 */
static int __cpu_up(unsigned int cpu)
{
	struct task_struct *idle = fork_idle(cpu);
	int ret;

	if (IS_ERR(idle))
		return PTR_ERR(idle);
	secondary_data.stack = (u8 *)idle->stack + THREAD_SIZE;
	secondary_data.cpu = cpu;
	/* The task publishes the rest: head.S reads it first, with acquire. */
	__atomic_store_n(&secondary_data.task, idle, __ATOMIC_RELEASE);
	ret = psci_cpu_on(cpu_logical_map(cpu), __pa_symbol(secondary_entry));
	if (ret) {
		pr_err("CPU%u: failed to boot: %d\n", cpu, ret);
		return ret;
	}
	wait_for_completion_timeout(&cpu_running, msecs_to_jiffies(5000));
	if (!cpu_online(cpu)) {
		WRITE_ONCE(secondary_data.task, NULL);
		pr_crit("CPU%u: failed to come online\n", cpu);
		return -EIO;
	}
	return 0;
}

/* Boot cpu: the IPIs, and the call queues every cpu drains. */
static void __init smp_prepare_cpus(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct call_queue *q = per_cpu_ptr(&call_single_queue, cpu);

		spin_lock_init(&q->lock);
		INIT_LIST_HEAD(&q->list);
	}
	numa_add_cpu(smp_processor_id());
	set_smp_ipi_range();
}

static void __init smp_cpus_done(void)
{
	unsigned int cpu;

	pr_info("SMP: Total of %u processors activated.\n", num_online_cpus());
	for_each_online_cpu(cpu)
		if (cpu && secondary_boot_mode[cpu] != __boot_cpu_mode)
			pr_warn("CPU: CPUs started in inconsistent modes\n");
	hyp_mode_check();
	mark_linear_text_alias_ro();
}

/*
 * smp_init - bring up the present cpus, at most maxcpus= of them, one at a time.
 * Context: the boot cpu, interrupts on, after the irq controller and the timer.
 */
void __init smp_init(void)
{
	unsigned int cpu, nodes, cpus;

	smp_prepare_cpus();
	pr_info("smp: Bringing up secondary CPUs ...\n");
	for_each_present_cpu(cpu) {
		if (num_online_cpus() >= setup_max_cpus)
			break;
		if (!cpu_online(cpu))
			__cpu_up(cpu);
	}
	nodes = num_online_nodes();
	cpus = num_online_cpus();
	pr_info("smp: Brought up %u node%s, %u CPU%s\n", nodes, nodes > 1 ? "s" : "",
		cpus, cpus > 1 ? "s" : "");
	smp_cpus_done();
}
