/*
 * Data and instruction aborts. Only kernel faults exist so far: each is decoded the way
 * Linux prints it (ESR class, fault status by level) and ends in die().
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <asm/esr.h>
#include <asm/memory.h>
#include <asm/ptrace.h>

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

/* Entry from el1h_64_sync_handler for data and instruction aborts. */
void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	const char *msg = far < PAGE_SIZE ? "NULL pointer dereference" : "paging request";

	if (ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_CUR)
		msg = "execute";
	die_kernel_fault(msg, far, esr, regs);
}
