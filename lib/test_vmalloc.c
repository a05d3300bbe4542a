/*
 * Boot self-test of vmalloc on the real machine, under selftest=vmalloc: memory written
 * and read back through fresh page tables, vzalloc, vmap of scattered pages, guard gaps,
 * ioremap of the PL011's ID registers, the free tree back to its shape after a purge
 * (called, or from a kworker past lazy_max_pages), and no pages leaked by many small allocations.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/selftest.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>

/* Writes a pattern over size bytes at p and reads it back. */
static bool fill_and_check(unsigned long *p, unsigned long size, unsigned long seed)
{
	unsigned long n = size / sizeof(*p);
	bool ok = true;

	for (unsigned long i = 0; i < n; i++)
		p[i] = seed ^ (i * 0x9e3779b97f4a7c15UL);
	for (unsigned long i = 0; i < n; i++)
		ok &= p[i] == (seed ^ (i * 0x9e3779b97f4a7c15UL));
	return ok;
}

static bool vmalloc_rw(unsigned long size)
{
	unsigned long *p = vmalloc(size);
	struct vm_struct *area;
	bool ok;

	if (!p)
		return false;
	area = find_vm_area(p);
	ok = is_vmalloc_addr(p) && area && area->nr_pages == size / PAGE_SIZE &&
	     (area->flags & VM_ALLOC) && fill_and_check(p, size, size);
	vfree(p);
	return ok;
}

static bool test_vmalloc_64k(void)
{
	return vmalloc_rw(SZ_64K);
}

static bool test_vmalloc_4m(void)
{
	return vmalloc_rw(SZ_4M);
}

static bool test_vzalloc_zeroed(void)
{
	unsigned char *p = vmalloc(SZ_64K);
	bool ok = true;

	if (!p)
		return false;
	memset(p, 0xa5, SZ_64K);
	vfree(p);
	p = vzalloc(SZ_64K);
	if (!p)
		return false;
	for (unsigned long i = 0; i < SZ_64K; i++)
		ok &= !p[i];
	vfree(p);
	return ok;
}

/* Eight pages taken one by one (and so scattered), seen in order through vmap. */
static bool test_vmap_scattered_pages(void)
{
	struct page *pages[8];
	unsigned long *v;
	bool ok = true;
	int i, n;

	for (n = 0; n < 8; n++) {
		pages[n] = alloc_page(GFP_KERNEL);
		if (!pages[n])
			goto out;
		*(unsigned long *)page_address(pages[n]) = 0x7e57000UL + n;
	}
	v = vmap(pages, 8, 0, PAGE_KERNEL);
	ok = v != NULL;
	for (i = 0; v && i < 8; i++) {
		ok &= v[i * PAGE_SIZE / sizeof(*v)] == 0x7e57000UL + i;
		v[i * PAGE_SIZE / sizeof(*v) + 1] = i;	/* and back through the linear map */
		ok &= ((unsigned long *)page_address(pages[i]))[1] == (unsigned long)i;
	}
	vunmap(v);
out:
	while (n--)
		__free_page(pages[n]);
	return ok && n == -1;
}

/* Two areas are at least a guard page apart. */
static bool test_guard_gap(void)
{
	char *a = vmalloc(SZ_16K), *b = vmalloc(SZ_16K);
	bool ok = a && b && (b > a ? b >= a + SZ_16K + PAGE_SIZE : a >= b + SZ_16K + PAGE_SIZE);

	vfree(a);
	vfree(b);
	return ok;
}

/* QEMU's PL011 at 0x9000000: PeriphID0..3 read 0x11 0x10 0x14 0x00 (ARM, r1p4 rev 1). */
static bool test_ioremap_pl011_id(void)
{
	void *base = ioremap(0x9000000, PAGE_SIZE);
	u32 id[4];

	if (!base)
		return false;
	for (int i = 0; i < 4; i++)
		id[i] = readl(base + 0xfe0 + 4 * i);
	iounmap(base);
	pr_info("# vmalloc: PL011 PeriphID 0x%02x 0x%02x 0x%02x 0x%02x\n",
		id[0], id[1], id[2], id[3]);
	return id[0] == 0x11 && id[1] == 0x10 && (id[2] & 0xf) == 0x4 && id[3] == 0x00 &&
	       find_vm_area(base) == NULL;
}

