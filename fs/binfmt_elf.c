/*
 * The ELF loader (Linux's fs/binfmt_elf.c) for AArch64 programs: ET_EXEC, PIEs and
 * static PIEs, dynamic or not. Checks the header and program headers, maps each PT_LOAD
 * from the file (private mappings of its page cache pages, elf_map), the bss past the
 * file's bytes zeroed (padzero) and anonymous (set_brk), brk after it; a dynamic program's
 * interpreter (PT_INTERP, glibc's ld-linux-aarch64.so.1) is mapped below mmap_base and
 * started instead, with AT_BASE saying where. A PIE goes at ELF_ET_DYN_BASE, a static
 * PIE where mmap puts it, both unrandomised (as with norandmaps). The stack is laid out
 * exactly as Linux lays it out (create_elf_tables).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/random.h>
#include <uapi/linux/elf.h>
#include <uapi/linux/mman.h>
#include <asm/elf.h>
#include <asm/processor.h>
#include <asm/signal.h>
#include <asm/uaccess.h>

#define ELF_MIN_ALIGN		PAGE_SIZE
#define ELF_PAGESTART(v)	((v) & ~(unsigned long)(ELF_MIN_ALIGN - 1))
#define ELF_PAGEOFFSET(v)	((v) & (ELF_MIN_ALIGN - 1))
#define ELF_PAGEALIGN(v)	(((v) + ELF_MIN_ALIGN - 1) & ~(ELF_MIN_ALIGN - 1))

/* The program headers of a valid header, read from the file; ERR_PTR on a bad file. */
static Elf64_Phdr *load_elf_phdrs(const Elf64_Ehdr *ex, struct file *file)
{
	unsigned long size;
	Elf64_Phdr *phdr;
	loff_t pos = ex->e_phoff;
	ssize_t n;

	if (ex->e_phentsize != sizeof(Elf64_Phdr) || ex->e_phnum < 1 ||
	    ex->e_phnum > 65536U / sizeof(Elf64_Phdr))
		return ERR_PTR(-ENOEXEC);
	size = ex->e_phnum * sizeof(Elf64_Phdr);
	phdr = kmalloc(size, GFP_KERNEL);
	if (!phdr)
		return ERR_PTR(-ENOMEM);
	n = kernel_read(file, phdr, size, &pos);
	if (n != (ssize_t)size) {
		kfree(phdr);
		return ERR_PTR(n < 0 ? n : -EIO);
	}
	return phdr;
}

/*
 * elf_check_header - whether buf starts a 64-bit little-endian AArch64 ELF executable
 * or static PIE this loader takes. Pure: host-tested.
 */
