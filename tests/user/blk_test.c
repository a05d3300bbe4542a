/*
 * /dev/vda from user space, as init, on the disk image tests/boot/cases.py writes: reads
 * of what the host put there (aligned, unaligned, across pages, at and past the end), a
 * written pattern read back and fsynced for the host to find, seek limits, and the disk's
 * /sys/block and /proc files. The argument says which drive QEMU gives:
 *   eio      fails every write (QEMU's blkdebug): write and fsync give EIO;
 *   mq       four queues and discard: processes writing and reading at once, counted in
 *            /proc/diskstats, the ioctls, and a discarded range the host finds zeroed;
 *   mbr gpt  a disk the host partitioned with sfdisk: /dev/vdaN, their sysfs and
 *            /proc/partitions entries, and I/O kept inside each partition; mbr also
 *            runs Debian's lsblk (its boot case gives it and its libraries).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include "ktap.h"

#define DISK_SIZE	(64LL << 20)
#define PAT_OFF		(1 << 20)	/* the host's pattern: byte i is (i * 7) & 0xff */
#define PAT_LEN		8192
#define WR_OFF		((2 << 20) + 3)	/* the guest's pattern: byte i is (i * 13 + 1) & 0xff */
#define WR_LEN		6000
#define FAULT_OFF	(3 << 20)	/* 1000 bytes of 0xc3 from a buffer running into a hole */
#define HEADER		"virtio-blk test image\n"
#define TAIL		"last sector"

static char buf[16384];

static void test_reads(int fd)
{
	int same = 1;
	ssize_t n;

	n = pread(fd, buf, sizeof(HEADER) - 1, 0);
	CHECK("read_header", n == sizeof(HEADER) - 1 && !memcmp(buf, HEADER, (size_t)n),
	      "read %zd", n);
	n = pread(fd, buf, 5000, PAT_OFF + 100);
	for (int i = 0; i < 5000 && n == 5000; i++)
		same &= (unsigned char)buf[i] == (((i + 100) * 7) & 0xff);
	CHECK("read_unaligned_across_pages", n == 5000 && same, "read %zd, bytes %s", n,
	      same ? "right" : "wrong");
	n = pread(fd, buf, sizeof(buf), DISK_SIZE - 512);
	CHECK("read_last_sector_short", n == 512 && !memcmp(buf, TAIL, sizeof(TAIL)),
	      "read %zd", n);
	n = pread(fd, buf, 100, DISK_SIZE - 10);
	CHECK("read_across_end_short", n == 10, "read %zd", n);
	n = pread(fd, buf, 100, DISK_SIZE);
	CHECK("read_at_end_zero", n == 0, "read %zd", n);
	n = pread(fd, buf, 100, DISK_SIZE + 4096);
	CHECK("read_past_end_zero", n == 0, "read %zd", n);
}

/*
 * The copy from user space stops at an unmapped page: the bytes before it are written
 * (through the page cache, as Linux: the partial block read first, then completed).
 */
static void test_write_fault(int fd)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ssize_t n;

	munmap(p + 4096, 4096);
	memset(p + 4096 - 1000, 0xc3, 1000);
	n = pwrite(fd, p + 4096 - 1000, 2048, FAULT_OFF);
	CHECK("write_stops_at_hole", n == 1000, "wrote %zd errno %d", n, errno);
	munmap(p, 4096);
}

static void test_writes(int fd)
{
	int same = 1;
	ssize_t n;

	for (int i = 0; i < WR_LEN; i++)
		buf[i] = (char)((i * 13 + 1) & 0xff);
	n = pwrite(fd, buf, WR_LEN, WR_OFF);
	CHECK("write_unaligned", n == WR_LEN, "wrote %zd errno %d", n, errno);
	memset(buf, 0, WR_LEN);
	CHECK("lseek_set", lseek(fd, WR_OFF, SEEK_SET) == WR_OFF, "errno %d", errno);
	n = read(fd, buf, WR_LEN);
	for (int i = 0; i < WR_LEN && n == WR_LEN; i++)
		same &= (unsigned char)buf[i] == ((i * 13 + 1) & 0xff);
	CHECK("read_back_written", n == WR_LEN && same, "read %zd", n);
	CHECK("lseek_cur_after_read", lseek(fd, 0, SEEK_CUR) == WR_OFF + WR_LEN, "errno %d", errno);
	n = pwrite(fd, "ENDSENDS", 8, DISK_SIZE - 4);
	CHECK("write_across_end_short", n == 4, "wrote %zd", n);
	CHECK_ERR("write_at_end_enospc", pwrite(fd, "x", 1, DISK_SIZE), ENOSPC);
	test_write_fault(fd);
	CHECK("fsync", fsync(fd) == 0, "errno %d", errno);
}

