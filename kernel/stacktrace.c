/*
 * Stack traces into arrays (Linux's kernel/stacktrace.c): stack_trace_save over the arch
 * walker (arch_stack_walk, frame records), and stack_trace_snprint to print one.
 */
#include <linux/kernel.h>
#include <linux/stacktrace.h>
#include <linux/sched.h>

struct stacktrace_cookie {
	unsigned long *store;
	unsigned int size;
	unsigned int skip;
	unsigned int len;
};

static bool stack_trace_consume_entry(void *cookie, unsigned long addr)
{
	struct stacktrace_cookie *c = cookie;

	if (c->len >= c->size)
		return false;
	if (c->skip > 0) {
		c->skip--;
		return true;
	}
	c->store[c->len++] = addr;
	return c->len < c->size;
}

/*
 * Each return address of the caller's stack into store, the caller first, skipping
 * skipnr more frames; the number stored.
 */
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr)
{
	/* arch_stack_walk's own pc and the return into this function go too. */
	struct stacktrace_cookie c = { .store = store, .size = size, .skip = skipnr + 2 };

	arch_stack_walk(stack_trace_consume_entry, &c, current, NULL);
	return c.len;
}

int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces)
{
	unsigned int i;
	int generated, total = 0;

	for (i = 0; i < nr_entries && size; i++) {
		generated = snprintf(buf, size, "%*c%pS\n", 1 + spaces, ' ', (void *)entries[i]);
		total += generated;
		if ((size_t)generated >= size) {
			buf += size;
			size = 0;
		} else {
			buf += generated;
			size -= (size_t)generated;
		}
	}
	return total;
}
