/*
 * Switching translation tables on this cpu: the reserved (empty) TTBR0, the identity
 * map, and cpu_replace_ttbr1, which installs a new kernel table under a live kernel.
 */
#ifndef _ASM_MMU_CONTEXT_H
#define _ASM_MMU_CONTEXT_H

#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>
#include <asm/tlbflush.h>

/* TTBR0 walks find nothing: user addresses fault. */
static inline void cpu_set_reserved_ttbr0(void)
{
	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	isb();
}

/* TTBR0 = idmap, the identity map of the image, for code that must run with TTBR1 off. */
static inline void cpu_install_idmap(pgd_t *idmap)
{
	cpu_set_reserved_ttbr0();
	local_flush_tlb_all();
	write_sysreg(__pa_symbol(idmap), ttbr0_el1);
	isb();
}

/* No user process yet: back to the reserved TTBR0. */
static inline void cpu_uninstall_idmap(void)
{
	cpu_set_reserved_ttbr0();
	local_flush_tlb_all();
}

struct mm_struct;
struct task_struct;
struct vm_area_struct;

/* arch/arm64/mm/context.c: ASIDs, TTBR0 for user space, and TLB invalidation by ASID. */
void check_and_switch_context(struct mm_struct *mm);
void switch_mm_irqs_off(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk);
u64 mm_asid(struct mm_struct *mm);
bool mm_tlb_local(struct mm_struct *mm);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void __flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Linux's bound: a range flush of more pages invalidates the whole ASID instead. */
#define MAX_TLBI_OPS	PTRS_PER_PTE
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);

/* head.S, run at its physical address: TTBR1 = reserved, TLB flush, TTBR1 = ttbr1. */
void idmap_cpu_replace_ttbr1(phys_addr_t ttbr1, phys_addr_t reserved);

/*
 * Install pgdp (the kernel's own table, e.g. swapper_pg_dir) in TTBR1. No TTBR1 walk may
 * see a mix of old and new tables, so the switch runs from the idmap in TTBR0 while TTBR1
 * points at an empty table and the TLB is flushed. Interrupts must be off.
 */
static inline void cpu_replace_ttbr1(pgd_t *pgdp, pgd_t *idmap)
{
	void (*replace_phys)(phys_addr_t ttbr1, phys_addr_t reserved);

	replace_phys = (void *)__pa_symbol(idmap_cpu_replace_ttbr1);
	cpu_install_idmap(idmap);
	replace_phys(__pa(pgdp), __pa_symbol(reserved_pg_dir));
	cpu_uninstall_idmap();
}

#endif
