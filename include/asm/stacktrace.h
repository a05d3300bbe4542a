/* Backtraces from frame records (x29 chains), for oopses, BUG, WARN and panic. */
#ifndef _ASM_STACKTRACE_H
#define _ASM_STACKTRACE_H

#include <asm/ptrace.h>

/* Prints "Call trace:" and one line per frame; from regs when given, else from here. */
void dump_backtrace(struct pt_regs *regs, const char *loglvl);
/* "CPU: n PID: p Comm: name ..." and "Hardware name: ...", then the backtrace from here. */
void dump_stack(void);
void dump_stack_print_info(const char *log_lvl);
void dump_stack_set_arch_desc(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void show_regs(struct pt_regs *regs);

#endif
