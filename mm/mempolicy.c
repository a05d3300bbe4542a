/*
 * NUMA memory policies (Linux's mm/mempolicy.c): set_mempolicy gives a task a policy,
 * mbind gives one to a range of its VMAs, get_mempolicy reports them, and every page
 * allocation follows one: alloc_pages the task's, vma_alloc_folio (user faults) the
 * VMA's or else the task's. MPOL_BIND limits the nodes, MPOL_PREFERRED(_MANY) tries
 * some first, MPOL_INTERLEAVE spreads pages round the nodes (a VMA's by page offset),
 * MPOL_LOCAL and default_policy take the allocating cpu's node first. No cpusets: the
 * nodes a task may use are those with memory. No page migration: mbind's MPOL_MF_MOVE
 * finds the misplaced pages and, like Linux when a migration fails, leaves them.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/capability.h>
#include <linux/gfp.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/pagewalk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>
#include <asm/uaccess.h>

/* Allocate on the local node, falling back along its zonelist: no policy set. */
static struct mempolicy default_policy = {
	.refcnt = ATOMIC_INIT(1),
	.mode = MPOL_LOCAL,
};

/* Linux's nr_node_ids: the highest possible node + 1, the bits a user nodemask needs. */
static unsigned long nr_node_ids(void)
{
	unsigned long possible = node_states[N_POSSIBLE].bits[0];

	return possible ? BITS_PER_LONG - __builtin_clzl(possible) : 1;
}

static struct mempolicy *get_task_policy(struct task_struct *p)
{
	return p->mempolicy ?: &default_policy;
}

struct mempolicy *get_task_policy_ref(struct task_struct *p)
{
	struct mempolicy *pol;

	task_lock(p);
	pol = get_task_policy(p);
	mpol_get(pol);
	task_unlock(p);
	return pol;
}

/* The policy of vma's pages, else the task's. Context: mmap_lock held. */
static struct mempolicy *get_vma_policy(struct vm_area_struct *vma)
{
	return vma_policy(vma) ?: get_task_policy(current);
}

/* ---- making a policy ------------------------------------------------------------------ */

/* Node n of mask counted from 0, round and round: where offset n interleaves to. */
static int nth_node(unsigned long n, const nodemask_t *mask)
{
	unsigned long target = n % (unsigned long)nodes_weight(mask);
	int nid = first_node(mask);

	while (target--)
		nid = next_node(nid + 1, mask);
	return nid;
}

/* MPOL_F_RELATIVE_NODES: node n of the user's mask means the n-th node of allowed. */
static void mpol_relative_nodemask(nodemask_t *ret, const nodemask_t *orig,
				   const nodemask_t *allowed)
{
	int n;

	nodes_clear(ret);
	for_each_node_mask(n, orig)
		node_set(nth_node((unsigned long)n, allowed), ret);
}

/* The mode flags split off *mode into *flags; -EINVAL for a bad mode or combination. */
static int sanitize_mpol_flags(int *mode, unsigned short *flags)
{
	*flags = *mode & MPOL_MODE_FLAGS;
	*mode &= ~MPOL_MODE_FLAGS;
	if ((unsigned int)*mode >= MPOL_MAX)
		return -EINVAL;
	if ((*flags & MPOL_F_STATIC_NODES) && (*flags & MPOL_F_RELATIVE_NODES))
		return -EINVAL;
	if (*flags & MPOL_F_NUMA_BALANCING) {
		if (*mode != MPOL_BIND)
			return -EINVAL;
		*flags |= MPOL_F_MOF | MPOL_F_MORON;
	}
	return 0;
}

/* The nodes the policy uses of the user's: those with memory, one for PREFERRED. */
static int mpol_set_nodemask(struct mempolicy *pol, const nodemask_t *nodes)
{
	const nodemask_t *allowed = &node_states[N_MEMORY];

	if (pol->mode == MPOL_LOCAL)
		return 0;
	if (pol->flags & MPOL_F_RELATIVE_NODES)
		mpol_relative_nodemask(&pol->nodes, nodes, allowed);
	else
		pol->nodes.bits[0] = nodes->bits[0] & allowed->bits[0];
	if (nodes_empty(&pol->nodes))
		return -EINVAL;
	if (pol->mode == MPOL_PREFERRED)
		pol->nodes.bits[0] &= -pol->nodes.bits[0];	/* its first node */
	if (pol->flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES))
		pol->w.user_nodemask = *nodes;
	return 0;
}

