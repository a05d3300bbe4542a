/*
 * Process memory, as init: anonymous mmap/munmap with splitting, mprotect, brk, the
 * zero page and first-write faults, copy-on-write after fork (byte for byte, from many
 * children at once), SIGSEGV with the right si_code and si_addr, and the errors; the
 * LRU side: mlock's Mlocked and Unevictable, ramfs pages unevictable, MADV_FREE. The
 * "oom" run (a smaller machine): reclaim discards lazily freed pages before the OOM
 * killer runs, and oom_score_adj chooses the victim.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <asm/sigcontext.h>
#include <ucontext.h>
#include "ktap.h"
#include "faults.h"

#define PG	4096UL
#define THREAD_KB	16	/* the kernel stack of a task (THREAD_SIZE) */

static volatile unsigned long last_esr, last_far;

/* The ESR record of the signal frame (esr_context), 0 if there is none. */
static unsigned long frame_esr(ucontext_t *uc)
{
	struct _aarch64_ctx *head = (struct _aarch64_ctx *)uc->uc_mcontext.__reserved;

	while (head->magic) {
		if (head->magic == ESR_MAGIC)
			return ((struct esr_context *)head)->esr;
		head = (struct _aarch64_ctx *)((char *)head + head->size);
	}
	return 0;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	last_esr = frame_esr(uc);
	last_far = ((ucontext_t *)uc)->uc_mcontext.fault_address;
	fault_return(sig, si);
}

