/*
 * Resources (Linux's ioport.h): the tree of physical address ranges and what holds each
 * (System RAM, the kernel's code and data, devices), as /proc/iomem shows it.
 */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

#include <linux/types.h>

typedef u64 resource_size_t;

/* A range [start, end]; parent, sibling and child under resource_lock. */
struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
	struct resource *parent, *sibling, *child;
};

#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_BUSY		0x80000000
#define IORESOURCE_SYSRAM	0x01000000
#define IORESOURCE_SYSTEM_RAM	(IORESOURCE_MEM | IORESOURCE_SYSRAM)

/* The root of physical memory's ranges. */
extern struct resource iomem_resource;

/* Puts new under root, among its children by address: 0, or -EBUSY if it overlaps one. */
int request_resource(struct resource *root, struct resource *new);
/*
 * Claims [start, end] under root as name, busy, in as many pieces as the children
 * already there leave free (Linux's reserve_region_with_split). Context: may allocate.
 */
void reserve_region_with_split(struct resource *root, resource_size_t start,
			       resource_size_t end, const char *name);

#endif
