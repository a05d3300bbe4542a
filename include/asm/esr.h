/* Exception Syndrome Register: the class of an exception and its details. */
#ifndef _ASM_ESR_H
#define _ASM_ESR_H

#define ESR_ELx_EC_SHIFT	26
#define ESR_ELx_EC_MASK		(0x3fUL << ESR_ELx_EC_SHIFT)
#define ESR_ELx_EC(esr)		(((esr) >> ESR_ELx_EC_SHIFT) & 0x3f)
#define ESR_ELx_IL		(1UL << 25)
#define ESR_ELx_ISS(esr)	((esr) & 0x1ffffff)

#define ESR_ELx_EC_UNKNOWN	0x00
#define ESR_ELx_EC_FP_ASIMD	0x07
#define ESR_ELx_EC_ILL		0x0e
#define ESR_ELx_EC_SVC64	0x15
#define ESR_ELx_EC_SYS64	0x18
#define ESR_ELx_EC_IABT_LOW	0x20
#define ESR_ELx_EC_IABT_CUR	0x21
#define ESR_ELx_EC_PC_ALIGN	0x22
#define ESR_ELx_EC_DABT_LOW	0x24
#define ESR_ELx_EC_DABT_CUR	0x25
#define ESR_ELx_EC_SP_ALIGN	0x26
#define ESR_ELx_EC_SERROR	0x2f
#define ESR_ELx_EC_BREAKPT_LOW	0x30
#define ESR_ELx_EC_SOFTSTP_LOW	0x32
#define ESR_ELx_EC_WATCHPT_LOW	0x34
#define ESR_ELx_EC_BRK64	0x3c

/* Data and instruction aborts. */
#define ESR_ELx_FSC(esr)	((esr) & 0x3f)
#define ESR_ELx_WNR		(1UL << 6)
#define ESR_ELx_S1PTW		(1UL << 7)
#define ESR_ELx_CM		(1UL << 8)
#define ESR_ELx_EA		(1UL << 9)
#define ESR_ELx_FnV		(1UL << 10)
#define ESR_ELx_SET(esr)	(((esr) >> 11) & 3)
#define ESR_ELx_ISV		(1UL << 24)

#define ESR_ELx_FSC_TYPE	0x3c
#define ESR_ELx_FSC_FAULT	0x04
#define ESR_ELx_FSC_ACCESS	0x08
#define ESR_ELx_FSC_PERM	0x0c

#ifndef __ASSEMBLY__
const char *esr_get_class_string(unsigned long esr);
#endif

#endif
