/*
 * The uaccess copy routines: user memory is touched only with the unprivileged LDTR/STTR
 * (checked as EL0 accesses, so a kernel address faults even when the range check was
 * passed), each with an exception table entry. The copies move 64 bytes a round (eight
 * unprivileged accesses: LDTR/STTR have no pair form; a round as long as Linux's
 * copy_template.S keeps the loop's own instructions few, which TCG pays for as much as the
 * copying), then 8, then single bytes; a fault in a 64- or 8-byte round retries the rest
 * from that round's start byte by byte, so the count returned (bytes not copied) is exact.
 */
#include <asm/assembler.h>
#include <asm/extable.h>

/* One unprivileged access of a round: a fault goes to the byte loop at 3 (forward). */
.macro	user_access insn, reg, base, off
9999:	\insn	\reg, [\base, #\off]
	_asm_extable	9999b, 3f
.endm

/* A round's eight unprivileged accesses, x3-x10 at base + 0..56. */
.macro	user_round insn, base
	user_access	\insn, x3, \base, 0
	user_access	\insn, x4, \base, 8
	user_access	\insn, x5, \base, 16
	user_access	\insn, x6, \base, 24
	user_access	\insn, x7, \base, 32
	user_access	\insn, x8, \base, 40
	user_access	\insn, x9, \base, 48
	user_access	\insn, x10, \base, 56
.endm

/* unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n) */
SYM_FUNC_START(__arch_copy_from_user)
0:	cmp	x2, #64
	b.lo	1f
	user_round	ldtr, x1
	stp	x3, x4, [x0]
	stp	x5, x6, [x0, #16]
	stp	x7, x8, [x0, #32]
	stp	x9, x10, [x0, #48]
	add	x0, x0, #64
	add	x1, x1, #64
	sub	x2, x2, #64
	b	0b
1:	cmp	x2, #8
	b.lo	3f
2:	ldtr	x3, [x1]
	_asm_extable	2b, 3f
	str	x3, [x0], #8
	add	x1, x1, #8
	sub	x2, x2, #8
	b	1b
3:	cbz	x2, 5f
4:	ldtrb	w3, [x1]
	_asm_extable	4b, 5f
	strb	w3, [x0], #1
	add	x1, x1, #1
	sub	x2, x2, #1
	b	3b
5:	mov	x0, x2
	ret
SYM_FUNC_END(__arch_copy_from_user)

/* unsigned long __arch_copy_to_user(void __user *to, const void *from, unsigned long n) */
SYM_FUNC_START(__arch_copy_to_user)
0:	cmp	x2, #64
	b.lo	1f
	ldp	x3, x4, [x1]
	ldp	x5, x6, [x1, #16]
	ldp	x7, x8, [x1, #32]
	ldp	x9, x10, [x1, #48]
	user_round	sttr, x0
	add	x0, x0, #64
	add	x1, x1, #64
	sub	x2, x2, #64
	b	0b
1:	cmp	x2, #8
	b.lo	3f
	ldr	x3, [x1]
2:	sttr	x3, [x0]
	_asm_extable	2b, 3f
	add	x0, x0, #8
	add	x1, x1, #8
	sub	x2, x2, #8
	b	1b
3:	cbz	x2, 5f
	ldrb	w3, [x1], #1
4:	sttrb	w3, [x0]
	_asm_extable	4b, 5f
	add	x0, x0, #1
	sub	x2, x2, #1
	b	3b
5:	mov	x0, x2
	ret
SYM_FUNC_END(__arch_copy_to_user)

/* unsigned long __arch_clear_user(void __user *to, unsigned long n) */
SYM_FUNC_START(__arch_clear_user)
1:	cmp	x1, #8
	b.lo	3f
2:	sttr	xzr, [x0]
	_asm_extable	2b, 3f
	add	x0, x0, #8
	sub	x1, x1, #8
	b	1b
3:	cbz	x1, 5f
4:	sttrb	wzr, [x0]
	_asm_extable	4b, 5f
	add	x0, x0, #1
	sub	x1, x1, #1
	b	3b
5:	mov	x0, x1
	ret
SYM_FUNC_END(__arch_clear_user)