static void test_device(int fd)
{
	struct stat st;

	CHECK("fstat_block_254_0", !fstat(fd, &st) && S_ISBLK(st.st_mode) &&
	      major(st.st_rdev) == 254 && minor(st.st_rdev) == 0, "mode %o rdev %lx",
	      st.st_mode, (unsigned long)st.st_rdev);
	CHECK("lseek_end_is_size", lseek(fd, 0, SEEK_END) == DISK_SIZE, "errno %d", errno);
	CHECK_ERR("lseek_past_end_einval", lseek(fd, DISK_SIZE + 1, SEEK_SET), EINVAL);
}

static void test_eio(int fd)
{
	ssize_t n = pread(fd, buf, sizeof(HEADER) - 1, 0);

	CHECK("eio_read_still_works", n == sizeof(HEADER) - 1 && !memcmp(buf, HEADER, (size_t)n),
	      "read %zd errno %d", n, errno);
	CHECK_ERR("eio_write_aligned", pwrite(fd, buf, 512, 4096), EIO);
	CHECK_ERR("eio_write_partial_block", pwrite(fd, buf, 100, 4196), EIO);
}

static void check_file(const char *name, const char *path, const char *want)
{
	const char *got = read_small(path);

	CHECK(name, !strcmp(got, want), "%s is \"%s\", expected \"%s\"", path, got, want);
}

/* The target of the link at path, "" if it is none. */
static const char *link_target(const char *path)
{
	static char target[256];
	ssize_t n = readlink(path, target, sizeof(target) - 1);

	target[n > 0 ? n : 0] = 0;
	return target;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/*
 * Linux's layout: the disk's directory under its virtio device's, which is under its
 * virtio-mmio slot's platform device, and the links that lead there.
 */
static void test_sysfs_layout(void)
{
	static const char *const links[][2] = {
		{ "/sys/block/vda", "../devices/platform/" },
		{ "/sys/class/block/vda", "../../devices/platform/" },
		{ "/sys/dev/block/254:0", "../../devices/platform/" },
	};
	const char *t;
	char name[64];

	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		t = link_target(links[i][0]);
		snprintf(name, sizeof(name), "link_%s", links[i][0] + 5);
		CHECK(name, !strncmp(t, links[i][1], strlen(links[i][1])) &&
		      ends_with(t, ".virtio_mmio/virtio0/block/vda"), "%s -> \"%s\"", links[i][0], t);
	}
	t = link_target("/sys/block/vda/device");
	CHECK("link_vda_device", !strcmp(t, "../../../virtio0"), "device -> \"%s\"", t);
	t = link_target("/sys/block/vda/bdi");
	CHECK("link_vda_bdi", !strcmp(t, "../../../../../virtual/bdi/254:0"), "bdi -> \"%s\"", t);
	t = link_target("/sys/class/bdi/254:0");
	CHECK("link_class_bdi", !strcmp(t, "../../devices/virtual/bdi/254:0"), "-> \"%s\"", t);
	check_file("sys_range", "/sys/block/vda/range", "16\n");
	check_file("sys_ext_range", "/sys/block/vda/ext_range", "256\n");
	check_file("sys_removable", "/sys/block/vda/removable", "0\n");
	check_file("sys_capability", "/sys/block/vda/capability", "0\n");
	check_file("sys_inflight", "/sys/block/vda/inflight", "       0        0\n");
	check_file("sys_queue_rotational", "/sys/block/vda/queue/rotational", "1\n");
	check_file("sys_queue_scheduler", "/sys/block/vda/queue/scheduler", "[none] \n");
	check_file("sys_queue_max_sectors_kb", "/sys/block/vda/queue/max_sectors_kb", "1280\n");
	CHECK("proc_devices_block", strstr(read_small("/proc/devices"),
					   "\nBlock devices:\n254 virtblk\n259 blkext\n"),
	      "%s", read_small("/proc/devices"));
}

