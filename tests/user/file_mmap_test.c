/*
 * File mappings through the page cache, as init: private and shared mappings of ramfs
 * files checked byte for byte against read() and write() (the same pages), fault-around
 * (one fault maps the cached pages around it), copy-on-write of private file pages,
 * SIGBUS past the end of the file and after truncation, MAP_SHARED | MAP_ANONYMOUS (shmem)
 * and shared file pages between parent and children, the errors (EACCES, ENODEV, EBADF,
 * EOPNOTSUPP), that a deleted file's pages are freed, and dynamically linked programs
 * (this suite's own dynamic helper and Debian's busybox) run under glibc's ld.so.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include "ktap.h"
#include "faults.h"

#define PG	4096UL
#define DIR	"/fmt"

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	fault_return(sig, si);
}

static unsigned char pattern(unsigned long i)
{
	return (unsigned char)(i * 7 + (i >> 12) * 13 + 1);
}

/* A new file of size bytes filled with pattern() by write(); its fd, open O_RDWR. */
static int make_file(const char *path, unsigned long size)
{
	static unsigned char buf[PG];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	for (unsigned long off = 0; fd >= 0 && off < size; off += PG) {
		unsigned long n = size - off < PG ? size - off : PG;

		for (unsigned long i = 0; i < n; i++)
			buf[i] = pattern(off + i);
		if (write(fd, buf, n) != (ssize_t)n)
			return -1;
	}
	return fd;
}

/* Index of the first byte of p[0, len) that is not pattern(off + i), or -1. */
static long first_mismatch(const unsigned char *p, unsigned long off, unsigned long len)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i] != pattern(off + i))
			return (long)i;
	return -1;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static void test_private_read(void)
{
	enum { PAGES = 64 };
	int fd = make_file(DIR "/priv", PAGES * PG + 100);
	unsigned char *p = mmap(NULL, PAGES * PG + 100, PROT_READ, MAP_PRIVATE, fd, 0);
	long before, faults, bad;

	CHECK("private_mmap", p != MAP_FAILED, "errno %d", errno);
	before = minflt();
	bad = first_mismatch(p, 0, PAGES * PG + 100);
	faults = minflt() - before;
	CHECK("private_bytes_match_file", bad < 0, "byte %ld", bad);
	/* 64 cached pages in 16-page windows: 4 or 5 faults (the last one maps a page past). */
	CHECK("fault_around_maps_16_pages", faults >= 4 && faults <= 6, "%ld faults", faults);
	CHECK("tail_of_last_page_zero", p[PAGES * PG + 100] == 0 && p[PAGES * PG + PG - 1] == 0, "");
	CHECK("offset_mapping", munmap(p, PAGES * PG + 100) == 0 &&
	      (p = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 5 * PG)) != MAP_FAILED &&
	      first_mismatch(p, 5 * PG, 2 * PG) < 0, "");
	munmap(p, 2 * PG);
	close(fd);
	unlink(DIR "/priv");
}

static void test_private_cow(void)
{
	int fd = make_file(DIR "/cow", 4 * PG);
	unsigned char *a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	unsigned char *b = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	unsigned char buf[PG];

	CHECK("cow_read_first", a != MAP_FAILED && b != MAP_FAILED && a[PG] == pattern(PG), "");
	a[PG + 5] = 0x5a;		/* write to a page mapped read-only from the cache */
	a[3 * PG] = 0xa5;		/* write to a page never touched (do_cow_fault) */
	CHECK("cow_private_sees_write", a[PG + 5] == 0x5a && a[3 * PG] == 0xa5 &&
	      a[PG + 4] == pattern(PG + 4), "");
	CHECK("cow_other_mapping_unchanged", b[PG + 5] == pattern(PG + 5) &&
	      b[3 * PG] == pattern(3 * PG), "");
	CHECK("cow_file_unchanged", pread(fd, buf, PG, PG) == PG && first_mismatch(buf, PG, PG) < 0, "");
	/* A write to the file after the copy shows in the untouched pages only. */
	buf[0] = 0x11;
	pwrite(fd, buf, 1, 2 * PG);
	pwrite(fd, buf, 1, PG + 5);
	CHECK("cow_copy_keeps_own_bytes", a[PG + 5] == 0x5a && a[2 * PG] == 0x11 && b[PG + 5] == 0x11, "");
	munmap(a, 4 * PG);
	munmap(b, 4 * PG);
	close(fd);
	unlink(DIR "/cow");
}

