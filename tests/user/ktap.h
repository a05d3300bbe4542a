/*
 * KTAP output for the user-space test programs of tests/user, which run as init from
 * the test initramfs: each check prints "ok N name" or "not ok N name # why", the plan
 * comes last ("1..N"), and as pid 1 the program powers the machine off when done.
 * Also read_small, the checks' reader of small files.
 */
#ifndef KTAP_H
#define KTAP_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/syscall.h>

static int ktap_n, ktap_failed;
static const char *ktap_suite = "user";

static void ktap_result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d %s", ok ? "" : "not ", ++ktap_n, name);
	if (!ok && fmt) {
		printf(" # ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
	fflush(stdout);
	if (!ok)
		ktap_failed++;
}

/* A check: cond, with what was seen when it fails. */
#define CHECK(name, cond, ...) ktap_result(!!(cond), name, __VA_ARGS__)
/* A system call that must fail with errno e: ret == -1 && errno == e. */
#define CHECK_ERR(name, call, e) do {						\
	errno = 0;								\
	long __r = (long)(call);						\
	int __e = errno;							\
	ktap_result(__r == -1 && __e == (e), name, "returned %ld errno %d (%s), expected %s", \
		    __r, __e, strerror(__e), #e);				\
} while (0)

/* The plan and the summary; as init, a power-off (the kernel panics if init exits). */
/* The text of a small file (up to 4 KiB; /proc and /sys ones), "" if it cannot be read. */
static inline const char *read_small(const char *path)
{
	static char text[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);

	if (fd >= 0)
		close(fd);
	text[n > 0 ? n : 0] = 0;
	return text;
}

static int ktap_done(void)
{
	printf("1..%d\n# %s: pass:%d fail:%d\n", ktap_n, ktap_suite, ktap_n - ktap_failed,
	       ktap_failed);
	fflush(stdout);
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return ktap_failed ? 1 : 0;
}

#endif