static void test_mmap_munmap(void)
{
	char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK("mmap_anon", p != MAP_FAILED && ((uintptr_t)p & (PG - 1)) == 0, "%p", p);
	CHECK("zero_filled", p[0] == 0 && p[5 * PG + 17] == 0, "");
	memset(p, 0xab, 8 * PG);
	CHECK("write_read_back", (unsigned char)p[8 * PG - 1] == 0xab, "");
	CHECK("munmap_middle", munmap(p + 2 * PG, 2 * PG) == 0, "");
	CHECK("hole_faults_maperr", faults(p + 2 * PG, 0) && last_fault.si_code == SEGV_MAPERR &&
	      last_fault.si_addr == p + 2 * PG, "code %d addr %p", last_fault.si_code, last_fault.si_addr);
	CHECK("split_sides_kept", (unsigned char)p[PG] == 0xab && (unsigned char)p[4 * PG] == 0xab, "");
	CHECK("mmap_fixed_into_hole", mmap(p + 2 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
					   -1, 0) == p + 2 * PG && p[2 * PG] == 0, "");
	CHECK("fixed_noreplace_eexist", mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
					     MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED && errno == EEXIST, "");
	CHECK("munmap_all", munmap(p, 8 * PG) == 0, "");
	CHECK("unmapped_faults", faults(p + 7 * PG, 1), "");
	CHECK_ERR("mmap_len0_einval", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR("mmap_no_type_einval", mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR("mmap_unaligned_off", mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 7), EINVAL);
	CHECK_ERR("mmap_huge_enomem", mmap(NULL, 1UL << 50, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	CHECK_ERR("munmap_unaligned", munmap((void *)(PG + 1), PG), EINVAL);
	CHECK_ERR("munmap_len0", munmap((void *)PG, 0), EINVAL);
}

static void test_mprotect(void)
{
	char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(p, 1, 4 * PG);
	CHECK("mprotect_ro", mprotect(p + PG, PG, PROT_READ) == 0, "");
	CHECK("ro_write_accerr", faults(p + PG, 1) && last_fault.si_code == SEGV_ACCERR &&
	      last_fault.si_addr == p + PG, "code %d", last_fault.si_code);
	CHECK("ro_read_ok", !faults(p + PG, 0) && p[PG] == 1, "");
	CHECK("neighbours_writable", !faults(p, 1) && !faults(p + 2 * PG, 1), "");
	CHECK("mprotect_none", mprotect(p, PG, PROT_NONE) == 0 && faults(p, 0), "");
	CHECK("mprotect_back_rw", mprotect(p, 4 * PG, PROT_READ | PROT_WRITE) == 0 && !faults(p + PG, 1) &&
	      p[3 * PG] == 1, "");
	CHECK_ERR("mprotect_unaligned", mprotect(p + 1, PG, PROT_READ), EINVAL);
	CHECK_ERR("mprotect_unmapped_enomem", mprotect((void *)PG, PG, PROT_READ), ENOMEM);
	munmap(p, 4 * PG);
}

static void test_brk(void)
{
	char *start = sbrk(0);

	CHECK("sbrk_grow", sbrk(3 * PG) == start, "");
	memset(start, 7, 3 * PG);
	CHECK("brk_memory_usable", start[3 * PG - 1] == 7, "");
	CHECK("brk_shrink", brk(start + PG) == 0 && sbrk(0) == start + PG, "");
	CHECK("brk_shrunk_faults", faults(start + 2 * PG, 0), "");
	CHECK("brk_regrow_zeroed", brk(start + 3 * PG) == 0 && start[2 * PG] == 0, "");
	CHECK("brk_below_start_refused", syscall(SYS_brk, 4096) == (long)(start + 3 * PG), "");
}

static void test_cow(void)
{
	enum { PAGES = 64, KIDS = 8 };
	unsigned char *p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int bad = 0;

	for (unsigned long i = 0; i < PAGES * PG; i++)
		p[i] = (unsigned char)(i * 31);
	for (int k = 0; k < KIDS; k++) {
		if (fork() == 0) {
			/* Each child writes its own pattern, then checks nothing else changed. */
			for (unsigned long i = k; i < PAGES * PG; i += 97)
				p[i] = (unsigned char)(k + 1);
			for (unsigned long i = 0; i < PAGES * PG; i++) {
				unsigned char want = (i >= (unsigned long)k && (i - k) % 97 == 0) ?
						     (unsigned char)(k + 1) : (unsigned char)(i * 31);
				if (p[i] != want)
					_exit(1);
			}
			_exit(0);
		}
	}
	/* The parent writes too while the children run. */
	for (unsigned long i = 0; i < PAGES * PG; i += PG)
		p[i + 1] = 0xee;
	for (int k = 0; k < KIDS; k++) {
		int status;

		wait(&status);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	}
	CHECK("cow_children_see_their_copy", bad == 0, "%d children saw foreign bytes", bad);
	for (unsigned long i = 0; i < PAGES * PG; i++) {
		unsigned char want = (i % PG == 1) ? 0xee : (unsigned char)(i * 31);

		if (p[i] != want) {
			bad++;
			break;
		}
	}
	CHECK("cow_parent_unchanged_by_children", bad == 0, "");
	munmap(p, PAGES * PG);
}

/* ESR_ELx fields as Linux's arm64 frame reports them: data abort from EL0, WnR. */
#define ESR_EC(esr)	((esr) >> 26)
#define ESR_WNR		(1UL << 6)

static void test_fault_frame(void)
{
	char *p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	/* Read first: the zero page is mapped read-only, so the write is a permission fault. */
	CHECK("ro_write_esr_dabt_low_wnr", !faults(p, 0) && faults(p, 1) && ESR_EC(last_esr) == 0x24 &&
	      (last_esr & ESR_WNR) && (last_esr & 0x3c) == 0x0c && last_far == (unsigned long)p,
	      "esr %#lx far %#lx", last_esr, last_far);
	CHECK("hole_read_esr_translation", faults(p + 64 * PG, 0) && ESR_EC(last_esr) == 0x24 &&
	      !(last_esr & ESR_WNR) && (last_esr & 0x3c) == 0x04 &&
	      last_fault.si_code == SEGV_MAPERR, "esr %#lx", last_esr);
	munmap(p, PG);
}

/* Whether calling p faults (an instruction abort). */
static int faults_exec(void *p)
{
	memset((void *)&last_fault, 0, sizeof(last_fault));
	if (sigsetjmp(fault_jmp, 1))
		return 1;
	((void (*)(void))p)();
	return 0;
}

/* Whether an exclusive load (which needs natural alignment) from p faults. */
static int faults_ldxr(void *p)
{
	unsigned long v;

	memset((void *)&last_fault, 0, sizeof(last_fault));
	if (sigsetjmp(fault_jmp, 1))
		return 1;
	asm volatile("ldxr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
	return 0;
}

/*
 * The signals of Linux's fault_info[]: exec of a page without PROT_EXEC is SEGV_ACCERR
 * with an instruction-abort ESR; a kernel address reads as a level 0 translation fault
 * (set_thread_esr hides the kernel's mappings); a misaligned exclusive is SIGBUS
 * BUS_ADRALN.
 */
static void test_fault_kinds(void)
{
	unsigned int *code = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char *kaddr = (volatile char *)0xffff000012345678UL;

	code[0] = 0xd65f03c0;	/* ret */
	CHECK("exec_noexec_accerr", faults_exec(code) && last_fault.si_signo == SIGSEGV &&
	      last_fault.si_code == SEGV_ACCERR && last_fault.si_addr == code &&
	      ESR_EC(last_esr) == 0x20 && (last_esr & 0x3c) == 0x0c,
	      "signo %d code %d addr %p esr %#lx", last_fault.si_signo, last_fault.si_code,
	      last_fault.si_addr, last_esr);
	CHECK("kernel_addr_maperr_sanitised", faults(kaddr, 0) && last_fault.si_code == SEGV_MAPERR &&
	      last_fault.si_addr == kaddr && last_esr == (0x24UL << 26 | 1UL << 25 | 0x04),
	      "code %d addr %p esr %#lx", last_fault.si_code, last_fault.si_addr, last_esr);
	CHECK("misaligned_exclusive_sigbus", faults_ldxr((char *)code + 1) &&
	      last_fault.si_signo == SIGBUS && last_fault.si_code == BUS_ADRALN &&
	      last_fault.si_addr == (char *)code + 1 && (last_esr & 0x3f) == 0x21,
	      "signo %d code %d addr %p esr %#lx", last_fault.si_signo, last_fault.si_code,
	      last_fault.si_addr, last_esr);
	munmap(code, PG);
}

/*
 * The stack grows down on a fault below it, but not to within stack_guard_gap (1 MiB)
 * of the mapping under it: that is SEGV_MAPERR.
 */
static void test_stack_guard_gap(void)
{
	char here;
	unsigned long sp = (unsigned long)&here & ~(PG - 1);
	char *below = mmap((void *)(sp - (4UL << 20)), PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
			   MAP_FIXED_NOREPLACE, -1, 0);

	CHECK("guard_map_below_stack", below != MAP_FAILED, "errno %d", errno);
	CHECK("stack_grows_outside_gap", !faults((char *)below + (2UL << 20) + PG, 1), "");
	CHECK("stack_stops_at_guard_gap", faults((char *)below + PG + (512UL << 10), 1) &&
	      last_fault.si_code == SEGV_MAPERR, "code %d", last_fault.si_code);
	munmap(below, PG);
}

/*
 * The number after "name" at the start of a line of a /proc file (kB or a count), the
 * per-cpu counter diffs folded first (vm.stat_refresh); -1 if missing.
 */
static long proc_value(const char *path, const char *name)
{
	static char buf[16384];
	size_t len = strlen(name);
	long v = -1;
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY);
	ssize_t n;

	if (fd >= 0) {
		write(fd, "1\n", 2);
		close(fd);
	}
	fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	for (char *l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (!strncmp(l, name, len) && (l[len] == ' ' || l[len] == ':')) {
			v = strtol(l + len + 1 + strspn(l + len + 1, ": "), NULL, 10);
			break;
		}
	}
	return v;
}

#define meminfo_kb(name)	proc_value("/proc/meminfo", name)
#define vmstat(name)		proc_value("/proc/vmstat", name)

/*
 * New LRU pages wait in a per-cpu batch of 15 (PAGEVEC_SIZE) before they reach a list:
 * a list grows by at least all but those, at most by all.
 */
#define LRU_BATCH	15
#define grew_by(delta_kb, pages)	\
	((delta_kb) >= ((pages) - LRU_BATCH) * 4 && (delta_kb) <= (pages) * 4)

/*
 * mlock puts a range's pages on the unevictable list (Unevictable, Mlocked grow by its
 * size); munlock takes them off again. Nothing else runs: Mlocked is exact.
 */
static void test_mlock_unevictable(void)
{
	enum { PAGES = 64 };
	char *p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long mlocked0 = meminfo_kb("Mlocked"), unevictable0 = meminfo_kb("Unevictable");
	long mlocked, unevictable;

	memset(p, 3, PAGES * PG);
	CHECK("mlock_ok", mlock(p, PAGES * PG) == 0, "errno %d", errno);
	mlocked = meminfo_kb("Mlocked");
	unevictable = meminfo_kb("Unevictable");
	CHECK("mlock_counts_mlocked", mlocked - mlocked0 == PAGES * 4, "Mlocked %ld -> %ld kB",
	      mlocked0, mlocked);
	CHECK("mlock_counts_unevictable", grew_by(unevictable - unevictable0, PAGES),
	      "Unevictable %ld -> %ld kB", unevictable0, unevictable);
	/* Faulted in while locked: mlocked at once (mlock_new_folio). */
	CHECK("mlock_onfault_new_pages", munmap(p, PAGES * PG) == 0 &&
	      meminfo_kb("Mlocked") == mlocked0, "Mlocked %ld kB after munmap", meminfo_kb("Mlocked"));
	p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
		 -1, 0);
	memset(p, 4, PAGES * PG);
	CHECK("map_locked_counts", meminfo_kb("Mlocked") - mlocked0 == PAGES * 4, "Mlocked %ld kB",
	      meminfo_kb("Mlocked"));
	CHECK("munlock_ok", munlock(p, PAGES * PG) == 0, "errno %d", errno);
	CHECK("munlock_uncounts", meminfo_kb("Mlocked") == mlocked0 &&
	      meminfo_kb("Unevictable") == unevictable0, "Mlocked %ld Unevictable %ld kB",
	      meminfo_kb("Mlocked"), meminfo_kb("Unevictable"));
	munmap(p, PAGES * PG);
}

/* One kswapd thread per node with memory, kswapd0..kswapd3 on the four-node machine. */
static void test_kswapd_threads(void)
{
	int found = 0;

	for (int pid = 2; pid < 64; pid++) {
		char path[32], comm[32] = "";
		int fd, n;

		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, comm, sizeof(comm) - 1);
		close(fd);
		if (n == 8 && !strncmp(comm, "kswapd", 6) && comm[6] >= '0' && comm[6] <= '3' &&
		    comm[7] == '\n')
			found |= 1 << (comm[6] - '0');
	}
	CHECK("kswapd_per_node", found == 0xf, "kswapd of nodes %#x", found);
}

/* A file in the initramfs's ramfs: its pages are the only copy, on the unevictable list. */
static void test_ramfs_unevictable(void)
{
	enum { PAGES = 64 };
	long unevictable0 = meminfo_kb("Unevictable");
	static char buf[PAGES * PG];
	int fd = open("/mm_test.ramfs", O_CREAT | O_RDWR | O_TRUNC, 0600);

	memset(buf, 9, sizeof(buf));
	CHECK("ramfs_write", fd >= 0 && write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf),
	      "errno %d", errno);
	CHECK("ramfs_pages_unevictable", grew_by(meminfo_kb("Unevictable") - unevictable0, PAGES),
	      "Unevictable %ld -> %ld kB", unevictable0, meminfo_kb("Unevictable"));
	close(fd);
	unlink("/mm_test.ramfs");
	CHECK("ramfs_unlink_uncounts", meminfo_kb("Unevictable") == unevictable0,
	      "Unevictable %ld kB", meminfo_kb("Unevictable"));
}

