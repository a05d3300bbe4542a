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

/* syscallno outside a system call (entry from EL0 by anything but SVC, or after a signal). */
#define NO_SYSCALL	(-1)

static inline bool in_syscall(const struct pt_regs *regs)
{
	return regs->syscallno != NO_SYSCALL;
}

static inline void forget_syscall(struct pt_regs *regs)
{
	regs->syscallno = NO_SYSCALL;
}

/*
 * A pstate user space handed in (sigreturn): only the NZCV flags are its to choose. Any
 * other bit set (another mode, masked exceptions, AArch32) is refused, and pstate is
 * forced to EL0t with the flags, as Linux's valid_user_regs does.
 */
static inline bool valid_user_regs(struct pt_regs *regs)
{
	const u64 nzcv = 0xfUL << 28;

	if (!(regs->pstate & ~nzcv))
		return true;
	regs->pstate &= nzcv;
	return false;
}

_Static_assert(__builtin_offsetof(struct pt_regs, sp) == S_SP, "pt_regs layout");
_Static_assert(__builtin_offsetof(struct pt_regs, stackframe) == S_STACKFRAME, "pt_regs layout");
_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "pt_regs size");
#endif

#endif
