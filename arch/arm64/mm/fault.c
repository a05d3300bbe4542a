/*
 * Data and instruction aborts (Linux's arch/arm64/mm/fault.c). do_mem_abort looks the
 * fault status code (ESR's FSC) up in fault_info[], Linux's table: translation faults
 * on user addresses, access flag and permission faults go to do_page_fault (find_vma,
 * the access checked against the VMA, handle_mm_fault); what cannot be resolved is
 * SIGSEGV (SEGV_MAPERR: nothing mapped, SEGV_ACCERR: not allowed) or SIGBUS for user
 * space, and the exception table's fixup for the kernel. Other codes give the table's
 * signal (alignment: SIGBUS BUS_ADRALN; external aborts: SIGBUS BUS_OBJERR; the rest
 * SIGKILL) or, in the kernel, Linux's oops report. The signal frame gets the fault
 * address and the ESR, sanitised for kernel addresses as set_thread_esr does.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <asm/esr.h>
#include <asm/extable.h>
#include <asm/memory.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

void __noreturn die(const char *str, struct pt_regs *regs, unsigned long err);

/*
 * struct fault_info - what a fault status code means and who handles it
 * @fn: the handler; nonzero when it could not, and the signal (or oops) below is due
 * @sig, @code: the signal for user space when @fn fails
 * @name: the Arm ARM's name, as Linux prints it
 */
struct fault_info {
	int (*fn)(unsigned long far, unsigned long esr, struct pt_regs *regs);
	int sig;
	int code;
	const char *name;
};

static const struct fault_info fault_info[];

static const struct fault_info *esr_to_fault_info(unsigned long esr)
{
	return fault_info + ESR_ELx_FSC(esr);
}

static void mem_abort_decode(unsigned long esr)
{
	pr_alert("Mem abort info:\n");
	pr_alert("  ESR = 0x%016lx\n", esr);
	pr_alert("  EC = 0x%02lx: %s, IL = %u bits\n", ESR_ELx_EC(esr),
		 esr_get_class_string(esr), (esr & ESR_ELx_IL) ? 32 : 16);
	pr_alert("  SET = %lu, FnV = %lu\n", ESR_ELx_SET(esr), (esr & ESR_ELx_FnV) ? 1UL : 0UL);
	pr_alert("  EA = %lu, S1PTW = %lu\n", (esr & ESR_ELx_EA) ? 1UL : 0UL,
		 (esr & ESR_ELx_S1PTW) ? 1UL : 0UL);
	pr_alert("  FSC = 0x%02lx: %s\n", ESR_ELx_FSC(esr), esr_to_fault_info(esr)->name);
	if (ESR_ELx_EC(esr) == ESR_ELx_EC_DABT_CUR || ESR_ELx_EC(esr) == ESR_ELx_EC_DABT_LOW) {
		pr_alert("Data abort info:\n");
		pr_alert("  ISV = %lu, ISS = 0x%08lx\n", (esr & ESR_ELx_ISV) ? 1UL : 0UL,
			 ESR_ELx_ISS(esr));
		pr_alert("  CM = %lu, WnR = %lu\n", (esr & ESR_ELx_CM) ? 1UL : 0UL,
			 (esr & ESR_ELx_WNR) ? 1UL : 0UL);
	}
}

static void __noreturn die_kernel_fault(const char *msg, unsigned long addr,
					unsigned long esr, struct pt_regs *regs)
{
	/* Linux raises the level only in die(); here the whole report shows. */
	console_verbose();
	pr_alert("Unable to handle kernel %s at virtual address %016lx\n", msg, addr);
	mem_abort_decode(esr);
	die("Oops", regs, esr);
}

/* A kernel fault nothing resolved: the uaccess fixup, else Linux's oops report. */
static void __do_kernel_fault(unsigned long addr, unsigned long esr, struct pt_regs *regs)
{
	const char *msg;

	if (fixup_exception(regs))
		return;
	if (ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_CUR)
		msg = "execute";
	else
		msg = addr < PAGE_SIZE ? "NULL pointer dereference" : "paging request";
	die_kernel_fault(msg, addr, esr, regs);
}

