/*
 * The storage workload of issue 16, as init, on an ext4 /dev/vda the host made with
 * mke2fs (tests/boot/cases.py's storage cases), mounted on /mnt. Modes (the first
 * argument on the kernel command line):
 *   write   create, rewrite, append to, rename, delete and fsync thousands of files of
 *           many sizes; then sync, write /mnt/MANIFEST (path size crc32 per file), print
 *           the same lines ("F ..."), unmount;
 *   verify  (a second boot) read every file of the manifest back, check its crc32, and
 *           that the directories hold nothing else;
 *   crash   the workload, printing "FSYNCED n path size crc32" once a file's fsync has
 *           returned; such a file is never touched again. The host kills QEMU midway;
 *   mount   mount and unmount only: the journal replay after the kill;
 *   seq     write /mnt/big (64 MiB) sequentially, fsync, drop the caches, read it back:
 *           MB/s each way and the disk's sectors per read and write I/O from
 *           /proc/diskstats ("seq: ..."), the read's I/Os checked to be large; then
 *           a sparse file read back cold.
 * The seed (seed=N on the command line, default 1) is printed; the bytes of each file
 * follow from the seed, so a failure replays.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include "ktap.h"

#define NDIRS		16
#define MAXFILES	4000
#define NOPS		6000
#define TOTAL_BYTES	(48 << 20)	/* the most the live files hold at once */
#define MANIFEST	"/mnt/MANIFEST"

struct file {
	char path[48];
	int live;
	int durable;		/* crash mode: fsynced, never touched again */
	uint32_t size;
	uint32_t crc;
};

static struct file files[MAXFILES];
static int nfiles;
static uint64_t rng, live_bytes;
static int crash_mode, nfsynced, nbad;
static unsigned char buf[1 << 16];
static uint32_t crc_table[256];

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void crc32_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

/* zlib's crc32: what the host's binascii.crc32 computes. */
static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* A size: mostly small files, some of a few pages, a few of megabytes. */
static uint32_t pick_size(void)
{
	uint64_t r = next_rand() % 100;

	if (r < 50)
		return next_rand() % 4097;
	if (r < 85)
		return 4096 + next_rand() % 12288;
	if (r < 97)
		return 16384 + next_rand() % 49152;
	if (r < 99)
		return 65536 + next_rand() % 196608;
	return 262144 + next_rand() % (3 << 20);
}

/* Fills buf with n bytes of the stream seeded by (s), in uneven pieces. */
static void fill(uint64_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
		buf[i] = (unsigned char)(*s >> 56);
	}
}

/* Writes size bytes at offset in pieces of varied length; the crc of what was written. */
static int write_bytes(int fd, off_t offset, uint32_t size, uint32_t *crc)
{
	uint64_t s = next_rand();

	while (size) {
		size_t n = 1 + next_rand() % sizeof(buf);

		if (n > size)
			n = size;
		fill(&s, n);
		if (pwrite(fd, buf, n, offset) != (ssize_t)n)
			return -1;
		*crc = crc32_update(*crc, buf, n);
		offset += n;
		size -= n;
	}
	return 0;
}

static int file_crc(const char *path, uint32_t *size, uint32_t *crc)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	*size = 0;
	*crc = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		*crc = crc32_update(*crc, buf, n);
		*size += n;
	}
	close(fd);
	return n < 0 ? -1 : 0;
}

static void fail(const char *what, const char *path)
{
	printf("storage: %s %s: errno %d (%s)\n", what, path, errno, strerror(errno));
	nbad++;
}

static struct file *random_file(void)
{
	for (int tries = 0; tries < 16 && nfiles; tries++) {
		struct file *f = &files[next_rand() % nfiles];

		if (f->live && !f->durable)
			return f;
	}
	return NULL;
}

static void op_create(void)
{
	struct file *f;
	int fd;

	if (nfiles == MAXFILES || live_bytes > TOTAL_BYTES)
		return;
	f = &files[nfiles];
	snprintf(f->path, sizeof(f->path), "/mnt/d%02d/f%05d", (int)(next_rand() % NDIRS), nfiles);
	fd = open(f->path, O_CREAT | O_EXCL | O_WRONLY, 0644);
	if (fd < 0)
		return fail("create", f->path);
	f->size = pick_size();
	f->crc = 0;
	if (write_bytes(fd, 0, f->size, &f->crc))
		fail("write", f->path);
	close(fd);
	f->live = 1;
	live_bytes += f->size;
	nfiles++;
}

/* Rewrites the file from the start (O_TRUNC), or appends to it. */
static void op_rewrite(struct file *f)
{
	int append = next_rand() & 1;
	uint32_t size = append ? next_rand() % 20000 : pick_size();
	int fd = open(f->path, O_WRONLY | (append ? 0 : O_TRUNC));

	if (fd < 0)
		return fail("open", f->path);
	live_bytes -= append ? 0 : f->size;
	if (!append)
		f->crc = 0;
	if (write_bytes(fd, append ? f->size : 0, size, &f->crc))
		fail("rewrite", f->path);
	close(fd);
	f->size = append ? f->size + size : size;
	live_bytes += size;
}

