/*
 * ASIDs for user address spaces, with Linux's allocator (arch/arm64/mm/context.c): an
 * mm's context.id holds its ASID in the low bits and the generation above. A new ASID
 * comes from asid_map; when the map is full the generation moves on (rollover), every
 * cpu keeps the ASID it is running with (reserved_asids) and flushes its TLB before it
 * next installs an ASID (tlb_flush_pending). Switching to an mm whose ASID is of the
 * current generation takes no lock (the active_asids cmpxchg fast path). ASID 0 is never
 * given out: with software PAN it tags the empty reserved TTBR0 (and
 * entry.S tells from it whether user access was open).
 *
 * TLB invalidation of a user mm by ASID and VA: on this cpu only (tlbi ... e1, dsb nsh)
 * when no other cpu has the mm loaded (mm_cpumask), broadcast (tlbi ... e1is, dsb ish)
 * otherwise. A cpu that had the mm loaded earlier may still hold its entries: every
 * flush is counted (tlb_gen), and a cpu loading the mm flushes the ASID locally if it
 * missed a count (the rule of Linux x86's switch_mm_irqs_off; arm64 Linux 6.1 always
 * broadcasts, which under TCG costs every vCPU a synchronous exit).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/bitops.h>
#include <linux/bitmap.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <asm/uaccess.h>

/*
 * asid_bits: the ASIDs in use (Linux reads 8 or 16 from ID_AA64MMFR0_EL1; QEMU's cpus
 * have 16). The asid_bits= parameter narrows it, down to what the possible cpus need
 * (each may keep one over a rollover, and ASID 0 is never given out), so that a few
 * processes roll the generation over again and again: a test of the rollover path.
 * Set before the first process, read-only after.
 */
#define MAX_ASID_BITS		16
static u32 asid_bits = MAX_ASID_BITS;
#define NUM_USER_ASIDS		(1UL << asid_bits)
#define ASID_MASK		(~((u64)NUM_USER_ASIDS - 1))
#define ASID_FIRST_VERSION	NUM_USER_ASIDS
#define asid2idx(asid)		((asid) & ~ASID_MASK)
#define idx2asid(idx)		(idx)

/* The smallest width with an ASID left for a new mm after every cpu reserved one. */
static u32 min_asid_bits(void)
{
	return (u32)fls_long(NR_CPUS + 1);
}

static int __init asid_bits_setup(char *str)
{
	unsigned int bits;

	if (!str || kstrtouint(str, 0, &bits) || bits < min_asid_bits() || bits > MAX_ASID_BITS) {
		pr_err("asid_bits: '%s' is not a width from %u to %u; using %u\n",
		       str ? str : "", min_asid_bits(), MAX_ASID_BITS, asid_bits);
		return -EINVAL;
	}
	asid_bits = bits;
	pr_info("ASID allocator: %u bits, %lu ASIDs\n", asid_bits, NUM_USER_ASIDS);
	return 0;
}
early_param("asid_bits", asid_bits_setup);

/* cpu_asid_lock: asid_generation's changes, asid_map, reserved_asids, tlb_flush_pending. */
static DEFINE_RAW_SPINLOCK(cpu_asid_lock);
/*
 * The generation, in the bits above asid_bits (atomic reads on the fast path). It
 * starts above the widest ASID, so whatever asid_bits= chose its low bits are clear.
 */
static u64 asid_generation = 1UL << MAX_ASID_BITS;
/* From the slab at early_initcall (as Linux's asids_init): no user mm runs before. */
static unsigned long *asid_map;
static unsigned long cur_idx = 1;
/* active_asids: the ASID this cpu runs with (0 while a rollover took it); atomic. */
static DEFINE_PER_CPU(u64, active_asids);
static DEFINE_PER_CPU(u64, reserved_asids);
static struct cpumask tlb_flush_pending;

static bool asid_gen_match(u64 asid)
{
	return !((asid ^ __atomic_load_n(&asid_generation, __ATOMIC_RELAXED)) >> asid_bits);
}

/* Rollover, cpu_asid_lock held: only the ASIDs in use survive; every cpu must flush. */
static void flush_context(void)
{
	unsigned int cpu;

	bitmap_zero(asid_map, NUM_USER_ASIDS);
	__set_bit(0, asid_map);
	for_each_possible_cpu(cpu) {
		u64 asid = __atomic_exchange_n(per_cpu_ptr(&active_asids, cpu), 0, __ATOMIC_RELAXED);

		/* A cpu that already rolled over once keeps the one it reserved then. */
		if (asid == 0)
			asid = per_cpu(reserved_asids, cpu);
		__set_bit(asid2idx(asid), asid_map);
		per_cpu(reserved_asids, cpu) = asid;
	}
	cpumask_copy(&tlb_flush_pending, cpu_possible_mask);
}