static bool is_el0_instruction_abort(unsigned long esr)
{
	return ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_LOW;
}

/* A write, not a cache maintenance operation (CM): the same test as Linux's. */
static bool is_write_abort(unsigned long esr)
{
	return !(esr & ESR_ELx_CM) && (esr & ESR_ELx_WNR);
}

static bool is_ttbr0_addr(unsigned long addr)
{
	return addr < TASK_SIZE;
}

/*
 * The fault address and ESR the signal frame will carry. For a kernel address user
 * space learns nothing of the kernel's mappings: the ESR says "level 0 translation
 * fault" whatever the real cause was, keeping only the access's direction (Linux's
 * set_thread_esr).
 */
static unsigned long thread_esr(unsigned long addr, unsigned long esr)
{
	if (is_ttbr0_addr(addr))
		return esr;
	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_LOW:
		return (esr & (ESR_ELx_EC_MASK | ESR_ELx_IL | ESR_ELx_CM | ESR_ELx_WNR)) |
		       ESR_ELx_FSC_FAULT;
	case ESR_ELx_EC_IABT_LOW:
		return (esr & (ESR_ELx_EC_MASK | ESR_ELx_IL)) | ESR_ELx_FSC_FAULT;
	}
	/* Only aborts from EL0 get here: no ESR record rather than a wrong one. */
	WARN_ON_ONCE(1);
	return 0;
}

/* A fault nothing can resolve: the table's signal for user space, else the kernel's. */
static void do_bad_area(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	const struct fault_info *inf = esr_to_fault_info(esr);

	if (!user_mode(regs)) {
		__do_kernel_fault(far, esr, regs);
		return;
	}
	arm64_force_sig_fault(inf->sig, inf->code, far, thread_esr(far, esr), inf->name);
}

/* __do_page_fault's refusals, beside handle_mm_fault's VM_FAULT_* bits. */
#define VM_FAULT_BADMAP		0x010000	/* no VMA there: SEGV_MAPERR */
#define VM_FAULT_BADACCESS	0x020000	/* the VMA forbids it: SEGV_ACCERR */

static unsigned int __do_page_fault(struct mm_struct *mm, unsigned long addr,
				    unsigned int mm_flags, unsigned long vm_flags,
				    struct pt_regs *regs)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma)
		return VM_FAULT_BADMAP;
	/* Below a stack: it grows, keeping stack_guard_gap from the VMA under it. */
	if (vma->vm_start > addr) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr))
			return VM_FAULT_BADMAP;
	}
	if (!(vma->vm_flags & vm_flags))
		return VM_FAULT_BADACCESS;
	return handle_mm_fault(vma, addr, mm_flags, regs);
}

/* The signal for a user fault do_page_fault could not resolve. */
static void do_user_fault_signal(unsigned int fault, unsigned long far, unsigned long esr)
{
	const char *name = esr_to_fault_info(esr)->name;

	esr = thread_esr(far, esr);
	if (fault & VM_FAULT_SIGBUS)
		arm64_force_sig_fault(SIGBUS, BUS_ADRERR, far, esr, name);
	else
		arm64_force_sig_fault(SIGSEGV, fault == VM_FAULT_BADACCESS ? SEGV_ACCERR :
				      SEGV_MAPERR, far, esr, name);
}

