/*
 * A process's mappings as /proc shows them (Linux's fs/proc/task_mmu.c): the Vm* lines
 * of status, statm, maps, smaps, smaps_rollup, pagemap and numa_maps. maps and smaps
 * iterate the VMA list (one record per VMA, mmap_lock held from start to stop); the
 * page counts come from walking the page tables.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/uio.h>
#include <linux/nodemask.h>
#include <linux/pagewalk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <asm/pgtable.h>
#include <linux/cred.h>
#include "internal.h"

#define SEQ_PUT_DEC(str, val) \
	seq_put_decimal_ull_width(m, str, (val) << (PAGE_SHIFT - 10), 8)

void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long text, lib, swap, anon, file, shmem;
	unsigned long hiwater_vm, total_vm, hiwater_rss, total_rss;

	anon = (unsigned long)get_mm_counter(mm, MM_ANONPAGES);
	file = (unsigned long)get_mm_counter(mm, MM_FILEPAGES);
	shmem = (unsigned long)get_mm_counter(mm, MM_SHMEMPAGES);
	hiwater_vm = total_vm = mm->total_vm;
	if (hiwater_vm < mm->hiwater_vm)
		hiwater_vm = mm->hiwater_vm;
	hiwater_rss = total_rss = anon + file + shmem;
	if (hiwater_rss < mm->hiwater_rss)
		hiwater_rss = mm->hiwater_rss;
	text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);
	text = min(text, mm->exec_vm << PAGE_SHIFT);
	lib = (mm->exec_vm << PAGE_SHIFT) - text;
	swap = (unsigned long)get_mm_counter(mm, MM_SWAPENTS);
	SEQ_PUT_DEC("VmPeak:\t", hiwater_vm);
	SEQ_PUT_DEC(" kB\nVmSize:\t", total_vm);
	SEQ_PUT_DEC(" kB\nVmLck:\t", mm->locked_vm);
	/* No long-term pins (FOLL_PIN) here. */
	SEQ_PUT_DEC(" kB\nVmPin:\t", 0UL);
	SEQ_PUT_DEC(" kB\nVmHWM:\t", hiwater_rss);
	SEQ_PUT_DEC(" kB\nVmRSS:\t", total_rss);
	SEQ_PUT_DEC(" kB\nRssAnon:\t", anon);
	SEQ_PUT_DEC(" kB\nRssFile:\t", file);
	SEQ_PUT_DEC(" kB\nRssShmem:\t", shmem);
	SEQ_PUT_DEC(" kB\nVmData:\t", mm->data_vm);
	SEQ_PUT_DEC(" kB\nVmStk:\t", mm->stack_vm);
	seq_put_decimal_ull_width(m, " kB\nVmExe:\t", text >> 10, 8);
	seq_put_decimal_ull_width(m, " kB\nVmLib:\t", lib >> 10, 8);
	seq_put_decimal_ull_width(m, " kB\nVmPTE:\t", mm->pgtables_bytes >> 10, 8);
	SEQ_PUT_DEC(" kB\nVmSwap:\t", swap);
	seq_puts(m, " kB\n");
}

unsigned long task_statm(struct mm_struct *mm, unsigned long *shared, unsigned long *text,
			 unsigned long *data, unsigned long *resident)
{
	*shared = (unsigned long)(get_mm_counter(mm, MM_FILEPAGES) +
				  get_mm_counter(mm, MM_SHMEMPAGES));
	*text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	*data = mm->data_vm + mm->stack_vm;
	*resident = *shared + (unsigned long)get_mm_counter(mm, MM_ANONPAGES);
	return mm->total_vm;
}

/* ---- maps: one record per VMA ------------------------------------------------------------ */

struct proc_maps_private {
	struct inode *inode;
	struct mm_struct *mm;		/* pinned at open (mm_users) */
	struct mempolicy *task_mempolicy;	/* numa_maps: the task's, held while reading */
};

static void *m_start(struct seq_file *m, loff_t *ppos)
{
	struct proc_maps_private *priv = m->private;
	struct vm_area_struct *vma;
	loff_t pos = *ppos;

	if (!priv->mm)
		return NULL;
	mmap_read_lock(priv->mm);
	for (vma = priv->mm->mmap; vma && pos; vma = vma->vm_next)
		pos--;
	return vma;
}

