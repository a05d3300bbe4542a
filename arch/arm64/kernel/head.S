/*
 * The kernel's first instructions: the arm64 Image header, then primary_entry, which runs
 * with the MMU off at whatever 2 MiB aligned physical address the loader chose.
 *
 * As in Linux: preserve_boot_args, init_kernel_el (EL2 -> EL1), create_idmap and
 * create_kernel_mapping (2 MiB blocks, in init_idmap_pg_dir and init_pg_dir),
 * __cpu_setup (MAIR, TCR), __primary_switch (MMU on, jump to the kernel's link address),
 * __primary_switched (vectors, stack, BSS) and start_kernel.
 * Until the MMU is on, only PC-relative addressing is used.
 */
#include <linux/const.h>
#include <asm/assembler.h>
#include <asm/early_uart.h>
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/sysreg.h>
#include <asm/smp.h>

/* Block attributes of the boot map: normal memory, RWX (paging_init tightens it). */
#define SWAPPER_MM_MMUFLAGS	(PMD_TYPE_SECT | PTE_AF | PTE_SHARED | PTE_ATTRINDX(MT_NORMAL) | PTE_UXN)
#define IDMAP_MM_MMUFLAGS	(PMD_TYPE_SECT | PTE_AF | PTE_SHARED | PTE_ATTRINDX(MT_NORMAL))

	.section ".head.text", "ax"
	.globl	_head
_head:
	b	primary_entry			// code0
	.long	0				// code1
	.quad	0				// text_offset: load at a 2 MiB aligned base
	.quad	_kernel_size_le			// image_size, including BSS
	.quad	_kernel_flags_le		// little endian, 4K pages, anywhere
	.quad	0				// res2
	.quad	0				// res3
	.quad	0				// res4
	.ascii	"ARM\x64"			// magic
	.long	0				// res5

	.text
/*
 * x0 = physical address of the device tree; x1-x3 = 0 (boot protocol).
 * Registers kept across the calls below: x19 = counter at entry, x20 = boot mode,
 * x21 = FDT address, x22 = physical address of _text.
 */
SYM_FUNC_START(primary_entry)
	mrs	x19, cntvct_el0
	mov	x21, x0
	bl	preserve_boot_args
	bl	init_kernel_el
	mov	x20, x0
	adrp	x22, _text
	bl	create_idmap
	bl	create_kernel_mapping
	bl	__cpu_setup
	b	__primary_switch
SYM_FUNC_END(primary_entry)