/*
 * MADV_FREE moves the pages to the lazy-free list (pglazyfree counts them); with
 * memory to spare nothing reclaims them, so they read back unchanged, and a write
 * after the advice is kept. Shared (forked) pages are not the process's to give up.
 */
static void test_madv_free(void)
{
	enum { PAGES = 64 };
	unsigned char *p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long lazy0, lazy1, inactive_file0;
	int same = 1;

	memset(p, 0x66, PAGES * PG);
	lazy0 = vmstat("pglazyfree");
	inactive_file0 = meminfo_kb("Inactive(file)");
	CHECK("madv_free_ok", madvise(p, PAGES * PG, MADV_FREE) == 0, "errno %d", errno);
	lazy1 = vmstat("pglazyfree");
	CHECK("madv_free_counts_pglazyfree", grew_by((lazy1 - lazy0) * 4, PAGES),
	      "pglazyfree %ld -> %ld", lazy0, lazy1);
	CHECK("madv_free_on_file_list", grew_by(meminfo_kb("Inactive(file)") - inactive_file0, PAGES),
	      "Inactive(file) %ld -> %ld kB", inactive_file0, meminfo_kb("Inactive(file)"));
	p[0] = 0x77;
	for (unsigned long i = 1; i < PAGES * PG; i++)
		same &= p[i] == 0x66;
	CHECK("madv_free_data_until_reclaim", same && p[0] == 0x77, "");
	CHECK_ERR("madv_free_file_einval", madvise((void *)((unsigned long)frame_esr & ~(PG - 1)), PG, MADV_FREE), EINVAL);
	munmap(p, PAGES * PG);
}