static void *m_next(struct seq_file *m, void *v, loff_t *ppos)
{
	++*ppos;
	return ((struct vm_area_struct *)v)->vm_next;
}

static void m_stop(struct seq_file *m, void *v)
{
	struct proc_maps_private *priv = m->private;

	if (priv->mm)
		mmap_read_unlock(priv->mm);
}

static int proc_maps_open(struct inode *inode, struct file *file,
			  const struct seq_operations *ops)
{
	struct proc_maps_private *priv = __seq_open_private(file, ops, sizeof(*priv));
	struct mm_struct *mm;

	if (!priv)
		return -ENOMEM;
	mm = proc_mem_open(inode);
	if (IS_ERR(mm)) {
		seq_release_private(inode, file);
		return (int)PTR_ERR(mm);
	}
	priv->inode = inode;
	priv->mm = mm;
	return 0;
}

static int proc_map_release(struct inode *inode, struct file *file)
{
	struct seq_file *seq = file->private_data;
	struct proc_maps_private *priv = seq->private;

	if (priv->mm)
		mmput(priv->mm);
	return seq_release_private(inode, file);
}

static void show_vma_header_prefix(struct seq_file *m, unsigned long start, unsigned long end,
				   unsigned long flags, unsigned long long pgoff, dev_t dev,
				   unsigned long ino)
{
	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_put_hex_ll(m, NULL, start, 8);
	seq_put_hex_ll(m, "-", end, 8);
	seq_putc(m, ' ');
	seq_putc(m, flags & VM_READ ? 'r' : '-');
	seq_putc(m, flags & VM_WRITE ? 'w' : '-');
	seq_putc(m, flags & VM_EXEC ? 'x' : '-');
	seq_putc(m, flags & VM_MAYSHARE ? 's' : 'p');
	seq_put_hex_ll(m, " ", pgoff, 8);
	seq_put_hex_ll(m, " ", MAJOR(dev), 2);
	seq_put_hex_ll(m, ":", MINOR(dev), 2);
	seq_put_decimal_ull(m, " ", ino);
	seq_putc(m, ' ');
}

static bool is_stack(struct vm_area_struct *vma)
{
	return vma->vm_start <= vma->vm_mm->start_stack &&
	       vma->vm_end >= vma->vm_mm->start_stack;
}

