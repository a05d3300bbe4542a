/*
 * What each cpu is (Linux's arch/arm64/kernel/cpuinfo.c): its MIDR, recorded as it comes
 * up, and /proc/cpuinfo, one record per online cpu with the hwcaps user space sees.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <asm/elf.h>
#include <asm/sysreg.h>
#include <asm/cpu.h>

/* Each cpu's identification registers, written once by that cpu at bring-up. */
DEFINE_PER_CPU(struct cpuinfo_arm64, cpu_data);

/* AT_HWCAP's bits by name, in Linux's hwcap_str order (bit n is name n). */
static const char *const hwcap_str[] = {
	"fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp",
	"asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4",
	"asimddp", "sha512",
};

/* "Detected PIPT I-cache": CTR_EL0.L1Ip says how the instruction cache is indexed. */
static void cpuinfo_detect_icache_policy(unsigned int cpu)
{
	static const char *const policy[] = { "VPIPT", "AIVIVT", "VIPT", "PIPT" };
	u64 ctr = read_sysreg(ctr_el0);

	pr_info("Detected %s I-cache on CPU%u\n", policy[(ctr >> 14) & 3], cpu);
}

void cpuinfo_store_cpu(unsigned int cpu)
{
	per_cpu(cpu_data, cpu).reg_midr = (u32)read_sysreg(midr_el1);
	cpuinfo_detect_icache_policy(cpu);
}

static int c_show(struct seq_file *m, void *v)
{
	unsigned int cpu = (unsigned int)(unsigned long)v - 1;
	u32 midr = per_cpu(cpu_data, cpu).reg_midr;

	seq_printf(m, "processor\t: %u\n", cpu);
	seq_printf(m, "BogoMIPS\t: %lu.%02lu\n", loops_per_jiffy / (500000UL / HZ),
		   (loops_per_jiffy / (5000UL / HZ)) % 100);
	seq_puts(m, "Features\t:");
	for (unsigned int j = 0; j < ARRAY_SIZE(hwcap_str); j++)
		if (elf_hwcap & (1UL << j))
			seq_printf(m, " %s", hwcap_str[j]);
	seq_puts(m, "\n");
	seq_printf(m, "CPU implementer\t: 0x%02x\n", midr >> 24);
	seq_printf(m, "CPU architecture: 8\n");
	seq_printf(m, "CPU variant\t: 0x%x\n", (midr >> 20) & 0xf);
	seq_printf(m, "CPU part\t: 0x%03x\n", (midr >> 4) & 0xfff);
	seq_printf(m, "CPU revision\t: %u\n\n", midr & 0xf);
	return 0;
}

/* Records are online cpus, as cpu + 1 (NULL ends). */
static void *c_start(struct seq_file *m, loff_t *pos)
{
	unsigned int cpu = cpumask_next((int)*pos - 1, cpu_online_mask);

	*pos = cpu;
	return cpu < nr_cpu_ids ? (void *)(unsigned long)(cpu + 1) : NULL;
}

static void *c_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return c_start(m, pos);
}

static void c_stop(struct seq_file *m, void *v)
{
}

static const struct seq_operations cpuinfo_op = {
	.start	= c_start,
	.next	= c_next,
	.stop	= c_stop,
	.show	= c_show,
};

static int __init proc_cpuinfo_init(void)
{
	proc_create_seq("cpuinfo", 0, NULL, &cpuinfo_op);
	return 0;
}
late_initcall(proc_cpuinfo_init);
