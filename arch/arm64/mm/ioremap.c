/*
 * ioremap for arm64: device registers mapped into the vmalloc range (VM_IOREMAP areas)
 * with a device memory type, as Linux's arch/arm64/mm/ioremap.c. RAM the kernel maps
 * already is refused: a second, uncached alias of it would break coherency.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/pgtable.h>

#define PHYS_MASK_SHIFT	48	/* CONFIG_ARM64_PA_BITS */
#define PROT_NORMAL_NC	(PROT_DEFAULT | PTE_PXN | PTE_UXN | PTE_WRITE | PTE_DIRTY | \
			 PTE_ATTRINDX(MT_NORMAL_NC))

static void *__ioremap_caller(phys_addr_t phys_addr, size_t size, pgprot_t prot,
			      const void *caller)
{
	unsigned long offset = phys_addr & ~PAGE_MASK, addr;
	phys_addr_t last_addr = phys_addr + size - 1;
	struct vm_struct *area;

	phys_addr &= PAGE_MASK;
	size = PAGE_ALIGN(size + offset);
	if (!size || last_addr < phys_addr || (last_addr >> PHYS_MASK_SHIFT))
		return NULL;
	if (WARN_ON(memblock_is_map_memory(phys_addr)))
		return NULL;
	area = get_vm_area_caller(size, VM_IOREMAP, caller);
	if (!area)
		return NULL;
	addr = (unsigned long)area->addr;
	area->phys_addr = phys_addr;
	if (vmap_range_noflush(addr, addr + size, phys_addr, prot)) {
		vunmap(area->addr);
		return NULL;
	}
	return (void *)(addr + offset);
}

void *ioremap_prot(phys_addr_t phys_addr, size_t size, u64 prot)
{
	return __ioremap_caller(phys_addr, size, __pgprot(prot), __builtin_return_address(0));
}

void *ioremap(phys_addr_t phys_addr, size_t size)
{
	return __ioremap_caller(phys_addr, size, __pgprot(PROT_DEVICE_nGnRE),
				__builtin_return_address(0));
}

void *ioremap_wc(phys_addr_t phys_addr, size_t size)
{
	return __ioremap_caller(phys_addr, size, __pgprot(PROT_NORMAL_NC),
				__builtin_return_address(0));
}

/* Takes down what ioremap mapped; addr may point anywhere in the first page. */
void iounmap(volatile void *addr)
{
	unsigned long a = (unsigned long)addr;

	if (WARN_ON(!is_vmalloc_addr((void *)a)))
		return;
	vunmap((void *)(a & PAGE_MASK));
}
