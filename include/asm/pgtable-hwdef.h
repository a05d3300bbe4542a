/*
 * Translation table formats of the 4 KiB granule, 48-bit VA, 4 levels:
 * PGD (level 0, 512 GiB per entry), PUD (1, 1 GiB), PMD (2, 2 MiB), PTE (3, 4 KiB).
 */
#ifndef _ASM_PGTABLE_HWDEF_H
#define _ASM_PGTABLE_HWDEF_H

#include <linux/const.h>
#include <asm/page-def.h>
#ifndef __ASSEMBLY__
#include <asm/pgtable-types.h>
#endif

#define VA_BITS			48
#define PTRS_PER_PTE		512
#define PTRS_PER_PMD		512
#define PTRS_PER_PUD		512
#define PTRS_PER_PGD		512

#define PMD_SHIFT		21
#define PUD_SHIFT		30
#define PGDIR_SHIFT		39
#define PMD_SIZE		(_AC(1, UL) << PMD_SHIFT)
#define PMD_MASK		(~(PMD_SIZE - 1))
#define PUD_SIZE		(_AC(1, UL) << PUD_SHIFT)
#define PUD_MASK		(~(PUD_SIZE - 1))
#define PGDIR_SIZE		(_AC(1, UL) << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))

/* Contiguous hint: 16 adjacent entries of a table, aligned, may share one TLB entry. */
#define CONT_PTE_SHIFT		(PAGE_SHIFT + 4)
#define CONT_PTES		(1 << (CONT_PTE_SHIFT - PAGE_SHIFT))
#define CONT_PTE_SIZE		(_AC(1, UL) << CONT_PTE_SHIFT)
#define CONT_PTE_MASK		(~(CONT_PTE_SIZE - 1))
#define CONT_PMD_SHIFT		(PMD_SHIFT + 4)
#define CONT_PMDS		(1 << (CONT_PMD_SHIFT - PMD_SHIFT))
#define CONT_PMD_SIZE		(_AC(1, UL) << CONT_PMD_SHIFT)
#define CONT_PMD_MASK		(~(CONT_PMD_SIZE - 1))

/* The boot map uses 2 MiB blocks: the image is mapped at this granule before paging_init. */
#define SWAPPER_BLOCK_SHIFT	PMD_SHIFT
#define SWAPPER_BLOCK_SIZE	PMD_SIZE

/* Descriptor type bits [1:0]. */
#define PTE_VALID		(_AT(pteval_t, 1) << 0)
#define PTE_TYPE_MASK		(_AT(pteval_t, 3) << 0)
#define PTE_TYPE_PAGE		(_AT(pteval_t, 3) << 0)
#define PTE_TABLE_BIT		(_AT(pteval_t, 1) << 1)
#define PMD_TYPE_TABLE		(_AT(pmdval_t, 3) << 0)
#define PMD_TYPE_SECT		(_AT(pmdval_t, 1) << 0)
#define PUD_TYPE_TABLE		(_AT(pudval_t, 3) << 0)
#define PUD_TYPE_SECT		(_AT(pudval_t, 1) << 0)
#define PGD_TYPE_TABLE		(_AT(pgdval_t, 3) << 0)

/* Hierarchical attributes of table descriptors: nothing below is executable at EL1/EL0. */
#define PMD_TABLE_PXN		(_AT(pmdval_t, 1) << 59)
#define PMD_TABLE_UXN		(_AT(pmdval_t, 1) << 60)
#define PUD_TABLE_PXN		(_AT(pudval_t, 1) << 59)
#define PUD_TABLE_UXN		(_AT(pudval_t, 1) << 60)
#define PGD_TABLE_PXN		(_AT(pgdval_t, 1) << 59)
#define PGD_TABLE_UXN		(_AT(pgdval_t, 1) << 60)