/* An ASID some cpu kept over the rollover: it moves to the new generation, every copy. */
static bool check_update_reserved_asid(u64 asid, u64 newasid)
{
	bool hit = false;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (per_cpu(reserved_asids, cpu) == asid) {
			hit = true;
			per_cpu(reserved_asids, cpu) = newasid;
		}
	}
	return hit;
}

static u64 mm_ttbr0(struct mm_struct *mm);

static u64 new_context(struct mm_struct *mm)
{
	u64 asid = __atomic_load_n(&mm->context.id, __ATOMIC_RELAXED);
	u64 generation = asid_generation;

	if (asid != 0) {
		u64 newasid = generation | (asid & ~ASID_MASK);

		if (check_update_reserved_asid(asid, newasid))
			return newasid;
		if (!test_bit(asid2idx(asid), asid_map)) {
			__set_bit(asid2idx(asid), asid_map);
			return newasid;
		}
	}
	asid = find_next_zero_bit(asid_map, NUM_USER_ASIDS, cur_idx);
	if (asid == NUM_USER_ASIDS) {
		__atomic_store_n(&asid_generation, generation + ASID_FIRST_VERSION, __ATOMIC_RELAXED);
		generation += ASID_FIRST_VERSION;
		flush_context();
		asid = find_next_zero_bit(asid_map, NUM_USER_ASIDS, 1);
	}
	__set_bit(asid, asid_map);
	cur_idx = asid;
	return idx2asid(asid) | generation;
}

static void local_flush_tlb_asid(u64 asid)
{
	dsb(nshst);
	__asm__ __volatile__("tlbi aside1, %0" : : "r" (asid << 48) : "memory");
	dsb(nsh);
}

/*
 * This cpu loads mm: in mm_cpumask first, so a flush from now on reaches it, then the
 * flushes it missed since it last had mm loaded (stale entries of mm's ASID may be left
 * from then), done here with one local ASID flush. Already in the mask (another thread
 * of the process, or back from a lazy kernel thread): every flush reached this cpu.
 */
static void mm_load_tlb_gen(struct mm_struct *mm, unsigned int cpu)
{
	u64 gen;

	if (cpumask_test_cpu(cpu, &mm->context.cpus))
		return;
	cpumask_set_cpu(cpu, &mm->context.cpus);
	/* The bit before the count: pairs with flush_tlb_begin's dsb (one sees the other). */
	dsb(ish);
	gen = __atomic_load_n(&mm->context.tlb_gen, __ATOMIC_RELAXED);
	if (mm->context.flushed_gen[cpu] != gen) {
		local_flush_tlb_asid(asid2idx(__atomic_load_n(&mm->context.id, __ATOMIC_RELAXED)));
		mm->context.flushed_gen[cpu] = gen;
	}
}

/*
 * Gives mm an ASID of the current generation on this cpu and, without software PAN,
 * installs its tables in TTBR0. Interrupts are off (context switch or exec).
 */