static void test_shared(void)
{
	int fd = make_file(DIR "/shared", 8 * PG);
	unsigned char *a = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	unsigned char *b = mmap(NULL, 8 * PG, PROT_READ, MAP_SHARED, fd, 0);
	unsigned char buf[PG];
	long bad;

	CHECK("shared_mmap", a != MAP_FAILED && b != MAP_FAILED, "errno %d", errno);
	bad = first_mismatch(a, 0, 8 * PG);
	CHECK("shared_bytes_match_file", bad < 0, "byte %ld", bad);
	memset(a + 2 * PG, 0x77, PG);	/* a read-mapped page, written: dirty */
	a[7 * PG + 1] = 0x66;
	CHECK("shared_write_seen_by_read", pread(fd, buf, PG, 2 * PG) == PG &&
	      buf[0] == 0x77 && buf[PG - 1] == 0x77, "");
	CHECK("shared_write_seen_by_other_mapping", b[2 * PG + 9] == 0x77 && b[7 * PG + 1] == 0x66, "");
	memset(buf, 0x33, PG);
	pwrite(fd, buf, PG, 5 * PG);
	CHECK("write_seen_by_shared_mapping", a[5 * PG] == 0x33 && b[6 * PG - 1] == 0x33, "");
	if (fork() == 0) {
		a[4 * PG] = 0x44;
		_exit(b[2 * PG] == 0x77 ? 0 : 1);
	}
	int status;

	wait(&status);
	CHECK("shared_file_across_fork", WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      b[4 * PG] == 0x44, "status %#x", status);
	munmap(a, 8 * PG);
	CHECK("shared_write_outlives_munmap", pread(fd, buf, 1, 4 * PG) == 1 && buf[0] == 0x44, "");
	munmap(b, 8 * PG);
	close(fd);
	unlink(DIR "/shared");
}

static void test_eof_and_truncate(void)
{
	int fd = make_file(DIR "/eof", PG + PG / 2);
	char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	CHECK("eof_mmap_longer_than_file", p != MAP_FAILED && q != MAP_FAILED, "");
	CHECK("eof_partial_page_readable", fault_sig(p + PG + PG / 2 + 10, 0) == 0 &&
	      p[PG + PG / 2 + 10] == 0, "");
	CHECK("eof_next_page_sigbus", fault_sig(p + 2 * PG, 0) == SIGBUS &&
	      last_fault.si_code == BUS_ADRERR && last_fault.si_addr == p + 2 * PG,
	      "sig %d code %d addr %p", last_sig, last_fault.si_code, last_fault.si_addr);
	CHECK("eof_private_write_sigbus", fault_sig(q + 3 * PG, 1) == SIGBUS, "sig %d", last_sig);
	ftruncate(fd, 4 * PG);
	p[3 * PG] = 9;
	q[PG] = 8;		/* a private copy of page 1 */
	CHECK("extended_file_mappable", p[2 * PG] == 0 && p[3 * PG] == 9, "");
	CHECK("truncate_shrinks", ftruncate(fd, PG / 2) == 0, "errno %d", errno);
	CHECK("truncated_shared_page_sigbus", fault_sig(p + 3 * PG, 0) == SIGBUS &&
	      last_fault.si_addr == p + 3 * PG, "sig %d", last_sig);
	CHECK("truncated_private_copy_sigbus", fault_sig(q + PG, 0) == SIGBUS, "sig %d", last_sig);
	CHECK("truncated_tail_zeroed", p[PG / 2] == 0 && p[PG / 2 - 1] == (char)pattern(PG / 2 - 1), "");
	ftruncate(fd, 4 * PG);
	CHECK("regrown_file_reads_zero", fault_sig(p + 3 * PG, 0) == 0 && p[3 * PG] == 0 && q[PG] == 0, "");
	munmap(p, 4 * PG);
	munmap(q, 4 * PG);
	close(fd);
	unlink(DIR "/eof");
}