/* boot_args[] is read with the caches on: invalidate what the MMU-off stores bypassed. */
SYM_FUNC_START_LOCAL(preserve_boot_args)
	adr_l	x8, boot_args
	stp	x21, x1, [x8]
	stp	x2, x3, [x8, #16]
	dmb	sy
	dc	ivac, x8
	ret
SYM_FUNC_END(preserve_boot_args)

/*
 * Enter EL1 whatever the level we were started at. At EL2 (virtualization=on) the
 * hypervisor state is set so that EL1 owns the machine: AArch64 EL1, timers and the
 * GICv3 system registers reachable, no traps. Returns the boot mode in w0.
 */
SYM_FUNC_START_LOCAL(init_kernel_el)
	mrs	x0, CurrentEL
	cmp	x0, #CurrentEL_EL2
	b.eq	init_el2
	mov_q	x0, INIT_SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x0
	isb
	mov_q	x0, INIT_PSTATE_EL1
	msr	spsr_el1, x0
	msr	elr_el1, lr
	mov	w0, #BOOT_CPU_MODE_EL1
	eret

init_el2:
	mov_q	x0, HCR_RW
	msr	hcr_el2, x0
	isb
	mov	x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x0, 1f
	mrs	x0, ICC_SRE_EL2
	orr	x0, x0, #ICC_SRE_EL2_SRE
	orr	x0, x0, #ICC_SRE_EL2_ENABLE
	msr	ICC_SRE_EL2, x0
	isb
	msr	ICH_HCR_EL2, xzr
1:	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	msr	vttbr_el2, xzr
	mov	x0, #CPTR_EL2_DEFAULT
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	mrs	x0, pmcr_el0
	ubfx	x0, x0, #11, #5			// PMCR_EL0.N: EL1 keeps every counter
	msr	mdcr_el2, x0
	mov_q	x0, INIT_SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x0
	mov_q	x0, INIT_PSTATE_EL1
	msr	spsr_el2, x0
	msr	elr_el2, lr
	mov	w0, #BOOT_CPU_MODE_EL2
	eret
SYM_FUNC_END(init_kernel_el)

/*
 * Find or make the next-level table for \va in \tbl; on return \tbl is that table.
 * New tables come from [\pool, \end), which the caller zeroed; an empty pool stops the
 * boot (early_pgtable_overflow) rather than write past it.
 */
	.macro	next_level, tbl, va, shift, idx, ent, pool, end
	ubfx	\idx, \va, #\shift, #9
	ldr	\ent, [\tbl, \idx, lsl #3]
	cbnz	\ent, .Lhave\@
	cmp	\pool, \end
	b.hs	early_pgtable_overflow
	orr	\ent, \pool, #PMD_TYPE_TABLE
	str	\ent, [\tbl, \idx, lsl #3]
	add	\pool, \pool, #PAGE_SIZE
.Lhave\@:
	and	\tbl, \ent, #PTE_ADDR_MASK
	.endm

/*
 * map_range: x0 = level 0 table, x1 = start VA, x2 = end VA, x3 = start PA (all 2 MiB
 * aligned), x4 = block attributes, x5 = next free zeroed table (advanced), x10 = end of
 * the table pool. Clobbers x6-x8.
 */
SYM_FUNC_START_LOCAL(map_range)
1:	mov	x6, x0
	next_level x6, x1, PGDIR_SHIFT, x7, x8, x5, x10
	next_level x6, x1, PUD_SHIFT, x7, x8, x5, x10
	ubfx	x7, x1, #PMD_SHIFT, #9
	orr	x8, x3, x4
	str	x8, [x6, x7, lsl #3]
	add	x1, x1, #SWAPPER_BLOCK_SIZE
	add	x3, x3, #SWAPPER_BLOCK_SIZE
	cmp	x1, x2
	b.lo	1b
	ret
SYM_FUNC_END(map_range)

/*
 * The boot tables' pool ran out, or the image lies above what a 48-bit identity map
 * reaches: the linker script's ASSERT on INIT_DIR_SIZE should make the first impossible.
 * There is no console and no MMU, so the message goes straight to QEMU virt's UART
 * (Device memory while the MMU is off; a bus error elsewhere is no worse than silence),
 * then the cpu waits for interrupts forever, with them masked.
 */
SYM_FUNC_START_LOCAL(early_pgtable_overflow)
	adr_l	x0, early_pgtable_overflow_msg
	mov_q	x1, EARLY_UART_PHYS
1:	ldrb	w2, [x0], #1
	cbz	w2, 3f
2:	ldr	w3, [x1, #EARLY_UART_FR]
	tbnz	w3, #EARLY_UART_FR_TXFF_BIT, 2b
	str	w2, [x1, #EARLY_UART_DR]
	b	1b
3:	wfi
	b	3b
SYM_FUNC_END(early_pgtable_overflow)

	.pushsection .rodata, "a"
early_pgtable_overflow_msg:
	.ascii	"\r\nBoot page tables: the image does not fit the tables head.S can build "
	.asciz	"(INIT_DIR_SIZE, 48-bit identity map); halting.\r\n"
	.popsection

/* Zero [x0, x1) with the MMU off; both 64-byte aligned. */
SYM_FUNC_START_LOCAL(clear_tables)
1:	stp	xzr, xzr, [x0], #16
	stp	xzr, xzr, [x0], #16
	stp	xzr, xzr, [x0], #16
	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	1b
	ret
SYM_FUNC_END(clear_tables)

/* Discard cached copies of [x0, x1): the tables were written with the caches off. */
SYM_FUNC_START_LOCAL(inval_poc)
	dmb	sy
1:	dc	ivac, x0
	add	x0, x0, #64
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret
SYM_FUNC_END(inval_poc)

/* The identity map of the whole image, used for the instant the MMU turns on. */
SYM_FUNC_START_LOCAL(create_idmap)
	mov	x28, lr
	adrp	x0, init_idmap_pg_dir
	adrp	x1, init_idmap_pg_end
	bl	clear_tables
	adrp	x0, init_idmap_pg_dir
	add	x5, x0, #PAGE_SIZE
	adrp	x10, init_idmap_pg_end
	mov	x1, x22
	adrp	x2, _end
	mov_q	x9, SWAPPER_BLOCK_SIZE - 1
	add	x2, x2, x9
	bic	x2, x2, x9
	lsr	x9, x2, #VA_BITS		// above the identity map's reach?
	cbnz	x9, early_pgtable_overflow
	mov	x3, x22
	mov_q	x4, IDMAP_MM_MMUFLAGS
	bl	map_range
	adrp	x0, init_idmap_pg_dir
	adrp	x1, init_idmap_pg_end
	bl	inval_poc
	ret	x28
SYM_FUNC_END(create_idmap)

/* The image at its link address, KIMAGE_VADDR, in init_pg_dir (TTBR1). */
SYM_FUNC_START_LOCAL(create_kernel_mapping)
	mov	x28, lr
	adrp	x0, init_pg_dir
	adrp	x1, init_pg_end
	bl	clear_tables
	adrp	x0, init_pg_dir
	add	x5, x0, #PAGE_SIZE
	adrp	x10, init_pg_end
	ldr	x1, =_text
	ldr	x2, =_end
	mov_q	x9, SWAPPER_BLOCK_SIZE - 1
	add	x2, x2, x9
	bic	x2, x2, x9
	mov	x3, x22
	mov_q	x4, SWAPPER_MM_MMUFLAGS
	bl	map_range
	adrp	x0, init_pg_dir
	adrp	x1, init_pg_end
	bl	inval_poc
	ret	x28
SYM_FUNC_END(create_kernel_mapping)

/*
 * Per-cpu MMU set-up shared with the secondaries: MAIR, TCR (IPS from the cpu's
 * physical address range), FP/SIMD access. Returns the SCTLR_EL1 value in x0.
 */
SYM_FUNC_START(__cpu_setup)
	tlbi	vmalle1
	dsb	nsh
	mov	x1, #CPACR_EL1_FPEN
	msr	cpacr_el1, x1
	msr	mdscr_el1, xzr
	isb
	mov_q	x1, MAIR_EL1_SET
	msr	mair_el1, x1
	mov_q	x1, TCR_EL1_SET
	mrs	x2, id_aa64mmfr0_el1
	and	x2, x2, #ID_AA64MMFR0_PARANGE_MASK
	cmp	x2, #5				// more than 48 bits: we map 48
	mov	x3, #5
	csel	x2, x2, x3, ls
	bfi	x1, x2, #TCR_IPS_SHIFT, #3
	msr	tcr_el1, x1
	mov_q	x0, INIT_SCTLR_EL1_MMU_ON
	ret
SYM_FUNC_END(__cpu_setup)

/* x0 = SCTLR_EL1, x1 = TTBR1 table, x2 = TTBR0 table. Runs from the identity map. */
SYM_FUNC_START(__enable_mmu)
	msr	ttbr0_el1, x2
	msr	ttbr1_el1, x1
	isb
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ret
SYM_FUNC_END(__enable_mmu)

/*
 * void idmap_cpu_replace_ttbr1(phys_addr_t ttbr1, phys_addr_t reserved)
 * Called at its physical address, through the identity map in TTBR0 (init_idmap_pg_dir
 * covers the whole image): while TTBR1 holds the empty reserved table nothing can walk
 * the old kernel tables, so the TLB flush leaves no stale entry. No stack is used.
 */
SYM_FUNC_START(idmap_cpu_replace_ttbr1)
	mrs	x2, daif
	msr	daifset, #0xf
	msr	ttbr1_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	ttbr1_el1, x0
	isb
	msr	daif, x2
	ret
SYM_FUNC_END(idmap_cpu_replace_ttbr1)

SYM_FUNC_START_LOCAL(__primary_switch)
	adrp	x1, init_pg_dir
	adrp	x2, init_idmap_pg_dir
	bl	__enable_mmu
	ldr	x8, =__primary_switched
	br	x8
SYM_FUNC_END(__primary_switch)

/* Now at the link address: vectors, the init stack, BSS, then C. */
SYM_FUNC_START_LOCAL(__primary_switched)
	adr_l	x8, vectors
	msr	vbar_el1, x8
	isb
	adr_l	x0, __bss_start
	adr_l	x1, __bss_stop
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:	adr_l	x8, init_stack
	add	sp, x8, #THREAD_SIZE
	adr_l	x8, init_task		// current, before any C code reads it
	msr	sp_el0, x8
	mov	x29, xzr
	mov	x30, xzr
	str_l	x21, __fdt_pointer, x5
	ldr	x4, =_text
	sub	x4, x4, x22
	str_l	x4, kimage_voffset, x5
	str_l	w20, __boot_cpu_mode, x5
	str_l	x19, boot_counter, x5
	msr	tpidr_el1, xzr		// per-cpu offset 0: the static template, until setup_per_cpu_areas
	bl	start_kernel
	b	.
SYM_FUNC_END(__primary_switched)

/*
 * A secondary cpu's first instruction, at its physical address (PSCI CPU_ON's entry
 * point). The boot cpu's page tables are final by now: TTBR1 = swapper_pg_dir, with
 * the image's identity map in TTBR0 only until __secondary_switched runs at the link
 * address. secondary_data says which stack, task and logical number this cpu takes.
 */
SYM_FUNC_START(secondary_entry)
	bl	init_kernel_el
	mov	x20, x0
	bl	__cpu_setup
	adrp	x1, swapper_pg_dir
	adrp	x2, init_idmap_pg_dir
	bl	__enable_mmu
	ldr	x8, =__secondary_switched
	br	x8
SYM_FUNC_END(secondary_entry)

SYM_FUNC_START_LOCAL(__secondary_switched)
	adr_l	x8, vectors
	msr	vbar_el1, x8
	isb
	adr_l	x0, secondary_data
	/*
	 * A cpu that comes up after __cpu_up gave up on it finds no task (or, when the
	 * next cpu is already on its way, another cpu's data): it must not take that
	 * stack, so it parks unless secondary_data is for its own MPIDR.
	 */
	add	x2, x0, #SECONDARY_DATA_TASK
	ldar	x2, [x2]
	cbz	x2, __secondary_too_slow
	ldr	x3, [x0, #SECONDARY_DATA_CPU]
	adr_l	x4, __cpu_logical_map
	ldr	x4, [x4, x3, lsl #3]
	mrs	x5, mpidr_el1
	mov_q	x6, MPIDR_HWID_BITMASK
	and	x5, x5, x6
	cmp	x4, x5
	b.ne	__secondary_too_slow
	ldr	x1, [x0, #SECONDARY_DATA_STACK]
	mov	sp, x1
	msr	sp_el0, x2
	ldr	x0, [x0, #SECONDARY_DATA_CPU]
	mov	w1, w20
	mov	x29, xzr
	mov	x30, xzr
	bl	secondary_start_kernel
	b	.
SYM_FUNC_END(__secondary_switched)

/* Parked for good: the boot cpu has reported this cpu as failed to come online. */
SYM_FUNC_START_LOCAL(__secondary_too_slow)
	wfe
	wfi
	b	__secondary_too_slow
SYM_FUNC_END(__secondary_too_slow)

	.ltorg

/* Written with the MMU off, so kept out of BSS, which is cleared later. */
	.data
	.balign	64
	.globl	boot_args
boot_args:
	.quad	0, 0, 0, 0
	.balign	64