/* Allocations and frees, then a purge: the free areas are exactly as before. */
static bool test_purge_restores_free_tree(void)
{
	unsigned int nr_before, nr_after;
	unsigned long before, after;
	void *p[16];

	purge_vmap_area_lazy();
	before = vmap_free_areas_hash(&nr_before);
	for (int i = 0; i < 16; i++)
		p[i] = vmalloc(PAGE_SIZE << (i % 5));
	for (int i = 0; i < 16; i += 2)
		vfree(p[i]);
	for (int i = 1; i < 16; i += 2)
		vfree(p[i]);
	after = vmap_free_areas_hash(&nr_after);
	if (after == before)		/* the frees are lazy: nothing back yet */
		return false;
	purge_vmap_area_lazy();
	after = vmap_free_areas_hash(&nr_after);
	return after == before && nr_after == nr_before;
}

/*
 * More address space waiting than lazy_max_pages() (at most 32 MiB times 4 with NR_CPUS
 * cpus): the free queues drain_vmap_work, and a kworker gives the space back while this
 * thread only sleeps; nobody purges here.
 */
static bool test_lazy_purge_from_kworker(void)
{
	unsigned int nr_before, nr_after;
	struct vm_struct *area;
	unsigned long before;
	int waited = 0;

	purge_vmap_area_lazy();
	before = vmap_free_areas_hash(&nr_before);
	area = get_vm_area(SZ_256M, VM_MAP);
	if (!area)
		return false;
	free_vm_area(area);
	while (vmap_free_areas_hash(&nr_after) != before && waited++ < 1000)
		msleep(1);
	pr_info("# vmalloc: lazy areas purged after %d ms\n", waited);
	return vmap_free_areas_hash(&nr_after) == before && nr_after == nr_before;
}

static bool many_small(int n)
{
	for (int i = 0; i < n; i++) {
		unsigned long *p = vmalloc(PAGE_SIZE * (1 + i % 3));

		if (!p)
			return false;
		*p = i;
		vfree(p);
	}
	purge_vmap_area_lazy();
	return true;
}

/* Many small allocations give every page back (the first round grows slabs and tables). */
static bool test_many_small_no_leak(void)
{
	unsigned long before, used = vmalloc_nr_pages();

	if (!many_small(2000))
		return false;
	before = settled_free_pages();
	if (!many_small(2000))
		return false;
	return settled_free_pages() == before && vmalloc_nr_pages() == used;
}

/* vmallocinfo lists the kernel image's segments as Linux does. */
static bool test_vmallocinfo_segments(void)
{
	unsigned long buf = __get_free_pages(GFP_KERNEL, 2);
	struct seq_file m;
	bool ok;

	if (!buf)
		return false;
	seq_buf_init(&m, (char *)buf, PAGE_SIZE << 2);
	vmallocinfo_show(&m, NULL);
	seq_buf_str(&m);
	ok = strstr((char *)buf, "paging_init+0x") && strstr((char *)buf, " vmap\n") &&
	     !seq_has_overflowed(&m);
	free_pages(buf, 2);
	return ok;
}

static const struct ktap_case cases[] = {
	{ test_vmalloc_64k, "vmalloc_64k_write_read" },
	{ test_vmalloc_4m, "vmalloc_4m_write_read" },
	{ test_vzalloc_zeroed, "vzalloc_zeroed" },
	{ test_vmap_scattered_pages, "vmap_scattered_pages" },
	{ test_guard_gap, "vmalloc_guard_gap" },
	{ test_ioremap_pl011_id, "ioremap_pl011_periphid" },
	{ test_purge_restores_free_tree, "vmalloc_purge_restores_free_tree" },
	{ test_lazy_purge_from_kworker, "vmalloc_lazy_purge_from_kworker" },
	{ test_many_small_no_leak, "vmalloc_many_small_no_leak" },
	{ test_vmallocinfo_segments, "vmallocinfo_kernel_segments" },
};

/* Runs the suite when selftest=vmalloc; after vmalloc_init and the console. */
static void __init vmalloc_selftest(void)
{
	ktap_run_suite("vmalloc", cases, ARRAY_SIZE(cases));
}
selftest_initcall("vmalloc", vmalloc_selftest);