/*
 * A child faults the pages of a shared mapping (reads and writes) while another forks
 * (copying the mapping's entries) and the parent truncates the file and extends it
 * again: the children see only SIGBUS, never anything else, the kernel reports nothing,
 * and afterwards every page the mapping shows is the one read() sees (no page dropped
 * by a truncation stayed mapped). A stress check: the windows between a fault's lookup
 * and its mapping, or fork's, are narrow, and this need not hit them.
 */
static void test_truncate_races_faults(void)
{
	enum { PAGES = 16, ROUNDS = 300 };
	int fd = make_file(DIR "/race", PAGES * PG), status;
	volatile char *p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	volatile long *stats = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				    -1, 0);
	static unsigned char buf[PAGES * PG];
	pid_t kid = fork(), forker;
	long bad, touches;

	if (kid == 0) {
		while (!stats[2]) {
			for (unsigned long i = 0; i < PAGES; i++) {
				int sig = fault_sig(p + i * PG + 8, i & 1);

				if (sig && sig != SIGBUS)
					_exit(2);
				stats[sig ? 1 : 0]++;
			}
		}
		_exit(0);
	}
	forker = fork();
	if (forker == 0) {
		while (!stats[2]) {
			if (fork() == 0)
				_exit(fault_sig(p + PG + 8, 0) & ~SIGBUS ? 2 : 0);
			wait(&status);
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				_exit(3);
			stats[3]++;
		}
		_exit(0);
	}
	/* The rounds start once the child runs, and last until it faulted during them. */
	while (!stats[0])
		sched_yield();
	touches = stats[0] + stats[1];
	for (int r = 0; r < ROUNDS || (stats[0] + stats[1] < touches + 100 && r < 100 * ROUNDS); r++) {
		ftruncate(fd, (r % PAGES) * PG + (r % 3) * 100);
		ftruncate(fd, PAGES * PG);
	}
	touches = stats[0] + stats[1] - touches;
	stats[2] = 1;
	waitpid(kid, &status, 0);
	CHECK("truncate_races_faults", WIFEXITED(status) && WEXITSTATUS(status) == 0 && touches >= 100,
	      "status %#x, %ld touches during the rounds (%ld SIGBUS)", status, touches, stats[1]);
	waitpid(forker, &status, 0);
	CHECK("truncate_races_fork", WIFEXITED(status) && WEXITSTATUS(status) == 0 && stats[3] > 0,
	      "status %#x after %ld forks", status, stats[3]);
	for (unsigned long i = 0; i < sizeof(buf); i++)
		buf[i] = pattern(i);
	pwrite(fd, buf, sizeof(buf), 0);
	bad = first_mismatch((const unsigned char *)p, 0, PAGES * PG);
	CHECK("truncate_race_leaves_no_stale_page", bad < 0, "byte %ld", bad);
	munmap((void *)p, PAGES * PG);
	munmap((void *)stats, PG);
	close(fd);
	unlink(DIR "/race");
}

/*
 * A file mapping cut in pieces (munmap, mprotect) keeps each piece at its file offset,
 * and truncation reaches every piece; MADV_DONTNEED drops a private copy (the file's
 * bytes come back) but not a shared write (it is in the file); a fork child's write to a
 * private file mapping stays its own.
 */
