/*
 * The uaccess copy routines: user memory is touched only with the unprivileged LDTR/STTR
 * (checked as EL0 accesses, so a kernel address faults even when the range check was
 * passed), each with an exception table entry. A fault in the 8-byte loop retries the
 * rest byte by byte, so the count returned (bytes not copied) is exact.
 */
#include <asm/assembler.h>
#include <asm/extable.h>

/* unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n) */
SYM_FUNC_START(__arch_copy_from_user)
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