/* A new policy (NULL for MPOL_DEFAULT), or an ERR_PTR: -EINVAL for nodes that do not fit. */
static struct mempolicy *mpol_new(unsigned short mode, unsigned short flags,
				  const nodemask_t *nodes)
{
	struct mempolicy *pol;
	int err;

	if (mode == MPOL_DEFAULT)
		return nodes_empty(nodes) ? NULL : ERR_PTR(-EINVAL);
	if (mode == MPOL_PREFERRED && nodes_empty(nodes)) {
		if (flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES))
			return ERR_PTR(-EINVAL);
		mode = MPOL_LOCAL;
	} else if (mode == MPOL_LOCAL) {
		if (!nodes_empty(nodes) || (flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)))
			return ERR_PTR(-EINVAL);
	} else if (nodes_empty(nodes)) {
		return ERR_PTR(-EINVAL);
	}
	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	if (!pol)
		return ERR_PTR(-ENOMEM);
	atomic_set(&pol->refcnt, 1);
	pol->mode = mode;
	pol->flags = flags;
	err = mpol_set_nodemask(pol, nodes);
	if (err) {
		mpol_put(pol);
		return ERR_PTR(err);
	}
	return pol;
}

/*
 * A user nodemask of maxnode - 1 bits into *nodes: bits past the kernel's nodes must be
 * clear (-EINVAL), the mask readable (-EFAULT). No mask, or maxnode 1: no nodes.
 */
static int get_nodes(nodemask_t *nodes, const unsigned long __user *nmask,
		     unsigned long maxnode)
{
	unsigned long i, bits, w;

	nodes_clear(nodes);
	if (!nmask || --maxnode == 0)
		return 0;
	if (maxnode > PAGE_SIZE * 8)
		return -EINVAL;
	for (i = BITS_TO_LONGS(maxnode); i-- > 0;) {
		if (get_user(w, nmask + i))
			return -EFAULT;
		bits = maxnode - i * BITS_PER_LONG;
		if (bits < BITS_PER_LONG)
			w &= (1UL << bits) - 1;
		if (i == 0) {
			nodes->bits[0] = w & ((1UL << MAX_NUMNODES) - 1);
			w >>= MAX_NUMNODES;
		}
		if (w)
			return -EINVAL;
	}
	return 0;
}

/* ---- set_mempolicy, get_mempolicy ---------------------------------------------------- */

static long do_set_mempolicy(unsigned short mode, unsigned short flags, nodemask_t *nodes)
{
	struct mempolicy *new = mpol_new(mode, flags, nodes), *old;

	if (IS_ERR(new))
		return PTR_ERR(new);
	task_lock(current);
	old = current->mempolicy;
	current->mempolicy = new;
	if (new && new->mode == MPOL_INTERLEAVE)
		current->il_prev = MAX_NUMNODES - 1;
	task_unlock(current);
	mpol_put(old);
	return 0;
}

SYSCALL_DEFINE3(set_mempolicy, int, mode, const unsigned long __user *, nmask,
		unsigned long, maxnode)
{
	unsigned short flags;
	nodemask_t nodes;
	int err = sanitize_mpol_flags(&mode, &flags);

	if (err)
		return err;
	err = get_nodes(&nodes, nmask, maxnode);
	if (err)
		return err;
	return do_set_mempolicy((unsigned short)mode, flags, &nodes);
}

/* The node of the page mapped at addr, read-faulting it in first as Linux's gup does. */
static int lookup_node(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pfn = 0;
	spinlock_t *ptl;
	pte_t *ptep;
	int tries;

	if (!(vma->vm_flags & VM_READ) || (vma->vm_flags & (VM_IO | VM_PFNMAP)))
		return -EFAULT;
	addr &= PAGE_MASK;
	for (tries = 0; tries < 2 && !pfn; tries++) {
		if (tries && (handle_mm_fault(vma, addr, 0, NULL) & VM_FAULT_ERROR))
			return -EFAULT;
		if (follow_pte(mm, addr, &ptep, &ptl))
			continue;
		if (pte_present(*ptep))
			pfn = pte_pfn(*ptep);
		spin_unlock(ptl);
	}
	if (!pfn || !pfn_valid(pfn))
		return -EFAULT;
	return page_to_nid(pfn_to_page(pfn));
}

/* The nodes get_mempolicy reports for pol: as the user gave them, or those it uses. */
static void get_policy_nodemask(struct mempolicy *pol, nodemask_t *nodes)
{
	nodes_clear(nodes);
	if (pol->flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES))
		*nodes = pol->w.user_nodemask;
	else if (pol != &default_policy && pol->mode != MPOL_LOCAL)
		*nodes = pol->nodes;
}

