/* Host tests of the kernel's C library (lib/string.c, vsprintf.c, kstrtox.c, cmdline.c),
 * linked in with a k_ prefix (see klib.mk) and compared against libc or hand-checked text. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include "ktest.h"

/* lib/string.c */
void *k_memcpy(void *dst, const void *src, size_t n);
void *k_memmove(void *dst, const void *src, size_t n);
void *k_memset(void *s, int c, size_t n);
int k_memcmp(const void *a, const void *b, size_t n);
void *k_memchr(const void *s, int c, size_t n);
size_t k_strlen(const char *s);
size_t k_strnlen(const char *s, size_t maxlen);
int k_strcmp(const char *a, const char *b);
int k_strncmp(const char *a, const char *b, size_t n);
char *k_strchr(const char *s, int c);
char *k_strrchr(const char *s, int c);
char *k_strstr(const char *haystack, const char *needle);
char *k_strsep(char **s, const char *delim);
ssize_t k_strscpy(char *dst, const char *src, size_t size);
char *k_skip_spaces(const char *s);
char *k_strim(char *s);
/* lib/vsprintf.c: no format attribute, so the Linux-only formats below pass -Werror. */
int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int k_snprintf(char *buf, size_t size, const char *fmt, ...);
int k_vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int k_scnprintf(char *buf, size_t size, const char *fmt, ...);
int k_sprintf(char *buf, const char *fmt, ...);
/* lib/kstrtox.c and lib/cmdline.c */
unsigned long long k_simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long k_simple_strtoul(const char *cp, char **endp, unsigned int base);
long k_simple_strtol(const char *cp, char **endp, unsigned int base);
int k_kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int k_kstrtoll(const char *s, unsigned int base, long long *res);
int k_kstrtoul(const char *s, unsigned int base, unsigned long *res);
int k_kstrtol(const char *s, unsigned int base, long *res);
int k_kstrtoint(const char *s, unsigned int base, int *res);
int k_kstrtouint(const char *s, unsigned int base, unsigned int *res);
int k_kstrtobool(const char *s, bool *res);
unsigned long long k_memparse(const char *ptr, char **retptr);
int k_get_option(char **str, int *pint);
char *k_next_arg(char *args, char **param, char **val);

#define GUARD	0xa5
#define ARRAY_SIZE_OF(a)	(sizeof(a) / sizeof((a)[0]))

static size_t min_sz(size_t a, size_t b)
{
	return a < b ? a : b;
}

static int sign_of(long v)
{
	return (v > 0) - (v < 0);
}

static void fill_random(void *p, size_t n)
{
	unsigned char *b = p;

	while (n--)
		*b++ = ktest_rand();
}

/* ---- lib/string.c ------------------------------------------------------------------- */

/*
 * memcpy of every length 0..130 and 256, between every pair of offsets 0..15:
 *   src  [......SSSSSSSS......]
 *   dst  [gggggggDDDDDDDDggggg]   D == S afterwards, every g (guard) untouched.
 */
static void test_memcpy_alignments(void)
{
	static unsigned char src[300], dst[300], want[300];
	static const size_t extra[] = { 256, 200, 131 };

	fill_random(src, sizeof(src));
	for (size_t so = 0; so < 16; so++) {
		for (size_t d0 = 0; d0 < 16; d0++) {
			for (size_t n = 0; n < 131 + ARRAY_SIZE_OF(extra); n++) {
				size_t len = n < 131 ? n : extra[n - 131];

				memset(dst, GUARD, sizeof(dst));
				memset(want, GUARD, sizeof(want));
				memcpy(want + d0, src + so, len);
				ASSERT_TRUE(k_memcpy(dst + d0, src + so, len) == dst + d0);
				if (memcmp(dst, want, sizeof(dst)))
					ktest_abort(__FILE__, __LINE__,
						    "memcpy so=%zu do=%zu n=%zu", so, d0, len);
			}
		}
	}
}

/*
 * memmove inside one buffer, for every src/dst offset pair 0..39 and lengths 0..48 plus
 * long ones, overlapping either way:
 *   [..SSSSSSSS....]        [....SSSSSSSS..]
 *   [....DDDDDDDD..]  and   [..DDDDDDDD....]
 * The result must equal a copy made through a temporary buffer.
 */
static void test_memmove_overlap(void)
{
	static unsigned char buf[400], want[400], tmp[400], orig[400];
	static const size_t longs[] = { 64, 100, 255, 333 };

	fill_random(orig, sizeof(orig));
	for (size_t so = 0; so < 40; so++) {
		for (size_t d0 = 0; d0 < 40; d0++) {
			for (size_t n = 0; n < 49 + 4; n++) {
				size_t len = n < 49 ? n : longs[n - 49];

				memcpy(buf, orig, sizeof(buf));
				memcpy(want, orig, sizeof(want));
				memcpy(tmp, orig + so, len);
				memcpy(want + d0, tmp, len);
				ASSERT_TRUE(k_memmove(buf + d0, buf + so, len) == buf + d0);
				if (memcmp(buf, want, sizeof(buf)))
					ktest_abort(__FILE__, __LINE__,
						    "memmove so=%zu do=%zu n=%zu", so, d0, len);
			}
		}
	}
}

/* memset at every offset 0..15 and length 0..130; only the low byte of c counts. */
static void test_memset_alignments(void)
{
	static unsigned char buf[300], want[300];

	for (size_t off = 0; off < 16; off++) {
		for (size_t len = 0; len <= 130; len++) {
			int c = (int)ktest_rand_range(0, 0x3ff) - 0x100;

			memset(buf, GUARD, sizeof(buf));
			memset(want, GUARD, sizeof(want));
			memset(want + off, c, len);
			ASSERT_TRUE(k_memset(buf + off, c, len) == buf + off);
			if (memcmp(buf, want, sizeof(buf)))
				ktest_abort(__FILE__, __LINE__, "memset off=%zu len=%zu c=%d",
					    off, len, c);
		}
	}
}

/* memcmp against libc: equal buffers, one differing byte anywhere, every alignment. */
static void test_memcmp_random(void)
{
	static unsigned char a[200], b[200];

	for (int iter = 0; iter < 20000; iter++) {
		size_t oa = ktest_rand_range(0, 15), ob = ktest_rand_range(0, 15);
		size_t len = ktest_rand_range(0, 150);

		fill_random(a, sizeof(a));
		memcpy(b + ob, a + oa, len);
		if (len && ktest_rand() % 4) {
			size_t at = ktest_rand_range(0, len - 1);

			b[ob + at] = ktest_rand();
		}
		EXPECT_EQ(sign_of(k_memcmp(a + oa, b + ob, len)),
			  sign_of(memcmp(a + oa, b + ob, len)));
	}
	/* Bytes above 0x7f compare as unsigned. */
	EXPECT_EQ(sign_of(k_memcmp("\x80", "\x01", 1)), 1);
}

