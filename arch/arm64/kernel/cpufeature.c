/*
 * What the cpus can do, for the kernel and for user space (AT_HWCAP).
 *
 * Privileged Access Never: user memory stays out of the kernel's reach except inside
 * the uaccess routines. With ARMv8.1 PAN (e.g. -cpu max) the cpu enforces it; without
 * (cortex-a57) a kernel built with CONFIG_ARM64_SW_TTBR0_PAN runs with the empty
 * reserved_pg_dir in TTBR0 and installs the task's table only for a uaccess routine;
 * built without it, such a cpu has no PAN at all (Linux's default).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/uaccess.h>
#include <asm/pgtable.h>
#include <asm/irqflags.h>
#include <asm/elf.h>
#include <asm/hwcap.h>

#define ID_AA64MMFR1_PAN_SHIFT	20
/* MSR PAN, #imm: older assemblers lack the name. */
#define SET_PSTATE_PAN(x)	".inst 0xd500409f | (" #x " << 8)"

/*
 * Set by the boot cpu before any cpu can enter user space (all cpus of the machine are
 * alike): arm64_use_hw_pan when the cpu has PAN, arm64_sw_ttbr0_pan otherwise. Until
 * then entry.S leaves TTBR0 alone (the early tables are not swapper_pg_dir yet).
 */
u64 arm64_use_hw_pan;
#ifdef CONFIG_ARM64_SW_TTBR0_PAN
u64 arm64_sw_ttbr0_pan;
#endif

/* Every cpu, after paging_init, before it can run a user task. */
void cpu_enable_pan(void)
{
	u64 pan = (read_sysreg(id_aa64mmfr1_el1) >> ID_AA64MMFR1_PAN_SHIFT) & 0xf;

	if (!pan) {
		WARN_ON(arm64_use_hw_pan);
#ifdef CONFIG_ARM64_SW_TTBR0_PAN
		arm64_sw_ttbr0_pan = 1;
#endif
		return;
	}
	arm64_use_hw_pan = 1;
	/* SPAN clear: every exception taken to EL1 sets PSTATE.PAN. */
	write_sysreg(read_sysreg(sctlr_el1) & ~SCTLR_EL1_SPAN, sctlr_el1);
	isb();
	__asm__ __volatile__(SET_PSTATE_PAN(1) : : : "memory");
}

#ifdef CONFIG_ARM64_SW_TTBR0_PAN
/* Irqs off: the value read and the TTBR0 write must belong to the same ASID generation. */
void uaccess_ttbr0_enable(void)
{
	unsigned long flags;
	u64 ttbr0;

	if (!arm64_sw_ttbr0_pan)
		return;
	flags = arch_local_irq_save();
	ttbr0 = current_thread_info()->ttbr0;
	if (ttbr0) {
		write_sysreg(ttbr0, ttbr0_el1);
		isb();
	}
	arch_local_irq_restore(flags);
}

void uaccess_ttbr0_disable(void)
{
	if (!arm64_sw_ttbr0_pan)
		return;
	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	isb();
}
#endif

void uaccess_enable_privileged(void)
{
	if (!arm64_use_hw_pan) {
		uaccess_ttbr0_enable();
		return;
	}
	__asm__ __volatile__(SET_PSTATE_PAN(0) : : : "memory");
}

void uaccess_disable_privileged(void)
{
	if (!arm64_use_hw_pan) {
		uaccess_ttbr0_disable();
		return;
	}
	__asm__ __volatile__(SET_PSTATE_PAN(1) : : : "memory");
}

unsigned long elf_hwcap;

static unsigned int id_field(u64 reg, unsigned int shift)
{
	return (reg >> shift) & 0xf;
}

/*
 * Linux's arm64_elf_hwcaps, for the features that need nothing from the kernel. SVE,
 * pointer authentication and MTE are left out: their state is not switched here.
 */
void setup_elf_hwcaps(void)
{
	u64 isar0 = read_sysreg(id_aa64isar0_el1), pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned int fp = id_field(pfr0, 16), simd = id_field(pfr0, 20);
	unsigned long caps = 0;

	if (fp != 0xf)
		caps |= HWCAP_FP | (fp >= 1 ? HWCAP_FPHP : 0);
	if (simd != 0xf)
		caps |= HWCAP_ASIMD | (simd >= 1 ? HWCAP_ASIMDHP : 0);
	if (id_field(isar0, 4) >= 1)
		caps |= HWCAP_AES;
	if (id_field(isar0, 4) >= 2)
		caps |= HWCAP_PMULL;
	if (id_field(isar0, 8) >= 1)
		caps |= HWCAP_SHA1;
	if (id_field(isar0, 12) >= 1)
		caps |= HWCAP_SHA2;
	if (id_field(isar0, 12) >= 2)
		caps |= HWCAP_SHA512;
	if (id_field(isar0, 16) >= 1)
		caps |= HWCAP_CRC32;
	if (id_field(isar0, 20) >= 2)
		caps |= HWCAP_ATOMICS;
	if (id_field(isar0, 28) >= 1)
		caps |= HWCAP_ASIMDRDM;
	if (id_field(isar0, 32) >= 1)
		caps |= HWCAP_SHA3;
	if (id_field(isar0, 36) >= 1)
		caps |= HWCAP_SM3;
	if (id_field(isar0, 40) >= 1)
		caps |= HWCAP_SM4;
	if (id_field(isar0, 44) >= 1)
		caps |= HWCAP_ASIMDDP;
	elf_hwcap = caps;
}
