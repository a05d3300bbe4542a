/*
 * clear_page and copy_page (Linux's arch/arm64/lib/clear_page.S, copy_page.S): a whole
 * 4 KiB page, page-aligned. clear_page zeroes a cache block per DC ZVA (64 bytes on
 * cortex-a57; one QEMU helper call instead of eight emulated stores) unless DCZID_EL0
 * says it is prohibited.
 */
#include <asm/assembler.h>
#include <asm/page-def.h>

/* void clear_page(void *page) */
SYM_FUNC_START(clear_page)
	mrs	x1, dczid_el0
	tbnz	x1, #4, 2f			// DZP: DC ZVA prohibited
	and	w1, w1, #0xf
	mov	x2, #4
	lsl	x1, x2, x1			// the block: 4 << BS bytes
1:	dc	zva, x0
	add	x0, x0, x1
	tst	x0, #(PAGE_SIZE - 1)
	b.ne	1b
	ret
2:	stp	xzr, xzr, [x0]
	stp	xzr, xzr, [x0, #16]
	stp	xzr, xzr, [x0, #32]
	stp	xzr, xzr, [x0, #48]
	add	x0, x0, #64
	tst	x0, #(PAGE_SIZE - 1)
	b.ne	2b
	ret
SYM_FUNC_END(clear_page)

/* void copy_page(void *to, const void *from): 64 bytes a round, in pairs. */
SYM_FUNC_START(copy_page)
1:	ldp	x2, x3, [x1]
	ldp	x4, x5, [x1, #16]
	ldp	x6, x7, [x1, #32]
	ldp	x8, x9, [x1, #48]
	add	x1, x1, #64
	stp	x2, x3, [x0]
	stp	x4, x5, [x0, #16]
	stp	x6, x7, [x0, #32]
	stp	x8, x9, [x0, #48]
	add	x0, x0, #64
	tst	x0, #(PAGE_SIZE - 1)
	b.ne	1b
	ret
SYM_FUNC_END(copy_page)