/*
 * MPOL_F_NODE: the node of addr's page (with MPOL_F_ADDR), or the task's next
 * interleave node. The policy's reference is the caller's.
 */
static int get_mempolicy_node(struct mempolicy *pol, struct vm_area_struct *vma,
			      unsigned long addr, unsigned long flags)
{
	if (flags & MPOL_F_ADDR)
		return lookup_node(vma, addr);
	if (pol == current->mempolicy && pol->mode == MPOL_INTERLEAVE)
		return next_node_in(current->il_prev, &pol->nodes);
	return -EINVAL;
}

/* The policy (or with MPOL_F_NODE a node) into *policy and its nodes into *nmask. */
static long do_get_mempolicy(int *policy, nodemask_t *nmask, unsigned long addr,
			     unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct mempolicy *pol = current->mempolicy;
	struct vm_area_struct *vma = NULL;
	int ret = 0;

	if (flags & ~(unsigned long)(MPOL_F_NODE | MPOL_F_ADDR | MPOL_F_MEMS_ALLOWED))
		return -EINVAL;
	if (flags & MPOL_F_MEMS_ALLOWED) {
		if (flags & (MPOL_F_NODE | MPOL_F_ADDR))
			return -EINVAL;
		*policy = 0;
		*nmask = node_states[N_MEMORY];
		return 0;
	}
	if (flags & MPOL_F_ADDR) {
		mmap_read_lock(mm);
		vma = vma_lookup(mm, addr);
		if (!vma) {
			mmap_read_unlock(mm);
			return -EFAULT;
		}
		pol = vma_policy(vma);
	} else if (addr) {
		return -EINVAL;
	}
	if (!pol)
		pol = &default_policy;
	if (flags & MPOL_F_NODE)
		ret = get_mempolicy_node(pol, vma, addr, flags);
	else
		*policy = (pol == &default_policy ? MPOL_DEFAULT : pol->mode) |
			  (pol->flags & MPOL_MODE_FLAGS);
	if (ret >= 0) {
		if (flags & MPOL_F_NODE)
			*policy = ret;
		get_policy_nodemask(pol, nmask);
	}
	if (vma)
		mmap_read_unlock(mm);
	return ret < 0 ? ret : 0;
}

/* The nodes into a user mask of maxnode - 1 bits, zeroing the bits past the kernel's. */
static int copy_nodes_to_user(unsigned long __user *mask, unsigned long maxnode,
			      nodemask_t *nodes)
{
	unsigned long copy = ALIGN(maxnode - 1, 64) / 8;
	unsigned long nbytes = BITS_TO_LONGS(nr_node_ids()) * sizeof(long);

	if (copy > nbytes) {
		if (copy > PAGE_SIZE)
			return -EINVAL;
		if (clear_user((char __user *)mask + nbytes, copy - nbytes))
			return -EFAULT;
		copy = nbytes;
	}
	return copy_to_user(mask, nodes->bits, copy) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(get_mempolicy, int __user *, policy, unsigned long __user *, nmask,
		unsigned long, maxnode, unsigned long, addr, unsigned long, flags)
{
	nodemask_t nodes;
	int pval;
	long err;

	if (nmask && maxnode < nr_node_ids())
		return -EINVAL;
	err = do_get_mempolicy(&pval, &nodes, addr, flags);
	if (err)
		return err;
	if (policy && put_user(pval, policy))
		return -EFAULT;
	return nmask ? copy_nodes_to_user(nmask, maxnode, &nodes) : 0;
}

/* ---- mbind ------------------------------------------------------------------------------ */

/* What the walk over mbind's range looks for: pages off the nodes (Linux's queue_pages). */
struct queue_pages {
	const nodemask_t *nmask;
	unsigned long flags;
	bool misplaced;
};

/*
 * A page outside the nodes: with MPOL_MF_STRICT alone the walk stops (-EIO); with a MOVE
 * flag it is one that could not be moved (no migration here), and the walk goes on.
 */
static int queue_pages_pte(pte_t *ptep, unsigned long addr, unsigned long next,
			   struct mm_walk *walk)
{
	struct queue_pages *qp = walk->private;
	pte_t pte = READ_ONCE(*ptep);

	if (!pte_present(pte) || pte_special(pte) || !pfn_valid(pte_pfn(pte)) ||
	    node_isset(page_to_nid(pte_page(pte)), qp->nmask))
		return 0;
	qp->misplaced = true;
	return (qp->flags & MPOL_MF_VALID) == MPOL_MF_STRICT ? -EIO : 0;
}

static const struct mm_walk_ops queue_pages_walk_ops = {
	.pte_entry = queue_pages_pte,
};

/*
 * [start, end) must be mapped without holes (-EFAULT) unless the policy is the default;
 * with MPOL_MF_STRICT or a MOVE flag its pages are checked. Linux's queue_pages_range.
 */
static int queue_pages_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			     struct queue_pages *qp, bool discontig_ok)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long covered = start;

	if (!vma || vma->vm_start >= end)
		return -EFAULT;
	for (; vma && vma->vm_start < end; vma = vma->vm_next) {
		if (!discontig_ok && vma->vm_start > covered)
			return -EFAULT;
		covered = vma->vm_end;
	}
	if (!discontig_ok && covered < end)
		return -EFAULT;
	if (!(qp->flags & MPOL_MF_VALID))
		return 0;
	return walk_page_range(mm, start, end, &queue_pages_walk_ops, qp);
}

