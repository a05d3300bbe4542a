/*
 * Looking up the exception table (asm/extable.h) for a faulting kernel pc. The table
 * holds one entry per user-access instruction, in link order; it is searched linearly,
 * which is enough for its size (a few hundred entries) and for how rarely a uaccess
 * routine faults for good (a fault that handle_mm_fault resolves never gets here).
 */
#include <linux/kernel.h>
#include <asm/extable.h>
#include <asm/ptrace.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

static unsigned long ex_insn(const struct exception_table_entry *e)
{
	return (unsigned long)&e->insn + e->insn;
}

static unsigned long ex_fixup(const struct exception_table_entry *e)
{
	return (unsigned long)&e->fixup + e->fixup;
}

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++)
		if (ex_insn(e) == addr)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->pc);

	if (!e)
		return false;
	regs->pc = ex_fixup(e);
	return true;
}
