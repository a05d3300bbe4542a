/*
 * Data and instruction aborts (Linux's arch/arm64/mm/fault.c). A fault on a user
 * address, from user space or from a uaccess routine, goes to do_page_fault: find_vma,
 * the access checked against the VMA, then handle_mm_fault; what cannot be resolved is
 * SIGSEGV (SEGV_MAPERR: nothing mapped, SEGV_ACCERR: not allowed) or SIGBUS for user
 * space, and the exception table's fixup for the kernel. Any other kernel fault is
 * decoded the way Linux prints it (ESR class, fault status by level) and ends in die().
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

/* Fault status codes (DFSC/IFSC), named as the Arm ARM and Linux's fault_info[] name them. */
static const char *fault_name(unsigned int fsc, char *buf, size_t size)
{
	static const char *const level_kind[] = {
		"address size fault", "translation fault", "access flag fault", "permission fault",
	};

	if (fsc == 0)
		return "ttbr address size fault";
	if (fsc < 16 && fsc != 8 && fsc != 12) {
		scnprintf(buf, size, "level %u %s", fsc & 3, level_kind[fsc >> 2]);
		return buf;
	}
	if (fsc >= 0x14 && fsc <= 0x17) {
		scnprintf(buf, size, "level %u (translation table walk)", fsc & 3);
		return buf;
	}
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x11: return "synchronous tag check fault";
	case 0x18: return "synchronous parity or ECC error";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	case 0x31: return "Unsupported atomic hardware update fault";
	case 0x34: return "implementation fault (lockdown abort)";
	case 0x35: return "implementation fault (unsupported exclusive)";
	}
	scnprintf(buf, size, "unknown %u", fsc);
	return buf;
}

static void mem_abort_decode(unsigned long esr)
{
	char name[48];

	pr_alert("Mem abort info:\n");
	pr_alert("  ESR = 0x%016lx\n", esr);
	pr_alert("  EC = 0x%02lx: %s, IL = %u bits\n", ESR_ELx_EC(esr),
		 esr_get_class_string(esr), (esr & ESR_ELx_IL) ? 32 : 16);
	pr_alert("  SET = %lu, FnV = %lu\n", ESR_ELx_SET(esr), (esr & ESR_ELx_FnV) ? 1UL : 0UL);
	pr_alert("  EA = %lu, S1PTW = %lu\n", (esr & ESR_ELx_EA) ? 1UL : 0UL,
		 (esr & ESR_ELx_S1PTW) ? 1UL : 0UL);
	pr_alert("  FSC = 0x%02lx: %s\n", ESR_ELx_FSC(esr),
		 fault_name(ESR_ELx_FSC(esr), name, sizeof(name)));
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

static bool is_translation_or_permission_fault(unsigned long esr)
{
	unsigned long fsc = ESR_ELx_FSC(esr);

	return fsc <= 0x0f && fsc >= 0x04;	/* translation, access flag, permission */
}

/* Returns 0 or the VM_FAULT_* bits; *code: SEGV_MAPERR or SEGV_ACCERR for a refusal. */
static unsigned int __do_page_fault(struct mm_struct *mm, unsigned long addr,
				    unsigned int mm_flags, unsigned long vm_flags,
				    struct pt_regs *regs, int *code)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	*code = SEGV_MAPERR;
	if (!vma)
		return VM_FAULT_SIGSEGV;
	if (vma->vm_start > addr) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr))
			return VM_FAULT_SIGSEGV;
	}
	*code = SEGV_ACCERR;
	if (!(vma->vm_flags & vm_flags))
		return VM_FAULT_SIGSEGV;
	return handle_mm_fault(vma, addr, mm_flags, regs);
}

static void do_page_fault(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = VM_ACCESS_FLAGS;
	unsigned int mm_flags = 0, fault = VM_FAULT_SIGSEGV;
	int code = SEGV_MAPERR;

	/* Hardware PAN caught the kernel touching user memory: always a bug. */
	if (!user_mode(regs) && (ESR_ELx_FSC(esr) & 0x3c) == 0x0c) {
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
	fault = __do_page_fault(mm, far, mm_flags, vm_flags, regs, &code);
	mmap_read_unlock(mm);
	if (!(fault & VM_FAULT_ERROR))
		return;
no_context:
	if (!user_mode(regs)) {
		__do_kernel_fault(far, esr, regs);
		return;
	}
	if (fault & VM_FAULT_OOM) {
		/* The allocator ran the OOM killer; a killed task dies on the way out. */
		pagefault_out_of_memory();
	} else if (fault & VM_FAULT_SIGBUS) {
		arm64_force_sig_fault(SIGBUS, BUS_ADRERR, far, esr, "unhandled bus error");
	} else {
		arm64_force_sig_fault(SIGSEGV, code, far, esr,
				      code == SEGV_ACCERR ? "permission fault" : "page fault");
	}
}

/* Entry from the el0 and el1h sync handlers for data and instruction aborts. */
void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	if (far < TASK_SIZE && is_translation_or_permission_fault(esr)) {
		do_page_fault(far, esr, regs);
		return;
	}
	if (user_mode(regs)) {
		arm64_force_sig_fault(SIGSEGV, SEGV_MAPERR, far, esr, "bad address");
		return;
	}
	__do_kernel_fault(far, esr, regs);
}
