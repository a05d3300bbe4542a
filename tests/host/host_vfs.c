/*
 * Host stand-ins for what the VFS uses below it, for tests/host/test_vfs.c: access to
 * the task's fd table (host_task.c), read/write semaphores for one thread, pages
 * from a simulated RAM (the page cache's), the clock, the initrd symbols, and the
 * page-table side of file mappings (mm/memory.c), which no host test reaches, and the
 * node counters of the page cache.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/rwsem.h>
#include <linux/mutex.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/wait.h>
#include <linux/kthread.h>
#include <linux/vmstat.h>
#include <asm/uaccess.h>
#include "sim_mem.h"


struct files_struct *host_files(void)
{
	return current->files;
}

void host_set_files(struct files_struct *files)
{
	current->files = files;
}

ktime_t ktime_get(void)
{
	return 1700000000LL * NSEC_PER_SEC;
}

u64 ktime_get_real_ns(void)
{
	return 1700000000ULL * NSEC_PER_SEC;
}

/* The boot hash tables (mm/system_hash.c): zeroed, kept for the process's life. */
void *vzalloc(unsigned long size)
{
	return kzalloc(size, GFP_KERNEL);
}

/* init/do_mounts.c's rootwait: no host suite waits for a root device. */
void msleep(unsigned int msecs)
{
	BUG();
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long n;

	if (!src)
		return -EFAULT;
	for (n = 0; n < count; n++) {
		dst[n] = src[n];
		if (!src[n])
			return n;
	}
	return n;
}

/* ---- pages: a simulated RAM of HOST_PAGES pages, order 0 only ---- */

#define HOST_PAGES	4096
#define HOST_MEM_BASE	0x40000000ULL

static unsigned long host_pages_free_bits[HOST_PAGES / BITS_PER_LONG];
long host_pages_in_use;

/* The memory map, kept here too: vmemmap points before it. */
struct page *host_map;

static void host_pages_init(void)
{
	if (sim_mem)
		return;
	sim_mem_init(HOST_MEM_BASE, HOST_PAGES * PAGE_SIZE);
	host_map = kcalloc(HOST_PAGES, sizeof(struct page), GFP_KERNEL);
	BUG_ON(!host_map);
	vmemmap = host_map - PHYS_PFN(HOST_MEM_BASE);
	bitmap_set(host_pages_free_bits, 0, HOST_PAGES);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long i;
	struct page *page;

	BUG_ON(order);
	host_pages_init();
	i = find_next_bit(host_pages_free_bits, HOST_PAGES, 0);
	if (i >= HOST_PAGES)
		return NULL;
	__clear_bit(i, host_pages_free_bits);
	page = pfn_to_page(PHYS_PFN(HOST_MEM_BASE) + i);
	memset(page, 0, sizeof(*page));
	set_page_count(page, 1);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE);
	host_pages_in_use++;
	return page;
}

/* mm/mempolicy.c's, for shmem's faults: no tasks here, so no policies; the one pool. */
struct folio *vma_alloc_folio(gfp_t gfp, int order, struct vm_area_struct *vma,
			      unsigned long addr, bool hugepage)
{
	struct page *page = alloc_pages(gfp, (unsigned int)order);

	return page ? page_folio(page) : NULL;
}

static void host_free_page(struct page *page)
{
	BUG_ON(page->mapping);
	__set_bit(page_to_pfn(page) - PHYS_PFN(HOST_MEM_BASE), host_pages_free_bits);
	host_pages_in_use--;
}

void __free_pages(struct page *page, unsigned int order)
{
	BUG_ON(page_ref_count(page) <= 0);
	if (put_page_testzero(page))
		host_free_page(page);
}

/* put_page's last reference (every page here is order 0). */
void __folio_put(struct folio *folio)
{
	host_free_page(&folio->page);
}

/* The host has no LRU lists: a new page-cache page stays where the cache put it. */
void folio_add_lru(struct folio *folio)
{
}

unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	return 0;
}

/*
 * No process maps a file on the host: truncation finds no mapping (mm/memory.c's walk
 * over i_mmap), and the fault-around half of mm/filemap.c never runs.
 */
void unmap_mapping_range(struct address_space *mapping, loff_t const holebegin,
			 loff_t const holelen)
{
	BUG_ON(!list_empty(&mapping->i_mmap));
}

/* Writeback's write-protect walk (mm/rmap.c): no mappings, nothing to clean. */
int folio_mkclean(struct folio *folio)
{
	return 0;
}

void do_set_pte(struct vm_fault *vmf, struct page *page, pte_t *ptep, unsigned long addr)
{
	BUG();
}

bool page_still_cached(struct page *page)
{
	BUG();
}

/*
 * The counters the page cache updates (NR_FILE_PAGES, NR_FILE_DIRTY ...): the simulated
 * RAM has no nodes, so they add up in the global arrays only, where tests read them.
 */
struct pglist_data *node_data[MAX_NUMNODES];
long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
long vm_node_stat[NR_VM_NODE_STAT_ITEMS];
DEFINE_PER_CPU(struct vm_event_state, vm_event_states);
unsigned long totalreserve_pages;
u64 jiffies_64;

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	__atomic_fetch_add(&vm_node_stat[item], delta, __ATOMIC_RELAXED);
}

/*
 * A host test is one thread: nothing it waits for (a folio lock, a bit, a flusher) can
 * be released by someone else, so a sleep would never end, and no sleeper is ever woken.
 */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state)
{
	BUG();
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	BUG();
}

void schedule(void)
{
	BUG();
}

long schedule_timeout(long timeout)
{
	BUG();
}

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
	BUG();
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			     void *key)
{
	BUG();
}

/* No bdi is registered on the host (no block devices): no flusher thread is made. */
bool kthread_should_stop(void)
{
	BUG();
}

int kthread_stop(struct task_struct *k)
{
	BUG();
}

phys_addr_t phys_initrd_start;
unsigned long phys_initrd_size;

struct page *vmemmap;

void dump_page(struct page *page, const char *reason)
{
	printk("page %p: %s\n", (void *)page, reason);
}


/* fs/pipe.c is not linked: a FIFO made in a host test opens with no operations. */
const struct file_operations pipefifo_fops;
