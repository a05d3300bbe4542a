/*
 * Storage benchmarks for `make bench` (not a test), as /init on an ext4 /dev/vda that
 * tools/mkdisk made: the same static program on our kernel and on Linux 6.1
 * (tools/bench-storage boots both and prints them side by side). Each result is a
 * "bench: storage NAME VALUE UNIT" line:
 *   seq-write       64 MiB written in 1 MiB write()s, then fsync: MB/s
 *   seq-read-cold   the same file read back after umount + drop_caches + mount: MB/s
 *   seq-read-warm   read again from the page cache (passes for at least a second): MB/s
 *   mmap-read       the cached file mmap'd, every word loaded, munmap (passes): MB/s
 *   mem-read        the same loads over anonymous memory: the ceiling mmap-read nears
 *   create          10,000 files of 1 KiB in one directory, then syncfs: files/s
 *   delete          unlinking them, then syncfs: files/s
 * MB is 10^6 bytes. After each, "bench: storage-io NAME" gives the requests vda served
 * meanwhile (/proc/diskstats): their number and mean size tell how the work reached the
 * disk whatever the host's load. Only interfaces both kernels have: no /sys, no debugfs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>

#define FILE_SIZE	(64UL << 20)
#define CHUNK		(1UL << 20)
#define NSMALL		10000
#define SMALL_SIZE	1024
#define MIN_SECONDS	1.0	/* the cached passes repeat for at least this long */
#define SEQ_FILE	"/mnt/seq"
#define SMALL_DIR	"/mnt/small"

static char chunk[CHUNK];

/* vda's completed requests and sectors, from /proc/diskstats. */
struct io_count {
	unsigned long long reads, rsect, writes, wsect;
};
static struct io_count io_start;

static void die(const char *what)
{
	printf("bench: storage failed: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct io_count io_now(void)
{
	struct io_count c = { 0 };
	char line[256];
	FILE *f = fopen("/proc/diskstats", "r");

	if (!f)
		die("open /proc/diskstats");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, " %*u %*u vda %llu %*u %llu %*u %llu %*u %llu",
			   &c.reads, &c.rsect, &c.writes, &c.wsect) == 4)
			break;
	fclose(f);
	return c;
}

/* Starts a timed phase: its time, and the disk's counts for report's io line. */
static double start(void)
{
	io_start = io_now();
	return now();
}

static double kib_each(unsigned long long sectors, unsigned long long requests)
{
	return requests ? sectors / 2.0 / requests : 0;
}

/* The rate, t the phase's seconds; then the requests sent to the disk since start. */
static void report(const char *name, double amount, double t, const char *unit)
{
	struct io_count c = io_now();

	c.reads -= io_start.reads;
	c.rsect -= io_start.rsect;
	c.writes -= io_start.writes;
	c.wsect -= io_start.wsect;
	printf("bench: storage %s %.1f %s\n", name, amount / t, unit);
	printf("bench: storage-io %s %llu reads of %.1f KiB, %llu writes of %.1f KiB\n", name,
	       c.reads, kib_each(c.rsect, c.reads), c.writes, kib_each(c.wsect, c.writes));
	fflush(stdout);
}

/* Each chunk starts with its offset, so a read that returns the wrong chunk is seen. */
static void fill_chunk(uint64_t off)
{
	memcpy(chunk, &off, sizeof(off));
}

static void check_chunk(uint64_t off)
{
	uint64_t got;

	memcpy(&got, chunk, sizeof(got));
	if (got != off) {
		errno = EIO;
		die("read back the wrong data");
	}
}

static void seq_write(void)
{
	int fd = open(SEQ_FILE, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	double t;

	if (fd < 0)
		die("open " SEQ_FILE);
	memset(chunk, 0x5a, CHUNK);
	t = start();
	for (uint64_t off = 0; off < FILE_SIZE; off += CHUNK) {
		fill_chunk(off);
		if (write(fd, chunk, CHUNK) != (ssize_t)CHUNK)
			die("write");
	}
	if (fsync(fd))
		die("fsync");
	t = now() - t;
	close(fd);
	report("seq-write", FILE_SIZE / 1e6, t, "MB/s");
}

/* One pass over the file with read(); its time. */
static double read_pass(int fd)
{
	double t = now();

	if (lseek(fd, 0, SEEK_SET))
		die("lseek");
	for (uint64_t off = 0; off < FILE_SIZE; off += CHUNK) {
		if (read(fd, chunk, CHUNK) != (ssize_t)CHUNK)
			die("read");
		check_chunk(off);
	}
	return now() - t;
}

/* Nothing of the file stays cached: its inode goes with the unmount, the disk's own
 * cached blocks with drop_caches. */
static void remount(void)
{
	int fd;

	if (umount("/mnt"))
		die("umount /mnt");
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd < 0 || write(fd, "3", 1) != 1)
		die("drop_caches");
	close(fd);
	if (mount("/dev/vda", "/mnt", "ext4", 0, NULL))
		die("mount /dev/vda");
}

