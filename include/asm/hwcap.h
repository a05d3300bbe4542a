/* AT_HWCAP bits (Linux's uapi/asm/hwcap.h), set in elf_hwcap by setup_elf_hwcaps. */
#ifndef _ASM_HWCAP_H
#define _ASM_HWCAP_H

#define HWCAP_FP		(1UL << 0)
#define HWCAP_ASIMD		(1UL << 1)
#define HWCAP_AES		(1UL << 3)
#define HWCAP_PMULL		(1UL << 4)
#define HWCAP_SHA1		(1UL << 5)
#define HWCAP_SHA2		(1UL << 6)
#define HWCAP_CRC32		(1UL << 7)
#define HWCAP_ATOMICS		(1UL << 8)
#define HWCAP_FPHP		(1UL << 9)
#define HWCAP_ASIMDHP		(1UL << 10)
#define HWCAP_ASIMDRDM		(1UL << 12)
#define HWCAP_SHA3		(1UL << 17)
#define HWCAP_SM3		(1UL << 18)
#define HWCAP_SM4		(1UL << 19)
#define HWCAP_ASIMDDP		(1UL << 20)
#define HWCAP_SHA512		(1UL << 21)

#endif
