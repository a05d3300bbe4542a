/*
 * The ELF loader (Linux's fs/binfmt_elf.c) for static AArch64 programs, ET_EXEC or
 * static-PIE ET_DYN: checks the header and program headers, maps each PT_LOAD at its
 * address (plus the load bias of a PIE), sets brk after the highest segment, builds the
 * stack exactly as Linux lays it out (create_elf_tables) and starts the program.
 *
 * Segments are read into anonymous memory (mapped writable, filled with kernel_read,
 * then given their final protection): file-backed private mappings need the page cache,
 * which the process-memory issue adds. PT_INTERP (dynamic programs) waits for that too.
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

/* Copies len bytes of file at pos to user address addr, a page at a time. */
static int read_into_user(struct file *file, loff_t pos, unsigned long addr, unsigned long len)
{
	void *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int ret = 0;

	if (!buf)
		return -ENOMEM;
	while (len && !ret) {
		unsigned long chunk = min(len, PAGE_SIZE - ELF_PAGEOFFSET(addr));
		ssize_t n = kernel_read(file, buf, chunk, &pos);

		if (n != (ssize_t)chunk)
			ret = n < 0 ? (int)n : -EIO;
		else if (copy_to_user((void __user *)addr, buf, chunk))
			ret = -EFAULT;
		addr += chunk;
		len -= chunk;
	}
	kfree(buf);
	return ret;
}

/* Maps one PT_LOAD at load_bias: anonymous, the file's bytes read in, then its protection. */
static int elf_map_segment(struct file *file, const Elf64_Phdr *p, unsigned long load_bias)
{
	unsigned long start = ELF_PAGESTART(load_bias + p->p_vaddr);
	unsigned long end = ELF_PAGEALIGN(load_bias + p->p_vaddr + p->p_memsz);
	unsigned long addr;
	int ret;

	if (end == start)
		return 0;
	addr = vm_mmap(NULL, start, end - start, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	ret = read_into_user(file, p->p_offset, load_bias + p->p_vaddr, p->p_filesz);
	if (ret)
		return ret;
	return do_mprotect_pkey(start, end - start, make_prot(p->p_flags));
}

/* Where the program headers are in the program's memory: the PT_LOAD holding them. */
static unsigned long find_phdr_addr(const Elf64_Ehdr *ex, const Elf64_Phdr *phdr,
				    unsigned long load_bias)
{
	for (int i = 0; i < ex->e_phnum; i++) {
		const Elf64_Phdr *p = &phdr[i];

		if (p->p_type == PT_LOAD && p->p_offset <= ex->e_phoff &&
		    ex->e_phoff < p->p_offset + p->p_filesz)
			return ex->e_phoff - p->p_offset + p->p_vaddr + load_bias;
	}
	return 0;
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
			     unsigned long load_bias, unsigned long phdr_addr, unsigned long entry)
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
	NEW_AUX_ENT(AT_BASE, 0);
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

/* From the point of no return on: any failure kills the process. */
static int load_elf_mappings(struct linux_binprm *bprm, const Elf64_Ehdr *ex,
			     const Elf64_Phdr *phdr, unsigned long load_bias)
{
	struct mm_struct *mm = current->mm;
	unsigned long elf_brk = 0, start_code = ~0UL, end_code = 0, start_data = 0, end_data = 0;
	int ret;

	setup_new_exec(bprm);
	ret = setup_arg_pages(bprm, STACK_TOP);
	if (ret)
		return ret;
	mm->start_stack = STACK_TOP;
	for (int i = 0; i < ex->e_phnum; i++) {
		const Elf64_Phdr *p = &phdr[i];
		unsigned long k;

		if (p->p_type != PT_LOAD)
			continue;
		ret = elf_map_segment(bprm->file, p, load_bias);
		if (ret)
			return ret;
		k = p->p_vaddr + load_bias;
		if ((p->p_flags & PF_X) && k < start_code)
			start_code = k;
		if (start_data < k)
			start_data = k;
		k += p->p_filesz;
		if ((p->p_flags & PF_X) && end_code < k)
			end_code = k;
		if (end_data < k)
			end_data = k;
		elf_brk = max(elf_brk, p->p_vaddr + load_bias + p->p_memsz);
	}
	mm->start_code = start_code;
	mm->end_code = end_code;
	mm->start_data = start_data;
	mm->end_data = end_data;
	mm->start_brk = mm->brk = ELF_PAGEALIGN(elf_brk);
	return arch_setup_additional_pages(bprm, 0);
}

int load_elf_binary(struct linux_binprm *bprm)
{
	const Elf64_Ehdr *ex = (const Elf64_Ehdr *)bprm->buf;
	unsigned long load_bias = 0, entry, phdr_addr;
	Elf64_Phdr *phdr;
	int ret;

	ret = elf_check_header(ex);
	if (ret)
		return ret;
	phdr = load_elf_phdrs(ex, bprm->file);
	if (IS_ERR(phdr))
		return PTR_ERR(phdr);
	for (int i = 0; i < ex->e_phnum; i++)
		if (phdr[i].p_type == PT_INTERP) {
			ret = -ENOEXEC;
			goto out;
		}
	/* A static PIE goes where Linux puts an ET_DYN with an interpreter, unrandomised. */
	if (ex->e_type == ET_DYN)
		load_bias = ELF_PAGESTART(ELF_ET_DYN_BASE);
	ret = elf_check_phdrs(phdr, ex->e_phnum, load_bias);
	if (ret) {
		ret = -ENOEXEC;
		goto out;
	}
	ret = begin_new_exec(bprm);
	if (ret)
		goto out;
	entry = ex->e_entry + load_bias;
	phdr_addr = find_phdr_addr(ex, phdr, load_bias);
	ret = load_elf_mappings(bprm, ex, phdr, load_bias);
	if (!ret)
		ret = copy_strings_to_stack(bprm);
	if (!ret)
		ret = create_elf_tables(bprm, ex, load_bias, phdr_addr, entry);
	if (ret) {
		/* Past the point of no return: the old program is gone. */
		force_sig(SIGSEGV);
		ret = 0;
		goto out;
	}
	start_thread(current_pt_regs(), entry, bprm->p);
out:
	kfree(phdr);
	return ret;
}