static void test_file_vma_pieces(void)
{
	int fd = make_file(DIR "/pieces", 8 * PG), status;
	char *s = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	CHECK("pieces_munmap_middle", munmap(s + 2 * PG, 2 * PG) == 0 &&
	      s[5 * PG + 3] == (char)pattern(5 * PG + 3) && s[PG] == (char)pattern(PG), "");
	CHECK("pieces_mprotect_split", mprotect(s + 5 * PG, PG, PROT_READ) == 0 &&
	      s[6 * PG + 1] == (char)pattern(6 * PG + 1) &&
	      fault_sig(s + 5 * PG, 1) == SIGSEGV && fault_sig(s + 6 * PG, 1) == 0, "");
	q[3 * PG] = 0x21;
	s[7 * PG] = 0x22;
	CHECK("dontneed_drops_private_copy", madvise(q + 3 * PG, PG, MADV_DONTNEED) == 0 &&
	      q[3 * PG] == (char)pattern(3 * PG), "%d", q[3 * PG]);
	CHECK("dontneed_keeps_shared_write", madvise(s + 7 * PG, PG, MADV_DONTNEED) == 0 &&
	      s[7 * PG] == 0x22 && q[7 * PG] == 0x22, "");
	if (fork() == 0) {
		q[PG] = 0x31;
		_exit(q[PG] == 0x31 && s[PG] == (char)pattern(PG) ? 0 : 1);
	}
	wait(&status);
	CHECK("fork_private_file_write_own", WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      q[PG] == (char)pattern(PG), "status %#x", status);
	ftruncate(fd, PG);
	CHECK("truncate_reaches_every_piece", fault_sig(s + 4 * PG, 0) == SIGBUS &&
	      fault_sig(s + 5 * PG, 0) == SIGBUS && fault_sig(s + 7 * PG, 0) == SIGBUS &&
	      fault_sig(q + 3 * PG, 0) == SIGBUS && fault_sig(s, 0) == 0, "");
	munmap(s, 8 * PG);
	munmap(q, 8 * PG);
	close(fd);
	unlink(DIR "/pieces");
}

static void test_errors(void)
{
	int fd = make_file(DIR "/err", PG), pfd[2];
	int ro = open(DIR "/err", O_RDONLY), wo = open(DIR "/err", O_WRONLY);
	char *p;

	CHECK_ERR("shared_write_on_rdonly_eacces",
		  mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
	CHECK_ERR("any_map_of_wronly_eacces", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	CHECK("private_write_on_rdonly_ok", p != MAP_FAILED && (p[0] = 3) == 3, "errno %d", errno);
	munmap(p, PG);
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0);
	CHECK("shared_read_on_rdonly_ok", p != MAP_FAILED && p[1] == (char)pattern(1), "");
	CHECK_ERR("mprotect_write_shared_rdonly_eacces", mprotect(p, PG, PROT_READ | PROT_WRITE), EACCES);
	CHECK("shared_rdonly_write_segv", fault_sig(p, 1) == SIGSEGV &&
	      last_fault.si_code == SEGV_ACCERR, "sig %d", last_sig);
	munmap(p, PG);
	pipe(pfd);
	CHECK_ERR("pipe_enodev", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0), ENODEV);
	CHECK_ERR("bad_fd_ebadf", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
	CHECK_ERR("validate_unknown_flag_eopnotsupp",
		  mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | 0x40000000, fd, 0), EOPNOTSUPP);
	CHECK_ERR("file_unaligned_offset_einval", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
	CHECK_ERR("anon_shared_validate_einval",
		  mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	close(pfd[0]);
	close(pfd[1]);
	close(ro);
	close(wo);
	close(fd);
	unlink(DIR "/err");
}

static void test_shared_anon(void)
{
	enum { KIDS = 8, SLOT = 256 };
	unsigned char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int bad = 0, status, bad_status = 0;

	CHECK("shared_anon_mmap", p != MAP_FAILED && p[0] == 0 && p[4 * PG - 1] == 0, "errno %d", errno);
	p[0] = 0xc3;
	for (int k = 0; k < KIDS; k++) {
		if (fork() == 0) {
			/* Each child fills its slot of every page and reads the parent's byte. */
			for (unsigned long pg = 0; pg < 4; pg++)
				memset(p + pg * PG + (k + 1) * SLOT, k + 1, SLOT);
			_exit(p[0] == 0xc3 ? 0 : 1);
		}
	}
	for (int k = 0; k < KIDS; k++) {
		wait(&status);
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			bad++;
			bad_status = status;
		}
	}
	CHECK("shared_anon_children_see_parent", bad == 0, "%d children, status %#x", bad, bad_status);
	bad = -1;
	for (unsigned long i = SLOT; i < 4 * PG && bad < 0; i++)
		if (i % PG >= SLOT && i % PG < (KIDS + 1) * SLOT && p[i] != (i % PG) / SLOT)
			bad = (int)i;
	CHECK("shared_anon_parent_sees_children", bad < 0, "byte %d is %d", bad, bad < 0 ? 0 : p[bad]);
	munmap(p, 4 * PG);
	p = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK("shared_anon_readonly_zero", p != MAP_FAILED && p[PG] == 0, "");
	munmap(p, 2 * PG);
}

static long free_pages(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return (long)(si.freeram * si.mem_unit / PG);
}

/*
 * 8 MiB written, mapped shared and private (2048 cache pages, 2048 private copies),
 * deleted: all of it comes back. Free pages are counted without the per-cpu lists,
 * which hold a few hundred at most (4 zones' lists per cpu): the bounds leave them that,
 * and a leak of either half is four times as large.
 */
static void test_deleted_file_pages_freed(void)
{
	enum { PAGES = 2048 };
	long before = free_pages(), after;
	int fd = make_file(DIR "/big", PAGES * PG);
	unsigned char *s = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	unsigned char *q = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	long used;

	for (unsigned long i = 0; i < PAGES * PG; i += PG) {
		s[i] ^= 1;
		q[i + 1] ^= 2;
	}
	used = before - free_pages();
	CHECK("workload_used_cache_and_copies", used >= 2 * PAGES - PAGES / 2, "%ld pages", used);
	unlink(DIR "/big");
	CHECK("deleted_file_still_mapped", s[PG] == (pattern(PG) ^ 1) && q[1] == (pattern(1) ^ 2), "");
	munmap(s, PAGES * PG);
	munmap(q, PAGES * PG);
	close(fd);
	after = free_pages();
	CHECK("deleted_file_pages_freed", before - after < PAGES / 2, "%ld pages not back",
	      before - after);
}

/* Runs argv with stdout into a pipe; its exit status, output in out. */
static int run(char *const argv[], char *out, size_t size)
{
	int pfd[2], status;
	ssize_t n, got = 0;

	pipe(pfd);
	if (fork() == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], out + got, size - 1 - got)) > 0)
		got += n;
	out[got] = 0;
	close(pfd[0]);
	wait(&status);
	return status;
}

