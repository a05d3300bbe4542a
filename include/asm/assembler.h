/* Assembler macros shared by head.S and entry.S. */
#ifndef __ASSEMBLY__
#error "assembler.h is only for assembly files"
#endif
#ifndef _ASM_ASSEMBLER_H
#define _ASM_ASSEMBLER_H

/* Address of sym, PC-relative, so it is right with the MMU off and on. */
	.macro	adr_l, dst, sym
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endm

	.macro	ldr_l, dst, sym, tmp=
	.ifb	\tmp
	adrp	\dst, \sym
	ldr	\dst, [\dst, :lo12:\sym]
	.else
	adrp	\tmp, \sym
	ldr	\dst, [\tmp, :lo12:\sym]
	.endif
	.endm

	.macro	str_l, src, sym, tmp
	adrp	\tmp, \sym
	str	\src, [\tmp, :lo12:\sym]
	.endm

/* A 64-bit constant without a literal pool. */
	.macro	mov_q, reg, val
	movz	\reg, :abs_g3:\val
	movk	\reg, :abs_g2_nc:\val
	movk	\reg, :abs_g1_nc:\val
	movk	\reg, :abs_g0_nc:\val
	.endm

#define SYM_FUNC_START(name)	.globl name; .type name, %function; .balign 4; name:
#define SYM_FUNC_START_LOCAL(name) .type name, %function; .balign 4; name:
#define SYM_FUNC_END(name)	.size name, . - name

#endif
