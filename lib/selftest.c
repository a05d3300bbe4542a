/* The selftest= and bench= parameters, and the KTAP output every boot self-test shares. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/vmstat.h>

static char selftests[128];
static char benches[128];

static int __init selftest_setup(char *str)
{
	strscpy(selftests, str, sizeof(selftests));
	return 0;
}
__setup("selftest=", selftest_setup);

static int __init bench_setup(char *str)
{
	strscpy(benches, str, sizeof(benches));
	return 0;
}
__setup("bench=", bench_setup);

/* Whether the comma-separated list names name. */
static bool list_has(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *s = list; *s; s++) {
		if (!strncmp(s, name, n) && (s[n] == ',' || !s[n]) && (s == list || s[-1] == ','))
			return true;
	}
	return false;
}

bool selftest_enabled(const char *suite)
{
	return list_has(selftests, suite);
}

bool bench_enabled(const char *name)
{
	return list_has(benches, name);
}

void ktap_begin(struct ktap_suite *s, const char *name, int ncases)
{
	s->name = name;
	s->num = 0;
	s->failed = 0;
	pr_info("KTAP version 1\n");
	pr_info("# Subtest: %s\n", name);
	pr_info("1..%d\n", ncases);
}

bool ktap_report(struct ktap_suite *s, bool ok, const char *name)
{
	pr_info("%sok %d %s\n", ok ? "" : "not ", ++s->num, name);
	s->failed += !ok;
	return ok;
}

void ktap_end(struct ktap_suite *s)
{
	pr_info("# %s: pass:%d fail:%d\n", s->name, s->num - s->failed, s->failed);
}

void ktap_run_suite(const char *name, const struct ktap_case *cases, int n)
{
	struct ktap_suite suite;

	if (!selftest_enabled(name))
		return;
	ktap_begin(&suite, name, n);
	for (int i = 0; i < n; i++)
		ktap_report(&suite, cases[i].run(), cases[i].name);
	ktap_end(&suite);
}

unsigned long settled_free_pages(void)
{
	drain_all_pages(NULL);
	vmstat_refresh();
	return nr_free_pages();
}
