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
#include <sys/wait.h>
#include "ktap.h"

#define PG	4096UL

static sigjmp_buf fault_jmp;
static volatile siginfo_t last_fault;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	last_fault = *si;
	siglongjmp(fault_jmp, 1);
}

/* Whether touching p (a write if write) faults; the fault's siginfo in last_fault. */
static int faults(volatile char *p, int write)
{
	memset((void *)&last_fault, 0, sizeof(last_fault));
	if (sigsetjmp(fault_jmp, 1))
		return 1;
	if (write)
		*p = 1;
	else
		(void)*p;
	return 0;
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

static void test_stack_growth(void)
{
	volatile char big[256 * 1024];

	big[0] = 1;
	big[sizeof(big) - 1] = 2;
	CHECK("stack_grows_past_128k", big[0] == 1 && big[sizeof(big) - 1] == 2, "");
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };

	ktap_suite = "mm";
	sigaction(SIGSEGV, &sa, NULL);
	test_mmap_munmap();
	test_mprotect();
	test_brk();
	test_cow();
	test_stack_growth();
	return ktap_done();
}