/* Renames the file into a random directory, sometimes over another live file. */
static void op_rename(struct file *f)
{
	struct file *victim = (next_rand() % 4 == 0) ? random_file() : NULL;
	char to[48];

	if (victim == f)
		victim = NULL;
	if (victim)
		strcpy(to, victim->path);
	else
		snprintf(to, sizeof(to), "/mnt/d%02d/r%05d", (int)(next_rand() % NDIRS),
			 (int)(f - files));
	if (rename(f->path, to))
		return fail("rename", f->path);
	if (victim) {
		victim->live = 0;
		live_bytes -= victim->size;
	}
	strcpy(f->path, to);
}

static void op_unlink(struct file *f)
{
	if (unlink(f->path))
		return fail("unlink", f->path);
	f->live = 0;
	live_bytes -= f->size;
}

static void op_fsync(struct file *f)
{
	int fd = open(f->path, O_RDONLY);

	if (fd < 0)
		return fail("open", f->path);
	if (fsync(fd))
		fail("fsync", f->path);
	close(fd);
	if (!crash_mode)
		return;
	f->durable = 1;
	printf("FSYNCED %d %s %u %08x\n", ++nfsynced, f->path, f->size, f->crc);
	fflush(stdout);
}

static void workload(void)
{
	for (int op = 0; op < NOPS; op++) {
		uint64_t r = next_rand() % 100;
		struct file *f = random_file();

		if (r < 50 || !f)
			op_create();
		else if (r < 62)
			op_rewrite(f);
		else if (r < 74)
			op_rename(f);
		else if (r < 86)
			op_unlink(f);
		else
			op_fsync(f);
	}
}

/* The manifest of the live files, printed and written to MANIFEST. */
static void write_manifest(void)
{
	FILE *m = fopen(MANIFEST, "w");
	int n = 0;

	CHECK("manifest_open", m, "errno %d", errno);
	if (!m)
		return;
	for (int i = 0; i < nfiles; i++) {
		if (!files[i].live)
			continue;
		fprintf(m, "%s %u %08x\n", files[i].path, files[i].size, files[i].crc);
		printf("F %s %u %08x\n", files[i].path, files[i].size, files[i].crc);
		n++;
	}
	CHECK("manifest_fsync", !fflush(m) && !fsync(fileno(m)), "errno %d", errno);
	CHECK("manifest_close", !fclose(m), "errno %d", errno);
	printf("storage: %d files live of %d made\n", n, nfiles);
}

static int mkdirs(void)
{
	char path[32];

	for (int d = 0; d < NDIRS; d++) {
		snprintf(path, sizeof(path), "/mnt/d%02d", d);
		if (mkdir(path, 0755))
			return -1;
	}
	return 0;
}

/* Entries in the workload's directories; the manifest must account for each. */
static int count_entries(void)
{
	char path[32];
	int n = 0;

	for (int d = 0; d < NDIRS; d++) {
		DIR *dir;
		struct dirent *e;

		snprintf(path, sizeof(path), "/mnt/d%02d", d);
		dir = opendir(path);
		if (!dir)
			return -1;
		while ((e = readdir(dir)))
			n += e->d_name[0] != '.';
		closedir(dir);
	}
	return n;
}

static void verify(void)
{
	FILE *m = fopen(MANIFEST, "r");
	char path[64];
	unsigned int size, crc;
	int n = 0, bad = 0;

	CHECK("manifest_open", m, "errno %d", errno);
	if (!m)
		return;
	while (fscanf(m, "%63s %u %x", path, &size, &crc) == 3) {
		uint32_t got_size = 0, got_crc = 0;

		n++;
		if (file_crc(path, &got_size, &got_crc) || got_size != size || got_crc != crc) {
			printf("storage: %s: size %u crc %08x, expected %u %08x\n", path, got_size,
			       got_crc, size, crc);
			bad++;
		}
	}
	fclose(m);
	CHECK("verify_files", n > 0 && !bad, "%d of %d files wrong", bad, n);
	CHECK("verify_no_extra_entries", count_entries() == n, "%d entries, %d in the manifest",
	      count_entries(), n);
}

/* vda's reads, sectors read, writes, sectors written so far (/proc/diskstats). */
static int vda_stats(unsigned long st[4])
{
	FILE *f = fopen("/proc/diskstats", "r");
	char line[256], name[32];
	unsigned long v[7];
	int found = 0;

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f)) {
		found = sscanf(line, "%*u %*u %31s %lu %lu %lu %lu %lu %lu %lu", name, &v[0], &v[1],
			       &v[2], &v[3], &v[4], &v[5], &v[6]) == 8 && !strcmp(name, "vda");
	}
	fclose(f);
	st[0] = v[0], st[1] = v[2], st[2] = v[4], st[3] = v[6];
	return found ? 0 : -1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#define SEQ_SIZE	(64 << 20)
#define SPARSE_SIZE	(1 << 20)

