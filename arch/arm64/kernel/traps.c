/*
 * Reports of what went wrong in the kernel: die() with the registers and a backtrace,
 * ESR classes by name, and the handlers for exceptions nothing else claims.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/esr.h>
#include <asm/traps.h>
#include <asm/smp.h>
#include <asm/ptrace.h>
#include <asm/stacktrace.h>
#include <asm/sysreg.h>

static const char *const esr_class_str[64] = {
	[ESR_ELx_EC_UNKNOWN]		= "Unknown/Uncategorized",
	[0x01]				= "WFI/WFE",
	[0x03]				= "CP15 MCR/MRC",
	[0x04]				= "CP15 MCRR/MRRC",
	[0x05]				= "CP14 MCR/MRC",
	[0x06]				= "CP14 LDC/STC",
	[ESR_ELx_EC_FP_ASIMD]		= "ASIMD",
	[0x08]				= "CP10 MRC/VMRS",
	[0x09]				= "PAC",
	[0x0c]				= "CP14 MCRR/MRRC",
	[0x0d]				= "BTI",
	[ESR_ELx_EC_ILL]		= "PSTATE.IL",
	[0x11]				= "SVC (AArch32)",
	[0x12]				= "HVC (AArch32)",
	[0x13]				= "SMC (AArch32)",
	[ESR_ELx_EC_SVC64]		= "SVC (AArch64)",
	[0x16]				= "HVC (AArch64)",
	[0x17]				= "SMC (AArch64)",
	[ESR_ELx_EC_SYS64]		= "MSR/MRS (AArch64)",
	[0x19]				= "SVE",
	[0x1a]				= "ERET/ERETAA/ERETAB",
	[0x1c]				= "FPAC",
	[0x1f]				= "EL3 IMP DEF",
	[ESR_ELx_EC_IABT_LOW]		= "IABT (lower EL)",
	[ESR_ELx_EC_IABT_CUR]		= "IABT (current EL)",
	[ESR_ELx_EC_PC_ALIGN]		= "PC Alignment",
	[ESR_ELx_EC_DABT_LOW]		= "DABT (lower EL)",
	[ESR_ELx_EC_DABT_CUR]		= "DABT (current EL)",
	[ESR_ELx_EC_SP_ALIGN]		= "SP Alignment",
	[0x28]				= "FP (AArch32)",
	[0x2c]				= "FP (AArch64)",
	[ESR_ELx_EC_SERROR]		= "SError",
	[0x30]				= "Breakpoint (lower EL)",
	[0x31]				= "Breakpoint (current EL)",
	[0x32]				= "Software Step (lower EL)",
	[0x33]				= "Software Step (current EL)",
	[0x34]				= "Watchpoint (lower EL)",
	[0x35]				= "Watchpoint (current EL)",
	[0x38]				= "BKPT (AArch32)",
	[0x3a]				= "Vector catch (AArch32)",
	[ESR_ELx_EC_BRK64]		= "BRK (AArch64)",
};

const char *esr_get_class_string(unsigned long esr)
{
	const char *s = esr_class_str[ESR_ELx_EC(esr)];

	return s ? s : "UNRECOGNIZED EC";
}

static void show_pstate(u64 pstate)
{
	pr_emerg("pstate: %08llx (%c%c%c%c %c%c%c%c EL%llu%c)\n", (unsigned long long)pstate,
		 pstate & (1UL << 31) ? 'N' : 'n', pstate & (1UL << 30) ? 'Z' : 'z',
		 pstate & (1UL << 29) ? 'C' : 'c', pstate & (1UL << 28) ? 'V' : 'v',
		 pstate & PSR_D_BIT ? 'D' : 'd', pstate & PSR_A_BIT ? 'A' : 'a',
		 pstate & PSR_I_BIT ? 'I' : 'i', pstate & PSR_F_BIT ? 'F' : 'f',
		 (unsigned long long)(pstate >> 2) & 3, pstate & 1 ? 'h' : 't');
}

void show_regs(struct pt_regs *regs)
{
	dump_stack_print_info(KERN_EMERG);
	show_pstate(regs->pstate);
	pr_emerg("pc : %pS\n", (void *)regs->pc);
	pr_emerg("lr : %pS\n", (void *)regs->regs[30]);
	pr_emerg("sp : %016llx\n", (unsigned long long)regs->sp);
	for (int i = 29; i >= 0; i -= 2) {
		if (i == 0) {
			pr_emerg("x0 : %016llx\n", (unsigned long long)regs->regs[0]);
			break;
		}
		pr_emerg("x%-2d: %016llx x%-2d: %016llx\n", i, (unsigned long long)regs->regs[i],
			 i - 1, (unsigned long long)regs->regs[i - 1]);
	}
}

/* An oops: the kernel cannot finish what it was doing. */
void __noreturn die(const char *str, struct pt_regs *regs, unsigned long err)
{
	static int die_counter;

	oops_in_progress++;
	console_verbose();
	pr_emerg("Internal error: %s: %016lx [#%d] SMP\n", str, err, ++die_counter);
	show_regs(regs);
	dump_backtrace(regs, KERN_EMERG);
	panic("%s: Fatal exception", str);
}

static void esr_decode(unsigned long esr)
{
	pr_emerg("  ESR = 0x%016lx\n", esr);
	pr_emerg("  EC = 0x%02lx: %s, IL = %u bits\n", ESR_ELx_EC(esr),
		 esr_get_class_string(esr), (esr & ESR_ELx_IL) ? 32 : 16);
}

/* An exception no handler expects: name the vector and the syndrome, then die. */
void __noreturn __panic_unhandled(struct pt_regs *regs, const char *vector, unsigned long esr)
{
	console_verbose();
		pr_emerg("Unhandled %s exception on CPU%u, ESR 0x%016lx -- %s\n",
		 vector, raw_smp_processor_id(), esr, esr_get_class_string(esr));
	esr_decode(esr);
	pr_emerg("  FAR = 0x%016llx, ELR = 0x%016llx\n",
		 (unsigned long long)read_sysreg(far_el1), (unsigned long long)regs->pc);
	die("Oops - unhandled exception", regs, esr);
}

/* Undefined instructions and the like, taken in the kernel. */
void __noreturn do_el1_undef(struct pt_regs *regs, unsigned long esr)
{
	console_verbose();
		pr_emerg("Internal error: undefined instruction at %pS\n", (void *)regs->pc);
	esr_decode(esr);
	die("Oops - Undefined instruction", regs, esr);
}

/* Like Linux with show_unhandled_signals: a line for a fatal signal with no handler. */
static void arm64_show_signal(int signo, unsigned long esr, const char *str)
{
	struct task_struct *tsk = current;
	void __user *handler = tsk->sighand->action[signo - 1].sa.sa_handler;

	if (handler != SIG_DFL && handler != SIG_IGN)
		return;
	pr_info("%s[%d]: unhandled exception: %s, ESR 0x%016lx, %s at 0x%016llx\n",
		tsk->comm, tsk->pid, esr_get_class_string(esr), esr, str,
		(unsigned long long)current_pt_regs()->pc);
}

void arm64_force_sig_fault(int signo, int code, unsigned long far, unsigned long esr,
			   const char *str)
{
	current->thread.fault_address = far;
	current->thread.fault_code = esr;
	arm64_show_signal(signo, esr, str);
	if (signo == SIGKILL)
		force_sig(SIGKILL);
	else
		force_sig_fault(signo, code, (void __user *)far);
}