/* A write of text to a sysfs file: whether all of it was taken. */
static bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	bool ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);

	if (fd >= 0)
		close(fd);
	return ok;
}

/* read_ahead_kb is the bdi's, whichever directory it is written through; the ratios' limits. */
static void test_sysfs_writes(void)
{
	check_file("sys_queue_read_ahead_kb", "/sys/block/vda/queue/read_ahead_kb", "128\n");
	CHECK("write_read_ahead_kb", write_file("/sys/block/vda/queue/read_ahead_kb", "512\n"),
	      "errno %d", errno);
	check_file("bdi_read_ahead_kb", "/sys/class/bdi/254:0/read_ahead_kb", "512\n");
	CHECK("write_bdi_read_ahead_kb", write_file("/sys/class/bdi/254:0/read_ahead_kb", "128"),
	      "errno %d", errno);
	check_file("queue_read_ahead_kb_back", "/sys/block/vda/queue/read_ahead_kb", "128\n");
	check_file("bdi_max_ratio", "/sys/class/bdi/254:0/max_ratio", "100\n");
	CHECK("write_min_ratio", write_file("/sys/class/bdi/254:0/min_ratio", "5"), "errno %d", errno);
	check_file("bdi_min_ratio", "/sys/class/bdi/254:0/min_ratio", "5\n");
	CHECK("max_ratio_under_min_einval", !write_file("/sys/class/bdi/254:0/max_ratio", "4") &&
	      errno == EINVAL, "errno %d", errno);
	CHECK("max_ratio_101_einval", !write_file("/sys/class/bdi/254:0/max_ratio", "101") &&
	      errno == EINVAL, "errno %d", errno);
	CHECK("write_min_ratio_0", write_file("/sys/class/bdi/254:0/min_ratio", "0"), "errno %d", errno);
}

static void test_sysfs(void)
{
	check_file("sys_block_size", "/sys/block/vda/size", "131072\n");
	check_file("sys_block_dev", "/sys/block/vda/dev", "254:0\n");
	check_file("sys_block_ro", "/sys/block/vda/ro", "0\n");
	check_file("sys_queue_logical_block_size", "/sys/block/vda/queue/logical_block_size",
		   "512\n");
	check_file("sys_queue_hw_sector_size", "/sys/block/vda/queue/hw_sector_size", "512\n");
	check_file("proc_partitions", "/proc/partitions",
		   "major minor  #blocks  name\n\n 254        0      65536 vda\n");
	test_sysfs_layout();
	test_sysfs_writes();
}

/* The 17 numbers of name's line in /proc/diskstats (or of its sysfs stat file); 0 if none. */
static int disk_stats(const char *name, unsigned long long st[17], bool sysfs)
{
	char path[64], dev[32];
	const char *text, *line;
	int n = 0;

	if (sysfs) {
		snprintf(path, sizeof(path), "/sys/block/%s/stat", name);
		line = read_small(path);
	} else {
		text = read_small("/proc/diskstats");
		snprintf(dev, sizeof(dev), " %s ", name);
		line = strstr(text, dev);
		if (!line)
			return 0;
		line += strlen(dev);
	}
	for (char *end; n < 17; n++, line = end) {
		st[n] = strtoull(line, &end, 10);
		if (end == line)
			break;
	}
	return n == 17;
}

enum { RD_IOS, RD_MERGES, RD_SECTORS, RD_MS, WR_IOS, WR_MERGES, WR_SECTORS, WR_MS, IN_FLIGHT,
       IO_MS, QUEUE_MS, DC_IOS, DC_MERGES, DC_SECTORS, DC_MS, FL_IOS, FL_MS };

