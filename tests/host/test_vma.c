/*
 * Host tests of the VMA layer (mm/mmap.c, mremap.c, mprotect.c, madvise.c, mlock.c,
 * gup.c, util.c): random sequences of mmap, munmap, mprotect, madvise, mlock, munlock,
 * mremap and page touches (KTEST_SEED replays; the seed is printed) run against a
 * page-by-page model of a 512-page window, and after every step the kernel's VMAs must
 * match the model: each page's flags, VMAs as long as they can be (no two touching VMAs
 * that vma_merge would have joined), the page table entries (a move carries entries,
 * never copies them), the free-area search's choice (unmapped_area_topdown picks the
 * highest gap), total_vm, data_vm, locked_vm and the overcommit charge. validate_mm
 * (CONFIG_DEBUG_VM) checks the rbtree and its subtree gaps inside every call.
 *
 * The page tables are one flat array of entries for the window (walk_lookup and
 * walk_alloc below); an entry holds a page id, a touch or a populate gives a new one.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <asm/ptrace.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlb.h>
#include <linux/rmap.h>
#include <linux/pagewalk.h>
#include <linux/swap.h>
#include "../../mm/internal.h"
#include "ktest.h"

#define WIN_PAGES	512
#define WIN_START	(1UL << 30)
#define WIN_END		(WIN_START + WIN_PAGES * PAGE_SIZE)
#define RANDOM_STEPS	3000

/* ---- the stubbed page tables and what the VMA layer calls below it ---------------- */

static pte_t win_pte[WIN_PAGES];
static unsigned long next_page_id = 1;

long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
long _totalram_pages = 1UL << 18;		/* 1 GiB, the boot machine's */

static long win_index(unsigned long addr)
{
	return addr >= WIN_START && addr < WIN_END ? (long)((addr - WIN_START) >> PAGE_SHIFT) : -1;
}

static pte_t new_page_pte(void)
{
	return __pte((next_page_id++ << PAGE_SHIFT) | 1);
}

pte_t *walk_lookup(struct mm_struct *mm, unsigned long addr)
{
	long i = win_index(addr);

	return i < 0 ? NULL : &win_pte[i];
}

pte_t *walk_alloc(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp)
{
	*pmdp = NULL;
	return walk_lookup(mm, addr);
}

/* The range must lie in vma: callers zap, protect and fault only their own VMA. */
static void check_in_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (start < vma->vm_start || end > vma->vm_end || start >= end)
		ktest_fail(__FILE__, __LINE__, "range %lx-%lx outside vma %lx-%lx", start, end,
			   vma->vm_start, vma->vm_end);
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->fullmm = false;
}

void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->fullmm = true;
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
}

void unmap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		      unsigned long start, unsigned long end)
{
	check_in_vma(vma, start, end);
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE)
		if (win_index(addr) >= 0)
			win_pte[win_index(addr)] = __pte(0);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, vma->vm_mm);
	unmap_page_range(&tlb, vma, start, end);
	tlb_finish_mmu(&tlb);
}

void free_pgd_range(struct mmu_gather *tlb, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling)
{
	/*
	 * Only tables no VMA uses may go: nothing of [floor, ceiling) may still be mapped,
	 * but for exit_mmap's teardown of everything.
	 */
	if (!tlb->fullmm && find_vma_intersection(tlb->mm, floor, ceiling))
		ktest_fail(__FILE__, __LINE__, "free_pgd_range over a VMA in %lx-%lx", floor, ceiling);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot)
{
	check_in_vma(vma, start, end);
}

unsigned int handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			     unsigned int flags, struct pt_regs *regs)
{
	long i = win_index(address);

	check_in_vma(vma, address, address + PAGE_SIZE);
	if (i >= 0 && pte_none(win_pte[i]))
		win_pte[i] = new_page_pte();
	return 0;
}

int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	return 0;
}

void flush_tlb_mm(struct mm_struct *mm)
{
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
}

/* No file mappings here: a file reference would be a bug of the layer. */
void fput(struct file *file)
{
	ktest_abort(__FILE__, __LINE__, "fput without files");
}

struct file *get_file(struct file *f)
{
	ktest_abort(__FILE__, __LINE__, "get_file without files");
}

struct file *fget(unsigned int fd)
{
	ktest_abort(__FILE__, __LINE__, "fget without files");
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	ktest_abort(__FILE__, __LINE__, "shmem_zero_setup without shared mappings");
}

/*
 * mm/rmap.c's anon_vma chains run for real (split, merge, mremap and fork link them);
 * its page counting is never reached: the stubbed page tables map no struct pages.
 */
struct pglist_data *node_data[MAX_NUMNODES];

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	ktest_abort(__FILE__, __LINE__, "page rmap counted without struct pages");
}

void dump_page(struct page *page, const char *reason)
{
	ktest_abort(__FILE__, __LINE__, "dump_page without struct pages: %s", reason);
}

/*
 * The page-level halves of mlock (mlock_vma_pages_range) and MADV_FREE walk the page
 * tables for struct pages; the stubbed tables hold ids, so the walk visits nothing and
 * the LRU side they would call is never reached.
 */
struct page *vmemmap;

int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *private)
{
	return 0;
}

void lru_add_drain(void)
{
}

#define NO_PAGES(fn) ktest_abort(__FILE__, __LINE__, fn " without struct pages")