/* memchr and strnlen on buffers of exact size (ASan catches a read past the end). */
static void test_memchr_strnlen_exact(void)
{
	for (int iter = 0; iter < 5000; iter++) {
		size_t len = ktest_rand_range(0, 64);
		unsigned char *p = malloc(len ? len : 1);
		int c = ktest_rand_range(0, 255);

		for (size_t i = 0; i < len; i++)
			p[i] = ktest_rand_range(1, 8) * 31;
		EXPECT_TRUE(k_memchr(p, c, len) == memchr(p, c, len));
		EXPECT_TRUE(k_memchr(p, c + 256, len) == memchr(p, c, len));
		EXPECT_EQ(k_strnlen((char *)p, len), len);
		if (len) {
			p[len - 1] = 0;
			EXPECT_EQ(k_strnlen((char *)p, len), strlen((char *)p));
			EXPECT_EQ(k_strlen((char *)p), strlen((char *)p));
			EXPECT_EQ(k_strnlen((char *)p, 0), 0);
		}
		free(p);
	}
}

/* A random NUL-terminated string over a small alphabet, so searches find things. */
static void random_string(char *s, size_t max, const char *alphabet)
{
	size_t len = ktest_rand_range(0, max), n = strlen(alphabet);

	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[ktest_rand() % n];
	s[len] = '\0';
}

/* strcmp/strncmp (sign only), strchr/strrchr/strstr against libc on random strings. */
static void test_str_compare_search_random(void)
{
	static const char alpha[] = "ab\xc3\x80z";
	char a[40], b[40];

	for (int iter = 0; iter < 20000; iter++) {
		int c = (int)(signed char)alpha[ktest_rand() % 5];
		size_t n = ktest_rand_range(0, 12);

		random_string(a, 12, alpha);
		random_string(b, iter & 1 ? 3 : 12, alpha);
		EXPECT_EQ(sign_of(k_strcmp(a, b)), sign_of(strcmp(a, b)));
		EXPECT_EQ(sign_of(k_strncmp(a, b, n)), sign_of(strncmp(a, b, n)));
		EXPECT_EQ(k_strcmp(a, a), 0);
		EXPECT_TRUE(k_strchr(a, c) == strchr(a, c));
		EXPECT_TRUE(k_strrchr(a, c) == strrchr(a, c));
		EXPECT_TRUE(k_strchr(a, 0) == a + strlen(a));
		EXPECT_TRUE(k_strrchr(a, 0) == a + strlen(a));
		EXPECT_TRUE(k_strstr(a, b) == strstr(a, b));
	}
	EXPECT_TRUE(k_strstr("abc", "") != NULL && !strcmp(k_strstr("abc", ""), "abc"));
	EXPECT_TRUE(k_strstr("", "a") == NULL);
	EXPECT_EQ(k_strncmp("abc", "abd", 2), 0);
	EXPECT_EQ(k_strcmp("a", "ab"), -1);
	EXPECT_EQ(k_strcmp("\xff", "a"), 1);
}

/* strsep walks "a,b;;c" token by token, empty tokens included, then leaves *s NULL. */
static void test_strsep(void)
{
	char buf[] = "a,b;;c";
	char *s = buf;

	EXPECT_STREQ(k_strsep(&s, ",;"), "a");
	EXPECT_STREQ(k_strsep(&s, ",;"), "b");
	EXPECT_STREQ(k_strsep(&s, ",;"), "");
	EXPECT_STREQ(k_strsep(&s, ",;"), "c");
	EXPECT_TRUE(s == NULL);
	EXPECT_TRUE(k_strsep(&s, ",;") == NULL);
}

/*
 * strscpy: fits -> length; too long -> -E2BIG with size-1 bytes and a NUL; size 0 ->
 * -E2BIG and nothing written. The source buffer is exact-size for ASan.
 */
static void test_strscpy(void)
{
	char dst[16];
	char *src = strdup("hello");

	memset(dst, GUARD, sizeof(dst));
	EXPECT_EQ(k_strscpy(dst, src, sizeof(dst)), 5);
	EXPECT_STREQ(dst, "hello");
	EXPECT_EQ((unsigned char)dst[6], GUARD);

	memset(dst, GUARD, sizeof(dst));
	EXPECT_EQ(k_strscpy(dst, src, 6), 5);
	EXPECT_STREQ(dst, "hello");

	memset(dst, GUARD, sizeof(dst));
	EXPECT_EQ(k_strscpy(dst, src, 5), -E2BIG);
	EXPECT_STREQ(dst, "hell");
	EXPECT_EQ((unsigned char)dst[5], GUARD);

	memset(dst, GUARD, sizeof(dst));
	EXPECT_EQ(k_strscpy(dst, src, 1), -E2BIG);
	EXPECT_EQ(dst[0], 0);
	EXPECT_EQ((unsigned char)dst[1], GUARD);

	memset(dst, GUARD, sizeof(dst));
	EXPECT_EQ(k_strscpy(dst, src, 0), -E2BIG);
	EXPECT_EQ((unsigned char)dst[0], GUARD);

	int warnings = ktest_warnings;

	EXPECT_EQ(k_strscpy(dst, src, (size_t)INT_MAX + 1), -E2BIG);
	EXPECT_EQ(ktest_warnings, warnings + 1);
	EXPECT_EQ((unsigned char)dst[0], GUARD);
	EXPECT_EQ(k_strscpy(dst, "", 4), 0);
	EXPECT_STREQ(dst, "");
	free(src);
}

/* skip_spaces and strim on leading/trailing blanks, all-blank and empty strings. */
static void test_skip_spaces_strim(void)
{
	char a[] = " \t\n hi there \r\n\v\f ";
	char b[] = "   ";
	char c[] = "x";

	EXPECT_STREQ(k_skip_spaces(" \t\nabc "), "abc ");
	EXPECT_STREQ(k_skip_spaces(""), "");
	EXPECT_STREQ(k_strim(a), "hi there");
	EXPECT_STREQ(a, " \t\n hi there");
	EXPECT_STREQ(k_strim(b), "");
	EXPECT_STREQ(k_strim(c), "x");
	/* An empty string is left alone: strim of a literal "" writes nothing. */
	EXPECT_STREQ(k_strim((char *)""), "");
}

/* ---- lib/vsprintf.c: random formats against libc ------------------------------------ */

enum { W_NONE, W_DIGITS, W_STAR };
enum { P_NONE, P_DIGITS, P_DOT, P_STAR };
enum arg_kind { ARG_INT, ARG_LONG, ARG_LLONG, ARG_STR };

/* One random conversion with literal text around it. */
struct pf_case {
	char flags[8];
	int width_kind, width;		/* width: digits, or the '*' argument (may be < 0) */
	int prec_kind, prec;		/* prec: digits, or the '*' argument (may be < 0) */
	const char *qual;
	char conv;
	enum arg_kind kind;
	long long val;
	const char *str;
	char lead[8], trail[8];		/* literal text; "%%" prints '%' */
};

typedef int (*printf_fn)(char *buf, size_t size, const char *fmt, ...);

