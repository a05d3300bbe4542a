/*
 * Host build of include/asm/sysreg.h: the kernel's field definitions, with the barriers
 * and system register accessors turned into no-ops (there is no MMU to order against).
 */
#ifndef _HOST_ASM_SYSREG_H
#define _HOST_ASM_SYSREG_H

#include_next <asm/sysreg.h>

#ifndef __ASSEMBLY__
#undef read_sysreg
#undef write_sysreg
#undef isb
#undef dsb
#undef dmb
#undef wfi
#undef wfe
#undef cpu_relax
#define read_sysreg(r)		((u64)0)
#define write_sysreg(v, r)	((void)(v))
#define isb()			__asm__ __volatile__("" : : : "memory")
#define dsb(opt)		__asm__ __volatile__("" : : : "memory")
#define dmb(opt)		__asm__ __volatile__("" : : : "memory")
#define wfi()			do { } while (0)
#define wfe()			do { } while (0)
#define cpu_relax()		do { } while (0)
#endif

#endif