/* Reads and writes of fresh blocks show up in /proc/diskstats, and sysfs agrees. */
static void test_diskstats(int fd)
{
	unsigned long long a[17], b[17], c[17];
	bool ok = disk_stats("vda", a, false);

	for (int i = 0; i < 16; i++)
		ok &= pread(fd, buf, 4096, (40 << 20) + i * 8192) == 4096;
	for (int i = 0; i < 8; i++)
		ok &= pwrite(fd, buf, 4096, (41 << 20) + i * 8192) == 4096;
	ok &= !fsync(fd);
	ok &= disk_stats("vda", b, false) && disk_stats("vda", c, true);
	CHECK("diskstats_io", ok, "errno %d", errno);
	CHECK("diskstats_reads", b[RD_SECTORS] - a[RD_SECTORS] >= 128 && b[RD_IOS] > a[RD_IOS],
	      "read ios %llu -> %llu, sectors %llu -> %llu", a[RD_IOS], b[RD_IOS],
	      a[RD_SECTORS], b[RD_SECTORS]);
	CHECK("diskstats_writes", b[WR_SECTORS] - a[WR_SECTORS] >= 64 && b[WR_IOS] > a[WR_IOS],
	      "write ios %llu -> %llu, sectors %llu -> %llu", a[WR_IOS], b[WR_IOS],
	      a[WR_SECTORS], b[WR_SECTORS]);
	CHECK("diskstats_flush", b[FL_IOS] > a[FL_IOS], "flushes %llu -> %llu", a[FL_IOS], b[FL_IOS]);
	CHECK("diskstats_idle_in_flight_0", b[IN_FLIGHT] == 0, "in flight %llu", b[IN_FLIGHT]);
	CHECK("sys_stat_matches_diskstats", !memcmp(b, c, sizeof(b)), "reads %llu vs %llu",
	      b[RD_IOS], c[RD_IOS]);
	/* Linux's "%4d %7d %pg" before the numbers. */
	CHECK("diskstats_line_format", strstr(read_small("/proc/diskstats"), " 254       0 vda "),
	      "no \" 254       0 vda \" line");
}

/* A small random generator of our own, so a failing run replays from its seed. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

#define WORKERS		4
#define REGION		(1 << 20)
#define REGION_BASE	(8 << 20)

/*
 * Writer k owns [REGION_BASE + k MiB, +1 MiB): random writes and reads checked against a
 * copy of what it wrote, then the whole region read back. Returns the exit status.
 */
static int writer(int k, uint32_t seed)
{
	unsigned char *shadow = malloc(REGION), *got = malloc(REGION);
	off_t base = REGION_BASE + (off_t)k * REGION;
	int fd = open("/dev/vda", O_RDWR);

	if (!shadow || !got || fd < 0)
		return 2;
	for (int i = 0; i < REGION; i++)
		shadow[i] = (unsigned char)rnd(&seed);
	if (pwrite(fd, shadow, REGION, base) != REGION)
		return 3;
	for (int op = 0; op < 300; op++) {
		size_t off = rnd(&seed) % REGION, len = 1 + rnd(&seed) % 32768;

		len = off + len > REGION ? REGION - off : len;
		if (op % 3) {
			for (size_t i = 0; i < len; i++)
				shadow[off + i] = (unsigned char)rnd(&seed);
			if (pwrite(fd, shadow + off, len, base + (off_t)off) != (ssize_t)len)
				return 4;
		} else if (pread(fd, got, len, base + (off_t)off) != (ssize_t)len ||
			   memcmp(got, shadow + off, len)) {
			return 5;
		}
	}
	if (fsync(fd) || pread(fd, got, REGION, base) != REGION || memcmp(got, shadow, REGION))
		return 6;
	return 0;
}

/* A reader of the host's pattern, at random places, while the writers write. */
static int reader(uint32_t seed)
{
	unsigned char got[4096];
	int fd = open("/dev/vda", O_RDONLY);

	if (fd < 0)
		return 2;
	for (int op = 0; op < 300; op++) {
		size_t off = rnd(&seed) % PAT_LEN, len = 1 + rnd(&seed) % sizeof(got);

		len = off + len > PAT_LEN ? PAT_LEN - off : len;
		if (pread(fd, got, len, PAT_OFF + (off_t)off) != (ssize_t)len)
			return 3;
		for (size_t i = 0; i < len; i++)
			if (got[i] != (((off + i) * 7) & 0xff))
				return 4;
	}
	return 0;
}

