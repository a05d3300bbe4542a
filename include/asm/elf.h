/* What the ELF loader tells an arm64 program about the machine (asm/elf.h, asm/hwcap.h). */
#ifndef _ASM_ELF_H
#define _ASM_ELF_H

#define ELF_PLATFORM		"aarch64"
/* Auxiliary vector entries the loader may write, AT_NULL included. */
#define AT_VECTOR_SIZE		24

/* AT_HWCAP: the EL0 instruction-set features of every cpu (cpufeature.c). */
extern unsigned long elf_hwcap;
#define ELF_HWCAP		elf_hwcap
#define ELF_HWCAP2		0UL

/* The smallest alternate stack a signal frame fits on (arch/arm64/kernel/signal.c). */
unsigned long signal_minsigstksz(void);
/* From the boot cpu's ID registers, before user space. */
void setup_elf_hwcaps(void);

#endif
