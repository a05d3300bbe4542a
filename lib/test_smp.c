/*
 * Boot self-test of the cpus together, under selftest=smp: every online cpu answers a
 * function call (waited for or not), on_each_cpu reaches all of them, a spinlock keeps
 * a counter exact while every cpu hammers it.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <linux/seq_file.h>
#include <linux/irqdesc.h>

static void note_cpu(void *p)
{
	unsigned int *seen = p;

	seen[smp_processor_id()] = smp_processor_id() + 1;
}

/* Each online cpu runs a waited-for call itself, and no offline cpu is reachable. */
static bool test_call_single_each_cpu(void)
{
	unsigned int seen[NR_CPUS] = { 0 };
	unsigned int cpu;
	bool ok = true;

	for_each_online_cpu(cpu) {
		ok &= smp_call_function_single(cpu, note_cpu, seen, true) == 0;
		ok &= seen[cpu] == cpu + 1;
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (!cpu_online(cpu))
			ok &= smp_call_function_single(cpu, note_cpu, seen, true) == -ENXIO &&
			      !seen[cpu];
	return ok;
}

static void count_call(void *p)
{
	__atomic_fetch_add((int *)p, 1, __ATOMIC_RELAXED);
}

/* Calls that do not wait: 100 rounds to every other cpu all arrive, within a second. */
static bool test_call_nowait(void)
{
	int calls = 0, expect = 100 * ((int)num_online_cpus() - 1);
	ktime_t end = ktime_get() + NSEC_PER_SEC;

	for (int round = 0; round < 100; round++)
		smp_call_function(count_call, &calls, false);
	while (__atomic_load_n(&calls, __ATOMIC_RELAXED) < expect && ktime_get() < end)
		cpu_relax();
	pr_info("# %d of %d calls arrived\n", calls, expect);
	return calls == expect;
}

static void note_cpu_irqs_off(void *p)
{
	unsigned long *mask = p;

	if (irqs_disabled())
		__atomic_fetch_or(mask, 1UL << smp_processor_id(), __ATOMIC_RELAXED);
}

/* on_each_cpu runs on exactly the online cpus, each with interrupts off. */
static bool test_on_each_cpu(void)
{
	unsigned long mask = 0;

	on_each_cpu(note_cpu_irqs_off, &mask, true);
	return mask == cpumask_bits(cpu_online_mask)[0];
}

/*
 * Enough rounds for every pair of cpus to meet in the lock many times. Each handover
 * of the ticket lock needs the next cpu's host thread to run: under TCG on a loaded
 * host (QEMU's WFE and YIELD do not give the host cpu away) a handover can take a host
 * time slice, so more rounds buy minutes of wall time, not coverage.
 */
#define LOCK_ROUNDS	500

struct lock_stress {
	spinlock_t lock;
	unsigned long counter;		/* under lock, deliberately not atomic */
	int holder;			/* cpu inside the lock, -1 when free */
	int overlaps;			/* times a cpu found another inside */
};

static void lock_stress_fn(void *p, unsigned int cpu)
{
	struct lock_stress *ls = p;
	unsigned long flags;

	for (int i = 0; i < LOCK_ROUNDS; i++) {
		spin_lock_irqsave(&ls->lock, flags);
		if (READ_ONCE(ls->holder) != -1)
			ls->overlaps++;
		WRITE_ONCE(ls->holder, (int)cpu);
		ls->counter++;
		if (READ_ONCE(ls->holder) != (int)cpu)
			ls->overlaps++;
		WRITE_ONCE(ls->holder, -1);
		spin_unlock_irqrestore(&ls->lock, flags);
	}
}

/* Every cpu takes one lock LOCK_ROUNDS times: the count is exact and nobody overlapped. */
static bool test_spinlock_all_cpus(void)
{
	struct lock_stress ls = { .holder = -1 };
	unsigned long expect = (unsigned long)LOCK_ROUNDS * num_online_cpus();

	spin_lock_init(&ls.lock);
	run_on_all_cpus(lock_stress_fn, &ls);
	pr_info("# counter %lu, expected %lu, overlaps %d\n", ls.counter, expect, ls.overlaps);
	return ls.counter == expect && !ls.overlaps;
}

/* The counts of row "IPI1:" of /proc/interrupts text buf, one per online cpu. */
static bool parse_ipi1_row(char *buf, unsigned long *counts, unsigned int n)
{
	char *p = strstr(buf, "IPI1:");

	if (!p)
		return false;
	p += 5;
	for (unsigned int i = 0; i < n; i++) {
		char *end;

		while (*p == ' ')
			p++;
		counts[i] = simple_strtoul(p, &end, 10);
		if (end == p)
			return false;
		p = end;
	}
	return !strncmp(p, "       Function call interrupts\n", 31);
}

/*
 * /proc/interrupts (printed) has Linux's IPI rows, and the calls above show as function
 * call interrupts on every cpu but the boot cpu, which sent them.
 */
static bool test_proc_interrupts_ipis(void)
{
	static char buf[4096];
	unsigned long counts[NR_CPUS];
	unsigned int n = num_online_cpus();
	struct seq_file m;
	bool ok;

	seq_buf_init(&m, buf, sizeof(buf));
	show_interrupts(&m, NULL);
	seq_buf_str(&m);
	pr_info("# /proc/interrupts:\n%s", buf);
	ok = !seq_has_overflowed(&m) && parse_ipi1_row(buf, counts, n) &&
	     strstr(buf, "IPI6:") && strstr(buf, "CPU wake-up interrupts\n");
	for (unsigned int i = 1; ok && i < n; i++)
		ok = counts[i] > 0;
	return ok;
}

static const struct ktap_case cases[] = {
	{ test_call_single_each_cpu, "smp_call_single_each_cpu" },
	{ test_call_nowait, "smp_call_nowait" },
	{ test_on_each_cpu, "smp_on_each_cpu" },
	{ test_spinlock_all_cpus, "smp_spinlock_all_cpus" },
	{ test_proc_interrupts_ipis, "smp_proc_interrupts_ipis" },
};

/* Runs the suite when selftest=smp; after smp_init, interrupts on. */
static void __init smp_selftest(void)
{
	ktap_run_suite("smp", cases, ARRAY_SIZE(cases));
}
selftest_initcall("smp", smp_selftest);
