/*
 * The ARM PL031 real-time clock of QEMU's virt machine (Linux's rtc-pl031.c with the
 * rtc core's hctosys): its data register counts seconds since 1970, read once at boot
 * to set the wall clock, so programs see the host's date rather than 1970 (top, for one,
 * refreshes its memory figures only once time() has passed 3).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <linux/rtc.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <asm/io.h>

#define RTC_DR		0x00	/* data register: the current time, seconds */
#define PL031_SIZE	0x1000

/* The node's name as Linux names its platform device: "<unit address>.<node name>". */
static const char *pl031_dev_name(int node, char *buf, size_t size)
{
	const char *name = fdt_get_name(initial_boot_params, node, NULL);
	const char *at = name ? strchr(name, '@') : NULL;

	if (!at)
		return name ? name : "pl031";
	snprintf(buf, size, "%s.%.*s", at + 1, (int)(at - name), name);
	return buf;
}

/* The rtc core's rtc_hctosys: the clock's time as the system's. */
static void pl031_hctosys(const char *dev, time64_t secs)
{
	struct timespec64 ts = { .tv_sec = secs };
	struct rtc_time tm;

	if (do_settimeofday64(&ts)) {
		pr_err("rtc-pl031 %s: hctosys: unable to set the system clock\n", dev);
		return;
	}
	rtc_time64_to_tm(secs, &tm);
	pr_info("rtc-pl031 %s: setting system clock to %04d-%02d-%02dT%02d:%02d:%02d UTC (%lld)\n",
		dev, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		tm.tm_sec, (long long)secs);
}

static int __init pl031_init(void)
{
	const void *fdt = initial_boot_params;
	const fdt32_t *reg;
	char buf[64];
	const char *dev;
	void *base;
	int node, len;
	u32 secs;

	if (!fdt)
		return 0;
	node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl031");
	if (node < 0)
		return 0;
	reg = fdt_getprop(fdt, node, "reg", &len);
	dev = pl031_dev_name(node, buf, sizeof(buf));
	if (!reg || len < 16) {
		pr_err("rtc-pl031 %s: no reg property\n", dev);
		return -ENODEV;
	}
	base = ioremap((phys_addr_t)fdt32_ld(reg) << 32 | fdt32_ld(reg + 1), PL031_SIZE);
	if (!base)
		return -ENOMEM;
	/* No rtc class device (/dev/rtc0) here: Linux's "registered as rtc0" is not printed. */
	secs = readl(base + RTC_DR);
	pl031_hctosys(dev, secs);
	iounmap(base);
	return 0;
}
late_initcall(pl031_init);
