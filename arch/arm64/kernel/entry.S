/*
 * Exception vectors of EL1: each of the 16 entries saves a struct pt_regs on the stack
 * and calls its C handler in entry-common.c (named as Linux names them,
 * el1h_64_sync_handler and so on), then restores the registers and returns.
 *
 * From EL0 the frame is the whole user register set at the top of the task's kernel
 * stack (task_pt_regs), SP_EL0 is switched from the user's stack pointer to current,
 * and the C handler has done the return-to-user work (exit_to_user_mode) before
 * kernel_exit 0. Software PAN (CONFIG_ARM64_SW_TTBR0_PAN, on cpus without ARMv8.1 PAN,
 * e.g. cortex-a57): while the kernel runs, TTBR0 holds the empty reserved_pg_dir with ASID 0, so no stale user
 * translation can be used either; uaccess_ttbr0_enable installs the task's user table
 * for the length of a uaccess routine. An exception taken at EL1 records in the saved
 * SPSR's PAN bit whether user access was off, and restores that on return.
 */
#include <asm/assembler.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>
#include <asm/page-def.h>
#include <asm/pgtable-hwdef.h>

/* dst = this cpu's copy of the per-cpu variable sym. */
	.macro	ldr_this_cpu, dst, sym, tmp
	adr_l	\dst, \sym
	mrs	\tmp, tpidr_el1
	ldr	\dst, [\dst, \tmp]
	.endm

#ifdef CONFIG_ARM64_SW_TTBR0_PAN
/*
 * TTBR0 = reserved_pg_dir, ASID 0. reserved_pg_dir is the page before swapper_pg_dir
 * (vmlinux.lds.S), which TTBR1 holds once paging_init ran.
 */
	.macro	__uaccess_ttbr0_disable, tmp1
	mrs	\tmp1, ttbr1_el1
	sub	\tmp1, \tmp1, #PAGE_SIZE
	msr	ttbr0_el1, \tmp1
	isb
	.endm

