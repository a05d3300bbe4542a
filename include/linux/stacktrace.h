/* Walking a task's kernel stack (Linux's stacktrace.h), for get_wchan and page_owner. */
#ifndef _LINUX_STACKTRACE_H
#define _LINUX_STACKTRACE_H

#include <linux/types.h>

struct task_struct;
struct pt_regs;

/* Takes one return address; false stops the walk. */
typedef bool (*stack_trace_consume_fn)(void *cookie, unsigned long addr);

/*
 * Each return address of task's kernel stack, innermost first: from regs when given,
 * from the caller when task is current, else from task's last switch (the caller keeps
 * task blocked). Context: any.
 */
void arch_stack_walk(stack_trace_consume_fn consume_entry, void *cookie,
		     struct task_struct *task, struct pt_regs *regs);

/* The caller's return addresses, innermost first, after skipnr more; how many stored. */
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);

/* entries as " symbol+off/size" lines after spaces more spaces; the length it needed. */
int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces);

#endif
