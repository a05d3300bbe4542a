/*
 * Host tests of gunzip (lib/decompress_inflate.c, lib/zlib_inflate/inflate.c): data made
 * here is compressed by the host's gzip at several levels and must come back byte for
 * byte, with the input length used reported; damaged streams (truncated at every length,
 * flipped bits, bad header, CRC and length) must fail cleanly, with a message, under ASan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/decompress/inflate.h>
#include <linux/decompress/generic.h>
#include "ktest.h"

static unsigned char *out;
static size_t out_len, out_cap;
static const char *last_error;

static long collect(void *buf, unsigned long len)
{
	if (out_len + len > out_cap) {
		out_cap = (out_len + len) * 2;
		out = realloc(out, out_cap);
	}
	memcpy(out + out_len, buf, len);
	out_len += len;
	return (long)len;
}

static void record_error(char *msg)
{
	last_error = msg;
}

/* gzip -LEVEL of data, by the host's gzip; the caller frees. */
static unsigned char *host_gzip(const unsigned char *data, size_t len, int level, size_t *gz_len)
{
	char in[] = "/tmp/inflate-in-XXXXXX", cmd[128];
	int fd = mkstemp(in);
	unsigned char *gz = NULL;
	size_t cap = 0, n = 0;
	FILE *p;

	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ(write(fd, data, len), (long)len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -n -%d -c %s", level, in);
	p = popen(cmd, "r");
	ASSERT_TRUE(p);
	for (;;) {
		if (n == cap)
			gz = realloc(gz, cap = cap * 2 + 4096);
		size_t got = fread(gz + n, 1, cap - n, p);

		if (!got)
			break;
		n += got;
	}
	ASSERT_EQ(pclose(p), 0);
	unlink(in);
	*gz_len = n;
	return gz;
}

static int run_gunzip(unsigned char *gz, size_t len, long *used)
{
	out_len = 0;
	last_error = NULL;
	return gunzip(gz, (long)len, NULL, collect, NULL, used, record_error);
}

static void roundtrip(const unsigned char *data, size_t len, int level)
{
	size_t gz_len;
	unsigned char *gz = host_gzip(data, len, level, &gz_len);
	long used = -1;

	ASSERT_EQ(run_gunzip(gz, gz_len, &used), 0);
	EXPECT_EQ(used, (long)gz_len);
	EXPECT_EQ(out_len, len);
	EXPECT_TRUE(out_len == len && (!len || !memcmp(out, data, len)));
	free(gz);
}

static unsigned char *make_data(size_t len, int kind)
{
	unsigned char *d = malloc(len + 1);

	for (size_t i = 0; i < len; i++) {
		switch (kind) {
		case 0:		/* random: stored blocks at level 1 */
			d[i] = (unsigned char)ktest_rand();
			break;
		case 1:		/* text-like: dynamic trees, short matches */
			d[i] = "the quick brown fox jumps over the lazy dog\n"[(i * 7 + i / 44) % 44];
			break;
		default:	/* runs: long matches, distance 1 */
			d[i] = (unsigned char)(i / 1000);
			break;
		}
	}
	return d;
}

static void inflate_roundtrip_sizes_and_levels(void)
{
	static const size_t sizes[] = { 0, 1, 100, 32767, 32768, 32769, 100000, 300000 };

	for (unsigned int s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (int kind = 0; kind < 3; kind++) {
			unsigned char *d = make_data(sizes[s], kind);

			roundtrip(d, sizes[s], 1);
			roundtrip(d, sizes[s], 6);
			roundtrip(d, sizes[s], 9);
			free(d);
		}
}

/* One piece of make_varied()'s data: n bytes of kind at d[at], which may copy d[0..at). */
static void varied_piece(unsigned char *d, size_t at, size_t n, int kind)
{
	static const char *const words[] = {
		"static ", "int ", "return ", "struct ", "lib/", "busybox", ".so", "\n",
		"0x", "usr/bin/", "(void)", "ELF", "\t", "if (", ") {\n", "#include <" };
	size_t back = ktest_rand_range(1, at < 40000 ? (at ? at : 1) : 40000);

	for (size_t i = 0; i < n; i++) {
		switch (kind) {
		case 0:		/* random: stored blocks, literals of every code length */
			d[at + i] = (unsigned char)ktest_rand();
			break;
		case 1: {	/* text: short matches at many distances */
			const char *w = words[ktest_rand_range(0, 15)];

			for (; *w && i < n; w++, i++)
				d[at + i] = (unsigned char)*w;
			i--;
			break;
		}
		case 2:		/* binary, mostly small bytes: codes longer than FASTBITS */
			d[at + i] = (unsigned char)(ktest_rand() & ktest_rand() & ktest_rand());
			break;
		case 3:		/* a repeat from up to 40000 back (beyond the window too) */
			d[at + i] = at ? d[at + i - back] : 0;
			break;
		default:	/* a run: distance 1 */
			d[at + i] = (unsigned char)back;
			break;
		}
	}
}

/* len bytes mixing varied_piece()'s kinds in pieces of up to 3000 bytes, like an archive. */
static unsigned char *make_varied(size_t len)
{
	unsigned char *d = malloc(len);

	for (size_t at = 0; at < len; ) {
		size_t n = ktest_rand_range(1, 3000);

		if (n > len - at)
			n = len - at;
		varied_piece(d, at, n, (int)ktest_rand_range(0, 4));
		at += n;
	}
	return d;
}

/* A few hundred KB of varied data from gzip -9 and -1 come back byte for byte. */
static void inflate_varied_data_byte_exact(void)
{
	for (int round = 0; round < 3; round++) {
		size_t len = ktest_rand_range(200000, 600000);
		unsigned char *d = make_varied(len);

		roundtrip(d, len, 9);
		roundtrip(d, len, 1);
		free(d);
	}
}

static void inflate_reports_input_used(void)
{
	unsigned char *d = make_data(5000, 1);
	size_t gz_len;
	unsigned char *gz = host_gzip(d, 5000, 6, &gz_len);
	long used;

	gz = realloc(gz, gz_len + 64);
	memset(gz + gz_len, 0, 64);	/* what follows an archive in an initramfs */
	ASSERT_EQ(run_gunzip(gz, gz_len + 64, &used), 0);
	EXPECT_EQ(used, (long)gz_len);
	free(gz);
	free(d);
}

static void inflate_truncated_everywhere_fails(void)
{
	unsigned char *d = make_data(20000, 1);
	size_t gz_len;
	unsigned char *gz = host_gzip(d, 20000, 9, &gz_len);
	long used;

	for (size_t cut = 0; cut < gz_len; cut++) {
		unsigned char *copy = malloc(cut ? cut : 1);

		memcpy(copy, gz, cut);
		if (run_gunzip(copy, cut, &used) == 0)
			ktest_fail(__FILE__, __LINE__, "truncated to %zu of %zu: accepted", cut, gz_len);
		else if (!last_error)
			ktest_fail(__FILE__, __LINE__, "truncated to %zu: no message", cut);
		free(copy);
	}
	free(gz);
	free(d);
}

/* Flipped bits: an error with a message, or (rarely) the same output; never a crash. */
static void inflate_flipped_bits_fail_cleanly(void)
{
	unsigned char *d = make_data(50000, 1);
	size_t gz_len;
	unsigned char *gz = host_gzip(d, 50000, 6, &gz_len);
	int rejected = 0;
	long used;

	for (int i = 0; i < 2000; i++) {
		unsigned char *copy = malloc(gz_len);
		size_t pos = 10 + ktest_rand_range(0, gz_len - 11);

		memcpy(copy, gz, gz_len);
		copy[pos] ^= (unsigned char)(1u << ktest_rand_range(0, 7));
		if (run_gunzip(copy, gz_len, &used)) {
			rejected++;
			EXPECT_TRUE(last_error != NULL);
		} else {
			EXPECT_TRUE(out_len == 50000 && !memcmp(out, d, 50000));
		}
		free(copy);
	}
	EXPECT_TRUE(rejected > 1900);
	free(gz);
	free(d);
}

static void inflate_bad_header_and_trailer(void)
{
	unsigned char *d = make_data(1000, 1);
	size_t gz_len;
	unsigned char *gz = host_gzip(d, 1000, 6, &gz_len);
	long used;

	gz[3] |= 0x20;			/* a reserved flag */
	EXPECT_TRUE(run_gunzip(gz, gz_len, &used) != 0);
	gz[3] &= ~0x20;
	gz[2] = 7;			/* not deflate */
	EXPECT_TRUE(run_gunzip(gz, gz_len, &used) != 0);
	gz[2] = 8;
	gz[gz_len - 8] ^= 1;		/* CRC */
	EXPECT_TRUE(run_gunzip(gz, gz_len, &used) != 0);
	EXPECT_STREQ(last_error, "crc error");
	gz[gz_len - 8] ^= 1;
	gz[gz_len - 4] ^= 1;		/* ISIZE */
	EXPECT_TRUE(run_gunzip(gz, gz_len, &used) != 0);
	EXPECT_STREQ(last_error, "length error");
	gz[gz_len - 4] ^= 1;
	EXPECT_EQ(run_gunzip(gz, gz_len, &used), 0);
	free(gz);
	free(d);
}

static bool stored_out(void *arg, const u8 *buf, size_t n)
{
	return collect((void *)buf, n) == (long)n;
}

/* A stored block whose length check (NLEN) disagrees, made by hand. */
static void inflate_stored_length_check(void)
{
	unsigned char raw[] = { 0x01, 0x05, 0x00, 0xfb, 0xff, 'h', 'e', 'l', 'l', 'o' };
	size_t used;
	const char *msg;

	out_len = 0;
	EXPECT_TRUE(zlib_inflate_raw(raw, sizeof(raw), &used, stored_out, NULL, &msg) != 0);
	EXPECT_STREQ(msg, "stored block length check failed");
	raw[3] = 0xfa;
	out_len = 0;
	EXPECT_EQ(zlib_inflate_raw(raw, sizeof(raw), &used, stored_out, NULL, &msg), 0);
	EXPECT_EQ(used, sizeof(raw));
	EXPECT_TRUE(out_len == 5 && !memcmp(out, "hello", 5));
}

static void decompress_method_by_magic(void)
{
	static const unsigned char gz[] = { 0x1f, 0x8b, 8 }, cpio[] = "070701";
	const char *name = NULL;

	EXPECT_TRUE(decompress_method(gz, 3, &name) == gunzip);
	EXPECT_STREQ(name, "gzip");
	EXPECT_TRUE(decompress_method(cpio, 6, &name) == NULL);
	EXPECT_TRUE(decompress_method(gz, 1, &name) == NULL);
}

KTEST_MAIN("inflate",
	   KTEST_CASE(inflate_roundtrip_sizes_and_levels),
	   KTEST_CASE(inflate_varied_data_byte_exact),
	   KTEST_CASE(inflate_reports_input_used),
	   KTEST_CASE(inflate_truncated_everywhere_fails),
	   KTEST_CASE(inflate_flipped_bits_fail_cleanly),
	   KTEST_CASE(inflate_bad_header_and_trailer),
	   KTEST_CASE(inflate_stored_length_check),
	   KTEST_CASE(decompress_method_by_magic))
