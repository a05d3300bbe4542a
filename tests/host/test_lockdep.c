/*
 * Host run of the lock validator's boot self-test (kernel/locking/lockdep_selftest.c):
 * recursion, nesting annotations, order inversions, irq safety, sleeping in atomic
 * context, each case checking that exactly the expected report came.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/selftest.h>
#include "ktest.h"

static int status;

/* What locking_selftest hands its cases to: here the host harness runs them. */
void ktap_run_suite(const char *name, const struct ktap_case *cases, int n)
{
	status = ktest_run_ktap(name, cases, n);
}

int main(void)
{
	locking_selftest();
	return status;
}
