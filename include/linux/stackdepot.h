/*
 * The stack depot (Linux's lib/stackdepot.c): stack traces stored once each and named by
 * a 32-bit handle, so page_owner keeps one handle per page instead of a whole trace.
 */
#ifndef _LINUX_STACKDEPOT_H
#define _LINUX_STACKDEPOT_H

#include <linux/types.h>
#include <linux/gfp.h>

typedef u32 depot_stack_handle_t;

/* The hash table, from vmalloc; before any save. 0 or -ENOMEM. Context: may sleep. */
int stack_depot_init(void);

/*
 * The handle of the trace entries[0..nr_entries), stored if new (its storage taken with
 * alloc_flags' reclaim and I/O bits only); 0 if it cannot be stored. Context: any.
 */
depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags);

/* The trace of handle: *entries points into the depot; returns its length (0 if none). */
unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries);

/* The trace of handle into buf, one " symbol+off/size" line each; bytes it needed. */
int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces);

#endif
