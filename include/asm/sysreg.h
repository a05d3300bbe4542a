/* System register fields the kernel sets, and accessors for C. */
#ifndef _ASM_SYSREG_H
#define _ASM_SYSREG_H

#include <linux/const.h>

#define CurrentEL_EL1		(UL(1) << 2)
#define CurrentEL_EL2		(UL(2) << 2)

/* SCTLR_EL1 bits. RES1 are the bits ARMv8.0 defines as ones (LSMAOE, nTLSMD, EIS, TSCXT, EOS...). */
#define SCTLR_ELx_M		BIT(0)
#define SCTLR_ELx_C		BIT(2)
#define SCTLR_ELx_SA		BIT(3)
#define SCTLR_EL1_SA0		BIT(4)
#define SCTLR_EL1_SED		BIT(8)
#define SCTLR_ELx_I		BIT(12)
#define SCTLR_EL1_DZE		BIT(14)
#define SCTLR_EL1_UCT		BIT(15)
#define SCTLR_EL1_nTWE		BIT(18)
#define SCTLR_EL1_UCI		BIT(26)
#define SCTLR_EL1_SPAN		BIT(23)
#define SCTLR_EL1_RES1		(BIT(11) | BIT(20) | BIT(22) | BIT(23) | BIT(28) | BIT(29))

#define INIT_SCTLR_EL1_MMU_OFF	SCTLR_EL1_RES1
#define INIT_SCTLR_EL1_MMU_ON						\
	(SCTLR_EL1_RES1 | SCTLR_ELx_M | SCTLR_ELx_C | SCTLR_ELx_SA |	\
	 SCTLR_EL1_SA0 | SCTLR_EL1_SED | SCTLR_ELx_I | SCTLR_EL1_DZE |	\
	 SCTLR_EL1_UCT | SCTLR_EL1_nTWE | SCTLR_EL1_UCI)

/* PSTATE for entering EL1h with every exception masked. */
#define PSR_MODE_EL1h		0x5
#define PSR_MODE_EL0t		0x0
#define PSR_F_BIT		BIT(6)
#define PSR_MODE_MASK		0xf
#define PSR_SS_BIT		BIT(21)
#define PSR_PAN_BIT		BIT(22)
#define PSR_V_BIT		BIT(28)
#define PSR_C_BIT		BIT(29)
#define PSR_Z_BIT		BIT(30)
#define PSR_N_BIT		BIT(31)
#define PSR_I_BIT		BIT(7)
#define PSR_A_BIT		BIT(8)
#define PSR_D_BIT		BIT(9)
#define INIT_PSTATE_EL1		(PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT | PSR_MODE_EL1h)

/* HCR_EL2.RW: EL1 runs AArch64. */
#define HCR_RW			BIT(31)
/* CNTHCTL_EL2: EL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL1PCTEN	BIT(0)
#define CNTHCTL_EL1PCEN		BIT(1)
/* CPTR_EL2 with nothing trapped (the RES1 bits). */
#define CPTR_EL2_DEFAULT	0x33ff
/* CPACR_EL1.FPEN: FP/SIMD usable at EL0 and EL1 (user space needs it). */
#define CPACR_EL1_FPEN		(UL(3) << 20)

/* GICv3 system register interface, by encoding (the assembler needs no GICv3 support). */
#define ICC_SRE_EL2		S3_4_C12_C9_5
#define ICH_HCR_EL2		S3_4_C12_C11_0
#define ICC_SRE_EL2_SRE		BIT(0)
#define ICC_SRE_EL2_ENABLE	BIT(3)

#define ID_AA64PFR0_GIC_SHIFT	24
#define ID_AA64MMFR0_PARANGE_MASK 0x7

#ifndef __ASSEMBLY__
#include <linux/types.h>

#define read_sysreg(r) ({						\
	u64 __val;							\
	__asm__ __volatile__("mrs %0, " __stringify(r) : "=r" (__val));	\
	__val;								\
})

#define write_sysreg(v, r) do {						\
	u64 __val = (u64)(v);						\
	__asm__ __volatile__("msr " __stringify(r) ", %x0" : : "rZ" (__val)); \
} while (0)

#define isb()		__asm__ __volatile__("isb" : : : "memory")
#define dsb(opt)	__asm__ __volatile__("dsb " #opt : : : "memory")
#define dmb(opt)	__asm__ __volatile__("dmb " #opt : : : "memory")
#define wfi()		__asm__ __volatile__("wfi" : : : "memory")
#define wfe()		__asm__ __volatile__("wfe" : : : "memory")
#define cpu_relax()	__asm__ __volatile__("yield" : : : "memory")
#endif

#endif