static void test_concurrent(void)
{
	pid_t pids[WORKERS * 2];
	struct timespec ts;
	char name[32];
	uint32_t seed;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	seed = ((uint32_t)ts.tv_nsec ^ (uint32_t)ts.tv_sec * 2654435761u) | 1;
	printf("# concurrent seed %u\n", seed);
	for (int k = 0; k < WORKERS * 2; k++) {
		pids[k] = fork();
		if (pids[k] == 0)
			_exit(k < WORKERS ? writer(k, seed + (uint32_t)k) : reader(seed + (uint32_t)k));
	}
	for (int k = 0; k < WORKERS * 2; k++) {
		int status = -1;

		snprintf(name, sizeof(name), "concurrent_%s_%d", k < WORKERS ? "writer" : "reader",
			 k % WORKERS);
		CHECK(name, pids[k] > 0 && waitpid(pids[k], &status, 0) == pids[k] &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x (seed %u)",
		      status, seed);
	}
}

#define DISCARD_OFF	(48LL << 20)
#define DISCARD_LEN	(1LL << 20)

/* 4 KiB of 0xa5 each side of a discarded MiB that reads back as zeros. */
static void test_discard(int fd)
{
	uint64_t range[2] = { DISCARD_OFF, DISCARD_LEN }, size = 0;
	unsigned long long a[17], b[17];
	unsigned char *p = malloc(DISCARD_LEN + 8192);
	bool zero = true, kept = true;
	int ssz = 0;

	memset(p, 0xa5, DISCARD_LEN + 8192);
	CHECK("discard_prepare", pwrite(fd, p, DISCARD_LEN + 8192, DISCARD_OFF - 4096) ==
	      DISCARD_LEN + 8192 && !fsync(fd), "errno %d", errno);
	disk_stats("vda", a, false);
	CHECK("blkdiscard", !ioctl(fd, BLKDISCARD, range), "errno %d", errno);
	disk_stats("vda", b, false);
	memset(p, 0x11, DISCARD_LEN + 8192);
	CHECK("discard_read", pread(fd, p, DISCARD_LEN + 8192, DISCARD_OFF - 4096) ==
	      DISCARD_LEN + 8192, "errno %d", errno);
	for (long i = 0; i < DISCARD_LEN + 8192; i++) {
		bool inside = i >= 4096 && i < DISCARD_LEN + 4096;

		zero &= !inside || !p[i];
		kept &= inside || p[i] == 0xa5;
	}
	CHECK("discard_reads_zeros", zero && kept, "zeros inside %d, 0xa5 kept around %d",
	      zero, kept);
	CHECK("diskstats_discard", b[DC_IOS] > a[DC_IOS] && b[DC_SECTORS] - a[DC_SECTORS] ==
	      DISCARD_LEN / 512, "discards %llu -> %llu, sectors %llu -> %llu", a[DC_IOS],
	      b[DC_IOS], a[DC_SECTORS], b[DC_SECTORS]);
	range[0] = DISCARD_OFF + 1;
	CHECK_ERR("blkdiscard_unaligned_einval", ioctl(fd, BLKDISCARD, range), EINVAL);
	range[0] = DISK_SIZE - 512;
	CHECK_ERR("blkdiscard_past_end_einval", ioctl(fd, BLKDISCARD, range), EINVAL);
	CHECK("blkgetsize64", !ioctl(fd, BLKGETSIZE64, &size) && size == DISK_SIZE,
	      "size %llu errno %d", (unsigned long long)size, errno);
	CHECK("blksszget", !ioctl(fd, BLKSSZGET, &ssz) && ssz == 512, "%d errno %d", ssz, errno);
	CHECK("blkflsbuf", !ioctl(fd, BLKFLSBUF, 0), "errno %d", errno);
	free(p);
}

static void test_mq(int fd)
{
	check_file("sys_mq_queues", "/sys/block/vda/mq/3/cpu_list", "3\n");
	check_file("sys_mq_tags", "/sys/block/vda/mq/0/nr_tags", "128\n");
	test_concurrent();
	test_diskstats(fd);
	test_discard(fd);
}