static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct file *file = vma->vm_file;
	unsigned long long pgoff = 0;
	unsigned long ino = 0;
	const char *name = NULL;
	dev_t dev = 0;

	if (file) {
		struct inode *inode = file_inode(file);

		dev = inode->i_sb->s_dev;
		ino = inode->i_ino;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	}
	show_vma_header_prefix(m, vma->vm_start, vma->vm_end, vma->vm_flags, pgoff, dev, ino);
	if (file) {
		seq_pad(m, ' ');
		seq_file_path(m, file, "\n");
		seq_putc(m, '\n');
		return;
	}
	if (vma->vm_ops && vma->vm_ops->name)
		name = vma->vm_ops->name(vma);
	else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		name = "[heap]";
	else if (is_stack(vma))
		name = "[stack]";
	if (name) {
		seq_pad(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

static int show_map(struct seq_file *m, void *v)
{
	show_map_vma(m, v);
	return 0;
}

static const struct seq_operations proc_pid_maps_op = {
	.start	= m_start,
	.next	= m_next,
	.stop	= m_stop,
	.show	= show_map,
};

static int pid_maps_open(struct inode *inode, struct file *file)
{
	return proc_maps_open(inode, file, &proc_pid_maps_op);
}

const struct file_operations proc_pid_maps_operations = {
	.open		= pid_maps_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= proc_map_release,
};

/* ---- smaps ------------------------------------------------------------------------------- */

#define PSS_SHIFT 12

/* What smaps sums over a VMA's present pages; sizes in bytes, pss << PSS_SHIFT. */
struct mem_size_stats {
	unsigned long resident;
	unsigned long shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous;
	unsigned long swap;
	u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked;
	unsigned long nr_vmas_locked;
};

/* The mappings of a user page: _mapcount + 1 (rmap.h's page_mapcount). */
static int smaps_mapcount(const struct page *page)
{
	return __atomic_load_n(&page->_mapcount, __ATOMIC_RELAXED) + 1;
}

static int smaps_pte_entry(pte_t *ptep, unsigned long addr, unsigned long next,
			   struct mm_walk *walk)
{
	struct mem_size_stats *mss = walk->private;
	pte_t pte = READ_ONCE(*ptep);
	bool dirty, locked = walk->vma->vm_flags & VM_LOCKED;
	struct page *page;
	int mapcount;
	u64 pss;

	if (!pte_present(pte) || pte_special(pte))
		return 0;	/* the zero page and special pages are no one's (vm_normal_page) */
	page = pte_page(pte);
	dirty = pte_dirty(pte);
	mapcount = max(smaps_mapcount(page), 1);
	mss->resident += PAGE_SIZE;
	if (pte_val(pte) & PTE_AF)
		mss->referenced += PAGE_SIZE;
	if (vma_is_anonymous(walk->vma))
		mss->anonymous += PAGE_SIZE;
	pss = ((u64)PAGE_SIZE << PSS_SHIFT) / (u64)mapcount;
	if (mapcount >= 2) {
		if (dirty)
			mss->shared_dirty += PAGE_SIZE;
		else
			mss->shared_clean += PAGE_SIZE;
	} else if (dirty) {
		mss->private_dirty += PAGE_SIZE;
	} else {
		mss->private_clean += PAGE_SIZE;
	}
	mss->pss += pss;
	if (dirty)
		mss->pss_dirty += pss;
	if (vma_is_anonymous(walk->vma))
		mss->pss_anon += pss;
	else
		mss->pss_file += pss;
	if (locked)
		mss->pss_locked += pss;
	return 0;
}

static const struct mm_walk_ops smaps_walk_ops = {
	.pte_entry = smaps_pte_entry,
};

#define SMAP_DEC(str, val) seq_put_decimal_ull_width(m, str, (val) >> 10, 8)

static void __show_smap(struct seq_file *m, const struct mem_size_stats *mss, bool rollup)
{
	SMAP_DEC("Rss:            ", mss->resident);
	SMAP_DEC(" kB\nPss:            ", mss->pss >> PSS_SHIFT);
	SMAP_DEC(" kB\nPss_Dirty:      ", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		SMAP_DEC(" kB\nPss_Anon:       ", mss->pss_anon >> PSS_SHIFT);
		SMAP_DEC(" kB\nPss_File:       ", mss->pss_file >> PSS_SHIFT);
		SMAP_DEC(" kB\nPss_Shmem:      ", mss->pss_shmem >> PSS_SHIFT);
	}
	SMAP_DEC(" kB\nShared_Clean:   ", mss->shared_clean);
	SMAP_DEC(" kB\nShared_Dirty:   ", mss->shared_dirty);
	SMAP_DEC(" kB\nPrivate_Clean:  ", mss->private_clean);
	SMAP_DEC(" kB\nPrivate_Dirty:  ", mss->private_dirty);
	SMAP_DEC(" kB\nReferenced:     ", mss->referenced);
	SMAP_DEC(" kB\nAnonymous:      ", mss->anonymous);
	/* No MADV_FREE, THP or hugetlb pages here: those lines are 0. */
	SMAP_DEC(" kB\nLazyFree:       ", 0UL);
	SMAP_DEC(" kB\nAnonHugePages:  ", 0UL);
	SMAP_DEC(" kB\nShmemPmdMapped: ", 0UL);
	SMAP_DEC(" kB\nFilePmdMapped:  ", 0UL);
	SMAP_DEC(" kB\nShared_Hugetlb: ", 0UL);
	seq_put_decimal_ull_width(m, " kB\nPrivate_Hugetlb: ", 0, 7);
	SMAP_DEC(" kB\nSwap:           ", mss->swap);
	SMAP_DEC(" kB\nSwapPss:        ", 0UL);
	SMAP_DEC(" kB\nLocked:         ", mss->pss_locked >> PSS_SHIFT);
	seq_puts(m, " kB\n");
}

/* VmFlags' two-letter names by flag bit, as Linux's show_smap_vma_flags. */
static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *vma)
{
	static const char mnemonics[32][2] = {
		[0] = "rd", [1] = "wr", [2] = "ex", [3] = "sh", [4] = "mr", [5] = "mw",
		[6] = "me", [7] = "ms", [8] = "gd", [10] = "pf", [13] = "lo", [14] = "io",
		[17] = "dc", [18] = "de", [20] = "ac", [21] = "nr",
	};

	seq_puts(m, "VmFlags: ");
	for (unsigned int i = 0; i < 32; i++) {
		if (!mnemonics[i][0] || !(vma->vm_flags & (1UL << i)))
			continue;
		seq_putc(m, mnemonics[i][0]);
		seq_putc(m, mnemonics[i][1]);
		seq_putc(m, ' ');
	}
	seq_putc(m, '\n');
}

static int show_smap(struct seq_file *m, void *v)
{
	struct vm_area_struct *vma = v;
	struct mem_size_stats mss = { 0 };

	walk_page_vma(vma, &smaps_walk_ops, &mss);
	show_map_vma(m, vma);
	SMAP_DEC("Size:           ", vma->vm_end - vma->vm_start);
	SMAP_DEC(" kB\nKernelPageSize: ", PAGE_SIZE);
	SMAP_DEC(" kB\nMMUPageSize:    ", PAGE_SIZE);
	seq_puts(m, " kB\n");
	__show_smap(m, &mss, false);
	seq_puts(m, "THPeligible:    0\n");
	show_smap_vma_flags(m, vma);
	return 0;
}

static const struct seq_operations proc_pid_smaps_op = {
	.start	= m_start,
	.next	= m_next,
	.stop	= m_stop,
	.show	= show_smap,
};

static int pid_smaps_open(struct inode *inode, struct file *file)
{
	return proc_maps_open(inode, file, &proc_pid_smaps_op);
}

const struct file_operations proc_pid_smaps_operations = {
	.open		= pid_smaps_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= proc_map_release,
};

static int show_smaps_rollup(struct seq_file *m, void *v)
{
	struct proc_maps_private *priv = m->private;
	struct mem_size_stats mss = { 0 };
	struct mm_struct *mm = priv->mm;
	struct vm_area_struct *vma;
	unsigned long last_end = 0;

	if (!mm)
		return -ESRCH;
	mmap_read_lock(mm);
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		walk_page_vma(vma, &smaps_walk_ops, &mss);
		last_end = vma->vm_end;
	}
	show_vma_header_prefix(m, mm->mmap ? mm->mmap->vm_start : 0, last_end, 0, 0, 0, 0);
	mmap_read_unlock(mm);
	seq_pad(m, ' ');
	seq_puts(m, "[rollup]\n");
	__show_smap(m, &mss, true);
	return 0;
}