void folio_mark_lazyfree(struct folio *folio) { NO_PAGES("folio_mark_lazyfree"); }
struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	NO_PAGES("vm_normal_folio");
}
void folio_add_lru(struct folio *folio) { NO_PAGES("folio_add_lru"); }
void __folio_put(struct folio *folio) { NO_PAGES("__folio_put"); }
bool set_page_dirty(struct page *page) { NO_PAGES("set_page_dirty"); }
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr) { NO_PAGES("flush_tlb_page"); }
void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	NO_PAGES("mod_zone_page_state");
}
void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	NO_PAGES("__mod_zone_page_state");
}
void __mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	NO_PAGES("__mod_node_page_state");
}

/* ---- the process the calls run in ------------------------------------------------ */

static struct mm_struct test_mm;
static struct signal_struct test_signal;
static struct cred test_cred;
static long base_committed;

static void mm_setup(void)
{
	memset(&test_mm, 0, sizeof(test_mm));
	test_mm.mm_rb = RB_ROOT;
	init_rwsem(&test_mm.mmap_lock);
	spin_lock_init(&test_mm.page_table_lock);
	test_mm.mmap_base = WIN_END;
	test_mm.task_size = TASK_SIZE;
	for (int i = 0; i < RLIM_NLIMITS; i++)
		test_signal.rlim[i].rlim_cur = test_signal.rlim[i].rlim_max = RLIM_INFINITY;
	current->mm = &test_mm;
	current->signal = &test_signal;
	current->cred = &test_cred;
	mmap_min_addr = WIN_START;
	memset(win_pte, 0, sizeof(win_pte));
	base_committed = vm_memory_committed();
}

/* The last user goes: every entry zapped, the charge given back. */
static void mm_teardown(void)
{
	exit_mmap(&test_mm);
	for (int i = 0; i < WIN_PAGES; i++)
		if (!pte_none(win_pte[i]))
			ktest_fail(__FILE__, __LINE__, "page %d still mapped after exit_mmap", i);
	EXPECT_EQ(vm_memory_committed(), base_committed);
	current->mm = NULL;
}

static long call(long (*sys)(const struct pt_regs *), unsigned long a0, unsigned long a1,
		 unsigned long a2, unsigned long a3, unsigned long a4)
{
	struct pt_regs regs = { .regs = { a0, a1, a2, a3, a4 } };

	return sys(&regs);
}

long __arm64_sys_mremap(const struct pt_regs *regs);
long __arm64_sys_madvise(const struct pt_regs *regs);
long __arm64_sys_mlock(const struct pt_regs *regs);
long __arm64_sys_munlock(const struct pt_regs *regs);
long __arm64_sys_mprotect(const struct pt_regs *regs);

/* ---- the model: each page's flags (0: unmapped) and entry ------------------------ */

#define MAY_ALL		(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
/* A populate must have mapped the page; check_state adopts what the kernel put there. */
#define PTE_ANY		(~0UL)

static unsigned long m_flags[WIN_PAGES];
static unsigned long m_pte[WIN_PAGES];

static long m_index(unsigned long addr)
{
	return (long)(addr - WIN_START) >> PAGE_SHIFT;
}

static unsigned long m_addr(long i)
{
	return WIN_START + ((unsigned long)i << PAGE_SHIFT);
}

static bool m_free(long i, long n)
{
	for (long j = i; j < i + n; j++)
		if (j < 0 || j >= WIN_PAGES || m_flags[j])
			return false;
	return true;
}

static void m_unmap(long i, long n)
{
	for (long j = max(i, 0L); j < min(i + n, (long)WIN_PAGES); j++)
		m_flags[j] = m_pte[j] = 0;
}

/* Faulted in, if the page allows any access (else populate gives -EFAULT). */
static bool m_populate_page(long j)
{
	if (!(m_flags[j] & VM_ACCESS_FLAGS))
		return false;
	if (!m_pte[j])
		m_pte[j] = PTE_ANY;
	return true;
}

/* __mm_populate over [i, i + n): holes skipped; a failing VMA stops it unless ignore. */
static bool m_populate(long i, long n, bool ignore_errors)
{
	for (long j = i; j < i + n; j++)
		if (m_flags[j] && !m_populate_page(j) && !ignore_errors)
			return false;
	return true;
}

/* The model's VMA around page i: the run of pages with its flags. */
static void m_vma(long i, long *s, long *e)
{
	for (*s = i; *s > 0 && m_flags[*s - 1] == m_flags[i]; (*s)--)
		;
	for (*e = i + 1; *e < WIN_PAGES && m_flags[*e] == m_flags[i]; (*e)++)
		;
}

/* unmapped_area_topdown below mmap_base (the window's end): the highest free run. */
static long m_topdown(long n)
{
	for (long i = WIN_PAGES - n; i >= 0; i--)
		if (m_free(i, n))
			return (long)m_addr(i);
	return -ENOMEM;
}

/* get_unmapped_area with a hint: the hint if it is free, else top-down. */
static long m_get_area(unsigned long hint, long n)
{
	if (hint && !(hint & ~PAGE_MASK) && hint >= WIN_START && m_free(m_index(hint), n))
		return (long)hint;
	return m_topdown(n);
}

/* ---- checking the kernel against the model --------------------------------------- */

