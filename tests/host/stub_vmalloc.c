/*
 * Host stand-in for mm/vmalloc.c where a suite links mm/vmstat.c without vmalloc
 * (page_alloc): mm_debug_show's vmallocinfo printer prints nothing.
 */
#include <linux/seq_file.h>
#include <linux/vmalloc.h>

void vmallocinfo_show(struct seq_file *m)
{
}
