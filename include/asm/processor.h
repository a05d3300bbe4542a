/*
 * The user half of the address space and a task's architectural user state: TASK_SIZE
 * (48-bit TTBR0 addresses), where mmap and the stack go, and the registers a new
 * program starts with (start_thread).
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <linux/const.h>

#define TASK_SIZE		(UL(1) << 48)
#define TASK_SIZE_MAX		TASK_SIZE
#define STACK_TOP_MAX		TASK_SIZE
#define STACK_TOP		STACK_TOP_MAX
/* The legacy bottom-up mmap base, and the lowest address mmap hands out. */
#define TASK_UNMAPPED_BASE	(PAGE_ALIGN(TASK_SIZE / 4))
#define ELF_ET_DYN_BASE		(2 * TASK_SIZE / 3)

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/string.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>

/* A program's first registers: pc, sp, EL0t with interrupts unmasked, all else zero. */
static inline void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->syscallno = -1;
	regs->pstate = PSR_MODE_EL0t;
	regs->pc = pc;
	regs->sp = sp;
}
#endif

#endif
