/* The host suites' reclaim (stub_reclaim.c): what a test makes direct reclaim do. */
#ifndef STUB_RECLAIM_H
#define STUB_RECLAIM_H

#include <linux/types.h>

/* Called as try_to_free_pages; frees what it likes and returns how many pages. NULL: 0. */
extern unsigned long (*host_reclaim)(int order, gfp_t gfp_mask);

#endif
