/*
 * The VMA system calls, as init: mmap's flags (FIXED_NOREPLACE, POPULATE, NORESERVE,
 * GROWSDOWN, STACK, LOCKED), VMA merging and splitting as mprotect, madvise and mlock
 * change flags, mremap (shrink, grow in place, move, FIXED, DONTUNMAP), mprotect with
 * PROT_EXEC and PROT_NONE, madvise (DONTNEED, FREE, WILLNEED, DONTFORK/DOFORK and
 * WIPEONFORK across fork), mincore, msync, mlock/mlock2/mlockall, brk's limits and the
 * overcommit policy, each with Linux's errors.
 *
 * Whether a range is one VMA is seen through mremap: growing [p, p + len) in place
 * fails with EFAULT when a VMA boundary lies inside, and with ENOMEM when the range is
 * one VMA but cannot grow (the page after it is taken: each test range has a PROT_NONE
 * page after it; or the VMA goes on past p + len).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "ktap.h"
#include "faults.h"

#define PG	4096UL

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP	4
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT		1
#endif

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	fault_return(sig, si);
}

/* pages read-write pages followed by one PROT_NONE page (no merge, no growth past it). */
static char *region(unsigned long pages)
{
	char *p = mmap(NULL, (pages + 1) * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (mmap(p, pages * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) != p)
		return NULL;
	return p;
}

static void region_free(char *p, unsigned long pages)
{
	munmap(p, (pages + 1) * PG);
}

/* 1 if [p, p + len) is inside one VMA, 0 if a boundary cuts it, -1 if mremap surprised. */
static int one_vma(char *p, unsigned long len)
{
	void *r = mremap(p, len, len + PG, 0);

	if (r == MAP_FAILED && errno == ENOMEM)
		return 1;
	if (r == MAP_FAILED && errno == EFAULT)
		return 0;
	return -1;
}

/* How many of the pages of [p, p + pages * PG) are resident (mincore), or -1. */
static int resident(char *p, unsigned long pages)
{
	unsigned char vec[64];
	int n = 0;

	if (pages > sizeof(vec) || mincore(p, pages * PG, vec))
		return -1;
	for (unsigned long i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

static void test_mmap_flags(void)
{
	char *p, *q;

	p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	CHECK("map_populate_resident", p != MAP_FAILED && resident(p, 8) == 8, "%d", resident(p, 8));
	q = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("plain_mmap_not_resident", resident(q, 8) == 0, "%d", resident(q, 8));
	CHECK_ERR("fixed_noreplace_partial_overlap",
		  mmap(p + 4 * PG, 8 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
		  EEXIST);
	CHECK("fixed_noreplace_kept_old", p[4 * PG] == 0 && !faults(p + 4 * PG, 1), "");
	munmap(p, 8 * PG);
	munmap(q, 8 * PG);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	CHECK("map_locked_resident", p != MAP_FAILED && resident(p, 4) == 4, "");
	munmap(p, 4 * PG);
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	CHECK("map_stack", p != MAP_FAILED && !faults(p, 1), "");
	munmap(p, 2 * PG);

	/* A MAP_GROWSDOWN mapping grows when the page below it is touched. */
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
	CHECK("growsdown_mapped", p != MAP_FAILED, "");
	CHECK("growsdown_below_unmapped_at_first", resident(p - PG, 1) == -1 && errno == ENOMEM, "");
	CHECK("growsdown_grows_on_touch", !faults(p - 3 * PG, 1) && resident(p - 3 * PG, 1) == 1, "");
	CHECK("growsdown_no_hole_after_growth", resident(p - 3 * PG, 5) == 1, "%d", resident(p - 3 * PG, 5));
	/* PROT_GROWSDOWN: the change reaches down to the start of the stack VMA. */
	CHECK("mprotect_growsdown", mprotect(p + PG, PG, PROT_READ | PROT_GROWSDOWN) == 0 &&
	      faults(p - 3 * PG, 1) && last_fault.si_code == SEGV_ACCERR && !faults(p + PG, 0), "");
	munmap(p - 3 * PG, 5 * PG);
}

static void test_merge_split(void)
{
	char *r = region(4);

	CHECK("region_one_vma", r && one_vma(r, 4 * PG) == 1, "%d", one_vma(r, 4 * PG));
	/* Two mappings side by side with the same flags are one VMA (case 1 after a munmap). */
	CHECK("munmap_middle_splits", munmap(r + PG, PG) == 0 && one_vma(r, 4 * PG) == 0, "");
	CHECK("mmap_fills_hole_merges",
	      mmap(r + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == r + PG &&
	      one_vma(r, 4 * PG) == 1, "%d", one_vma(r, 4 * PG));
	CHECK("mprotect_middle_splits", mprotect(r + PG, 2 * PG, PROT_READ) == 0 && one_vma(r, 4 * PG) == 0 &&
	      one_vma(r + PG, 2 * PG) == 1 && one_vma(r + PG, 3 * PG) == 0, "");
	CHECK("mprotect_back_merges_all", mprotect(r + PG, 2 * PG, PROT_READ | PROT_WRITE) == 0 &&
	      one_vma(r, 4 * PG) == 1, "%d", one_vma(r, 4 * PG));
	/* Case 4 and 5: a VMA's head or tail takes its neighbour's flags and joins it. */
	mprotect(r + 2 * PG, 2 * PG, PROT_READ);
	CHECK("mprotect_case4_tail_to_next", mprotect(r + PG, PG, PROT_READ) == 0 &&
	      one_vma(r, PG) == 1 && mremap(r + PG, 3 * PG, 4 * PG, 0) == MAP_FAILED && errno == ENOMEM, "");
	CHECK("mprotect_case5_head_to_prev", mprotect(r + PG, PG, PROT_READ | PROT_WRITE) == 0 &&
	      one_vma(r, 2 * PG) == 1 && one_vma(r, 3 * PG) == 0 && mprotect(r + PG, 3 * PG, PROT_READ | PROT_WRITE) == 0 &&
	      one_vma(r, 4 * PG) == 1, "");
	CHECK("madvise_random_splits", madvise(r + PG, PG, MADV_RANDOM) == 0 && one_vma(r, 4 * PG) == 0, "");
	CHECK("madvise_normal_merges", madvise(r, 4 * PG, MADV_NORMAL) == 0 && one_vma(r, 4 * PG) == 1, "");
	CHECK("mlock_splits", mlock(r + 2 * PG, PG) == 0 && one_vma(r, 4 * PG) == 0, "");
	CHECK("munlock_merges", munlock(r + 2 * PG, PG) == 0 && one_vma(r, 4 * PG) == 1, "");
	memset(r, 0x5a, 4 * PG);
	CHECK("data_survives_merges", r[0] == 0x5a && r[4 * PG - 1] == 0x5a, "");
	region_free(r, 4);
}

static void test_mremap(void)
{
	char *r = region(4), *p, *q;

	memset(r, 0x11, 4 * PG);
	CHECK("mremap_shrink", mremap(r, 4 * PG, 2 * PG, 0) == r && faults(r + 2 * PG, 0) &&
	      r[PG] == 0x11, "");
	CHECK("mremap_grow_in_place", mremap(r, 2 * PG, 4 * PG, 0) == r && r[PG] == 0x11 &&
	      r[3 * PG] == 0 && !faults(r + 3 * PG, 1), "");
	CHECK_ERR("mremap_grow_blocked_enomem", mremap(r, 4 * PG, 8 * PG, 0), ENOMEM);
	for (unsigned long i = 0; i < 4 * PG; i++)
		r[i] = (char)(i * 7);
	p = mremap(r, 4 * PG, 16 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_maymove_moves", p != MAP_FAILED && p != r, "%p", p);
	int same = 1;

	for (unsigned long i = 0; p != MAP_FAILED && i < 4 * PG; i++)
		same &= p[i] == (char)(i * 7);
	CHECK("mremap_moved_bytes_kept", same, "");
	CHECK("mremap_moved_pages_resident", resident(p, 4) == 4 && resident(p + 4 * PG, 12) == 0, "");
	CHECK("mremap_old_range_gone", faults(r, 0) && last_fault.si_code == SEGV_MAPERR, "");
	CHECK("mremap_new_tail_zero", p[15 * PG] == 0, "");
	region_free(r, 4);		/* just the guard page is left there */

	/* MREMAP_FIXED onto an existing mapping replaces it. */
	q = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(q, 0x77, 4 * PG);
	CHECK("mremap_fixed", mremap(p, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, q) == q &&
	      q[1] == (char)7 && q[4 * PG - 1] == (char)((4 * PG - 1) * 7), "");
	CHECK("mremap_fixed_source_gone", faults(p, 0), "");
	munmap(p, 16 * PG);

	/* MREMAP_DONTUNMAP: the old range stays mapped, empty. */
	p = mremap(q, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	CHECK("mremap_dontunmap_moves", p != MAP_FAILED && p != q && p[1] == (char)7, "%p", p);
	CHECK("mremap_dontunmap_old_zero", !faults(q, 0) && q[1] == 0 && resident(q, 4) <= 1, "");
	munmap(p, 4 * PG);
	CHECK_ERR("mremap_dontunmap_resize_einval", mremap(q, 4 * PG, 8 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP), EINVAL);
	CHECK_ERR("mremap_dontunmap_no_maymove", mremap(q, 4 * PG, 4 * PG, MREMAP_DONTUNMAP), EINVAL);
	CHECK_ERR("mremap_fixed_without_maymove", mremap(q, PG, PG, MREMAP_FIXED, q + 8 * PG), EINVAL);
	CHECK_ERR("mremap_fixed_overlap", mremap(q, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, q + PG), EINVAL);
	CHECK_ERR("mremap_fixed_unaligned", mremap(q, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, q + 8 * PG + 1), EINVAL);
	CHECK_ERR("mremap_unaligned", mremap(q + 1, PG, 2 * PG, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERR("mremap_new_len_zero", mremap(q, PG, 0, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERR("mremap_bad_flags", mremap(q, PG, PG, 0x80), EINVAL);
	CHECK_ERR("mremap_private_old_len0", mremap(q, 0, PG, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERR("mremap_across_vmas_efault", mremap(q, 8 * PG, 9 * PG, MREMAP_MAYMOVE), EFAULT);
	munmap(q, 4 * PG);
	CHECK_ERR("mremap_unmapped_efault", mremap(q, PG, 2 * PG, MREMAP_MAYMOVE), EFAULT);
}

/*
 * PROT_EXEC alone: on a cpu without FEAT_EPAN (the a57) PAN cannot keep the kernel from
 * reading an execute-only page, so Linux 6.1 maps it readable (exec implies read): the
 * program's own loads work, and so does a system call reading it (which once retried
 * its fault for ever: the fault handler allowed the read, the page table did not).
 */
static void test_exec_only(char *p, uint32_t first)
{
	int (*fn)(void) = (int (*)(void))p;
	uint32_t back = 0;
	int fds[2];

	CHECK("mprotect_exec_only", mprotect(p, PG, PROT_EXEC) == 0 && fn() == 42, "");
	CHECK("exec_only_readable", !faults(p, 0) && *(uint32_t *)p == first, "");
	CHECK("exec_only_read_by_kernel", pipe(fds) == 0 && write(fds[1], p, 4) == 4 &&
	      read(fds[0], &back, 4) == 4 && back == first, "%#x", back);
	close(fds[0]);
	close(fds[1]);
}

static void test_mprotect(void)
{
	static const uint32_t ret42[] = { 0x52800540, 0xd65f03c0 };	/* mov w0, #42; ret */
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int (*fn)(void) = (int (*)(void))p;

	memcpy(p, ret42, sizeof(ret42));
	__builtin___clear_cache(p, p + sizeof(ret42));
	CHECK("mprotect_exec", mprotect(p, PG, PROT_READ | PROT_EXEC) == 0 && fn() == 42, "");
	CHECK("exec_page_not_writable", faults(p, 1) && last_fault.si_code == SEGV_ACCERR, "");
	test_exec_only(p, ret42[0]);
	CHECK("mprotect_none_no_read", mprotect(p, 2 * PG, PROT_NONE) == 0 && faults(p + PG, 0) &&
	      last_fault.si_code == SEGV_ACCERR, "");
	CHECK("mprotect_none_back", mprotect(p, 2 * PG, PROT_READ) == 0 && !faults(p, 0) &&
	      *(uint32_t *)p == ret42[0], "");
	CHECK("mprotect_len0_ok", mprotect(p, 0, PROT_READ) == 0, "");
	CHECK_ERR("mprotect_unknown_prot", mprotect(p, PG, 0x100), EINVAL);
	CHECK_ERR("mprotect_growsdown_and_up", mprotect(p, PG, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), EINVAL);
	CHECK_ERR("mprotect_growsdown_not_stack", mprotect(p, PG, PROT_READ | PROT_GROWSDOWN), EINVAL);
	CHECK_ERR("mprotect_wraps_enomem", mprotect(p, -PG, PROT_READ), ENOMEM);
	munmap(p + PG, PG);
	CHECK_ERR("mprotect_hole_enomem", mprotect(p, 2 * PG, PROT_READ | PROT_WRITE), ENOMEM);
	CHECK("mprotect_hole_first_part_done", !faults(p, 1), "");
	munmap(p, PG);
}

/* In a child: 0 if touching p faults, 1 if it reads want, 2 if it reads something else. */
static int child_reads(char *p, char want)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(faults(p, 0) ? 0 : *p == want ? 1 : 2);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_madvise(void)
{
	char *p = region(8);

	memset(p, 0x33, 8 * PG);
	CHECK("madv_dontneed_zeroes", madvise(p, 2 * PG, MADV_DONTNEED) == 0 && p[0] == 0 &&
	      p[2 * PG - 1] == 0 && p[2 * PG] == 0x33, "");
	CHECK("madv_dontneed_refault_writable", !faults(p, 1) && p[0] == 1, "");
	CHECK("madv_free", madvise(p + 2 * PG, PG, MADV_FREE) == 0 && (p[2 * PG] == 0 || p[2 * PG] == 0x33), "");
	p[2 * PG] = 9;
	CHECK("madv_free_then_write_kept", p[2 * PG] == 9, "");
	CHECK("madv_willneed", madvise(p, 8 * PG, MADV_WILLNEED) == 0, "");
	CHECK("madv_sequential", madvise(p, 8 * PG, MADV_SEQUENTIAL) == 0, "");
	CHECK("madv_random", madvise(p, 8 * PG, MADV_RANDOM) == 0, "");
	CHECK("madv_normal", madvise(p, 8 * PG, MADV_NORMAL) == 0 && one_vma(p, 8 * PG) == 1, "");
	CHECK("madv_dontfork", madvise(p + 4 * PG, PG, MADV_DONTFORK) == 0 && child_reads(p + 4 * PG, 0x33) == 0 &&
	      child_reads(p + 3 * PG, 0x33) == 1, "");
	CHECK("madv_dofork", madvise(p + 4 * PG, PG, MADV_DOFORK) == 0 && child_reads(p + 4 * PG, 0x33) == 1 &&
	      one_vma(p, 8 * PG) == 1, "");
	CHECK("madv_wipeonfork", madvise(p + 5 * PG, PG, MADV_WIPEONFORK) == 0 &&
	      child_reads(p + 5 * PG, 0) == 1 && p[5 * PG] == 0x33, "");
	CHECK("madv_keeponfork", madvise(p + 5 * PG, PG, MADV_KEEPONFORK) == 0 &&
	      child_reads(p + 5 * PG, 0x33) == 1, "");
	CHECK("madv_len0", madvise(p, 0, MADV_DONTNEED) == 0, "");
	CHECK_ERR("madv_unknown_einval", madvise(p, PG, 999), EINVAL);
	CHECK_ERR("madv_unaligned_einval", madvise(p + 1, PG, MADV_NORMAL), EINVAL);
	mlock(p, PG);
	CHECK_ERR("madv_dontneed_locked_einval", madvise(p, PG, MADV_DONTNEED), EINVAL);
	munlock(p, PG);
	munmap(p + 6 * PG, PG);
	CHECK_ERR("madv_hole_enomem", madvise(p, 8 * PG, MADV_DONTFORK), ENOMEM);
	CHECK("madv_hole_both_sides_advised", child_reads(p, 0x33) == 0 && child_reads(p + 7 * PG, 0x33) == 0, "");
	region_free(p, 8);
	CHECK_ERR("madv_unmapped_enomem", madvise(p, PG, MADV_DONTNEED), ENOMEM);
}

static void test_mincore_msync(void)
{
	char *p = region(4);
	unsigned char vec[4];

	CHECK("mincore_fresh_none", mincore(p, 4 * PG, vec) == 0 && !vec[0] && !vec[3], "");
	p[PG] = 1;
	(void)*(volatile char *)(p + 2 * PG);
	CHECK("mincore_after_touch", mincore(p, 4 * PG, vec) == 0 && !vec[0] && vec[1] && vec[2] && !vec[3], "");
	CHECK("mincore_partial_page_len", mincore(p + PG, 1, vec) == 0 && vec[0], "");
	CHECK_ERR("mincore_unaligned", mincore(p + 1, PG, vec), EINVAL);
	munmap(p + 3 * PG, PG);
	CHECK_ERR("mincore_hole_enomem", mincore(p, 4 * PG, vec), ENOMEM);
	CHECK_ERR("mincore_bad_vec_efault", mincore(p, PG, (unsigned char *)p + 4 * PG), EFAULT);
	CHECK_ERR("mincore_kernel_range", mincore((void *)0xffff000000000000UL, PG, vec), ENOMEM);
	CHECK("msync_sync", msync(p, 3 * PG, MS_SYNC) == 0, "");
	CHECK("msync_async", msync(p, 3 * PG, MS_ASYNC) == 0, "");
	CHECK("msync_invalidate", msync(p, 3 * PG, MS_INVALIDATE) == 0, "");
	CHECK("msync_len0", msync(p, 0, MS_SYNC) == 0, "");
	CHECK_ERR("msync_async_and_sync", msync(p, PG, MS_ASYNC | MS_SYNC), EINVAL);
	CHECK_ERR("msync_bad_flag", msync(p, PG, 8), EINVAL);
	CHECK_ERR("msync_unaligned", msync(p + 1, PG, MS_SYNC), EINVAL);
	CHECK_ERR("msync_hole_enomem", msync(p, 4 * PG, MS_SYNC), ENOMEM);
	CHECK_ERR("msync_async_hole_enomem", msync(p, 4 * PG, MS_ASYNC), ENOMEM);
	mlock(p, PG);
	CHECK_ERR("msync_invalidate_locked_ebusy", msync(p, PG, MS_INVALIDATE), EBUSY);
	munlock(p, PG);
	region_free(p, 4);
	CHECK_ERR("msync_unmapped_enomem", msync(p, PG, MS_SYNC), ENOMEM);
}

static void test_mlock(void)
{
	char *p = region(8), *q;
	struct rlimit rl;

	CHECK("mlock_populates", mlock(p + 1, 2 * PG) == 0 && resident(p, 8) == 3, "%d", resident(p, 8));
	CHECK("munlock", munlock(p, 3 * PG) == 0 && one_vma(p, 8 * PG) == 1, "");
	CHECK("mlock2_onfault_not_populated", syscall(SYS_mlock2, p + 4 * PG, 2 * PG, MLOCK_ONFAULT) == 0 &&
	      resident(p + 4 * PG, 2) == 0, "");
	CHECK_ERR("mlock2_bad_flags", syscall(SYS_mlock2, p, PG, 2), EINVAL);
	munlock(p, 8 * PG);
	munmap(p + 7 * PG, PG);
	CHECK_ERR("mlock_hole_enomem", mlock(p, 8 * PG), ENOMEM);
	/* The part before the hole is locked (DONTNEED refuses locked memory), not populated. */
	CHECK("mlock_hole_first_part_locked", madvise(p + 6 * PG, PG, MADV_DONTNEED) == -1 && errno == EINVAL &&
	      munlock(p, 7 * PG) == 0 && madvise(p + 6 * PG, PG, MADV_DONTNEED) == 0, "");
	CHECK_ERR("mlock_prot_none_enomem", mlock(p + 8 * PG, PG), ENOMEM);
	CHECK_ERR("mlockall_zero", mlockall(0), EINVAL);
	CHECK_ERR("mlockall_onfault_alone", mlockall(MCL_ONFAULT), EINVAL);
	CHECK_ERR("mlockall_bad_flag", mlockall(8), EINVAL);
	CHECK("mlockall_future", mlockall(MCL_FUTURE) == 0, "");
	q = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mlockall_future_populates_mmap", q != MAP_FAILED && resident(q, 4) == 4, "");
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		/* mlockall is not inherited: the child's new mappings are not locked. */
		char *c = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		_exit(c != MAP_FAILED && resident(c, 4) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK("mlockall_not_inherited", WIFEXITED(status) && WEXITSTATUS(status) == 0, "%#x", status);
	CHECK("munlockall", munlockall() == 0, "");
	munmap(q, 4 * PG);
	q = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("after_munlockall_not_populated", resident(q, 4) == 0, "");
	munmap(q, 4 * PG);
	/* Root holds CAP_IPC_LOCK: RLIMIT_MEMLOCK 0 does not stop it (Linux's rule). */
	getrlimit(RLIMIT_MEMLOCK, &rl);
	struct rlimit zero = { 0, rl.rlim_max };

	setrlimit(RLIMIT_MEMLOCK, &zero);
	CHECK("mlock_root_ignores_memlock_limit", mlock(p, PG) == 0 && munlock(p, PG) == 0, "");
	setrlimit(RLIMIT_MEMLOCK, &rl);
	region_free(p, 8);
}

static void test_brk_limits(void)
{
	char *start = sbrk(0), *a = (char *)(((uintptr_t)start + PG - 1) & ~(PG - 1));
	struct rlimit rl, small;
	char *m;

	start = a;
	CHECK("brk_grow", brk(start + 4 * PG) == 0, "");
	/* A mapping right after the break: brk may not grow into (or up to) it. */
	m = mmap(start + 6 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("brk_neighbour_mapped", m == start + 6 * PG, "%p", m);
	CHECK("brk_into_mapping_refused", syscall(SYS_brk, start + 8 * PG) == (long)(start + 4 * PG), "");
	CHECK("brk_touching_mapping_refused", syscall(SYS_brk, start + 6 * PG) == (long)(start + 4 * PG), "");
	CHECK("brk_below_guard_ok", brk(start + 5 * PG) == 0, "");
	munmap(m, PG);
	getrlimit(RLIMIT_DATA, &rl);
	small = rl;
	small.rlim_cur = 1UL << 20;
	setrlimit(RLIMIT_DATA, &small);
	CHECK("brk_rlimit_data_refused", syscall(SYS_brk, start + 1024 * PG) == (long)(start + 5 * PG), "");
	CHECK_ERR("mmap_rlimit_data_enomem",
		  mmap(NULL, 1UL << 24, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	CHECK("mmap_readonly_not_data", munmap(mmap(NULL, 1UL << 24, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
					       1UL << 24) == 0, "");
	setrlimit(RLIMIT_DATA, &rl);
	CHECK("brk_shrink_back", brk(start) == 0 && sbrk(0) == start, "");
}

static void test_overcommit(void)
{
	const size_t huge = 4UL << 30;	/* four times the machine's memory */
	char *p;

	CHECK_ERR("overcommit_guess_refuses_more_than_ram",
		  mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	p = mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK("map_noreserve_not_charged", p != MAP_FAILED, "");
	CHECK("noreserve_usable", p != MAP_FAILED && !faults(p + huge - PG, 1), "");
	munmap(p, huge);
	p = mmap(NULL, huge, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("readonly_not_charged", p != MAP_FAILED, "");
	CHECK_ERR("mprotect_writable_charged", mprotect(p, huge, PROT_READ | PROT_WRITE), ENOMEM);
	CHECK("mprotect_refused_left_readonly", faults(p, 1) && last_fault.si_code == SEGV_ACCERR, "");
	munmap(p, huge);
	CHECK("many_small_fine", (p = mmap(NULL, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
					   -1, 0)) != MAP_FAILED && munmap(p, 64 << 20) == 0, "");
}

static void test_rlimit_as(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct rlimit rl = { 64UL << 20, 64UL << 20 };

		setrlimit(RLIMIT_AS, &rl);
		_exit(mmap(NULL, 128UL << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
		      errno == ENOMEM ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK("rlimit_as_enomem", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };

	ktap_suite = "vma";
	sigaction(SIGSEGV, &sa, NULL);
	test_mmap_flags();
	test_merge_split();
	test_mremap();
	test_mprotect();
	test_madvise();
	test_mincore_msync();
	test_mlock();
	test_brk_limits();
	test_overcommit();
	test_rlimit_as();
	return ktap_done();
}
