/*
 * ext4 file semantics beyond read and write, as init on an ext4 /dev/vda the host made
 * with mke2fs (tests/boot/cases.py's ext4-file cases), mounted on /mnt. Modes (the first
 * argument):
 *   write   stores through a shared mapping into a sparse file's holes
 *           (->page_mkwrite), msync, read() back, redirtying after writeback, SIGBUS
 *           past the end; a file unlinked while open; fallocate (unwritten extents
 *           read as zeroes and converted by writes, KEEP_SIZE, punch hole, errors,
 *           ENOSPC); then unmount (the host runs e2fsck -fn);
 *   verify  (a second boot) the files write left read back as they were written;
 *   orphan  two files unlinked while open, synced, then "ORPHANS READY" and a wait:
 *           the host kills QEMU;
 *   mount   mount and unmount: the journal replay and the orphan cleanup.
 * KTAP out.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/falloc.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "ktap.h"
#include "faults.h"

#define PG		4096
#define MM_PAGES	64
#define MM_TAIL		1000	/* bytes of the last, partial page */
#define MM_SIZE		((off_t)MM_PAGES * PG + MM_TAIL)

static unsigned char pagebuf[PG];

/* What byte off of /mnt/mm holds after write: even pages and the tail written. */
static unsigned char mm_byte(off_t off)
{
	off_t page = off / PG;

	if (page % 2 && page != MM_PAGES)
		return 0;
	return (unsigned char)(page * 7 + off % 251 + 1);
}

static long meminfo_kb(const char *field)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, strlen(field)) && line[strlen(field)] == ':')
			v = strtol(line + strlen(field) + 1, NULL, 10);
	fclose(f);
	return v;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	fault_return(sig, si);
}

/* Whether every byte of the file matches mm_byte, read through read(). */
static int mm_file_matches(int fd, off_t *bad)
{
	for (off_t off = 0; off < MM_SIZE; off += PG) {
		ssize_t n = pread(fd, pagebuf, PG, off);

		if (n != (off + PG <= MM_SIZE ? PG : MM_TAIL)) {
			*bad = off;
			return 0;
		}
		for (ssize_t i = 0; i < n; i++)
			if (pagebuf[i] != mm_byte(off + i)) {
				*bad = off + i;
				return 0;
			}
	}
	return 1;
}