static void test_dynamic(void)
{
	char out[512];
	char *dyn[] = { "/bin/dyn_hello", "arg1", NULL };
	char *bb[] = { "/usr/bin/busybox", "echo", "busybox", "dynamic", NULL };
	char *sh[] = { "/usr/bin/busybox", "sh", "-c",
		       "/bin/dyn_hello nested && /usr/bin/busybox ls /lib/aarch64-linux-gnu", NULL };
	int status = run(dyn, out, sizeof(out));

	CHECK("dynamic_test_program_runs", WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      !strcmp(out, "dyn_hello: arg1 ok\n"), "status %#x output '%s'", status, out);
	status = run(bb, out, sizeof(out));
	CHECK("debian_dynamic_busybox_runs", WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      !strcmp(out, "busybox dynamic\n"), "status %#x output '%s'", status, out);
	/* A dynamic shell forks and execs dynamic programs: ld.so maps libc in each. */
	status = run(sh, out, sizeof(out));
	CHECK("dynamic_shell_runs_dynamic_programs", WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      !strcmp(out, "dyn_hello: nested ok\nld-linux-aarch64.so.1\nlibc.so.6\n"
			   "libresolv.so.2\n"), "status %#x output '%s'", status, out);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };

	ktap_suite = "file_mmap";
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	mkdir(DIR, 0755);
	test_private_read();
	test_private_cow();
	test_shared();
	test_eof_and_truncate();
	test_truncate_races_faults();
	test_file_vma_pieces();
	test_errors();
	test_shared_anon();
	test_deleted_file_pages_freed();
	test_dynamic();
	return ktap_done();
}
