/*
 * A small KUnit-flavoured harness for host tests: each suite is one binary, each case a
 * function; results print as TAP ("ok N - name"), which tools/run-tests counts.
 * KTEST_SEED in the environment replays a random test; failures print the seed in use.
 */
#ifndef KTEST_H
#define KTEST_H

#include <setjmp.h>
#include <stdio.h>
#include <stdint.h>

struct ktest_case {
	const char *name;
	void (*run)(void);
};

#define KTEST_CASE(fn)	{ #fn, fn }

/* Runs every case in order and prints TAP; returns the process exit status. */
int ktest_run(const char *suite, const struct ktest_case *cases, int n);
struct ktap_case;
/* The same for a boot self-test's cases (linux/selftest.h): each passes when it returns true. */
int ktest_run_ktap(const char *suite, const struct ktap_case *cases, int n);

/* Marks the running case failed with a message; the case goes on. */
void ktest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Marks the running case failed and leaves it at once. */
void ktest_abort(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/* The seed of this run (KTEST_SEED or a fixed default) and a generator drawn from it. */
uint64_t ktest_seed(void);
uint64_t ktest_rand(void);
/* Uniform in [lo, hi]. */
uint64_t ktest_rand_range(uint64_t lo, uint64_t hi);

/* Runs a shell command made printf-style; when it fails the running case is left at once. */
void ktest_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether what the code under test printed (printk) in this case so far contains text. */
int ktest_log_contains(const char *text);

/*
 * Expected kernel failures: code under test that calls BUG/panic or WARN lands here in
 * host builds. KTEST_EXPECT_BUG(stmt) passes when stmt hits BUG() or panic().
 */
extern jmp_buf *ktest_bug_jmp;
extern int ktest_warnings;

#define KTEST_EXPECT_BUG(stmt) do {						\
	jmp_buf __jb; jmp_buf *__old = ktest_bug_jmp;				\
	ktest_bug_jmp = &__jb;							\
	if (setjmp(__jb) == 0) {						\
		stmt;								\
		ktest_bug_jmp = __old;						\
		ktest_fail(__FILE__, __LINE__, "expected BUG from: %s", #stmt);	\
	} else {								\
		ktest_bug_jmp = __old;						\
	}									\
} while (0)

#define EXPECT_TRUE(c) do { if (!(c))						\
	ktest_fail(__FILE__, __LINE__, "expected true: %s", #c); } while (0)
#define EXPECT_FALSE(c) do { if (c)						\
	ktest_fail(__FILE__, __LINE__, "expected false: %s", #c); } while (0)
#define EXPECT_EQ(a, b) do {							\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (__a != __b)								\
		ktest_fail(__FILE__, __LINE__, "%s == %s: 0x%llx != 0x%llx",	\
			   #a, #b, __a, __b);					\
} while (0)
#define EXPECT_NE(a, b) do {							\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (__a == __b)								\
		ktest_fail(__FILE__, __LINE__, "%s != %s: both 0x%llx",	#a, #b, __a); \
} while (0)
#define EXPECT_STREQ(a, b) do {							\
	const char *__a = (a), *__b = (b);					\
	if (!__a || !__b || strcmp(__a, __b))					\
		ktest_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"",	\
			   #a, #b, __a ? __a : "(null)", __b ? __b : "(null)");	\
} while (0)
#define ASSERT_TRUE(c) do { if (!(c))						\
	ktest_abort(__FILE__, __LINE__, "assertion failed: %s", #c); } while (0)
#define ASSERT_EQ(a, b) do {							\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (__a != __b)								\
		ktest_abort(__FILE__, __LINE__, "%s == %s: 0x%llx != 0x%llx",	\
			    #a, #b, __a, __b);					\
} while (0)

#define KTEST_MAIN(suite, ...)							\
int main(void)									\
{										\
	static const struct ktest_case __cases[] = { __VA_ARGS__ };		\
	return ktest_run(suite, __cases,					\
			 (int)(sizeof(__cases) / sizeof(__cases[0])));		\
}

#endif