/* Stores into a sparse file's holes through MAP_SHARED, then read() and msync. */
static void test_mmap_holes(void)
{
	int fd = open("/mnt/mm", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct stat st;
	unsigned char *p;
	off_t bad = -1;

	CHECK("mm_sparse_file", fd >= 0 && !ftruncate(fd, MM_SIZE) && !fstat(fd, &st) &&
	      st.st_blocks == 0, "fd %d blocks %lld", fd, (long long)st.st_blocks);
	p = mmap(NULL, MM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mm_mmap_shared", p != MAP_FAILED, "errno %d", errno);
	if (p == MAP_FAILED)
		return;
	CHECK("mm_hole_reads_zero", p[PG] == 0 && p[3 * PG + 17] == 0, "");
	for (off_t off = 0; off < MM_SIZE; off++)
		if (mm_byte(off))
			p[off] = mm_byte(off);
	CHECK("mm_read_sees_stores", mm_file_matches(fd, &bad), "first wrong at %lld",
	      (long long)bad);
	CHECK("mm_msync", msync(p, MM_SIZE, MS_SYNC) == 0, "errno %d", errno);
	fstat(fd, &st);
	/* 32 pages and the tail's first 1 KiB block (or its 4 KiB block) allocated. */
	CHECK("mm_blocks_allocated", st.st_blocks >= 32 * 8 + 2 && st.st_blocks < 40 * 8,
	      "st_blocks %lld", (long long)st.st_blocks);
	CHECK("mm_hole_still_hole", p[PG] == 0 && p[5 * PG + 100] == 0, "");
	munmap(p, MM_SIZE);
	close(fd);
}

/*
 * After writeback the mapping is write-protected again (folio_mkclean): stores into
 * written pages dirty them anew, which Dirty in /proc/meminfo shows.
 */
static void test_mmap_redirty(void)
{
	int fd = open("/mnt/mm", O_RDWR);
	unsigned char *p = mmap(NULL, MM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	long before, after, faults;
	struct rusage ru;
	off_t bad = -1;

	if (fd < 0 || p == MAP_FAILED) {
		CHECK("mm_redirty_setup", 0, "fd %d errno %d", fd, errno);
		return;
	}
	for (int i = 0; i < MM_PAGES; i += 2)
		p[(off_t)i * PG] = mm_byte((off_t)i * PG);
	CHECK("mm_msync_clean", msync(p, MM_SIZE, MS_SYNC) == 0 && fsync(fd) == 0, "");
	before = meminfo_kb("Dirty");
	getrusage(RUSAGE_SELF, &ru);
	faults = ru.ru_minflt;
	for (int i = 0; i < MM_PAGES; i += 2)
		p[(off_t)i * PG + 1] = mm_byte((off_t)i * PG + 1);
	getrusage(RUSAGE_SELF, &ru);
	after = meminfo_kb("Dirty");
	/* Each written-back page was write-protected again: one fault per page. */
	CHECK("mm_write_faults_after_writeback", ru.ru_minflt - faults >= 32,
	      "%ld faults", ru.ru_minflt - faults);
	/* The per-cpu vmstat deltas may not all be folded in yet: it rises, by how much varies. */
	CHECK("mm_redirty_after_writeback", after > before, "Dirty %ld kB -> %ld kB", before,
	      after);
	CHECK("mm_second_msync", msync(p, MM_SIZE, MS_SYNC) == 0 &&
	      meminfo_kb("Dirty") < after, "Dirty %ld kB", meminfo_kb("Dirty"));
	CHECK("mm_file_after_redirty", mm_file_matches(fd, &bad), "first wrong at %lld",
	      (long long)bad);
	munmap(p, MM_SIZE);
	close(fd);
}

/* A store past the end of the file, inside the mapping: SIGBUS, the file unchanged. */
static void test_mmap_sigbus(void)
{
	int fd = open("/mnt/short", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
	struct stat st;
	char *p;

	sigaction(SIGBUS, &sa, NULL);
	if (fd < 0 || ftruncate(fd, 100)) {
		CHECK("mm_sigbus_setup", 0, "errno %d", errno);
		return;
	}
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mm_store_inside_eof", p != MAP_FAILED && fault_sig(p + 50, 1) == 0, "");
	CHECK("mm_store_past_eof_sigbus", fault_sig(p + PG + 10, 1) == SIGBUS,
	      "signal %d", last_sig);
	msync(p, 2 * PG, MS_SYNC);
	CHECK("mm_short_size_kept", !fstat(fd, &st) && st.st_size == 100, "size %lld",
	      (long long)st.st_size);
	munmap(p, 2 * PG);
	close(fd);
}

/* A new file of len bytes (fsynced), left open: its descriptor. */
static int make_file(const char *path, size_t len)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	memset(pagebuf, 0x5a, sizeof(pagebuf));
	for (size_t done = 0; fd >= 0 && done < len; done += PG)
		if (write(fd, pagebuf, PG) != PG)
			return -1;
	if (fd >= 0 && fsync(fd))
		return -1;
	return fd;
}

/*
 * An unlinked file stays readable while open (an orphan); the last close frees it
 * (e2fsck -fn on the host finds neither a leaked inode nor blocks).
 */
static void test_unlink_open(void)
{
	int fd = make_file("/mnt/unl", 256 << 10);

	CHECK("unlink_open_file", fd >= 0 && unlink("/mnt/unl") == 0, "fd %d errno %d", fd, errno);
	CHECK("unlinked_still_readable", pread(fd, pagebuf, 16, 4096) == 16 && pagebuf[3] == 0x5a,
	      "");
	CHECK("unlinked_gone_from_dir", access("/mnt/unl", F_OK) == -1 && errno == ENOENT, "");
	CHECK("last_close", close(fd) == 0, "errno %d", errno);
}

/* ---- fallocate ---- */

#define FA_SIZE		(1 << 20)
#define FA_DATA		300000		/* pwrite of FA_DATA_LEN bytes here */
#define FA_DATA_LEN	10000
#define FA_PUNCH	301000		/* a punched hole of FA_PUNCH_LEN bytes */
#define FA_PUNCH_LEN	5000
#define FA_MMAP_PAGE	200		/* a page stored through a shared mapping */

/* What byte off of /mnt/fa holds after write. */
static unsigned char fa_byte(off_t off)
{
	if (off / PG == FA_MMAP_PAGE)
		return 0xa5;
	if (off < FA_DATA || off >= FA_DATA + FA_DATA_LEN ||
	    (off >= FA_PUNCH && off < FA_PUNCH + FA_PUNCH_LEN))
		return 0;
	return (unsigned char)(off % 253 + 1);
}

static int fa_file_matches(int fd, off_t *bad)
{
	for (off_t off = 0; off < FA_SIZE; off += PG) {
		if (pread(fd, pagebuf, PG, off) != PG) {
			*bad = off;
			return 0;
		}
		for (int i = 0; i < PG; i++)
			if (pagebuf[i] != fa_byte(off + i)) {
				*bad = off + i;
				return 0;
			}
	}
	return 1;
}

static long long blocks_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long long)st.st_blocks;
}

/* Unwritten extents read as zeroes; writes (write() and stores) convert them. */
static void test_fallocate_alloc(int fd)
{
	static unsigned char data[FA_DATA_LEN];
	long long b0, b1;
	struct stat st;
	unsigned char *p;

	CHECK("fallocate_mode0", fallocate(fd, 0, 0, FA_SIZE) == 0, "errno %d", errno);
	fstat(fd, &st);
	CHECK("fallocate_size_and_blocks", st.st_size == FA_SIZE && st.st_blocks >= FA_SIZE / 512,
	      "size %lld blocks %lld", (long long)st.st_size, (long long)st.st_blocks);
	CHECK("unwritten_reads_zero", pread(fd, pagebuf, PG, 100 * PG) == PG && !pagebuf[0] &&
	      !memcmp(pagebuf, pagebuf + 1, PG - 1), "");
	for (int i = 0; i < FA_DATA_LEN; i++)
		data[i] = (unsigned char)((FA_DATA + i) % 253 + 1);
	b0 = blocks_of(fd);
	CHECK("write_into_unwritten", pwrite(fd, data, FA_DATA_LEN, FA_DATA) == FA_DATA_LEN &&
	      fsync(fd) == 0 && blocks_of(fd) == b0, "blocks %lld -> %lld", b0, blocks_of(fd));
	p = mmap(NULL, FA_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mmap_unwritten_reads_zero", p != MAP_FAILED && p[FA_MMAP_PAGE * PG + 7] == 0, "");
	if (p != MAP_FAILED) {
		memset(p + (off_t)FA_MMAP_PAGE * PG, 0xa5, PG);
		CHECK("store_into_unwritten", msync(p, FA_SIZE, MS_SYNC) == 0, "errno %d", errno);
		munmap(p, FA_SIZE);
	}
	b0 = blocks_of(fd);
	CHECK("fallocate_keep_size", fallocate(fd, FALLOC_FL_KEEP_SIZE, FA_SIZE, 256 << 10) == 0 &&
	      !fstat(fd, &st) && st.st_size == FA_SIZE, "errno %d size %lld", errno,
	      (long long)st.st_size);
	b1 = blocks_of(fd);
	CHECK("keep_size_allocates", b1 - b0 >= (256 << 10) / 512, "blocks %lld -> %lld", b0, b1);
}

/* A punched hole reads as zeroes and gives its whole blocks back; i_size stays. */
static void test_fallocate_punch(int fd)
{
	long long b0 = blocks_of(fd), b1;
	off_t bad = -1;

	CHECK("punch_hole", fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, FA_PUNCH,
				      FA_PUNCH_LEN) == 0, "errno %d", errno);
	CHECK("punch_unwritten_range", fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
						 512 << 10, 256 << 10) == 0, "errno %d", errno);
	b1 = blocks_of(fd);
	CHECK("punch_frees_blocks", b0 - b1 >= (256 << 10) / 512, "blocks %lld -> %lld", b0, b1);
	CHECK("punched_file_bytes", fa_file_matches(fd, &bad), "first wrong at %lld",
	      (long long)bad);
	CHECK("punch_keeps_size", lseek(fd, 0, SEEK_END) == FA_SIZE, "");
}

