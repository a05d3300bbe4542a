/* The host test harness (see ktest.h) and the kernel services host builds link against:
 * printk to stdout, panic/BUG/WARN caught for the test in progress. */
#include <execinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include "ktest.h"

jmp_buf *ktest_bug_jmp;
int ktest_warnings;
static jmp_buf case_jmp;
static int case_failed;
static uint64_t rng_state;
static uint64_t seed;
/* What the code under test printed in the running case, for ktest_log_contains. */
static char case_log[1 << 16];
static size_t case_log_len;

static void vreport(const char *file, int line, const char *fmt, va_list ap)
{
	printf("# %s:%d: ", file, line);
	vprintf(fmt, ap);
	printf(" (seed %llu)\n", (unsigned long long)seed);
}

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
	case_failed = 1;
}

void ktest_abort(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
	case_failed = 1;
	longjmp(case_jmp, 1);
}

uint64_t ktest_seed(void)
{
	return seed;
}

/* splitmix64: small, and every seed gives a good sequence. */
uint64_t ktest_rand(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t ktest_rand_range(uint64_t lo, uint64_t hi)
{
	if (hi - lo == UINT64_MAX)
		return ktest_rand();
	return lo + ktest_rand() % (hi - lo + 1);
}

static void tap_start(const char *suite, int n)
{
	const char *env = getenv("KTEST_SEED");

	seed = env ? strtoull(env, NULL, 0) : 20261124;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n# suite: %s\n1..%d\n", suite, n);
}

/*
 * Case number i: the simulated cpu's state reset, run (or krun, which fails the case by
 * returning false), then what every case must leave: no locking bug lockdep reported.
 * Returns whether it failed.
 */
static int run_case(int i, const char *name, void (*run)(void), bool (*krun)(void))
{
	rng_state = seed;
	case_failed = 0;
	case_log_len = 0;
	ktest_bug_jmp = NULL;
	host_irqs_off = 0;
	host_preempt_count = 0;
	lockdep_reset();
	if (setjmp(case_jmp) == 0) {
		if (run)
			run();
		else if (!krun())
			ktest_fail(__FILE__, __LINE__, "%s returned false", name);
	}
	if (!debug_locks)
		ktest_fail(__FILE__, __LINE__, "lockdep reported a locking bug "
			   "(KTEST_VERBOSE=1 shows it)");
	printf("%sok %d - %s\n", case_failed ? "not " : "", i + 1, name);
	return case_failed;
}

int ktest_run(const char *suite, const struct ktest_case *cases, int n)
{
	int failed = 0;

	tap_start(suite, n);
	for (int i = 0; i < n; i++)
		failed += run_case(i, cases[i].name, cases[i].run, NULL);
	return failed ? 1 : 0;
}

int ktest_run_ktap(const char *suite, const struct ktap_case *cases, int n)
{
	int failed = 0;

	tap_start(suite, n);
	for (int i = 0; i < n; i++)
		failed += run_case(i, cases[i].name, NULL, cases[i].run);
	return failed ? 1 : 0;
}

void ktest_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		ktest_abort(__FILE__, __LINE__, "command failed: %s", cmd);
}

/* ---- what the kernel code under test calls ---- */

int ktest_log_contains(const char *text)
{
	case_log[min(case_log_len, sizeof(case_log) - 1)] = '\0';
	return strstr(case_log, text) != NULL;
}

int vprintk(const char *fmt, va_list args)
{
	size_t room = sizeof(case_log) - 1 - min(case_log_len, sizeof(case_log) - 1);
	va_list copy;
	int n;

	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	va_copy(copy, args);
	n = vsnprintf(case_log + sizeof(case_log) - 1 - room, room + 1, fmt, copy);
	va_end(copy);
	if (n > 0)
		case_log_len += min((size_t)n, room);
	if (getenv("KTEST_VERBOSE"))
		vprintf(fmt, args);
	return n;
}

/* lib/vsprintf.c's %pS on the host (tests/host/kernel_lib.mk): no kernel symbol table. */
const char *host_kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
				 unsigned long *offset, char **modname, char *namebuf)
{
	return NULL;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static void __noreturn caught(const char *what, const char *file, int line, const char *cond)
{
	if (ktest_bug_jmp)
		longjmp(*ktest_bug_jmp, 1);
	ktest_abort(file, line, "unexpected %s%s%s", what, cond ? ": " : "", cond ? cond : "");
}

void __bug(const char *file, int line, const char *cond)
{
	caught("BUG", file, line, cond);
}

void __warn(const char *file, int line, const char *func, const char *cond)
{
	ktest_warnings++;
	if (getenv("KTEST_VERBOSE"))
		printf("# WARNING at %s:%d %s: %s\n", file, line, func, cond);
}

/* The kernel's prints the frame-record chain; the host's the return addresses (verbose). */
void dump_stack(void)
{
	void *frames[32];

	if (getenv("KTEST_VERBOSE"))
		backtrace_symbols_fd(frames, backtrace(frames, 32), 1);
}

void __noreturn panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	caught("panic", "panic()", 0, msg);
}
int host_irqs_off;
int host_preempt_count;

/*
 * The kernel's might_sleep check: anything that may sleep with "interrupts off" or a
 * spinlock held (each counts in host_preempt_count, as in the kernel) fails the case,
 * unless a test of the validator expects the report.
 */
void __might_sleep(const char *file, int line)
{
	if (!host_irqs_off && !in_atomic())
		return;
	if (!lockdep_report(LOCKDEP_SLEEP))
		return;
	printk("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	lockdep_print_held_locks();
	ktest_abort(file, line, "may sleep, with interrupts off (%d) or preempt_count %d",
		    host_irqs_off, host_preempt_count);
}