/* Lower and upper attributes, the same in block and page descriptors. */
#define PTE_ATTRINDX(t)		(_AT(pteval_t, (t)) << 2)
#define PTE_ATTRINDX_MASK	(_AT(pteval_t, 7) << 2)
#define PTE_USER		(_AT(pteval_t, 1) << 6)		/* AP[1] */
#define PTE_RDONLY		(_AT(pteval_t, 1) << 7)		/* AP[2] */
#define PTE_SHARED		(_AT(pteval_t, 3) << 8)		/* SH[1:0], inner shareable */
#define PTE_AF			(_AT(pteval_t, 1) << 10)
#define PTE_NG			(_AT(pteval_t, 1) << 11)
#define PTE_GP			(_AT(pteval_t, 1) << 50)		/* BTI guarded */
#define PTE_CONT		(_AT(pteval_t, 1) << 52)
#define PTE_PXN			(_AT(pteval_t, 1) << 53)
#define PTE_UXN			(_AT(pteval_t, 1) << 54)
/* Software bits [58:55], ignored by the walker. */
#define PTE_DIRTY		(_AT(pteval_t, 1) << 55)
#define PTE_SPECIAL		(_AT(pteval_t, 1) << 56)
#define PTE_WRITE		(_AT(pteval_t, 1) << 51)	/* DBM */

#define PTE_ADDR_MASK		(_AT(pteval_t, 0xfffffffff) << PAGE_SHIFT)

/* MAIR_EL1 slots, as Linux numbers them. */
#define MT_NORMAL		0
#define MT_NORMAL_TAGGED	1
#define MT_NORMAL_NC		2
#define MT_DEVICE_nGnRnE	3
#define MT_DEVICE_nGnRE		4

#define MAIR_ATTR_DEVICE_nGnRnE	UL(0x00)
#define MAIR_ATTR_DEVICE_nGnRE	UL(0x04)
#define MAIR_ATTR_NORMAL_NC	UL(0x44)
#define MAIR_ATTR_NORMAL	UL(0xff)
#define MAIR_ATTRIDX(attr, idx)	((attr) << ((idx) * 8))
#define MAIR_EL1_SET							\
	(MAIR_ATTRIDX(MAIR_ATTR_DEVICE_nGnRnE, MT_DEVICE_nGnRnE) |	\
	 MAIR_ATTRIDX(MAIR_ATTR_DEVICE_nGnRE, MT_DEVICE_nGnRE) |	\
	 MAIR_ATTRIDX(MAIR_ATTR_NORMAL_NC, MT_NORMAL_NC) |		\
	 MAIR_ATTRIDX(MAIR_ATTR_NORMAL, MT_NORMAL) |			\
	 MAIR_ATTRIDX(MAIR_ATTR_NORMAL, MT_NORMAL_TAGGED))

/* TCR_EL1: 48-bit VA in both halves, 4 KiB granules, walks cacheable WBWA inner shareable. */
#define TCR_T0SZ(x)		((UL(64) - (x)) << 0)
#define TCR_T1SZ(x)		((UL(64) - (x)) << 16)
#define TCR_IRGN_WBWA		((UL(1) << 8) | (UL(1) << 24))
#define TCR_ORGN_WBWA		((UL(1) << 10) | (UL(1) << 26))
#define TCR_SHARED		((UL(3) << 12) | (UL(3) << 28))
#define TCR_TG0_4K		(UL(0) << 14)
#define TCR_TG1_4K		(UL(2) << 30)
#define TCR_EPD0		(UL(1) << 7)
/* TTBRx_EL1: the ASID field (TCR_EL1.A1 = 0: TTBR0 holds the ASID). */
#define TTBR_ASID_SHIFT		48
#define TTBR_ASID_MASK		(UL(0xffff) << TTBR_ASID_SHIFT)
#define TCR_IPS_SHIFT		32
#define TCR_A1			(UL(1) << 22)
#define TCR_ASID16		(UL(1) << 36)
#define TCR_TBI0		(UL(1) << 37)
#define TCR_EL1_SET							\
	(TCR_T0SZ(VA_BITS) | TCR_T1SZ(VA_BITS) | TCR_IRGN_WBWA |	\
	 TCR_ORGN_WBWA | TCR_SHARED | TCR_TG0_4K | TCR_TG1_4K |		\
	 TCR_ASID16 | TCR_TBI0)

#endif