static int do_page_fault(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = VM_ACCESS_FLAGS;
	unsigned int mm_flags = 0, fault;

	/* Hardware PAN caught the kernel touching user memory: always a bug. */
	if (is_ttbr0_addr(far) && !user_mode(regs) &&
	    (ESR_ELx_FSC(esr) & ESR_ELx_FSC_TYPE) == ESR_ELx_FSC_PERM) {
		if (ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_CUR)
			die_kernel_fault("execution of user memory", far, esr, regs);
		if (!search_exception_tables(regs->pc))
			die_kernel_fault("access to user memory outside uaccess routines",
					 far, esr, regs);
	}
	/* Atomic context, no user mm, or a kernel access outside uaccess: no fault handling. */
	if (in_atomic() || !mm || (!user_mode(regs) && !search_exception_tables(regs->pc)))
		goto no_context;
	if (user_mode(regs))
		mm_flags |= FAULT_FLAG_USER;
	if (is_el0_instruction_abort(esr)) {
		vm_flags = VM_EXEC;
		mm_flags |= FAULT_FLAG_INSTRUCTION;
	} else if (is_write_abort(esr)) {
		vm_flags = VM_WRITE;
		mm_flags |= FAULT_FLAG_WRITE;
	}
	mmap_read_lock(mm);
	fault = __do_page_fault(mm, far, mm_flags, vm_flags, regs);
	mmap_read_unlock(mm);
	if (likely(!(fault & (VM_FAULT_ERROR | VM_FAULT_BADMAP | VM_FAULT_BADACCESS))))
		return 0;
	if (!user_mode(regs))
		goto no_context;
	if (fault & VM_FAULT_OOM) {
		/* The allocator ran the OOM killer; a killed task dies on the way out. */
		pagefault_out_of_memory();
		return 0;
	}
	do_user_fault_signal(fault, far, esr);
	return 0;
no_context:
	__do_kernel_fault(far, esr, regs);
	return 0;
}

/* Translation faults: user addresses may be mapped on demand, others never are. */
static int do_translation_fault(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	if (is_ttbr0_addr(far))
		return do_page_fault(far, esr, regs);
	do_bad_area(far, esr, regs);
	return 0;
}

static int do_alignment_fault(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	do_bad_area(far, esr, regs);
	return 0;
}

/* Nothing to do: the table's signal, or the kernel's oops. */
static int do_bad(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	return 1;
}

/* Synchronous external abort: the address only when the FAR is valid (not FnV). */
static int do_sea(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	const struct fault_info *inf = esr_to_fault_info(esr);

	if (!user_mode(regs))
		die_kernel_fault(inf->name, far, esr, regs);
	arm64_force_sig_fault(inf->sig, inf->code, (esr & ESR_ELx_FnV) ? 0 : far, esr,
			      inf->name);
	return 0;
}

#define UNKNOWN_FSC(n)	{ do_bad, SIGKILL, SI_KERNEL, "unknown " #n }