static int smaps_rollup_open(struct inode *inode, struct file *file)
{
	struct proc_maps_private *priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	int ret;

	if (!priv)
		return -ENOMEM;
	ret = single_open(file, show_smaps_rollup, priv);
	if (ret) {
		kfree(priv);
		return ret;
	}
	priv->inode = inode;
	priv->mm = proc_mem_open(inode);
	if (IS_ERR(priv->mm)) {
		ret = (int)PTR_ERR(priv->mm);
		single_release(inode, file);
		kfree(priv);
	}
	return ret;
}

static int smaps_rollup_release(struct inode *inode, struct file *file)
{
	struct seq_file *seq = file->private_data;
	struct proc_maps_private *priv = seq->private;

	if (priv->mm)
		mmput(priv->mm);
	kfree(priv);
	return single_release(inode, file);
}

const struct file_operations proc_pid_smaps_rollup_operations = {
	.open		= smaps_rollup_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= smaps_rollup_release,
};

/* ---- numa_maps ----------------------------------------------------------------------------- */

struct numa_maps {
	unsigned long pages, anon, dirty, active, mapcount_max;
	unsigned long node[MAX_NUMNODES];
};

static int gather_pte_stats(pte_t *ptep, unsigned long addr, unsigned long next,
			    struct mm_walk *walk)
{
	struct numa_maps *md = walk->private;
	pte_t pte = READ_ONCE(*ptep);
	struct page *page;
	int count;

	if (!pte_present(pte) || pte_special(pte))
		return 0;
	page = pte_page(pte);
	count = smaps_mapcount(page);
	md->pages++;
	if (pte_dirty(pte) || PageDirty(page))
		md->dirty++;
	if (vma_is_anonymous(walk->vma))
		md->anon++;
	if (PageActive(page) || PageUnevictable(page))
		md->active++;
	if ((unsigned long)count > md->mapcount_max)
		md->mapcount_max = (unsigned long)count;
	md->node[page_to_nid(page)]++;
	return 0;
}