static unsigned long free_pages_now(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit / PG;
}

/*
 * A child touches memory until the OOM killer kills it: SIGKILL, the system goes on,
 * and the memory comes back (within what per-cpu lists hold).
 */
static void hog(void)
{
	for (;;) {
		char *p = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED)
			_exit(3);
		for (unsigned long i = 0; i < 64 * PG; i += PG)
			p[i] = 1;
	}
}

static void test_oom_hog(void)
{
	unsigned long before = free_pages_now(), after;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		hog();
	waitpid(pid, &status, 0);
	CHECK("oom_hog_killed", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "status %#x", status);
	after = free_pages_now();
	CHECK("oom_memory_back", after + 1024 > before, "free before %lu after %lu", before, after);
}

/*
 * Reclaim comes before the OOM killer: 16 MiB given up with MADV_FREE is discarded
 * when the hog runs the machine out of memory (pglazyfreed counts it, it reads back as
 * zeros), all of it but the page written after the advice and the few pages still in
 * the per-cpu lazyfree batch; no page reads back as anything but its data or zeros.
 */
static void test_lazyfree_reclaimed_before_oom(void)
{
	enum { PAGES = 4096 };
	unsigned char *p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long freed0, freed, kswapd0;
	int zeroed = 0, kept = 0, torn = 0;

	memset(p, 0x5c, PAGES * PG);
	CHECK("lazyfree_advise", madvise(p, PAGES * PG, MADV_FREE) == 0, "errno %d", errno);
	p[PG] = 0x5d;		/* written after the advice: must survive */
	freed0 = vmstat("pglazyfreed");
	kswapd0 = vmstat("pgsteal_kswapd");
	test_oom_hog();
	freed = vmstat("pglazyfreed") - freed0;
	kswapd0 = vmstat("pgsteal_kswapd") - kswapd0;
	for (unsigned long pg = 0; pg < PAGES; pg++) {
		unsigned char want = pg == 1 ? 0x5d : 0x5c;
		unsigned char first = p[pg * PG];
		int same = 1;

		for (unsigned long i = 1; i < PG; i++)
			same &= p[pg * PG + i] == (pg == 1 ? 0x5c : first);
		if (!same || (first != 0 && first != want))
			torn++;
		else if (first == 0)
			zeroed++;
		else
			kept++;
	}
	CHECK("lazyfree_pages_discarded", freed >= PAGES - LRU_BATCH - 1 && zeroed == freed,
	      "pglazyfreed %ld, %d pages read zero", freed, zeroed);
	/* kswapd, woken below the low watermarks, reclaims before the allocations must. */
	CHECK("lazyfree_kswapd_reclaimed_some", kswapd0 > 0, "pgsteal_kswapd +%ld", kswapd0);
	CHECK("lazyfree_written_page_kept", p[PG] == 0x5d && p[PG + 1] == 0x5c, "%#x",
	      p[PG]);
	CHECK("lazyfree_no_torn_pages", torn == 0 && zeroed + kept == PAGES, "%d torn", torn);
	munmap(p, PAGES * PG);
}