/* vma takes new as its policy (a reference of its own). mmap_lock held for writing. */
static void vma_replace_policy(struct vm_area_struct *vma, struct mempolicy *new)
{
	struct mempolicy *old = vma_policy(vma);

	mpol_get(new);
	vma->vm_policy = new;
	mpol_put(old);
}

/* Every VMA in [start, end) gets new, merged with neighbours or split off to fit. */
static int mbind_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		       struct mempolicy *new)
{
	struct vm_area_struct *prev, *vma = find_vma_prev(mm, start, &prev);

	for (; vma && vma->vm_start < end; prev = vma, vma = vma->vm_next) {
		unsigned long vmstart = max(start, vma->vm_start);

		if (mpol_equal(vma_policy(vma), new))
			continue;
		vma = vma_modify(prev, vma, vmstart, min(end, vma->vm_end), vma->vm_flags, new);
		if (IS_ERR(vma))
			return (int)PTR_ERR(vma);
		vma_replace_policy(vma, new);
	}
	return 0;
}

static long do_mbind(unsigned long start, unsigned long len, unsigned short mode,
		     unsigned short mode_flags, nodemask_t *nmask, unsigned long flags)
{
	struct queue_pages qp = { .nmask = nmask };
	struct mm_struct *mm = current->mm;
	struct mempolicy *new;
	unsigned long end;
	int err;

	if (flags & ~(unsigned long)MPOL_MF_VALID)
		return -EINVAL;
	if ((flags & MPOL_MF_MOVE_ALL) && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (mode == MPOL_DEFAULT)
		flags &= ~(unsigned long)MPOL_MF_STRICT;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	new = mpol_new(mode, mode_flags, nmask);
	if (IS_ERR(new))
		return PTR_ERR(new);
	qp.flags = flags;
	mmap_write_lock(mm);
	err = queue_pages_range(mm, start, end, &qp, !new);
	if (!err)
		err = mbind_range(mm, start, end, new);
	/* The pages a MOVE left behind: Linux's failed migrations. */
	if (!err && qp.misplaced && (flags & MPOL_MF_STRICT))
		err = -EIO;
	mmap_write_unlock(mm);
	mpol_put(new);
	return err;
}

SYSCALL_DEFINE6(mbind, unsigned long, start, unsigned long, len, unsigned long, mode,
		const unsigned long __user *, nmask, unsigned long, maxnode, unsigned int, flags)
{
	unsigned short mode_flags;
	int lmode = (int)mode;
	nodemask_t nodes;
	int err = sanitize_mpol_flags(&lmode, &mode_flags);

	if (err)
		return err;
	err = get_nodes(&nodes, nmask, maxnode);
	if (err)
		return err;
	return do_mbind(start, len, (unsigned short)lmode, mode_flags, &nodes,
			flags);
}

/* ---- allocating by policy --------------------------------------------------------------- */

/* The task's next interleave node, after the one its last page went to. */
static int interleave_nodes(struct mempolicy *pol)
{
	struct task_struct *me = current;
	int next = next_node_in(me->il_prev, &pol->nodes);

	if (next < MAX_NUMNODES)
		me->il_prev = (short)next;
	return next;
}

/* A VMA's pages interleave by their offset in it, so a page's node never depends on when. */
static int interleave_nid(struct mempolicy *pol, struct vm_area_struct *vma, unsigned long addr)
{
	return nth_node(vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT), &pol->nodes);
}

/* Only BIND and PREFERRED_MANY restrict the nodes (NULL: any). */
static nodemask_t *policy_nodemask(gfp_t gfp, struct mempolicy *pol)
{
	if (pol->mode == MPOL_BIND || pol->mode == MPOL_PREFERRED_MANY)
		return &pol->nodes;
	return NULL;
}

