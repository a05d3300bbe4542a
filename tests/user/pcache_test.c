/*
 * The page cache and writeback seen from user space, as init, on the blank disk image
 * tests/boot/cases.py gives as /dev/vda: writes to the device stay in its page cache
 * (Dirty and Buffers in /proc/meminfo rise, nr_dirtied counts them), sync writes them
 * (Dirty back to 0, nr_written counts them), drop_caches=1 drops the clean pages and
 * the next read comes from the disk, and the flusher writes data older than
 * dirty_expire_centisecs on its own. The host then finds both patterns in the image.
 * argv[1] "throttle": two disks, one of them written by QEMU at 1 MiB/s: once the fast
 * one has been written, a writer on the slow one is held to its small share of the dirty
 * limit, and a writer on the fast one is not held to the slow one's rate.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <sys/mount.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ktap.h"

#define SYNC_OFF	(8 << 20)	/* written, then sync(2): byte i is (i * 11 + 3) & 0xff */
#define SYNC_LEN	(1 << 20)
#define FLUSH_OFF	(16 << 20)	/* written, then left to the flusher: byte i is i * 5 + 7 */
#define FLUSH_LEN	(64 << 10)

static unsigned char buf[SYNC_LEN];

/* The value of a "Name: N kB" line of /proc/meminfo or "name N" of /proc/vmstat; -1. */
static long field(const char *path, const char *name)
{
	static char text[16384];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	size_t len = strlen(name);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	text[n] = 0;
	for (char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, len) && (p[len] == ':' || p[len] == ' '))
			return strtol(p + len + 1, NULL, 10);
	return -1;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The counters exact: the per-cpu differences folded first (vm.stat_refresh). */
static long meminfo(const char *name)
{
	write_text("/proc/sys/vm/stat_refresh", "1");
	return field("/proc/meminfo", name);
}

static long vmstat(const char *name)
{
	write_text("/proc/sys/vm/stat_refresh", "1");
	return field("/proc/vmstat", name);
}

static void fill(unsigned char *p, size_t len, int mul, int add)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * (size_t)mul + (size_t)add);
}

static int same(const unsigned char *p, size_t len, int mul, int add)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != (unsigned char)(i * (size_t)mul + (size_t)add))
			return 0;
	return 1;
}

static void test_sync(int fd)
{
	long dirty0 = meminfo("Dirty"), buffers0 = meminfo("Buffers");
	long dirtied0 = vmstat("nr_dirtied"), written0 = vmstat("nr_written");
	long dirty, buffers;

	fill(buf, SYNC_LEN, 11, 3);
	CHECK("write_1m", pwrite(fd, buf, SYNC_LEN, SYNC_OFF) == SYNC_LEN, "errno %d", errno);
	dirty = meminfo("Dirty");
	buffers = meminfo("Buffers");
	CHECK("dirty_rises", dirty - dirty0 >= 1024, "Dirty %ld kB -> %ld kB", dirty0, dirty);
	CHECK("buffers_rise", buffers - buffers0 >= 1024, "Buffers %ld kB -> %ld kB",
	      buffers0, buffers);
	CHECK("nr_dirtied_counts", vmstat("nr_dirtied") - dirtied0 >= 256, "nr_dirtied %ld -> %ld",
	      dirtied0, vmstat("nr_dirtied"));
	sync();
	CHECK("sync_cleans", meminfo("Dirty") == 0 && meminfo("Writeback") == 0,
	      "Dirty %ld kB, Writeback %ld kB", meminfo("Dirty"), meminfo("Writeback"));
	CHECK("nr_written_counts", vmstat("nr_written") - written0 >= 256, "nr_written %ld -> %ld",
	      written0, vmstat("nr_written"));
	buffers = meminfo("Buffers");
	CHECK("drop_caches", write_text("/proc/sys/vm/drop_caches", "1") == 0 &&
	      meminfo("Buffers") <= buffers - 1024, "Buffers %ld kB -> %ld kB", buffers,
	      meminfo("Buffers"));
	memset(buf, 0, SYNC_LEN);
	CHECK("read_back_from_disk", pread(fd, buf, SYNC_LEN, SYNC_OFF) == SYNC_LEN &&
	      same(buf, SYNC_LEN, 11, 3) && meminfo("Buffers") >= 1024, "errno %d", errno);
}