static int call_printf(printf_fn fn, char *buf, size_t size, const char *fmt,
		       const int *stars, int nstars, const struct pf_case *c)
{
#define CALL(v) (nstars == 0 ? fn(buf, size, fmt, v) :				\
		 nstars == 1 ? fn(buf, size, fmt, stars[0], v) :		\
		 fn(buf, size, fmt, stars[0], stars[1], v))
	switch (c->kind) {
	case ARG_INT:
		return CALL((int)c->val);
	case ARG_LONG:
		return CALL((long)c->val);
	case ARG_LLONG:
		return CALL((long long)c->val);
	default:
		return CALL(c->str);
	}
#undef CALL
}

static bool is_numeric(char conv)
{
	return strchr("diuxXo", conv) != NULL;
}

/* Whether the argument is 0 once cut to the qualifier's width. */
static bool value_is_zero(const struct pf_case *c)
{
	if (!strcmp(c->qual, "hh"))
		return (unsigned char)c->val == 0;
	if (!strcmp(c->qual, "h"))
		return (unsigned short)c->val == 0;
	if (!c->qual[0])
		return (unsigned int)c->val == 0;
	return c->val == 0;
}

static long long random_value(void)
{
	static const long long special[] = {
		0, 1, -1, 7, -7, 8, 10, 255, 256, 65535, 65536, INT_MAX, INT_MIN, UINT_MAX,
		LLONG_MAX, LLONG_MIN, 0x8000000000000000ULL - 1, 1000000000000LL,
	};

	if (ktest_rand() % 4 == 0)
		return special[ktest_rand() % ARRAY_SIZE_OF(special)];
	return (long long)(ktest_rand() >> ktest_rand_range(0, 63));
}

static void random_literal(char *s)
{
	static const char chars[] = "ab: -=x%";
	int n = ktest_rand_range(0, 3), i = 0;

	while (n--) {
		char ch = chars[ktest_rand() % (sizeof(chars) - 1)];

		s[i++] = ch;
		if (ch == '%')
			s[i++] = '%';
	}
	s[i] = '\0';
}

static void random_case(struct pf_case *c)
{
	static const char *quals[] = { "", "hh", "h", "l", "ll", "L", "z", "t", "j" };
	static const char *strs[] = {
		"", "a", "hello", "hello, world", "0123456789abcdefghijklmnopqrstuvwxyz",
	};
	static const char convs[] = "diuxXocs";
	int nflags = ktest_rand_range(0, 3);

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < nflags; i++)
		c->flags[i] = "-+ #0"[ktest_rand() % 5];
	c->width_kind = ktest_rand() % 3;
	c->width = c->width_kind == W_STAR ? (int)ktest_rand_range(0, 60) - 30
					   : (int)ktest_rand_range(1, 30);
	c->prec_kind = ktest_rand() % 4;
	c->prec = c->prec_kind == P_STAR ? (int)ktest_rand_range(0, 35) - 5
					 : (int)ktest_rand_range(0, 30);
	c->conv = convs[ktest_rand() % (sizeof(convs) - 1)];
	c->qual = is_numeric(c->conv) ? quals[ktest_rand() % ARRAY_SIZE_OF(quals)] : "";
	c->val = random_value();
	c->str = strs[ktest_rand() % ARRAY_SIZE_OF(strs)];
	if (c->conv == 's')
		c->kind = ARG_STR;
	else if (!strcmp(c->qual, "ll") || !strcmp(c->qual, "L"))
		c->kind = ARG_LLONG;
	else if (c->qual[0] == 'l' || strchr("ztj", c->qual[0] ? c->qual[0] : '?'))
		c->kind = ARG_LONG;
	else
		c->kind = ARG_INT;
	if (c->conv == 'c')
		c->val = ktest_rand_range(0, 255);
	/* Linux differs from C here; those cases are checked by hand below. */
	if (strchr("xX", c->conv) && strchr(c->flags, '#') && value_is_zero(c))
		c->val = 1;
	if (c->conv == 'o' && (c->prec_kind == P_DIGITS || c->prec_kind == P_STAR))
		for (char *f = strchr(c->flags, '#'); f; f = strchr(c->flags, '#'))
			*f = ' ';
	random_literal(c->lead);
	random_literal(c->trail);
}

/* The format k_snprintf gets: Linux's reading of it is what we test. */
static int kernel_format(const struct pf_case *c, char *fmt, int *stars)
{
	int n = 0;

	fmt += sprintf(fmt, "%s%%%s", c->lead, c->flags);
	if (c->width_kind == W_DIGITS)
		fmt += sprintf(fmt, "%d", c->width);
	if (c->width_kind == W_STAR) {
		*fmt++ = '*';
		stars[n++] = c->width;
	}
	if (c->prec_kind == P_DIGITS)
		fmt += sprintf(fmt, ".%d", c->prec);
	if (c->prec_kind == P_DOT)
		*fmt++ = '.';
	if (c->prec_kind == P_STAR) {
		fmt += sprintf(fmt, ".*");
		stars[n++] = c->prec;
	}
	sprintf(fmt, "%s%c%s", c->qual, c->conv, c->trail);
	return n;
}

/* Appends literal text as printf prints it ("%%" -> "%"); returns the new end. */
static char *append_literal(char *out, const char *lit)
{
	for (; *lit; lit++) {
		*out++ = *lit;
		if (*lit == '%')
			lit++;
	}
	return out;
}

/*
 * What Linux prints, from libc's snprintf on an equivalent C format: "%.d" has no
 * precision, a negative '*' precision is 0, 0 with precision 0 prints "0", and with both
 * '0' and a precision Linux zero-fills the width after the sign and 0x prefix (C pads
 * with spaces in front), so that padding is moved by hand.
 */
static int reference(const struct pf_case *c, char *out)
{
	char cfmt[64], mid[256], *p = cfmt, *o = out;
	int stars[2], n = 0, len, width = abs(c->width);
	bool left = strchr(c->flags, '-') || (c->width_kind == W_STAR && c->width < 0);
	int prec = c->prec_kind == P_DIGITS ? c->prec :
		   c->prec_kind == P_STAR ? (c->prec < 0 ? 0 : c->prec) : -1;
	bool move_zeros = is_numeric(c->conv) && strchr(c->flags, '0') && !left && prec >= 0;

	*p++ = '%';
	for (const char *f = c->flags; *f; f++)
		if (!(move_zeros && *f == '0'))
			*p++ = *f;
	if (!move_zeros && c->width_kind == W_DIGITS)
		p += sprintf(p, "%d", c->width);
	if (!move_zeros && c->width_kind == W_STAR) {
		*p++ = '*';
		stars[n++] = c->width;
	}
	if (prec >= 0)
		p += sprintf(p, ".%d", is_numeric(c->conv) && !prec && value_is_zero(c) ? 1 : prec);
	sprintf(p, "%s%c", strcmp(c->qual, "L") ? c->qual : "ll", c->conv);
	len = call_printf(snprintf, mid, sizeof(mid), cfmt, stars, n, c);

	if (move_zeros && c->width_kind != W_NONE && width > len) {
		int at = strchr("di", c->conv) && strchr("+- ", mid[0]) ? 1 : 0;

		if (strchr("xX", c->conv) && strchr(c->flags, '#'))
			at += 2;
		memmove(mid + at + width - len, mid + at, len - at + 1);
		memset(mid + at, '0', width - len);
		len = width;
	}
	o = append_literal(o, c->lead);
	memcpy(o, mid, len);
	o = append_literal(o + len, c->trail);
	*o = '\0';
	return o - out;
}

