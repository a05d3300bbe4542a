/*
 * lkdtm=TYPE on the command line provokes a failure once the kernel is up, so tests can
 * see how the kernel reports it (Linux's lkdtm crash types, reduced to a boot parameter).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/lkdtm.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/delay.h>
#include <asm/memory.h>

static char lkdtm_type[32];

static int __init lkdtm_setup(char *str)
{
	strscpy(lkdtm_type, str, sizeof(lkdtm_type));
	return 0;
}
__setup("lkdtm=", lkdtm_setup);

/* lkdtm_cpu=N: provoke it on cpu N (brought up by then), from a function call there. */
static int lkdtm_cpu;

static int __init lkdtm_cpu_setup(char *str)
{
	unsigned long long cpu;

	if (kstrtoull(str, 0, &cpu) || cpu >= NR_CPUS)
		return -EINVAL;
	lkdtm_cpu = (int)cpu;
	return 0;
}
__setup("lkdtm_cpu=", lkdtm_cpu_setup);

static noinline void lkdtm_access_null(void)
{
	volatile int *p = NULL;

	pr_info("lkdtm: attempting bad read from NULL\n");
	(void)*p;
}

static noinline void lkdtm_write_ro(void)
{
	static const int ro_data = 0xabcd;

	pr_info("lkdtm: attempting bad write to read-only data\n");
	*(volatile int *)&ro_data = 0;
}

/*
 * Text through its linear-map alias, which mark_linear_text_alias_ro made read-only: the
 * word written is the one already there, so a kernel without that protection survives
 * to say FAIL.
 */
static noinline void lkdtm_write_linear_text(void)
{
	u32 *alias = lm_alias(lkdtm_write_linear_text);

	pr_info("lkdtm: attempting bad write to text at %px through its linear alias\n", alias);
	WRITE_ONCE(*alias, READ_ONCE(*alias));
	pr_err("lkdtm: FAIL: survived the write\n");
}

/* "ret": what the EXEC_* types jump to, in places that must not be executable. */
#define INSN_RET	0xd65f03c0
static u32 data_area[4] __aligned(16) = { INSN_RET, INSN_RET, INSN_RET, INSN_RET };
static const u32 rodata_area[4] __aligned(16) = { INSN_RET, INSN_RET, INSN_RET, INSN_RET };

/* Calls dst as a function: data and rodata are mapped PXN, so this must fault. */
static noinline void execute_location(const void *dst)
{
	void (*func)(void) = (void (*)(void))dst;

	pr_info("lkdtm: attempting bad execution at %px\n", dst);
	func();
	pr_err("lkdtm: FAIL: func returned\n");
}

static noinline void lkdtm_exec_data(void)
{
	execute_location(data_area);
}

static noinline void lkdtm_exec_rodata(void)
{
	execute_location(rodata_area);
}

static noinline void lkdtm_undefined(void)
{
	pr_info("lkdtm: attempting an undefined instruction\n");
	__asm__ __volatile__(".inst 0x00000000");
}

/* Sleeps with a spinlock held: might_sleep and schedule must both report it. */
static noinline void lkdtm_atomic_sleep(void)
{
	static DEFINE_SPINLOCK(lock);

	pr_info("lkdtm: sleeping with a spinlock held\n");
	spin_lock(&lock);
	msleep(1);
	spin_unlock(&lock);
}

static void lkdtm_do_action(void *unused)
{
	pr_info("lkdtm: Performing direct entry %s\n", lkdtm_type);
	if (!strcmp(lkdtm_type, "ACCESS_NULL"))
		lkdtm_access_null();
	else if (!strcmp(lkdtm_type, "WRITE_RO"))
		lkdtm_write_ro();
	else if (!strcmp(lkdtm_type, "WRITE_LINEAR_TEXT"))
		lkdtm_write_linear_text();
	else if (!strcmp(lkdtm_type, "EXEC_DATA"))
		lkdtm_exec_data();
	else if (!strcmp(lkdtm_type, "EXEC_RODATA"))
		lkdtm_exec_rodata();
	else if (!strcmp(lkdtm_type, "UNDEFINED"))
		lkdtm_undefined();
	else if (!strcmp(lkdtm_type, "BUG"))
		BUG();
	else if (!strcmp(lkdtm_type, "WARNING"))
		WARN_ON(1);
	else if (!strcmp(lkdtm_type, "ATOMIC_SLEEP"))
		lkdtm_atomic_sleep();
	else if (!strcmp(lkdtm_type, "PANIC"))
		panic("dumptest");
	else
		pr_err("lkdtm: unknown crash type %s\n", lkdtm_type);
}

void lkdtm_boot_trigger(void)
{
	if (!lkdtm_type[0])
		return;
	/* On init's own cpu in init's context, as Linux's lkdtm runs in its writer's. */
	if (lkdtm_cpu == (int)raw_smp_processor_id())
		lkdtm_do_action(NULL);
	else if (smp_call_function_single(lkdtm_cpu, lkdtm_do_action, NULL, true))
		pr_err("lkdtm: cpu %d is not online\n", lkdtm_cpu);
}