/* With a 0.1 s period and age, the flusher writes the data within a few seconds. */
static void test_flusher(int fd)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	long dirty = -1;

	CHECK("expire_centisecs", write_text("/proc/sys/vm/dirty_expire_centisecs", "10") == 0,
	      "errno %d", errno);
	CHECK("writeback_centisecs",
	      write_text("/proc/sys/vm/dirty_writeback_centisecs", "10") == 0, "errno %d", errno);
	fill(buf, FLUSH_LEN, 5, 7);
	CHECK("write_64k", pwrite(fd, buf, FLUSH_LEN, FLUSH_OFF) == FLUSH_LEN, "errno %d", errno);
	for (int i = 0; i < 100 && dirty; i++) {
		nanosleep(&ts, NULL);
		dirty = meminfo("Dirty");
	}
	CHECK("flusher_writes_old_data", dirty == 0, "Dirty %ld kB after 10 s", dirty);
}

/* dirty_bytes and dirty_ratio exclude each other, as in Linux. */
static void test_sysctls(void)
{
	char text[64];
	int fd;
	ssize_t n;

	CHECK("dirty_bytes_set", write_text("/proc/sys/vm/dirty_bytes", "67108864") == 0,
	      "errno %d", errno);
	fd = open("/proc/sys/vm/dirty_ratio", O_RDONLY);
	n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	if (fd >= 0)
		close(fd);
	CHECK("dirty_ratio_cleared", n == 2 && !strncmp(text, "0\n", 2), "read %zd", n);
	CHECK("dirty_ratio_set", write_text("/proc/sys/vm/dirty_ratio", "20") == 0, "errno %d",
	      errno);
	fd = open("/proc/sys/vm/dirty_bytes", O_RDONLY);
	n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	if (fd >= 0)
		close(fd);
	CHECK("dirty_bytes_cleared", n == 2 && !strncmp(text, "0\n", 2), "read %zd", n);
	CHECK_ERR("dirty_ratio_range", write_text("/proc/sys/vm/dirty_ratio", "101"), EINVAL);
}

/* ---- argv[1] "throttle" -------------------------------------------------------------- */

#define SLOW_SECTORS	"98304\n"	/* the slow disk: 48 MiB, the fast one 64 */
#define DIRTY_LIMIT	(16 << 20)	/* vm.dirty_bytes here; the background half of it */
#define FAST_LEN	(24 << 20)
#define CHUNK		(64 << 10)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Buffered writes of len bytes from the start of path, *done counting the bytes. */
static int write_disk(const char *path, long len, volatile long *done)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return -1;
	for (long off = 0; off < len; off += CHUNK) {
		if (pwrite(fd, buf, CHUNK, off) != CHUNK)
			return -1;
		*done = off + CHUNK;
	}
	return close(fd);
}

/* Dirty + Writeback, in bytes. */
static long dirty_bytes(void)
{
	return (meminfo("Dirty") + meminfo("Writeback")) << 10;
}

/* The disk's share of the dirty limit, from /sys/kernel/debug/bdi/MAJ:MIN/stats; -1: none. */
static long bdi_dirty_thresh(const char *dev)
{
	char path[64], id[16];

	snprintf(path, sizeof(path), "/sys/block/%s/dev", dev + strlen("/dev/"));
	snprintf(id, sizeof(id), "%s", read_small(path));
	id[strcspn(id, "\n")] = 0;
	snprintf(path, sizeof(path), "/sys/kernel/debug/bdi/%s/stats", id);
	return field(path, "BdiDirtyThresh");
}