static void describe(const struct pf_case *c, const char *fmt, const int *stars, int n,
		     char *msg, size_t size)
{
	snprintf(msg, size, "fmt \"%s\" stars %d %d val %lld str \"%s\"", fmt,
		 n > 0 ? stars[0] : 0, n > 1 ? stars[1] : 0, c->val, c->str);
}

/*
 * k_snprintf into size bytes of a buffer with guard bytes around it:
 *   [gggg|out...NUL|gggg....]   the return is the full length, the bytes are the
 *   expected text cut to size-1, one NUL, and no byte outside [0, size) changes.
 */
static void check_truncation(const struct pf_case *c, const char *fmt, const int *stars,
			     int nstars, const char *want, int want_len, size_t size)
{
	static char area[16 + 600];
	char *buf = area + 16, msg[256];
	size_t stored = size ? min_sz((size_t)want_len, size - 1) : 0;
	int ret;

	memset(area, GUARD, sizeof(area));
	/* Size 0 gets NULL half of the time, as Linux callers pass to measure. */
	ret = call_printf(k_snprintf, size || ktest_rand() % 2 ? buf : NULL, size, fmt, stars,
			  nstars, c);
	describe(c, fmt, stars, nstars, msg, sizeof(msg));
	if (ret != want_len || memcmp(buf, want, stored) || (size && buf[stored]))
		ktest_abort(__FILE__, __LINE__, "size %zu: got %d, want %d: %s", size, ret,
			    want_len, msg);
	for (size_t i = 0; i < sizeof(area); i++) {
		if (i >= 16 && i < 16 + stored + (size != 0))
			continue;
		if ((unsigned char)area[i] != GUARD)
			ktest_abort(__FILE__, __LINE__, "size %zu: byte %zd written: %s", size,
				    (ssize_t)i - 16, msg);
	}
}

/*
 * 30000 random single conversions (flags, width, precision, '*', every qualifier, d i u
 * x X o c s, extreme values) against the reference, each also cut at sizes 0, 1, the
 * exact length, one less, and a random size.
 */
static void test_vsnprintf_random_vs_libc(void)
{
	for (int iter = 0; iter < 30000; iter++) {
		struct pf_case c;
		char fmt[64], want[512], got[512], msg[256];
		int stars[2], n, want_len, ret;

		random_case(&c);
		n = kernel_format(&c, fmt, stars);
		want_len = reference(&c, want);
		ret = call_printf(k_snprintf, got, sizeof(got), fmt, stars, n, &c);
		if (ret != want_len || memcmp(got, want, want_len + 1)) {
			describe(&c, fmt, stars, n, msg, sizeof(msg));
			ktest_abort(__FILE__, __LINE__, "%s: got \"%s\" (%d), want \"%s\" (%d)",
				    msg, got, ret, want, want_len);
		}
		check_truncation(&c, fmt, stars, n, want, want_len, 0);
		check_truncation(&c, fmt, stars, n, want, want_len, 1);
		check_truncation(&c, fmt, stars, n, want, want_len, want_len);
		check_truncation(&c, fmt, stars, n, want, want_len, want_len + 1);
		check_truncation(&c, fmt, stars, n, want, want_len,
				 ktest_rand_range(1, want_len + 2));
	}
}

/* ---- lib/vsprintf.c: hand-checked cases ---------------------------------------------- */

static void check_fmt(const char *file, int line, const char *want, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = k_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (ret != (int)strlen(want) || strcmp(buf, want))
		ktest_fail(file, line, "\"%s\": got \"%s\" (%d), want \"%s\"", fmt, buf, ret,
			   want);
}

#define CHECK_FMT(want, ...)	check_fmt(__FILE__, __LINE__, want, __VA_ARGS__)

/* Where Linux's vsnprintf and C99 part ways (lib/vsprintf.c number(), format_decode()). */
static void test_vsnprintf_linux_semantics(void)
{
	CHECK_FMT("0x0", "%#x", 0);
	CHECK_FMT("0X0", "%#X", 0);
	CHECK_FMT("  0x0", "%#5x", 0);
	CHECK_FMT("0x000", "%#05x", 0);
	CHECK_FMT("0", "%#o", 0);
	CHECK_FMT("010", "%#o", 8);
	CHECK_FMT("0010", "%#.3o", 8);
	CHECK_FMT("0", "%.0d", 0);
	CHECK_FMT("0", "%.d", 0);
	CHECK_FMT("abc", "%.s", "abc");
	CHECK_FMT("", "%.*s", -1, "abc");
	CHECK_FMT("0", "%.*d", -3, 0);
	CHECK_FMT("00000005", "%08.3d", 5);
	CHECK_FMT("005     ", "%-08.3d", 5);
	CHECK_FMT("-0000005", "%+08.3d", -5);
	CHECK_FMT("0x00000ab", "%#09.3x", 0xab);
	CHECK_FMT("42   |", "%*d|", -5, 42);
	CHECK_FMT("a  |", "%-3c|", 'a');
	CHECK_FMT("%", "%5%");
	CHECK_FMT("100%", "100%%");
	CHECK_FMT("-1", "%hhd", 255);
	CHECK_FMT("0", "%hhu", 256);
	CHECK_FMT("2345", "%hx", 0x12345);
	CHECK_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT("-9223372036854775808", "%Ld", LLONG_MIN);
	CHECK_FMT("18446744073709551615", "%Lu", -1LL);
	CHECK_FMT("-5", "%jd", (intmax_t)-5);
	CHECK_FMT("18446744073709551615", "%zu", (size_t)-1);
	CHECK_FMT("-1", "%zd", (ssize_t)-1);
	CHECK_FMT("-7", "%td", (ptrdiff_t)-7);
	CHECK_FMT("ffffffff", "%x", -1);
	CHECK_FMT("37777777777", "%o", -1);
	CHECK_FMT("-2147483648", "%i", INT_MIN);
}

/* %s of NULL, of a pointer into the first page and of an error pointer. */
static void test_vsnprintf_bad_strings(void)
{
	CHECK_FMT("(null)", "%s", (char *)NULL);
	CHECK_FMT("(nu", "%.3s", (char *)NULL);
	CHECK_FMT("    (null)", "%10s", (char *)NULL);
	CHECK_FMT("(efault)", "%s", (char *)16);
	CHECK_FMT("(efault)", "%s", (char *)ERR_PTR(-ENOMEM));
}

