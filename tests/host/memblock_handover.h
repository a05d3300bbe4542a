/* What memblock_free_all handed to the page allocator (tests/host/memblock_handover.c). */
#ifndef _TESTS_HOST_MEMBLOCK_HANDOVER_H
#define _TESTS_HOST_MEMBLOCK_HANDOVER_H

#define HANDOVER_MAX	64

struct handover_range {
	unsigned long long a, b;
};

struct handover {
	struct handover_range reserved[HANDOVER_MAX];	/* [start, end) bytes, in call order */
	struct handover_range freed[HANDOVER_MAX];	/* (pfn, order), in call order */
	int nr_reserved, nr_freed;
	long totalram;					/* what totalram_pages_add got */
};

extern struct handover handover;

#endif
