/* panic(), and the BUG/WARN reports of include/linux/bug.h. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/console.h>
#include <linux/irqflags.h>
#include <linux/reboot.h>
#include <linux/time.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <asm/stacktrace.h>

/* panic=N: reboot N seconds after a panic; negative is at once; 0 halts. An int, as
 * Linux's: a value out of its range is refused (kstrtoint's -ERANGE). */
int panic_timeout;
/* The cpu that panics first; the others that panic meanwhile stop (Linux's panic_cpu). */
static int panic_cpu = -1;
int oops_in_progress;


/* True for the first panic; a second on this cpu halts, one on another cpu waits. */
static bool panic_enter(void)
{
	int this = raw_smp_processor_id(), old = -1;

	if (__atomic_compare_exchange_n(&panic_cpu, &old, this, false, __ATOMIC_ACQ_REL,
					__ATOMIC_RELAXED))
		return true;
	if (old != this)
		for (;;)
			__asm__ __volatile__("wfi");
	return false;
}

void panic(const char *fmt, ...)
{
	static char buf[1024];
	va_list args;

	local_irq_disable();
	if (!panic_enter())
		machine_halt();
	console_verbose();
	printk_bust_locks();
	if (!have_console())
		pl011_emergency_console();
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	if (!oops_in_progress)
		dump_stack();
	smp_send_stop();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	if (panic_timeout > 0) {
		pr_emerg("Rebooting in %d seconds..\n", panic_timeout);
		/* MSEC_PER_SEC is a long: any int panic_timeout multiplies without overflow. */
		mdelay(panic_timeout * MSEC_PER_SEC);
	}
	if (panic_timeout != 0)
		machine_restart(NULL);
	machine_halt();
}

void __bug(const char *file, int line, const char *cond)
{
	console_verbose();
	pr_crit("kernel BUG at %s:%d!%s%s\n", file, line, cond ? " " : "", cond ? cond : "");
	panic("BUG at %s:%d", file, line);
}

void __warn(const char *file, int line, const char *func, const char *cond)
{
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: CPU: %u PID: %d at %s:%d %s: %s\n", raw_smp_processor_id(),
		current->pid, file, line, func, cond);
	dump_stack();
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}

static int __init panic_setup(char *str)
{
	if (!str || kstrtoint(str, 0, &panic_timeout))
		return -EINVAL;
	return 0;
}
early_param("panic", panic_setup);