/* Unknown conversions, %n and a lone trailing '%' stop the output there. */
static void test_vsnprintf_unknown_conversion(void)
{
	char buf[32];

	CHECK_FMT("ab", "ab%qcd%d", 1);
	CHECK_FMT("x", "x%n%d", 1);
	CHECK_FMT("abc", "abc%");
	CHECK_FMT("", "%y%d", 5);
	CHECK_FMT("1 ", "%d %lq", 1);
	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%5"), 0);
	EXPECT_STREQ(buf, "");
}

/* Widths and precisions past Linux's limits are clamped, not overflowed. */
static void test_vsnprintf_huge_width(void)
{
	char buf[16];

	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%99999999999d", 1), (1 << 23) - 1);
	EXPECT_STREQ(buf, "               ");
	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1), (1 << 23) - 1);
	EXPECT_STREQ(buf, "1              ");
	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%.*d", INT_MAX, 1), (1 << 15) - 1);
	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%.99999999s", "abc"), 3);
}

/* vscnprintf/scnprintf return what was stored, sprintf the length, size > INT_MAX WARNs. */
static void test_vscnprintf_sprintf(void)
{
	char buf[64];
	int warnings = ktest_warnings;

	EXPECT_EQ(k_scnprintf(buf, 4, "%s", "hello"), 3);
	EXPECT_STREQ(buf, "hel");
	EXPECT_EQ(k_scnprintf(buf, 0, "%s", "hello"), 0);
	EXPECT_EQ(k_scnprintf(buf, 6, "%s", "hello"), 5);
	EXPECT_EQ(k_scnprintf(buf, 5, "%s", "hello"), 4);
	EXPECT_EQ(k_sprintf(buf, "%d-%s", 12, "ab"), 5);
	EXPECT_STREQ(buf, "12-ab");
	EXPECT_EQ(k_snprintf(NULL, 0, "%d", 12345), 5);
	memset(buf, GUARD, sizeof(buf));
	EXPECT_EQ(k_snprintf(buf, (size_t)INT_MAX + 1, "%d", 1), 0);
	EXPECT_EQ(ktest_warnings, warnings + 1);
	EXPECT_EQ((unsigned char)buf[0], GUARD);
	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%s%d%c%%%x", "a", -1, 'z', 255), 7);
	EXPECT_STREQ(buf, "a-1z%ff");
}

/* %p, %px, %pK: the raw address, 16 hex digits without 0x; alphanumerics after are eaten. */
static void test_vsnprintf_px(void)
{
	void *p = (void *)0x1234UL;

	CHECK_FMT("0000000000001234", "%px", p);
	CHECK_FMT("0000000000001234", "%p", p);
	CHECK_FMT("0000000000001234", "%pK", p);
	CHECK_FMT("ffff800008010000", "%px", (void *)0xffff800008010000UL);
	CHECK_FMT("0000000000000000", "%px", NULL);
	CHECK_FMT("0000000000001234.", "%pZz9.", p);
	CHECK_FMT("                1234", "%20px", p);
	CHECK_FMT("1234      |", "%-10px|", p);
	CHECK_FMT("-12", "%pe", ERR_PTR(-12));
	CHECK_FMT("0000000000001234", "%pe", p);
}

/* A fake symbol table for %pS: two kernel functions, one in a module, one whose name is
 * returned from static storage instead of namebuf, one with a 127-character name. */
static char long_name[KSYM_NAME_LEN];
static const struct fake_sym {
	unsigned long addr, size;
	const char *name;
	char *mod;
	bool static_name;
} fake_syms[] = {
	{ 0xffff800008010000UL, 0x200, "start_kernel", NULL, false },
	{ 0xffff800008010200UL, 0x40, "rest_init", NULL, false },
	{ 0xffff800008020000UL, 0x10, "mod_fn", (char *)"mymod", false },
	{ 0xffff800008030000UL, 0x80, "static_sym", NULL, true },
	{ 0xffff800008040000UL, 0x8, long_name, NULL, false },
};

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset, char **modname, char *namebuf)
{
	for (size_t i = 0; i < ARRAY_SIZE_OF(fake_syms); i++) {
		const struct fake_sym *s = &fake_syms[i];

		if (addr < s->addr || addr - s->addr >= s->size)
			continue;
		*symbolsize = s->size;
		*offset = addr - s->addr;
		*modname = s->mod;
		if (s->static_name)
			return s->name;
		snprintf(namebuf, KSYM_NAME_LEN, "%s", s->name);
		return namebuf;
	}
	return NULL;
}

/* %pS name+0xoff/0xsize, %ps name, %pB for return addresses, and misses as 0x<addr>. */
static void test_vsnprintf_symbols(void)
{
	char want[KSYM_NAME_LEN + 16], buf[8];
	unsigned long base = 0xffff800008010000UL;

	memset(long_name, 'x', KSYM_NAME_LEN - 1);
	CHECK_FMT("start_kernel+0x10/0x200", "%pS", (void *)(base + 0x10));
	CHECK_FMT("start_kernel+0x0/0x200", "%pS", (void *)base);
	CHECK_FMT("start_kernel", "%ps", (void *)(base + 0x10));
	CHECK_FMT("rest_init+0x4/0x40", "%pSR", (void *)(base + 0x204));
	/* A return address just past start_kernel's end still names start_kernel. */
	CHECK_FMT("start_kernel+0x200/0x200", "%pB", (void *)(base + 0x200));
	CHECK_FMT("rest_init+0x0/0x40", "%pS", (void *)(base + 0x200));
	CHECK_FMT("mod_fn+0x4/0x10 [mymod]", "%pS", (void *)0xffff800008020004UL);
	CHECK_FMT("mod_fn [mymod]", "%ps", (void *)0xffff800008020004UL);
	CHECK_FMT("static_sym+0x7f/0x80", "%pS", (void *)0xffff80000803007fUL);
	CHECK_FMT("0x1000", "%pS", (void *)0x1000UL);
	CHECK_FMT("0x0", "%pS", NULL);
	CHECK_FMT("0x0", "%pB", NULL);
	CHECK_FMT("0xffff800008050000", "%ps", (void *)0xffff800008050000UL);
	CHECK_FMT("start_kernel        |", "%-20ps|", (void *)base);
	CHECK_FMT("   start_kernel|", "%15ps|", (void *)base);
	CHECK_FMT("start|", "%.5ps|", (void *)base);
	snprintf(want, sizeof(want), "%s+0x1/0x8", long_name);
	CHECK_FMT(want, "%pS", (void *)0xffff800008040001UL);
	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%pS", (void *)(base + 0x10)), 23);
	EXPECT_STREQ(buf, "start_k");
}

/* %pa, %pap, %pad: the value behind the pointer, "0x" and 16 digits whatever the width. */
static void test_vsnprintf_phys_addr(void)
{
	phys_addr_t pa = 0x40000000, top = ~0ULL, zero = 0;
	u64 dma = 0xfe000;

	CHECK_FMT("0x0000000040000000", "%pa", &pa);
	CHECK_FMT("0x0000000040000000", "%pap", &pa);
	CHECK_FMT("0xffffffffffffffff-", "%pa-", &top);
	CHECK_FMT("0x0000000000000000", "%pa", &zero);
	CHECK_FMT("0x00000000000fe000", "%pad", &dma);
	CHECK_FMT("0x0000000040000000", "%40pa", &pa);
	CHECK_FMT("(null)", "%pa", NULL);
}