static const struct fault_info fault_info[] = {
	{ do_bad,		SIGKILL, SI_KERNEL,	"ttbr address size fault" },
	{ do_bad,		SIGKILL, SI_KERNEL,	"level 1 address size fault" },
	{ do_bad,		SIGKILL, SI_KERNEL,	"level 2 address size fault" },
	{ do_bad,		SIGKILL, SI_KERNEL,	"level 3 address size fault" },
	{ do_translation_fault,	SIGSEGV, SEGV_MAPERR,	"level 0 translation fault" },
	{ do_translation_fault,	SIGSEGV, SEGV_MAPERR,	"level 1 translation fault" },
	{ do_translation_fault,	SIGSEGV, SEGV_MAPERR,	"level 2 translation fault" },
	{ do_translation_fault,	SIGSEGV, SEGV_MAPERR,	"level 3 translation fault" },
	UNKNOWN_FSC(8),
	{ do_page_fault,	SIGSEGV, SEGV_ACCERR,	"level 1 access flag fault" },
	{ do_page_fault,	SIGSEGV, SEGV_ACCERR,	"level 2 access flag fault" },
	{ do_page_fault,	SIGSEGV, SEGV_ACCERR,	"level 3 access flag fault" },
	UNKNOWN_FSC(12),
	{ do_page_fault,	SIGSEGV, SEGV_ACCERR,	"level 1 permission fault" },
	{ do_page_fault,	SIGSEGV, SEGV_ACCERR,	"level 2 permission fault" },
	{ do_page_fault,	SIGSEGV, SEGV_ACCERR,	"level 3 permission fault" },
	{ do_sea,		SIGBUS,  BUS_OBJERR,	"synchronous external abort" },
	/* No MTE here: a tag check fault cannot happen, and is reported if it does. */
	{ do_bad,		SIGSEGV, SEGV_MTESERR,	"synchronous tag check fault" },
	UNKNOWN_FSC(18), UNKNOWN_FSC(19),
	{ do_sea,		SIGKILL, SI_KERNEL,	"level 0 (translation table walk)" },
	{ do_sea,		SIGKILL, SI_KERNEL,	"level 1 (translation table walk)" },
	{ do_sea,		SIGKILL, SI_KERNEL,	"level 2 (translation table walk)" },
	{ do_sea,		SIGKILL, SI_KERNEL,	"level 3 (translation table walk)" },
	{ do_sea,		SIGBUS,  BUS_OBJERR,	"synchronous parity or ECC error" },
	UNKNOWN_FSC(25), UNKNOWN_FSC(26), UNKNOWN_FSC(27),
	{ do_sea, SIGKILL, SI_KERNEL, "level 0 synchronous parity error (translation table walk)" },
	{ do_sea, SIGKILL, SI_KERNEL, "level 1 synchronous parity error (translation table walk)" },
	{ do_sea, SIGKILL, SI_KERNEL, "level 2 synchronous parity error (translation table walk)" },
	{ do_sea, SIGKILL, SI_KERNEL, "level 3 synchronous parity error (translation table walk)" },
	UNKNOWN_FSC(32),
	{ do_alignment_fault,	SIGBUS,  BUS_ADRALN,	"alignment fault" },
	UNKNOWN_FSC(34), UNKNOWN_FSC(35), UNKNOWN_FSC(36), UNKNOWN_FSC(37), UNKNOWN_FSC(38),
	UNKNOWN_FSC(39), UNKNOWN_FSC(40), UNKNOWN_FSC(41), UNKNOWN_FSC(42), UNKNOWN_FSC(43),
	UNKNOWN_FSC(44), UNKNOWN_FSC(45), UNKNOWN_FSC(46), UNKNOWN_FSC(47),
	{ do_bad,		SIGKILL, SI_KERNEL,	"TLB conflict abort" },
	{ do_bad,		SIGKILL, SI_KERNEL,	"Unsupported atomic hardware update fault" },
	UNKNOWN_FSC(50), UNKNOWN_FSC(51),
	{ do_bad,		SIGKILL, SI_KERNEL,	"implementation fault (lockdown abort)" },
	{ do_bad,		SIGBUS,  BUS_OBJERR,	"implementation fault (unsupported exclusive)" },
	UNKNOWN_FSC(54), UNKNOWN_FSC(55), UNKNOWN_FSC(56), UNKNOWN_FSC(57), UNKNOWN_FSC(58),
	UNKNOWN_FSC(59), UNKNOWN_FSC(60),
	{ do_bad,		SIGKILL, SI_KERNEL,	"section domain fault" },
	{ do_bad,		SIGKILL, SI_KERNEL,	"page domain fault" },
	UNKNOWN_FSC(63),
};

_Static_assert(ARRAY_SIZE(fault_info) == 64, "one fault_info per fault status code");

/* Entry from the el0 and el1h sync handlers for data and instruction aborts. */
void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	const struct fault_info *inf = esr_to_fault_info(esr);

	if (!inf->fn(far, esr, regs))
		return;
	if (!user_mode(regs))
		die_kernel_fault(inf->name, far, esr, regs);
	/* arm64_notify_die: no fault address in the frame for an unrecognised fault. */
	arm64_force_sig_fault(inf->sig, inf->code, far, esr, inf->name);
	current->thread.fault_address = 0;
}