static void check_state(const char *op)
{
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long total = 0, locked = 0, data = 0, accounted = 0;
	long covered[WIN_PAGES] = { 0 };

	for (vma = test_mm.mmap; vma; prev = vma, vma = vma->vm_next) {
		if (vma->vm_start < WIN_START || vma->vm_end > WIN_END)
			ktest_abort(__FILE__, __LINE__, "%s: vma %lx-%lx outside the window", op,
				    vma->vm_start, vma->vm_end);
		if (vma->vm_pgoff != vma->vm_start >> PAGE_SHIFT)
			ktest_fail(__FILE__, __LINE__, "%s: vma %lx-%lx pgoff %lx", op,
				   vma->vm_start, vma->vm_end, vma->vm_pgoff);
		if (prev && prev->vm_end == vma->vm_start && prev->vm_flags == vma->vm_flags)
			ktest_fail(__FILE__, __LINE__, "%s: %lx-%lx and %lx-%lx not merged (%lx)", op,
				   prev->vm_start, prev->vm_end, vma->vm_start, vma->vm_end,
				   vma->vm_flags);
		for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			long i = m_index(a);

			covered[i] = 1;
			if (m_flags[i] != vma->vm_flags)
				ktest_abort(__FILE__, __LINE__, "%s: page %ld flags %lx, model %lx",
					    op, i, vma->vm_flags, m_flags[i]);
		}
		total += vma_pages(vma);
		if (vma->vm_flags & VM_LOCKED)
			locked += vma_pages(vma);
		if ((vma->vm_flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE)
			data += vma_pages(vma);
		if (vma->vm_flags & VM_ACCOUNT)
			accounted += vma_pages(vma);
	}
	for (long i = 0; i < WIN_PAGES; i++) {
		if (!covered[i] && m_flags[i])
			ktest_abort(__FILE__, __LINE__, "%s: page %ld unmapped, model %lx", op, i,
				    m_flags[i]);
		if (m_pte[i] == PTE_ANY && !pte_none(win_pte[i]))
			m_pte[i] = pte_val(win_pte[i]);
		if (m_pte[i] != pte_val(win_pte[i]))
			ktest_abort(__FILE__, __LINE__, "%s: page %ld entry %llx, model %lx", op, i,
				    (unsigned long long)pte_val(win_pte[i]), m_pte[i]);
	}
	EXPECT_EQ(test_mm.total_vm, total);
	EXPECT_EQ(test_mm.locked_vm, locked);
	EXPECT_EQ(test_mm.data_vm, data);
	EXPECT_EQ(vm_memory_committed() - base_committed, accounted);
}

/* ---- operations: the kernel call and the model's expectation, side by side -------- */

static unsigned long prot_flags(unsigned long prot)
{
	return calc_vm_prot_bits(prot) | MAY_ALL;
}

static long m_mmap(unsigned long addr, long n, unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = prot_flags(prot);
	long r, i;

	if (flags & MAP_FIXED_NOREPLACE) {
		if (!m_free(m_index(addr), n))
			return -EEXIST;
		r = (long)addr;
	} else if (flags & MAP_FIXED) {
		r = (long)addr;
	} else {
		r = m_get_area(addr < WIN_START ? (addr ? WIN_START : 0) : PAGE_ALIGN(addr), n);
		if (r < 0)
			return r;
	}
	i = m_index(r);
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	else if (prot & PROT_WRITE)
		vm_flags |= VM_ACCOUNT;
	m_unmap(i, n);
	for (long j = i; j < i + n; j++)
		m_flags[j] = vm_flags;
	if (flags & (MAP_LOCKED | MAP_POPULATE))
		m_populate(i, n, true);
	return r;
}

static void op_mmap(void)
{
	static const unsigned long prots[] = { PROT_READ | PROT_WRITE, PROT_READ,
		PROT_READ | PROT_EXEC, PROT_NONE };
	static const unsigned long extra[] = { 0, 0, 0, MAP_FIXED, MAP_FIXED, MAP_FIXED_NOREPLACE,
		MAP_FIXED | MAP_LOCKED, MAP_POPULATE, MAP_NORESERVE };
	long n = (long)ktest_rand_range(1, 24);
	unsigned long addr = m_addr((long)ktest_rand_range(0, WIN_PAGES - n));
	unsigned long prot = prots[ktest_rand_range(0, ARRAY_SIZE(prots) - 1)];
	unsigned long flags = extra[ktest_rand_range(0, ARRAY_SIZE(extra) - 1)];
	long want, got;

	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && ktest_rand_range(0, 1))
		addr = 0;
	want = m_mmap(addr, n, prot, flags);
	got = (long)vm_mmap(NULL, addr, n * PAGE_SIZE, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, 0);
	if (got != want)
		ktest_abort(__FILE__, __LINE__, "mmap(%lx, %ld pages, %lx, %lx) = %lx, model %lx",
			    addr, n, prot, flags, got, want);
}

static void op_munmap(void)
{
	long n = (long)ktest_rand_range(1, 32), i = (long)ktest_rand_range(0, WIN_PAGES - n);

	EXPECT_EQ(vm_munmap(m_addr(i), n * PAGE_SIZE), 0);
	m_unmap(i, n);
}