static int write_oom_score_adj(const char *adj)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);
	int ok = fd >= 0 && write(fd, adj, strlen(adj)) == (ssize_t)strlen(adj);

	if (fd >= 0)
		close(fd);
	return ok;
}

/* A child with oom_score_adj adj holding pages of memory; it says so on ready_fd. */
static pid_t spawn_holder(const char *adj, unsigned long pages, int ready_fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (!write_oom_score_adj(adj) || p == MAP_FAILED)
			_exit(2);
		memset(p, 1, pages * PG);
		write(ready_fd, "r", 1);
		for (;;)
			pause();
	}
	return pid;
}

/*
 * oom_score_adj, set through /proc/PID/oom_score_adj, chooses: with a hog running
 * memory out, the small process at 1000 goes first, then the hog; the large process at
 * -1000 survives both.
 */
static void test_oom_score_adj(void)
{
	int ready[2], st_pref = 0, st_hog = 0;
	pid_t protected, preferred, hogpid;
	char c;

	CHECK("oom_adj_pipe", pipe(ready) == 0, "errno %d", errno);
	protected = spawn_holder("-1000", 8192, ready[1]);
	preferred = spawn_holder("1000", 16, ready[1]);
	CHECK("oom_adj_holders_ready", read(ready[0], &c, 1) == 1 && read(ready[0], &c, 1) == 1,
	      "errno %d", errno);
	hogpid = fork();
	if (hogpid == 0)
		hog();
	waitpid(hogpid, &st_hog, 0);
	waitpid(preferred, &st_pref, 0);
	CHECK("oom_adj_1000_killed", WIFSIGNALED(st_pref) && WTERMSIG(st_pref) == SIGKILL,
	      "status %#x", st_pref);
	CHECK("oom_adj_hog_killed", WIFSIGNALED(st_hog) && WTERMSIG(st_hog) == SIGKILL,
	      "status %#x", st_hog);
	CHECK("oom_adj_minus_1000_survives", waitpid(protected, NULL, WNOHANG) == 0, "");
	kill(protected, SIGKILL);
	waitpid(protected, NULL, 0);
	close(ready[0]);
	close(ready[1]);
}