static const struct mm_walk_ops show_numa_ops = {
	.pte_entry = gather_pte_stats,
};

/* One VMA's line: its policy, or the task's where it has none. */
static int show_numa_map(struct seq_file *m, void *v)
{
	struct proc_maps_private *priv = m->private;
	struct vm_area_struct *vma = v;
	struct mm_struct *mm = vma->vm_mm;
	struct numa_maps md = { 0 };
	char buffer[64];
	int nid;

	mpol_to_str(buffer, sizeof(buffer), vma_policy(vma) ?: priv->task_mempolicy);
	seq_printf(m, "%08lx %s", vma->vm_start, buffer);
	if (vma->vm_file) {
		seq_puts(m, " file=");
		seq_file_path(m, vma->vm_file, "\n\t= ");
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		seq_puts(m, " heap");
	} else if (is_stack(vma)) {
		seq_puts(m, " stack");
	}
	walk_page_vma(vma, &show_numa_ops, &md);
	if (md.pages) {
		if (md.anon)
			seq_printf(m, " anon=%lu", md.anon);
		if (md.dirty)
			seq_printf(m, " dirty=%lu", md.dirty);
		if (md.pages != md.anon && md.pages != md.dirty)
			seq_printf(m, " mapped=%lu", md.pages);
		if (md.mapcount_max > 1)
			seq_printf(m, " mapmax=%lu", md.mapcount_max);
		if (md.active < md.pages)
			seq_printf(m, " active=%lu", md.active);
		for_each_node_state(nid, N_MEMORY)
			if (md.node[nid])
				seq_printf(m, " N%d=%lu", nid, md.node[nid]);
		seq_printf(m, " kernelpagesize_kB=%lu", PAGE_SIZE >> 10);
	}
	seq_putc(m, '\n');
	return 0;
}

/* Linux's hold_task_mempolicy: the task's policy, for the VMAs without their own. */
static void *numa_m_start(struct seq_file *m, loff_t *ppos)
{
	struct proc_maps_private *priv = m->private;
	struct task_struct *task = get_proc_task(priv->inode);

	if (task) {
		priv->task_mempolicy = get_task_policy_ref(task);
		put_task_struct(task);
	}
	return m_start(m, ppos);
}

static void numa_m_stop(struct seq_file *m, void *v)
{
	struct proc_maps_private *priv = m->private;

	m_stop(m, v);
	mpol_put(priv->task_mempolicy);
	priv->task_mempolicy = NULL;
}

static const struct seq_operations proc_pid_numa_maps_op = {
	.start	= numa_m_start,
	.next	= m_next,
	.stop	= numa_m_stop,
	.show	= show_numa_map,
};

static int pid_numa_maps_open(struct inode *inode, struct file *file)
{
	return proc_maps_open(inode, file, &proc_pid_numa_maps_op);
}

const struct file_operations proc_pid_numa_maps_operations = {
	.open		= pid_numa_maps_open,
	.read_iter	= seq_read_iter,
	.llseek		= seq_lseek,
	.release	= proc_map_release,
};

/* ---- pagemap: a 64-bit entry per virtual page ------------------------------------------------ */

#define PM_ENTRY_BYTES		sizeof(u64)
#define PM_PFRAME_BITS		55
#define PM_PFRAME_MASK		((1ULL << PM_PFRAME_BITS) - 1)
#define PM_SOFT_DIRTY		(1ULL << 55)
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_UFFD_WP		(1ULL << 57)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)
#define PAGEMAP_WALK_SIZE	(PMD_SIZE)
#define PAGEMAP_WALK_MASK	(PMD_MASK)

struct pagemapread {
	unsigned int pos, len;		/* entries filled, room */
	u64 *buffer;
	bool show_pfn;			/* root only, as Linux (CAP_SYS_ADMIN) */
};

static int add_to_pagemap(u64 pme, struct pagemapread *pm)
{
	pm->buffer[pm->pos++] = pme;
	return pm->pos >= pm->len ? -ENOSPC : 0;
}