/*
 * %*pb and %*pbl with width = number of bits:
 *   bits 0-3,5 of 8         -> "2f"        / "0-3,5"
 *   bits 0-3,5,33 of 40     -> "02,0000002f" / "0-3,5,33"
 *   bits 62-66 of 100       -> a range across the word boundary
 */
static void test_vsnprintf_bitmaps(void)
{
	unsigned long a[2] = { 0x2f, 0 }, b[2] = { (1UL << 33) | 0x2f, 0 };
	unsigned long c[2] = { 3UL << 62, 7 }, full[2] = { ~0UL, ~0UL }, alt[1] = { 0x55 };

	CHECK_FMT("2f", "%*pb", 8, a);
	CHECK_FMT("0-3,5", "%*pbl", 8, a);
	CHECK_FMT("f", "%*pb", 4, a);
	CHECK_FMT("0-3", "%*pbl", 4, a);
	CHECK_FMT("02,0000002f", "%*pb", 40, b);
	CHECK_FMT("0-3,5,33", "%*pbl", 40, b);
	CHECK_FMT("0-3,5", "%*pbl", 33, b);
	CHECK_FMT("62-66", "%*pbl", 100, c);
	CHECK_FMT("0-99", "%*pbl", 100, full);
	CHECK_FMT("f,ffffffff,ffffffff,ffffffff", "%*pb", 100, full);
	CHECK_FMT("0,2,4,6", "%*pbl", 8, alt);
	CHECK_FMT("", "%*pbl", 0, a);
	CHECK_FMT("", "%*pb", 0, a);
	CHECK_FMT("", "%pbl", a);
	CHECK_FMT("", "%*pbl", 64, (unsigned long[1]){ 0 });
	CHECK_FMT("  (null)", "%*pbl", 8, NULL);
	CHECK_FMT("0-1|", "%*pbl|", 2, full);
}

/* Random bitmaps of 1..200 bits against a bit-by-bit rendering of the list and hex forms. */
static void test_vsnprintf_bitmaps_random(void)
{
	for (int iter = 0; iter < 3000; iter++) {
		unsigned long map[4];
		int nbits = ktest_rand_range(1, 200), density = ktest_rand_range(0, 4);
		char want[1024], got[1024], *w = want;

		for (int i = 0; i < 4; i++)
			map[i] = density == 0 ? ktest_rand() :
				 density == 1 ? ktest_rand() & ktest_rand() :
				 density == 2 ? ~(ktest_rand() & ktest_rand()) :
				 density == 3 ? 0 : ~0UL;
		*w = '\0';
		for (int bit = 0; bit < nbits; bit++) {
			int end = bit;

			if (!(map[bit / 64] >> (bit % 64) & 1))
				continue;
			while (end + 1 < nbits && (map[(end + 1) / 64] >> ((end + 1) % 64) & 1))
				end++;
			w += sprintf(w, w == want ? "%d" : ",%d", bit);
			if (end > bit)
				w += sprintf(w, "-%d", end);
			bit = end;
		}
		k_snprintf(got, sizeof(got), "%*pbl", nbits, map);
		if (strcmp(got, want))
			ktest_abort(__FILE__, __LINE__, "%d bits: got %s want %s", nbits,
				    got, want);

		w = want;
		for (int top = (nbits - 1) / 32 * 32; top >= 0; top -= 32) {
			int bits = nbits - top < 32 ? nbits - top : 32;
			unsigned int val = map[top / 64] >> (top % 64) &
					   (unsigned int)((1ULL << bits) - 1);

			w += sprintf(w, "%s%0*x", w == want ? "" : ",", (bits + 3) / 4, val);
		}
		k_snprintf(got, sizeof(got), "%*pb", nbits, map);
		if (strcmp(got, want))
			ktest_abort(__FILE__, __LINE__, "%d bits: got %s want %s", nbits,
				    got, want);
	}
}

/* %*ph hex dumps: ' ' between bytes, C ':', D '-', N nothing; no width prints one byte. */
static void test_vsnprintf_hex_dump(void)
{
	static const u8 bytes[] = { 0x01, 0xab, 0xff };

	CHECK_FMT("01 ab ff", "%3ph", bytes);
	CHECK_FMT("01 ab ff", "%*ph", 3, bytes);
	CHECK_FMT("01:ab:ff", "%3phC", bytes);
	CHECK_FMT("01-ab", "%2phD", bytes);
	CHECK_FMT("01abff", "%*phN", 3, bytes);
	CHECK_FMT("01", "%ph", bytes);
	CHECK_FMT("", "%*ph", 0, bytes);
	CHECK_FMT("(null)", "%3ph", NULL);
}

/* ---- lib/kstrtox.c ------------------------------------------------------------------- */

/* kstrtoull: bases, prefixes, one trailing newline, overflow, garbage; *res kept on error. */
static void test_kstrtoull(void)
{
	static const struct {
		const char *s;
		unsigned int base;
		int ret;
		unsigned long long val;
	} cases[] = {
		{ "123", 10, 0, 123 }, { "123\n", 10, 0, 123 }, { "+5", 10, 0, 5 },
		{ "0x1f", 0, 0, 31 }, { "0X1F", 0, 0, 31 }, { "0x1f", 16, 0, 31 },
		{ "1f", 16, 0, 31 }, { "010", 0, 0, 8 }, { "0", 0, 0, 0 }, { "101", 2, 0, 5 },
		{ "18446744073709551615", 10, 0, ULLONG_MAX },
		{ "0xffffffffffffffff", 0, 0, ULLONG_MAX },
		{ "1777777777777777777777", 8, 0, ULLONG_MAX },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "99999999999999999999999", 10, -ERANGE, 0 },
		{ "0x10000000000000000", 0, -ERANGE, 0 },
		{ "123\n\n", 10, -EINVAL, 0 }, { "", 10, -EINVAL, 0 }, { "\n", 10, -EINVAL, 0 },
		{ "-5", 10, -EINVAL, 0 }, { "0x", 16, -EINVAL, 0 }, { "0x", 0, -EINVAL, 0 },
		{ "08", 0, -EINVAL, 0 }, { " 1", 10, -EINVAL, 0 }, { "1 ", 10, -EINVAL, 0 },
		{ "12a", 10, -EINVAL, 0 }, { "2", 2, -EINVAL, 0 }, { "++1", 10, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 }, { "0xg", 0, -EINVAL, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE_OF(cases); i++) {
		unsigned long long v = 0xdead;
		int ret = k_kstrtoull(cases[i].s, cases[i].base, &v);

		if (ret != cases[i].ret || v != (ret ? 0xdead : cases[i].val))
			ktest_fail(__FILE__, __LINE__, "kstrtoull(\"%s\", %u) = %d, %llu",
				   cases[i].s, cases[i].base, ret, v);
	}
}

