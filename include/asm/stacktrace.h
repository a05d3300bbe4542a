/* Backtraces from frame records (x29 chains), for oopses, BUG, WARN and panic. */
#ifndef _ASM_STACKTRACE_H
#define _ASM_STACKTRACE_H

#include <asm/ptrace.h>

/* Prints "Call trace:" and one line per frame; from regs when given, else from here. */
void dump_backtrace(struct pt_regs *regs, const char *loglvl);
void dump_stack(void);
void show_regs(struct pt_regs *regs);

#endif