static void test_throttle(void)
{
	const char *slow = "/dev/vdb", *fast = "/dev/vda";
	volatile long *slow_done = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long fast_done = 0, slow_before;
	double t0, t, fast_rate, slow_rate;
	long fast_thresh, slow_thresh;
	pid_t pid;
	int status;

	if (!strcmp(read_small("/sys/block/vda/size"), SLOW_SECTORS)) {
		slow = "/dev/vda";
		fast = "/dev/vdb";
	}
	CHECK("dirty_limits_set", !write_text("/proc/sys/vm/dirty_bytes", "16777216") &&
	      !write_text("/proc/sys/vm/dirty_background_bytes", "8388608"), "errno %d", errno);
	/* The fast disk in use first: its writeout is what the limit is shared by. */
	CHECK("fast_warm_up", !write_disk(fast, FAST_LEN, &fast_done), "errno %d", errno);
	sync();
	pid = fork();
	if (pid == 0)
		_exit(write_disk(slow, 40 << 20, slow_done) ? 1 : 0);
	/* The slow disk's writer first brings the dirty pages past the free-run ceiling. */
	for (t0 = now_s(); now_s() - t0 < 20 && dirty_bytes() < DIRTY_LIMIT * 3 / 4; )
		usleep(100000);
	printf("# %ld KiB dirty after %.1f s of the slow disk's writer\n", dirty_bytes() >> 10,
	       now_s() - t0);
	slow_before = *slow_done;
	t0 = now_s();
	CHECK("fast_write", !write_disk(fast, FAST_LEN, &fast_done), "errno %d", errno);
	t = now_s() - t0;
	fast_rate = (double)FAST_LEN / t / (1 << 20);
	slow_rate = (double)(*slow_done - slow_before) / t / (1 << 20);
	printf("# fast disk's writer %.1f MiB/s, slow disk's %.1f MiB/s meanwhile (%ld KiB dirty)\n",
	       fast_rate, slow_rate, dirty_bytes() >> 10);
	/*
	 * The rates are shown, not judged (they follow the host's load); what makes them is:
	 * the limit shared by recent writeout, where the fast disk has done most, so its
	 * share of the dirty limit is the larger (debugfs's BdiDirtyThresh, as Linux's).
	 */
	fast_thresh = bdi_dirty_thresh(fast);
	slow_thresh = bdi_dirty_thresh(slow);
	printf("# BdiDirtyThresh: fast disk %ld kB, slow disk %ld kB\n", fast_thresh, slow_thresh);
	CHECK("fast_disk_larger_share", fast_thresh > slow_thresh && slow_thresh >= 0,
	      "%ld kB vs %ld kB", fast_thresh, slow_thresh);
	/* Held to its 1 MiB/s disk, the slow writer is still far from done. */
	CHECK("slow_writer_held_to_its_disk", *slow_done < (40 << 20), "%ld bytes", *slow_done);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

int main(int argc, char **argv)
{
	int fd;

	ktap_suite = "pcache";
	mkdir("/dev", 0755);
	mkdir("/proc", 0555);
	CHECK("mount_devtmpfs", !mount("devtmpfs", "/dev", "devtmpfs", 0, NULL), "errno %d", errno);
	CHECK("mount_proc", !mount("proc", "/proc", "proc", 0, NULL), "errno %d", errno);
	if (argc > 1 && !strcmp(argv[1], "throttle")) {
		mkdir("/sys", 0555);
		CHECK("mount_sysfs", !mount("sysfs", "/sys", "sysfs", 0, NULL), "errno %d", errno);
		CHECK("mount_debugfs", !mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL),
		      "errno %d", errno);
		test_throttle();
		return ktap_done();
	}
	fd = open("/dev/vda", O_RDWR);
	CHECK("open_vda", fd >= 0, "errno %d", errno);
	if (fd < 0)
		return ktap_done();
	test_sync(fd);
	test_flusher(fd);
	test_sysctls();
	close(fd);
	return ktap_done();
}
