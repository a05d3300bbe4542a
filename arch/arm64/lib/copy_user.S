/*
 * The uaccess copy routines: user memory is touched only with the unprivileged LDTR/STTR
 * (checked as EL0 accesses, so a kernel address faults even when the range check was
 * passed), each with an exception table entry. The copies move 32 bytes a round (four
 * unprivileged accesses: LDTR/STTR have no pair form), then 8, then single bytes; a
 * fault in a 32- or 8-byte round retries the rest from that round's start byte by byte,
 * so the count returned (bytes not copied) is exact.
 */
#include <asm/assembler.h>
#include <asm/extable.h>

/* unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n) */
SYM_FUNC_START(__arch_copy_from_user)
0:	cmp	x2, #32
	b.lo	1f
10:	ldtr	x3, [x1]
11:	ldtr	x4, [x1, #8]
12:	ldtr	x5, [x1, #16]
13:	ldtr	x6, [x1, #24]
	_asm_extable	10b, 3f
	_asm_extable	11b, 3f
	_asm_extable	12b, 3f
	_asm_extable	13b, 3f
	stp	x3, x4, [x0]
	stp	x5, x6, [x0, #16]
	add	x0, x0, #32
	add	x1, x1, #32
	sub	x2, x2, #32
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
0:	cmp	x2, #32
	b.lo	1f
	ldp	x3, x4, [x1]
	ldp	x5, x6, [x1, #16]
10:	sttr	x3, [x0]
11:	sttr	x4, [x0, #8]
12:	sttr	x5, [x0, #16]
13:	sttr	x6, [x0, #24]
	_asm_extable	10b, 3f
	_asm_extable	11b, 3f
	_asm_extable	12b, 3f
	_asm_extable	13b, 3f
	add	x0, x0, #32
	add	x1, x1, #32
	sub	x2, x2, #32
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