/* kstrtoll, kstrtoint, kstrtouint, kstrtoul, kstrtol at their limits. */
static void test_kstrto_signed_and_narrow(void)
{
	long long ll = 7;
	int i = 7;
	unsigned int u = 7;
	unsigned long ul;
	long l;

	EXPECT_EQ(k_kstrtoll("-9223372036854775808", 10, &ll), 0);
	EXPECT_TRUE(ll == LLONG_MIN);
	EXPECT_EQ(k_kstrtoll("9223372036854775807", 10, &ll), 0);
	EXPECT_TRUE(ll == LLONG_MAX);
	EXPECT_EQ(k_kstrtoll("-9223372036854775809", 10, &ll), -ERANGE);
	EXPECT_EQ(k_kstrtoll("9223372036854775808", 10, &ll), -ERANGE);
	EXPECT_TRUE(ll == LLONG_MAX);
	EXPECT_EQ(k_kstrtoll("-0", 10, &ll), 0);
	EXPECT_EQ(ll, 0);
	EXPECT_EQ(k_kstrtoll("-0x10", 0, &ll), 0);
	EXPECT_EQ(ll, -16);
	EXPECT_EQ(k_kstrtoll("+12\n", 10, &ll), 0);
	EXPECT_EQ(ll, 12);
	EXPECT_EQ(k_kstrtoll("--1", 10, &ll), -EINVAL);
	EXPECT_EQ(k_kstrtoll("-+1", 10, &ll), -EINVAL);
	EXPECT_EQ(k_kstrtoll("+-1", 10, &ll), -EINVAL);
	EXPECT_EQ(k_kstrtoll("-", 10, &ll), -EINVAL);

	EXPECT_EQ(k_kstrtoint("2147483647", 10, &i), 0);
	EXPECT_EQ(i, INT_MAX);
	EXPECT_EQ(k_kstrtoint("-2147483648", 10, &i), 0);
	EXPECT_EQ(i, INT_MIN);
	EXPECT_EQ(k_kstrtoint("2147483648", 10, &i), -ERANGE);
	EXPECT_EQ(k_kstrtoint("-2147483649", 10, &i), -ERANGE);
	EXPECT_EQ(i, INT_MIN);
	EXPECT_EQ(k_kstrtouint("4294967295", 10, &u), 0);
	EXPECT_EQ(u, UINT_MAX);
	EXPECT_EQ(k_kstrtouint("4294967296", 10, &u), -ERANGE);
	EXPECT_EQ(k_kstrtouint("-1", 10, &u), -EINVAL);
	EXPECT_EQ(k_kstrtoul("0x8000000000000000", 0, &ul), 0);
	EXPECT_TRUE(ul == 0x8000000000000000UL);
	EXPECT_EQ(k_kstrtol("-42\n", 10, &l), 0);
	EXPECT_EQ(l, -42);
	EXPECT_EQ(k_kstrtol("9223372036854775808", 10, &l), -ERANGE);
}

/* Random values printed by libc in bases 8, 10, 16 read back by kstrtoull and kstrtoll. */
static void test_kstrto_random(void)
{
	static const unsigned int bases[] = { 8, 10, 16, 0 };

	for (int iter = 0; iter < 20000; iter++) {
		unsigned long long v = ktest_rand() >> ktest_rand_range(0, 63), got;
		long long sv = (long long)v, sgot;
		unsigned int base = bases[ktest_rand() % 4];
		char s[64];

		if (base == 8)
			sprintf(s, "%llo", v);
		else if (base == 16)
			sprintf(s, ktest_rand() & 1 ? "%llx" : "0x%llX", v);
		else
			sprintf(s, "%llu%s", v, ktest_rand() & 1 ? "\n" : "");
		ASSERT_EQ(k_kstrtoull(s, base, &got), 0);
		ASSERT_TRUE(got == v);

		sprintf(s, "%lld", sv);
		ASSERT_EQ(k_kstrtoll(s, 10, &sgot), 0);
		ASSERT_TRUE(sgot == sv);
		ASSERT_TRUE(k_simple_strtol(s, NULL, 10) == sv);
		ASSERT_TRUE(k_simple_strtoull(s + (s[0] == '-'), NULL, 10) ==
			    strtoull(s + (s[0] == '-'), NULL, 10));
	}
}

/* kstrtobool: y/Y/1/on true, n/N/0/off false, the rest -EINVAL and *res untouched. */
static void test_kstrtobool(void)
{
	static const char *const yes[] = { "y", "Y", "1", "on", "ON", "oN", "yes", "1\n" };
	static const char *const no[] = { "n", "N", "0", "off", "OFF", "oF", "no", "0x" };
	static const char *const bad[] = { "", "o", "x", "true", " 1", "2", "-1" };
	bool b;

	for (size_t i = 0; i < ARRAY_SIZE_OF(yes); i++) {
		b = false;
		EXPECT_EQ(k_kstrtobool(yes[i], &b), 0);
		EXPECT_TRUE(b);
	}
	for (size_t i = 0; i < ARRAY_SIZE_OF(no); i++) {
		b = true;
		EXPECT_EQ(k_kstrtobool(no[i], &b), 0);
		EXPECT_FALSE(b);
	}
	for (size_t i = 0; i < ARRAY_SIZE_OF(bad); i++) {
		b = true;
		EXPECT_EQ(k_kstrtobool(bad[i], &b), -EINVAL);
		EXPECT_TRUE(b);
	}
	EXPECT_EQ(k_kstrtobool(NULL, &b), -EINVAL);
}

/* simple_strto*: stop at the first non-digit, wrap on overflow, report where they stopped. */
static void test_simple_strto(void)
{
	const char *s;
	char *end;

	s = "123abc";
	EXPECT_EQ(k_simple_strtoull(s, &end, 10), 123);
	EXPECT_TRUE(end == s + 3);
	s = "0x1fz";
	EXPECT_EQ(k_simple_strtoull(s, &end, 0), 31);
	EXPECT_TRUE(end == s + 4);
	s = "0xg";
	EXPECT_EQ(k_simple_strtoull(s, &end, 0), 0);
	EXPECT_TRUE(end == s + 1);
	s = "0x";
	EXPECT_EQ(k_simple_strtoull(s, &end, 16), 0);
	EXPECT_TRUE(end == s + 2);
	s = " 5";
	EXPECT_EQ(k_simple_strtoul(s, &end, 10), 0);
	EXPECT_TRUE(end == s);
	s = "-077";
	EXPECT_EQ(k_simple_strtol(s, &end, 0), -63);
	EXPECT_TRUE(end == s + 4);
	EXPECT_EQ(k_simple_strtoull("18446744073709551616", NULL, 10), 0);
	EXPECT_EQ(k_simple_strtoull("777", NULL, 8), 511);
}

/* ---- lib/cmdline.c ------------------------------------------------------------------- */

