/*
 * The sigreturn trampoline every process maps: one page holding `mov x8,
 * #__NR_rt_sigreturn; svc #0`, where a signal handler returns to unless it named its own
 * restorer (SA_RESTORER). Linux keeps this code in the vDSO (__kernel_rt_sigreturn);
 * without a vDSO we map just the page, as 32-bit ARM's [sigpage].
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/binfmts.h>
#include <uapi/asm-generic/unistd.h>
#include <asm/signal.h>

static unsigned long sigpage_pfn;

#define A64_MOVZ_X8(imm)	(0xd2800008u | ((u32)(imm) << 5))
#define A64_SVC_0		0xd4000001u

/* The page's code, written through the linear map and made visible to instruction fetch. */
void __init sigpage_init(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	u32 *code;
	unsigned long addr;

	if (!page)
		panic("sigpage: out of memory\n");
	code = page_address(page);
	code[SIGPAGE_SIGRETURN / 4] = A64_MOVZ_X8(__NR_rt_sigreturn);
	code[SIGPAGE_SIGRETURN / 4 + 1] = A64_SVC_0;
	addr = (unsigned long)code;
	__asm__ __volatile__("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb"
			     : : "r" (addr) : "memory");
	sigpage_pfn = page_to_pfn(page);
}

static unsigned int sigpage_fault(struct vm_fault *vmf)
{
	return vmf_insert_special_pfn(vmf, sigpage_pfn);
}

static const char *sigpage_name(struct vm_area_struct *vma)
{
	return "[sigpage]";
}

static const struct vm_operations_struct sigpage_vm_ops = {
	.fault = sigpage_fault,
	.name = sigpage_name,
};

int arch_setup_additional_pages(struct linux_binprm *bprm, int uses_interp)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long addr;
	int ret;

	mmap_write_lock(mm);
	addr = get_unmapped_area(NULL, 0, PAGE_SIZE, 0, 0);
	ret = IS_ERR_VALUE(addr) ? (int)addr : -ENOMEM;
	vma = IS_ERR_VALUE(addr) ? NULL : vm_area_alloc(mm);
	if (vma) {
		vma->vm_start = addr;
		vma->vm_end = addr + PAGE_SIZE;
		vma->vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC | VM_DONTEXPAND;
		vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
		vma->vm_ops = &sigpage_vm_ops;
		ret = insert_vm_struct(mm, vma);
		if (ret)
			vm_area_free(vma);
		else
			mm->sigpage = addr;
	}
	mmap_write_unlock(mm);
	return ret;
}