/* TTBR0 = current's user table and ASID (thread_info.ttbr0). */
	.macro	__uaccess_ttbr0_enable, tmp1
	ldr	\tmp1, [tsk, #TSK_TI_TTBR0]
	msr	ttbr0_el1, \tmp1
	isb
	.endm

/* Branches to label unless software PAN is on (hardware PAN, or early boot). */
	.macro	if_no_sw_pan, tmp, label
	ldr_l	\tmp, arm64_sw_ttbr0_pan
	cbz	\tmp, \label
	.endm
#endif

	tsk	.req	x28		// current, in the entry code

	.macro	kernel_entry, el
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	.if	\el == 0
	mrs	x21, sp_el0
	ldr_this_cpu	tsk, __entry_task, x20
	msr	sp_el0, tsk
	mov	x20, #-1			// NO_SYSCALL until el0_svc says otherwise
	str	x20, [sp, #S_SYSCALLNO]
	.else
	add	x21, sp, #PT_REGS_SIZE
	mrs	tsk, sp_el0
	.endif
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
#ifdef CONFIG_ARM64_SW_TTBR0_PAN
	if_no_sw_pan	x20, 2f
	.if	\el != 0
	/* Record in the saved PAN bit whether user access was off (TTBR0 ASID 0). */
	mrs	x20, ttbr0_el1
	tst	x20, #TTBR_ASID_MASK
	orr	x23, x23, #PSR_PAN_BIT
	b.eq	1f
	and	x23, x23, #~PSR_PAN_BIT
	.endif
1:	__uaccess_ttbr0_disable	x20
2:
#endif
	stp	lr, x21, [sp, #S_LR]
	stp	x22, x23, [sp, #S_PC]
	.if	\el == 0
	stp	xzr, xzr, [sp, #S_STACKFRAME]
	.else
	stp	x29, x22, [sp, #S_STACKFRAME]
	.endif
	add	x29, sp, #S_STACKFRAME
	.endm

	.macro	kernel_exit, el
	ldp	x21, x22, [sp, #S_PC]
#ifdef CONFIG_ARM64_SW_TTBR0_PAN
	if_no_sw_pan	x23, 2f
	.if	\el != 0
	tbnz	x22, #22, 1f			// PSR_PAN_BIT: user access was off
	.endif
	__uaccess_ttbr0_enable	x23
1:
2:
#endif
	.if	\el == 0
	ldr	x23, [sp, #S_SP]
	msr	sp_el0, x23
	.endif
	msr	elr_el1, x21
	msr	spsr_el1, x22
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	lr, [sp, #S_LR]
	add	sp, sp, #PT_REGS_SIZE
	eret
	.endm

	.macro	kernel_ventry, el, ht, regsize, label
	.balign	128
	b	el\el\ht\()_\regsize\()_\label
	.endm

	.macro	entry_handler, el, ht, regsize, label
SYM_FUNC_START_LOCAL(el\el\ht\()_\regsize\()_\label)
	kernel_entry \el
	mov	x0, sp
	bl	el\el\ht\()_\regsize\()_\label\()_handler
	.if	\el == 0
	b	ret_to_user
	.else
	kernel_exit \el
	.endif
SYM_FUNC_END(el\el\ht\()_\regsize\()_\label)
	.endm

	.text
	.balign	2048
SYM_FUNC_START(vectors)
	kernel_ventry	1, t, 64, sync
	kernel_ventry	1, t, 64, irq
	kernel_ventry	1, t, 64, fiq
	kernel_ventry	1, t, 64, error
	kernel_ventry	1, h, 64, sync
	kernel_ventry	1, h, 64, irq
	kernel_ventry	1, h, 64, fiq
	kernel_ventry	1, h, 64, error
	kernel_ventry	0, t, 64, sync
	kernel_ventry	0, t, 64, irq
	kernel_ventry	0, t, 64, fiq
	kernel_ventry	0, t, 64, error
	kernel_ventry	0, t, 32, sync
	kernel_ventry	0, t, 32, irq
	kernel_ventry	0, t, 32, fiq
	kernel_ventry	0, t, 32, error
	.balign	128
SYM_FUNC_END(vectors)

	entry_handler	1, t, 64, sync
	entry_handler	1, t, 64, irq
	entry_handler	1, t, 64, fiq
	entry_handler	1, t, 64, error
	entry_handler	1, h, 64, sync
	entry_handler	1, h, 64, irq
	entry_handler	1, h, 64, fiq
	entry_handler	1, h, 64, error
	entry_handler	0, t, 64, sync
	entry_handler	0, t, 64, irq
	entry_handler	0, t, 64, fiq
	entry_handler	0, t, 64, error
	entry_handler	0, t, 32, sync
	entry_handler	0, t, 32, irq
	entry_handler	0, t, 32, fiq
	entry_handler	0, t, 32, error

/*
 * cpu_switch_to(prev, next): saves prev's callee-saved registers, sp and lr in
 * prev->thread.cpu_context, loads next's, and makes next current (SP_EL0). Returns prev
 * in x0, on next's stack.
 */
SYM_FUNC_START(cpu_switch_to)
	mov	x10, #THREAD_CPU_CONTEXT
	add	x8, x0, x10
	mov	x9, sp
	stp	x19, x20, [x8], #16
	stp	x21, x22, [x8], #16
	stp	x23, x24, [x8], #16
	stp	x25, x26, [x8], #16
	stp	x27, x28, [x8], #16
	stp	x29, x9, [x8], #16
	str	lr, [x8]
	add	x8, x1, x10
	ldp	x19, x20, [x8], #16
	ldp	x21, x22, [x8], #16
	ldp	x23, x24, [x8], #16
	ldp	x25, x26, [x8], #16
	ldp	x27, x28, [x8], #16
	ldp	x29, x9, [x8], #16
	ldr	lr, [x8]
	mov	sp, x9
	msr	sp_el0, x1
	ret
SYM_FUNC_END(cpu_switch_to)

/* Back to user space with the registers of the frame at sp (task_pt_regs). */
SYM_FUNC_START_LOCAL(ret_to_user)
	mrs	tsk, sp_el0
	kernel_exit 0
SYM_FUNC_END(ret_to_user)

/*
 * A new task's first instructions: finish the switch that brought it here
 * (schedule_tail, with prev in x0). A kernel thread runs fn(arg) from x19/x20; a kernel
 * thread's fn returns only after kernel_execve gave it a user context (kernel_init),
 * and a forked user task has x19 = 0: both go to user space with the frame at sp.
 */
SYM_FUNC_START(ret_from_fork)
	bl	schedule_tail
	cbz	x19, 1f
	mov	x0, x20
	blr	x19
1:	mov	x0, sp
	bl	asm_exit_to_user_mode
	b	ret_to_user
SYM_FUNC_END(ret_from_fork)
