/*
 * early_ioremap: temporary mappings for boot code that runs before vmalloc exists (firmware
 * tables, a device's registers, a page of RAM not yet in the linear map).
 *
 * The fixmap holds FIX_BTMAPS_SLOTS slots of NR_FIX_BTMAPS pages each, starting at
 * FIX_BTMAP_BEGIN and counting down, so a slot's pages are at ascending addresses. A slot
 * is busy while prev_map[] holds the address handed out for it; early_iounmap must get the
 * same address and size back. As in Linux's mm/early_ioremap.c, a request with no free
 * slot, a zero or wrapping size, or more than one slot's pages WARNs and gets NULL.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/libfdt.h>
#include <asm/early_ioremap.h>
#include <asm/fixmap.h>
#include <asm/setup.h>

/* All boot cpu only, before smp: no lock. */
static void *prev_map[FIX_BTMAPS_SLOTS] __initdata;
static unsigned long prev_size[FIX_BTMAPS_SLOTS] __initdata;
static unsigned long slot_virt[FIX_BTMAPS_SLOTS] __initdata;

/* Records each slot's first address; called from setup_arch right after early_fixmap_init. */
void __init early_ioremap_init(void)
{
	for (int i = 0; i < FIX_BTMAPS_SLOTS; i++)
		slot_virt[i] = __fix_to_virt(FIX_BTMAP_BEGIN - NR_FIX_BTMAPS * i);
}

static int __init free_slot(void)
{
	for (int i = 0; i < FIX_BTMAPS_SLOTS; i++)
		if (!prev_map[i])
			return i;
	return -1;
}

static void *__init __early_ioremap(phys_addr_t phys_addr, unsigned long size, pgprot_t prot)
{
	phys_addr_t last_addr = phys_addr + size - 1;
	unsigned long offset, nrpages;
	int slot = free_slot();
	enum fixed_addresses idx;

	if (slot < 0) {
		pr_warn("%s(%pa, %08lx) not found slot\n", __func__, &phys_addr, size);
		WARN_ON(1);
		return NULL;
	}
	/* No zero size, no wrap-around. */
	if (WARN_ON(!size || last_addr < phys_addr))
		return NULL;
	offset = phys_addr & ~PAGE_MASK;
	phys_addr &= PAGE_MASK;
	nrpages = (ALIGN(last_addr + 1, PAGE_SIZE) - phys_addr) >> PAGE_SHIFT;
	if (WARN_ON(nrpages > NR_FIX_BTMAPS))
		return NULL;
	prev_size[slot] = size;
	idx = FIX_BTMAP_BEGIN - NR_FIX_BTMAPS * slot;
	for (; nrpages; nrpages--, idx--, phys_addr += PAGE_SIZE)
		__set_fixmap(idx, phys_addr, prot);
	prev_map[slot] = (void *)(slot_virt[slot] + offset);
	return prev_map[slot];
}

void __init early_iounmap(void *addr, unsigned long size)
{
	unsigned long virt_addr = (unsigned long)addr, nrpages;
	enum fixed_addresses idx;
	int slot;

	for (slot = 0; slot < FIX_BTMAPS_SLOTS; slot++)
		if (prev_map[slot] == addr)
			break;
	if (slot == FIX_BTMAPS_SLOTS) {
		pr_warn("%s(%p, %08lx) not found slot\n", __func__, addr, size);
		WARN_ON(1);
		return;
	}
	if (prev_size[slot] != size) {
		pr_warn("%s(%p, %08lx) [%d] size not consistent %08lx\n", __func__, addr, size,
			slot, prev_size[slot]);
		WARN_ON(1);
		return;
	}
	if (WARN_ON(virt_addr < __fix_to_virt(FIX_BTMAP_BEGIN)))
		return;
	nrpages = ALIGN((virt_addr & ~PAGE_MASK) + size, PAGE_SIZE) >> PAGE_SHIFT;
	idx = FIX_BTMAP_BEGIN - NR_FIX_BTMAPS * slot;
	for (; nrpages; nrpages--, idx--)
		clear_fixmap(idx);
	prev_map[slot] = NULL;
}

void *__init early_ioremap(phys_addr_t phys_addr, unsigned long size)
{
	return __early_ioremap(phys_addr, size, FIXMAP_PAGE_IO);
}

void *__init early_memremap(phys_addr_t phys_addr, unsigned long size)
{
	return __early_ioremap(phys_addr, size, FIXMAP_PAGE_NORMAL);
}

void *__init early_memremap_ro(phys_addr_t phys_addr, unsigned long size)
{
	return __early_ioremap(phys_addr, size, PAGE_KERNEL_RO);
}

void __init early_memunmap(void *addr, unsigned long size)
{
	early_iounmap(addr, size);
}

static bool selftest __initdata;

static int __init early_ioremap_selftest_setup(char *arg)
{
	selftest = true;
	return 0;
}
early_param("early_ioremap_selftest", early_ioremap_selftest_setup);

/*
 * Fill every slot with a mapping of the device tree's first page (read back through each:
 * the FDT magic), check that one more mapping is refused with a warning, unmap them all,
 * and check a slot is free again.
 */
void __init early_ioremap_selftest(void)
{
	void *maps[FIX_BTMAPS_SLOTS];
	const unsigned long size = sizeof(struct fdt_header);
	int i;

	if (!selftest)
		return;
	for (i = 0; i < FIX_BTMAPS_SLOTS; i++) {
		maps[i] = early_memremap(__fdt_pointer, size);
		if (!maps[i] || fdt_magic(maps[i]) != FDT_MAGIC)
			goto fail;
	}
	pr_info("early_ioremap: all %d slots in use; expecting a warning\n", FIX_BTMAPS_SLOTS);
	if (early_memremap(__fdt_pointer, size))
		goto fail;
	while (i--)
		early_memunmap(maps[i], size);
	maps[0] = early_memremap(__fdt_pointer, NR_FIX_BTMAPS * PAGE_SIZE - (__fdt_pointer & ~PAGE_MASK));
	if (!maps[0] || fdt_magic(maps[0]) != FDT_MAGIC)
		goto fail;
	early_memunmap(maps[0], NR_FIX_BTMAPS * PAGE_SIZE - (__fdt_pointer & ~PAGE_MASK));
	pr_info("early_ioremap: self-test passed\n");
	return;
fail:
	pr_err("early_ioremap: self-test FAILED at slot %d\n", i);
}