/*
 * One round of a fork storm: 4 children, each writing every page of a 512-page region
 * it shares copy-on-write with the parent (2048 copies), running on all cpus.
 */
#define STORM_PAGES	512

static int fork_storm_round(unsigned char *p)
{
	enum { KIDS = 4, PAGES = STORM_PAGES };
	int bad = 0;

	for (int k = 0; k < KIDS; k++) {
		if (fork() == 0) {
			for (unsigned long i = 0; i < PAGES * PG; i += PG)
				p[i + k] = (unsigned char)k;
			_exit(p[k] != (unsigned char)k);
		}
	}
	for (int k = 0; k < KIDS; k++) {
		int status;

		wait(&status);
		bad += !WIFEXITED(status) || WEXITSTATUS(status);
	}
	return bad;
}

/*
 * Fork storms and mmap/munmap rounds: the free pages come back. Free pages also move
 * with the pcp lists (not counted free) and slab caches filling up, up to ~1400 pages
 * seen in runs, so rounds start warm and the bound is a quarter of the measured
 * rounds' copies: leaking the children's copies or their page tables would pass it.
 */
static void test_no_leak(void)
{
	unsigned char *p = mmap(NULL, STORM_PAGES * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long before, after;
	int bad = 0;

	memset(p, 0x5a, STORM_PAGES * PG);
	bad += fork_storm_round(p);
	before = free_pages_now();
	for (int round = 0; round < 3; round++) {
		bad += fork_storm_round(p);
		for (int i = 0; i < 64; i++) {
			char *q = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			memset(q, 1, 16 * PG);
			munmap(q, 16 * PG);
		}
	}
	after = free_pages_now();
	CHECK("fork_storm_children_ok", bad == 0, "%d children failed", bad);
	CHECK("fork_storm_no_leak", after + 3 * 2048 / 4 > before, "free before %lu after %lu",
	      before, after);
	munmap(p, STORM_PAGES * PG);
}

/*
 * What a workload must give back exactly: page-table pages and kernel stacks (slab
 * objects cannot be counted exactly from user space: /proc/slabinfo, as Linux's,
 * counts the free objects of per-cpu slabs as active).
 */
struct kernel_counts {
	long pagetables_kb, stack_kb;
};

static void read_kernel_counts(struct kernel_counts *c)
{
	c->pagetables_kb = meminfo_kb("PageTables");
	c->stack_kb = meminfo_kb("KernelStack");
}

static void *thread_body(void *arg)
{
	unsigned long n = (unsigned long)arg;
	char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return (void *)1;
	memset(p, (int)n, 8 * PG);
	/* Half give their memory back, half leave it to the process's exit. */
	if (n & 1)
		munmap(p, 8 * PG);
	/* The last two never return: exit_group takes them down. */
	while (n >= 6)
		pause();
	return NULL;
}

/* A process of 8 threads (8 KiB of stack apart), 6 joined, 2 killed by the exit. */
static void threaded_process(void)
{
	pthread_t t[8];
	pthread_attr_t attr;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (unsigned long i = 0; i < 8; i++)
		if (pthread_create(&t[i], &attr, thread_body, (void *)i))
			_exit(2);
	for (int i = 0; i < 6; i++) {
		void *ret;

		if (pthread_join(t[i], &ret) || ret)
			_exit(3);
	}
	_exit(0);
}

/*
 * Threads leave nothing behind: rounds of 4 processes of 8 threads (each with its
 * stack, TLS, mmaps, on every cpu; two still running at exit_group). Afterwards the
 * page-table pages and kernel stacks are back at their counts before, exactly, and
 * the free pages within the fork storm's drift.
 */
/* 4 threaded processes at once; the number that failed. */
static int threads_round(void)
{
	int bad = 0;

	for (int k = 0; k < 4; k++)
		if (fork() == 0)
			threaded_process();
	for (int k = 0; k < 4; k++) {
		int status;

		wait(&status);
		bad += !WIFEXITED(status) || WEXITSTATUS(status);
	}
	return bad;
}

static void test_threads_no_leak(void)
{
	struct kernel_counts before, after;
	unsigned long free_before, free_after;
	int bad = threads_round();		/* warm: caches and pcp lists filled */

	read_kernel_counts(&before);
	free_before = free_pages_now();
	for (int round = 0; round < 3; round++)
		bad += threads_round();
	read_kernel_counts(&after);
	free_after = free_pages_now();
	CHECK("threads_workload_ok", bad == 0, "%d processes failed", bad);
	CHECK("threads_no_pagetable_leak", after.pagetables_kb == before.pagetables_kb,
	      "PageTables %ld -> %ld kB", before.pagetables_kb, after.pagetables_kb);
	/*
	 * Within a stack per cpu: an exited thread's stack goes at its last switch, on its
	 * cpu, which may come just after either reading (KernelStack moved both ways).
	 */
	CHECK("threads_no_stack_leak", labs(after.stack_kb - before.stack_kb) <=
	      sysconf(_SC_NPROCESSORS_ONLN) * THREAD_KB,
	      "KernelStack %ld -> %ld kB", before.stack_kb, after.stack_kb);
	CHECK("threads_free_pages_back", free_after + 3 * 2048 / 4 > free_before,
	      "free before %lu after %lu", free_before, free_after);
}

static void test_fault_counts(void)
{
	struct rusage ru0, ru1;
	char *p = mmap(NULL, 32 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	getrusage(RUSAGE_SELF, &ru0);
	for (int i = 0; i < 32; i++)
		p[i * PG] = 1;
	getrusage(RUSAGE_SELF, &ru1);
	CHECK("minflt_counts_faults", ru1.ru_minflt - ru0.ru_minflt >= 32 && ru1.ru_majflt == ru0.ru_majflt,
	      "minflt +%ld majflt +%ld", ru1.ru_minflt - ru0.ru_minflt, ru1.ru_majflt - ru0.ru_majflt);
	munmap(p, 32 * PG);
}

static void test_stack_growth(void)
{
	volatile char big[256 * 1024];

	big[0] = 1;
	big[sizeof(big) - 1] = 2;
	CHECK("stack_grows_past_128k", big[0] == 1 && big[sizeof(big) - 1] == 2, "");
}

/*
 * ASID rollover (booted with asid_bits=4: 16 ASIDs, 0 never used, for 4 cpus): 24
 * processes at once, more than a generation has ASIDs, so that switching among them
 * rolls the generation over again and again on every cpu. Each writes its own pattern
 * at the same virtual addresses and checks it after every yield: a stale TLB entry of
 * another mm that had the same ASID would show as a foreign byte.
 */
static void test_asid_rollover(void)
{
	enum { PROCS = 24, ROUNDS = 200, PAGES = 4 };
	char *const addr = (char *)0x50000000UL;
	int bad = 0;

	for (int n = 0; n < PROCS; n++) {
		if (fork() == 0) {
			char *m = mmap(addr, PAGES * PG, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

			if (m != addr)
				_exit(2);
			for (int r = 0; r < ROUNDS; r++) {
				unsigned char want = (unsigned char)(n * 7 + r);

				for (int i = 0; i < PAGES; i++)
					m[i * PG] = (char)want;
				sched_yield();
				for (int i = 0; i < PAGES; i++)
					if ((unsigned char)m[i * PG] != want)
						_exit(1);
			}
			_exit(0);
		}
	}
	for (int n = 0; n < PROCS; n++) {
		int status;

		wait(&status);
		bad += !WIFEXITED(status) || WEXITSTATUS(status);
	}
	CHECK("asid_rollover_memory_apart", bad == 0, "%d processes saw another's bytes", bad);
}

/*
 * argv[1] "oom": the OOM tests alone (their boot case has less memory, for quicker
 * hogs); "asid": the ASID rollover test (its boot case narrows the ASIDs).
 */
int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };

	ktap_suite = "mm";
	/* The LRU and reclaim checks read /proc/meminfo and /proc/vmstat. */
	mkdir("/proc", 0555);
	CHECK("mount_proc", mount("proc", "/proc", "proc", 0, NULL) == 0, "errno %d", errno);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (argc > 1 && !strcmp(argv[1], "oom")) {
		ktap_suite = "mm-oom";
		test_lazyfree_reclaimed_before_oom();
		test_oom_score_adj();
		return ktap_done();
	}
	if (argc > 1 && !strcmp(argv[1], "asid")) {
		ktap_suite = "mm-asid";
		test_asid_rollover();
		return ktap_done();
	}
	test_mmap_munmap();
	test_mprotect();
	test_brk();
	test_cow();
	test_stack_growth();
	test_fault_frame();
	test_fault_kinds();
	test_stack_guard_gap();
	test_fault_counts();
	test_kswapd_threads();
	test_mlock_unevictable();
	test_ramfs_unevictable();
	test_madv_free();
	test_no_leak();
	test_threads_no_leak();
	return ktap_done();
}
