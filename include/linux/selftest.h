/*
 * Boot self-tests and benchmarks. selftest=NAME[,NAME...] picks the self-test suites; each
 * prints KUnit's KTAP: "KTAP version 1", "1..N", one "ok"/"not ok" line per case and a
 * "# NAME: pass:P fail:F" summary, which the boot tests read. bench=NAME[,...] picks the
 * benchmarks (`make bench`), which print "bench: ..." lines.
 */
#ifndef _LINUX_SELFTEST_H
#define _LINUX_SELFTEST_H

#include <linux/types.h>

struct ktap_suite {
	const char *name;
	int num;		/* cases reported so far */
	int failed;
};

/* Whether selftest= named this suite. */
bool selftest_enabled(const char *suite);
/* Whether bench= named this benchmark. */
bool bench_enabled(const char *name);
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
 * Free pages in the buddy with every cpu's pcp lists drained and counter diffs folded:
 * exact, so a test can compare it before and after.
 */
unsigned long settled_free_pages(void);

/* Runs every case of suite name and reports them, when selftest= named the suite. */
void ktap_run_suite(const char *name, const struct ktap_case *cases, int n);

#endif
