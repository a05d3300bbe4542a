/* The registers saved at exception entry (entry.S), in the layout Linux's pt_regs has. */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#define S_X0		0
#define S_LR		240
#define S_SP		248
#define S_PC		256
#define S_PSTATE	264
#define S_ORIG_X0	272
#define S_SYSCALLNO	280
#define S_STACKFRAME	288
#define PT_REGS_SIZE	304

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
	u64 orig_x0;
	s64 syscallno;
	/* A frame record, so the unwinder walks from a handler into the interrupted code. */
	u64 stackframe[2];
};

#define user_mode(regs)	(((regs)->pstate & 0xf) == 0)

_Static_assert(__builtin_offsetof(struct pt_regs, sp) == S_SP, "pt_regs layout");
_Static_assert(__builtin_offsetof(struct pt_regs, stackframe) == S_STACKFRAME, "pt_regs layout");
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "pt_regs size");
#endif

#endif
