/*
 * The uaccess copies' exact counts, as init: read() into and write() from a buffer whose
 * end runs into an unmapped page must move exactly the bytes before the hole (Linux's
 * short read and short write), at every offset the copy loops (32-, 8- and 1-byte
 * rounds) can stop at, and the bytes moved must be the right ones.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "ktap.h"

#define PG	4096
#define LEN	200

static const int before_hole[] = { 1, 7, 8, 9, 31, 32, 33, 63, 64, 100 };

/* Two pages, the second unmapped: the hole starts at the returned + PG. */
static char *page_before_hole(void)
{
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p + PG, PG);
	return p;
}

static void test_short_read(int fd, char *p)
{
	char name[64];

	for (unsigned int i = 0; i < sizeof(before_hole) / sizeof(before_hole[0]); i++) {
		int k = before_hole[i], same = 1;
		ssize_t n = pread(fd, p + PG - k, LEN, 0);

		for (int j = 0; j < k && n == k; j++)
			same &= p[PG - k + j] == (char)j;
		snprintf(name, sizeof(name), "read_stops_at_hole_after_%d", k);
		CHECK(name, n == k && same, "read %zd, bytes %s", n, same ? "right" : "wrong");
	}
}

static void test_short_write(int fd, char *p)
{
	char name[64], back[LEN];

	for (unsigned int i = 0; i < sizeof(before_hole) / sizeof(before_hole[0]); i++) {
		int k = before_hole[i];
		ssize_t n;

		for (int j = 0; j < k; j++)
			p[PG - k + j] = (char)(j + 1);
		n = pwrite(fd, p + PG - k, LEN, 1000);
		snprintf(name, sizeof(name), "write_stops_at_hole_after_%d", k);
		CHECK(name, n == k && pread(fd, back, k, 1000) == k &&
		      !memcmp(back, p + PG - k, k), "wrote %zd", n);
	}
}

int main(void)
{
	char data[LEN];
	int fd = open("/tmp-uaccess", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p = page_before_hole();

	ktap_suite = "uaccess";
	for (int j = 0; j < LEN; j++)
		data[j] = (char)j;
	CHECK("file_ready", fd >= 0 && write(fd, data, LEN) == LEN, "errno %d", errno);
	test_short_read(fd, p);
	test_short_write(fd, p);
	CHECK_ERR("read_all_in_hole_efault", pread(fd, p + PG, LEN, 0), EFAULT);
	CHECK_ERR("write_all_in_hole_efault", pwrite(fd, p + PG, LEN, 0), EFAULT);
	return ktap_done();
}
