/*
 * mm_debug on the command line: the allocators' /proc files (buddyinfo, pagetypeinfo,
 * zoneinfo, slabinfo, vmallocinfo) printed on the console at boot, for a reader of the
 * boot log who has no shell yet.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/mmdebug.h>
#include <linux/gfp.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>

static bool mm_debug;

static int __init early_mm_debug(char *p)
{
	mm_debug = true;
	return 0;
}
early_param("mm_debug", early_mm_debug);

/* Prints one printer's text line by line (printk lines are short). */
static void print_seq(int (*show)(struct seq_file *m, void *v), char *buf, size_t size)
{
	struct seq_file m;
	char *line, *next;

	seq_buf_init(&m, buf, size);
	show(&m, NULL);
	seq_buf_str(&m);
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (!next)
			next = line + strlen(line);
		else
			*next++ = '\0';
		pr_info("%s\n", line);
	}
	if (seq_has_overflowed(&m))
		pr_info("[output truncated]\n");
}

/**
 * mm_debug_show - print buddyinfo, pagetypeinfo, zoneinfo, slabinfo and vmallocinfo
 * if "mm_debug" was given
 *
 * Context: boot, after mem_init; allocates (and frees) a 64 KiB buffer from the buddy.
 */
void mm_debug_show(void)
{
	const unsigned int order = 4;
	unsigned long buf;

	if (!mm_debug)
		return;
	buf = __get_free_pages(GFP_KERNEL, order);
	if (!buf)
		return;
	vmstat_refresh();	/* exact counters, so zoneinfo agrees with buddyinfo */
	print_seq(buddyinfo_show, (char *)buf, PAGE_SIZE << order);
	print_seq(pagetypeinfo_show, (char *)buf, PAGE_SIZE << order);
	print_seq(zoneinfo_show, (char *)buf, PAGE_SIZE << order);
	print_seq(slabinfo_show, (char *)buf, PAGE_SIZE << order);
	print_seq(vmallocinfo_show, (char *)buf, PAGE_SIZE << order);
	free_pages(buf, order);
}
