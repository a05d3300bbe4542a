/*
 * Host run of the lock validator's boot self-test (lib/test_lockdep.c, included here to
 * reach its initcall): recursion, nesting annotations, order inversions, irq safety,
 * sleeping in atomic context, each case checking that exactly the expected report came.
 */
#include "../../lib/test_lockdep.c"
#include "ktest.h"

static int status;

/* lib/selftest.c's runner, as selftest=lockdep would have it: the suite runs. */
int selftest_run(const struct selftest *t)
{
	t->run();
	return 0;
}

/* What locking_selftest hands its cases to: here the host harness runs them. */
void ktap_run_suite(const char *name, const struct ktap_case *cases, int n)
{
	status = ktest_run_ktap(name, cases, n);
}

int main(void)
{
	/* The late_initcall selftest_initcall("lockdep", ...) made. */
	__selftest_call_locking_selftest();
	return status;
}