/* memparse: K M G T P E in either case multiply by powers of 1024; end points past them. */
static void test_memparse(void)
{
	static const struct {
		const char *s;
		unsigned long long val;
		size_t used;
	} cases[] = {
		{ "4K", 4ULL << 10, 2 }, { "4k", 4ULL << 10, 2 }, { "1M", 1ULL << 20, 2 },
		{ "512m", 512ULL << 20, 4 }, { "2G", 2ULL << 30, 2 }, { "3t", 3ULL << 40, 2 },
		{ "1P", 1ULL << 50, 2 }, { "1e", 1ULL << 60, 2 }, { "0x10M", 16ULL << 20, 5 },
		{ "010k", 8ULL << 10, 4 }, { "10", 10, 2 }, { "5X", 5, 1 }, { "5Kb", 5 << 10, 2 },
		{ "", 0, 0 }, { "k", 0, 1 }, { "64K@0x1000", 64 << 10, 3 },
	};

	for (size_t i = 0; i < ARRAY_SIZE_OF(cases); i++) {
		char *end;
		unsigned long long v = k_memparse(cases[i].s, &end);

		if (v != cases[i].val || end != cases[i].s + cases[i].used)
			ktest_fail(__FILE__, __LINE__, "memparse(\"%s\") = %llu, used %td",
				   cases[i].s, v, end - cases[i].s);
	}
	EXPECT_EQ(k_memparse("2M", NULL), 2 << 20);
}

/* get_option: 2 after a ',', 3 before a '-' range, 1 at the end, 0 without a number. */
static void test_get_option(void)
{
	char buf[] = "10,20-30,0x10";
	char *s = buf, empty[] = "", word[] = "abc", neg[] = "-5";
	int v = 0;

	EXPECT_EQ(k_get_option(&s, &v), 2);
	EXPECT_EQ(v, 10);
	EXPECT_EQ(k_get_option(&s, &v), 3);
	EXPECT_EQ(v, 20);
	EXPECT_STREQ(s, "-30,0x10");
	s++;
	EXPECT_EQ(k_get_option(&s, &v), 2);
	EXPECT_EQ(v, 30);
	EXPECT_EQ(k_get_option(&s, NULL), 1);
	EXPECT_EQ(*s, 0);
	s = empty;
	EXPECT_EQ(k_get_option(&s, &v), 0);
	s = word;
	EXPECT_EQ(k_get_option(&s, &v), 0);
	EXPECT_TRUE(s == word);
	s = neg;
	EXPECT_EQ(k_get_option(&s, &v), 1);
	EXPECT_EQ(v, -5);
	s = NULL;
	EXPECT_EQ(k_get_option(&s, &v), 0);
}

/* One next_arg step: the word it split off and what is left. */
static void check_next_arg(int line, const char *in, const char *param, const char *val,
			   const char *rest)
{
	char buf[128], *p, *v;
	const char *r;

	snprintf(buf, sizeof(buf), "%s", in);
	r = k_next_arg(buf, &p, &v);
	if (strcmp(p, param) || (val ? !v || strcmp(v, val) : v != NULL) || strcmp(r, rest))
		ktest_fail(__FILE__, line, "next_arg(%s): param \"%s\" val \"%s\" rest \"%s\"",
			   in, p, v ? v : "(NULL)", r);
}

/* next_arg splits "param=value" words, keeps quoted spaces, strips the quotes. */
static void test_next_arg(void)
{
	check_next_arg(__LINE__, "foo=bar baz", "foo", "bar", "baz");
	check_next_arg(__LINE__, "foo=\"bar baz\" qux", "foo", "bar baz", "qux");
	check_next_arg(__LINE__, "\"foo bar\" x", "foo bar", NULL, "x");
	check_next_arg(__LINE__, "\"foo=bar baz\"", "foo", "bar baz", "");
	check_next_arg(__LINE__, "a  \t b", "a", NULL, "b");
	check_next_arg(__LINE__, "flag", "flag", NULL, "");
	check_next_arg(__LINE__, "", "", NULL, "");
	check_next_arg(__LINE__, "x=", "x", "", "");
	check_next_arg(__LINE__, "=x y", "=x", NULL, "y");
	check_next_arg(__LINE__, "a=\"b\"", "a", "b", "");
	check_next_arg(__LINE__, "a=b=c\td", "a", "b=c", "d");
	check_next_arg(__LINE__, "console=ttyAMA0 loglevel=8",
		       "console", "ttyAMA0", "loglevel=8");
}

/* Splits a whole command line and checks every word. */
static void test_next_arg_whole_line(void)
{
	char line[] = "console=ttyAMA0  loglevel=8 quiet init=\"/bin/sh -x\"  mem=512M";
	static const char *const want[][2] = {
		{ "console", "ttyAMA0" }, { "loglevel", "8" }, { "quiet", NULL },
		{ "init", "/bin/sh -x" }, { "mem", "512M" },
	};
	char *args = line, *param, *val;
	size_t n = 0;

	while (*args) {
		args = k_next_arg(args, &param, &val);
		ASSERT_TRUE(n < ARRAY_SIZE_OF(want));
		EXPECT_STREQ(param, want[n][0]);
		if (want[n][1])
			EXPECT_STREQ(val, want[n][1]);
		else
			EXPECT_TRUE(val == NULL);
		n++;
	}
	EXPECT_EQ(n, ARRAY_SIZE_OF(want));
}

KTEST_MAIN("klib",
	KTEST_CASE(test_memcpy_alignments),
	KTEST_CASE(test_memmove_overlap),
	KTEST_CASE(test_memset_alignments),
	KTEST_CASE(test_memcmp_random),
	KTEST_CASE(test_memchr_strnlen_exact),
	KTEST_CASE(test_str_compare_search_random),
	KTEST_CASE(test_strsep),
	KTEST_CASE(test_strscpy),
	KTEST_CASE(test_skip_spaces_strim),
	KTEST_CASE(test_vsnprintf_random_vs_libc),
	KTEST_CASE(test_vsnprintf_linux_semantics),
	KTEST_CASE(test_vsnprintf_bad_strings),
	KTEST_CASE(test_vsnprintf_unknown_conversion),
	KTEST_CASE(test_vsnprintf_huge_width),
	KTEST_CASE(test_vscnprintf_sprintf),
	KTEST_CASE(test_vsnprintf_px),
	KTEST_CASE(test_vsnprintf_symbols),
	KTEST_CASE(test_vsnprintf_phys_addr),
	KTEST_CASE(test_vsnprintf_bitmaps),
	KTEST_CASE(test_vsnprintf_bitmaps_random),
	KTEST_CASE(test_vsnprintf_hex_dump),
	KTEST_CASE(test_kstrtoull),
	KTEST_CASE(test_kstrto_signed_and_narrow),
	KTEST_CASE(test_kstrto_random),
	KTEST_CASE(test_kstrtobool),
	KTEST_CASE(test_simple_strto),
	KTEST_CASE(test_memparse),
	KTEST_CASE(test_get_option),
	KTEST_CASE(test_next_arg),
	KTEST_CASE(test_next_arg_whole_line),
)