void check_and_switch_context(struct mm_struct *mm)
{
	unsigned int cpu = smp_processor_id();
	u64 asid, old_active_asid;
	unsigned long flags;

	asid = __atomic_load_n(&mm->context.id, __ATOMIC_RELAXED);
	old_active_asid = __atomic_load_n(this_cpu_ptr(&active_asids), __ATOMIC_RELAXED);
	/* The fast path: a rollover on another cpu sets our active_asids to 0 first. */
	if (old_active_asid && asid_gen_match(asid) &&
	    __atomic_compare_exchange_n(this_cpu_ptr(&active_asids), &old_active_asid, asid,
					false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		goto switch_mm_fastpath;
	raw_spin_lock_irqsave(&cpu_asid_lock, flags);
	asid = __atomic_load_n(&mm->context.id, __ATOMIC_RELAXED);
	if (!asid_gen_match(asid)) {
		asid = new_context(mm);
		__atomic_store_n(&mm->context.id, asid, __ATOMIC_RELAXED);
	}
	if (cpumask_test_cpu(cpu, &tlb_flush_pending)) {
		cpumask_clear_cpu(cpu, &tlb_flush_pending);
		local_flush_tlb_all();
	}
	__atomic_store_n(this_cpu_ptr(&active_asids), asid, __ATOMIC_RELAXED);
	raw_spin_unlock_irqrestore(&cpu_asid_lock, flags);
switch_mm_fastpath:
	mm_load_tlb_gen(mm, cpu);
	if (!system_uses_ttbr0_pan()) {
		write_sysreg(mm_ttbr0(mm), ttbr0_el1);
		isb();
	}
}

/* TTBR0's value for mm: its pgd and ASID. */
static u64 mm_ttbr0(struct mm_struct *mm)
{
	return __pa(mm->pgd) | (asid2idx(__atomic_load_n(&mm->context.id, __ATOMIC_RELAXED)) <<
				TTBR_ASID_SHIFT);
}

/* The ASID to tag a TLB invalidation with (the mm's current one). */
u64 mm_asid(struct mm_struct *mm)
{
	return asid2idx(__atomic_load_n(&mm->context.id, __ATOMIC_RELAXED));
}

/*
 * Whether no other cpu has mm loaded: a flush on this cpu alone is then enough, the
 * others catch up when they load mm again (mm_load_tlb_gen). Preemption off.
 */
bool mm_tlb_local(struct mm_struct *mm)
{
	return !(__atomic_load_n(&mm->context.cpus.bits[0], __ATOMIC_RELAXED) &
		 ~(1UL << smp_processor_id()));
}

/*
 * Starts an invalidation of mm's entries: counts it (tlb_gen), makes the page-table
 * stores before it visible to every walker, then says whether it may stay local. The
 * dsb orders the count and the stores before the mm_cpumask read: a cpu loading mm
 * meanwhile either is seen in the mask or sees the new count and the new tables.
 */
static bool flush_tlb_begin(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->context.tlb_gen, 1, __ATOMIC_RELAXED);
	dsb(ish);
	return mm_tlb_local(mm);
}

static void flush_tlb_end(bool local)
{
	if (local)
		dsb(nsh);
	else
		dsb(ish);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	u64 asid = mm_asid(mm) << 48;
	bool local;

	preempt_disable();
	local = flush_tlb_begin(mm);
	if (local)
		__asm__ __volatile__("tlbi aside1, %0" : : "r" (asid) : "memory");
	else
		__asm__ __volatile__("tlbi aside1is, %0" : : "r" (asid) : "memory");
	flush_tlb_end(local);
	preempt_enable();
}

/*
 * The entries of [start, end) of mm by VA (vae1: walk caches included, so freed table
 * pages in the range are covered too); past MAX_TLBI_OPS pages, the whole ASID.
 */
void __flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	u64 asid = mm_asid(mm) << 48;
	bool local;

	if ((end - start) >> PAGE_SHIFT > MAX_TLBI_OPS) {
		flush_tlb_mm(mm);
		return;
	}
	preempt_disable();
	local = flush_tlb_begin(mm);
	for (start &= PAGE_MASK; start < end; start += PAGE_SIZE) {
		u64 arg = asid | (start >> PAGE_SHIFT);

		if (local)
			__asm__ __volatile__("tlbi vae1, %0" : : "r" (arg) : "memory");
		else
			__asm__ __volatile__("tlbi vae1is, %0" : : "r" (arg) : "memory");
	}
	flush_tlb_end(local);
	preempt_enable();
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	__flush_tlb_range(vma->vm_mm, start, end);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_range(vma, addr, addr + PAGE_SIZE);
}

/*
 * context_switch's and exec's mm half: next's tables and ASID for tsk, which is about to
 * run on this cpu; the TTBR0 value software PAN installs for it (update_saved_ttbr0).
 * Interrupts off.
 */
void switch_mm_irqs_off(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk)
{
	/* This cpu stops using prev's entries (a lazy kernel thread keeps them: no call). */
	if (prev && prev != next && prev != &init_mm)
		cpumask_clear_cpu(smp_processor_id(), &prev->context.cpus);
	if (next == &init_mm) {
		task_thread_info(tsk)->ttbr0 = 0;
		if (!system_uses_ttbr0_pan())
			cpu_set_reserved_ttbr0();
		return;
	}
	check_and_switch_context(next);
	task_thread_info(tsk)->ttbr0 = mm_ttbr0(next);
}

/* The map of ASIDs in use: sized by the ASID width asid_bits= left, as Linux's asids_init. */
static int __init asids_init(void)
{
	asid_map = kcalloc(BITS_TO_LONGS(NUM_USER_ASIDS), sizeof(*asid_map), GFP_KERNEL);
	if (!asid_map)
		panic("Failed to allocate bitmap for %lu ASIDs\n", NUM_USER_ASIDS);
	return 0;
}
early_initcall(asids_init);