int elf_check_header(const Elf64_Ehdr *ex)
{
	if (memcmp(ex->e_ident, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	if (ex->e_ident[EI_CLASS] != ELFCLASS64 || ex->e_ident[EI_DATA] != ELFDATA2LSB ||
	    ex->e_ident[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	if (ex->e_type != ET_EXEC && ex->e_type != ET_DYN)
		return -ENOEXEC;
	if (ex->e_machine != EM_AARCH64)
		return -ENOEXEC;
	return 0;
}

/*
 * elf_check_phdrs - the loadable segments must be sane: memsz >= filesz, the file
 * offset and address agree modulo the page size, nothing wraps or reaches TASK_SIZE
 * once biased. Pure: host-tested.
 */
int elf_check_phdrs(const Elf64_Phdr *phdr, int phnum, unsigned long load_bias)
{
	int nr_load = 0;

	for (int i = 0; i < phnum; i++) {
		const Elf64_Phdr *p = &phdr[i];
		unsigned long end;

		if (p->p_type != PT_LOAD)
			continue;
		nr_load++;
		if (p->p_filesz > p->p_memsz || ELF_PAGEOFFSET(p->p_vaddr) != ELF_PAGEOFFSET(p->p_offset))
			return -EINVAL;
		end = load_bias + p->p_vaddr + p->p_memsz;
		if (end < load_bias + p->p_vaddr || end > TASK_SIZE || p->p_offset + p->p_filesz < p->p_offset)
			return -EINVAL;
	}
	return nr_load ? 0 : -ENOEXEC;
}

static unsigned long make_prot(u32 p_flags)
{
	return ((p_flags & PF_R) ? PROT_READ : 0) | ((p_flags & PF_W) ? PROT_WRITE : 0) |
	       ((p_flags & PF_X) ? PROT_EXEC : 0);
}

/* Any address a mapping may not start at or reach (Linux's BAD_ADDR). */
#define BAD_ADDR(x)	((unsigned long)(x) >= TASK_SIZE)

/*
 * Maps the file part of one PT_LOAD at addr (private, from the page cache). The first
 * mapping of an image reserves total_size, the whole image, so that the segments after
 * it land in room of its own; what lies past this segment is unmapped again at once.
 * Returns the address or -errno.
 */
static unsigned long elf_map(struct file *filep, unsigned long addr, const Elf64_Phdr *eppnt,
			     unsigned long prot, unsigned long type, unsigned long total_size)
{
	unsigned long size = ELF_PAGEALIGN(eppnt->p_filesz + ELF_PAGEOFFSET(eppnt->p_vaddr));
	unsigned long off = eppnt->p_offset - ELF_PAGEOFFSET(eppnt->p_vaddr);
	unsigned long map_addr;

	addr = ELF_PAGESTART(addr);
	/* A segment of bss only: nothing from the file (set_brk maps it). */
	if (!size)
		return addr;
	if (total_size) {
		total_size = ELF_PAGEALIGN(total_size);
		map_addr = vm_mmap(filep, addr, total_size, prot, type, off);
		if (!BAD_ADDR(map_addr))
			vm_munmap(map_addr + size, total_size - size);
	} else {
		map_addr = vm_mmap(filep, addr, size, prot, type, off);
	}
	if ((type & MAP_FIXED_NOREPLACE) && map_addr == (unsigned long)-EEXIST)
		pr_info("%d (%s): Uhuuh, elf segment at %lx requested but the memory is mapped already\n",
			current->pid, current->comm, addr);
	return map_addr;
}

/* The span of the PT_LOADs from the first one's page to the last one's end; 0 if none. */
static unsigned long total_mapping_size(const Elf64_Phdr *phdr, int nr)
{
	unsigned long min_addr = ~0UL, max_addr = 0;
	bool pt_load = false;

	for (int i = 0; i < nr; i++) {
		if (phdr[i].p_type != PT_LOAD)
			continue;
		min_addr = min(min_addr, ELF_PAGESTART(phdr[i].p_vaddr));
		max_addr = max(max_addr, phdr[i].p_vaddr + phdr[i].p_memsz);
		pt_load = true;
	}
	return pt_load ? max_addr - min_addr : 0;
}

/* The largest power-of-two p_align of the PT_LOADs, at least a page (0 if none is). */
static unsigned long maximum_alignment(const Elf64_Phdr *phdr, int nr)
{
	unsigned long alignment = 0;

	for (int i = 0; i < nr; i++) {
		unsigned long p_align = phdr[i].p_align;

		if (phdr[i].p_type != PT_LOAD || !p_align || (p_align & (p_align - 1)))
			continue;
		if (p_align >= ELF_MIN_ALIGN)
			alignment = max(alignment, p_align);
	}
	return alignment;
}

/* Zeroes from elf_bss to the end of its page: the file's bytes there are not the bss's. */
static int padzero(unsigned long elf_bss)
{
	unsigned long nbyte = ELF_PAGEOFFSET(elf_bss);

	if (nbyte && clear_user((void __user *)elf_bss, ELF_MIN_ALIGN - nbyte))
		return -EFAULT;
	return 0;
}

/* The bss pages past the file's last page, anonymous; brk starts after them. */
static int set_brk(unsigned long start, unsigned long end, unsigned long prot)
{
	start = ELF_PAGEALIGN(start);
	end = ELF_PAGEALIGN(end);
	if (end > start) {
		int error = vm_brk_flags(start, end - start, (prot & PROT_EXEC) ? VM_EXEC : 0);

		if (error)
			return error;
	}
	current->mm->start_brk = current->mm->brk = end;
	return 0;
}

/* The segment's end in memory is past TASK_SIZE or before its start. */
static bool segment_out_of_range(const Elf64_Phdr *p, unsigned long k)
{
	return BAD_ADDR(k) || p->p_filesz > p->p_memsz || p->p_memsz > TASK_SIZE ||
	       TASK_SIZE - p->p_memsz < k;
}

/*
 * Maps the interpreter (ld.so): an ET_DYN one wherever mmap puts its whole image (top
 * down below mmap_base), the rest of its segments fixed after the first; its bss zeroed
 * as the program's. Returns its load address (AT_BASE) or -errno.
 */
static unsigned long load_elf_interp(const Elf64_Ehdr *interp_ex, struct file *interpreter,
				     unsigned long no_base, const Elf64_Phdr *interp_phdr)
{
	unsigned long load_addr = 0, last_bss = 0, elf_bss = 0, bss_prot = 0, total_size;
	bool load_addr_set = false;

	if (!interpreter->f_op || !interpreter->f_op->mmap)
		return -ENOEXEC;
	total_size = total_mapping_size(interp_phdr, interp_ex->e_phnum);
	if (!total_size)
		return -EINVAL;
	for (int i = 0; i < interp_ex->e_phnum; i++) {
		const Elf64_Phdr *p = &interp_phdr[i];
		unsigned long type = MAP_PRIVATE, prot = make_prot(p->p_flags), map_addr, k;

		if (p->p_type != PT_LOAD)
			continue;
		if (interp_ex->e_type == ET_EXEC || load_addr_set)
			type |= MAP_FIXED;
		else if (no_base && interp_ex->e_type == ET_DYN)
			load_addr = -p->p_vaddr;
		map_addr = elf_map(interpreter, load_addr + p->p_vaddr, p, prot, type, total_size);
		total_size = 0;
		if (BAD_ADDR(map_addr))
			return map_addr;
		if (!load_addr_set && interp_ex->e_type == ET_DYN) {
			load_addr = map_addr - ELF_PAGESTART(p->p_vaddr);
			load_addr_set = true;
		}
		k = load_addr + p->p_vaddr;
		if (segment_out_of_range(p, k))
			return -ENOMEM;
		elf_bss = max(elf_bss, k + p->p_filesz);
		if (k + p->p_memsz > last_bss) {
			last_bss = k + p->p_memsz;
			bss_prot = prot;
		}
	}
	if (padzero(elf_bss))
		return -EFAULT;
	elf_bss = ELF_PAGEALIGN(elf_bss);
	last_bss = ELF_PAGEALIGN(last_bss);
	if (last_bss > elf_bss) {
		int error = vm_brk_flags(elf_bss, last_bss - elf_bss,
					 (bss_prot & PROT_EXEC) ? VM_EXEC : 0);

		if (error)
			return error;
	}
	return load_addr;
}

/* Pushes n bytes of data below *p on the user stack; returns the address. */
static unsigned long push_bytes(unsigned long *p, const void *data, unsigned long n, int *err)
{
	*p -= n;
	if (copy_to_user((void __user *)*p, data, n))
		*err = -EFAULT;
	return *p;
}

/*
 * create_elf_tables - argc, argv, envp and the auxiliary vector, below the strings:
 * from the top, the platform string, 16 random bytes, then (16-byte aligned) argc,
 * argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL. As Linux, with no vDSO
 * (no AT_SYSINFO_EHDR).
 */
static int create_elf_tables(struct linux_binprm *bprm, const Elf64_Ehdr *ex,
			     unsigned long interp_load_addr, unsigned long phdr_addr,
			     unsigned long entry)
{
	const struct cred *cred = current->cred;
	unsigned long p = bprm->p & ~15UL, u_platform, u_rand, sp, items, str;
	u64 auxv[2 * AT_VECTOR_SIZE], rand[2];
	int ei = 0, err = 0;

	u_platform = push_bytes(&p, ELF_PLATFORM, sizeof(ELF_PLATFORM), &err);
	get_random_bytes(rand, sizeof(rand));
	u_rand = push_bytes(&p, rand, sizeof(rand), &err);
#define NEW_AUX_ENT(id, val) do { auxv[ei++] = (id); auxv[ei++] = (val); } while (0)
	NEW_AUX_ENT(AT_MINSIGSTKSZ, signal_minsigstksz());
	NEW_AUX_ENT(AT_HWCAP, ELF_HWCAP);
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, 100);
	NEW_AUX_ENT(AT_PHDR, phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf64_Phdr));
	NEW_AUX_ENT(AT_PHNUM, ex->e_phnum);
	NEW_AUX_ENT(AT_BASE, interp_load_addr);
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, entry);
	NEW_AUX_ENT(AT_UID, cred->uid);
	NEW_AUX_ENT(AT_EUID, cred->euid);
	NEW_AUX_ENT(AT_GID, cred->gid);
	NEW_AUX_ENT(AT_EGID, cred->egid);
	NEW_AUX_ENT(AT_SECURE, bprm->secureexec);
	NEW_AUX_ENT(AT_RANDOM, u_rand);
	NEW_AUX_ENT(AT_HWCAP2, ELF_HWCAP2);
	NEW_AUX_ENT(AT_EXECFN, bprm->exec);
	NEW_AUX_ENT(AT_PLATFORM, u_platform);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT
	items = (bprm->argc + 1) + (bprm->envc + 1) + 1;
	sp = (p - ei * sizeof(u64) - items * sizeof(u64)) & ~15UL;
	bprm->p = sp;
	err |= put_user((u64)bprm->argc, (u64 __user *)sp);
	sp += sizeof(u64);
	str = current->mm->arg_start;
	for (int i = 0; i < bprm->argc + bprm->envc + 2; i++) {
		u64 val = 0;

		/* argv's NULL comes after argc pointers, envp's after envc more. */
		if (i != bprm->argc && i != bprm->argc + bprm->envc + 1) {
			val = str;
			str += strnlen_user((const char __user *)str, MAX_ARG_STRLEN);
		}
		err |= put_user(val, (u64 __user *)sp);
		sp += sizeof(u64);
	}
	if (copy_to_user((void __user *)sp, auxv, ei * sizeof(u64)))
		err = -EFAULT;
	return err;
}

/* The program's layout as load_elf_binary found it (Linux's locals of the same names). */
struct elf_layout {
	unsigned long load_bias, phdr_addr, elf_bss, elf_brk, bss_prot;
	unsigned long start_code, end_code, start_data, end_data;
};

/*
 * A segment after one whose bss (memsz > filesz) ended: that bss is mapped and zeroed
 * now, before the next segment may cover its page.
 */
static int map_pending_bss(struct elf_layout *l)
{
	unsigned long nbyte = ELF_PAGEOFFSET(l->elf_bss);
	int ret = set_brk(l->elf_bss + l->load_bias, l->elf_brk + l->load_bias, l->bss_prot);

	if (ret || !nbyte)
		return ret;
	nbyte = min(ELF_MIN_ALIGN - nbyte, l->elf_brk - l->elf_bss);
	/* Odd protections may make this fail: Linux ignores that, and so do we. */
	(void)clear_user((void __user *)(l->elf_bss + l->load_bias), nbyte);
	return 0;
}

/*
 * Where the first PT_LOAD goes: an ET_EXEC at its address; an ET_DYN with an interpreter
 * (a PIE) at ELF_ET_DYN_BASE aligned to its segments, unrandomised (norandmaps); a
 * static PIE wherever mmap puts its whole image. Sets load_bias and the mmap type.
 */
static unsigned long first_load_flags(const Elf64_Ehdr *ex, const Elf64_Phdr *phdr,
				      bool interpreter, unsigned long vaddr, struct elf_layout *l,
				      unsigned long *total_size)
{
	unsigned long alignment;

	if (ex->e_type == ET_EXEC)
		return MAP_PRIVATE | MAP_FIXED_NOREPLACE;
	l->load_bias = 0;
	if (interpreter) {
		l->load_bias = ELF_ET_DYN_BASE;
		alignment = maximum_alignment(phdr, ex->e_phnum);
		if (alignment)
			l->load_bias &= ~(alignment - 1);
	}
	l->load_bias = ELF_PAGESTART(l->load_bias - vaddr);
	*total_size = total_mapping_size(phdr, ex->e_phnum);
	return MAP_PRIVATE | (interpreter ? MAP_FIXED_NOREPLACE : 0);
}

/* One PT_LOAD of the program, then the layout's bounds extended over it. */
static int load_elf_segment(struct linux_binprm *bprm, const Elf64_Ehdr *ex,
			    const Elf64_Phdr *phdr, const Elf64_Phdr *p, bool interpreter,
			    bool first, struct elf_layout *l)
{
	unsigned long prot = make_prot(p->p_flags), total_size = 0, flags = MAP_PRIVATE | MAP_FIXED;
	unsigned long vaddr = p->p_vaddr, error, k;
	int ret;

	if (l->elf_brk > l->elf_bss) {
		ret = map_pending_bss(l);
		if (ret)
			return ret;
	}
	if (first)
		flags = first_load_flags(ex, phdr, interpreter, vaddr, l, &total_size);
	error = elf_map(bprm->file, l->load_bias + vaddr, p, prot, flags, total_size);
	if (BAD_ADDR(error))
		return IS_ERR_VALUE(error) ? (int)error : -EINVAL;
	if (first && ex->e_type == ET_DYN)
		l->load_bias += error - ELF_PAGESTART(l->load_bias + vaddr);
	if (p->p_offset <= ex->e_phoff && ex->e_phoff < p->p_offset + p->p_filesz)
		l->phdr_addr = ex->e_phoff - p->p_offset + vaddr;
	k = vaddr;
	if ((p->p_flags & PF_X) && k < l->start_code)
		l->start_code = k;
	l->start_data = max(l->start_data, k);
	if (segment_out_of_range(p, k))
		return -EINVAL;
	k = vaddr + p->p_filesz;
	l->elf_bss = max(l->elf_bss, k);
	if ((p->p_flags & PF_X) && l->end_code < k)
		l->end_code = k;
	l->end_data = max(l->end_data, k);
	k = vaddr + p->p_memsz;
	if (k > l->elf_brk) {
		l->bss_prot = prot;
		l->elf_brk = k;
	}
	return 0;
}

/*
 * From the point of no return on (any failure kills the process): the stack, each
 * PT_LOAD mapped from the file, the bss, then brk after it.
 */
static int load_elf_mappings(struct linux_binprm *bprm, const Elf64_Ehdr *ex,
			     const Elf64_Phdr *phdr, bool interpreter, struct elf_layout *l)
{
	struct mm_struct *mm = current->mm;
	bool first = true;
	int ret;

	setup_new_exec(bprm);
	ret = setup_arg_pages(bprm, STACK_TOP);
	if (ret)
		return ret;
	mm->start_stack = STACK_TOP;
	*l = (struct elf_layout){ .start_code = ~0UL };
	for (int i = 0; i < ex->e_phnum; i++) {
		if (phdr[i].p_type != PT_LOAD)
			continue;
		ret = load_elf_segment(bprm, ex, phdr, &phdr[i], interpreter, first, l);
		if (ret)
			return ret;
		first = false;
	}
	l->phdr_addr += l->load_bias;
	l->elf_bss += l->load_bias;
	l->elf_brk += l->load_bias;
	mm->start_code = l->start_code + l->load_bias;
	mm->end_code = l->end_code + l->load_bias;
	mm->start_data = l->start_data + l->load_bias;
	mm->end_data = l->end_data + l->load_bias;
	/* The bss before the interpreter, so that it cannot land where the bss goes. */
	ret = set_brk(l->elf_bss, l->elf_brk, l->bss_prot);
	if (ret)
		return ret;
	if (l->elf_bss != l->elf_brk && padzero(l->elf_bss))
		return -EFAULT;
	return 0;
}

/* The program interpreter of a dynamic program (PT_INTERP), with its headers read. */
struct elf_interp {
	struct file *file;
	Elf64_Ehdr ex;
	Elf64_Phdr *phdr;
};

/* Opens the PT_INTERP program named by p, an ELF of ours; 0 or -errno. */
static int open_elf_interp(struct file *file, const Elf64_Phdr *p, struct elf_interp *interp)
{
	loff_t pos = (loff_t)p->p_offset;
	char *name;
	int ret = -ENOEXEC;

	if (p->p_filesz > PATH_MAX || p->p_filesz < 2)
		return -ENOEXEC;
	name = kmalloc(p->p_filesz, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	if (kernel_read(file, name, p->p_filesz, &pos) != (ssize_t)p->p_filesz ||
	    name[p->p_filesz - 1])
		goto out;
	interp->file = open_exec(name);
	ret = IS_ERR(interp->file) ? (int)PTR_ERR(interp->file) : 0;
	if (ret) {
		interp->file = NULL;
		goto out;
	}
	pos = 0;
	ret = -ENOEXEC;
	if (kernel_read(interp->file, &interp->ex, sizeof(interp->ex), &pos) != sizeof(interp->ex) ||
	    elf_check_header(&interp->ex))
		goto out;
	interp->phdr = load_elf_phdrs(&interp->ex, interp->file);
	ret = IS_ERR(interp->phdr) ? (int)PTR_ERR(interp->phdr) : 0;
	if (ret)
		interp->phdr = NULL;
out:
	kfree(name);
	return ret;
}

/* The PT_INTERP of the program, opened, if it has one; 0 or -errno. */
static int find_elf_interp(struct linux_binprm *bprm, const Elf64_Ehdr *ex,
			   const Elf64_Phdr *phdr, struct elf_interp *interp)
{
	for (int i = 0; i < ex->e_phnum; i++)
		if (phdr[i].p_type == PT_INTERP)
			return open_elf_interp(bprm->file, &phdr[i], interp);
	return 0;
}

/* After the program's mappings: the interpreter's, the sigpage, the stack's tables. */
static int finish_elf_exec(struct linux_binprm *bprm, const Elf64_Ehdr *ex,
			   struct elf_interp *interp, struct elf_layout *l, unsigned long *entry)
{
	unsigned long interp_load_addr = 0, e_entry = ex->e_entry + l->load_bias;
	int ret;

	*entry = e_entry;
	if (interp->file) {
		interp_load_addr = load_elf_interp(&interp->ex, interp->file, l->load_bias,
						   interp->phdr);
		if (BAD_ADDR(interp_load_addr))
			return IS_ERR_VALUE(interp_load_addr) ? (int)interp_load_addr : -EINVAL;
		*entry = interp_load_addr + interp->ex.e_entry;
	}
	ret = arch_setup_additional_pages(bprm, 0);
	if (!ret)
		ret = copy_strings_to_stack(bprm);
	if (!ret)
		ret = create_elf_tables(bprm, ex, interp_load_addr, l->phdr_addr, e_entry);
	return ret;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	const Elf64_Ehdr *ex = (const Elf64_Ehdr *)bprm->buf;
	struct elf_interp interp = { NULL };
	struct elf_layout layout;
	unsigned long entry;
	Elf64_Phdr *phdr;
	int ret;

	ret = elf_check_header(ex);
	if (ret)
		return ret;
	if (!bprm->file->f_op || !bprm->file->f_op->mmap)
		return -ENOEXEC;
	phdr = load_elf_phdrs(ex, bprm->file);
	if (IS_ERR(phdr))
		return PTR_ERR(phdr);
	ret = -ENOEXEC;
	if (elf_check_phdrs(phdr, ex->e_phnum, 0))
		goto out;
	ret = find_elf_interp(bprm, ex, phdr, &interp);
	if (ret)
		goto out;
	ret = begin_new_exec(bprm);
	if (ret)
		goto out;
	ret = load_elf_mappings(bprm, ex, phdr, interp.file != NULL, &layout);
	if (!ret)
		ret = finish_elf_exec(bprm, ex, &interp, &layout, &entry);
	if (ret) {
		/* Past the point of no return: the old program is gone. */
		force_sig(SIGSEGV);
		ret = 0;
		goto out;
	}
	start_thread(current_pt_regs(), entry, bprm->p);
out:
	if (interp.file)
		fput(interp.file);
	kfree(interp.phdr);
	kfree(phdr);
	return ret;
}