/* The partitions tests/boot/cases.py has sfdisk make: number, start, size in sectors. */
struct part { int n; long long start, size; };

static const struct part mbr_parts[] = {
	{ 1, 2048, 16384 }, { 2, 18432, 32768 }, { 3, 51200, 2 }, { 5, 53248, 16384 },
	{ 6, 71680, 16384 }, { 0 },
};

static const struct part gpt_parts[] = {
	{ 1, 2048, 16384 }, { 2, 18432, 32768 }, { 3, 51200, 40960 }, { 0 },
};

static void test_partition_files(const struct part *p, const char *proc)
{
	char path[64], want[64], name[48], line[64];

	snprintf(path, sizeof(path), "/sys/block/vda/vda%d/start", p->n);
	snprintf(want, sizeof(want), "%lld\n", p->start);
	snprintf(name, sizeof(name), "vda%d_sys_start", p->n);
	check_file(name, path, want);
	snprintf(path, sizeof(path), "/sys/block/vda/vda%d/size", p->n);
	snprintf(want, sizeof(want), "%lld\n", p->size);
	snprintf(name, sizeof(name), "vda%d_sys_size", p->n);
	check_file(name, path, want);
	snprintf(path, sizeof(path), "/sys/block/vda/vda%d/partition", p->n);
	snprintf(want, sizeof(want), "%d\n", p->n);
	snprintf(name, sizeof(name), "vda%d_sys_partition", p->n);
	check_file(name, path, want);
	snprintf(line, sizeof(line), " 254  %7d %10lld vda%d\n", p->n, p->size / 2, p->n);
	snprintf(name, sizeof(name), "vda%d_proc_partitions", p->n);
	CHECK(name, strstr(proc, line), "no line \"%s\"", line);
}

/*
 * A data partition: its node, the host's marker at its start, its size, and a write
 * across its end cut short there (the host finds "tail of " in its last 8 bytes).
 */
static void test_partition_io(const struct part *p)
{
	char path[32], name[48], marker[32];
	unsigned long long st[17];
	struct stat sb;
	int fd;

	snprintf(path, sizeof(path), "/dev/vda%d", p->n);
	snprintf(marker, sizeof(marker), "partition %d\n", p->n);
	fd = open(path, O_RDWR);
	snprintf(name, sizeof(name), "vda%d_open", p->n);
	CHECK(name, fd >= 0 && !fstat(fd, &sb) && S_ISBLK(sb.st_mode) &&
	      sb.st_rdev == makedev(254, p->n), "errno %d", errno);
	if (fd < 0)
		return;
	snprintf(name, sizeof(name), "vda%d_marker", p->n);
	CHECK(name, pread(fd, buf, strlen(marker), 0) == (ssize_t)strlen(marker) &&
	      !memcmp(buf, marker, strlen(marker)), "read \"%.12s\"", buf);
	snprintf(name, sizeof(name), "vda%d_size", p->n);
	CHECK(name, lseek(fd, 0, SEEK_END) == p->size * 512, "errno %d", errno);
	snprintf(name, sizeof(name), "vda%d_write_across_end", p->n);
	CHECK(name, pwrite(fd, "tail of partition", 16, p->size * 512 - 8) == 8 && !fsync(fd),
	      "errno %d", errno);
	snprintf(name, sizeof(name), "vda%d_stat_counts", p->n);
	snprintf(path, sizeof(path), "vda/vda%d", p->n);
	CHECK(name, disk_stats(path, st, true) && st[RD_IOS] >= 1 && st[WR_IOS] >= 1,
	      "reads %llu writes %llu", st[RD_IOS], st[WR_IOS]);
	close(fd);
}

static void test_partitions(bool gpt)
{
	const struct part *parts = gpt ? gpt_parts : mbr_parts;
	char proc[4096], name[256];

	snprintf(proc, sizeof(proc), "%s", read_small("/proc/partitions"));
	CHECK("proc_partitions_disk", strstr(proc, " 254        0      65536 vda\n"), "%s", proc);
	for (const struct part *p = parts; p->n; p++) {
		test_partition_files(p, proc);
		if (p->size > 2)
			test_partition_io(p);
	}
	CHECK_ERR("no_partition_4", open("/dev/vda4", O_RDONLY), ENOENT);
	if (gpt)
		return;
	snprintf(name, sizeof(name), "%s", link_target("/sys/class/block/vda5"));
	CHECK("link_class_block_vda5", ends_with(name, "/block/vda/vda5"), "-> \"%s\"", name);
	CHECK("link_dev_block_254_5", !strcmp(link_target("/sys/dev/block/254:5"), name),
	      "-> \"%s\"", link_target("/sys/dev/block/254:5"));
}

