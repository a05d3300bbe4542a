/*
 * Boot self-test of interrupts and time, under selftest=irq: an SGI to self, request_irq's
 * refusals, SPI delivery and disable_irq, the tick against the counter, /proc/interrupts.
 * Prints KTAP ("KTAP version 1", "1..N", "ok N name") like a KUnit suite.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/interrupt.h>
#include <linux/irqchip.h>
#include <linux/irqdesc.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <asm/arch_timer.h>
#include <asm/smp.h>

#define SELFTEST_SGI		7	/* the one SGI Linux's 7 IPIs leave free */
#define SELFTEST_SPI		200	/* SPIs 200, 201: wired to nothing on QEMU virt */
#define TICK_TEST_MS		200
#define TICK_TOLERANCE_PCT	20

/* Written by the handlers (irq context, this cpu), read by the tests. */
static volatile unsigned int hits[2];
static volatile int last_irq;
static unsigned int spi_irq[2];

/* The SGI's per-cpu dev_id: each cpu counts its own. */
static DEFINE_PER_CPU(unsigned int, sgi_hits);

static irqreturn_t count_percpu_handler(int irq, void *dev_id)
{
	++*(volatile unsigned int *)dev_id;
	last_irq = irq;
	return IRQ_HANDLED;
}

static irqreturn_t count_handler(int irq, void *dev_id)
{
	hits[(unsigned int *)dev_id - spi_irq]++;
	last_irq = irq;
	return IRQ_HANDLED;
}

/* Spins (irqs on) until *what reaches want or ms pass; returns *what. */
static unsigned int wait_for(volatile unsigned int *what, unsigned int want, unsigned int ms)
{
	u64 end = arch_counter_get_cntvct() + arch_timer_get_cntfrq() * ms / 1000;

	while (*what < want && arch_counter_get_cntvct() < end)
		cpu_relax();
	return *what;
}

static struct ktap_suite suite;

static void report(bool ok, const char *name)
{
	ktap_report(&suite, ok, name);
}

static void test_sgi_self(void)
{
	unsigned int irq = gic_ipi_irq(SELFTEST_SGI), n;
	volatile unsigned int *mine = this_cpu_ptr(&sgi_hits);
	bool ok;

	*mine = 0;
	ok = !request_percpu_irq(irq, count_percpu_handler, "selftest", &sgi_hits);
	enable_percpu_irq(irq, IRQ_TYPE_NONE);
	gic_send_sgi(1UL << smp_processor_id(), SELFTEST_SGI);
	n = wait_for(mine, 1, 100);
	mdelay(5);
	pr_info("# SGI %d -> irq %u: handler ran %u time(s), expected 1\n", SELFTEST_SGI, irq, *mine);
	ok = ok && n == 1 && *mine == 1 && last_irq == (int)irq;
	disable_percpu_irq(irq);
	free_percpu_irq(irq, &sgi_hits);
	report(ok, "irq_sgi_self");
}

static void test_request_invalid(void)
{
	bool ok = request_irq(0, count_handler, 0, "bad", &spi_irq[0]) == -EINVAL &&
		  request_irq(NR_IRQS, count_handler, 0, "bad", &spi_irq[0]) == -EINVAL &&
		  request_irq(NR_IRQS - 1, count_handler, 0, "bad", &spi_irq[0]) == -EINVAL &&
		  request_irq(spi_irq[0], NULL, 0, "bad", &spi_irq[0]) == -EINVAL &&
		  request_irq(spi_irq[0], count_handler, IRQF_SHARED, "bad", NULL) == -EINVAL &&
		  request_irq(gic_ipi_irq(0), count_handler, 0, "bad", &spi_irq[0]) == -EINVAL;

	report(ok, "irq_request_invalid_einval");
}

static void test_request_busy(void)
{
	bool ok = !request_irq(spi_irq[0], count_handler, 0, "selftest", &spi_irq[0]);

	ok = ok && request_irq(spi_irq[0], count_handler, 0, "second", &spi_irq[1]) == -EBUSY;
	ok = ok && request_irq(spi_irq[0], count_handler, IRQF_SHARED, "second",
			       &spi_irq[1]) == -EBUSY;
	ok = ok && free_irq(spi_irq[0], &spi_irq[0]) != NULL;
	pr_info("# freeing it twice; expecting a warning\n");
	ok = ok && free_irq(spi_irq[0], &spi_irq[0]) == NULL;
	report(ok, "irq_request_busy_ebusy");
}