static long m_mprotect(long i, long n, unsigned long prot)
{
	for (long j = i; j < i + n; j++) {
		unsigned long old = m_flags[j], new;

		if (!old)
			return -ENOMEM;
		new = (old & ~VM_ACCESS_FLAGS) | calc_vm_prot_bits(prot);
		if ((new & VM_WRITE) && !(old & (VM_ACCOUNT | VM_WRITE | VM_NORESERVE)))
			new |= VM_ACCOUNT;
		m_flags[j] = new;
		if ((old & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED && (new & VM_WRITE))
			m_populate_page(j);
	}
	return 0;
}

static void op_mprotect(void)
{
	static const unsigned long prots[] = { PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE,
		PROT_READ | PROT_EXEC };
	long n = (long)ktest_rand_range(1, 32), i = (long)ktest_rand_range(0, WIN_PAGES - n);
	unsigned long prot = prots[ktest_rand_range(0, ARRAY_SIZE(prots) - 1)];
	long want = m_mprotect(i, n, prot);

	EXPECT_EQ(call(__arm64_sys_mprotect, m_addr(i), n * PAGE_SIZE, prot, 0, 0), want);
}

static long m_madvise(long i, long n, int advice)
{
	long ret = 0;

	for (long j = i; j < i + n; j++) {
		unsigned long f = m_flags[j];

		if (!f) {
			ret = -ENOMEM;
			continue;
		}
		switch (advice) {
		case MADV_DONTNEED:
			if (f & VM_LOCKED)
				return -EINVAL;
			m_pte[j] = 0;
			break;
		case MADV_NORMAL:
			f &= ~(VM_RAND_READ | VM_SEQ_READ);
			break;
		case MADV_RANDOM:
			f = (f & ~VM_SEQ_READ) | VM_RAND_READ;
			break;
		case MADV_SEQUENTIAL:
			f = (f & ~VM_RAND_READ) | VM_SEQ_READ;
			break;
		case MADV_DONTFORK:
			f |= VM_DONTCOPY;
			break;
		case MADV_DOFORK:
			f &= ~VM_DONTCOPY;
			break;
		}
		m_flags[j] = f;
	}
	return ret;
}

static void op_madvise(void)
{
	static const int advice[] = { MADV_DONTNEED, MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL,
		MADV_DONTFORK, MADV_DOFORK, MADV_WILLNEED };
	long n = (long)ktest_rand_range(1, 32), i = (long)ktest_rand_range(0, WIN_PAGES - n);
	int a = advice[ktest_rand_range(0, ARRAY_SIZE(advice) - 1)];
	long want = m_madvise(i, n, a);

	EXPECT_EQ(call(__arm64_sys_madvise, m_addr(i), n * PAGE_SIZE, a, 0, 0), want);
}

/* mlock (lock) or munlock: flags up to the first hole, then (mlock) the populate. */
static long m_mlock(long i, long n, bool lock)
{
	for (long j = i; j < i + n; j++) {
		if (!m_flags[j])
			return -ENOMEM;
		m_flags[j] = lock ? m_flags[j] | VM_LOCKED : m_flags[j] & ~VM_LOCKED;
	}
	/* A PROT_NONE VMA cannot be faulted in: EFAULT, which mlock reports as ENOMEM. */
	return lock && !m_populate(i, n, false) ? -ENOMEM : 0;
}

static void op_mlock(void)
{
	long n = (long)ktest_rand_range(1, 16), i = (long)ktest_rand_range(0, WIN_PAGES - n);
	bool lock = ktest_rand_range(0, 2);
	long want = m_mlock(i, n, lock);

	EXPECT_EQ(call(lock ? __arm64_sys_mlock : __arm64_sys_munlock, m_addr(i), n * PAGE_SIZE,
		       0, 0, 0), want);
}

/* A page is touched: a fault gave it a page (the kernel's part is handle_mm_fault's). */
static void op_touch(void)
{
	long i = (long)ktest_rand_range(0, WIN_PAGES - 1);

	if ((m_flags[i] & VM_ACCESS_FLAGS) && !m_pte[i]) {
		win_pte[i] = new_page_pte();
		m_pte[i] = pte_val(win_pte[i]);
	}
}

/* move_vma: the entries go to the new place, the old range goes (or stays, empty). */
static long m_move(long i, long old_n, long new_n, unsigned long new_addr, unsigned long flags)
{
	unsigned long f = m_flags[i], ptes[WIN_PAGES];
	long k = m_index(new_addr);

	memcpy(ptes, &m_pte[i], old_n * sizeof(ptes[0]));
	if (flags & MREMAP_DONTUNMAP) {
		for (long j = i; j < i + old_n; j++) {
			m_flags[j] &= ~VM_LOCKED;
			m_pte[j] = 0;
		}
	} else {
		m_unmap(i, old_n);
	}
	for (long j = 0; j < new_n; j++) {
		m_flags[k + j] = f;
		m_pte[k + j] = j < old_n ? ptes[j] : 0;
	}
	if (f & VM_LOCKED)
		m_populate(k + old_n, new_n - old_n, true);
	return (long)new_addr;
}

/* vma_to_resize: the range within one VMA (else EFAULT), old_len 0 only if shared. */
static long m_resize_check(long i, long old_n)
{
	long s, e;

	/* MREMAP_FIXED may have unmapped the source itself (old_len 0 at new_addr). */
	if (!m_flags[i])
		return -EFAULT;
	m_vma(i, &s, &e);
	if (!old_n)
		return -EINVAL;
	if (old_n > e - i)
		return -EFAULT;
	return 0;
}

static long m_mremap(long i, long old_n, long new_n, unsigned long flags, unsigned long new_addr)
{
	long s, e, err, k;

	if (!m_flags[i])
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		k = m_index(new_addr);
		if (i + old_n > k && k + new_n > i)
			return -EINVAL;
		if (flags & MREMAP_FIXED)
			m_unmap(k, new_n);
		if (old_n > new_n) {
			m_unmap(i + new_n, old_n - new_n);
			old_n = new_n;
		}
		err = m_resize_check(i, old_n);
		if (err)
			return err;
		if (!(flags & MREMAP_FIXED))
			new_addr = m_get_area(new_addr, new_n);
		if ((long)new_addr < 0)
			return (long)new_addr;
		return m_move(i, old_n, new_n, new_addr, flags);
	}
	if (old_n >= new_n) {
		m_unmap(i + new_n, old_n - new_n);
		return (long)m_addr(i);
	}
	err = m_resize_check(i, old_n);
	if (err)
		return err;
	m_vma(i, &s, &e);
	if (i + old_n == e && m_free(e, new_n - old_n)) {
		for (long j = e; j < i + new_n; j++)
			m_flags[j] = m_flags[i];
		if (m_flags[i] & VM_LOCKED)
			m_populate(e, i + new_n - e, true);
		return (long)m_addr(i);
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = m_topdown(new_n);
	if ((long)new_addr < 0)
		return (long)new_addr;
	return m_move(i, old_n, new_n, new_addr, flags);
}

static void op_mremap(void)
{
	static const unsigned long flag_sets[] = { 0, MREMAP_MAYMOVE, MREMAP_MAYMOVE,
		MREMAP_MAYMOVE | MREMAP_FIXED, MREMAP_MAYMOVE | MREMAP_DONTUNMAP };
	unsigned long flags = flag_sets[ktest_rand_range(0, ARRAY_SIZE(flag_sets) - 1)];
	long i = (long)ktest_rand_range(0, WIN_PAGES - 1), old_n, new_n, want, got;
	unsigned long new_addr = 0;

	old_n = (long)ktest_rand_range(0, min(16L, WIN_PAGES - i));
	new_n = flags & MREMAP_DONTUNMAP ? old_n : (long)ktest_rand_range(1, 24);
	if (!new_n)
		return;
	/* Room to grow in place only inside the window; the old VMA not locked for DONTUNMAP
	 * (it would lose VM_LOCKED and could match a neighbour it is not merged with). */
	if (i + new_n > WIN_PAGES || ((flags & MREMAP_DONTUNMAP) && (m_flags[i] & VM_LOCKED)))
		return;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		new_addr = m_addr((long)ktest_rand_range(0, WIN_PAGES - new_n));
	want = m_mremap(i, old_n, new_n, flags, new_addr);
	got = call(__arm64_sys_mremap, m_addr(i), old_n * PAGE_SIZE, new_n * PAGE_SIZE, flags,
		   new_addr);
	if (got != want)
		ktest_abort(__FILE__, __LINE__, "mremap(page %ld, %ld, %ld, %lx, %lx) = %lx, model %lx",
			    i, old_n, new_n, flags, new_addr, got, want);
}

static void test_random_ops(void)
{
	static void (*const ops[])(void) = { op_mmap, op_mmap, op_munmap, op_mprotect,
		op_madvise, op_mlock, op_touch, op_touch, op_mremap, op_mremap };
	static const char *const names[] = { "mmap", "mmap", "munmap", "mprotect", "madvise",
		"mlock", "touch", "touch", "mremap", "mremap" };

	printf("# test_random_ops: seed %llu (KTEST_SEED replays)\n",
	       (unsigned long long)ktest_seed());
	mm_setup();
	memset(m_flags, 0, sizeof(m_flags));
	memset(m_pte, 0, sizeof(m_pte));
	for (int step = 0; step < RANDOM_STEPS; step++) {
		unsigned long k = ktest_rand_range(0, ARRAY_SIZE(ops) - 1);

		ops[k]();
		check_state(names[k]);
	}
	mm_teardown();
}

/* ---- fixed cases ------------------------------------------------------------------ */

static unsigned long map(unsigned long addr, long n, unsigned long prot)
{
	return vm_mmap(NULL, addr, n * PAGE_SIZE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
}

/*
 * Linux's merge cases through mprotect and mmap, each checked by the VMA count and by
 * which VMA survives: prev absorbs (1, 2, 5, 6, 7), next absorbs (3, 4, 8).
 */
static void test_merge_cases(void)
{
	const unsigned long P = WIN_START, RW = PROT_READ | PROT_WRITE;
	struct vm_area_struct *prev, *next;

	mm_setup();
	/* Case 1: a mapping fills the hole between two like it. */
	map(P, 2, RW);
	map(P + 3 * PAGE_SIZE, 2, RW);
	prev = find_vma(&test_mm, P);
	EXPECT_EQ(test_mm.map_count, 2);
	map(P + 2 * PAGE_SIZE, 1, RW);
	EXPECT_EQ(test_mm.map_count, 1);
	EXPECT_TRUE(find_vma(&test_mm, P + 4 * PAGE_SIZE) == prev);
	/* Case 6: a middle part goes read-only (a split in three), then back. */
	call(__arm64_sys_mprotect, P + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ, 0, 0);
	EXPECT_EQ(test_mm.map_count, 3);
	prev = find_vma(&test_mm, P);
	call(__arm64_sys_mprotect, P + 2 * PAGE_SIZE, PAGE_SIZE, RW, 0, 0);
	EXPECT_EQ(test_mm.map_count, 1);
	EXPECT_TRUE(find_vma(&test_mm, P + 4 * PAGE_SIZE) == prev);
	/* Case 4: prev's tail joins next. */
	call(__arm64_sys_mprotect, P + 3 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ, 0, 0);
	next = find_vma(&test_mm, P + 3 * PAGE_SIZE);
	call(__arm64_sys_mprotect, P + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ, 0, 0);
	EXPECT_EQ(test_mm.map_count, 2);
	EXPECT_TRUE(find_vma(&test_mm, P + 2 * PAGE_SIZE) == next);
	EXPECT_EQ(next->vm_start, P + 2 * PAGE_SIZE);
	EXPECT_EQ(next->vm_pgoff, next->vm_start >> PAGE_SHIFT);
	/* Case 5: next's head joins prev (the lower part of case 4's split). */
	prev = find_vma(&test_mm, P);
	call(__arm64_sys_mprotect, P + 2 * PAGE_SIZE, PAGE_SIZE, RW, 0, 0);
	EXPECT_EQ(test_mm.map_count, 2);
	EXPECT_TRUE(find_vma(&test_mm, P + 2 * PAGE_SIZE) == prev);
	EXPECT_EQ(next->vm_start, P + 3 * PAGE_SIZE);
	/* Case 8: all of next's predecessor part joins it; case 3: a new mapping before it. */
	call(__arm64_sys_mprotect, P, 3 * PAGE_SIZE, PROT_READ, 0, 0);
	EXPECT_EQ(test_mm.map_count, 1);
	EXPECT_TRUE(find_vma(&test_mm, P) == next);
	vm_munmap(P, PAGE_SIZE);
	call(__arm64_sys_mprotect, P + PAGE_SIZE, 4 * PAGE_SIZE, RW, 0, 0);
	map(P, 1, RW);
	EXPECT_EQ(test_mm.map_count, 1);
	EXPECT_TRUE(find_vma(&test_mm, P) == next);
	/* Different flags (a read-only mapping is not charged: no VM_ACCOUNT): no merge. */
	map(P + 5 * PAGE_SIZE, 1, PROT_READ);
	EXPECT_EQ(test_mm.map_count, 2);
	/* Made writable, it is charged too, and merges (case 2). */
	call(__arm64_sys_mprotect, P + 5 * PAGE_SIZE, PAGE_SIZE, RW, 0, 0);
	EXPECT_EQ(test_mm.map_count, 1);
	mm_teardown();
}

/* The anon_vma the first anonymous page at addr gets (its fault's anon_vma_prepare). */
static struct anon_vma *prepare_at(unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(&test_mm, addr);

	EXPECT_EQ(anon_vma_prepare(vma), 0);
	return vma->anon_vma;
}

/*
 * find_mergeable_anon_vma: a VMA's first fault shares a neighbour's anon_vma when only
 * the access flags set them apart, so they merge once those agree:
 *	[ A rw av1 ][ B rwx ]        B's fault: B gets av1
 *	mprotect(B, rw)              [ A+B rw av1 ]
 * The next VMA is asked first:
 *	[ C rwx av2 ][ E rw ][ D rwx av3 ]   E's fault: E gets av3
 * and a neighbour across a gap, or with flags other than the access ones, is not shared.
 */
static void test_find_mergeable_anon_vma(void)
{
	const unsigned long P = WIN_START, RW = PROT_READ | PROT_WRITE;
	const unsigned long RWX = RW | PROT_EXEC;
	struct anon_vma *av1, *av2, *av3, *ave;

	anon_vma_init();
	mm_setup();
	map(P, 2, RW);
	map(P + 2 * PAGE_SIZE, 2, RWX);
	av1 = prepare_at(P);
	EXPECT_EQ(prepare_at(P + 2 * PAGE_SIZE), av1);
	call(__arm64_sys_mprotect, P + 2 * PAGE_SIZE, 2 * PAGE_SIZE, RW, 0, 0);
	EXPECT_EQ(test_mm.map_count, 1);

	map(P + 8 * PAGE_SIZE, 2, RWX);
	map(P + 12 * PAGE_SIZE, 2, RWX);
	av2 = prepare_at(P + 8 * PAGE_SIZE);
	av3 = prepare_at(P + 12 * PAGE_SIZE);
	EXPECT_TRUE(av2 != av1 && av3 != av2 && av3 != av1);
	map(P + 10 * PAGE_SIZE, 2, RW);
	EXPECT_EQ(test_mm.map_count, 4);
	ave = prepare_at(P + 10 * PAGE_SIZE);
	EXPECT_EQ(ave, av3);

	map(P + 16 * PAGE_SIZE, 1, RW);
	EXPECT_TRUE(prepare_at(P + 16 * PAGE_SIZE) != av3);
	map(P + 18 * PAGE_SIZE, 1, RW);
	call(__arm64_sys_madvise, P + 18 * PAGE_SIZE, PAGE_SIZE, MADV_DONTFORK, 0, 0);
	map(P + 19 * PAGE_SIZE, 1, RW);
	EXPECT_EQ(test_mm.map_count, 7);
	EXPECT_TRUE(prepare_at(P + 18 * PAGE_SIZE) != prepare_at(P + 19 * PAGE_SIZE));
	mm_teardown();
}

/* The free-area search: highest gap below mmap_base, hints honoured when free. */
static void test_gap_search(void)
{
	mm_setup();
	EXPECT_EQ(vm_mmap(NULL, 0, 4 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0),
		  WIN_END - 4 * PAGE_SIZE);
	/* A 2-page hole 10 pages below the top, and one of 8 pages lower down. */
	map(WIN_END - 30 * PAGE_SIZE, 26, PROT_NONE);
	vm_munmap(WIN_END - 12 * PAGE_SIZE, 2 * PAGE_SIZE);
	vm_munmap(WIN_END - 28 * PAGE_SIZE, 8 * PAGE_SIZE);
	EXPECT_EQ(vm_mmap(NULL, 0, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0),
		  WIN_END - 12 * PAGE_SIZE);
	EXPECT_EQ(vm_mmap(NULL, 0, 3 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0),
		  WIN_END - 23 * PAGE_SIZE);
	EXPECT_EQ(vm_mmap(NULL, 0, 6 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0),
		  WIN_END - 36 * PAGE_SIZE);
	/* A free hint is taken as is; a taken one falls back to the search. */
	EXPECT_EQ(vm_mmap(NULL, WIN_START, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0),
		  WIN_START);
	EXPECT_EQ(vm_mmap(NULL, WIN_END - PAGE_SIZE, PAGE_SIZE, PROT_READ,
			  MAP_PRIVATE | MAP_ANONYMOUS, 0), WIN_END - 24 * PAGE_SIZE);
	/* No room: -ENOMEM, nothing mapped. */
	EXPECT_EQ((long)vm_mmap(NULL, 0, (WIN_PAGES - 10) * PAGE_SIZE, PROT_READ,
				MAP_PRIVATE | MAP_ANONYMOUS, 0), -ENOMEM);
	mm_teardown();
}

/* A broken VMA set stops the kernel in validate_mm, where the change was made. */
static void test_validate_mm_catches(void)
{
	mm_setup();
	map(WIN_START, 4, PROT_READ);
	test_mm.map_count++;
	mmap_write_lock(&test_mm);
	KTEST_EXPECT_BUG(do_munmap(&test_mm, WIN_START, PAGE_SIZE));
	mmap_write_unlock(&test_mm);
	test_mm.map_count--;
	mm_teardown();
}

/* The overcommit policies: guess refuses one charge larger than RAM, never keeps a limit. */
static void test_overcommit(void)
{
	long ram = (long)totalram_pages();

	mm_setup();
	EXPECT_EQ(__vm_enough_memory(&test_mm, ram + 1, 1), -ENOMEM);
	EXPECT_EQ(__vm_enough_memory(&test_mm, ram, 1), 0);
	vm_unacct_memory(ram);
	sysctl_overcommit_memory = OVERCOMMIT_ALWAYS;
	EXPECT_EQ(__vm_enough_memory(&test_mm, 4 * ram, 1), 0);
	vm_unacct_memory(4 * ram);
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	EXPECT_EQ(vm_commit_limit(), ram * sysctl_overcommit_ratio / 100);
	EXPECT_EQ(__vm_enough_memory(&test_mm, ram / 4, 1), 0);
	EXPECT_EQ(__vm_enough_memory(&test_mm, ram / 4, 1), -ENOMEM);
	EXPECT_EQ(vm_memory_committed() - base_committed, ram / 4);
	/* A private writable mapping is charged at mmap, given back at munmap. */
	EXPECT_EQ((long)vm_mmap(NULL, WIN_START, ram / 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), -ENOMEM);
	EXPECT_EQ(test_mm.map_count, 0);
	EXPECT_TRUE(vm_mmap(NULL, WIN_START, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0) == WIN_START);
	EXPECT_EQ(vm_memory_committed() - base_committed, ram / 4 + 1);
	/* MAP_NORESERVE is not honoured when overcommit is never allowed. */
	EXPECT_TRUE(vm_mmap(NULL, WIN_START + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, 0) ==
		    WIN_START + PAGE_SIZE);
	EXPECT_EQ(vm_memory_committed() - base_committed, ram / 4 + 2);
	vm_munmap(WIN_START, 2 * PAGE_SIZE);
	EXPECT_EQ(vm_memory_committed() - base_committed, ram / 4);
	vm_unacct_memory(ram / 4);
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
	mm_teardown();
}

/*
 * vm.max_map_count: mmap refuses once the count is past it, a split that would take it
 * there is refused (mprotect, munmap of a middle part); removing a whole VMA always works.
 */
static void test_max_map_count(void)
{
	const int saved = sysctl_max_map_count;
	const unsigned long P = WIN_START;

	mm_setup();
	sysctl_max_map_count = 4;
	map(P, 3, PROT_READ);
	for (int i = 1; i < 4; i++)
		map(P + (2 + 2 * i) * PAGE_SIZE, 1, PROT_READ);
	EXPECT_EQ(test_mm.map_count, 4);
	/* As Linux: do_mmap refuses only past the limit, so one more goes in. */
	EXPECT_EQ(map(P + 20 * PAGE_SIZE, 1, PROT_READ), P + 20 * PAGE_SIZE);
	EXPECT_EQ((long)map(P + 22 * PAGE_SIZE, 1, PROT_READ), -ENOMEM);
	EXPECT_EQ(call(__arm64_sys_mprotect, P + PAGE_SIZE, PAGE_SIZE, PROT_NONE, 0, 0), -ENOMEM);
	EXPECT_EQ(vm_munmap(P + PAGE_SIZE, PAGE_SIZE), -ENOMEM);
	EXPECT_EQ(test_mm.map_count, 5);
	EXPECT_EQ(vm_munmap(P + 20 * PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_EQ(vm_munmap(P, PAGE_SIZE), 0);
	EXPECT_EQ(test_mm.map_count, 4);
	sysctl_max_map_count = saved;
	mm_teardown();
}

/*
 * fork's copy (dup_mmap): MADV_DONTFORK VMAs stay behind and out of the child's
 * counters, VM_LOCKED is not inherited, each VM_ACCOUNT VMA is charged again, and the
 * child's exit gives its charge back.
 */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);	/* mm/mmap.c, for kernel/fork.c */

static void test_fork_copy(void)
{
	const unsigned long P = WIN_START, RW = PROT_READ | PROT_WRITE;
	static struct mm_struct child;
	struct vm_area_struct *vma;
	long parent_charge;

	mm_setup();
	map(P, 4, RW);
	map(P + 5 * PAGE_SIZE, 2, PROT_READ);
	map(P + 8 * PAGE_SIZE, 3, RW);
	call(__arm64_sys_madvise, P + 8 * PAGE_SIZE, 3 * PAGE_SIZE, MADV_DONTFORK, 0, 0);
	call(__arm64_sys_mlock, P, 2 * PAGE_SIZE, 0, 0, 0);
	parent_charge = vm_memory_committed() - base_committed;
	EXPECT_EQ(parent_charge, 7);
	memset(&child, 0, sizeof(child));
	child.mm_rb = RB_ROOT;
	init_rwsem(&child.mmap_lock);
	spin_lock_init(&child.page_table_lock);
	EXPECT_EQ(dup_mmap(&child, &test_mm), 0);
	/* The locked part lost VM_LOCKED but stays a VMA of its own: fork does not merge. */
	EXPECT_EQ(child.map_count, 3);
	EXPECT_EQ(child.total_vm, 6);
	EXPECT_EQ(child.data_vm, 4);
	EXPECT_EQ(child.locked_vm, 0);
	for (vma = child.mmap; vma; vma = vma->vm_next) {
		EXPECT_TRUE(vma->vm_mm == &child);
		EXPECT_FALSE(vma->vm_flags & (VM_LOCKED | VM_DONTCOPY));
	}
	EXPECT_EQ(vm_memory_committed() - base_committed, parent_charge + 4);
	exit_mmap(&child);
	EXPECT_EQ(vm_memory_committed() - base_committed, parent_charge);
	mm_teardown();
}

long __arm64_sys_mlockall(const struct pt_regs *regs);
long __arm64_sys_munlockall(const struct pt_regs *regs);

/* Without CAP_IPC_LOCK (a non-root task), RLIMIT_MEMLOCK rules: EPERM at 0, then ENOMEM. */
static void test_mlock_limits(void)
{
	const unsigned long RW = PROT_READ | PROT_WRITE;

	mm_setup();
	map(WIN_START, 8, RW);
	test_cred.euid = 1000;
	test_signal.rlim[RLIMIT_MEMLOCK].rlim_cur = 0;
	EXPECT_EQ(call(__arm64_sys_mlock, WIN_START, PAGE_SIZE, 0, 0, 0), -EPERM);
	EXPECT_EQ(call(__arm64_sys_mlockall, MCL_CURRENT, 0, 0, 0, 0), -EPERM);
	EXPECT_EQ((long)vm_mmap(NULL, 0, PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, 0),
		  -EPERM);
	test_signal.rlim[RLIMIT_MEMLOCK].rlim_cur = 4 * PAGE_SIZE;
	EXPECT_EQ(call(__arm64_sys_mlock, WIN_START, 3 * PAGE_SIZE, 0, 0, 0), 0);
	EXPECT_EQ(test_mm.locked_vm, 3);
	/* Pages already locked do not count twice. */
	EXPECT_EQ(call(__arm64_sys_mlock, WIN_START, 4 * PAGE_SIZE, 0, 0, 0), 0);
	EXPECT_EQ(call(__arm64_sys_mlock, WIN_START + 4 * PAGE_SIZE, PAGE_SIZE, 0, 0, 0), -ENOMEM);
	EXPECT_EQ(test_mm.locked_vm, 4);
	EXPECT_EQ((long)vm_mmap(NULL, 0, PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, 0),
		  -EAGAIN);
	EXPECT_EQ(call(__arm64_sys_mlockall, MCL_CURRENT, 0, 0, 0, 0), -ENOMEM);
	/* MCL_FUTURE alone is allowed; a later mapping past the limit is refused (EAGAIN). */
	EXPECT_EQ(call(__arm64_sys_mlockall, MCL_FUTURE, 0, 0, 0, 0), 0);
	EXPECT_EQ((long)vm_mmap(NULL, 0, PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS, 0), -EAGAIN);
	EXPECT_EQ(call(__arm64_sys_munlockall, 0, 0, 0, 0, 0), 0);
	EXPECT_EQ(test_mm.locked_vm, 0);
	EXPECT_EQ(test_mm.map_count, 1);
	test_cred.euid = 0;
	test_signal.rlim[RLIMIT_MEMLOCK].rlim_cur = RLIM_INFINITY;
	mm_teardown();
}

int main(void)
{
	static const struct ktest_case cases[] = {
		KTEST_CASE(test_merge_cases),
		KTEST_CASE(test_find_mergeable_anon_vma),
		KTEST_CASE(test_gap_search),
		KTEST_CASE(test_validate_mm_catches),
		KTEST_CASE(test_overcommit),
		KTEST_CASE(test_mlock_limits),
		KTEST_CASE(test_max_map_count),
		KTEST_CASE(test_fork_copy),
		KTEST_CASE(test_random_ops),
	};

	return ktest_run("vma", cases, ARRAY_SIZE(cases));
}