/* Holes and pages outside any VMA read as 0 (not present; soft-dirty is off here). */
static int pagemap_pte_hole(unsigned long start, unsigned long end, int depth,
			    struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;
	int err = 0;

	for (unsigned long addr = start; addr < end && !err; addr += PAGE_SIZE)
		err = add_to_pagemap(0, pm);
	return err;
}

static int pagemap_pte_entry(pte_t *ptep, unsigned long addr, unsigned long next,
			     struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;
	pte_t pte = READ_ONCE(*ptep);
	u64 frame = 0, flags = 0;

	if (pte_present(pte)) {
		struct page *page = pte_page(pte);

		if (pm->show_pfn)
			frame = pte_pfn(pte);
		flags |= PM_PRESENT;
		if (!pte_special(pte)) {
			if (!vma_is_anonymous(walk->vma))
				flags |= PM_FILE;
			if (smaps_mapcount(page) == 1)
				flags |= PM_MMAP_EXCLUSIVE;
		}
	}
	return add_to_pagemap((frame & PM_PFRAME_MASK) | flags, pm);
}

static const struct mm_walk_ops pagemap_ops = {
	.pte_entry = pagemap_pte_entry,
	.pte_hole = pagemap_pte_hole,
};

/* Linux's rule: reads at 8-byte offsets of 8-byte multiples; else -EINVAL. */
static ssize_t pagemap_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct mm_struct *mm = iocb->ki_filp->private_data;
	size_t count = iov_iter_count(to);
	unsigned long src = (unsigned long)iocb->ki_pos, svpfn, start_vaddr, end_vaddr;
	struct pagemapread pm;
	ssize_t copied = 0;
	int ret = 0;

	if (!mm || !mmget_not_zero(mm))
		return 0;
	if ((src & 7) || (count & 7)) {
		ret = -EINVAL;
		goto out_mm;
	}
	pm.show_pfn = !current->cred->euid;
	pm.len = PAGEMAP_WALK_SIZE >> PAGE_SHIFT;
	pm.buffer = kmalloc_array(pm.len, PM_ENTRY_BYTES, GFP_KERNEL);
	ret = -ENOMEM;
	if (!pm.buffer)
		goto out_mm;
	svpfn = src / PM_ENTRY_BYTES;
	end_vaddr = mm->task_size;
	start_vaddr = svpfn > (end_vaddr >> PAGE_SHIFT) ? end_vaddr : svpfn << PAGE_SHIFT;
	ret = 0;
	while (count && start_vaddr < end_vaddr) {
		unsigned long end = (start_vaddr + PAGEMAP_WALK_SIZE) & PAGEMAP_WALK_MASK;
		size_t len, n;

		if (end < start_vaddr || end > end_vaddr)
			end = end_vaddr;
		pm.pos = 0;
		mmap_read_lock(mm);
		ret = walk_page_range(mm, start_vaddr, end, &pagemap_ops, &pm);
		mmap_read_unlock(mm);
		start_vaddr = end;
		len = min(count, (size_t)pm.pos * PM_ENTRY_BYTES);
		n = copy_to_iter(pm.buffer, len, to);
		copied += (ssize_t)n;
		count -= n;
		if (n < len) {
			ret = copied ? 0 : -EFAULT;
			break;
		}
		if (ret == -ENOSPC)
			ret = 0;
		if (ret)
			break;
	}
	kfree(pm.buffer);
	iocb->ki_pos += copied;
out_mm:
	mmput(mm);
	return copied ? copied : ret;
}

static int pagemap_open(struct inode *inode, struct file *file)
{
	struct mm_struct *mm = proc_mem_open(inode);

	if (IS_ERR(mm))
		return (int)PTR_ERR(mm);
	if (mm) {
		/* Keep the struct (mm_count), not the address space (mm_users), open. */
		mmgrab(mm);
		mmput(mm);
	}
	file->private_data = mm;
	return 0;
}

static int pagemap_release(struct inode *inode, struct file *file)
{
	struct mm_struct *mm = file->private_data;

	if (mm)
		mmdrop(mm);
	return 0;
}

const struct file_operations proc_pagemap_operations = {
	.llseek		= generic_file_llseek,
	.read_iter	= pagemap_read,
	.open		= pagemap_open,
	.release	= pagemap_release,
};