/* What lsblk -o ... printed, with its output in /lsblk.out: the text, "" if it failed. */
static const char *lsblk(char *const argv[])
{
	static char *const envp[] = { "PATH=/bin:/usr/bin", NULL };
	posix_spawn_file_actions_t fa;
	int status = -1;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/lsblk.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (!posix_spawn(&pid, "/bin/lsblk", &fa, NULL, argv, envp))
		waitpid(pid, &status, 0);
	posix_spawn_file_actions_destroy(&fa);
	CHECK(argv[1], status == 0, "status %#x: %s", status, read_small("/lsblk.out"));
	return status ? "" : read_small("/lsblk.out");
}

/* Whether lsblk's list output has the line "name maj:min bytes 0 type" (in any spacing). */
static bool lsblk_has(const char *out, const char *name, int minor, long long bytes,
		      const char *type)
{
	char n[32], mm[16], t[16], want_mm[16];
	long long size;
	int ro;

	snprintf(want_mm, sizeof(want_mm), "254:%d", minor);
	for (const char *l = out; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
		if (sscanf(l, "%31s %15s %lld %d %15s", n, mm, &size, &ro, t) == 5 &&
		    !strcmp(n, name) && !strcmp(mm, want_mm) && size == bytes && !ro &&
		    !strcmp(t, type))
			return true;
	return false;
}

/* Debian's lsblk finds the disk and its partitions through /sys, with their sizes. */
static void test_lsblk(void)
{
	static char *const tree[] = { "lsblk", "--ascii", NULL };
	static char *const list[] = { "lsblk", "-lbn", "-o", "NAME,MAJ:MIN,SIZE,RO,TYPE", NULL };
	const char *out = lsblk(tree);
	char name[32];

	for (const char *l = out; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
		printf("# %.*s\n", (int)strcspn(l, "\n"), l);
	out = lsblk(list);
	CHECK("lsblk_vda", lsblk_has(out, "vda", 0, DISK_SIZE, "disk"), "%s", out);
	for (const struct part *p = mbr_parts; p->n; p++) {
		snprintf(name, sizeof(name), "vda%d", p->n);
		snprintf(buf, sizeof(buf), "lsblk_vda%d", p->n);
		CHECK(buf, lsblk_has(out, name, p->n, p->size * 512, "part"), "%s", out);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int fd;

	ktap_suite = "blk";
	CHECK("mount_devtmpfs", !mount("devtmpfs", "/dev", "devtmpfs", 0, NULL), "errno %d", errno);
	mkdir("/sys", 0555);
	mkdir("/proc", 0555);
	CHECK("mount_sysfs", !mount("sysfs", "/sys", "sysfs", 0, NULL), "errno %d", errno);
	CHECK("mount_proc", !mount("proc", "/proc", "proc", 0, NULL), "errno %d", errno);
	fd = open("/dev/vda", O_RDWR | (strcmp(mode, "eio") ? 0 : O_SYNC));	/* errors at write */
	CHECK("open_vda", fd >= 0, "errno %d", errno);
	if (fd < 0)
		return ktap_done();
	test_device(fd);
	if (!strcmp(mode, "mbr") || !strcmp(mode, "gpt")) {
		test_partitions(!strcmp(mode, "gpt"));
		if (!strcmp(mode, "mbr"))
			test_lsblk();
		return ktap_done();
	}
	test_reads(fd);
	test_sysfs();
	if (!strcmp(mode, "eio"))
		test_eio(fd);
	else
		test_writes(fd);
	if (!strcmp(mode, "mq"))
		test_mq(fd);
	CHECK("close", close(fd) == 0, "errno %d", errno);
	return ktap_done();
}