/* The node whose zonelist the allocation walks: PREFERRED's node, else nd (local). */
static int policy_node(gfp_t gfp, struct mempolicy *pol, int nd)
{
	if (pol->mode == MPOL_PREFERRED)
		return first_node(&pol->nodes);
	WARN_ON_ONCE(pol->mode == MPOL_BIND && (gfp & __GFP_THISNODE));
	return nd;
}

static struct page *alloc_page_interleave(gfp_t gfp, unsigned int order, int nid)
{
	struct page *page = __alloc_pages(gfp, order, nid, NULL);

	if (page && page_to_nid(page) == nid) {
		preempt_disable();
		__count_numa_event(page_zone(page), NUMA_INTERLEAVE_HIT);
		preempt_enable();
	}
	return page;
}

/* The preferred nodes without reclaim first, then any node the ordinary way. */
static struct page *alloc_pages_preferred_many(gfp_t gfp, unsigned int order, int nid,
					       struct mempolicy *pol)
{
	gfp_t preferred_gfp = (gfp | __GFP_NOWARN) & ~(__GFP_DIRECT_RECLAIM | __GFP_NOFAIL);
	struct page *page = __alloc_pages(preferred_gfp, order, nid, &pol->nodes);

	return page ?: __alloc_pages(gfp, order, nid, NULL);
}

/* 2^order pages by pol; il_nid: the node an interleave policy gives this allocation. */
static struct page *alloc_pages_mpol(gfp_t gfp, unsigned int order, struct mempolicy *pol,
				     int il_nid)
{
	int nid = policy_node(gfp, pol, numa_mem_id());

	if (pol->mode == MPOL_INTERLEAVE)
		return alloc_page_interleave(gfp, order, il_nid);
	if (pol->mode == MPOL_PREFERRED_MANY)
		return alloc_pages_preferred_many(gfp, order, nid, pol);
	return __alloc_pages(gfp, order, nid, policy_nodemask(gfp, pol));
}

/*
 * 2^order pages by the task's policy (the page cache's and the kernel's allocations in
 * process context); interrupts and __GFP_THISNODE take the local node's.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct mempolicy *pol = &default_policy;

	if (!in_interrupt() && !(gfp & __GFP_THISNODE))
		pol = get_task_policy(current);
	return alloc_pages_mpol(gfp, order, pol,
				pol->mode == MPOL_INTERLEAVE ? interleave_nodes(pol) : 0);
}

/*
 * A folio for the user page at addr of vma, by vma's policy. No transparent huge pages
 * here, so hugepage changes nothing. Context: mmap_lock held (vm_policy stays).
 */
struct folio *vma_alloc_folio(gfp_t gfp, int order, struct vm_area_struct *vma,
			      unsigned long addr, bool hugepage)
{
	struct mempolicy *pol = get_vma_policy(vma);
	int il_nid = 0;
	struct page *page;

	if (pol->mode == MPOL_INTERLEAVE)
		il_nid = interleave_nid(pol, vma, addr);
	page = alloc_pages_mpol(gfp, (unsigned int)order, pol, il_nid);
	return page ? page_folio(page) : NULL;
}

/* ---- /proc/PID/numa_maps ---------------------------------------------------------------- */

static const char * const policy_modes[] = {
	[MPOL_DEFAULT]		= "default",
	[MPOL_PREFERRED]	= "prefer",
	[MPOL_BIND]		= "bind",
	[MPOL_INTERLEAVE]	= "interleave",
	[MPOL_LOCAL]		= "local",
	[MPOL_PREFERRED_MANY]	= "prefer (many)",
};

void mpol_to_str(char *buffer, int maxlen, struct mempolicy *pol)
{
	unsigned short mode = MPOL_DEFAULT, flags = 0;
	nodemask_t nodes = NODE_MASK_NONE;
	int len;

	/* NUMA balancing's policies (MORON) show as the default, as in Linux. */
	if (pol && pol != &default_policy && !(pol->flags & MPOL_F_MORON)) {
		mode = pol->mode;
		flags = pol->flags;
		if (mode != MPOL_LOCAL)
			nodes = pol->nodes;
	}
	len = scnprintf(buffer, (size_t)maxlen, "%s", policy_modes[mode]);
	if (flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES))
		len += scnprintf(buffer + len, (size_t)(maxlen - len), "=%s",
				 flags & MPOL_F_STATIC_NODES ? "static" : "relative");
	if (!nodes_empty(&nodes))
		scnprintf(buffer + len, (size_t)(maxlen - len), ":%*pbl", MAX_NUMNODES,
			  nodes.bits);
}