/*
 * A sparse file read cold: data, holes inside a page (1 KiB blocks: a page of hole,
 * data, hole), whole pages of hole and a tail past the last block read back as written
 * and zeros, through ext4's multi-page reads and their block-by-block fallback.
 */
static void sparse_read(void)
{
	static const struct { off_t off; size_t len; } pieces[] = {
		{ 0, 4096 }, { 9216, 1024 }, { 65536, 12288 }, { 200704, 3000 },
	};
	static unsigned char want[SPARSE_SIZE], got[SPARSE_SIZE];
	int fd = open("/mnt/sparse", O_CREAT | O_TRUNC | O_RDWR, 0644), dc, ok = fd >= 0;

	memset(want, 0, sizeof(want));
	for (size_t i = 0; ok && i < sizeof(pieces) / sizeof(pieces[0]); i++) {
		memset(want + pieces[i].off, 'a' + (int)i, pieces[i].len);
		ok = pwrite(fd, want + pieces[i].off, pieces[i].len, pieces[i].off) ==
		     (ssize_t)pieces[i].len;
	}
	ok = ok && !ftruncate(fd, SPARSE_SIZE) && !fsync(fd) && !close(fd);
	dc = open("/proc/sys/vm/drop_caches", O_WRONLY);
	ok = ok && dc >= 0 && write(dc, "3", 1) == 1 && !close(dc);
	fd = open("/mnt/sparse", O_RDONLY);
	ok = ok && fd >= 0 && read(fd, got, sizeof(got)) == (ssize_t)sizeof(got) && !close(fd);
	CHECK("sparse_read", ok && !memcmp(got, want, sizeof(got)), "errno %d", errno);
}

/* The sequential write and cold read of a 64 MiB file, measured. */
static void seq(void)
{
	unsigned long a[4], b[4], c[4];
	uint32_t wcrc = 0, size = 0, rcrc = 0;
	uint64_t s = 1;
	double t0, t1, t2;
	int fd, ok = 1, dc;

	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	CHECK("diskstats", !vda_stats(a), "no vda in /proc/diskstats: errno %d", errno);
	fd = open("/mnt/big", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	CHECK("seq_create", fd >= 0, "errno %d", errno);
	if (fd < 0)
		return;
	t0 = now();
	for (int i = 0; i < SEQ_SIZE / (int)sizeof(buf) && ok; i++) {
		fill(&s, sizeof(buf));
		wcrc = crc32_update(wcrc, buf, sizeof(buf));
		ok = write(fd, buf, sizeof(buf)) == sizeof(buf);
	}
	ok = ok && !fsync(fd);
	t1 = now();
	CHECK("seq_write", ok && !close(fd), "errno %d", errno);
	dc = open("/proc/sys/vm/drop_caches", O_WRONLY);
	CHECK("drop_caches", dc >= 0 && write(dc, "3", 1) == 1 && !close(dc), "errno %d", errno);
	vda_stats(b);
	t2 = now();
	CHECK("seq_read", !file_crc("/mnt/big", &size, &rcrc) && size == SEQ_SIZE && rcrc == wcrc,
	      "size %u crc %08x, wrote %08x", size, rcrc, wcrc);
	t2 = now() - t2;
	vda_stats(c);
	printf("seq: write %.1f MB/s %lu writes %.1f sectors/write; read %.1f MB/s %lu reads "
	       "%.1f sectors/read\n", SEQ_SIZE / 1e6 / (t1 - t0), b[2] - a[2],
	       (double)(b[3] - a[3]) / (b[2] - a[2] + !(b[2] - a[2])), SEQ_SIZE / 1e6 / t2,
	       c[0] - b[0], (double)(c[1] - b[1]) / (c[0] - b[0] + !(c[0] - b[0])));
	sparse_read();
}

static void run(const char *mode)
{
	if (!strcmp(mode, "seq"))
		return seq();
	if (!strcmp(mode, "write") || !strcmp(mode, "crash")) {
		crash_mode = !strcmp(mode, "crash");
		CHECK("mkdirs", !mkdirs(), "errno %d", errno);
		workload();
		CHECK("workload", !nbad, "%d operations failed", nbad);
		CHECK("sync", (sync(), 1), NULL);
		if (!crash_mode)
			write_manifest();
	} else if (!strcmp(mode, "verify")) {
		verify();
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "write";
	const char *seed = getenv("seed");

	ktap_suite = "storage";
	rng = seed ? strtoull(seed, NULL, 0) : 1;
	rng = rng * 0x9e3779b97f4a7c15ULL | 1;
	printf("# storage: mode %s seed %s\n", mode, seed ? seed : "1");
	crc32_init();
	CHECK("mount_devtmpfs", !mount("devtmpfs", "/dev", "devtmpfs", 0, NULL), "errno %d", errno);
	mkdir("/mnt", 0755);
	CHECK("mount_ext4", !mount("/dev/vda", "/mnt", "ext4", 0, NULL), "errno %d", errno);
	run(mode);
	CHECK("umount", !umount("/mnt"), "errno %d", errno);
	return ktap_done();
}