/* fallocate's errors, as Linux checks them. */
static void test_fallocate_errors(int fd)
{
	int rd = open("/mnt/fa", O_RDONLY), pfd[2], rfd;

	CHECK_ERR("fallocate_zero_len", fallocate(fd, 0, 0, 0), EINVAL);
	CHECK_ERR("fallocate_negative_offset", fallocate(fd, 0, -1, 10), EINVAL);
	CHECK_ERR("punch_without_keep_size", fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10), EOPNOTSUPP);
	CHECK_ERR("fallocate_unknown_mode", fallocate(fd, 0x80, 0, 10), EOPNOTSUPP);
	CHECK_ERR("fallocate_collapse_unsupported", fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, 4096),
		  EOPNOTSUPP);
	CHECK_ERR("fallocate_read_only_fd", fallocate(rd, 0, 0, 10), EBADF);
	CHECK_ERR("fallocate_bad_fd", fallocate(99, 0, 0, 10), EBADF);
	CHECK_ERR("fallocate_too_big", fallocate(fd, 0, 0x7fffffffffff0000LL, 1 << 20), EFBIG);
	if (!pipe(pfd)) {
		CHECK_ERR("fallocate_pipe", fallocate(pfd[1], 0, 0, 10), ESPIPE);
		close(pfd[0]);
		close(pfd[1]);
	}
	/* The initramfs's ramfs has no ->fallocate. */
	rfd = open("/fa_ramfs", O_RDWR | O_CREAT, 0644);
	CHECK_ERR("fallocate_ramfs_unsupported", fallocate(rfd, 0, 0, 10), EOPNOTSUPP);
	close(rfd);
	close(rd);
}

