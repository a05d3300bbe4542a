/*
 * The boot self-tests' and benchmarks' runner (CONFIG_SELFTESTS builds only): the
 * selftest= and bench= parameters, the tables of suites the linker builds, the KTAP
 * output every suite shares, and the helpers the allocators' suites drive every cpu with.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/smp.h>
#include <linux/vmstat.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include "../mm/slab.h"

extern const struct selftest __selftests_start[], __selftests_end[];
extern const struct selftest __benchmarks_start[], __benchmarks_end[];

static char selftests[128];
static char benches[128];

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

static bool table_has(const struct selftest *start, const struct selftest *end,
		      const char *name)
{
	for (const struct selftest *t = start; t < end; t++) {
		if (!strcmp(t->name, name))
			return true;
	}
	return false;
}

/*
 * Says on the console which names of list (param= on the command line) no entry of the
 * table answers to, and which names it knows: a misspelt suite would otherwise run nothing
 * and look like a pass.
 */
static void __init check_names(const char *param, const char *list,
			       const struct selftest *start, const struct selftest *end)
{
	char known[128] = "all", names[128], *rest = names, *name;
	size_t len = strlen(known);

	for (const struct selftest *t = start; t < end; t++)
		len += scnprintf(known + len, sizeof(known) - len, " %s", t->name);
	strscpy(names, list, sizeof(names));
	while ((name = strsep(&rest, ","))) {
		if (*name && strcmp(name, "all") && !table_has(start, end, name))
			pr_warn("%s: unknown name \"%s\" (known: %s)\n", param, name, known);
	}
}

static int __init selftest_setup(char *str)
{
	strscpy(selftests, str, sizeof(selftests));
	check_names("selftest", selftests, __selftests_start, __selftests_end);
	return 0;
}
__setup("selftest=", selftest_setup);

static int __init bench_setup(char *str)
{
	strscpy(benches, str, sizeof(benches));
	check_names("bench", benches, __benchmarks_start, __benchmarks_end);
	return 0;
}
__setup("bench=", bench_setup);

int __init selftest_run(const struct selftest *t)
{
	if (list_has(selftests, "all") || list_has(selftests, t->name))
		t->run();
	return 0;
}

int __init benchmark_run(const struct selftest *t)
{
	if (list_has(benches, "all") || list_has(benches, t->name))
		t->run();
	return 0;
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

	ktap_begin(&suite, name, n);
	for (int i = 0; i < n; i++)
		ktap_report(&suite, cases[i].run(), cases[i].name);
	ktap_end(&suite);
}

void selftest_sleep_until_stop(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/*
 * Empty slabs go back to the buddy, each cpu's own included: the same allocations
 * made again may come from another cpu's slabs (the test task moved), and that must
 * not read as a leak. A slab still holding a live object stays counted.
 */
static void shrink_all_slabs(void)
{
	struct kmem_cache *s;

	mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	mutex_unlock(&slab_mutex);
}

unsigned long settled_free_pages(void)
{
	shrink_all_slabs();
	drain_all_pages(NULL);
	vmstat_refresh();
	return nr_free_pages();
}

/*
 * A job every online cpu runs at the same time: the others get it by a function call
 * that does not wait, spin until go, run fn, count themselves in done.
 */
struct smp_job {
	void (*fn)(void *arg, unsigned int cpu);
	void *arg;
	int go;
	int done;
};

static void smp_job_entry(void *p)
{
	struct smp_job *job = p;

	while (!__atomic_load_n(&job->go, __ATOMIC_ACQUIRE))
		cpu_relax();
	job->fn(job->arg, smp_processor_id());
	__atomic_fetch_add(&job->done, 1, __ATOMIC_RELEASE);
}

void run_on_all_cpus(void (*fn)(void *arg, unsigned int cpu), void *arg)
{
	struct smp_job job = { .fn = fn, .arg = arg };
	int n = (int)num_online_cpus();

	smp_call_function(smp_job_entry, &job, false);
	__atomic_store_n(&job.go, 1, __ATOMIC_RELEASE);
	smp_job_entry(&job);
	while (__atomic_load_n(&job.done, __ATOMIC_ACQUIRE) < n)
		cpu_relax();
}