static void test_spi_delivery_and_disable(void)
{
	unsigned int irq = spi_irq[0];
	bool ok = !request_irq(irq, count_handler, 0, "selftest", &spi_irq[0]);

	hits[0] = 0;
	irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true);
	ok = ok && wait_for(&hits[0], 1, 100) == 1 && last_irq == (int)irq;
	report(ok, "irq_spi_pending_delivered");

	disable_irq(irq);
	irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true);
	mdelay(10);
	ok = hits[0] == 1;
	pr_info("# while disabled: %u deliveries (expected 0)\n", hits[0] - 1);
	enable_irq(irq);
	ok = ok && wait_for(&hits[0], 2, 100) == 2;
	free_irq(irq, &spi_irq[0]);
	report(ok, "irq_disable_stops_delivery");
}

static void test_shared(void)
{
	unsigned int irq = spi_irq[1];
	bool ok = !request_irq(irq, count_handler, IRQF_SHARED, "shared0", &spi_irq[0]) &&
		  !request_irq(irq, count_handler, IRQF_SHARED, "shared1", &spi_irq[1]);

	hits[0] = hits[1] = 0;
	irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true);
	ok = ok && wait_for(&hits[1], 1, 100) == 1 && hits[0] == 1;
	free_irq(irq, &spi_irq[0]);
	free_irq(irq, &spi_irq[1]);
	report(ok, "irq_shared_both_handlers");
}

/*
 * jiffies and the counter at a moment no tick is due: irqs off, and the timer's next
 * deadline (CVAL, the next tick boundary the tick programmed) still ahead of the counter,
 * so every boundary passed has been counted. The suite runs on the boot cpu before
 * smp_init: its tick is the one that advances jiffies. On a loaded host the counter
 * (host time) runs on while the tick's interrupt waits for the vcpu or for QEMU's thread
 * that raises the line; such a sample is taken again after the interrupt is let in.
 */
static unsigned long jiffies_at_counter(u64 *counter)
{
	unsigned long flags, j;
	bool due;

	for (;;) {
		local_irq_save(flags);
		j = READ_ONCE(jiffies);
		*counter = arch_counter_get_cntvct();
		due = *counter >= read_sysreg(cntv_cval_el0);
		local_irq_restore(flags);
		if (!due)
			return j;
		cpu_relax();
	}
}

/* Whether jiffies advance HZ * ms / 1000 over TICK_TEST_MS of counter time, within tolerance. */
static bool tick_rate_within_tolerance(void)
{
	u64 freq = arch_timer_get_cntfrq(), c0, c1, us;
	unsigned long j0, j1, want, got, slack;

	j0 = jiffies_at_counter(&c0);
	while (arch_counter_get_cntvct() - c0 < freq * TICK_TEST_MS / 1000)
		cpu_relax();
	j1 = jiffies_at_counter(&c1);
	us = (c1 - c0) * 1000000 / freq;
	want = us * HZ / 1000000;
	got = j1 - j0;
	slack = want * TICK_TOLERANCE_PCT / 100;
	pr_info("# jiffies +%lu over %llu us of counter; expected %lu +-%d%% (HZ=%d)\n", got,
		(unsigned long long)us, want, TICK_TOLERANCE_PCT, HZ);
	return got >= want - slack && got <= want + slack;
}

/* The tick keeps pace with the counter: jiffies counted against the guest's own clock. */
static void test_tick_jiffies(void)
{
	report(tick_rate_within_tolerance(), "timer_tick_advances_jiffies");
}

/*
 * The interrupt path keeps an interrupted context whole: with x1-x25 holding patterns, spin
 * (irqs on) until jiffies moves, which only the tick's interrupt does, then check them all.
 */
