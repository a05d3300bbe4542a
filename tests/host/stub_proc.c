/*
 * Host stand-ins for the /proc printers of allocators a suite does not link: mm_debug_show
 * (mm/vmstat.c) calls them all, so page_alloc's suite gets empty vmallocinfo and slabinfo,
 * slub's an empty vmallocinfo. Each is weak: the real one wins where it is linked.
 */
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

__attribute__((weak)) void vmallocinfo_show(struct seq_file *m)
{
}

__attribute__((weak)) void slabinfo_show(struct seq_file *m)
{
}
