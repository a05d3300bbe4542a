/*
 * Self-tests of the per-device dirty limits (selftest=writeback): floating proportions
 * age by halves, and a device's share of the dirty limit follows its share of completed
 * writeout within its bdi's min_ratio and max_ratio, on bdis of their own.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/backing-dev.h>
#include <linux/writeback.h>
#include <linux/flex_proportions.h>

#define THRESH	100000UL

static struct backing_dev_info *fast, *slow;

/* Events of one period count half in the next: 300:100, then 200 more for b. */
static bool __init fprop_halves_each_period(void)
{
	struct fprop_global p;
	struct fprop_local_single a, b;
	unsigned long num, den;
	bool ok;

	fprop_global_init(&p);
	fprop_local_init_single(&a);
	fprop_local_init_single(&b);
	for (int i = 0; i < 300; i++)
		__fprop_inc_single_max(&p, &a, FPROP_FRAC_BASE);
	for (int i = 0; i < 100; i++)
		__fprop_inc_single_max(&p, &b, FPROP_FRAC_BASE);
	fprop_fraction_single(&p, &a, &num, &den);
	ok = num == 300 && den == 401;	/* the global count starts at 1 */
	fprop_new_period(&p, 1);
	for (int i = 0; i < 200; i++)
		__fprop_inc_single_max(&p, &b, FPROP_FRAC_BASE);
	fprop_fraction_single(&p, &a, &num, &den);
	ok = ok && num == 150 && den == 400;
	fprop_fraction_single(&p, &b, &num, &den);
	return ok && num == 250;
}

/* 3000 pages written on fast and 1000 on slow: their limits stand 3:1. */
static bool __init thresh_follows_writeout(void)
{
	unsigned long f, s;

	for (int i = 0; i < 3000; i++)
		wb_writeout_inc(&fast->wb);
	for (int i = 0; i < 1000; i++)
		wb_writeout_inc(&slow->wb);
	f = wb_calc_thresh(&fast->wb, THRESH);
	s = wb_calc_thresh(&slow->wb, THRESH);
	pr_info("# writeback: thresh %lu: fast %lu slow %lu\n", THRESH, f, s);
	return s && f + s <= THRESH && f > 2 * s && f < 4 * s;
}

/* min_ratio reserves its share whatever the writeout; max_ratio caps it. */
static bool __init ratios_bound_thresh(void)
{
	bool ok = !bdi_set_min_ratio(slow, 40) && wb_calc_thresh(&slow->wb, THRESH) >= 40000 &&
		  !bdi_set_max_ratio(fast, 10) && wb_calc_thresh(&fast->wb, THRESH) <= 10000;

	return !bdi_set_min_ratio(slow, 0) && !bdi_set_max_ratio(fast, 100) && ok;
}

/* Limits that cannot hold are refused and change nothing. */
static bool __init bad_ratios_einval(void)
{
	bool ok = bdi_set_max_ratio(fast, 101) == -EINVAL && fast->max_ratio == 100;

	ok = !bdi_set_max_ratio(slow, 20) && bdi_set_min_ratio(slow, 30) == -EINVAL && ok;
	ok = !bdi_set_max_ratio(slow, 100) && ok;
	/* 60 + 20 reserved is allowed, 60 + 40 is not: the reserves would take everything. */
	ok = !bdi_set_min_ratio(fast, 60) && !bdi_set_min_ratio(slow, 20) && ok;
	ok = bdi_set_min_ratio(slow, 40) == -EINVAL && slow->min_ratio == 20 && ok;
	return !bdi_set_min_ratio(slow, 0) && !bdi_set_min_ratio(fast, 0) && ok;
}

static const struct ktap_case writeback_cases[] = {
	{ fprop_halves_each_period, "fprop_halves_each_period" },
	{ thresh_follows_writeout, "thresh_follows_writeout" },
	{ ratios_bound_thresh, "ratios_bound_thresh" },
	{ bad_ratios_einval, "bad_ratios_einval" },
};

static void __init writeback_selftest(void)
{
	fast = bdi_alloc(NUMA_NO_NODE);
	slow = bdi_alloc(NUMA_NO_NODE);
	if (fast && slow)
		ktap_run_suite("writeback", writeback_cases, ARRAY_SIZE(writeback_cases));
	else
		pr_err("# writeback: no memory for the test bdis\n");
	if (fast)
		bdi_put(fast);
	if (slow)
		bdi_put(slow);
}
selftest_initcall("writeback", writeback_selftest);