/*
 * A full file system: fallocate says ENOSPC (keeping what it got), and a store into a
 * hole through a shared mapping, which needs a block, is SIGBUS.
 */
static void test_enospc(void)
{
	int big = open("/mnt/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int fd = open("/mnt/hole", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *p;

	CHECK_ERR("fallocate_enospc", fallocate(big, 0, 0, 1LL << 30), ENOSPC);
	CHECK("enospc_kept_blocks", blocks_of(big) > (128LL << 20) / 512, "blocks %lld",
	      blocks_of(big));
	p = fd >= 0 && !ftruncate(fd, 4 * PG) ?
	    mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
	CHECK("store_without_space_sigbus", p != MAP_FAILED && fault_sig(p + PG, 1) == SIGBUS,
	      "signal %d", last_sig);
	if (p != MAP_FAILED)
		munmap(p, 4 * PG);
	close(fd);
	close(big);
	CHECK("enospc_cleanup", !unlink("/mnt/big") && !unlink("/mnt/hole"), "errno %d", errno);
}

static void test_fallocate(void)
{
	int fd = open("/mnt/fa", O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		CHECK("fallocate_setup", 0, "errno %d", errno);
		return;
	}
	test_fallocate_alloc(fd);
	test_fallocate_punch(fd);
	test_fallocate_errors(fd);
	close(fd);
	test_enospc();
}

static void mode_write(void)
{
	test_mmap_holes();
	test_mmap_redirty();
	test_mmap_sigbus();
	test_unlink_open();
	test_fallocate();
}

/* Two files unlinked while open (a chain of two orphans), synced; then the host kills. */
static void mode_orphan(void)
{
	int o1 = make_file("/mnt/o1", 1 << 20), o2 = make_file("/mnt/o2", 512 << 10);

	CHECK("orphans_unlinked", o1 >= 0 && o2 >= 0 && !unlink("/mnt/o1") && !unlink("/mnt/o2"),
	      "errno %d", errno);
	sync();
	printf("ORPHANS READY\n");
	fflush(stdout);
	for (;;)
		pause();
}

static void mode_verify(void)
{
	int fd = open("/mnt/mm", O_RDONLY);
	struct stat st;
	off_t bad = -1;

	CHECK("verify_mm_size", fd >= 0 && !fstat(fd, &st) && st.st_size == MM_SIZE,
	      "fd %d", fd);
	CHECK("verify_mm_bytes", fd >= 0 && mm_file_matches(fd, &bad), "first wrong at %lld",
	      (long long)bad);
	close(fd);
	fd = open("/mnt/fa", O_RDONLY);
	CHECK("verify_fa_bytes", fd >= 0 && fa_file_matches(fd, &bad), "first wrong at %lld",
	      (long long)bad);
	close(fd);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "write";

	ktap_suite = "ext4_file";
	printf("KTAP version 1\n# ext4_file %s\n", mode);
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mkdir("/mnt", 0755);
	if (mount("/dev/vda", "/mnt", "ext4", 0, NULL)) {
		CHECK("mount", 0, "errno %d", errno);
		return ktap_done();
	}
	if (!strcmp(mode, "write"))
		mode_write();
	else if (!strcmp(mode, "verify"))
		mode_verify();
	else if (!strcmp(mode, "orphan"))
		mode_orphan();

	CHECK("umount", umount("/mnt") == 0, "errno %d", errno);
	return ktap_done();
}