static void seq_read(void)
{
	double t = 0;
	int fd, passes = 0;

	remount();
	fd = open(SEQ_FILE, O_RDONLY);
	if (fd < 0)
		die("open " SEQ_FILE);
	start();
	report("seq-read-cold", FILE_SIZE / 1e6, read_pass(fd), "MB/s");
	start();
	do {
		t += read_pass(fd);
		passes++;
	} while (t < MIN_SECONDS);
	close(fd);
	report("seq-read-warm", passes * (FILE_SIZE / 1e6), t, "MB/s");
}

/* Loads every word of [p, p + len); the sum keeps the loads from being optimised out. */
static uint64_t sum_words(const void *p, size_t len)
{
	const volatile uint64_t *w = p;
	uint64_t sum = 0;

	for (size_t i = 0; i < len / sizeof(*w); i++)
		sum += w[i];
	return sum;
}

static void mmap_read(void)
{
	int fd = open(SEQ_FILE, O_RDONLY), passes = 0;
	double t = 0, t0;
	void *p;

	if (fd < 0)
		die("open " SEQ_FILE);
	start();
	do {
		t0 = now();
		p = mmap(NULL, FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			die("mmap " SEQ_FILE);
		sum_words(p, FILE_SIZE);
		munmap(p, FILE_SIZE);
		t += now() - t0;
		passes++;
	} while (t < MIN_SECONDS);
	close(fd);
	report("mmap-read", passes * (FILE_SIZE / 1e6), t, "MB/s");
}

static void mem_read(void)
{
	void *p = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	double t = 0, t0;
	int passes = 0;

	if (p == MAP_FAILED)
		die("mmap anonymous");
	memset(p, 1, FILE_SIZE);
	start();
	do {
		t0 = now();
		sum_words(p, FILE_SIZE);
		t += now() - t0;
		passes++;
	} while (t < MIN_SECONDS);
	munmap(p, FILE_SIZE);
	report("mem-read", passes * (FILE_SIZE / 1e6), t, "MB/s");
}

static void small_path(char *path, int i)
{
	snprintf(path, 32, SMALL_DIR "/f%05d", i);
}

static void sync_mnt(void)
{
	int fd = open("/mnt", O_RDONLY | O_DIRECTORY);

	if (fd < 0 || syncfs(fd))
		die("syncfs /mnt");
	close(fd);
}

static void small_files(void)
{
	char path[32];
	double t;
	int fd;

	if (mkdir(SMALL_DIR, 0755))
		die("mkdir " SMALL_DIR);
	memset(chunk, 0x33, SMALL_SIZE);
	sync_mnt();
	t = start();
	for (int i = 0; i < NSMALL; i++) {
		small_path(path, i);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0 || write(fd, chunk, SMALL_SIZE) != SMALL_SIZE)
			die("create");
		close(fd);
	}
	sync_mnt();
	report("create", NSMALL, now() - t, "files/s");
	t = start();
	for (int i = 0; i < NSMALL; i++) {
		small_path(path, i);
		if (unlink(path))
			die("unlink");
	}
	sync_mnt();
	report("delete", NSMALL, now() - t, "files/s");
	if (rmdir(SMALL_DIR))	/* the image can serve another run */
		die("rmdir " SMALL_DIR);
}

/* As init: /proc for drop_caches, devtmpfs for /dev/vda (Linux leaves both to init). */
static void setup(void)
{
	mkdir("/proc", 0555);
	mkdir("/dev", 0755);
	mkdir("/mnt", 0755);
	if (mount("proc", "/proc", "proc", 0, NULL) && errno != EBUSY)
		die("mount /proc");
	if (access("/dev/vda", F_OK) && mount("devtmpfs", "/dev", "devtmpfs", 0, NULL))
		die("mount devtmpfs");
	if (mount("/dev/vda", "/mnt", "ext4", 0, NULL))
		die("mount /dev/vda");
}

int main(void)
{
	setup();
	seq_write();
	seq_read();
	mmap_read();
	mem_read();
	small_files();
	if (umount("/mnt"))
		die("umount /mnt");
	printf("bench: storage done\n");
	fflush(stdout);
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return 0;
}
