/*
 * Boot self-tests and benchmarks (lib/test_NAME.c, lib/NAME_benchmark.c), linked in only
 * by a CONFIG_SELFTESTS=1 build (`make test`, `make bench`), as Linux's CONFIG_TEST_*
 * modules and KUnit suites. selftest=NAME[,NAME...] or selftest=all picks the self-test
 * suites; each prints KUnit's KTAP: "KTAP version 1", "1..N", one "ok"/"not ok" line per
 * case and a "# NAME: pass:P fail:F" summary, which the boot tests read. bench=NAME[,...]
 * picks the benchmarks, which print "bench: ..." lines. A name no suite or benchmark has
 * is reported on the console with the names there are.
 */
#ifndef _LINUX_SELFTEST_H
#define _LINUX_SELFTEST_H

#include <linux/init.h>
#include <linux/types.h>

/*
 * A suite or benchmark as selftest= or bench= names it. The linker gathers them into
 * tables (__selftests_start.., __benchmarks_start..), which the name check reads.
 */
struct selftest {
	const char *name;
	void (*run)(void);
};

/* Runs t when selftest= (or bench=, for a benchmark) named it or "all"; returns 0. */
int selftest_run(const struct selftest *t);
int benchmark_run(const struct selftest *t);

#define __selftest_initcall(level, sec, runner, _name, fn)			\
	static const struct selftest __selftest_##fn __used			\
		__section(sec) __aligned(8) = { _name, fn };			\
	static int __init __selftest_call_##fn(void)				\
	{									\
		return runner(&__selftest_##fn);				\
	}									\
	level##_initcall(__selftest_call_##fn)

/*
 * fn is the suite selftest=name runs: at late_initcall time, with every cpu and the
 * workqueues up, or (early) before the secondary cpus come up. Suites of one level run
 * in link order (the Makefile's SELFTEST_SRC).
 */
#define selftest_initcall(name, fn)						\
	__selftest_initcall(late, ".init.selftests", selftest_run, name, fn)
#define selftest_early_initcall(name, fn)					\
	__selftest_initcall(early, ".init.selftests", selftest_run, name, fn)
/* fn is the benchmark bench=name runs, at late_initcall time after the suites. */
#define benchmark_initcall(name, fn)						\
	__selftest_initcall(late, ".init.benchmarks", benchmark_run, name, fn)

struct ktap_suite {
	const char *name;
	int num;		/* cases reported so far */
	int failed;
};

void ktap_begin(struct ktap_suite *s, const char *name, int ncases);
/* Reports the next case; returns ok so callers can chain. */
bool ktap_report(struct ktap_suite *s, bool ok, const char *name);
void ktap_end(struct ktap_suite *s);

/* A case of a suite whose cases are independent functions: true when it passed. */
struct ktap_case {
	bool (*run)(void);
	const char *name;
};

/*
 * Runs fn(arg, cpu) on every online cpu at the same time (the others from a function
 * call, so with interrupts off there) and returns when all have finished.
 */
void run_on_all_cpus(void (*fn)(void *arg, unsigned int cpu), void *arg);

/*
 * Free pages in the buddy with every cpu's pcp lists drained, empty slabs freed and
 * counter diffs folded: exact, so a test can compare it before and after.
 */
unsigned long settled_free_pages(void);

/* A test kthread's last act: sleeps until kthread_stop (which needs it alive) comes. */
void selftest_sleep_until_stop(void);

/* Runs every case of suite name and reports them. */
void ktap_run_suite(const char *name, const struct ktap_case *cases, int n);

#endif
