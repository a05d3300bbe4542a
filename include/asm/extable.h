/*
 * The exception table: for each instruction that may fault on a user address by design
 * (the loads and stores of the uaccess routines), where execution resumes instead of an
 * oops. Entries are PC-relative pairs, as Linux's (before 5.16 gave entries a type: our
 * fixup code sits in .text.fixup and does what the type would say).
 */
#ifndef _ASM_EXTABLE_H
#define _ASM_EXTABLE_H

#ifdef __ASSEMBLY__
	.macro	_asm_extable, insn, fixup
	.pushsection	__ex_table, "a"
	.balign	4
	.long	(\insn - .)
	.long	(\fixup - .)
	.popsection
	.endm
#else
#include <linux/types.h>

struct exception_table_entry {
	int insn, fixup;	/* offsets from the field itself */
};

#define _ASM_EXTABLE(insn, fixup)				\
	"	.pushsection	__ex_table, \"a\"\n"		\
	"	.balign	4\n"					\
	"	.long	(" #insn " - .)\n"				\
	"	.long	(" #fixup " - .)\n"				\
	"	.popsection\n"

struct pt_regs;
/* The entry for the instruction at addr, or NULL. */
const struct exception_table_entry *search_exception_tables(unsigned long addr);
/* If regs->pc has an entry, point regs->pc at its fixup and return true. */
bool fixup_exception(struct pt_regs *regs);
#endif

#endif
