/*
 * Process memory, as init: anonymous mmap/munmap with splitting, mprotect, brk, the
 * zero page and first-write faults, copy-on-write after fork (byte for byte, from many
 * children at once), SIGSEGV with the right si_code and si_addr, and the errors.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <asm/sigcontext.h>
#include <ucontext.h>
#include "ktap.h"
#include "faults.h"

#define PG	4096UL

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
static void test_oom_hog(void)
{
	unsigned long before = free_pages_now(), after;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		for (;;) {
			char *p = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED)
				_exit(3);
			for (unsigned long i = 0; i < 64 * PG; i += PG)
				p[i] = 1;
		}
	}
	waitpid(pid, &status, 0);
	CHECK("oom_hog_killed", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "status %#x", status);
	after = free_pages_now();
	CHECK("oom_memory_back", after + 1024 > before, "free before %lu after %lu", before, after);
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

/* argv[1] "oom": the OOM test alone (its boot case has less memory, for a quicker hog). */
int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };

	ktap_suite = "mm";
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (argc > 1 && !strcmp(argv[1], "oom")) {
		ktap_suite = "mm-oom";
		test_oom_hog();
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
	test_no_leak();
	return ktap_done();
}