static void test_regs_survive_irq(void)
{
	unsigned long diff;

	__asm__ __volatile__(
	"	ldr	x0, [%1]\n"
	"	.irp	n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25\n"
	"	mov	x\\n, #(0x101 * \\n)\n"
	"	.endr\n"
	"1:	ldr	x26, [%1]\n"
	"	cmp	x26, x0\n"
	"	b.eq	1b\n"
	"	mov	%0, #0\n"
	"	.irp	n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25\n"
	"	mov	x26, #(0x101 * \\n)\n"
	"	eor	x26, x26, x\\n\n"
	"	orr	%0, %0, x26\n"
	"	.endr\n"
	: "=&r" (diff) : "r" (&jiffies_64)
	: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
	  "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24",
	  "x25", "x26", "cc", "memory");
	pr_info("# registers after the tick: %s\n", diff ? "CORRUPTED" : "intact");
	report(!diff, "irq_entry_preserves_registers");
}

static u64 counter_ns(u64 cycles)
{
	return cycles_to_ns(cycles, arch_timer_get_cntfrq());
}

/*
 * ktime_get follows the counter: the counter reads nest with the ktime reads
 * (c0 t0 ca .. cb t1 c1), so ns(cb - ca) <= t1 - t0 <= ns(c1 - c0), give or take a 16 ns
 * cycle, however long the host stalls between reads. mdelay/udelay wait at least as asked.
 */
static void test_ktime_and_delay(void)
{
	u64 c0, ca, cb, c1;
	ktime_t t0, t1, t2;
	bool ok;

	c0 = arch_counter_get_cntvct();
	t0 = ktime_get();
	ca = arch_counter_get_cntvct();
	mdelay(20);
	cb = arch_counter_get_cntvct();
	t1 = ktime_get();
	c1 = arch_counter_get_cntvct();
	udelay(500);
	t2 = ktime_get();
	ok = t1 - t0 >= 20 * 1000000 && t2 - t1 >= 500 * 1000 &&
	     (u64)(t1 - t0) + 32 >= counter_ns(cb - ca) &&
	     (u64)(t1 - t0) <= counter_ns(c1 - c0) + 32;
	pr_info("# mdelay(20): %lld ns by ktime_get, counter says %llu..%llu ns; udelay(500): %lld ns\n",
		(long long)(t1 - t0), (unsigned long long)counter_ns(cb - ca),
		(unsigned long long)counter_ns(c1 - c0), (long long)(t2 - t1));
	report(ok, "timer_ktime_and_delay");
}

/* Parses "%*u: %10u ..." (irq and the first cpu's count); false for other lines. */
static bool parse_irq_line(const char *line, unsigned int *irq, unsigned int *count)
{
	char *p = (char *)line;

	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	*irq = simple_strtoul(p, &p, 10);
	if (*p++ != ':')
		return false;
	while (*p == ' ')
		p++;
	*count = simple_strtoul(p, NULL, 10);
	return true;
}

/* The /proc/interrupts text, printed; the timer's line has Linux's shape and a count. */
static void test_proc_interrupts(void)
{
	static char buf[4096];
	struct seq_file m;
	char *line, *next;
	bool ok = false;

	seq_buf_init(&m, buf, sizeof(buf));
	show_interrupts(&m, NULL);
	seq_buf_str(&m);
	pr_info("# /proc/interrupts:\n");
	for (line = buf; *line; line = next) {
		unsigned int irq, count;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		pr_info("%s\n", line);
		if (strstr(line, "  27 Level     arch_timer") && parse_irq_line(line, &irq, &count))
			ok = irq >= 1 && count > 0 && !seq_has_overflowed(&m);
	}
	report(ok, "irq_proc_interrupts_timer_line");
}

static void __init irq_selftest(void)
{
	static const u32 spec[2][3] = { { 0, SELFTEST_SPI, IRQ_TYPE_EDGE_RISING },
					{ 0, SELFTEST_SPI + 1, IRQ_TYPE_EDGE_RISING } };

	spi_irq[0] = irq_create_of_mapping(irq_default_domain, spec[0], 3);
	spi_irq[1] = irq_create_of_mapping(irq_default_domain, spec[1], 3);
	ktap_begin(&suite, "irq", 10);
	test_sgi_self();
	test_request_invalid();
	test_request_busy();
	test_spi_delivery_and_disable();
	test_shared();
	test_tick_jiffies();
	test_regs_survive_irq();
	test_ktime_and_delay();
	test_proc_interrupts();
	ktap_end(&suite);
}
selftest_early_initcall("irq", irq_selftest);
