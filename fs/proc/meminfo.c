/*
 * /proc/meminfo (Linux's fs/proc/meminfo.c): Linux 6.1's lines in its order, for the
 * configuration of the reference machine (no swap device, hugetlb, THP, CMA or zswap,
 * whose lines Linux leaves out when configured out). Swap, Buffers, Dirty and the
 * other page-cache lines count what this kernel has: 0 until it has those pages.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/vmstat.h>
#include <linux/vmalloc.h>
#include <linux/buffer_head.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "internal.h"

static void show_val_kb(struct seq_file *m, const char *s, unsigned long num)
{
	seq_put_decimal_ull_width(m, s, num << (PAGE_SHIFT - 10), 8);
	seq_write(m, " kB\n", 4);
}

static int meminfo_proc_show(struct seq_file *m, void *v)
{
	unsigned long active_anon = global_node_page_state(NR_ACTIVE_ANON);
	unsigned long inactive_anon = global_node_page_state(NR_INACTIVE_ANON);
	unsigned long active_file = global_node_page_state(NR_ACTIVE_FILE);
	unsigned long inactive_file = global_node_page_state(NR_INACTIVE_FILE);
	unsigned long sreclaimable, sunreclaim, cached, totalram = totalram_pages();
	long available = si_mem_available(), buffers = nr_blockdev_pages();

	/* No swap cache: Cached is the page cache less the block devices' (Buffers). */
	cached = global_node_page_state(NR_FILE_PAGES);
	cached -= min(cached, (unsigned long)buffers);
	sreclaimable = global_node_page_state(NR_SLAB_RECLAIMABLE_B);
	sunreclaim = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);

	show_val_kb(m, "MemTotal:       ", totalram);
	show_val_kb(m, "MemFree:        ", global_zone_page_state(NR_FREE_PAGES));
	show_val_kb(m, "MemAvailable:   ", (unsigned long)available);
	show_val_kb(m, "Buffers:        ", (unsigned long)buffers);
	show_val_kb(m, "Cached:         ", cached);
	show_val_kb(m, "SwapCached:     ", global_node_page_state(NR_SWAPCACHE));
	show_val_kb(m, "Active:         ", active_anon + active_file);
	show_val_kb(m, "Inactive:       ", inactive_anon + inactive_file);
	show_val_kb(m, "Active(anon):   ", active_anon);
	show_val_kb(m, "Inactive(anon): ", inactive_anon);
	show_val_kb(m, "Active(file):   ", active_file);
	show_val_kb(m, "Inactive(file): ", inactive_file);
	show_val_kb(m, "Unevictable:    ", global_node_page_state(NR_UNEVICTABLE));
	show_val_kb(m, "Mlocked:        ", global_zone_page_state(NR_MLOCK));
	/* No swap device: SwapTotal and SwapFree 0. */
	show_val_kb(m, "SwapTotal:      ", 0);
	show_val_kb(m, "SwapFree:       ", 0);
	show_val_kb(m, "Dirty:          ", global_node_page_state(NR_FILE_DIRTY));
	show_val_kb(m, "Writeback:      ", global_node_page_state(NR_WRITEBACK));
	show_val_kb(m, "AnonPages:      ", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Mapped:         ", global_node_page_state(NR_FILE_MAPPED));
	show_val_kb(m, "Shmem:          ", global_node_page_state(NR_SHMEM));
	show_val_kb(m, "KReclaimable:   ", sreclaimable +
		    global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(m, "Slab:           ", sreclaimable + sunreclaim);
	show_val_kb(m, "SReclaimable:   ", sreclaimable);
	show_val_kb(m, "SUnreclaim:     ", sunreclaim);
	seq_printf(m, "KernelStack:    %8lu kB\n", global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:     ", global_node_page_state(NR_PAGETABLE));
	show_val_kb(m, "SecPageTables:  ", global_node_page_state(NR_SECONDARY_PAGETABLE));
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", global_zone_page_state(NR_BOUNCE));
	show_val_kb(m, "WritebackTmp:   ", global_node_page_state(NR_WRITEBACK_TEMP));
	show_val_kb(m, "CommitLimit:    ", vm_commit_limit());
	show_val_kb(m, "Committed_AS:   ", vm_memory_committed());
	seq_printf(m, "VmallocTotal:   %8lu kB\n", (unsigned long)VMALLOC_TOTAL >> 10);
	show_val_kb(m, "VmallocUsed:    ", vmalloc_nr_pages());
	/* Linux stopped computing it (it walked the whole area): 0. */
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", pcpu_nr_pages());
	return 0;
}

static int __init proc_meminfo_init(void)
{
	proc_create_single("meminfo", 0, NULL, meminfo_proc_show);
	return 0;
}
late_initcall(proc_meminfo_init);
